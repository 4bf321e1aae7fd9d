"""Shared Italian vocabulary (months, weekdays, relative words, currencies, number words).

The vocabulary lives in YAML files under itnet/resources/ and is loaded once; the
finders (spaCy components) and the parsers (itnet.parsers) read it from here so
a word is listed in one place only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import combinations
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from itnet.rule_files import load_rule_file

_RESOURCES = files("itnet") / "resources"


class CalendarFile(BaseModel):
    """calendar_it.yaml as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    months: dict[str, int]
    month_abbreviations: dict[str, int]
    english_months: dict[str, int]
    weekdays: dict[str, int]
    day_words: dict[str, int]
    ordinal_marks: list[str]
    past_words: list[str]
    next_words: list[str]
    current_words: list[str]
    year_words: list[str]
    leading_words: list[str]
    range_connectors: list[str]
    published_url_cues: list[str]
    published_cues: list[str]


class CurrencyFile(BaseModel):
    """currencies.yaml as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    currency_words: dict[str, str]
    uppercase_only: list[str]
    multipliers: dict[str, int]
    number_morphemes: list[str]
    fraction_words: dict[str, float]


def alternation(words: Iterable[object]) -> str:
    """A regex alternation of `words`, longest first so the longest spelling wins."""
    longest_first = sorted({str(w) for w in words}, key=len, reverse=True)
    return _by_first_character(longest_first, lambda word: re.escape(word[1:]))


def _by_first_character(words: list[str], rest: Callable[[str], str]) -> str:
    """`words`, in the order they are to be tried, as an alternation grouped by first
    character ("a(?:prile|gosto)|m(?:aggio|arzo)"), where `rest(word)` is the regex for the
    word after its first character.

    The engine then tests each first character once rather than once per word: the flat
    alternation of a long vocabulary dominated the date and money patterns' scans. A match
    starts with one group's character only and keeps its words' order, so the grouping
    matches exactly what the flat alternation does; where two first characters are one
    letter in two cases (a case-insensitive pattern equates them), the alternation stays flat.
    """
    firsts = list(dict.fromkeys(word[:1] for word in words))
    if "" in firsts or any(re.fullmatch(re.escape(a), b, re.IGNORECASE) for a, b in combinations(firsts, 2)):
        return "|".join(re.escape(word[:1]) + rest(word) for word in words)
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(rest(word))
    return "|".join(re.escape(first) + "(?:" + "|".join(rests) + ")" for first, rests in groups.items())


@dataclass(frozen=True)
class Calendar:
    months: dict[str, int]
    """Every month word (full name, abbreviation, English name) → month number."""
    full_months: dict[str, int]
    """Italian and English full names only (safe without a day or year beside them)."""
    month_names: dict[int, str]
    """Month number → Italian name, for writing dates back in Italian."""
    weekdays: dict[str, int]
    day_words: dict[str, int]
    ordinal_marks: tuple[str, ...]
    past_words: tuple[str, ...]
    next_words: tuple[str, ...]
    current_words: tuple[str, ...]
    year_words: tuple[str, ...]
    leading_words: tuple[str, ...]
    range_connectors: tuple[str, ...]
    published_cues: tuple[str, ...]
    published_url_cues: tuple[str, ...]
    """Dates in the address of the page a text was taken from ("Fonte: https://…/2020/10/02/…")."""

    def month(self, word: str) -> int | None:
        return self.months.get(word.lower().rstrip("."))


@dataclass(frozen=True)
class Currencies:
    codes: dict[str, str]
    """Currency word or symbol (lower case) → ISO 4217 code."""
    uppercase_only: frozenset[str]
    multipliers: dict[str, int]
    number_morphemes: tuple[str, ...]
    fraction_words: dict[str, float]

    def code(self, word: str) -> str | None:
        """ISO 4217 code of a currency word as written, or None."""
        key = " ".join(word.split()).lower()
        if key in self.uppercase_only and word.strip() != word.strip().upper():
            return None
        return self.codes.get(key)


@cache
def calendar() -> Calendar:
    data = load_rule_file(Path(str(_RESOURCES / "calendar_it.yaml")), CalendarFile)
    full = {**data.months, **data.english_months}
    return Calendar(
        months={**full, **data.month_abbreviations},
        full_months=full,
        month_names={number: name for name, number in data.months.items()},
        weekdays=dict(data.weekdays),
        day_words=dict(data.day_words),
        ordinal_marks=tuple(data.ordinal_marks),
        past_words=tuple(data.past_words),
        next_words=tuple(data.next_words),
        current_words=tuple(data.current_words),
        year_words=tuple(data.year_words),
        leading_words=tuple(data.leading_words),
        range_connectors=tuple(data.range_connectors),
        published_cues=tuple(data.published_cues),
        published_url_cues=tuple(data.published_url_cues),
    )


@cache
def currencies() -> Currencies:
    data = load_rule_file(Path(str(_RESOURCES / "currencies.yaml")), CurrencyFile)
    return Currencies(
        codes={" ".join(k.split()).lower(): v for k, v in data.currency_words.items()},
        uppercase_only=frozenset(data.uppercase_only),
        multipliers=dict(data.multipliers),
        number_morphemes=tuple(data.number_morphemes),
        fraction_words=dict(data.fraction_words),
    )


def _words(words: Iterable[object]) -> str:
    """Alternation of words that must stand alone; symbols ("€", "$") may touch digits."""
    unique_words = {str(w) for w in words}
    # Words that start with a letter or digit need a word start before them; the others
    # ("€", "$") may touch what precedes. No word of one group can match where a word of the
    # other does, so testing the word start once for the first group, rather than in each of
    # its alternatives, keeps every match (longest first within a group) and fails fast
    # inside words, where most positions are.
    longest_first = sorted(unique_words, key=len, reverse=True)
    word_initial = [word for word in longest_first if word[0].isalnum()]
    symbol_initial = [word for word in longest_first if not word[0].isalnum()]

    def rest(word: str) -> str:
        return re.escape(word[1:]).replace(r"\ ", r"\s+") + (r"(?!\w)" if word[-1].isalnum() else "")

    groups = [r"(?<!\w)(?:" + _by_first_character(word_initial, rest) + ")"] if word_initial else []
    if symbol_initial:
        groups.append(_by_first_character(symbol_initial, rest))
    # A look-ahead on the first characters lets the engine skip positions no word starts at
    # before it tries every alternative there.
    initials = "".join(sorted({re.escape(w[0].lower()) for w in unique_words if w}))
    lookahead = f"(?=[{initials}])" if initials else ""
    return lookahead + "(?:" + "|".join(groups) + ")"


@cache
def slots() -> dict[str, str]:
    """Named regex fragments built from the vocabulary, for `{SLOT}` placeholders in
    pattern files. All are meant to be compiled case-insensitively."""
    cal = calendar()
    money = currencies()
    ordinal = alternation(cal.ordinal_marks)
    abbreviations = set(cal.months) - set(cal.full_months)
    relatives = cal.past_words + cal.next_words
    # "(?=\d)" before a look-behind: every position is tried, and most hold no digit; the
    # look-ahead rejects them in one test, where the look-behind and each alternative would
    # be tried in turn. It accepts whatever the rest accepts, so the matches are the same.
    fragments = {
        # Abbreviations ("gen.", "sett.") need their period unless a year follows them,
        # which the patterns state with ABBREVIATED_MONTH.
        "MONTH": _words(cal.full_months) + "|" + _words(abbreviations) + r"\.",
        "FULL_MONTH": _words(cal.full_months),
        "ABBREVIATED_MONTH": _words(abbreviations) + r"\.?",
        "WEEKDAY": _words(cal.weekdays),
        "DAY": rf"(?=\d)(?<![\d.,/])(?:[12]\d|3[01]|0?[1-9])(?:\s*(?:{ordinal}))?(?![\d/.,]\d)|{_words(cal.day_words)}",
        "YEAR": r"(?=\d)(?<![\d.,/])(?:19|20)\d\d(?!\d)",
        "YEAR_WORD": _words(cal.year_words),
        "RELATIVE": _words(w for w in relatives if w[-1] != ".")
        + "|" + _by_first_character(
            [w for w in relatives if w[-1] == "."], lambda word: re.escape(word[1:]).replace(r"\ ", r"\s?")
        ),
        "CURRENCY": _words(money.codes),
        # A multiplier may touch its number ("500mila", "2mln").
        # Abbreviations listed with a period ("mln.") may be written with or without it.
        "MULTIPLIER": "|".join(
            re.escape(k.rstrip(".")) + (r"(?!\w)\.?" if k.endswith(".") else r"(?!\w)")
            for k in sorted(money.multipliers, key=len, reverse=True)
        ),
        # "€ 1.513.540, 00": a space after the decimal comma is a typo of the genre, read
        # only before "00" so that "2.000, 15 comuni" stays a number and a count. A dot
        # may stand before a number where no digit precedes it ("€.3.500,00").
        "NUMBER": r"(?=\d)(?<!\d)(?<!\d[.,])(?:\d{1,3}(?:[ \u00a0\u202f.'’]\d{3})+(?:,(?:\s(?=00(?!\d)))?\d+)?(?!\d)|\d+(?:[.,]\d+)?(?!\d))",
        "NUMBER_WORD": r"(?<!\w)(?:" + alternation(money.number_morphemes) + r")+(?!\w)",
        "FRACTION_WORD": _words(money.fraction_words),
    }
    return {name: f"(?:{fragment})" for name, fragment in fragments.items()}
