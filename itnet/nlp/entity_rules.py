"""PROJECT names, and organisations listed after a "networks such as …" cue.

Statistical NER has no PROJECT label and misses the odd, foreign-language names of networks
in lists; both follow regular phrasings in this genre, which the rules in
`resources/entity_rules.yaml` describe.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field
from spacy.attrs import ORTH
from spacy.lang.it.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from itnet.gazetteers.organisations import lookup_org
from itnet.gazetteers.places import lookup_place
from itnet.nlp.extensions import EntityFacts
from itnet.nlp.sentences import line_sentences
from itnet.nlp.serialised_rules import SerialisedRules, packaged_rule_file
from itnet.nlp.spans import country_in_brackets_at, facts_of, merge_entities, sequence_starts, set_entities, with_facts
from itnet.nlp.vocabulary import LIST_CONJUNCTIONS, is_acronym, is_generic_body, is_province_code
from itnet.rule_files import RuleFile

# The rules' file in the component's folder of a saved pipeline.
RULES_FILE = "entity_rules.yaml"
# An organisation read from a list of them (Mention.source; the link stage reads it).
LISTED = EntityFacts(rule="org_list")
PERSON_LABELS = frozenset({"PERSON", "PER"})
GOVERNMENT_WORDS = frozenset({"Comune", "Città", "Municipio"})
DASHES = frozenset({"-", "–", "—"})
# Lower-case words a project's description may hold between "progetto" and a coined name.
DESCRIPTION_WORDS = 4
# Capitalised words a name beside "…, il progetto" may have.
APPOSITIVE_NAME_WORDS = 4
# How many tokens before an ordinal ("Il primo, ALPLINK, …") the plural "progetti" may stand.
PROJECT_ORDINAL_REACH = 40
# Labels of a name the model found after "e" that a rule's name does not run into.
SEPARATE_NAME_LABELS = frozenset({"ORG", "LOC", "GPE"})
GENITIVES = frozenset({"di", "del", "della", "dello", "dei", "degli", "delle", "dell'", "dell’"})
# "X, uno dei progetti …", "X, una delle progettualità …": a name set beside one of many projects.
PARTITIVE_ONE = frozenset({"uno", "una"})
PARTITIVE_OF = frozenset({"dei", "degli", "delle"})
# Parts of speech that may follow a name's closing number ("la ASL Roma 1 e il Comune", "ASL
# Roma 2 ha …"); a noun or a number after it makes it a count ("Roma 2 anni fa").
NUMBERED_NAME_FOLLOWERS = frozenset({"CCONJ", "SCONJ", "ADP", "VERB", "AUX", "PRON"})
# A field label above its value in a scraped table has at most this many words ("Titolo del progetto").
FIELD_LABEL_WORDS = 4
# A name beside a project cue that the model reads as one of these is no project.
NOT_PROJECT_LABELS = frozenset({"CITY", "COUNTRY", "PERSON", "DATE", "MONEY"})
FUNDING_TYPES = frozenset({"funding_programme", "eu_institution"})
# Words before a coined name in capitals that belong to it ("STAGES OF EUROPE").
CAPITALS_NAME_WORDS = 3
# Labels of places, the statistical NER's and the names tagger's.
PLACE_LABELS = frozenset({"LOC", "GPE", "CITY", "COUNTRY"})
# Labels the statistical NER gives an organisation's name that a rule may correct.
LEGAL_NAME_GUESSES = frozenset({"LOC", "PER", "PERSON", "MISC"})
PROGRAMME_EDITIONS = frozenset({"II", "III", "IV", "V"})
# Lower-case words a project's description may run before its quoted name.
QUOTED_NAME_REACH = 6
# "il progetto di cooperazione …", "un progetto che si chiama “Future of Europe”"
DESCRIPTION_OPENERS = frozenset({"di", "per", "sul", "sulla", "sulle", "sui", "sugli", "contro", "che"})
# parts of speech no name holds in lower case: a verb ends it
CLAUSE_POS = frozenset({"VERB", "AUX"})
# labels of what takes part in a project, never its long name
PARTY_LABELS = frozenset({"CITY", "COUNTRY", "GPE"})
# A quoted project's name is at most this many words ("RADICI – Reti per l'autonomia dei lavoratori stagionali").
QUOTED_PROJECT_WORDS = 10
SENTENCE_END = frozenset({".", "!", "?"})
# Articles a title keeps, capitalised, inside a sentence ("riporta La Nuova Sardegna").
TITLE_ARTICLES = frozenset({"La", "Il", "Lo", "L'", "L’", "I", "Gli", "Le"})
# A partner's country in brackets is at most this many tokens ("(Bosnia ed Erzegovina)").
BRACKETED_COUNTRY_TOKENS = 3
# parts of speech of the words of a name a bracketed country follows
NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "X"})
# A town after a number ends a name there; a country may belong to it ("Agenda 2030 Italia").
TOWN_LABELS = frozenset({"CITY", "LOC", "GPE"})
# A project's short name before its English title ("Compete in (Competitive territories …)").
SHORT_NAME_WORDS = 3
TITLE_WORDS = 20
# entities a titled short name may replace: the model's guesses ("Resolve" read as a person)
TITLED_NAME_GUESSES = frozenset({"PERSON", "PER", "MISC", "ORG", "LOC"})
# English words that are Italian stop words too: no sign of an Italian phrase
ENGLISH_ITALIAN_WORDS = frozenset({"in", "a", "come", "no", "se"})
OPENING_QUOTES = {"“": "”", "«": "»", '"': '"', "‘": "’"}


class EntityRuleFile(BaseModel):
    """entity_rules.yaml as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    project_cues: list[str]
    project_cue_modifiers: list[str]
    name_connectors: list[str]
    org_list_topics: list[str]
    org_list_cues: list[str]
    org_list_max_tokens: int = Field(ge=1)
    org_list_replaceable_labels: list[str]
    org_heads: list[str]
    place_heads: list[str]
    project_context_words: list[str]
    listed_field_heads: list[str]
    programme_generic_words: list[str]
    programme_strand_heads: list[str]
    programmes_in_project_names: list[str]
    person_free_org_heads: list[str]
    project_verbs: list[str]
    project_network_kinds: list[str]
    quoted_project_context: list[str]
    non_project_quote_heads: list[str]
    network_kind_fillers: list[str]
    org_head_connectors: list[str]
    org_designating_nouns: list[str]
    english_title_words: list[str]
    english_org_words: list[str]
    org_head_max_lowercase: int = Field(ge=0)
    org_legal_forms: list[str]
    org_legal_form_max_tokens: int = Field(ge=1)
    org_legal_form_connectors: list[str]
    org_name_tails: list[str]
    plural_org_nouns: list[str]
    org_rule_replaceable_labels: list[str]
    list_item_articles: list[str]
    non_entity_heads: list[str]
    project_ordinals: list[str]
    project_role_followers: list[str]
    plural_project_cues: list[str]
    non_entity_names: list[str]


@cache
def parse_rules(rule_file: RuleFile) -> EntityRuleFile:
    return rule_file.validated(EntityRuleFile)


def _closing_number(doc: Doc, i: int) -> bool:
    """"la ASL Roma 1 e …", "l'ASL TO3, …": a one- or two-digit number, or a code with digits,
    right after a name's capitalised last word, with no noun or number after it ("Roma 2 anni
    fa" counts years)."""
    code = doc[i].text if 0 < i < len(doc) else ""
    # a number or a code with one ("ASL TO3", "ATS 11")
    if not (code.isdigit() and len(code) <= 2 or code.isalnum() and code.isupper() and any(c.isdigit() for c in code) and len(code) <= 4):
        return False
    if not doc[i - 1].text[:1].isupper():
        return False
    return i + 1 == len(doc) or doc[i + 1].is_punct or doc[i + 1].pos_ in NUMBERED_NAME_FOLLOWERS


def _initials(span: Span) -> str:
    """The capitals that open the capitalised words of a long form: "Trasformare le Reti
    Abitative in Modelli di Equità" → "TRAME", the short name it spells."""
    return "".join(token.text[0] for token in span if token.text[:1].isupper() and token.is_alpha)


def is_coined_name(token: Token) -> bool:
    """A word no dictionary has, coined as a name: an acronym (MC2CM), or capitals or digits
    inside a word (SmartAgeing, YouthLink, Cities4Europe)."""
    text = token.text
    return is_acronym(token.text) and not token.is_punct or (
        text[:1].isupper() and text.isalnum() and any(c.isupper() or c.isdigit() for c in text[1:]) and any(c.islower() for c in text)
    )


