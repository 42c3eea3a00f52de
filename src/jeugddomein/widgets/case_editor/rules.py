"""The case editor's rules, the same as rules.js (tests/golden/case_editor/ holds the shared cases)."""

from __future__ import annotations

from typing import Any

import yaml

from .._shared import field
from ..role_play.rules import check_case


def done(config: Any, state: Any) -> bool:
    """Done: the draft is a case file the build accepts (valid YAML, no problem from the case checks)."""
    draft = field(state, "draft") or ""
    if not draft.strip():
        return False
    try:
        data = yaml.safe_load(draft)
    except yaml.YAMLError:
        return False
    labels = field(config, "links")
    return not check_case(data, sorted(labels) if labels is not None else None)
