"""Alias table of organisations, networks and funding programmes of the field.

resources/organisations.csv holds one row per organisation: `org_id`, `canonical` (the form
Italian press releases use: the acronym when the body goes by it, ECCAR, ICMPD, else the
Italian name, Commissione europea), `type`, `acronyms`, `names_it`, `names_en`, `aliases`
(`|`-separated) and `wikidata` (a QID only where it is known for certain).

Lookup compares names after SPEC §5's normalisation, so case, accents and punctuation do
not matter, and a leading Italian article ("l'", "la", "il") is dropped. The tagger matches
acronyms case-sensitively on its own; see itnet/nlp/names_tagger.py.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal

from itnet.gazetteers.keys import name_key

OrgType = Literal[
    "network",
    "intergovernmental",
    "eu_institution",
    "funding_programme",
    "ngo",
    "municipal_association",
    "public_body",
    "agency",
    "university",
]
ORG_TYPES: frozenset[str] = frozenset(OrgType.__args__)  # type: ignore[attr-defined]
# Types of the bodies others join: records name them as networks.
NETWORK_TYPES = frozenset({"network", "municipal_association"})

_TABLE = files("itnet.gazetteers") / "resources" / "organisations.csv"
_LEADING_ARTICLE = re.compile(
    r"^(?:(?:l|dell|all|dall|nell|sull|un)['’]\s*|(?:il|lo|la|i|gli|le|the|del|della|dello|dei|degli|delle)\s+)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class OrgMatch:
    org_id: str
    canonical: str
    org_type: str
    acronyms: tuple[str, ...]
    names: tuple[str, ...]
    wikidata_id: str | None = None

    @property
    def entity_id(self) -> str:
        return f"org:{self.org_id}"


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


@cache
def organisations() -> tuple[OrgMatch, ...]:
    """Every row of the alias table, in file order."""
    # typeshed's Traversable.open lacks `newline`; the runtime one passes it to TextIOWrapper
    with _TABLE.open(encoding="utf-8", newline="") as handle:  # type: ignore[call-overload]
        rows = list(csv.DictReader(handle))
    table = []
    for row in rows:
        if row["type"] not in ORG_TYPES:
            raise ValueError(f"organisations.csv: {row['org_id']}: unknown type {row['type']!r}")
        names = _split(row["names_it"]) + _split(row["names_en"]) + _split(row["aliases"])
        table.append(
            OrgMatch(
                org_id=row["org_id"],
                canonical=row["canonical"],
                org_type=row["type"],
                acronyms=_split(row["acronyms"]),
                names=tuple(dict.fromkeys((row["canonical"], *names))),
                wikidata_id=row["wikidata"] or None,
            )
        )
    return tuple(table)


@cache
def _by_key() -> dict[str, OrgMatch]:
    index: dict[str, OrgMatch] = {}
    for org in organisations():
        for name in (*org.acronyms, *org.names):
            key = name_key(name)
            existing = index.setdefault(key, org)
            if existing is not org:
                raise ValueError(f"organisations.csv: {name!r} names both {existing.org_id} and {org.org_id}")
    return index


@cache
def _by_compact_key() -> dict[str, OrgMatch]:
    # Names with their spaces gone still match: "EuropeanCoalition of Cities AgainstRacism".
    return {key.replace(" ", ""): org for key, org in _by_key().items()}


def strip_article(name: str) -> str:
    """'l'ECCAR' -> 'ECCAR', 'la Commissione europea' -> 'Commissione europea'."""
    return _LEADING_ARTICLE.sub("", name.strip(), count=1)


def lookup_org(name: str) -> OrgMatch | None:
    """The organisation `name` (an acronym, an Italian or English name) denotes, or None."""
    index = _by_key()
    key = name_key(strip_article(name))
    return (
        index.get(name_key(name))
        or index.get(key)
        or _by_compact_key().get(key.replace(" ", ""))
    )
