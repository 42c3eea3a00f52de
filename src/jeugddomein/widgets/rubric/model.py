"""Models of the module assessment: rubrics (data/rubrics/*.yaml), the studiewijzer, and the rubric widget."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from ...loading import DataError
from ...models.base import LongText, ShortText, StrictModel, WidgetId, WidgetSpec
from ...models.registry import widget_state
from ..competence_tracker.model import Checked, CompetenceFramework, CompetenceId, CrossChecked, PageRef, raise_first

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


class Rubric(CrossChecked):
    """A rubric for one assessed product of the module (one file in data/rubrics/)."""

    id: SlugId = Field(description="Id of the rubric; equal to the file name without .yaml.")
    title: ShortText = Field(description="Name of the assessed product.")
    kind: Literal["groep", "individueel"] = Field(description="Whether a group or each student delivers it.")
    description: ShortText = Field(description="What the product is and what it is for.")
    assessors: ShortText = Field(description="Who assesses, e.g. 'twee docenten, de opdrachtgever adviseert'.")
    levels: Annotated[list[RubricLevel], Field(min_length=3, max_length=5)] = Field(
        description="The levels from low to high, with their values on the 1-10 scale."
    )
    criteria: Annotated[list[Criterion], Field(min_length=2, max_length=12)] = Field(description="The criteria (rows).")

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Rubric:
        return raise_first(self, info)

    def problems(self) -> list[tuple[tuple, str]]:
        """Cross-field problems as (YAML path, reason): weights, levels, descriptors, knock-out standards."""
        out: list[tuple[tuple, str]] = []
        values = [level.value for level in self.levels]
        if any(b <= a for a, b in pairwise(values)):
            out.append((("levels",), "de waarden moeten van laag naar hoog oplopen (bijvoorbeeld 4, 6, 8, 10)"))
        level_ids = [level.id for level in self.levels]
        if len(set(level_ids)) != len(level_ids):
            out.append((("levels",), "elk niveau moet een eigen id hebben"))
        ids = [c.id for c in self.criteria]
        for i, cid in enumerate(ids):
            if cid in ids[:i]:
                out.append((("criteria", i, "id"), f"dubbel criterium-id '{cid}'; geef elk criterium een eigen id"))
        total = sum(c.weight for c in self.criteria)
        if total != 100:
            out.append(
                (
                    ("criteria", 0, "weight"),
                    f"de gewichten tellen op tot {total}% in plaats van 100%"
                    f" ({' + '.join(str(c.weight) for c in self.criteria)}); pas ze aan",
                )
            )
        for i, criterion in enumerate(self.criteria):
            for level in level_ids:
                if level not in criterion.descriptors:
                    out.append(
                        (
                            ("criteria", i, "descriptors"),
                            f"niveau '{level}' ontbreekt bij criterium '{criterion.id}'; beschrijf elk niveau"
                            f" ({', '.join(level_ids)})",
                        )
                    )
            for key in criterion.descriptors:
                if key not in level_ids:
                    out.append(
                        (
                            ("criteria", i, "descriptors", key),
                            f"onbekend niveau '{key}' bij criterium '{criterion.id}'; kies uit {', '.join(level_ids)}",
                        )
                    )
            if criterion.knockout:
                if criterion.standard is None:
                    out.append(
                        (
                            ("criteria", i, "knockout"),
                            f"criterium '{criterion.id}' is een knock-out maar heeft geen norm;"
                            " zet 'standard' op het laagste niveau dat nog voldoet",
                        )
                    )
                elif criterion.standard not in level_ids:
                    out.append(
                        (
                            ("criteria", i, "standard"),
                            f"onbekend niveau '{criterion.standard}'; kies uit {', '.join(level_ids)}",
                        )
                    )
                elif criterion.standard == level_ids[0]:
                    out.append(
                        (
                            ("criteria", i, "standard"),
                            "de norm kan niet het laagste niveau zijn; dan kan niemand zakken",
                        )
                    )
            elif criterion.standard is not None:
                out.append((("criteria", i, "standard"), "een norm hoort alleen bij een knock-out (knockout: true)"))
        return out

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


class Studiewijzer(CrossChecked):
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
    def _consistent(self, info: ValidationInfo) -> Studiewijzer:
        return raise_first(self, info)

    def problems(self) -> list[tuple[tuple, str]]:
        """Cross-field problems as (YAML path, reason): week numbers, hours, weights, deadlines."""
        out: list[tuple[tuple, str]] = []
        for i, week in enumerate(self.weeks):
            if week.week != i + 1:
                out.append((("weeks", i, "week"), f"verwacht week {i + 1}; nummer de weken op volgorde vanaf 1"))
        kinds = [k.id for k in self.hour_kinds]
        for i, week in enumerate(self.weeks):
            for key, value in week.hours.items():
                if key not in kinds:
                    out.append(
                        (("weeks", i, "hours", key), f"onbekende soort uren '{key}'; kies uit {', '.join(kinds)}")
                    )
                if value < 0:
                    out.append((("weeks", i, "hours", key), "uren kunnen niet negatief zijn"))
        total = self.total_hours()
        expected = self.ec * self.hours_per_ec
        if total != expected:
            out.append(
                (
                    ("weeks",),
                    f"de uren tellen op tot {total}; {self.ec} EC is {expected} uur"
                    f" ({self.ec} × {self.hours_per_ec}); verschil {expected - total:+d}",
                )
            )
        weight = sum(p.weight for p in self.products)
        if weight != 100:
            out.append((("products", 0, "weight"), f"de gewichten tellen op tot {weight}% in plaats van 100%"))
        for i, product in enumerate(self.products):
            if product.due.week > len(self.weeks):
                out.append(
                    (
                        ("products", i, "due", "week"),
                        f"week {product.due.week} bestaat niet; de minor heeft {len(self.weeks)} weken",
                    )
                )
            if product.id in [p.id for p in self.products[:i]]:
                out.append((("products", i, "id"), f"dubbel product-id '{product.id}'"))
        return out

    def total_hours(self) -> int:
        """All study hours of all weeks."""
        return sum(sum(w.hours.values()) for w in self.weeks)

    def hours_by_kind(self) -> dict[str, int]:
        """Total hours per kind, in column order."""
        return {k.id: sum(w.hours.get(k.id, 0) for w in self.weeks) for k in self.hour_kinds}


# --- the rubric widget ----------------------------------------------------------------------------------------------


class RubricSpec(WidgetSpec):
    """The {rubric} block: which rubric to show, and whether the lecturer mode is offered."""

    id: WidgetId = Field(description="Stable id of this placement; it keys the learner's saved scores.")
    rubric: SlugId = Field(description="Id of the rubric in data/rubrics/.")
    lecturer: bool = Field(True, description="Offer the lecturer's scoring mode next to the self-assessment.")

    def static_outline(self) -> list[dict]:
        """How the block reads without JavaScript; the full rubric table is rendered by the page itself."""
        return [{"strong": f"Beoordelingsrubric '{self.rubric}': kies per criterium een niveau en krijg een cijfer."}]


RubricMode = Literal["zelf", "docent"]
"""Whose scoring: the student's self-assessment or the lecturer's."""


class RubricScoring(StrictModel):
    """One filled-in rubric: a level and written feedback per criterion."""

    scores: dict[str, str] = Field(default_factory=dict, description="Criterion id -> chosen level id.")
    feedback: dict[str, LongText] = Field(default_factory=dict, description="Criterion id -> written feedback.")
    general: LongText = Field("", description="General feedback on the whole product.")


@widget_state("rubric")
class RubricState(StrictModel):
    """The learner's self-assessment and, when a lecturer scored in this browser, the lecturer's scoring."""

    mode: RubricMode = Field("zelf", description="The mode last used.")
    student: str = Field("", max_length=200, description="Name of the student or group assessed (lecturer mode).")
    assessor: str = Field("", max_length=200, description="Name of the assessor (lecturer mode).")
    zelf: RubricScoring = Field(default_factory=RubricScoring, description="The student's self-assessment.")
    docent: RubricScoring = Field(default_factory=RubricScoring, description="The lecturer's scoring.")


RUBRIC_EXPORT_FORMAT: Final = "jeugddomein-rubric"
"""Marks a file written by the rubric widget's export button."""


