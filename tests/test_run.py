"""run_pipeline and `python -m itnet run`: incremental re-runs, checkpoints, time budget, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

import itnet.engines.document as document_stage
import itnet.export as export
from itnet.cli import main
from itnet.ingest import DEFAULT_MAX_BYTES
from itnet.run import run_pipeline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
OUTPUT_FILES = ("documents.csv", "documents.jsonl", "entities.csv", "memberships.csv", "projects.csv",
                "project_participants.csv", "records.json")



def snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUT_FILES}


@pytest.fixture(scope="module")
def seeds_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inputs") / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture(scope="module")
def first_run(seeds_copy, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    summary = run_pipeline([seeds_copy], out)
    return summary, out, snapshot(out)


@pytest.fixture
def out(first_run, tmp_path) -> Path:
    """A fresh copy of the first run's output folder."""
    copy = tmp_path / "out"
    shutil.copytree(first_run[1], copy)
    return copy


def test_first_run_processes_every_seed(first_run):
    summary, out, _ = first_run
    assert (summary.documents, summary.ok, summary.skipped) == (5, 5, 0)
    assert len(pd.read_csv(out / "documents.csv")) == 5


def test_rerun_skips_known_documents_and_keeps_outputs(first_run, seeds_copy, out):
    summary = run_pipeline([seeds_copy], out)
    assert (summary.ok, summary.skipped) == (0, 5)
    assert snapshot(out) == first_run[2]


def test_force_redoes_every_document(first_run, seeds_copy, out):
    summary = run_pipeline([seeds_copy], out, force=True)
    assert (summary.ok, summary.skipped) == (5, 0)
    assert snapshot(out) == first_run[2]


