"""The bench's corpus and its outside measurement of time and memory."""

from __future__ import annotations

import sys

import pytest

import itnet.bench
from itnet.bench import KIND, PACKAGED_TEXTS, SEEDS, WORDS_PER_DOCUMENT, build_corpus, corpus_source, measure
from itnet.training.convert import TaggedSentence, sentence_text

needs_kind = pytest.mark.skipif(not (KIND / "WN_train.tsv").exists(), reason="KIND corpus not available")


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["Il", "Comune", "di", "Torino", "."], "Il Comune di Torino."),
        (["l'", "assessore", ",", "ieri", "(", "Roma", ")"], "l'assessore, ieri (Roma)"),
        (["al", "30", "%", ";", "poi"], "al 30%; poi"),
    ],
)
def test_corpus_sentences_are_spaced_like_raw_text(tokens, text):
    assert sentence_text(TaggedSentence(tuple(tokens), tuple("O" for _ in tokens))) == text


@needs_kind
def test_corpus_has_the_seeds_then_kind_documents_of_about_300_words(tmp_path):
    words = build_corpus(tmp_path, 12, corpus_source())
    files = sorted(tmp_path.glob("*.txt"))
    assert len(files) == 12
    assert files[0].read_text(encoding="utf-8") == sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    kind_lengths = [len(path.read_text(encoding="utf-8").split()) for path in files[5:]]
    assert all(WORDS_PER_DOCUMENT <= length < WORDS_PER_DOCUMENT + 200 for length in kind_lengths)
    assert words == sum(len(path.read_text(encoding="utf-8").split()) for path in files)


def test_a_corpus_folder_gives_its_texts_then_documents_of_its_lines(tmp_path):
    (tmp_path / "in").mkdir()
    texts = ["Il Comune di Lecco aderisce ad Avviso Pubblico.\nLa giunta ha approvato.", "Bergamo entra in Eurocities."]
    for number, text in enumerate(texts):
        (tmp_path / "in" / f"t{number}.txt").write_text(text, encoding="utf-8")
    build_corpus(tmp_path / "out", 4, corpus_source(tmp_path / "in"))
    written = [path.read_text(encoding="utf-8") for path in sorted((tmp_path / "out").glob("*.txt"))]
    assert written[:2] == texts
    assert len(written) == 4 and all("Lecco" in text for text in written[2:])


def test_without_kind_the_corpus_comes_from_the_packaged_texts(tmp_path, monkeypatch):
    monkeypatch.setattr(itnet.bench, "KIND", tmp_path / "no-kind")
    source = corpus_source()
    assert source.texts and source.texts[0] == sorted(PACKAGED_TEXTS.glob("*.txt"))[0].read_text(encoding="utf-8")
    assert build_corpus(tmp_path / "out", 20, source) > 20 * 100


def test_an_empty_corpus_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(SystemExit, match="no .txt or .md files"):
        corpus_source(tmp_path)


def test_measure_sees_the_memory_of_child_processes():
    child = "import time; block = bytearray(200 * 2**20); time.sleep(0.5)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    result = measure("child", [sys.executable, "-c", parent], documents=1, words=10)
    assert result.peak_rss_mb > 200
