"""Stage 5, export: documents.jsonl, the CSV tables, records.json and run.json.

Every table's columns derive from the pydantic models in `pipeline.schema`.

How a run writes (so that nothing is lost and earlier outputs stay whole):
- Each chunk of documents is written, as soon as it is done, to its own *part file* in the
  staging folder `<out>/.partial/parts/`, atomically (temporary name, then rename). A killed run
  therefore keeps every finished part: the staging folder is the run's checkpoint, and the next
  run into the same folder picks the parts up instead of redoing them (`Staging.resume`).
- When every part is there, `publish` streams them, after the rows of the previous outputs that
  this run does not replace, into complete files in `<out>/.partial/final/` and moves each over
  the old one with `os.replace`, fsync'ed first; only then is the staging folder removed.
  Whatever moment a run is stopped at, each output file is either the previous one or the new
  one, whole; and a journal (`<out>/.publish.json`) written before the first rename lets the
  next run finish the moves before anything else, so the set is never left mixed.
- A lock file (`<out>/.lock`, an advisory `flock`) keeps two runs from writing one folder.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pandas as pd
from pydantic import BaseModel

from pipeline.errors import Errors, PipelineError
from pipeline.gazetteers.keys import name_key
from pipeline.safe_io import atomic_write_text, atomic_writer, fsync_file, fsync_folder, neutralise_csv_cell, neutralise_frame
from pipeline.schema import (
    ROLE_PRIORITY,
    STATUS_PRIORITY,
    Document,
    DocumentStatus,
    Entity,
    MergedMembership,
    MergedProject,
    Membership,
    Participant,
    Project,
    Records,
)

try:  # POSIX; elsewhere two concurrent runs into one folder are the user's business
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

DOCUMENTS_JSONL = "documents.jsonl"
RECORDS_JSON = "records.json"
RUN_JSON = "run.json"
STAGING = ".partial"
LOCK = ".lock"
CHECKPOINT_JSON = "checkpoint.json"
FINAL = "final"
PUBLISH_JOURNAL = ".publish.json"
FLUSH_EVERY = 200
CSV_READ_CHUNK = 5000

Row = tuple[DocumentStatus, Document | None]


def _flatten(model: BaseModel) -> dict[str, Any]:
    """One CSV row: nested offset spans become `<field>_start` / `<field>_end` columns."""
    row: dict[str, Any] = {}
    for name, value in model.model_dump(mode="json").items():
        if isinstance(value, dict) and set(value) >= {"start", "end"}:
            row[f"{name}_start"], row[f"{name}_end"] = value["start"], value["end"]
        elif not isinstance(value, list):
            row[name] = value
    return row


def _columns(model: type[BaseModel]) -> list[str]:
    columns = []
    for name, info in model.model_fields.items():
        if "Span" in str(info.annotation):
            columns += [f"{name}_start", f"{name}_end"]
        elif "list[" not in str(info.annotation):
            columns.append(name)
    return columns


TABLES: dict[str, list[str]] = {
    "documents.csv": list(DocumentStatus.model_fields),
    "entities.csv": ["doc_id", *_columns(Entity)],
    "memberships.csv": ["doc_id", *_columns(Membership)],
    "projects.csv": ["doc_id", *_columns(Project), "participants"],
    "project_participants.csv": ["doc_id", "project", *_columns(Participant)],
}


# --------------------------------------------------------------------------- part files


def write_part(path: Path, rows: Iterable[Row]) -> None:
    """One chunk's rows as JSON lines `{"status": …, "document": … | null}`, written atomically."""
    with atomic_writer(path) as handle:
        for status, document in rows:
            handle.write('{"status":' + status.model_dump_json())
            handle.write(',"document":' + (document.model_dump_json() if document else "null") + "}\n")


def read_part(path: Path) -> Iterator[Row]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            document = Document.model_validate(row["document"]) if row["document"] else None
            yield DocumentStatus.model_validate(row["status"]), document


def _part_statuses(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)["status"]


