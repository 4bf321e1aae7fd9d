"""Project names and participants on the whole pipeline: fictional press-release phrasings."""

from __future__ import annotations

import pytest

from itnet.gazetteers.keys import name_key


def projects_in(loaded, text: str) -> list[str]:
    doc = loaded.nlp(text)
    return [ent.text for ent in doc.ents if ent.label_ == "PROJECT"]


def participant_roles(extract, text: str) -> dict[str, str]:
    """name key → role of the participants of a text's first project."""
    _, projects = extract(text)
    return {name_key(p.name): p.role for p in projects[0].participants}


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        ("Il Consiglio aderisce a due progetti: “Strade per mediatore 2” (capofila Cooperativa Atypica) e “AssociAzioni”.",
         ["Strade per mediatore 2", "AssociAzioni"]),
        ("Sono stati finanziati i progetti «Scuole Aperte» e «Città Sicure».", ["Scuole Aperte", "Città Sicure"]),
    ],
)
def test_coordinated_quoted_names_after_a_plural_cue(loaded, text, projects):
    assert projects_in(loaded, text) == projects


@pytest.mark.parametrize(
    "text",
    [
        "Oltre un milione di euro per due progetti Iuav su città e immigrazione.",
        "Sono tre progetti Unipd dedicati alla mobilità.",
    ],
)
def test_name_after_counted_projects_is_their_owner(loaded, text):
    assert projects_in(loaded, text) == []


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Il progetto MADE IN-LAND mira a valorizzare le aree interne.", "MADE IN-LAND"),
        ("Il progetto UNITING ROUTES coinvolge sei comuni.", "UNITING ROUTES"),
        ("Il progetto Integrated Waste-Management Model è partito nel 2005.", "Integrated Waste-Management Model"),
    ],
)
def test_names_in_capitals_and_hyphenated_compounds_stay_whole(loaded, text, project):
    assert project in projects_in(loaded, text)


def test_unclosed_quote_ends_at_the_repeated_opening_mark(loaded):
    assert "AssociAzioni" in projects_in(loaded, "Il progetto “AssociAzioni “ è stato approvato.")


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto CapacityMetro Italia parte a Venezia.\nCapacityMetro coinvolge Milano e Bari come partner.",
        "CapacityMetro è un progetto del FAMI. Il progetto CapacityMetro Italia ha come partner Milano e Bari.",
    ],
)
def test_a_name_and_its_longer_form_are_one_project(extract, text):
    _, projects = extract(text)
    assert len(projects) == 1
    assert {"milano", "bari"} <= {name_key(p.name) for p in projects[0].participants}


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto PISTE durerà due anni e coinvolgerà i Comuni di Urbino, Pesaro e Fano.",
        "Il progetto PISTE vede il coinvolgimento dei Comuni di Urbino, Pesaro e Fano.",
        "I partners del progetto PISTE sono i Comuni di Urbino, Pesaro e Fano.",
    ],
)
def test_partners_in_any_tense_and_number(extract, text):
    _, projects = extract(text)
    names = {name_key(p.name) for p in projects[0].participants}
    assert {"urbino", "pesaro", "fano"} <= names


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("Il progetto è cofinanziato dal Fami, il fondo per l'integrazione.", "Fami"),
        ("Tra i soci fondatori c'è anche Eccar, la coalizione delle città.", "Eccar"),
    ],
)
def test_listed_acronym_in_title_case_is_an_organisation(loaded, text, acronym):
    doc = loaded.nlp(text)
    assert (acronym, "ORG") in [(ent.text, ent.label_) for ent in doc.ents]


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto URBEX è partito. Pesaro è comune capofila, in partnership con i Comuni di Lione e Cork.",
        "Il progetto URBEX è partito: Pesaro è l'ente capofila, in partenariato con i Comuni di Lione e Cork.",
    ],
)
def test_lead_then_partners_in_partnership(extract, text):
    roles = participant_roles(extract, text)
    assert roles.get("pesaro") == "lead"
    assert roles.get("lione", roles.get("lyon")) == "participant" and roles.get("cork") == "participant"


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ('Anci Liguria ospita il partenariato del progetto di cooperazione transfrontaliera "More than a Village".', "More than a Village"),
        ("Parte il progetto per l'inclusione dei migranti «Welcome Home», finanziato dal FAMI.", "Welcome Home"),
    ],
)
def test_quoted_name_after_a_lower_case_description(loaded, text, project):
    assert project in projects_in(loaded, text)


def test_a_lower_case_quotation_after_the_cue_is_no_project(loaded):
    text = "Le città partecipano alle attività del progetto e ne sono in parte “casi di studio”."
    assert projects_in(loaded, text) == []


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("BRIDGES, progetto finanziato dal Fondo Asilo Migrazione e Integrazione, coinvolge Cremona e Lodi.", "BRIDGES"),
        ("Al via ROOTS, il progetto che unisce scuole e comuni.", "ROOTS"),
    ],
)
def test_acronym_beside_a_project_cue(loaded, text, project):
    assert project in projects_in(loaded, text)


def test_a_known_organisation_beside_a_project_cue_stays_one(loaded):
    assert "EUROCITIES" not in projects_in(loaded, "Lo ha annunciato EUROCITIES, il progetto è partito ieri.")


@pytest.mark.parametrize(
    "items",
    [
        "- Università di Pisa (capofila)\n- Fondazione Cariplo\n- Università di Siena\n",
        "- Fondazione Cariplo\n- Università di Pisa, capofila\n- Università di Siena\n",
    ],
)
def test_every_line_of_a_partner_list_even_the_one_naming_the_lead(extract, items):
    _, projects = extract(f"Il progetto ROOTS è finanziato da Erasmus+.\n\nI partner del progetto sono:\n{items}")
    roles = {name_key(p.name): p.role for p in projects[0].participants}
    assert roles.get("universita di pisa") == "lead"
    assert roles.get("fondazione cariplo") == "participant" and roles.get("universita di siena") == "participant"


def test_a_guess_over_two_list_lines_is_two_names(loaded):
    doc = loaded.nlp("I partner del progetto sono:\nUniversità di Firenze\nComune di Prato, capofila\nComune di Bologna\n")
    found = [(ent.text, ent.label_) for ent in doc.ents]
    assert ("Università di Firenze", "ORG") in found and ("Prato", "CITY") in found


SHEET = """Scheda del progetto

Titolo del progetto: Green Corridors for Urban Resilience
Programma: Interreg Central Europe
Capofila: Comune di Verona
Partner: Città di Graz, Università di Lubiana, Comune di Brno
Budget totale: 2.100.000 euro
Durata: dal 1 marzo 2023 al 28 febbraio 2026
"""


def test_a_project_sheet_gives_budget_start_and_roles(extract):
    _, projects = extract(SHEET)
    project = projects[0]
    roles = {name_key(p.name): p.role for p in project.participants}
    assert (project.budget, project.start) == ("2100000 EUR", "2023-03-01")
    assert roles.get("verona") == "lead" and roles.get("interreg central europe") == "funder"
    assert {"graz", "universita di lubiana", "brno"} <= {k for k, v in roles.items() if v == "participant"}


