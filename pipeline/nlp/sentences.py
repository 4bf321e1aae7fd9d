"""Sentence boundaries without a parser: the project's model has none, and press releases
put headlines, list items and datelines on lines of their own, which spaCy's sentencizer
(punctuation only) would glue to the next sentence."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_FINAL = frozenset({".", "!", "?", "…"})
CLOSERS = frozenset({"”", '"', "»", ")", "’"})


class LineSentencizer:
    def __init__(self, final_punct: frozenset[str] = SENTENCE_FINAL, closers: frozenset[str] = CLOSERS) -> None:
        self.final_punct = final_punct
        self.closers = closers

    def __call__(self, doc: Doc) -> Doc:
        after_break = True
        for token in doc:
            if token.i > 0 and after_break and token.text in self.closers and "\n" not in doc[token.i - 1].text_with_ws:
                token.is_sent_start = False
                continue
            token.is_sent_start = after_break
            after_break = (
                token.text in self.final_punct
                or (token.is_space and "\n" in token.text)
                or "\n" in token.whitespace_
            )
        return doc


@Language.factory("it_line_sentencizer")
def make_line_sentencizer(nlp: Language, name: str) -> LineSentencizer:
    return LineSentencizer()
