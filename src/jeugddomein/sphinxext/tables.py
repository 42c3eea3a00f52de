"""One builder for the docutils tables the extension writes (rubrics, studiewijzer, scan statements, chart figures)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes


def table_node(
    title: str | None,
    header: list[str],
    rows: Iterable[list[Any]],
    classes: list[str] | None = None,
    widths: list[int] | None = None,
) -> nodes.table:
    """A docutils table with a caption (`title`), a header row and body rows.

    A cell is text (put in a paragraph), a node, or a list of nodes; `widths` are relative column widths.
    """
    table = nodes.table(classes=classes or [])
    if title is not None:
        table += nodes.title(text=title)
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths or [1] * len(header):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    row = nodes.row()
    for text in header:
        row += nodes.entry("", nodes.paragraph(text=text))
    head += row
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            if isinstance(cell, nodes.Node):
                entry += cell
            elif isinstance(cell, list):
                entry.extend(cell)
            else:
                entry += nodes.paragraph(text=str(cell))
            row += entry
        body += row
    group += body
    return table
