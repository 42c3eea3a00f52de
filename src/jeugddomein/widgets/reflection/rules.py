"""The reflection's rules, the same as rules.js (tests/golden/reflection/ holds the shared cases)."""

from __future__ import annotations

import itertools
import re
from typing import Any

from .._shared import field

MIN_WORDS = 10
"""How many words a reflection needs to count as written."""

_WORD = re.compile(r"[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
"""A run of characters that are not white space as JavaScript's `\\s` defines it (Python's differs)."""


def words(text: str) -> int:
    """The number of words: runs of non-space characters."""
    return sum(1 for _ in _WORD.finditer(text))


def done(config: Any, state: Any) -> bool:
    """Done: the reflection has at least MIN_WORDS words."""
    found = _WORD.finditer(field(state, "text") or "")
    return sum(1 for _ in itertools.islice(found, MIN_WORDS)) >= MIN_WORDS  # stops at MIN_WORDS: texts can be long
