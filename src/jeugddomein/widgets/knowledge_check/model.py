"""Spec (what the author writes) and state (what the learner makes) of a knowledge check."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict, model_validator

from ...models.base import ShortText, StrictModel, WidgetId, WidgetSpec
from ...models.jsontypes import WHOLE_NUMBER, JsonBool, JsonInt
from ...models.registry import widget_state


class OptionSpec(StrictModel):
    """One answer option of a knowledge check."""

    text: ShortText = Field(description="The option as the learner reads it.")
    correct: bool = Field(description="Whether choosing this option is right.")
    feedback: ShortText = Field(description="Why this option is (not) right, shown after checking.")


class KnowledgeCheckSpec(WidgetSpec):
    """A multiple-choice (one answer) or multiple-answer question with feedback per option."""

    id: WidgetId = Field(description="Stable id of this check; it keys the learner's saved answer.")
    question: ShortText = Field(description="The question.")
    multiple: bool = Field(False, description="True: more than one option may be correct (checkboxes).")
    options: Annotated[list[OptionSpec], Field(min_length=2, max_length=8)] = Field(description="Two to eight options.")

    def static_outline(self) -> list[dict]:
        """How the check reads without JavaScript (search, print): the question and the options."""
        return [{"strong": self.question}, {"ul": [option.text for option in self.options]}]

    @model_validator(mode="after")
    def _check_correct_count(self) -> KnowledgeCheckSpec:
        right = sum(option.correct for option in self.options)
        if right == 0:
            raise ValueError("geen enkele optie heeft 'correct: true'; markeer het juiste antwoord")
        if not self.multiple and right > 1:
            raise ValueError(
                f"{right} opties zijn juist maar 'multiple' is false; zet 'multiple: true' of houd één juiste optie"
            )
        return self


@widget_state("knowledge-check")
class KnowledgeCheckState(StrictModel):
    """What a learner did with a knowledge check."""

    selected: list[Annotated[int, Field(ge=0, le=7), Strict(), WHOLE_NUMBER]] = Field(
        default_factory=list, max_length=8, description="Indexes of the chosen options."
    )
    checked: JsonBool = Field(False, description="Whether the learner has checked the answer.")
    correct: JsonBool | None = Field(None, description="Result of the last check; null before checking.")
    attempts: JsonInt = Field(0, ge=0, le=10000, description="How many times the learner checked.")
