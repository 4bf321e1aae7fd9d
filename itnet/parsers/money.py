"""Amounts of money → `<value> <ISO 4217>` (SPEC §2 MONEY norm).

No maintained library reads Italian amounts ("1.200,50 euro", "2,5 milioni di euro",
"500mila euro") into a number and a currency, so the grammar is here; currency words,
multipliers and number words come from itnet.lexicon, and spelled-out numbers
("quindicimila") are read by text2num.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache

from text_to_num import text2num

from itnet.lexicon import currencies, slots


@cache
def _amount() -> re.Pattern[str]:
    s = slots()
    amount = (
        rf"(?:(?P<fraction>{s['FRACTION_WORD']})\s*|(?P<number>{s['NUMBER']})\s*|(?P<words>{s['NUMBER_WORD']})\s*)"
        rf"(?:(?P<multiplier>{s['MULTIPLIER']})(?:\s+e\s+(?:(?P<half>{s['FRACTION_WORD']})"
        rf"|(?:(?P<rest_number>{s['NUMBER']})|(?P<rest_words>{s['NUMBER_WORD']}))\s*(?P<rest_multiplier>{s['MULTIPLIER']})?))?)?"
    )
    return re.compile(
        rf"(?:(?P<before>{s['CURRENCY']})\.?\s*)?{amount}\s*(?:(?:di|d')\s*)?(?P<after>{s['CURRENCY']})?",
        re.I,
    )


def _number(text: str) -> Decimal:
    """An Italian-written number: "1.200,50", "40.000", "1 500", "2,5", "2.5"."""
    compact = re.sub(r"[\s'’]", "", text)
    if "," in compact:
        compact = compact.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", compact):
        compact = compact.replace(".", "")  # a dot before three digits groups thousands
    return Decimal(compact)


def _value(match: re.Match[str]) -> Decimal | None:
    money = currencies()
    if match["number"]:
        value = _number(match["number"])
    elif match["fraction"]:
        value = Decimal(str(money.fraction_words[match["fraction"].lower()]))
    else:
        try:
            value = Decimal(text2num(match["words"].lower(), "it"))
        except ValueError:
            return None
    if match["multiplier"]:
        multiplier = Decimal(money.multipliers[match["multiplier"].lower().rstrip(".")])
        half = Decimal(str(money.fraction_words[match["half"].lower()])) if match["half"] else 0
        value = (value + half) * multiplier + _rest(match)
    elif match["fraction"]:
        return None  # "mezzo" alone is no amount
    return value


def _rest(match: re.Match[str]) -> Decimal:
    """The part after "e" in "1 milione e 300mila", "un milione e duecentomila"."""
    if match["rest_number"]:
        rest = _number(match["rest_number"])
    elif match["rest_words"]:
        rest = Decimal(text2num(match["rest_words"].lower(), "it"))
    else:
        return Decimal(0)
    if match["rest_multiplier"]:
        rest *= Decimal(currencies().multipliers[match["rest_multiplier"].lower().rstrip(".")])
    return rest


def format_value(value: Decimal) -> str:
    """A plain decimal without exponent or trailing zeros: 2500000, 1200.5."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_money(text: str) -> str | None:
    """The SPEC §2 MONEY norm of a MONEY span's text ("1 500 EURO" → "1500 EUR"), or None
    when the text is not one amount with a currency. Never raises."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    cleaned = " ".join(text.split()).strip(" ,;:()[]")
    cleaned = cleaned.removesuffix(".") if not cleaned.lower().endswith(("mln.", "mld.", "mrd.", "mio.")) else cleaned
    match = _amount().fullmatch(cleaned)
    if match is None or bool(match["before"]) == bool(match["after"]):
        return None
    code = currencies().code(match["before"] or match["after"])
    if code is None:
        return None
    try:
        value = _value(match)
    except (InvalidOperation, KeyError, ValueError):
        return None
    return None if value is None else f"{format_value(value)} {code}"


def format_money(norm: str) -> str | None:
    """An Italian phrase for a MONEY norm ("1200.5 EUR" → "1.200,5 euro"), or None."""
    match = re.fullmatch(r"(\d+)(?:\.(\d+))?\s+([A-Z]{3})", norm)
    if match is None:
        return None
    whole = f"{int(match[1]):,}".replace(",", ".")
    number = whole + (f",{match[2]}" if match[2] else "")
    return f"{number} euro" if match[3] == "EUR" else f"{match[3]} {number}"
