"""The shared vocabulary (itnet/resources/calendar_it.yaml, currencies.yaml) and ingest's
rules (ingest_boilerplate.yaml) are validated on load: a bad file is a numbered error naming
the file and the key, never an internal error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from itnet import ingest, lexicon
from itnet.errors import PipelineError

RESOURCES = Path(lexicon.__file__).parent / "resources"


def _broken_copy(tmp_path: Path, name: str, change) -> Path:
    folder = tmp_path / "resources"
    shutil.copytree(RESOURCES, folder, ignore=shutil.ignore_patterns("review"))
    data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    change(data)
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.fixture
def fresh_loaders():
    lexicon.calendar.cache_clear()
    lexicon.currencies.cache_clear()
    ingest._rules.cache_clear()
    yield
    lexicon.calendar.cache_clear()
    lexicon.currencies.cache_clear()
    ingest._rules.cache_clear()


@pytest.mark.parametrize(
    ("name", "load", "change", "key"),
    [
        ("calendar_it.yaml", lexicon.calendar, lambda d: d.update(monthz=d.pop("months")), "months"),
        ("calendar_it.yaml", lexicon.calendar, lambda d: d["weekdays"].update(lunedì="uno"), "weekdays.lunedì"),
        ("currencies.yaml", lexicon.currencies, lambda d: d.update(multipliers=["mila"]), "multipliers"),
        ("currencies.yaml", lexicon.currencies, lambda d: d.pop("uppercase_only"), "uppercase_only"),
    ],
)
def test_a_bad_vocabulary_file_is_a_numbered_error_naming_file_and_key(tmp_path, monkeypatch, fresh_loaders, name, load, change, key):
    monkeypatch.setattr(lexicon, "_RESOURCES", _broken_copy(tmp_path, name, change))
    with pytest.raises(PipelineError, match=rf"E060.*{name}.*{key}"):
        load()


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d["html"].update(max_depth="deep"), "html.max_depth"),
        (lambda d: d["glue"].pop("min_left"), "glue.min_left"),
        (lambda d: d.update(boilerplate_line=d.pop("boilerplate_lines")), "boilerplate_line"),
        (lambda d: d["boilerplate_lines"].append("(unclosed"), "bad regular expression"),
    ],
)
def test_a_bad_ingest_rule_file_is_a_numbered_error_naming_file_and_key(tmp_path, monkeypatch, fresh_loaders, change, key):
    folder = _broken_copy(tmp_path, "ingest_boilerplate.yaml", change)
    monkeypatch.setattr(ingest, "BOILERPLATE_FILE", folder / "ingest_boilerplate.yaml")
    with pytest.raises(PipelineError, match=rf"E060.*ingest_boilerplate.yaml.*{key}"):
        ingest._rules()


def test_the_shipped_files_load(fresh_loaders):
    assert lexicon.calendar().months["marzo"] == 3
    assert lexicon.currencies().codes["euro"] == "EUR"
    assert ingest._rules().html_max_depth >= 1
