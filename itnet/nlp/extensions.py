"""What the components leave on a Doc for later components and stages, declared in one place
rather than carried in spaCy's own slots (Span.kb_id, Span.id). Each fact is set by one
component, named below, and only read by the rest. spaCy does not save extension values with
a Doc: they live for one run of the pipeline, and every module that sets or reads them
imports this one, which declares them."""

from __future__ import annotations

from spacy.tokens import Doc, Span

# Span._.norm: the SPEC norm of a DATE or MONEY entity (ISO date, `<value> <ISO 4217>`), set
# by it_dates_money (and by itnet.nlp.spans.pieces for the part of one a later component cuts).
# spaCy keys a Span's values by its characters alone, so an entity of another label over the
# same characters would see it: read it for DATE and MONEY only.
SPAN_EXTENSIONS = ("norm",)
# Doc._.published: the document's own date (ISO), which relative dates resolve against; set
# before the pipeline runs where the caller knows it (itnet.nlp.doc_text.make_doc), else by
# it_dates_money from the text.
DOC_EXTENSIONS = ("published",)

for _name in SPAN_EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
for _name in DOC_EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