class Staging:
    """The staging folder of one output folder: the lock, the checkpoint parts, the final files."""

    def __init__(self, out_dir: Path, fingerprint: dict[str, Any], force: bool = False) -> None:
        self.out_dir = out_dir
        self.folder = out_dir / STAGING
        self.parts = self.folder / "parts"
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            self._lock = open(out_dir / LOCK, "a+")
        except OSError as error:
            raise PipelineError(Errors.E020.format(reason=error.strerror or str(error))) from None
        if fcntl is not None:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                self._lock.seek(0)
                holder = self._lock.read().strip() or "unknown"
                self._lock.close()
                reason = f"another run (process {holder}) is writing to it"
                raise PipelineError(Errors.E020.format(reason=reason)) from None
            # the holder's pid, so that a lock held by a stray process can be traced
            self._lock.seek(0)
            self._lock.truncate()
            self._lock.write(str(os.getpid()))
            self._lock.flush()
        try:
            complete_publish(out_dir)  # a run killed while publishing: its set goes out whole first
        except OSError as error:
            self.release()
            raise PipelineError(Errors.E020.format(reason=error.strerror or str(error))) from None
        checkpoint = self.folder / CHECKPOINT_JSON
        if force or not checkpoint.exists() or _read_json(checkpoint) != fingerprint:
            shutil.rmtree(self.folder, ignore_errors=True)
        try:
            self.parts.mkdir(parents=True, exist_ok=True)
            atomic_write_text(checkpoint, json.dumps(fingerprint, sort_keys=True))
        except OSError as error:
            self.release()
            raise PipelineError(Errors.E020.format(reason=error.strerror or str(error))) from None

    def finished_parts(self) -> list[Path]:
        """Part files of this and any interrupted earlier run, oldest first."""
        return sorted(self.parts.glob("part-*.jsonl"))

    def resume(self) -> tuple[int, set[tuple[str, str]], int]:
        """What the checkpoint already holds: its next part number, (doc_id, text hash) of its
        ok documents (not to be redone), and how many documents it holds."""
        done: set[tuple[str, str]] = set()
        documents = 0
        parts = self.finished_parts()
        for part in parts:
            for status in _part_statuses(part):
                documents += 1
                if status["status"] == "ok" and status["text_sha256"]:
                    done.add((status["doc_id"], status["text_sha256"]))
        next_number = int(parts[-1].stem.split("-")[1]) + 1 if parts else 0
        return next_number, done, documents

    def part_path(self, number: int) -> Path:
        return self.parts / f"part-{number:07d}.jsonl"

    def release(self) -> None:
        self._lock.close()


def previous_documents(out_dir: Path) -> dict[str, tuple[str, str]]:
    """doc_id → (source, text hash) of the documents the folder's outputs already hold (read
    from documents.jsonl: it has raw values, whereas documents.csv cells may be neutralised)."""
    path = out_dir / DOCUMENTS_JSONL
    found: dict[str, tuple[str, str]] = {}
    if path.exists():
        with _previous_outputs(path), path.open(encoding="utf-8") as handle:
            for line in handle:
                document = json.loads(line)
                found[document["doc_id"]] = (document["source"], document["text_sha256"])
    return found


@contextmanager
def _previous_outputs(path: Path) -> Iterator[None]:
    """Turn a damaged previous output file into a one-line error that says what to do."""
    try:
        yield
    except (OSError, ValueError, KeyError, TypeError) as error:  # pandas, json and pydantic errors are ValueErrors
        reason = f"cannot read the previous {path.name} ({type(error).__name__}); --force replaces it"
        raise PipelineError(Errors.E020.format(reason=reason)) from None


# --------------------------------------------------------------------------- publishing


