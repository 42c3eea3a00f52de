"""Knowledge check: a question with options, feedback per option and a retry."""

from __future__ import annotations

import pandas as pd
import traitlets

from ..base import CourseWidget
from .model import KnowledgeCheckSpec, KnowledgeCheckState


class KnowledgeCheck(CourseWidget):
    """Multiple choice (one answer) or multiple answer question. `answer(...)` checks from Python."""

    widget_name = "knowledge-check"
    label = "Kennischeck"
    module = "knowledge_check"
    spec_model = KnowledgeCheckSpec
    state_model = KnowledgeCheckState

    question = traitlets.Unicode(help="The question.").tag(sync=True)
    multiple = traitlets.Bool(False, help="Several options may be correct.").tag(sync=True)
    options = traitlets.List(traitlets.Dict(), help="Options with text, correct, feedback.").tag(sync=True)
    selected = traitlets.List(traitlets.Int(), help="Chosen option indexes.").tag(sync=True, learner=True)
    checked = traitlets.Bool(False, help="Whether the answer was checked.").tag(sync=True, learner=True)
    correct = traitlets.Bool(None, allow_none=True, help="Result of the last check.").tag(sync=True, learner=True)
    attempts = traitlets.Int(0, help="Number of checks.").tag(sync=True, learner=True)

    def is_right(self, selected: list[int]) -> bool:
        """Whether exactly the correct options are chosen."""
        chosen = set(selected)
        return all(option["correct"] == (i in chosen) for i, option in enumerate(self.options))

    def answer(self, *indexes: int) -> bool:
        """Choose options (0-based) and check them, as the learner's 'Controleer' button does."""
        if not indexes:
            raise ValueError("Kies minstens één optie.")
        if any(i < 0 or i >= len(self.options) for i in indexes):
            raise IndexError(f"Kies opties tussen 0 en {len(self.options) - 1}.")
        if not self.multiple and len(indexes) > 1:
            raise ValueError("Bij deze vraag hoort één antwoord.")
        self.selected = sorted(set(indexes))
        self.correct = self.is_right(self.selected)
        self.attempts += 1
        self.checked = True
        return self.correct

    def retry(self) -> None:
        """Clear the answer, keeping the number of attempts."""
        self.checked, self.correct, self.selected = False, None, []

    def to_frame(self) -> pd.DataFrame:
        """One row per option: text, whether it is correct, whether it was chosen, its feedback."""
        chosen = set(self.selected)
        return pd.DataFrame(
            [
                {
                    "optie": i,
                    "tekst": option["text"],
                    "juist": option["correct"],
                    "gekozen": i in chosen,
                    "feedback": option["feedback"],
                }
                for i, option in enumerate(self.options)
            ]
        )
