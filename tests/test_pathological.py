"""Pathological and long texts: every stage linear in the text (reliability issue, items 12-13).

The slow tests run the hostile inputs at 100 KB under a per-document budget of two minutes,
which today's code meets many times over and the quadratic code it replaced missed by far
(16 KB of commas took a minute in the tokenizer alone); `bench --pathological` prints the
figures."""

from __future__ import annotations

import pandas as pd
import pytest

from itnet.bench import PATHOLOGICAL_UNITS, italian_text
from itnet.nlp.annotate import CHUNK_CHARS, chunk_bounds
from itnet.nlp.doc_text import make_doc
from itnet.run import run_pipeline


@pytest.mark.parametrize("unit", [",", "#", "*_", "=-"])
def test_a_long_run_of_punctuation_is_a_few_bounded_tokens(loaded, unit):
    text = f"Il Comune di Torino {unit * 20_000} aderisce a ECCAR."
    doc = make_doc(loaded.nlp, text)
    assert doc.text == text
    assert len(doc) < 600 and max(len(token) for token in doc) <= 100


def test_a_text_with_no_long_chunk_is_tokenized_as_spacy_does(loaded):
    text = "Il Comune di Torino, con delibera n. 12/2024, aderisce a ECCAR-European Coalition."
    assert [t.text for t in make_doc(loaded.nlp, text)] == [t.text for t in loaded.nlp.make_doc(text)]


@pytest.mark.parametrize("size", [CHUNK_CHARS + 1, 3 * CHUNK_CHARS + 17])
def test_chunks_cover_the_text_and_end_at_paragraphs(size):
    text = italian_text(size)
    bounds = chunk_bounds(text, CHUNK_CHARS)
    assert "".join(text[start:end] for start, end in bounds) == text
    assert all(end - start <= CHUNK_CHARS for start, end in bounds)
    assert all(text[end - 2 : end] == "\n\n" for _, end in bounds[:-1])


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("hostile")
    for number, unit in enumerate(PATHOLOGICAL_UNITS.values()):
        text = (unit * (100_000 // len(unit) + 1))[:100_000] if unit else italian_text(100_000)
        (inputs / f"input-{number}.txt").write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    run_pipeline([inputs], out, doc_timeout=120)
    return pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)


@pytest.mark.slow
def test_every_hostile_input_is_processed_within_its_budget(hostile_run):
    assert len(hostile_run) == len(PATHOLOGICAL_UNITS)
    assert hostile_run["status"].tolist() == ["ok"] * len(PATHOLOGICAL_UNITS), hostile_run["error"].tolist()


@pytest.mark.slow
def test_a_text_past_spacys_length_limit_is_processed(loaded, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "lungo.txt").write_text(italian_text(loaded.nlp.max_length + 50_000), encoding="utf-8")
    run_pipeline([tmp_path / "in"], tmp_path / "out", doc_timeout=0)
    rows = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str, keep_default_na=False)
    assert rows["status"].tolist() == ["ok"], rows["error"].tolist()
    assert int(rows["entities"][0]) > 1000
