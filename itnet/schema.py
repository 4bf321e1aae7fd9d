"""The record schema (shared/SPEC.md §1–§3): pydantic models every export derives from.

Fields SPEC names come first in each model, in SPEC's order; the rest are the extras SPEC
allows (ids, evidence offsets) and are optional so that a gold file validates too.
"""

from __future__ import annotations

from typing import Any, Literal

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


def _field(description: str, example: object = None, default: object = None, **options: Any) -> Any:
    """A field with its meaning and an example, which the data dictionary (`schema --tables`) prints."""
    return Field(default, description=description, examples=None if example is None else [example], **options)


class Entity(_Record):
    start: int = _field("first character of the entity in the original text", 54, ...)
    end: int = _field("character after its last (end exclusive)", 60, ...)
    label: str = _field("CITY, COUNTRY, ORG, PERSON, PROJECT, DATE, MONEY (scored), or LOC, MISC", "CITY", ...)
    text: str = _field("the entity as written", "Torino", ...)
    norm: str | None = _field("DATE as ISO 8601 at the precision stated, MONEY as the amount and its ISO 4217 code", "2024-09-25")
    canonical: str | None = _field("canonical name of the place or organisation", "Torino")
    entity_id: str | None = _field("stable id: geonames:…, istat:…, org:…, country:…", "istat:001272")
    geonames_id: int | None = _field("GeoNames id of a place", 3165524)
    istat_code: str | None = _field("ISTAT code of an Italian comune, six digits with leading zeros", "001272")
    country_code: str | None = _field("ISO 3166-1 alpha-2 code of the place's country", "IT")
    wikidata_id: str | None = _field("Wikidata item of an organisation", "Q1780")
    source: str | None = _field("which component found it: model, rules, gazetteer", "model")


class Membership(_Record):
    member: str = _field("canonical name of the member", "Kraków", ...)
    member_mention: str = _field("the member as written", "Cracovia", ...)
    member_kind: MemberKind = _field("city, metro_city (also provinces), region or org", "city", ...)
    network: str = _field("canonical name of the network", "ECCAR", ...)
    network_mention: str = _field("the network as written", "Coalizione Europea delle Città contro il Razzismo", ...)
    role: MembershipRole = _field("member, board (steering body, presidency) or coordinator", "member", "member")
    status: MembershipStatus = _field("member, or candidate (intends, applied, not yet accepted)", "member", "member")
    date: str | None = _field("ISO date of the event that made it so (acceptance, joining, election)", "2024-09-25")
    membership_id: str | None = _field("stable id: the member's key, '>', the network's key", "geonames:3094802>org:eccar")
    member_id: str | None = _field("the member's entity_id", "geonames:3094802")
    network_id: str | None = _field("the network's entity_id", "org:eccar")
    evidence: Span | None = _field("the sentence stating the record (offsets into the original text)")
    evidence_text: str | None = _field("that sentence", "Cracovia è entrata a far parte della Coalizione …")
    member_span: Span | None = _field("where the member is named")
    network_span: Span | None = _field("where the network is named")
    rule: str | None = _field("the rule that produced the record: reader and cue ids", "member_lists:entrare+accogliere")


class Participant(_Record):
    name: str = _field("canonical name of the participant", "Eurocities", ...)
    role: ParticipantRole = _field("lead, funder or participant", "lead", ...)
    kind: ParticipantKind = _field("city (comuni, metropolitan cities) or org", "org", ...)
    mention: str | None = _field("the participant as written", "EUROCITIES")
    participant_id: str | None = _field("stable id: the participant's entity_id, else its name's key", "org:eurocities")
    span: Span | None = _field("where the participant is named")
    evidence: Span | None = _field("the sentence stating its role")
    evidence_text: str | None = _field("that sentence", "Il progetto … coordinato da EUROCITIES in qualità di capofila …")
    rule: str | None = _field("the rule that gave the role: reader and phrasing ids", "phrasing:lead.1")


class Project(_Record):
    name: str = _field("the project's name (its acronym where it has one)", "CONNECTION", ...)
    mention: str = _field("the project as written (its long form where given)", "CONNECTION – CONNEcting Cities Towards Integration actiON", ...)
    start: str | None = _field("ISO date the project started", "2019-01")
    end: str | None = _field("ISO date the project ended or ends", "2021-12")
    participants: list[Participant] = Field(default_factory=list, description="lead, funders and participants")
    project_id: str | None = _field("stable id of the project, from its name", "project:connection")
    budget: str | None = _field("normalised MONEY stated as the project's budget", "2100000 EUR")
    evidence: Span | None = _field("the sentence that first names the project")


class Document(_Record):
    doc_id: str = _field("the input's path below the folder given, without its suffix", "000_123e5b2427736671", ...)
    source: str = _field("the input file as given on the command line", "seeds/000_123e5b2427736671.txt", ...)
    text_sha256: str = _field("SHA-256 of the decoded text", "3c0c45a5…", ...)
    published: str | None = _field("the document's own date (dateline, 'Pubblicato il', its URL)", "2024-10-03")
    entities: list[Entity] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    text: str | None = Field(None, description="the text the offsets index (for HTML, the text extracted from it)")


class DocumentStatus(BaseModel):
    """One row of documents.csv: every input gets one, whether it was processed or not."""

    doc_id: str = _field("the input's path below the folder given, without its suffix", "000_123e5b2427736671", ...)
    source: str = _field("the input file as given on the command line", "seeds/000_123e5b2427736671.txt", ...)
    status: Literal["ok", "error", "skipped"] = _field("ok, error (see error) or skipped", "ok", ...)
    error: str | None = _field("the one-line numbered error of a document that failed", "[E004] empty document: no text after cleaning")
    encoding: str | None = _field("how the file was decoded, with any bytes replaced", "utf-8")
    chars: int = _field("characters of the decoded text", 4310, 0)
    entities: int = _field("entities found", 38, 0)
    memberships: int = _field("membership records", 3, 0)
    projects: int = _field("project records", 1, 0)
    model: str | None = _field("the models that processed it", "it_kind_ner-4.0.0+it_syntax-1.0.0")
    text_sha256: str | None = _field("SHA-256 of the decoded text", "3c0c45a5…")


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
