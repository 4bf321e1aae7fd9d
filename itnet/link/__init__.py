"""Stage 4, link: membership and project records (SPEC §3) from normalised mentions.

Records are read sentence by sentence. A phrasing from `resources/link_rules.yaml`
(a trigger: "è entrata a far parte", "intende aderire", "capofila", "finanziato da") anchors
each record; the member is the nearest candidate before the trigger (else the first after
it), the network the first network after it together with any networks listed alongside,
and a project participant takes the role its nearest trigger names. A document's records
on the same pair are merged into one.
"""

from __future__ import annotations

from itnet.gazetteers.keys import name_key
from itnet.gazetteers.organisations import NETWORK_TYPES, lookup_org
from itnet.link.context import DocumentContext, LinkRules, load_rules
from itnet.link.member_lists import read_member_lists
from itnet.link.memberships import read_memberships
from itnet.link.projects import read_projects
from itnet.mentions import AnnotatedDocument
from itnet.schema import Membership, Project

__all__ = ["LinkRules", "link", "load_rules"]


def link(doc: AnnotatedDocument, rules: LinkRules | None = None) -> tuple[list[Membership], list[Project]]:
    context = DocumentContext(doc, rules or load_rules())
    memberships = merge_memberships(read_memberships(context), read_member_lists(context))
    projects = read_projects(context)
    memberships = [m for m in memberships if not _partners_in_one_project(m, projects)]
    _set_record_ids(memberships, projects)
    return memberships, projects


def _partners_in_one_project(membership: Membership, projects: list[Project]) -> bool:
    """"Il capofila è il Consorzio dei Comuni Trentini; partecipano i Comuni di Arco e Riva del
    Garda": a member and a network that are both parties to one project are its partnership,
    no membership; who coordinates or sits on the network's board is said of the network itself."""
    return membership.role == "member" and any(
        {membership.member, membership.network} <= {p.name for p in project.participants} for project in projects)


def record_key(entity_id: str | None, name: str, scheme: str = "name") -> str:
    """A record's stable key: its canonical id, else its name's key ("name:citta_sane")."""
    return entity_id or f"{scheme}:" + name_key(name).replace(" ", "_")


def _set_record_ids(memberships: list[Membership], projects: list[Project]) -> None:
    """Ids derived from canonical ids and names, never from run order: the same statement in
    any run, any document, has the same id (the database sinks' primary keys)."""
    for membership in memberships:
        membership.membership_id = f"{record_key(membership.member_id, membership.member)}>{record_key(membership.network_id, membership.network)}"
    for project in projects:
        project.project_id = record_key(project.project_id, project.name, scheme="project")
        for participant in project.participants:
            participant.participant_id = record_key(participant.participant_id, participant.name)


def merge_memberships(from_triggers: list[Membership], from_lists: list[Membership]) -> list[Membership]:
    """One record per (member, network): the trigger reader's, which reads a single member
    more closely, else the list reader's. Networks take the alias table's canonical name,
    so both readers' records on one network meet."""
    merged: dict[tuple[str, str], Membership] = {}
    # one mention of a member is one member, whatever name each reader gave it
    # ("Genova" and "Città metropolitana di Genova" for "La Città metropolitana di Genova")
    by_span: dict[tuple[int, str], Membership] = {}
    for record in [*from_triggers, *from_lists]:
        org = lookup_org(record.network_mention) or lookup_org(record.network)
        if org is not None and org.org_type in NETWORK_TYPES:
            record.network, record.network_id = org.canonical, org.entity_id
        network_key = record.network_id or name_key(record.network)
        key = (record.member_id or name_key(record.member), network_key)
        span_key = (record.member_span.start if record.member_span else -1, network_key)
        if key in merged or (span_key[0] >= 0 and span_key in by_span):
            continue
        merged[key] = by_span[span_key] = record
    return list(merged.values())
