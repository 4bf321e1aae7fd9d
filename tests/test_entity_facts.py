"""An entity's facts (Span._.org_id, Span._.rule; itnet/nlp/extensions.py) belong to the
entity as written: the helpers of itnet/nlp/spans.py on a blank pipeline, then the rule of a
listed organisation reaching its Mention through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from itnet.ingest import iter_inputs, read_document
from itnet.nlp import annotate as annotate_module
from itnet.nlp.annotate import annotate_one
from itnet.nlp.extensions import NO_FACTS, EntityFacts
from itnet.nlp.spans import merge_entities, pieces, set_entities, with_facts

KNOWN = EntityFacts(org_id="anci")
LISTED_TEXT = "Tra le reti alle quali la Città partecipa ricordiamo Eurocities; Platform; Cities For Sports."


@pytest.fixture
def doc() -> Doc:
    doc = spacy.blank("it")("Torino aderisce ad ANCI Piemonte dal 2019.")
    set_entities(doc, [with_facts(Span(doc, 3, 5, label="ORG"), KNOWN)])
    return doc


def test_an_entity_read_back_from_the_doc_has_the_facts_it_was_written_with(doc):
    assert doc.ents[0]._.org_id == "anci"


def test_an_entity_keeps_its_facts_when_others_are_merged_beside_it(doc):
    merge_entities(doc, [Span(doc, 0, 1, label="CITY")])
    assert [(ent.text, ent._.org_id) for ent in doc.ents] == [("Torino", None), ("ANCI Piemonte", "anci")]


def test_a_relabelled_entity_does_not_keep_the_organisation_id_of_the_one_it_replaces(doc):
    merge_entities(doc, [Span(doc, 3, 5, label="LOC")])
    assert doc.ents[0].label_ == "LOC"
    assert doc.ents[0]._.org_id is None


def test_an_entity_rebuilt_with_no_facts_over_the_same_characters_has_none(doc):
    merge_entities(doc, [with_facts(Span(doc, 3, 5, label="ORG"), NO_FACTS)])
    assert doc.ents[0]._.org_id is None


def test_a_span_of_another_label_over_an_entitys_characters_reads_none_of_its_facts(doc):
    assert Span(doc, 3, 5, label="DATE")._.org_id is None


def test_an_entity_no_longer_written_leaves_no_facts_for_a_span_over_its_characters(doc):
    merge_entities(doc, [Span(doc, 2, 5, label="ORG")])
    assert Span(doc, 3, 5, label="ORG")._.org_id is None


def test_a_span_built_with_facts_has_them_before_it_is_written(doc):
    assert with_facts(Span(doc, 0, 1, label="ORG"), EntityFacts(rule="org_list"))._.rule == "org_list"


def test_a_piece_of_an_entity_keeps_its_facts(doc):
    assert [(piece.text, piece._.org_id) for piece in pieces(doc.ents[0], {4})] == [("ANCI", "anci"), ("Piemonte", "anci")]


def _annotated(loaded, tmp_path: Path, text: str):
    path = tmp_path / "comunicato.txt"
    path.write_text(text, encoding="utf-8")
    return annotate_one(loaded.nlp, read_document(next(iter_inputs([path]))), loaded.model)


def test_the_rule_of_a_listed_organisation_is_its_mentions_source(loaded, tmp_path):
    mentions = {m.clean_text: m.source for m in _annotated(loaded, tmp_path, LISTED_TEXT).mentions}
    assert mentions["Platform"] == "org_list"


def test_the_rule_of_a_listed_organisation_reaches_its_mention_from_a_later_chunk(loaded, tmp_path, monkeypatch):
    monkeypatch.setattr(annotate_module, "CHUNK_CHARS", 200)
    text = "La Giunta si è riunita ieri.\n\n" * 8 + LISTED_TEXT
    mentions = {m.clean_text: m.source for m in _annotated(loaded, tmp_path, text).mentions}
    assert mentions["Platform"] == "org_list"


def test_a_network_phrase_over_a_listed_organisation_has_its_span_groups_source(loaded, tmp_path):
    annotated = _annotated(loaded, tmp_path, LISTED_TEXT)
    assert {(m.clean_text, m.source) for m in annotated.network_phrases} >= {("Eurocities", "network_phrases")}
    assert {(m.clean_text, m.source) for m in annotated.mentions} >= {("Eurocities", "org_list")}
