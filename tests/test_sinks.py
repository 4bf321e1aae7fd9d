"""The database sinks (itnet/sinks.py): DuckDB and a real PostgreSQL server, tables with
stable keys upserted per document."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import duckdb
import pytest

from itnet.cli import main
from itnet.run import run_pipeline

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
    assert rows(database, "SELECT count(*) FROM memberships WHERE doc_id = 'torino'") == [(2,)]
    # the merged records are those of the folder written last
    assert rows(database, "SELECT membership_id FROM record_memberships") == [("istat:072006>org:cittaslow",)]


def test_columns_have_the_schemas_types(tmp_path):
    database = tmp_path / "db.duckdb"
    run_pipeline([inputs(tmp_path / "in", {"torino": TORINO})], tmp_path / "out", sinks=[f"duckdb:{database}"])
    types = dict(rows(database, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'entities'"))
    assert (types["start"], types["geonames_id"], types["istat_code"]) == ("BIGINT", "BIGINT", "VARCHAR")


@pytest.mark.parametrize("sink", ["duckdb:", "sqlite:out.db", "mysql://localhost/itnet"])
def test_a_sink_that_cannot_be_written_is_refused_before_any_work(tmp_path, capsys, sink):
    folder = inputs(tmp_path / "in", {"bari": BARI})
    assert main(["run", str(folder), "--out", str(tmp_path / "out"), "--sink", sink]) == 2
    assert "[E023]" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


@pytest.fixture(scope="module")
def postgresql():
    """A throwaway PostgreSQL server on a Unix socket, started here and stopped after; the
    tests skip, saying why, where none can be started (.ci/run installs the Debian package)."""
    binaries = _postgres_bin()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    # not below pytest's folder, which only root may enter when the server runs as postgres
    root = Path(tempfile.mkdtemp(prefix="itnet-postgresql-"))
    data, socket = root / "data", root / "socket"
    socket.mkdir()
    as_owner: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: the server runs as the package's postgres user
        shutil.chown(root, "postgres")
        shutil.chown(socket, "postgres")
        as_owner = ["runuser", "-u", "postgres", "--"]
    port = str(50000 + os.getpid() % 10000)
    try:
        subprocess.run([*as_owner, str(binaries / "initdb"), "-D", str(data), "-U", "itnet", "-A", "trust"],
                       check=True, capture_output=True, timeout=120)
        subprocess.run([*as_owner, str(binaries / "pg_ctl"), "-D", str(data), "-w", "-l", str(root / "log"),
                        "-o", f"-p {port} -k {socket} -c listen_addresses=''", "start"], check=True, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"PostgreSQL could not be started: {error}")
    yield f"postgresql://itnet@/postgres?host={socket}&port={port}"
    subprocess.run([*as_owner, str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True, timeout=120)
    shutil.rmtree(root, ignore_errors=True)


def test_postgresql_gets_the_same_rows_once_and_a_changed_document_replaced(tmp_path, postgresql):
    psycopg = pytest.importorskip("psycopg")
    folder = inputs(tmp_path / "in", {"torino": TORINO, "bari": BARI})
    run_pipeline([folder], tmp_path / "out", sinks=[postgresql])
    run_pipeline([folder], tmp_path / "out", sinks=[postgresql], force=True)
    (folder / "torino.txt").write_text("Il Comune di Torino aderisce alla rete ECCAR.", encoding="utf-8")
    run_pipeline([folder], tmp_path / "out", sinks=[postgresql])
    with psycopg.connect(postgresql) as connection:
        memberships = connection.execute("SELECT doc_id, membership_id FROM memberships ORDER BY 1, 2").fetchall()
        cities = connection.execute("SELECT text FROM entities WHERE doc_id = 'torino' AND label = 'CITY'").fetchall()
        records = connection.execute("SELECT count(*) FROM record_memberships").fetchone()
    assert ("bari", "istat:072006>org:cittaslow") in memberships and len(memberships) == len(set(memberships))
    assert cities == [("Torino",)]
    assert records[0] == len({m for _, m in memberships})