class RubricExport(StrictModel):
    """One filled-in rubric as the widget exports it ('Exporteer als JSON'), e.g. a lecturer's scoring of a student."""

    format: Literal["jeugddomein-rubric"] = Field(description="Marks the file as a rubric export of this course.")
    rubric: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$", description="Id of the rubric (data/rubrics/).")
    title: str = Field("", max_length=200, description="Title of the rubric.")
    mode: RubricMode = Field(description="Self-assessment or the lecturer's scoring.")
    student: str = Field("", max_length=200, description="The student or group assessed.")
    assessor: str = Field("", max_length=200, description="The assessor (lecturer's scoring only).")
    exported_at: datetime = Field(description="When the file was exported (ISO 8601).")
    scores: dict[str, str] = Field(default_factory=dict, description="Criterion id -> chosen level id.")
    feedback: dict[str, LongText] = Field(default_factory=dict, description="Criterion id -> written feedback.")
    general: LongText = Field("", description="General feedback on the whole product.")
    result: dict[str, Any] = Field(
        default_factory=dict, description="The grade as the widget computed it (for reading; tools compute it again)."
    )


# --- loading with cross-file checks -------------------------------------------------------------------------------


def _problem(path: Path, root: Path, loc: tuple, reason: str) -> DataError:
    """A DataError at the line of `loc` (a YAML path) in `path`."""
    from ...loading import located

    return located(_relative(path, root), path.read_text(encoding="utf-8"), [(loc, reason)])


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def load_checked(model: type[Checked], path: Path, root: Path) -> Checked:
    """Load a YAML file like loading.load_yaml_file, but report cross-field problems at their own field and line."""
    import yaml

    from ...loading import load_yaml_text, located

    text = path.read_text(encoding="utf-8")
    source = _relative(path, root)
    try:
        data = yaml.safe_load(text)
        obj = model.model_validate(data, context={"defer_checks": True})
    except (yaml.YAMLError, ValidationError):
        load_yaml_text(model, text, source)  # raises the shared loader's DataError (file, line, field, reason)
        raise
    problems = obj.problems()
    if problems:
        raise located(source, text, problems)
    return obj


