"""gold → Label Studio → gold and gold → brat → gold give back the same gold, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate.brat import export_brat, fragments, import_brat, parse_ann
from pipeline.evaluate.gold import check_gold_dir, load_gold_dir, make_gold_document
from pipeline.evaluate.labelstudio import TASKS_FILE, export_labelstudio, import_labelstudio

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
    import_labelstudio(tmp_path / "ls" / TASKS_FILE, tmp_path / "back")
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
    assert parse_ann(ann) == [{"start": 0, "end": 31, "label": "ORG", "norm": None}]


def test_nested_doc_ids_keep_their_folder(tmp_path):
    text = "Torino aderisce a ECCAR."
    document = make_gold_document("2024/torino", text, [{"start": 0, "end": 6, "label": "CITY"}], {})
    export_brat([document], {"2024/torino": text}, tmp_path / "brat")
    assert import_brat(tmp_path / "brat", tmp_path / "back") == ["2024/torino"]
    assert check_gold_dir(tmp_path / "back") == []