class OutputWriter:
    """Appends rows to the output files in `folder`, a chunk at a time; holds only the records."""

    def __init__(self, folder: Path, neutralise_csv: bool = True) -> None:
        self.folder = folder
        self.neutralise_csv = neutralise_csv
        folder.mkdir(parents=True, exist_ok=True)
        self._jsonl: IO[str] = open(folder / DOCUMENTS_JSONL, "w", encoding="utf-8")
        self._rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
        self._started: set[str] = set()
        self._memberships: list[tuple[str, Membership]] = []
        self._projects: list[tuple[str, Project]] = []
        self._pending_docs = 0
        self.documents = 0

    def add(self, status: DocumentStatus, document: Document | None) -> None:
        self._rows["documents.csv"].append(status.model_dump(mode="json"))
        if document is not None:
            self._jsonl.write(document.model_dump_json() + "\n")
            self._add_tables(document)
        self._count()

    def add_previous(self, jsonl_line: str, document: Document) -> None:
        """A document carried over from the previous outputs, its JSON line kept as it was."""
        self._jsonl.write(jsonl_line if jsonl_line.endswith("\n") else jsonl_line + "\n")
        self._memberships += [(document.doc_id, m) for m in document.memberships]
        self._projects += [(document.doc_id, p) for p in document.projects]

    def add_previous_rows(self, table: str, frame: pd.DataFrame) -> None:
        """Rows carried over from the previous `table`, written as they were (text cells)."""
        frame = frame.reindex(columns=TABLES[table], fill_value="")
        self._write(table, frame)
        if table == "documents.csv":
            self.documents += len(frame)

    def _add_tables(self, document: Document) -> None:
        doc_id = document.doc_id
        self._rows["entities.csv"] += [{"doc_id": doc_id, **_flatten(e)} for e in document.entities]
        self._rows["memberships.csv"] += [{"doc_id": doc_id, **_flatten(m)} for m in document.memberships]
        for project in document.projects:
            row = {"doc_id": doc_id, **_flatten(project), "participants": len(project.participants)}
            self._rows["projects.csv"].append(row)
            self._rows["project_participants.csv"] += [
                {"doc_id": doc_id, "project": project.name, **_flatten(p)} for p in project.participants
            ]
        self._memberships += [(doc_id, m) for m in document.memberships]
        self._projects += [(doc_id, p) for p in document.projects]

    def _count(self) -> None:
        self.documents += 1
        self._pending_docs += 1
        if self._pending_docs >= FLUSH_EVERY:
            self.flush()

    def _write(self, table: str, frame: pd.DataFrame) -> None:
        frame = _integers_as_integers(frame)
        if self.neutralise_csv:
            frame = neutralise_frame(frame)
        first = table not in self._started
        # RFC 4180 line ends: the csv writer quotes a cell holding any character of the line
        # terminator, so a bare CR (a file name, a CR-only text) is quoted as well as an LF
        frame.to_csv(self.folder / table, mode="w" if first else "a", header=first, index=False, lineterminator="\r\n")
        self._started.add(table)

    def flush(self) -> None:
        for table, rows in self._rows.items():
            if rows or table not in self._started:
                self._write(table, pd.DataFrame(rows, columns=TABLES[table]))
                rows.clear()
        self._jsonl.flush()
        self._pending_docs = 0

    def close(self, run_info: dict[str, Any]) -> None:
        self.flush()
        self._jsonl.close()
        records = merge_records(self._memberships, self._projects)
        (self.folder / RECORDS_JSON).write_text(records.model_dump_json(indent=2), encoding="utf-8")
        (self.folder / RUN_JSON).write_text(json.dumps(run_info, indent=2, ensure_ascii=False), encoding="utf-8")

    def abort(self) -> None:
        self._jsonl.close()


def _integers_as_integers(frame: pd.DataFrame) -> pd.DataFrame:
    """Integer fields with missing values (`geonames_id`) come out of pandas as floats and would
    be written "3165524.0": they go out as integers, the missing ones empty. The records have
    no float field (schema.py), so a float column is always such an integer one."""
    floats = [name for name in frame.columns if pd.api.types.is_float_dtype(frame[name])]
    whole = [name for name in floats if (frame[name].dropna() % 1 == 0).all()]
    return frame.astype({name: "Int64" for name in whole}) if whole else frame


def complete_publish(out_dir: Path) -> None:
    """Move the files a publish journal names from the staging folder into `out_dir`, then
    drop the journal; a no-op without one. Files already moved are gone from the staging
    folder, so a publish cut short by a kill is completed, never mixed with older tables."""
    journal = out_dir / PUBLISH_JOURNAL
    if not journal.exists():
        return
    final = out_dir / STAGING / FINAL
    with _previous_outputs(journal):
        names = json.loads(journal.read_text(encoding="utf-8"))
    for name in names:
        if (final / name).exists():
            os.replace(final / name, out_dir / name)
    fsync_folder(out_dir)
    journal.unlink()


