"""Rubric: self-assessment (student) and scoring (lecturer) of a module product, with the grade and feedback."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pandas as pd
import traitlets

from ...models.base import WidgetSpec
from ...paths import data_dir as default_data_dir
from ..base import CourseWidget
from .grading import KNOCKOUT_CAP, PASS_MARK, GradeResult, grade
from .model import (
    RUBRIC_EXPORT_FORMAT,
    RubricExport,
    RubricMode,
    RubricSpec,
    RubricState,
    load_framework,
    load_rubric,
)

EXPORT_FORMAT: Final = RUBRIC_EXPORT_FORMAT
"""Marks a file exported by the rubric widget."""

MODES = ("zelf", "docent")


class RubricWidget(CourseWidget):
    """A rubric from data/rubrics/ to fill in: a level and feedback per criterion, then a grade on the 1-10 scale."""

    widget_name = "rubric"
    label = "Beoordelingsrubric"
    module = "rubric"
    spec_model = RubricSpec
    state_model = RubricState

    definition = traitlets.Dict(help="The rubric: levels and criteria.").tag(sync=True)
    lecturer = traitlets.Bool(True, help="Offer the lecturer mode.").tag(sync=True)
    competence_names = traitlets.Dict(help="Competence id -> name.").tag(sync=True)
    pass_mark = traitlets.Float(PASS_MARK, help="Lowest passing grade.").tag(sync=True)
    knockout_cap = traitlets.Float(KNOCKOUT_CAP, help="Highest grade after a failed knock-out.").tag(sync=True)
    mode = traitlets.Unicode("zelf", help="Mode last used.").tag(sync=True, learner=True)
    student = traitlets.Unicode("", help="Student or group assessed.").tag(sync=True, learner=True)
    assessor = traitlets.Unicode("", help="Assessor.").tag(sync=True, learner=True)
    zelf = traitlets.Dict(help="Self-assessment: scores, feedback, general.").tag(sync=True, learner=True)
    docent = traitlets.Dict(help="Lecturer's scoring: scores, feedback, general.").tag(sync=True, learner=True)

    @classmethod
    def resolve_config(cls, spec: WidgetSpec, data_dir: Path | None = None) -> dict[str, Any]:
        """The rubric file, checked, plus the names of its competences and the grading constants."""
        assert isinstance(spec, RubricSpec)
        data = data_dir or default_data_dir()
        framework = load_framework(data)
        rubric = load_rubric(spec.rubric, data, framework)
        return {
            "definition": rubric.model_dump(mode="json"),
            "lecturer": spec.lecturer,
            "competence_names": {c.id: c.name for c in framework.competences},
            "pass_mark": PASS_MARK,
            "knockout_cap": KNOCKOUT_CAP,
        }

    # --- Python API --------------------------------------------------------------------------------------------

    def _scoring(self, mode: str) -> dict[str, Any]:
        if mode not in MODES:
            raise ValueError(f"Kies de modus 'zelf' of 'docent', niet '{mode}'.")
        current = getattr(self, mode)
        return {
            "scores": dict(current.get("scores", {})),
            "feedback": dict(current.get("feedback", {})),
            "general": current.get("general", ""),
        }

    def score(self, criterion: str, level: str, feedback: str | None = None, mode: str = "zelf") -> None:
        """Choose a level (and optionally write feedback) for one criterion."""
        ids = [c["id"] for c in self.definition["criteria"]]
        levels = [lv["id"] for lv in self.definition["levels"]]
        if criterion not in ids:
            raise ValueError(f"Onbekend criterium '{criterion}'; kies uit {', '.join(ids)}.")
        if level not in levels:
            raise ValueError(f"Onbekend niveau '{level}'; kies uit {', '.join(levels)}.")
        scoring = self._scoring(mode)
        scoring["scores"][criterion] = level
        if feedback is not None:
            scoring["feedback"][criterion] = feedback
        setattr(self, mode, scoring)
        self.mode = mode

    def grade(self, mode: str = "zelf") -> GradeResult:
        """The grade of a mode's scoring (MissingScores names the criteria still without a level)."""
        return grade(self.definition, self._scoring(mode)["scores"])

    def to_frame(self, mode: str = "zelf") -> pd.DataFrame:
        """One row per criterion: weight, knock-out, chosen level, its value, and the feedback."""
        scoring = self._scoring(mode)
        values = {lv["id"]: (lv["label"], lv["value"]) for lv in self.definition["levels"]}
        rows = []
        for criterion in self.definition["criteria"]:
            level = scoring["scores"].get(criterion["id"])
            rows.append(
                {
                    "criterium": criterion["title"],
                    "gewicht": criterion["weight"],
                    "knock-out": criterion["knockout"],
                    "niveau": values[level][0] if level else None,
                    "waarde": values[level][1] if level else None,
                    "feedback": scoring["feedback"].get(criterion["id"], ""),
                }
            )
        return pd.DataFrame(rows)

    def export(self, mode: RubricMode = "docent") -> dict[str, Any]:
        """The JSON the widget's export button writes (grade included only when every criterion is scored)."""
        from .grading import grade_dict

        scoring = self._scoring(mode)
        record = RubricExport(
            format=EXPORT_FORMAT,
            rubric=self.definition["id"],
            title=self.definition["title"],
            mode=mode,
            student=self.student,
            assessor=self.assessor if mode == "docent" else "",
            exported_at=datetime.now(UTC),
            scores=scoring["scores"],
            feedback=scoring["feedback"],
            general=scoring["general"],
            result=grade_dict(self.definition, scoring["scores"]),
        )
        return record.model_dump(mode="json")
