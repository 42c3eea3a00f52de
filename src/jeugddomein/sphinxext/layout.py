"""Mark the sections of a page whose layout the browser may put off until they come near the screen.

A chapter is long: on a cheap phone every layout of the whole page (the first paint, the theme's scripts, each exercise
that mounts) costs a large share of a second. jeugddomein.css gives the marked sections `content-visibility: auto`.
A marked section holds its own margins, so the stylesheet moves the space above its heading onto the section and
drops its last margin; that keeps the spacing the same only when another section follows it. So marked are the
sections one level below the page title that another section follows and that hold no rich picture (its drawing
mode fills the screen from inside the section, which a contained section would clip). Marked here, at build time:
a selector that finds them in the browser (`:has()`) is itself re-checked on every change an exercise makes.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from docutils import nodes

from .placeholder import widget_placeholder

DEFERRED_LAYOUT = "jd-deferred-layout"
_FULL_SCREEN_WIDGETS = frozenset({"rich-picture"})


def _holds_full_screen_widget(section: nodes.section) -> bool:
    return any(node["widget"] in _FULL_SCREEN_WIDGETS for node in section.findall(widget_placeholder))


def deferrable_sections(document: nodes.Node) -> list[nodes.section]:
    """The sections one level below a page title that another section follows and that hold no full-screen widget."""
    found = []
    for top in document.children:
        if not isinstance(top, nodes.section):
            continue
        for section, following in pairwise(top.children):
            if (
                isinstance(section, nodes.section)
                and isinstance(following, nodes.section)
                and not _holds_full_screen_widget(section)
            ):
                found.append(section)
    return found


def mark_deferrable_sections(app: Any, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    for section in deferrable_sections(doctree):
        section["classes"].append(DEFERRED_LAYOUT)


def setup(app: Any) -> None:
    app.connect("doctree-resolved", mark_deferrable_sections)
