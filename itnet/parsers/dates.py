"""Italian calendar expressions → ISO 8601 at the precision stated (SPEC §2 DATE norm).

Hand-written rather than dateparser/HeidelTime: those resolve every expression to a full
date (inventing a day or a year), while the SPEC wants the precision the text states
(`2024`, `2024-03`, `XXXX-11-15`) and Italian ranges ("26 e 27 maggio") as one interval.
The vocabulary comes from itnet.lexicon; the grammar of one date is below.
"""

from __future__ import annotations

import calendar as _gregorian
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from itnet.lexicon import Calendar, alternation, calendar

UNKNOWN_YEAR = "XXXX"
_MIN_YEAR, _MAX_YEAR = 1000, 2999


@dataclass(frozen=True)
class _Point:
    """One end of a date as the text states it; missing parts are None."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relation: str | None = None  # "past", "next", "current" relative to the anchor


def _optional_final_dot(words: tuple[str, ...]) -> str:
    return "|".join(
        re.escape(w.rstrip(".")).replace(r"\ ", r"\s?") + (r"\.?" if w.endswith(".") else "")
        for w in sorted(words, key=len, reverse=True)
    )


@dataclass(frozen=True)
class _Grammar:
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    numeric_month: re.Pattern[str]
    words: re.Pattern[str]
    english: re.Pattern[str]
    relation_first: re.Pattern[str]
    year: re.Pattern[str]
    relative_year: re.Pattern[str]
    day_list: re.Pattern[str]
    leading: re.Pattern[str]
    weekday: re.Pattern[str]
    connector: re.Pattern[str]
    relations: dict[str, str]


@cache
def _grammar() -> _Grammar:
    cal = calendar()
    months = alternation(cal.months)
    ordinal = alternation(cal.ordinal_marks)
    day = rf"(?P<day>\d{{1,2}}|{alternation(cal.day_words)})(?:\s*(?:{ordinal}))?"
    relation = _optional_final_dot(cal.past_words + cal.next_words + cal.current_words)
    year_word = alternation(cal.year_words)
    relations = {_relation_key(w): "past" for w in cal.past_words}
    relations |= {_relation_key(w): "next" for w in cal.next_words}
    relations |= {_relation_key(w): "current" for w in cal.current_words}
    connectors = [c for c in cal.range_connectors if c.isalpha() or c.endswith("'") or " " in c]
    symbols = [c for c in cal.range_connectors if c not in connectors]
    return _Grammar(
        iso=re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?"),
        numeric=re.compile(r"(?P<day>\d{1,2})\s?(?P<sep>[./-])\s?(?P<month>\d{1,2})\s?(?P=sep)\s?(?P<year>\d{4}|\d{2})"),
        numeric_month=re.compile(r"(?P<month>\d{1,2})/(?P<year>\d{4})"),
        words=re.compile(
            rf"(?:{day}\s*)?(?P<month>{months})\.?"
            rf"(?:\s*,?\s*(?:del\s+)?(?P<year>\d{{4}}|['’]\d{{2}}))?"
            rf"(?:\s+(?P<relation>{relation}))?"
        ),
        english=re.compile(rf"(?P<month>{months})\.?\s+{day}(?:\s*,?\s*(?P<year>\d{{4}}))?"),
        relation_first=re.compile(rf"(?P<relation>{relation})\s+(?:{day}\s*)?(?P<month>{months})"),
        year=re.compile(rf"(?:(?:{year_word})\s+)?(?P<year>\d{{4}})"),
        relative_year=re.compile(
            rf"(?:(?P<relation>{relation})\s+(?:{year_word})|(?:{year_word})\s+(?P<relation2>{relation})"
            rf"|quest['’]?\s*(?:{year_word}))"
        ),
        day_list=re.compile(rf"{day}(?:\s*,\s*\d{{1,2}})*"),
        leading=re.compile(rf"^(?:(?:{alternation(cal.leading_words)})(?:\s+|(?<=')))+"),
        weekday=re.compile(rf"\b(?:{alternation(cal.weekdays)})\b\s*,?\s*"),
        connector=re.compile(
            rf"\s+(?:{alternation(connectors)})(?:\s+|(?<='))|\s*(?:{alternation(symbols)})\s*"
        ),
        relations=relations,
    )


def _clean(text: str) -> str:
    text = " ".join(text.replace("’", "'").lower().split())
    return text.strip(" \t,;:()[]{}\"«»“”").rstrip(".").strip()


def _year(text: str) -> int | None:
    value = int(text.lstrip("'’"))
    if len(text.lstrip("'’")) == 2:
        value += 2000 if value < 70 else 1900
    return value if _MIN_YEAR <= value <= _MAX_YEAR else None


def _day(text: str, cal: Calendar) -> int:
    return cal.day_words.get(text) or int(text)


def _relation(word: str) -> str:
    """ "past", "next" or "current" for a relative word as written ("scorso", "u. s.")."""
    return _grammar().relations[_relation_key(word)]


def _relation_key(word: str) -> str:
    return word.rstrip(".").replace(" ", "")


def _weekday_of(text: str, cal: Calendar) -> tuple[str, int | None]:
    """Remove weekday names ("lunedì 6 marzo") and return the weekday they named."""
    grammar = _grammar()
    found = grammar.weekday.search(text)
    if found is None:
        return text, None
    weekday = cal.weekdays.get(found.group(0).strip(" ,"))
    return grammar.weekday.sub("", text).strip(), weekday


def _point(text: str) -> _Point | None:
    """One calendar expression (no range) as stated, or None."""
    cal = calendar()
    grammar = _grammar()
    text = grammar.leading.sub("", text).strip()
    text, weekday = _weekday_of(text, cal)
    point: _Point | None = None
    if m := grammar.iso.fullmatch(text):
        point = _Point(int(m["year"]), int(m["month"]), int(m["day"]) if m["day"] else None)
    elif m := grammar.numeric.fullmatch(text):
        point = _Point(_year(m["year"]), int(m["month"]), int(m["day"]))
        if point.year is None:
            return None
    elif m := grammar.numeric_month.fullmatch(text):
        point = _Point(_year(m["year"]), int(m["month"]))
        if point.year is None:
            return None
    elif (m := grammar.words.fullmatch(text)) or (m := grammar.english.fullmatch(text)):
        # An abbreviation alone ("mar", "set") is an ordinary word, not a month.
        if not (m["day"] or m["year"] or m["month"].rstrip(".") in cal.full_months):
            return None
        year = _year(m["year"]) if m["year"] else None
        if m["year"] and year is None:
            return None
        relation = m.groupdict().get("relation")
        point = _Point(
            year,
            cal.month(m["month"]),
            _day(m["day"], cal) if m["day"] else None,
            relation=_relation(relation) if relation else None,
        )
    elif (m := grammar.relation_first.fullmatch(text)) and (m["day"] or m["month"] in cal.full_months):
        day = _day(m["day"], cal) if m["day"] else None
        point = _Point(None, cal.month(m["month"]), day, relation=_relation(m["relation"]))
    elif m := grammar.year.fullmatch(text):
        year = _year(m["year"])
        point = _Point(year) if year else None
    elif m := grammar.relative_year.fullmatch(text):
        relation = m["relation"] or m["relation2"]
        point = _Point(relation=_relation(relation) if relation else "current")
    if point is None or not _valid(point):
        return None
    return replace(point, weekday=weekday)


def _valid(point: _Point) -> bool:
    if point.month is not None and not 1 <= point.month <= 12:
        return False
    if point.day is not None:
        if point.month is None:
            return False
        # An unknown year may be a leap year: 29 February stays valid.
        year = point.year if point.year is not None else 2000
        return 1 <= point.day <= _gregorian.monthrange(year, point.month)[1]
    return point.year is not None or point.month is not None or point.relation is not None


def _on(year: int, point: _Point) -> date | None:
    try:
        return date(year, point.month or 1, point.day or 1)
    except ValueError:
        return None


def _resolve_year(point: _Point, anchor: date | None) -> int | None:
    """The year of a point that states none, from the document date (`anchor`)."""
    if anchor is None:
        return None
    if point.month is None:  # "l'anno scorso", "quest'anno"
        return anchor.year + {"past": -1, "next": 1}.get(point.relation or "current", 0)
    if point.relation == "current":
        return anchor.year
    here = (anchor.month, anchor.day if point.day else 0)
    there = (point.month, point.day or 0)
    if point.relation == "past":
        return anchor.year if there < here else anchor.year - 1
    if point.relation == "next":
        return anchor.year if there > here else anchor.year + 1
    # No relative word: the occurrence nearest the document date, on the weekday if one is named.
    candidates = [
        (abs((d - anchor).days), d.year)
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (d := _on(year, point)) is not None
        and (point.weekday is None or point.day is None or d.isoweekday() == point.weekday)
    ]
    return min(candidates)[1] if candidates else anchor.year


def _iso(point: _Point, anchor: date | None) -> str | None:
    year = point.year if point.year is not None else _resolve_year(point, anchor)
    if point.month is None:
        return None if year is None else f"{year:04d}"
    if year is not None and point.day is not None and _on(year, point) is None:
        return None
    text = UNKNOWN_YEAR if year is None else f"{year:04d}"
    text += f"-{point.month:02d}"
    return text + (f"-{point.day:02d}" if point.day is not None else "")


def _start_point(text: str, end: _Point) -> _Point | None:
    """The start of a range, completed from its end ("26" in "26 e 27 maggio 2025")."""
    grammar = _grammar()
    if end.day is not None and (m := grammar.day_list.fullmatch(grammar.leading.sub("", text).strip())):
        day_text, weekday = _weekday_of(m["day"], calendar())
        return _Point(None, None, _day(day_text, calendar()), weekday)
    return _point(text)


def _complete(start: _Point, end: _Point, end_year: int | None) -> _Point | None:
    """Fill the start's missing month and year from the end of the range."""
    month = start.month if start.month is not None else end.month if start.day is not None else None
    if (start.day is None) != (end.day is None) or (month is None) != (end.month is None):
        return None  # both ends at the same precision
    if start.year is not None:
        return replace(start, month=month)
    year = end_year
    if year is not None and month is not None and end.month is not None and month > end.month:
        year -= 1  # "28 dicembre - 3 gennaio 2024" starts in 2023
    return replace(start, year=year, month=month, relation=None)