@pytest.mark.parametrize(
    "line",
    ["Costo totale del progetto: 900.000 euro", "Budget: 900.000 euro"],
)
def test_a_budget_line_belongs_to_the_texts_project(extract, line):
    _, projects = extract(f"Il progetto ROOTS è finanziato da Erasmus+.\n\n{line}\n")
    assert projects[0].budget == "900000 EUR"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Il progetto è finanziato dal Programma AMIF.", "AMIF"),
        ("Il progetto rientra nel Programma Comunitario Urbact II.", "Urbact II"),
        ("Il progetto è finanziato nell'ambito del Programma Interreg Italia – Croazia 2014/2020.", "Interreg Italia – Croazia"),
        ("Il progetto è finanziato dal programma Interreg Central Europe 2021-2027.", "Interreg Central Europe"),
        ("Programma: Interreg Italia-Austria", "Interreg Italia-Austria"),
        ("nell'ambito del programma Interreg Italia-Svizzera 2014-2020.", "Interreg Italia-Svizzera"),
    ],
)
def test_a_funding_programme_is_named_without_generic_words(loaded, text, name):
    doc = loaded.nlp(text)
    assert (name, "ORG") in [(ent.text, ent.label_) for ent in doc.ents]


def test_a_programme_that_funds_nothing_keeps_its_word(loaded):
    doc = loaded.nlp("La Rete aderisce al Programma ICC del Consiglio d'Europa.")
    assert "ICC" not in [ent.text for ent in doc.ents]


@pytest.mark.parametrize(
    "text",
    [
        "Il partenariato del progetto URBEX comprende il Comune di Torino (capofila), la Città di Cork e l'Università di Lisbona.",
        "Al progetto URBEX partecipano il Comune di Torino (coordinatore), la Città di Cork e l'Università di Lisbona.",
    ],
)
def test_a_role_in_brackets_is_the_role_of_what_it_follows(extract, text):
    roles = participant_roles(extract, text)
    assert roles.get("torino") == "lead"
    assert roles.get("cork") == "participant" and roles.get("universita di lisbona") == "participant"


@pytest.mark.parametrize(
    ("text", "body", "role"),
    [
        ("La Regione Puglia ha finanziato il progetto URBEX, di cui è capofila il Comune di Lecce.", "regione puglia", "funder"),
        ("La Fondazione Cariplo e la Regione Lombardia hanno cofinanziato il progetto URBEX.", "fondazione cariplo", "funder"),
        ("La Fondazione Cariplo e la Regione Lombardia hanno cofinanziato il progetto URBEX.", "regione lombardia", "funder"),
        ("Il Comune di Lecce coordina il progetto URBEX, al quale partecipano Bari e Taranto.", "lecce", "lead"),
        ("L'Università di Bologna guiderà il progetto URBEX insieme a dieci partner.", "universita di bologna", "lead"),
        ("Anche l'Università di Bari e la Regione Puglia partecipano al progetto URBEX.", "universita di bari", "participant"),
        ("Il Comune di Lecce partecipa al progetto URBEX insieme ad altre città europee.", "lecce", "participant"),
        ("La Fondazione Cariplo sostiene il progetto URBEX con 200 mila euro.", "fondazione cariplo", "funder"),
        ("Con 780mila euro la Fondazione CRT sostiene URBEX, il progetto del Comune di Asti.", "fondazione crt", "funder"),
    ],
)
def test_the_active_subject_of_a_role_verb_takes_its_role(extract, text, body, role):
    roles = participant_roles(extract, text)
    assert roles.get(body) == role


def test_the_passive_subject_of_a_role_verb_takes_no_role_of_it(extract):
    roles = participant_roles(extract, "Il Comune di Lecce è stato finanziato dalla Regione Puglia per il progetto URBEX.")
    assert roles.get("lecce") != "funder" and roles.get("regione puglia") == "funder"


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Il progetto vede come capofila l'associazione Arca e come partner il Comune di Lodi.", "Arca"),
        ("Partecipa anche la cooperativa Il Sole, attiva a Lodi.", "Il Sole"),
        ("Il progetto è realizzato con la fondazione Mondinsieme.", "Mondinsieme"),
        ("Il progetto è realizzato con l'associazione Porta Aperta di Modena.", "Porta Aperta"),
    ],
)
def test_a_name_a_lower_case_organisation_noun_introduces_is_an_organisation(loaded, text, org):
    assert (org, "ORG") in [(ent.text, ent.label_) for ent in loaded.nlp(text).ents]


@pytest.mark.parametrize(
    "text",
    [
        "Progetto BETA\nCapofila: Comune di Varese\nPartner: Comune di Como\nEnte finanziatore: Regione Lombardia\n",
        "Il progetto BETA ha come capofila il Comune di Varese.\nFinanziatori: Regione Lombardia\n",
    ],
)
def test_a_funder_line_of_a_project_sheet(extract, text):
    roles = participant_roles(extract, text)
    assert roles.get("regione lombardia") == "funder"


@pytest.mark.parametrize(
    "text",
    [
        "Il Comune di Rimini, in qualità di partner del progetto GAMMA, ha ospitato l'incontro.",
        "Il Comune di Rimini, come partner del progetto GAMMA, ha presentato i risultati.",
    ],
)
def test_a_role_after_a_comma_is_the_role_of_what_it_follows(extract, text):
    roles = participant_roles(extract, text)
    assert roles.get("rimini") == "participant"


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        ("Il progetto UNITING ROUTES: Reti di Città Europee è finanziato dal programma CERV.", ["UNITING ROUTES"]),
        ("Al via il progetto Itinera Romanica+ - Governance transfrontaliera degli Itinerari Romanici.", ["Itinera Romanica+"]),
        ("Il progetto Roma-Net – Integration of Roma Communities è nato a Udine.", ["Roma-Net", "Integration of Roma Communities"]),
        ("Il progetto CITIES – Cities Initiative Towards Inclusive and Equitable Societies parte a Reggio Emilia.",
         ["CITIES", "Cities Initiative Towards Inclusive and Equitable Societies"]),
    ],
)
def test_a_subtitle_after_a_dash_or_colon_is_split_from_the_name(loaded, text, projects):
    assert [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"] == projects


@pytest.mark.parametrize(
    ("text", "long_form"),
    [
        ("Il progetto europeo MICADO (Migrant Integration Cockpits and Dashboards) può avere inizio.",
         "Migrant Integration Cockpits and Dashboards"),
        ("Il progetto europeo SOLIDCITY (Solidarity Cities for Europe) è partito.", "Solidarity Cities for Europe"),
    ],
)
def test_a_bracketed_long_form_after_a_project_acronym_is_the_project(loaded, text, long_form):
    assert (long_form, "PROJECT") in [(ent.text, ent.label_) for ent in loaded.nlp(text).ents]


def test_a_bracketed_body_after_a_project_acronym_is_no_long_form(loaded):
    doc = loaded.nlp("Il progetto ALFA (Comune di Bari) è partito.")
    assert [ent.text for ent in doc.ents if ent.label_ == "PROJECT"] == ["ALFA"]


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("GreenCity è un progetto europeo finanziato dal programma Interreg Europe.", "GreenCity"),
        ("Il Comune è partner di SmartAgeing, progetto Horizon 2020 coordinato dall'Università di Bologna.", "SmartAgeing"),
        ("Prende il via Families First, il progetto del Comune di Prato per le famiglie fragili.", "Families First"),
        ("Il progetto Erasmus+ YouthLink coinvolge cinque scuole della provincia.", "YouthLink"),
        ("Al via il progetto di cooperazione transfrontaliera ALPSMART tra Italia e Svizzera.", "ALPSMART"),
        ("È stato presentato SECAP-NET, progetto cofinanziato dal Fondo europeo di sviluppo regionale.", "SECAP-NET"),
        ("Ieri a Trieste è stato presentato ALPINET, progetto del programma Interreg Italia-Austria.", "ALPINET"),
        ("Parte LIFE RE-FOREST, progetto finanziato dal programma LIFE della Commissione europea.", "RE-FOREST"),
        ("Parte LIFE AquaPlus, progetto finanziato dalla Commissione europea.", "AquaPlus"),
    ],
)
def test_a_project_named_beside_its_cue_in_the_genres_other_ways(loaded, text, project):
    assert (project, "PROJECT") in [(ent.text, ent.label_) for ent in loaded.nlp(text).ents]


