"""CITY, COUNTRY, ORG and PERSON entities from the statistical NER's LOC/ORG/PER/MISC and the
place and organisation gazetteers.

Runs after the statistical NER and the DATE/MONEY rules. It only relabels or replaces the
statistical model's entities (the `replaceable_labels`); any other entity (DATE, MONEY,
PROJECT) is left alone and never overlapped. In order it:
1. revises each statistical entity: "Comune di Cagliari" / "Città di Torino" becomes the
   CITY "Cagliari" / "Torino" with no ORG around it (SPEC §2); PER becomes PERSON without
   titles ("l'assessore Marco Giusta" -> "Marco Giusta"); LOC becomes CITY or COUNTRY when
   the place gazetteer knows it (else stays LOC); an ORG or MISC that is an alias-table
   organisation stays or becomes ORG, one that is a place becomes CITY or COUNTRY;
2. adds ORG for the alias table's names (case-insensitive, capitalised first word) and
   acronyms (exact case); a match replaces statistical entities it covers, but not a longer
   statistical ORG it lies inside ("ANCI" in "ANCI Piemonte");
3. splits "Name (ACR)" into two ORGs and tags an acronym in brackets right after an ORG;
4. adds CITY/COUNTRY for capitalised gazetteer names the model missed, skipping Italian
   common words (resources/it_common_words.txt, "Cento", "Paese"), the YAML's
   non-place words ("Bra") and street names ("via Roma", "corso Francia").
All changes go through itnet.nlp.spans.merge_entities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field
from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, IS_PUNCT, IS_SPACE, IS_UPPER, ORTH
from spacy.lang.it.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from itnet.gazetteers.keys import name_key
from itnet.gazetteers.organisations import lookup_org, organisations
from itnet.gazetteers.places import PlaceMatch, is_italian_area, is_italian_region, lookup_country_code, lookup_place
from itnet.nlp.doc_text import doc_text
from itnet.nlp.extensions import NO_FACTS, EntityFacts
from itnet.nlp.sentences import line_sentences
from itnet.nlp.serialised_rules import SerialisedRules, packaged_rule_file
from itnet.nlp.spans import country_in_brackets_at, facts_of, merge_entities, pieces, set_entities, with_facts
from itnet.nlp.vocabulary import LIST_CONJUNCTIONS, is_generic_body, is_province_code
from itnet.rule_files import RuleFile

DEFAULT_RULES = "names_tagger.yaml"
DEFAULT_COMMON_WORDS = "it_common_words.txt"
# The two files in the component's folder of a saved pipeline.
RULES_FILE = "names_tagger.yaml"
COMMON_WORDS_FILE = "it_common_words.txt"
STATISTICAL_LABELS = ["LOC", "GPE", "ORG", "PER", "MISC", "PERSON", "CITY", "COUNTRY"]
PERSON_LABELS = {"PER", "PERSON"}
MAX_SURNAME_WORDS = 2
MAX_PORTFOLIO_WORDS = 3
# labels a statistical model (ours or it_core_news_sm) gives places
STATISTICAL_PLACE_LABELS = frozenset({"LOC", "GPE", "CITY", "COUNTRY"})
LONG_ACRONYM = 5
# Tokens between a comune's office and the "di" before its town ("assessora alla cultura di").
TOWN_OFFICE_REACH = 3
# A place's country in brackets after it is one or two tokens ("(Spagna)", "(Paesi Bassi)", "(UA)").
BRACKETED_COUNTRY_TOKENS = 2
LIST_SEPARATORS = frozenset({",", "e", "ed"})
DASHES = frozenset({"-", "–", "—"})
ELIDED_ARTICLES = frozenset({"L'", "L’"})
# the articles Italian puts before a country's name: "per il Belgio", "la Spagna", "l'Estonia"
COUNTRY_ARTICLES = frozenset({"il", "la", "lo", "l'", "l’", "i", "gli", "le"})
# Articles that open a sentence's subject ("Fanno parte del Comitato Direttivo i Comuni …").
SUBJECT_ARTICLES = frozenset({"il", "lo", "la", "i", "gli", "le"})
TRAILING_CONNECTORS = frozenset({"dell'", "dell’", "per", "sul", "sulla", "dello", "degli", "delle", "dei"})


@dataclass(frozen=True, slots=True)
class NameRules:
    person_titles: frozenset[str]
    person_leading_words: frozenset[str]
    portfolio_prepositions: frozenset[str]
    surname_particles: frozenset[str]
    elided_surname_particles: frozenset[str]
    city_government_prefixes: tuple[tuple[str, ...], ...]
    city_list_heads: frozenset[tuple[str, ...]]
    street_words: frozenset[str]
    town_offices: frozenset[str]
    place_connectors: frozenset[str]
    non_place_words: frozenset[str]
    counted_noun_leads: frozenset[str]
    org_list_leads: frozenset[str]
    max_place_tokens: int
    facility_words: frozenset[str]
    org_words: frozenset[str]


class NameRuleFile(BaseModel):
    """names_tagger.yaml as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    person_titles: list[str]
    person_leading_words: list[str]
    portfolio_prepositions: list[str]
    surname_particles: list[str]
    elided_surname_particles: list[str]
    city_government_prefixes: list[str]
    city_list_heads: list[str]
    street_words: list[str]
    town_offices: list[str]
    place_connectors: list[str]
    non_place_words: list[str]
    counted_noun_leads: list[str]
    org_list_leads: list[str]
    max_place_tokens: int = Field(ge=1)
    facility_words: list[str]
    org_words: list[str]


def load_rules(rules: str = DEFAULT_RULES, common_words: str = DEFAULT_COMMON_WORDS) -> NameRules:
    """The rules of two files of itnet/nlp/resources (or of absolute paths)."""
    return parse_rules(packaged_rule_file(rules), packaged_rule_file(common_words))


