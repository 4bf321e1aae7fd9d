"""Output safety: atomic writes survive failures and kills; CSV cells cannot become formulas."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from itnet.safe_io import (
    atomic_write_bytes,
    atomic_write_text,
    atomic_writer,
    neutralise_csv_cell,
    neutralise_frame,
)

REPO = Path(__file__).resolve().parents[1]


def test_atomic_write_text_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "documents.jsonl"
    atomic_write_text(target, "primo\n")
    atomic_write_text(target, "secondo\n")
    assert target.read_text(encoding="utf-8") == "secondo\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents.jsonl"]


def test_text_is_written_as_utf8_with_newlines_untranslated(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    atomic_write_text(target, "Città\r\nTorino\n")
    assert target.read_bytes() == "Città\r\nTorino\n".encode()


def test_atomic_write_bytes(tmp_path: Path) -> None:
    target = tmp_path / "a.bin"
    atomic_write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"


def test_failed_write_leaves_previous_file_whole_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "entities.csv"
    target.write_text("vecchio contenuto\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as handle:
            handle.write("nuovo contenuto a metà")
            raise RuntimeError("export failed")
    assert target.read_text(encoding="utf-8") == "vecchio contenuto\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entities.csv"]


def test_killed_writer_leaves_previous_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "records.json"
    target.write_text('{"old": true}', encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "from itnet.safe_io import atomic_writer\n"
        "with atomic_writer(sys.argv[1]) as handle:\n"
        "    handle.write('{\"new\": ')\n"
        "    handle.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(target)], cwd=REPO, check=False)
    assert result.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == '{"old": true}'


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_replacement_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "documents.csv"
    target.write_text("x", encoding="utf-8")
    target.chmod(0o640)
    atomic_write_text(target, "y")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_file_gets_ordinary_permissions_not_the_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    atomic_write_text(target, "y")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_unknown_mode_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        with atomic_writer(tmp_path / "x", mode="a"):
            pass


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","clicca")', '\'=HYPERLINK("http://evil.example","clicca")'),
        ("=SUM(1+1)", "'=SUM(1+1)"),
        ("+39 011 123", "'+39 011 123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=già neutralizzato", "'=già neutralizzato"),
        ("Città di Torino", "Città di Torino"),
        ("1500 EUR", "1500 EUR"),
        ("", ""),
        (-5, -5),
        (2.5, 2.5),
        (None, None),
    ],
)
def test_neutralise_csv_cell(value: object, expected: object) -> None:
    assert neutralise_csv_cell(value) == expected


def test_neutralised_frame_writes_no_cell_starting_with_a_formula_character() -> None:
    frame = pd.DataFrame(
        {
            "doc_id": ["=SUM(1+1)", "@mention", "ordinario"],
            "text": ['=HYPERLINK("http://x","y")', "-1", "+1"],
            "count": [-1, 0, 3],
            "label": pd.Categorical(["=A1", "ORG", "CITY"]),
        }
    )
    frame = frame.rename(columns={"label": "=label"})
    buffer = io.StringIO()
    neutralise_frame(frame).to_csv(buffer, index=False)
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    text_cells = [cell for row in rows for cell in row if not cell.lstrip("-").isdigit()]
    assert not [cell for cell in text_cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    assert rows[1][2] == "-1"  # numbers stay numbers


def test_neutralise_frame_leaves_the_input_unchanged() -> None:
    frame = pd.DataFrame({"doc_id": ["=x"]})
    neutralise_frame(frame)
    assert frame.loc[0, "doc_id"] == "=x"


def test_neutralise_frame_handles_duplicate_column_names() -> None:
    frame = pd.DataFrame([["=a", "=b"]], columns=["x", "x"])
    assert neutralise_frame(frame).iloc[0].tolist() == ["'=a", "'=b"]
