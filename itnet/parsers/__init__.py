"""Italian dates and amounts → the SPEC's norms (§2): ISO 8601 at the stated precision and
`<value> <ISO 4217>`. Not a stage: the nlp stage reads each DATE and MONEY norm with them,
once (it_dates_money), and nothing later parses a date or an amount again."""

from __future__ import annotations

from itnet.parsers.dates import parse_date
from itnet.parsers.money import parse_money

NORMED_LABELS = frozenset({"DATE", "MONEY"})


def parse_norm(label: str, text: str, anchor: str | None) -> str | None:
    """The norm of a DATE (relative dates resolved against `anchor`, an ISO date) or MONEY
    text; None for other labels and where the text reads as no date or amount."""
    if label == "DATE":
        return parse_date(text, anchor)
    if label == "MONEY":
        return parse_money(text)
    return None
