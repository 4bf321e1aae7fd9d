"""The project and listed-organisation rules, the sentence splitter and the junk filter,
each on a blank Italian pipeline with hand-set statistical entities."""

from __future__ import annotations

import pytest
import spacy


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_line_sentencizer")
    nlp.add_pipe("it_entity_rules")
    nlp.add_pipe("it_junk_filter")
    return nlp


def tag(nlp, text: str, statistical: list[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    doc = nlp.make_doc(text)
    spans = []
    for surface, label in statistical:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label, alignment_mode="expand"))
    doc.ents = spans
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [(ent.text, ent.label_) for ent in doc.ents]


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Progetto internazionale MC2CM", "MC2CM"),
        ("Si è concluso il progetto CONNECTION, finanziato dal FAMI.", "CONNECTION"),
        ("Il progetto europeo «Welcoming Spaces» è partito nel 2021.", "Welcoming Spaces"),
        ("Nell'ambito del progetto Urban Innovative Actions il Comune ha lavorato.", "Urban Innovative Actions"),
        ("Il progetto pilota TANDEM coinvolge sei città.", "TANDEM"),
        ("Il progetto Cities on the Move coinvolge sei città.", "Cities on the Move"),
        ("Con il progetto Focus on Youth la città lavora con le scuole.", "Focus on Youth"),
    ],
)
def test_project_after_cue(nlp, text, project):
    assert (project, "PROJECT") in tag(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Un progetto internazionale finalizzato allo scambio di buone pratiche.",
        "I progetti educativi portati avanti dal Cesedi.",
        "Il progetto triennale, finanziato dal fondo europeo, è concluso.",
    ],
)
def test_no_project_without_a_name(nlp, text):
    assert [label for _, label in tag(nlp, text) if label == "PROJECT"] == []


def test_long_form_before_bracketed_project_acronym(nlp):
    text = "Il progetto MC2CM riunisce le città.\nIl meeting di Mediterranean City to City Migration (MC2CM) a Torino."
    found = tag(nlp, text)
    assert ("Mediterranean City to City Migration", "PROJECT") in found
    assert found.count(("MC2CM", "PROJECT")) == 2


def test_acronym_dash_long_form_keeps_mixed_case_words(nlp):
    text = "Il progetto CONNECTION – CONNEcting Cities Towards Integration actiON è concluso."
    assert ("CONNEcting Cities Towards Integration actiON", "PROJECT") in tag(nlp, text)


def test_title_case_mention_of_an_all_capitals_project(nlp):
    text = "Connection\n\nSi è concluso il progetto CONNECTION."
    assert tag(nlp, text)[0] == ("Connection", "PROJECT")


def test_listed_networks_become_organisations(nlp):
    text = (
        "Tra le reti alle quali la Città partecipa ricordiamo Eurocities; Platform; "
        "Associazione delle Città Sedi di Esposizioni Internazionali e Cities For Sports."
    )
    statistical = [("Platform", "PERSON"), ("Associazione delle Città Sedi", "ORG")]
    assert tag(nlp, text, statistical) == [
        ("Eurocities", "ORG"),
        ("Platform", "ORG"),
        ("Associazione delle Città Sedi di Esposizioni Internazionali", "ORG"),
        ("Cities For Sports", "ORG"),
    ]


def test_list_item_covered_by_organisations_keeps_them(nlp):
    text = "Tra le reti ricordiamo B.J.C.E.M. Associazione per la Biennale; Eurocities."
    statistical = [("B.J.C.E.M.", "ORG"), ("Associazione per la Biennale", "ORG")]
    assert tag(nlp, text, statistical)[:2] == [("B.J.C.E.M.", "ORG"), ("Associazione per la Biennale", "ORG")]


def test_list_without_network_topic_adds_nothing(nlp):
    text = "Tra i partecipanti ricordiamo Mario Rossi; Anna Bianchi."
    assert tag(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Scarica CONNECTION-Integration_Strategies_COP1 qui", "Integration_Strategies_COP1"),
        ("Sito: https://integratingcities.eu/ di EUROCITIES", "integratingcities"),
        ("Scrivere a info@Eurocities.eu per dettagli", "Eurocities"),
    ],
)
def test_entities_inside_links_and_file_names_are_dropped(nlp, text, surface):
    assert all(surface not in found for found, _ in tag(nlp, text, [(surface, "ORG")]))


