"""Train and score the UD syntax model (`models/it_syntax`): tok2vec, morphologizer, tagger,
edit-tree lemmatizer and parser, trained on the UD Italian treebanks of `shared/data/ud`.

CoNLL-U is read with spaCy's own converter (`spacy convert -c conllu -T -n 10`): multiword
tokens are merged into their surface token ("della", not "di" + "la"), which is how spaCy's
Italian tokenizer sees raw text, and ten sentences make one document.

Train is every `*.conllu` of the UD folder except ISDT dev (and ISDT test, kept apart to
measure the project's models on unseen text); dev, which picks the best checkpoint, is ISDT
dev. Scoring runs the model on the file's gold surface tokens, so tokenization is never
wrong and the figures are those of the tagger, lemmatizer and parser alone.
"""

from __future__ import annotations

import json
import shutil
import time
from contextlib import redirect_stdout
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.training.converters import conllu_to_docs

REPO = Path(__file__).resolve().parents[2]
CONFIG_PATH = REPO / "models" / "it_syntax" / "train.cfg"
DEFAULT_MODEL = REPO / "models" / "it_syntax"
DEFAULT_RUNS = REPO / "training-runs" / "syntax"
SENTENCES_PER_DOC = 10
DEV_FILE = "it_isdt-ud-dev.conllu"
HELD_OUT_PATTERN = "it_isdt-ud-test"  # never trained on, wherever it turns up
MODEL_FILES = ("config.cfg", "meta.json", "tokenizer", "vocab")
MODEL_META = {
    "name": "syntax",
    "version": "1.0.0",
    "description": "Italian UPOS, XPOS, morphology, lemmas and dependencies (UD) on spaCy's surface tokens: "
                   "CNN tok2vec shared by a morphologizer, a tagger, an edit-tree lemmatizer and a parser, "
                   "trained on UD Italian ParTUT, VIT and PoSTWITA (ISDT dev for selection); CPU-only.",
    "license": "CC BY-NC-SA 4.0",
    "sources": [
        {"name": "UD Italian-ParTUT, -VIT, -PoSTWITA (train/dev/test files that were available), "
                 "UD Italian-ISDT dev (checkpoint selection)",
         "url": "https://universaldependencies.org/",
         "license": "CC BY-NC-SA 3.0 (ISDT, VIT), CC BY-NC-SA 4.0 (ParTUT, PoSTWITA)"},
    ],
}
# What `evaluate_conllu` reports, in the order the CLI prints it: (key, label, spaCy score).
SCORES = (
    ("upos", "UPOS", "pos_acc"),
    ("xpos", "XPOS", "tag_acc"),
    ("feats", "FEATS", "morph_acc"),
    ("lemma", "lemma", "lemma_acc"),
    ("uas", "UAS", "dep_uas"),
    ("las", "LAS", "dep_las"),
    ("sents_f", "sentence F1", "sents_f"),
)


class ConlluError(ValueError):
    """A CoNLL-U file the converter cannot read; `path` names it."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path


def read_conllu(path: Path, nlp: Language | None = None) -> list[Doc]:
    """The file's gold documents (merged surface tokens, ten sentences each) in `nlp`'s vocab."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ConlluError(path, f"not UTF-8 ({error})") from error
    try:
        docs = list(conllu_to_docs(text, n_sents=SENTENCES_PER_DOC, merge_subtokens=True, no_print=True))
    except (ValueError, IndexError, KeyError) as error:
        raise ConlluError(path, f"not CoNLL-U ({type(error).__name__}: {error})") from error
    if not docs or not any(len(doc) for doc in docs):
        raise ConlluError(path, "no sentences")
    # Through a DocBin, as `spacy convert` writes them: same strings, no converter user data.
    docbin = DocBin(docs=docs, store_user_data=False)
    vocab = nlp.vocab if nlp is not None else spacy.blank("it").vocab
    return list(docbin.get_docs(vocab))


def training_files(ud_dir: Path) -> tuple[list[Path], Path]:
    """(train files, dev file) of a UD folder: every CoNLL-U file but ISDT dev and test; ISDT dev."""
    dev = ud_dir / DEV_FILE
    if not dev.is_file():
        raise FileNotFoundError(dev)
    train = [path for path in sorted(ud_dir.glob("*.conllu"))
             if path.name != DEV_FILE and HELD_OUT_PATTERN not in path.name]
    if not train:
        raise FileNotFoundError(ud_dir / "*.conllu")
    return train, dev


