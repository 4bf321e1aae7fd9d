"""Stage 4, link: membership and project records (SPEC §3) from normalised mentions.

Records are read sentence by sentence. A phrasing from `resources/link_rules.yaml`
(a trigger: "è entrata a far parte", "intende aderire", "capofila", "finanziato da") anchors
each record; the member is the nearest candidate before the trigger (else the first after
it), the network the first network after it together with any networks listed alongside,
and a project participant takes the role its nearest trigger names. A document's records
on the same pair are merged into one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import yaml

from pipeline.mentions import AnnotatedDocument, Mention, Sentence
from pipeline.schema import Membership, Participant, Project, Span

RULES_FILE = Path(__file__).parent / "resources" / "link_rules.yaml"

NETWORK_TYPES = frozenset({"network", "municipal_association"})
PLACE_LABELS = frozenset({"CITY"})
# Text that may separate the items of one list: "A, B e C", "A; B", "ECCAR - European …".
LIST_SEPARATOR = re.compile(r"^[\s,;:\-–—]*(?:\b(?:e|ed|and|o|oppure)\b)?[\s,;:\-–—]*$", re.IGNORECASE)
LIST_GAP = re.compile(
    r"^(?:[\s,;:\-–—()\d]|\b(?:e|ed|o|and|di|del|della|dello|dell|dei|degli|delle|a|al|alla|allo|all|ai|agli|alle"
    r"|la|il|lo|l|rete|network|associazione|anche|inoltre|nonché|dal|dalla|dallo|dai|nel|nella|in)\b|['’])*$",
    re.IGNORECASE,
)
# A line of a list of partners ("- il Comune di Livorno;") is no longer than this.
LIST_ITEM_LENGTH = 200
ROLE_PRIORITY = {"coordinator": 2, "board": 1, "member": 0}
# How far (characters) after a trigger "la rete", "l'associazione" may stand for its network.
ANAPHORA_REACH = 30
ALSO = re.compile(r"\banche\b", re.IGNORECASE)
RELATIVE_THAT = re.compile(r"^\W*(?:\w+\W+)?che\W+$", re.IGNORECASE)
DATELINE = re.compile(r"^\W*[A-ZÀ-Ý][\w'’ .]{1,40},\s*$")
# How far (characters) after a trigger the date of its event may stand.
DATE_REACH = 80
# How far (characters) before a trigger its subject may stand: a member named, or "la Città",
# "siamo" standing for one.
MEMBER_REACH = 80


@dataclass(frozen=True, slots=True)
class Trigger:
    kind: str
    start: int
    end: int
    date_rank: int = 0


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


@dataclass(slots=True)
class _Pending:
    membership: Membership
    date_rank: int = -1
    statuses: set[str] = field(default_factory=set)
    max_member_rank: int = 0


class LinkRules:
    def __init__(self, raw: dict) -> None:
        flags = re.IGNORECASE
        membership = raw["membership"]
        self.membership = [
            (kind, re.compile(entry["pattern"], flags), int(entry["date_rank"]))
            for kind in ("member", "candidate", "coordinator", "board", "event")
            for entry in membership[kind]
        ]
        # "il Comune" stands for the document's city, "il Comune di Livorno" does not
        self.city_anaphora = re.compile(_phrase_regex(raw["anaphora"]["city"]).pattern + r"(?!\s+d[i'’])", re.IGNORECASE)
        self.network_anaphora = _phrase_regex(raw["anaphora"]["network"])
        self.relative = re.compile(raw["relative_clause"] + r"\s*$", flags)
        self.not_member_before = re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, raw["not_member_before"])) + r")\s*$", flags
        )
        self.self_anaphora = _phrase_regex(raw["anaphora"]["self"])
        self.network_words = re.compile(r"\b(?:" + "|".join(map(re.escape, raw["network_words"])) + r")\b", flags)
        project = raw["project"]
        self.roles = [(role, re.compile("|".join(project[role]), flags)) for role in ("lead", "funder", "participant")]
        self.not_a_role = re.compile("|".join(project["none"]), flags)
        self.postposed = {role: re.compile(pattern, flags) for role, pattern in project["postposed"].items()}
        self.start = re.compile("|".join(project["start"]), flags)
        self.end = re.compile("|".join(project["end"]), flags)
        self.budget = re.compile("|".join(project["budget"]), flags)
        self.project_anaphora = _phrase_regex(project["anaphora"])
        self.subunit = re.compile(r"(?:" + "|".join(project["subunit_heads"]) + r")\b", flags)


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)", re.IGNORECASE)


@cache
def load_rules(path: Path = RULES_FILE) -> LinkRules:
    with open(path, encoding="utf-8") as handle:
        return LinkRules(yaml.safe_load(handle))


def link(doc: AnnotatedDocument, rules: LinkRules | None = None) -> tuple[list[Membership], list[Project]]:
    rules = rules or load_rules()
    context = _DocumentContext(doc, rules)
    return _memberships(context), _projects(context)


class _DocumentContext:
    """Per-document lookups both record kinds need."""

    def __init__(self, doc: AnnotatedDocument, rules: LinkRules) -> None:
        self.doc = doc
        self.rules = rules
        self.mentions = sorted(doc.mentions, key=lambda m: m.clean_start)
        self.by_sentence: list[list[Mention]] = [[] for _ in doc.sentences]
        index = 0
        for mention in self.mentions:
            while index < len(doc.sentences) - 1 and mention.clean_start >= doc.sentences[index].clean_end:
                index += 1
            if doc.sentences:
                self.by_sentence[index].append(mention)
        self.main_city = self._main_city()
        self.main_network = self._main_network()

    def name(self, mention: Mention) -> str:
        return mention.canonical or mention.clean_text

    def span(self, mention: Mention) -> Span:
        return Span(start=mention.start, end=mention.end)

    def evidence(self, sentence: Sentence) -> Span:
        return Span(start=sentence.start, end=sentence.end)

    def _main_city(self) -> Mention | None:
        """The city a text speaks for: named after "Città di"/"Comune di", else the most frequent."""
        weights: Counter[str] = Counter()
        first: dict[str, Mention] = {}
        for mention in self.mentions:
            if mention.label not in PLACE_LABELS:
                continue
            name = self.name(mention)
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
                name = self.name(mention)
                counts[name] += 1
                first.setdefault(name, mention)
        return first[counts.most_common(1)[0][0]] if counts else None

    def is_network(self, mention: Mention) -> bool:
        if mention.label != "ORG":
            return False
        if mention.org_type:
            return mention.org_type in NETWORK_TYPES or bool(self.rules.network_words.search(mention.clean_text))
        return mention.source == "org_list" or bool(self.rules.network_words.search(self.name(mention)))

    def candidate(self, mention: Mention) -> Candidate:
        kind = "city" if mention.label == "CITY" else "org"
        before = self.doc.text[max(0, mention.clean_start - 30) : mention.clean_start].lower()
        if kind == "city" and re.search(r"città metropolitana di\s*$", before):
            kind = "metro_city"
        return Candidate(
            name=self.name(mention),
            mention=mention.text,
            start=mention.clean_start,
            end=mention.clean_end,
            kind=kind,
            entity_id=mention.entity_id,
            span=self.span(mention),
        )


def _triggers(sentence_text: str, offset: int, rules: LinkRules) -> list[Trigger]:
    found = []
    for kind, pattern, rank in rules.membership:
        for match in pattern.finditer(sentence_text):
            found.append(Trigger(kind, offset + match.start(), offset + match.end(), rank))
    return sorted(found, key=lambda t: t.start)


def _listed_after(mentions: list[Mention], first: Mention, text: str, extended: bool = False) -> list[Mention]:
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
        if "(" in gap and _name(mention) != _name(chain[-1]):
            break  # "Rete … (ICC del Consiglio d'Europa)": an aside about the last item
        chain.append(mention)
    return chain


def _name(mention: Mention) -> str:
    return mention.canonical or mention.clean_text


def _listed_before(mentions: list[Mention], last: Mention, text: str) -> list[Mention]:
    chain = [last]
    for mention in reversed([m for m in mentions if m.clean_end <= last.clean_start]):
        gap = text[mention.clean_end : chain[-1].clean_start]
        if not LIST_SEPARATOR.match(gap):
            break
        chain.append(mention)
    return list(reversed(chain))


def _memberships(ctx: _DocumentContext) -> list[Membership]:
    pending: dict[tuple[str, str], _Pending] = {}
    self_member: Candidate | None = None
    previous_records: list[tuple[str, str]] = []
    event: tuple[str, int] | None = None
    for sentence, mentions in zip(ctx.doc.sentences, ctx.by_sentence):
        sentence_text = ctx.doc.text[sentence.clean_start : sentence.clean_end]
        triggers = _triggers(sentence_text, sentence.clean_start, ctx.rules)
        records: list[tuple[str, str]] = []
        used: set[int] = set()
        used_regions: list[tuple[int, int]] = []
        subject: list[Candidate] = []
        dates = [m for m in mentions if m.label == "DATE" and m.norm and "/" not in m.norm and not _in_dateline(ctx, sentence, m)]
        sentence_event = None
        for index, trigger in enumerate(triggers):
            earlier_end = triggers[index - 1].end if index else sentence.clean_start
            dates = [d for d in dates if not any(start <= d.clean_start < end for start, end in used_regions)]
            trigger_date = _trigger_date(dates, trigger, triggers, [], earlier_end)
            if trigger.kind == "event":
                sentence_event = (trigger_date, trigger.date_rank) if trigger_date else sentence_event
                continue
            relative = bool(ctx.rules.relative.search(ctx.doc.text[sentence.clean_start : trigger.start]))
            networks = _networks_for(ctx, sentence, mentions, trigger, used, relative)
            members = _members_for(ctx, sentence, mentions, trigger, networks, self_member, used, relative) or subject
            trigger_date = _trigger_date(dates, trigger, triggers, networks, earlier_end)
            if not networks or not members:
                if trigger_date and trigger.date_rank >= 2:
                    sentence_event = (trigger_date, trigger.date_rank)
                continue
            for member in members:
                if trigger.kind in ("coordinator", "board") and member.kind == "org":
                    self_member = member
                for network in networks:
                    if ctx.name(network) == member.name:
                        continue
                    date = _date_within_list(dates, networks, network) or trigger_date
                    if date is None and event is not None and trigger.kind == "board":
                        date, rank = event
                        key = _add_membership(ctx, pending, sentence, trigger, member, network, None)
                        _set_date(pending[key], date, min(rank, trigger.date_rank))
                        records.append(key)
                        continue
                    records.append(_add_membership(ctx, pending, sentence, trigger, member, network, date))
            chain = _listed_after(_orgs(mentions), networks[0], ctx.doc.text, extended=True)
            used.update(id(m) for m in chain)
            used_regions.append((chain[0].clean_start, chain[-1].clean_end))
            subject = members
        if records or sentence_event is None:
            previous_records = records or previous_records
            event = None
        else:
            # "L'elezione è avvenuta giovedì 13 giugno": the event of the records just read,
            # and of those the next sentence adds ("Con Bari sono state elette anche …")
            for key in previous_records:
                _set_date(pending[key], *sentence_event)
            event = sentence_event
    return [_finish(p) for p in pending.values()]


def _in_dateline(ctx: _DocumentContext, sentence: Sentence, date: Mention) -> bool:
    """"Bari, 14 giugno 2024 — Bari entra …": the release's own date, not an event's."""
    return bool(DATELINE.match(ctx.doc.text[sentence.clean_start : date.clean_start]))


def _orgs(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.label == "ORG"]


def _networks_for(
    ctx: _DocumentContext,
    sentence: Sentence,
    mentions: list[Mention],
    trigger: Trigger,
    used: set[int],
    relative: bool,
) -> list[Mention]:
    """The networks a trigger speaks of: named after it ("aderisce a ECCAR, Eurocities e …"),
    named before a relative "di cui fanno parte", or the document's network standing behind
    "la rete", "l'associazione" — or unnamed, when the phrasing leaves no doubt."""
    text = ctx.doc.text
    if relative:
        before = [m for m in _orgs(mentions) if m.clean_end <= trigger.start and ctx.is_network(m)]
        if before:
            return [before[-1]]
    orgs = [m for m in _orgs(mentions) if id(m) not in used]
    after = [m for m in orgs if m.clean_start >= trigger.end and ctx.is_network(m)]
    if after:
        listed = _listed_after(_orgs(mentions), after[0], text, extended=True)
        return [m for m in listed if ctx.is_network(m) or m.source == "org_list"]
    if ctx.main_network is None:
        return []
    anaphora = ctx.rules.network_anaphora.search(text, trigger.end, min(sentence.clean_end, trigger.end + ANAPHORA_REACH))
    if anaphora and any(trigger.end <= m.clean_start < anaphora.start() for m in mentions if m.label in ("ORG", "CITY")):
        anaphora = None
    if anaphora or trigger.date_rank >= 2 or trigger.kind == "candidate":
        return [ctx.main_network]
    return []


def _members_for(
    ctx: _DocumentContext,
    sentence: Sentence,
    mentions: list[Mention],
    trigger: Trigger,
    networks: list[Mention],
    self_member: Candidate | None,
    used: set[int],
    relative: bool,
) -> list[Candidate]:
    """The nearest candidate before the trigger with those listed beside it; a phrase
    standing for one ("la Città", "siamo"); else, or after "di cui", the places named
    after the trigger."""
    text = ctx.doc.text
    relative_subject = _relative_subject(ctx, mentions, trigger)
    if relative_subject is not None:
        return [ctx.candidate(relative_subject)]
    network_ids = {id(m) for m in networks}
    pool = [
        m
        for m in mentions
        if id(m) not in network_ids
        and id(m) not in used
        and (m.label in PLACE_LABELS or (m.label == "ORG" and not _inside_network_name(m, networks)))
        and not ctx.rules.not_member_before.search(text, max(0, m.clean_start - 20), m.clean_start)
    ]
    reach = 0 if relative else MEMBER_REACH
    before = [m for m in pool if m.clean_end <= trigger.start and trigger.start - m.clean_end <= reach]
    phrases = [] if relative else _anaphora(ctx, sentence, trigger, self_member)
    nearest_phrase = max(
        (p for p in phrases if p.end <= trigger.start and trigger.start - p.end <= MEMBER_REACH),
        key=lambda p: p.end,
        default=None,
    )
    found: list[Candidate] = []
    if before and (nearest_phrase is None or before[-1].clean_end > nearest_phrase.end):
        found = [ctx.candidate(m) for m in _listed_before(before, before[-1], ctx.doc.text)]
    elif nearest_phrase is not None:
        found = [nearest_phrase]
    named_networks = [n for n in networks if n.clean_start >= trigger.end]
    limit = named_networks[0].clean_start if named_networks else sentence.clean_end
    after = [m for m in pool if trigger.end <= m.clean_start < limit and m.label in PLACE_LABELS]
    if after and (not found or ALSO.search(text, trigger.end, after[0].clean_start)):
        found += [ctx.candidate(m) for m in _listed_after(after, after[0], text)]
    return found


def _relative_subject(ctx: _DocumentContext, mentions: list[Mention], trigger: Trigger) -> Mention | None:
    """"… della Rete Italiana delle Città del Dialogo, rete che forma parte del Programma":
    the subject of a relative clause is the organisation right before "che"."""
    before = [m for m in mentions if m.label == "ORG" and m.clean_end <= trigger.start]
    if before and RELATIVE_THAT.match(ctx.doc.text[before[-1].clean_end : trigger.start]):
        return before[-1]
    return None


def _inside_network_name(mention: Mention, networks: list[Mention]) -> bool:
    return any(n.clean_start <= mention.clean_start and mention.clean_end <= n.clean_end for n in networks)


def _anaphora(
    ctx: _DocumentContext, sentence: Sentence, trigger: Trigger, self_member: Candidate | None
) -> list[Candidate]:
    """"la Città" for the document's city; "siamo", "il nostro" for its author."""
    text = ctx.doc.text[sentence.clean_start : sentence.clean_end]
    found = []
    if ctx.main_city is not None:
        city = ctx.candidate(ctx.main_city)
        for match in ctx.rules.city_anaphora.finditer(text):
            start = sentence.clean_start + match.start()
            found.append(Candidate(city.name, city.mention, start, sentence.clean_start + match.end(),
                                   city.kind, city.entity_id, city.span))
    if self_member is not None:
        for match in ctx.rules.self_anaphora.finditer(text):
            start = sentence.clean_start + match.start()
            found.append(Candidate(self_member.name, self_member.mention, start, sentence.clean_start + match.end(),
                                   self_member.kind, self_member.entity_id, self_member.span))
    return found


