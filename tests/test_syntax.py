"""The syntax component (models/it_syntax after the NER): real UD tags, lemmas and
dependencies on every token, and the line splitter's sentences kept beside the parser's."""

from __future__ import annotations

import pytest

from itnet.errors import PipelineError
from itnet.nlp.build import PIPELINE_CONFIG, load_pipeline
from itnet.nlp.model_paths import CHECKOUT_MODELS, NER_MODEL
from itnet.nlp.syntax import SyntaxParser


def parsed(loaded, text):
    return loaded.nlp(text)


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("Il Comune di Bologna ha aderito alla rete.", "aderito", "aderire"),
        ("Carrara e Alba entrano nella rete.", "entrano", "entrare"),
        ("La città intende aderire ad Eurocities.", "intende", "intendere"),
        ("Genova è stata eletta nel comitato esecutivo.", "eletta", "eleggere"),
    ],
)
def test_verbs_get_their_infinitive(loaded, text, word, lemma):
    token = next(t for t in parsed(loaded, text) if t.text == word)
    assert token.lemma_ == lemma and token.pos_ in {"VERB", "AUX"}


def test_tags_are_ud_not_the_ner_features(loaded):
    doc = parsed(loaded, "Il Comune di Torino ha aderito alla Coalizione europea.")
    assert not any(t.tag_.startswith("GAZ_") for t in doc)
    assert {t.pos_ for t in doc} <= {"DET", "NOUN", "ADP", "PROPN", "AUX", "VERB", "ADJ", "PUNCT"}


@pytest.mark.parametrize(
    ("text", "member", "verb"),
    [
        ("Pesaro entra nella rete delle Città Sane.", "Pesaro", "entra"),
        ("Il Comune di Bari ha aderito alla rete.", "Comune", "aderito"),
    ],
)
def test_subject_hangs_on_the_verb(loaded, text, member, verb):
    token = next(t for t in parsed(loaded, text) if t.text == member)
    assert token.dep_.startswith("nsubj") and token.head.text == verb


def test_parser_keeps_the_line_splitters_sentences(loaded):
    doc = parsed(loaded, "Torino entra nella rete ECCAR\nIl Comune ha aderito alla Coalizione.")
    lines = [s.text.strip() for s in doc.spans["line_sentences"]]
    assert lines == ["Torino entra nella rete ECCAR", "Il Comune ha aderito alla Coalizione."]
    assert all(any(s.start_char <= p.start_char and p.end_char <= s.end_char for s in doc.spans["line_sentences"]) for p in doc.sents)


def test_missing_model_is_a_numbered_error_when_the_pipeline_loads(tmp_path):
    config = PIPELINE_CONFIG.read_text(encoding="utf-8").replace('model = "it_syntax"', f'model = "{tmp_path / "absent"}"')
    (tmp_path / "pipeline.cfg").write_text(config, encoding="utf-8")
    with pytest.raises(PipelineError, match=r"\[E012\].*absent"):
        load_pipeline(str(CHECKOUT_MODELS / NER_MODEL), config_path=tmp_path / "pipeline.cfg")


def test_the_saved_syntax_model_is_read_from_the_components_folder(loaded, tmp_path):
    """A saved pipeline needs no syntax model where it loads: the folder has it."""
    syntax = loaded.nlp.get_pipe("syntax")
    syntax.to_disk(tmp_path / "syntax", exclude=["vocab"])
    assert not (tmp_path / "syntax" / "vocab").exists()  # the pipeline's vocab, saved once
    from_folder = SyntaxParser(loaded.nlp, str(tmp_path / "absent")).from_disk(tmp_path / "syntax")
    text = "Il Comune di Bologna ha aderito alla rete delle Città Sane."

    def parse(component):
        return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in component(loaded.nlp.make_doc(text))]

    assert parse(from_folder) == parse(syntax)
    assert parse(syntax)[5][4] == "ROOT"
