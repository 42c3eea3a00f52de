"""Which sections of a page the browser may lay out only when they come near the screen (sphinxext/layout.py)."""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from jeugddomein.sphinxext.layout import deferrable_sections
from jeugddomein.sphinxext.placeholder import widget_placeholder

pytestmark = pytest.mark.unit


def section(name: str, *children: nodes.Node) -> nodes.section:
    node = nodes.section(ids=[name])
    node += nodes.title(text=name)
    for child in children:
        node += child
    return node


def widget(kind: str) -> widget_placeholder:
    return widget_placeholder(widget=kind, widget_id=f"{kind}-1", page="p", payload={})


def document(*children: nodes.Node) -> nodes.document:
    doc = new_document("test", get_default_settings(Parser))
    for child in children:
        doc += child
    return doc


def ids(found: list[nodes.section]) -> list[str]:
    return [node["ids"][0] for node in found]


def test_sections_below_the_title_that_another_section_follows_are_deferrable():
    doc = document(
        section(
            "chapter",
            nodes.paragraph(text="intro"),
            section("a", nodes.paragraph(text="x"), section("a1"), section("a2")),
            section("b", widget("knowledge-check")),
            section("c"),
        )
    )
    assert ids(deferrable_sections(doc)) == ["a", "b"]  # not the title section, not a1 (a level deeper), not c (last)


def test_a_section_before_other_content_or_with_a_rich_picture_is_not():
    doc = document(
        section(
            "exercise",
            section("draw", nodes.paragraph(text="x"), widget("rich-picture")),
            section("before-a-note"),
            nodes.paragraph(text="a closing note after the sections"),
            section("after-the-note"),
            section("last"),
        )
    )
    assert ids(deferrable_sections(doc)) == ["after-the-note"]


def test_a_page_without_sections_below_its_title_has_none():
    assert deferrable_sections(document(section("only", nodes.paragraph(text="x")))) == []
