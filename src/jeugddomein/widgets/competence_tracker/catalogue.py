"""The work a learner can pick as evidence, and the page titles, from the course index (the book's structure as the
build writes it: `_static/jeugddomein/course.json`, packaged as `jeugddomein/course.json`).

The site's build (sphinxext/pages/assessment.py) and the tracker in Jupyter both use `course_catalogue`, so the
lists are the same in both hosts.
"""

from __future__ import annotations

from typing import Any

TRACKER = "competence-tracker"
NOT_EVIDENCE = {TRACKER, "knowledge-check"}
"""Widget types whose work is not offered as evidence (a knowledge check shows knowledge, not a competence)."""


def title_of(item: dict[str, Any]) -> str:
    """A placement's title for the evidence list: its title, question, prompt, ... or else its id."""
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
    return str(item["id"])


def course_catalogue(index: dict[str, Any], labels: dict[str, str]) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Page titles (page -> title) and the evidence list of a course index, in book order; `labels` names each
    widget type in Dutch."""
    titles: dict[str, str] = {}
    evidence: list[dict[str, str]] = []
    for page in index.get("pages", []):
        titles[page["page"]] = page.get("title") or page["page"]
        for item in page.get("widgets", []):
            if item["widget"] in NOT_EVIDENCE:
                continue
            evidence.append(
                {
                    "id": item["id"],
                    "widget": item["widget"],
                    "label": labels.get(item["widget"], item["widget"]),
                    "title": title_of(item),
                    "page": page["page"],
                    "page_title": titles[page["page"]],
                }
            )
    return titles, evidence