def build_corpora(ud_dir: Path, corpus_dir: Path) -> tuple[Path, Path]:
    """Write `train/` (one `.spacy` per training file) and `dev/` under `corpus_dir`; return both folders."""
    train_files, dev_file = training_files(ud_dir)
    nlp = spacy.blank("it")
    folders = {"train": train_files, "dev": [dev_file]}
    for name, files in folders.items():
        folder = corpus_dir / name
        # spaCy reads every `.spacy` file of the folder: none may be left from an earlier run.
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for path in files:
            DocBin(docs=read_conllu(path, nlp)).to_disk(folder / f"{path.stem}.spacy")
    return corpus_dir / "train", corpus_dir / "dev"


def train_syntax(ud_dir: Path, out_dir: Path, runs_dir: Path = DEFAULT_RUNS, config_path: Path = CONFIG_PATH,
                 overrides: dict | None = None) -> dict[str, float]:
    """Convert, train `config_path` (its seed is fixed) on CPU, write the best checkpoint to `out_dir`.

    The run (corpora, spaCy's output folder, `train.log`) lives in `runs_dir`. `out_dir`'s
    other files (the model card, `train.cfg`) are kept; the training config is copied there
    when it is not already. Returns the best checkpoint's dev scores and the training minutes.
    """
    train_path, dev_path = build_corpora(ud_dir, runs_dir / "corpus")
    output = runs_dir / "output"
    output.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with (runs_dir / "train.log").open("w", encoding="utf-8") as log, redirect_stdout(log):
        spacy_train(config_path, output, overrides={"paths.train": str(train_path), "paths.dev": str(dev_path),
                                                    **(overrides or {})})
    minutes = (time.perf_counter() - started) / 60
    nlp = spacy.load(output / "model-best")
    nlp.meta.update(MODEL_META)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in (*MODEL_FILES, *nlp.pipe_names):  # the old model's pieces, not the card
        target = out_dir / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    nlp.to_disk(out_dir)
    if (out_dir / "train.cfg").resolve() != config_path.resolve():
        shutil.copyfile(config_path, out_dir / "train.cfg")
    summary = {key: round(float(nlp.meta["performance"][score] or 0.0), 4) for key, _, score in SCORES}
    summary["training_minutes"] = round(minutes, 1)
    (runs_dir / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def load_model(model: str | Path | Language) -> Language:
    return model if isinstance(model, Language) else spacy.load(model)


def evaluate_conllu(path: Path, model: str | Path | Language = DEFAULT_MODEL) -> dict[str, float]:
    """Score the syntax model on a CoNLL-U file, run on the file's gold surface tokens.

    Returns the accuracies `upos`, `xpos`, `feats`, `lemma`, the attachment scores `uas`,
    `las` and the sentence-boundary F1 `sents_f` (all between 0 and 1), the counts `tokens`,
    `sentences` (gold) and `predicted_sentences`, and `words_per_second` of the pipeline.
    """
    nlp = load_model(model)
    gold = read_conllu(Path(path), nlp)
    examples = [Example(Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]), doc)
                for doc in gold]
    started = time.perf_counter()
    predicted = list(nlp.pipe(eg.predicted for eg in examples))
    seconds = time.perf_counter() - started
    for example, doc in zip(examples, predicted, strict=True):
        example.predicted = doc
    scores = Scorer(nlp).score(examples)
    tokens = sum(len(doc) for doc in gold)
    result: dict[str, float] = {key: float(scores.get(score) or 0.0) for key, _, score in SCORES}
    result.update(
        tokens=tokens,
        sentences=sum(1 for doc in gold for _ in doc.sents),
        predicted_sentences=sum(1 for doc in predicted for _ in doc.sents),
        words_per_second=tokens / seconds if seconds else 0.0,
    )
    return result


def format_scores(scores: dict[str, float]) -> str:
    """A small table: one metric a line, in percent."""
    width = max(len(label) for _, label, _ in SCORES)
    lines = [f"{'metric':<{width}}  score"]
    lines += [f"{label:<{width}}  {100 * scores[key]:5.1f}" for key, label, _ in SCORES]
    lines.append(f"{int(scores['tokens'])} tokens, {int(scores['sentences'])} sentences "
                 f"({int(scores['predicted_sentences'])} predicted)")
    return "\n".join(lines)
