"""Adapting the NER to press releases: gold entities become KIND-label training references."""

from __future__ import annotations

import spacy

from itnet.training.finetune import gold_reference


def _entity(text: str, part: str, label: str) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "label": label, "text": part}


def test_spec_labels_become_kind_labels():
    nlp = spacy.blank("it")
    text = "Il sindaco Marco Rossi ha firmato a Torino l'adesione a ECCAR per l'Italia."
    doc = gold_reference(nlp, text, [
        _entity(text, "Marco Rossi", "PERSON"), _entity(text, "Torino", "CITY"),
        _entity(text, "ECCAR", "ORG"), _entity(text, "Italia", "COUNTRY"),
    ])
    assert [(ent.text, ent.label_) for ent in doc.ents] == [
        ("Marco Rossi", "PER"), ("Torino", "LOC"), ("ECCAR", "ORG"), ("Italia", "LOC"),
    ]


def test_dates_and_money_are_taught_as_outside():
    nlp = spacy.blank("it")
    text = "Il 6 marzo 2024 sono stati stanziati 40.000 euro."
    doc = gold_reference(nlp, text, [_entity(text, "6 marzo 2024", "DATE"), _entity(text, "40.000 euro", "MONEY")])
    assert not doc.ents
    assert {token.ent_iob_ for token in doc} == {"O"}


def test_project_names_are_left_unknown():
    nlp = spacy.blank("it")
    text = "Il progetto CONNECTION coinvolge Bologna."
    doc = gold_reference(nlp, text, [_entity(text, "CONNECTION", "PROJECT"), _entity(text, "Bologna", "CITY")])
    assert [token.ent_iob_ for token in doc] == ["O", "O", "", "O", "B", "O"]


def test_a_span_off_token_boundaries_is_left_unknown():
    nlp = spacy.blank("it")
    text = "La rete ReCoSol-Italia accoglie Riace."
    # the tokenizer keeps "ReCoSol-Italia" whole; a gold "ReCoSol" alone cannot be taught on it
    doc = gold_reference(nlp, text, [_entity(text, "ReCoSol", "ORG"), _entity(text, "Riace", "CITY")])
    assert [(token.text, token.ent_iob_) for token in doc][2] == ("ReCoSol-Italia", "")
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Riace", "LOC")]


def test_a_city_in_a_local_government_wrapper_is_taught_as_kind_does():
    nlp = spacy.blank("it")
    text = "Il Comune di Cagliari e la Città metropolitana di Genova aderiscono; il comune di Pavia no."
    doc = gold_reference(nlp, text, [
        _entity(text, "Cagliari", "CITY"), _entity(text, "Genova", "CITY"), _entity(text, "Pavia", "CITY"),
    ])
    assert [(ent.text, ent.label_) for ent in doc.ents] == [
        ("Comune di Cagliari", "ORG"), ("Città metropolitana di Genova", "ORG"), ("Pavia", "LOC"),
    ]
