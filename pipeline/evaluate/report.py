"""Text tables of a `score()` result: figures, per label, per document, then the errors."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.schema import SCORED_LABELS

PRF_COLUMNS = ["p", "r", "f", "tp", "fp", "fn"]


def _prf_table(rows: dict[str, dict[str, Any]]) -> str:
    frame = pd.DataFrame.from_dict(rows, orient="index")[PRF_COLUMNS]
    return frame.to_string(float_format=lambda x: f"{x:.3f}")


def _accuracy(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_report(result: dict[str, Any]) -> str:
    entities = result["entities"]
    lines = ["== Figures (micro over documents)", _prf_table({
        "entities headline strict": entities["headline_strict"],
        "entities headline lenient": entities["headline_lenient"],
        "memberships": result["memberships"],
        "projects": result["projects"],
        "participants": result["participants"],
    })]
    norm_counts = entities["norm_counts"]
    lines.append("norm accuracy (strict DATE+MONEY): " + ", ".join(
        f"{key} {_accuracy(value['accuracy'])} ({value['correct']}/{value['total']})"
        for key, value in norm_counts.items()))
    lines.append("membership attribute accuracy: " + ", ".join(
        f"{key} {_accuracy(value['accuracy'])} ({value['correct']}/{value['total']})"
        for key, value in result["membership_attr_counts"].items()))
    lines += ["", "== Entities per label, strict", _prf_table(entities["per_label_strict"]),
              "", "== Entities per label, lenient", _prf_table(entities["per_label_lenient"])]
    per_document = {doc_id: {
        "ent strict F": figures["entities"]["headline_strict"]["f"],
        "ent lenient F": figures["entities"]["headline_lenient"]["f"],
        "memb F": figures["memberships"]["f"],
        "proj F": figures["projects"]["f"],
        "part F": figures["participants"]["f"],
    } for doc_id, figures in result["per_document"].items()}
    if per_document:
        lines += ["", "== Per document (F1)",
                  pd.DataFrame.from_dict(per_document, orient="index").to_string(float_format=lambda x: f"{x:.3f}")]
        lines += ["", "== Per document and label (strict F1)",
                  pd.DataFrame.from_dict({doc_id: {label: figures["entities"]["per_label_strict"][label]["f"]
                                                   for label in SCORED_LABELS}
                                          for doc_id, figures in result["per_document"].items()},
                                         orient="index").to_string(float_format=lambda x: f"{x:.2f}")]
    lines += ["", "== Errors"]
    for kind, items in result["errors"].items():
        lines.append(f"-- {kind.replace('_', ' ')}: {len(items)}")
        lines.extend(f"   {_describe(item)}" for item in items)
    if result.get("unscored_documents"):
        lines.append("predicted documents without gold (not scored): " + ", ".join(result["unscored_documents"]))
    return "\n".join(lines)


def _describe(item: dict[str, Any]) -> str:
    return " | ".join(f"{key}={value!r}" for key, value in item.items() if value is not None)