def test_entity_beside_a_link_is_kept(nlp):
    assert tag(nlp, "Conferenza di EUROCITIES (https://integratingcities.eu/).", [("EUROCITIES", "ORG")]) == [
        ("EUROCITIES", "ORG")
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Titolo del comunicato\nIl testo comincia qui. E continua.", 3),
        ("La città partecipa a Eurocities; ICLEI e Energy Cities.", 1),
        ("Ha detto: «Sono contento.» Poi è andato via.", 2),
        ("La risoluzione n. 3569 del Consiglio.", 1),
    ],
)
def test_sentences_break_at_lines_and_final_punctuation(nlp, text, sentences):
    assert len(list(nlp(text).sents)) == sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Coordinato da Eurocities, UNITES coinvolge numerosi partner\neuropei: Oulu e Praga.", 1),
        ("Partecipano Oulu (Finlandia), Praga\n(Repubblica Ceca) e Atene.", 1),
        ("Partecipano Oulu (Finlandia), Atene (Grecia),\nSaragozza (Spagna) e Bologna.", 1),
        ("Torino entra nella rete ECCAR\nIl Comune ha aderito alla Coalizione.", 2),
        ("Il direttivo è composto da:\nAmalfi (SA)\nBrisighella (RA)", 3),
        ("Il testo finisce qui.\nuna riga minuscola dopo il punto.", 2),
    ],
)
def test_hard_wrapped_lines_stay_one_sentence(nlp, text, sentences):
    doc = nlp(text)
    assert len([s for s in doc.spans["line_sentences"] if s.text.strip()]) == sentences


@pytest.mark.parametrize(
    ("text", "code", "town"),
    [
        ("Aderiscono Fucecchio (FI), Novellara (RE) e Olbia.", "FI", "Fucecchio"),
        ("Sono soci Cetona (Si), Chiusi (Si) e Murlo (Si).", "Si", "Cetona"),
    ],
)
def test_province_code_after_a_town_is_no_organisation(nlp, text, code, town):
    found = tag(nlp, text, [(town, "CITY"), (code, "ORG")])
    assert (code, "ORG") not in found and (town, "CITY") in found


def test_acronym_in_brackets_after_a_name_stays_an_organisation(nlp):
    found = tag(nlp, "Finanziato dall'Unione Europea (UE) e dal FAMI.", [("Unione Europea", "ORG"), ("UE", "ORG")])
    assert ("UE", "ORG") in found


@pytest.mark.parametrize(
    "text",
    [
        "Le reti a cui aderiamo sono: Cetona (Si), Chiusi (Si), Murlo (Si).",
        "Tra le reti delle città ricordiamo: Cetona (Si), Chiusi (Si) e S",
    ],
)
def test_listed_towns_with_provinces_are_no_listed_organisations(nlp, text):
    assert not [surface for surface, label in tag(nlp, text, [("Cetona", "CITY")]) if label == "ORG"]


@pytest.mark.parametrize(
    ("text", "statistical", "kept"),
    [
        ("La Rete RE.A.DY\n\nSarà presentata domani.", "Rete RE.A.DY\n\nSarà", "Rete RE.A.DY"),
        ("Coordina ANCI Toscana\n\n\nIl Comune aderisce.", "ANCI Toscana\n\n\nIl Comune", "ANCI Toscana"),
    ],
)
def test_no_entity_runs_across_a_paragraph_break(nlp, text, statistical, kept):
    assert tag(nlp, text, [(statistical, "ORG")]) == [(kept, "ORG")]


def test_a_hard_wrapped_name_stays_whole(nlp):
    name = "Fondazione per le Iniziative e lo Studio sulla\nmultietnicità"
    assert tag(nlp, f"Partecipa la {name} di Milano.", [(name, "ORG")]) == [(name, "ORG")]


