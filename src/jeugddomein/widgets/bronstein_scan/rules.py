"""The self-scan's rules, the same as rules.js (tests/golden/bronstein_scan/ holds the shared cases).

Scoring, levels and comparison live with the instrument's model (model.py: score, level, compare); this module
adds the rule for 'done' and names the shared rules in one place.
"""

from __future__ import annotations

from typing import Any

from .._shared import field
from .model import compare, level, score

__all__ = ["compare", "done", "level", "score"]


def done(config: Any, state: Any) -> bool:
    """Done: at least one completed scan is saved."""
    return bool(field(state, "scans"))
