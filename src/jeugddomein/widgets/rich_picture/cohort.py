"""The rich picture in the lecturer's cohort tools: the rows one portfolio entry adds (cohort.loading)."""

from __future__ import annotations

from typing import Any

from ...cohort.reading import Context, Found


def extract(entry: Any, found: Found, context: Context) -> None:
    """One row per picture into the `pictures` table: its element counts by kind, relations and strained relations."""
    learner, rows = found.learner, found.rows["pictures"]
    for picture in entry.state.pictures:
        scene = picture.scene
        kinds = {"actor": 0, "text": 0, "bubble": 0, "boundary": 0}
        for element in scene.elements:
            kinds[element.kind] += 1
        strained = sum(1 for r in scene.relations if r.style == "strained" or r.conflict)
        rows.append(
            (
                learner,
                entry.id,
                scene.title,
                kinds["actor"],
                kinds["text"],
                kinds["bubble"],
                kinds["boundary"],
                len(scene.relations),
                strained,
            )
        )
