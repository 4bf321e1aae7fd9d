"""Engines give the same outputs as one process; the time budget interrupts; Dask is optional."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from itnet.engines import make_engine
from itnet.engines.document import DocumentTimeout, time_budget
from itnet.errors import PipelineError
from itnet.export import TABLES
from itnet.run import run_pipeline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FILES = ("documents.jsonl", "records.json", *TABLES)



@pytest.fixture(scope="module")
def local_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local")
    run_pipeline([SEEDS], out, chunk_size=2)
    return out


def sorted_rows(path: Path) -> list[tuple]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return sorted(map(tuple, frame.itertuples(index=False)))


def test_two_workers_write_the_same_files_in_the_same_order(local_out, tmp_path):
    run_pipeline([SEEDS], tmp_path, workers=2, chunk_size=2)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (local_out / name).read_bytes(), name


def test_dask_local_cluster_rows_equal_the_local_run(local_out, tmp_path):
    pytest.importorskip("dask.distributed")
    run_pipeline([SEEDS], tmp_path, engine="dask", workers=2, chunk_size=2)
    for name in TABLES:
        assert sorted_rows(tmp_path / name) == sorted_rows(local_out / name), name
    assert sorted((tmp_path / "documents.jsonl").read_text().splitlines()) == sorted(
        (local_out / "documents.jsonl").read_text().splitlines()
    )


def test_missing_dask_is_a_one_line_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(PipelineError, match=r"^\[E040\] .*pip install"):
        run_pipeline([SEEDS], tmp_path, engine="dask")


def test_zero_workers_is_refused():
    with pytest.raises(PipelineError, match="E042"):
        make_engine("local", workers=0)


def test_time_budget_interrupts_a_slow_block():
    # the timeout is raised inside the sleep: an uninterrupted sleep would end without it
    with pytest.raises(DocumentTimeout):
        with time_budget(0.2):
            time.sleep(5)


def test_time_budget_leaves_a_quick_block_alone():
    with time_budget(5):
        value = sum(range(1000))
    assert value == 499500


def test_time_budget_off_the_main_thread_reports_after_the_block():
    outcome: list[str] = []

    def work():
        try:
            with time_budget(0.05):
                time.sleep(0.2)
            outcome.append("finished")
        except DocumentTimeout:
            outcome.append("over budget")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["over budget"]
