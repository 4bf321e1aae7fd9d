"""What both record readers share: the link rules, a document's lookups, and lists of
mentions ("A, B e C")."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from itnet.gazetteers.keys import name_key
from itnet.gazetteers.organisations import NETWORK_TYPES
from itnet.lowercase_match import lower_case_regex
from itnet.mentions import AnnotatedDocument, Mention, Sentence
from itnet.rule_files import load_rule_file
from itnet.schema import ParticipantRole, Span

RULES_FILE = Path(__file__).parent / "resources" / "link_rules.yaml"
# "Regione Autonoma della Sardegna", "Regione Lombardia": a regional government as member.
REGION = re.compile(r"^Regione\b")
# "Regione Veneto", "Provincia di Gorizia": the nlp stage tags them LOC (no scored entity),
# yet they join networks and take part in projects.
ADMINISTRATION = re.compile(r"^(?:Regione|Provincia)\b")
# After a phrase standing for the document's city: "il Comune" is it, "il Comune di Livorno" and
# "la Città metropolitana di Milano" are not
NO_PLACE_NAMED_AFTER = r"(?!\s+(?:d[i'’]|metropolitan))"
# A headline under a related-links heading is no longer than this (characters).
RELATED_LINK_LENGTH = 200
# "un ente dell'Emilia-Romagna": a place after these says where something is
GENITIVE_PREPOSITIONS = frozenset({"di", "del", "della", "dell'", "dell’", "dei", "delle", "degli"})
# the label of a place that can be a member or a participant (a country cannot)
MEMBER_PLACE_LABELS = frozenset({"CITY"})
# Text that may separate the items of one list: "A, B e C", "A; B", "ECCAR - European …".
# "Napoli e Salerno e l'Università", "Torino, la Regione e i Comuni di …": an article may follow
# Words of a person's name alone after a dash ("Padova – Marco Ruggieri"): a table row's.
TABLE_ROW_NAME_WORDS = 4
# Kinds of the alias table's bodies that are never a network the records' members belong to.
NEVER_NETWORK_TYPES = frozenset({"eu_institution", "funding_programme", "university"})
LIST_SEPARATOR = re.compile(
    r"^[\s,;:\-–—]*(?:\b(?:e|ed|and|o|oppure)\b)?[\s,;:\-–—]*(?:\b(?:il|lo|la|i|gli|le)\s+|\bl['’]\s*)?$", re.IGNORECASE)
LIST_GAP = re.compile(
    r"^(?:[\s,;:\-–—()\d]|\b(?:e|ed|o|and|di|del|della|dello|dell|dei|degli|delle|a|al|alla|allo|all|ai|agli|alle"
    r"|la|il|lo|l|rete|network|associazione|anche|inoltre|nonché|dal|dalla|dallo|dai|nel|nella|in)\b|['’])*$",
    re.IGNORECASE,
)


# What may open an alternative of a trigger pattern without consuming text: a word boundary or
# a lookbehind group (no nested brackets in these).
_LEADING_ASSERTION = re.compile(r"\\b|\(\?<[!=](?:\\.|[^()\\])*\)")


def _top_level_alternatives(pattern: str) -> list[str]:
    """`pattern` split at the `|` outside groups and character classes."""
    alternatives: list[str] = []
    current: list[str] = []
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            alternatives.append("".join(current))
            current = []
            continue
        current.append(char)
    return [*alternatives, "".join(current)]


def prefilter_regex(pattern: str) -> re.Pattern[str]:
    """A regex that matches wherever the case-insensitive `pattern` matches, and possibly
    elsewhere (a superset, for prefiltering): without IGNORECASE, for the text that
    `lowered_text` gives, when `pattern` has no capitals; else `pattern` itself, case-insensitive.

    Why: Python's `re` finds a literal first character fast but tries every position when a
    pattern opens on `\\b` or a lookbehind, and is slower again with IGNORECASE. Dropping the
    assertions that open each alternative only lets more text match.
    """
    stripped = []
    for alternative in _top_level_alternatives(pattern):
        while (opening := _LEADING_ASSERTION.match(alternative)) is not None:
            alternative = alternative[opening.end():]
        stripped.append(alternative)
    return lower_case_regex("|".join(stripped)) or re.compile(pattern, re.IGNORECASE)


@dataclass(slots=True)
class Candidate:
    """A member or network: a mention, or a phrase standing for one ("la Città", "siamo")."""

    name: str
    mention: str
    start: int
    end: int
    kind: str
    entity_id: str | None = None
    span: Span | None = None


def _compiles(pattern: str) -> str:
    """`pattern` if it compiles as the link stage compiles it (case-insensitive), so that a bad
    one is an error naming its key, not an internal error once a document is read."""
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ValueError(f"bad regular expression: {error}") from None
    return pattern


def _alternatives_compile(patterns: list[str]) -> list[str]:
    # the patterns are joined with "|" into one regex, which each compiling does not ensure
    # (a group name used twice)
    _compiles("|".join(patterns))
    return patterns


Regex = Annotated[str, AfterValidator(_compiles)]
# At least one: an empty list joins into a regex that matches everywhere.
Alternatives = Annotated[list[Regex], Field(min_length=1), AfterValidator(_alternatives_compile)]
# Literal phrases, escaped and joined into one regex; at least one, for the same reason.
Phrases = Annotated[list[str], Field(min_length=1)]


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MembershipPhrasing(_Rule):
    pattern: Regex
    date_rank: int


class MembershipPhrasings(_Rule):
    member: list[MembershipPhrasing]
    candidate: list[MembershipPhrasing]
    coordinator: list[MembershipPhrasing]
    board: list[MembershipPhrasing]
    event: list[MembershipPhrasing]
    joins_a_project: Regex
    rejected: Regex


class Anaphora(_Rule):
    city: Phrases
    city_genitive: Phrases
    self_: Phrases = Field(alias="self")
    network: Phrases


class ProjectRules(_Rule):
    lead: Alternatives
    funder: Alternatives
    participant: Alternatives
    subject_roles: dict[str, ParticipantRole]
    subject_wrappers: list[str]
    appositive_roles: list[str]
    none: Alternatives
    # a mapping, not one field per role: its order is the order the roles are tried in
    postposed: dict[ParticipantRole, Regex]
    start: Alternatives
    end: Alternatives
    budget: Alternatives
    label_lines: Alternatives
    anaphora: Phrases
    many_projects: Regex
    other_project: Regex
    subunit_heads: Alternatives


class LinkRuleFile(_Rule):
    """link_rules.yaml as written."""

    membership: MembershipPhrasings
    anaphora: Anaphora
    relative_clause: Regex
    not_member_before: Phrases
    name_fillers: list[str]
    network_words: Phrases
    municipal_unions: Phrases
    related_links_headings: Alternatives
    project: ProjectRules


class LinkRules:
    def __init__(self, rules: LinkRuleFile) -> None:
        flags = re.IGNORECASE
        self.membership = [
            (kind, re.compile(phrasing.pattern, flags), phrasing.date_rank)
            for kind in ("member", "candidate", "coordinator", "board", "event")
            for phrasing in getattr(rules.membership, kind)
        ]
        self.joins_a_project = re.compile(rules.membership.joins_a_project, flags)
        self.rejected = re.compile(rules.membership.rejected, flags)
        # None for patterns anchored on a sentence's start, which a scan of the whole text cannot test
        self.membership_prefilters = [
            None if pattern.pattern.startswith("^") else prefilter_regex(pattern.pattern)
            for _, pattern, _ in self.membership
        ]
        # "il Comune" stands for the document's city, "il Comune di Livorno" and "la Città
        # metropolitana di Milano" do not
        self.city_anaphora = re.compile(_phrase_regex(rules.anaphora.city).pattern + NO_PLACE_NAMED_AFTER, re.IGNORECASE)
        self.network_anaphora = _phrase_regex(rules.anaphora.network)
        self.city_genitive = re.compile(r"\s*" + _phrase_regex(rules.anaphora.city_genitive).pattern + NO_PLACE_NAMED_AFTER, re.IGNORECASE)
        self.relative = re.compile(rules.relative_clause + r"\s*$", flags)
        self.not_member_before = re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, rules.not_member_before)) + r")\s*$", flags
        )
        self.self_anaphora = _phrase_regex(rules.anaphora.self_)
        self.name_fillers = frozenset(rules.name_fillers)
        self.network_words = re.compile(r"\b(?:" + "|".join(map(re.escape, rules.network_words)) + r")\b", flags)
        self.municipal_union = re.compile(r"(?:" + "|".join(map(re.escape, rules.municipal_unions)) + r")\b", flags)
        self.related_links_heading = re.compile(r"\W*(?:" + "|".join(rules.related_links_headings) + r")\W*", flags)
        project = rules.project
        # each phrasing a named group, so a match says which one it was: "lead_2" is the
        # second of the YAML's lead phrasings
        self.roles = [
            (role, re.compile("|".join(f"(?P<{role}_{n}>{pattern})" for n, pattern in enumerate(patterns, 1)), flags))
            for role, patterns in (("lead", project.lead), ("funder", project.funder), ("participant", project.participant))
        ]
        self.not_a_role = re.compile("|".join(project.none), flags)
        self.postposed = {role: re.compile(pattern, flags) for role, pattern in project.postposed.items()}
        self.start = re.compile("|".join(project.start), flags)
        self.end = re.compile("|".join(project.end), flags)
        self.budget = re.compile("|".join(project.budget), flags)
        self.project_anaphora = _phrase_regex(project.anaphora)
        self.many_projects = re.compile(project.many_projects, flags)
        self.other_project = re.compile(project.other_project, flags)
        self.project_label_line = re.compile("|".join(project.label_lines), flags)
        self.subunit = re.compile(r"(?:" + "|".join(project.subunit_heads) + r")\b", flags)
        self.subject_roles: dict[str, str] = dict(project.subject_roles)
        self.subject_wrappers = frozenset(project.subject_wrappers)
        self.appositive_roles = frozenset(project.appositive_roles)


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)", re.IGNORECASE)


@cache
def load_rules(path: Path = RULES_FILE) -> LinkRules:
    return LinkRules(load_rule_file(path, LinkRuleFile))


class Intervals:
    """[start, end) intervals in text order, asked whether any overlaps a range: a bisect,
    not a scan, for pages naming thousands of organisations."""

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        self.intervals = sorted(intervals)
        self.starts = [start for start, _ in self.intervals]
        self.longest = max((end - start for start, end in self.intervals), default=0)

    def overlap(self, start: int, end: int) -> bool:
        first = bisect_left(self.starts, start - self.longest)
        return any(s < end and start < e for s, e in self.intervals[first : bisect_left(self.starts, end)])


class DocumentContext:
    """Per-document lookups both record kinds need."""

    def __init__(self, doc: AnnotatedDocument, rules: LinkRules) -> None:
        self.doc = doc
        self.rules = rules
        furniture = self._related_links(doc)
        self.mentions = sorted((m for m in doc.mentions if not furniture.overlap(m.clean_start, m.clean_end)),
                               key=lambda m: m.clean_start)
        self.by_sentence: list[list[Mention]] = [[] for _ in doc.sentences]
        index = 0
        for mention in self.mentions:
            while index < len(doc.sentences) - 1 and mention.clean_start >= doc.sentences[index].clean_end:
                index += 1
            if doc.sentences:
                self.by_sentence[index].append(mention)
        self.token_starts = [token.clean_start for token in doc.tokens]
        self.main_city = self._main_city()
        self.main_network = self._main_network()

    def _related_links(self, doc: AnnotatedDocument) -> Intervals:
        """Where a page lists links to other articles under a heading ("LEGGI ANCHE",
        "Articoli correlati"): their headlines, one a line up to a blank line, tell of other
        news and give no record (their entities stay)."""
        spans = []
        text = doc.text
        for index, sentence in enumerate(doc.sentences):
            if not self.rules.related_links_heading.fullmatch(text[sentence.clean_start : sentence.clean_end]):
                continue
            end = sentence.clean_end
            for following in doc.sentences[index + 1 :]:
                gap = text[end : following.clean_start]
                if "\n\n" in gap.replace(" ", "") or following.clean_end - following.clean_start > RELATED_LINK_LENGTH:
                    break
                end = following.clean_end
            spans.append((sentence.clean_start, end))
        return Intervals(spans)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indexes [first, last) of the tokens that start within [start, end) of the cleaned text."""
        return bisect_left(self.token_starts, start), bisect_left(self.token_starts, end)

    def next_token_start(self, offset: int) -> int:
        """Where the first token at or after `offset` starts; -1 past the last."""
        index = bisect_left(self.token_starts, offset)
        return self.token_starts[index] if index < len(self.token_starts) else -1

    def is_dateline_place(self, first: int, date_starts: Container[int], list_markers: Iterable[str]) -> bool:
        """"Firenze, 5 dicembre 2023 – Sarà …", "MONSANO – …": the place a release was written
        in (its token `first`) opens a line, followed by the date (one of `date_starts`, see
        `date_starts`) or a dash: not a member."""
        tokens = self.doc.tokens
        if first > 0 and tokens[first - 1].lower.strip() and tokens[first - 1].lower not in list_markers:
            return False
        for offset, token in enumerate(tokens[first + 1 : first + 6], first + 1):
            if token.lower in ("–", "—", "-"):
                return not self._names_a_person_alone(offset + 1)
            if token.lower == ",":
                return self.next_token_start(token.clean_end) in date_starts
        return False

    def _names_a_person_alone(self, start: int) -> bool:
        """"Padova – Marco Ruggieri" then a line break: a table's row (a member and its
        representative), not a dateline, which a sentence follows."""
        tokens, text = self.doc.tokens, self.doc.text
        end = start
        while end < len(tokens) and end - start <= TABLE_ROW_NAME_WORDS and "\n" not in tokens[end].lower:
            end += 1
        words = [text[t.clean_start : t.clean_end] for t in tokens[start:end]]
        line_ends = end == len(tokens) or "\n" in tokens[end].lower or "\n" in text[tokens[end - 1].clean_end : tokens[end].clean_start]
        return 0 < len(words) <= TABLE_ROW_NAME_WORDS and line_ends and all(w[:1].isupper() and w.isalpha() for w in words)

    def span(self, mention: Mention) -> Span:
        return Span(start=mention.start, end=mention.end)

    def evidence(self, sentence: Sentence) -> Span:
        return Span(start=sentence.start, end=sentence.end)

    def _main_city(self) -> Mention | None:
        """The city a text speaks for: named after "Città di"/"Comune di", else the most frequent."""
        weights: Counter[str] = Counter()
        first: dict[str, Mention] = {}
        for mention in self.mentions:
            if mention.label not in MEMBER_PLACE_LABELS:
                continue
            name = mention_name(mention)
            first.setdefault(name, mention)
            before = self.doc.text[max(0, mention.clean_start - 30) : mention.clean_start].lower()
            weights[name] += 3 if re.search(r"(?:città|comune) di\s*$", before) else 1
        if not weights:
            return None
        return first[weights.most_common(1)[0][0]]

    def _main_network(self) -> Mention | None:
        """The network a text is about: the one it names most often."""
        counts: Counter[str] = Counter()
        first: dict[str, Mention] = {}
        for mention in self.mentions:
            if self.is_network(mention) and mention.org_type != "municipal_association":
                name = mention_name(mention)
                counts[name] += 1
                first.setdefault(name, mention)
        return first[counts.most_common(1)[0][0]] if counts else None

    def is_network(self, mention: Mention) -> bool:
        if mention.label != "ORG":
            return False
        if mention.org_type in NEVER_NETWORK_TYPES:
            return False  # "Unione europea", "Interreg Europe", "Università di Bologna": no one's network
        if self.rules.municipal_union.match(mention_name(mention)):
            return False  # "Unione dei Comuni del Trasimeno": its comuni's body, not their network
        if mention.org_type:
            return mention.org_type in NETWORK_TYPES or bool(self.rules.network_words.search(mention.clean_text))
        return mention.source == "org_list" or bool(self.rules.network_words.search(mention_name(mention)))

    def is_administration(self, mention: Mention) -> bool:
        return mention.label in ("ORG", "LOC") and bool(ADMINISTRATION.match(mention.clean_text))

    def candidate(self, mention: Mention) -> Candidate:
        kind = "city" if mention.label == "CITY" else "org"
        name = mention_name(mention)
        before = self.doc.text[max(0, mention.clean_start - 30) : mention.clean_start].lower()
        if kind == "city" and re.search(r"città metropolitana di\s*$", before):
            kind = "metro_city"
            name = f"Città metropolitana di {name}"  # the member is the metropolitan body, not the town
        elif kind == "org" and REGION.match(mention.clean_text):
            kind = "region"
        elif kind == "org" and ADMINISTRATION.match(mention.clean_text):
            kind = "metro_city"  # a province (CONVENTIONS §3)
        return Candidate(
            name=name,
            mention=mention.text,
            start=mention.clean_start,
            end=mention.clean_end,
            kind=kind,
            entity_id=mention.entity_id,
            span=self.span(mention),
        )