@cache
def parse_rules(rule_file: RuleFile, common_words_file: RuleFile) -> NameRules:
    rules = rule_file.validated(NameRuleFile)
    common = {line.strip() for line in common_words_file.text.splitlines() if line.strip() and not line.startswith("#")}
    prefixes = sorted((tuple(name_key(p).split()) for p in rules.city_government_prefixes), key=len, reverse=True)
    return NameRules(
        person_titles=frozenset(t.lower() for t in rules.person_titles),
        person_leading_words=frozenset(rules.person_leading_words),
        portfolio_prepositions=frozenset(rules.portfolio_prepositions),
        surname_particles=frozenset(rules.surname_particles),
        elided_surname_particles=frozenset(rules.elided_surname_particles),
        city_government_prefixes=tuple(prefixes),
        city_list_heads=frozenset(tuple(name_key(head).split()) for head in rules.city_list_heads),
        street_words=frozenset(rules.street_words),
        town_offices=frozenset(rules.town_offices),
        place_connectors=frozenset(rules.place_connectors),
        non_place_words=frozenset(rules.non_place_words) | common | STOP_WORDS,
        counted_noun_leads=frozenset(rules.counted_noun_leads),
        org_list_leads=frozenset(rules.org_list_leads),
        max_place_tokens=rules.max_place_tokens,
        facility_words=frozenset(rules.facility_words),
        org_words=frozenset(rules.org_words),
    )


def _is_count(text: str) -> bool:
    """"325", "1.200": a number that counts; not a year ("Dal 2019 Udine fa parte …")."""
    digits = text.replace(".", "")
    return digits.isdigit() and not (len(text) == 4 and 1800 <= int(text) <= 2100)


def _is_capitalised(text: str) -> bool:
    return text[:1].isupper()


def _bracketable_short_form(text: str) -> bool:
    """ICMPD, MC2CM, UpM: at least two capitals and no leading lower-case letter. Looser than
    `vocabulary.is_acronym`: a short form in brackets after a name may mix cases."""
    return sum(c.isupper() for c in text) >= 2 and _is_capitalised(text)


def _overlaps(span: Span, tokens: set[int]) -> bool:
    return any(i in tokens for i in range(span.start, span.end))


