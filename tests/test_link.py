"""The link stage on its own: records from hand-labelled Italian sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from itnet.errors import PipelineError
from itnet.gazetteers.keys import name_key
from itnet.link import link
from itnet.link.context import RULES_FILE, load_rules, prefilter_regex
from itnet.link.memberships import _patterns_in
from itnet.mentions import AnnotatedDocument, Mention, Sentence

NETWORK = "network"


def make_doc(text: str, labelled: list[tuple[str, str] | tuple[str, str, str | None]]) -> AnnotatedDocument:
    """A document whose mentions are the given (substring, label[, org_type|norm]) in order;
    a substring that occurs several times is labelled at each occurrence."""
    mentions = []
    for item in labelled:
        surface, label = item[0], item[1]
        extra = item[2] if len(item) > 2 else None
        for match in re.finditer(re.escape(surface), text):
            if any(m.clean_start < match.end() and match.start() < m.clean_end for m in mentions):
                continue
            mentions.append(
                Mention(
                    label=label, start=match.start(), end=match.end(), text=surface,
                    clean_start=match.start(), clean_end=match.end(), clean_text=surface, source="test",
                    norm=extra if label in ("DATE", "MONEY") else None,
                    org_type=extra if label == "ORG" else None,
                )
            )
    sentences = [
        Sentence(m.start(), m.end(), m.start(), m.end()) for m in re.finditer(r"[^.\n]+(?:\.|$)", text, re.M)
    ]
    return AnnotatedDocument(
        doc_id="t", source="t.txt", original=text, text=text, text_sha256="", encoding="utf-8",
        sentences=sentences, mentions=sorted(mentions, key=lambda m: m.clean_start),
    )


def memberships(text, labelled):
    """Records keyed by (member, network as the text names it); canonical network names
    are the alias table's concern (tests/test_organisations.py)."""
    records, _ = link(make_doc(text, labelled))
    return {(m.member, m.network_mention): (m.role, m.status, m.date) for m in records}


@pytest.mark.parametrize(
    ("text", "labelled", "expected"),
    [
        (
            "Il Comune di Bologna ha aderito alla rete Eurocities nel 2019.",
            [("Bologna", "CITY"), ("Eurocities", "ORG", NETWORK), ("2019", "DATE", "2019")],
            {("Bologna", "Eurocities"): ("member", "member", "2019")},
        ),
        (
            "La città di Bari intende aderire alla Coalizione Europea delle Città contro il Razzismo.",
            [("Bari", "CITY"), ("Coalizione Europea delle Città contro il Razzismo", "ORG", NETWORK)],
            {("Bari", "Coalizione Europea delle Città contro il Razzismo"): ("member", "candidate", None)},
        ),
        (
            "La candidatura di Lecce è stata ufficialmente accettata dal comitato direttivo di ICLEI il 3 maggio 2021.",
            [("Lecce", "CITY"), ("ICLEI", "ORG", NETWORK), ("3 maggio 2021", "DATE", "2021-05-03")],
            {("Lecce", "ICLEI"): ("member", "member", "2021-05-03")},
        ),
        (
            "ANCI Toscana è il nuovo coordinatore della Rete Città Sane.",
            [("ANCI Toscana", "ORG", "municipal_association"), ("Rete Città Sane", "ORG", NETWORK)],
            {("ANCI Toscana", "Rete Città Sane"): ("coordinator", "member", None)},
        ),
        (
            "Genova è stata eletta nel comitato esecutivo di Eurocities.",
            [("Genova", "CITY"), ("Eurocities", "ORG", NETWORK)],
            {("Genova", "Eurocities"): ("board", "member", None)},
        ),
        (
            "Padova e Vicenza fanno parte della rete Cities for Sports.",
            [("Padova", "CITY"), ("Vicenza", "CITY"), ("Cities for Sports", "ORG", NETWORK)],
            {
                ("Padova", "Cities for Sports"): ("member", "member", None),
                ("Vicenza", "Cities for Sports"): ("member", "member", None),
            },
        ),
    ],
)
def test_membership_phrasings(text, labelled, expected):
    assert memberships(text, labelled) == expected


@pytest.mark.parametrize(
    "network",
    ["Coordinamento Nazionale degli Enti Locali per la Pace", "Club dei Comuni Ciclabili", "Comuni Fioriti",
     "Circuito dei Teatri Storici"],
)
def test_an_unlisted_body_named_as_others_join_it_is_a_network(network):
    text = f"Lodi aderisce al {network}."
    labelled = [("Lodi", "CITY"), (network, "ORG")]
    assert memberships(text, labelled) == {("Lodi", network): ("member", "member", None)}


def test_collaboration_is_not_membership():
    text = "L'ECCAR collabora con l'Unione Europea e il Consiglio d'Europa."
    labelled = [("ECCAR", "ORG", NETWORK), ("Unione Europea", "ORG", "eu_institution"),
                ("Consiglio d'Europa", "ORG", "intergovernmental")]
    assert memberships(text, labelled) == {}


