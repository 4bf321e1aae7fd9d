"""itnet/export.py: records.json merged across documents, and the tables' data dictionary."""

from __future__ import annotations

from pathlib import Path

from itnet.export import TABLES, data_dictionary, merge_records
from itnet.schema import Membership, Span


def membership(status: str, date: str | None, start: int, role: str = "member") -> Membership:
    return Membership(member="Bari", member_mention="Bari", member_kind="city", network="Cittaslow",
                      network_mention="Cittaslow", status=status, role=role, date=date,
                      evidence=Span(start=start, end=start + 40), rule=f"rule-{status}")


def test_an_acceptance_after_a_candidacy_is_the_merged_record():
    records = merge_records([("gennaio", membership("candidate", "2024-01-10", 0)),
                             ("marzo", membership("member", "2024-03-03", 120))], [])
    [merged] = records.memberships
    assert (merged.status, merged.date, merged.rule) == ("member", "2024-03-03", "rule-member")
    assert (merged.evidence.start, merged.evidence_doc_id, merged.doc_ids) == (120, "marzo", ["gennaio", "marzo"])


def test_a_candidacy_after_an_acceptance_changes_nothing_but_the_documents():
    records = merge_records([("marzo", membership("member", "2024-03-03", 120)),
                             ("aprile", membership("candidate", "2024-04-01", 0))], [])
    [merged] = records.memberships
    assert (merged.status, merged.date, merged.evidence_doc_id, merged.doc_ids) == ("member", "2024-03-03", "marzo", ["marzo", "aprile"])


def test_the_role_that_says_most_is_kept():
    records = merge_records([("a", membership("member", None, 0, role="coordinator")),
                             ("b", membership("member", None, 0, role="board"))], [])
    assert records.memberships[0].role == "coordinator"


def test_a_missing_date_is_taken_from_a_later_statement_of_the_same_status():
    records = merge_records([("a", membership("member", None, 0)), ("b", membership("member", "2023", 0))], [])
    assert records.memberships[0].date == "2023"


def test_the_committed_data_dictionary_is_the_generated_one():
    committed = Path(__file__).resolve().parents[1] / "docs" / "tables.md"
    assert committed.read_text(encoding="utf-8") == data_dictionary() + "\n", "run: python -m itnet schema --tables > docs/tables.md"


def test_every_column_of_every_table_has_a_type_and_a_meaning():
    rows = [line.split(" | ") for line in data_dictionary().splitlines() if line.startswith("| `")]
    assert len(rows) == sum(len(columns) for columns in TABLES.values())
    assert all(row[1].strip() and row[2].strip() for row in rows)
