"""The membership-list reader (itnet/link/member_lists.py) on the whole pipeline:
fictional press-release sentences, several phrasings per rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from itnet.errors import PipelineError
from itnet.gazetteers.keys import name_key
from itnet.link.context import load_rules, same_body
from itnet.link.member_lists import RULES_FILE, load_member_list_rules


def pairs(memberships) -> set[tuple[str, str]]:
    return {(name_key(m.member), name_key(m.network)) for m in memberships}


def members_of(memberships, network: str) -> set[str]:
    return {name_key(m.member) for m in memberships if name_key(m.network) == name_key(network)}


@pytest.mark.parametrize(
    "text",
    [
        "Carrara, Alba, Pesaro e Milano entrano nella rete Cittaslow.",
        "Sono entrati a far parte di Cittaslow i comuni di Carrara, Alba, Pesaro e Milano.",
        "Hanno aderito a Cittaslow anche Carrara, Alba, Pesaro e Milano.",
    ],
)
def test_coordinated_places_are_one_record_each(extract, text):
    memberships, _ = extract(text)
    assert {"carrara", "alba", "pesaro", "milano"} <= members_of(memberships, "Cittaslow")


@pytest.mark.parametrize(
    "text",
    [
        "Il nuovo Coordinamento di Cittaslow Italia è composto da:\n\nAmalfi (SA), sindaco Mario Rossi\n\n"
        "Brisighella (RA), sindaco Luca Bianchi\n\nMarradi (FI), sindaco Anna Verdi\n",
        "Fanno parte del direttivo di Cittaslow Italia:\n- Amalfi (SA)\n- Brisighella (RA)\n- Marradi (FI)\n",
    ],
)
def test_bulleted_lines_after_a_colon_are_the_list(extract, text):
    memberships, _ = extract(text)
    assert {"amalfi", "brisighella", "marradi"} <= members_of(memberships, "Cittaslow")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Nel Comitato Direttivo di Avviso Pubblico siedono i comuni di Sacile, Ferrara e Lecce.", "board"),
        ("Sacile, Ferrara e Lecce sono stati eletti nel direttivo di Avviso Pubblico.", "board"),
        ("Hanno aderito ad Avviso Pubblico i comuni di Sacile, Ferrara e Lecce.", "member"),
    ],
)
def test_role_comes_from_the_cue(extract, text, role):
    memberships, _ = extract(text)
    found = [m for m in memberships if name_key(m.network) == name_key("Avviso Pubblico")]
    assert {name_key(m.member) for m in found} >= {"sacile", "ferrara", "lecce"}
    assert {m.role for m in found} == {role}


@pytest.mark.parametrize(
    "text",
    [
        "Il Comune di Trani intende aderire a Cittaslow.",
        "Il Comune di Trani ha presentato la propria candidatura a Cittaslow.",
        "La Giunta comunale di Trani ha approvato la candidatura della città a Cittaslow.",
        "Con una delibera di giunta, il Comune di Trani ha approvato la propria candidatura a Cittaslow.",
    ],
)
def test_intention_or_candidacy_makes_a_candidate(extract, text):
    memberships, _ = extract(text)
    found = [m for m in memberships if name_key(m.member) == "trani"]
    assert found and {m.status for m in found} == {"candidate"}


@pytest.mark.parametrize(
    "text",
    [
        "Il comitato di coordinamento di Cittaslow ha approvato la candidatura di Trani.",
        "L'assemblea dei soci di Cittaslow ha accolto la candidatura di Trani il 4 maggio 2023.",
    ],
)
def test_a_candidacy_approved_by_the_network_makes_a_member(extract, text):
    memberships, _ = extract(text)
    found = [m for m in memberships if name_key(m.member) == "trani"]
    assert found and {m.status for m in found} == {"member"}


@pytest.mark.parametrize(
    "text",
    [
        "La Regione Calabria aderisce a tre reti europee.\nI network interessati sono la CRPM, ERRIN e NECSTouR.",
        "La Regione Calabria ha deliberato l'adesione a tre reti transnazionali. Le reti sono CRPM, ERRIN e NECSTouR.",
    ],
)
def test_plural_networks_named_in_the_next_sentence(extract, text):
    memberships, _ = extract(text)
    networks = {name_key(m.network) for m in memberships if "calabria" in name_key(m.member)}
    assert {"crpm", "errin", "necstour"} <= networks


@pytest.mark.parametrize(
    "text",
    [
        "Altri tre comuni hanno aderito alla Rete dei Comuni Solidali.\nSi tratta dei Comuni di Camini (RC), Ostana (CN) e Nomaglio (TO).",
        "Tre nuovi comuni aderiscono alla Rete dei Comuni Solidali. Si tratta di Camini, Ostana e Nomaglio.",
    ],
)
def test_members_named_after_the_announcement(extract, text):
    memberships, _ = extract(text)
    assert {"camini", "ostana", "nomaglio"} <= members_of(memberships, "RECOSOL")


@pytest.mark.parametrize(
    "text",
    [
        "L'assemblea di Cittaslow si è tenuta a Orvieto, dove hanno aderito Carrara e Alba.",
        "Il sindaco di Orvieto ha accolto l'adesione a Cittaslow di Carrara e Alba.",
    ],
)
def test_venue_and_official_seat_are_no_members(extract, text):
    memberships, _ = extract(text)
    members = members_of(memberships, "Cittaslow")
    assert "orvieto" not in members
    assert {"carrara", "alba"} <= members


@pytest.mark.parametrize(
    "text",
    [
        "Roma, 14 marzo 2022 – Sono dodici i comuni che da oggi fanno parte di Cittaslow, tra cui Carrara e Alba.",
        "ROMA – Da oggi fanno parte di Cittaslow anche Carrara e Alba.",
        "Roma, 3 aprile 2024 - Carrara e Alba sono entrate a far parte di Cittaslow.",
    ],
)
def test_the_dateline_place_is_no_member(extract, text):
    memberships, _ = extract(text)
    assert members_of(memberships, "Cittaslow") == {"carrara", "alba"}


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto SOLIDCITY, coordinato da EUROCITIES, coinvolge 14 partner europei, tra cui Torino e Lione.",
        "Torino e Lione partecipano al progetto SOLIDCITY, guidato da EUROCITIES.",
    ],
)
def test_project_partners_are_no_network_members(extract, text):
    memberships, _ = extract(text)
    assert not [m for m in memberships if name_key(m.network) == "eurocities"]


@pytest.mark.parametrize(
    "text",
    [
        "Cocconato, La Morra e Dolceacqua sono entrate nella rete delle Città del Vino.",
        "Sono tra le Città del Vino anche Cocconato, La Morra e Dolceacqua.",
    ],
)
def test_each_record_names_its_rule(extract, text):
    memberships, _ = extract(text)
    assert memberships and all(m.rule for m in memberships)


def test_shipped_rules_load():
    rules = load_member_list_rules()
    assert {cue.kind for cue in rules.cues} == {"join", "accept", "candidate", "board", "coordinator"}


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        pytest.param(lambda raw: raw["cues"][0].update(kind="joined"), "cues.0.kind", "Input should be 'join'",
                     id="unknown kind"),
        pytest.param(lambda raw: raw["cues"][0].update(tokenz=[["aderire"]]), "cues.0.tokenz",
                     "Extra inputs are not permitted", id="misspelt key"),
        pytest.param(lambda raw: raw.pop("network_nouns"), "network_nouns", "Field required", id="missing key"),
        pytest.param(lambda raw: raw["cues"][1].pop("id"), "cues.1.id", "Field required", id="a cue without its id"),
        pytest.param(lambda raw: raw["cues"][1].update(gap="two"), "cues.1.gap", "Input should be a valid integer",
                     id="wrong type"),
        pytest.param(lambda raw: raw["prospective"].update(features="Tense=Fut"), "prospective.features",
                     "Input should be a valid list", id="a word for a list"),
    ],
)
def test_a_bad_rule_file_is_a_numbered_error_naming_file_and_key(tmp_path, change, key, message):
    raw = yaml.safe_load(Path(RULES_FILE).read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "member_lists.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PipelineError, match=rf"^\[E060\] bad rule file {re.escape(str(path))}: .* {re.escape(key)} +{re.escape(message)}"):
        load_member_list_rules.__wrapped__(path)


@pytest.mark.parametrize(
    ("text", "member", "kind"),
    [
        ("La Regione Toscana ha aderito alla rete READY.", "Regione Toscana", "region"),
        ("Anche la Provincia di Cremona ha aderito alla rete READY.", "Provincia di Cremona", "metro_city"),
    ],
)
def test_regions_and_provinces_join_as_their_kind(extract, text, member, kind):
    memberships, _ = extract(text)
    found = [m for m in memberships if name_key(m.member) == name_key(member)]
    assert found and found[0].member_kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "È stata approvata l'adesione della Città metropolitana di Roma alla rete Eurocities, che si somma alle altre reti: Metrex e Metropolis.",
        "La Città metropolitana di Roma aderisce alla rete Eurocities e fa parte anche di Metrex e Metropolis.",
    ],
)
def test_a_network_noun_before_a_name_designates_it(extract, text):
    memberships, _ = extract(text)
    networks = {name_key(m.network) for m in memberships if "roma" in name_key(m.member)}
    assert {"eurocities", "metrex", "metropolis"} <= networks


@pytest.mark.parametrize(
    "text",
    [
        "La Città metropolitana di Bari ha aderito a Eurocities.",
        "Anche la Città metropolitana di Bari entra nella rete Eurocities.",
    ],
)
def test_a_metropolitan_city_is_named_as_such(extract, text):
    memberships, _ = extract(text)
    found = [m for m in memberships if "bari" in name_key(m.member)]
    assert found and {(name_key(m.member), m.member_kind) for m in found} == {("citta metropolitana di bari", "metro_city")}


@pytest.mark.parametrize(
    "text",
    [
        "Sono già membri di diritto del Comitato Direttivo di Cittaslow le città progetto dell’OMS – Bologna, Milano e Udine.",
        "Nel direttivo di Cittaslow siedono anche le città progetto dell’OMS europeo, cioè Bologna, Milano e Udine.",
    ],
)
def test_a_designation_with_progetto_is_no_project_sentence(extract, text):
    memberships, _ = extract(text)
    assert {"bologna", "milano", "udine"} <= members_of(memberships, "Cittaslow")


def test_a_body_followed_by_a_lower_case_phrase_is_cut_before_it(loaded):
    doc = loaded.nlp("Sono membri del Comitato Direttivo le città progetto dell'OMS.")
    assert "Comitato Direttivo le città" not in [ent.text for ent in doc.ents]


@pytest.mark.parametrize(
    "text",
    [
        "Il Consiglio comunale di Lecco si è riunito ieri.\nLa giunta ha deliberato l'adesione del Comune all'Associazione dei Comuni Virtuosi.",
        "Lecco guarda all'Europa. Il Consiglio ha approvato l'adesione della città all'Associazione dei Comuni Virtuosi.",
    ],
)
def test_the_documents_city_joins_where_a_sentence_names_no_place(extract, text):
    memberships, _ = extract(text)
    assert ("lecco", "associazione dei comuni virtuosi") in pairs(memberships)


def test_welcoming_guests_is_no_acceptance(extract):
    text = ("Torino ospita il meeting di UCLG.\nHanno accolto i partecipanti le consigliere delegate, che hanno "
            "ricordato come la Città metropolitana sia impegnata da sempre nella cooperazione internazionale.")
    memberships, _ = extract(text)
    assert not [m for m in memberships if name_key(m.network) == "uclg"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Hiroshima e Nagasaki sono le città fondatrici di Mayors for Peace.", "member"),
        ("Cesena e Forlì hanno rinnovato la quota associativa ad Avviso Pubblico.", "member"),
        ("La segreteria di Avviso Pubblico ha sede presso il Comune di Grugliasco.", "coordinator"),
        ("Pesaro è stata eletta tesoriere di Avviso Pubblico.", "board"),
    ],
)
def test_conventions_roles(extract, text, role):
    memberships, _ = extract(text)
    assert memberships and {m.role for m in memberships} == {role}


@pytest.mark.parametrize(
    "text",
    [
        "La rete Cittaslow conta oggi 86 comuni italiani, tra cui Orvieto, Bra e Positano.",
        "Cittaslow riunisce in Italia più di ottanta comuni, tra cui Orvieto, Bra e Positano.",
        "Orvieto, Bra e Positano hanno ottenuto il marchio Cittaslow.",
    ],
)
def test_counting_and_designation_cues_name_members(extract, text):
    memberships, _ = extract(text)
    assert {"orvieto", "bra", "positano"} <= members_of(memberships, "Cittaslow")


@pytest.mark.parametrize(
    "text",
    [
        "Accanto alla Fondazione, che ne è capofila, il partenariato comprende il Comune di Palermo e il Forum del Terzo Settore.",
        "Il partenariato, coordinato da EUROCITIES, comprende Torino e Lione.",
    ],
)
def test_a_partnership_is_no_network_membership(extract, text):
    memberships, _ = extract(text)
    assert memberships == []


@pytest.mark.parametrize(
    "text",
    [
        "Il Comune di Rieti ha aderito a Sentieri Aperti APS.",
        "Rieti è entrata a far parte di Sentieri Aperti APS.",
    ],
)
def test_an_organisation_right_after_a_joining_phrase_is_the_network(extract, text):
    memberships, _ = extract(text)
    assert ("rieti", "sentieri aperti aps") in pairs(memberships)


def test_a_known_body_after_a_joining_phrase_is_no_network(extract):
    memberships, _ = extract("Il Comune di Rieti ha aderito al FAMI con un progetto.")
    assert memberships == []


@pytest.mark.parametrize(
    "text",
    [
        "«Entrare in Energy Cities significa lavorare fianco a fianco con città come Heidelberg, Lubiana e Grenoble», ha detto l'assessora.",
        "Aderire a Energy Cities vuol dire confrontarsi con città come Heidelberg, Lubiana e Grenoble.",
    ],
)
def test_places_given_as_examples_are_no_members(extract, text):
    memberships, _ = extract(text)
    assert not members_of(memberships, "Energy Cities") & {"heidelberg", "ljubljana", "lubiana", "grenoble"}


def test_places_the_network_counts_as_examples_are_members(extract):
    memberships, _ = extract("Fanno parte di Energy Cities città come Heidelberg, Lubiana e Grenoble.")
    assert {"heidelberg", "grenoble"} <= members_of(memberships, "Energy Cities")


@pytest.mark.parametrize(
    "text",
    [
        "Reti e associazioni\n\nIl Comune di Verona aderisce alle seguenti reti:\n- Eurocities\n- ICLEI\n- Energy Cities\n",
        "Il Comune di Verona fa parte delle seguenti reti:\n\nEurocities\n\nICLEI\n\nEnergy Cities\n",
    ],
)
def test_networks_listed_one_a_line_after_the_lead_in(extract, text):
    memberships, _ = extract(text)
    networks = {name_key(m.network) for m in memberships if name_key(m.member) == "verona"}
    assert {"eurocities", "iclei", "energy cities"} <= networks


@pytest.mark.parametrize(
    "text",
    [
        "Sono 12 i nuovi enti locali che hanno aderito ad Avviso Pubblico. Tra questi i Comuni di Monza e Lodi e la Provincia di Lecco.",
        "Dodici nuovi enti hanno aderito ad Avviso Pubblico. Si tratta dei Comuni di Monza e Lodi e della Provincia di Lecco.",
    ],
)
def test_a_province_named_after_the_announcement_is_a_metro_city_member(extract, text):
    memberships, _ = extract(text)
    kinds = {name_key(m.member): m.member_kind for m in memberships}
    assert kinds.get("monza") == "city" and kinds.get("provincia di lecco") == "metro_city"


@pytest.mark.parametrize(
    "text",
    [
        "Trento è entrata nella rete Alpine Pearls nel 2019.",
        "Anche Trento aderisce alla rete Alpine Pearls, che riunisce località alpine.",
    ],
)
def test_a_network_the_alias_table_does_not_know_is_joined_by_its_designation(extract, text):
    memberships, _ = extract(text)
    assert ("trento", "alpine pearls") in pairs(memberships)


@pytest.mark.parametrize(
    "text",
    [
        "Grosseto potrebbe presto entrare nella rete Cittaslow.",
        "Grosseto aderirà alla rete Cittaslow entro la fine dell'anno.",
        "Grosseto dovrebbe entrare a far parte della rete Cittaslow nel 2025.",
        "Il Comune di Grosseto entrerà nella rete Cittaslow a gennaio.",
        "«Vogliamo che Grosseto entri a far parte della rete Cittaslow», ha detto il sindaco.",
        "Il sindaco ha chiesto agli uffici di lavorare perché Grosseto aderisca alla rete Cittaslow.",
    ],
)
def test_joining_in_the_future_or_conditional_is_a_candidacy(extract, text):
    memberships, _ = extract(text)
    found = [m for m in memberships if name_key(m.member) == "grosseto"]
    assert [m.status for m in found] == ["candidate"]


@pytest.mark.parametrize(
    "text",
    [
        "Il Consiglio comunale di Foggia ha approvato la proposta di adesione alla rete Cittaslow.",
        "La Giunta di Foggia ha deliberato l'adesione alla rete Cittaslow.",
        "La Giunta comunale di Foggia ha deliberato di aderire alla rete Cittaslow.",
        "I consiglieri di Foggia hanno deciso di entrare a far parte della rete Cittaslow.",
    ],
)
def test_an_approved_adhesion_is_a_membership(extract, text):
    memberships, _ = extract(text)
    found = [m for m in memberships if name_key(m.member) == "foggia"]
    assert [m.status for m in found] == ["member"]


@pytest.mark.parametrize(
    "text",
    [
        "Tra le città aderenti alla rete Cittaslow ci sono Genova, La Spezia e Savona.",
        "Le città aderenti alla rete Cittaslow in Liguria sono Genova, La Spezia e Savona.",
    ],
)
def test_the_cities_said_adherent_are_members(extract, text):
    memberships, _ = extract(text)
    assert {"genova", "la spezia", "savona"} <= members_of(memberships, "Cittaslow")


@pytest.mark.parametrize(
    "text",
    [
        "La città di Matera è stata designata capofila nazionale della rete Cittaslow.",
        "Matera sarà la capofila della rete Cittaslow per il Sud Italia.",
    ],
)
def test_the_capofila_of_a_network_coordinates_it(extract, text):
    memberships, _ = extract(text)
    found = [m for m in memberships if name_key(m.member) == "matera"]
    assert [m.role for m in found] == ["coordinator"]


@pytest.mark.parametrize(
    "text",
    [
        "Rinnovato il direttivo dell'Associazione Città dell'Olio. L'Associazione Nazionale Città dell'Olio ha eletto "
        "il nuovo consiglio direttivo: ne fanno parte i Comuni di Vinci e Trevi.",
        "La Rete Italiana Città Sane rinnova il comitato direttivo. Nel comitato direttivo della Rete Città Sane "
        "sono stati eletti i Comuni di Vinci e Trevi.",
    ],
)
def test_a_network_spelled_two_ways_is_not_its_own_member(extract, text):
    memberships, _ = extract(text)
    assert {name_key(m.member) for m in memberships} == {"vinci", "trevi"}


@pytest.mark.parametrize(
    ("name", "other", "same"),
    [
        ("Associazione Nazionale Città dell'Olio", "Associazione Città dell'Olio", True),
        ("Rete Città Sane", "Rete Italiana Città Sane - OMS", True),
        ("ANCI Toscana", "ANCI", False),  # one content word: a body and its regional branch
        ("Città del Vino", "Città dell'Olio", False),
    ],
)
def test_same_body_compares_content_words(name, other, same):
    assert same_body(name, other, load_rules().name_fillers) is same


@pytest.mark.parametrize(
    "text",
    [
        "È nata la Rete dei Comuni per la Legalità. Tra i comuni fondatori figurano Corleone e Platì.",
        "Nasce la Rete dei Comuni per la Legalità. Corleone e Platì sono i soci fondatori.",
    ],
)
def test_founding_members_belong_to_the_network_the_text_is_about(extract, text):
    memberships, _ = extract(text)
    assert members_of(memberships, "Rete dei Comuni per la Legalità") == {"corleone", "plati"}


@pytest.mark.parametrize(
    "text",
    [
        "All'assemblea generale di Bruxelles sono stati eletti nel comitato esecutivo di Eurocities Lipsia e Varsavia.",
        "Durante il vertice annuale a Lisbona, Lipsia e Varsavia sono entrate nel comitato esecutivo di Eurocities.",
    ],
)
def test_the_place_a_meeting_was_held_in_is_no_member(extract, text):
    memberships, _ = extract(text)
    assert members_of(memberships, "Eurocities") == {"leipzig", "warsaw"}


@pytest.mark.parametrize(
    "text",
    [
        "Nuovi ingressi nell'Associazione Nazionale Città del Vino: Montalcino, Barolo e Nizza Monferrato.",
        "Nuove adesioni all'Associazione Nazionale Città del Vino: Montalcino, Barolo e Nizza Monferrato.",
    ],
)
def test_plural_joining_nouns_before_a_colon_list(extract, text):
    memberships, _ = extract(text)
    assert {"montalcino", "barolo", "nizza monferrato"} <= members_of(memberships, "Associazione Nazionale Città del Vino")


@pytest.mark.parametrize(
    "text",
    [
        "Il Comitato esecutivo di Eurocities, presieduto da Firenze, comprende anche Milano.",
        "Firenze presiede il Comitato esecutivo di Eurocities.",
        "Il direttivo di Eurocities, guidato da Firenze, si è riunito ieri.",
    ],
)
def test_the_city_presiding_the_board_sits_on_it(extract, text):
    memberships, _ = extract(text)
    assert ("firenze", "eurocities", "board") in {(name_key(m.member), name_key(m.network), m.role) for m in memberships}


@pytest.mark.parametrize(
    "text",
    [
        "I Borghi più belli d'Italia crescono ancora. Sono dodici i nuovi borghi: Castelmezzano, Pietrapertosa e Craco.",
        "Cittaslow si allarga in Basilicata. I nuovi soci sono Castelmezzano, Pietrapertosa e Craco.",
    ],
)
def test_a_networks_newcomers_named_after_the_network_are_members(extract, text):
    memberships, _ = extract(text)
    assert {"castelmezzano", "pietrapertosa", "craco"} <= {name_key(m.member) for m in memberships}


@pytest.mark.parametrize(
    "text",
    [
        "Avviso Pubblico, l'elenco dei nuovi soci\nComune | Provincia | Regione\nSavigliano | CN | Piemonte\n"
        "Fossano | CN | Piemonte\nCanelli | AT | Piemonte\n",
        "Cittaslow: i comuni aderenti\nComune | Regione\nSavigliano | Piemonte\nFossano | Piemonte\nCanelli | Piemonte\n",
    ],
)
def test_rows_of_a_table_under_a_heading_are_the_list(extract, text):
    memberships, _ = extract(text)
    members = {(name_key(m.member), m.member_kind) for m in memberships}
    assert {("savigliano", "city"), ("fossano", "city"), ("canelli", "city")} <= members
    assert not any(name == "piemonte" for name, _ in members)


@pytest.mark.parametrize(
    ("text", "member", "network"),
    [
        ("La presidenza di Eurocities passa a Firenze.", "firenze", "eurocities"),
        ("La vicepresidenza di Cittaslow è stata affidata a Orvieto.", "orvieto", "cittaslow"),
    ],
)
def test_the_city_a_board_office_goes_to_sits_on_the_board(extract, text, member, network):
    memberships, _ = extract(text)
    assert (member, network, "board") in {(name_key(m.member), name_key(m.network), m.role) for m in memberships}


def test_the_place_a_board_met_in_is_still_no_member(extract):
    memberships, _ = extract("La riunione del direttivo di Eurocities si è svolta a Lipsia.")
    assert "lipsia" not in {name_key(m.member) for m in memberships}


@pytest.mark.parametrize(
    "text",
    [
        "Il Consiglio Direttivo di Cittaslow ha deliberato l'ammissione di tre nuovi Comuni. Si tratta di Sacile (PN), "
        "Ferrara e Lecce.",
        "L'assemblea ha approvato l'ammissione nella rete Cittaslow dei comuni di Sacile, Ferrara e Lecce.",
    ],
)
def test_an_admission_makes_members_whichever_body_decided_it(extract, text):
    memberships, _ = extract(text)
    assert {"sacile", "ferrara", "lecce"} <= members_of(memberships, "Cittaslow")
    assert {m.role for m in memberships} == {"member"}


@pytest.mark.parametrize(
    "text",
    [
        "Il direttivo ha accolto 12 nuovi Borghi nell'associazione Cittaslow: Bellano, Buccheri e Crecchio.",
        "Con questi ingressi Cittaslow raggiunge i 325 Borghi. Entrano nella rete Bellano, Buccheri e Crecchio.",
    ],
)
def test_a_counted_capitalised_noun_is_no_town(extract, text):
    memberships, _ = extract(text)
    assert members_of(memberships, "Cittaslow") == {"bellano", "buccheri", "crecchio"}


@pytest.mark.parametrize(
    "text",
    [
        "Le Città Creative UNESCO sono oggi 295 nel mondo. In Italia ce ne sono 4 e sono Biella, Carrara, Fabriano e Como.",
        "La rete Cittaslow conta 280 comuni. In Toscana ce ne sono tre: Biella, Carrara e Fabriano.",
    ],
)
def test_a_count_of_the_networks_members_lists_them(extract, text):
    memberships, _ = extract(text)
    assert {"biella", "carrara", "fabriano"} <= {name_key(m.member) for m in memberships}


@pytest.mark.parametrize(
    "text",
    [
        "Ecco i nomi degli amministratori eletti coordinatori regionali di Avviso Pubblico: Mario Rossi, sindaco di Sacile (PN) "
        "per il Friuli; Anna Verdi, vicesindaco di Cantiano (PU) per le Marche; Luca Neri, assessore di Latronico (PZ) per la "
        "Basilicata.",
        "Sono stati nominati i referenti di Avviso Pubblico: Mario Rossi, sindaco di Sacile, Anna Verdi, assessora di Cantiano "
        "e Luca Neri, sindaco di Latronico.",
        "Sono stati nominati i referenti regionali di Avviso Pubblico: Mario Rossi, sindaco di Sacile (PN) per la regione Friuli "
        "Venezia Giulia; "
        "Anna Verdi, vicesindaco di Cantiano (PU) per la regione Marche; Luca Neri, assessore di Latronico (PZ) per la regione "
        "Emilia Romagna.",
    ],
)
def test_a_list_of_persons_with_their_offices_names_member_comuni(extract, text):
    memberships, _ = extract(text)
    assert members_of(memberships, "Avviso Pubblico") == {"sacile", "cantiano", "latronico"}
    assert {m.role for m in memberships} == {"member"}


def test_two_persons_offices_in_a_sentence_are_no_list(extract):
    memberships, _ = extract(
        "È stato eletto coordinatore di Cittaslow Italia Mario Rossi, sindaco di Pollica, che ha ringraziato Anna Verdi, "
        "sindaco di Vigarano Mainarda, che ha terminato il suo mandato."
    )
    assert not {"pollica", "vigarano mainarda"} & members_of(memberships, "Cittaslow")


@pytest.mark.parametrize(
    "text",
    [
        "Il sindaco Mario Rossi, insieme al sindaco di Pompei Luca Bianchi, ha firmato l'adesione a Mayors for Peace.",
        "Il sindaco di Pompei ha sottoscritto l'adesione della città a Mayors for Peace.",
    ],
)
def test_an_official_who_signs_the_adhesion_joins_for_the_city(extract, text):
    memberships, _ = extract(text)
    assert "pompei" in members_of(memberships, "Mayors for Peace")


@pytest.mark.parametrize(
    "text",
    [
        "Il Comune di Tirano ha rinnovato l'adesione alla Fondazione Pro-Vinea per il 2013.",
        "Tirano è socio della Fondazione Bresciana per le Iniziative Sociali dal 2010.",
    ],
)
def test_a_body_that_is_joined_is_a_network_whatever_its_type(extract, text):
    memberships, _ = extract(text)
    assert {name_key(m.member) for m in memberships} == {"tirano"}
    assert {m.network.split()[0] for m in memberships} == {"Fondazione"}


@pytest.mark.parametrize(
    "text",
    [
        "Il nuovo Coordinamento di Cittaslow Italia è composto da:\n\n- Pollica (SA), sindaco Mario Rossi\n\n"
        "- Penne (PE), sindaco Luca Bianchi\n\n- Trevi (PG), sindaco Anna Verdi\n",
        "Fanno parte del direttivo di Cittaslow Italia:\n- Cento (FE)\n- Penne (PE)\n- Trevi (PG)\n",
    ],
)
def test_a_listed_town_named_like_a_common_word_keeps_the_list_going(extract, text):
    memberships, _ = extract(text)
    assert {"penne", "trevi"} <= members_of(memberships, "Cittaslow")


@pytest.mark.parametrize(
    "text",
    [
        "Avviso Pubblico ha rinnovato i suoi organi. Nel Collegio dei Revisori dei conti ci sono i comuni di Tollo, Siena e "
        "Cremona.",
        "Avviso Pubblico ha rinnovato il direttivo. Definiti anche i Comuni del Collegio dei revisori dei conti: Tollo, Siena e "
        "Cremona.",
    ],
)
def test_the_networks_auditors_are_members(extract, text):
    memberships, _ = extract(text)
    auditors = [m for m in memberships if name_key(m.member) in {"tollo", "siena", "cremona"}]
    assert {name_key(m.member) for m in auditors} == {"tollo", "siena", "cremona"}
    assert {m.role for m in auditors} == {"member"}


@pytest.mark.parametrize(
    "text",
    [
        "La rete Cittaslow riunisce 270 comuni. In Italia ne fanno già parte, tra le altre, la Lombardia e il Piemonte.",
        "Hanno aderito a Cittaslow la Lombardia e il Piemonte, oltre a 40 comuni della Toscana.",
    ],
)
def test_italian_regions_named_without_regione_are_region_members(extract, text):
    memberships, _ = extract(text)
    regions = {name_key(m.member) for m in memberships if m.member_kind == "region"}
    assert regions == {"regione lombardia", "regione piemonte"}


@pytest.mark.parametrize(
    "text",
    [
        "Potenza ha firmato il Patto dei Sindaci per il Clima e l'Energia. \"Non partiamo da zero: Matera è firmataria dal 2012\".",
        "Lecce entra nel Patto dei Sindaci per il Clima e l'Energia. Anche Matera e Bari sono firmatarie da anni.",
    ],
)
def test_a_signatory_of_the_covenant_spoken_of_is_a_member(extract, text):
    memberships, _ = extract(text)
    assert "matera" in {name_key(m.member) for m in memberships}


@pytest.mark.parametrize(
    "text",
    [
        "Prato, Pistoia e Lucca sono le città toscane della rete Avviso Pubblico.",
        "Tra i comuni della rete Avviso Pubblico ci sono anche Prato, Pistoia e Lucca.",
    ],
)
def test_towns_called_the_networks_own_are_members(extract, text):
    memberships, _ = extract(text)
    assert members_of(memberships, "Avviso Pubblico") == {"prato", "pistoia", "lucca"}


def test_towns_of_a_network_named_by_their_town_are_no_members(extract):
    memberships, _ = extract("ANCI Piemonte ha incontrato i sindaci delle città di Asti, Cuneo e Torino.")
    assert not memberships


@pytest.mark.parametrize(
    "text",
    [
        "Anche quest'anno Pesaro conferma la sua partecipazione alla rete Città Sane.",
        "Pesaro e Fano partecipano alla rete Città Sane dal 2005.",
    ],
)
def test_taking_part_in_a_network_is_membership(extract, text):
    memberships, _ = extract(text)
    assert "pesaro" in members_of(memberships, "Rete Città Sane OMS")


@pytest.mark.parametrize(
    "text",
    [
        "Il Comune di Lecce ha presentato domanda di ammissione all'Associazione Città dell'Olio.",
        "Lecce ha avviato la richiesta di ammissione all'Associazione Città dell'Olio.",
    ],
)
def test_applying_for_admission_is_a_candidacy(extract, text):
    memberships, _ = extract(text)
    assert [(name_key(m.member), m.status) for m in memberships] == [("lecce", "candidate")]


@pytest.mark.parametrize(
    "text",
    [
        "Lecco entra nella rete Cittaslow.\n\nLeggi anche:\nBergamo aderisce ad Avviso Pubblico\nComo entra in Eurocities\n",
        "Lecco entra nella rete Cittaslow.\n\nARTICOLI CORRELATI\nBergamo aderisce ad Avviso Pubblico\n\nComo entra in Eurocities.",
    ],
)
def test_headlines_under_a_related_links_heading_give_no_record(extract, text):
    memberships, _ = extract(text)
    assert "bergamo" not in {name_key(m.member) for m in memberships}
    assert "lecco" in members_of(memberships, "Cittaslow")


@pytest.mark.parametrize(
    "text",
    [
        "Il direttivo di Avviso Pubblico ha deliberato l'adesione dei seguenti comuni della Regione Veneto: Padova, Rovigo e Chioggia.",
        "Sono entrati nella rete Avviso Pubblico tre comuni della Regione Veneto, cioè Padova, Rovigo e Chioggia.",
        "Aderiscono ad Avviso Pubblico anche alcune città del Veneto: Padova, Rovigo e Chioggia.",
    ],
)
def test_the_region_the_member_comuni_lie_in_is_no_member(extract, text):
    memberships, _ = extract(text)
    assert {m.member for m in memberships} == {"Padova", "Rovigo", "Chioggia"}


@pytest.mark.parametrize(
    "text",
    [
        "Bra nominata Città Creativa UNESCO.\n\nLa città entra così nella rete delle Città Creative UNESCO.",
        "Parma è stata designata Città Creativa UNESCO per la gastronomia.",
    ],
)
def test_a_town_named_after_the_network_is_a_member_not_a_board_seat(extract, text):
    memberships, _ = extract(text)
    assert memberships and {(m.role, m.status) for m in memberships} == {("member", "member")}


@pytest.mark.parametrize(
    "text",
    [
        "L'amministrazione comunale di Lecce ha avviato l'iter per l'adesione alla Rete Italiana Città Sane.",
        "Il Comune di Lecce ha avviato l'iter per entrare nella Rete Italiana Città Sane.",
    ],
)
def test_starting_the_procedure_to_join_is_a_candidacy(extract, text):
    memberships, _ = extract(text)
    assert [(m.member, m.status) for m in memberships] == [("Lecce", "candidate")]


@pytest.mark.parametrize(
    "text",
    [
        "Sono 4 i comuni che hanno aderito nel 2023 all'Associazione Borghi Autentici d'Italia:\nAgnone (IS), Bova (RC), Ortona (CH) e Scanno (AQ).",
        "Nuovi soci per la rete Cittaslow, che ha accolto quest'anno:\nAgnone, Bova, Ortona e Scanno.",
        "Hanno aderito alla rete Cittaslow:\n- Agnone (IS)\n- Bova (RC)\n- Ortona (CH)\n- Scanno (AQ)",
    ],
)
def test_a_list_on_the_line_after_a_colon_names_the_members(extract, text):
    memberships, _ = extract(text)
    assert {m.member for m in memberships} == {"Agnone", "Bova", "Ortona", "Scanno"}


@pytest.mark.parametrize(
    "text",
    [
        "Torino aderisce a molte reti. Tra queste: la Rete delle Città Creative UNESCO, nella quale è entrata nel 2014 "
        "per il design; ICLEI, la rete dei governi locali; Eurocities.",
        "Torino aderisce a molte reti: la Rete delle Città Creative UNESCO, della quale fa parte dal 2014; ICLEI, la rete mondiale; Eurocities.",
    ],
)
def test_a_network_before_nella_quale_is_joined_not_a_member(extract, text):
    memberships, _ = extract(text)
    assert {(m.member, m.network) for m in memberships} == {
        ("Torino", "EUROCITIES"), ("Torino", "UNESCO Creative Cities Network"), ("Torino", "ICLEI")}


@pytest.mark.parametrize(
    "text",
    [
        "Sono tre i comuni entrati quest'anno nella rete Cittaslow. Eccoli: Frontone, Gradara e Treia.",
        "Tre nuove città hanno aderito alla rete Cittaslow.\nEccole: Frontone, Gradara e Treia.",
    ],
)
def test_eccoli_names_the_members_the_sentence_before_announced(extract, text):
    memberships, _ = extract(text)
    assert {m.member for m in memberships} == {"Frontone", "Gradara", "Treia"}


@pytest.mark.parametrize(
    "text",
    [
        "Il Comitato di Coordinamento di Cittaslow International ha certificato tre nuove città: Cisternino, Vieste e Lauria.",
        "Il consiglio direttivo di Cittaslow ha approvato l'ingresso di Cisternino, Vieste e Lauria.",
    ],
)
def test_the_body_that_decides_on_members_gives_them_no_seat(extract, text):
    memberships, _ = extract(text)
    assert {(m.member, m.role) for m in memberships} == {("Cisternino", "member"), ("Vieste", "member"), ("Lauria", "member")}


def test_a_board_that_new_members_enter_is_still_a_seat(extract):
    memberships, _ = extract("Nel comitato direttivo di Cittaslow entrano Cisternino, Vieste e Lauria.")
    assert {m.role for m in memberships} == {"board"}


@pytest.mark.parametrize(
    "text",
    [
        "Salgono a dieci i comuni che hanno aderito al Patto dei Sindaci. Giovedì hanno sottoscritto l'impegno i sindaci di "
        "Alba, Bra e Fossano.",
        "Cresce il Patto dei Sindaci in provincia: lunedì hanno sottoscritto l'adesione i sindaci di Alba, Bra e Fossano.",
    ],
)
def test_the_towns_whose_mayors_sign_are_members(extract, text):
    records, _ = extract(text)
    assert {m.member for m in records} == {"Alba", "Bra", "Fossano"}


@pytest.mark.parametrize(
    "text",
    [
        "La Rete Italiana Città Sane ha rinnovato i suoi organi. Il collegio dei revisori dei conti, eletto nella stessa seduta, "
        "sarà composto da Lodi, Matera e Rovereto.",
        "All'assemblea della Rete Italiana Città Sane sono stati eletti i revisori: Lodi, Matera e Rovereto.",
    ],
)
def test_auditors_are_members_with_no_seat(extract, text):
    records, _ = extract(text)
    assert {(m.member, m.role) for m in records} == {("Lodi", "member"), ("Matera", "member"), ("Rovereto", "member")}


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Del nuovo Comitato direttivo della Rete Italiana Città Sane fanno parte Udine e Piacenza, mentre Siena e Molfetta "
         "sono state confermate nel Collegio dei revisori.",
         {("Udine", "board"), ("Piacenza", "board"), ("Siena", "member"), ("Molfetta", "member")}),
        ("Nel consiglio direttivo di Cittaslow entrano Orvieto e Bra, mentre Gavi e Pollica aderiscono alla rete.",
         {("Orvieto", "board"), ("Bra", "board"), ("Gavi", "member"), ("Pollica", "member")}),
    ],
)
def test_a_clause_after_mentre_keeps_its_own_roles(extract, text, roles):
    records, _ = extract(text)
    assert {(m.member, m.role) for m in records} == roles


@pytest.mark.parametrize(
    "text",
    [
        "Il Comune di Palermo assumerà il coordinamento regionale di Avviso Pubblico per la Sicilia.",
        "Palermo è stata nominata coordinatrice regionale di Avviso Pubblico per la Sicilia.",
    ],
)
def test_a_city_coordinating_the_network_for_its_region_is_its_coordinator(extract, text):
    records, _ = extract(text)
    assert [(m.member, m.role) for m in records] == [("Palermo", "coordinator")]


@pytest.mark.parametrize(
    "text",
    [
        "Entra in Cittaslow la vicina Gavi, certificata dal Comitato di coordinamento il 12 aprile 2019.",
        "Gavi entra in Cittaslow: l'ingresso è stato approvato dal Consiglio direttivo della rete.",
    ],
)
def test_the_body_approving_a_member_as_passive_agent_gives_no_seat(extract, text):
    records, _ = extract(text)
    assert [(m.member, m.role) for m in records] == [("Gavi", "member")]


@pytest.mark.parametrize(
    "text",
    [
        "La presidenza di Eurocities resta a Firenze fino al 2024.",
        "La vicepresidenza di Eurocities torna a Firenze dopo dieci anni.",
    ],
)
def test_the_city_an_office_stays_with_has_a_seat(extract, text):
    records, _ = extract(text)
    assert [(m.member, m.role) for m in records] == [("Firenze", "board")]


@pytest.mark.parametrize(
    "text",
    [
        "Senigallia si è iscritta al Patto dei Sindaci il 18 aprile 2011.",
        "Nel 2011 Fano e Senigallia si sono iscritte al Patto dei Sindaci.",
    ],
)
def test_a_city_that_enrolled_is_a_member(extract, text):
    records, _ = extract(text)
    assert ("Senigallia", "member", "member") in {(m.member, m.role, m.status) for m in records}


@pytest.mark.parametrize(
    "text",
    [
        "Siracusa ha chiesto di entrare in Eurocities. La domanda, inviata alla sede di Bruxelles, sarà esaminata dal Comitato "
        "esecutivo a giugno.",
        "Siracusa ha chiesto di entrare in Eurocities: la candidatura sarà valutata dal Comitato esecutivo della rete.",
    ],
)
def test_the_body_examining_a_candidacy_gives_no_seat(extract, text):
    records, _ = extract(text)
    assert {(m.member, m.role, m.status) for m in records} == {("Siracusa", "member", "candidate")}


@pytest.mark.parametrize(
    "text",
    [
        "Brescia, 6 agosto 2020 – Nel giorno dell'anniversario di Hiroshima, la Giunta ha approvato l'adesione della Città al "
        "Coordinamento Nazionale degli Enti Locali per la Pace.",
        "Brescia, 6 agosto 2020 – Dopo l'incontro con il sindaco di Nagasaki, il Consiglio ha votato l'ingresso del Comune in "
        "Mayors for Peace.",
    ],
)
def test_the_city_a_joining_noun_names_is_the_member_not_a_place_before_it(extract, text):
    records, _ = extract(text)
    assert {m.member for m in records} == {"Brescia"}


@pytest.mark.parametrize(
    "text",
    [
        "L'assemblea generale di ALDA ha eletto il Comune di Feltre nel Consiglio di amministrazione dell'associazione.",
        "Feltre entra nel consiglio di amministrazione di Eurocities per il triennio 2024-2027.",
    ],
)
def test_a_seat_on_the_board_of_directors_is_a_board_record(extract, text):
    records, _ = extract(text)
    assert [(m.member, m.role) for m in records] == [("Feltre", "board")]


@pytest.mark.parametrize(
    "text",
    [
        "Il Coordinamento Agende 21 Locali Italiane conta nelle Marche i comuni di Fabriano e Osimo.",
        "Avviso Pubblico conta negli Abruzzi e nelle Marche i comuni di Fabriano e Osimo.",
    ],
)
def test_the_region_the_members_lie_in_after_nelle_is_no_member(extract, text):
    records, _ = extract(text)
    assert {m.member for m in records} == {"Fabriano", "Osimo"}


@pytest.mark.parametrize(
    "text",
    [
        "Il Comune di Rovigo non ha ancora aderito ad Avviso Pubblico, nonostante le sollecitazioni.",
        "La candidatura di Benevento alla Rete delle Città Creative UNESCO non è stata accolta: ne ha dato notizia l'assessore.",
        "Lucca e Pisa non fanno parte di Cittaslow, ha precisato il sindaco.",
    ],
)
def test_a_denied_cue_gives_no_record(extract, text):
    memberships, _ = extract(text)
    assert memberships == []


def test_a_nouns_non_is_no_denial(extract):
    text = ("Il primo dei non eletti, ovvero il Comune di Ponte di Piave, sarà membro invitato permanente "
            "del Comitato Direttivo della Rete Città Sane.")
    memberships, _ = extract(text)
    assert [(m.member, m.role) for m in memberships] == [("Ponte di Piave", "board")]


@pytest.mark.parametrize(
    "text",
    [
        "Hanno sottoscritto il Patto dei Sindaci anche i Comuni di Arzachena, Olbia e Tempio Pausania, impegnandosi a ridurre le emissioni.",
        "Nel 2023 hanno firmato il Patto dei Sindaci per il Clima anche Arzachena, Olbia e Tempio Pausania.",
    ],
)
def test_towns_signing_a_covenant_after_it_is_named_are_members(extract, text):
    memberships, _ = extract(text)
    assert {"arzachena", "olbia", "tempio pausania"} <= {name_key(m.member) for m in memberships}


@pytest.mark.parametrize(
    ("text", "network"),
    [
        ("Il Comune di Savona entra in ICLEI. Savona sarà il quarto comune ligure nella rete, dopo Genova, La Spezia e Sanremo.", "ICLEI"),
        ("Il Comune di Savona entra in Cittaslow: è la quarta città ligure della rete, dopo Genova, La Spezia e Sanremo.", "Cittaslow"),
    ],
)
def test_members_counted_before_a_newcomer_are_members(extract, text, network):
    memberships, _ = extract(text)
    assert {"genova", "la spezia", "sanremo"} <= {name_key(m.member) for m in memberships if network.lower() in m.network.lower()}


@pytest.mark.parametrize(
    "text",
    [
        "Con il voto di Strasburgo le quattro adesioni diventano effettive e salgono a 64 i membri italiani di ALDA.",
        "Dopo la seduta di Bruxelles, i membri della rete Eurocities salgono a 200.",
        "Al seminario di Lione i soci di Energy Cities hanno discusso il piano.",
    ],
)
def test_the_place_a_meeting_or_vote_is_named_for_is_no_member(extract, text):
    memberships, _ = extract(text)
    assert memberships == []


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("Bologna è stata rieletta nello Steering Committee di ECCAR. Nel comitato siedono anche Potsdam, Lione e Barcellona.",
         {"potsdam", "lione", "barcellona"}),
        ("La Regione Puglia guida la CRPM. Nell'Ufficio politico della CRPM siederanno anche la Regione Siciliana e la Regione Toscana.",
         {"regione siciliana", "regione toscana"}),
    ],
)
def test_places_sitting_on_a_networks_body_hold_board_seats(extract, text, members):
    memberships, _ = extract(text)
    assert members <= {name_key(m.member_mention) for m in memberships if m.role == "board"}


@pytest.mark.parametrize(
    "text",
    [
        "Il consiglio comunale di Fano ha respinto la mozione che proponeva l'adesione del Comune a Cittaslow.",
        "La candidatura di Lecce alla rete Cittaslow è stata bocciata dal comitato internazionale.",
        "Il comitato ha rigettato la domanda di adesione di Bra alla rete Cittaslow.",
    ],
)
def test_a_rejected_joining_gives_no_record(extract, text):
    memberships, _ = extract(text)
    assert memberships == []


@pytest.mark.parametrize(
    "text",
    [
        "Firmato nella Sala del Consiglio il gemellaggio tra il Comune di Montepulciano e la città di Eltville, sostenuto dall'AICCRE.",
        "I Comuni di Arezzo e Perugia hanno sottoscritto un protocollo d'intesa, alla presenza dei vertici di ANCI Toscana.",
    ],
)
def test_signing_an_agreement_or_a_twinning_is_no_membership(extract, text):
    memberships, _ = extract(text)
    assert memberships == []


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("Sarà ANCI a coordinare la rete READY. Il Comune di Prato, partner della rete dal 2019, ospiterà l'incontro.", "prato"),
        ("La Città di Bologna, partner della rete Eurocities dal 2005, ospita il forum annuale.", "bologna"),
    ],
)
def test_a_partner_of_a_network_is_its_member(extract, text, member):
    memberships, _ = extract(text)
    assert (member, "member") in {(name_key(m.member_mention), m.role) for m in memberships}


@pytest.mark.parametrize(
    "text",
    [
        "Il Comune di Ceva ha avviato l'iter deliberativo per entrare nell'associazione Città del Tartufo.",
        "Il Comune di Ceva ha aperto la procedura formale di adesione alla rete Cittaslow.",
    ],
)
def test_an_adhesion_procedure_under_way_makes_a_candidate(extract, text):
    memberships, _ = extract(text)
    assert [(m.member, m.status) for m in memberships] == [("Ceva", "candidate")]


@pytest.mark.parametrize(
    "text",
    [
        "Il Comune di Pistoia ha partecipato al webinar organizzato da Energy Cities sulle comunità energetiche.",
        "Il Comune di Lecce partecipa al convegno nazionale di Cittaslow a Orvieto.",
    ],
)
def test_taking_part_in_a_networks_event_is_no_membership(extract, text):
    memberships, _ = extract(text)
    assert memberships == []


@pytest.mark.parametrize(
    "text",
    [
        "Bari entra in due progetti europei finanziati dall'Unione europea.",
        "Lo coordina il Politecnico di Bari con la municipalità di Sfax, grazie all'Unione europea.",
    ],
)
def test_the_european_union_is_no_network_of_members(extract, text):
    memberships, _ = extract(text)
    assert not [m for m in memberships if "europea" in m.network.lower()]


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto SOLE parte a Trento. Il capofila è il Consorzio dei Comuni Trentini; partecipano i Comuni di Arco e Riva del Garda.",
        "Il progetto SOLE è guidato dal Consorzio dei Comuni Trentini. Ne fanno parte anche i Comuni di Arco e Riva del Garda.",
    ],
)
def test_partners_of_one_project_are_no_members_of_its_lead(extract, text):
    memberships, projects = extract(text)
    assert {"Arco", "Riva del Garda"} <= {p.name for p in projects[0].participants}
    assert memberships == []


@pytest.mark.parametrize(
    "text",
    [
        "La rete Città Sane ha eletto il nuovo Consiglio direttivo.\nIl Consiglio direttivo è composto dai seguenti enti:\n"
        "Padova – Marco Ruggieri\nModena – Elisa Corradi\nBergamo – Luca Pesenti\n",
        "Rinnovati gli organi di Avviso Pubblico. Il Comitato esecutivo è così composto:\nPadova – Marco Ruggieri\n"
        "Modena – Elisa Corradi\nBergamo – Luca Pesenti\n",
    ],
)
def test_table_rows_of_a_place_and_its_representative_are_board_seats(extract, text):
    memberships, _ = extract(text)
    assert {"padova", "modena", "bergamo"} <= {name_key(m.member) for m in memberships if m.role == "board"}


@pytest.mark.parametrize(
    "text",
    [
        "Sono sei i nuovi soci del Coordinamento Nazionale degli Enti Locali per la Pace: i Comuni di Assisi, Gubbio e Todi.",
        "Tra i soci del Coordinamento Agende 21 Locali Italiane figurano i Comuni di Assisi, Gubbio e Todi.",
    ],
)
def test_a_cue_word_in_the_networks_own_name_gives_no_seat(extract, text):
    memberships, _ = extract(text)
    found = [m for m in memberships if name_key(m.member) in {"assisi", "gubbio", "todi"}]
    assert len(found) == 3 and {m.role for m in found} == {"member"}


@pytest.mark.parametrize(
    "text",
    [
        "Sono nuovi soci della Rete dei Comuni Sostenibili i Comuni di Assisi e Gubbio e l'Unione dei Comuni del Trasimeno.",
        "L'Unione Montana Alta Valle Susa versa la quota associativa di Cittaslow per i comuni di Oulx e Bardonecchia, soci della rete.",
    ],
)
def test_a_union_of_comuni_is_no_network_of_its_comuni(extract, text):
    memberships, _ = extract(text)
    assert not any(name_key(m.network).startswith("unione") for m in memberships)


@pytest.mark.parametrize(
    "text",
    [
        "Il consiglio direttivo di Cittaslow ha approvato le domande di adesione dei Comuni di Squillace e Laterza.",
        "Via libera dall'assemblea di Cittaslow: approvate le richieste di ingresso dei Comuni di Squillace e Laterza.",
    ],
)
def test_an_application_the_network_approved_makes_members(extract, text):
    memberships, _ = extract(text)
    found = [m for m in memberships if name_key(m.member) in {"squillace", "laterza"}]
    assert len(found) == 2 and {m.status for m in found} == {"member"}


@pytest.mark.parametrize(
    "text",
    [
        "Nuovi soci per Cittaslow. Resta invece sospesa la richiesta presentata dal Comune di Laterza.",
        "Nuovi soci per Cittaslow. È ancora all'esame la domanda inoltrata dal Comune di Laterza.",
    ],
)
def test_an_application_still_pending_makes_a_candidate(extract, text):
    memberships, _ = extract(text)
    found = [m for m in memberships if name_key(m.member) == "laterza"]
    assert found and {m.status for m in found} == {"candidate"}


@pytest.mark.parametrize(
    "text",
    [
        "L'assemblea della Rete Città Sane ha eletto il nuovo Comitato Direttivo. Ne fanno parte i Comuni di Bari, Padova e Arezzo.",
        "Cittaslow ha rinnovato il suo consiglio direttivo. Ne fanno parte Bari, Padova e Arezzo.",
    ],
)
def test_ne_fanno_parte_after_a_board_election_gives_its_seats(extract, text):
    memberships, _ = extract(text)
    found = [m for m in memberships if name_key(m.member) in {"bari", "padova", "arezzo"}]
    assert len(found) == 3 and {m.role for m in found} == {"board"}


@pytest.mark.parametrize(
    "text",
    [
        "Il partenariato conta dodici enti di sei Paesi. Oltre a Eurocities ne fanno parte i Comuni di Bari, Padova e Arezzo.",
        "Il consorzio riunisce nove partner di cinque Paesi. Oltre a Eurocities ne fanno parte i Comuni di Bari, Padova e Arezzo.",
    ],
)
def test_ne_fanno_parte_after_a_project_sentence_gives_no_membership(extract, text):
    memberships, _ = extract(text)
    assert not any(name_key(m.member) in {"bari", "padova", "arezzo"} for m in memberships)


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("Di Cittaslow fanno già parte tra gli altri la Città di Lublino e l'Associazione dei comuni della Regione di Tirana.", "lublino"),
        ("Gli altri nuovi soci di ALDA sono:\n- Comune di Zenica (Bosnia ed Erzegovina)\n"
         "- Associazione dei comuni della Regione di Tirana (Albania)\n",
         "zenica"),
    ],
)
def test_a_body_listed_among_the_members_is_not_their_network(extract, text, member):
    memberships, _ = extract(text)
    networks = {name_key(m.network) for m in memberships if name_key(m.member).startswith(member[:5])}
    assert networks and not any("tirana" in network for network in networks)


@pytest.mark.parametrize(
    "text",
    [
        "Lucca ospita l'assemblea della Rete dei Comuni Sostenibili, ma il Comune non ha in programma di aderire alla Rete.",
        "Quest'anno il Comune di Milano non ha rinnovato l'adesione alla Rete dei Comuni Sostenibili.",
    ],
)
def test_no_plan_to_join_or_a_membership_not_renewed_is_no_record(extract, text):
    memberships, _ = extract(text)
    assert not any(name_key(m.member) in {"lucca", "milano"} for m in memberships)


@pytest.mark.parametrize(
    "text",
    [
        "Lucca è felice di accogliere l'assemblea annuale della Rete dei Comuni Sostenibili.",
        "Lucca è pronta ad accogliere le delegazioni della rete Energy Cities per il forum annuale.",
    ],
)
def test_welcoming_a_networks_event_is_no_membership(extract, text):
    memberships, _ = extract(text)
    assert not any(name_key(m.member) == "lucca" for m in memberships)


@pytest.mark.parametrize(
    "text",
    [
        "In Italia fanno parte della rete Metropolis Roma Capitale e la Città metropolitana di Torino.",
        "Roma Capitale ha aderito a Eurocities nel 2010.",
    ],
)
def test_roma_capitale_is_the_city(loaded, text):
    assert ("Roma Capitale", "CITY") in [(ent.text, ent.label_) for ent in loaded.nlp(text).ents]


@pytest.mark.parametrize(
    "text",
    [
        "La Provincia coordina il Patto dei Sindaci sul territorio. Tra i primi ad aver sottoscritto il Patto figurano Oderzo e Asolo.",
        "Il Patto dei Sindaci cresce in Veneto. Hanno firmato il Patto anche Oderzo e Asolo.",
    ],
)
def test_signing_the_covenant_named_as_il_patto_joins_it(extract, text):
    memberships, _ = extract(text)
    assert {"oderzo", "asolo"} <= {name_key(m.member) for m in memberships if "patto" in name_key(m.network)}