def test_city_anaphora_resolves_to_the_documents_city():
    text = (
        "La Città di Torino promuove la cooperazione.\n"
        "Tra le reti alle quali la Città partecipa ricordiamo Eurocities; Energy Cities e ICLEI."
    )
    labelled = [("Torino", "CITY"), ("Eurocities", "ORG", NETWORK), ("Energy Cities", "ORG", NETWORK),
                ("ICLEI", "ORG", NETWORK)]
    assert set(memberships(text, labelled)) == {("Torino", "Eurocities"), ("Torino", "Energy Cities"), ("Torino", "ICLEI")}


def test_acceptance_date_wins_over_decision_date():
    text = (
        "Cracovia è entrata a far parte della rete ECCAR con la delibera del 6 marzo 2024.\n"
        "La candidatura di Cracovia è stata accettata da ECCAR il 25 settembre 2024."
    )
    labelled = [("Cracovia", "CITY"), ("ECCAR", "ORG", NETWORK), ("6 marzo 2024", "DATE", "2024-03-06"),
                ("25 settembre 2024", "DATE", "2024-09-25")]
    assert memberships(text, labelled) == {("Cracovia", "ECCAR"): ("member", "member", "2024-09-25")}


def test_project_roles_from_triggers_and_postposed_roles():
    text = (
        "Il progetto WELCOME, finanziato dal programma AMIF e coordinato da Eurocities in qualità di capofila, "
        "coinvolge le città di Lione e Utrecht, con ICMPD e UN-Habitat (che ne sono partner)."
    )
    labelled = [("WELCOME", "PROJECT"), ("AMIF", "ORG", "funding_programme"), ("Eurocities", "ORG", NETWORK),
                ("Lione", "CITY"), ("Utrecht", "CITY"), ("ICMPD", "ORG", "intergovernmental"),
                ("UN-Habitat", "ORG", "intergovernmental")]
    _, projects = link(make_doc(text, labelled))
    assert [p.name for p in projects] == ["WELCOME"]
    roles = {(p.name, p.role, p.kind) for p in projects[0].participants}
    assert roles == {
        ("AMIF", "funder", "org"), ("Eurocities", "lead", "org"), ("Lione", "participant", "city"),
        ("Utrecht", "participant", "city"), ("ICMPD", "participant", "org"), ("UN-Habitat", "participant", "org"),
    }


def test_project_start_and_budget():
    text = "Il progetto URBINCLUSION ha preso il via nel 2016 con un budget di 2,5 milioni di euro."
    labelled = [("URBINCLUSION", "PROJECT"), ("2016", "DATE", "2016"), ("2,5 milioni di euro", "MONEY", "2500000 EUR")]
    _, projects = link(make_doc(text, labelled))
    assert (projects[0].start, projects[0].end, projects[0].budget) == ("2016", None, "2500000 EUR")


def test_venue_is_not_a_participant():
    text = "L'incontro finale del progetto SIforREF si è svolto a Utrecht."
    _, projects = link(make_doc(text, [("SIforREF", "PROJECT"), ("Utrecht", "CITY")]))
    assert projects[0].participants == []


def test_no_project_mention_means_no_project_record():
    text = "Il Comune di Bari partecipa con i partner locali."
    _, projects = link(make_doc(text, [("Bari", "CITY")]))
    assert projects == []


def test_relative_clause_names_the_network_before_its_members():
    text = "Brescia vuole entrare in ICLEI, la rete mondiale di cui fanno già parte Bologna e Ferrara."
    labelled = [("Brescia", "CITY"), ("ICLEI", "ORG", NETWORK), ("Bologna", "CITY"), ("Ferrara", "CITY")]
    found = memberships(text, labelled)
    assert found[("Bologna", "ICLEI")][:2] == ("member", "member")
    assert ("Ferrara", "ICLEI") in found


def test_network_anaphora_stands_for_the_documents_network():
    text = (
        "ANCI Toscana è la segreteria tecnica della Rete Città Sane.\n"
        "Prato è stata eletta alla vicepresidenza della Rete."
    )
    labelled = [("ANCI Toscana", "ORG", "municipal_association"), ("Rete Città Sane", "ORG", NETWORK), ("Prato", "CITY")]
    found = memberships(text, labelled)
    assert found[("Prato", "Rete Città Sane")][0] == "board"
    assert found[("ANCI Toscana", "Rete Città Sane")][0] == "coordinator"


def test_event_sentence_dates_the_records_before_it():
    text = (
        "Cagliari e Lecce sono entrate a far parte dell'AICE.\n"
        "L'ingresso delle due città è stato ratificato dal Comitato esecutivo il 18 febbraio 2025."
    )
    labelled = [("Cagliari", "CITY"), ("Lecce", "CITY"), ("AICE", "ORG", NETWORK),
                ("18 febbraio 2025", "DATE", "2025-02-18")]
    found = memberships(text, labelled)
    assert found[("Cagliari", "AICE")][2] == found[("Lecce", "AICE")][2] == "2025-02-18"


def test_date_inside_a_list_of_networks_belongs_to_the_next_one():
    text = "Bari fa parte di ECCAR e, dal 2023, della rete Intercultural Cities."
    labelled = [("Bari", "CITY"), ("ECCAR", "ORG", NETWORK), ("2023", "DATE", "2023"),
                ("Intercultural Cities", "ORG", NETWORK)]
    found = memberships(text, labelled)
    assert (found[("Bari", "ECCAR")][2], found[("Bari", "Intercultural Cities")][2]) == (None, "2023")


