"""How components add entities to a Doc: later, more specific components win overlaps."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans


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
