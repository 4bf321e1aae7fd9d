"""Project records (SPEC §3): a project's name, dates, budget and participants with their
roles (lead, funder, participant)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from itnet.gazetteers.places import is_italian_region
from itnet.link.context import GENITIVE_PREPOSITIONS, NOT_MEMBER_REACH, DocumentContext, listed_after, mention_name
from itnet.link.member_lists import load_member_list_rules
from itnet.mentions import Mention, Sentence
from itnet.schema import Participant, Project

# A line of a list of partners ("- il Comune di Livorno;") is no longer than this.
LIST_ITEM_LENGTH = 200
# A relative clause in the singular after a list ("…, Porto e Milano, che è partner")
# speaks of its last item.
SINGULAR_RELATIVE = re.compile(r"\s*,?\s*che (?:ne )?(?:è|sarà|era|fu)\b", re.IGNORECASE)
# ", capofila,", ", ente capofila,", ", partner,": a role in apposition, opened by a comma.
APPOSITIVE_ROLE_OPENING = re.compile(r",\s*(?:(?:l['’]|il |la )?(?:ente|comune|soggetto|città) )?$", re.IGNORECASE)
APPOSITION_REACH = 20
# Tokens an apposition's noun may stand after its comma: ", una piccola azienda di Carpi".
APPOSITION_LEAD = 3
# A relative clause opened after a comma and not closed before the mention, and a copula
# right after a comma: "Asti, che fa parte della Rete X, è capofila".
OPEN_RELATIVE_CLAUSE = re.compile(r",\s*che\b[^,]*$", re.IGNORECASE)
COPULA_AFTER_A_COMMA = re.compile(r"\s*(?:\([^()]*\)\s*)?,\s*(?:è|sono|sarà|saranno|era|erano)\b", re.IGNORECASE)
# A table's field label ("Partner associati", "Finanziamento totale progetto") has at most this many words.
FIELD_LABEL_WORDS = 3


@dataclass(slots=True)
class _ProjectGroup:
    name: str
    mention: str
    mentions: list[Mention]
    record: Project


def read_projects(ctx: DocumentContext) -> list[Project]:
    groups = _project_groups(ctx)
    if not groups:
        return []
    main = max(groups, key=lambda g: len(g.mentions))
    group_by_mention = {id(m): group for group in groups for m in group.mentions}
    roles: dict[tuple[int, str], tuple[str, bool]] = {}
    text = ctx.doc.text
    listing: tuple[_ProjectGroup, Trigger] | None = None
    recent = main
    common_funders: list[tuple[Mention, Sentence]] = []
    for sentence, mentions in zip(ctx.doc.sentences, ctx.by_sentence):
        sentence_text = text[sentence.clean_start : sentence.clean_end]
        group, names_project = _sentence_project(ctx, group_by_mention, recent, mentions, sentence_text)
        if not any(id(m) in group_by_mention for m in mentions):
            if not names_project and ctx.rules.many_projects.search(sentence_text):
                # "dei 261 progetti candidati nell'ambito del Programma Interreg Europe": a
                # programme named for the projects in the plural funds each of them
                common_funders += [(m, sentence) for m in mentions if m.org_type == "funding_programme"]
                group = None
            elif len(groups) > 1 and ctx.rules.other_project.search(sentence_text):
                group = None  # "Un progetto è guidato dalla Regione Basilicata": one the text does not name
        # "… dopo il progetto «A», un progetto che si chiama «B». La partnership è composta da …":
        # a sentence that names no project speaks of the one named last
        recent = next((group_by_mention[id(m)] for m in reversed(mentions) if id(m) in group_by_mention), recent)
        label = _is_field_label(sentence_text, mentions)
        if listing is not None and not label and not names_project and len(sentence_text) <= LIST_ITEM_LENGTH:
            # "il partenariato comprende:" then one partner a line
            _read_participants(ctx, listing[0], sentence, mentions, False, roles, listing[1])
            continue
        listing = None
        if group is None:
            continue
        _read_dates(ctx, group, sentence, mentions, sentence_text)
        _read_budget(ctx, group, mentions, sentence_text)
        for part_group, part, part_mentions in _by_project(group_by_mention, group, sentence, mentions):
            _read_participants(ctx, part_group, part, part_mentions, names_project, roles)
        if sentence_text.rstrip().endswith(":") or label:
            triggers = _role_triggers(ctx, sentence)
            listing = (group, triggers[-1]) if triggers and triggers[-1].role else None
    for funder, sentence in common_funders:
        for group in groups:
            if (id(group), mention_name(funder)) not in roles:
                roles[(id(group), mention_name(funder))] = ("funder", False)
                _set_participant(ctx, group, funder, "funder", "programme_of_projects", sentence)
    return [g.record for g in groups]


def _by_project(
    group_by_mention: dict[int, _ProjectGroup], group: _ProjectGroup, sentence: Sentence, mentions: list[Mention]
) -> list[tuple[_ProjectGroup, Sentence, list[Mention]]]:
    """The sentence cut before each project it names after the first, each part with its
    project: "Il progetto A è guidato da Parma, mentre B ha come capofila l'Università di
    Bologna" gives Parma to A and the university to B."""
    starts = [(m.clean_start, group_by_mention[id(m)]) for m in mentions if id(m) in group_by_mention]
    cuts = [(start, part_group) for i, (start, part_group) in enumerate(starts) if i and part_group is not starts[i - 1][1]]
    if not cuts:
        return [(group, sentence, mentions)]
    bounds = [(sentence.clean_start, group)] + cuts + [(sentence.clean_end, group)]
    parts = []
    for (start, part_group), (end, _) in zip(bounds, bounds[1:]):
        part = replace(sentence, clean_start=start, clean_end=end)
        parts.append((part_group, part, [m for m in mentions if start <= m.clean_start < end]))
    return parts


