"""Models of the module assessment: rubrics (data/rubrics/*.yaml), the studiewijzer, and the rubric widget."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from .base import LongText, ShortText, StrictModel, WidgetId
from .competences import CompetenceId, PageRef
from .registry import widget_state

SlugId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
"""A short id: lowercase letters, digits and hyphens."""


class RubricLevel(StrictModel):
    """One column of a rubric: a level with its value on the Dutch 1-10 scale."""

    id: SlugId = Field(description="Short id of the level; the key of the descriptors in each criterion.")
    label: ShortText = Field(description="Dutch name of the level, e.g. 'Voldoende'.")
    value: float = Field(ge=1, le=10, description="What this level counts for on the 1-10 scale (one decimal).")

    @field_validator("value")
    @classmethod
    def _one_decimal(cls, value: float) -> float:
        if abs(value * 10 - round(value * 10)) > 1e-9:
            raise ValueError(f"{value} heeft meer dan één decimaal; gebruik bijvoorbeeld 5.5 of 8")
        return value


class Criterion(StrictModel):
    """One row of a rubric: what is assessed, its weight, the competences it shows and a descriptor per level."""

    id: SlugId = Field(description="Stable id of the criterion (scores and feedback are stored under it).")
    title: ShortText = Field(description="The criterion in a few words.")
    question: ShortText = Field(description="The question the assessor asks about the work.")
    weight: int = Field(ge=1, le=100, description="Weight in percent; the weights of a rubric add up to 100.")
    competences: Annotated[list[CompetenceId], Field(min_length=1, max_length=7)] = Field(
        description="Ids of the competences (data/competences.yaml) this criterion shows."
    )
    knockout: bool = Field(False, description="True: below the standard means 'not passed', whatever the total.")
    standard: SlugId | None = Field(
        None, description="For a knock-out criterion: the lowest level that still meets the standard."
    )
    descriptors: dict[str, ShortText] = Field(
        description="Per level id: what the work shows at that level (recognisable, in the course's own words)."
    )


class Rubric(StrictModel):
    """A rubric for one assessed product of the module (one file in data/rubrics/)."""

    id: SlugId = Field(description="Id of the rubric; equal to the file name without .yaml.")
    title: ShortText = Field(description="Name of the assessed product.")
    kind: Literal["groep", "individueel"] = Field(description="Whether a group or each student delivers it.")
    description: ShortText = Field(description="What the product is and what it is for.")
    assessors: ShortText = Field(description="Who assesses, e.g. 'twee docenten, de opdrachtgever adviseert'.")
    levels: Annotated[list[RubricLevel], Field(min_length=3, max_length=5)] = Field(
        description="The levels from low to high, with their values on the 1-10 scale."
    )
    criteria: Annotated[list[Criterion], Field(min_length=2, max_length=12)] = Field(
        description="The criteria (rows)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        values = [level.value for level in self.levels]
        if any(b <= a for a, b in zip(values, values[1:], strict=False)):
            raise ValueError("levels: de waarden moeten van laag naar hoog oplopen (bijvoorbeeld 3, 6, 8, 10)")
        level_ids = [level.id for level in self.levels]
        if len(set(level_ids)) != len(level_ids):
            raise ValueError("levels: elk niveau moet een eigen id hebben")
        ids = [c.id for c in self.criteria]
        doubles = sorted({i for i in ids if ids.count(i) > 1})
        if doubles:
            raise ValueError(f"criteria: dubbel criterium-id: {', '.join(doubles)}")
        total = sum(c.weight for c in self.criteria)
        if total != 100:
            raise ValueError(
                f"criteria.weight: de gewichten tellen op tot {total}% in plaats van 100%; pas ze aan"
                f" ({' + '.join(str(c.weight) for c in self.criteria)})"
            )
        for i, criterion in enumerate(self.criteria):
            missing = [lv for lv in level_ids if lv not in criterion.descriptors]
            if missing:
                raise ValueError(
                    f"criteria.{i}.descriptors: niveau '{missing[0]}' ontbreekt bij criterium '{criterion.id}';"
                    f" beschrijf elk niveau ({', '.join(level_ids)})"
                )
            extra = [key for key in criterion.descriptors if key not in level_ids]
            if extra:
                raise ValueError(
                    f"criteria.{i}.descriptors: onbekend niveau '{extra[0]}' bij criterium '{criterion.id}';"
                    f" kies uit {', '.join(level_ids)}"
                )
            if criterion.knockout:
                if criterion.standard is None:
                    raise ValueError(
                        f"criteria.{i}.standard: criterium '{criterion.id}' is een knock-out maar heeft geen norm;"
                        f" zet 'standard' op het laagste niveau dat nog voldoet"
                    )
                if criterion.standard not in level_ids:
                    raise ValueError(
                        f"criteria.{i}.standard: onbekend niveau '{criterion.standard}'; kies uit {', '.join(level_ids)}"
                    )
                if criterion.standard == level_ids[0]:
                    raise ValueError(
                        f"criteria.{i}.standard: de norm kan niet het laagste niveau zijn; dan kan niemand zakken"
                    )
            elif criterion.standard is not None:
                raise ValueError(f"criteria.{i}.standard: een norm hoort alleen bij een knock-out (knockout: true)")
        return self

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id (KeyError when unknown)."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def level_index(self, level_id: str) -> int:
        """Position of a level on the scale, 0 = lowest (ValueError when unknown)."""
        return [level.id for level in self.levels].index(level_id)


# --- studiewijzer -------------------------------------------------------------------------------------------------

WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


class HourKind(StrictModel):
    """A kind of study hours (contact, self-study, casework, portfolio)."""

    id: SlugId = Field(description="Short id used as a key in every week's hours.")
    label: ShortText = Field(description="Dutch name shown as a column header.")


class Due(StrictModel):
    """A deadline as week, weekday and time, so it moves with the start date of the cohort."""

    week: int = Field(ge=1, le=52, description="Week of the minor (1 = first week).")
    day: Literal["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"] = Field(
        description="Weekday of the deadline."
    )
    time: str = Field("17:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="Time of day, 24 h (HH:MM).")

    def on(self, start: date | None) -> date | None:
        """The calendar day, given the Monday of week 1 (None without a start date)."""
        if start is None:
            return None
        return start + timedelta(weeks=self.week - 1, days=WEEKDAYS.index(self.day))


class Product(StrictModel):
    """An assessed product of the module, with its rubric, weight in the module grade and deadline."""

    id: SlugId = Field(description="Stable id of the product.")
    title: ShortText = Field(description="Name of the product.")
    rubric: SlugId = Field(description="Id of its rubric in data/rubrics/.")
    weight: int = Field(ge=1, le=100, description="Weight in the module grade in percent (all add up to 100).")
    due: Due = Field(description="When it must be handed in or presented.")
    what: ShortText = Field(description="What to hand in or do, and how.")


class Week(StrictModel):
    """One week of the minor."""

    week: int = Field(ge=1, le=52, description="Number of the week, counted from 1.")
    theme: ShortText = Field(description="The theme of the week.")
    chapters: list[PageRef] = Field(default_factory=list, description="Chapters to study (docnames).")
    exercises: list[PageRef] = Field(default_factory=list, description="Exercise pages to do (docnames).")
    activities: Annotated[list[ShortText], Field(min_length=1, max_length=8)] = Field(
        description="What happens this week (meetings, casework, milestones)."
    )
    hours: dict[str, int] = Field(description="Study hours per kind of hours (keys from hour_kinds).")


class Studiewijzer(StrictModel):
    """The file data/studiewijzer.yaml: weeks, products, hours and deadlines of the minor."""

    ec: int = Field(ge=1, le=60, description="Credits of the minor.")
    hours_per_ec: int = Field(28, ge=25, le=30, description="Study hours per credit (28 in Dutch higher education).")
    start: date | None = Field(
        None, description="Monday of week 1 for this cohort; empty: deadlines are shown as week and day."
    )
    hour_kinds: Annotated[list[HourKind], Field(min_length=1, max_length=6)] = Field(
        description="The kinds of study hours, in column order."
    )
    weeks: Annotated[list[Week], Field(min_length=1, max_length=40)] = Field(description="The weeks, in order.")
    products: Annotated[list[Product], Field(min_length=1, max_length=8)] = Field(
        description="The assessed products that make up the module grade."
    )

    @field_validator("start")
    @classmethod
    def _monday(cls, start: date | None) -> date | None:
        if start is not None and start.weekday() != 0:
            raise ValueError(f"{start.isoformat()} is een {WEEKDAYS[start.weekday()]}; kies de maandag van week 1")
        return start

    @model_validator(mode="after")
    def _consistent(self) -> Studiewijzer:
        numbers = [w.week for w in self.weeks]
        if numbers != list(range(1, len(self.weeks) + 1)):
            raise ValueError(f"weeks: nummer de weken 1 tot en met {len(self.weeks)} op volgorde")
        kinds = [k.id for k in self.hour_kinds]
        for i, week in enumerate(self.weeks):
            unknown = [key for key in week.hours if key not in kinds]
            if unknown:
                raise ValueError(f"weeks.{i}.hours: onbekende soort uren '{unknown[0]}'; kies uit {', '.join(kinds)}")
            if any(value < 0 for value in week.hours.values()):
                raise ValueError(f"weeks.{i}.hours: uren kunnen niet negatief zijn")
        total = self.total_hours()
        expected = self.ec * self.hours_per_ec
        if total != expected:
            raise ValueError(
                f"weeks.hours: de uren tellen op tot {total}; {self.ec} EC is {expected} uur"
                f" ({self.ec} × {self.hours_per_ec}); verschil {expected - total:+d}"
            )
        weight = sum(p.weight for p in self.products)
        if weight != 100:
            raise ValueError(f"products.weight: de gewichten tellen op tot {weight}% in plaats van 100%")
        for i, product in enumerate(self.products):
            if product.due.week > len(self.weeks):
                raise ValueError(
                    f"products.{i}.due.week: week {product.due.week} bestaat niet; de minor heeft {len(self.weeks)} weken"
                )
        ids = [p.id for p in self.products]
        if len(set(ids)) != len(ids):
            raise ValueError("products: elk product moet een eigen id hebben")
        return self

    def total_hours(self) -> int:
        """All study hours of all weeks."""
        return sum(sum(w.hours.values()) for w in self.weeks)

    def hours_by_kind(self) -> dict[str, int]:
        """Total hours per kind, in column order."""
        return {k.id: sum(w.hours.get(k.id, 0) for w in self.weeks) for k in self.hour_kinds}


# --- the rubric widget ----------------------------------------------------------------------------------------------


class RubricSpec(StrictModel):
    """The {rubric} block: which rubric to show, and whether the lecturer mode is offered."""

    id: WidgetId = Field(description="Stable id of this placement; it keys the learner's saved scores.")
    rubric: SlugId = Field(description="Id of the rubric in data/rubrics/.")
    lecturer: bool = Field(True, description="Offer the lecturer's scoring mode next to the self-assessment.")

    def static_outline(self) -> list[dict]:
        """How the block reads without JavaScript; the full rubric table is rendered by the page itself."""
        return [{"strong": f"Beoordelingsrubric '{self.rubric}': kies per criterium een niveau en krijg een cijfer."}]


class RubricScoring(StrictModel):
    """One filled-in rubric: a level and written feedback per criterion."""

    scores: dict[str, str] = Field(default_factory=dict, description="Criterion id -> chosen level id.")
    feedback: dict[str, LongText] = Field(default_factory=dict, description="Criterion id -> written feedback.")
    general: LongText = Field("", description="General feedback on the whole product.")


@widget_state("rubric")
class RubricState(StrictModel):
    """The learner's self-assessment and, when a lecturer scored in this browser, the lecturer's scoring."""

    mode: Literal["zelf", "docent"] = Field("zelf", description="The mode last used.")
    student: str = Field("", max_length=200, description="Name of the student or group assessed (lecturer mode).")
    assessor: str = Field("", max_length=200, description="Name of the assessor (lecturer mode).")
    zelf: RubricScoring = Field(default_factory=RubricScoring, description="The student's self-assessment.")
    docent: RubricScoring = Field(default_factory=RubricScoring, description="The lecturer's scoring.")