@pytest.mark.parametrize(
    "text",
    [
        "A Torino, il progetto ha coinvolto dieci scuole.",
        "Marco Rossi, il progetto è nato da una sua idea.",
        "Il progetto di riqualificazione di Piazza Garibaldi è partito.",
        "Eurocities è un progetto di cooperazione tra città.",
    ],
)
def test_no_project_from_a_place_a_person_a_description_or_a_known_body(loaded, text):
    doc = loaded.nlp(text)
    assert [ent.text for ent in doc.ents if ent.label_ == "PROJECT"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto AQUA coinvolge Ravenna e Spalato. Il coordinamento del progetto è affidato all'ANCI Emilia-Romagna.",
        "Il progetto AQUA coinvolge Ravenna e Spalato; la gestione del progetto è stata affidata ad ANCI Emilia-Romagna.",
    ],
)
def test_coordination_entrusted_to_a_body_makes_it_the_lead(extract, text):
    roles = participant_roles(extract, text)
    assert roles.get("anci emilia romagna") == "lead"


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto AQUA coinvolge Ravenna e Spalato. Le attività del progetto partiranno a gennaio 2024 e si concluderanno a giugno 2026.",
        "Il progetto AQUA coinvolge Ravenna e Spalato: prenderà il via a gennaio 2024 e terminerà a giugno 2026.",
    ],
)
def test_start_and_end_stated_in_the_future(extract, text):
    _, projects = extract(text)
    assert [(p.start, p.end) for p in projects] == [("2024-01", "2026-06")]


@pytest.mark.parametrize(
    ("text", "project", "acronym"),
    [
        ("Il progetto Cultural Routes of the Alps (CRA) riunisce sette partner.", "Cultural Routes of the Alps", "CRA"),
        ("Con il progetto Voices of the City (VOC), finanziato da Europa Creativa, Bari apre tre centri.", "Voices of the City", "VOC"),
    ],
)
def test_an_english_title_keeps_its_article_and_its_bracketed_acronym_is_the_project(loaded, text, project, acronym):
    ents = [(ent.text, ent.label_) for ent in loaded.nlp(text).ents]
    assert (project, "PROJECT") in ents and (acronym, "PROJECT") in ents


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Il Comune partecipa a un progetto che si chiama “Future of Europe-Reload”.", "Future of Europe-Reload"),
        ("È stato approvato il progetto che ha per titolo «Città Aperte».", "Città Aperte"),
    ],
)
def test_a_quoted_name_a_relative_clause_gives_the_project_is_its_name(loaded, text, project):
    assert projects_in(loaded, text) == [project]


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto AGORA è partito. La partnership è composta dalla città di Tartu (Estonia) che ha il ruolo di "
        "comune capofila, Setubal (Portogallo), Braga (Portogallo) e Lione (Francia).",
        "Il progetto AGORA è partito. Il partenariato comprende Tartu, con il ruolo di capofila, Setubal, Braga e Lione.",
    ],
)
def test_a_role_phrased_after_a_partner_is_that_partners_only(extract, text):
    roles = participant_roles(extract, text)
    assert roles["tartu"] == "lead"
    assert {roles[name] for name in ("setubal", "braga", "lyon")} == {"participant"}


@pytest.mark.parametrize(
    "text",
    [
        "Dopo il successo del progetto “Scuole Aperte”, il Comune vince un nuovo bando con un progetto che si chiama "
        "“Città Aperte”. Il partenariato comprende Setubal, Braga e Lione.",
        "Concluso il progetto ALFA, il Comune di Lecce avvia il progetto BETA. Sono partner Setubal, Braga e Lione.",
    ],
)
def test_partners_named_after_a_second_project_are_the_second_ones(extract, text):
    _, projects = extract(text)
    partners = {p.name: {name_key(x.name) for x in p.participants} for p in projects}
    second = [name for name in partners if name in ("Città Aperte", "BETA")][0]
    assert {"setubal", "braga", "lyon"} <= partners[second]


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        ("Il Comune è partner del progetto europeo Resolve (Sustainable mobility and the transition to a low-carbon economy).",
         ["Resolve", "Sustainable mobility and the transition to a low-carbon economy"]),
        ("Tra i progetti approvati, la Provincia è lead applicant di Compete in (Competitive territories through "
         "internationalisation) e di Tris (Transition regions towards industrial symbiosis).",
         ["Compete in", "Competitive territories through internationalisation", "Tris",
          "Transition regions towards industrial symbiosis"]),
        ("Grazie ai partner! Horizon 2020 Ruritage – Rural regeneration through systemic heritage-led strategies",
         ["Ruritage", "Rural regeneration through systemic heritage-led strategies"]),
    ],
)
def test_a_short_name_with_its_english_title_is_a_project(loaded, text, projects):
    assert projects_in(loaded, text) == projects


@pytest.mark.parametrize(
    "text",
    [
        "Tra i partner del progetto c'è ACR+ (Association of Cities and Regions for Sustainable Resource Management).",
        "Partecipano al progetto Legambiente e Eurocities (The network of major European cities).",
        "Il progetto coinvolge il Comune di Torino (capofila del progetto e partner).",
        "Il sindaco ha presentato Urbania (Una città per tutti e per il futuro) ai cittadini del progetto.",
    ],
)
def test_a_bracketed_body_or_italian_phrase_is_no_project_title(loaded, text):
    assert projects_in(loaded, text) == []


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Il progetto ALFA, coordinato da Iuav, verrà supportato anche dalle Regioni Veneto, Piemonte e Puglia.",
         {"veneto", "piemonte", "puglia"}),
        ("Il progetto ALFA vede la partecipazione delle regioni Emilia-Romagna e Sardegna.", {"emilia romagna", "sardegna"}),
    ],
)
def test_italian_regions_named_alone_take_part(extract, text, regions):
    roles = participant_roles(extract, text)
    assert {name.removeprefix("regione ") for name in roles} >= regions


