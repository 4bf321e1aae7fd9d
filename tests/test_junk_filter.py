"""The junk filter (itnet/nlp/junk_filter.py) on the whole pipeline."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", ["Il Comune ha aderito il 2024-13-45.", "Protocollo n. 12/99/2024 del Comune.", "Codice 2019-123-7 della pratica."])
def test_no_date_is_read_out_of_a_numeric_string_that_is_no_date(loaded, text):
    assert [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "DATE"] == []


@pytest.mark.parametrize(("text", "date"), [("Periodo 2014-2020.", "2014-2020"), ("Il 2024-03-06 a Roma.", "2024-03-06")])
def test_a_numeric_date_read_whole_stays(loaded, text, date):
    assert date in [ent.text for ent in loaded.nlp(text).ents if ent.label_ == "DATE"]


@pytest.mark.parametrize(
    "text",
    [
        "Partner di progetto\n\nAccanto al Comune di Bressanone lavorano al progetto sei partner.",
        "Partner di progetto\n\nOltre alla Regione partecipano al progetto sei partner.",
    ],
)
def test_a_function_word_opening_a_sentence_is_no_name(loaded, text):
    doc = loaded.nlp(text)
    first_word = text.split("\n\n")[1].split()[0]
    assert first_word not in [ent.text for ent in doc.ents]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Il progetto “Più: uffici per l’integrazione” è finanziato dal FEI.", "Più"),
        ("Macerata firma l'adesione all'organizzazione Mayors of Peace.", "Macerata"),
    ],
)
def test_a_name_the_parse_misreads_stays(loaded, text, name):
    doc = loaded.nlp(text)
    assert any(ent.text.startswith(name) for ent in doc.ents)