def _trigger_date(
    dates: list[Mention], trigger: Trigger, triggers: list[Trigger], networks: list[Mention], earlier_end: int
) -> str | None:
    """The date of the trigger's event: the first one after it ("è stata accolta … il 6
    agosto"), else the nearest before it ("nella seduta del 9 aprile, ha approvato"), never
    one that another event phrase stands closer to, nor one inside the list of networks."""
    list_start = min((n.clean_start for n in networks if n.clean_start >= trigger.end), default=None)
    list_end = max((n.clean_end for n in networks), default=None)

    def separated(date: Mention) -> bool:
        low, high = (date.clean_end, trigger.start) if date.clean_end <= trigger.start else (trigger.end, date.clean_start)
        return any(other is not trigger and low <= other.start and other.end <= high for other in triggers)

    def inside_list(date: Mention) -> bool:
        return list_start is not None and list_start <= date.clean_start <= list_end

    candidates = [d for d in dates if not separated(d) and not inside_list(d) and d.clean_start >= earlier_end]
    after = [d for d in candidates if 0 <= d.clean_start - trigger.end <= DATE_REACH]
    if after:
        return after[0].norm
    before = [d for d in candidates if d.clean_end <= trigger.start]
    return before[-1].norm if before else None


def _date_within_list(dates: list[Mention], networks: list[Mention], network: Mention) -> str | None:
    """"fa parte di ECCAR e, dal 2023, della rete ICC": a date inside a list of networks
    belongs to the network right after it."""
    index = networks.index(network)
    if index == 0:
        return None
    previous = networks[index - 1]
    inside = [d for d in dates if previous.clean_end <= d.clean_start and d.clean_end <= network.clean_start]
    return inside[-1].norm if inside else None


