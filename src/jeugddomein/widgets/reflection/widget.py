"""Reflection prompt: free text that goes into the learner's portfolio."""

from __future__ import annotations

import pandas as pd
import traitlets

from ..base import CourseWidget
from .model import ReflectionSpec, ReflectionState


class Reflection(CourseWidget):
    """A reflection question with a text box; the text is saved as the learner types."""

    widget_name = "reflection"
    label = "Reflectie"
    module = "reflection"
    spec_model = ReflectionSpec
    state_model = ReflectionState

    prompt = traitlets.Unicode(help="The reflection question.").tag(sync=True)
    hint = traitlets.Unicode(None, allow_none=True, help="Optional nudge.").tag(sync=True)
    text = traitlets.Unicode("", help="What the learner wrote.").tag(sync=True, learner=True)

    @property
    def word_count(self) -> int:
        """Number of words written."""
        return len(self.text.split())

    def to_frame(self) -> pd.DataFrame:
        """One row: id, prompt, text and word count."""
        return pd.DataFrame(
            [{"id": self.widget_id, "vraag": self.prompt, "tekst": self.text, "woorden": self.word_count}]
        )