@pytest.mark.parametrize(
    ("text", "statistical", "place"),
    [
        ("Il progetto è finanziato dalla Regione Veneto.", [], "Regione Veneto"),
        ("Partecipa anche la Provincia di Gorizia.", [], "Provincia di Gorizia"),
        ("Aderisce la Regione Calabria.", [("Regione Calabria", "ORG")], "Regione Calabria"),
    ],
)
def test_regions_and_provinces_are_places_not_organisations(nlp, text, statistical, place):
    assert (place, "LOC") in tag(nlp, text, statistical)


def test_a_body_of_a_region_stays_one_organisation(nlp):
    text = "La Commissione Regionale per le Autorità Locali del Friuli Venezia Giulia partecipa."
    found = tag(nlp, text, [("Commissione Regionale per le Autorità Locali del Friuli Venezia Giulia", "ORG")])
    assert found == [("Commissione Regionale per le Autorità Locali del Friuli Venezia Giulia", "ORG")]


def test_no_entity_runs_into_the_next_line_sentence(nlp):
    text = "Aderisce la Regione Emilia-Romagna\nDefiniti anche i revisori."
    assert tag(nlp, text, [("Regione Emilia-Romagna\nDefiniti", "ORG")]) == [("Regione Emilia-Romagna", "LOC")]


@pytest.mark.parametrize(
    "text",
    [
        "La città è membro di numerose reti, tra cui Eurocities, Energy Cities e la Rete delle Città Sane.",
        "Tra le reti a cui aderiamo ricordiamo Eurocities; Energy Cities e la Rete delle Città Sane.",
    ],
)
def test_the_last_listed_network_after_e_and_an_article_is_its_own(nlp, text):
    found = [surface for surface, label in tag(nlp, text) if label == "ORG"]
    assert "Energy Cities" in found and "Rete delle Città Sane" in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Il progetto è guidato dal Gruppo Abele, attivo a Torino.", "Gruppo Abele"),
        ("Partecipa la Comunità Montana Sirentina con cinque comuni.", "Comunità Montana Sirentina"),
        ("Tra i partner la Società Cooperativa Sociale Alfa.", "Società Cooperativa Sociale Alfa"),
        ("Il Comune ha aderito al Club dei Comuni Ciclabili nel 2020.", "Club dei Comuni Ciclabili"),
        ("Lodi entra nel Circuito dei Teatri Storici.", "Circuito dei Teatri Storici"),
        ("La città è nel Network Città Sostenibili dal 2019.", "Network Città Sostenibili"),
    ],
)
def test_more_heads_of_organisation_names(nlp, text, name):
    assert (name, "ORG") in tag(nlp, text)


def test_a_committee_head_does_not_swallow_the_places_after_it(nlp):
    text = "Con Bari sono state elette nel Comitato esecutivo anche Lipsia e Danzica."
    assert not [surface for surface, label in tag(nlp, text, [("Lipsia", "CITY"), ("Danzica", "CITY")]) if label == "ORG"]



@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Scheda\n|\nProgetto\n|\nIntegrated Urban Waste-Management Model |\nDurata\n|\n24 mesi |", "Integrated Urban Waste-Management Model"),
        ("Titolo del progetto\nGreen Alpine Paths\nDurata: 24 mesi", "Green Alpine Paths"),
    ],
)
def test_the_value_under_a_project_field_label_is_a_project(nlp, text, name):
    assert (name, "PROJECT") in tag(nlp, text)


def test_a_kind_of_project_under_a_field_label_is_no_project(nlp):
    text = "Tipologia di progetto\n|\nProgetto individuale |"
    assert not any(label == "PROJECT" for _, label in tag(nlp, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("In partnership con le Associazioni Terre Calde Onlus (IT) e Oikos (PT).", "Terre Calde Onlus"),
        ("Partecipano le Fondazioni Cariplo Onlus e Compagnia ETS.", "Cariplo Onlus"),
        ("Tra i partner la Cooperativa Sociale Alfa Onlus.", "Cooperativa Sociale Alfa Onlus"),
    ],
)
def test_a_plural_kind_before_a_listed_name_is_not_part_of_it(nlp, text, name):
    assert (name, "ORG") in tag(nlp, text)


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Cagliari, 7 giugno 2023 – La Sardegna aderisce alla Under2 Coalition.", "Under2 Coalition"),
        ("Il Comune è entrato nella Healthy Towns Network lo scorso anno.", "Healthy Towns Network"),
        ("La Coalition ha riunito Climate Alliance e altri.", "Climate Alliance"),
    ],
)
def test_an_english_tail_word_ends_an_organisations_name(loaded, text, org):
    doc = loaded.nlp(text)
    orgs = [ent.text for ent in doc.ents if ent.label_ == "ORG"]
    assert org in orgs and "La Coalition" not in orgs


