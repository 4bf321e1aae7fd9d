"""The DuckDB sink (pipeline/sinks.py): tables with stable keys, upserted per document."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.cli import main
from pipeline.run import run_pipeline

TORINO = "Il Comune di Torino aderisce alla rete ECCAR dal 3 maggio 2023. Anche Bologna è entrata nella rete ECCAR."
BARI = "Il Comune di Bari è entrato nella rete Cittaslow il 12 marzo 2022."


def inputs(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def rows(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_a_run_again_gives_the_same_rows_not_twice_as_many(tmp_path):
    folder, database = inputs(tmp_path / "in", {"torino": TORINO, "bari": BARI}), tmp_path / "db.duckdb"
    run_pipeline([folder], tmp_path / "out", sinks=[f"duckdb:{database}"])
    first = rows(database, "SELECT doc_id, membership_id, status FROM memberships ORDER BY ALL")
    run_pipeline([folder], tmp_path / "out", sinks=[f"duckdb:{database}"], force=True)
    assert rows(database, "SELECT doc_id, membership_id, status FROM memberships ORDER BY ALL") == first
    assert ("torino", "istat:001272>org:eccar", "member") in first


def test_a_changed_document_replaces_its_rows(tmp_path):
    folder, database = inputs(tmp_path / "in", {"torino": TORINO, "bari": BARI}), tmp_path / "db.duckdb"
    run_pipeline([folder], tmp_path / "out", sinks=[f"duckdb:{database}"])
    (folder / "torino.txt").write_text("Il Comune di Torino aderisce alla rete ECCAR.", encoding="utf-8")
    run_pipeline([folder], tmp_path / "out", sinks=[f"duckdb:{database}"])
    cities = rows(database, "SELECT text FROM entities WHERE doc_id = 'torino' AND label = 'CITY'")
    assert cities == [("Torino",)]
    assert rows(database, "SELECT count(*) FROM memberships WHERE doc_id = 'bari'") == [(1,)]


def test_two_output_folders_keep_each_others_rows(tmp_path):
    database = tmp_path / "db.duckdb"
    run_pipeline([inputs(tmp_path / "a", {"torino": TORINO})], tmp_path / "out_a", sinks=[f"duckdb:{database}"])
    run_pipeline([inputs(tmp_path / "b", {"bari": BARI})], tmp_path / "out_b", sinks=[f"duckdb:{database}"])
    assert rows(database, "SELECT doc_id FROM documents ORDER BY doc_id") == [("bari",), ("torino",)]
    assert rows(database, "SELECT count(*) FROM record_memberships WHERE membership_id LIKE '%>org:cittaslow'") == [(1,)]


def test_columns_have_the_schemas_types(tmp_path):
    database = tmp_path / "db.duckdb"
    run_pipeline([inputs(tmp_path / "in", {"torino": TORINO})], tmp_path / "out", sinks=[f"duckdb:{database}"])
    types = dict(rows(database, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'entities'"))
    assert (types["start"], types["geonames_id"], types["istat_code"]) == ("BIGINT", "BIGINT", "VARCHAR")


@pytest.mark.parametrize("sink", ["postgresql://localhost/itnet", "duckdb:", "sqlite:out.db"])
def test_a_sink_that_cannot_be_written_is_refused_before_any_work(tmp_path, capsys, sink):
    folder = inputs(tmp_path / "in", {"bari": BARI})
    assert main(["run", str(folder), "--out", str(tmp_path / "out"), "--sink", sink]) == 2
    assert "[E023]" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
