"""Lower-cased matching in place of IGNORECASE: when it is exact, and for which patterns."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itnet.lowercase_match import lower_case_regex, lowered_text


@pytest.mark.parametrize(
    ("pattern", "has_twin"),
    [
        (r"\bsettembre\s+(?P<year>\d{4})", True),  # group syntax is not a capital
        (r"(?P<sep>[./-])\d(?P=sep)", True),
        (r"US\$\s*\d+", False),
        (r"^\W*la nomina", False),  # \W is not \w
        (r"[A-Z]{2,}", False),
    ],
)
def test_only_patterns_without_capitals_get_a_lower_case_twin(pattern, has_twin):
    assert (lower_case_regex(pattern) is not None) == has_twin


@pytest.mark.parametrize("text", ["İstanbul aderisce", "aderıto", "ſoci della rete"])
def test_texts_whose_lower_case_would_mislead_are_refused(text):
    assert lowered_text(text) is None


def test_italian_text_is_lowered():
    assert lowered_text("Città di TORINO, È") == "città di torino, è"


@given(st.text(alphabet=st.sampled_from(list("aAeEiIkKsSıİſàÀ èÈ.,")), max_size=20))
def test_twin_over_lowered_text_finds_what_ignorecase_finds(text):
    pattern = r"(?<!\w)(?:si|kei|è)\w*"
    lowered = lowered_text(text)
    if lowered is not None:
        twin = lower_case_regex(pattern)
        assert [m.span() for m in twin.finditer(lowered)] == [
            m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
