"""Keep track of every widget placement in the book (for the portfolio's index and for duplicate ids)."""

from __future__ import annotations

from typing import Any

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


def course_index(app: Sphinx) -> dict[str, Any]:
    """What the portfolio page needs: every placement with its page, page title and part, in book order."""
    env = app.env
    order = {doc: i for i, doc in enumerate(_reading_order(app))}
    pages = []
    for docname in sorted(widgets_of(env), key=lambda d: order.get(d, 10_000)):
        title = env.titles[docname].astext() if docname in env.titles else docname
        pages.append(
            {
                "page": docname,
                "title": title,
                "url": app.builder.get_target_uri(docname),
                "widgets": [{k: v for k, v in item.items() if k != "line"} for item in widgets_of(env)[docname]],
            }
        )
    return {
        "course": app.config.jd_course_id,
        "version": app.config.jd_course_version,
        "pages": pages,
    }


def _reading_order(app: Sphinx) -> list[str]:
    """Docnames in table-of-contents order."""
    env = app.env
    root = app.config.root_doc
    seen: list[str] = []

    def walk(doc: str) -> None:
        if doc in seen:
            return
        seen.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(root)
    return seen
