"""The lecturer's own rubric exports: the grades that count, and where a student's portfolio says otherwise.

A lecturer who scores a product in the rubric (lecturer mode) on a student's device can press 'Exporteer als JSON'
right away and keep that file. The scoring also travels in the student's portfolio, a file the student holds; the
lecturer's own file is the record. `load_portfolios(..., assessments="beoordelingen/")` reads such files: each one
names the student or the group it belongs to (the rubric's 'Student of groep'), its rows join the rubric tables with
`bron` 'docentbestand' and count before any lecturer scoring found in a portfolio (`bron` 'portfolio').
`summary.grade_conflicts` lists the learners whose portfolio holds a different grade.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..widgets.rubric.model import RubricExport
from .reading import Context, field_problem, json_problem, normal_name, read_raw

SOURCE_PORTFOLIO, SOURCE_LECTURER = "portfolio", "docentbestand"
"""Values of the `bron` column of the rubric tables."""

ADVICE = "exporteer de rubric opnieuw vanaf het apparaat waarop je hebt gescoord"


@dataclass
class Assessment:
    """One of the lecturer's rubric export files, read and checked."""

    name: str
    ok: bool
    reason: str = ""
    rubric: str = ""
    student: str = ""
    assessor: str = ""
    exported: float | None = None
    scores: dict[str, str] = field(default_factory=dict)


def read_assessment(path: Path, name: str, context: Context) -> Assessment:
    """Read one rubric export; never raises for a bad file (the reason is in the result)."""
    raw, reason = read_raw(path, context.max_bytes, "een rubricexport", ADVICE)
    if raw is None:
        return Assessment(name, False, reason)
    try:
        export = RubricExport.model_validate_json(raw)
    except ValidationError as error:
        problem = json_problem(raw, error, "rubricexport", ADVICE)
        if problem is None:
            wrong_kind = any(e["loc"] == ("format",) for e in error.errors())
            problem = (
                "geen rubricexport van deze cursus (het veld 'format' ontbreekt of heeft een andere waarde); "
                "portfolio's horen in de portfoliomap"
                if wrong_kind
                else field_problem(error)
            )
        return Assessment(name, False, problem)
    except (RecursionError, ValueError) as error:
        return Assessment(name, False, f"geen bruikbare rubricexport ({error})")
    if export.mode != "docent":
        return Assessment(name, False, "een zelfbeoordeling; hier tellen alleen beoordelingen in de docentmodus")
    if export.rubric not in context.rubrics:
        known = ", ".join(sorted(context.rubrics)) or "geen"
        return Assessment(name, False, f"onbekende rubric '{export.rubric}'; deze cursus heeft: {known}")
    if not export.student.strip():
        return Assessment(name, False, f"'Student of groep' is leeg in deze beoordeling; vul de naam in en {ADVICE}")
    return Assessment(
        name,
        True,
        rubric=export.rubric,
        student=" ".join(export.student.split()),
        assessor=export.assessor,
        exported=export.exported_at.timestamp(),
        scores=context.known_scores(export.rubric, export.scores),
    )


def targets(student: str, learners: list[str], group_of: dict[str, str], no_group: str) -> list[str]:
    """The learners an assessment is about: the learner of that name, else every member of that group.

    A group may be named with more after it, as in 'Groep 4 (Amira, Bas, Chloé)'; the longest group name that
    matches wins. Names compare without case and extra spaces. No match: an empty list.
    """
    wanted = normal_name(student)
    for learner in learners:
        if normal_name(learner) == wanted:
            return [learner]
    groups = {normal_name(g): g for g in set(group_of.values()) if g != no_group}
    for key in sorted(groups, key=len, reverse=True):
        if wanted == key or (wanted.startswith(key) and wanted[len(key)] in " (,:-"):
            return sorted(learner for learner, group in group_of.items() if group == groups[key])
    return []


def newest(
    assessments: list[Assessment], target: dict[str, list[str]]
) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """Which file counts per (learner, rubric): the newest export (ties: the later name); and for every file that
    counts for none of its learners, the name of a file that replaced it."""
    latest: dict[tuple[str, str], Assessment] = {}
    for item in assessments:
        for learner in target.get(item.name, []):
            key = (learner, item.rubric)
            current = latest.get(key)
            if current is None or (item.exported or 0, item.name) > (current.exported or 0, current.name):
                latest[key] = item
    replaced = {}
    for item in assessments:
        winners = {latest[(learner, item.rubric)].name for learner in target.get(item.name, [])}
        if winners and item.name not in winners:
            replaced[item.name] = sorted(winners)[-1]
    return {key: item.name for key, item in latest.items()}, replaced
