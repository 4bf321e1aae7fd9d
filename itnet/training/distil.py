"""Distillation of a seed ensemble into one model: unlabelled text labelled by the teachers' vote.

Several models of the same config, trained with different seeds (the teachers), tag the same
unlabelled sentences; a span becomes a silver entity when at least `min_votes` of them predict
it with the same offsets and label. The model then trained on the gold corpus plus that silver
text (the student) has one model's size and speed and learns some of the ensemble's accuracy,
which an ensemble itself could not ship: it would divide the tagging speed by its size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from itnet.training.evaluate_ner import CharSpan

TEACHER_BATCH_SIZE = 64


def vote_spans(predictions: Sequence[Iterable[CharSpan]], min_votes: int) -> list[CharSpan]:
    """The spans that at least `min_votes` of `predictions` contain, none overlapping another.

    Overlaps go to the span with more votes, then to the longer one, then to the earlier one,
    so the result does not depend on the teachers' order. Sorted by position.
    """
    votes = Counter(span for predicted in predictions for span in set(predicted))
    ranked = sorted((span for span, count in votes.items() if count >= min_votes),
                    key=lambda span: (-votes[span], span[0] - span[1], span[0], span[2]))
    chosen: list[CharSpan] = []
    for span in ranked:
        if all(span[1] <= other[0] or other[1] <= span[0] for other in chosen):
            chosen.append(span)
    return sorted(chosen)


def label_by_vote(teachers: Sequence[Language], texts: Sequence[str], min_votes: int) -> DocBin:
    """One silver `Doc` per text (tokenized by the first teacher), with the voted entities."""
    predictions = [[{(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents}
                    for doc in teacher.pipe(texts, batch_size=TEACHER_BATCH_SIZE)]
                   for teacher in teachers]
    tokenizer = teachers[0].tokenizer
    silver = DocBin(store_user_data=False)
    for index, text in enumerate(texts):
        doc: Doc = tokenizer(text)
        spans = (doc.char_span(start, end, label)
                 for start, end, label in vote_spans([predicted[index] for predicted in predictions], min_votes))
        # A span off the first teacher's tokens (a teacher with another tokenizer) is left out.
        doc.ents = [span for span in spans if span is not None]
        silver.add(doc)
    return silver
