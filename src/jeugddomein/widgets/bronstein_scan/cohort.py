"""The bronstein scan in the lecturer's cohort tools: the rows one portfolio entry adds (cohort.loading)."""

from __future__ import annotations

from typing import Any

from ...cohort.bronstein import PART_COLUMNS, scored_parts
from ...cohort.reading import Context, Found


def extract(entry: Any, found: Found, context: Context) -> None:
    """One row per saved scan and part (component or factor) with its score, into the `scans` table."""
    if context.instrument is None:
        return
    for scan in entry.state.scans:
        when = (found.learner, found.name, entry.id, scan.label, scan.date.isoformat(), scan.perspective)
        found.rows["scans"] += [
            (*when, *(part[c] for c in PART_COLUMNS)) for part in scored_parts(context.instrument, scan.answers)
        ]
