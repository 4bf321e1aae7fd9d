"""Word shapes several components share (itnet/nlp/vocabulary.py)."""

from __future__ import annotations

import pytest

from itnet.nlp.vocabulary import is_acronym


@pytest.mark.parametrize(("word", "expected"), [
    ("MC2CM", True), ("URBACT", True), ("ANCI", True), ("ReCoSol", False), ("UpM", False),
    ("Torino", False), ("A", False), ("ANCI Toscana", False), ("EUROCITIES", True),
])
def test_an_acronym_is_one_word_of_mostly_capitals(word, expected):
    assert is_acronym(word) is expected