def _is_field_label(sentence_text: str, mentions: list[Mention]) -> bool:
    """A scraped table's field label on its own line, above its values: "Partner Capofila",
    "Partner associati", "Durata". It names no one and ends the list of the label before."""
    words = re.findall(r"\w+", sentence_text)
    return 0 < len(words) <= FIELD_LABEL_WORDS and not mentions and sentence_text.strip(" |\n")[:1].isupper()


def _project_groups(ctx: DocumentContext) -> list[_ProjectGroup]:
    """One group per project: "MC2CM", "Mediterranean City to City Migration (MC2CM)" and
    "Connection"/"CONNECTION" are one project, named by its acronym when it has one."""
    projects = [m for m in ctx.mentions if m.label == "PROJECT"]
    group_of = list(range(len(projects)))

    def root(i: int) -> int:
        while group_of[i] != i:
            i = group_of[i]
        return i

    # Names are compared once per distinct wording, not per pair of mentions: a long page
    # names its project hundreds of times.
    first_of_wording: dict[tuple[str, ...], int] = {}
    for i, mention in enumerate(projects):
        words = tuple(mention.clean_text.casefold().split())
        for wording, j in first_of_wording.items():
            if _one_name_extends_the_other(words, wording):
                group_of[root(i)] = root(j)
        first_of_wording.setdefault(words, i)
        if i and _joined(ctx.doc.text, projects[i - 1], mention):
            group_of[root(i)] = root(i - 1)
    groups: dict[int, list[Mention]] = {}
    for i, mention in enumerate(projects):
        groups.setdefault(root(i), []).append(mention)
    result = []
    for members in groups.values():
        acronyms = [m for m in members if " " not in m.clean_text and any(c.isupper() for c in m.clean_text)]
        named = max(acronyms or members, key=lambda m: sum(c.isupper() for c in m.clean_text))
        long_forms = [m for m in members if " " in m.clean_text]
        mention_text = long_forms[0].text if long_forms else named.text
        name = named.canonical or named.clean_text
        result.append(_ProjectGroup(name, mention_text, members, Project(name=name, mention=mention_text,
                                                                          evidence=ctx.evidence(_sentence_of(ctx, members[0])))))
    return result


