"""Membership records (SPEC §3): who belongs to, joins, applies to, coordinates or sits on
the board of which network, read sentence by sentence from trigger phrasings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import cast

from itnet.link.context import (
    MEMBER_PLACE_LABELS,
    NOT_MEMBER_REACH,
    Candidate,
    DocumentContext,
    LinkRules,
    date_starts,
    listed_after,
    listed_before,
    mention_name,
    orgs_of,
    same_body,
)
from itnet.link.member_lists import load_member_list_rules
from itnet.lowercase_match import lowered_text
from itnet.mentions import Mention, Sentence
from itnet.schema import ROLE_PRIORITY, Membership, MembershipRole

# How far (characters) after a trigger "la rete", "l'associazione" may stand for its network.
ANAPHORA_REACH = 30
ALSO = re.compile(r"\banche\b", re.IGNORECASE)
# How far (characters) before a phrasing its "non" may stand; searched there only, not over
# the whole sentence before each match
NEGATION_REACH = 40
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
class _Pending:
    membership: Membership
    date_rank: int = -1
    statuses: set[str] = field(default_factory=set)
    max_member_rank: int = 0


def _patterns_in(text: str, rules: LinkRules) -> list[tuple[str, re.Pattern[str], int]]:
    """The trigger patterns worth trying sentence by sentence: those whose prefilter finds
    something in the document (one scan of the text instead of one per sentence), and those
    anchored on a sentence's start, which a scan of the whole text cannot test."""
    lowered = lowered_text(text)
    return [
        (kind, pattern, rank)
        for (kind, pattern, rank), prefilter in zip(rules.membership, rules.membership_prefilters)
        if prefilter is None
        or (pattern.search(text) if lowered is None  # the lower-case prefilters do not hold there
            else prefilter.search(text if prefilter.flags & re.IGNORECASE else lowered))
    ]


@cache
def _negated() -> re.Pattern[str]:
    """"non" before a phrasing, perhaps past its auxiliaries and adverbs, denies it ("non è stata
    accolta", "non ha rinnovato l'adesione"): the membership-list reader's negation words, read
    from member_lists.yaml so both readers deny the same phrasings."""
    negation = load_member_list_rules().negation
    words = "|".join(map(re.escape, negation.words))
    skipped = "|".join(map(re.escape, negation.skipped))
    return re.compile(rf"\b(?:{words})\s+(?:(?:{skipped})(?:\s+|(?<=['’]))){{0,{negation.reach}}}$", re.IGNORECASE)


def _triggers(sentence_text: str, offset: int, patterns: list[tuple[str, re.Pattern[str], int]]) -> list[Trigger]:
    found = []
    negated = _negated()
    for kind, pattern, rank in patterns:
        for match in pattern.finditer(sentence_text):
            if negated.search(sentence_text, max(0, match.start() - NEGATION_REACH), match.start()):
                continue  # "La domanda … non è stata accolta": a rejected candidacy gives no record (CONVENTIONS §11)
            found.append(Trigger(kind, offset + match.start(), offset + match.end(), rank))
    return sorted(found, key=lambda t: t.start)


