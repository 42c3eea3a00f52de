"""Models of the course content kept as data: glossary, charts, competences, learning goals."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import ShortText, StrictModel


class GlossaryEntry(StrictModel):
    """One term of the book's glossary (begrippenlijst)."""

    term: ShortText = Field(description="The term as it appears in the glossary and in {term} links.")
    definition: ShortText = Field(description="A short definition in the course's own words.")


class ChartSpec(StrictModel):
    """A chart drawn at build time from a CSV of figures that stand in a source."""

    title: ShortText = Field(description="Title above the chart.")
    description: ShortText = Field(description="Text alternative: what the chart shows, with the main numbers.")
    csv: str = Field(pattern=r"^figures/[a-z0-9._-]+\.csv$", description="CSV path relative to data/.")
    mark: Literal["bar", "line", "point"] = Field(description="How values are drawn.")
    x: str = Field(min_length=1, description="Column on the category axis.")
    y: str = Field(min_length=1, description="Numeric column on the value axis.")
    group: str | None = Field(None, description="Optional second category: grouped bars or one line per group.")
    x_title: ShortText = Field(description="Axis title of x.")
    y_title: ShortText = Field(description="Axis title of y.")
    y_min: float | None = Field(None, description="Lower end of the value axis.")
    y_max: float | None = Field(None, description="Upper end of the value axis.")
    caveat: ShortText | None = Field(None, description="A reservation about the figures, shown under the chart.")

    @model_validator(mode="after")
    def _domain_order(self) -> ChartSpec:
        if self.y_min is not None and self.y_max is not None and self.y_min >= self.y_max:
            raise ValueError("y_min moet kleiner zijn dan y_max")
        return self


class Competence(StrictModel):
    """One of the seven competences of the minor."""

    id: str = Field(pattern=r"^[a-z]+$", description="Short id used in learning goals and mappings.")
    name: ShortText = Field(description="Dutch name of the competence.")
    description: ShortText = Field(description="What the competence means, in the course's own words.")


class CompetenceFramework(StrictModel):
    """The file data/competences.yaml."""

    competences: list[Competence] = Field(min_length=1, description="The competences of the minor.")

    @field_validator("competences")
    @classmethod
    def _unique(cls, items: list[Competence]) -> list[Competence]:
        ids = [c.id for c in items]
        doubles = sorted({i for i in ids if ids.count(i) > 1})
        if doubles:
            raise ValueError(f"dubbele competentie-id's: {', '.join(doubles)}")
        return items


class LearningGoals(StrictModel):
    """The options of a {learning-goals} block."""

    competences: list[str] = Field(min_length=1, description="Ids of the competences the goals serve.")
