"""What every widget folder shares: the UI helpers of the views (ui.js) and field access for the rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_IS_MAPPING: dict[type, bool] = {dict: True, type(None): False}
"""Per type: is it a mapping (read with .get) or an object (read with getattr)? Asked once per type: an `isinstance`
against the Mapping ABC on every field read cost a fifth of the cohort tool's time."""


def field(obj: Any, name: str, default: Any = None) -> Any:
    """A field of a state or config, given as JSON (a dict) or as its pydantic model.

    The rules take both: the golden cases and the browser give JSON, the cohort tool its validated models (turning
    10,000 portfolios back into dicts would cost seconds).
    """
    kind = type(obj)
    mapping = _IS_MAPPING.get(kind)
    if mapping is None:
        mapping = _IS_MAPPING[kind] = issubclass(kind, Mapping)
    return obj.get(name, default) if mapping else getattr(obj, name, default)
