"""The one lookup key for names: SPEC §5's name equality (accents, case, punctuation ignored)."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """NFKD with accents stripped, casefolded, punctuation to spaces, whitespace collapsed."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    if name.isalpha():
        # Fast path for single plain words, the bulk of the gazetteers' names.
        return name.casefold()
    return _NON_WORD.sub(" ", name.casefold()).strip()
