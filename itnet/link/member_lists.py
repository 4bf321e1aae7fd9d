"""Membership records from sentences that name several members at once (SPEC §3).

Real pages state memberships as lists: "Entrano nella rete anche Alba, Pesaro e Milano",
"Nel Comitato Direttivo … ci sono i comuni di Sacile, Bologna, Milano", a lead-in ending in
a colon and one bulleted line per member, "le regioni Piemonte e Toscana, le province di …".
This reader takes a sentence (or a lead-in with its bulleted lines) as a unit:

- its cues (`resources/member_lists.yaml`), matched on lemmas, say that it speaks of
  belonging and give role and status;
- its members are the places it names, runs of coordinated names taking the kind of the
  word that opens them ("le province di Cremona, Roma e Torino"), less places where
  something happens or whose official is named ("a Bologna", "il sindaco di Lipsia");
- its network is the one it names, else the one the text spoke of last ("entrano nella
  rete", an unnamed network), else the one the text names most.

Each record carries the ids of the cues that produced it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from itnet.gazetteers.keys import name_key
from itnet.gazetteers.organisations import NETWORK_TYPES, lookup_org
from itnet.gazetteers.places import is_italian_region
from itnet.link.context import GENITIVE_PREPOSITIONS, DocumentContext, Intervals, date_starts, mention_name
from itnet.mentions import Mention, Sentence, Token
from itnet.nlp.network_phrases import DESIGNATED_LABEL
from itnet.rule_files import load_rule_file
from itnet.schema import ROLE_PRIORITY, MemberKind, Membership, MembershipRole, MembershipStatus, Span

RULES_FILE = Path(__file__).parent / "resources" / "member_lists.yaml"
CueKind = Literal["join", "accept", "candidate", "board", "coordinator"]
# Tokens that may stand between the names of one run: "Alba (Cuneo), Pesaro e Milano".
RUN_SEPARATORS = frozenset({",", "e", "ed", ";", "-", "–"})
ARTICLES = frozenset({"il", "lo", "la", "i", "gli", "le", "l'", "l’"})
# Sentences a member named without a network waits for one ("La Regione aderisce a cinque
# reti." then "I network interessati sono la CRPM, ERRIN …").
PENDING_REACH = 2
# A list item on a line of its own is no longer than this (characters).
LIST_ITEM_LENGTH = 160
# Tokens an item's place may follow: "Grumes_Comune di Altavalle (TN)".
ITEM_LEAD_TOKENS = 3
# Tokens of the list item before a network's name looked through for a member: "Città di Lublino (Polonia)".
LISTED_ITEM_TOKENS = 8


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Tokens after a cue its `not_followed_by` words are looked for in.
NOT_FOLLOWED_REACH = 6


class Cue(_Rule):
    id: str
    kind: CueKind
    tokens: list[list[str]] = Field(min_length=1)
    gap: int = Field(1, ge=0)
    joins_network: bool = False
    weak: bool = False
    # "Bra nominata Città Creativa UNESCO": a cue followed by the network's own name
    # designates a member, it elects no one to a seat
    not_before_network: bool = False
    # "Il Comitato di Coordinamento di Cittaslow ha certificato cinque città": the body that
    # decides, the active subject of a deciding verb (`deciding_verbs`), is no seat given
    not_as_deciding_subject: bool = False
    # the role a cue gives whatever the other cues of its sentence say: auditors sit on no
    # board ("… sarà composto da Lodi, Matera e Rovereto", CONVENTIONS: member); a regional
    # coordination is the network's for a territory (CONVENTIONS: coordinator)
    fixes_role: Literal["member", "coordinator"] | None = None
    # "hanno sottoscritto un protocollo d'intesa", "firmato il gemellaggio": what is signed, named
    # within `NOT_FOLLOWED_REACH` tokens after the cue, is no network
    not_followed_by: list[str] = []
    # "Ne fanno parte …": of what the sentence before spoke of, a board it elected or a project
    refers_back: bool = False


class Prospective(_Rule):
    id: str
    features: list[str] = Field(min_length=1)
    modals: list[str]
    forms: list[str] = []


class NotMember(_Rule):
    prepositions: list[str]
    after_words: list[str]
    example_prepositions: list[str]
    officials: list[str]
    plural_member_nouns: list[str]
    signing_verbs: list[str]
    events: list[str]


class JoinedBody(_Rule):
    words: list[str] = Field(min_length=1)
    prepositions: list[str] = Field(min_length=1)


class Negation(_Rule):
    words: list[str] = Field(min_length=1)
    skipped: list[str]
    reach: int = Field(ge=1)


class MemberKinds(_Rule):
    city: list[str]
    region: list[str]
    metro_city: list[str]


class MemberListRules(_Rule):
    cues: list[Cue]
    prospective: Prospective
    not_member: NotMember
    network_nouns: list[str]
    plural_network_nouns: list[str]
    project_words: list[str]
    follow_up_openers: list[str]
    deciding_verbs: list[str]
    deciding_verb_stems: list[str]
    persons_offices_list: int = Field(ge=2)
    joined_body: list[JoinedBody] = Field(min_length=1)
    city_anaphora: list[list[str]]
    member_kinds: MemberKinds
    list_markers: list[str]
    clause_openers: list[str]
    negation: Negation


@cache
def load_member_list_rules(path: Path = RULES_FILE) -> MemberListRules:
    return load_rule_file(path, MemberListRules)


@dataclass(frozen=True, slots=True)
class NetworkRef:
    name: str
    mention: str
    key: str
    entity_id: str | None
    span: Span
    clean_start: int
    clean_end: int


@dataclass(frozen=True, slots=True)
class MemberRef:
    name: str
    mention: str
    kind: MemberKind
    entity_id: str | None
    span: Span
    clean_start: int
    date: str | None
    # named by the office a person holds there ("Marina Malpensa, vicesindaco di …"): a member, whatever the office
    persons_seat: bool = False


class MemberListReader:
    def __init__(self, ctx: DocumentContext, rules: MemberListRules) -> None:
        self.ctx = ctx
        self.rules = rules
        self.tokens: list[Token] = ctx.doc.tokens
        self.starts = ctx.token_starts
        self.networks = self._network_refs()
        self.network_starts = [n.clean_start for n in self.networks]
        self.main_network = self._main_network()
        self.list_markers = frozenset(rules.list_markers)
        # a cue word in a network's own name tells nothing of its members ("Coordinamento
        # Nazionale degli Enti Locali per la Pace": no board)
        self.network_name_tokens = self._tokens_of((n.clean_start, n.clean_end) for n in self.networks)
        self.org_name_tokens = self._tokens_of((m.clean_start, m.clean_end) for m in ctx.mentions if m.label == "ORG")
        self.item_separators = RUN_SEPARATORS | self.list_markers
        self.officials = frozenset(rules.not_member.officials)
        self.plural_member_nouns = frozenset(rules.not_member.plural_member_nouns)
        self.prospective_forms = frozenset(rules.prospective.forms)
        self.deciding_verbs = frozenset(rules.deciding_verbs)
        # the participle's stem too ("certificato", "ammesse"): the lemmatizer misses some
        self.deciding_verb_stems = tuple(rules.deciding_verb_stems)
        self.signing_verbs = frozenset(rules.not_member.signing_verbs)
        self.events = frozenset(rules.not_member.events)
        self.prepositions = frozenset(rules.not_member.prepositions)
        self.after_words = frozenset(rules.not_member.after_words)
        self.example_prepositions = frozenset(rules.not_member.example_prepositions)
        self.network_nouns = frozenset(rules.network_nouns)
        self.plural_network_nouns = frozenset(rules.plural_network_nouns)
        self.region_words = frozenset(rules.member_kinds.region)
        self.metro_words = frozenset(rules.member_kinds.metro_city)
        self.city_words = frozenset(rules.member_kinds.city)
        self.project_words = frozenset(rules.project_words)
        self.follow_up_openers = frozenset(rules.follow_up_openers)
        self.join_cues = [cue for cue in rules.cues if cue.kind == "join"]
        self.prospective_cue = Cue(id=rules.prospective.id, kind="candidate", tokens=[rules.prospective.modals])
        # where each word stands, by lemma and by lower-cased form: a cue is tried only where
        # its first word is, not at every token of every unit
        self.positions: dict[str, list[int]] = {}
        for i, token in enumerate(self.tokens):
            self.positions.setdefault(token.lemma, []).append(i)
            if token.lower != token.lemma:
                self.positions.setdefault(token.lower, []).append(i)

    # -- networks ---------------------------------------------------------------------
    def _network_refs(self) -> list[NetworkRef]:
        """Network mentions: ORG entities that are networks, and the alias table's network
        names where no entity covers them; in text order."""
        refs = []
        orgs = [m for m in self.ctx.mentions if m.label == "ORG"]
        for mention in orgs:
            org = lookup_org(mention.clean_text) or lookup_org(mention_name(mention))
            if org is not None and org.org_type in NETWORK_TYPES:
                refs.append(self._network_ref(mention, org.canonical, org.entity_id))
            elif org is None and self.ctx.is_network(mention):
                refs.append(self._network_ref(mention, mention_name(mention), mention.entity_id))
            elif self._is_joined_body(mention):
                refs.append(self._network_ref(mention, org.canonical if org else mention_name(mention),
                                              org.entity_id if org else mention.entity_id))
        covered = Intervals((m.clean_start, m.clean_end) for m in orgs)
        found = Intervals((r.clean_start, r.clean_end) for r in refs)
        for phrase in self.ctx.doc.network_phrases:
            overlaps = found.overlap(phrase.clean_start, phrase.clean_end)
            if overlaps and covered.overlap(phrase.clean_start, phrase.clean_end):
                continue
            org = lookup_org(phrase.clean_text)
            if org is not None:
                refs.append(self._network_ref(phrase, org.canonical, org.entity_id))
            elif phrase.label == DESIGNATED_LABEL and not overlaps:
                refs.append(self._network_ref(phrase, phrase.clean_text, None))
        return sorted(refs, key=lambda r: r.clean_start)

    def _is_joined_body(self, mention: Mention) -> bool:
        """"l'adesione alla Fondazione Pro-Vinea", "ha aderito alla Fondazione X": a body
        one joins, named right after a joining word and its preposition, or the parse's
        oblique of a joining verb."""
        first = self._token_at(mention.clean_start)
        if first < 2:
            return False
        preposition, word = self.tokens[first - 1], self.tokens[first - 2]
        if any(preposition.lower in rule.prepositions and word.lemma in rule.words for rule in self.rules.joined_body):
            return True
        head = self.tokens[first].head
        return head != first and preposition.dep == "case" and any(
            preposition.lower in rule.prepositions and self.tokens[head].lemma in rule.words and self.tokens[head].pos == "VERB"
            for rule in self.rules.joined_body
        )

    def _network_ref(self, mention: Mention, name: str, entity_id: str | None) -> NetworkRef:
        return NetworkRef(
            name=name,
            mention=mention.text,
            key=entity_id or name_key(name),
            entity_id=entity_id,
            span=Span(start=mention.start, end=mention.end),
            clean_start=mention.clean_start,
            clean_end=mention.clean_end,
        )

    def _main_network(self) -> NetworkRef | None:
        counts: dict[str, int] = {}
        first: dict[str, NetworkRef] = {}
        for ref in self.networks:
            counts[ref.key] = counts.get(ref.key, 0) + 1
            first.setdefault(ref.key, ref)
        return first[max(counts, key=lambda k: counts[k])] if counts else None

    # -- tokens -----------------------------------------------------------------------
    def _tokens_of(self, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
        """The indices of the tokens the (clean_start, clean_end) spans cover."""
        return frozenset(i for start, end in spans for i in range(self._token_at(start), self._token_at(end - 1) + 1))

    def _token_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def _cues(self, first: int, last: int) -> list[Cue]:
        cues = []
        for cue in self.rules.cues:
            # where the cue first matches: a cue is found once per unit
            at = next((
                i for i in self._positions_of(cue.tokens[0], first, last)
                if i not in self.network_name_tokens and self._matches_from(cue, 0, i, last)
                and not (cue.not_before_network and self._network_follows(i))
                and not (cue.not_as_deciding_subject and self._decides(i)) and not self._followed_by(cue, i, last)
            ), None)
            if at is not None and self._negated(at, first):
                return []  # "non ha ancora aderito", "la candidatura non è stata accolta": no record (CONVENTIONS §11)
            if at is not None:
                cues.append(cue)
        if any(cue.kind == "join" for cue in cues) and self._joins_later(first, last):
            cues.append(self.prospective_cue)
        return cues

    def _followed_by(self, cue: Cue, i: int, last: int) -> bool:
        """Whether one of the cue's `not_followed_by` words stands right after its word at i."""
        after = self.tokens[i + 1 : min(last, i + 1 + NOT_FOLLOWED_REACH)]
        return any(t.lemma in cue.not_followed_by or t.lower in cue.not_followed_by for t in after)

    def _negated(self, i: int, first: int) -> bool:
        """"non" before the cue's word, perhaps past auxiliaries and adverbs ("non è stata", "non ha
        ancora"); not a noun's "non" ("il primo dei non eletti")."""
        negation = self.rules.negation
        j = i - 1
        while j >= first and i - j <= negation.reach and self.tokens[j].lower in negation.skipped:
            j -= 1
        if j < first or self.tokens[j].lower not in negation.words:
            return False
        return j == first or self.tokens[j - 1].pos not in ("DET", "ADP")

    def _positions_of(self, words: list[str], first: int, last: int) -> list[int]:
        """The token indices in [first, last) whose lemma or lower-cased form is one of `words`."""
        found: set[int] = set()
        for word in words:
            at = self.positions.get(word, ())
            found.update(at[bisect_left(at, first) : bisect_left(at, last)])
        return sorted(found)

    def _decides(self, i: int) -> bool:
        """Whether token i heads, or is a modifier within, the active subject or the passive
        agent of a deciding verb ("Il Comitato di Coordinamento … ha certificato", "certificata
        dal Comitato di coordinamento")."""
        token = self.tokens[i]
        for _ in range(3):
            if token.dep not in ("nmod", "amod", "flat", "flat:name") or not 0 <= token.head < len(self.tokens):
                break
            token = self.tokens[token.head]
        if token.dep not in ("nsubj", "obl:agent") or not 0 <= token.head < len(self.tokens):
            return False
        verb = self.tokens[token.head]
        return verb.lemma in self.deciding_verbs or verb.lower.startswith(self.deciding_verb_stems)

    def _network_follows(self, i: int) -> bool:
        """Whether a network's name opens right after token i, past an article."""
        j = i + 1
        if j < len(self.tokens) and self.tokens[j].lower in ARTICLES:
            j += 1
        if j >= len(self.tokens):
            return False
        start = self.tokens[j].clean_start
        return any(network.clean_start <= start < network.clean_end for network in self.networks)

    def _joins_later(self, first: int, last: int) -> bool:
        """"Grosseto potrebbe entrare", "Pordenone aderirà": a joining verb in the future or
        the conditional, or one a modal governs."""
        rules = self.rules.prospective
        modal_heads = {t.head for t in self.tokens[first:last] if t.dep.startswith("aux") and t.lemma in rules.modals}
        features = set(rules.features)
        for i in range(first, last):
            token = self.tokens[i]
            if token.lower in self.prospective_forms:
                return True
            if token.pos != "VERB" or not any(token.lemma in cue.tokens[0] for cue in self.join_cues):
                continue
            if i in modal_heads or features & set(token.morph.split("|")):
                return True
        return False

    def _matches_from(self, cue: Cue, part: int, i: int, last: int) -> bool:
        token = self.tokens[i]
        if token.lemma not in cue.tokens[part] and token.lower not in cue.tokens[part]:
            return False
        if part == len(cue.tokens) - 1:
            return True
        return any(self._matches_from(cue, part + 1, j, last) for j in range(i + 1, min(last, i + cue.gap + 2)))

    # -- members ----------------------------------------------------------------------
    def _members(self, mentions: list[Mention], networks: list[NetworkRef]) -> list[MemberRef]:
        """The places of a unit, run by run; a run takes the kind its first name's context
        gives and is dropped whole where that context makes it a venue or an official's seat."""
        inside = [(n.clean_start, n.clean_end) for n in networks]
        candidates = [
            m for m in mentions
            if self._is_place(m) and not any(s <= m.clean_start < e for s, e in inside)
        ]
        members: list[MemberRef] = []
        dates = date_starts(mentions)
        persons_offices = self._persons_offices(mentions)
        run_kind: MemberKind | None = None
        run_excluded = run_seat = False
        previous_end: int | None = None
        for mention in candidates:
            first = self._token_at(mention.clean_start)
            if previous_end is None or not self._same_run(previous_end, first):
                run_kind, run_excluded, run_seat = self._run_context(first, persons_offices)
            previous_end = self._token_at(mention.clean_end - 1)
            own_kind = self._own_kind(mention, first)
            kind = own_kind or run_kind or "city"
            if run_excluded or self._in_brackets_after_place(first) or self.ctx.is_dateline_place(first, dates, self.rules.list_markers):
                continue
            date = self._bracketed_date(mention, mentions)
            members.append(self._member_ref(mention, kind, date, run_seat))
        return members

    def _persons_offices(self, mentions: list[Mention]) -> frozenset[int]:
        """The office words of a list of persons named with the office they hold in a comune
        ("Aldo D’Achille, sindaco di San Bellino (RO); Marina Malpensa, vicesindaco di …"),
        when the unit lists at least `persons_offices_list` of them."""
        if not mentions:
            return frozenset()
        text = self.ctx.doc.text
        first, last = self._token_at(mentions[0].clean_start), self._token_at(mentions[-1].clean_end - 1)
        # the name before the comma, whatever the NER made of it ("Marina Malpensa" read as an ORG)
        offices = {
            i for i in range(first + 2, last) if self.tokens[i].lower in self.officials and self.tokens[i - 1].lower == ","
            and text[self.tokens[i - 2].clean_start : self.tokens[i - 2].clean_end].istitle()
        }
        return frozenset(offices) if len(offices) >= self.rules.persons_offices_list else frozenset()

    def _official_acts_for_city(self, office: int) -> bool:
        """"il sindaco di Lecce ha firmato l'adesione", "insieme al sindaco di Pompei, ha
        firmato": the official is the subject of a signing or joining verb, a conjunct of
        it, or a phrase "insieme a"/"con" hangs on either."""
        beside = any(
            t.head == office and t.dep == "case" and t.lower in ("insieme", "con") for t in self.tokens[max(0, office - 3) : office]
        )
        climbable = ("conj", "nmod", "flat:name", "appos") if beside else ("conj",)
        index = office
        for _ in range(4):
            token = self.tokens[index]
            if token.dep == "nsubj" or (beside and token.dep == "obl"):
                return self.tokens[token.head].lemma in self.signing_verbs
            if token.dep not in climbable or token.head == index:
                return False
            index = token.head
        return False

    def _is_place(self, mention: Mention) -> bool:
        if mention.label == "CITY":
            return True
        return mention.label in ("LOC", "ORG") and (
            self._own_kind(mention, self._token_at(mention.clean_start)) == "region" or self.ctx.is_administration(mention)
        )

    def _is_region_named_alone(self, mention: Mention, first: int) -> bool:
        """"ne fanno parte la Lombardia e il Piemonte": an Italian region without "Regione";
        not where it says where something is ("i comuni della Lombardia")."""
        return mention.label in ("LOC", "ORG") and is_italian_region(mention.clean_text) and not (
            first > 0 and self.tokens[first - 1].lower in GENITIVE_PREPOSITIONS
        )

    def _same_run(self, previous_last: int, first: int) -> bool:
        depth = 0
        for token in self.tokens[previous_last + 1 : first]:
            if token.lower == "(":
                depth += 1
            elif token.lower == ")":
                depth -= 1
            elif depth <= 0 and token.lower not in RUN_SEPARATORS and token.pos != "SPACE" and token.lower.strip():
                return False
        return True

    def _run_context(self, first: int, persons_offices: frozenset[int]) -> tuple[MemberKind | None, bool, bool]:
        """The kind a run's opening words give ("le province di", "i comuni di"), whether
        they make it no member ("a Bologna", "il sindaco di Lipsia") and whether it is named
        by a listed person's office."""
        window = self.tokens[max(0, first - 3) : first]
        if first < len(self.tokens) and self._in_table_row(self.tokens[first].clean_start):
            # a table's cell says nothing of the header or row above it: "Regione\nSavigliano | CN"
            line_start = self.ctx.doc.text.rfind("\n", 0, self.tokens[first].clean_start)
            window = [t for t in window if t.clean_start > line_start]
        before = [t.lower for t in window]
        kind: MemberKind | None = None
        for word in reversed(before):
            if word in self.region_words:
                kind = "region"
                break
            if word in self.metro_words:
                kind = "metro_city"
                break
            if word in self.city_words:
                kind = "city"
                break
        previous = before[-1] if before else ""
        second = before[-2] if len(before) > 1 else ""
        # "per le Marche", "tra la Toscana", "per la regione Veneto": a preposition before the article
        after_article = len(before) > 1 and previous in ARTICLES and second in self.prepositions or (
            len(before) > 2 and previous in self.region_words and second in ARTICLES and before[-3] in self.prepositions)
        venue = (previous in self.prepositions and second not in self.after_words) or after_article
        official = previous in ("di", "del", "della", "dell'", "dell’") and second in self.officials
        seat = official and first - 2 in persons_offices
        official = official and not seat and not self._official_acts_for_city(first - 2)
        # "l'assemblea generale di Bruxelles", "il vertice di Roma": where a meeting was held
        event = previous in ("di", "a") and not self.events.isdisjoint(before[:-1])
        # "lavorare con città come Heidelberg e Lubiana": examples of what one works with
        example = previous == "come" and len(before) == 3 and before[0] in self.example_prepositions
        # "l'adesione dei comuni della Regione Veneto: …": where the members lie ("i comuni
        # di Sacile e Lecce" names them)
        located = previous in GENITIVE_PREPOSITIONS and previous != "di" and second in self.plural_member_nouns
        return kind, venue or official or event or example or located, seat

    def _own_kind(self, mention: Mention, first: int) -> MemberKind | None:
        words = mention.clean_text.lower().split()
        if words and words[0] in self.region_words:
            return "region"
        if words and words[0] in self.metro_words:
            return "metro_city"  # "la Provincia di Lecco"
        if mention.label != "CITY" and first > 0 and self.tokens[first - 1].lower in self.region_words:
            return "region"
        if self._is_region_named_alone(mention, first):
            return "region"
        return None

    def _in_brackets_after_place(self, first: int) -> bool:
        """"Alba (Cuneo)": a province in brackets after a town marks where the town is."""
        return first > 0 and self.tokens[first - 1].lower == "("

    def _bracketed_date(self, mention: Mention, mentions: list[Mention]) -> str | None:
        """"le province di Cremona (23 gennaio 2009)": a date in brackets right after a member is its own."""
        first = self._token_at(mention.clean_end - 1) + 1
        if first < len(self.tokens) and self.tokens[first].lower == "(":
            opening = self.tokens[first].clean_end
            for date in mentions:
                if date.label == "DATE" and date.norm and date.clean_start == self.ctx.next_token_start(opening):
                    return date.norm
        return None

    def _member_ref(self, mention: Mention, kind: MemberKind, date: str | None, persons_seat: bool = False) -> MemberRef:
        name = mention_name(mention)
        first = self._token_at(mention.clean_start)
        before = self.tokens[first - 1].lower if first > 0 else ""
        if kind == "region" and not name.lower().startswith("regione"):
            name = f"Regione {name}"
        elif kind == "metro_city" and not name.lower().startswith(("provincia", "città metropolitana")):
            wrapper = "Città metropolitana di" if before == "di" and first > 1 and self.tokens[first - 2].lower == "metropolitana" else "Provincia di"
            name = f"{wrapper} {name}"
        return MemberRef(
            name=name,
            mention=mention.text,
            kind=kind,
            entity_id=mention.entity_id if kind == "city" else None,
            span=Span(start=mention.start, end=mention.end),
            clean_start=mention.clean_start,
            date=date,
            persons_seat=persons_seat,
        )

    # -- units ------------------------------------------------------------------------
    def units(self) -> list[tuple[Sentence, list[Mention], int, int]]:
        """Sentences, a lead-in ending in a colon merged with the bulleted lines after it:
        (sentence, its mentions, first token, end token)."""
        sentences = self.ctx.doc.sentences
        units = []
        index = 0
        markers = self.list_markers
        while index < len(sentences):
            sentence = sentences[index]
            mentions = list(self.ctx.by_sentence[index])
            first, last = self.ctx.token_range(sentence.clean_start, sentence.clean_end)
            end = sentence.clean_end
            if self._is_lead_in(index):
                while index + 1 < len(sentences):
                    following = sentences[index + 1]
                    opening = self.ctx.doc.text[following.clean_start : following.clean_start + 1]
                    if (opening not in markers and not self._is_list_item(following, self.ctx.by_sentence[index + 1])
                            and not self._is_table_header(index + 1)):
                        break
                    index += 1
                    mentions += self.ctx.by_sentence[index]
                    end = following.clean_end
                _, last = self.ctx.token_range(sentence.clean_start, end)
            unit = Sentence(sentence.clean_start, end, sentence.start, sentences[index].end)
            units += self._clauses(unit, mentions, first, last)
            index += 1
        return units

    def _clauses(self, unit: Sentence, mentions: list[Mention], first: int, last: int) -> list[tuple[Sentence, list[Mention], int, int]]:
        """The unit cut before each ", mentre": "Del Comitato direttivo fanno parte Udine e
        Piacenza, mentre Siena è confermata nel Collegio dei revisori" tells of each clause's
        places apart."""
        tokens = self.tokens
        cuts = [i for i in range(first + 1, last) if tokens[i].lower in self.rules.clause_openers and tokens[i - 1].lower == ","]
        if not cuts:
            return [(unit, mentions, first, last)]
        bounds = [first, *cuts, last]
        clauses = []
        for start, end in zip(bounds, bounds[1:]):
            clean_start = tokens[start].clean_start
            clean_end = tokens[end].clean_start if end < len(tokens) else unit.clean_end
            clause = replace(unit, clean_start=clean_start, clean_end=min(clean_end, unit.clean_end))
            clauses.append((clause, [m for m in mentions if clean_start <= m.clean_start < clause.clean_end], start, end))
        return clauses

    def _is_lead_in(self, index: int) -> bool:
        """A sentence the lines after it list: one ending in a colon, or a heading line without
        final punctuation above a table ("l'elenco dei nuovi soci" then "Comune | Provincia")."""
        sentences, text = self.ctx.doc.sentences, self.ctx.doc.text
        sentence_text = text[sentences[index].clean_start : sentences[index].clean_end].rstrip()
        if sentence_text.endswith(":"):
            return True
        return (index + 1 < len(sentences) and sentence_text[-1:].isalpha()
                and "\n" in text[sentences[index].clean_end : sentences[index + 1].clean_start]
                and self._is_table_header(index + 1))

    def _in_table_row(self, offset: int) -> bool:
        """Whether the line holding `offset` is a table's row: its cells split by "|"."""
        text = self.ctx.doc.text
        line_end = text.find("\n", offset)
        return "|" in text[text.rfind("\n", 0, offset) + 1 : line_end if line_end >= 0 else len(text)]

    def _is_table_header(self, index: int) -> bool:
        """A table's header row: cells split by "|" and no names ("Comune | Provincia | Regione")."""
        sentence = self.ctx.doc.sentences[index]
        row = self.ctx.doc.text[sentence.clean_start : sentence.clean_end]
        return "|" in row.strip(" |\n") and not self.ctx.by_sentence[index] and len(row) <= LIST_ITEM_LENGTH

    def _is_list_item(self, sentence: Sentence, mentions: list[Mention]) -> bool:
        """A list item whose marker the cleaning removed: a short line of its own that
        opens with a place ("Amalfi (SA), sindaco Daniele Milano") or a network ("Eurocities")."""
        text = self.ctx.doc.text
        if not (sentence.clean_end - sentence.clean_start <= LIST_ITEM_LENGTH
                and text[: sentence.clean_start].rstrip(" \t").endswith("\n")):
            return False
        lead = self._token_at(sentence.clean_start) + ITEM_LEAD_TOKENS
        opens_with_place = bool(mentions) and self._is_place(mentions[0]) and self._token_at(mentions[0].clean_start) <= lead
        opens_with_network = any(
            sentence.clean_start <= n.clean_start < sentence.clean_end and self._token_at(n.clean_start) <= lead
            for n in self.networks
        )
        return opens_with_place or opens_with_network

    def read(self) -> list[Membership]:
        records: dict[tuple[str, str], Membership] = {}
        current: NetworkRef | None = None
        pending: list[tuple[MemberRef, list[Cue], int]] = []
        announced: tuple[list[NetworkRef], list[Cue], int, str | None] | None = None
        units = self.units()
        previous_unit: tuple[Sentence, list[Mention]] | None = None
        for position, (unit, mentions, first, last) in enumerate(units):
            if position:
                previous_unit = units[position - 1][:2]
            networks = self.networks[
                bisect_left(self.network_starts, unit.clean_start) : bisect_left(self.network_starts, unit.clean_end)
            ]
            if self._speaks_of_a_project(mentions, first, last):
                continue  # its places are partners of a project, its networks the project's lead or funders
            if self.ctx.rules.rejected.search(self.ctx.doc.text, unit.clean_start, unit.clean_end):
                continue  # "ha respinto la mozione che proponeva l'adesione"
            cues = self._cues(first, last)
            if position and any(c.refers_back for c in cues):
                _, previous_mentions, previous_first, previous_last = units[position - 1]
                if self._speaks_of_a_project(previous_mentions, previous_first, previous_last):
                    continue  # "Oltre a FBK ne fanno parte il Comune di Trento …": the project's partners
                # "… ha eletto il nuovo Comitato Direttivo. Ne fanno parte i Comuni di …": its seats
                cues += [c for c in self._cues(previous_first, previous_last) if c.kind == "board"]
            members = self._members(mentions, networks)
            if networks and not members and pending:
                pending = [p for p in pending if position - p[2] <= PENDING_REACH]
                for member, member_cues, _ in pending:
                    for network in networks:
                        self._add(records, member, network, member_cues, unit, None)
                pending = []
            if announced is not None and announced[2] == position - 1 and members and not networks and not cues \
                    and (self._names_the_announced(first, last) or self._ends_in_a_colon(units[position - 1][0])):
                targets, announced_cues, _, date = announced
                for member in members:
                    for network in targets:
                        self._add(records, member, network, announced_cues, unit, member.date or date)
                # "… è composto dai seguenti enti:" then one member a line ("Padova – Marco Ruggieri")
                announced = (targets, announced_cues, position, date)
                continue
            if not cues and not self._designation_list(networks, members):
                current = networks[-1] if networks else current
                continue
            if not members and any(c.kind in ("join", "candidate") and not c.weak for c in cues):
                members = self._documents_city(first, last)
            elif members and self._joining_of_the_city(first, last):
                # "Nel giorno dell'anniversario di Hiroshima, la Giunta ha approvato l'adesione della
                # Città al Coordinamento": the city joins, not a place the sentence names besides
                members = self._documents_city(first, last) or members
            member_starts = {self._token_at(m.clean_start) for m in members}
            # "fanno parte la Regione Piemonte e l'UNCEM", "- Comune di Bitola - Associazione dei comuni
            # della Regione di Tirana": a body listed among the members is one of them, not their network
            listed = [n for n in networks if self._listed_among(n, member_starts)]
            targets = self._targets([n for n in networks if n not in listed], first, last, current, all(c.weak for c in cues))
            date = (self._date(mentions) or self._date_before(previous_unit, unit)) if cues else None
            if not targets:
                pending += [(m, cues, position) for m in members]
            elif not members and not all(c.weak for c in cues):
                announced = (targets, cues, position, date)
            for member in members:
                for network in targets:
                    if name_key(member.name) != name_key(network.name):
                        self._add(records, member, network, cues, unit, member.date or date)
            current = networks[-1] if networks else current
        return list(records.values())

    def _listed_among(self, network: NetworkRef, member_starts: set[int]) -> bool:
        """Whether the item before the network's name, past a separator (a line break between
        list lines) and its article, names a member."""
        def separates(k: int) -> bool:
            return self.tokens[k].lower in self.item_separators or "\n" in self.tokens[k].lower

        i = self._token_at(network.clean_start) - 1
        while i >= 0 and self.tokens[i].lower in ARTICLES:
            i -= 1
        if i < 0 or not separates(i):
            return False
        j = i - 1
        while j >= 0 and i - j <= LISTED_ITEM_TOKENS:
            if self.tokens[j].lower == ")":  # "(Bosnia ed Erzegovina)": a bracket's words are no separators
                while j > 0 and self.tokens[j].lower != "(":
                    j -= 1
            elif separates(j) or self.tokens[j].lower == ":" or self.tokens[j].pos in ("VERB", "AUX"):
                return False  # "Verona fa parte delle seguenti reti:\n\nEurocities": a lead-in, no item
            if j in member_starts:
                return True
            j -= 1
        return False

    def _documents_city(self, first: int, last: int) -> list[MemberRef]:
        """"… l'adesione della Città alla rete": the city the document speaks for."""
        city = self.ctx.main_city
        if city is None or not any(self._city_phrase_at(i, last) for i in range(first, last)):
            return []
        return [self._member_ref(city, "city", None)]

    def _joining_of_the_city(self, first: int, last: int) -> bool:
        """Whether a joining noun has the document's city for its genitive: "l'adesione della
        Città", "l'ingresso del Comune" (not "del Comune di Lecco")."""
        joining = self.rules.joined_body[0].words
        return any(self.tokens[i].lower in joining and self._city_phrase_at(i + 1, len(self.tokens), genitive=True)
                   for i in range(first, last - 2))

    def _city_phrase_at(self, i: int, last: int, genitive: bool = False) -> bool:
        """Whether a phrase standing for the document's city (`city_anaphora`; with `genitive`,
        only "della …"/"del …") opens at token i and ends by `last`, naming no place after it
        ("il Comune di Lecco", "la Città metropolitana")."""
        for phrase in self.rules.city_anaphora:
            if genitive and phrase[0] not in ("della", "del"):
                continue
            end = i + len(phrase)
            if end <= last and [t.lower for t in self.tokens[i:end]] == phrase and not (
                end < len(self.tokens) and self.tokens[end].lower in ("di", "d'", "d’", "metropolitana")
            ):
                return True
        return False

    def _ends_in_a_colon(self, unit: Sentence) -> bool:
        """"… hanno aderito all'Associazione Borghi Autentici d'Italia:" then the list on the next line."""
        return self.ctx.doc.text[unit.clean_start : unit.clean_end].rstrip().endswith(":")

    def _names_the_announced(self, first: int, last: int) -> bool:
        """"… altri sei comuni hanno aderito alla Rete. Si tratta dei Comuni di Camini, …":
        a sentence that opens by naming who the one before announced."""
        return any(self.tokens[i].lemma in self.follow_up_openers for i in range(first, min(last, first + ITEM_LEAD_TOKENS)))

    def _speaks_of_a_project(self, mentions: list[Mention], first: int, last: int) -> bool:
        # "il progetto", "del progetto", "a un nuovo progetto", "il consorzio"; not "le città
        # progetto dell'OMS", a designation, nor an organisation's name ("il Consorzio dei Comuni Trentini")
        return any(m.label == "PROJECT" for m in mentions) or any(
            self.tokens[i].lemma in self.project_words and self._after_a_determiner(i, first) and i not in self.org_name_tokens
            for i in range(first, last)
        )

    def _after_a_determiner(self, i: int, first: int) -> bool:
        """Whether an article or preposition comes before token i, past its adjectives."""
        j = i - 1
        while j > first and i - j <= 2 and self.tokens[j].pos == "ADJ":
            j -= 1
        return j >= first and j < i and self.tokens[j].pos in ("DET", "ADP")

    def _designation_list(self, networks: list[NetworkRef], members: list[MemberRef]) -> bool:
        """"compaiano molte Città del Vino: Cocconato, La Morra …": a network named by what
        its members are called, followed by several of them."""
        return len(members) >= 2 and any(n.mention.split()[0].lower() in ("città", "borghi", "comuni") for n in networks)

    def _targets(
        self, networks: list[NetworkRef], first: int, last: int, current: NetworkRef | None, weak: bool
    ) -> list[NetworkRef]:
        """The unit's networks; a noun standing for one ("nella rete") before its first
        name, or no name at all after a cue that is not weak, means the network the text
        spoke of last."""
        anaphora = next(
            (i for i in range(first, last) if self.tokens[i].lower in self.network_nouns
             and not any(n.clean_start <= self.tokens[i].clean_start < n.clean_end for n in networks)
             and not self._designates(i, networks)),
            None,
        )
        if not networks and anaphora is not None and self.tokens[anaphora].lower in self.plural_network_nouns:
            return []  # "aderisce a cinque reti europee": the networks are named after, if at all
        fallback = current or self.main_network
        if networks:
            if anaphora is not None and fallback is not None and self.tokens[anaphora].clean_start < networks[0].clean_start \
                    and self.tokens[anaphora].lower not in self.plural_network_nouns:  # "alle seguenti reti: A, B"
                return [fallback]
            unique: dict[str, NetworkRef] = {}
            for network in networks:
                unique.setdefault(network.key, network)
            return list(unique.values())
        return [fallback] if fallback is not None and (anaphora is not None or not weak) else []

    def _designates(self, noun: int, networks: list[NetworkRef]) -> bool:
        """"alla rete Cva", "la rete READY": the noun names the network right after it."""
        return noun + 1 < len(self.tokens) and any(n.clean_start == self.tokens[noun + 1].clean_start for n in networks)

    def _date_before(self, previous: tuple[Sentence, list[Mention]] | None, unit: Sentence) -> str | None:
        """"Venerdì 2 ottobre … sono stati rinnovati gli organi sociali. Il nuovo
        Coordinamento è composto da: …": the event the sentence before dates, in one paragraph."""
        if previous is None or "\n\n" in self.ctx.doc.text[previous[0].clean_end : unit.clean_start]:
            return None
        return self._date(previous[1])

    def _date(self, mentions: list[Mention]) -> str | None:
        """The unit's event date: its first full date not introduced as a deadline or a
        state at a date ("al 31 dicembre 2009 risultano …")."""
        for mention in mentions:
            if mention.label != "DATE" or not mention.norm or "/" in mention.norm:
                continue
            first = self._token_at(mention.clean_start)
            if first > 0 and self.tokens[first - 1].lower in ("al", "entro", "fino", "dal"):
                continue
            return mention.norm
        return None

    def _add(
        self,
        records: dict[tuple[str, str], Membership],
        member: MemberRef,
        network: NetworkRef,
        cues: list[Cue],
        unit: Sentence,
        date: str | None,
    ) -> None:
        key = (member.entity_id or name_key(member.name), network.key)
        role, status = _role_and_status(cues)
        if member.persons_seat:
            role = "member"
        rule = "member_lists:" + "+".join(c.id for c in cues) if cues else "member_lists:designation"
        existing = records.get(key)
        if existing is not None:
            if ROLE_PRIORITY[role] > ROLE_PRIORITY[existing.role]:
                existing.role = role
            if status == "member":
                existing.status = "member"
            existing.date = existing.date or date
            return
        records[key] = Membership(
            member=member.name,
            member_mention=member.mention,
            member_kind=member.kind,
            network=network.name,
            network_mention=network.mention,
            role=role,
            status=status,
            date=date,
            member_id=member.entity_id,
            network_id=network.entity_id,
            evidence=Span(start=unit.start, end=unit.end),
            member_span=member.span,
            network_span=network.span,
            rule=rule,
        )


def _role_and_status(cues: list[Cue]) -> tuple[MembershipRole, MembershipStatus]:
    kinds = {c.kind for c in cues}
    joins_network = any(c.joins_network for c in cues)
    role: MembershipRole
    fixed = next((c.fixes_role for c in cues if c.fixes_role), None)
    if fixed is not None:
        role = fixed
    elif "board" in kinds and not joins_network:
        role = "board"
    elif "coordinator" in kinds and not joins_network:
        role = "coordinator"
    else:
        role = "member"
    status: MembershipStatus = "candidate" if "candidate" in kinds and "accept" not in kinds else "member"
    return role, status


def read_member_lists(ctx: DocumentContext, rules: MemberListRules | None = None) -> list[Membership]:
    return MemberListReader(ctx, rules or load_member_list_rules()).read()
