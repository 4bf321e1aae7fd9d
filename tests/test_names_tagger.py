"""it_names_tagger on Italian press-release sentences, with hand-set entities standing in for
the statistical NER (LOC/ORG/PER) and for the DATE rules that run before it."""

from __future__ import annotations

import pytest
import spacy

import itnet.nlp.names_tagger  # noqa: F401  (registers the factory)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_names_tagger")
    return nlp


def tag(nlp, text: str, ents: list[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """Run the component on `text` whose earlier entities are the (substring, label) pairs."""
    doc = nlp.make_doc(text)
    spans = []
    for substring, label in ents:
        start = text.index(substring)
        spans.append(doc.char_span(start, start + len(substring), label=label))
    doc.ents = spans
    doc = nlp.get_pipe("it_names_tagger")(doc)
    return [(ent.text, ent.label_) for ent in doc.ents]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("Il Comune di Cagliari ha aderito alla rete.", [("Comune di Cagliari", "ORG")], ("Cagliari", "CITY")),
        ("La Città di Torino partecipa.", [("Città di Torino", "ORG")], ("Torino", "CITY")),
        (
            "Ne ha parlato la Città metropolitana di Genova.",
            [("Città metropolitana di Genova", "ORG")],
            ("Genova", "CITY"),
        ),
        ("Lo ha deciso il Consiglio comunale di Cracovia.", [("Consiglio comunale di Cracovia", "ORG")], ("Cracovia", "CITY")),
        ("Tra i partner la Municipality of Krakow.", [("Municipality of Krakow", "ORG")], ("Krakow", "CITY")),
        ("Partecipa anche la Bashkia Vlore.", [("Bashkia Vlore", "CITY")], ("Vlore", "CITY")),
        ("Con la Stadt Graz il progetto si allarga.", [("Stadt Graz", "ORG")], ("Graz", "CITY")),
    ],
)
def test_local_government_is_its_place_only(nlp, text, ents, expected):
    assert tag(nlp, text, ents) == [expected]


@pytest.mark.parametrize(
    ("text", "statistical", "name"),
    [
        ("Lo ha sottolineato l'assessore ai Diritti Marco Giusta.", "l'assessore ai Diritti Marco Giusta", "Marco Giusta"),
        ("Presenti le consigliere delegate Anna Merlin e Barbara Azzarà.", "delegate Anna Merlin", "Anna Merlin"),
        ("Ha parlato la sindaca Chiara Appendino.", "la sindaca Chiara Appendino", "Chiara Appendino"),
        (
            "Interviene l'assessora alle Politiche Sociali Anna De Luca.",
            "l'assessora alle Politiche Sociali Anna De Luca",
            "Anna De Luca",
        ),
        ("Secondo il Prof. Mario Rossi la rete cresce.", "Prof. Mario Rossi", "Mario Rossi"),
    ],
)
def test_person_is_name_without_title(nlp, text, statistical, name):
    assert tag(nlp, text, [(statistical, "PER")]) == [(name, "PERSON")]


@pytest.mark.parametrize(
    ("text", "statistical", "name"),
    [
        # "Marco" is also a town: after a title it is a person, and the surname the model left joins it
        ("La Città, su proposta dell'Assessore Marco Giusta, intende aderire.", "Marco", "Marco Giusta"),
        ("Ha parlato il sindaco Marco Rossi Bianchi.", "Marco", "Marco Rossi Bianchi"),
        ("Ha parlato il sindaco Marco a Torino.", "Marco", "Marco"),
        ("Ha sottolineato l'assessore ai Diritti Marco Giusta.", "Marco", "Marco Giusta"),
    ],
)
def test_titled_person_is_no_place_and_keeps_its_surname(nlp, text, statistical, name):
    assert tag(nlp, text, [(statistical, "PER")])[0] == (name, "PERSON")


def test_a_name_far_from_a_title_can_be_a_place(nlp):
    text = "L'assessore lo ha detto ieri mattina a Marco durante la visita."
    assert tag(nlp, text, [("Marco", "PER")]) == [("Marco", "CITY")]


