"""`evaluate --pred`: how predictions are read, and what it says about them (reliability
issue: U+2028 in a line, a doc_id given twice, gold documents without a prediction, a closed
pipe). Predictions here are the gold documents themselves, so no model runs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from itnet.cli import main

GOLD = Path(__file__).resolve().parents[1] / "gold"


@pytest.fixture
def gold_dir(tmp_path) -> Path:
    """Two of the seeds' gold documents with their texts."""
    folder = tmp_path / "gold"
    folder.mkdir()
    for path in sorted(GOLD.glob("*.json"))[:2]:
        shutil.copy(path, folder / path.name)
        shutil.copy(path.with_suffix(".txt"), folder / path.with_suffix(".txt").name)
    return folder


def gold_documents(gold_dir: Path) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(gold_dir.glob("*.json"))]


def write_predictions(path: Path, documents: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents), encoding="utf-8")
    return path


def test_a_line_separator_inside_a_string_is_not_a_line_end(gold_dir, tmp_path, capsys):
    documents = gold_documents(gold_dir)
    documents[0]["source"] = "comunicato\u2028stampa\u0085.txt"
    pred = write_predictions(tmp_path / "documents.jsonl", documents)
    assert main(["evaluate", "--gold", str(gold_dir), "--pred", str(pred)]) == 0
    assert "memberships               1.000 1.000 1.000" in capsys.readouterr().out


def test_a_doc_id_predicted_twice_is_refused(gold_dir, tmp_path, capsys):
    documents = gold_documents(gold_dir)
    pred = write_predictions(tmp_path / "documents.jsonl", [*documents, documents[0]])
    assert main(["evaluate", "--gold", str(gold_dir), "--pred", str(pred)]) == 2
    error = capsys.readouterr().err
    assert "[E056]" in error and documents[0]["doc_id"] in error and "lines 1 and 3" in error


def test_gold_documents_without_a_prediction_are_named(gold_dir, tmp_path, capsys):
    documents = gold_documents(gold_dir)
    pred = write_predictions(tmp_path / "documents.jsonl", documents[:1])
    assert main(["evaluate", "--gold", str(gold_dir), "--pred", str(pred)]) == 0
    error = capsys.readouterr().err
    assert "[W001] 1 gold document(s)" in error and documents[1]["doc_id"] in error


@pytest.mark.parametrize("line", ["[1, 2]", '"a string"', '{"entities": []}'])
def test_a_line_that_is_no_document_is_a_numbered_error(gold_dir, tmp_path, capsys, line):
    pred = tmp_path / "documents.jsonl"
    pred.write_text(json.dumps(gold_documents(gold_dir)[0]) + "\n" + line + "\n", encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold_dir), "--pred", str(pred)]) == 2
    error = capsys.readouterr().err
    assert "[E051]" in error and "line 2" in error


def test_an_output_folder_is_read_as_its_documents_jsonl(gold_dir, tmp_path, capsys):
    write_predictions(tmp_path / "documents.jsonl", gold_documents(gold_dir))
    assert main(["evaluate", "--gold", str(gold_dir), "--pred", str(tmp_path)]) == 0


def test_a_reader_that_closes_the_pipe_gets_no_internal_error(gold_dir, tmp_path):
    pred = write_predictions(tmp_path / "documents.jsonl", gold_documents(gold_dir))
    command = [sys.executable, "-m", "itnet", "evaluate", "--gold", str(gold_dir), "--pred", str(pred)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # `| head` that has read all it wanted before the report is written
    error = process.stderr.read()
    process.wait(timeout=120)
    assert b"E099" not in error and b"Exception ignored" not in error
    assert process.returncode == 141


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to fill a disk")
def test_a_full_disk_is_a_numbered_error_not_an_internal_one(gold_dir, tmp_path, capsys):
    pred = write_predictions(tmp_path / "documents.jsonl", gold_documents(gold_dir))
    assert main(["evaluate", "--gold", str(gold_dir), "--pred", str(pred), "--json", "/dev/full"]) == 2
    error = capsys.readouterr().err
    assert "[E022]" in error and "No space left" in error
