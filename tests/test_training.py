"""The NER training package: KIND conversion, strict span scoring, smoke training, the committed model."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from itnet.errors import PipelineError
from itnet.training import commands, train
from itnet.training.convert import convert_files, read_tagged_sentences, spaces_for, write_raw_text
from itnet.training.evaluate_ner import MICRO, SpanScore, score_spans

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "it_kind_ner"

KIND_SAMPLE = """Il\tO
sindaco\tO
dell'\tO
università\tB-ORG
di\tI-ORG
Padova\tI-ORG
,\tO
Mario\tB-PER
Rossi\tI-PER
,\tO
è\tO
a\tO
Roma\tB-LOC
.\tO

La\tO
Juventus\tB-ORG
vince\tO
.\tO
"""

WIKINEURAL_SAMPLE = """0\tIl\tO
1\tfilm\tO
2\tTitanic\tB-MISC
3\tè\tO
4\tstato\tO
5\tgirato\tO
6\ta\tO
7\tMalta\tB-LOC
8\t.\tO
"""
WIKINEURAL_TEST_SAMPLE = WIKINEURAL_SAMPLE.replace("Malta", "Gozo")


def run_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    commands.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("words", "text"),
    [
        (("dell'", "università", "di", "Padova"), "dell'università di Padova"),
        (("Roma", ",", "Milano", "."), "Roma, Milano."),
        (("il", "comune", "(", "PD", ")", "e"), "il comune (PD) e"),
        (("ha", "detto", "«", "sì", "»", "ieri"), "ha detto «sì» ieri"),
        (("disse", '"', "basta", '"', "e"), 'disse "basta" e'),
    ],
)
def test_spaces_rebuild_italian_typesetting(words, text):
    spaces = spaces_for(words)
    assert "".join(word + " " * space for word, space in zip(words, spaces)).strip() == text


def test_convert_kind_file_keeps_raw_text_and_gold_spans(tmp_path):
    output = tmp_path / "kind.spacy"
    convert_files(spacy.blank("it"), [write(tmp_path / "WN_dev.tsv", KIND_SAMPLE)], output)
    (doc,) = DocBin().from_disk(output).get_docs(spacy.blank("it").vocab)
    assert doc.text == "Il sindaco dell'università di Padova, Mario Rossi, è a Roma. La Juventus vince."
    assert [(ent.text, ent.label_) for ent in doc.ents] == [
        ("università di Padova", "ORG"), ("Mario Rossi", "PER"), ("Roma", "LOC"), ("Juventus", "ORG")]


def test_wikineural_misc_becomes_outside(tmp_path):
    (sentence,) = read_tagged_sentences(write(tmp_path / "it_val.conllu", WIKINEURAL_SAMPLE))
    assert sentence.words[2] == "Titanic"
    assert sentence.tags[2] == "O"
    assert sentence.tags[7] == "B-LOC"


def test_raw_text_for_pretraining_has_text_without_tags(tmp_path):
    output = tmp_path / "raw.jsonl"
    lines = write_raw_text([write(tmp_path / "WN_train.tsv", KIND_SAMPLE),
                            write(tmp_path / "it_val.conllu", WIKINEURAL_SAMPLE)], output)
    assert lines == 2
    assert [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()] == [
        {"text": "Il sindaco dell'università di Padova, Mario Rossi, è a Roma. La Juventus vince."},
        {"text": "Il film Titanic è stato girato a Malta."}]


def test_score_spans_known_counts():
    gold = [{(0, 5, "PER"), (10, 15, "LOC")}]
    predicted = [{(0, 5, "PER"), (10, 14, "LOC"), (20, 25, "ORG")}]
    scores = score_spans(gold, predicted)
    assert scores["PER"] == SpanScore(1, 0, 0)
    assert scores["LOC"] == SpanScore(0, 1, 1)
    assert scores["ORG"] == SpanScore(0, 1, 0)
    assert scores[MICRO].precision == pytest.approx(1 / 3)
    assert scores[MICRO].recall == pytest.approx(1 / 2)
    assert scores[MICRO].f1 == pytest.approx(0.4)


def test_evaluate_ner_command_prints_strict_scores(tmp_path, capsys):
    # A rule-based "model" with known output: it finds Roma (right), Mario (a partial PER, wrong)
    # and Juventus as LOC (wrong label), and misses the university and Mario Rossi.
    nlp = spacy.blank("it")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "LOC", "pattern": "Roma"}, {"label": "PER", "pattern": "Mario"},
        {"label": "LOC", "pattern": "Juventus"}])
    nlp.to_disk(tmp_path / "rules")
    exit_code = run_command(["evaluate-ner", str(write(tmp_path / "sample.tsv", KIND_SAMPLE)),
                          "--model", str(tmp_path / "rules")])
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[1:5]}
    assert exit_code == 0
    assert rows["LOC"] == ["0.500", "1.000", "0.667", "1"]
    assert rows["PER"] == ["0.000", "0.000", "0.000", "1"]
    assert rows["ORG"] == ["0.000", "0.000", "0.000", "2"]
    assert rows["micro"] == ["0.333", "0.250", "0.286", "4"]


def test_evaluate_ner_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(PipelineError, match=r"^\[E001\]"):
        run_command(["evaluate-ner", str(tmp_path / "absent.tsv")])


def write_shared_data(root: Path) -> Path:
    """A tiny copy of the shared data layout under `root`: `kind/` and `wikineural/` side by side."""
    kind = root / "kind"
    kind.mkdir()
    for domain in train.DOMAINS:
        for split in ("train", "dev"):
            write(kind / f"{domain}_{split}.tsv", KIND_SAMPLE)
    (kind / "gazetteers").mkdir()
    write(kind / "gazetteers" / "it-ORG-wikipedia.txt", "ORG Juventus\nORG Università di Padova\n")
    wikineural = root / "wikineural"
    wikineural.mkdir()
    write(wikineural / "it_val.conllu", WIKINEURAL_SAMPLE)
    write(wikineural / "it_test.conllu", WIKINEURAL_TEST_SAMPLE)
    return root


@pytest.fixture()
def shared_data(tmp_path):
    return write_shared_data(tmp_path)


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory):
    """One smoke training of `ner.cfg` (teachers, distillation, student); the data root it used."""
    root = write_shared_data(tmp_path_factory.mktemp("smoke"))
    assert train.main(["--kind", str(root / "kind"), "--out", str(root / "model"), "--runs", str(root / "runs"),
                       "--smoke"]) == 0
    return root


@pytest.mark.slow
def test_smoke_training_writes_loadable_pipeline(smoke_run):
    nlp = spacy.load(smoke_run / "model")
    assert nlp.lang == "it"
    assert set(nlp.get_pipe("ner").labels) == {"LOC", "ORG", "PER"}
    # the exported model looks names up in every fold, and knows the training names
    assert nlp.pipe_names == ["gazetteer", "lexicon", "tok2vec", "ner"]
    assert not nlp.get_pipe("gazetteer").jackknife
    doc = nlp("La Juventus vince.")
    assert doc[1].tag_ == "GAZ_OBO_OBO"
    assert str(doc[1].morph) == "Lex=Other|Zipf=4"
    assert str(doc[2].morph).startswith("Lex=Common|")


@pytest.mark.slow
def test_smoke_training_distils_from_one_teacher_per_seed(smoke_run):
    teachers = smoke_run / "runs" / "smoke" / "teachers"
    assert sorted(path.name for path in teachers.iterdir()) == [f"seed{seed}" for seed in train.SMOKE_TEACHER_SEEDS]
    assert all((teachers / f"seed{seed}" / "model-best").is_dir() for seed in train.SMOKE_TEACHER_SEEDS)
    assert "Initial learn rate" in (teachers / "seed0" / "train.log").read_text(encoding="utf-8")


@pytest.mark.slow
def test_smoke_training_distils_onto_the_unlabelled_file_only(smoke_run):
    silver = DocBin().from_disk(smoke_run / "runs" / "smoke" / "corpus" / "train" / "distilled.spacy")
    assert [doc.text for doc in silver.get_docs(spacy.blank("it").vocab)] == ["Il film Titanic è stato girato a Gozo."]


def listed_places(names_path: Path) -> set[str]:
    return {record["name"] for record in map(json.loads, names_path.read_text(encoding="utf-8").splitlines())
            if record["label"] == "LOC" and record["source"] == "external"}


@pytest.mark.slow
def test_student_gazetteer_leaves_out_the_names_of_its_silver_text(smoke_run):
    corpus = smoke_run / "runs" / "smoke" / "corpus"
    assert {"Malta", "Gozo"} <= listed_places(corpus / "gazetteer_names.jsonl")
    student_places = listed_places(corpus / "student_gazetteer_names.jsonl")
    assert "Malta" in student_places
    assert "Gozo" not in student_places


@pytest.mark.slow
def test_smoke_training_with_pretraining_starts_from_pretrained_weights(shared_data):
    # run B's config: pretraining does not depend on the gazetteer, lexicon or distillation
    assert train.main(["--kind", str(shared_data / "kind"), "--out", str(shared_data / "model"),
                       "--runs", str(shared_data / "runs"), "--smoke", "--pretrain",
                       "--config", str(train.CONFIG_PATH.with_name("ner_plain.cfg"))]) == 0
    weights = shared_data / "runs" / "smoke" / "pretrain" / "model0.bin"
    assert weights.is_file()
    assert spacy.load(shared_data / "model").config["paths"]["init_tok2vec"] == str(weights)


def test_training_without_wikineural_text_is_a_user_error(shared_data, capsys):
    exit_code = train.main(["--kind", str(shared_data / "kind"), "--out", str(shared_data / "model"),
                            "--pretrain", "--wikineural", str(shared_data / "absent"), "--smoke"])
    assert exit_code == 2
    assert capsys.readouterr().err.startswith("error: WikiNEuRal files")


def test_corpora_leave_no_training_file_of_an_earlier_run(shared_data):
    corpus = shared_data / "runs" / "corpus"
    (corpus / "train").mkdir(parents=True)
    (corpus / "train" / "distilled.spacy").write_bytes(b"from an earlier run")
    train_dir, _ = train.build_corpora(shared_data / "kind", None, corpus, None)
    assert sorted(path.name for path in train_dir.iterdir()) == ["train.spacy"]


def test_distilling_onto_an_unknown_file_is_a_user_error(shared_data, capsys):
    config = train.CONFIG_PATH.read_text(encoding="utf-8").replace(
        'unlabelled_files = ["it_test.conllu"]', 'unlabelled_files = ["it_train.conllu"]')
    exit_code = train.main(["--kind", str(shared_data / "kind"), "--out", str(shared_data / "model"),
                            "--runs", str(shared_data / "runs"), "--smoke",
                            "--config", str(write(shared_data / "ner.cfg", config))])
    error = capsys.readouterr().err
    assert exit_code == 2
    assert error.startswith("error: ")
    assert "must be among it_val.conllu, it_test.conllu" in error


@pytest.fixture(scope="module")
def committed_model():
    return spacy.load(MODEL_DIR)


def test_committed_model_keeps_kind_labels(committed_model):
    assert set(committed_model.get_pipe("ner").labels) == {"LOC", "ORG", "PER"}


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Il sindaco di Milano Giuseppe Sala ha incontrato ieri il presidente della Regione.",
         ("Giuseppe Sala", "PER")),
        ("Il progetto è finanziato dalla Commissione europea e coordinato dal Comune di Bologna.",
         ("Commissione europea", "ORG")),
        ("La delegazione è arrivata a Bruxelles lunedì mattina.", ("Bruxelles", "LOC")),
    ],
)
def test_committed_model_tags_raw_italian_text(committed_model, text, entity):
    assert entity in {(ent.text, ent.label_) for ent in committed_model(text).ents}
