"""Case-insensitive regexes run as case-sensitive ones over lower-cased text, where that is exact.

Python's `re` is markedly slower with IGNORECASE (and cannot then scan ahead for a literal first
character), so the rule components and the link stage compile a pattern with no capitals a
second time without the flag and search `text.lower()`. That finds the same matches at the same
offsets only when lower-casing keeps every character in place and IGNORECASE pairs no character
with a letter that `str.lower` maps elsewhere: `lowered_text` says when.
"""

from __future__ import annotations

import re

# Named-group syntax is the one place a capital letter appears in a lower-case pattern.
_GROUP_SYNTAX = re.compile(r"\(\?P[<=]")
# Characters IGNORECASE matches to an ASCII letter that str.lower() leaves as they are
# (dotless i, long s).
_FOLD_EXCEPTIONS = re.compile("[\u0131\u017f]")


def lower_case_regex(pattern: str) -> re.Pattern[str] | None:
    """`pattern` compiled without IGNORECASE, for lower-cased text; None when it has capitals
    (letters or escapes such as `\\W`), which only the case-insensitive form reads right."""
    bare = _GROUP_SYNTAX.sub("", pattern)
    return re.compile(pattern) if bare == bare.lower() else None


def lowered_text(text: str) -> str | None:
    """`text.lower()` when lower-case regexes over it match as IGNORECASE ones over `text`;
    None when lower-casing moves characters ("İ" becomes two) or a fold exception occurs."""
    lowered = text.lower()
    if len(lowered) != len(text) or _FOLD_EXCEPTIONS.search(text):
        return None
    return lowered