def read_memberships(ctx: DocumentContext) -> list[Membership]:
    patterns = _patterns_in(ctx.doc.text, ctx.rules)
    list_markers = load_member_list_rules().list_markers
    pending: dict[tuple[str, str], _Pending] = {}
    self_member: Candidate | None = None
    previous_records: list[tuple[str, str]] = []
    event: tuple[str, int] | None = None
    for sentence, mentions in zip(ctx.doc.sentences, ctx.by_sentence):
        sentence_text = ctx.doc.text[sentence.clean_start : sentence.clean_end]
        # "ha respinto la mozione che proponeva l'adesione": no record
        triggers = [] if ctx.rules.rejected.search(sentence_text) else _triggers(sentence_text, sentence.clean_start, patterns)
        records: list[tuple[str, str]] = []
        used: set[int] = set()
        used_regions: list[tuple[int, int]] = []
        subject: list[Candidate] = []
        dates = [m for m in mentions if m.label == "DATE" and m.norm and "/" not in m.norm and not _in_dateline(ctx, sentence, m)]
        # once a sentence with triggers, not once a trigger: the places its dateline names
        starts = date_starts(mentions)
        datelines = {
            id(m) for m in mentions
            if ctx.is_dateline_place(ctx.token_range(m.clean_start, m.clean_end)[0], starts, list_markers)
        } if triggers else set()
        sentence_event = None
        for index, trigger in enumerate(triggers):
            earlier_end = triggers[index - 1].end if index else sentence.clean_start
            dates = [d for d in dates if not any(start <= d.clean_start < end for start, end in used_regions)]
            trigger_date = _trigger_date(dates, trigger, triggers, [], earlier_end)
            if trigger.kind == "event":
                sentence_event = (trigger_date, trigger.date_rank) if trigger_date else sentence_event
                continue
            # the clause ends right before the trigger ("di cui fanno parte"): searching the
            # whole sentence before each trigger would be quadratic in a run-on sentence
            reach = max(sentence.clean_start, trigger.start - RELATIVE_REACH)
            relative = bool(ctx.rules.relative.search(ctx.doc.text, reach, trigger.start))
            networks = _networks_for(ctx, sentence, mentions, trigger, used, relative)
            if networks and _project_between(mentions, trigger, networks[0]):
                continue  # "partecipano al progetto SOLIDCITY, guidato da EUROCITIES": the project is joined
            if ctx.rules.joins_a_project.match(ctx.doc.text, trigger.end, sentence.clean_end):
                continue  # "entrano nel progetto per l'Italia la Città Metropolitana di Napoli; …": a project's partners
            if trigger.kind == "coordinator" and any(m.label == "PROJECT" and m.clean_end <= trigger.start for m in mentions) \
                    and all(n.clean_end <= trigger.start for n in networks):
                # "Parte ALFA, progetto sostenuto dall'UE, con Beta in qualità di coordinatore": the
                # project's lead (not "… Icei, che coordina la rete Città del Dialogo")
                continue
            members = _members_for(ctx, sentence, mentions, trigger, networks, self_member, used | datelines, relative) or subject
            trigger_date = _trigger_date(dates, trigger, triggers, networks, earlier_end)
            if not networks or not members:
                if trigger_date and trigger.date_rank >= 2:
                    sentence_event = (trigger_date, trigger.date_rank)
                continue
            for member in members:
                if trigger.kind in ("coordinator", "board") and member.kind == "org":
                    self_member = member
                for network in networks:
                    network_name = mention_name(network)
                    if network_name == member.name or (member.kind == "org" and same_body(member.name, network_name, ctx.rules.name_fillers)):
                        continue  # a network is not its own member, however the page spells it
                    date = _date_within_list(dates, networks, network) or trigger_date
                    if date is None and event is not None and trigger.kind == "board":
                        date, rank = event
                        key = _add_membership(ctx, pending, sentence, trigger, member, network, None)
                        _set_date(pending[key], date, min(rank, trigger.date_rank))
                        records.append(key)
                        continue
                    records.append(_add_membership(ctx, pending, sentence, trigger, member, network, date))
            chain = listed_after(orgs_of(mentions), networks[0], ctx.doc.text, extended=True)
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


# Characters before a trigger a relative clause ("alla cui rete", "di cui già") can span.
RELATIVE_REACH = 80

# What may stand between a joining phrasing and what was joined: "aderito alla", "parte di".
JOINED_PREPOSITIONS = frozenset({"", "a", "ad", "al", "alla", "all'", "all’", "allo", "ai", "alle", "in", "nel", "nella",
                                 "nell'", "nell’", "di", "del", "della", "dell'", "dell’", "dei", "delle"})


def _joined_unknown_org(ctx: DocumentContext, orgs: list[Mention], trigger: Trigger) -> Mention | None:
    """"ha aderito all'Associazione Alfa", "è entrata a far parte di Beta": the organisation
    right after a joining phrasing is what was joined, though the alias table does not know
    it; never one the table knows as something else (a ministry, a fund)."""
    if trigger.kind not in ("member", "candidate") or trigger.date_rank < 2:
        return None
    following = [m for m in orgs if m.clean_start >= trigger.end]
    if not following or following[0].org_type is not None:
        return None
    gap = ctx.doc.text[trigger.end : following[0].clean_start].strip().lower()
    return following[0] if gap in JOINED_PREPOSITIONS else None


def _project_between(mentions: list[Mention], trigger: Trigger, network: Mention) -> bool:
    return any(m.label == "PROJECT" and trigger.end <= m.clean_start < network.clean_start for m in mentions)


def _in_dateline(ctx: DocumentContext, sentence: Sentence, date: Mention) -> bool:
    """"Bari, 14 giugno 2024 — Bari entra …": the release's own date, not an event's."""
    return bool(DATELINE.match(ctx.doc.text[sentence.clean_start : date.clean_start]))


