"""MONEY norms (`<value> <ISO 4217>`, SPEC §2) of Italian amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itnet.parsers.money import format_money, parse_money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 500 EURO", "1500 EUR"),
        ("1\u00a0500 euro", "1500 EUR"),
        ("€ 40.000", "40000 EUR"),
        ("€40.000", "40000 EUR"),
        ("40.000 €", "40000 EUR"),
        ("1.200,50 euro", "1200.5 EUR"),
        ("euro 1.500,00", "1500 EUR"),
        ("Euro 250.000,00", "250000 EUR"),
        ("2,5 milioni di euro", "2500000 EUR"),
        ("2.5 milioni di euro", "2500000 EUR"),
        ("1,2 mln di euro", "1200000 EUR"),
        ("1,2 mln €", "1200000 EUR"),
        ("500mila euro", "500000 EUR"),
        ("100 mila euro", "100000 EUR"),
        ("quindicimila euro", "15000 EUR"),
        ("cinquecento euro", "500 EUR"),
        ("un milione di euro", "1000000 EUR"),
        ("due milioni e mezzo di euro", "2500000 EUR"),
        ("mezzo milione di euro", "500000 EUR"),
        ("1,5 miliardi di euro", "1500000000 EUR"),
        ("1.500.000 €", "1500000 EUR"),
        ("CHF 3.000", "3000 CHF"),
        ("3.000 franchi svizzeri", "3000 CHF"),
        ("USD 1,5 milioni", "1500000 USD"),
        ("$ 200", "200 USD"),
        ("US$ 200", "200 USD"),
        ("200 dollari", "200 USD"),
        ("£ 50", "50 GBP"),
        ("50 sterline", "50 GBP"),
        ("10.000 zloty", "10000 PLN"),
        ("EUR 12.345,67", "12345.67 EUR"),
        ("€.3.500,00", "3500 EUR"),
        ("€.150,00", "150 EUR"),
        ("€ 1.513.540, 00", "1513540 EUR"),
        ("1 milione e 300mila euro", "1300000 EUR"),
        ("2 milioni e 450 mila euro", "2450000 EUR"),
        ("un milione e duecentomila euro", "1200000 EUR"),
    ],
)
def test_parse_money(text: str, expected: str) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "1,2 mln", "40.000", "134 membri", "euro", "mezzo euro", "10 lei", "2 partner europei", "Euro 2024 a Roma"],
)
def test_parse_money_rejects_amounts_without_currency_or_non_amounts(text: str) -> None:
    assert parse_money(text) is None


@given(st.text(max_size=80))
def test_parse_money_never_raises(text: str) -> None:
    assert parse_money(text) is None or isinstance(parse_money(text), str)


_CODES = st.sampled_from(["EUR", "USD", "CHF", "GBP", "PLN"])
_VALUES = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@given(_VALUES, _CODES)
def test_format_then_parse_gives_the_norm_back(value: Decimal, code: str) -> None:
    plain = format(value.normalize(), "f")
    plain = plain.rstrip("0").rstrip(".") if "." in plain else plain
    norm = f"{plain} {code}"
    assert parse_money(format_money(norm) or "") == norm


_PIECES = st.sampled_from(
    ["1", "500", "1.200,50", "2,5", "40.000", "mila", "milioni", "di", "euro", "€", "EURO", "CHF", "$", "mln",
     "quindicimila", "e", "mezzo"]
)


@given(st.lists(_PIECES, min_size=1, max_size=5).map(" ".join))
def test_parsed_amounts_are_stable_when_written_back(text: str) -> None:
    norm = parse_money(text)
    if norm is not None:
        assert parse_money(format_money(norm) or "") == norm