def publish(staging: Staging, neutralise_csv: bool, carry_previous: bool, run_info: dict[str, Any]) -> int:
    """Merge the previous outputs (less the documents this run redid) and the staged parts into
    complete files, then move them over the old ones. Returns the number of documents.csv rows."""
    parts = staging.finished_parts()
    last_part: dict[str, int] = {}
    for index, part in enumerate(parts):
        for status in _part_statuses(part):
            last_part[status["doc_id"]] = index
    final = staging.folder / FINAL
    shutil.rmtree(final, ignore_errors=True)
    writer = OutputWriter(final, neutralise_csv=neutralise_csv)
    try:
        if carry_previous:
            _carry_previous(staging.out_dir, writer, set(last_part))
        for index, part in enumerate(parts):
            for status, document in read_part(part):
                if last_part[status.doc_id] == index:  # a document redone after an error counts once
                    writer.add(status, document)
        run_info = {**run_info, "documents_in_outputs": writer.documents}
        writer.close(run_info)
    except BaseException:
        writer.abort()
        raise
    for path in final.iterdir():
        fsync_file(path)
    fsync_folder(final)
    # The journal names the whole set before the first rename: a run killed between two renames
    # leaves it behind, and the next run completes the moves before anything else.
    atomic_write_text(staging.out_dir / PUBLISH_JOURNAL, json.dumps(sorted(p.name for p in final.iterdir())))
    complete_publish(staging.out_dir)
    shutil.rmtree(staging.folder, ignore_errors=True)
    return writer.documents


def _carry_previous(out_dir: Path, writer: OutputWriter, replaced: set[str]) -> None:
    """Stream the previous outputs' rows of documents this run did not (re)do into `writer`."""
    replaced_cells = replaced | {neutralise_csv_cell(doc_id) for doc_id in replaced}
    jsonl = out_dir / DOCUMENTS_JSONL
    if jsonl.exists():
        with _previous_outputs(jsonl), jsonl.open(encoding="utf-8") as handle:
            for line in handle:
                document = Document.model_validate_json(line)
                if document.doc_id not in replaced:
                    writer.add_previous(line, document)
    for table in TABLES:
        path = out_dir / table
        if not path.exists() or path.stat().st_size == 0:
            continue
        with _previous_outputs(path):
            frames = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, chunksize=CSV_READ_CHUNK)
            for frame in frames:
                writer.add_previous_rows(table, frame[~frame["doc_id"].isin(replaced_cells)])


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def merge_records(
    memberships: Iterable[tuple[str, Membership]], projects: Iterable[tuple[str, Project]]
) -> Records:
    """Deduplicate records across documents on canonical ids, else canonical names."""
    merged_memberships: dict[tuple[str, str], MergedMembership] = {}
    for doc_id, membership in memberships:
        key = (membership.member_id or name_key(membership.member), membership.network_id or name_key(membership.network))
        merged = merged_memberships.get(key)
        if merged is None:
            merged = merged_memberships[key] = MergedMembership(**membership.model_dump(), evidence_doc_id=doc_id)
        elif STATUS_PRIORITY[membership.status] > STATUS_PRIORITY[merged.status]:
            # "intende aderire" in January, "è entrato" in March: the acceptance is the record
            role = max(merged.role, membership.role, key=ROLE_PRIORITY.__getitem__)
            keep = {"doc_ids": merged.doc_ids, "role": role}
            merged = merged_memberships[key] = MergedMembership(**{**membership.model_dump(), **keep}, evidence_doc_id=doc_id)
        else:
            merged.role = max(merged.role, membership.role, key=ROLE_PRIORITY.__getitem__)
            if merged.status == membership.status:
                merged.date = merged.date or membership.date
        if doc_id not in merged.doc_ids:
            merged.doc_ids.append(doc_id)
    merged_projects: dict[str, MergedProject] = {}
    for doc_id, project in projects:
        key = project.project_id or name_key(project.name)
        merged = merged_projects.get(key)
        if merged is None:
            merged = merged_projects[key] = MergedProject(**project.model_dump(), evidence_doc_id=doc_id)
        else:
            known = {(name_key(p.name), p.role) for p in merged.participants}
            merged.participants += [p for p in project.participants if (name_key(p.name), p.role) not in known]
            merged.start = merged.start or project.start
            merged.end = merged.end or project.end
        if doc_id not in merged.doc_ids:
            merged.doc_ids.append(doc_id)
    return Records(memberships=list(merged_memberships.values()), projects=list(merged_projects.values()))
