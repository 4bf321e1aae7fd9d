"""The NER model's gazetteer feature component: marks, jackknifing, serialisation, name lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from itnet.nlp.gazetteer_features import text_fold
from itnet.training.gazetteer_names import LATIN_LIMIT, person_names, place_names, seen_records, tagged_spans, untokenized

EXTERNAL = [("LOC", "Nuova York"), ("LOC", "York"), ("ORG", "Fiat"), ("ORG", "Torino"), ("LOC", "Torino"),
            ("PER", "Silvio Berlusconi"), ("ORG", "Banca d'Italia")]


def write_names(path: Path, external: list[tuple[str, str]], seen: list[tuple[str, str, int]] = ()) -> str:
    with path.open("w", encoding="utf-8") as lines:
        for label, name in external:
            lines.write(json.dumps({"label": label, "name": name, "source": "external"}) + "\n")
        for label, name, fold in seen:
            lines.write(json.dumps({"label": label, "name": name, "source": "seen", "fold": fold}) + "\n")
    return str(path)


@pytest.fixture()
def nlp_with_gazetteer(tmp_path):
    nlp = spacy.blank("it")
    component = nlp.add_pipe("itnet_gazetteer_features", name="gazetteer", config={"folds": 2})
    component.initialize(nlp=nlp, names_path=write_names(tmp_path / "names.jsonl", EXTERNAL))
    component.jackknife = False
    return nlp


def tags(doc) -> dict[str, str]:
    return {token.text: token.tag_ for token in doc if token.tag_}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the longest name wins: "Nuova York", not "York"
        ("Il sindaco di Nuova York parla.", {"Nuova": "GAZ_BOO_OOO", "York": "GAZ_IOO_OOO"}),
        ("La Fiat apre a Torino.", {"Fiat": "GAZ_OBO_OOO", "Torino": "GAZ_BBO_OOO"}),
        ("Ha parlato Silvio Berlusconi.", {"Silvio": "GAZ_OOB_OOO", "Berlusconi": "GAZ_OOI_OOO"}),
        ("Lo dice la Banca d'Italia.", {"Banca": "GAZ_OBO_OOO", "d'": "GAZ_OIO_OOO", "Italia": "GAZ_OIO_OOO"}),
        # a typographic apostrophe matches a name written with a plain one
        ("Lo dice la Banca d’Italia.", {"Banca": "GAZ_OBO_OOO", "d’": "GAZ_OIO_OOO", "Italia": "GAZ_OIO_OOO"}),
        # matching is case-sensitive: a common noun stays unmarked
        ("Una nuova york di legno.", {}),
        ("Nessun nome qui.", {}),
    ],
)
def test_tokens_are_marked_per_label_with_the_longest_name(nlp_with_gazetteer, text, expected):
    assert tags(nlp_with_gazetteer(text)) == expected


def test_unmatched_tokens_keep_no_tag(nlp_with_gazetteer):
    doc = nlp_with_gazetteer("La Fiat apre.")
    assert [token.tag for token in doc if token.text != "Fiat"] == [0, 0, 0]


def test_a_training_document_does_not_see_the_names_of_its_own_fold(tmp_path):
    text = "Ha parlato Mario Rossi."
    own_fold = text_fold(text, 2)
    nlp = spacy.blank("it")
    component = nlp.add_pipe("itnet_gazetteer_features", name="gazetteer", config={"folds": 2})
    seen = [("PER", "Mario Rossi", own_fold), ("PER", "Rossi", 1 - own_fold)]
    component.initialize(nlp=nlp, names_path=write_names(tmp_path / "names.jsonl", [], seen))
    assert component.jackknife
    assert tags(nlp(text)) == {"Rossi": "GAZ_OOO_OOB"}
    component.jackknife = False
    assert tags(nlp(text)) == {"Mario": "GAZ_OOO_OOB", "Rossi": "GAZ_OOO_OOI"}


def test_names_and_mode_survive_to_disk_and_back(nlp_with_gazetteer, tmp_path):
    nlp_with_gazetteer.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    text = "Il sindaco di Nuova York e la Fiat."
    assert not loaded.get_pipe("gazetteer").jackknife
    assert tags(loaded(text)) == tags(nlp_with_gazetteer(text))


def test_folds_are_stable_and_in_range():
    assert text_fold("Roma è la capitale.", 5) == text_fold("Roma è la capitale.", 5)
    assert {text_fold(f"documento {i}", 5) for i in range(200)} == set(range(5))


def test_tagged_spans_reads_iob_entities(tmp_path):
    path = tmp_path / "sample.tsv"
    path.write_text("Il\tO\nsindaco\tO\nMario\tB-PER\nRossi\tI-PER\na\tO\nRoma\tB-LOC\n\nLa\tO\nFiat\tB-ORG\n",
                    encoding="utf-8")
    assert list(tagged_spans(path)) == [("PER", "Mario Rossi"), ("LOC", "Roma"), ("ORG", "Fiat")]


def test_seen_names_carry_their_document_fold():
    nlp = spacy.blank("it")
    doc = nlp("Mario Rossi vive a Roma.")
    doc.ents = [doc.char_span(0, 11, label="PER"), doc.char_span(19, 23, label="LOC")]
    fold = text_fold(doc.text, 5)
    assert list(seen_records([doc], 5)) == [("PER", "Mario Rossi", fold), ("LOC", "Roma", fold)]


@pytest.mark.parametrize(
    ("tokens", "name"),
    [
        ("U . S . Navy", "U.S. Navy"),
        ("Juventus F . C .", "Juventus F.C."),
        ("Stati Uniti d ' America", "Stati Uniti d'America"),
        ("Mostra internazionale d' arte", "Mostra internazionale d'arte"),
        ("Technische Universität Hamburg - Harburg", "Technische Universität Hamburg-Harburg"),
        ("Archive . org", "Archive.org"),
        ('207 ° Reggimento fanteria " Taro "', '207 ° Reggimento fanteria "Taro"'),
        ("Partito Sardo d'Azione ( PSd'Az )", "Partito Sardo d'Azione (PSd'Az)"),
        ("Banca d'Italia", "Banca d'Italia"),
    ],
)
def test_tokenized_names_are_written_as_in_text(tokens, name):
    assert untokenized(tokens) == name


def test_tagged_spans_are_written_as_in_text(tmp_path):
    path = tmp_path / "sample.conllu"
    path.write_text("0\tla\tO\n1\tMostra\tB-ORG\n2\td'\tI-ORG\n3\tarte\tI-ORG\n", encoding="utf-8")
    assert list(tagged_spans(path)) == [("ORG", "Mostra d'arte")]


def test_place_names_hold_small_towns_regions_and_continents():
    names = set(place_names())
    assert {"Cattenom", "Caernarfon", "Lombardia", "Friuli-Venezia Giulia", "Chiba", "Europa", "Agliè"} <= names


def test_person_names_are_first_names_and_surnames_in_latin_script():
    names = set(person_names())
    assert {"Jerome", "Laila", "Giuseppe", "Rossi", "Schmidt"} <= names
    assert all(name[0].isupper() and all(ord(char) < LATIN_LIMIT for char in name) for name in names)
