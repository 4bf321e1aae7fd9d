"""How components add entities to a Doc: later, more specific components win overlaps."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from itnet.nlp import extensions  # noqa: F401  # declares Span._.norm and Doc._.published
from itnet.parsers import NORMED_LABELS, parse_norm


def _tokens(spans: Iterable[Span]) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}


def merge_entities(doc: Doc, spans: Iterable[Span], overwrite: bool = True) -> None:
    """Add `spans` to doc.ents. With `overwrite` they replace the entities they overlap;
    without it they fill only tokens no entity holds yet.

    Overlaps among the new spans are resolved by spaCy's filter_spans (longest first).
    """
    new = filter_spans(list(spans))
    if not new:
        return
    if overwrite:
        taken = _tokens(new)
        kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
        doc.ents = sorted(kept + new, key=lambda s: s.start)
    else:
        taken = _tokens(doc.ents)
        free = [s for s in new if not taken.intersection(range(s.start, s.end))]
        doc.ents = sorted(list(doc.ents) + free, key=lambda s: s.start)


def pieces(ent: Span, cuts: set[int]) -> list[Span]:
    """`ent` cut before each token index in `cuts` inside it, each piece without trailing
    whitespace, empty pieces left out; [ent] itself where nothing cuts it. A piece of a DATE
    or MONEY says less than the whole: its norm is read from its own text."""
    inner = [i for i in range(ent.start + 1, ent.end) if i in cuts]
    if not inner:
        return [ent]
    doc, found = ent.doc, []
    for start, end in zip([ent.start, *inner], [*inner, ent.end]):
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            piece = Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_, span_id=ent.id_)
            if piece.label_ in NORMED_LABELS:
                piece._.norm = parse_norm(piece.label_, piece.text, doc._.published)
            found.append(piece)
    return found
