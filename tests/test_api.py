"""The Python API (itnet/api.py): texts and files in memory, records out."""

from __future__ import annotations

from pathlib import Path

import pytest

from itnet.api import Extractor
from itnet.errors import PipelineError


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def test_a_text_gives_its_records(extractor):
    document = extractor.extract("Il Comune di Bari è entrato nella rete Cittaslow il 12 marzo 2022.")
    assert [(m.member, m.network, m.status, m.date) for m in document.memberships] == [("Bari", "Cittaslow", "member", "2022-03-12")]
    assert document.text.startswith("Il Comune di Bari")


def test_html_is_read_as_run_reads_it(extractor):
    document = extractor.extract("<html><body><article><p>Torino aderisce alla rete ECCAR.</p></article></body></html>",
                                 input_format="html")
    assert "<" not in document.text
    assert all(document.text[e.start:e.end] == e.text for e in document.entities)


def test_many_texts_keep_their_order_and_ids(extractor):
    documents = extractor.extract_many([("a", "Torino aderisce a ECCAR."), ("b", "Bari aderisce a Cittaslow.")])
    assert [d.doc_id for d in documents] == ["a", "b"]


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_an_empty_text_is_a_numbered_error(extractor, text):
    with pytest.raises(PipelineError, match=r"\[E004\]"):
        extractor.extract(text)


def test_a_bad_file_is_a_numbered_error(extractor, tmp_path):
    with pytest.raises(PipelineError, match=r"\[E001\]"):
        extractor.extract_file(tmp_path / "absent.txt")


def test_the_package_extracts_kraków_from_the_first_seed():
    import itnet

    text = (Path(__file__).resolve().parents[1] / "seeds" / "001_e4ee2aa2dbeadda6.txt").read_text(encoding="utf-8")
    memberships = itnet.extract(text).memberships
    assert ("Kraków", "ECCAR", "member", "2024-09-25") in [(m.member, m.network, m.status, m.date) for m in memberships]


def test_a_given_publication_date_resolves_relative_dates_and_the_source_is_kept(extractor):
    document = extractor.extract("Bari ha aderito a Cittaslow lo scorso 12 marzo.", published="2023-05-01",
                                 source="https://www.comune.bari.it/notizia")
    assert [(e.text, e.norm) for e in document.entities if e.label == "DATE"] == [("scorso 12 marzo", "2023-03-12")]
    assert (document.published, document.source) == ("2023-05-01", "https://www.comune.bari.it/notizia")


def test_many_texts_are_streamed_a_batch_at_a_time(extractor):
    def endless():
        while True:
            yield "Torino aderisce a ECCAR."

    documents = extractor.extract_many(endless(), batch_size=2)
    assert [next(documents).doc_id, next(documents).doc_id, next(documents).doc_id] == ["text-0", "text-1", "text-2"]


def test_load_gives_the_spacy_pipeline_with_the_rule_components():
    import itnet

    nlp = itnet.load()
    assert {"names", "entity_rules", "network_phrases"} <= set(nlp.pipe_names)
    assert ("Torino", "CITY") in [(ent.text, ent.label_) for ent in nlp("Il Comune di Torino aderisce a ECCAR.").ents]