def test_venue_city_is_not_a_member():
    text = "Padova diventa membro di Energy Cities, che ha la sede principale a Besançon."
    labelled = [("Padova", "CITY"), ("Energy Cities", "ORG", NETWORK), ("Besançon", "CITY")]
    assert set(memberships(text, labelled)) == {("Padova", "Energy Cities")}


def test_partners_listed_one_a_line_after_a_colon():
    text = (
        "Il progetto MEDPORT coinvolge un ampio partenariato, che comprende:\n"
        "il Comune di Livorno;\n"
        "l'Università di Malta;\n"
        "la rete MedCities, con sede a Barcellona.\n"
        "Le attività sono realizzate in collaborazione con la Caritas."
    )
    labelled = [("MEDPORT", "PROJECT"), ("Livorno", "CITY"), ("Università di Malta", "ORG"),
                ("MedCities", "ORG", NETWORK), ("Barcellona", "CITY"), ("Caritas", "ORG")]
    _, projects = link(make_doc(text, labelled))
    assert {(p.name, p.role) for p in projects[0].participants} == {
        ("Livorno", "participant"), ("Università di Malta", "participant"), ("MedCities", "participant"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il progetto SOLE è coordinato da Eurocities e finanziato dal programma AMIF.",
         {"Eurocities": "phrasing:lead.1", "AMIF": "phrasing:funder.1"}),
        ("Il progetto SOLE coinvolge Eurocities, che ne è capofila, e il programma AMIF.",
         {"Eurocities": "postposed:lead", "AMIF": "funding_programme"}),
        ("Il progetto AMIF SOLE, con Eurocities come partner.", {"AMIF": "programme_beside_project", "Eurocities": "postposed:participant"}),
        ("Il progetto SOLE ha come partner:\nEurocities;\nil programma AMIF.",
         {"Eurocities": "listed:phrasing:participant.2", "AMIF": "funding_programme"}),
    ],
)
def test_each_participant_says_which_rule_gave_its_role(text, expected):
    labelled = [("SOLE", "PROJECT"), ("Eurocities", "ORG", NETWORK), ("AMIF", "ORG", "funding_programme")]
    _, projects = link(make_doc(text, labelled))
    assert {p.name: p.rule for p in projects[0].participants} == expected


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("La Regione Puglia ha finanziato il progetto SOLE.", "subject:finanziare"),
        ("Da marzo la Fondazione Cariplo sostiene il progetto SOLE.", "subject:sostenere"),
    ],
)
def test_a_participant_read_from_the_parse_names_the_verb(extract, text, rule):
    _, projects = extract(text)
    assert [p.rule for p in projects[0].participants] == [rule]


def test_funding_programme_named_with_the_project_is_its_funder():
    text = "Il progetto Erasmus+ «Scuole Aperte», coordinato dall'Università di Cagliari, è attivo."
    labelled = [("Erasmus+", "ORG", "funding_programme"), ("Scuole Aperte", "PROJECT"),
                ("Università di Cagliari", "ORG")]
    _, projects = link(make_doc(text, labelled))
    assert {(p.name, p.role) for p in projects[0].participants} == {
        ("Erasmus+", "funder"), ("Università di Cagliari", "lead"),
    }


@pytest.mark.parametrize(
    ("text", "programme"),
    [
        ("Il Comune ha ottenuto 168mila euro per il progetto BRIDGES relativo al programma CERV.", "CERV"),
        ("Il progetto BRIDGES ha vinto il bando del programma europeo Europa per i cittadini.", "Europa per i cittadini"),
        ("BRIDGES è tra i progetti con il budget più alto sul FAMI.", "FAMI"),
    ],
)
def test_funding_programme_in_a_sentence_naming_the_project_is_its_funder(text, programme):
    labelled = [("BRIDGES", "PROJECT"), (programme, "ORG", "funding_programme")]
    _, projects = link(make_doc(text, labelled))
    assert {(p.name, p.role) for p in projects[0].participants} == {(programme, "funder")}


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto BRIDGES verrà supportato anche dalla Regione Toscana.",
        "Il progetto BRIDGES conta inoltre sul supporto della Regione Toscana.",
        "Il progetto BRIDGES, con il supporto della Regione Toscana, parte a maggio.",
    ],
)
def test_a_body_giving_stated_support_is_a_participant(text):
    labelled = [("BRIDGES", "PROJECT"), ("Regione Toscana", "ORG")]
    _, projects = link(make_doc(text, labelled))
    assert {(p.name, p.role) for p in projects[0].participants} == {("Regione Toscana", "participant")}


def test_funding_programme_in_a_sentence_not_about_the_project_funds_nothing():
    text = "Il progetto BRIDGES parte a maggio.\nIl Comune segue da anni i bandi del programma CERV."
    labelled = [("BRIDGES", "PROJECT"), ("CERV", "ORG", "funding_programme")]
    _, projects = link(make_doc(text, labelled))
    assert projects[0].participants == []


