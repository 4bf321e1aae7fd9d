"""Database sinks: an output folder's tables in a database, upserted document by document.

`run … --sink duckdb:PATH` writes an embedded DuckDB file that DuckDB's shell, Python, R or any
SQL tool opens; `--sink postgresql://user@host/database` writes to a shared PostgreSQL server
(psycopg). Their tables are the CSV tables (columns and types from the record schema,
docs/tables.md) and the merged records of records.json:

| table | primary key |
|---|---|
| documents | doc_id |
| entities | doc_id, start, end, label |
| memberships | doc_id, membership_id |
| projects | doc_id, project_id |
| project_participants | doc_id, project_id, participant_id, role |
| record_memberships | membership_id |
| record_projects | project_id |

The keys come from canonical ids and names, never from run order. A run replaces, in one
transaction, the rows of every document its output folder holds and leaves other documents'
rows (another folder's) alone: the same document gives the same rows, a changed one replaces
its rows, nothing is duplicated. The two record tables are records.json, merged over one
output folder: each run replaces them whole, so with several folders in one database they hold
the last folder's merge.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from itnet.errors import Errors, PipelineError
from itnet.export import typed_tables

SCHEMES = ("duckdb", "postgresql")
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "entities": ("doc_id", "start", "end", "label"),
    "memberships": ("doc_id", "membership_id"),
    "projects": ("doc_id", "project_id"),
    "project_participants": ("doc_id", "project_id", "participant_id", "role"),
    "record_memberships": ("membership_id",),
    "record_projects": ("project_id",),
}


def parse_sink(spec: str) -> tuple[str, str]:
    """("duckdb", path) from "duckdb:PATH", ("postgresql", conninfo) from "postgresql://…";
    a numbered error for anything else."""
    scheme, _, target = spec.partition(":")
    if scheme == "postgres":
        scheme = "postgresql"
    if scheme not in SCHEMES or not target:
        raise PipelineError(Errors.E023.format(sink=spec, reason="use duckdb:PATH or postgresql://user@host/database"))
    return scheme, spec if scheme == "postgresql" else target


def write_sink(spec: str, out_dir: Path) -> dict[str, int]:
    """Upsert the output folder's tables into the sink, in one transaction; returns the rows
    written per table."""
    scheme, target = parse_sink(spec)
    frames = dict(typed_tables(out_dir))
    doc_ids = list(frames["documents"]["doc_id"])
    try:
        if scheme == "duckdb":
            _write_duckdb(target, frames, doc_ids)
        else:
            _write_postgresql(target, frames, doc_ids)
    except Exception as error:  # the database's own errors, whichever driver: one line
        if isinstance(error, PipelineError):
            raise
        raise PipelineError(Errors.E023.format(sink=_without_password(spec), reason=str(error).strip().splitlines()[0])) from None
    return {table: len(frame) for table, frame in frames.items()}


def _without_password(spec: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", spec)


def _write_duckdb(path: str, frames: dict[str, pd.DataFrame], doc_ids: list[str]) -> None:
    import duckdb

    with duckdb.connect(path) as connection:
        connection.begin()
        connection.register("incoming_documents", pd.DataFrame({"doc_id": doc_ids}, dtype="string"))
        for table, frame in frames.items():
            connection.execute(_create_sql(table, frame, "VARCHAR"))
            unique = _unique_rows(table, frame)
            connection.register("incoming", unique)
            columns = _column_list(unique)
            if "doc_id" in unique.columns:
                connection.execute(f'DELETE FROM "{table}" WHERE doc_id IN (SELECT doc_id FROM incoming_documents)')
            else:
                connection.execute(f'DELETE FROM "{table}"')
            connection.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM incoming')
            connection.unregister("incoming")
        connection.commit()


def _write_postgresql(conninfo: str, frames: dict[str, pd.DataFrame], doc_ids: list[str]) -> None:
    import psycopg

    with psycopg.connect(conninfo, connect_timeout=10) as connection, connection.transaction():
        for table, frame in frames.items():
            connection.execute(_create_sql(table, frame, "TEXT"))
            unique = _unique_rows(table, frame)
            columns = _column_list(unique)
            placeholders = ", ".join(["%s"] * len(unique.columns))
            if "doc_id" in unique.columns:
                connection.execute(f'DELETE FROM "{table}" WHERE doc_id = ANY(%s)', (doc_ids,))
            else:
                connection.execute(f'DELETE FROM "{table}"')
            with connection.cursor() as cursor:
                cursor.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({placeholders})', _values(unique))


def _create_sql(table: str, frame: pd.DataFrame, text_type: str) -> str:
    columns = ", ".join(f'"{c}" {"BIGINT" if pd.api.types.is_integer_dtype(frame[c]) else text_type}' for c in frame.columns)
    key = ", ".join(f'"{c}"' for c in PRIMARY_KEYS[table])
    return f'CREATE TABLE IF NOT EXISTS "{table}" ({columns}, PRIMARY KEY ({key}))'


def _unique_rows(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A key stated twice in one folder keeps its first row."""
    return frame.drop_duplicates(subset=list(PRIMARY_KEYS[table]), keep="first")


def _column_list(frame: pd.DataFrame) -> str:
    return ", ".join(f'"{c}"' for c in frame.columns)


def _values(frame: pd.DataFrame) -> list[tuple]:
    """Rows as Python values, missing ones None (what the driver binds as NULL)."""
    return list(frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None))