def load_framework(data: Path) -> CompetenceFramework:
    """Load and validate data/competences.yaml."""
    return load_checked(CompetenceFramework, data / "competences.yaml", data.parent)


def load_rubric_file(path: Path, data: Path, framework: CompetenceFramework | None = None) -> Rubric:
    """Load one rubric file and check its id against the file name and its competences against the framework."""
    rubric = load_checked(Rubric, path, data.parent)
    if rubric.id != path.stem:
        raise _problem(
            path, data.parent, ("id",), f"het id '{rubric.id}' moet gelijk zijn aan de bestandsnaam '{path.stem}'"
        )
    framework = framework or load_framework(data)
    known = framework.ids()
    for i, criterion in enumerate(rubric.criteria):
        for j, cid in enumerate(criterion.competences):
            if cid not in known:
                raise _problem(
                    path,
                    data.parent,
                    ("criteria", i, "competences", j),
                    f"onbekende competentie '{cid}'; kies uit {', '.join(known)} (data/competences.yaml)",
                )
    return rubric


def load_rubric(rubric_id: str, data: Path, framework: CompetenceFramework | None = None) -> Rubric:
    """Load data/rubrics/<rubric_id>.yaml (DataError when it does not exist)."""
    path = data / "rubrics" / f"{rubric_id}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in (data / "rubrics").glob("*.yaml"))
        raise DataError("data/rubrics", [(None, "rubric", f"geen rubric '{rubric_id}'; kies uit {', '.join(known)}")])
    return load_rubric_file(path, data, framework)


