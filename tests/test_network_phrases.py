"""Network names in running text, in any case, entity or not (nlp/network_phrases.py)."""

from __future__ import annotations

import pytest

from itnet.errors import PipelineError
from itnet.nlp.network_phrases import load_network_phrase_rules


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Bergamo è città creativa Unesco per la gastronomia.", "città creativa Unesco"),
        ("Il borgo fa parte della rete internazionale Cittaslow da anni.", "Cittaslow"),
        ("Il comune ha ottenuto la bandiera arancione del Touring.", "bandiera arancione"),
    ],
)
def test_network_names_are_found_in_any_case(loaded, text, phrase):
    doc = loaded.nlp(text)
    assert phrase in [span.text for span in doc.spans["network_phrases"]]


@pytest.mark.parametrize(
    "text",
    [
        "Siamo ready a ripartire con la stagione estiva.",
        "Una metropolis moderna ha bisogno di trasporti.",
    ],
)
def test_one_word_names_count_only_as_written(loaded, text):
    doc = loaded.nlp(text)
    assert list(doc.spans["network_phrases"]) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Trento è entrata nella rete Alpine Pearls nel 2019.", "Alpine Pearls"),
        ("Il Comune aderisce al network Cities for Children dal 2020.", "Cities for Children"),
        ("Viterbo intende aderire alla rete Cities4Europe.", "Cities4Europe"),
        ("Perugia è stata ammessa nella rete europea Città Smart.", "Città Smart"),
        ("Anche Sarzana entra a far parte della rete delle Città dei Mestieri.", "Città dei Mestieri"),
        ("Il Comune aderisce al network internazionale Energy Towns.", "Energy Towns"),
    ],
)
def test_a_name_after_a_network_noun_is_a_designated_network(loaded, text, name):
    doc = loaded.nlp(text)
    assert (name, "NETWORK_DESIGNATED") in [(span.text, span.label_) for span in doc.spans["network_phrases"]]


@pytest.mark.parametrize(
    "text",
    [
        "La rete Torino-Milano è stata potenziata.",
        "Una rete di musei. La rete Marco Rossi la coordina.",
    ],
)
def test_no_designated_network_over_places_or_people(loaded, text):
    doc = loaded.nlp(text)
    designated = [span.text for span in doc.spans["network_phrases"] if span.label_ == "NETWORK_DESIGNATED"]
    assert designated == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hanno aderito alla rete Comuni Amici della Famiglia anche Trento e Rovereto.", "Comuni Amici della Famiglia"),
        ("Il Comune aderisce al network Cities4Europe dal 2020.", "Cities4Europe"),
    ],
)
def test_a_designated_name_no_entity_covers_is_an_organisation(loaded, text, name):
    doc = loaded.nlp(text)
    assert (name, "ORG") in [(ent.text, ent.label_) for ent in doc.ents]


def test_one_plain_capitalised_word_after_a_network_noun_is_no_organisation(loaded):
    doc = loaded.nlp("Il Comune è entrato nella rete delle Amministrazioni locali.")
    assert "Amministrazioni" not in [ent.text for ent in doc.ents]


@pytest.mark.parametrize(
    "content",
    ["designating_nouns: [rete]\nname_connectors: [di]\n", "designating_nouns: []\nname_connectors: []\nnot_network_labels: []\n",
     "designating_nouns: [rete]\nname_connectors: [di]\nnot_network_labels: [CITY]\nnouns: [rete]\n"],
)
def test_a_bad_rule_file_is_a_numbered_error_naming_it(tmp_path, content):
    path = tmp_path / "network_phrases.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PipelineError, match=r"\[E060\].*network_phrases.yaml"):
        load_network_phrase_rules(path)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("La Città metropolitana di Firenze ha aderito a POLIS, la rete europea di città e regioni per i trasporti.", "POLIS"),
        ("Il Comune entra in Cities Beyond Borders, il network delle città di confine.", "Cities Beyond Borders"),
    ],
)
def test_a_name_a_network_noun_is_in_apposition_to_is_a_designated_network(loaded, text, name):
    doc = loaded.nlp(text)
    assert (name, "NETWORK_DESIGNATED") in [(span.text, span.label_) for span in doc.spans["network_phrases"]]


@pytest.mark.parametrize(
    "text",
    [
        "Prato ha aderito a POLIS, la rete europea per i trasporti. Firenze è membro di POLIS dal 2012.",
        "Lecce entra nella rete Città Smart. Anche Bari fa parte di Città Smart.",
    ],
)
def test_a_designated_name_written_again_is_the_network_again(loaded, text):
    doc = loaded.nlp(text)
    assert len([span for span in doc.spans["network_phrases"] if span.label_ == "NETWORK_DESIGNATED"]) == 2
