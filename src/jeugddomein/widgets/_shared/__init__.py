"""What every widget folder shares: the UI helpers of the views (ui.js) and field access for the rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def field(obj: Any, name: str, default: Any = None) -> Any:
    """A field of a state or config, given as JSON (a dict) or as its pydantic model.

    The rules take both: the golden cases and the browser give JSON, the cohort tool its validated models (turning
    10,000 portfolios back into dicts would cost seconds).
    """
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)
