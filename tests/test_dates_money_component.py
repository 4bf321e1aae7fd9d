"""Span boundaries of the it_dates_money component on Italian press-release sentences."""

from __future__ import annotations

from dataclasses import replace

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Span

from itnet.nlp.dates_money import DEFAULT_PATTERNS, DatesMoney, load_patterns


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("it")
    nlp.add_pipe("it_dates_money")
    return nlp


def _ents(nlp: Language, text: str, label: str) -> list[str]:
    return [ent.text for ent in nlp(text).ents if ent.label_ == label]


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("La risoluzione del Consiglio Comunale di Cracovia del 6 marzo 2024.", ["6 marzo 2024"]),
        ("La rete, fondata nel 2004 su iniziativa dell'UNESCO, conta 134 membri.", ["2004"]),
        ("Da gennaio 2019 siamo stati incaricati ente coordinatore.", ["gennaio 2019"]),
        ("L'incontro finale si è svolto il 15 novembre scorso a Utrecht.", ["15 novembre scorso"]),
        ("Il convegno si terrà il 26 e 27 Maggio 2025 a Torino.", ["26 e 27 Maggio 2025"]),
        ("La manifestazione si svolgerà dal 15 al 17 novembre 2012.", ["15 al 17 novembre 2012"]),
        ("Sempre a Utrecht, i giorni 16 e 17 novembre sono stati dedicati alla conferenza.", ["16 e 17 novembre"]),
        ("Le domande vanno inviate entro l'08/01/2025 all'ufficio protocollo.", ["08/01/2025"]),
        ("L'assemblea si riunirà lunedì 6 marzo 2024 alle ore 10.", ["6 marzo 2024"]),
        ("Dal 1° gennaio 2020 la città fa parte della rete.", ["1° gennaio 2020"]),
        ("Il programma copre il periodo 2014-2020.", ["2014-2020"]),
        ("Il progetto, partito nel 2015, terminerà entro il 2030.", ["2015", "2030"]),
        ("Tra il 2019 e il 2020 sono stati organizzati sei incontri.", ["2019", "2020"]),
        ("L'iniziativa si è svolta dall'8 all'11 marzo 2023 a Bologna.", ["8 all'11 marzo 2023"]),
        ("Il bando resterà aperto da gennaio a marzo 2024.", ["gennaio a marzo 2024"]),
        ("Postato il Dicembre 1st, 2020 da ICEI.", ["Dicembre 1st, 2020"]),
        ("Il rapporto annuale (2019) è disponibile online.", ["2019"]),
        ("La giunta approverà il piano a marzo.", ["marzo"]),
        # a weekday between two days of one month stays inside the one span (CONVENTIONS §8)
        ("Il seminario si terrà venerdì 13 e sabato 14 marzo a Torino.", ["13 e sabato 14 marzo"]),
        ("Le giornate di studio di martedì 12 e mercoledì 13 maggio 2026.", ["12 e mercoledì 13 maggio 2026"]),
        # "scorso" is part of the span, "prossimo" is not
        ("La firma è avvenuta lo scorso 3 aprile in Comune.", ["scorso 3 aprile"]),
        ("Il prossimo 11 febbraio si terrà la presentazione.", ["11 febbraio"]),
        ("Entro il prossimo 30 settembre i comuni potranno aderire.", ["30 settembre"]),
    ],
)
def test_marks_dates_without_prepositions_articles_or_weekdays(nlp: Language, sentence: str, dates: list[str]) -> None:
    assert _ents(nlp, sentence, "DATE") == dates


@pytest.mark.parametrize(
    "sentence",
    [
        "Il progetto triennale ha coinvolto 14 partner europei.",
        "Ai due giorni della conferenza hanno partecipato circa 200 rappresentanti.",
        "La rete conta 134 membri in 25 paesi.",
        "Con la risoluzione n. CXXIX/3569/24 del Consiglio Comunale.",
        "Delibera n. 2019 della Giunta.",
        "Per informazioni: tel. 011 4432019, fax 011 4432020.",
        "La sede è in Via 24 Maggio 12, a Torino, e in Piazza 25 Aprile.",
        "L'incontro si terrà lunedì alle 18.30.",
        "Hanno partecipato 2.000 persone e 1500 studenti.",
        "Il tennista ha vinto il 3 set di fila.",
        "Ha parlato l'assessora Lucia Marzo.",
        "La strategia Europa 2020 e il programma Horizon 2020.",
    ],
)
def test_marks_no_date_in_numbers_codes_durations_or_addresses(nlp: Language, sentence: str) -> None:
    assert _ents(nlp, sentence, "DATE") == []


@pytest.mark.parametrize(
    ("sentence", "amounts"),
    [
        ("Il premio è di 1 500 EURO per ciascun vincitore.", ["1 500 EURO"]),
        ("Il contributo regionale ammonta a € 40.000.", ["€ 40.000"]),
        ("La quota è di 1.200,50 euro a persona.", ["1.200,50 euro"]),
        ("Il progetto ha un budget di 2,5 milioni di euro.", ["2,5 milioni di euro"]),
        ("Sono stati stanziati 500mila euro e altri quindicimila euro.", ["500mila euro", "quindicimila euro"]),
        ("La Svizzera contribuisce con CHF 3.000 e USD 1,5 milioni.", ["CHF 3.000", "USD 1,5 milioni"]),
        ("Il biglietto costa $ 200 o £ 50.", ["$ 200", "£ 50"]),
        ("È previsto un importo di euro 12.000,00 per il 2024.", ["euro 12.000,00"]),
        # written forms kept as they are (CONVENTIONS §10)
        ("La quota annuale è di €.3.500,00 da versare entro giugno.", ["€.3.500,00"]),
        ("Il costo totale è di € 1.513.540, 00 di cui € 79.000, 00 al Comune.", ["€ 1.513.540, 00", "€ 79.000, 00"]),
        ("Il finanziamento è di 1 milione e 300mila euro.", ["1 milione e 300mila euro"]),
        ("Un budget di 2 milioni e 450 mila euro per tre anni.", ["2 milioni e 450 mila euro"]),
    ],
)
def test_marks_amounts_with_their_currency_words(nlp: Language, sentence: str, amounts: list[str]) -> None:
    assert _ents(nlp, sentence, "MONEY") == amounts


