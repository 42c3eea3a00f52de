"""The knowledge check's rules, the same as rules.js (tests/golden/knowledge_check/ holds the shared cases)."""

from __future__ import annotations

from typing import Any

from .._shared import field


def is_right(options: list[Any], selected: list[int]) -> bool:
    """Whether exactly the correct options are chosen."""
    chosen = set(selected)
    return all(field(option, "correct") == (i in chosen) for i, option in enumerate(options))


def done(config: Any, state: Any) -> bool:
    """Done: the learner checked the answer and it was right."""
    return bool(field(state, "checked") and field(state, "correct"))