def test_a_region_saying_where_a_partner_is_takes_no_part(extract):
    roles = participant_roles(extract, "Il progetto ALFA vede la partecipazione di un ente dell'Emilia-Romagna e del Comune di Lecce.")
    assert "emilia romagna" not in roles


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Prende il via \u201cCittà Amiche\u201d, il progetto promosso da ANCI Toscana.", "Città Amiche"),
        ("Al via \u00abScuole Aperte\u00bb, progetto finanziato dalla Fondazione Cariplo.", "Scuole Aperte"),
    ],
)
def test_a_quoted_name_set_beside_a_project_cue_is_the_project(loaded, text, project):
    assert projects_in(loaded, text) == [project]


@pytest.mark.parametrize(
    "text",
    [
        "Sono partner del progetto WeCare: Comune di Verona (capofila), Università di Padova e Fondazione Cariverona.",
        "I partner del progetto GreenMind: Città di Tartu, Comune di Braga e Legambiente.",
    ],
)
def test_partners_after_a_colon_are_no_long_form_of_the_name(loaded, text):
    assert len(projects_in(loaded, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Approvati i progetti del primo bando nell'ambito del Programma Interreg Europe. Il Comune di Lecce guida il progetto "
        "ALFA; Bari partecipa al progetto BETA.",
        "Sono 12 i progetti finanziati dal programma Erasmus+ in Puglia. Tra questi il progetto ALFA, guidato da Lecce, e il "
        "progetto BETA, coordinato da Bari.",
    ],
)
def test_a_programme_named_for_the_projects_in_the_plural_funds_each(extract, text):
    _, projects = extract(text)
    funders = {p.name: {name_key(x.name) for x in p.participants if x.role == "funder"} for p in projects}
    assert set(funders) == {"ALFA", "BETA"} and all(funders.values())


@pytest.mark.parametrize(
    "text",
    [
        "Lecce guida il progetto ALFA e Bari il progetto BETA. Un progetto è guidato dalla Regione Basilicata.",
        "Lecce guida il progetto ALFA e Bari il progetto BETA. Altro capofila il Politecnico di Torino.",
    ],
)
def test_a_project_the_text_does_not_name_takes_no_partners_of_the_named_ones(extract, text):
    _, projects = extract(text)
    named = {name_key(x.name) for p in projects for x in p.participants}
    assert not {"regione basilicata", "politecnico di torino"} & named


@pytest.mark.parametrize(
    "text",
    [
        "Firmato l'accordo del progetto ECOPORT: il Comune di Livorno sarà capofila, affiancato dall'Università di Pisa.",
        "Nel progetto ECOPORT il Comune di Livorno è stato capofila, con l'Università di Pisa come partner.",
    ],
)
def test_a_role_stated_after_a_party_in_any_tense_is_its_own(extract, text):
    roles = participant_roles(extract, text)
    assert roles.get("livorno") == "lead" and roles.get("universita di pisa") == "participant"


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        ("Il Comune è partner di due nuovi progetti europei. Il primo, ALPLINK, è finanziato da Interreg Alcotra; "
         "il secondo, SmartValley, da Interreg Spazio Alpino.", ["ALPLINK", "SmartValley"]),
        ("Sono tre i progetti approvati: il primo, GREENWAY, riguarda la mobilità, l'altro, AquaLab, le acque.",
         ["GREENWAY", "AquaLab"]),
    ],
)
def test_coined_names_after_ordinals_following_plural_projects_are_projects(loaded, text, projects):
    assert [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"] == projects


LONG_PARAGRAPH = " ".join(["Il servizio apre sportelli nei quartieri e accompagna le famiglie nella ricerca della casa."] * 4)


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        ("Torino lancia due progetti. Il primo, CASA PONTE, è finanziato dal FAMI. " + LONG_PARAGRAPH
         + " Il secondo, TRAME – Trasformare le Reti Abitative in Modelli di Equità, è sostenuto dalla Compagnia di San Paolo.",
         ["CASA PONTE", "TRAME", "Trasformare le Reti Abitative in Modelli di Equità"]),
        ("Due progetti europei per Bari. Il primo, AQUALAB, riguarda le acque. " + LONG_PARAGRAPH
         + " L'altro, VERDE – Valorizzare Energie Rinnovabili per lo Sviluppo Europeo, è guidato dal Politecnico.",
         ["AQUALAB", "VERDE", "Valorizzare Energie Rinnovabili per lo Sviluppo Europeo"]),
    ],
)
def test_a_later_ordinal_names_a_project_that_its_long_form_spells(loaded, text, projects):
    assert [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"] == projects


def test_an_ordinal_without_projects_before_it_names_no_project(loaded):
    doc = loaded.nlp("Sono arrivati due ospiti. Il primo, ANCI, ha parlato a lungo.")
    assert [ent.text for ent in doc.ents if ent.label_ == "PROJECT"] == []


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Bergamo coordina il progetto Horizon Europe URBAN-GREEN sulle aree verdi.", "URBAN-GREEN"),
        ("Il Comune partecipa al progetto Interreg Europe CircularCities con altre otto città.", "CircularCities"),
    ],
)
def test_a_programmes_name_before_a_coined_project_name_is_not_part_of_it(loaded, text, project):
    assert [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"] == [project]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Home > Progetti europei > GREENSCHOOLS\n\nGREENSCHOOLS – Green Schools for Climate Action\n\nCapofila: Comune di Pesaro",
         ["GREENSCHOOLS", "GREENSCHOOLS", "Green Schools for Climate Action"]),
        ("Progetti › AQUALAB\n\nAQUALAB: Adriatic Quality Labs\n\nPartner: Università di Bari",
         ["AQUALAB", "AQUALAB", "Adriatic Quality Labs"]),
    ],
)
def test_a_project_page_names_its_project_in_the_breadcrumb_and_title(loaded, text, names):
    assert [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"] == names



@pytest.mark.parametrize(
    ("text", "projects"),
    [
        ("Approvati tre progetti. Il progetto CLEAN-AIR è guidato da Parma, mentre SMART-FARM ha come capofila l'Università "
         "di Bologna.", ["CLEAN-AIR", "SMART-FARM"]),
        ("Tra i progetti finanziati, il Comune partecipa a RIVERS, coordinato dalla Provincia di Utrecht.", ["RIVERS"]),
    ],
)
def test_a_coined_name_a_projects_role_follows_is_a_project(loaded, text, projects):
    assert [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"] == projects


@pytest.mark.parametrize(
    "text",
    [
        "Due progetti europei. Il primo, «FoodWave», finanziato dal programma DEAR, è coordinato dal Comune di Milano.",
        "Tra i progetti approvati c'è «Mare Vivo», sostenuto dal programma COSME, è coordinato dalla Regione Puglia.",
    ],
)
def test_a_programmes_name_a_role_follows_is_no_project(loaded, text):
    projects = [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"]
    assert projects and not {"DEAR", "COSME"} & set(projects)


def test_a_known_bodys_acronym_a_role_follows_is_no_project(loaded):
    doc = loaded.nlp("Nei progetti della rete, ANCI, coordinato da Roma, ha un ruolo importante.")
    assert [ent.text for ent in doc.ents if ent.label_ == "PROJECT"] == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Il Comune partecipa al progetto RuralGrowth - increasing competitiveness of Smes in the rural visitor economy sector, "
         "presentato dall'Ungheria.", ["RuralGrowth", "increasing competitiveness of Smes in the rural visitor economy sector"]),
        ("Tra i progetti approvati c'è GreenPorts – reducing emissions of the Adriatic ports, guidato da Ancona.",
         ["GreenPorts", "reducing emissions of the Adriatic ports"]),
    ],
)
def test_a_coined_projects_title_in_sentence_case_after_a_dash(loaded, text, names):
    assert [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"] == names


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        ("Lecce ha ottenuto due progetti europei. Il primo è Youth Hubs, una rete URBACT; il secondo è Ponti Aperti, "
         "finanziato da Erasmus+.", ["Youth Hubs", "Ponti Aperti"]),
        ("Bari ha vinto due progetti. Il primo è Città Aperte, guidato dal Comune di Bari.", ["Città Aperte"]),
    ],
)
def test_a_name_after_an_ordinal_and_e_following_plural_projects_is_a_project(loaded, text, projects):
    assert projects_in(loaded, text) == projects


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Le attività sono partite a giugno.\n\nIl secondo progetto, Ponti di Comunità, è stato approvato a maggio.",
         "Ponti di Comunità"),
        ("Il Comune lavora con le scuole.\n\nIl terzo progetto, GreenLab, riguarda i parchi.", "GreenLab"),
    ],
)
def test_a_name_set_off_after_an_ordinal_and_its_cue_is_a_project(loaded, text, project):
    assert projects_in(loaded, text) == [project]


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Via libera al progetto LIFE ESINO VIVO: Jesi capofila, cinque anni di lavori.", "LIFE ESINO VIVO"),
        ("Il Comune partecipa al progetto LIFE Ticino Biosource, coordinato dalla Regione Lombardia.", "LIFE Ticino Biosource"),
    ],
)
def test_a_life_project_carries_the_programmes_name(loaded, text, project):
    assert projects_in(loaded, text) == [project]


