"""Round trip with brat standoff: pipeline documents → `.txt` + `.ann` → corrected gold.

Each entity is a `T` line (`T3<TAB>CITY 623 631<TAB>Cracovia`); a span that crosses a line
break is written as fragments (`start end;start end`), as brat requires, and read back as
one span from the first start to the last end. A norm is the entity's `AnnotatorNotes`
comment (`#3<TAB>AnnotatorNotes T3<TAB>2024-03-06`), editable in brat's UI. Records (alias
lists, dates) don't fit brat's relations, so they travel as `<doc_id>.records.json` beside
the `.ann`. Offsets are Python `str` indices, which is what brat counts too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from itnet.evaluate.gold import make_gold_document, records_of, scored_entities, write_gold_document
from itnet.safe_io import contained_path
from itnet.schema import SCORED_LABELS

RECORDS_SUFFIX = ".records.json"
_T_LINE = re.compile(r"(?P<id>T\d+)\t(?P<label>\S+) (?P<fragments>[^\t]*)\t(?P<surface>.*)")
_FRAGMENT = re.compile(r"(?P<start>\d+) (?P<end>\d+)")
_NOTE_LINE = re.compile(r"#\d+\tAnnotatorNotes (?P<target>T\d+)\t(?P<note>.*)")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut at line breaks, dropping the breaks themselves."""
    pieces, piece_start = [], start
    for index in range(start, end):
        if text[index] == "\n":
            if index > piece_start:
                pieces.append((piece_start, index))
            piece_start = index + 1
    if end > piece_start:
        pieces.append((piece_start, end))
    return pieces or [(start, end)]


def ann_text(document: dict, text: str) -> str:
    lines = []
    for number, entity in enumerate(scored_entities(document), start=1):
        pieces = fragments(text, entity["start"], entity["end"])
        offsets = ";".join(f"{s} {e}" for s, e in pieces)
        surface = " ".join(text[s:e] for s, e in pieces)
        lines.append(f"T{number}\t{entity['label']} {offsets}\t{surface}")
        if entity.get("norm") is not None:
            lines.append(f"#{number}\tAnnotatorNotes T{number}\t{entity['norm']}")
    return "".join(line + "\n" for line in lines)


def annotation_conf(labels: tuple[str, ...] = SCORED_LABELS) -> str:
    return "[entities]\n" + "".join(f"{label}\n" for label in labels) + "[relations]\n[events]\n[attributes]\n"


def export_brat(documents: list[dict], texts: dict[str, str], out_dir: Path) -> list[Path]:
    written = []
    for document in documents:
        doc_id = document["doc_id"]
        base = contained_path(out_dir, doc_id)
        base.parent.mkdir(parents=True, exist_ok=True)
        txt = base.with_name(base.name + ".txt")
        with txt.open("w", encoding="utf-8", newline="") as handle:
            handle.write(texts[doc_id])
        ann = base.with_name(base.name + ".ann")
        ann.write_text(ann_text(document, texts[doc_id]), encoding="utf-8")
        records = base.with_name(base.name + RECORDS_SUFFIX)
        records.write_text(json.dumps(records_of(document), ensure_ascii=False, indent=1), encoding="utf-8")
        written += [txt, ann, records]
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "annotation.conf").write_text(annotation_conf(), encoding="utf-8")
    return written + [out_dir / "annotation.conf"]


def parse_ann(ann: str, text: str) -> list[dict]:
    """Entities of an `.ann` file; lines other than T and AnnotatorNotes are left aside. A T
    line whose offsets are not ascending fragments inside `text`, or whose surface text is
    not what they cover, raises ValueError naming the line: the annotator's offsets and the
    text have drifted apart, and no guess repairs that."""
    spans: dict[str, dict] = {}
    notes: dict[str, str] = {}
    for number, line in enumerate(ann.split("\n"), start=1):
        if line.startswith("T") and (match := _T_LINE.fullmatch(line.rstrip("\r"))):
            pieces = _fragments_of(match["fragments"], text, number)
            covered = " ".join(text[s:e] for s, e in pieces)
            if covered != match["surface"]:
                raise ValueError(f"line {number}: the offsets cover {covered!r}, the line says {match['surface']!r}")
            spans[match["id"]] = {"start": pieces[0][0], "end": pieces[-1][1], "label": match["label"]}
        elif match := _NOTE_LINE.fullmatch(line.rstrip("\r")):
            notes[match["target"]] = match["note"].strip()
        elif line.startswith("T"):
            raise ValueError(f"line {number}: not a brat text-bound annotation: {line[:80]!r}")
    return [{**span, "norm": notes.get(entity_id)} for entity_id, span in spans.items()]


def _fragments_of(field: str, text: str, number: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for fragment in field.split(";"):
        match = _FRAGMENT.fullmatch(fragment)
        if match is None:
            raise ValueError(f"line {number}: offsets {fragment!r} are not two non-negative numbers")
        start, end = int(match["start"]), int(match["end"])
        if not start < end <= len(text) or (pieces and start < pieces[-1][1]):
            raise ValueError(f"line {number}: fragment {start}-{end} is reversed, empty, overlapping or past the text")
        pieces.append((start, end))
    return pieces


def import_brat(in_dir: Path, out_dir: Path) -> list[str]:
    """Writes a gold folder from a brat folder (`.txt` + `.ann` [+ `.records.json`]); returns doc_ids."""
    documents = []
    for ann_path in sorted(in_dir.rglob("*.ann")):
        doc_id = ann_path.relative_to(in_dir).with_suffix("").as_posix()
        text = ann_path.with_suffix(".txt").read_bytes().decode("utf-8")
        records_path = ann_path.with_name(ann_path.stem + RECORDS_SUFFIX)
        records = json.loads(records_path.read_text(encoding="utf-8")) if records_path.is_file() else {}
        if not isinstance(records, dict):
            raise ValueError(f"{records_path}: not a JSON object of records")
        try:
            entities = parse_ann(ann_path.read_text(encoding="utf-8"), text)
        except ValueError as error:
            raise ValueError(f"{ann_path}: {error}") from None
        documents.append((make_gold_document(doc_id, text, entities, records), text))
    # written only once every file has been read and checked
    for document, text in documents:
        write_gold_document(out_dir, document, text)
    return [document["doc_id"] for document, _ in documents]
