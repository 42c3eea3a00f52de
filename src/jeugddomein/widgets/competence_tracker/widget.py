"""Competence tracker: self-assessment on the minor's seven competences over time, with evidence and a T-profile."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import traitlets

from ...models.base import WidgetSpec
from ...paths import COURSE_INDEX
from ...paths import data_dir as default_data_dir
from ..base import CourseWidget
from ..rubric.model import load_framework, load_studiewijzer
from .catalogue import course_catalogue
from .model import CompetenceTrackerSpec, CompetenceTrackerState, Evidence, Moment, SelfAssessment
from .rules import levels_at, t_profile


def framework_config(data: Path) -> dict[str, Any]:
    """The part of data/competences.yaml the tracker needs in the browser (compact: no knowledge/skills lists)."""
    framework = load_framework(data)
    return {
        "competences": [
            {
                "id": c.id,
                "name": c.name,
                "description": c.description,
                "t_shape": c.t_shape,
                "levels": [{"id": lv.id, "label": lv.label, "behaviour": lv.behaviour} for lv in c.levels],
            }
            for c in framework.competences
        ],
        "professions": [p.model_dump() for p in framework.professions],
    }


class CompetenceTracker(CourseWidget):
    """Self-assessment per competence and moment with motivation and evidence; progress, T-profile and suggestions."""

    widget_name = "competence-tracker"
    label = "Competentievolger"
    module = "competence_tracker"
    spec_model = CompetenceTrackerSpec
    state_model = CompetenceTrackerState

    weekly = traitlets.Bool(False, help="Weekly moments are offered.").tag(sync=True)
    moments = traitlets.List(traitlets.Dict(), help="Moments (id, label) in time order.").tag(sync=True)
    framework = traitlets.Dict(help="Competences with levels, and the professions.").tag(sync=True)
    pages = traitlets.List(traitlets.Dict(), help="Chapters and exercises with their competences.").tag(sync=True)
    evidence = traitlets.List(traitlets.Dict(), help="Work in the course that can serve as evidence.").tag(sync=True)
    course = traitlets.Unicode("", help="Course id (keys of the learner store).").tag(sync=True)
    saved_work = traitlets.List(
        traitlets.Unicode(), help="Ids of the exercises with saved work; the static site's host fills it."
    ).tag(sync=True)
    profession = traitlets.Unicode("", help="The learner's profession.").tag(sync=True, learner=True)
    assessments = traitlets.List(traitlets.Dict(), help="Self-assessments.").tag(sync=True, learner=True)

    @classmethod
    def resolve_config(cls, spec: WidgetSpec, data_dir: Path | None = None) -> dict[str, Any]:
        """Moments (with the studiewijzer's weeks when `weekly`), the framework, and the mapping as a page list.

        The static site replaces `pages` (with titles and links) and fills `evidence` once every page is read.
        """
        assert isinstance(spec, CompetenceTrackerSpec)
        data = data_dir or default_data_dir()
        moments = [m.model_dump() for m in spec.moments]
        if spec.weekly:
            plan = load_studiewijzer(data)
            weeks = [Moment(id=f"week-{w.week}", label=f"Week {w.week}: {w.theme}").model_dump() for w in plan.weeks]
            half = (len(weeks) + 1) // 2
            first, middle, last = moments[:1], moments[1:-1], moments[-1:]
            ordered = [*first, *weeks[:half], *middle, *weeks[half:], *last]
            moments = []
            seen: set[str] = set()
            for moment in ordered:
                if moment["id"] not in seen:
                    seen.add(moment["id"])
                    moments.append(moment)
        framework = load_framework(data)
        pages = [
            {"page": item.page, "title": item.page, "url": "", "kind": kind, "competences": item.competences}
            for kind, items in (("hoofdstuk", framework.mapping.chapters), ("oefening", framework.mapping.exercises))
            for item in items
        ] + [
            {
                "page": f"exercises/casussen/{item.case}",
                "title": f"Casus {item.case}",
                "url": "",
                "kind": "casus",
                "competences": item.competences,
            }
            for item in framework.mapping.cases
        ]
        return {
            "weekly": spec.weekly,
            "moments": moments,
            "framework": framework_config(data),
            "pages": pages,
            "evidence": [],
            "saved_work": [],
            "course": "",
        }

    def __init__(self, spec: WidgetSpec | dict[str, Any], data_dir: Path | None = None, **state: Any) -> None:
        """In Jupyter the tracker gets the book's page titles and its exercises (the evidence to pick from) from the
        course index, as the site's build does."""
        super().__init__(spec, data_dir, **state)
        if self.evidence or not COURSE_INDEX.is_file():
            return
        from .. import widget_classes

        index = json.loads(COURSE_INDEX.read_text(encoding="utf-8"))
        catalogue = course_catalogue(index, {name: cls.label for name, cls in widget_classes().items()})
        self.pages = catalogue.student_pages(self.pages)
        self.evidence = catalogue.evidence

    # --- Python API --------------------------------------------------------------------------------------------

    def _competence_ids(self) -> list[str]:
        return [c["id"] for c in self.framework["competences"]]

    def choose_profession(self, profession: str) -> None:
        """Set the learner's profession: 'pabo', 'social-work' or 'hbo-v'."""
        known = [p["id"] for p in self.framework["professions"]]
        if profession not in known:
            raise ValueError(f"Kies een beroep uit {', '.join(known)}.")
        self.profession = profession

    def assess(
        self,
        competence: str,
        moment: str,
        level: int,
        motivation: str = "",
        evidence: list[dict[str, str]] | None = None,
        day: date | None = None,
    ) -> None:
        """Record (or replace) a self-assessment of a competence at a moment."""
        if competence not in self._competence_ids():
            raise ValueError(f"Onbekende competentie '{competence}'; kies uit {', '.join(self._competence_ids())}.")
        if moment not in [m["id"] for m in self.moments]:
            raise ValueError(f"Onbekend moment '{moment}'; kies uit {', '.join(m['id'] for m in self.moments)}.")
        scale = len(self.framework["competences"][0]["levels"])
        if not 1 <= level <= scale:
            raise ValueError(f"Kies een niveau van 1 tot en met {scale}.")
        item = SelfAssessment(
            competence=competence,
            moment=moment,
            level=level,
            motivation=motivation,
            evidence=[Evidence.model_validate(e) for e in evidence or []],
            day=day or date.today(),
        ).model_dump(mode="json")
        rest = [a for a in self.assessments if (a["competence"], a["moment"]) != (competence, moment)]
        self.assessments = [*rest, item]

    def to_frame(self) -> pd.DataFrame:
        """One row per self-assessment: competence, moment, level (number and label), motivation, evidence."""
        names = {c["id"]: c["name"] for c in self.framework["competences"]}
        labels = [lv["label"] for lv in self.framework["competences"][0]["levels"]]
        order = {m["id"]: i for i, m in enumerate(self.moments)}
        rows = [
            {
                "competentie": names.get(a["competence"], a["competence"]),
                "moment": a["moment"],
                "volgorde": order.get(a["moment"], 999),
                "niveau": a["level"],
                "niveaunaam": labels[a["level"] - 1] if a["level"] <= len(labels) else "",
                "motivatie": a["motivation"],
                "bewijs": "; ".join(e["label"] for e in a["evidence"]),
                "datum": a["day"],
            }
            for a in self.assessments
        ]
        columns = ["competentie", "moment", "volgorde", "niveau", "niveaunaam", "motivatie", "bewijs", "datum"]
        frame = pd.DataFrame(rows, columns=columns)
        return frame.sort_values(["volgorde", "competentie"]).reset_index(drop=True)

    def progress(self) -> pd.DataFrame:
        """Competences x moments, with the level chosen at each moment (empty where not assessed)."""
        names = {c["id"]: c["name"] for c in self.framework["competences"]}
        table = pd.DataFrame(
            index=[names[c] for c in self._competence_ids()], columns=[m["label"] for m in self.moments]
        )
        labels = {m["id"]: m["label"] for m in self.moments}
        for a in self.assessments:
            table.loc[names[a["competence"]], labels[a["moment"]]] = a["level"]
        return table

    def levels_at(self, moment: str) -> dict[str, int]:
        """Each competence's level at a moment: the latest assessment at or before it."""
        return levels_at(self.assessments, self.moments, moment)

    def t_shape(self) -> pd.DataFrame:
        """Depth and breadth of the learner's T at every moment that has an assessment."""
        used = {a["moment"] for a in self.assessments}
        rows = [
            {"moment": m["label"], **t_profile(self.framework["competences"], self.levels_at(m["id"]))}
            for m in self.moments
            if m["id"] in used
        ]
        return pd.DataFrame(rows, columns=["moment", "depth", "breadth"])

    def suggestions(self, count: int = 2) -> dict[str, list[str]]:
        """Pages that develop the `count` weakest competences (latest level; not assessed counts as weakest)."""
        latest = self.levels_at(self.moments[-1]["id"]) if self.moments else {}
        weakest = sorted(
            self._competence_ids(), key=lambda cid: (latest.get(cid, 0), self._competence_ids().index(cid))
        )
        return {cid: [p["title"] for p in self.pages if cid in p["competences"]] for cid in weakest[:count]}

    def chart(self) -> Any:
        """An altair line chart of the level per competence over the moments.

        Jupyter shows it as SVG drawn locally (no script from a CDN); it is an altair chart in every other way."""
        import altair as alt

        from ...charts import drawn_offline

        frame = self.to_frame()
        scale = len(self.framework["competences"][0]["levels"])
        return drawn_offline(
            alt.Chart(frame)
            .mark_line(point=True)
            .encode(
                x=alt.X("moment:N", sort=[m["id"] for m in self.moments], title="Moment"),
                y=alt.Y("niveau:Q", scale=alt.Scale(domain=[1, scale]), title="Niveau"),
                color=alt.Color("competentie:N", title="Competentie"),
                strokeDash=alt.StrokeDash("competentie:N"),
                tooltip=["competentie", "moment", "niveaunaam", "bewijs"],
            )
            .properties(title="Je competenties in de tijd", width=420, height=240)
        )