def _set_date(entry: _Pending, date: str, rank: int) -> None:
    if rank > entry.date_rank:
        entry.membership.date = date
        entry.date_rank = rank


def _add_membership(
    ctx: _DocumentContext,
    pending: dict[tuple[str, str], _Pending],
    sentence: Sentence,
    trigger: Trigger,
    member: Candidate,
    network: Mention,
    date: str | None,
) -> tuple[str, str]:
    network_name = ctx.name(network)
    key = (member.entity_id or member.name, network.entity_id or network_name)
    role = trigger.kind if trigger.kind in ("coordinator", "board") else "member"
    entry = pending.get(key)
    if entry is None:
        entry = _Pending(
            Membership(
                member=member.name,
                member_mention=member.mention,
                member_kind=member.kind,
                network=network_name,
                network_mention=network.text,
                role=role,
                member_id=member.entity_id,
                network_id=network.entity_id,
                evidence=ctx.evidence(sentence),
                member_span=member.span,
                network_span=ctx.span(network),
            )
        )
        pending[key] = entry
    if ROLE_PRIORITY[role] > ROLE_PRIORITY[entry.membership.role]:
        entry.membership.role = role
    entry.statuses.add("candidate" if trigger.kind == "candidate" else "member")
    if trigger.kind != "candidate":
        entry.max_member_rank = max(entry.max_member_rank, trigger.date_rank)
    if date and trigger.date_rank > entry.date_rank:
        _set_date(entry, date, trigger.date_rank)
        entry.membership.evidence = ctx.evidence(sentence)
    return key


