"""it_dates_money: rule-based DATE and MONEY entities for Italian text.

Regex patterns over the text (itnet/nlp/resources/dates_money.yaml) rather than token
Matcher patterns: amounts and dates cross the tokenizer's boundaries in ways a regex states
plainly ("500mila", "1 500", "26-27 maggio", "1.200,50"). Every candidate is checked by its
parser, so each entity this component adds has a norm, read here once and kept in
Span._.norm (itnet.nlp.extensions); the document date it resolved them against is Doc._.published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc, Span

from itnet.lexicon import slots
from itnet.lowercase_match import lower_case_regex, lowered_text
from itnet.nlp import extensions  # noqa: F401  # declares Span._.norm and Doc._.published
from itnet.nlp.doc_text import doc_text
from itnet.nlp.serialised_rules import SerialisedRules, packaged_rule_file
from itnet.nlp.spans import merge_entities
from itnet.parsers import parse_norm
from itnet.parsers.dates import find_published
from itnet.rule_files import RuleFile

DEFAULT_PATTERNS = "dates_money.yaml"
# The patterns' file in the component's folder of a saved pipeline.
PATTERNS_FILE = "dates_money.yaml"
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


class PatternEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    pattern: str
    not_after: str | None = None
    case_sensitive: bool = False


class PatternRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slots: dict[str, str] = {}
    DATE: list[PatternEntry] = []
    MONEY: list[PatternEntry] = []


def load_patterns(patterns: str = DEFAULT_PATTERNS) -> tuple[Pattern, ...]:
    """The patterns of a file of itnet/nlp/resources (or of an absolute path)."""
    return parse_patterns(packaged_rule_file(patterns))


@cache
def parse_patterns(rule_file: RuleFile) -> tuple[Pattern, ...]:
    rules = rule_file.validated(PatternRules)
    fragments = {**slots(), **rules.slots}
    patterns = []
    try:
        for label, entries in (("DATE", rules.DATE), ("MONEY", rules.MONEY)):
            for entry in entries:
                pattern = _fill(entry.pattern, fragments)
                patterns.append(
                    Pattern(
                        label=label,
                        name=entry.name,
                        regex=re.compile(pattern, 0 if entry.case_sensitive else re.I),
                        not_after=re.compile(_fill(entry.not_after, fragments), re.I) if entry.not_after else None,
                        lower_regex=None if entry.case_sensitive else lower_case_regex(pattern),
                    )
                )
    except KeyError as error:
        raise rule_file.error(f"no slot {error}") from None
    except re.error as error:
        raise rule_file.error(error) from None
    return tuple(patterns)


class DatesMoney(SerialisedRules):
    """Adds DATE and MONEY entities, overwriting statistical entities they overlap."""

    def __init__(self, nlp: Language, name: str, patterns: str, anchor_from_text: bool) -> None:
        self.name = name
        self.use_rules({PATTERNS_FILE: packaged_rule_file(patterns)})
        self.anchor_from_text = anchor_from_text

    def use_rules(self, rule_files: dict[str, RuleFile]) -> None:
        self.rule_files = rule_files
        self.patterns = parse_patterns(rule_files[PATTERNS_FILE])

    def _anchor(self, doc: Doc, text: str) -> str | None:
        anchor = doc._.published
        if anchor is None and self.anchor_from_text:
            anchor = find_published(text)
        return anchor

    def spans(self, doc: Doc) -> Iterator[tuple[Span, str]]:
        """Every candidate span with its norm, overlapping ones included, in pattern order."""
        text = doc_text(doc)
        anchor = self._anchor(doc, text)
        lowered = lowered_text(text)
        for pattern in self.patterns:
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
                norm = parse_norm(pattern.label, text[match.start() : match.end()], anchor)
                norm = norm or parse_norm(pattern.label, span.text, anchor)
                if norm is not None:
                    yield span, norm

    def __call__(self, doc: Doc) -> Doc:
        doc._.published = self._anchor(doc, doc_text(doc))  # spans() reads it back, no second search
        norms: dict[tuple[int, int, str], str] = {}
        for span, norm in self.spans(doc):
            # filter_spans keeps the first of equal spans, so the first norm is the kept one's
            norms.setdefault((span.start, span.end, span.label_), norm)
        merge_entities(doc, (Span(doc, start, end, label=label) for start, end, label in norms), overwrite=True)
        for ent in doc.ents:
            if (kept := norms.get((ent.start, ent.end, ent.label_))) is not None:
                ent._.norm = kept
        return doc


@Language.factory(
    "it_dates_money",
    default_config={"patterns": DEFAULT_PATTERNS, "anchor_from_text": True},
)
def make_dates_money(nlp: Language, name: str, patterns: str, anchor_from_text: bool) -> DatesMoney:
    """DATE and MONEY entities from the patterns of the file `patterns` (itnet/nlp/resources).
    The document date that resolves "15 novembre scorso" is Doc._.published where set before
    the pipeline runs, else (with `anchor_from_text`) the date find_published reads in the text;
    the component leaves the one it used in Doc._.published."""
    return DatesMoney(nlp, name, patterns, anchor_from_text)
