"""The work a learner can pick as evidence, the page titles, and the pages the tracker may suggest, from the course
index (the book's structure as the build writes it: `_static/jeugddomein/course.json`, packaged as
`jeugddomein/course.json`).

The site's build (sphinxext/pages/assessment.py) and the tracker in Jupyter both use `course_catalogue`, so the
lists are the same in both hosts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TRACKER = "competence-tracker"
NOT_EVIDENCE = {TRACKER, "knowledge-check"}
"""Widget types whose work is not offered as evidence (a knowledge check shows knowledge, not a competence)."""
LECTURER_PART = "Voor docenten"
"""Caption of the part of `_toc.yml` that holds the lecturers' pages: never suggested to students, no evidence."""
OPEN_FILE_TITLE = "casusbestand van je docent"
"""Title of a role-play where students open a case file their lecturer hands out (it has no case of its own)."""


def title_of(item: dict[str, Any], page_title: str) -> str:
    """A placement's title for the evidence list: its title, question, prompt, ..., or else the page's title."""
    config = item.get("config") or {}
    for key in ("title", "question", "prompt", "instrument", "case_data", "case", "rubric"):
        value = config.get(key)
        if isinstance(value, str) and value:
            return value if len(value) <= 120 else value[:117] + "…"
        if isinstance(value, dict) and isinstance(value.get("title"), str):
            return value["title"]
    definition = config.get("definition")
    if isinstance(definition, dict) and isinstance(definition.get("title"), str):
        return definition["title"]
    if config.get("open_file"):
        return OPEN_FILE_TITLE
    return page_title


@dataclass(frozen=True)
class Catalogue:
    """What the course index tells the tracker."""

    titles: dict[str, str]
    """Page -> title, for every page of the book."""
    evidence: list[dict[str, str]]
    """Work on the students' pages that can serve as evidence, in book order."""
    lecturer_pages: frozenset[str]
    """Pages in the lecturers' part of the book."""
    below: dict[str, list[str]]
    """Page -> the pages nested under it in the table of contents (e.g. the case pages under the role-play page)."""

    def student_pages(self, pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The tracker's pages (from the competence mapping) without the lecturers' pages, titled, each with `work`:
        the pages whose saved work counts for it. An exercise counts the pages below it (the role-play page is done
        once a case under it is played); a chapter counts only its own work."""
        return [
            {
                **page,
                "title": self.titles.get(page["page"], page["title"]),
                "work": [page["page"], *(self.below.get(page["page"], []) if page["kind"] == "oefening" else [])],
            }
            for page in pages
            if page["page"] not in self.lecturer_pages
        ]


def _below(pages: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Page -> the pages after it in book order with a greater table-of-contents depth, up to the next sibling."""
    below: dict[str, list[str]] = {}
    for i, page in enumerate(pages):
        depth = page.get("depth", 0)
        nested = []
        for later in pages[i + 1 :]:
            if later.get("depth", 0) <= depth or later.get("part", "") != page.get("part", ""):
                break
            nested.append(later["page"])
        below[page["page"]] = nested
    return below


def course_catalogue(index: dict[str, Any], labels: dict[str, str]) -> Catalogue:
    """Titles, evidence, lecturer pages and nesting of a course index, in book order; `labels` names each widget
    type in Dutch."""
    pages = index.get("pages", [])
    titles: dict[str, str] = {}
    evidence: list[dict[str, str]] = []
    lecturer_pages = frozenset(page["page"] for page in pages if page.get("part") == LECTURER_PART)
    for page in pages:
        titles[page["page"]] = page.get("title") or page["page"]
        if page["page"] in lecturer_pages:
            continue
        for item in page.get("widgets", []):
            if item["widget"] in NOT_EVIDENCE:
                continue
            evidence.append(
                {
                    "id": item["id"],
                    "widget": item["widget"],
                    "label": labels.get(item["widget"], item["widget"]),
                    "title": title_of(item, titles[page["page"]]),
                    "page": page["page"],
                    "page_title": titles[page["page"]],
                }
            )
    return Catalogue(titles, evidence, lecturer_pages, _below(pages))