def _range(text: str, anchor: date | None) -> str | None:
    for connector in _grammar().connector.finditer(text):
        end = _point(text[connector.end():])
        if end is None:
            continue
        start = _start_point(text[: connector.start()], end)
        if start is None:
            continue
        end_iso = _iso(end, anchor)
        if end_iso is None:
            continue
        end_year = None if end_iso.startswith(UNKNOWN_YEAR) else int(end_iso[:4])
        start = _complete(start, end, end_year)
        start_iso = None if start is None else _iso(start, None if start.year is None and end_year is None else anchor)
        if start_iso is None or not _ordered(start_iso, end_iso):
            continue
        return start_iso if start_iso == end_iso else f"{start_iso}/{end_iso}"
    return None


def _ordered(start: str, end: str) -> bool:
    return start.startswith(UNKNOWN_YEAR) or end.startswith(UNKNOWN_YEAR) or start <= end


def _anchor(anchor: str | None) -> date | None:
    """The document date as a day; a month ("2009-12", from a page's address) as its last
    day, the latest the page can be dated, so that "31 ottobre" falls in 2009 before it."""
    if not anchor:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d\d", anchor):
            year, month = map(int, anchor.split("-"))
            return date(year, month, _gregorian.monthrange(year, month)[1])
        return date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def parse_date(text: str, anchor: str | None = None) -> str | None:
    """The SPEC §2 DATE norm of a DATE span's text, or None when it is not a date.

    `anchor` is the document's own ISO date; it resolves years the text leaves out
    ("15 novembre scorso", "l'anno scorso"). Never raises.
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    cleaned = _clean(text)
    if not cleaned:
        return None
    resolved = _anchor(anchor)
    point = _point(cleaned)
    if point is not None:
        return _iso(point, resolved)
    return _range(cleaned, resolved)


def format_date(norm: str) -> str | None:
    """An Italian phrase for a DATE norm ("2024-03-06" → "6 marzo 2024"), or None."""
    names = calendar().month_names

    def one(part: str) -> str | None:
        m = re.fullmatch(r"(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?", part)
        if m is None or (m[1] == UNKNOWN_YEAR and not m[2]):
            return None
        words = [] if m[1] == UNKNOWN_YEAR else [m[1]]
        if m[2]:
            if int(m[2]) not in names:
                return None
            words.insert(0, names[int(m[2])])
        if m[3]:
            words.insert(0, str(int(m[3])))
        return " ".join(words)

    parts = [one(part) for part in norm.split("/")]
    if None in parts or not 1 <= len(parts) <= 2:
        return None
    return parts[0] if len(parts) == 1 else f"dal {parts[0]} al {parts[1]}"


@cache
def _published_cues() -> tuple[re.Pattern[str], ...]:
    cal = calendar()
    months = alternation(cal.months)
    ordinal = alternation(cal.ordinal_marks)
    weekday = alternation(cal.weekdays)
    full_date = (
        rf"(?P<date>(?:(?:{weekday}),?\s+)?(?:\d{{1,2}}(?:\s*(?:{ordinal}))?\s*(?:{months})\.?\s*,?\s*\d{{4}}"
        rf"|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}|(?:{months})\s+\d{{1,2}}(?:{ordinal})?,?\s+\d{{4}}))(?!\d)"
    )
    return tuple(re.compile(cue.replace("{DATE}", full_date), re.I | re.M) for cue in cal.published_cues)


def find_published(text: str) -> str | None:
    """The document's own date when the text states one with a clear cue (a dateline,
    a date alone on its line or in brackets, "By … 29 Gennaio 2019", "Pubblicato il …").
    The earliest cue in the text wins. Returns an ISO date or None; never raises."""
    if not isinstance(text, str):
        return None
    found: list[tuple[int, str]] = []
    for cue in _published_cues():
        for match in cue.finditer(text):
            norm = parse_date(match["date"])
            if norm and not norm.startswith(UNKNOWN_YEAR) and "/" not in norm:
                found.append((match.start("date"), norm))
                break
    if found:
        return min(found)[1]
    return _published_in_source_url(text)


def _published_in_source_url(text: str) -> str | None:
    for cue in _published_url_cues():
        match = cue.search(text)
        if match is None:
            continue
        try:
            if "day" not in cue.groupindex:
                month = date(int(match["year"]), int(match["month"]), 1)
                return month.isoformat()[:7]  # ".../2009/12/…": the month only
            return date(int(match["year"]), int(match["month"]), int(match["day"])).isoformat()
        except ValueError:  # "/2020/13/45/": not a date
            continue
    return None


@cache
def _published_url_cues() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(cue, re.I | re.M) for cue in calendar().published_url_cues)