def load_rubrics(data: Path, framework: CompetenceFramework | None = None) -> dict[str, Rubric]:
    """Every rubric in data/rubrics/, by id."""
    framework = framework or load_framework(data)
    return {path.stem: load_rubric_file(path, data, framework) for path in sorted((data / "rubrics").glob("*.yaml"))}


def load_studiewijzer(data: Path, rubrics: dict[str, Rubric] | None = None) -> Studiewijzer:
    """Load data/studiewijzer.yaml and check that every product has a rubric."""
    path = data / "studiewijzer.yaml"
    plan = load_checked(Studiewijzer, path, data.parent)
    rubrics = load_rubrics(data) if rubrics is None else rubrics
    for i, product in enumerate(plan.products):
        if product.rubric not in rubrics:
            raise _problem(
                path,
                data.parent,
                ("products", i, "rubric"),
                f"geen rubric '{product.rubric}' in data/rubrics/; kies uit {', '.join(sorted(rubrics))}",
            )
    return plan


MAPPED_PREFIXES = ("chapters/0", "exercises/")
"""Pages that must appear in the competence mapping."""


def check_pages(
    framework: CompetenceFramework, plan: Studiewijzer | None, pages: set[str], data: Path
) -> list[DataError]:
    """Problems with references: pages in the mapping or studiewijzer that are not in the book, unknown cases."""
    problems: list[DataError] = []
    comp_path = data / "competences.yaml"
    mapped: set[str] = set()
    for group in ("chapters", "exercises"):
        for i, item in enumerate(getattr(framework.mapping, group)):
            mapped.add(item.page or "")
            if item.page not in pages:
                problems.append(
                    _problem(
                        comp_path,
                        data.parent,
                        ("mapping", group, i, "page"),
                        f"de pagina '{item.page}' staat niet in de inhoudsopgave (_toc.yml); controleer de naam",
                    )
                )
    cases = {p.stem for p in (data / "cases").glob("*.yaml")} if (data / "cases").is_dir() else set()
    for i, item in enumerate(framework.mapping.cases):
        if item.case not in cases:
            problems.append(
                _problem(
                    comp_path,
                    data.parent,
                    ("mapping", "cases", i, "case"),
                    f"er is geen casus '{item.case}' in data/cases/; controleer het id",
                )
            )
    if plan is not None:
        plan_path = data / "studiewijzer.yaml"
        for i, week in enumerate(plan.weeks):
            for field in ("chapters", "exercises"):
                for j, page in enumerate(getattr(week, field)):
                    if page not in pages:
                        problems.append(
                            _problem(
                                plan_path,
                                data.parent,
                                ("weeks", i, field, j),
                                f"de pagina '{page}' staat niet in de inhoudsopgave (_toc.yml); controleer de naam",
                            )
                        )
    return problems


def unmapped(framework: CompetenceFramework, pages: set[str], data: Path) -> list[str]:
    """Chapters, exercise pages and cases the mapping does not mention yet (a case page counts as its case)."""
    mapped = {item.page for item in (*framework.mapping.chapters, *framework.mapping.exercises)}
    cases = {item.case for item in framework.mapping.cases}
    missing = []
    for page in sorted(pages):
        if page.startswith("exercises/casussen/"):
            if page.rsplit("/", 1)[1] not in cases:
                missing.append(f"casus {page.rsplit('/', 1)[1]}")
        elif page not in mapped and (page.startswith(MAPPED_PREFIXES) or page == "chapters/docenten/index"):
            missing.append(page)
    if (data / "cases").is_dir():
        missing += [f"casus {p.stem}" for p in sorted((data / "cases").glob("*.yaml")) if p.stem not in cases]
    return sorted(set(missing))