@pytest.mark.parametrize(
    ("text", "statistical", "place"),
    [
        ("Gli altri partner sono le città di Kalamata, Trikala e Larissa (Grecia).", "Larissa", ("Larissa", "CITY")),
        ("Il gemellaggio con Cracovia compie trent'anni.", "Cracovia", ("Cracovia", "CITY")),
        ("Sono arrivate delegazioni da Lione e da Tangeri.", "Tangeri", ("Tangeri", "CITY")),
    ],
)
def test_a_conjunction_or_preposition_is_no_title(nlp, text, statistical, place):
    assert place in tag(nlp, text, [(statistical, "PER")])


@pytest.mark.parametrize(
    ("text", "statistical", "name"),
    [
        ("Sono intervenuti il sindaco e Marco Rossi.", "e Marco Rossi", "Marco Rossi"),
        ("Ne ha parlato con Anna Merlin.", "con Anna Merlin", "Anna Merlin"),
    ],
)
def test_a_person_span_drops_a_leading_conjunction_or_preposition(nlp, text, statistical, name):
    assert tag(nlp, text, [(statistical, "PER")]) == [(name, "PERSON")]


def test_titled_person_does_not_take_a_tagged_place(nlp):
    text = "Lo ha detto il sindaco Marco Torino oggi."
    assert tag(nlp, text, [("Marco", "PER"), ("Torino", "LOC")]) == [("Marco", "PERSON"), ("Torino", "CITY")]


@pytest.mark.parametrize(
    ("loc", "label"),
    [("Cracovia", "CITY"), ("Lione", "CITY"), ("Paesi Bassi", "COUNTRY"), ("Svizzera", "COUNTRY"), ("Piemonte", "LOC")],
)
def test_statistical_loc_relabelled_by_gazetteer(nlp, loc, label):
    assert tag(nlp, f"L'incontro si è svolto in {loc} ieri.", [(loc, "LOC")]) == [(loc, label)]


def test_missed_cities_and_countries_are_added(nlp):
    text = "Coinvolge nove città: Amman, Beirut, Lisbona, Tangeri e Vienna, in Marocco e in Giordania."
    assert tag(nlp, text) == [
        ("Amman", "CITY"),
        ("Beirut", "CITY"),
        ("Lisbona", "CITY"),
        ("Tangeri", "CITY"),
        ("Vienna", "CITY"),
        ("Marocco", "COUNTRY"),
        ("Giordania", "COUNTRY"),
    ]


def test_place_name_inside_an_untagged_name_is_not_added(nlp):
    assert tag(nlp, "Presenti Barbara Azzarà e Luca Vienna.") == []


def test_multiword_municipality_with_lower_case_word(nlp):
    text = "Insieme alle città coinvolte (Asti, Cuneo e Settimo torinese)."
    assert tag(nlp, text) == [("Asti", "CITY"), ("Cuneo", "CITY"), ("Settimo torinese", "CITY")]


@pytest.mark.parametrize(
    "text",
    [
        "Cento anni fa nacque l'associazione.",
        "Il Paese ha bisogno di riforme.",
        "Bra è stata citata.",
        "Come ogni anno, la Città partecipa.",
        "La sede è in via Roma e in corso Francia.",
        "Il Calendario degli eventi è online.",
    ],
)
def test_common_words_and_street_names_are_not_places(nlp, text):
    assert tag(nlp, text) == []


def test_alias_table_org_replaces_shorter_statistical_span(nlp):
    text = "La Coalizione Europea delle Città contro il Razzismo (ECCAR) è una rete."
    assert tag(nlp, text, [("Coalizione Europea", "ORG")]) == [
        ("Coalizione Europea delle Città contro il Razzismo", "ORG"),
        ("ECCAR", "ORG"),
    ]


def test_acronym_in_brackets_is_a_separate_org(nlp):
    text = "Capofila è l'Istituto per la Cooperazione Urbana (ICU), con sede a Roma."
    assert tag(nlp, text, [("Istituto per la Cooperazione Urbana (ICU)", "ORG")]) == [
        ("Istituto per la Cooperazione Urbana", "ORG"),
        ("ICU", "ORG"),
        ("Roma", "CITY"),
    ]


