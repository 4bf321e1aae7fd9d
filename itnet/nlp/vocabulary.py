"""Word lists and word shapes more than one component reads (resources/generic_bodies.yaml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

GENERIC_BODIES = Path(__file__).parent / "resources" / "generic_bodies.yaml"
# The words that join the last item of a list ("Scienze, Progetto e Politiche", "Politecnico di
# Milano e UniBo").
LIST_CONJUNCTIONS = frozenset({"e", "ed", "and", "&"})


@cache
def _generic_bodies() -> dict[str, frozenset[str]]:
    with open(GENERIC_BODIES, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return {"heads": frozenset(raw["heads"]), "words": frozenset(raw["heads"]) | frozenset(raw["words"])}


def is_generic_body(words: list[str]) -> bool:
    """Lower-cased words of a name: a generic head ("comitato") then only generic words."""
    lists = _generic_bodies()
    return bool(words) and words[0] in lists["heads"] and set(words) <= lists["words"]


def is_province_code(text: str) -> bool:
    """"Si", "FI": the two-letter car-plate code Italian lists put in brackets after a town."""
    return len(text) == 2 and text.isalpha() and text[0].isupper()


def is_acronym(word: str) -> bool:
    """MC2CM, URBACT, CONNECTION, "ANCI": one word whose letters are mostly capitals, at least
    two of them. Mixed-case short forms ("UpM", "ReCoSol") are not: the names tagger's
    bracket rule, which must take them, asks only for two capitals (`names_tagger`)."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and " " not in word and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
