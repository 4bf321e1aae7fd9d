"""The Python API (pipeline/api.py): texts and files in memory, records out."""

from __future__ import annotations

import pytest

from pipeline.api import Extractor
from pipeline.errors import PipelineError


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
