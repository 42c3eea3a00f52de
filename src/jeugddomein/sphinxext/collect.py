"""Keep track of every widget placement in the book (for the portfolio's index and for duplicate ids)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import stash

logger = logging.getLogger(__name__)


def widgets_of(env: BuildEnvironment) -> dict[str, list[dict[str, Any]]]:
    """docname -> placements on that page (id, widget, config), kept in the environment."""
    return stash.table(env, "jd_widgets")


def goals_of(env: BuildEnvironment) -> dict[str, list[str]]:
    """docname -> the competence ids of that page's learning goals, kept in the environment."""
    return stash.table(env, "jd_goals")


def record(env: BuildEnvironment, placement: dict[str, Any], lineno: int | None) -> None:
    """Remember a placement; warn (a build error under -W) when its id is used elsewhere in the book."""
    for docname, items in widgets_of(env).items():
        for item in items:
            if item["id"] == placement["id"] and (docname != env.docname or item.get("line") != lineno):
                logger.warning(
                    "widget-id '%s' staat al in %s; elk id moet uniek zijn in het hele boek (kies een ander id)",
                    placement["id"],
                    docname,
                    location=(env.docname, lineno),
                    type="jeugddomein",
                    subtype="widget",
                )
    entry = {
        "id": placement["id"],
        "widget": placement["widget"],
        "config": placement["config"],
        "line": lineno,
    }
    widgets_of(env).setdefault(env.docname, []).append(entry)


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    widgets_of(env).pop(docname, None)
    goals_of(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in widgets_of(other):
            widgets_of(env)[docname] = widgets_of(other)[docname]
        if docname in goals_of(other):
            goals_of(env)[docname] = goals_of(other)[docname]


@dataclass(frozen=True)
class TocEntry:
    """A page of the book in table-of-contents order."""

    docname: str
    depth: int
    """0 for the root page and the top-level chapters, 1 for their sections, and so on."""
    part: str
    """Caption of the part the page belongs to ('' for pages outside a part, such as the root)."""


def toc(app: Sphinx) -> list[TocEntry]:
    """Every page in reading order, with its depth and part: the book's one walk of the table of contents."""
    env = app.env
    root = app.config.root_doc
    captions: dict[str, str] = {}
    if root in env.found_docs:
        for node in env.get_doctree(root).findall(addnodes.toctree):
            for docname in node.get("includefiles", []):
                captions.setdefault(docname, node.get("caption") or "")
    entries: list[TocEntry] = []
    seen: set[str] = set()

    def walk(doc: str, depth: int, part: str) -> None:
        if doc in seen:
            return
        seen.add(doc)
        part = captions.get(doc, part) if depth == 0 else part
        entries.append(TocEntry(doc, depth, part))
        for child in env.toctree_includes.get(doc, []):
            walk(child, 0 if doc == root else depth + 1, part)

    walk(root, 0, "")
    return entries


def reading_order(app: Sphinx) -> list[str]:
    """Docnames in table-of-contents order."""
    return [entry.docname for entry in toc(app)]


def course_index(app: Sphinx) -> dict[str, Any]:
    """The book's structure for the site (portfolio, SCORM, the tracker) and the lecturer's tools: every page in book
    order, with its title, link, part, table-of-contents depth and widget placements (id, widget, configuration)."""
    env = app.env
    placements = widgets_of(env)
    pages = []
    for entry in toc(app):
        pages.append(
            {
                "page": entry.docname,
                "title": env.titles[entry.docname].astext() if entry.docname in env.titles else entry.docname,
                "url": app.builder.get_target_uri(entry.docname),
                "part": entry.part,
                "depth": entry.depth,
                "widgets": [
                    {k: v for k, v in item.items() if k != "line"} for item in placements.get(entry.docname, [])
                ],
            }
        )
    return {
        "course": app.config.jd_course_id,
        "version": app.config.jd_course_version,
        "pages": pages,
    }
