"""The one lookup key for names: SPEC §5's name equality (accents, case, punctuation ignored).

Gazetteers, the exporter's merging and the scorer all compare names with it.
"""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """NFKD with accents stripped, casefolded, punctuation to spaces, whitespace collapsed."""
    if name.isalpha() and name.isascii():
        # Fast path for single plain words, the bulk of the gazetteers' names.
        return name.casefold()
    chars = []
    for char in unicodedata.normalize("NFKD", name):
        category = unicodedata.category(char)
        if category == "Mn":
            continue
        chars.append(" " if category.startswith("P") else char)
    return " ".join("".join(chars).casefold().split())
