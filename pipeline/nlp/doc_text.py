"""A Doc's text without rebuilding it: `Doc.text` joins every token's text in a Python loop
at each access, and the rule components each need the whole text once per document."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

TEXT_KEY = "text"


def make_doc(nlp: Language, text: str) -> Doc:
    """Tokenize `text`, remembering it: retokenizing splits and merges never change a Doc's text."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """The text `make_doc` remembered, else (a Doc made elsewhere) `Doc.text`."""
    text = doc.user_data.get(TEXT_KEY)
    return doc.text if text is None else text
