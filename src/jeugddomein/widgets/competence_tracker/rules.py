"""The competence tracker's rules, the same as rules.js (tests/golden/competence_tracker/ holds the shared cases)."""

from __future__ import annotations

import math
from typing import Any

from .._shared import field

VERTICAL = ("verticaal", "beide")
"""T-shape parts that count for depth (the vertical leg)."""
HORIZONTAL = ("horizontaal", "beide")
"""T-shape parts that count for breadth (the horizontal bar)."""


def levels_at(assessments: list[Any], moments: list[Any], moment_id: str) -> dict[str, int]:
    """Each competence's level at a moment: the latest assessment at or before it (unknown moments are skipped)."""
    order = [field(m, "id") for m in moments]
    upto = order.index(moment_id) if moment_id in order else -1
    found: dict[str, tuple[int, int]] = {}
    for a in assessments:
        moment, competence = field(a, "moment"), field(a, "competence")
        if moment not in order:
            continue
        position = order.index(moment)
        if position <= upto and (competence not in found or position > found[competence][0]):
            found[competence] = (position, field(a, "level"))
    return {cid: level for cid, (_, level) in found.items()}


def _mean_half_up(values: list[int]) -> float | None:
    """The mean rounded half up to two decimals (as JavaScript's Math.round(x * 100) / 100); None without values."""
    return math.floor(sum(values) / len(values) * 100 + 0.5) / 100 if values else None


def t_profile(competences: list[Any], levels: dict[str, int]) -> dict[str, float | None]:
    """Depth (vertical leg) and breadth (horizontal bar) of the T: the mean level of the competences in each part.

    Competences marked 'beide' count in both. None when no competence of that part has a level yet.
    """
    shape = {field(c, "id"): field(c, "t_shape") for c in competences}
    return {
        "depth": _mean_half_up([lv for cid, lv in levels.items() if shape.get(cid) in VERTICAL]),
        "breadth": _mean_half_up([lv for cid, lv in levels.items() if shape.get(cid) in HORIZONTAL]),
    }


def used_moments(assessments: list[Any], moments: list[Any]) -> list[Any]:
    """The moments (in order) at which the learner assessed anything."""
    used = {field(a, "moment") for a in assessments}
    return [m for m in moments if field(m, "id") in used]


def done(config: Any, state: Any) -> bool:
    """Done: a profession is chosen and every competence of the framework has at least one self-assessment."""
    assessed = {field(a, "competence") for a in field(state, "assessments") or []}
    competences = field(field(config, "framework"), "competences")
    return bool(field(state, "profession")) and all(field(c, "id") in assessed for c in competences)