@pytest.mark.parametrize(
    "text",
    [
        "È la prima volta che la città partecipa a un progetto Horizon come partner operativo.",
        "Il Comune ha già guidato un progetto LIFE, tre anni fa.",
    ],
)
def test_a_programme_after_a_project_cue_is_no_project(loaded, text):
    assert projects_in(loaded, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto CLIMAQ parte a gennaio. Le città pilota sono:\n\n• Tampere (Finlandia)\n• Saragozza (Spagna)\n",
        "Il progetto CLIMAQ parte a gennaio. Le città beneficiarie sono:\n- Tampere;\n- Saragozza.\n",
    ],
)
def test_pilot_cities_listed_after_a_colon_are_participants(extract, text):
    assert participant_roles(extract, text) == {name_key("Tampere"): "participant", name_key("Zaragoza"): "participant"}


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto CLIMAQ costa 5 milioni di euro, di cui 4,8 coperti dal contributo UE.",
        "Il progetto CLIMAQ è partito: il contributo dell'Unione europea è di 1,2 milioni di euro.",
    ],
)
def test_the_body_right_after_contributo_funds_the_project(extract, text):
    assert participant_roles(extract, text) == {name_key("Unione europea"): "funder"}


def test_contributo_with_no_body_after_it_makes_no_funder(extract):
    text = "Il progetto CLIMAQ ha ricevuto il contributo assegnato; le attività si svolgono nella Fondazione Alfa."
    assert name_key("Fondazione Alfa") not in participant_roles(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto RIVA parte a settembre. Chi sono i partner? Oltre a Jesi, ne fanno parte il Comune di Fabriano e la Fondazione Alfa.",
        "Il progetto RIVA durerà tre anni. Ne faranno parte anche il Comune di Fabriano e la Fondazione Alfa.",
    ],
)
def test_bodies_that_are_part_of_the_project_are_participants(extract, text):
    roles = participant_roles(extract, text)
    assert roles[name_key("Fabriano")] == "participant" and roles[name_key("Fondazione Alfa")] == "participant"


@pytest.mark.parametrize(
    "text",
    [
        "La rete, che ha come lead partner la città di Gand, lavorerà sugli edifici del progetto YOUTHUB.",
        "Il progetto YOUTHUB ha come lead partner il Comune di Gand.",
    ],
)
def test_lead_partner_is_a_lead_not_a_partner(extract, text):
    assert participant_roles(extract, text) == {name_key("Gent"): "lead"}


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        ("Il nuovo progetto riprende alcune azioni del precedente RIPARIA, finanziato anch'esso dal programma LIFE.",
         ["RIPARIA"]),
        ("Tra i progetti del Comune c'è anche AQUAMED, cofinanziato dalla Regione Puglia.", ["AQUAMED"]),
    ],
)
def test_a_coined_name_a_funding_phrasing_follows_is_a_project(loaded, text, projects):
    assert projects_in(loaded, text) == projects


@pytest.mark.parametrize(
    ("text", "funder"),
    [
        ("Il progetto CLIMAQ è beneficiario di fondi UE per tre anni.", "Unione europea"),
        ("Il progetto CLIMAQ riceve 2 milioni in fondi Fesr.", "FESR"),
    ],
)
def test_the_body_right_after_fondi_funds_the_project(extract, text, funder):
    assert participant_roles(extract, text)[name_key(funder)] == "funder"


@pytest.mark.parametrize(
    "text",
    [
        "Fondi europei, colpo grosso del Comune di Appignano: il progetto CLIMAQ è stato approvato.",
        "Il progetto CLIMAQ porta fondi europei al quartiere: ne beneficerà la Fondazione Alfa.",
    ],
)
def test_a_body_named_after_fondi_europei_is_no_funder(extract, text):
    assert "funder" not in participant_roles(extract, text).values()


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("Il progetto ALFA coinvolge numerosi partner europei: MigrationWork (Regno Unito), New Women Connectors (Paesi Bassi) "
         "e la ONG Humanrights360 (Grecia).", ["Migration Work", "New Women Connectors", "Humanrights360"]),
        ("Partecipano al progetto BETA anche Solidar Suisse (Svizzera), Mosaic Partners (Belgio) e Stichting Vluchtelingen "
         "(Paesi Bassi).", ["Solidar Suisse", "Mosaic Partners", "Stichting Vluchtelingen"]),
    ],
)
def test_names_before_a_bracketed_country_are_partner_organisations(extract, text, orgs):
    _, projects = extract(text)
    assert {name_key(p.name): p.kind for p in projects[0].participants} == {name_key(org): "org" for org in orgs}


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Il Comune di Lecco ha avviato RIVERLAB, un laboratorio per le sponde dell'Adda. Il progetto durerà due anni.",
         "RIVERLAB"),
        ("I Comuni di Celleno e Lubriano realizzeranno TUSCIA LENTA, una rete di cammini. Il progetto partirà a marzo.",
         "TUSCIA LENTA"),
    ],
)
def test_a_name_in_capitals_a_project_verb_takes_as_object_is_a_project(loaded, text, project):
    assert project in projects_in(loaded, text)