def _networks_for(
    ctx: DocumentContext,
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
        before = [m for m in orgs_of(mentions) if m.clean_end <= trigger.start and ctx.is_network(m)]
        if before:
            return [before[-1]]
    orgs = [m for m in orgs_of(mentions) if id(m) not in used]
    after = [m for m in orgs if m.clean_start >= trigger.end and ctx.is_network(m)]
    if after:
        listed = listed_after(orgs_of(mentions), after[0], text, extended=True)
        return [m for m in listed if ctx.is_network(m) or m.source == "org_list"]
    joined = _joined_unknown_org(ctx, orgs, trigger)
    if joined is not None:
        return [joined]
    if ctx.main_network is None:
        return []
    anaphora = ctx.rules.network_anaphora.search(text, trigger.end, min(sentence.clean_end, trigger.end + ANAPHORA_REACH))
    if anaphora and any(trigger.end <= m.clean_start < anaphora.start() for m in mentions if m.label in ("ORG", "CITY")):
        anaphora = None
    if anaphora or trigger.date_rank >= 2 or trigger.kind == "candidate":
        return [ctx.main_network]
    return []


def _members_for(
    ctx: DocumentContext,
    sentence: Sentence,
    mentions: list[Mention],
    trigger: Trigger,
    networks: list[Mention],
    self_member: Candidate | None,
    excluded: set[int],
    relative: bool,
) -> list[Candidate]:
    """The nearest candidate before the trigger with those listed beside it; a phrase
    standing for one ("la Città", "siamo"); else, or after "di cui", the places named
    after the trigger."""
    text = ctx.doc.text
    relative_subject = _relative_subject(ctx, mentions, trigger)
    if relative_subject is not None:
        return [ctx.candidate(relative_subject)]
    if ctx.main_city is not None and ctx.rules.city_genitive.match(text, trigger.end):
        # "Nel giorno dell'anniversario di Hiroshima, la Giunta ha approvato l'adesione della
        # Città …": the document's city joins, not the place named before
        return [ctx.candidate(ctx.main_city)]
    network_ids = {id(m) for m in networks}
    pool = [
        m
        for m in mentions
        if id(m) not in network_ids
        and id(m) not in excluded  # read already, or a dateline's place
        and (m.label in MEMBER_PLACE_LABELS or ctx.is_administration(m) or (m.label == "ORG" and not _inside_network_name(m, networks)))
        and not ctx.rules.not_member_before.search(text, max(0, m.clean_start - NOT_MEMBER_REACH), m.clean_start)
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
        found = [ctx.candidate(m) for m in listed_before(before, before[-1], ctx.doc.text)]
    elif nearest_phrase is not None:
        found = [nearest_phrase]
    named_networks = [n for n in networks if n.clean_start >= trigger.end]
    limit = named_networks[0].clean_start if named_networks else sentence.clean_end
    after = [m for m in pool if trigger.end <= m.clean_start < limit and m.label in MEMBER_PLACE_LABELS]
    if after and (not found or ALSO.search(text, trigger.end, after[0].clean_start)):
        found += [ctx.candidate(m) for m in listed_after(after, after[0], text)]
    return found


def _relative_subject(ctx: DocumentContext, mentions: list[Mention], trigger: Trigger) -> Mention | None:
    """"… della Rete Italiana delle Città del Dialogo, rete che forma parte del Programma":
    the subject of a relative clause is the organisation right before "che"."""
    before = [m for m in mentions if m.label == "ORG" and m.clean_end <= trigger.start]
    if before and RELATIVE_THAT.match(ctx.doc.text[before[-1].clean_end : trigger.start]):
        return before[-1]
    return None


def _inside_network_name(mention: Mention, networks: list[Mention]) -> bool:
    return any(n.clean_start <= mention.clean_start and mention.clean_end <= n.clean_end for n in networks)


def _anaphora(
    ctx: DocumentContext, sentence: Sentence, trigger: Trigger, self_member: Candidate | None
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
        return list_start is not None and list_end is not None and list_start <= date.clean_start <= list_end

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
    ctx: DocumentContext,
    pending: dict[tuple[str, str], _Pending],
    sentence: Sentence,
    trigger: Trigger,
    member: Candidate,
    network: Mention,
    date: str | None,
) -> tuple[str, str]:
    network_name = mention_name(network)
    key = (member.entity_id or member.name, network.entity_id or network_name)
    role: MembershipRole = cast(MembershipRole, trigger.kind) if trigger.kind in ("coordinator", "board") else "member"
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
                rule=f"triggers:{trigger.kind}",
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