def test_unknown_acronym_after_statistical_org_is_tagged(nlp):
    text = "Partner è la Fondazione Nord Sud (FNS) di Milano."
    assert tag(nlp, text, [("Fondazione Nord Sud", "ORG"), ("Milano", "LOC")]) == [
        ("Fondazione Nord Sud", "ORG"),
        ("FNS", "ORG"),
        ("Milano", "CITY"),
    ]


def test_longer_statistical_org_keeps_alias_inside_it(nlp):
    text = "Ha aderito l'Associazione dei Comuni del Patto dei Sindaci Veneti."
    org = "Associazione dei Comuni del Patto dei Sindaci Veneti"
    assert tag(nlp, text, [(org, "ORG")]) == [(org, "ORG")]


def test_org_aliases_and_acronyms_added(nlp):
    text = "Il progetto, finanziato dal fondo europeo FAMI e coordinato da EUROCITIES, coinvolge ANCI Piemonte."
    assert tag(nlp, text) == [("FAMI", "ORG"), ("EUROCITIES", "ORG"), ("ANCI Piemonte", "ORG")]


@pytest.mark.parametrize("text", ["Tu sai che la rete cresce.", "Sai che la rete cresce?", "Lo ha detto Alda Merini."])
def test_short_acronym_matches_only_in_capitals(nlp, text):
    assert tag(nlp, text) == []


def test_long_acronym_matches_capitalised(nlp):
    assert tag(nlp, "Adesione della città di Torino alla rete Eccar.") == [("Torino", "CITY"), ("Eccar", "ORG")]


def test_date_and_project_spans_are_kept(nlp):
    text = "Nel 2015 il progetto MC2CM ha coinvolto Tunisi."
    result = tag(nlp, text, [("2015", "DATE"), ("MC2CM", "PROJECT"), ("Tunisi", "LOC")])
    assert result == [("2015", "DATE"), ("MC2CM", "PROJECT"), ("Tunisi", "CITY")]


def test_alias_never_overlaps_earlier_rule_entity(nlp):
    text = "Il progetto Rete Città Sane OMS 2030 è partito."
    assert tag(nlp, text, [("Rete Città Sane OMS 2030", "PROJECT")]) == [("Rete Città Sane OMS 2030", "PROJECT")]


def test_statistical_org_that_is_a_country_becomes_country(nlp):
    assert tag(nlp, "Anche la Svizzera co-finanzia.", [("Svizzera", "ORG")]) == [("Svizzera", "COUNTRY")]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # the model tagged the government prefix apart from its place
        ("Nella strategia della Città di Torino contro le discriminazioni.", [("Città di", "LOC"), ("Torino", "LOC")],
         [("Torino", "CITY")]),
        ("Tra i partner, la Città di Torino e ANCI Piemonte.", [("Città di", "ORG"), ("Torino", "LOC")],
         [("Torino", "CITY"), ("ANCI Piemonte", "ORG")]),
        ("Lo ha approvato il Comune di Cagliari.", [("Comune di", "LOC"), ("Cagliari", "LOC")], [("Cagliari", "CITY")]),
    ],
)
def test_government_prefix_alone_is_no_entity(nlp, text, ents, expected):
    assert tag(nlp, text, ents) == expected


def test_glued_word_after_a_listed_name_leaves_the_model_entity(nlp):
    text = "Coordinatore della Rete Italiana delle Città del Dialogorete che forma parte del programma."
    assert tag(nlp, text, [("Rete Italiana delle Città del Dialogorete", "ORG")]) == [
        ("Rete Italiana delle Città del Dialogo", "ORG")]


@pytest.mark.parametrize(
    ("text", "statistical", "names"),
    [
        ("La rete fa parte del Programma ICC del Consiglio d’Europa.", "Programma ICC del Consiglio d’Europa",
         ["Programma ICC", "Consiglio d’Europa"]),
        # one organisation's name that contains another's stays whole
        ("È entrata nella Rete Italiana delle Città del Dialogo.", "Rete Italiana delle Città del Dialogo",
         ["Rete Italiana delle Città del Dialogo"]),
    ],
)
def test_two_listed_organisations_joined_by_a_connector_are_two(nlp, text, statistical, names):
    assert [name for name, _ in tag(nlp, text, [(statistical, "ORG")])] == names