class EntityRules(SerialisedRules):
    def __init__(self, rule_file: RuleFile) -> None:
        self.use_rules({RULES_FILE: rule_file})

    def use_rules(self, rule_files: dict[str, RuleFile]) -> None:
        self.rule_files = rule_files
        rules = parse_rules(rule_files[RULES_FILE])
        self.project_cues = set(rules.project_cues)
        self.modifiers = set(rules.project_cue_modifiers)
        self.connectors = set(rules.name_connectors)
        self.list_topics = set(rules.org_list_topics)
        self.list_cues = [cue.split() for cue in rules.org_list_cues]
        self.list_max_tokens = rules.org_list_max_tokens
        self.replaceable_in_lists = set(rules.org_list_replaceable_labels)
        self.org_heads = set(rules.org_heads)
        self.place_heads = set(rules.place_heads)
        self.project_context_words = frozenset(rules.project_context_words)
        self.listed_field_heads = frozenset(rules.listed_field_heads)
        self.programme_generic_words = set(rules.programme_generic_words)
        self.programme_strand_heads = set(rules.programme_strand_heads)
        self.programmes_in_project_names = frozenset(rules.programmes_in_project_names)
        self.person_free_org_heads = frozenset(rules.person_free_org_heads)
        self.project_verbs = frozenset(rules.project_verbs)
        self.project_network_kinds = [kind.lower().split() for kind in rules.project_network_kinds]
        self.network_kind_fillers = frozenset(rules.network_kind_fillers)
        self.quoted_project_context = frozenset(rules.quoted_project_context)
        self.non_project_quote_heads = frozenset(rules.non_project_quote_heads)
        self.org_connectors = set(rules.org_head_connectors)
        # within a listed field ("… e Politiche del Territorio"): a connector, not the list's conjunction
        self.field_connectors = frozenset(self.org_connectors - LIST_CONJUNCTIONS)
        self.org_designating_nouns = set(rules.org_designating_nouns)
        self.english_title_words = frozenset(rules.english_title_words)
        self.english_org_words = frozenset(rules.english_org_words)
        self.org_max_lowercase = rules.org_head_max_lowercase
        self.legal_forms = set(rules.org_legal_forms)
        self.legal_form_max = rules.org_legal_form_max_tokens
        self.legal_form_connectors = frozenset(rules.org_legal_form_connectors)
        self.name_tails = set(rules.org_name_tails)
        self.plural_org_nouns = set(rules.plural_org_nouns)
        self.rule_replaceable = set(rules.org_rule_replaceable_labels)
        self.list_articles = frozenset(rules.list_item_articles)
        self.list_item_words = self.connectors | self.list_articles
        self.non_entity_heads = frozenset(rules.non_entity_heads)
        self.project_ordinals = frozenset(rules.project_ordinals)
        self.project_role_followers = [phrase.split() for phrase in rules.project_role_followers]
        self.plural_project_cues = frozenset(rules.plural_project_cues)
        self.non_entity_names = frozenset(rules.non_entity_names)

    def __call__(self, doc: Doc) -> Doc:
        # The rules scan every token for a few cue words: plain lists, read once, spare
        # building a Token object per token and scan (this component never retokenizes).
        strings = doc.vocab.strings
        texts = [strings[orth] for orth in doc.to_array(ORTH).tolist()]
        lowers = [text.lower() for text in texts]  # Token.lower_: spaCy's default LOWER getter
        projects = self._cued_projects(doc, lowers) + self._dashed_projects(doc, lowers) + self._appositive_projects(doc, lowers)
        projects += self._titled_projects(doc, lowers) + self._ordinal_projects(doc, lowers) + self._projects_with_roles(doc, lowers)
        projects += self._projects_as_objects(doc, lowers) + self._networks_funded_as_projects(doc, lowers)
        projects += self._quoted_projects(doc, lowers)
        projects += self._long_forms(doc, projects)
        projects += self._repeated(doc, texts, projects)
        merge_entities(doc, projects)
        named = self._headed_orgs(doc, texts) + self._legal_form_orgs(doc, texts) + self._designated_orgs(doc, texts)
        merge_entities(doc, self._replacing(doc, named))
        merge_entities(doc, self._listed_orgs(doc, lowers))
        merge_entities(doc, [span for span in map(self._with_legal_form, doc.ents) if span is not None])
        merge_entities(doc, [span for span in map(self._completed_name, doc.ents) if span is not None])
        merge_entities(doc, [span for span in map(self._with_listed_fields, doc.ents) if span is not None])
        merge_entities(doc, self._names_joined_by_a_genitive(doc))
        merge_entities(doc, [span for span in map(self._with_title_article, doc.ents) if span is not None])
        set_entities(doc, [self._without_leading_article(ent) for ent in doc.ents])
        merge_entities(doc, self._names_before_a_bracketed_country(doc, lowers), overwrite=False)
        merge_entities(doc, self._without_their_legal_form(doc, texts), overwrite=True)
        merge_entities(doc, self._orgs_named_again(doc, texts), overwrite=False)
        set_entities(doc, [self._as_place(ent) for ent in doc.ents])
        merge_entities(doc, [part for ent in doc.ents for part in self._without_subtitle(ent)])
        # a programme's name may grow over the entities of its strand ("– Croazia")
        merge_entities(doc, [span for span in map(self._as_programme, doc.ents) if span is not None])
        set_entities(doc, [ent for ent in doc.ents if not self._names_no_entity(ent)])
        return doc

    def _names_no_entity(self, ent: Span) -> bool:
        """A plan, charter or event written like an organisation's name ("il PAESC", "la
        Carta delle Città Educative"), unless the alias table knows it as a body."""
        if ent.label_ != "ORG" or ent._.org_id:
            return False
        return ent.text in self.non_entity_names or ent[0].lower_ in self.non_entity_heads

    def _without_subtitle(self, ent: Span) -> list[Span]:
        """"UNITING ROUTES: Reti di Città Europee" → "UNITING ROUTES"; "Roma-Net – Integration
        of Roma popolation" → both parts. Nothing for a project with no spaced dash or colon."""
        if ent.label_ != "PROJECT":
            return []
        doc = ent.doc
        for i in range(ent.start + 1, ent.end - 1):
            spaced_dash = doc[i].text in DASHES and doc[i - 1].whitespace_
            colon = doc[i].text == ":" and doc[i].whitespace_
            if spaced_dash or colon:
                parts = [Span(doc, ent.start, i, label="PROJECT")]
                if not self.english_title_words.isdisjoint(t.lower_ for t in doc[i + 1 : ent.end]):
                    parts.append(Span(doc, i + 1, ent.end, label="PROJECT"))
                return parts  # merged over the whole entity, which they replace
        return []

    def _as_programme(self, ent: Span) -> Span | None:
        """"Programma Comunitario Urbact II" → "Urbact II" (gold-real CONVENTIONS: generic words
        in front of a programme's name are left out); "Interreg" runs on over its strand,
        "Interreg Italia – Croazia", "Interreg Central Europe". None where the name stays."""
        if ent.label_ != "ORG":
            return None
        doc, start, end = ent.doc, ent.start, ent.end
        while start < end - 1 and doc[start].lower_ in self.programme_generic_words:
            start += 1
        funding = _is_funding_body(doc[start:end])
        if start > ent.start and not funding:
            start = ent.start  # "Programma ICC", "Programma delle Città Interculturali": the name itself
            funding = _is_funding_body(doc[start:end])
        if funding:
            while end < len(doc) and doc[end].text in PROGRAMME_EDITIONS:
                end += 1  # "Urbact II", "Urbact IV"
        if doc[start].lower_ in self.programme_strand_heads:
            # "Italia-Austria" is one token: a hyphen inside a strand's name is part of it
            # the strand ends at a project named after it: "il progetto Interreg Europe CircularCities"
            while end < len(doc) and doc[end].ent_type_ != "PROJECT" and (doc[end].text[:1].isupper() and doc[end].text.replace("-", "").isalpha()
                                      or doc[end].text in DASHES and end + 1 < len(doc) and doc[end + 1].text[:1].isupper()):
                end += 1
        if (start, end) == (ent.start, ent.end):
            return None
        return with_facts(Span(doc, start, end, label="ORG"), facts_of(ent))

    def _as_place(self, ent: Span) -> Span:
        """"Regione Veneto" from the model or the alias table: a region, LOC like the rule's."""
        if ent.label_ == "ORG" and len(ent) > 1 and ent[0].text in self.place_heads:
            return with_facts(Span(ent.doc, ent.start, ent.end, label="LOC"), facts_of(ent))
        return ent

    def _replacing(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Rule-found names that may stand in for what they overlap: guesses they cover
        whole, or a guess running past a name into the person after it ("Mosaico ETS
        Elena Marchi"), whose rest stays a PERSON."""
        kept = []
        for span in spans:
            inside = [e for e in doc.ents if e.start < span.end and span.start < e.end]
            if any(e.label_ not in self.rule_replaceable or (e.start < span.start and not _ends_in_a_preposition(doc, span.start)) for e in inside):
                continue  # a guess that begins before the name, unless a preposition ends what it adds ("Comune all'")
            if any(e.label_ == "ORG" and e.start >= span.start and (e.start > span.start and e._.org_id or e.end >= span.end)
                   and e.text not in self.legal_forms and not self._head_of(span, e) for e in inside):
                continue  # "Conferenza di EUROCITIES", or a name known longer already; not a guess of the legal form alone
            overrun = [e for e in inside if e.end > span.end]
            if overrun and not all(e.label_ in PERSON_LABELS and self._is_name(doc[span.end : e.end]) for e in overrun):
                continue
            kept.append(span)
            kept += [Span(doc, span.end, e.end, label="PERSON") for e in overrun]
        return kept

    def _head_of(self, span: Span, ent: Span) -> bool:
        """"Universidad" + "de" + "Murcia" (the guess): a head word and its connector before an unknown
        name the statistical model read alone, which the head word's name takes in."""
        return ent.start == span.start + 2 and not ent._.org_id and lookup_org(ent.text) is None and span[1].lower_ in self.org_connectors

    @staticmethod
    def _is_name(span: Span) -> bool:
        return 1 <= len(span) <= 3 and all(t.is_alpha and t.text[:1].isupper() for t in span)

    def _headed_orgs(self, doc: Doc, texts: list[str]) -> list[Span]:
        found = []
        for i, text in enumerate(texts):
            if text not in self.org_heads and text not in self.place_heads:
                continue
            end = self._name_end(doc, i + 1)
            if end > i + 1 and not is_generic_body([t.lower_ for t in doc[i:end] if not t.is_punct]):
                found.append(Span(doc, i, end, label="LOC" if text in self.place_heads else "ORG"))
        return found

    def _designated_orgs(self, doc: Doc, texts: list[str]) -> list[Span]:
        """"l'associazione Arca", "la cooperativa Il Sole", "la cooperativa sociale Prospettiva": the
        capitalised name a lower-case organisation noun (and its adjective) introduces, whatever the
        model took it for (a town, a person)."""
        found = []
        for i, text in enumerate(texts[:-1]):
            if text not in self.org_designating_nouns:
                continue
            if i + 2 < len(doc) and doc[i + 1].is_lower and doc[i + 1].pos_ == "ADJ":
                i += 1  # "la cooperativa sociale Prospettiva", "l'associazione culturale Instabile Cie"
            if not texts[i + 1][:1].isupper():
                continue
            end = self._name_end(doc, i + 1)
            # "l'associazione Porta Aperta di Modena": the seat's town stays a CITY (CONVENTIONS §5)
            seat = next((j for j in range(i + 2, end - 1) if texts[j] == "di" and doc[j + 1].ent_type_ == "CITY"), end)
            if seat > i + 1:
                found.append(Span(doc, i + 1, seat, label="ORG"))
        return found

    def _opens_another_name(self, doc: Doc, i: int) -> bool:
        """Whether token i, past an article, is the head of another body's name, or opens a name
        the statistical model found apart ("… della Valnerina e la Pro Loco di Sellano APS")."""
        if i < len(doc) and doc[i].lower_ in self.list_articles:
            i += 1
        return i < len(doc) and (
            doc[i].text in self.org_heads or doc[i].text in self.place_heads or doc[i].text in GOVERNMENT_WORDS
            or doc[i].ent_iob_ == "B" and doc[i].ent_type_ in SEPARATE_NAME_LABELS
        )

    def _name_end(self, doc: Doc, i: int) -> int:
        """Where a name begun before token i ends: after its last capitalised word."""
        end, lowercase = i, 0
        head = doc[i - 1].text if i > 0 else ""
        while i < len(doc) and not doc[i].is_space:
            token = doc[i]
            if token.text in GOVERNMENT_WORDS and i + 1 < len(doc) and doc[i + 1].lower_ == "di":
                break  # "Ufficio Politiche Europee del Comune di Bergamo": the office ends before
            if token.lower_ in ("e", "ed") and self._opens_another_name(doc, i + 1):
                break  # "la Fondazione Bruno Kessler e l'Agenzia per l'Energia": two bodies
            if token.ent_type_ in PERSON_LABELS and token.ent_iob_ == "B" and self._person_after_a_name(doc, i, head):
                break  # "… Sviluppo Sostenibile e Luciano Morselli", "la Camera Laura Boldrini": a person after it
            if token.text[:1].isupper() and (token.is_alpha or "-" in token.text or "'" in token.text):
                end, lowercase = i + 1, -1
            elif token.lower_ in self.org_connectors or self._number_inside_a_name(doc, i):
                pass
            elif token.is_lower and token.is_alpha and 0 <= lowercase < self.org_max_lowercase and token.pos_ not in CLAUSE_POS:
                lowercase += 1  # "Agenzia per lo sviluppo locale di …"; not a verb: "Caritas e sostenuto dalla …"
            else:
                break
            i += 1
        return end


    def _person_after_a_name(self, doc: Doc, i: int, head: str) -> bool:
        """Whether the person the model found at token i stands beside a name rather than in
        it: after "e" or a comma, or in the name of a body never named after a person
        ("la Camera Laura Boldrini", "il Ministero dell'Interno Matteo Piantedosi"; unlike
        "Fondazione Bruno Kessler")."""
        return i > 0 and (doc[i - 1].lower_ in ("e", "ed", ",") or head in self.person_free_org_heads)

    def _legal_form_orgs(self, doc: Doc, texts: list[str]) -> list[Span]:
        """"Terre Calde Onlus", "Under2 Coalition": capitalised words before a legal form or
        an English word that ends an organisation's name."""
        found = []
        for i, text in enumerate(texts):
            if text not in self.legal_forms and text not in self.name_tails or i == 0:
                continue
            start = i
            while start > 0 and i - start < self.legal_form_max:
                if doc[start - 1].ent_type_ == "COUNTRY":
                    break  # "per l'Estonia CIVITTA Eesti AS": the partner's country, then its name
                # "Il Melograno Soc. Coop. Onlus": legal forms one after the other
                if self._name_word(doc[start - 1]) or texts[start - 1] in self.legal_forms:
                    start -= 1
                elif start > 1 and doc[start - 1].lower_ in self.legal_form_connectors and self._name_word(doc[start - 2]):
                    start -= 2  # "Lahti Science and Business Park ltd"
                else:
                    break
            if doc[start].text in self.plural_org_nouns:
                start += 1  # "le Associazioni Terre Calde Onlus (IT), …": the list's kind, not the name
            while start < i and doc[start].lower_ in STOP_WORDS:
                start += 1  # "La Coalition ha riunito …": a sentence's capitalised article
            if text in self.name_tails and any(ent._.org_id and start <= ent.start < i for ent in doc.ents):
                continue  # "URBACT Action Planning Network": a known body's programme or strand, no new name
            if start < i:
                found.append(Span(doc, start, i + 1, label="ORG"))
        return found

    def _without_their_legal_form(self, doc: Doc, texts: list[str]) -> list[Span]:
        """"Terra Comune APS – Bergamo … Terra Comune è capofila": an organisation named once
        with its legal form is named without it too; each other mention of its name words
        (no entity yet, none of them a sentence's lone capitalised word) is that ORG."""
        names = {
            tuple(texts[ent.start : ent.end - 1]) for ent in doc.ents
            if ent.label_ == "ORG" and len(ent) >= 2 and texts[ent.end - 1] in self.legal_forms
            # one word only where it is coined ("Acea S.p.A."), not a word of the language ("Alchimia Srl")
            and (len(ent) > 2 or is_coined_name(ent[0]))
        }
        # the statistical NER's guesses on the very words give way ("Terra Comune" read as a LOC)
        guesses = {(ent.start, ent.end) for ent in doc.ents if ent.label_ in LEGAL_NAME_GUESSES}
        taken = {i for ent in doc.ents if (ent.start, ent.end) not in guesses for i in range(ent.start, ent.end)}
        return [
            Span(doc, start, start + len(name), label="ORG") for name in names for start in sequence_starts(texts, name)
            if taken.isdisjoint(range(start, start + len(name)))
        ]

    def _orgs_named_again(self, doc: Doc, texts: list[str]) -> list[Span]:
        """"… Fondazione Bruno Kessler (FBK) … spiega la responsabile di FBK", "l'associazione
        Abitare Insieme … presidente di Abitare Insieme": each other mention of an
        organisation's name that no entity holds is that organisation (a one-word name only
        where it is coined, not a word of the language; none opening with an article, "La Rete")."""
        names = {
            tuple(texts[ent.start : ent.end]) for ent in doc.ents
            if ent.label_ == "ORG" and (
                len(ent) > 1 and ent[0].text[:1].isupper() and ent[0].lower_ not in self.list_articles
                or len(ent) == 1 and is_coined_name(ent[0])
            )
        }
        return [Span(doc, start, start + len(name), label="ORG") for name in names for start in sequence_starts(texts, name)]

    def _names_joined_by_a_genitive(self, doc: Doc) -> list[Span]:
        """"Istituto Storico" + "della" + "Resistenza Apuana": a body's name the model read as
        two, the first opening with an organisation's head word, joined by "di"/"della", is one
        name, unless the second is a body of its own the alias table knows ("Coordinamento di
        Avviso Pubblico": an organ of the network, which alone is the ORG)."""
        ents = [ent for ent in doc.ents if ent.label_ == "ORG"]
        return [
            Span(doc, first.start, second.start + len(second), label="ORG")
            for first, second in zip(ents, ents[1:])
            if second.start == first.end + 1 and doc[first.end].lower_ in GENITIVES and first[0].text in self.org_heads
            and not first._.org_id and not second._.org_id and lookup_org(second.text) is None
        ]

    def _with_legal_form(self, ent: Span) -> Span | None:
        """"Agenzia per lo sviluppo locale di San Salvario onlus": a legal form right after an
        unknown organisation's name is part of it. None where no legal form follows, or where
        the alias table knows the body (its canonical name is kept)."""
        doc = ent.doc
        if ent.label_ != "ORG" or ent._.org_id or ent.end >= len(doc) or doc[ent.end].text not in self.legal_forms:
            return None
        return Span(doc, ent.start, ent.end + 1, label="ORG")

    def _with_listed_fields(self, ent: Span) -> Span | None:
        """"Dipartimento di Scienze, Progetto e Politiche del Territorio", "Malta Chamber of Commerce,
        Enterprise and Industry": a body named for several fields lists them after a comma, each a
        capitalised word (an article or preposition may open it), the last after "e"/"and"; the
        name runs to the end of the list. Not where an item is a place ("Università di Pisa,
        Lucca e Siena")."""
        doc = ent.doc
        if ent.label_ != "ORG" or ent[0].text not in self.listed_field_heads or ent.end >= len(doc) or doc[ent.end].text != ",":
            return None
        i, end = ent.end, None
        while i < len(doc) and (doc[i].text == "," or doc[i].lower_ in LIST_CONJUNCTIONS):
            last_item = doc[i].text != ","
            j = i + 1
            while j < len(doc) and doc[j].lower_ in self.org_connectors and doc[j].is_lower:
                j += 1
            k = j
            while k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha and doc[k].ent_type_ not in PLACE_LABELS | {"PERSON"}:
                k += 1
            if k == j:
                break
            i = k
            while i < len(doc) and doc[i].is_lower and doc[i].lower_ in self.field_connectors and i + 1 < len(doc) \
                    and doc[i + 1].text[:1].isupper() and doc[i + 1].is_alpha:
                i += 1  # "… e Politiche del Territorio"
                while i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha:
                    i += 1
            if last_item:
                end = i
                break
        return Span(doc, ent.start, end, label="ORG") if end is not None else None

    def _completed_name(self, ent: Span) -> Span | None:
        """"Nordic Institute for" + "Urban Transitions": an organisation's name the model ended
        on a connector, or before a number inside it, runs on over the capitalised words after
        it; ended on a connector with none after, it ends before the connector. None where the
        name ends on a word of its own."""
        doc = ent.doc
        if ent.label_ != "ORG" or ent._.org_id:
            return None
        if len(ent) == 1:  # "ASL" + "TO3"
            return Span(doc, ent.start, ent.end + 1, label="ORG") if is_acronym(ent.text) and _closing_number(doc, ent.end) else None
        if ent[-1].lower_ not in self.org_connectors:
            # "Coordinamento Agende" + "21 Locali Italiane": a number inside the name
            end = self._name_end(doc, ent.end) if self._number_inside_a_name(doc, ent.end) else ent.end
            if end == ent.end and _closing_number(doc, ent.end):
                end += 1  # "ASL Roma" + "1"
            return Span(doc, ent.start, end, label="ORG") if end > ent.end else None
        end = self._name_end(doc, ent.end)
        if end > ent.end:
            return Span(doc, ent.start, end, label="ORG")
        end = ent.end - 1
        while end > ent.start + 1 and doc[end - 1].lower_ in self.org_connectors:
            end -= 1
        return Span(doc, ent.start, end, label="ORG")

    def _names_before_a_bracketed_country(self, doc: Doc, lowers: list[str]) -> list[Span]:
        """"partner europei: MigrationWork (Regno Unito), New Women Connectors (Paesi Bassi)":
        capitalised words no entity holds, right before their country in brackets, name a
        partner: a town where the gazetteer knows one, else an organisation."""
        found: list[Span] = []
        if "(" not in lowers:
            return found
        for sent in line_sentences(doc):
            for i in (i for i in range(sent.start + 1, sent.end) if lowers[i] == "(" and country_in_brackets_at(doc, i, BRACKETED_COUNTRY_TOKENS)):
                start = i
                while start > sent.start and i - start < self.legal_form_max:
                    if self._partner_name_word(doc[start - 1]):
                        start -= 1
                    elif start - 1 > sent.start and doc[start - 1].lower_ in self.legal_form_connectors and self._partner_name_word(doc[start - 2]):
                        start -= 2  # "Institute of Science and Technology"
                    else:
                        break
                while start < i and (doc[start].lower_ in self.org_designating_nouns or doc[start].lower_ in STOP_WORDS):
                    start += 1  # "la ONG Humanrights360": the kind of body is no part of its name
                if start < i and not any(t.ent_type_ for t in doc[start:i]):
                    place = lookup_place(doc[start:i].text)
                    found.append(Span(doc, start, i, label="CITY" if place is not None and place.kind == "city" else "ORG"))
        return found

    @staticmethod
    def _partner_name_word(token: Token) -> bool:
        """A word of a name, not a capitalised verb or article opening the sentence."""
        return not token.ent_type_ and (is_coined_name(token) or token.text[:1].isupper() and token.is_alpha and token.pos_ in NAME_POS)

    def _without_leading_article(self, ent: Span) -> Span:
        """"L'Unione Montana Alta Valle Susa verserà …", "La Rete dei Comuni Solidali è entrata …":
        an article before a body's head word is the sentence's, not the name's (unlike "Il
        Sentiero", "L'Orsa Maggiore", whose article opens the name)."""
        if ent.label_ == "ORG" and len(ent) > 1 and ent[0].lower_ in self.list_articles and ent[1].text in self.org_heads:
            return with_facts(Span(ent.doc, ent.start + 1, ent.end, label="ORG"), facts_of(ent))
        return ent

    @staticmethod
    def _with_title_article(ent: Span) -> Span | None:
        """"lo riporta La Nuova Sardegna", "su Il Sole 24 Ore": an article capitalised inside a
        sentence after a lower-case word is part of the title it opens (a newspaper's). None
        where no such article stands before an unknown organisation's name."""
        doc, start = ent.doc, ent.start
        if ent.label_ != "ORG" or ent._.org_id or start < 2 or doc[start - 1].text not in TITLE_ARTICLES:
            return None
        before = doc[start - 2]
        if not (before.is_alpha and before.is_lower) or doc[start - 1].is_sent_start:
            return None
        return Span(doc, start - 1, ent.end, label="ORG")

    @staticmethod
    def _number_inside_a_name(doc: Doc, i: int) -> bool:
        """"Agende 21 Locali", "Agenda 2030 Italia": a number token between capitalised words,
        not before a town ("Rete Città Sane 2024 Firenze")."""
        if not 0 < i < len(doc) - 1 or not doc[i].is_digit or not doc[i - 1].text[:1].isupper():
            return False
        after = doc[i + 1]
        return after.text[:1].isupper() and after.is_alpha and after.ent_type_ not in TOWN_LABELS

    @staticmethod
    def _name_word(token: Token) -> bool:
        return token.text[:1].isupper() and (token.is_alpha or is_coined_name(token))

    def _name_after(self, doc: Doc, i: int) -> Span | None:
        """The name starting at token i: a quoted string, an acronym, or capitalised words."""
        if i >= len(doc):
            return None
        token = doc[i]
        if token.text in OPENING_QUOTES:
            # pages close with the opening mark by mistake: "“AssociAzioni “"
            closing = {OPENING_QUOTES[token.text], token.text}
            for j in range(i + 1, min(len(doc), i + 20)):
                if doc[j].text in closing:
                    return doc[i + 1 : j] if j > i + 1 else None
            return None
        if is_acronym(token.text) and not token.is_punct:
            end = i + 1
            while end < len(doc) and doc[end].is_upper and any(c.isalpha() for c in doc[end].text):
                end += 1  # "MADE IN-LAND", "UNITING ROUTES": a name in capitals
            return doc[i:end]
        return self._title_case_run(doc, i)

    def _title_case_run(self, doc: Doc, i: int, connectors: frozenset[str] = frozenset()) -> Span | None:
        """Capitalised words from i on, joined by name connectors or by `connectors`."""
        if i >= len(doc) or not doc[i].text[:1].isupper() or doc[i].is_punct:
            return None
        end = i + 1
        j = i + 1
        while j < len(doc) and not doc[j].is_space:
            if any(c.isupper() for c in doc[j].text) and not doc[j].is_punct:
                end = j + 1
            elif doc[j].lower_ not in self.connectors and doc[j].lower_ not in connectors and not _joins_a_compound(doc, j):
                break
            j += 1
        return doc[i:end]

    def _cued_projects(self, doc: Doc, lowers: list[str]) -> list[Span]:
        found = []
        for cue, lower in enumerate(lowers):
            if lower not in self.project_cues:
                continue
            i = cue + 1
            while i < len(doc) and doc[i].lower_ in self.modifiers:
                i += 1
            if _is_field_label(doc, cue):
                i = _next_cell(doc, cue + 1)
                if i < len(doc) and doc[i].lower_ in self.project_cues:
                    continue  # "Tipologia di progetto | Progetto individuale": a kind, no name
                if _opens_a_labelled_line(doc, i):
                    continue  # "Scheda del progetto" heading "Titolo del progetto: …": the next label, no value
            i = _quoted_after_description(doc, i)
            if _counted_plural(doc, cue) and not (i < len(doc) and doc[i].text in OPENING_QUOTES):
                continue
            programme = next((ent for ent in doc.ents if ent.start == i and ent._.org_id), None)
            if programme is not None:
                # "il progetto Erasmus+ «Scuole Aperte»": after a programme's name only a
                # quoted name or an acronym names the project
                name = self._name_after(doc, programme.end)
                if name is not None and doc[name.start - 1].text not in OPENING_QUOTES and programme.text in self.programmes_in_project_names:
                    # "il progetto LIFE ESINO VIVO": this programme's projects carry its name
                    found.append(Span(doc, programme.start, name.end, label="PROJECT"))
                    continue
                if name is None or not (len(name) == 1 and is_coined_name(name[0]) or doc[name.start - 1].text in OPENING_QUOTES):
                    continue
            else:
                name = _without_leading_programme(self._name_after(doc, self._after_description(doc, i)))
                if name is not None and len(name) == 1 and is_acronym(name.text) and name.end < len(doc) \
                        and doc[name.end].text in OPENING_QUOTES:
                    # "il progetto PRIN “MIGRA-VOICES”": an acronym before a quoted name is its programme's
                    name = self._name_after(doc, name.end)
            if name is None or any(ent.start < name.end and name.start < ent.end for ent in doc.ents if ent._.org_id):
                continue  # a known organisation, not a project
            found.append(Span(doc, name.start, name.end, label="PROJECT"))
            if doc[cue].morph.get("Number", []) == ["Plur"] and name.start > 0 and doc[name.start - 1].text in OPENING_QUOTES:
                found += self._coordinated_quoted_names(doc, name.end + 1)
            if len(name) == 1 and name.end + 1 < len(doc) and doc[name.end].text in {"–", "-", ":"}:
                long_form = self._title_case_run(doc, name.end + 1)
                if long_form is not None and len(long_form) > 1 and not _names_a_party(long_form):
                    found.append(Span(doc, long_form.start, long_form.end, label="PROJECT"))
        return found

    @staticmethod
    def _after_description(doc: Doc, i: int) -> int:
        """"il progetto di cooperazione transfrontaliera ALPSMART": where a coined name follows
        a short lower-case description of the project, the name's index; else i."""
        j = i
        while j < len(doc) and j - i < DESCRIPTION_WORDS and doc[j].is_lower and doc[j].is_alpha and doc[j].pos_ not in CLAUSE_POS:
            j += 1  # not over a verb: "progetto di ricerca guidato dalla TU Delft" names no "TU"
        return j if j > i and j < len(doc) and is_coined_name(doc[j]) else i

    def _appositive_projects(self, doc: Doc, lowers: list[str]) -> list[Span]:
        """"BRIDGES, progetto finanziato dal FAMI", "Al via Families First, il progetto che …",
        "GreenCity è un progetto europeo": the name set beside a project cue by a comma or a
        copula, a coined word or a short run of capitalised words, unless it is a known
        organisation, a place or a person."""
        found = []
        for cue, lower in enumerate(lowers):
            if lower not in self.project_cues:
                continue
            before = cue - 2 if cue > 1 and doc[cue - 1].pos_ == "DET" else cue - 1
            if cue > 2 and lowers[cue - 2] in PARTITIVE_ONE and lowers[cue - 1] in PARTITIVE_OF:
                before = cue - 3  # "RE-POLY, uno dei progetti finanziati …"
            if before < 1 or not (doc[before].text == "," or doc[before].lemma_ == "essere" and doc[cue - 1].pos_ == "DET"):
                continue
            end = start = before
            long_form = None
            if doc[end - 1].text == ")":
                # "BIOMARE (Biodiversità e Monitoraggio delle Aree Rocciose costiere), progetto …"
                opening = next((j for j in range(end - 2, max(0, end - TITLE_WORDS) - 1, -1) if doc[j].text == "("), None)
                if opening is not None and opening + 1 < end - 1 and doc[opening + 1].text[:1].isupper():
                    long_form = Span(doc, opening + 1, end - 1, label="PROJECT")
                    end = start = opening
            quoted = _quoted_before(doc, end)
            if quoted is not None and any(lowers[j] in self.non_project_quote_heads for j in range(max(0, quoted[0] - 3), quoted[0] - 1)):
                continue  # "nell'ambito del bando «Welfare in ageing», il progetto «Rete Argento»": the call, not a project
            if quoted is not None:
                start, end = quoted  # "Prende il via “Città Amiche”, il progetto promosso da …"
            while quoted is None and start > 0 and end - start < APPOSITIVE_NAME_WORDS and doc[start - 1].text[:1].isupper() and (
                doc[start - 1].is_alpha or is_coined_name(doc[start - 1])
            ) and not (doc[end - 1].is_upper and not doc[start - 1].is_upper):
                start -= 1  # a name in capitals ends where they do: "Parte STAGES OF CARE, progetto …"
            # "Parte LIFE RE-FOREST, progetto …": the programme before the name funds it
            programme = [ent for ent in doc.ents if start <= ent.start and ent.end < end and ent._.org_id]
            if quoted is None and programme:
                start = programme[-1].end
            one_coined_word = end - start == 1 and is_coined_name(doc[start])
            if not (quoted or one_coined_word or self._title_case_phrase(doc, start, end)):
                continue
            # a coined word is no person's name ("È stato presentato SECAP-NET, progetto …"), nor a
            # town inside quotes the whole name ("“Ponti di cura”, il progetto …", Ponti a town)
            if any(ent.start < end and start < ent.end and (ent._.org_id or ent.label_ in NOT_PROJECT_LABELS)
                   and not (one_coined_word and ent.label_ in PERSON_LABELS)
                   and not (quoted and not ent._.org_id and (ent.start, ent.end) != (start, end)) for ent in doc.ents):
                continue
            found.append(Span(doc, start, end, label="PROJECT"))
            if long_form is not None and one_coined_word:
                found.append(long_form)
        return found

    def _projects_with_roles(self, doc: Doc, lowers: list[str]) -> list[Span]:
        """"… mentre SMART-FARM ha come capofila l'Università di Bologna", "partecipa a RIVERS,
        coordinato dalla Provincia di Utrecht": in a text about projects, a coined name in
        capitals a project's role phrasing follows is a project, unless it is a known body; a
        programme whose projects carry its name goes with it ("LIFE DELTA-WET, cofinanziato …")."""
        if self.project_cues.isdisjoint(lowers) and self.project_context_words.isdisjoint(lowers):
            return []
        found = []
        for i, token in enumerate(doc[:-2]):
            if not (token.is_upper and len(token.text) >= 4 and is_coined_name(token)) or lookup_org(token.text) is not None:
                continue
            if token.ent_type_ in NOT_PROJECT_LABELS - PERSON_LABELS:
                continue
            if i and lowers[i - 1] in self.programme_generic_words:
                continue  # "finanziato dal programma DEAR, è coordinato da …": the programme, not the project
            j = i + 2 if lowers[i + 1] == "," else i + 1
            if any(lowers[j : j + len(phrase)] == phrase for phrase in self.project_role_followers):
                start = i
                # "STAGES OF EUROPE è cofinanziato …": the name's other words in capitals before it
                while start and i - start < CAPITALS_NAME_WORDS and doc[start - 1].is_upper and doc[start - 1].is_alpha \
                        and lookup_org(doc[start - 1].text) is None:
                    start -= 1
                if start and doc[start - 1].text in self.programmes_in_project_names:
                    start -= 1
                found.append(Span(doc, start, i + 1, label="PROJECT"))
        return found

    def _quoted_projects(self, doc: Doc, lowers: list[str]) -> list[Span]:
        """"è «Voci dal Sud», lo scambio giovanile coordinato da …", "«ALPINE COMMONS» ha
        ottenuto 180 mila euro … Il progetto vede come capofila …": a short capitalised name in
        quotes, in a sentence (or before one) that speaks of a project or of a project's roles, is
        a project; not a call, an event or a work named so ("sul bando «Comunità resilienti»"),
        nor quoted speech, a body or a place."""
        found: list[Span] = []
        if OPENING_QUOTES.keys().isdisjoint(lowers):
            return found
        sentences = list(line_sentences(doc))
        for index, sent in enumerate(sentences):
            if OPENING_QUOTES.keys().isdisjoint(lowers[sent.start : sent.end]):
                continue
            context = {t.lemma_ for t in sent} | set(lowers[sent.start : sent.end])
            if index + 1 < len(sentences):
                context |= set(lowers[sentences[index + 1].start : sentences[index + 1].end])
            if self.quoted_project_context.isdisjoint(context):
                continue
            for i in range(sent.start, sent.end - 2):
                if lowers[i] not in OPENING_QUOTES:
                    continue
                name = self._name_after(doc, i)
                if name is None or len(name) > QUOTED_PROJECT_WORDS or not name[0].text[:1].isupper():
                    continue
                if any(t.pos_ in CLAUSE_POS and "Inf" not in t.morph.get("VerbForm", []) or t.text in SENTENCE_END for t in name):
                    continue  # «La pace si costruisce …»: a quotation; an infinitive names ("Abitare Insieme")
                if any(lowers[j] in self.non_project_quote_heads for j in range(max(sent.start, i - 2), i)):
                    continue
                if i > sent.start and (doc[i - 1].ent_type_ == "ORG" or doc[i - 1].is_alpha and doc[i - 1].text[:1].isupper()
                                       and doc[i - 1].ent_type_ not in PLACE_LABELS):
                    # "Gruppo d'Azione Locale “Varmia Meridionale”": the rest of a body's name; not
                    # after a place ("prende il via a Palermo «Trame di quartiere 2»")
                    continue
                # a guess of the model's inside the quotes yields ("«ALPINE COMMONS»" read as ORG "COMMONS")
                if any(ent.start < name.end and name.start < ent.end and (
                           ent.label_ in NOT_PROJECT_LABELS - PERSON_LABELS
                           or ent.label_ == "ORG" and (ent._.org_id or ent.start < name.start or ent.end > name.end))
                       for ent in doc.ents):
                    continue
                found.append(Span(doc, name.start, name.end, label="PROJECT"))
        return found

    def _networks_funded_as_projects(self, doc: Doc, lowers: list[str]) -> list[Span]:
        """"ReSCHOOL – Reinventing School Streets è una delle Action Planning Networks …",
        "Youth Hubs, una delle reti di pianificazione approvate …": a programme's networks of
        cities are its projects (CONVENTIONS: an URBACT network is a project record); the
        name set before the kind by a copula or a comma, with its short form before a dash."""
        found: list[Span] = []
        first_words = {kind[0] for kind in self.project_network_kinds}
        starts = [p for p, lower in enumerate(lowers) if p and lower in first_words]
        for kind in self.project_network_kinds:
            for p in starts:
                if lowers[p : p + len(kind)] != kind:
                    continue
                j = p - 1
                while j > 0 and (lowers[j] in self.network_kind_fillers or doc[j].like_num):
                    j -= 1
                if lowers[j] not in ("è", ","):
                    continue
                end = start = j
                while start > 0 and end - start < APPOSITIVE_NAME_WORDS and (doc[start - 1].text[:1].isupper() or is_coined_name(doc[start - 1])) \
                        and not doc[start - 1].is_punct:
                    start -= 1
                # a guess the gazetteer does not bear out yields: "FOOD4ALL" read as a town
                if start == end or any(ent.start < end and start < ent.end and (ent._.org_id or ent.label_ in NOT_PROJECT_LABELS - PERSON_LABELS)
                                       and not (ent.label_ == "CITY" and lookup_place(ent.text) is None) for ent in doc.ents):
                    continue
                found.append(Span(doc, start, end, label="PROJECT"))
                if start > 1 and doc[start - 1].text in DASHES and is_coined_name(doc[start - 2]):
                    found.append(Span(doc, start - 2, start - 1, label="PROJECT"))  # "ReSCHOOL – Reinventing School Streets"
        return found

    def _projects_as_objects(self, doc: Doc, lowers: list[str]) -> list[Span]:
        """"… ha avviato RIVERLAB, un laboratorio …", "i Comuni … realizzeranno TUSCIA LENTA":
        in a text about projects, a name in capitals that is the object of a verb projects take
        (read from the parse) is a project, unless it is a known body or a place."""
        if self.project_cues.isdisjoint(lowers):
            return []
        found = []
        for token in doc:
            if token.dep_ != "obj" or token.head.lemma_ not in self.project_verbs or not is_coined_name(token):
                continue
            start, end = token.i, token.i + 1
            while start > 0 and doc[start - 1].is_upper and doc[start - 1].is_alpha:
                start -= 1
            while end < len(doc) and doc[end].is_upper and (doc[end].is_alpha or "-" in doc[end].text):
                end += 1  # "TUSCIA LENTA"
            if any(ent.start < end and start < ent.end and (ent._.org_id or ent.label_ in NOT_PROJECT_LABELS - PERSON_LABELS)
                   for ent in doc.ents):
                continue
            found.append(Span(doc, start, end, label="PROJECT"))
        return found

    def _ordinal_projects(self, doc: Doc, lowers: list[str]) -> list[Span]:
        """"… è partner di due progetti europei. Il primo, ALPLINK, finanziato …", "Il primo è
        Youth Hubs, …": a name set off by commas after an ordinal, or after the ordinal and
        "è", in a text that has just spoken of projects in the plural or whose earlier ordinal
        named one; "Il secondo progetto, Ponti di Comunità, …" anywhere. A dash after the name
        opens its long form ("Il secondo, TRAME – Trasformare le Reti Abitative …, è …")."""
        found = []
        ordinal_named_a_project = False
        for i, lower in enumerate(lowers[:-3]):
            if lower not in self.project_ordinals or i == 0 or doc[i - 1].pos_ != "DET" and lowers[i - 1] not in self.list_articles:
                continue
            j = i + 2 if lowers[i + 1] in self.project_cues else i + 1
            if j >= len(doc) - 1 or lowers[j] not in (",", "è"):
                continue
            name = self._name_after(doc, j + 1)
            if name is None or name.end >= len(doc) or lowers[name.end] not in (",", ".", ";", ":", *DASHES):
                continue
            # the long form of a name it spells may have articles: "… – Trasformare le Reti Abitative …"
            long_form = self._title_case_run(doc, name.end + 1, self.list_articles) if lowers[name.end] in DASHES else None
            spelled = long_form is not None and len(name) == 1 and _initials(long_form) == name.text.upper()
            if len(name) == 1 and not is_coined_name(name[0]) and not spelled or lowers[j] == "," and lowers[name.end] not in (",", *DASHES):
                continue
            # a PERSON guess yields ("Città Aperte" read as a name), as does a place inside a longer
            # name ("Ponti di Comunità", Ponti a town)
            if any(ent.start < name.end and name.start < ent.end and (
                       ent._.org_id or ent.label_ in NOT_PROJECT_LABELS - PERSON_LABELS and (ent.start, ent.end) == (name.start, name.end))
                   for ent in doc.ents):
                continue
            if any(ent.label_ == "PROJECT" and (ent.start, ent.end) == (name.start, name.end) for ent in doc.ents):
                ordinal_named_a_project = True
                continue
            sentence_start = doc[i].sent.start
            earlier = lowers[max(0, sentence_start - PROJECT_ORDINAL_REACH) : i]
            if j == i + 1 and self.plural_project_cues.isdisjoint(earlier) and not ordinal_named_a_project:
                continue  # "il secondo progetto, …" says itself what it names
            found.append(Span(doc, name.start, name.end, label="PROJECT"))
            ordinal_named_a_project = True
            if long_form is not None and len(long_form) > 1:
                found.append(Span(doc, long_form.start, long_form.end, label="PROJECT"))
        return found

    @staticmethod
    def _title_case_phrase(doc: Doc, start: int, end: int) -> bool:
        """Two or more capitalised words that do not open the sentence by chance: "Families First"."""
        return end - start > 1 and not doc[start].is_sent_start

    def _coordinated_quoted_names(self, doc: Doc, i: int) -> list[Span]:
        """"due progetti: “Strade per mediatore 2” (capofila …) e “AssociAzioni”": the other
        quoted names coordinated with the first one after a plural cue."""
        found = []
        depth = 0
        while i < len(doc) and not (depth == 0 and doc[i].is_sent_start):
            text = doc[i].text
            if text == "(":
                depth += 1
            elif text == ")":
                depth -= 1
            elif depth == 0 and text in OPENING_QUOTES:
                name = self._name_after(doc, i)
                if name is None:
                    break
                found.append(Span(doc, name.start, name.end, label="PROJECT"))
                i = name.end
            elif depth == 0 and text not in {",", "e", "ed"}:
                break
            i += 1
        return found

    def _dashed_projects(self, doc: Doc, lowers: list[str]) -> list[Span]:
        """"SOLID – Solidarity and Openness in Local Inclusive Democracies, il progetto …":
        an acronym, a dash and its long form, in a sentence that speaks of a project."""
        found = []
        for sent in line_sentences(doc):
            if self.project_cues.isdisjoint(lowers[sent.start : sent.end]):
                continue
            for token in sent[:-2]:
                if not is_acronym(token.text) or doc[token.i + 1].text not in DASHES:
                    continue
                if token.ent_type_ in TOWN_LABELS or lookup_place(token.text) is not None:
                    continue  # "RIMINI – Anche Rimini tra le città …": a dateline's town
                if any(ent._.org_id and ent.start <= token.i < ent.end for ent in doc.ents):
                    continue  # "ICLEI – Local Governments for Sustainability" is a known body
                long_form = self._title_case_run(doc, token.i + 2)
                if long_form is not None and len(long_form) > 1:
                    found += [Span(doc, token.i, token.i + 1, label="PROJECT"), Span(doc, long_form.start, long_form.end, label="PROJECT")]
        return found

    def _titled_projects(self, doc: Doc, lowers: list[str]) -> list[Span]:
        """"Resolve (Sustainable mobility and the transition to a low-carbon retailing
        economy)", "Horizon 2020 Ruritage – Rural regeneration through systemic heritage-led
        strategies": a short name and its English title, in brackets or after a spaced dash,
        in a sentence that speaks of a project or right after a funding programme."""
        found = []
        for sent in line_sentences(doc):
            cued = not self.project_cues.isdisjoint(lowers[sent.start : sent.end])
            for i in range(sent.start + 1, sent.end - 3):
                bracket = doc[i].text == "("
                if not (bracket or doc[i].text in DASHES and doc[i].whitespace_ and doc[i - 1].whitespace_):
                    continue
                name = self._short_name_before(doc, i, sent.start)
                if name is None:
                    continue
                after_programme = any(ent.end == name.start and _is_funding_body(ent) for ent in doc.ents if ent.label_ == "ORG")
                # a coined name may have its title in sentence case after the dash:
                # "RuralGrowth - increasing competitiveness of Smes in the rural …"
                coined = len(name) == 1 and is_coined_name(name[0])
                title = self._english_title(doc, i + 1, sent.end, bracket, lower_case_start=coined)
                if title is not None and (cued or after_programme):
                    found += [Span(doc, name.start, name.end, label="PROJECT"), Span(doc, title.start, title.end, label="PROJECT")]
        return found

    def _short_name_before(self, doc: Doc, end: int, floor: int) -> Span | None:
        """"Compete in", "Tris", "Ruritage": at most three words before `end`, the first
        capitalised, none a place, a date, a person or a known organisation."""
        start = end
        while start > floor and end - start < SHORT_NAME_WORDS and (doc[start - 1].is_alpha or is_coined_name(doc[start - 1])) and (
            doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in self.connectors
        ):
            start -= 1
        while start < end and not doc[start].text[:1].isupper():
            start += 1
        if start == end:
            return None
        if any(ent.start < end and start < ent.end and (ent.label_ not in TITLED_NAME_GUESSES or ent._.org_id) for ent in doc.ents):
            return None
        return doc[start:end]

    def _english_title(self, doc: Doc, start: int, floor: int, bracketed: bool, lower_case_start: bool = False) -> Span | None:
        """The English title from `start`: to the closing bracket, or after a dash while its
        words run (a sentence-case title ends at the next capitalised word: "… strategies
        Topic: SC5"). None unless it is one: at least three words, an English function word,
        no Italian one, no word naming a body."""
        end = start
        while end < floor and end - start < TITLE_WORDS:
            token = doc[end]
            if bracketed and token.text == ")":
                break
            if not bracketed and not (token.is_alpha or _joins_a_compound(doc, end) or token.text in {"-", "‐"} and not token.whitespace_):
                break
            if not bracketed and not lower_case_start and end > start + 1 and token.text[:1].isupper() and doc[start + 1].is_lower:
                break  # a title in sentence case opened by a capital ends at the next capitalised word
            end += 1
        if bracketed and (end >= floor or doc[end].text != ")"):
            return None
        words = [t.lower_ for t in doc[start:end] if t.is_alpha]
        if len(words) < 3 or not (doc[start].text[:1].isupper() or lower_case_start) or self.english_title_words.isdisjoint(words):
            return None
        if any(w in STOP_WORDS and w not in self.english_title_words and w not in ENGLISH_ITALIAN_WORDS for w in words):
            return None
        if not self.english_org_words.isdisjoint(words):
            return None
        return doc[start:end]

    def _long_forms(self, doc: Doc, projects: list[Span]) -> list[Span]:
        """"Mediterranean City to City Migration (MC2CM)" when MC2CM is a project, and
        "MICADO (Migrant Integration Cockpits and Dashboards)", whose first letters agree;
        and the other way, "Cultural Routes of the Alps (CRA)": the acronym of a project."""
        acronyms = {span.text for span in projects if len(span) == 1}
        found: list[Span] = [
            Span(doc, span.end + 1, span.end + 2, label="PROJECT")
            for span in projects
            if len(span) > 1 and span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")"
            and is_acronym(doc[span.end + 1].text) and doc[span.end + 1].text[:1] == span.text[:1].upper()
        ]
        if not acronyms:
            return found
        for token in doc[:-3]:
            if token.text in acronyms and doc[token.i + 1].text == "(":
                start = end = token.i + 2
                while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].lower_ in self.connectors):
                    end += 1
                if end < len(doc) and doc[end].text == ")" and end - start > 1 and doc[start].text[:1].upper() == token.text[:1].upper():
                    found.append(Span(doc, start, end, label="PROJECT"))
        for token in doc[:-2]:
            # "GREENSCHOOLS – Green Schools for Climate Action", a page's title line
            if token.text in acronyms and (doc[token.i + 1].text in DASHES or doc[token.i + 1].text == ":"):
                title = self._title_case_run(doc, token.i + 2)
                if title is not None and len(title) > 1 and title.text[:1] == token.text[:1].upper() and not _names_a_party(title):
                    found.append(Span(doc, title.start, title.end, label="PROJECT"))
        for token in doc[2:-1]:
            if token.text in acronyms and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")":
                end = token.i - 1
                start = end
                while start > 0 and (doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in self.connectors):
                    start -= 1
                while start < end and doc[start].lower_ in self.connectors:
                    start += 1
                if end - start > 1:
                    found.append(Span(doc, start, end, label="PROJECT"))
        return found

    def _repeated(self, doc: Doc, texts: list[str], projects: list[Span]) -> list[Span]:
        """Every other mention of a project's name; an all-capitals name also in title case."""
        names = {tuple(t.text for t in span) for span in projects}
        names |= {tuple(t.text.title() for t in span) for span in projects if all(is_acronym(t.text) for t in span)}
        return [Span(doc, start, start + len(name), label="PROJECT") for name in names for start in sequence_starts(texts, name)]

    def _listed_orgs(self, doc: Doc, doc_lowers: list[str]) -> list[Span]:
        found = []
        for sent in line_sentences(doc):
            lowers = doc_lowers[sent.start : sent.end]
            if not self.list_topics.intersection(lowers):
                continue
            cue_end = self._list_start(lowers)
            if cue_end is None:
                continue
            found += self._list_items(doc, sent.start + cue_end, sent.end)
        return found

    def _list_start(self, lowers: list[str]) -> int | None:
        """Where the list begins: after the last cue before the first item separator
        ("alle quali la Città partecipa ricordiamo A; B" starts after "ricordiamo")."""
        first_separator = lowers.index(";") if ";" in lowers else len(lowers)
        starts = [
            i + len(cue)
            for i in range(first_separator)
            for cue in self.list_cues
            if lowers[i : i + len(cue)] == cue
        ]
        return max(starts) if starts else None

    def _list_items(self, doc: Doc, start: int, end: int) -> list[Span]:
        separators = {";"} if any(doc[i].text == ";" for i in range(start, end)) else {","}
        items, item_start = [], start
        for i in range(start, end + 1):
            if i == end or doc[i].text in separators or (i + 1 == end and doc[i].is_punct):
                if i > item_start:
                    items.append((item_start, i))
                item_start = i + 1
        if items:
            last_start, last_end = items.pop()
            items += self._split_last_item(doc, last_start, last_end)
        spans = []
        for first, stop in items:
            while first < stop and (doc[first].is_space or doc[first].is_punct):
                first += 1
            while stop > first and (doc[stop - 1].is_space or doc[stop - 1].is_punct and doc[stop - 1].text != "."):
                stop -= 1
            if first < stop <= first + self.list_max_tokens and self._looks_like_a_name(doc[first:stop]):
                spans += self._list_item_orgs(doc[first:stop])
        return spans

    def _looks_like_a_name(self, item: Span) -> bool:
        """"Associazione Europea dei Festival" is; "Prato è stata eletta alla …" is not, and
        neither is a town with its province, "Chiusi (Si)", in a list of member towns."""
        if any(t.text == "(" and is_province_code(item.doc[t.i + 1].text) for t in item[1:-1]):
            return False
        if len(item.text) < 2:  # "S": a page cut off mid-word
            return False
        return item[0].text[:1].isupper() and all(
            t.text[:1].isupper() or t.is_punct or t.like_num or t.lower_ in self.list_item_words for t in item
        )

    def _list_item_orgs(self, item: Span) -> list[Span]:
        """The organisations one list item names, marked as listed ("org_list").

        Organisations the earlier components found there stay as they are when they cover
        the item; fragments and other guesses (a PERSON "Platform") give way to the item."""
        doc = item.doc
        inside = [ent for ent in doc.ents if ent.start < item.end and item.start < ent.end]
        if any(ent.label_ not in self.replaceable_in_lists for ent in inside):
            return []
        covered = {i for ent in inside if ent.label_ == "ORG" for i in range(ent.start, ent.end)}
        words = {t.i for t in item if not (t.is_punct or t.is_space)}
        if inside and words <= covered and all(item.start <= ent.start and ent.end <= item.end for ent in inside):
            return [with_facts(Span(doc, ent.start, ent.end, label="ORG"), LISTED) for ent in inside]
        return [with_facts(Span(doc, item.start, item.end, label="ORG"), LISTED)]

    def _split_last_item(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        """"UNESCO Creative Cities Network e Cities For Sports": two items joined by "e"; not
        one known name holding an "e" ("Coordinamento … per la Pace e i Diritti Umani")."""
        if any(ent._.org_id and ent.start <= start and end <= ent.end for ent in doc.ents) or lookup_org(doc[start:end].text):
            return [(start, end)]
        for i in range(start + 1, end - 1):
            if doc[i].lower_ in {"e", "ed", "and"} and doc[i + 1].text[:1].isupper():
                return [(start, i), (i + 1, end)]
            # "Energy Cities e la Rete delle Città Sane dell'OMS"
            if doc[i].lower_ in {"e", "ed"} and i + 2 < end and doc[i + 1].lower_ in self.list_articles and doc[i + 2].text[:1].isupper():
                return [(start, i), (i + 2, end)]
        return [(start, end)]


def _without_leading_programme(name: Span | None) -> Span | None:
    """"il progetto Horizon Europe URBAN-GREEN" read as one run of capitalised words: the
    name after the programme's, where a coined name follows it."""
    if name is None:
        return None
    for end in range(name.end - 1, name.start, -1):
        if _is_funding_body(name.doc[name.start : end]) and lookup_org(name.doc[name.start : end].text) is not None:
            rest = name.doc[end : name.end]
            return rest if is_coined_name(rest[0]) else name
    return name


def _is_funding_body(name: Span) -> bool:
    """"AMIF", "Urbact II", "Interreg Italia", "UE": a listed funding programme or EU body."""
    org = lookup_org(name.text) or lookup_org(name[0].text)
    return name[0].text[:1].isupper() and org is not None and org.org_type in FUNDING_TYPES


def _quoted_before(doc: Doc, end: int) -> tuple[int, int] | None:
    """(start, end) of a capitalised name quoted right before token `end`: “Città Amiche”."""
    if end < 2 or doc[end - 1].text not in OPENING_QUOTES.values():
        return None
    for j in range(end - 2, max(-1, end - 2 - QUOTED_NAME_REACH), -1):
        if OPENING_QUOTES.get(doc[j].text) == doc[end - 1].text:
            return (j + 1, end - 1) if j + 1 < end - 1 and doc[j + 1].text[:1].isupper() else None
    return None


def _names_a_party(span: Span) -> bool:
    """"progetto WeCare: Comune di Verona (capofila), …": a colon opening a list of partners,
    no long form of the name: a place or a known organisation lies in what follows."""
    return any(ent.start < span.end and span.start < ent.end and (ent.label_ in PARTY_LABELS or ent._.org_id) for ent in span.doc.ents)


def _quoted_after_description(doc: Doc, i: int) -> int:
    """"il progetto di cooperazione transfrontaliera “More than a Village”": the quoted
    name after a lower-case description of the project; else where the name would begin."""
    if i >= len(doc) or doc[i].lower_ not in DESCRIPTION_OPENERS:
        return i
    for j in range(i, min(len(doc), i + QUOTED_NAME_REACH + 1)):
        if doc[j].text in OPENING_QUOTES:
            return j if j + 1 < len(doc) and doc[j + 1].text[:1].isupper() else i
        if not (doc[j].is_lower and doc[j].is_alpha or doc[j].text in {"'", "’"} or doc[j].text.endswith(("'", "’"))):
            break
    return i


def _ends_in_a_preposition(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].pos_ == "ADP"


def _is_field_label(doc: Doc, cue: int) -> bool:
    """"Progetto" or "Titolo del progetto" alone on its line, as scraped tables write a field's
    label above its value: "Progetto\n|\nIntegrated Urban Waste-Management Model |"."""
    ends_line = cue + 1 < len(doc) and doc[cue + 1].is_space and "\n" in doc[cue + 1].text
    start = cue
    while start > 0 and not (doc[start - 1].is_space and "\n" in doc[start - 1].text):
        start -= 1
    return ends_line and cue - start < FIELD_LABEL_WORDS and doc[start].text[:1].isupper()


def _opens_a_labelled_line(doc: Doc, i: int) -> bool:
    """Whether the line from token i is a "Label: value" line ("Titolo del progetto: …")."""
    j = i
    while j < len(doc) and j - i <= FIELD_LABEL_WORDS and not (doc[j].is_space and "\n" in doc[j].text):
        if doc[j].text == ":":
            return True
        j += 1
    return False


def _next_cell(doc: Doc, i: int) -> int:
    """The first token of the next table cell's text: past line breaks and "|" borders."""
    while i < len(doc) and (doc[i].is_space or doc[i].text == "|"):
        i += 1
    return i


def _joins_a_compound(doc: Doc, i: int) -> bool:
    """"MADE IN-LAND", "Waste-Management": a hyphen with no space on either side."""
    return doc[i].text in {"-", "‐"} and not doc[i - 1].whitespace_ and not doc[i].whitespace_ and i + 1 < len(doc)


def _counted_plural(doc: Doc, cue: int) -> bool:
    """"due progetti Iuav": a name after counted projects is their owner, not a project
    (unless quoted: "due progetti: “Strade per mediatore 2” e …")."""
    token = doc[cue]
    return cue > 0 and token.morph.get("Number", []) == ["Plur"] and (doc[cue - 1].like_num or doc[cue - 1].pos_ == "NUM")


@Language.factory("it_entity_rules", default_config={"patterns": "entity_rules.yaml"})
def make_entity_rules(nlp: Language, name: str, patterns: str) -> EntityRules:
    """`patterns` names a file of itnet/nlp/resources."""
    return EntityRules(packaged_rule_file(patterns))
