"""`gold check`: the real gold folder passes; each kind of broken file gives its one line."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from itnet.evaluate.commands import register
from itnet.evaluate.gold import check_gold_dir, is_iso_date

GOLD = Path(__file__).resolve().parents[1] / "gold"
DOC = "001_e4ee2aa2dbeadda6"


def run_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


def test_the_real_gold_folder_passes():
    assert check_gold_dir(GOLD) == []


def test_gold_check_command_exits_zero_on_the_real_gold(capsys):
    assert run_command(["gold", "check", str(GOLD)]) == 0
    assert capsys.readouterr().out == ""


@pytest.fixture
def broken(tmp_path: Path):
    """A one-document gold folder and a function that edits its JSON."""
    for suffix in (".txt", ".json"):
        shutil.copyfile(GOLD / f"{DOC}{suffix}", tmp_path / f"{DOC}{suffix}")
    path = tmp_path / f"{DOC}.json"

    def edit(change):
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return tmp_path
    return edit


def _first(data, label):
    return next(e for e in data["entities"] if e["label"] == label)


BREAKAGES = {
    "label": (lambda d: d["entities"][0].update(label="CITTY"), "label 'CITTY'"),
    "offset": (lambda d: d["entities"][0].update(start=d["entities"][0]["start"] + 1), "differs from the text"),
    "outside": (lambda d: d["entities"][-1].update(end=10**6), "outside the text"),
    "overlap": (lambda d: d["entities"].append(dict(d["entities"][0])), "overlap"),
    "date norm": (lambda d: _first(d, "DATE").update(norm="6/3/2024"), "DATE norm '6/3/2024'"),
    "missing date norm": (lambda d: _first(d, "DATE").pop("norm"), "DATE norm None"),
    "money norm": (lambda d: _first(d, "MONEY").update(norm="1500 EURO"), "MONEY norm '1500 EURO'"),
    "currency": (lambda d: _first(d, "MONEY").update(norm="1500 XYZ"), "MONEY norm '1500 XYZ'"),
    "member kind": (lambda d: d["memberships"][0].update(member_kind="town"), "memberships.0.member_kind"),
    "membership date": (lambda d: d["memberships"][0].update(date=["25-09-2024"]), "memberships.0.date"),
    "empty alias list": (lambda d: d["memberships"][0].update(member=[]), "memberships.0.member"),
    "duplicate pair": (lambda d: d["memberships"].append(dict(d["memberships"][0], member="Cracovia")),
                       "same member and network"),
    "doc_id": (lambda d: d.update(doc_id="other"), "is not the file name"),
    "sha": (lambda d: d.update(text_sha256="0" * 64), "text_sha256"),
    "published": (lambda d: d.update(published="ieri"), "published"),
    "missing field": (lambda d: d.pop("source"), "source: Field required"),
}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_each_breakage_gives_one_line(broken, name):
    change, expected = BREAKAGES[name]
    problems = check_gold_dir(broken(change))
    assert len(problems) == 1, problems
    assert expected in problems[0] and f"{DOC}.json" in problems[0]


def test_missing_text_file_is_reported(broken):
    folder = broken(lambda d: None)
    (folder / f"{DOC}.txt").unlink()
    assert check_gold_dir(folder) == [f"{folder / DOC}.json: no {DOC}.txt beside it"]


def test_invalid_json_is_reported(tmp_path):
    shutil.copyfile(GOLD / f"{DOC}.txt", tmp_path / f"{DOC}.txt")
    (tmp_path / f"{DOC}.json").write_text("{", encoding="utf-8")
    [problem] = check_gold_dir(tmp_path)
    assert "not valid JSON" in problem


def test_command_prints_one_line_per_problem_and_fails(broken, capsys):
    folder = broken(lambda d: (d["entities"][0].update(label="CITTY"), d.update(published="ieri")))
    assert run_command(["gold", "check", str(folder)]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.parametrize("value, valid", [
    ("2024", True), ("2024-03", True), ("2024-03-06", True), ("XXXX-11-15", True),
    ("2025-05-26/2025-05-27", True), ("XXXX-11-16/XXXX-11-17", True), ("XXXX-02-29", True),
    ("2023-02-29", False), ("2024-13", False), ("24-03-06", False), ("2024/03/06", False),
    ("marzo 2024", False), ("2024-3-6", False),
])
def test_iso_date_forms(value, valid):
    assert is_iso_date(value) is valid
