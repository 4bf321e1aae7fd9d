"""Sentence boundaries without a parser: the project's model has none, and press releases
put headlines, list items and datelines on lines of their own, which spaCy's sentencizer
(punctuation only) would glue to the next sentence."""

from __future__ import annotations

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_FINAL = frozenset({".", "!", "?", "…"})
CLOSERS = frozenset({"”", '"', "»", ")", "’"})


class LineSentencizer:
    def __init__(self, final_punct: frozenset[str] = SENTENCE_FINAL, closers: frozenset[str] = CLOSERS) -> None:
        self.final_punct = final_punct
        self.closers = closers

    def __call__(self, doc: Doc) -> Doc:
        # Only sentence starts are set: Token.is_sent_start re-checks the Doc's annotation at
        # every assignment, and tokens left unset count as inside a sentence.
        # Token texts from the string store: iterating the Doc builds a Token object per token.
        strings = doc.vocab.strings
        after_break = True
        previous = ""
        for i, (orth, space) in enumerate(doc.to_array([ORTH, SPACY]).tolist()):
            text, whitespace = strings[orth], " " if space else ""
            if after_break and not (i > 0 and text in self.closers and "\n" not in previous):
                doc[i].is_sent_start = True
                after_break = False
            after_break = after_break or text in self.final_punct or "\n" in text or "\n" in whitespace
            previous = text + whitespace
        if len(doc) > 1 and doc[-1].is_sent_start is None:
            doc[-1].is_sent_start = False  # so that a one-sentence Doc counts as split too
        return doc


@Language.factory("it_line_sentencizer")
def make_line_sentencizer(nlp: Language, name: str) -> LineSentencizer:
    return LineSentencizer()