def _finish(entry: _Pending) -> Membership:
    """A candidacy stands unless a stronger phrasing says the member was accepted or joined."""
    is_candidate = "candidate" in entry.statuses and entry.max_member_rank < 2
    entry.membership.status = "candidate" if is_candidate else "member"
    return entry.membership


# --- projects ---------------------------------------------------------------------------


@dataclass(slots=True)
class _ProjectGroup:
    name: str
    mention: str
    mentions: list[Mention]
    record: Project


def _projects(ctx: _DocumentContext) -> list[Project]:
    groups = _project_groups(ctx)
    if not groups:
        return []
    main = max(groups, key=lambda g: len(g.mentions))
    roles: dict[tuple[int, str], tuple[str, bool]] = {}
    text = ctx.doc.text
    listing: tuple[_ProjectGroup, str] | None = None
    for sentence, mentions in zip(ctx.doc.sentences, ctx.by_sentence):
        sentence_text = text[sentence.clean_start : sentence.clean_end]
        group, names_project = _sentence_project(ctx, groups, main, mentions, sentence_text)
        if group is None and listing is not None and len(sentence_text) <= LIST_ITEM_LENGTH:
            # "il partenariato comprende:" then one partner a line
            _read_participants(ctx, listing[0], sentence, mentions, False, roles, listing[1])
            continue
        listing = None
        if group is None:
            continue
        _read_dates(ctx, group, sentence, mentions, sentence_text)
        _read_budget(ctx, group, mentions, sentence_text)
        _read_participants(ctx, group, sentence, mentions, names_project, roles)
        if sentence_text.rstrip().endswith(":"):
            roles_named = [role for _, role in _role_triggers(ctx, sentence)]
            listing = (group, roles_named[-1]) if roles_named and roles_named[-1] else None
    return [g.record for g in groups]