# The membership prefilter: wherever a trigger pattern matches, its prefilter must too.
TRIGGER_PHRASINGS = [
    "Il Comune è stato ufficialmente ammesso nella rete ECCAR.",
    "La città ha aderito alla Coalizione.",
    "Torino FA PARTE della rete dal 2019.",
    "ICEI coordina la Rete italiana delle Città del Dialogo.",
    "La segreteria tecnica è affidata ad ANCI.",
    "Il Comune intende nei prossimi mesi aderire alla rete.",
    "Bologna è stata eletta nel comitato direttivo di Eurocities.",
    "Firenze è tra i membri fondatori della rete.",
]
_PHRASE_ALPHABET = st.sampled_from(
    ["è", "È", "sono", "ha", "HA", "aderito", "fa", "parte", "coordina", "segretariato", "dal", " ", "  ",
     ",", "'", "l'", "della rete", "membri", "Membro", "di", "İ", "ß", "ı", "aderıto", "ſoci"]
)


@pytest.mark.parametrize("text", TRIGGER_PHRASINGS)
def test_trigger_prefilters_find_every_trigger_phrasing(text):
    rules = load_rules()
    for (_, pattern, _), prefilter in zip(rules.membership, rules.membership_prefilters):
        if pattern.search(text) and prefilter is not None:
            assert prefilter.search(text.lower()), pattern.pattern


@pytest.mark.parametrize("text", ["La città ha aderıto alla rete.", "Il Comune è tra i ſoci della rete."])
def test_texts_lower_casing_cannot_serve_keep_every_matching_trigger(text):
    selected = {id(pattern) for _, pattern, _ in _patterns_in(text, load_rules())}
    matching = [pattern for _, pattern, _ in load_rules().membership if pattern.search(text)]
    assert matching and all(id(pattern) in selected for pattern in matching)


@given(st.lists(_PHRASE_ALPHABET, max_size=12).map("".join))
def test_trigger_prefilters_match_a_superset(text):
    selected = {id(pattern) for _, pattern, _ in _patterns_in(text, load_rules())}
    for _, pattern, _ in load_rules().membership:
        if pattern.search(text):
            assert id(pattern) in selected, pattern.pattern


@pytest.mark.parametrize(
    ("pattern", "prefilter"),
    [
        (r"\bfa(?:nno)? parte\b|\bfacente parte\b", r"fa(?:nno)? parte\b|facente parte\b"),
        (r"(?<!\bdal )(?<!\bdel )segretariato\b|\bcoordina\b", r"segretariato\b|coordina\b"),
        (r"\b(?:ha|hanno) (?:l['’]|la )?adesione\b", r"(?:ha|hanno) (?:l['’]|la )?adesione\b"),
    ],
)
def test_prefilter_drops_the_assertions_opening_each_alternative(pattern, prefilter):
    assert prefilter_regex(pattern).pattern == prefilter


def test_prefilter_keeps_a_pattern_with_capitals_whole_and_case_insensitive():
    compiled = prefilter_regex(r"\bUE\b")
    assert compiled.pattern == r"\bUE\b" and compiled.flags & re.IGNORECASE


def test_values_under_a_role_field_label_take_its_role_until_the_next_label():
    text = ("Progetto BRIDGES\n|\nPartner Capofila\n|\nZweckverband Westsachsen\nNazionalità: Germania |\n"
            "Partner associati\n|\nItalia: Comune di La Salle, Università di Bologna;\nPolonia: AGH University;\n"
            "Contenuti principali\n|\nLa Fondazione Rossi ha ospitato l'incontro.")
    labelled = [("BRIDGES", "PROJECT"), ("Zweckverband Westsachsen", "ORG"), ("Germania", "COUNTRY"),
                ("Italia", "COUNTRY"), ("La Salle", "CITY"), ("Università di Bologna", "ORG"), ("Polonia", "COUNTRY"),
                ("AGH University", "ORG"), ("Fondazione Rossi", "ORG")]
    _, projects = link(make_doc(text, labelled))
    assert {(p.name, p.role) for p in projects[0].participants} == {
        ("Zweckverband Westsachsen", "lead"), ("La Salle", "participant"), ("Università di Bologna", "participant"),
        ("AGH University", "participant"),
    }


def _link_rules_copy(tmp_path: Path, change) -> Path:
    """A copy of link_rules.yaml in `tmp_path`, changed by `change` (on the parsed file)."""
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "link_rules.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _rename(mapping: dict, key: str, misspelt: str) -> None:
    mapping[misspelt] = mapping.pop(key)


