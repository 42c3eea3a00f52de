"""The widget placeholder node: a div the static runtime mounts on, with a static version inside for search and print."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from docutils import nodes


class widget_placeholder(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """A widget in the page: attributes `widget`, `widget_id`, `page`, `payload` (config and initial state)."""


def _script_json(payload: dict[str, Any]) -> str:
    """JSON safe inside <script>: no closing tag or HTML comment can end it early."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def visit_placeholder_html(self: Any, node: widget_placeholder) -> None:
    attrs = {
        "class": "jd-widget",
        "data-widget": node["widget"],
        "data-widget-id": node["widget_id"],
        "data-page": node["page"],
    }
    self.body.append(self.starttag(node, "div", "", **attrs))
    self.body.append(
        f'<script type="application/json" class="jd-widget-data">{_script_json(node["payload"])}</script>'
    )


def depart_placeholder_html(self: Any, node: widget_placeholder) -> None:
    self.body.append("</div>\n")


def skip_wrapper(self: Any, node: widget_placeholder) -> None:
    """Other builders (latex, text) show only the static version inside."""


def _static_knowledge_check(config: dict[str, Any]) -> list[nodes.Node]:
    question = nodes.paragraph("", "", nodes.strong(text=config["question"]))
    options = nodes.bullet_list()
    for option in config["options"]:
        options += nodes.list_item("", nodes.paragraph(text=option["text"]))
    return [question, options]


def _static_reflection(config: dict[str, Any]) -> list[nodes.Node]:
    out: list[nodes.Node] = [nodes.paragraph("", "", nodes.strong(text=config["prompt"]))]
    if config.get("hint"):
        out.append(nodes.paragraph(text=config["hint"], classes=["jd-hint"]))
    return out


STATIC_VIEWS: dict[str, Callable[[dict[str, Any]], list[nodes.Node]]] = {
    "knowledge-check": _static_knowledge_check,
    "reflection": _static_reflection,
}
"""How each widget type reads without JavaScript (search index, print, no-script)."""

STATIC_LABELS = {"knowledge-check": "Kennischeck", "reflection": "Reflectie"}


def make_placeholder(placement: dict[str, Any], page: str) -> widget_placeholder:
    """The node for one widget placement, with its static version as children."""
    widget = placement["widget"]
    node = widget_placeholder(
        widget=widget,
        widget_id=placement["id"],
        page=page,
        payload={"config": placement["config"], "state": placement["state"]},
    )
    static = nodes.container(classes=["jd-widget-static"])
    static += nodes.rubric(text=STATIC_LABELS.get(widget, widget))
    static.extend(STATIC_VIEWS[widget](placement["config"]))
    node += static
    return node
