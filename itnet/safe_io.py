"""Output safety: whole files or none, and CSV cells that cannot turn into formulas.

Atomic writes: every output is written to a temporary file in the target's folder, flushed and
fsync'ed, then moved over the target with `os.replace` (atomic on POSIX and Windows). A run that
is killed or fails midway leaves the previous file whole; the temporary file of a failed write is
removed.

CSV injection (OWASP, https://owasp.org/www-community/attacks/CSV_Injection): a spreadsheet
program treats a cell starting with `=`, `+`, `-`, `@`, tab or carriage return as a formula.
`neutralise_csv_cell` prefixes such text with an apostrophe, which spreadsheets display as plain
text, so `=HYPERLINK(...)` becomes `'=HYPERLINK(...)`. Only strings change; numbers (a negative
amount stays -5) and missing values are left as they are. The change is idempotent.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pandas as pd

from itnet.errors import Errors, PipelineError

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISING_PREFIX = "'"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


@contextmanager
def atomic_writer(
    path: str | Path, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = ""
) -> Iterator[IO[Any]]:
    """Open a temporary sibling of `path` for writing; on a clean exit it replaces `path`.

    `mode` is "w" (text) or "wb" (bytes). Text is written with `newline=""` by default, so
    "\\n" stays "\\n" on every platform (what csv and pandas expect). On an exception the target
    is untouched and the temporary file is removed. The new file gets the permissions of the file
    it replaces, or the usual ones (0666 less umask) for a new file.
    """
    if mode not in {"w", "wb"}:
        raise ValueError(f"atomic_writer mode must be 'w' or 'wb', not {mode!r}")
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        text_options: dict[str, Any] = {"encoding": encoding, "newline": newline} if mode == "w" else {}
        with os.fdopen(descriptor, mode, **text_options) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        try:
            permissions = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            permissions = 0o666 & ~_UMASK
        os.chmod(temporary, permissions)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    fsync_folder(target.parent)


def fsync_file(path: Path) -> None:
    """Make a file's content (or a folder's entries) durable before it is renamed into place."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; folders cannot be opened for this on Windows."""
    if os.name == "posix":
        fsync_file(folder)


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_writer(path, "w", encoding=encoding) as handle:
        handle.write(text)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    with atomic_writer(path, "wb") as handle:
        handle.write(data)


def neutralise_csv_cell(value: Any) -> Any:
    """`value` with a leading apostrophe when it is a string a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return NEUTRALISING_PREFIX + value
    return value


def restore_csv_cell(value: str) -> str:
    """The value `neutralise_csv_cell` was given, from what it wrote (a database sink reads
    documents.csv back)."""
    if value.startswith(NEUTRALISING_PREFIX) and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose string cells, column names and index labels are neutralised."""
    safe = frame.copy()
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if _holds_text(column.dtype):
            # pandas-stubs omit the Series that isetitem accepts at runtime
            safe.isetitem(position, column.map(neutralise_csv_cell))  # type: ignore[arg-type]
    safe.columns = [neutralise_csv_cell(name) for name in safe.columns]
    if _holds_text(safe.index.dtype):
        safe.index = safe.index.map(neutralise_csv_cell)
    return safe


def _holds_text(dtype: Any) -> bool:
    return pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype)


def contained_path(folder: Path, relative: str) -> Path:
    """`folder / relative`, refused (E057) where `relative` is absolute, climbs out with
    "..", or resolves outside `folder` through a link: a doc_id from an annotation file must
    never write elsewhere ("../../victim", "/etc/cron.d/x")."""
    parts = Path(relative).parts
    if not relative or "\x00" in relative or Path(relative).is_absolute() or ".." in parts:
        raise PipelineError(Errors.E057.format(name=relative, folder=folder, reason="not a relative path without '..'"))
    target = folder / relative
    if not target.resolve().is_relative_to(folder.resolve()):
        raise PipelineError(Errors.E057.format(name=relative, folder=folder, reason="it resolves outside through a link"))
    return target
