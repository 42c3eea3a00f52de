"""myst-nb mime renderer: a notebook output of a course widget becomes the same placeholder a directive makes.

Imports no Sphinx module at the top level (myst-nb loads every plugin, also outside Sphinx).
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from ..widgets.base import MIME_TYPE


class WidgetMimeRenderer:
    """Claims the course's widget mime type above the ipywidgets view, so no CDN widget manager is needed."""

    mime_priority_overrides: ClassVar[list[tuple[str, str, int | None]]] = [("*", MIME_TYPE, 1)]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list | None:
        """Render the placement JSON as a widget placeholder; reject every other mime type."""
        if data.mime_type != MIME_TYPE:
            return None
        from ..widgets import WIDGET_CLASSES
        from .collect import record
        from .placeholder import make_placeholder

        try:
            raw = data.content if isinstance(data.content, dict) else json.loads(data.string)
            widget = WIDGET_CLASSES[raw["widget"]]
            written = raw["spec"] if isinstance(raw.get("spec"), dict) else raw["config"]
            spec = widget.spec_model.model_validate({"id": raw["id"], **written})
            placement = widget.placement_for(spec, raw.get("state"))
            placement["config"] = raw["config"]
        except (KeyError, ValueError, TypeError) as error:
            renderer.logger.warning(f"onbruikbare widget-uitvoer: {error}", subtype="widget", line=data.line)
            return None
        env = getattr(renderer.renderer, "sphinx_env", None)
        docname = env.docname if env is not None else ""
        if env is not None:
            record(env, placement, data.line)
        return [make_placeholder(placement, docname, widget.label, spec.static_outline())]
