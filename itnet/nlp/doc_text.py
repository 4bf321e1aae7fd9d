"""A Doc's text without rebuilding it: `Doc.text` joins every token's text in a Python loop
at each access, and the rule components each need the whole text once per document."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from itnet.nlp import extensions  # noqa: F401  # declares Doc._.published

TEXT_KEY = "text"
# spaCy's tokenizer strips affixes from a whitespace-free chunk one at a time, each time on
# the rest of the chunk: quadratic in the chunk's length (16 KB of commas took a minute).
# No word of a press release is this long; such a chunk is cut into runs of letters and
# digits and runs of other characters, at most a hundred each (so that 100 KB of commas is a
# thousand tokens, not a hundred thousand).
LONG_CHUNK = re.compile(r"\S{1000,}")
CHUNK_PIECES = re.compile(r"[^\W_]{1,100}|[\W_]{1,100}")


def make_doc(nlp: Language, text: str, published: str | None = None) -> Doc:
    """Tokenize `text`, remembering it: retokenizing splits and merges never change a Doc's text.
    `published`: the document's own date where the caller knows it (Doc._.published)."""
    doc = _tokenized(nlp, text)
    doc.user_data[TEXT_KEY] = text
    if published is not None:
        doc._.published = published
    return doc


def _tokenized(nlp: Language, text: str) -> Doc:
    long_chunks = list(LONG_CHUNK.finditer(text))
    if not long_chunks:
        return nlp.make_doc(text)
    docs, position = [], 0
    for chunk in long_chunks:
        if chunk.start() > position:
            docs.append(nlp.make_doc(text[position : chunk.start()]))
        pieces = CHUNK_PIECES.findall(chunk.group())
        docs.append(Doc(nlp.vocab, words=pieces, spaces=[False] * len(pieces)))
        position = chunk.end()
    if position < len(text):
        docs.append(nlp.make_doc(text[position:]))
    return Doc.from_docs(docs, ensure_whitespace=False)


def doc_text(doc: Doc) -> str:
    """The text `make_doc` remembered, else (a Doc made elsewhere) `Doc.text`."""
    text = doc.user_data.get(TEXT_KEY)
    return doc.text if text is None else text