def _project_groups(ctx: _DocumentContext) -> list[_ProjectGroup]:
    """One group per project: "MC2CM", "Mediterranean City to City Migration (MC2CM)" and
    "Connection"/"CONNECTION" are one project, named by its acronym when it has one."""
    projects = [m for m in ctx.mentions if m.label == "PROJECT"]
    group_of = list(range(len(projects)))

    def root(i: int) -> int:
        while group_of[i] != i:
            i = group_of[i]
        return i

    for i, mention in enumerate(projects):
        for j in range(i):
            if _same_project(ctx.doc.text, mention, projects[j]):
                group_of[root(i)] = root(j)
    groups: dict[int, list[Mention]] = {}
    for i, mention in enumerate(projects):
        groups.setdefault(root(i), []).append(mention)
    result = []
    for members in groups.values():
        acronyms = [m for m in members if " " not in m.clean_text and any(c.isupper() for c in m.clean_text)]
        named = max(acronyms or members, key=lambda m: sum(c.isupper() for c in m.clean_text))
        long_forms = [m for m in members if " " in m.clean_text]
        mention = long_forms[0].text if long_forms else named.text
        name = named.canonical or named.clean_text
        result.append(_ProjectGroup(name, mention, members, Project(name=name, mention=mention,
                                                                     evidence=ctx.evidence(_sentence_of(ctx, members[0])))))
    return result