def listed_after(mentions: list[Mention], first: Mention, text: str, extended: bool = False) -> list[Mention]:
    """`first` and the mentions listed right after it, separated only by commas, "e",
    dashes; `extended` lists also go on over prepositions, brackets and years
    ("della Coalizione (ECCAR) e, dal 2023, della rete Intercultural Cities")."""
    separator = LIST_GAP if extended else LIST_SEPARATOR
    chain = [first]
    rest = [m for m in mentions if m.clean_start >= first.clean_end]
    for mention in rest:
        gap = text[chain[-1].clean_end : mention.clean_start]
        if not separator.match(gap):
            break
        if "(" in gap and mention_name(mention) != mention_name(chain[-1]):
            break  # "Rete … (ICC del Consiglio d'Europa)": an aside about the last item
        chain.append(mention)
    return chain


# Characters before a mention its venue or official phrase may span ("assemblea generale di ").
NOT_MEMBER_REACH = 30


def same_body(name: str, other: str, fillers: frozenset[str]) -> bool:
    """Whether two names are spellings of one body: the content words of one (its words but
    `fillers`, as name keys), at least two, are all among the other's."""
    words, other_words = (set(name_key(n).split()) - fillers for n in (name, other))
    shorter, longer = sorted((words, other_words), key=len)
    return len(shorter) >= 2 and shorter <= longer


def date_starts(mentions: Iterable[Mention]) -> frozenset[int]:
    """Where the DATE mentions among `mentions` start: what `is_dateline_place` looks up."""
    return frozenset(m.clean_start for m in mentions if m.label == "DATE")


def mention_name(mention: Mention) -> str:
    """The name a record gives a mention: its canonical name, else its text."""
    return mention.canonical or mention.clean_text


def listed_before(mentions: list[Mention], last: Mention, text: str) -> list[Mention]:
    chain = [last]
    for mention in reversed([m for m in mentions if m.clean_end <= last.clean_start]):
        gap = text[mention.clean_end : chain[-1].clean_start]
        if not LIST_SEPARATOR.match(gap):
            break
        chain.append(mention)
    return list(reversed(chain))


def orgs_of(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.label == "ORG"]