def test_a_known_bodys_strand_ending_in_network_is_no_new_name(loaded):
    doc = loaded.nlp("ReSCHOOL è una URBACT Action Planning Network guidata da Udine.")
    assert "URBACT Action Planning Network" not in [ent.text for ent in doc.ents if ent.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("Partner sono la Fondazione Bruno Kessler e l'Agenzia per l'Energia del Tirolo.",
         {"Fondazione Bruno Kessler", "Agenzia per l'Energia del Tirolo"}),
        ("Promosso dal Comune in collaborazione con la Caritas e sostenuto dalla Regione Toscana.", {"Caritas"}),
    ],
)
def test_a_headed_name_ends_before_another_body_or_a_verb(loaded, text, orgs):
    doc = loaded.nlp(text)
    assert orgs <= {ent.text for ent in doc.ents if ent.label_ == "ORG"}


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("Il Consiglio ha approvato il PAESC, il Piano d'azione per l'energia sostenibile e il clima.", "PAESC"),
        ("Entro l'anno la città adotterà il nuovo PUMS.", "PUMS"),
        ("La Carta delle Città Educative è stata firmata nel 1990.", "Carta delle Città Educative"),
        ("Si è chiuso a Bologna il Convegno Nazionale Città Sane.", "Convegno Nazionale Città Sane"),
        ("Il Comune ha aderito al Piano Strategico Metropolitano.", "Piano Strategico Metropolitano"),
        ("Il sindaco ha partecipato al Summit Europeo delle Regioni e delle Città.", "Summit Europeo delle Regioni e delle Città"),
    ],
)
def test_plans_charters_and_events_are_no_organisations(nlp, text, guess):
    # CONVENTIONS §7: plans, charters, statutes and events get no entity
    assert (guess, "ORG") not in tag(nlp, text, [(guess, "ORG")])


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Ne fanno parte la Conferenza delle Regioni Periferiche Marittime e altre reti.", "Conferenza delle Regioni Periferiche Marittime"),
        ("Il Forum Nazionale del Terzo Settore sostiene l'iniziativa.", "Forum Nazionale del Terzo Settore"),
    ],
)
def test_bodies_named_like_meetings_stay_organisations(nlp, text, org):
    assert (org, "ORG") in tag(nlp, text, [(org, "ORG")])


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Per l'Estonia partecipa CIVITTA Eesti AS, società di consulenza.", "CIVITTA Eesti AS"),
        ("Finlandia: Lahti Science and Business Park ltd, Regional Council of Paijiat Hame;", "Lahti Science and Business Park ltd"),
        ("Il partner tedesco è Stadtwerke Energie GmbH di Monaco.", "Stadtwerke Energie GmbH"),
        ("Con la slovena Razvojna Agencija Sotla d.o.o. il progetto si allarga.", "Razvojna Agencija Sotla d.o.o"),
    ],
)
def test_foreign_legal_forms_end_an_organisations_name(nlp, text, org):
    assert (org, "ORG") in tag(nlp, text)


@pytest.mark.parametrize(
    ("text", "org", "with_form"),
    [
        ("Collabora l'Agenzia per lo sviluppo locale di San Salvario onlus, attiva nel quartiere.",
         "Agenzia per lo sviluppo locale di San Salvario", "Agenzia per lo sviluppo locale di San Salvario onlus"),
        ("Il progetto è gestito dall'associazione Casa dei diritti odv di Bergamo.",
         "Casa dei diritti", "Casa dei diritti odv"),
        ("Partner operativo è la Fondazione per l'infanzia Onlus.",
         "Fondazione per l'infanzia", "Fondazione per l'infanzia Onlus"),
    ],
)
def test_a_legal_form_after_an_organisations_name_is_part_of_it(nlp, text, org, with_form):
    assert (with_form, "ORG") in tag(nlp, text, [(org, "ORG")])


