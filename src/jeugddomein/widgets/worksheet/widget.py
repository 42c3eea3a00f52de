"""Worksheet: a practice tool to fill in (a preparation sheet, a lesson plan, a checklist); the answers go into the
portfolio.

In Jupyter: `sheet = Worksheet.from_file("voorbereiding-overleg")`, fill it in the widget (or set `sheet.texts`),
then `sheet.to_frame()` gives one row per field or checklist item with the answer, and `sheet.summary()` the lines
the portfolio shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import traitlets

from ...models.base import WidgetSpec
from ...paths import data_dir as default_data_dir
from ..base import CourseWidget
from . import rules
from .model import WorksheetSpec, WorksheetState, load_worksheet


class Worksheet(CourseWidget):
    """A worksheet with sections of short and long answers, checklists and yes/no/n.a. choices, saved as you type."""

    widget_name = "worksheet"
    label = "Werkblad"
    module = "worksheet"
    spec_model = WorksheetSpec
    state_model = WorksheetState

    worksheet = traitlets.Unicode(help="Name of the worksheet file in data/worksheets/.").tag(sync=True)
    title = traitlets.Unicode(help="Title of the worksheet.").tag(sync=True)
    intro = traitlets.Unicode(help="What the worksheet is for.").tag(sync=True)
    sections = traitlets.List(traitlets.Dict(), help="Sections with their fields.").tag(sync=True)

    texts = traitlets.List(traitlets.Dict(), help="Answers in short and long fields: {id, text}.").tag(
        sync=True, learner=True
    )
    choices = traitlets.List(traitlets.Dict(), help="Answers in ja-nee-nvt fields: {id, value}.").tag(
        sync=True, learner=True
    )
    items = traitlets.List(traitlets.Dict(), help="Ticked or noted checklist items: {id, checked, note}.").tag(
        sync=True, learner=True
    )

    @classmethod
    def resolve_config(cls, spec: WidgetSpec, data_dir: Path | None = None) -> dict[str, Any]:
        """Load and validate data/worksheets/<worksheet>.yaml; the front end gets its title, intro and sections."""
        if not isinstance(spec, WorksheetSpec):
            raise TypeError(f"a worksheet placement needs a WorksheetSpec, not {type(spec).__name__}")
        sheet = load_worksheet(spec.worksheet, Path(data_dir) if data_dir else default_data_dir())
        return {"worksheet": spec.worksheet, **sheet.model_dump(mode="json")}

    @classmethod
    def from_file(cls, name: str, widget_id: str | None = None, data_dir: Path | None = None) -> Worksheet:
        """The worksheet data/worksheets/<name>.yaml, with an id of its own (default: 'werkblad-<name>')."""
        return cls({"id": widget_id or f"werkblad-{name}", "worksheet": name}, data_dir)

    def progress(self) -> dict[str, int]:
        """Fields in all, fields with an answer, required fields and required fields complete."""
        return rules.progress(self.config(), self.state())

    def summary(self) -> list[str]:
        """The answers as the portfolio shows them."""
        return rules.summary_lines(self.config(), self.state())

    def to_frame(self) -> pd.DataFrame:
        """One row per field and per checklist item: section, field, item, kind, required and the answer."""
        state = self.state()
        texts = {a["id"]: a["text"] for a in state["texts"]}
        choices = {a["id"]: rules.CHOICES[a["value"]] for a in state["choices"]}
        items = {a["id"]: a for a in state["items"]}
        rows = []
        for section in self.sections:
            for field in section["fields"]:
                base = {
                    "onderdeel": section["title"],
                    "veld": field["label"],
                    "soort": field["kind"],
                    "verplicht": field["required"],
                }
                if field["kind"] == "afvinklijst":
                    for point in field["items"]:
                        answer = items.get(point["id"], {})
                        rows.append(
                            {
                                **base,
                                "punt": point["text"],
                                "antwoord": "afgevinkt" if answer.get("checked") else "",
                                "notitie": answer.get("note", ""),
                            }
                        )
                else:
                    answer = texts.get(field["id"]) if field["kind"] in ("kort", "lang") else choices.get(field["id"])
                    rows.append({**base, "punt": "", "antwoord": answer or "", "notitie": ""})
        return pd.DataFrame(rows, columns=["onderdeel", "veld", "punt", "soort", "verplicht", "antwoord", "notitie"])