@pytest.mark.parametrize(
    ("text", "ents", "code"),
    [
        ("Partecipano la Fondazione Pistoletto (IT) e la Fondazione Balteus (PL).", [("Fondazione Pistoletto", "ORG")], "IT"),
        ("Tra i partner le associazioni Terre Calde (IT) e Vartovi Zakonnosti (UA).", [("Vartovi Zakonnosti", "ORG")], "UA"),
        ("Il partenariato comprende Verdeaqua (ITA) e Oikos (ESP).", [], "ESP"),
    ],
)
def test_country_code_in_brackets_after_a_name_is_a_country(nlp, text, ents, code):
    assert (code, "COUNTRY") in tag(nlp, text, ents)


@pytest.mark.parametrize(
    ("text", "ents", "code"),
    [
        ("Capofila è il Comune di Angri (SA), con i comuni vicini.", [("Comune di Angri", "ORG")], "SA"),
        ("Aderisce anche Alba (CN) con la sua Fiera.", [("Alba", "LOC")], "CN"),
    ],
)
def test_code_in_brackets_after_an_italian_town_is_its_province(nlp, text, ents, code):
    assert not any(text == code for text, _ in tag(nlp, text, ents))


def test_code_that_is_a_listed_organisations_acronym_stays_an_org(nlp):
    text = "Il programma è gestito dall'Unione europea (UE) e dall'Agenzia (IT)."
    assert ("UE", "ORG") in tag(nlp, text, [("Unione europea", "ORG")])


@pytest.mark.parametrize(
    ("text", "ents", "towns"),
    [
        (
            "In partnership con i Comuni di Montserrat (Spagna), Setubal (Portogallo) e Caspe (Spagna).",
            [("Montserrat", "LOC"), ("Caspe", "LOC")],
            ["Montserrat", "Caspe"],
        ),
        ("Slovenia: comuni di Ajdovščina, Idrija e Bovec.", [("Ajdovščina", "LOC"), ("Idrija", "LOC"), ("Bovec", "LOC")],
         ["Ajdovščina", "Idrija", "Bovec"]),
        ("Partecipano le città di Labin e Pazin.", [("Labin", "LOC"), ("Pazin", "LOC")], ["Labin", "Pazin"]),
    ],
)
def test_names_after_a_city_list_head_are_towns(nlp, text, ents, towns):
    tagged = tag(nlp, text, ents)
    assert all((town, "CITY") in tagged for town in towns)


@pytest.mark.parametrize(
    ("text", "ents", "town"),
    [
        ("Il progetto, guidato da Bologna, coinvolge Lione e Porto.", [("Bologna", "CITY"), ("Lione", "CITY")], "Porto"),
        ("Partner sono Madrid, Siviglia e Porto, con Nantes.", [("Madrid", "CITY"), ("Siviglia", "CITY"), ("Nantes", "CITY")], "Porto"),
    ],
)
def test_a_common_word_that_ends_a_list_of_cities_is_a_city(nlp, text, ents, town):
    assert (town, "CITY") in tag(nlp, text, ents)


def test_a_common_word_after_a_city_and_a_name_is_no_city(nlp):
    assert ("Porto", "CITY") not in tag(nlp, "Tra Genova e Porto Venere.", [("Genova", "CITY")])


