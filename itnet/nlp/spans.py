"""How components add entities to a Doc: later, more specific components win overlaps. Every
write of doc.ents goes through set_entities (or merge_entities), which keeps Doc._.entity_facts
to the entities written (itnet.nlp.extensions says why the facts are kept so)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from itnet.nlp.extensions import NO_FACTS, EntityFacts, SpanWithFacts, entity_key, facts_of
from itnet.parsers import NORMED_LABELS, parse_norm


def _tokens(spans: Iterable[Span]) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}


def with_facts(span: Span, facts: EntityFacts) -> Span:
    """`span` as an entity with `facts` and no others (NO_FACTS: none, whatever the entity
    over its characters had), to be written by set_entities or merge_entities."""
    built = SpanWithFacts(span.doc, span.start, span.end, label=span.label)
    built.facts = facts
    return built


def set_entities(doc: Doc, spans: Iterable[Span]) -> None:
    """doc.ents = `spans`, each with its facts (facts_of): those it was built with, or, for a
    span of an entity already written, that entity's."""
    ents = list(spans)
    written = {entity_key(ent): facts for ent in ents if (facts := facts_of(ent)) != NO_FACTS}
    doc.ents = ents
    doc._.entity_facts = written


def sequence_starts(texts: list[str], name: tuple[str, ...]) -> Iterator[int]:
    """Where the token texts `texts` hold the token sequence `name`, looked for only where its
    first word stands."""
    size = len(name)
    for start, text in enumerate(texts):
        if text == name[0] and tuple(texts[start : start + size]) == name:
            yield start


def country_in_brackets_at(doc: Doc, i: int, max_tokens: int) -> bool:
    """"(Spagna)", "(Paesi Bassi)": token i opens brackets holding one to `max_tokens` tokens,
    all of them a COUNTRY's."""
    if i >= len(doc) or doc[i].text != "(":
        return False
    closing = next((j for j in range(i + 2, min(len(doc), i + 2 + max_tokens)) if doc[j].text == ")"), None)
    return closing is not None and all(doc[j].ent_type_ == "COUNTRY" for j in range(i + 1, closing))


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
        set_entities(doc, sorted(kept + new, key=lambda s: s.start))
    else:
        taken = _tokens(doc.ents)
        free = [s for s in new if not taken.intersection(range(s.start, s.end))]
        set_entities(doc, sorted(list(doc.ents) + free, key=lambda s: s.start))


def pieces(ent: Span, cuts: set[int]) -> list[Span]:
    """`ent` cut before each token index in `cuts` inside it, each piece without trailing
    whitespace, empty pieces left out; [ent] itself where nothing cuts it. A piece keeps the
    entity's facts; a piece of a DATE or MONEY says less than the whole: its norm is read from
    its own text."""
    inner = [i for i in range(ent.start + 1, ent.end) if i in cuts]
    if not inner:
        return [ent]
    doc, found = ent.doc, []
    for start, end in zip([ent.start, *inner], [*inner, ent.end]):
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            piece = with_facts(Span(doc, start, end, label=ent.label_), facts_of(ent))
            if piece.label_ in NORMED_LABELS:
                piece._.norm = parse_norm(piece.label_, piece.text, doc._.published)
            found.append(piece)
    return found
