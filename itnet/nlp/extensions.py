"""What the components leave on a Doc for later components and stages, declared in one place
rather than carried in spaCy's own slots (Span.kb_id, Span.id). Each fact is set by one
component, named below, and only read by the rest. spaCy does not save extension values with
a Doc: they live for one run of the pipeline, and every module that sets or reads them
imports this one, which declares them.

An entity's facts (EntityFacts: Span._.org_id, Span._.rule) are not plain Span extensions,
which spaCy keys by a span's characters alone: an entity rebuilt over the same characters
would silently keep the facts of the one it replaces, and a DATE, a network phrase and an
ORG over one stretch of text would share theirs. They are kept instead as spaCy kept kb_id:
with the entity as written. A component states the facts of an entity it builds with
itnet.nlp.spans.with_facts (a SpanWithFacts carries them until written; a span built
without them has none), and itnet.nlp.spans writes entities (set_entities, merge_entities)
recording the facts of exactly the entities written in Doc._.entity_facts, keyed by
(start_char, end_char, label). A span read from doc.ents, or a plain Span over an entity's
characters with its label, is that entity and reads its facts; one with another label or
other characters reads none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class EntityFacts:
    """What the components found about one entity beyond its characters and label."""

    # The alias table's org_id of an organisation it knows, set by it_names_tagger;
    # it_entity_rules reads it as "a known organisation" (and keeps it on an ORG it reshapes
    # or turns into a LOC).
    org_id: str | None = None
    # The rule that wrote the entity, where it was no model's guess (Mention.source), set by
    # it_entity_rules ("org_list").
    rule: str | None = None


NO_FACTS = EntityFacts()
ENTITY_FACTS = tuple(field.name for field in fields(EntityFacts))


class SpanWithFacts(Span):
    """A Span built with its entity's facts (itnet.nlp.spans.with_facts), carried until the
    entity is written: like Span.kb_id, they ride on the object and no other span gets them."""

    facts: EntityFacts


def entity_key(span: Span) -> tuple[int, int, str]:
    # characters, not tokens: a retokenizer's split leaves them where they are
    return span.start_char, span.end_char, span.label_


def facts_of(span: Span) -> EntityFacts:
    """The facts `span` was built with, else those of the entity written over its characters
    with its label, else none."""
    if isinstance(span, SpanWithFacts):
        return span.facts
    written: dict[tuple[int, int, str], EntityFacts] = span.doc._.entity_facts or {}
    return written.get(entity_key(span), NO_FACTS)


# Span._.norm: the SPEC norm of a DATE or MONEY entity (ISO date, `<value> <ISO 4217>`), set
# by it_dates_money (and by itnet.nlp.spans.pieces for the part of one a later component cuts).
# spaCy keys a Span's values by its characters alone, so an entity of another label over the
# same characters would see it: read it for DATE and MONEY only.
SPAN_EXTENSIONS = ("norm",)
# Doc._.published: the document's own date (ISO), which relative dates resolve against; set
# before the pipeline runs where the caller knows it (itnet.nlp.doc_text.make_doc), else by
# it_dates_money from the text.
# Doc._.entity_facts: the EntityFacts of the entities in doc.ents that have some, by
# entity_key; written by itnet.nlp.spans alone.
DOC_EXTENSIONS = ("published", "entity_facts")

for _name in SPAN_EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
for _name in DOC_EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _fact_getter(name: str) -> Callable[[Span], str | None]:
    return lambda span: getattr(facts_of(span), name)


# Span._.org_id, Span._.rule: read-only, through facts_of.
for _name in ENTITY_FACTS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_fact_getter(_name))
