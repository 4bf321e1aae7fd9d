"""The one lookup key for names: SPEC §5's name equality (accents, case, punctuation ignored).

Gazetteers, the exporter's merging and the scorer all compare names with it.
"""

from __future__ import annotations

import unicodedata


class _KeyCharacters(dict[int, str | None]):
    """The str.translate table of name_key, filled as characters are first seen: combining
    marks (Mn) dropped, punctuation (P*) to a space, anything else kept. One translate call
    replaces a Python loop over the characters, at the gazetteers' load and at every lookup."""

    def __missing__(self, code_point: int) -> str | None:
        character = chr(code_point)
        category = unicodedata.category(character)
        kept = None if category == "Mn" else " " if category.startswith("P") else character
        self[code_point] = kept
        return kept


_KEY_CHARACTERS = _KeyCharacters()


def name_key(name: str) -> str:
    """NFKD with accents stripped, casefolded, punctuation to spaces, whitespace collapsed."""
    if name.isalpha() and name.isascii():
        # Fast path for single plain words, the bulk of the gazetteers' names.
        return name.casefold()
    return " ".join(unicodedata.normalize("NFKD", name).translate(_KEY_CHARACTERS).casefold().split())
