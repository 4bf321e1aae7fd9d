"""Run the spaCy pipeline over ingested documents and turn its entities into Mentions
with offsets into the original text, with the norms and the document date the components
found (itnet.nlp.extensions)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from itnet.ingest import IngestedDocument
from itnet.mentions import AnnotatedDocument, Mention, Sentence, Token
from itnet.nlp.doc_text import TEXT_KEY, make_doc
from itnet.nlp.extensions import SPAN_EXTENSIONS, EntityFacts
from itnet.nlp.network_phrases import SPAN_KEY as NETWORK_PHRASES
from itnet.nlp.sentences import line_sentences
from itnet.parsers import NORMED_LABELS
from itnet.parsers.dates import find_published

# Texts longer than this are tagged in chunks: the pipeline's time per character grows with a
# Doc's length past a few hundred kilobytes, and spaCy refuses Docs over nlp.max_length.
CHUNK_CHARS = 50_000
# Where a chunk may end, best first.
CHUNK_BREAKS = ("\n\n", "\n", ". ", " ")
# Characters an entity span never starts or ends with, whatever the tokenizer did.
TRIM = " \t\r\n\"'“”«»‘’()[]{}*_#,;:"


def annotate(
    nlp: Language, documents: Iterable[IngestedDocument], model: str, batch_size: int = 16,
    published: str | None = None,
) -> Iterator[AnnotatedDocument]:
    """Tag documents in batches (nlp.pipe), keeping their order; a long one goes alone, in
    chunks (`annotate_one`). `published`: the documents' own date where the caller knows it
    (ISO), which relative dates resolve against; else it_dates_money reads it from each text."""
    short: list[IngestedDocument] = []
    for document in documents:
        if len(document.text) <= CHUNK_CHARS:
            short.append(document)
            continue
        yield from _annotate_batch(nlp, short, model, batch_size, published)
        short = []
        yield annotate_one(nlp, document, model, published)
    yield from _annotate_batch(nlp, short, model, batch_size, published)


def annotate_one(nlp: Language, document: IngestedDocument, model: str, published: str | None = None) -> AnnotatedDocument:
    """One document; past CHUNK_CHARS its text is tagged in paragraph-aligned chunks joined
    into one Doc, so time stays linear in the length and no text is too long for spaCy
    (nlp.max_length, E088)."""
    text = document.text
    if len(text) <= CHUNK_CHARS:
        return to_annotated(nlp(make_doc(nlp, text, published)), document, model)
    # the date a document states for itself may be in any chunk: each is resolved against the whole text's
    published = published or find_published(text)
    chunks = []
    # one chunk at a time: nlp.pipe would batch them all (1000 by default) through the models
    bounds = chunk_bounds(text, CHUNK_CHARS)
    for chunk in nlp.pipe((make_doc(nlp, text[start:end], published) for start, end in bounds), batch_size=1):
        chunk.tensor = numpy.zeros((0,), dtype="float32")  # the encoder's output, unread later: memory
        chunks.append(chunk)
    # span groups are carried by token index: Doc.from_docs re-finds them by characters and
    # fails on a group member that opens on a whitespace token (E873)
    doc = Doc.from_docs(chunks, ensure_whitespace=False, exclude=["spans", "user_data", "tensor"])  # type: ignore[call-arg]  # stub lacks exclude
    offset = char_offset = 0
    entity_facts: dict[tuple[int, int, str], EntityFacts] = {}
    for chunk in chunks:
        for key, group in chunk.spans.items():
            doc.spans.setdefault(key, []).extend([
                Span(doc, span.start + offset, span.end + offset, label=span.label) for span in group
            ])
        for ent in chunk.ents:  # extension values live in the excluded user_data
            for name in SPAN_EXTENSIONS:
                if (value := ent._.get(name)) is not None:
                    Span(doc, ent.start + offset, ent.end + offset)._.set(name, value)
        for (start, end, label), facts in (chunk._.entity_facts or {}).items():
            entity_facts[(start + char_offset, end + char_offset, label)] = facts
        offset += len(chunk)
        char_offset += len(chunk.text)
    doc.user_data[TEXT_KEY] = text
    doc._.published = published
    doc._.entity_facts = entity_facts
    return to_annotated(doc, document, model)


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """[start, end) pieces of `text`, each at most `limit` characters, ending after a paragraph
    break where there is one, else after a line break, a sentence's full stop or a space."""
    bounds, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next((window.rfind(mark) + len(mark) for mark in CHUNK_BREAKS if window.rfind(mark) > 0), limit)
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds


def _annotate_batch(
    nlp: Language, documents: list[IngestedDocument], model: str, batch_size: int, published: str | None
) -> Iterator[AnnotatedDocument]:
    pairs = ((make_doc(nlp, document.text, published), document) for document in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield to_annotated(doc, document, model)


def to_annotated(doc: Doc, document: IngestedDocument, model: str) -> AnnotatedDocument:
    return AnnotatedDocument(
        doc_id=document.doc_id,
        source=document.source,
        original=document.original,
        text=document.text,
        text_sha256=document.text_sha256,
        encoding=document.encoding,
        sentences=[
            _sentence(document, s.start_char, s.end_char) for s in line_sentences(doc)
            if document.text[s.start_char : s.end_char].strip()
        ],
        mentions=[m for m in (_mention(document, ent) for ent in doc.ents) if m is not None],
        published=doc._.published,
        model=model,
        tokens=[_token(token) for token in doc],
        network_phrases=[
            m for m in (_mention(document, span, NETWORK_PHRASES) for span in doc.spans.get(NETWORK_PHRASES, []))
            if m is not None
        ],
    )


def _token(token) -> Token:
    # A model without a lemmatizer leaves lemmas empty; the lower-cased form stands in.
    lower = token.lower_
    return Token(
        clean_start=token.idx,
        clean_end=token.idx + len(token),
        lower=lower,
        lemma=token.lemma_.lower() or lower,
        pos=token.pos_,
        morph=str(token.morph),
        dep=token.dep_,
        head=token.head.i,
    )


def _sentence(document: IngestedDocument, start: int, end: int) -> Sentence:
    text = document.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    original_start, original_end = document.to_original(start, end)
    return Sentence(clean_start=start, clean_end=end, start=original_start, end=original_end)


def _mention(document: IngestedDocument, ent, source: str | None = None) -> Mention | None:
    """`source`: the component that found `ent`, where it is not the entity's rule or the model
    (a span group's key)."""
    text = document.text
    start, end = ent.start_char, ent.end_char
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM and not (text[end - 1] == ")" and "(" in text[start:end]):
        end -= 1
    if start >= end:
        return None
    original_start, original_end = document.to_original(start, end)
    return Mention(
        label=ent.label_,
        start=original_start,
        end=original_end,
        text=document.original[original_start:original_end],
        clean_start=start,
        clean_end=end,
        clean_text=text[start:end],
        source=source or ent._.rule or "model",
        norm=ent._.norm if ent.label_ in NORMED_LABELS else None,
    )
