"""gold → Label Studio → gold and gold → brat → gold give back the same gold, byte for byte."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from itnet.cli import main
from itnet.errors import PipelineError
from itnet.evaluate.brat import export_brat, fragments, import_brat, parse_ann
from itnet.evaluate.gold import check_gold_dir, load_gold_dir, make_gold_document
from itnet.evaluate.labelstudio import TASKS_FILE, export_labelstudio, import_labelstudio

GOLD = Path(__file__).resolve().parents[1] / "gold"


@pytest.fixture(scope="module")
def gold():
    return load_gold_dir(GOLD)


def assert_same_gold(folder: Path) -> None:
    assert check_gold_dir(folder) == []
    for path in [*GOLD.glob("*.txt"), *GOLD.glob("*.json")]:
        assert (folder / path.name).read_bytes() == path.read_bytes(), path.name


def test_label_studio_round_trip(gold, tmp_path):
    documents, texts = gold
    export_labelstudio(list(documents.values()), texts, tmp_path / "ls")
    import_labelstudio(tmp_path / "ls" / TASKS_FILE, tmp_path / "back", predictions_as_gold=True)
    assert_same_gold(tmp_path / "back")


def test_brat_round_trip(gold, tmp_path):
    documents, texts = gold
    export_brat(list(documents.values()), texts, tmp_path / "brat")
    import_brat(tmp_path / "brat", tmp_path / "back")
    assert_same_gold(tmp_path / "back")


def test_label_studio_import_takes_the_annotators_correction(gold, tmp_path):
    documents, texts = gold
    doc_id = "001_e4ee2aa2dbeadda6"
    export_labelstudio([documents[doc_id]], texts, tmp_path / "ls")
    tasks = json.loads((tmp_path / "ls" / TASKS_FILE).read_text(encoding="utf-8"))
    corrected = [dict(r, value={**r["value"], "labels": ["PROJECT"]}) if r["type"] == "labels" else r
                 for r in tasks[0]["predictions"][0]["result"]]
    tasks[0]["annotations"] = [{"result": corrected, "was_cancelled": False}]
    (tmp_path / "ls" / TASKS_FILE).write_text(json.dumps(tasks), encoding="utf-8")
    import_labelstudio(tmp_path / "ls" / TASKS_FILE, tmp_path / "back")
    back = json.loads((tmp_path / "back" / f"{doc_id}.json").read_text(encoding="utf-8"))
    assert {e["label"] for e in back["entities"]} == {"PROJECT"}


def test_brat_span_across_a_line_break_travels_as_fragments(tmp_path):
    text = "Servizio della\nPolitica Sociale, Cracovia"
    document = make_gold_document("d", text, [{"start": 0, "end": 31, "label": "ORG"}], {})
    assert fragments(text, 0, 31) == [(0, 14), (15, 31)]
    export_brat([document], {"d": text}, tmp_path / "brat")
    ann = (tmp_path / "brat" / "d.ann").read_text(encoding="utf-8")
    assert ann == "T1\tORG 0 14;15 31\tServizio della Politica Sociale\n"
    assert parse_ann(ann, text) == [{"start": 0, "end": 31, "label": "ORG", "norm": None}]


def test_nested_doc_ids_keep_their_folder(tmp_path):
    text = "Torino aderisce a ECCAR."
    document = make_gold_document("2024/torino", text, [{"start": 0, "end": 6, "label": "CITY"}], {})
    export_brat([document], {"2024/torino": text}, tmp_path / "brat")
    assert import_brat(tmp_path / "brat", tmp_path / "back") == ["2024/torino"]
    assert check_gold_dir(tmp_path / "back") == []


TEXT = "Torino aderisce a ECCAR dal 2024."


def labelstudio_export(path: Path, tasks: list) -> Path:
    path.write_text(json.dumps(tasks), encoding="utf-8")
    return path


def annotated_task(doc_id: str, text: str = TEXT, result: list | None = None) -> dict:
    region = {"id": "r1", "type": "labels", "from_name": "label", "to_name": "text",
              "value": {"start": 0, "end": 6, "text": "Torino", "labels": ["CITY"]}}
    return {"data": {"doc_id": doc_id, "text": text}, "annotations": [{"result": [region] if result is None else result}]}


@pytest.mark.parametrize("doc_id", ["../../victim", "/tmp/victim", "a/../../victim", "a\x00b"])
def test_label_studio_import_writes_nothing_outside_the_gold_folder(tmp_path, doc_id):
    export = labelstudio_export(tmp_path / "export.json", [annotated_task("fine"), annotated_task(doc_id)])
    with pytest.raises(PipelineError, match=r"\[E057\]"):
        import_labelstudio(export, tmp_path / "deep" / "gold")
    assert not (tmp_path / "deep").exists() and not (tmp_path / "victim.json").exists()


@pytest.mark.parametrize("doc_id", ["../../victim", "/tmp/victim"])
def test_brat_export_writes_nothing_outside_its_folder(tmp_path, doc_id):
    document = make_gold_document(doc_id, TEXT, [], {})
    with pytest.raises(PipelineError, match=r"\[E057\]"):
        export_brat([document], {doc_id: TEXT}, tmp_path / "deep" / "brat")
    assert not (tmp_path / "victim.txt").exists()


def test_label_studio_import_refuses_a_repeated_doc_id(tmp_path):
    export = labelstudio_export(tmp_path / "export.json", [annotated_task("d"), {"data": {"doc_id": "d", "text": TEXT}}])
    with pytest.raises(ValueError, match="task 2: doc_id 'd' repeats task 1"):
        import_labelstudio(export, tmp_path / "gold")
    assert not (tmp_path / "gold").exists()


def test_predictions_become_gold_only_when_asked(tmp_path):
    task = annotated_task("d")
    task["predictions"] = task.pop("annotations")
    export = labelstudio_export(tmp_path / "export.json", [task])
    with pytest.raises(ValueError, match="no human annotation"):
        import_labelstudio(export, tmp_path / "gold")
    assert import_labelstudio(export, tmp_path / "gold", predictions_as_gold=True) == ["d"]


@pytest.mark.parametrize(
    ("tasks", "where"),
    [
        ({"data": {}}, "the top level"),
        ([{"data": {"doc_id": "d", "text": TEXT}, "annotations": {"result": []}}], "0.annotations"),
        ([{"data": {"doc_id": "d", "text": TEXT}, "annotations": [{"result": ["CITY"]}]}], "0.annotations.0.result.0"),
        ([{"data": {"doc_id": "d", "text": 5}}], "0.data.text"),
    ],
)
def test_a_malformed_label_studio_export_names_where(tmp_path, tasks, where):
    with pytest.raises(ValueError, match=f"at {re.escape(where)}"):
        import_labelstudio(labelstudio_export(tmp_path / "export.json", tasks), tmp_path / "gold")


def test_a_region_without_offsets_names_its_task(tmp_path):
    region = {"id": "r1", "type": "labels", "value": {"start": None, "end": 6, "labels": ["CITY"]}}
    export = labelstudio_export(tmp_path / "export.json", [annotated_task("a"), annotated_task("b", result=[region])])
    with pytest.raises(ValueError, match=r"task 2 \('b'\): region 'r1'"):
        import_labelstudio(export, tmp_path / "gold")
    assert not (tmp_path / "gold").exists()


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("T1\tCITY -1 6\tTorino", "not two non-negative numbers"),
        ("T1\tCITY 6 0\tTorino", "reversed"),
        ("T1\tCITY 0 6;3 9\tTorino", "overlapping"),
        ("T1\tCITY 0 99\tTorino", "past the text"),
        ("T1\tCITY 0 7\tTorino", "the offsets cover"),
    ],
)
def test_a_brat_line_whose_offsets_do_not_fit_the_text_is_reported(tmp_path, line, reason):
    brat = tmp_path / "brat"
    brat.mkdir()
    (brat / "d.txt").write_text(TEXT, encoding="utf-8")
    (brat / "d.ann").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"d.ann: line 1: .*{reason}"):
        import_brat(brat, tmp_path / "gold")
    assert not (tmp_path / "gold").exists()


def test_a_brat_annotation_without_its_text_names_the_file(tmp_path, capsys):
    brat = tmp_path / "brat"
    brat.mkdir()
    (brat / "d.ann").write_text("T1\tCITY 0 6\tTorino\n", encoding="utf-8")
    assert main(["annotations", "import", "--format", "brat", str(brat), "--out", str(tmp_path / "gold")]) == 2
    error = capsys.readouterr().err
    assert "[E055]" in error and str(brat / "d.txt") in error


@pytest.mark.parametrize("tool", ["labelstudio", "brat"])
def test_an_unedited_export_of_a_pipeline_run_imports_as_valid_gold(tmp_path, tool):
    html = tmp_path / "in" / "comunicato.html"
    html.parent.mkdir()
    html.write_text('<html><head><meta charset="utf-8"><title>Comunicato</title></head><body><article>'
                    "<p>Il Comune di Torino aderisce alla rete ECCAR dal 3 maggio 2023, insieme alla Regione "
                    "Piemonte e alla Lombardia.</p></article></body></html>", encoding="utf-8")
    run = tmp_path / "run"
    assert main(["run", str(html.parent), "--out", str(run), "--quiet"]) == 0
    exported = tmp_path / "export"
    assert main(["annotations", "export", "--format", tool, "--pred", str(run / "documents.jsonl"), "--out", str(exported)]) == 0
    source = exported / TASKS_FILE if tool == "labelstudio" else exported
    extra = ["--predictions-as-gold"] if tool == "labelstudio" else []
    assert main(["annotations", "import", "--format", tool, str(source), "--out", str(tmp_path / "gold"), *extra]) == 0
    gold = json.loads((tmp_path / "gold" / "comunicato.json").read_text(encoding="utf-8"))
    text = (tmp_path / "gold" / "comunicato.txt").read_text(encoding="utf-8")
    assert "<" not in text and "Torino" in text
    assert {e["text"] for e in gold["entities"]} >= {"Torino", "ECCAR"}
    assert all(text[e["start"]:e["end"]] == e["text"] for e in gold["entities"])


def test_an_export_into_a_file_is_a_numbered_error(tmp_path, capsys):
    pred = tmp_path / "documents.jsonl"
    pred.write_text(json.dumps({"doc_id": "d", "text": TEXT, "entities": []}) + "\n", encoding="utf-8")
    (tmp_path / "taken").write_text("", encoding="utf-8")
    assert main(["annotations", "export", "--format", "brat", "--pred", str(pred), "--out", str(tmp_path / "taken")]) == 2
    assert "[E058]" in capsys.readouterr().err


def test_a_brat_records_file_that_is_no_object_is_reported(tmp_path):
    brat = tmp_path / "brat"
    brat.mkdir()
    (brat / "d.txt").write_text(TEXT, encoding="utf-8")
    (brat / "d.ann").write_text("T1\tCITY 0 6\tTorino\n", encoding="utf-8")
    (brat / "d.records.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match="d.records.json: not a JSON object"):
        import_brat(brat, tmp_path / "gold")
    assert not (tmp_path / "gold").exists()
