"""it_dates_money: rule-based DATE and MONEY entities for Italian text.

Regex patterns over the text (itnet/nlp/resources/dates_money.yaml) rather than token
Matcher patterns: amounts and dates cross the tokenizer's boundaries in ways a regex states
plainly ("500mila", "1 500", "26-27 maggio", "1.200,50"). Every candidate is checked by its
parser, so each entity this component adds has a norm, stored in the span's kb_id_.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

from itnet.lexicon import slots
from itnet.lowercase_match import lower_case_regex, lowered_text
from itnet.nlp.doc_text import doc_text
from itnet.nlp.spans import merge_entities
from itnet.normalise.dates import find_published, parse_date
from itnet.normalise.money import parse_money

DEFAULT_PATTERNS = str(files("itnet.nlp") / "resources" / "dates_money.yaml")
_SLOT = re.compile(r"\{([A-Z_]+)\}")
_CONTEXT_CHARS = 40


@dataclass(frozen=True)
class Pattern:
    """A DATE or MONEY pattern. `lower_regex`, when there is one, is `regex` without
    IGNORECASE, for lower-cased text (itnet.lowercase_match): the same matches, found about
    a quarter faster."""

    label: str
    name: str
    regex: re.Pattern[str]
    not_after: re.Pattern[str] | None
    lower_regex: re.Pattern[str] | None = None


def _fill(template: str, fragments: dict[str, str]) -> str:
    """Replace {SLOT}s, recursively, by their regex fragments."""
    for _ in range(5):
        if not _SLOT.search(template):
            break
        template = _SLOT.sub(lambda m: fragments[m[1]], template)
    return template


@cache
def load_patterns(path: str = DEFAULT_PATTERNS) -> tuple[Pattern, ...]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    fragments = {**slots(), **data.get("slots", {})}
    patterns = []
    for label in ("DATE", "MONEY"):
        for entry in data.get(label, []):
            not_after = entry.get("not_after")
            pattern = _fill(entry["pattern"], fragments)
            case_sensitive = bool(entry.get("case_sensitive"))
            patterns.append(
                Pattern(
                    label=label,
                    name=entry["name"],
                    regex=re.compile(pattern, 0 if case_sensitive else re.I),
                    not_after=re.compile(_fill(not_after, fragments), re.I) if not_after else None,
                    lower_regex=None if case_sensitive else lower_case_regex(pattern),
                )
            )
    return tuple(patterns)


class DatesMoney:
    """Adds DATE and MONEY entities, overwriting statistical entities they overlap."""

    def __init__(self, nlp: Language, name: str, patterns_path: str, anchor_from_text: bool) -> None:
        self.name = name
        self.patterns = load_patterns(patterns_path)
        self.anchor_from_text = anchor_from_text

    def _anchor(self, doc: Doc, text: str) -> str | None:
        anchor = doc.user_data.get("published")
        if anchor is None and self.anchor_from_text:
            anchor = find_published(text)
        return anchor

    def spans(self, doc: Doc) -> Iterator[Span]:
        text = doc_text(doc)
        anchor = self._anchor(doc, text)
        parsers: dict[str, Callable[[str], str | None]] = {
            "DATE": lambda text: parse_date(text, anchor),
            "MONEY": parse_money,
        }
        lowered = lowered_text(text)
        for pattern in self.patterns:
            parse = parsers[pattern.label]
            if lowered is not None and pattern.lower_regex is not None:
                regex, searched = pattern.lower_regex, lowered
            else:
                regex, searched = pattern.regex, text
            for match in regex.finditer(searched):
                group = "span" if "span" in pattern.regex.groupindex else 0
                start, end = match.span(group)
                before = text[max(0, start - _CONTEXT_CHARS) : start]
                if pattern.not_after is not None and pattern.not_after.search(before):
                    continue
                span = doc.char_span(start, end, label=pattern.label) or doc.char_span(
                    start, end, label=pattern.label, alignment_mode="expand"
                )
                if span is None:
                    continue
                # The whole match may say more than the span (a weekday): read the norm from it.
                norm = parse(text[match.start() : match.end()]) or parse(span.text)
                if norm is not None:
                    yield Span(doc, span.start, span.end, label=pattern.label, kb_id=norm)

    def __call__(self, doc: Doc) -> Doc:
        merge_entities(doc, self.spans(doc), overwrite=True)
        return doc


@Language.factory(
    "it_dates_money",
    default_config={"patterns_path": DEFAULT_PATTERNS, "anchor_from_text": True},
)
def make_dates_money(nlp: Language, name: str, patterns_path: str, anchor_from_text: bool) -> DatesMoney:
    """DATE and MONEY entities from the patterns in `patterns_path`. The document date that
    resolves "15 novembre scorso" is doc.user_data["published"], else (with
    `anchor_from_text`) the date find_published reads in the text."""
    return DatesMoney(nlp, name, patterns_path, anchor_from_text)