def test_an_unchanged_copy_of_the_link_rules_loads(tmp_path):
    # the copies below differ from it only by their one fault
    assert load_rules.__wrapped__(_link_rules_copy(tmp_path, lambda raw: None)).membership


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        pytest.param(lambda raw: _rename(raw["project"], "budget", "budgett"), "project.budgett",
                     "Extra inputs are not permitted", id="misspelt key"),
        pytest.param(lambda raw: _rename(raw["membership"]["member"][0], "date_rank", "date_rnk"),
                     "membership.member.0.date_rnk", "Extra inputs are not permitted", id="misspelt key in a list"),
        pytest.param(lambda raw: raw.pop("relative_clause"), "relative_clause", "Field required", id="missing key"),
        pytest.param(lambda raw: raw["anaphora"].pop("self"), "anaphora.self", "Field required", id="missing nested key"),
        pytest.param(lambda raw: raw["membership"]["board"][0].update(date_rank="high"), "membership.board.0.date_rank",
                     "Input should be a valid integer", id="wrong type"),
        pytest.param(lambda raw: raw["anaphora"].update(city="la città"), "anaphora.city",
                     "Input should be a valid list", id="a phrase for a list"),
        pytest.param(lambda raw: raw["project"]["subject_roles"].update(finanziare="sponsor"),
                     "project.subject_roles.finanziare", "Input should be 'lead', 'funder' or 'participant'",
                     id="unknown role"),
        pytest.param(lambda raw: raw["project"].update(none=[]), "project.none", "List should have at least 1 item",
                     id="no alternatives"),
    ],
)
def test_a_bad_link_rule_file_is_a_numbered_error_naming_file_and_key(tmp_path, change, key, message):
    path = _link_rules_copy(tmp_path, change)
    with pytest.raises(PipelineError, match=rf"^\[E060\] bad rule file {re.escape(str(path))}: .* {re.escape(key)} +{re.escape(message)}"):
        load_rules.__wrapped__(path)


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda raw: raw["membership"]["member"][0].update(pattern="(?:è|sono"), "membership.member.0.pattern"),
        (lambda raw: raw.update(relative_clause="\\b(?:di|a"), "relative_clause"),
        (lambda raw: raw["project"]["lead"].append("[capofila"), "project.lead.6"),
        (lambda raw: raw["project"]["postposed"].update(lead="^\\s*(capofila"), "project.postposed.lead"),
        # each compiles, not joined into one regex: a group name twice
        (lambda raw: raw["project"].update(start=["(?P<via>avviato)", "(?P<via>partito)"]), "project.start"),
    ],
)
def test_a_bad_regex_in_the_link_rules_is_a_numbered_error_naming_file_and_key(tmp_path, change, key):
    path = _link_rules_copy(tmp_path, change)
    message = "Value error, bad regular expression"
    with pytest.raises(PipelineError, match=rf"^\[E060\] bad rule file {re.escape(str(path))}: .* {re.escape(key)} +{message}"):
        load_rules.__wrapped__(path)


@pytest.mark.parametrize(
    "text",
    [
        "Insieme ad Enea entrano nel progetto per l'Italia il Comune di Bari e, per il Belgio, la rete Eurocities.",
        "Il Comune di Bari aderisce al progetto, coordinato dalla rete Eurocities.",
        "Per la prima volta Bari entra in un progetto comunitario finanziato dall'Unione Europea.",
        "Bari aderisce a un nuovo progetto della rete Eurocities.",
    ],
)
def test_joining_a_project_is_no_membership(extract, text):
    memberships, _ = extract(text)
    assert memberships == []


@pytest.mark.parametrize(
    "text",
    [
        "Ancona ha firmato oggi la Carta. La città entra così nella rete Eurocities, di cui fanno già parte Bologna e Genova.",
        "Da oggi Ancona entra finalmente nella rete Eurocities.",
    ],
)
def test_joining_with_an_adverb_between_verb_and_network(extract, text):
    memberships, _ = extract(text)
    assert "ancona" in {name_key(m.member) for m in memberships}


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto BRIDGES parte a maggio.\nInsieme al Comune entrano nel progetto l'Università di Siena e la Fondazione Alfa.",
        "Il progetto BRIDGES parte a maggio.\nNel progetto entrano anche l'Università di Siena e la Fondazione Alfa.",
        "Da quest'anno sono entrate nel partenariato del progetto BRIDGES l'Università di Siena e la Fondazione Alfa.",
        "Il progetto BRIDGES coinvolge sei Paesi con otto partner, fra i quali l'Università di Siena e la Fondazione Alfa.",
        "Il progetto BRIDGES riunisce 12 partner europei.\nTra questi figurano l'Università di Siena e la Fondazione Alfa.",
    ],
)
def test_bodies_entering_a_project_are_its_participants(text):
    labelled = [("BRIDGES", "PROJECT"), ("Università di Siena", "ORG"), ("Fondazione Alfa", "ORG")]
    _, projects = link(make_doc(text, labelled))
    assert {(p.name, p.role) for p in projects[0].participants} == {
        ("Università di Siena", "participant"), ("Fondazione Alfa", "participant")}


