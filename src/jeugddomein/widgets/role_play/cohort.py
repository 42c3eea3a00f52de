"""The role play in the lecturer's cohort tools: the rows one portfolio entry adds (cohort.loading)."""

from __future__ import annotations

from typing import Any

from ...cohort.reading import Context, Found


def played_case_key(played: Any) -> str:
    """The `casus` of a game played from a lecturer's case file: its title and the start of its hash."""
    return f"{played.title} (casusbestand {played.sha256[:12]})"


def extract(entry: Any, found: Found, context: Context) -> None:
    """One row per choice of every game into the `roleplay` table; the group names used in class play."""
    learner, rows = found.learner, found.rows["roleplay"]
    state = entry.state
    book_case = context.case_of.get(entry.id) or entry.id.removeprefix("rollenspel-")
    games = [(i + 1, run.mode, run.role, run.group, run.ending, run.path, run.file) for i, run in enumerate(state.runs)]
    if state.mode:
        games.append((0, state.mode, state.role, state.group, None, state.path, state.file))
    for number, mode, role, group, ending, path, played in games:
        case = played_case_key(played) if played is not None else book_case
        for step_number, step in enumerate(path, start=1):
            rows.append(
                (learner, entry.id, case, number, mode, role, group, ending, step_number, step.scene, step.choice)
            )
    groups = [run.group.strip() for run in state.runs if run.mode == "klas" and run.group.strip()]
    if state.mode == "klas" and state.group.strip():
        groups.append(state.group.strip())
    found.groups.extend(groups)
