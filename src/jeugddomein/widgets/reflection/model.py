"""Spec (what the author writes) and state (what the learner makes) of a reflection prompt."""

from __future__ import annotations

from pydantic import Field

from ...models.base import LongText, ShortText, StrictModel, WidgetId, WidgetSpec
from ...models.registry import widget_state


class ReflectionSpec(WidgetSpec):
    """A free-text reflection prompt whose answer goes into the portfolio."""

    id: WidgetId = Field(description="Stable id of this prompt; it keys the learner's saved text.")
    prompt: ShortText = Field(description="The reflection question.")
    hint: ShortText | None = Field(None, description="Optional nudge to get started.")

    def static_outline(self) -> list[dict]:
        """How the prompt reads without JavaScript (search, print)."""
        return [{"strong": self.prompt}] + ([{"p": self.hint}] if self.hint else [])


@widget_state("reflection")
class ReflectionState(StrictModel):
    """A learner's reflection text."""

    text: LongText = Field("", description="What the learner wrote.")
