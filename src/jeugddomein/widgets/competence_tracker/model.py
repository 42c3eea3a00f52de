"""The competence framework of the minor (data/competences.yaml) and the competence tracker's spec and state."""

from __future__ import annotations

from typing import Annotated, Literal, TypeVar

from pydantic import ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ...models.base import LongText, ShortText, StrictModel, WidgetId, WidgetSpec
from ...models.jsontypes import JsonDate, JsonInt
from ...models.registry import widget_state

CompetenceId = Annotated[str, Field(pattern=r"^[a-z]+$")]
"""A competence id: lowercase letters only (e.g. `systemisch`)."""

ProfessionId = Literal["pabo", "social-work", "hbo-v"]
"""The three professions the minor brings together."""

PageRef = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9/_-]*$", max_length=200)]
"""A page of the book as its docname, without extension (e.g. `chapters/02-systeemtheorie/index`)."""


class CrossChecked(StrictModel):
    """A data file model with cross-field checks: `problems()`, raised by `raise_first` or reported by the loader."""

    def problems(self) -> list[tuple[tuple, str]]:
        """Cross-field problems as (YAML path, reason)."""
        raise NotImplementedError


Checked = TypeVar("Checked", bound=CrossChecked)


def raise_first(model: Checked, info: ValidationInfo) -> Checked:
    """Model-validator helper: raise the first of `model.problems()`, unless the loader reports them itself.

    The loader (models.rubrics.load_checked) validates with context `{"defer_checks": True}` and then reports every
    problem at its own field and line.
    """
    if info.context and info.context.get("defer_checks"):
        return model
    problems = model.problems()
    if problems:
        loc, reason = problems[0]
        raise ValueError(f"{'.'.join(map(str, loc))}: {reason}")
    return model


class Level(StrictModel):
    """One level of a competence, described as behaviour a student can recognise in themselves."""

    id: str = Field(pattern=r"^[a-z]+$", description="Short id of the level, the same in every competence.")
    label: ShortText = Field(description="Dutch name of the level, e.g. 'Beginnend'.")
    behaviour: Annotated[list[ShortText], Field(min_length=1, max_length=4)] = Field(
        description="One to four sentences of behaviour you can observe at this level (in the course's own words)."
    )


class Competence(StrictModel):
    """One of the seven competences of the minor."""

    id: CompetenceId = Field(description="Short id used in learning goals, rubrics and the mapping.")
    name: ShortText = Field(description="Dutch name of the competence.")
    description: ShortText = Field(description="What the competence means, in the course's own words.")
    t_shape: Literal["verticaal", "horizontaal", "beide"] = Field(
        "beide",
        description="Where the competence sits in the T: vertical leg (own profession), horizontal bar, or both.",
    )
    learning_outcomes: Annotated[list[ShortText], Field(min_length=1, max_length=6)] = Field(
        description="What a student can do at the end of the minor for this competence ('Je ...')."
    )
    knowledge: Annotated[list[ShortText], Field(min_length=1, max_length=6)] = Field(
        description="Knowledge the competence rests on."
    )
    skills: Annotated[list[ShortText], Field(min_length=1, max_length=6)] = Field(
        description="Skills the competence asks."
    )
    attitude: Annotated[list[ShortText], Field(min_length=1, max_length=6)] = Field(
        description="Attitude the competence asks."
    )
    levels: list[Level] = Field(description="Three or four levels, from low to high.")

    @field_validator("levels")
    @classmethod
    def _three_or_four(cls, levels: list[Level]) -> list[Level]:
        if not 3 <= len(levels) <= 4:
            raise ValueError(f"{len(levels)} niveaus gevonden; beschrijf er drie of vier, van laag naar hoog")
        return levels


class Profession(StrictModel):
    """A profession a student of the minor comes from: the vertical leg of their T."""

    id: ProfessionId = Field(description="Stable id, stored in the learner's competence tracker.")
    name: ShortText = Field(description="Dutch name, e.g. 'Pabo (leraar basisonderwijs)'.")
    depth: ShortText = Field(description="What depth in this profession means in this minor, in one sentence.")


