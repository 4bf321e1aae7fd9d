"""Text tables of a `score()` result: figures, per label, per document, then the errors."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from itnet.schema import SCORED_LABELS

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


# Records whose errors are shown with the sentence behind them.
RECORD_ERRORS = ("memberships_missed", "memberships_spurious", "membership_attributes_wrong",
                 "participants_missed", "participants_spurious")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
SENTENCE_SHOWN = 240


def with_sentences(errors: dict[str, list[dict]], texts: dict[str, str]) -> dict[str, list[dict]]:
    """Each record error with its sentence: a predicted record's evidence, or for a gold
    record the first sentence of the text that names its member (or participant)."""
    shown = {}
    for kind, items in errors.items():
        if kind not in RECORD_ERRORS:
            shown[kind] = items
            continue
        shown[kind] = [
            {**{k: v for k, v in item.items() if k != "evidence"}, "sentence": _sentence(item, texts.get(item["doc_id"], ""))}
            for item in items
        ]
    return shown


def _sentence(item: dict[str, Any], text: str) -> str | None:
    evidence = item.get("evidence")
    if isinstance(evidence, dict) and isinstance(evidence.get("start"), int):
        found = text[evidence["start"] : evidence["end"]]
    else:
        mention = item.get("member_mention") or item.get("mention")
        if not isinstance(mention, str) or not mention:
            return None
        found = next((m.group() for m in SENTENCE.finditer(text) if mention in m.group()), "")
    found = " ".join(found.split())
    return (found[:SENTENCE_SHOWN] + "…" if len(found) > SENTENCE_SHOWN else found) or None