@pytest.mark.parametrize(
    ("text", "ents", "town"),
    [
        ("Il progetto coinvolge Ferrara, Ajdovščina e Tartu.", [("Ajdovščina", "LOC")], "Ajdovščina"),
        ("Sono partner Cracovia e Idrija.", [("Idrija", "LOC")], "Idrija"),
        ("Tra i partner figura anche Caspe (Spagna).", [("Caspe", "LOC")], "Caspe"),
    ],
)
def test_unknown_place_listed_with_a_city_or_its_country_is_a_town(nlp, text, ents, town):
    assert (town, "CITY") in tag(nlp, text, ents)


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("Partner sono Oikos (Portogallo) e Vartovi Zakonnosti (Ucraina).", [("Vartovi Zakonnosti", "PER")],
         ("Vartovi Zakonnosti", "ORG")),
        ("Partner sono Bari (Italia), Bashkia Vlore (Albania) e Tirana.", [("Bashkia Vlore", "PER")], ("Vlore", "CITY")),
    ],
)
def test_a_name_with_its_country_in_brackets_is_no_person(nlp, text, ents, expected):
    assert expected in tag(nlp, text, ents)


@pytest.mark.parametrize(
    ("text", "ents", "loc"),
    [
        ("Il partenariato comprende Venezia, Città Metropolitana e altri.", [("Città Metropolitana", "LOC")], "Città Metropolitana"),
        ("Partecipano il governo della Contea di Hajdú (Ungheria) e altri.", [("Contea di Hajdú", "LOC")], "Contea di Hajdú"),
        ("I comuni di Gorizia e Grado; Carinzia: nessuno.", [("Carinzia", "LOC")], "Carinzia"),
    ],
)
def test_generic_bodies_and_names_past_a_semicolon_stay_places(nlp, text, ents, loc):
    assert (loc, "LOC") in tag(nlp, text, ents)


@pytest.mark.parametrize(
    ("text", "statistical", "label"),
    [
        ("Gran Bretagna: Norfolk County Council;", "Norfolk County Council", "LOC"),
        ("Grecia: Trikala Municipal Enterprise for Social Development.", "Trikala Municipal Enterprise for Social Development", "LOC"),
        ("Bulgaria: Oblastna Administrazia Yambol.", "Oblastna Administrazia Yambol", "PER"),
        ("Partner: lo Zagreb Youth Theatre (Croazia).", "Zagreb Youth Theatre", "CITY"),
        ("Con il Théâtre Nanterre-Amandiers e altri.", "Théâtre Nanterre-Amandiers", "LOC"),
    ],
)
def test_a_name_with_an_organisation_word_is_an_org(nlp, text, statistical, label):
    assert (statistical, "ORG") in tag(nlp, text, [(statistical, label)])


@pytest.mark.parametrize(
    ("text", "statistical", "name"),
    [
        ("Tra i partner figurano la Water Authority of Jordan (Giordania).", "Authority of Jordan", "Water Authority of Jordan"),
        ("Partecipa anche la Port Authority of Valencia (Spagna).", "Authority of Valencia", "Port Authority of Valencia"),
    ],
)
def test_capitalised_words_before_a_foreign_org_head_belong_to_the_name(nlp, text, statistical, name):
    assert (name, "ORG") in tag(nlp, text, [(statistical, "ORG")])


def test_an_italian_region_listed_beside_towns_stays_a_place(nlp):
    text = "Savigliano, Fossano e Piemonte."
    assert ("Piemonte", "LOC") in tag(nlp, text, [("Piemonte", "LOC")])


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Anna Verdi, assessora di Cantiano, per le Marche.", [("Marche", "LOC")]),
        ("Il turismo nelle Marche cresce.", [("Marche", "LOC")]),
    ],
)
def test_an_italian_region_is_no_foreign_towns_other_name(nlp, text, ents):
    assert ("Marche", "CITY") not in tag(nlp, text, ents)


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Il direttivo ha accolto 12 nuovi Borghi nell'associazione.", [("Borghi", "LOC")]),
        ("L'associazione raggiunge i 325 Borghi certificati.", []),
        ("Sono dodici Borghi in tutto.", [("Borghi", "LOC")]),
    ],
)
def test_a_counted_capitalised_noun_is_no_place(nlp, text, ents):
    assert ("Borghi", "CITY") not in tag(nlp, text, ents)


