"""Case editor: write a role-play case in forms, see its scene graph and problems live, play it, export YAML.

In Jupyter: `CaseEditor.new()`; the draft is in `editor.draft` and `editor.case()` validates it as the build does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import traitlets

from ...models.base import WidgetSpec
from ...paths import data_dir as default_data_dir
from ..base import CourseWidget
from ..role_play.model import CaseFile, chapter_labels, load_case_text
from .model import CaseEditorSpec, CaseEditorState


class CaseEditor(CourseWidget):
    """The case editor: the draft (YAML text) is the learner state, saved as the lecturer types."""

    widget_name = "case-editor"
    label = "Casus-editor"
    module = "case_editor"
    spec_model = CaseEditorSpec
    state_model = CaseEditorState

    links = traitlets.Dict(help="Chapter sections a case may link to: label -> {doc, title}.").tag(sync=True)
    draft = traitlets.Unicode("", help="The draft case file (YAML).").tag(sync=True, learner=True)
    name = traitlets.Unicode("", help="File name of the draft.").tag(sync=True, learner=True)

    @classmethod
    def resolve_config(cls, spec: WidgetSpec, data_dir: Path | None = None) -> dict[str, Any]:
        """The chapter labels of the book, so the editor checks links as the build does."""
        root = (Path(data_dir) if data_dir else default_data_dir()).parent
        labels = chapter_labels(root)
        return {"links": {label: {"doc": link.doc, "title": link.title} for label, link in labels.items()}}

    @classmethod
    def new(cls, widget_id: str = "casus-editor", **state: Any) -> CaseEditor:
        """An editor in a notebook."""
        return cls(CaseEditorSpec(id=widget_id), **state)

    def case(self) -> CaseFile:
        """The draft as a validated case; raises the build's DataError (file, line, field, reason) otherwise."""
        return load_case_text(self.draft, self.name or "<casus-editor>", chapter_labels(default_data_dir().parent))
