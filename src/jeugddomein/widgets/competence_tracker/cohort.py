"""The competence tracker in the lecturer's cohort tools: the rows one portfolio entry adds (cohort.loading)."""

from __future__ import annotations

from typing import Any

from ...cohort.reading import Context, Found


def extract(entry: Any, found: Found, context: Context) -> None:
    """The learner's profession, and one row per self-assessment into the `competences` table."""
    state = entry.state
    found.profession = state.profession or found.profession
    for item in state.assessments:
        found.rows["competences"].append(
            (found.learner, item.competence, item.moment, item.level, item.day.isoformat(), len(item.evidence))
        )