def test_a_guess_of_the_legal_form_alone_gives_way_to_the_whole_name(nlp):
    text = "Per l'Estonia partecipa CIVITTA Eesti AS, società di consulenza."
    assert ("CIVITTA Eesti AS", "ORG") in tag(nlp, text, [("AS", "ORG")])


@pytest.mark.parametrize(
    ("text", "country", "org"),
    [
        ("Entrano nel progetto: per l'Estonia CIVITTA Eesti AS; per la Finlandia Lahti Science Park ltd.", "Estonia", "CIVITTA Eesti AS"),
        ("Entrano nel progetto: per l'Estonia CIVITTA Eesti AS; per la Finlandia Lahti Science Park ltd.", "Finlandia", "Lahti Science Park ltd"),
    ],
)
def test_a_country_before_a_legal_form_name_stays_a_country(nlp, text, country, org):
    assert {(country, "COUNTRY"), (org, "ORG")} <= set(tag(nlp, text, [(country, "COUNTRY")]))


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("I partner sono l'Escola de Hotelaria de Lisboa (Portogallo) e altri.", "Escola de Hotelaria de Lisboa"),
        ("Partecipano il Liceo Scientifico Galilei di Trento e la scuola media.", "Liceo Scientifico Galilei di Trento"),
        ("Per la Spagna partecipa l'Agencia Andaluza de la Energía.", "Agencia Andaluza de la Energía"),
        ("Italia: Comune di La Salle, università di Bologna, regione Emilia Romagna;", "università di Bologna"),
        ("Il lavoro è coordinato dal politecnico di Torino con altri partner.", "politecnico di Torino"),
    ],
)
def test_schools_and_foreign_bodies_head_organisation_names(nlp, text, org):
    assert (org, "ORG") in tag(nlp, text)



@pytest.mark.parametrize(
    "text",
    [
        "Il Comune è socio di: ANCI; Eurocities; Coordinamento Nazionale Enti Locali per la Pace e i Diritti Umani.",
        "Tra le reti a cui aderiamo ricordiamo Eurocities, ICLEI, Coordinamento Nazionale Enti Locali per la Pace e i Diritti Umani.",
    ],
)
def test_a_known_name_holding_e_ends_a_list_whole(loaded, text):
    orgs = [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "ORG"]
    assert orgs[-1] == "Coordinamento Nazionale Enti Locali per la Pace e i Diritti Umani"


@pytest.mark.parametrize(
    ("text", "cut", "whole"),
    [
        ("Sarà coordinato dal Nordic Institute for Urban Transitions (NIUT), centro di ricerca.",
         "Nordic Institute for", "Nordic Institute for Urban Transitions"),
        ("Partecipa anche la Baltic Association of Coastal Towns, con sede a Riga.",
         "Baltic Association of", "Baltic Association of Coastal Towns"),
        ("Il capofila è la Fondazione per lo Sviluppo Sostenibile della Sardegna.",
         "Fondazione per", "Fondazione per lo Sviluppo Sostenibile della Sardegna"),
    ],
)
def test_a_name_cut_on_a_connector_runs_on_over_the_capitalised_words_after_it(nlp, text, cut, whole):
    assert (whole, "ORG") in tag(nlp, text, [(cut, "ORG")])


@pytest.mark.parametrize(
    ("text", "cut", "name"),
    [
        ("Lo ha detto il direttore dell'Istituto di ricerca per la città.", "Istituto di ricerca per", "Istituto di ricerca"),
        ("Ha aderito l'Agenzia Europea del 2024.", "Agenzia Europea del", "Agenzia Europea"),
    ],
)
def test_a_name_cut_on_a_connector_with_no_name_after_it_ends_before_the_connector(nlp, text, cut, name):
    assert (name, "ORG") in tag(nlp, text, [(cut, "ORG")])


