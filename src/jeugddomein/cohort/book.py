"""What the cohort tools need to know about the book: its course id, its pages and the widget placements on them.

They come from the course index the build writes (`_static/jeugddomein/course.json`): the same file the portfolio
page, SCORM and the competence tracker read. A copy ships with the package (`jeugddomein/course.json`, refreshed by
`make course`; a build test fails when it is stale), so the tools work without a built site. A placement's page and,
for a rubric or a role-play, the rubric or case it shows come from here; an entry in a portfolio whose id the book
does not (or no longer) know keeps the page the browser stored with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..paths import COURSE_INDEX, project_root

DEFAULT_COURSE_ID = "samenwerken-jeugddomein"
"""The course id when no course index is found (the same default as the Sphinx extension's)."""


@dataclass(frozen=True)
class Placement:
    """One widget placed in a page of the book."""

    id: str
    """The placement id (it keys the learner's work)."""
    widget: str
    """Widget type, e.g. 'knowledge-check'."""
    page: str
    """Docname of the page, e.g. 'chapters/01-jeugddomein/index'."""
    config: dict = field(default_factory=dict, compare=False, hash=False)
    """The widget's configuration as the page embeds it, e.g. a knowledge check's question and options."""


@dataclass(frozen=True)
class Page:
    """A page of the book with widgets on it, in the order of the table of contents."""

    page: str
    title: str
    order: int
    placements: tuple[Placement, ...]
    part: str = ""
    """Caption of the part of the book the page is in."""


@dataclass
class Book:
    """The course's id, version and widget placements (empty when no course index is found)."""

    course: str = DEFAULT_COURSE_ID
    version: str = ""
    pages: list[Page] = field(default_factory=list)
    root: Path | None = None
    """The course folder (with data/), when the tools run inside it."""

    def placements(self) -> dict[str, Placement]:
        """Placement id -> placement, in book order."""
        return {p.id: p for page in self.pages for p in page.placements}

    def rubric_of(self) -> dict[str, str]:
        """Placement id of every rubric widget -> the id of the rubric it shows."""
        return {
            p.id: str((p.config.get("definition") or {}).get("id"))
            for p in self.placements().values()
            if p.widget == "rubric"
        }

    def case_of(self) -> dict[str, str]:
        """Placement id of every role-play -> the id of its case ('' where students open a lecturer's case file)."""
        return {p.id: str(p.config.get("case") or "") for p in self.placements().values() if p.widget == "role-play"}

    def worksheets(self) -> dict[str, dict]:
        """Placement id of every worksheet -> the worksheet as the page embeds it (title, sections, fields)."""
        return {p.id: p.config for p in self.placements().values() if p.widget == "worksheet"}


def book_from_index(index: dict[str, Any], root: Path | None = None) -> Book:
    """A Book from the course index's JSON."""
    pages = [
        Page(
            page=page["page"],
            title=page.get("title") or page["page"],
            order=order,
            part=page.get("part", ""),
            placements=tuple(
                Placement(w["id"], w["widget"], page["page"], w.get("config") or {}) for w in page["widgets"]
            ),
        )
        for order, page in enumerate(index.get("pages", []))
    ]
    return Book(
        course=str(index.get("course") or DEFAULT_COURSE_ID),
        version=str(index.get("version") or ""),
        pages=pages,
        root=root,
    )


def read_book(root: Path | None = None, index: Path | None = None) -> Book:
    """The book from a course index (`index`, else the packaged copy); `root` locates the course folder's data."""
    try:
        folder: Path | None = project_root(root)
    except FileNotFoundError:
        folder = None
    path = index or COURSE_INDEX
    if not path.is_file():
        return Book(root=folder)
    return book_from_index(json.loads(path.read_text(encoding="utf-8")), folder)