def _contains(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Token attributes as plain lists, read once per pass: `doc[i]` builds a new Token object
    at every access, and the gazetteer passes look at every token several times."""

    text: str
    texts: list[str]
    lowers: list[str]
    starts: list[int]
    is_alpha: list[int]
    is_upper: list[int]
    is_lower: list[int]
    is_punct: list[int]
    is_space: list[int]

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        if not len(doc):
            return cls("", [], [], [], [], [], [], [], [])
        attrs = [ORTH, IDX, IS_ALPHA, IS_UPPER, IS_LOWER, IS_PUNCT, IS_SPACE]
        orths, starts, is_alpha, is_upper, is_lower, is_punct, is_space = doc.to_array(attrs).T.tolist()
        strings = doc.vocab.strings
        texts = [strings[orth] for orth in orths]
        # Token.lower_ is str.lower() of the text (spaCy's default LOWER getter, kept for Italian).
        lowers = [t.lower() for t in texts]
        return cls(doc_text(doc), texts, lowers, starts, is_alpha, is_upper, is_lower, is_punct, is_space)

    def span_text(self, start: int, end: int) -> str:
        """Span(doc, start, end).text, without building the Span."""
        return self.text[self.starts[start] : self.starts[end - 1] + len(self.texts[end - 1])]


class NamesTagger(SerialisedRules):
    def __init__(
        self,
        nlp: Language,
        rule_files: dict[str, RuleFile],
        context_country: str | None,
        replaceable_labels: Iterable[str],
        add_places: bool,
        add_orgs: bool,
    ) -> None:
        self.use_rules(rule_files)
        self.context_country = context_country or None
        self.replaceable = frozenset(replaceable_labels)
        self.add_places = add_places
        self.add_orgs = add_orgs
        self.org_names = PhraseMatcher(nlp.vocab, attr="LOWER")
        # multi-word names by their last word, to find them glued to the next word
        self.glued_names: dict[str, set[str]] = {}
        self.org_acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        for org in organisations():
            # Acronyms match in their own case ("sai" is a verb, "SAI" a body); long ones
            # also capitalised, as the press writes them ("Eccar", "Unesco").
            names = {
                variant
                for name in org.names
                if not name.isupper()
                for variant in (name, name.replace("'", "’"))
            }
            acronyms = {name for name in (*org.acronyms, *org.names) if name.isupper()}
            acronyms |= {a.capitalize() for a in acronyms if a.isalpha() and len(a) >= LONG_ACRONYM}
            self.org_names.add(org.org_id, [nlp.make_doc(name) for name in sorted(names)])
            for name in names:
                if " " in name:
                    self.glued_names.setdefault(name.split()[-1], set()).add(name)
            if acronyms:
                self.org_acronyms.add(org.org_id, [nlp.make_doc(acronym) for acronym in sorted(acronyms)])
        self.glued_word_lengths = sorted({len(word) for word in self.glued_names}) or [0]

    def use_rules(self, rule_files: dict[str, RuleFile]) -> None:
        """`rule_files`: the rules (RULES_FILE) and the common words (COMMON_WORDS_FILE)."""
        self.rule_files = rule_files
        self.rules = rules = parse_rules(rule_files[RULES_FILE], rule_files[COMMON_WORDS_FILE])
        self.longest_government_prefix = max((len(p) for p in rules.city_government_prefixes), default=0)
        # Words that join the parts of a name ("Conferenza generale della", "Programma ICC del …").
        self.name_connectors = rules.place_connectors | TRAILING_CONNECTORS
        self.person_span_drops = rules.person_titles | rules.person_leading_words

    def __call__(self, doc: Doc) -> Doc:
        tokens = TokenTable.of(doc)
        if self._split_glued_names(doc, tokens):
            tokens = TokenTable.of(doc)
        ents = _split_at_line_sentences(doc)  # a new tuple of Spans at every access
        protected = {i for ent in ents if ent.label_ not in self.replaceable for i in range(ent.start, ent.end)}
        spans = [revised for ent in ents if ent.label_ in self.replaceable for revised in self._revise(ent, tokens)]
        if self.add_orgs:
            spans = self._with_org_aliases(doc, spans, protected)
        spans = self._split_bracket_acronyms(doc, spans, protected)
        if self.add_places:
            spans += self._missed_places(doc, tokens, spans, protected)
        # The revised spans stand in for all the replaceable entities, dropped ones included.
        set_entities(doc, [ent for ent in ents if ent.label_ not in self.replaceable])
        merge_entities(doc, [s for s in spans if not _overlaps(s, protected)], overwrite=True)
        merge_entities(doc, self._listed_cities(doc, tokens), overwrite=False)
        merge_entities(doc, self._towns_with_province(doc, tokens), overwrite=False)
        merge_entities(doc, self._towns_of_an_office(doc, tokens), overwrite=False)
        merge_entities(doc, self._joined_places(doc))
        merge_entities(doc, self._bracketed_country_codes(doc, tokens))
        merge_entities(doc, self._places_by_their_company(doc, tokens))
        merge_entities(doc, self._lone_names(doc, tokens), overwrite=True)
        merge_entities(doc, self._elided_surnames(doc), overwrite=True)
        merge_entities(doc, self._names_before_an_org_word(doc), overwrite=True)
        return doc

    def _names_before_an_org_word(self, doc: Doc) -> list[Span]:
        """A foreign body's name the model began at its head word ("la Water Authority of
        Jordan" found as "Authority of Jordan"): the capitalised words before it belong to it,
        a town among them ("Port Authority of Valencia"), not a country ("il Belgio Association des Villes")."""
        found = []
        for ent in doc.ents:
            if ent.label_ != "ORG" or ent[0].text not in self.rules.org_words:
                continue
            start = ent.start
            while start > 0 and doc[start - 1].ent_type_ in {"", "CITY", "LOC", "GPE"} and doc[start - 1].is_alpha \
                    and not doc[start - 1].is_sent_start and _is_capitalised(doc[start - 1].text) \
                    and doc[start - 1].lower_ not in self.name_connectors:
                start -= 1
            if start < ent.start:
                found.append(Span(doc, start, ent.end, label="ORG"))
        return found

    def _elided_surnames(self, doc: Doc) -> list[Span]:
        """"Aldo D’Achille", "Massimo D'Alema" read as two names or as the surname alone:
        one person, the first name, the elided particle and the surname."""
        found = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = ent.start, ent.end
            if end + 1 < len(doc) and doc[end].text in self.rules.elided_surname_particles and not doc[end].whitespace_ \
                    and _is_capitalised(doc[end + 1].text):
                end += 2  # "Aldo" + "D’" + "Achille"
            if doc[start].text in self.rules.elided_surname_particles and start > 0 and not doc[start - 1].ent_type_ \
                    and _is_capitalised(doc[start - 1].text) and doc[start - 1].is_alpha and not doc[start - 1].is_sent_start:
                start -= 1  # "Massimo" + "D'Alema"
            if (start, end) != (ent.start, ent.end):
                found.append(Span(doc, start, end, label="PERSON"))
        return found

    def _lone_names(self, doc: Doc, tokens: TokenTable) -> list[Span]:
        """Names the model read as persons in a list of organisations: every one after a
        word announcing organisations ("tutti i partner (Hera, RReuse, …)"), a one-word one
        beside an organisation ("Enea, Civitta AS e Legambiente") unless a title names it
        or it is the surname of a person named in full ("insieme a Cafarelli, Asta e Maiorana"
        lists no organisation and stays)."""
        persons = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        surnames = {ent[-1].text for ent in persons if len(ent) > 1}
        found = []
        for chain in self._lists_of_names(doc, tokens):
            announced = self._after_org_list_lead(doc, chain[0])
            with_org = any(ent.label_ == "ORG" for ent in chain)
            for ent in chain:
                if ent.label_ != "PERSON":
                    continue
                lone = len(ent) == 1 and ent.text not in surnames and not self._after_person_title(ent)
                if announced or (with_org and lone):
                    found.append(Span(doc, ent.start, ent.end, label="ORG"))
        return found

    def _after_org_list_lead(self, doc: Doc, first: Span) -> bool:
        i = first.start - 1
        while i >= 0 and (doc[i].text in ("(", ":") or doc[i].lower_ in STOP_WORDS and doc[i].lower_ not in self.rules.org_list_leads):
            i -= 1
            if first.start - i > 3:
                return False
        return i >= 0 and doc[i].lower_ in self.rules.org_list_leads

    def _bracketed_country_codes(self, doc: Doc, tokens: TokenTable) -> list[Span]:
        """"Terre Calde Onlus (IT)", "Vartovi Zakonnosti (UA)": an ISO country code in brackets
        after a name is that name's COUNTRY (CONVENTIONS §4), unless the name is an Italian
        town, whose bracketed code is its province's ("Angri (SA)"), or an organisation of
        the alias table the code is an acronym of."""
        found = []
        ents = doc.ents  # a new tuple of Spans at every access
        by_end = {ent.end: ent for ent in ents}
        for i in range(1, len(doc) - 2):
            if tokens.texts[i] != "(" or tokens.texts[i + 2] != ")":
                continue
            code = tokens.texts[i + 1]
            if not (code.isalpha() and code.isupper() and 2 <= len(code) <= 3) or lookup_country_code(code) is None:
                continue
            # the name may be one a later component tags ("le Associazioni Terre Calde Onlus")
            before = by_end[i].text if i in by_end else tokens.texts[i - 1]
            if not _is_capitalised(before) or self._is_italian_town(before):
                continue
            held = [ent for ent in ents if ent.start <= i + 1 < ent.end]
            if held and (held[0].label_ not in self.replaceable or held[0]._.org_id):
                continue
            found.append(Span(doc, i + 1, i + 2, label="COUNTRY"))
        return found

    def _is_italian_town(self, text: str) -> bool:
        place = self._place(text)
        return place is not None and place.kind == "city" and place.country_code == "IT"

    def _places_by_their_company(self, doc: Doc, tokens: TokenTable) -> list[Span]:
        """A place the gazetteer does not know, or knows as something else, read from the
        list it is in: after "i comuni di" every name is a town ("i Comuni di Montserrat");
        a statistical LOC listed beside a CITY is one ("Tartu, Labin e Pazin"); a name followed
        by its country in brackets is no person ("Caspe (Spagna)", "Vartovi Zakonnosti (UA)"):
        a LOC is a town, another name takes its list's label, ORG where the list has none."""
        found = []
        for chain in self._lists_of_names(doc, tokens):
            towns = self._after_city_list_head(doc, chain[0])
            labels = [ent.label_ for ent in chain if ent.label_ in {"CITY", "ORG"}]
            for ent, country_after in ((ent, country_in_brackets_at(doc, ent.end, BRACKETED_COUNTRY_TOKENS)) for ent in chain):
                # a country only right after the head: "i Comuni di Montserrat", not "Paesi Bassi" listed later
                if ent.label_ in {"CITY", "ORG", "DATE", "MONEY"} or (ent.label_ == "COUNTRY" and not (towns and ent is chain[0])):
                    continue  # a dateline's date after "il Comune di Cuneo" is no town
                if ent[0].lower_ in self.rules.non_place_words or is_italian_area(ent.text):
                    continue  # "Città Metropolitana", "Contea di Hajdú-Bihar (Ungheria)", "Piemonte": no town's name
                if towns or (ent.label_ == "LOC" and ("CITY" in labels or country_after)):
                    found.append(Span(doc, ent.start, ent.end, label="CITY"))
                elif country_after and ent.label_ in {"PERSON", "MISC"}:
                    label = max(("ORG", "CITY"), key=labels.count)
                    found.append(Span(doc, ent.start, ent.end, label=label))
        return found

    @staticmethod
    def _lists_of_names(doc: Doc, tokens: TokenTable) -> list[list[Span]]:
        """Runs of entities joined by list separators, each perhaps with its country or
        province in brackets: "Montserrat (Spagna), Setubal (Portogallo) e Caspe"."""
        names = [ent for ent in doc.ents if not (ent.label_ == "COUNTRY" and ent.start > 0 and doc[ent.start - 1].text == "(")]
        chains: list[list[Span]] = []
        for ent in names:
            if chains and _listed_next(doc, tokens, chains[-1][-1], ent):
                chains[-1].append(ent)
            else:
                chains.append([ent])
        return chains

    def _after_city_list_head(self, doc: Doc, first: Span) -> bool:
        longest = max(map(len, self.rules.city_list_heads), default=0)
        before = tuple(name_key(t.text) for t in doc[max(0, first.start - longest) : first.start])  # keyed once
        return any(len(head) <= len(before) and before[len(before) - len(head) :] == head for head in self.rules.city_list_heads)

    def _joined_places(self, doc: Doc) -> list[Span]:
        """"Reggio" + "Emilia" tagged apart, "L'" + "Aia": one place when the gazetteer
        knows the whole."""
        found = []
        ents = list(doc.ents)
        for ent, following in zip(ents, ents[1:] + [None]):
            if ent.label_ not in {"CITY", "COUNTRY"}:
                continue
            if following is not None and following.start == ent.end and following.label_ in self.replaceable | STATISTICAL_PLACE_LABELS:
                place = self._place(doc[ent.start : following.end].text)
                if place is not None:
                    found.append(Span(doc, ent.start, following.end, label=place.kind.upper()))
                    continue
            if ent.start > 0 and doc[ent.start - 1].text in ELIDED_ARTICLES:
                place = self._place(doc[ent.start - 1 : ent.end].text)
                if place is not None and place == self._place(ent.text):
                    found.append(Span(doc, ent.start - 1, ent.end, label=ent.label_))
        return found

    def _split_glued_names(self, doc: Doc, tokens: TokenTable) -> bool:
        """"Rete Italiana delle Città del Dialogorete che …": scraping lost the space after a
        known name; the glued token is split where the name ends, the text stays as it is.
        True when a token was split."""
        splits = []
        lengths = self.glued_word_lengths
        for i, (word, idx) in enumerate(zip(tokens.texts, tokens.starts)):
            if not word[:1].isupper() or len(word) <= lengths[0]:
                continue
            for last_word in (word[:n] for n in lengths if n < len(word)):
                if last_word not in self.glued_names:
                    continue
                rest = word[len(last_word) :]
                if not rest.isalpha() or not rest.islower():
                    continue
                if any(tokens.text.endswith(name, 0, idx + len(last_word)) for name in self.glued_names[last_word]):
                    splits.append((i, last_word, rest))
                    break
        if not splits:
            return False
        with doc.retokenize() as retokenizer:
            for i, name_end, rest in splits:
                token = doc[i]
                retokenizer.split(token, [name_end, rest], heads=[(token, 0), (token, 0)])
        # A model that read the glued word as the name's last ("… del Dialogorete" as one ORG)
        # keeps the name without it.
        name_ends = {tokens.starts[i] + len(name_end) for i, name_end, _ in splits}
        set_entities(doc, [Span(doc, ent.start, ent.end - 1, label=ent.label_)
                           if len(ent) > 1 and doc[ent.end - 1].idx in name_ends else ent for ent in doc.ents])
        return True

    def _listed_cities(self, doc: Doc, tokens: TokenTable) -> list[Span]:
        """"Asti, Cuneo, Settimo e Torino": a capitalised word listed between two cities is one.
        So is the last of a list, "coinvolge Lione e Porto.", where the gazetteer knows it as a
        city, even a common word's: after a city and "e" no harbour is meant."""
        ents = doc.ents
        city_ends = {ent.end for ent in ents if ent.label_ == "CITY"}
        city_starts = {ent.start for ent in ents if ent.label_ == "CITY"}
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        found = []
        for i in range(2, len(doc) - 1):
            if i in taken or not tokens.is_alpha[i] or not _is_capitalised(tokens.texts[i]) or tokens.is_upper[i]:
                continue
            listed_left = tokens.lowers[i - 1] in LIST_SEPARATORS and i - 1 in city_ends
            listed_right = i + 2 < len(doc) and tokens.lowers[i + 1] in LIST_SEPARATORS and i + 2 in city_starts
            if listed_left and (listed_right or self._ends_a_list_of_cities(doc, tokens, i)):
                found.append(Span(doc, i, i + 1, label="CITY"))
        return found

    def _ends_a_list_of_cities(self, doc: Doc, tokens: TokenTable, i: int) -> bool:
        if tokens.lowers[i - 1] not in LIST_SEPARATORS - {","} or doc[i + 1].is_alpha and _is_capitalised(tokens.texts[i + 1]):
            return False
        place = self._place(tokens.texts[i])
        return place is not None and place.kind == "city"

    def _towns_with_province(self, doc: Doc, tokens: TokenTable) -> list[Span]:
        """"- Penne (PE), sindaco …", "Cento (FE)": an Italian town the gazetteer knows, followed
        by a province code in brackets, even where its name is a common word."""
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        found = []
        for i in range(1, len(doc) - 3):
            if tokens.texts[i] != "(" or tokens.texts[i + 2] != ")" or not is_province_code(tokens.texts[i + 1]):
                continue
            for start in range(max(0, i - self.rules.max_place_tokens), i):
                if any(j in taken for j in range(start, i)) or not _is_capitalised(tokens.texts[start]):
                    continue
                place = self._place(tokens.span_text(start, i))
                if place is not None and place.kind == "city" and place.country_code == "IT":
                    found.append(Span(doc, start, i, label="CITY"))
                    break
        return found

    def _towns_of_an_office(self, doc: Doc, tokens: TokenTable) -> list[Span]:
        """"Chiara Lanzoni, assessora alla cultura di Nove", "il sindaco di Cento": an Italian
        town the gazetteer knows after a comune's office and "di", even where its name is a
        common word (the longest name that fits)."""
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        found = []
        for i in range(2, len(doc)):
            if tokens.lowers[i - 1] != "di" or i in taken or not _is_capitalised(tokens.texts[i]):
                continue
            if self.rules.town_offices.isdisjoint(tokens.lowers[max(0, i - 1 - TOWN_OFFICE_REACH) : i - 1]):
                continue
            for end in range(min(len(doc), i + self.rules.max_place_tokens), i, -1):
                if any(j in taken for j in range(i, end)) or not _is_capitalised(tokens.texts[end - 1]):
                    continue
                if end < len(doc) and tokens.is_alpha[end] and _is_capitalised(tokens.texts[end]):
                    continue  # "sindaco di Cento Croci": a longer name the gazetteer does not know
                place = self._place(tokens.span_text(i, end))
                if place is not None and place.kind == "city" and place.country_code == "IT":
                    found.append(Span(doc, i, end, label="CITY"))
                    break
        return found

    def _place(self, text: str) -> PlaceMatch | None:
        place = lookup_place(text, self.context_country)
        if place is not None and place.country_code != "IT" and is_italian_area(text):
            return None  # "le Marche": an Italian region, not a foreign town's other name (Marche-en-Famenne)
        return place

    def _revise(self, ent: Span, tokens: TokenTable) -> list[Span]:
        doc, label = ent.doc, ent.label_
        government_place = self._after_government_prefix(ent, tokens)
        if government_place is not None:
            return [government_place]
        if tuple(name_key(text) for text in tokens.texts[ent.start : ent.end]) in self.rules.city_government_prefixes:
            return []  # "Città di" tagged apart from the "Torino" after it
        longer_place = self._extended_place(ent, tokens)
        if longer_place is not None:
            return [longer_place]
        if label in STATISTICAL_PLACE_LABELS and self._is_counted_noun(tokens, ent.start, ent.end):
            return []
        if label in PERSON_LABELS | {"LOC", "MISC", "CITY"} and len(ent) > 1 and any(t.text in self.rules.org_words for t in ent):
            org = lookup_org(ent.text)  # "Norfolk County Council" read as a place
            return [with_facts(Span(doc, ent.start, ent.end, label="ORG"), EntityFacts(org_id=org.org_id) if org else NO_FACTS)]
        if label in PERSON_LABELS:
            org = lookup_org(ent.text)
            if org is not None:  # "Fami", "Cva": a listed organisation's acronym in title case
                return [with_facts(Span(doc, ent.start, ent.end, label="ORG"), EntityFacts(org_id=org.org_id))]
            if is_italian_region(ent.text):
                return [Span(doc, ent.start, ent.end, label="LOC")]  # "per la regione Emilia Romagna": no Emilia
            if self._after_person_title(ent):
                return self._person(self._with_following_names(ent, tokens))
            place = self._place(ent.text) if len(ent) <= 2 else None
            if place is not None:
                return [Span(doc, ent.start, ent.end, label=place.kind.upper())]
            return self._person(ent)
        if label == "ORG" and len(ent) > 1 and lookup_org(ent.text) is None:
            country = self._leading_country(ent)
            if country is not None:  # "per il Belgio Association des Villes …": a country, then the name
                return [country, *self._revise(Span(doc, country.end, ent.end, label="ORG"), tokens)]
        if label == "ORG" and ent[0].lower_ in self.rules.facility_words:
            return [Span(doc, ent.start, ent.end, label="FAC")]
        if label == "ORG":
            while len(ent) > 1 and ent[-1].is_lower and ent[-1].lower_ in self.name_connectors:
                ent = Span(doc, ent.start, ent.end - 1, label="ORG")  # "Conferenza generale della"
            ent = _before_a_lower_case_phrase(ent)  # "Comitato Direttivo le città"
            ent = self._before_an_article_after_a_body(ent)  # "Comitato Direttivo i Comuni di …"
            if self._generic_body(ent) or ent[0].is_lower:
                return []  # "il Comitato direttivo", "polizia locale": no one's name
        if label in {"CITY", "COUNTRY"}:
            return [ent]
        org = lookup_org(ent.text) if label in {"ORG", "MISC"} else None
        if org is not None:
            return [with_facts(Span(doc, ent.start, ent.end, label="ORG"), EntityFacts(org_id=org.org_id))]
        listed_pair = self._listed_organisation_pair(ent) if label == "ORG" else []
        if listed_pair:
            return listed_pair
        place = self._place(ent.text)
        if place is not None:
            return [Span(doc, ent.start, ent.end, label=place.kind.upper())]
        if label in STATISTICAL_PLACE_LABELS and lookup_org(ent.text) is not None:
            return [Span(doc, ent.start, ent.end, label="ORG")]
        return [ent]

    def _before_an_article_after_a_body(self, ent: Span) -> Span:
        """"Fanno parte del Comitato Direttivo i Comuni di …": a guess running from a generic
        body over the article of the subject after it ends before the article."""
        for i in range(ent.start + 2, ent.end):
            token = ent.doc[i]
            if token.lower_ in SUBJECT_ARTICLES and token.is_lower and self._generic_body(ent.doc[ent.start : i]):
                return with_facts(Span(ent.doc, ent.start, i, label=ent.label_), facts_of(ent))
        return ent

    def _leading_country(self, ent: Span) -> Span | None:
        """The country an ORG guess opens with after an article ("per il Belgio Association
        des Villes"), when capitalised words follow it; not "Italia Nostra", a name."""
        doc = ent.doc
        if ent.start == 0 or doc[ent.start - 1].lower_ not in COUNTRY_ARTICLES:
            return None
        for end in range(min(ent.end - 1, ent.start + 3), ent.start, -1):
            place = self._place(doc[ent.start : end].text)
            if place is not None and place.kind == "country" and doc[end].text[:1].isupper():
                return Span(doc, ent.start, end, label="COUNTRY")
        return None

    def _listed_organisation_pair(self, ent: Span) -> list[Span]:
        """"Programma ICC del Consiglio d'Europa", "Politecnico di Milano e UniBo": two different
        listed organisations joined by a connector or a conjunction are two names."""
        doc = ent.doc
        for i in range(ent.start + 1, ent.end - 1):
            if not doc[i].is_lower or doc[i].lower_ not in self.name_connectors and doc[i].lower_ not in LIST_CONJUNCTIONS:
                continue
            left, right = lookup_org(doc[ent.start : i].text), lookup_org(doc[i + 1 : ent.end].text)
            if left is not None and right is not None and left.org_id != right.org_id:
                return [with_facts(Span(doc, ent.start, i, label="ORG"), EntityFacts(org_id=left.org_id)),
                        with_facts(Span(doc, i + 1, ent.end, label="ORG"), EntityFacts(org_id=right.org_id))]
        return []

    @staticmethod
    def _generic_body(ent: Span) -> bool:
        return is_generic_body([t.lower_ for t in ent if not t.is_punct])

    def _extended_place(self, ent: Span, tokens: TokenTable) -> Span | None:
        """"Bosnia ed Erzegovina" when the model tagged only "Bosnia"."""
        texts = tokens.texts
        longest = min(len(texts), ent.start + self.rules.max_place_tokens)
        for end in range(longest, ent.end, -1):
            candidate = range(ent.start, end)
            if not _is_capitalised(texts[end - 1]) or any(
                tokens.is_space[i] or (tokens.is_punct[i] and texts[i] != "-") for i in candidate
            ):
                continue
            hyphenated = {i for i in candidate if texts[i] == "-"} | {i + 1 for i in candidate if texts[i] == "-"}
            if any(
                not _is_capitalised(texts[i]) and tokens.lowers[i] not in self.rules.place_connectors and i not in hyphenated
                for i in candidate
            ):
                continue
            place = self._place(tokens.span_text(ent.start, end))
            if place is not None:
                return Span(ent.doc, ent.start, end, label=place.kind.upper())
        return None

    def _after_government_prefix(self, ent: Span, tokens: TokenTable) -> Span | None:
        """The place in "Comune di Cagliari" / "la Città metropolitana di Genova", as a CITY."""
        start = ent.start
        while start < ent.end and tokens.is_lower[start] and tokens.lowers[start] in STOP_WORDS:
            start += 1
        # Only as many words as the longest prefix has are compared.
        compared_end = min(ent.end, start + self.longest_government_prefix)
        words = tuple(name_key(tokens.texts[i]) for i in range(start, compared_end))
        for prefix in self.rules.city_government_prefixes:
            n = len(prefix)
            if words[:n] == prefix and start + n < ent.end and _is_capitalised(tokens.texts[start + n]):
                return Span(ent.doc, start + n, ent.end, label="CITY")
        return None

    def _after_person_title(self, ent: Span) -> bool:
        """"l'assessore Marco", "l'assessore ai Diritti Marco": a person however many towns
        are called Marco. A portfolio of at most MAX_PORTFOLIO_WORDS may stand between."""
        doc = ent.doc
        for i in range(ent.start - 1, max(-1, ent.start - 2 - MAX_PORTFOLIO_WORDS), -1):
            word = doc[i].lower_.rstrip(".")
            if word in self.rules.person_titles:
                return True
            if word not in self.rules.portfolio_prepositions and not _is_capitalised(doc[i].text):
                return False
        return False

    @staticmethod
    def _with_following_names(ent: Span, tokens: TokenTable) -> Span:
        """A titled person's name with the capitalised untagged words the model left after it
        ("l'assessore [Marco] Giusta"), at most MAX_SURNAME_WORDS."""
        doc, end = ent.doc, ent.end
        while (end < len(doc) and end - ent.end < MAX_SURNAME_WORDS and tokens.is_alpha[end]
               and _is_capitalised(tokens.texts[end]) and not tokens.is_upper[end] and doc[end].ent_iob_ == "O"):
            end += 1
        return Span(doc, ent.start, end, label=ent.label_)

    def _person(self, ent: Span) -> list[Span]:
        """The name only: leading titles, articles, a portfolio and lower-case words go."""
        doc, start, end = ent.doc, ent.start, ent.end
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        portfolio = [i for i in range(start, end) if doc[i].lower_ in self.rules.portfolio_prepositions]
        if portfolio and end - portfolio[-1] > 3:
            start = end - 2
            if doc[start].lower_ in self.rules.surname_particles and start - 1 > portfolio[-1]:
                start -= 1
        titles = self.person_span_drops
        while start < end and (
            doc[start].lower_ in titles
            or doc[start].lower_.rstrip(".") in titles
            or not _is_capitalised(doc[start].text)
            or (end - start > 2 and doc[start].lower_ in self.rules.non_place_words)
        ):
            start += 1
        return [Span(doc, start, end, label="PERSON")] if start < end else []

    def _alias_spans(self, doc: Doc) -> list[Span]:
        # the alias table's org_id tells later components the name is a known one
        found = [
            with_facts(Span(doc, start, end, label="ORG"), EntityFacts(org_id=doc.vocab.strings[match_id]))
            for match_id, start, end in self.org_names(doc)
            if _is_capitalised(doc[start].text) or end - start > 1 and _is_institution(doc[start:end].text)
        ]
        found += [
            with_facts(Span(doc, start, end, label="ORG"), EntityFacts(org_id=doc.vocab.strings[match_id]))
            for match_id, start, end in self.org_acronyms(doc)
        ]
        return filter_spans(found)

    def _with_org_aliases(self, doc: Doc, spans: list[Span], protected: set[int]) -> list[Span]:
        for alias in self._alias_spans(doc):
            if _overlaps(alias, protected):
                continue
            overlapping = [s for s in spans if s.start < alias.end and alias.start < s.end]
            person = self._person_after(doc, alias, overlapping)
            if person is not None:
                # "il direttore di ANCI Toscana Lorenzo Ciampi": the model ran the name on
                spans = [s for s in spans if s not in overlapping] + [alias, person]
                continue
            if any(s.label_ == "ORG" and _contains(s, alias) and len(s) > len(alias) for s in overlapping):
                continue
            if any(len(s) > len(alias) and not _contains(s, alias) for s in overlapping):
                continue
            spans = [s for s in spans if s not in overlapping] + [alias]
        return sorted(spans, key=lambda s: s.start)

    @staticmethod
    def _person_after(doc: Doc, alias: Span, overlapping: list[Span]) -> Span | None:
        """The person's name an entity runs on into after a known organisation's name."""
        longer = [s for s in overlapping if s.start == alias.start and s.end > alias.end]
        if len(longer) != 1 or not 2 <= longer[0].end - alias.end <= 3:
            return None
        rest = doc[alias.end : longer[0].end]
        if all(t.is_alpha and _is_capitalised(t.text) and not t.is_upper for t in rest):
            return Span(doc, rest.start, rest.end, label="PERSON")
        return None

    def _split_bracket_acronyms(self, doc: Doc, spans: list[Span], protected: set[int]) -> list[Span]:
        """SPEC §2: an acronym in brackets right after a name is a separate ORG; so is an
        acronym a dash joins to the name ("ICLEI – Local Governments for Sustainability")."""
        result: list[Span] = []
        for span in spans:
            if span.label_ != "ORG":
                result.append(span)
                continue
            if len(span) > 3 and span[1].text in DASHES and _bracketable_short_form(span[0].text):
                result += [Span(doc, span.start, span.start + 1, label="ORG"), Span(doc, span.start + 2, span.end, label="ORG")]
                continue
            opening = [i for i in range(span.start + 1, span.end - 1) if doc[i].text == "("]
            if opening and doc[span.end - 1].text == ")":
                i = opening[-1]
                result += [Span(doc, span.start, i, label="ORG"), Span(doc, i + 1, span.end - 1, label="ORG")]
                continue
            result.append(span)
        taken = {i for s in result for i in range(s.start, s.end)} | protected
        for span in list(result):
            after = span.end
            if (
                span.label_ == "ORG"
                and after + 2 < len(doc)
                and doc[after].text == "("
                and doc[after + 2].text == ")"
                and _bracketable_short_form(doc[after + 1].text)
                and after + 1 not in taken
            ):
                result.append(Span(doc, after + 1, after + 2, label="ORG"))
        return sorted(result, key=lambda s: s.start)

    def _missed_places(self, doc: Doc, tokens: TokenTable, spans: list[Span], protected: set[int]) -> list[Span]:
        taken = {i for s in spans for i in range(s.start, s.end)} | protected
        is_alpha, is_upper = tokens.is_alpha, tokens.is_upper
        # _place_at's cheapest tests first, in one pass: most tokens cannot start a place name
        starts = [i for i, text in enumerate(tokens.texts)
                  if is_alpha[i] and not is_upper[i] and _is_capitalised(text) and i not in taken]
        found: list[Span] = []
        next_free = 0
        for i in starts:
            place_at = self._place_at(tokens, i, taken) if i >= next_free else None
            if place_at is not None:
                end, place = place_at
                found.append(Span(doc, i, end, label=place.kind.upper()))
                next_free = end
        return found

    def _place_at(self, tokens: TokenTable, i: int, taken: set[int]) -> tuple[int, PlaceMatch] | None:
        """The end and place of the longest gazetteer place starting at token i."""
        if i in taken or not tokens.is_alpha[i] or not _is_capitalised(tokens.texts[i]) or tokens.is_upper[i]:
            return None
        if i > 0 and tokens.lowers[i - 1] in self.rules.street_words:
            return None
        longest = min(len(tokens.texts), i + self.rules.max_place_tokens)
        for end in range(longest, i, -1):
            if not self._could_be_place(tokens, i, end, taken):
                continue
            place = self._place(tokens.span_text(i, end))
            if place is not None:
                return end, place
        return None

    def _could_be_place(self, tokens: TokenTable, start: int, end: int, taken: set[int]) -> bool:
        if any(i in taken or tokens.is_punct[i] and tokens.texts[i] not in {"'", "’", "-"} for i in range(start, end)):
            return False
        last = end - 1
        if end - start == 1:
            return tokens.lowers[last] not in self.rules.non_place_words and not self._beside_a_name(tokens, start, end, taken) \
                and not self._is_counted_noun(tokens, start, end)
        return bool(tokens.is_alpha[last]) and tokens.lowers[last] not in self.rules.place_connectors

    def _is_counted_noun(self, tokens: TokenTable, start: int, end: int) -> bool:
        """"12 nuovi Borghi", "i 325 Borghi": one capitalised word counted is a common noun."""
        return end - start == 1 and start > 0 and (
            tokens.lowers[start - 1] in self.rules.counted_noun_leads or _is_count(tokens.texts[start - 1])
        )

    @staticmethod
    def _beside_a_name(tokens: TokenTable, start: int, end: int, taken: set[int]) -> bool:
        """"Barbara Azzarà", "Istituto Vienna": one capitalised word of a longer name."""
        neighbours = [i for i in (start - 1, end) if 0 <= i < len(tokens.texts) and i not in taken]
        return any(
            tokens.is_alpha[i] and _is_capitalised(tokens.texts[i]) and tokens.lowers[i] not in STOP_WORDS
            for i in neighbours
        )


@Language.factory(
    "it_names_tagger",
    default_config={
        "context_country": "IT",
        "replaceable_labels": STATISTICAL_LABELS,
        "add_places": True,
        "add_orgs": True,
        "rules": DEFAULT_RULES,
        "common_words": DEFAULT_COMMON_WORDS,
    },
    assigns=["doc.ents"],
)
def make_names_tagger(
    nlp: Language,
    name: str,
    context_country: str,
    replaceable_labels: list[str],
    add_places: bool,
    add_orgs: bool,
    rules: str,
    common_words: str,
) -> NamesTagger:
    """`context_country` (ISO alpha-2, "" for none) picks between homonymous places;
    `replaceable_labels` are the labels this component may relabel or replace; `rules` and
    `common_words` name files of itnet/nlp/resources."""
    return NamesTagger(
        nlp,
        {RULES_FILE: packaged_rule_file(rules), COMMON_WORDS_FILE: packaged_rule_file(common_words)},
        context_country,
        replaceable_labels,
        add_places,
        add_orgs,
    )


def _listed_next(doc: Doc, tokens: TokenTable, previous: Span, ent: Span) -> bool:
    """Whether `ent` follows `previous` in a list: only a separator ("," or "e") stands
    between them, after a bracketed country or province of `previous` if it has one. A
    semicolon ends a list: "comuni di Gorizia, Grado; Commissione Regionale …"."""
    between = list(range(previous.end, ent.start))
    if between and tokens.texts[between[0]] == "(":
        closing = next((k for k, i in enumerate(between) if tokens.texts[i] == ")"), None)
        if closing is None or closing > 3:
            return False
        between = between[closing + 1 :]
    words = [tokens.lowers[i] for i in between if not tokens.is_space[i]]
    return words in (["e"], ["ed"], [","], [",", "e"], [",", "ed"]) or (not words and bool(between))


# Kinds of body whose full name is still their name in lower case ("commissione europea",
# CONVENTIONS §7); a network's designation in lower case is a description ("città del vino").
LOWER_CASE_NAMED_TYPES = frozenset({"eu_institution", "intergovernmental", "agency", "public_body"})


def _is_institution(name: str) -> bool:
    org = lookup_org(name)
    return org is not None and org.org_type in LOWER_CASE_NAMED_TYPES


def _before_a_lower_case_phrase(ent: Span) -> Span:
    """A name ends before an article that opens a run of lower-case words to its end:
    "Sono membri del Comitato Direttivo le città progetto" tags "Comitato Direttivo"."""
    for i in range(ent.start + 1, ent.end - 1):
        token = ent.doc[i]
        if token.pos_ == "DET" and token.is_lower and all(t.is_lower or t.is_punct for t in ent.doc[i:ent.end]):
            return with_facts(Span(ent.doc, ent.start, i, label=ent.label_), facts_of(ent))
    return ent


def _split_at_line_sentences(doc: Doc) -> tuple[Span, ...]:
    """The model's guesses cut where the line splitter starts a sentence: "Università di
    Firenze\nComune di Prato" (two list lines) is two guesses, each revised on its own; a
    word left alone after the cut ("Rete READY\n\nSarà") is no guess."""
    starts = {sentence.start for sentence in line_sentences(doc)}
    return tuple(
        piece for ent in doc.ents for piece in pieces(ent, starts) if piece.start == ent.start or len(piece) > 1
    )