@pytest.mark.parametrize(
    "text",
    [
        "Al progetto ALFA partecipano Riga, Porto e la Città metropolitana di Milano che sarà la capofila.",
        "Al progetto ALFA partecipano Riga, Porto e la Città metropolitana di Milano, che è il capofila.",
        "Al progetto ALFA partecipano Riga, Porto e la Città metropolitana di Milano che ne sarà la capofila.",
        "Al progetto ALFA partecipano Riga, Porto e Milano, che sarà la capofila.",
        "Il progetto ALFA include Riga (Lettonia), Porto (Portogallo) e la città di Milano (Italia) nelle vesti di capofila.",
        "Il progetto ALFA include Riga, Porto e Milano in veste di capofila.",
        "Nel progetto ALFA entrano Riga e Porto; Milano, in qualità di ente capofila, ne cura la gestione.",
        "Al progetto ALFA partecipano Riga e Porto; Milano, in qualità di capofila, ne cura la gestione.",
    ],
)
def test_a_relative_clause_naming_the_lead_makes_the_body_before_it_lead(text):
    labelled = [("ALFA", "PROJECT"), ("Riga", "CITY"), ("Porto", "CITY"), ("Milano", "CITY")]
    _, projects = link(make_doc(text, labelled))
    assert {(p.name, p.role) for p in projects[0].participants} == {
        ("Riga", "participant"), ("Porto", "participant"), ("Milano", "lead")}


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Al progetto ALFA lavorano il Comune di Bari e la Fondazione Cariplo, che cofinanzia il progetto.", "funder"),
        ("Nel progetto ALFA entrano il Comune di Bari e la Fondazione Cariplo, che lo finanzia con 200mila euro.", "funder"),
        ("Nel progetto ALFA entrano il Comune di Bari e la Fondazione Cariplo, che coordina il progetto.", "lead"),
        ("Nel progetto ALFA entrano il Comune di Bari e la Fondazione Cariplo, che lo ha guidato fin dall'inizio.", "lead"),
    ],
)
def test_a_relative_clause_after_a_body_gives_its_role(text, role):
    labelled = [("ALFA", "PROJECT"), ("Bari", "CITY"), ("Fondazione Cariplo", "ORG")]
    _, projects = link(make_doc(text, labelled))
    assert ("Fondazione Cariplo", role) in {(p.name, p.role) for p in projects[0].participants}


def test_a_relative_clause_coordinating_something_else_gives_no_lead():
    text = "Il progetto ALFA parte a maggio.\nLa segreteria della rete è affidata al Comune di Bari, che coordina i gruppi di lavoro."
    _, projects = link(make_doc(text, [("ALFA", "PROJECT"), ("Bari", "CITY")]))
    assert ("Bari", "lead") not in {(p.name, p.role) for p in projects[0].participants}


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto ALFA, presentato dal Comune di Bari al bando nazionale, è stato finanziato dalla Regione Puglia.",
        "È stato approvato ALFA, il progetto proposto dal Comune di Bari, finanziato dalla Regione Puglia.",
    ],
)
def test_the_body_presenting_a_project_is_its_lead(text):
    labelled = [("ALFA", "PROJECT"), ("Bari", "CITY"), ("Regione Puglia", "ORG")]
    _, projects = link(make_doc(text, labelled))
    assert {(p.name, p.role) for p in projects[0].participants} == {("Bari", "lead"), ("Regione Puglia", "funder")}


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto ALFA è guidato dal Comune di Parma, mentre BETA ha come capofila l'Università di Bologna.",
        "Il progetto ALFA è coordinato dal Comune di Parma; nel progetto BETA il capofila è l'Università di Bologna.",
    ],
)
def test_each_project_a_sentence_names_takes_the_parties_after_it(text):
    labelled = [("ALFA", "PROJECT"), ("BETA", "PROJECT"), ("Parma", "CITY"), ("Università di Bologna", "ORG")]
    _, projects = link(make_doc(text, labelled))
    roles = {(project.name, p.name, p.role) for project in projects for p in project.participants}
    assert roles == {("ALFA", "Parma", "lead"), ("BETA", "Università di Bologna", "lead")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nel progetto ALFA la Regione Puglia è partner insieme alla città di Graz.", {("Regione Puglia", "participant"), ("Graz", "participant")}),
        ("Il progetto ALFA, insieme alla Caritas, coinvolge la Regione Puglia.", {("Regione Puglia", "participant")}),
        ("Il progetto ALFA, realizzato insieme alla Caritas, coinvolge la Regione Puglia.",
         {("Caritas", "participant"), ("Regione Puglia", "participant")}),
    ],
)
def test_insieme_a_after_partner_names_a_partner_too(text, expected):
    labelled = [("ALFA", "PROJECT"), ("Regione Puglia", "ORG"), ("Graz", "CITY"), ("Caritas", "ORG")]
    _, projects = link(make_doc(text, labelled))
    assert {(p.name, p.role) for p in projects[0].participants} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Non parte da zero il Comune di Cuneo, firmatario fin dal 2011 del Patto dei Sindaci.",
        "Cuneo, firmataria della Carta dal 2011, rinnova l'impegno con il Patto dei Sindaci.",
    ],
)
def test_a_signatory_is_a_member(text):
    labelled = [("Cuneo", "CITY"), ("Patto dei Sindaci", "ORG", NETWORK), ("2011", "DATE", "2011")]
    assert set(memberships(text, labelled)) == {("Cuneo", "Patto dei Sindaci")}


@pytest.mark.parametrize(
    "text",
    [
        "La domanda di Nocera Umbra non è stata accolta da Cittaslow.",
        "Nocera Umbra non è entrata a far parte di Cittaslow.",
    ],
)
def test_a_denied_phrasing_gives_no_membership(text):
    labelled = [("Nocera Umbra", "CITY"), ("Cittaslow", "ORG", NETWORK)]
    assert memberships(text, labelled) == {}


def _roles(text: str, labelled: list) -> dict[str, str]:
    _, projects = link(make_doc(text, labelled))
    return {p.name: p.role for project in projects for p in project.participants}


