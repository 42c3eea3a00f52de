"""Models of the course content kept as data: glossary, charts, competences, learning goals."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..widgets.competence_tracker.model import Competence, CompetenceFramework
from .base import ShortText, StrictModel

__all__ = ["ChartSpec", "Competence", "CompetenceFramework", "GlossaryEntry", "LearningGoals"]


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


class LearningGoals(StrictModel):
    """The options of a {learning-goals} block."""

    competences: list[str] = Field(min_length=1, description="Ids of the competences the goals serve.")