def _sentence_of(ctx: _DocumentContext, mention: Mention) -> Sentence:
    for sentence in ctx.doc.sentences:
        if sentence.clean_start <= mention.clean_start < sentence.clean_end:
            return sentence
    return ctx.doc.sentences[0]


def _same_project(text: str, a: Mention, b: Mention) -> bool:
    if a.clean_text.casefold() == b.clean_text.casefold():
        return True
    first, second = sorted((a, b), key=lambda m: m.clean_start)
    gap = text[first.clean_end : second.clean_start]
    return bool(re.fullmatch(r"\s*(?:\(|[-–—:]|\s)\s*", gap))


def _sentence_project(
    ctx: _DocumentContext,
    groups: list[_ProjectGroup],
    main: _ProjectGroup,
    mentions: list[Mention],
    sentence_text: str,
) -> tuple[_ProjectGroup | None, bool]:
    """The project a sentence speaks of, and whether it names it (or says "il progetto")."""
    for group in groups:
        if any(m in group.mentions for m in mentions):
            return group, True
    if ctx.rules.project_anaphora.search(sentence_text):
        return main, True
    if any(pattern.search(sentence_text) for _, pattern in ctx.rules.roles):
        return main, False
    return None, False


def _read_dates(ctx, group: _ProjectGroup, sentence: Sentence, mentions: list[Mention], sentence_text: str) -> None:
    dates = [m for m in mentions if m.label == "DATE" and m.norm]
    for pattern, field_name in ((ctx.rules.start, "start"), (ctx.rules.end, "end")):
        for match in pattern.finditer(sentence_text):
            trigger_end = sentence.clean_start + match.end()
            following = [d for d in dates if 0 <= d.clean_start - trigger_end <= 25]
            if following and getattr(group.record, field_name) is None:
                norm = following[0].norm
                if "/" in norm:
                    group.record.start, group.record.end = norm.split("/", 1)
                else:
                    setattr(group.record, field_name, norm)


def _read_budget(ctx, group: _ProjectGroup, mentions: list[Mention], sentence_text: str) -> None:
    money = [m for m in mentions if m.label == "MONEY" and m.norm]
    if money and group.record.budget is None and ctx.rules.budget.search(sentence_text):
        group.record.budget = money[0].norm