ALFA_PARTIES = [("ALFA", "PROJECT"), ("Fondazione Beta", "ORG"), ("Università di Salerno", "ORG"), ("Eurocities", "ORG", NETWORK),
                ("Poppi", "CITY"), ("Bibbiena", "CITY"), ("Lecce", "CITY"), ("Napoli", "CITY"), ("Salerno", "CITY"),
                ("Lione", "CITY"), ("Utrecht", "CITY"), ("Bologna", "CITY"), ("Urbino", "CITY"), ("Cagli", "CITY"),
                ("Regione Puglia", "ORG"), ("Ecomuseo del Casentino", "LOC")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Con l'avvio del progetto ALFA, la Fondazione Beta, capofila, e i Comuni di Poppi e Bibbiena, partner, daranno vita a un percorso.",
         {"Fondazione Beta": "lead", "Poppi": "participant", "Bibbiena": "participant"}),
        ("Il progetto ALFA vede la Fondazione Beta, ente capofila, e il Comune di Lecce, partner, impegnati insieme.",
         {"Fondazione Beta": "lead", "Lecce": "participant"}),
        ("Nel progetto ALFA l'Ecomuseo del Casentino, capofila, lavora con Poppi.", {}),
    ],
)
def test_a_bare_role_between_commas_is_the_role_of_the_name_before_it(text, expected):
    assert _roles(text, ALFA_PARTIES) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Al progetto ALFA Eurocities partecipa come capofila, mentre Napoli e Salerno e l'Università di Salerno sono partner.",
        "Il progetto ALFA è coordinato da Eurocities. Napoli, Salerno e l'Università di Salerno ne sono partner.",
    ],
)
def test_a_list_goes_on_over_an_article_after_its_conjunction(text):
    assert _roles(text, ALFA_PARTIES) == {
        "Eurocities": "lead", "Napoli": "participant", "Salerno": "participant", "Università di Salerno": "participant"}


@pytest.mark.parametrize(
    "text",
    [
        "Al via ALFA: la Fondazione Beta vi partecipa con il ruolo di coordinatore, mentre Lecce è partner.",
        "Sarà la Fondazione Beta a coordinare ALFA, con Lecce come partner.",
        "Sarà la Fondazione Beta a guidarlo: il progetto ALFA ha Lecce come partner.",
        "Nel progetto ALFA la Fondazione Beta, a cui spetta il coordinamento, lavora con Lecce, che ne è partner.",
        "La Fondazione Beta ha il ruolo di ente capofila nel progetto ALFA, che coinvolge Lecce.",
        "Nel progetto ALFA la Fondazione Beta, soggetto attuatore, lavora con Lecce, che ne è partner.",
    ],
)
def test_a_lead_named_after_the_body(text):
    assert _roles(text, ALFA_PARTIES) == {"Fondazione Beta": "lead", "Lecce": "participant"}


@pytest.mark.parametrize(
    "text",
    [
        "A guidare il progetto ALFA è la Fondazione Beta.",
        "A coordinare il partenariato di ALFA sarà la Fondazione Beta.",
        "Il progetto ALFA ha come soggetto attuatore la Fondazione Beta.",
    ],
)
def test_a_lead_named_after_a_guidare_or_its_designation(text):
    assert _roles(text, ALFA_PARTIES) == {"Fondazione Beta": "lead"}


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto ALFA, presentato da Lecce, ha ottenuto un contributo di 150.000 euro dalla Fondazione Beta.",
        "Per il progetto ALFA il Comune ha ricevuto dalla Fondazione Beta un contributo.",
        "Il progetto ALFA riceverà 500.000 euro dalla Fondazione Beta.",
        "Con il sostegno economico della Fondazione Beta parte il progetto ALFA.",
        "Il progetto ALFA è realizzato con il sostegno finanziario della Fondazione Beta.",
    ],
)
def test_the_body_a_project_receives_money_from_funds_it(text):
    assert _roles(text, ALFA_PARTIES)["Fondazione Beta"] == "funder"


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto ALFA parte a Lecce. Le azioni di coinvolgimento delle scuole sono cofinanziate dalla Fondazione Beta.",
        "Il progetto ALFA parte a Lecce. Le borse di studio, che coinvolgono i giovani, sono finanziate dalla Fondazione Beta.",
    ],
)
def test_a_body_funding_a_projects_activities_in_the_plural_funds_it(text):
    assert _roles(text, ALFA_PARTIES)["Fondazione Beta"] == "funder"


@pytest.mark.parametrize(
    "text",
    [
        "Il kick-off del progetto ALFA, finanziato da Eurocities, si è svolto a Bari nella sede della Regione Puglia.",
        "Il progetto ALFA potrà essere finanziato in futuro dalla Fondazione Beta.",
        "Il progetto ALFA potrà essere finanziato anche dalla Fondazione Beta.",
    ],
)
def test_a_seat_or_money_that_may_come_makes_no_funder(text):
    roles = _roles(text, ALFA_PARTIES)
    assert "Regione Puglia" not in roles and "Fondazione Beta" not in roles


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto ALFA è guidato da Eurocities. Aderiscono al progetto anche i Comuni di Poppi e Bibbiena.",
        "Il progetto ALFA è guidato da Eurocities. Nel 2024 hanno aderito al progetto anche Poppi e Bibbiena.",
        "Il progetto ALFA è guidato da Eurocities. Poppi e Bibbiena sono tra i partner.",
    ],
)
def test_bodies_joining_a_project_or_among_its_partners_are_participants(text):
    assert _roles(text, ALFA_PARTIES) == {"Eurocities": "lead", "Poppi": "participant", "Bibbiena": "participant"}