def test_rerun_adds_only_the_new_document(seeds_copy, out, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "nuovo.txt").write_text("Il Comune di Bologna aderisce alla rete EUROCITIES dal 3 maggio 2023.", encoding="utf-8")
    summary = run_pipeline([seeds_copy, extra], out)
    assert (summary.ok, summary.skipped) == (1, 5)
    ids = pd.read_csv(out / "documents.csv")["doc_id"].tolist()
    assert len(ids) == 6 and ids[-1] == "nuovo"
    assert len((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 6


def documents_in(out: Path) -> dict[str, dict]:
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").split("\n")
    return {d["doc_id"]: d for d in map(json.loads, filter(None, lines))}


def test_documents_of_two_runs_with_one_file_name_keep_distinct_ids(tmp_path):
    for city in ("torino", "roma"):
        (tmp_path / city).mkdir()
        (tmp_path / city / "comunicato.txt").write_text(f"Il Comune di {city.title()} aderisce a ECCAR.", encoding="utf-8")
    out = tmp_path / "out"
    run_pipeline([tmp_path / "torino"], out)
    run_pipeline([tmp_path / "roma"], out)
    documents = documents_in(out)
    assert {doc_id: d["source"] for doc_id, d in documents.items()} == {
        "comunicato": str(tmp_path / "torino" / "comunicato.txt"),
        "comunicato__2": str(tmp_path / "roma" / "comunicato.txt"),
    }


def test_a_document_run_again_alone_keeps_its_id(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "n.txt").write_text(f"Il Comune di Bari aderisce a ECCAR ({folder}).", encoding="utf-8")
    out = tmp_path / "out"
    run_pipeline([tmp_path / "x" / "n.txt", tmp_path / "y" / "n.txt"], out)
    (tmp_path / "y" / "n.txt").write_text("Il Comune di Lecce aderisce a ECCAR.", encoding="utf-8")
    run_pipeline([tmp_path / "y" / "n.txt"], out)
    documents = documents_in(out)
    assert sorted(documents) == ["n", "n__2"]
    assert documents["n"]["source"] == str(tmp_path / "x" / "n.txt")
    assert [e["text"] for e in documents["n__2"]["entities"] if e["label"] == "CITY"] == ["Lecce"]


def test_a_document_edited_to_another_ones_text_is_redone(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    first, second = inputs / "bari.txt", inputs / "lecce.txt"
    first.write_text("Il Comune di Bari aderisce a ECCAR.", encoding="utf-8")
    second.write_text("Il Comune di Lecce aderisce a ECCAR.", encoding="utf-8")
    out = tmp_path / "out"
    run_pipeline([inputs], out)
    first.write_bytes(second.read_bytes())
    summary = run_pipeline([inputs], out)
    assert (summary.ok, summary.skipped) == (1, 1)
    documents = documents_in(out)
    assert [e["text"] for e in documents["bari"]["entities"] if e["label"] == "CITY"] == ["Lecce"]


def test_interrupted_publish_keeps_outputs_and_rerun_resumes(first_run, seeds_copy, out, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("itnet.run.publish", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline([seeds_copy], out, force=True)
    assert snapshot(out) == first_run[2]
    assert list((out / export.STAGING / "parts").glob("part-*.jsonl"))
    monkeypatch.undo()
    summary = run_pipeline([seeds_copy], out)
    assert (summary.resumed, summary.ok) == (5, 0)
    assert snapshot(out) == first_run[2]
    assert not (out / export.STAGING).exists()


def test_no_part_is_given_more_than_one_documents_budget(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(20):
        (inputs / f"c{number}.txt").write_text(f"Il Comune di Torino aderisce a ECCAR ({number}).", encoding="utf-8")
    budgets = []
    budget = document_stage.time_budget

    def recorded(seconds):
        budgets.append(seconds)
        return budget(seconds)

    monkeypatch.setattr(document_stage, "time_budget", recorded)
    run_pipeline([inputs], tmp_path / "out", doc_timeout=5)
    assert budgets and max(budgets) == 5


def test_document_over_its_time_budget_gets_e006(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "lento.txt").write_text("LENTO. Il Comune di Torino aderisce a ECCAR.", encoding="utf-8")
    (inputs / "rapido.txt").write_text("Il Comune di Torino aderisce a ECCAR.", encoding="utf-8")
    build = document_stage.build_document

    def slow_for_marked(doc):
        if doc.text.startswith("LENTO"):
            time.sleep(30)
        return build(doc)

    monkeypatch.setattr(document_stage, "build_document", slow_for_marked)
    # the slow document's E006 row says the budget cut it short: unbudgeted, it would end ok
    summary = run_pipeline([inputs], tmp_path / "out", doc_timeout=0.5)
    rows = pd.read_csv(tmp_path / "out" / "documents.csv").set_index("doc_id")
    assert rows.loc["lento", "error"].startswith("[E006]")
    assert rows.loc["rapido", "status"] == "ok"
    assert (summary.ok, summary.errors) == (1, 1)


def test_second_run_into_a_locked_folder_is_refused(tmp_path):
    fingerprint = {"model": "x"}
    holder = export.Staging(tmp_path / "out", fingerprint)
    try:
        with pytest.raises(export.PipelineError, match=rf"E020.*process {os.getpid()}\)"):
            export.Staging(tmp_path / "out", fingerprint)
    finally:
        holder.release()


@pytest.fixture
def mixed_inputs(tmp_path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "buono.txt").write_text("Il Comune di Torino aderisce a ECCAR.", encoding="utf-8")
    (folder / "vuoto.txt").write_bytes(b"")
    return folder


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ([], 0),  # a per-document error does not fail the run
        (["--strict"], 1),
    ],
)
def test_exit_code_with_a_document_error(mixed_inputs, tmp_path, extra, code):
    argv = ["run", str(mixed_inputs), "--out", str(tmp_path / "out"), "--quiet", *extra]
    assert main(argv) == code


def test_exit_code_2_without_inputs(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["run", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith("error: [E021]")


def test_exit_code_2_for_an_output_folder_that_is_a_file(mixed_inputs, tmp_path, capsys):
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    assert main(["run", str(mixed_inputs), "--out", str(tmp_path / "taken")]) == 2
    assert capsys.readouterr().err.startswith("error: [E020]")


def test_exit_code_1_when_the_sole_input_is_missing(tmp_path, capsys):
    assert main(["run", str(tmp_path / "absent.txt"), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    rows = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str)
    assert rows["error"].str.startswith("[E001]").tolist() == [True]


@pytest.mark.parametrize(
    "argv",
    [["run", "x"], ["run", "x", "--out", "o", "--workers", "0"]]
    + [["run", "x", "--out", "o", "--doc-timeout", value] for value in ("-1", "nan", "inf", "1e300")],
)
def test_exit_code_2_for_a_bad_command_line(argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


def test_run_json_counts_this_run(first_run):
    info = json.loads((first_run[1] / "run.json").read_text(encoding="utf-8"))
    assert (info["documents"], info["ok"], info["documents_in_outputs"]) == (5, 5, 5)
    assert info["models_in_outputs"] == {info["model"]: 5}


def test_run_json_names_every_model_whose_rows_the_outputs_keep(first_run, out, tmp_path):
    rows = (out / "documents.csv").read_text(encoding="utf-8").replace(first_run[0].model, "older-model-1.0")
    (out / "documents.csv").write_text(rows, encoding="utf-8")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "nuovo.txt").write_text("Il Comune di Bologna aderisce alla rete EUROCITIES.", encoding="utf-8")
    run_pipeline([extra], out)
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["models_in_outputs"] == {"older-model-1.0": 5, first_run[0].model: 1}


def test_damaged_previous_outputs_are_a_one_line_error(seeds_copy, out, capsys):
    (out / "documents.jsonl").write_text("{not json\n", encoding="utf-8")
    assert main(["run", str(seeds_copy), "--out", str(out), "--quiet"]) == 2
    assert "--force" in capsys.readouterr().err


def test_unknown_model_is_refused_before_any_output(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(SEEDS), "--out", str(out), "--model", "no_such_model", "--quiet"]) == 2
    assert "[E010]" in capsys.readouterr().err
    assert not out.exists()


class _Killed(BaseException):
    """Stands for a kill -9: nothing after it runs, no handler catches it."""


@pytest.mark.parametrize("renames_before_kill", range(9))  # the journal, then eight output files
def test_a_kill_at_any_rename_of_the_publish_is_completed_by_the_next_run(first_run, seeds_copy, out, tmp_path, monkeypatch, renames_before_kill):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "nuovo.txt").write_text("Il Comune di Bologna aderisce alla rete EUROCITIES dal 3 maggio 2023.", encoding="utf-8")
    replace, done = export.os.replace, []

    def killed_after_some(source, target):
        if Path(target).parent == out:  # a rename into the output folder
            if len(done) == renames_before_kill:
                raise _Killed
            done.append(target)
        replace(source, target)

    monkeypatch.setattr(export.os, "replace", killed_after_some)
    with pytest.raises(_Killed):
        run_pipeline([extra], out)
    monkeypatch.undo()
    # another setting discards the checkpoint: only the journal can complete the publish
    run_pipeline([seeds_copy, extra], out, max_bytes=DEFAULT_MAX_BYTES - 1)
    documents = documents_in(out)
    assert len(documents) == 6
    for table in ("documents.csv", "entities.csv", "memberships.csv"):
        ids = set(pd.read_csv(out / table, dtype=str)["doc_id"])
        assert "nuovo" in ids and ids <= set(documents), table
    assert not (out / export.PUBLISH_JOURNAL).exists()


def test_integer_ids_are_written_as_integers(first_run):
    entities = pd.read_csv(first_run[1] / "entities.csv", dtype=str, keep_default_na=False)
    geonames = [value for value in entities["geonames_id"] if value]
    assert geonames and all(value.isdigit() for value in geonames)
    assert all(value == "" or len(value) == 6 for value in entities["istat_code"])  # "001272", not 1272


def test_tables_read_back_with_integer_and_string_ids(first_run):
    entities = pd.read_csv(first_run[1] / "entities.csv", dtype=export.pandas_dtypes("entities.csv"))
    assert (str(entities["geonames_id"].dtype), str(entities["istat_code"].dtype)) == ("Int64", "string")
    assert "001272" in set(entities["istat_code"].dropna())  # Torino's code, leading zeros kept


def test_parquet_tables_have_the_csv_columns_with_integer_and_string_ids(seeds_copy, tmp_path):
    out = tmp_path / "out"
    run_pipeline([seeds_copy], out, parquet=True)
    for table in export.TABLES:
        frame = pd.read_parquet(out / table.replace(".csv", ".parquet"))
        assert list(frame.columns) == list(pd.read_csv(out / table, nrows=0).columns), table
        assert len(frame) == len(pd.read_csv(out / table)), table
    entities = pd.read_parquet(out / "entities.parquet")
    assert (str(entities["geonames_id"].dtype), str(entities["istat_code"].dtype)) == ("Int64", "string")
    assert "001272" in set(entities["istat_code"].dropna())
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["formats"] == ["csv", "parquet"]


def test_a_run_without_parquet_removes_the_earlier_parquet_tables(seeds_copy, tmp_path):
    out = tmp_path / "out"
    run_pipeline([seeds_copy], out, parquet=True)
    run_pipeline([seeds_copy], out, force=True)
    assert not list(out.glob("*.parquet"))


def test_a_record_row_carries_its_evidence_sentence(first_run, seeds_copy):
    memberships = pd.read_csv(first_run[1] / "memberships.csv", dtype=str, keep_default_na=False)
    for row in memberships.to_dict("records"):
        original = (seeds_copy / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
        assert row["evidence_text"] == original[int(row["evidence_start"]) : int(row["evidence_end"])]
    assert (memberships["evidence_text"] != "").all()


def test_documents_jsonl_holds_the_text_its_offsets_index(first_run, seeds_copy):
    for line in (first_run[1] / "documents.jsonl").read_text(encoding="utf-8").split("\n")[:-1]:
        document = json.loads(line)
        assert document["text"] == (seeds_copy / f"{document['doc_id']}.txt").read_text(encoding="utf-8")


def test_documents_another_model_made_are_redone(first_run, seeds_copy, out):
    rows = (out / "documents.csv").read_text(encoding="utf-8").replace(first_run[0].model, "older-model-1.0")
    (out / "documents.csv").write_text(rows, encoding="utf-8")
    summary = run_pipeline([seeds_copy], out)
    assert (summary.ok, summary.skipped) == (5, 0)
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["models_in_outputs"] == {first_run[0].model: 5}