def test_a_name_in_capitals_a_project_verb_takes_outside_a_project_text_is_none(loaded):
    assert projects_in(loaded, "Il Comune di Lecco ha avviato RIVERLAB, un laboratorio per le sponde dell'Adda.") == []


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Il Comune di Lecco, in partenariato con Legambiente, ha avviato il progetto RIVERLAB.",
         {"Lecco": "lead", "Legambiente": "participant"}),
        ("Il Comune di Bagnoregio, in qualità di capofila, e il Comune di Celleno realizzeranno il progetto TUSCIA LENTA.",
         {"Bagnoregio": "lead", "Celleno": "participant"}),
    ],
)
def test_the_subject_launching_or_carrying_out_a_project_takes_its_role(extract, text, roles):
    assert participant_roles(extract, text) == {name_key(name): role for name, role in roles.items()}


@pytest.mark.parametrize(
    ("text", "funder"),
    [
        ("Con 1,2 milioni di euro del PNRR il Comune realizzerà il progetto TUSCIA LENTA.", "PNRR"),
        ("Il progetto RIVERLAB ha ricevuto 200mila euro della Fondazione Cariplo.", "Fondazione Cariplo"),
    ],
)
def test_the_body_whose_euros_pay_for_the_project_funds_it(extract, text, funder):
    assert participant_roles(extract, text)[name_key(funder)] == "funder"


@pytest.mark.parametrize(
    "text",
    [
        "Ferrara guida AQUA-PO, progetto cofinanziato dal programma LIFE.",
        "Il Comune di Ferrara coordina il progetto AQUA-PO, cofinanziato dal programma LIFE.",
    ],
)
def test_a_body_right_before_guida_or_coordina_leads(extract, text):
    assert participant_roles(extract, text) == {name_key("Ferrara"): "lead", name_key("LIFE"): "funder"}


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Il Comune di Lecco, in partenariato con Legambiente Lombardia e il Politecnico di Milano, ha avviato il progetto "
         "RIVERLAB.", {"Lecco": "lead", "Legambiente Lombardia": "participant", "Politecnico di Milano": "participant"}),
        ("La Regione Marche, con i partner Università di Macerata e Comune di Fermo, coordina il progetto ALFA.",
         {"Regione Marche": "lead", "Università di Macerata": "participant", "Fermo": "participant"}),
    ],
)
def test_a_role_phrased_between_the_subject_and_its_conjuncts_is_theirs(extract, text, roles):
    assert participant_roles(extract, text) == {name_key(name): role for name, role in roles.items()}


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        ("GreenSchool – Greening School Yards è una delle Action Planning Networks approvate dal programma URBACT IV.",
         ["GreenSchool", "Greening School Yards"]),
        ("Guidato dalla città di Lisbona, FOOD4ALL è uno dei network di pianificazione approvati da URBACT.", ["FOOD4ALL"]),
        ("Il primo risultato è Youth Hubs, una delle reti di pianificazione approvate nell'ultimo bando URBACT.", ["Youth Hubs"]),
    ],
)
def test_a_programmes_network_of_cities_is_a_project(loaded, text, projects):
    assert sorted(projects_in(loaded, text)) == sorted(projects)


def test_the_cities_of_a_programmes_network_are_its_participants(extract):
    text = ("Guidato dalla città di Lisbona, FOOD4ALL è uno dei network di pianificazione approvati nell'ambito del programma "
            "URBACT IV. Ne fanno parte Udine, Tartu e Grenoble.")
    memberships, projects = extract(text)
    assert memberships == []
    assert {name_key(p.name): p.role for p in projects[0].participants} == {
        name_key("Lisbon"): "lead", name_key("URBACT"): "funder", name_key("Udine"): "participant",
        name_key("Tartu"): "participant", name_key("Grenoble"): "participant"}


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Ventiquattro ragazzi per parlare di clima: è «Voci dal Sud», lo scambio giovanile coordinato dall'associazione "
         "Mondo Giovani.", "Voci dal Sud"),
        ("Sondrio – «ALPINE COMMONS» ha ottenuto 180 mila euro. Il progetto vede come capofila la Comunità Montana.",
         "ALPINE COMMONS"),
        ("Riparte per il secondo anno “Passi Sicuri”, il servizio di orientamento legale. Il progetto è finanziato dalla "
         "Chiesa Valdese.", "Passi Sicuri"),
        ("Finanziato dal Ministero dell'Interno, prende il via «RADICI», del valore di 780.000 euro.", "RADICI"),
    ],
)
def test_a_quoted_name_where_a_project_or_its_roles_are_spoken_of_is_a_project(loaded, text, project):
    assert project in projects_in(loaded, text)


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto ha ottenuto 180 mila euro dalla Fondazione Cariplo sul bando «Comunità resilienti».",
        "«Siamo orgogliosi di essere partner», ha detto il sindaco del progetto.",
        "Gli incontri del progetto si sono tenuti presso l'ostello “Rio di Vorno”, partner dell'iniziativa.",
        "Partecipa al progetto l'Associazione Gruppo d'Azione Locale \"Varmia Meridionale\", partner polacco.",
    ],
)
def test_a_quoted_call_quotation_venue_or_rest_of_a_name_is_no_project(loaded, text):
    assert projects_in(loaded, text) == []


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        ("È partito BIOMARE (Biodiversità e Monitoraggio delle Aree Rocciose), progetto del programma Interreg ALCOTRA.",
         ["BIOMARE", "Biodiversità e Monitoraggio delle Aree Rocciose"]),
        ("Al via GREENPORT (Green Ports for the Adriatic), progetto finanziato dall'Unione europea.",
         ["GREENPORT", "Green Ports for the Adriatic"]),
    ],
)
def test_a_coined_name_with_its_bracketed_long_form_beside_a_project_cue(loaded, text, projects):
    assert sorted(projects_in(loaded, text)) == sorted(projects)


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto BIOMARE è coordinato dall'Università di Genova, mentre il Comune di Sanremo ne è partner.",
        "Il progetto BIOMARE è guidato dall'Università di Genova; il Comune di Sanremo ne sarà partner dal 2025.",
    ],
)
def test_a_body_that_ne_e_partner_is_a_participant(extract, text):
    assert participant_roles(extract, text) == {name_key("Università di Genova"): "lead", name_key("Sanremo"): "participant"}