@pytest.mark.parametrize(
    ("text", "cut", "whole"),
    [
        ("Lucca siede nel consiglio direttivo del Coordinamento Agende 21 Locali Italiane dal 2024.",
         "Coordinamento Agende", "Coordinamento Agende 21 Locali Italiane"),
        ("Il Comune aderisce all'Alleanza Agenda 2030 Italia per lo sviluppo sostenibile.",
         "Alleanza Agenda", "Alleanza Agenda 2030 Italia"),
    ],
)
def test_a_number_inside_an_organisations_name_is_part_of_it(nlp, text, cut, whole):
    assert (whole, "ORG") in tag(nlp, text, [(cut, "ORG")])


def test_a_number_after_an_organisations_name_stays_outside_it(nlp):
    text = "La Rete Città Sane 2024 Firenze ospita l'assemblea."
    assert ("Rete Città Sane", "ORG") in tag(nlp, text, [("Rete Città Sane", "ORG"), ("Firenze", "LOC")])


@pytest.mark.parametrize(
    ("text", "statistical", "org"),
    [
        ("Lo ha annunciato la presidente della Camera Laura Boldrini.", [("Camera", "ORG"), ("Laura Boldrini", "PERSON")],
         "Camera"),
        ("È intervenuto il Ministero dell'Interno Matteo Piantedosi.", [("Matteo Piantedosi", "PERSON")],
         "Ministero dell'Interno"),
        ("C'erano la Fondazione per lo Sviluppo Sostenibile e Luciano Morselli.", [("Luciano Morselli", "PERSON")],
         "Fondazione per lo Sviluppo Sostenibile"),
    ],
)
def test_a_person_beside_a_headed_name_stays_a_person(nlp, text, statistical, org):
    assert [(org, "ORG"), (statistical[-1][0], "PERSON")] == [e for e in tag(nlp, text, statistical) if e[1] in ("ORG", "PERSON")]


def test_a_body_named_after_a_person_keeps_the_name(nlp):
    text = "Il progetto è coordinato dalla Fondazione Bruno Kessler."
    assert ("Fondazione Bruno Kessler", "ORG") in tag(nlp, text, [("Bruno Kessler", "PERSON")])


@pytest.mark.parametrize(
    ("text", "guess", "title"),
    [
        ("Lo riporta La Nuova Sardegna nell'edizione di ieri.", "Nuova Sardegna", "La Nuova Sardegna"),
        ("L'intervista al sindaco è uscita su Il Giornale di Vicenza.", "Giornale di Vicenza", "Il Giornale di Vicenza"),
    ],
)
def test_a_capitalised_article_inside_a_sentence_opens_a_title(nlp, text, guess, title):
    assert (title, "ORG") in tag(nlp, text, [(guess, "ORG")])


@pytest.mark.parametrize("text", ["La Rete Città Sane ha eletto il presidente.", "Oggi. La Rete Città Sane ha eletto il presidente."])
def test_an_article_opening_a_sentence_stays_out_of_the_name(nlp, text):
    assert ("Rete Città Sane", "ORG") in tag(nlp, text, [("Rete Città Sane", "ORG")])


@pytest.mark.parametrize(
    ("text", "statistical", "short"),
    [
        ("Terra Comune APS – Bergamo\n\nTerra Comune è capofila del progetto.", [("Terra Comune", "LOC")], "Terra Comune"),
        ("La cooperativa Nuovi Orizzonti Onlus gestisce il centro. Con Nuovi Orizzonti lavorano dieci volontari.", [], "Nuovi Orizzonti"),
        ("Il servizio è affidato a Nuove Acque Srl. Da gennaio Nuove Acque gestisce la rete idrica.", [], "Nuove Acque"),
    ],
)
def test_an_organisation_named_with_its_legal_form_is_the_same_without_it(nlp, text, statistical, short):
    tagged = tag(nlp, text, statistical)
    assert tagged.count((short, "ORG")) == 1


