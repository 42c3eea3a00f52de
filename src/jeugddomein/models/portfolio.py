"""The portfolio export: one JSON file with everything a learner made (schema source of truth)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, create_model, field_validator

from .base import StrictModel, WidgetId
from .jsontypes import FormatVersion1, JsonDateTime
from .registry import load_all_models

PORTFOLIO_FORMAT = "jeugddomein-portfolio"
SCHEMA_VERSION = 1


class EntryBase(StrictModel):
    """Fields every saved piece of work has; subclasses add `widget` (its type) and `state`."""

    id: WidgetId = Field(description="The widget placement the work belongs to.")
    page: str = Field("", max_length=300, description="The page (docname) the widget stands on.")
    updated: JsonDateTime = Field(description="When the learner last changed this work (ISO 8601).")


def entry_model(widget_name: str, state_model: type[BaseModel]) -> type[EntryBase]:
    """The portfolio entry model of one widget type."""
    name = "".join(part.title() for part in widget_name.split("-")) + "Entry"
    widget_type: Any = Literal[widget_name]  # a Literal of a runtime value: no static type can name it
    return create_model(
        name,
        __base__=EntryBase,
        __doc__=f"Saved work of a '{widget_name}' widget.",
        widget=(widget_type, Field(description="Widget type.")),
        state=(state_model, Field(description="The learner's work.")),
    )


ENTRY_MODELS: dict[str, type[EntryBase]] = {
    name: entry_model(name, state) for name, state in sorted(load_all_models().items())
}
if TYPE_CHECKING:

    class PortfolioEntry(EntryBase):
        """How type checkers see an entry: the model of `state` depends on `widget`, so narrow on `widget` first."""

        widget: str
        state: Any

else:
    PortfolioEntry = Annotated[Union[tuple(ENTRY_MODELS.values())], Field(discriminator="widget")]  # noqa: UP007


class Portfolio(StrictModel):
    """Everything one learner made in the course, as exported from the browser."""

    format: Literal["jeugddomein-portfolio"] = Field(description="Marks the file as a portfolio of this course.")
    schema_version: FormatVersion1 = Field(description="Version of this file format.")
    course: str = Field(min_length=1, max_length=100, description="Id of the course the work belongs to.")
    course_version: str = Field(max_length=40, description="Version of the course build that exported it.")
    exported_at: JsonDateTime = Field(description="When the file was exported.")
    learner: str = Field("", max_length=200, description="Optional name the learner gave on export.")
    entries: list[PortfolioEntry] = Field(max_length=5000, description="One entry per widget placement.")

    @field_validator("entries")
    @classmethod
    def _unique_ids(cls, entries: list) -> list:
        seen: set[str] = set()
        for entry in entries:
            if entry.id in seen:
                raise ValueError(f"het id '{entry.id}' komt twee keer voor")
            seen.add(entry.id)
        return entries

    @classmethod
    def from_file(cls, path: Path) -> Portfolio:
        """Read and validate an exported portfolio file."""
        return cls.model_validate_json(Path(path).read_bytes())


def portfolio_json_schema() -> dict:
    """The JSON schema of the export, as shipped to the browser and committed in `schema/`."""
    schema = Portfolio.model_json_schema()
    schema["$id"] = f"{PORTFOLIO_FORMAT}.schema.json"
    return schema


def dump_schema() -> str:
    """The committed schema file's exact text."""
    return json.dumps(portfolio_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
