"""The rubric in the lecturer's cohort tools: the rows one portfolio entry adds (cohort.loading)."""

from __future__ import annotations

from typing import Any

from ...cohort.assessments import SOURCE_PORTFOLIO
from ...cohort.reading import Context, Found, clean_name
from .grading import MissingScores, grade


def graded(context: Context, rubric_id: str, scores: tuple[tuple[str, str], ...]) -> tuple | None:
    """grading.grade for one scoring, remembered in the context."""
    key = (rubric_id, scores)
    if key not in context.grades:
        try:
            result = grade(context.rubrics[rubric_id], dict(scores))
        except MissingScores:
            context.grades[key] = None
        else:
            context.grades[key] = (result.grade, result.weighted, result.passed, ", ".join(result.knockouts))
    return context.grades[key]


def extract(entry: Any, found: Found, context: Context) -> None:
    """Add the rubric's criterion scores and grades. Scores of criteria or levels the rubric does not have are left
    out, each with a note."""
    learner, rows, notes = found.learner, found.rows, found.notes
    rubric_id = context.rubric_of.get(entry.id) or entry.id.removeprefix("rubric-")
    rubric = context.rubrics.get(rubric_id)
    for who in ("zelf", "docent"):
        scores = getattr(entry.state, who).scores
        if not scores:
            continue
        clean = dict(scores) if rubric is None else context.known_scores(rubric_id, scores)
        for criterion, level in scores.items():
            if criterion in clean:
                continue
            known = rubric is not None and criterion in context.rubric_keys[rubric_id][0]
            what = f"niveau '{clean_name(level)[:40]}' bij criterium" if known else "criterium"
            notes.append(f"onbekend {what} '{clean_name(criterion)[:40]}' ({entry.id}, {who}); die score telt niet")
        for criterion, level in clean.items():
            rows["rubric_scores"].append((learner, entry.id, rubric_id, who, criterion, level, SOURCE_PORTFOLIO))
        grade_value = weighted = passed = None
        knockouts = ""
        if rubric is not None:
            outcome = graded(context, rubric_id, tuple(sorted(clean.items())))
            if outcome is not None:
                grade_value, weighted, passed, knockouts = outcome
        rows["rubric_grades"].append(
            (
                learner,
                entry.id,
                rubric_id,
                who,
                len(clean),
                len(rubric["criteria"]) if rubric else None,
                grade_value,
                weighted,
                passed,
                knockouts,
                entry.state.student,
                entry.state.assessor,
                entry.updated.timestamp(),
                SOURCE_PORTFOLIO,
            )
        )