def _sentence_of(ctx: DocumentContext, mention: Mention) -> Sentence:
    for sentence in ctx.doc.sentences:
        if sentence.clean_start <= mention.clean_start < sentence.clean_end:
            return sentence
    return ctx.doc.sentences[0]


def _one_name_extends_the_other(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """"CapacityMetro" for "CapacityMetro Italia"."""
    shorter, longer = sorted((a, b), key=len)
    return longer[: len(shorter)] == shorter


def _joined(text: str, first: Mention, second: Mention) -> bool:
    """"Mediterranean City to City Migration (MC2CM)", "Roma-Net – Integration of …": a name
    and its other form side by side."""
    return bool(re.fullmatch(r"\s*(?:\(|[-–—:]|\s)\s*", text[first.clean_end : second.clean_start]))


def _sentence_project(
    ctx: DocumentContext,
    group_by_mention: dict[int, _ProjectGroup],
    recent: _ProjectGroup,
    mentions: list[Mention],
    sentence_text: str,
) -> tuple[_ProjectGroup | None, bool]:
    """The project a sentence speaks of, and whether it names it (or says "il progetto"):
    the one it names, else the one named last."""
    for mention in mentions:
        if id(mention) in group_by_mention:
            return group_by_mention[id(mention)], True
    if ctx.rules.project_anaphora.search(sentence_text) or ctx.rules.project_label_line.match(sentence_text):
        return recent, True
    if any(pattern.search(sentence_text) for _, pattern in ctx.rules.roles):
        return recent, False
    return None, False


def _read_dates(ctx, group: _ProjectGroup, sentence: Sentence, mentions: list[Mention], sentence_text: str) -> None:
    dates = [m for m in mentions if m.label == "DATE" and m.norm]
    for pattern, field_name in ((ctx.rules.start, "start"), (ctx.rules.end, "end")):
        for match in pattern.finditer(sentence_text):
            trigger_end = sentence.clean_start + match.end()
            following = [d for d in dates if 0 <= d.clean_start - trigger_end <= 25]
            if following and getattr(group.record, field_name) is None:
                norm = following[0].norm
                assert norm is not None  # `dates` holds mentions with a norm only
                if "/" in norm:
                    group.record.start, group.record.end = norm.split("/", 1)
                else:
                    setattr(group.record, field_name, norm)


def _read_budget(ctx, group: _ProjectGroup, mentions: list[Mention], sentence_text: str) -> None:
    money = [m for m in mentions if m.label == "MONEY" and m.norm]
    if money and group.record.budget is None and ctx.rules.budget.search(sentence_text):
        group.record.budget = money[0].norm


@dataclass(frozen=True, slots=True)
class Trigger:
    """A role phrasing in a sentence: where it ends, the role it gives (None for phrasings
    after which no one is a participant, "in collaborazione con") and its rule id."""

    end: int
    role: str | None
    rule: str | None


def _role_triggers(ctx: DocumentContext, sentence: Sentence) -> list[Trigger]:
    """Every role phrasing in the sentence, in the order they end."""
    text = ctx.doc.text
    found: list[tuple[int, Trigger]] = []
    for role, pattern in ctx.rules.roles:
        found += [
            (m.start(), Trigger(m.end(), role, _phrasing_rule(m)))
            for m in pattern.finditer(text, sentence.clean_start, sentence.clean_end)
            if not _closes_bracket(text, m.end()) and not _in_apposition(ctx, m)
        ]
    found += [(m.start(), Trigger(m.end(), None, None)) for m in ctx.rules.not_a_role.finditer(text, sentence.clean_start, sentence.clean_end)]
    # of phrasings ending together the longest speaks: "lead partner", not its "partner"
    found.sort(key=lambda item: (item[1].end, -item[0]))
    return [trigger for _, trigger in found]


def _phrasing_rule(match: re.Match[str]) -> str:
    """"phrasing:lead.2": the second of link_rules.yaml's lead phrasings (its named group)."""
    role, _, number = (match.lastgroup or "").rpartition("_")
    return f"phrasing:{role}.{number}"


def _in_apposition(ctx: DocumentContext, match: re.Match[str]) -> bool:
    """"l'Ecomuseo del Casentino, capofila, e i Comuni di Poppi e Bibbiena, partner, …": a bare
    role noun between commas is an apposition to what it follows (read by `_postposed_role` when
    that is a party), not the role of what comes after."""
    text, start, end = ctx.doc.text, match.start(), match.end()
    return (match.group().lower() in ctx.rules.appositive_roles
            and bool(APPOSITIVE_ROLE_OPENING.search(text, max(0, start - APPOSITION_REACH), start))
            and text[end : end + 2].lstrip().startswith(","))


def _closes_bracket(text: str, end: int) -> bool:
    """"il Comune di Torino (capofila), la Città di Lione …": a role in brackets names the
    role of what it follows (read by `_postposed_role`), not of what comes after."""
    return text[end : end + 3].lstrip().startswith(")")


def _read_participants(
    ctx: DocumentContext,
    group: _ProjectGroup,
    sentence: Sentence,
    mentions: list[Mention],
    names_project: bool,
    roles: dict[tuple[int, str], tuple[str, bool]],
    listed: Trigger | None = None,
) -> None:
    triggers = _role_triggers(ctx, sentence)
    parties = sorted(
        [m for m in mentions if m.label in ("ORG", "CITY") or ctx.is_administration(m) or _is_region(ctx, m)] + _city_phrases(ctx, sentence),
        key=lambda m: m.clean_start,
    )
    text = ctx.doc.text
    # a role phrased after a party ("Aksakovo (Bulgaria) che ha il ruolo di comune capofila,
    # Nughedu, Setubal …") is that party's, not the role of those listed after it
    postposed = {id(m): _postposed_role(ctx, parties, m, sentence) for m in parties}
    consumed = [(chain_end, role_end) for found in postposed.values() if found for _, chain_end, role_end in [found]]
    triggers = [t for t in triggers if not any(start < t.end <= stop for start, stop in consumed)]
    for mention in parties:
        if _is_subunit(ctx, parties, mention) or _seat_in_an_apposition(ctx, parties, mention):
            continue
        before = [t for t in triggers if t.end <= mention.clean_start]
        # "affidato ad ANCI": a role phrasing's own preposition, not a venue's
        follows_role = bool(before) and not text[before[-1].end : mention.clean_start].strip()
        if not follows_role and ctx.rules.not_member_before.search(text, max(0, mention.clean_start - NOT_MEMBER_REACH), mention.clean_start):
            continue  # "si è svolto a Utrecht": a venue
        own = postposed[id(mention)]
        subject = _subject_word(ctx, mention)
        if before and _after_a_fronted_adjunct(ctx, mention, subject, before[-1]):
            before = []
        role, rule = (
            ((own[0], f"postposed:{own[0]}") if own else None)
            or _programme_of(group, mention)
            or _subject_role(ctx, mention, subject, sentence, triggers)
            or ((before[-1].role, before[-1].rule) if before else None)
            or ((listed.role, f"listed:{listed.rule}") if listed else (None, None))
        )
        if mention.org_type == "funding_programme" and (role is not None or names_project):
            # a programme funds, whatever else the sentence says of it; named beside the
            # project it needs no role phrasing: "il progetto … relativo al programma CERV"
            role, rule = "funder", rule if role == "funder" else "funding_programme"
        if role is None or rule is None:
            continue
        key = (id(group), mention_name(mention))
        previous = roles.get(key)
        if previous is not None and (previous[1] or not names_project):
            continue
        roles[key] = (role, names_project)
        _set_participant(ctx, group, mention, role, rule, sentence)


def _seat_in_an_apposition(ctx: DocumentContext, parties: list[Mention], mention: Mention) -> bool:
    """"Capofila è Ferrari e Bellei S.p.A., azienda di Carpi", "Datanova, una start-up di Reggio
    Emilia", "Polimeri Adriatici S.r.l. di Ravenna": a town after an organisation's name, or
    after a common noun describing the party before it, is where that party is, no party of
    its own ("i comuni di …", "la città di …" name towns that are). `parties`: the sentence's."""
    if mention.label != "CITY":
        return False
    tokens = ctx.doc.tokens
    first, _ = ctx.token_range(mention.clean_start, mention.clean_end)
    if first < 3 or tokens[first - 1].lower not in GENITIVE_PREPOSITIONS:
        return False
    noun = first - 2
    if any(m.label == "ORG" and m.clean_end == tokens[noun].clean_end and not _names_a_town_government(ctx, m) for m in parties):
        return True
    if tokens[noun].pos not in ("NOUN", "X") or tokens[noun].lemma in ctx.rules.subject_wrappers or tokens[noun].lower in ctx.rules.subject_wrappers:
        return False
    # the noun opens an apposition: a comma before it, past its article and adjectives
    return any(tokens[j].lower == "," for j in range(max(0, noun - APPOSITION_LEAD), noun))


def _names_a_town_government(ctx: DocumentContext, mention: Mention) -> bool:
    """"la Città Metropolitana" of "… di Napoli", "il Comune" of "… di Lecce": the town after it is the party."""
    first_word = mention.clean_text.split(maxsplit=1)[0].lower().rstrip("’'")
    # "Citta’ Metropolitana": pages write the accent as an apostrophe
    return first_word.replace("citta", "città") in ctx.rules.subject_wrappers


def _is_region(ctx: DocumentContext, mention: Mention) -> bool:
    """"supportato dalle Regioni Veneto, Piemonte e Puglia": an Italian region named alone
    (a LOC) takes part as the body it stands for; not where it says where something is
    ("un ente dell'Emilia-Romagna")."""
    if mention.label != "LOC" or not is_italian_region(mention.clean_text):
        return False
    first, _ = ctx.token_range(mention.clean_start, mention.clean_end)
    return first == 0 or ctx.doc.tokens[first - 1].lower not in GENITIVE_PREPOSITIONS


def _is_subunit(ctx: DocumentContext, parties: list[Mention], mention: Mention) -> bool:
    """"Commissione Europea - Direzione generale …": a department named after its body."""
    if not ctx.rules.subunit.match(mention.clean_text):
        return False
    before = [m for m in parties if m.clean_end <= mention.clean_start]
    return bool(before) and bool(re.fullmatch(r"\s*[-–—,(]\s*", ctx.doc.text[before[-1].clean_end : mention.clean_start]))


def _postposed_role(
    ctx: DocumentContext, parties: list[Mention], mention: Mention, sentence: Sentence
) -> tuple[str, int, int] | None:
    """The role phrased right after a party or the list it opens, with where that phrasing
    starts and ends."""
    chain = listed_after(parties, mention, ctx.doc.text)
    chain_end = chain[-1].clean_end
    after = ctx.doc.text[chain_end : sentence.clean_end]
    if COPULA_AFTER_A_COMMA.match(after) and OPEN_RELATIVE_CLAUSE.search(ctx.doc.text, sentence.clean_start, mention.clean_start):
        # "La Città di Asti, che dal 2019 fa parte della Rete …, è capofila di …": the clause's
        # antecedent holds the role, not the network the relative clause names
        return None
    for role, pattern in ctx.rules.postposed.items():
        match = pattern.match(after)
        if match:
            if mention is not chain[-1] and (role == "lead" or SINGULAR_RELATIVE.match(after)):
                # "Riga, Porto e Milano, che sarà la capofila", "… e Milano in veste di
                # capofila": a project has one lead, the item the role follows
                return None
            return role, chain_end, chain_end + match.end()
    return None


def _subject_word(ctx: DocumentContext, mention: Mention) -> int | None:
    """The token that makes the mention (or the list it is a conjunct of) a verb's subject, by
    the parse; None where it is none."""
    tokens = ctx.doc.tokens
    first, last = ctx.token_range(mention.clean_start, mention.clean_end)
    if first >= last:
        return None
    outside = [i for i in range(first, last) if not first <= tokens[i].head < last]
    # a weak parse may hang the name's head word elsewhere and its last word on the verb
    # ("la Fondazione CRT sostiene …"): the word that is a subject speaks for the name
    root = next((i for i in outside if tokens[i].dep == "nsubj"), outside[0] if outside else first)
    # "il Comune di Lecce": the place stands for the noun it names
    while tokens[root].dep in ("nmod", "flat", "flat:name") and tokens[tokens[root].head].lemma in ctx.rules.subject_wrappers:
        root = tokens[root].head
    while tokens[root].dep == "conj" and tokens[root].head != root:
        root = tokens[root].head
    return root if tokens[root].dep == "nsubj" else None


def _after_a_fronted_adjunct(ctx: DocumentContext, mention: Mention, subject: int | None, trigger: Trigger) -> bool:
    """"Con il contributo della Compagnia di San Paolo, la Città di Torino lancia …": a subject
    (`subject`, its word by `_subject_word`) after the comma that closes a fronted phrase is not
    what the phrase's role phrasing names."""
    if subject is None or "," not in ctx.doc.text[trigger.end : mention.clean_start]:
        return False
    return ctx.doc.tokens[ctx.doc.tokens[subject].head].clean_start > mention.clean_end


def _subject_role(
    ctx: DocumentContext, mention: Mention, root: int | None, sentence: Sentence, triggers: list[Trigger]
) -> tuple[str, str] | None:
    """"La Regione Puglia ha finanziato il progetto", "il Comune di Lecce e l'Università
    coordinano il progetto": the active subject of a role verb, or a conjunct of it, takes
    the verb's role (`subject_roles`), with its rule id. `root`: the mention's subject word
    (`_subject_word`), read from the dependency parse; None without one."""
    tokens = ctx.doc.tokens
    if root is None:
        return None
    if any(tokens[root].clean_end <= t.end <= mention.clean_start for t in triggers):
        # "Il Comune, in partenariato con Legambiente e il Politecnico, ha avviato …": a role
        # phrased between the subject and a conjunct the parse gave it is that conjunct's
        return None
    verb = tokens[root].head
    start, end = ctx.token_range(sentence.clean_start, sentence.clean_end)
    if any(tokens[i].head == verb and tokens[i].dep == "aux:pass" for i in range(start, end)):
        return None
    negation_words = load_member_list_rules().negation.words
    if any(tokens[i].head == verb and tokens[i].lower in negation_words for i in range(start, end)):
        return None  # "La Regione non partecipa direttamente al progetto", "Biancavilla non è partner"
    lemma = tokens[verb].lemma
    role = ctx.rules.subject_roles.get(lemma)
    return (role, f"subject:{lemma}") if role else None


def _programme_of(group: _ProjectGroup, mention: Mention) -> tuple[str, str] | None:
    """"il progetto Erasmus+ «Scuole Aperte»": the programme named with a project funds it."""
    if mention.org_type != "funding_programme":
        return None
    follows = any(0 <= m.clean_start - mention.clean_end <= 3 for m in group.mentions)
    return ("funder", "programme_beside_project") if follows else None


def _city_phrases(ctx: DocumentContext, sentence: Sentence) -> list[Mention]:
    """"di cui il Comune è capofila": the document's city, where the text stands for it."""
    if ctx.main_city is None:
        return []
    found = []
    for match in ctx.rules.city_anaphora.finditer(ctx.doc.text, sentence.clean_start, sentence.clean_end):
        found.append(replace(ctx.main_city, clean_start=match.start(), clean_end=match.end(), clean_text=match.group()))
    return found


def _set_participant(ctx: DocumentContext, group: _ProjectGroup, mention: Mention, role: str, rule: str, sentence: Sentence) -> None:
    name = mention_name(mention)
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
            rule=rule,
        )
    )
    group.record.participants = participants
