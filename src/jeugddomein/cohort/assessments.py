"""The lecturer's own rubric exports: the grades that count, and where a student's portfolio says otherwise.

A lecturer who scores a product in the rubric (lecturer mode) on a student's device can press 'Exporteer als JSON'
right away and keep that file. The scoring also travels in the student's portfolio, a file the student holds; the
lecturer's own file is the record. `load_portfolios(..., assessments="beoordelingen/")` reads such files: each one
names the student or the group it belongs to (the rubric's 'Student of groep'), its rows join the rubric tables with
`bron` 'docentbestand' and count before any lecturer scoring found in a portfolio (`bron` 'portfolio').
`summary.grade_conflicts` lists the learners whose portfolio holds a different grade.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from ..widgets.rubric.model import RubricExport
from .reading import Context, clean_name, field_problem, json_problem, normal_name, read_raw

SOURCE_PORTFOLIO, SOURCE_LECTURER = "portfolio", "docentbestand"
"""Values of the `bron` column of the rubric tables."""

ADVICE = "exporteer de rubric opnieuw vanaf het apparaat waarop je hebt gescoord"


@dataclass
class Assessment:
    """One of the lecturer's rubric export files, read and checked.

    `ok`: usable. A file that is not usable but still says which rubric and which student or group it is about
    (`rubric` and `student` set, e.g. a level typed as 'Excellent') is *invalid*: it is the lecturer's record for that
    learner, so no other source may take its place; the learner gets no grade for that rubric until it is fixed.
    """

    name: str
    ok: bool
    reason: str = ""
    rubric: str = ""
    student: str = ""
    assessor: str = ""
    exported: float | None = None
    scores: dict[str, str] = field(default_factory=dict)
    note: str = ""
    """A remark on a usable file (e.g. not every criterion scored yet)."""

    @property
    def invalid(self) -> bool:
        """Not usable, but about a known rubric and a named student or group."""
        return not self.ok and bool(self.rubric and self.student)

    @property
    def when(self) -> float:
        """The export time for ordering; an invalid file without a readable time counts as the newest."""
        return self.exported if self.exported is not None else math.inf


def _score_problem(rubric_id: str, scores: dict[str, str], context: Context) -> str:
    """Criteria or levels the rubric does not have, in plain Dutch (empty when all are known)."""
    criteria, levels = context.rubric_keys[rubric_id]
    for criterion, level in scores.items():
        if criterion not in criteria:
            known = ", ".join(c["id"] for c in context.rubrics[rubric_id]["criteria"])
            return f"criterium '{clean_name(criterion)[:60]}' bestaat niet in de rubric '{rubric_id}' (wel: {known})"
        if level not in levels:
            known = ", ".join(lv["id"] for lv in context.rubrics[rubric_id]["levels"])
            return (
                f"niveau '{clean_name(level)[:60]}' bij criterium '{criterion}' bestaat niet in de rubric "
                f"'{rubric_id}' (kies uit {known}; let op hoofdletters)"
            )
    return ""


def _about(raw: bytes, context: Context) -> tuple[str, str, float | None]:
    """For a lecturer export that failed validation: the known rubric, the student or group and the export time it
    names, when it is recognisably a lecturer's scoring; else empty strings."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return "", "", None
    if not isinstance(data, dict) or data.get("format") != "jeugddomein-rubric" or data.get("mode") != "docent":
        return "", "", None
    rubric, student = data.get("rubric"), data.get("student")
    if not isinstance(rubric, str) or rubric not in context.rubrics or not isinstance(student, str):
        return "", "", None
    try:
        exported: float | None = datetime.fromisoformat(str(data.get("exported_at"))).timestamp()
    except ValueError:
        exported = None
    return rubric, clean_name(student)[:200], exported


def read_assessment(path: Path, name: str, context: Context) -> Assessment:
    """Read one rubric export; never raises for a bad file (the reason is in the result)."""
    try:
        return _read_assessment(path, name, context)
    except Exception as error:  # a file no check foresaw still must not stop the run
        return Assessment(name, False, f"kon niet worden gelezen ({type(error).__name__}); {ADVICE}")


def _invalid(name: str, reason: str, rubric: str, student: str, exported: float | None) -> Assessment:
    stop = f"{reason}; voor '{student}' telt geen cijfer voor {rubric} tot je dit bestand herstelt of vervangt"
    return Assessment(name, False, stop, rubric=rubric, student=student, exported=exported)


def _read_assessment(path: Path, name: str, context: Context) -> Assessment:
    raw, reason = read_raw(path, context.max_bytes, "een rubricexport", ADVICE)
    if raw is None:
        return Assessment(name, False, reason)
    try:
        export = RubricExport.model_validate_json(raw)
    except ValidationError as error:
        problem = json_problem(raw, error, "rubricexport", ADVICE)
        if problem is not None:
            return Assessment(name, False, problem)
        if any(e["loc"] == ("format",) for e in error.errors()):
            return Assessment(
                name,
                False,
                "geen rubricexport van deze cursus (het veld 'format' ontbreekt of heeft een andere waarde); "
                "portfolio's horen in de portfoliomap",
            )
        rubric, student, exported = _about(raw, context)
        if rubric and student:
            return _invalid(name, field_problem(error), rubric, student, exported)
        return Assessment(name, False, field_problem(error))
    if export.mode != "docent":
        return Assessment(name, False, "een zelfbeoordeling; hier tellen alleen beoordelingen in de docentmodus")
    if export.rubric not in context.rubrics:
        known = ", ".join(sorted(context.rubrics)) or "geen"
        return Assessment(name, False, f"onbekende rubric '{export.rubric}'; deze cursus heeft: {known}")
    student = clean_name(export.student)
    if not student:
        return Assessment(name, False, f"'Student of groep' is leeg in deze beoordeling; vul de naam in en {ADVICE}")
    exported = export.exported_at.timestamp()
    problem = _score_problem(export.rubric, export.scores, context)
    if problem:
        return _invalid(name, problem, export.rubric, student, exported)
    criteria = context.rubric_keys[export.rubric][0]
    open_criteria = sorted(criteria - set(export.scores))
    note = f"nog niet gescoord: {', '.join(open_criteria)}; er telt nog geen cijfer" if open_criteria else ""
    return Assessment(
        name,
        True,
        rubric=export.rubric,
        student=student,
        assessor=clean_name(export.assessor),
        exported=exported,
        scores=dict(export.scores),
        note=note,
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
            if current is None or (item.when, item.name) > (current.when, current.name):
                latest[key] = item
    replaced = {}
    for item in assessments:
        winners = {latest[(learner, item.rubric)].name for learner in target.get(item.name, [])}
        if winners and item.name not in winners:
            replaced[item.name] = sorted(winners)[-1]
    return {key: item.name for key, item in latest.items()}, replaced