@pytest.mark.parametrize(
    ("text", "member", "rule"),
    [
        ("Il Comune di Padova, da anni attivo sul tema, è partner del progetto INCLUDE.", "Padova", "subject:partner"),
        ("La Città di Cagliari e il Comune di Olbia sono partner del progetto SEA-LINK.", "Cagliari", "subject:partner"),
        ("Anche Brescia e Bergamo hanno aderito al progetto «Lombardia Cammina».", "Brescia", "subject:aderire"),
        ("Dal 2023 il Comune di Lecce aderisce al progetto SOLE con altri dieci comuni.", "Lecce", "subject:aderire"),
    ],
)
def test_the_subject_of_a_role_noun_or_of_aderire_takes_part(extract, text, member, rule):
    _, projects = extract(text)
    found = {p.mention: (p.role, p.rule) for project in projects for p in project.participants}
    assert found.get(member) == ("participant", rule)


@pytest.mark.parametrize(
    "text",
    [
        "Al progetto ALFA, finanziato con fondi della Fondazione Beta, partecipano, da quest'anno, i Comuni di Lecce, Poppi e Bibbiena.",
        "Al progetto ALFA, sostenuto dalla Fondazione Beta, partecipano, come già nel 2022, Lecce, Poppi e Bibbiena.",
    ],
)
def test_a_verb_between_commas_after_a_funder_names_the_participants_after_it(text):
    assert _roles(text, ALFA_PARTIES) == {
        "Fondazione Beta": "funder", "Lecce": "participant", "Poppi": "participant", "Bibbiena": "participant"}


@pytest.mark.parametrize(
    "text",
    [
        "Partenariato del progetto «Acqua Bene Comune»: Comune di Arezzo (capofila); Nuove Acque S.p.A.; Università di Siena; Legambiente Arezzo.",
        "Il progetto «Acqua Bene Comune» è guidato dal Comune di Arezzo con i partner Nuove Acque S.p.A., Università di Siena e Legambiente Arezzo.",
    ],
)
def test_a_partner_with_a_dotted_legal_form_does_not_end_the_list(extract, text):
    _, projects = extract(text)
    assert {"Università di Siena", "Legambiente Arezzo"} <= {p.name for p in projects[0].participants if p.role == "participant"}


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto ALFA è cofinanziato da Eurocities. Capofila del partenariato è la Fondazione Beta; partner sono Lecce e Poppi.",
        "Nel progetto ALFA capofila del progetto è la Fondazione Beta, mentre Lecce e Poppi sono partner.",
    ],
)
def test_the_lead_of_the_partnership_is_no_partner(text):
    roles = _roles(text, ALFA_PARTIES)
    assert (roles["Fondazione Beta"], roles["Lecce"], roles["Poppi"]) == ("lead", "participant", "participant")


@pytest.mark.parametrize(
    "text",
    [
        "Per il progetto ALFA la Fondazione Beta guida una rete formata dal Comune di Lecce e da Poppi.",
        "Il progetto ALFA nasce da un partenariato formato da Lecce e Poppi.",
    ],
)
def test_the_bodies_a_network_or_partnership_is_formed_by_are_participants(text):
    roles = _roles(text, ALFA_PARTIES)
    assert (roles.get("Lecce"), roles.get("Poppi")) == ("participant", "participant")


def test_an_area_formed_by_countries_names_no_participants():
    text = "Il progetto ALFA opera nell'area transfrontaliera formata da Lecce e Poppi."
    assert _roles(text, ALFA_PARTIES) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Nel progetto ALFA la Fondazione Beta avvia in qualità di capofila le attività con Lecce, che ne è partner.",
        "Il progetto ALFA riunisce sei enti guidati dalla Fondazione Beta. Lecce ne è partner.",
        "Il progetto ALFA conta dieci gruppi coordinati dalla Fondazione Beta. Lecce ne è partner.",
    ],
)
def test_a_lead_after_a_verb_or_a_plural_participle(text):
    roles = _roles(text, ALFA_PARTIES)
    assert (roles.get("Fondazione Beta"), roles.get("Lecce")) == ("lead", "participant")


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Con il contributo della Compagnia di San Paolo, la Città di Torino lancia il progetto «Quartieri in Rete».", "Torino"),
        ("Con il sostegno della Fondazione Cariplo, il Comune di Lodi ha avviato il progetto «Rete Argento».", "Lodi"),
    ],
)
def test_the_subject_after_a_fronted_funding_phrase_is_no_funder(extract, text, subject):
    _, projects = extract(text)
    roles = {p.mention: p.role for p in projects[0].participants}
    assert roles.get(subject) != "funder"


@pytest.mark.parametrize(
    "text",
    [
        "La Città di Asti, che dal 2019 fa parte della Rete Italiana Città Sane, è capofila del progetto «Asti Cammina».",
        "Il Comune di Lecce, che aderisce a Eurocities, è partner del progetto SOLE.",
    ],
)
def test_a_network_in_a_relative_clause_takes_no_role_of_its_antecedent(extract, text):
    _, projects = extract(text)
    assert not [p for p in projects[0].participants if p.kind == "org"]