@pytest.mark.parametrize(
    "sentence",
    [
        "Il fondo vale 1,2 mln secondo le stime.",
        "Gli Europei di calcio Euro 2024 si sono giocati in Germania.",
        "La rete EUROCITIES riunisce 200 città.",
        "Sei euro-deputati hanno firmato.",
    ],
)
def test_marks_no_money_without_a_currency(nlp: Language, sentence: str) -> None:
    assert _ents(nlp, sentence, "MONEY") == []


def test_resolves_relative_dates_with_the_date_the_text_states(nlp: Language) -> None:
    doc = nlp("Torino, 1 dicembre 2017 – L'incontro si è svolto il 15 novembre scorso.")
    assert [(ent.text, ent._.norm) for ent in doc.ents] == [
        ("1 dicembre 2017", "2017-12-01"),
        ("15 novembre scorso", "2017-11-15"),
    ]


def test_leaves_the_date_the_text_states_in_doc_published(nlp: Language) -> None:
    assert nlp("Torino, 1 dicembre 2017 – L'incontro si è svolto ieri.")._.published == "2017-12-01"


def test_resolves_relative_dates_with_the_published_date_set_before_it_runs(nlp: Language) -> None:
    doc = nlp.make_doc("Torino, 1 dicembre 2017 – Lo scorso anno la città ha aderito alla rete.")
    doc._.published = "2020-05-01"
    doc = nlp.get_pipe("it_dates_money")(doc)
    assert [(ent.text, ent._.norm) for ent in doc.ents if ent.text == "scorso anno"] == [("scorso anno", "2019")]
    assert doc._.published == "2020-05-01"


def test_leaves_relative_years_unmarked_without_a_document_date(nlp: Language) -> None:
    assert _ents(nlp, "Lo scorso anno la città ha aderito alla rete.", "DATE") == []


def test_overwrites_statistical_entities_it_overlaps(nlp: Language) -> None:
    doc = nlp.make_doc("Il 6 marzo 2024 Cracovia è entrata nella rete.")
    doc.ents = [Span(doc, 1, 4, label="MISC"), Span(doc, 4, 5, label="LOC")]
    doc = nlp.get_pipe("it_dates_money")(doc)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("6 marzo 2024", "DATE"), ("Cracovia", "LOC")]


_VARIED_TEXT = """Torino, 12 maggio 2022 – Con delibera del 3 febbraio scorso la Giunta ha approvato
l'adesione alla rete (2019). Il progetto, avviato nel 2015 e concluso il 31/12/2018, ha ricevuto
2,5 milioni di euro dal FAMI, € 40.000 dalla Regione e 1 500 EURO di premio; tra il 2019 e il 2020
si sono svolti incontri il 26 e 27 Maggio, dal 15 al 17 novembre 2012 e a marzo. Quote: CHF 3.000,
USD 1,5 milioni, $ 200, £ 50, 500mila euro, quindicimila euro, mezzo milione di euro. La sede è in
Via 20 Settembre 5; tel. 011 2019 2020; n. 2021; Euro 2024; 134 membri; Dicembre 1st, 2020."""


def test_every_span_it_marks_has_a_norm(nlp: Language) -> None:
    doc = nlp(_VARIED_TEXT)
    assert len(doc.ents) >= 20
    for ent in doc.ents:
        assert ent._.norm, ent.text
        assert ent._.org_id is None, ent.text


_DATE_MONEY_WORDS = st.sampled_from(
    ["Il", " ", "  ", ",", "6", "15", "2024", "1.500", "marzo", "MARZO", "Marzo", "novembre", "scorso", "nel",
     "euro", "EURO", "€", "milioni", "di", "dal", "al", "İ", "ı", "ſ", "Via", "entro il", "-", "US$", "mila"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_DATE_MONEY_WORDS, max_size=12).map(" ".join))
def test_lower_cased_scan_finds_the_spans_the_case_insensitive_patterns_find(text):
    component = DatesMoney(spacy.blank("it"), "dates_money", DEFAULT_PATTERNS, anchor_from_text=True)
    as_written = DatesMoney(spacy.blank("it"), "dates_money", DEFAULT_PATTERNS, anchor_from_text=True)
    as_written.patterns = tuple(replace(p, lower_regex=None) for p in as_written.patterns)
    doc = spacy.blank("it")(text)
    spans = [(s.start, s.end, s.label_, norm) for s, norm in component.spans(doc)]
    assert spans == [(s.start, s.end, s.label_, norm) for s, norm in as_written.spans(doc)]


def test_patterns_with_capitals_or_case_rules_keep_their_case_insensitive_scan():
    without_twin = {p.name for p in load_patterns() if p.lower_regex is None}
    assert without_twin == {"month_after_cue", "currency_before_amount"}
