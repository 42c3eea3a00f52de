"""The strict base model every data file and export is checked with."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

WidgetId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$"),
]
"""A stable id of one widget placement: lowercase letters, digits and hyphens (it keys the learner's saved work)."""

ShortText = Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True)]
"""A non-empty line or paragraph of course text."""

LongText = Annotated[str, StringConstraints(max_length=20000)]
"""Free text written by a learner."""


class StrictModel(BaseModel):
    """Base for every model: unknown keys are errors, so typos in hand-written YAML surface at once."""

    model_config = ConfigDict(extra="forbid", validate_default=True, frozen=False)


class WidgetSpec(StrictModel):
    """Base of every widget's spec (what an author writes in a directive): each placement has a stable id.

    Subclasses declare `id` again with their own description."""

    id: WidgetId

    def static_outline(self) -> list[dict]:
        """How the widget reads without JavaScript (search, print), as blocks; each widget's spec says its own."""
        raise NotImplementedError(f"{type(self).__name__} has no static outline")