@pytest.mark.parametrize(
    "text",
    [
        "RIMINI – Anche Rimini tra le città pilota di COOLSPACES, progetto di ricerca europeo.",
        "LECCE – Nuovo Progetto Europeo per il Comune: si chiama ALFA.",
    ],
)
def test_a_datelines_town_before_a_dash_is_no_project(loaded, text):
    projects = projects_in(loaded, text)
    assert "RIMINI" not in projects and "LECCE" not in projects


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Anche Rimini tra le città pilota di COOLSPACES, progetto di ricerca guidato dalla TU Delft (Paesi Bassi).", "COOLSPACES"),
        ("Il Comune partecipa al progetto di ricerca coordinato da ENEA sulle reti di calore.", None),
    ],
)
def test_a_projects_description_does_not_run_over_a_verb(loaded, text, project):
    assert projects_in(loaded, text) == ([project] if project else [])


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Bologna, 2 febbraio 2023 – Parte STAGES OF CARE, progetto di cooperazione sostenuto da Europa Creativa.", "STAGES OF CARE"),
        ("Al via GREENWAY, progetto finanziato da Interreg Italia-Austria.", "GREENWAY"),
    ],
)
def test_a_name_in_capitals_beside_a_project_cue_ends_where_the_capitals_do(loaded, text, project):
    assert projects_in(loaded, text) == [project]


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Il progetto «Crescere a Mare» è partito. La cooperativa sociale Prospettiva, capofila, coordina quattordici partner.",
         "Prospettiva"),
        ("Parte ALFA, progetto di cooperazione sostenuto da Europa Creativa, con l'associazione culturale Instabile Cie in "
         "qualità di coordinatore.", "Instabile Cie"),
    ],
)
def test_a_body_an_organisation_noun_and_its_adjective_introduce_takes_its_role(extract, text, lead):
    memberships, projects = extract(text)
    assert memberships == []
    assert participant_roles(extract, text)[name_key(lead)] == "lead"


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto MED-SHORES, a guida della Città metropolitana di Palermo, è stato ammesso a finanziamento.",
        "Il progetto MED-SHORES è partito. A guidarlo è la Città metropolitana di Palermo.",
        "Il progetto MED-SHORES, di cui è titolare la Città metropolitana di Palermo, è partito.",
        "Il progetto MED-SHORES è partito. Alla guida c'è la Città metropolitana di Palermo.",
    ],
)
def test_the_body_at_a_projects_guida_or_its_titolare_leads(extract, text):
    assert participant_roles(extract, text) == {name_key("Palermo"): "lead"}


def test_a_lead_named_by_its_nationality_names_no_lead(extract):
    text = "Il Comune di Alghero partecipa al progetto OLIVE-NET, a guida spagnola, finanziato da Horizon Europe."
    assert participant_roles(extract, text) == {name_key("Alghero"): "participant", name_key("Horizon Europe"): "funder"}


@pytest.mark.parametrize(
    "text",
    [
        "Parte il progetto PASSI. Il progetto, promosso dal Comune di Cremona, è realizzato con Slow Food e con la Fondazione Alfa.",
        "Il progetto PASSI, di cui è titolare il Comune di Cremona, è realizzato insieme a Slow Food e alla Fondazione Alfa.",
    ],
)
def test_bodies_a_project_is_carried_out_with_are_participants(extract, text):
    assert participant_roles(extract, text) == {
        name_key("Cremona"): "lead", name_key("Slow Food"): "participant", name_key("Fondazione Alfa"): "participant"}


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto PASSI è finanziato dalla Fondazione Alfa; una seconda fase potrà essere finanziata dalla Regione Lombardia.",
        "Il progetto PASSI è finanziato dalla Fondazione Alfa, mentre il prossimo anno potrebbe essere cofinanziato dalla "
        "Regione Lombardia.",
    ],
)
def test_money_that_might_come_makes_no_funder(extract, text):
    assert participant_roles(extract, text) == {name_key("Fondazione Alfa"): "funder"}


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto ALFA, selezionato dalla Fondazione Cariplo, parte a maggio.",
        "Il progetto ALFA è stato selezionato dalla Fondazione Cariplo tra quaranta proposte.",
    ],
)
def test_the_body_selecting_a_project_funds_it(extract, text):
    assert participant_roles(extract, text) == {name_key("Fondazione Cariplo"): "funder"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Prende il via a Palermo «Trame di quartiere 2». Il progetto è guidato dall'associazione Send APS.", "Trame di quartiere 2"),
        ("Presentato a Bari «Mare Nostro». Il progetto coinvolge dieci scuole.", "Mare Nostro"),
        ("Al via «Coltivare Comunità». Il progetto è finanziato dalla Regione.", "Coltivare Comunità"),
    ],
)
def test_a_quoted_project_name_after_a_place_or_with_an_infinitive(loaded, text, name):
    assert name in [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("SMART-TRANSIT, finanziato dal programma Interreg Central Europe, è guidato da Bologna. I partner sono cinque.", "SMART-TRANSIT"),
        ("OLIVE-NET, finanziato da Interreg Euro-MED, riunisce sei partner.", "OLIVE-NET"),
        ("È stato presentato a Ravenna LIFE DELTA-WET, cofinanziato dalla Commissione europea. Capofila è il Consorzio.",
         "LIFE DELTA-WET"),
    ],
)
def test_a_coined_name_a_role_follows_in_a_text_about_partners_is_a_project(loaded, text, name):
    assert name in [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("STAGES OF EUROPE è cofinanziato dal programma Europa Creativa. Partner: Fondazione Teatro di Napoli (capofila).",
         "STAGES OF EUROPE"),
        ("ADRIA-BLUE è finanziato dal programma Interreg IPA ADRION e ha sei partner.", "ADRIA-BLUE"),
        ("Presentato a Bologna ROOTS-ROUTES, partenariato Erasmus+ sull'educazione dei giovani. I partner sono cinque.", "ROOTS-ROUTES"),
    ],
)
def test_a_coined_name_that_is_financed_or_a_partnership_is_a_project(loaded, text, name):
    assert name in [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Partner: Stichting Theater Rotterdam (Paesi Bassi) e Verein Brut Wien (Austria).", "Stichting Theater Rotterdam"),
        ("Partecipano la Agencia Extremeña de la Energía e lo Zavod Most di Lubiana.", "Agencia Extremeña de la Energía"),
    ],
)
def test_foreign_bodies_are_found_by_their_head_word(loaded, text, org):
    assert org in [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Partecipa il Dipartimento di Scienze, Progetto e Politiche del Territorio.",
         "Dipartimento di Scienze, Progetto e Politiche del Territorio"),
        ("Per Unipi partecipa il Dipartimento di Ingegneria dell’Energia, dei Sistemi, del Territorio e delle Costruzioni (DESTEC).",
         "Dipartimento di Ingegneria dell’Energia, dei Sistemi, del Territorio e delle Costruzioni"),
    ],
)
def test_a_body_named_for_listed_fields_runs_to_the_last_field(loaded, text, org):
    assert org in [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "ORG"]