class MappingItem(StrictModel):
    """A chapter, exercise or case and the competences it develops."""

    page: PageRef | None = Field(None, description="Docname of a chapter or exercise page (chapters and exercises).")
    case: str | None = Field(
        None, pattern=r"^[a-z0-9][a-z0-9-]*$", description="Id of a case file in data/cases/ (cases only)."
    )
    competences: Annotated[list[CompetenceId], Field(min_length=1, max_length=7)] = Field(
        description="Ids of the competences this item develops, most important first."
    )


class Mapping(StrictModel):
    """Which chapters, exercises and cases develop which competences (for evidence, suggestions and the T view)."""

    chapters: list[MappingItem] = Field(min_length=1, description="Every chapter of the book.")
    exercises: list[MappingItem] = Field(min_length=1, description="Every exercise page.")
    cases: list[MappingItem] = Field(default_factory=list, description="Cases in data/cases/ by their id.")

    @model_validator(mode="after")
    def _kinds(self) -> Mapping:
        for group in ("chapters", "exercises"):
            for item in getattr(self, group):
                if item.page is None or item.case is not None:
                    raise ValueError(f"{group}: geef elk item een 'page' (de pagina zonder .md) en geen 'case'")
        for item in self.cases:
            if item.case is None or item.page is not None:
                raise ValueError("cases: geef elk item een 'case' (het id van het casusbestand) en geen 'page'")
        return self


class CompetenceFramework(CrossChecked):
    """The file data/competences.yaml: competences, professions and the mapping of the book onto them."""

    competences: list[Competence] = Field(min_length=1, description="The competences of the minor.")
    professions: list[Profession] = Field(min_length=1, description="The professions a student can choose.")
    mapping: Mapping = Field(description="Chapters, exercises and cases and the competences they develop.")

    @field_validator("competences")
    @classmethod
    def _unique(cls, items: list[Competence]) -> list[Competence]:
        ids = [c.id for c in items]
        doubles = sorted({i for i in ids if ids.count(i) > 1})
        if doubles:
            raise ValueError(f"dubbele competentie-id's: {', '.join(doubles)}")
        return items

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> CompetenceFramework:
        return raise_first(self, info)

    def problems(self) -> list[tuple[tuple, str]]:
        """Cross-field problems as (YAML path, reason): one shared level scale, known ids in the mapping."""
        out: list[tuple[tuple, str]] = []
        scale = [level.id for level in self.competences[0].levels]
        for i, competence in enumerate(self.competences[1:], 1):
            ids = [level.id for level in competence.levels]
            for j, level_id in enumerate(ids):
                if j >= len(scale) or level_id != scale[j]:
                    out.append(
                        (
                            ("competences", i, "levels", j, "id"),
                            f"competentie '{competence.id}' noemt dit niveau '{level_id}'; gebruik in elke competentie"
                            f" dezelfde niveaus in dezelfde volgorde ({', '.join(scale)})",
                        )
                    )
                    break
            else:
                if len(ids) != len(scale):
                    out.append(
                        (
                            ("competences", i, "levels"),
                            f"competentie '{competence.id}' heeft {len(ids)} niveaus, de eerste competentie"
                            f" {len(scale)}; gebruik overal dezelfde niveaus ({', '.join(scale)})",
                        )
                    )
        known = self.ids()
        for group in ("chapters", "exercises", "cases"):
            for i, item in enumerate(getattr(self.mapping, group)):
                for j, cid in enumerate(item.competences):
                    if cid not in known:
                        out.append(
                            (
                                ("mapping", group, i, "competences", j),
                                f"onbekende competentie '{cid}'; kies uit {', '.join(known)}",
                            )
                        )
        return out

    def ids(self) -> list[str]:
        """The competence ids in order."""
        return [c.id for c in self.competences]

    def by_id(self, competence_id: str) -> Competence:
        """The competence with this id (KeyError when unknown)."""
        for competence in self.competences:
            if competence.id == competence_id:
                return competence
        raise KeyError(competence_id)

    def scale(self) -> list[Level]:
        """The shared level scale (labels of the first competence)."""
        return self.competences[0].levels

    def pages_for(self, competence_id: str) -> list[str]:
        """Docnames of chapters and exercises that develop a competence, chapters first."""
        return [
            item.page
            for item in (*self.mapping.chapters, *self.mapping.exercises)
            if competence_id in item.competences and item.page
        ]