def _role_triggers(ctx: _DocumentContext, sentence: Sentence) -> list[tuple[int, str]]:
    """(end offset, role) of every role phrasing in the sentence; role None for phrasings
    after which no one is a participant ("in collaborazione con")."""
    text = ctx.doc.text
    found: list[tuple[int, str | None]] = []
    for role, pattern in ctx.rules.roles:
        found += [(m.end(), role) for m in pattern.finditer(text, sentence.clean_start, sentence.clean_end)]
    found += [(m.end(), None) for m in ctx.rules.not_a_role.finditer(text, sentence.clean_start, sentence.clean_end)]
    return sorted(found, key=lambda item: item[0])


def _read_participants(
    ctx: _DocumentContext,
    group: _ProjectGroup,
    sentence: Sentence,
    mentions: list[Mention],
    names_project: bool,
    roles: dict[tuple[int, str], tuple[str, bool]],
    listed_role: str | None = None,
) -> None:
    triggers = _role_triggers(ctx, sentence)
    parties = sorted(
        [m for m in mentions if m.label in ("ORG", "CITY")] + _city_phrases(ctx, sentence),
        key=lambda m: m.clean_start,
    )
    text = ctx.doc.text
    for mention in parties:
        if _is_subunit(ctx, parties, mention):
            continue
        if ctx.rules.not_member_before.search(text, max(0, mention.clean_start - 20), mention.clean_start):
            continue  # "si è svolto a Utrecht": a venue
        before = [role for end, role in triggers if end <= mention.clean_start]
        role = (
            _postposed_role(ctx, parties, mention, sentence)
            or _programme_of(group, mention)
            or (before[-1] if before else listed_role)
        )
        if role is None:
            continue
        if mention.org_type == "funding_programme":
            role = "funder"  # a programme funds, whatever else the sentence says of it
        key = (id(group), ctx.name(mention))
        previous = roles.get(key)
        if previous is not None and (previous[1] or not names_project):
            continue
        roles[key] = (role, names_project)
        _set_participant(ctx, group, mention, role, sentence)


def _is_subunit(ctx: _DocumentContext, parties: list[Mention], mention: Mention) -> bool:
    """"Commissione Europea - Direzione generale …": a department named after its body."""
    if not ctx.rules.subunit.match(mention.clean_text):
        return False
    before = [m for m in parties if m.clean_end <= mention.clean_start]
    return bool(before) and bool(re.fullmatch(r"\s*[-–—,(]\s*", ctx.doc.text[before[-1].clean_end : mention.clean_start]))


def _postposed_role(ctx: _DocumentContext, parties: list[Mention], mention: Mention, sentence: Sentence) -> str | None:
    chain = _listed_after(parties, mention, ctx.doc.text)
    after = ctx.doc.text[chain[-1].clean_end : sentence.clean_end]
    for role, pattern in ctx.rules.postposed.items():
        if pattern.match(after):
            return role
    return None


def _programme_of(group: _ProjectGroup, mention: Mention) -> str | None:
    """"il progetto Erasmus+ «Scuole Aperte»": the programme named with a project funds it."""
    if mention.org_type != "funding_programme":
        return None
    follows = any(0 <= m.clean_start - mention.clean_end <= 3 for m in group.mentions)
    return "funder" if follows else None


def _city_phrases(ctx: _DocumentContext, sentence: Sentence) -> list[Mention]:
    """"di cui il Comune è capofila": the document's city, where the text stands for it."""
    if ctx.main_city is None:
        return []
    found = []
    for match in ctx.rules.city_anaphora.finditer(ctx.doc.text, sentence.clean_start, sentence.clean_end):
        found.append(replace(ctx.main_city, clean_start=match.start(), clean_end=match.end(), clean_text=match.group()))
    return found


def _set_participant(ctx: _DocumentContext, group: _ProjectGroup, mention: Mention, role: str, sentence: Sentence) -> None:
    name = ctx.name(mention)
    participants = [p for p in group.record.participants if p.name != name]
    participants.append(
        Participant(
            name=name,
            role=role,
            kind="city" if mention.label == "CITY" else "org",
            mention=mention.text,
            participant_id=mention.entity_id,
            span=ctx.span(mention),
            evidence=ctx.evidence(sentence),
        )
    )
    group.record.participants = participants
