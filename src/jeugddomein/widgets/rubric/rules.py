"""The rubric's rules, the same as rules.js (tests/golden/rubric/ holds the shared cases).

The grading itself is grading.py (grade, round_grade, module_grade); this module gives the shapes the browser
uses (a grade as a plain dict, cleaned scores) and the rule for 'done'.
"""

from __future__ import annotations

from typing import Any

from .._shared import field
from .grading import grade_dict, round_grade

__all__ = ["clean_scores", "done", "grade", "round_grade"]


def grade(rubric: Any, scores: dict[str, str | None]) -> dict[str, Any]:
    """{ok: true, grade, weighted, passed, knockouts}, or {ok: false, error, missing} while a criterion is open.

    An unknown criterion or level raises ValueError (the browser throws).
    """
    return grade_dict(rubric, scores)


def clean_scores(rubric: Any, scores: dict[str, str] | None) -> dict[str, str]:
    """The scores of the rubric's own criteria and levels, in criterion order (others are left out)."""
    levels = {field(level, "id") for level in field(rubric, "levels")}
    out: dict[str, str] = {}
    for criterion in field(rubric, "criteria"):
        level = (scores or {}).get(field(criterion, "id"))
        if level and level in levels:
            out[field(criterion, "id")] = level
    return out


def done(config: Any, state: Any) -> bool:
    """Done: the self-assessment scores every criterion with a level of the rubric (so it has a grade)."""
    rubric = field(config, "definition")
    own = field(state, "zelf")
    # grade() is ok exactly when every criterion has a known level: count them instead of computing the grade.
    return len(clean_scores(rubric, field(own, "scores") if own is not None else None)) == len(
        field(rubric, "criteria")
    )
