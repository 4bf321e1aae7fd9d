"""Arbitrary text and bytes through the whole per-document path: never a crash, one status
row per input, and every entity and record offset inside the original text."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itnet.engines.document import PartSettings, process_chunk, worker_pipeline
from itnet.ingest import InputFile
from itnet.nlp.build import resolve_model

# Pieces of the genre, so that generated texts reach the rules and not only the tokenizer.
PHRASES = [
    "Il Comune di Torino ha aderito alla rete ECCAR il 25 settembre 2024. ",
    "Il progetto MC2CM, finanziato dalla Commissione europea e coordinato da ICMPD, ",
    "coinvolge le città di Lione, Tangeri e Vienna con un budget di 2,5 milioni di euro. ",
    "**Cracovia** è entrata a far parte della Coalizione (ECCAR)",
    "# Titolo\n\n- il Comune di Livorno;\n",
    "(13 luglio 2017)\n",
    "ECCAR-EuropeanCoalition of Cities AgainstRacism",
    "€ 40.000",
    "=HYPERLINK(\"http://x\")",
]
texts = st.lists(st.one_of(st.sampled_from(PHRASES), st.text(max_size=40)), max_size=8).map("".join)


@pytest.fixture(scope="module")
def loaded():
    return worker_pipeline(resolve_model(None))


def run_one(loaded, data: bytes, suffix: str = ".txt"):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        item = InputFile(doc_id="doc", path=path, source=str(path))
        rows = list(process_chunk(loaded, [item], PartSettings(model=loaded.model, max_bytes=100_000)))
        original = path.read_bytes()
    return rows, original


def assert_offsets_valid(document, decoded: str) -> None:
    for entity in document.entities:
        assert 0 <= entity.start < entity.end <= len(decoded)
        assert decoded[entity.start : entity.end] == entity.text
    spans = [m.evidence for m in document.memberships] + [p.evidence for p in document.projects]
    for span in spans:
        assert span is None or 0 <= span.start <= span.end <= len(decoded)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_any_text_gives_one_row_and_valid_offsets(loaded, text):
    rows, original = run_one(loaded, text.encode("utf-8"))
    assert len(rows) == 1
    status, document = rows[0]
    assert (status.status == "ok") == (document is not None)
    if document is not None:
        # decoding keeps a stray NUL byte as U+FFFD, offsets unchanged (ingest.decode_bytes)
        assert_offsets_valid(document, original.decode("utf-8-sig").replace("\x00", "\ufffd"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_bytes_give_one_row(loaded, data, suffix):
    rows, _ = run_one(loaded, data, suffix)
    assert len(rows) == 1
    status, document = rows[0]
    assert status.status in {"ok", "error"}
    assert (status.error is None) == (status.status == "ok")