class Moment(StrictModel):
    """A moment at which the learner assesses themselves."""

    id: str = Field(pattern=r"^[a-z0-9-]{1,20}$", description="Stable id of the moment, stored with each assessment.")
    label: ShortText = Field(description="Dutch name of the moment, e.g. 'Start van de minor'.")


DEFAULT_MOMENTS = [
    Moment(id="start", label="Start van de minor"),
    Moment(id="midden", label="Halverwege"),
    Moment(id="eind", label="Eind van de minor"),
]


class CompetenceTrackerSpec(WidgetSpec):
    """The {competence-tracker} block: which moments the learner can assess at."""

    id: WidgetId = Field(description="Stable id of the tracker; it keys the learner's saved self-assessments.")
    weekly: bool = Field(
        False, description="Also offer one moment per week of the studiewijzer (data/studiewijzer.yaml)."
    )
    moments: Annotated[list[Moment], Field(min_length=2, max_length=30)] = Field(
        default_factory=lambda: list(DEFAULT_MOMENTS), description="The moments, in time order."
    )

    @field_validator("moments")
    @classmethod
    def _unique_moments(cls, moments: list[Moment]) -> list[Moment]:
        ids = [m.id for m in moments]
        if len(set(ids)) != len(ids):
            raise ValueError("elk moment moet een eigen id hebben")
        return moments

    def static_outline(self) -> list[dict]:
        """How the tracker reads without JavaScript (search, print)."""
        return [
            {"strong": "Schat jezelf in op de zeven competenties van de minor, op meerdere momenten, met bewijs."},
            {"ul": [m.label for m in self.moments]},
            {"p": "Deze oefening heeft JavaScript nodig; de competenties en niveaus staan ook op deze pagina."},
        ]


VISIBLE_TEXT = r"[^\s\u0085\ufeff]"
"""At least one character that is not white space (the same characters in Python's and JavaScript's regexes)."""


class Evidence(StrictModel):
    """Evidence for a self-assessment: a piece of work from the learner store, or a note / URL (kept as text)."""

    # The rule of `_ref_for_work`, stated in the JSON schema too, so the browser's import checks it.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"kind": {"const": "werk"}}, "required": ["kind"]},
            "then": {"properties": {"ref": {"type": "string", "minLength": 1}}, "required": ["ref"]},
        }
    )

    kind: Literal["werk", "notitie"] = Field(description="'werk': work in this course; 'notitie': external note.")
    ref: str = Field("", max_length=80, description="Widget id of the work (kind 'werk'); empty for a note.")
    label: str = Field(
        min_length=1, max_length=2000, pattern=VISIBLE_TEXT, description="What the evidence is, as the learner sees it."
    )
    url: str = Field("", max_length=500, description="Optional web address of external evidence, shown as text.")

    @model_validator(mode="after")
    def _ref_for_work(self) -> Evidence:
        if self.kind == "werk" and not self.ref:
            raise ValueError("bewijs van het soort 'werk' heeft een 'ref' (het id van de oefening) nodig")
        return self


class SelfAssessment(StrictModel):
    """One self-assessment: a competence at a moment, with a level, motivation and evidence."""

    competence: CompetenceId = Field(description="Id of the competence.")
    moment: str = Field(pattern=r"^[a-z0-9-]{1,20}$", description="Id of the moment.")
    level: JsonInt = Field(ge=1, le=4, description="Chosen level, 1 = the lowest of the scale.")
    motivation: LongText = Field("", description="Why the learner chose this level.")
    evidence: list[Evidence] = Field(default_factory=list, max_length=20, description="Evidence for the level.")
    day: JsonDate = Field(description="Day of the assessment (ISO).")


@widget_state("competence-tracker")
class CompetenceTrackerState(StrictModel):
    """A learner's competence profile: their profession and every self-assessment."""

    profession: Literal["", "pabo", "social-work", "hbo-v"] = Field(
        "", description="The learner's own profession (empty until chosen)."
    )
    assessments: list[SelfAssessment] = Field(
        default_factory=list, max_length=400, description="Self-assessments, one per competence and moment."
    )

    @field_validator("assessments")
    @classmethod
    def _one_per_moment(cls, items: list[SelfAssessment]) -> list[SelfAssessment]:
        seen = set()
        for item in items:
            key = (item.competence, item.moment)
            if key in seen:
                raise ValueError(f"twee inschattingen voor '{item.competence}' op moment '{item.moment}'")
            seen.add(key)
        return items
