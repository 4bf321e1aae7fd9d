"""Faults at run level: bad inputs, a run killed midway, formula injection through CSV cells."""

from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from fixtures.make_bad_inputs import GOOD_TEXT, HUGE_BYTES, make_bad_inputs

from itnet.export import STAGING, TABLES
from itnet.run import run_pipeline
from itnet.safe_io import FORMULA_TRIGGERS, neutralise_csv_cell

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
OUTPUT_FILES = ("documents.csv", "documents.jsonl", "entities.csv", "memberships.csv", "records.json")



def pipeline_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "itnet", "run", *args, "--quiet"]


def test_bad_inputs_each_get_one_row_and_no_traceback(tmp_path):
    manifest = make_bad_inputs(tmp_path / "bad")
    out = tmp_path / "out"
    done = subprocess.run(
        pipeline_command(str(tmp_path / "bad"), "--out", str(out), "--max-bytes", str(HUGE_BYTES // 2)),
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    rows = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    expected = {neutralise_csv_cell(Path(name).with_suffix("").as_posix()): code for name, code in manifest.items()}
    assert sorted(rows.index) == sorted(expected)
    for doc_id, code in expected.items():
        if code is None:
            assert rows.loc[doc_id, "status"] == "ok", doc_id
            assert int(rows.loc[doc_id, "entities"]) > 0, doc_id
        else:
            assert rows.loc[doc_id, "error"].startswith(f"[{code}]"), doc_id


def write_corpus(folder: Path, documents: int) -> None:
    """Distinct press-release-like documents of about 150 words each."""
    folder.mkdir()
    cities = ["Torino", "Bologna", "Bari", "Genova", "Padova", "Lecce", "Trento", "Parma"]
    draw = random.Random(7)
    for number in range(documents):
        sentences = [
            GOOD_TEXT.replace("Torino", draw.choice(cities)).replace("2024", str(2000 + number % 25))
            for _ in range(4)
        ]
        (folder / f"comunicato-{number:04d}.txt").write_text(" ".join(sentences), encoding="utf-8")


def test_killed_run_leaves_previous_outputs_whole_and_rerun_completes(tmp_path):
    out = tmp_path / "out"
    run_pipeline([SEEDS], out)
    previous = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 240)

    process = subprocess.Popen(pipeline_command(str(corpus), "--out", str(out)), cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = out / STAGING / "parts"
    deadline = time.monotonic() + 90
    while not list(parts.glob("part-*.jsonl")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the run finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == previous
    done = subprocess.run(pipeline_command(str(corpus), "--out", str(out)), cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    ids = pd.read_csv(out / "documents.csv")["doc_id"].tolist()
    assert len(ids) == len(set(ids)) == 5 + 240
    assert '"resumed": 0' not in (out / "run.json").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def formula_outputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("formulas")
    (folder / "=SUM(1+1).txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "link.txt").write_text(
        '=HYPERLINK("http://example.com/x","clicca")\n+39 011 123\n-ECCAR\n@Comune di Torino\n' + GOOD_TEXT,
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("out")
    run_pipeline([folder], out)
    return out


@pytest.mark.parametrize("table", list(TABLES))
def test_no_csv_cell_starts_with_a_formula_character(formula_outputs, table):
    with (formula_outputs / table).open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]


def test_formula_file_name_is_kept_readable(formula_outputs):
    ids = pd.read_csv(formula_outputs / "documents.csv", dtype=str)["doc_id"].tolist()
    assert "'=SUM(1+1)" in ids


def test_a_bare_carriage_return_in_a_cell_keeps_every_table_whole(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "comunicato\rtorino.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (inputs / "solo_cr.txt").write_bytes(GOOD_TEXT.replace("\n", "\r").replace(" di ", " di\r").encode("utf-8"))
    out = tmp_path / "out"
    run_pipeline([inputs], out, quiet=True)
    documents = (out / "documents.jsonl").read_text(encoding="utf-8").split("\n")
    assert len([line for line in documents if line.strip()]) == 2
    for table in TABLES:
        with open(out / table, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))[1:]
        frame = pd.read_csv(out / table, dtype=str, keep_default_na=False)
        assert len(rows) == len(frame), table
        assert {row[0] for row in rows} <= {"comunicato\rtorino", "solo_cr"}, table


def children_of(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(n) for n in children.read_text().split()] if children.exists() else []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker processes from /proc")
def test_workers_of_a_killed_run_exit_and_free_the_folder(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 240)
    out = tmp_path / "out"
    process = subprocess.Popen(pipeline_command(str(corpus), "--out", str(out), "--workers", "2"), cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(children_of(process.pid)) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = children_of(process.pid)
    assert len(workers) >= 2 and process.poll() is None, "the run ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(alive, workers))
    done = subprocess.run(pipeline_command(str(SEEDS), "--out", str(out)), cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
