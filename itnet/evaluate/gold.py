"""Gold folders (SPEC §4): load them, and check them with one line per problem.

A gold folder holds `<doc_id>.txt` and `<doc_id>.json` for each document, in sub-folders too
(`2024/roma-eccar.json` has doc_id `2024/roma-eccar`). The schema is SPEC §1's with names
allowed as alias lists and record dates as lists of acceptable values; pydantic checks the
shape, the functions below check what a schema can't (offsets against the text, overlaps,
ISO forms, records a prediction could match twice).
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from pathlib import Path
from typing import Annotated

import pycountry
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from itnet.evaluate.scorer import aliases
from itnet.safe_io import contained_path
from itnet.schema import (
    SCORED_LABELS,
    MemberKind,
    MembershipRole,
    MembershipStatus,
    ParticipantKind,
    ParticipantRole,
)

NonEmptyStr = Annotated[str, Field(min_length=1)]
Names = NonEmptyStr | Annotated[list[NonEmptyStr], Field(min_length=1)]
Dates = str | list[str] | None

_ISO_DATE = re.compile(r"(?P<year>\d{4}|XXXX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
_MONEY = re.compile(r"(?P<value>-?\d+(?:\.\d+)?) (?P<code>[A-Z]{3})")


class _GoldModel(BaseModel):
    model_config = ConfigDict(extra="allow")


class GoldEntity(_GoldModel):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    label: str
    text: str
    norm: str | None = None


class GoldMembership(_GoldModel):
    member: Names
    member_mention: str
    member_kind: MemberKind
    network: Names
    network_mention: str
    role: MembershipRole = "member"
    status: MembershipStatus = "member"
    date: Dates = None


class GoldParticipant(_GoldModel):
    name: Names
    role: ParticipantRole
    kind: ParticipantKind


class GoldProject(_GoldModel):
    name: Names
    mention: str
    start: Dates = None
    end: Dates = None
    participants: list[GoldParticipant] = Field(default_factory=list)


class GoldDocument(_GoldModel):
    doc_id: str
    source: str
    text_sha256: str
    published: str | None = None
    entities: list[GoldEntity] = Field(default_factory=list)
    memberships: list[GoldMembership] = Field(default_factory=list)
    projects: list[GoldProject] = Field(default_factory=list)


def is_iso_date(value: str) -> bool:
    """`2024`, `2024-03`, `2024-03-06`, `XXXX-11-15`, or a range `A/B` of two such dates."""
    parts = value.split("/")
    return len(parts) <= 2 and all(_is_single_date(part) for part in parts)


def _is_single_date(value: str) -> bool:
    match = _ISO_DATE.fullmatch(value)
    if not match:
        return False
    month, day = match["month"], match["day"]
    if month is None:
        return True
    if not 1 <= int(month) <= 12:
        return False
    if day is None:
        return True
    # An unknown year allows 29 February: the year could be a leap one.
    year = 2000 if match["year"] == "XXXX" else int(match["year"])
    return 1 <= int(day) <= calendar.monthrange(year, int(month))[1]


def is_money_norm(value: str) -> bool:
    match = _MONEY.fullmatch(value)
    return match is not None and pycountry.currencies.get(alpha_3=match["code"]) is not None


def _dates(value: Dates) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def gold_files(folder: Path) -> dict[str, Path]:
    """doc_id → annotation file, for every `.json` under the folder."""
    return {path.relative_to(folder).with_suffix("").as_posix(): path for path in sorted(folder.rglob("*.json"))}


def check_document(doc_id: str, data: object, text: str, text_bytes: bytes) -> list[str]:
    """Problems of one gold document, each a line without the file name."""
    try:
        document = GoldDocument.model_validate(data)
    except ValidationError as error:
        return _schema_problems(error)
    problems = []
    if document.doc_id != doc_id:
        problems.append(f"doc_id: {document.doc_id!r} is not the file name {doc_id!r}")
    if document.text_sha256 != hashlib.sha256(text_bytes).hexdigest():
        problems.append("text_sha256: does not match the .txt file")
    if document.published is not None and not is_iso_date(document.published):
        problems.append(f"published: {document.published!r} is not an ISO date")
    problems.extend(_entity_problems(document.entities, text))
    problems.extend(_membership_problems(document.memberships))
    problems.extend(_project_problems(document.projects))
    return problems


_UNION_BRANCH = re.compile(r"str|int|none|.*[\[\-].*")


def _schema_problems(error: ValidationError) -> list[str]:
    """One line per field: pydantic reports each branch of a union (name or alias list) apart."""
    messages: dict[str, list[str]] = {}
    for item in error.errors():
        path = ".".join(str(part) for part in item["loc"]
                        if isinstance(part, int) or not _UNION_BRANCH.fullmatch(part)) or "document"
        if item["msg"] not in messages.setdefault(path, []):
            messages[path].append(item["msg"])
    return [f"{path}: {' or '.join(found)}" for path, found in messages.items()]


def _entity_problems(entities: list[GoldEntity], text: str) -> list[str]:
    problems = []
    for i, entity in enumerate(entities):
        where = f"entities.{i}"
        if entity.label not in SCORED_LABELS:
            problems.append(f"{where}: label {entity.label!r} is not one of {', '.join(SCORED_LABELS)}")
        if not entity.start < entity.end <= len(text):
            problems.append(f"{where}: span {entity.start}-{entity.end} is outside the text "
                            f"of {len(text)} characters or empty")
        elif text[entity.start:entity.end] != entity.text:
            problems.append(f"{where}: text {entity.text!r} differs from the text at "
                            f"{entity.start}-{entity.end}: {text[entity.start:entity.end]!r}")
        if entity.label == "DATE":
            if entity.norm is None or not is_iso_date(entity.norm):
                problems.append(f"{where}: DATE norm {entity.norm!r} is not an ISO date or range")
        elif entity.label == "MONEY":
            if entity.norm is None or not is_money_norm(entity.norm):
                problems.append(f"{where}: MONEY norm {entity.norm!r} is not '<value> <ISO 4217 code>'")
    ordered = sorted(range(len(entities)), key=lambda i: (entities[i].start, entities[i].end))
    for a, b in zip(ordered, ordered[1:]):
        if entities[b].start < entities[a].end:
            problems.append(f"entities.{a} and entities.{b}: spans {entities[a].start}-{entities[a].end} "
                            f"and {entities[b].start}-{entities[b].end} overlap")
    return problems


def _membership_problems(memberships: list[GoldMembership]) -> list[str]:
    problems: list[str] = []
    for i, record in enumerate(memberships):
        problems.extend(f"memberships.{i}.date: {d!r} is not an ISO date" for d in _dates(record.date)
                        if not is_iso_date(d))
    for i, a in enumerate(memberships):
        for j in range(i + 1, len(memberships)):
            b = memberships[j]
            if aliases(a.member) & aliases(b.member) and aliases(a.network) & aliases(b.network):
                problems.append(f"memberships.{i} and memberships.{j}: same member and network "
                                "(a prediction could match both)")
    return problems


def _project_problems(projects: list[GoldProject]) -> list[str]:
    problems: list[str] = []
    for i, project in enumerate(projects):
        for key in ("start", "end"):
            problems.extend(f"projects.{i}.{key}: {d!r} is not an ISO date"
                            for d in _dates(getattr(project, key)) if not is_iso_date(d))
        parts = project.participants
        for a in range(len(parts)):
            for b in range(a + 1, len(parts)):
                if parts[a].role == parts[b].role and aliases(parts[a].name) & aliases(parts[b].name):
                    problems.append(f"projects.{i}.participants.{a} and .{b}: same participant and role")
        for j in range(i + 1, len(projects)):
            if aliases(project.name) & aliases(projects[j].name):
                problems.append(f"projects.{i} and projects.{j}: share a name")
    return problems


def check_gold_dir(path: str | Path) -> list[str]:
    """Every problem of a gold folder, one line each, prefixed with the file it is in."""
    folder = Path(path)
    if not folder.is_dir():
        return [f"{folder}: not a folder"]
    problems = []
    annotations = gold_files(folder)
    texts = {p.relative_to(folder).with_suffix("").as_posix(): p for p in sorted(folder.rglob("*.txt"))}
    if not annotations:
        problems.append(f"{folder}: no .json gold files")
    for doc_id in sorted(set(texts) - set(annotations)):
        problems.append(f"{texts[doc_id]}: no {doc_id}.json beside it")
    for doc_id, json_path in annotations.items():
        if doc_id not in texts:
            problems.append(f"{json_path}: no {doc_id}.txt beside it")
            continue
        text_bytes = texts[doc_id].read_bytes()
        try:
            text = text_bytes.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(f"{texts[doc_id]}: not UTF-8 ({error.reason} at byte {error.start})")
            continue
        try:
            data = json.loads(json_path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            problems.append(f"{json_path}: not valid JSON ({error})")
            continue
        problems.extend(f"{json_path}: {line}" for line in check_document(doc_id, data, text, text_bytes))
    return problems


def load_gold_dir(path: str | Path) -> tuple[dict[str, dict], dict[str, str]]:
    """(doc_id → annotation, doc_id → text) of a gold folder; run `check_gold_dir` first."""
    folder = Path(path)
    documents, texts = {}, {}
    for doc_id, json_path in gold_files(folder).items():
        documents[doc_id] = json.loads(json_path.read_text(encoding="utf-8"))
        texts[doc_id] = json_path.with_suffix(".txt").read_bytes().decode("utf-8")
    return documents, texts


def write_gold_document(folder: Path, document: dict, text: str) -> None:
    """Writes `<doc_id>.txt` (the text, byte for byte) and `<doc_id>.json` into a gold folder."""
    json_path = contained_path(folder, f"{document['doc_id']}.json")
    json_path.parent.mkdir(parents=True, exist_ok=True)
    with json_path.with_suffix(".txt").open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    json_path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def records_of(document: dict) -> dict:
    """The part of a document an annotation tool can't hold: `published` and the records."""
    return {"published": document.get("published"), "memberships": document.get("memberships") or [],
            "projects": document.get("projects") or []}


def make_gold_document(doc_id: str, text: str, entities: list[dict], records: dict) -> dict:
    """A SPEC §4 gold document from entity spans and the records side data."""
    ordered = sorted(entities, key=lambda e: (e["start"], e["end"], e["label"]))
    return {
        "doc_id": doc_id,
        "source": f"{doc_id}.txt",
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "published": records.get("published"),
        "entities": [gold_entity(text, e["start"], e["end"], e["label"], e.get("norm")) for e in ordered],
        "memberships": records.get("memberships") or [],
        "projects": records.get("projects") or [],
    }


def scored_entities(document: dict) -> list[dict]:
    """The entities a gold document can hold, those of the scored labels (SPEC §4): the
    pipeline's LOC and MISC spans are not exported for annotation, so that an unedited
    export imports back as valid gold."""
    return [e for e in document.get("entities") or [] if e.get("label") in SCORED_LABELS]


def gold_entity(text: str, start: int, end: int, label: str, norm: str | None) -> dict:
    entity = {"start": start, "end": end, "label": label, "text": text[start:end]}
    if norm is not None:
        entity["norm"] = norm
    return entity
