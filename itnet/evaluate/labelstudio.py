"""Round trip with Label Studio: pipeline documents → pre-annotated tasks → corrected gold.

Export writes `tasks.json` (one task per document: `data.text` plus `predictions` whose
results are `labels` regions with character offsets, and a per-region `norm` TextArea),
`label_config.xml` (the labelling interface that fits the tasks) and `records.json`
(doc_id → published, memberships, projects: Label Studio has no place for alias lists and
records, so they travel as this side file, edited as JSON). Import reads a Label Studio JSON
export (the task's last non-cancelled annotation; its prediction only when asked) plus
`records.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, TypeAdapter, ValidationError

from itnet.evaluate.gold import make_gold_document, records_of, scored_entities, write_gold_document
from itnet.safe_io import contained_path
from itnet.schema import SCORED_LABELS

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
    for number, entity in enumerate(scored_entities(document), start=1):
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


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Value(_Open):
    start: StrictInt | None = None
    end: StrictInt | None = None
    labels: list[StrictStr] | None = None
    text: list[StrictStr] | StrictStr | None = None  # a region's surface text, or a TextArea's lines


class _Result(_Open):
    id: StrictStr
    type: StrictStr
    from_name: StrictStr | None = None
    value: _Value


class _Annotation(_Open):
    was_cancelled: bool = False
    result: list[_Result] = Field(default_factory=list)


class _Data(_Open):
    doc_id: StrictStr
    text: StrictStr


class _Task(_Open):
    data: _Data
    annotations: list[_Annotation] = Field(default_factory=list)
    predictions: list[_Annotation] = Field(default_factory=list)


_TASKS = TypeAdapter(list[_Task])


def _task_results(task: _Task, predictions_as_gold: bool) -> list[_Result] | None:
    """The task's last non-cancelled human annotation; its prediction only where allowed;
    None where it has neither."""
    annotations = [a for a in task.annotations if not a.was_cancelled]
    if annotations:
        return annotations[-1].result
    if predictions_as_gold and task.predictions:
        return task.predictions[-1].result
    return None


def task_entities(results: list[_Result]) -> list[dict]:
    """Entities of a task's regions: labels results give spans, per-region TextAreas give norms."""
    spans: dict[str, dict] = {}
    norms: dict[str, str] = {}
    for result in results:
        value = result.value
        if result.type == "labels" and value.labels:
            if value.start is None or value.end is None or not 0 <= value.start < value.end:
                raise ValueError(f"region {result.id!r} has no valid start and end ({value.start}, {value.end})")
            spans[result.id] = {"start": value.start, "end": value.end, "label": value.labels[0]}
        elif result.type == "textarea" and result.from_name == NORM_CONTROL and value.text:
            norms[result.id] = (value.text if isinstance(value.text, str) else value.text[0]).strip()
    return [{**span, "norm": norms.get(region_id)} for region_id, span in spans.items()]


def import_labelstudio(
    export_file: Path, out_dir: Path, records_file: Path | None = None, predictions_as_gold: bool = False
) -> list[str]:
    """Writes a gold folder from a Label Studio JSON export; returns the doc_ids written.

    The whole export is checked before anything is written: its shape, one task per doc_id,
    a human annotation on every task (an unedited export holds the pipeline's predictions
    only, which become gold only with `predictions_as_gold`). Errors name the task."""
    try:
        tasks = _TASKS.validate_json(export_file.read_bytes())
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(map(str, first["loc"])) or "the top level"
        raise ValueError(f"not a Label Studio JSON export: at {where}: {first['msg']}") from None
    records_path = records_file or export_file.parent / RECORDS_FILE
    records = json.loads(records_path.read_text(encoding="utf-8")) if records_path.is_file() else {}
    if not isinstance(records, dict):
        raise ValueError(f"{records_path} is not a JSON object of doc_id → records")
    documents: dict[str, tuple[dict, str]] = {}
    first_task: dict[str, int] = {}
    for number, task in enumerate(tasks, start=1):
        doc_id, text = task.data.doc_id, task.data.text
        if doc_id in first_task:
            raise ValueError(f"task {number}: doc_id {doc_id!r} repeats task {first_task[doc_id]}")
        first_task[doc_id] = number
        results = _task_results(task, predictions_as_gold)
        if results is None:
            raise ValueError(f"task {number} ({doc_id!r}) has no human annotation; "
                             "--predictions-as-gold takes the pipeline's predictions as gold")
        try:
            entities = task_entities(results)
        except ValueError as error:
            raise ValueError(f"task {number} ({doc_id!r}): {error}") from None
        documents[doc_id] = (make_gold_document(doc_id, text, entities, records.get(doc_id) or {}), text)
    for doc_id in documents:
        contained_path(out_dir, f"{doc_id}.json")  # every path checked before the first is written
    for document, text in documents.values():
        write_gold_document(out_dir, document, text)
    return list(documents)
