"""The record schema (shared/SPEC.md §1–§3): pydantic models every export derives from.

Fields SPEC names come first in each model, in SPEC's order; the rest are the extras SPEC
allows (ids, evidence offsets) and are optional so that a gold file validates too.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCORED_LABELS: tuple[str, ...] = ("CITY", "COUNTRY", "ORG", "PERSON", "PROJECT", "DATE", "MONEY")
HEADLINE_LABELS: tuple[str, ...] = ("CITY", "ORG", "DATE", "MONEY")

MemberKind = Literal["city", "metro_city", "region", "org"]
MembershipRole = Literal["member", "coordinator", "board"]
MembershipStatus = Literal["member", "candidate"]
# What a role says and how far a status has gone, where two statements of one membership meet.
ROLE_PRIORITY: dict[str, int] = {"member": 0, "board": 1, "coordinator": 2}
STATUS_PRIORITY: dict[str, int] = {"candidate": 0, "member": 1}
ParticipantRole = Literal["lead", "funder", "participant"]
ParticipantKind = Literal["city", "org"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow")


class Span(_Record):
    """Character offsets into the original text (end exclusive)."""

    start: int
    end: int


class Entity(_Record):
    start: int
    end: int
    label: str
    text: str
    norm: str | None = None
    canonical: str | None = Field(None, description="canonical name of the place or organisation")
    entity_id: str | None = Field(None, description="stable id: geonames:…, istat:…, org:…, country:…")
    geonames_id: int | None = None
    istat_code: str | None = None
    country_code: str | None = None
    wikidata_id: str | None = None
    source: str | None = Field(None, description="which component found it: ner, rules, gazetteer")


class Membership(_Record):
    member: str
    member_mention: str
    member_kind: MemberKind
    network: str
    network_mention: str
    role: MembershipRole = "member"
    status: MembershipStatus = "member"
    date: str | None = None
    member_id: str | None = None
    network_id: str | None = None
    evidence: Span | None = Field(None, description="the sentence stating the record")
    member_span: Span | None = None
    network_span: Span | None = None
    rule: str | None = Field(None, description="the rule that produced the record: reader and cue ids")


class Participant(_Record):
    name: str
    role: ParticipantRole
    kind: ParticipantKind
    mention: str | None = None
    participant_id: str | None = None
    span: Span | None = None
    evidence: Span | None = None


class Project(_Record):
    name: str
    mention: str
    start: str | None = None
    end: str | None = None
    participants: list[Participant] = Field(default_factory=list)
    project_id: str | None = None
    budget: str | None = Field(None, description="normalised MONEY stated as the project's budget")
    evidence: Span | None = None


class Document(_Record):
    doc_id: str
    source: str
    text_sha256: str
    published: str | None = None
    entities: list[Entity] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)


class DocumentStatus(BaseModel):
    """One row of documents.csv: every input gets one, whether it was processed or not."""

    doc_id: str
    source: str
    status: Literal["ok", "error", "skipped"]
    error: str | None = None
    encoding: str | None = None
    chars: int = 0
    entities: int = 0
    memberships: int = 0
    projects: int = 0
    model: str | None = None
    text_sha256: str | None = None


class MergedMembership(Membership):
    """A membership deduplicated across documents (records.json): status, role, date, rule and
    evidence are those of the document that states the furthest status (a candidacy, then the
    acceptance), the evidence offsets indexing `evidence_doc_id`."""

    doc_ids: list[str] = Field(default_factory=list)
    evidence_doc_id: str | None = Field(None, description="the document the evidence offsets index")


class MergedProject(Project):
    doc_ids: list[str] = Field(default_factory=list)
    evidence_doc_id: str | None = Field(None, description="the document the evidence offsets index")


class Records(BaseModel):
    memberships: list[MergedMembership] = Field(default_factory=list)
    projects: list[MergedProject] = Field(default_factory=list)
