"""Spec (where the editor stands) and state (the lecturer's draft) of the case editor."""

from __future__ import annotations

from pydantic import Field

from ...models.base import StrictModel, WidgetId, WidgetSpec
from ...models.registry import widget_state


class CaseEditorSpec(WidgetSpec):
    """The case editor in a page. The build fills in the chapter labels a case may link to."""

    id: WidgetId = Field(description="Stable id of this editor; it keys the saved draft.")

    def static_outline(self) -> list[dict]:
        """What the page says without JavaScript."""
        return [
            {
                "p": "De casus-editor werkt met JavaScript in je browser. Zonder JavaScript schrijf je een casus als "
                "YAML-bestand volgens de auteurshandleiding."
            }
        ]


@widget_state("case-editor")
class CaseEditorState(StrictModel):
    """The draft case file, saved as the lecturer types (autosave in the browser)."""

    draft: str = Field("", max_length=400_000, description="The draft as case-file YAML (comments kept).")
    name: str = Field("", max_length=100, description="File name of the draft, e.g. 'mijn-casus.yaml'.")
