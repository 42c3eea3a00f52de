"""The widget placeholder node: a div the runtime mounts on, with a static version inside for search and print."""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes


class widget_placeholder(nodes.General, nodes.Element):
    """A widget in the page: attributes `widget`, `widget_id`, `page`, `payload` (config and initial state)."""


def _script_json(payload: dict[str, Any]) -> str:
    """JSON safe inside <script>: no closing tag or HTML comment can end it early."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def visit_placeholder_html(self: Any, node: widget_placeholder) -> None:
    attrs = {  # nohighlight: the search highlighter leaves the widget's text alone (postprocess.patch_highlighter)
        "class": "jd-widget nohighlight",
        "data-widget": node["widget"],
        "data-widget-id": node["widget_id"],
        "data-page": node["page"],
    }
    self.body.append(self.starttag(node, "div", "", **attrs))
    self.body.append(f'<script type="application/json" class="jd-widget-data">{_script_json(node["payload"])}</script>')


def depart_placeholder_html(self: Any, node: widget_placeholder) -> None:
    self.body.append("</div>\n")


def skip_wrapper(self: Any, node: widget_placeholder) -> None:
    """Other builders (latex, text) show only the static version inside."""


def outline_nodes(outline: list[dict[str, Any]]) -> list[nodes.Node]:
    """Turn a spec's static outline ({"strong"|"p"|"ul"|"dl": ...} blocks) into docutils nodes."""
    out: list[nodes.Node] = []
    for block in outline:
        if "strong" in block:
            out.append(nodes.paragraph("", "", nodes.strong(text=block["strong"])))
        elif "p" in block:
            out.append(nodes.paragraph(text=block["p"]))
        elif "ul" in block:
            items = nodes.bullet_list()
            for text in block["ul"]:
                items += nodes.list_item("", nodes.paragraph(text=text))
            out.append(items)
        elif "dl" in block:
            terms = nodes.definition_list()
            for term, definition in block["dl"]:
                terms += nodes.definition_list_item(
                    "", nodes.term(text=term), nodes.definition("", nodes.paragraph(text=definition))
                )
            out.append(terms)
    return out


def make_placeholder(
    placement: dict[str, Any], page: str, label: str, outline: list[dict[str, Any]]
) -> widget_placeholder:
    """The node for one widget placement, with its static version (label and outline) as children."""
    node = widget_placeholder(
        widget=placement["widget"],
        widget_id=placement["id"],
        page=page,
        payload={"config": placement["config"], "state": placement["state"]},
    )
    static = nodes.container(classes=["jd-widget-static"])
    static += nodes.rubric(text=label)
    static.extend(outline_nodes(outline))
    node += static
    return node