@pytest.mark.parametrize(
    ("text", "ents", "orgs"),
    [
        (
            "Nel pomeriggio la presentazione di tutti i partner (Hera, RReuse, Città Verde e Legambiente).",
            [("Hera", "PER"), ("RReuse", "PER"), ("Città Verde", "PER"), ("Legambiente", "ORG")],
            {"Hera", "RReuse", "Città Verde"},
        ),
        ("I soci: Hera e Rreuse.", [("Hera", "PER"), ("Rreuse", "PER")], {"Hera", "Rreuse"}),
        ("Partecipano Enea, Civitta e Legambiente.", [("Enea", "PER"), ("Civitta", "PER"), ("Legambiente", "ORG")],
         {"Enea", "Civitta"}),
        ("Erano presenti i rappresentanti di Hera, Città Verde e Rreuse.",
         [("Hera", "PER"), ("Città Verde", "PER"), ("Rreuse", "PER")], {"Hera", "Città Verde", "Rreuse"}),
        ("Ha firmato l'accordo il rappresentante di Ervet e Legacoop.", [("Ervet", "PER"), ("Legacoop", "PER")],
         {"Ervet", "Legacoop"}),
    ],
)
def test_names_read_as_persons_in_a_list_of_organisations_are_organisations(nlp, text, ents, orgs):
    assert orgs <= {name for name, label in tag(nlp, text, ents) if label == "ORG"}


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Una mozione firmata insieme a Cafarelli, Asta e Maiorana.", [("Cafarelli", "PER"), ("Asta", "PER"), ("Maiorana", "PER")]),
        ("Erano presenti il consigliere Rossi e Legambiente.", [("Rossi", "PER"), ("Legambiente", "ORG")]),
        ("Presenti Rossi e Legambiente, ha detto Mario Rossi.", [("Rossi", "PER"), ("Legambiente", "ORG"), ("Mario Rossi", "PER")]),
    ],
)
def test_surnames_listed_without_organisations_or_titled_stay_persons(nlp, text, ents):
    labels = dict(tag(nlp, text, ents))
    assert all(labels[name] == "PERSON" for name, label in ents if label == "PER")


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("- Penne (PE), sindaco Mario Semproni", "Penne"),
        ("Tra i nuovi soci ci sono Cento (FE) e Bra (CN).", "Cento"),
    ],
)
def test_a_town_with_its_province_code_is_a_town_even_if_a_common_word(nlp, text, town):
    assert (town, "CITY") in tag(nlp, text)


@pytest.mark.parametrize(
    ("text", "ents"),
    [("Dal 2019 Udine fa parte della rete.", [("2019", "DATE"), ("Udine", "LOC")]), ("Nel 2024 Bergamo ha aderito.", [])],
)
def test_a_town_after_a_year_is_no_counted_noun(nlp, text, ents):
    town = text.split()[2]
    assert (town, "CITY") in tag(nlp, text, ents)


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("per il Belgio Association des Villes, per l'Estonia Civitta.", [("Belgio Association des Villes", "ORG")],
         [("Belgio", "COUNTRY"), ("Association des Villes", "ORG")]),
        ("e per la Spagna Fundació ENT.", [("Spagna Fundació ENT", "ORG")], [("Spagna", "COUNTRY"), ("Fundació ENT", "ORG")]),
    ],
)
def test_an_organisation_guess_opening_with_a_country_is_the_country_then_the_name(nlp, text, ents, expected):
    assert tag(nlp, text, ents)[:2] == expected


def test_a_listed_organisation_named_after_a_country_stays_whole(nlp):
    assert ("Italia Nostra", "ORG") in tag(nlp, "Aderisce anche Italia Nostra.", [("Italia Nostra", "ORG")])


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("Fanno parte del Comitato Direttivo i Comuni di Bologna, Padova e Udine.", "Comitato Direttivo i Comuni"),
        ("Siedono nel Consiglio direttivo le Città di Lecce e Bari.", "Consiglio direttivo le Città"),
    ],
)
def test_a_guess_running_from_a_generic_body_over_the_next_subject_is_no_name(nlp, text, guess):
    assert [label for name, label in tag(nlp, text, [(guess, "ORG")]) if label == "ORG"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Due progetti europei per il Comune di Alba\n\nBra, 30 giugno 2024. Il Comune è partner di due progetti.",
        "Nuovi soci per i comuni di Alba, Bra, 30 giugno 2024.",
    ],
)
def test_a_date_listed_after_towns_stays_a_date(nlp, text):
    ents = [("Alba", "CITY"), ("Bra", "CITY"), ("30 giugno 2024", "DATE")]
    assert ("30 giugno 2024", "DATE") in tag(nlp, text, ents)


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Il progetto è stato approvato dalla commissione europea a maggio.", "commissione europea"),
        ("Il bando è finanziato dall'unione europea.", "unione europea"),
    ],
)
def test_an_institutions_name_in_lower_case_is_still_its_name(loaded, text, org):
    assert (org, "ORG") in [(ent.text, ent.label_) for ent in loaded.nlp(text).ents]


