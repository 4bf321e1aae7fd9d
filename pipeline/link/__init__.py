"""Stage 4, link: membership and project records (SPEC §3) from normalised mentions.

Records are read sentence by sentence. A phrasing from `resources/link_rules.yaml`
(a trigger: "è entrata a far parte", "intende aderire", "capofila", "finanziato da") anchors
each record; the member is the nearest candidate before the trigger (else the first after
it), the network the first network after it together with any networks listed alongside,
and a project participant takes the role its nearest trigger names. A document's records
on the same pair are merged into one.
"""

from __future__ import annotations

from pipeline.link.context import DocumentContext, LinkRules, load_rules
from pipeline.link.memberships import read_memberships
from pipeline.link.projects import read_projects
from pipeline.mentions import AnnotatedDocument
from pipeline.schema import Membership, Project

__all__ = ["LinkRules", "link", "load_rules"]


def link(doc: AnnotatedDocument, rules: LinkRules | None = None) -> tuple[list[Membership], list[Project]]:
    context = DocumentContext(doc, rules or load_rules())
    return read_memberships(context), read_projects(context)
