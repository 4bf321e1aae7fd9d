"""Strict span scoring of a NER model on a KIND-format file (token TAB IOB tag).

The file's sentences are rebuilt into raw-looking text exactly as for training and the model
runs on that text with its own tokenizer, as it does in the pipeline. A prediction counts only
if its character offsets and label equal a gold span's (CoNLL-style strict match).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from itnet.training.convert import KIND_LABELS, SENTENCES_PER_DOC, read_tagged_sentences, sentences_to_doc

MICRO = "micro"
CharSpan = tuple[int, int, str]


@dataclass(frozen=True)
class SpanScore:
    """Counts of one label (or of all: `micro`) and the figures derived from them."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def support(self) -> int:
        return self.true_positives + self.false_negatives


def score_spans(gold: Iterable[set[CharSpan]], predicted: Iterable[set[CharSpan]],
                labels: Iterable[str] = KIND_LABELS) -> dict[str, SpanScore]:
    """Per-label and micro strict scores over paired documents' span sets."""
    true_positives: Counter[str] = Counter()
    false_positives: Counter[str] = Counter()
    false_negatives: Counter[str] = Counter()
    for gold_spans, predicted_spans in zip(gold, predicted, strict=True):
        for span in gold_spans & predicted_spans:
            true_positives[span[2]] += 1
        for span in predicted_spans - gold_spans:
            false_positives[span[2]] += 1
        for span in gold_spans - predicted_spans:
            false_negatives[span[2]] += 1
    scores = {label: SpanScore(true_positives[label], false_positives[label], false_negatives[label])
              for label in labels}
    scores[MICRO] = SpanScore(sum(true_positives.values()), sum(false_positives.values()),
                              sum(false_negatives.values()))
    return scores


@dataclass(frozen=True)
class NerEvaluation:
    """Strict scores of a model on one file, and how fast it tagged the file's raw text."""

    scores: dict[str, SpanScore]
    words: int
    seconds: float

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def evaluate_file(nlp: Language, path: Path, labels: Iterable[str] = KIND_LABELS) -> NerEvaluation:
    """Strict scores of `nlp` on one KIND-format file, run on raw text, and its tagging speed."""
    kept = tuple(labels)
    sentences = list(read_tagged_sentences(path, kept))
    gold_docs = [sentences_to_doc(nlp, sentences[first:first + SENTENCES_PER_DOC])
                 for first in range(0, len(sentences), SENTENCES_PER_DOC)]
    texts = [doc.text for doc in gold_docs]
    predicted_docs = list(nlp.pipe(texts))
    # Speed is timed on a second pass: the first one's one-off costs (allocating the batches'
    # arrays) are not the tagging speed of a long stream.
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    seconds = time.perf_counter() - started
    scores = score_spans(
        [{(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents} for doc in gold_docs],
        [{(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents if ent.label_ in kept}
         for doc in predicted_docs],
        kept,
    )
    return NerEvaluation(scores, sum(len(doc) for doc in predicted_docs), seconds)


def format_scores(scores: dict[str, SpanScore]) -> str:
    """A plain-text table: label, precision, recall, F1, gold count."""
    rows = [f"{'label':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    rows += [f"{label:<6} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} {score.support:6d}"
             for label, score in scores.items()]
    return "\n".join(rows)