def test_a_networks_designation_in_lower_case_is_a_description(loaded):
    doc = loaded.nlp("Il borgo è una delle città del vino più note.")
    assert [ent.text for ent in doc.ents if ent.label_ == "ORG"] == []


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Marina Malpensa, vicesindaco di San Lazzaro (BO) per la regione Emilia Romagna.", "Emilia Romagna"),
        ("Italia: Comune di La Salle, regione Emilia Romagna;", "Emilia Romagna"),
        ("Partecipa anche la Valle d'Aosta con i suoi comuni.", "Valle d'Aosta"),
    ],
)
def test_a_region_read_as_a_person_is_a_place(nlp, text, region):
    assert (region, "LOC") in tag(nlp, text, [(region, "PER")])


@pytest.mark.parametrize(
    ("text", "ents", "person"),
    [
        ("Ecco i nomi: Aldo D’Achille, sindaco di San Bellino.", [("Aldo", "PER"), ("Achille", "PER")], "Aldo D’Achille"),
        ("Ha parlato ieri Massimo D'Alema in consiglio.", [("D'Alema", "PER")], "Massimo D'Alema"),
        ("Il sindaco Luca Dell’Orco ha firmato.", [("Luca", "PER")], "Luca Dell’Orco"),
    ],
)
def test_a_surname_with_an_elided_particle_belongs_to_the_name(nlp, text, ents, person):
    assert (person, "PERSON") in tag(nlp, text, ents)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Vicepresidente è Chiara Lanzoni, assessora alla cultura di Nove.", "Nove"),
        ("È intervenuto il sindaco di Cento, Fabrizio Toselli.", "Cento"),
        ("Lo ha detto Marco Rossi, consigliere di Bra.", "Bra"),
    ],
)
def test_a_town_named_after_a_comunes_office_is_a_city_even_a_common_words(nlp, text, town):
    assert (town, "CITY") in tag(nlp, text)


def test_a_common_word_opening_a_longer_name_after_an_office_is_no_city(nlp):
    assert ("Cento", "CITY") not in tag(nlp, "Lo ha detto il sindaco di Cento Croci Alte.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il Politecnico di Milano e UniBo sono partner.", [("Politecnico di Milano", "ORG"), ("UniBo", "ORG")]),
        ("Lavorano insieme Unipi e Polimi.", [("Unipi", "ORG"), ("Polimi", "ORG")]),
    ],
)
def test_universities_go_by_their_short_names(nlp, text, expected):
    statistical = [("Politecnico di Milano e UniBo", "ORG")] if "UniBo" in text else []
    assert tag(nlp, text, statistical) == expected


def test_a_university_short_name_that_is_a_word_stays_a_word(nlp):
    assert ("Unito", "ORG") not in tag(nlp, "Partner dal Regno Unito e dalla Francia.", [("Regno Unito", "LOC")])


@pytest.mark.parametrize(
    ("text", "statistical", "name"),
    [
        ("Grazie al sostegno della Fondazione Con il Sud prende il via il progetto.", [("Sud", "ORG")], "Fondazione Con il Sud"),
        ("Il progetto è selezionato da Con i Bambini Impresa Sociale.", [("Bambini Impresa Sociale", "ORG")], "Con i Bambini Impresa Sociale"),
    ],
)
def test_a_funding_foundation_is_found_whole(nlp, text, statistical, name):
    assert (name, "ORG") in tag(nlp, text, statistical)
