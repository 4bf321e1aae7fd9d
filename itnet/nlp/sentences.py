"""Sentence boundaries without a parser: the project's model has none, and press releases
put headlines, list items and datelines on lines of their own, which spaCy's sentencizer
(punctuation only) would glue to the next sentence.

The syntax parser that runs later keeps these starts and adds its own inside long lines
(at colons, before bulleted items it reads as clauses); the link stage reads sentences as
this splitter made them, which measured better on the real press releases (memberships
F1 0.65 against 0.38 with the parser's), so they are also kept in `doc.spans[SPAN_KEY]`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Self

import srsly
from spacy import util
from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

SENTENCE_FINAL = frozenset({".", "!", "?", "…"})
CLOSERS = frozenset({"”", '"', "»", ")", "’"})
SPAN_KEY = "line_sentences"
# The two sets in the component's folder of a saved pipeline.
SETTINGS_FILE = "line_sentencizer.json"


class LineSentencizer:
    def __init__(self, final_punct: frozenset[str] = SENTENCE_FINAL, closers: frozenset[str] = CLOSERS) -> None:
        self.final_punct = final_punct
        self.closers = closers

    def __call__(self, doc: Doc) -> Doc:
        # Only sentence starts are set: Token.is_sent_start re-checks the Doc's annotation at
        # every assignment, and tokens left unset count as inside a sentence.
        # Token texts from the string store: iterating the Doc builds a Token object per token.
        strings = doc.vocab.strings
        rows = [(strings[orth], " " if space else "") for orth, space in doc.to_array([ORTH, SPACY]).tolist()]
        after_break = True
        previous = ""
        starts = []
        for i, (text, whitespace) in enumerate(rows):
            if after_break and not (i > 0 and text in self.closers and "\n" not in previous):
                doc[i].is_sent_start = True
                starts.append(i)
                after_break = False
            line_break = ("\n" in text and not self._wrapped(rows, i)) or "\n" in whitespace
            after_break = after_break or text in self.final_punct or line_break
            previous = text + whitespace
        if len(doc) > 1 and doc[-1].is_sent_start is None:
            doc[-1].is_sent_start = False  # so that a one-sentence Doc counts as split too
        ends = [*starts[1:], len(doc)]
        doc.spans[SPAN_KEY] = [Span(doc, start, end) for start, end in zip(starts, ends)]
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        util.to_disk(path, {SETTINGS_FILE: lambda file: srsly.write_json(file, self._settings())}, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Self:
        util.from_disk(path, {SETTINGS_FILE: lambda file: self._use(srsly.read_json(file))}, exclude)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return util.to_bytes({SETTINGS_FILE: lambda: srsly.json_dumps(self._settings()).encode("utf-8")}, exclude)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Self:
        util.from_bytes(data, {SETTINGS_FILE: lambda settings: self._use(srsly.json_loads(settings))}, exclude)
        return self

    def _settings(self) -> dict[str, list[str]]:
        return {"final_punct": sorted(self.final_punct), "closers": sorted(self.closers)}

    def _use(self, settings: dict[str, list[str]]) -> None:
        self.final_punct = frozenset(settings["final_punct"])
        self.closers = frozenset(settings["closers"])

    def _wrapped(self, rows: list[tuple[str, str]], i: int) -> bool:
        """A single newline inside a hard-wrapped paragraph: "numerosi partner\neuropei: …",
        "Praga\n(Repubblica Ceca)", "Atene (Grecia),\nSaragozza"."""
        if rows[i][0].count("\n") != 1 or i == 0 or i + 1 == len(rows):
            return False
        before, after = rows[i - 1][0], rows[i + 1][0]
        if before in self.final_punct or before == ":":
            return False
        return after[:1].islower() or after == "(" or (before == "," and after[:1].isalpha())


def line_sentences(doc: Doc) -> Iterable[Span]:
    """The sentences as this splitter made them where it ran, else the model's, else the
    whole Doc (a pipeline with no sentence boundaries)."""
    if SPAN_KEY in doc.spans:
        return doc.spans[SPAN_KEY]
    return doc.sents if doc.has_annotation("SENT_START") else [doc[:]]


@Language.factory("it_line_sentencizer")
def make_line_sentencizer(nlp: Language, name: str) -> LineSentencizer:
    return LineSentencizer()