def test_places_listed_after_a_body_are_no_fields_of_it(loaded):
    ents = [(ent.text, ent.label_) for ent in loaded.nlp("Partner: Università di Pisa, Lucca e Siena.").ents]
    assert ("Università di Pisa", "ORG") in ents and ("Lucca", "CITY") in ents


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Partecipano la Cooperativa Sociale Il Melograno Soc. Coop. Onlus e il Comune.", "Cooperativa Sociale Il Melograno Soc. Coop. Onlus"),
        ("Partner: Slovenske železnice d.o.o. e Luka Koper d.d. (Slovenia).", "Luka Koper d.d."),
    ],
)
def test_an_organisation_keeps_its_dotted_legal_forms(loaded, text, org):
    assert org in [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "call"),
    [
        ("Sostenuto da Fondazione Cariplo nell'ambito del bando «Welfare in ageing», il progetto «Rete Argento» coinvolge Lodi.",
         "Welfare in ageing"),
        ("Vincitore del premio «Città Verde», il progetto SOLE coinvolge Lecce.", "Città Verde"),
    ],
)
def test_a_quoted_call_or_prize_before_a_project_cue_is_no_project(loaded, text, call):
    assert call not in [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"]


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("Il progetto è presentato dalla ASL Roma 1 e finanziato dal FAMI.", ["ASL Roma 1"]),
        ("In partenariato ci sono la ASL Napoli 3, la Caritas e il Comune.", ["ASL Napoli 3"]),
    ],
)
def test_a_number_closing_an_organisations_name_is_part_of_it(loaded, text, orgs):
    assert [ent.text for ent in loaded.nlp(text).ents if ent.text in orgs and ent.label_ == "ORG"] == orgs


def test_a_number_counting_something_after_a_name_is_not_part_of_it(loaded):
    doc = loaded.nlp("La sede della ASL Roma da 2 anni ospita il servizio.")
    assert not any(ent.text.endswith("2") for ent in doc.ents if ent.label_ == "ORG")


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("La salute mentale resta una emergenza. Prova a dare una risposta \"Ponti di cura\", il progetto presentato dalla ASL Roma 1.",
         "Ponti di cura"),
        ("Parte “Ritorno a Matera”, il progetto che la Fondazione Beta ha finanziato.", "Ritorno a Matera"),
    ],
)
def test_a_town_inside_a_quoted_name_beside_a_project_cue_does_not_stop_it(loaded, text, project):
    assert project in [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"]


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Trasformare le plastiche in granuli. È la scommessa di RE-POLY, uno dei progetti di ricerca finanziati dalla Regione.", "RE-POLY"),
        ("Al via ECOFARM, uno dei progetti selezionati dal programma LIFE.", "ECOFARM"),
    ],
)
def test_a_name_beside_one_of_many_projects_is_a_project(loaded, text, project):
    assert project in [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"]


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto SICCITAS è finanziato da Horizon Europe nell'ambito del Cluster 6 \"Alimenti, bioeconomia e ambiente\".",
        "Il progetto VERDE è finanziato dal PR FESR nell'ambito dell'Asse 2 «Ambiente e territorio».",
    ],
)
def test_a_quoted_strand_of_a_programme_is_no_project(loaded, text):
    projects = [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"]
    assert not any(" e " in name for name in projects)


@pytest.mark.parametrize(
    "text",
    [
        "Il progetto ALFA è guidato dal Comune di Bressanone.\n\nPartner di progetto\n\nAccanto al Comune, che coordina le attività, "
        "lavorano al progetto:\n- Stadtgemeinde Lienz (AT)\n- Land Tirol (AT)\n",
        "Il progetto ALFA è guidato dal Comune di Bressanone.\n\nOltre al Comune, che coordina le attività, "
        "prendono parte al progetto:\n- Stadtgemeinde Lienz (AT)\n- Land Tirol (AT)\n",
    ],
)
def test_the_list_of_who_works_on_a_project_is_its_participants(extract, text):
    _, projects = extract(text)
    assert [project.name for project in projects] == ["ALFA"]
    roles = {name_key(p.name): p.role for p in projects[0].participants}
    assert roles.get(name_key("Stadtgemeinde Lienz")) == "participant" and roles.get(name_key("Land Tirol")) == "participant"


@pytest.mark.parametrize(
    ("text", "seat"),
    [
        ("Il progetto ALFA è coordinato dal Politecnico di Bari. Capofila è Officine Meccaniche Ferrari, azienda di Carpi con 140 dipendenti.",
         "carpi"),
        ("Il progetto ALFA è coordinato dal Politecnico di Bari. Tra i partner figurano Polimeri Adriatici S.r.l. di Ravenna e l'Università di Pisa.",
         "ravenna"),
    ],
)
def test_the_town_an_organisation_is_in_is_no_party(extract, text, seat):
    assert seat not in participant_roles(extract, text)


def test_a_town_after_a_municipality_in_an_apposition_is_a_party(extract):
    text = "Il progetto ALFA è coordinato dal Politecnico di Bari; tra i partner figurano l'Acquedotto Pugliese, la municipalità di Sfax e altri."
    assert participant_roles(extract, text).get("sfax") == "participant"


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Il progetto ALFA è guidato dal Comune di Massa. La Regione Toscana non partecipa direttamente al progetto, ma ne promuove gli incontri.",
         "regione toscana"),
        ("Il progetto ALFA è guidato dal Politecnico di Bari. Biancavilla non è partner del progetto, ma ospiterà le prove.", "biancavilla"),
    ],
)
def test_a_denied_role_gives_no_participant(extract, text, party):
    assert party not in participant_roles(extract, text)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Il Comune di Lecce ha presentato il progetto ALFA al bando regionale, con l'Università del Salento come partner.", "lecce"),
        ("La Fondazione Beta presenterà il progetto ALFA al ministero.", "fondazione beta"),
    ],
)
def test_the_body_that_presents_a_project_is_its_lead(extract, text, lead):
    assert participant_roles(extract, text).get(lead) == "lead"


@pytest.mark.parametrize(
    "text",
    [
        "Enel X S.p.A. sarà alla guida del consorzio del progetto FLEX-GRID, finanziato da Horizon Europe.",
        "La Fondazione Beta è alla testa del partenariato del progetto FLEX-GRID.",
    ],
)
def test_a_body_at_the_head_of_a_projects_consortium_is_its_lead(extract, text):
    roles = participant_roles(extract, text)
    assert "lead" in roles.values() and not any(role == "lead" and "horizon" in name for name, role in roles.items())


@pytest.mark.parametrize(
    "text",
    [
        "Capofila del progetto ALFA è la Fondazione Beta; collaborano al progetto il Centro per l'Impiego di Torino e il Comune di Lecce.",
        "Il progetto ALFA è guidato dalla Fondazione Beta. Collaboreranno al progetto il Centro per l'Impiego di Torino e il Comune di Lecce.",
    ],
)
def test_those_collaborating_on_a_project_are_its_participants(extract, text):
    roles = participant_roles(extract, text)
    assert roles.get("fondazione beta") == "lead" and roles.get("lecce") == "participant"


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Il progetto PRIN “MIGRA-VOICES”, finanziato dal Ministero dell'Università, è coordinato dall'Università di Macerata.", "MIGRA-VOICES"),
        ("Il progetto PON «Scuola Aperta» è finanziato dal Ministero dell'Istruzione.", "Scuola Aperta"),
    ],
)
def test_an_acronym_before_a_quoted_name_is_the_programme_not_the_project(loaded, text, project):
    assert [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "PROJECT"] == [project]


@pytest.mark.parametrize(("text", "org"), [("Partecipano l'ASL TO3 e il Comune.", "ASL TO3"), ("Capofila è l'ATS 11, con il Comune.", "ATS 11")])
def test_a_code_closing_an_acronyms_name_is_part_of_it(loaded, text, org):
    assert (org, "ORG") in [(ent.text, ent.label_) for ent in loaded.nlp(text).ents]
