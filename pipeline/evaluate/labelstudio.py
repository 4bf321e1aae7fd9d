"""Round trip with Label Studio: pipeline documents → pre-annotated tasks → corrected gold.

Export writes `tasks.json` (one task per document: `data.text` plus `predictions` whose
results are `labels` regions with character offsets, and a per-region `norm` TextArea),
`label_config.xml` (the labelling interface that fits the tasks) and `records.json`
(doc_id → published, memberships, projects: Label Studio has no place for alias lists and
records, so they travel as this side file, edited as JSON). Import reads a Label Studio JSON
export (the task's last non-cancelled annotation, else its prediction) plus `records.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.evaluate.gold import make_gold_document, records_of, write_gold_document
from pipeline.schema import SCORED_LABELS

TASKS_FILE = "tasks.json"
RECORDS_FILE = "records.json"
CONFIG_FILE = "label_config.xml"
LABELS_CONTROL = "label"
NORM_CONTROL = "norm"
TEXT_OBJECT = "text"


def label_config(labels: tuple[str, ...] = SCORED_LABELS) -> str:
    choices = "\n".join(f'    <Label value="{label}"/>' for label in labels)
    return (f'<View>\n  <Labels name="{LABELS_CONTROL}" toName="{TEXT_OBJECT}">\n{choices}\n  </Labels>\n'
            f'  <Text name="{TEXT_OBJECT}" value="$text" granularity="symbol"/>\n'
            f'  <TextArea name="{NORM_CONTROL}" toName="{TEXT_OBJECT}" perRegion="true" '
            f'placeholder="norm (DATE, MONEY)"/>\n</View>\n')


def document_task(document: dict, text: str) -> dict:
    results = []
    for number, entity in enumerate(document.get("entities") or [], start=1):
        region_id = f"e{number}"
        span = {"start": entity["start"], "end": entity["end"], "text": text[entity["start"]:entity["end"]]}
        results.append({"id": region_id, "from_name": LABELS_CONTROL, "to_name": TEXT_OBJECT, "type": "labels",
                        "value": {**span, "labels": [entity["label"]]}})
        if entity.get("norm") is not None:
            results.append({"id": region_id, "from_name": NORM_CONTROL, "to_name": TEXT_OBJECT,
                            "type": "textarea", "value": {**span, "text": [entity["norm"]]}})
    return {"data": {"text": text, "doc_id": document["doc_id"], "source": document.get("source")},
            "predictions": [{"model_version": "pipeline", "result": results}]}


def export_labelstudio(documents: list[dict], texts: dict[str, str], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    tasks = [document_task(document, texts[document["doc_id"]]) for document in documents]
    records = {document["doc_id"]: records_of(document) for document in documents}
    written = [out_dir / TASKS_FILE, out_dir / RECORDS_FILE, out_dir / CONFIG_FILE]
    written[0].write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    written[1].write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    written[2].write_text(label_config(), encoding="utf-8")
    return written


def _task_results(task: dict) -> list[dict]:
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if annotations:
        return annotations[-1].get("result") or []
    predictions = task.get("predictions") or []
    return predictions[-1].get("result") or [] if predictions else []


def task_entities(task: dict) -> list[dict]:
    """Entities of a task's regions: labels results give spans, per-region TextAreas give norms."""
    spans: dict[str, dict] = {}
    norms: dict[str, str] = {}
    for result in _task_results(task):
        value = result.get("value") or {}
        if result.get("type") == "labels" and value.get("labels"):
            spans[result["id"]] = {"start": int(value["start"]), "end": int(value["end"]),
                                   "label": value["labels"][0]}
        elif result.get("type") == "textarea" and result.get("from_name") == NORM_CONTROL and value.get("text"):
            norms[result["id"]] = str(value["text"][0]).strip()
    return [{**span, "norm": norms.get(region_id)} for region_id, span in spans.items()]


def import_labelstudio(export_file: Path, out_dir: Path, records_file: Path | None = None) -> list[str]:
    """Writes a gold folder from a Label Studio JSON export; returns the doc_ids written."""
    tasks = json.loads(export_file.read_text(encoding="utf-8"))
    records_path = records_file or export_file.parent / RECORDS_FILE
    records = json.loads(records_path.read_text(encoding="utf-8")) if records_path.is_file() else {}
    written = []
    for task in tasks:
        data = task["data"]
        doc_id, text = data["doc_id"], data["text"]
        document = make_gold_document(doc_id, text, task_entities(task), records.get(doc_id) or {})
        write_gold_document(out_dir, document, text)
        written.append(doc_id)
    return written