@pytest.mark.parametrize(
    ("text", "statistical", "name"),
    [
        ("Guida il progetto la Fondazione Bruno Kessler (FBK). Spiega la responsabile di FBK.",
         [("Fondazione Bruno Kessler", "ORG"), ("FBK", "ORG")], "FBK"),
        ("Capofila è l'associazione Abitare Insieme. Per la presidente di Abitare Insieme è un passo.",
         [("Abitare Insieme", "ORG")], "Abitare Insieme"),
    ],
)
def test_an_organisation_named_again_is_the_same_organisation(nlp, text, statistical, name):
    assert tag(nlp, text, statistical).count((name, "ORG")) == 2


def test_an_organisation_named_with_an_article_is_not_named_again_at_a_sentence_start(nlp):
    text = "Ne fa parte anche Il Sentiero. Il Sentiero oggi conta dieci soci."
    assert tag(nlp, text, [("Il Sentiero", "ORG")]).count(("Il Sentiero", "ORG")) == 1


def test_a_word_of_the_language_named_with_a_legal_form_is_not_an_org_alone(nlp):
    assert ("Alchimia", "ORG") not in tag(nlp, "Lavora con Alchimia Srl. Alchimia è un'arte antica.")


@pytest.mark.parametrize(
    ("text", "statistical", "name"),
    [
        ("Partecipa l'Istituto Storico della Resistenza Apuana.", [("Istituto Storico", "ORG"), ("Resistenza Apuana", "ORG")],
         "Istituto Storico della Resistenza Apuana"),
        ("Con il Museo Civico e l'Accademia Ligustica di Belle Arti.", [("Accademia Ligustica", "ORG"), ("Belle Arti", "ORG")],
         "Accademia Ligustica di Belle Arti"),
    ],
)
def test_a_bodys_name_read_as_two_joined_by_a_genitive_is_one(nlp, text, statistical, name):
    assert (name, "ORG") in tag(nlp, text, statistical)


def test_an_organ_of_a_known_network_stays_apart_from_it(nlp):
    text = "Si è riunito il Coordinamento di Avviso Pubblico."
    assert ("Coordinamento di Avviso Pubblico", "ORG") not in tag(nlp, text, [("Coordinamento", "ORG"), ("Avviso Pubblico", "ORG")])


@pytest.mark.parametrize(
    ("text", "statistical", "names"),
    [
        ("Partecipano l'Unione dei Comuni della Valnerina e la Pro Loco di Sellano.", [("Unione dei Comuni", "ORG"), ("Pro Loco", "ORG")],
         ["Unione dei Comuni della Valnerina", "Pro Loco"]),
        ("Con la University of Malta e l'Area Marina Protetta del Plemmirio come partner.",
         [("University of Malta", "ORG"), ("Area Marina Protetta del Plemmirio", "LOC")], ["University of Malta"]),
    ],
)
def test_a_name_stops_before_another_the_model_found_after_e(nlp, text, statistical, names):
    tagged = tag(nlp, text, statistical)
    assert all((name, "ORG") in tagged for name in names)


@pytest.mark.parametrize(
    ("text", "statistical", "name"),
    [
        ("L'Unione Montana Alta Valle Susa verserà la quota.", [("L'Unione Montana Alta Valle Susa", "ORG")], "Unione Montana Alta Valle Susa"),
        ("La Rete dei Comuni Solidali è entrata nell'Alleanza.", [("La Rete dei Comuni Solidali", "ORG")], "Rete dei Comuni Solidali"),
    ],
)
def test_an_article_before_a_bodys_head_word_is_not_its_name(nlp, text, statistical, name):
    assert (name, "ORG") in tag(nlp, text, statistical)


def test_an_article_that_opens_a_name_stays(nlp):
    assert ("Il Sentiero", "ORG") in tag(nlp, "Capofila è la cooperativa Il Sentiero.", [("Il Sentiero", "ORG")])


@pytest.mark.parametrize(
    ("text", "statistical", "name"),
    [
        ("I partner sono:\n- Universidad de Murcia (Spagna)\n", [("Universidad", "CITY"), ("Murcia", "ORG")], "Universidad de Murcia"),
        ("I partner sono:\n- Universidade do Minho (Portogallo)\n", [("Minho", "ORG")], "Universidade do Minho"),
    ],
)
def test_a_foreign_head_word_takes_in_the_name_after_its_connector(nlp, text, statistical, name):
    assert (name, "ORG") in tag(nlp, text, statistical)
