"""The book's pages and the work a learner can pick as evidence, read from the book's sources for the tracker in
Jupyter. The static site gets the same lists from Sphinx (sphinxext/pages/assessment.py), with the same rules here."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

TRACKER = "competence-tracker"
NOT_EVIDENCE = {TRACKER, "knowledge-check"}
"""Widget types whose work is not offered as evidence (a knowledge check shows knowledge, not a competence)."""

HEADING = re.compile(r"^# +(?P<title>.+?)\s*$", re.M)
WIDGET_BLOCK = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[a-z-]+)\}[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$", re.M | re.S
)


def title_of(item: dict[str, Any]) -> str:
    """A placement's title for the evidence list: its title, question, prompt, ... or else its id."""
    config = item.get("config") or {}
    for key in ("title", "question", "prompt", "instrument", "case", "rubric"):
        value = config.get(key)
        if isinstance(value, str) and value:
            return value if len(value) <= 120 else value[:117] + "…"
        if isinstance(value, dict) and isinstance(value.get("title"), str):
            return value["title"]
    definition = config.get("definition")
    if isinstance(definition, dict) and isinstance(definition.get("title"), str):
        return definition["title"]
    return item["id"]


def reading_order(root: Path) -> list[str]:
    """The book's pages (paths without suffix, e.g. 'exercises/rubric') in the order of `_toc.yml`."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    order: list[str] = [toc["root"]] if toc.get("root") else []

    def walk(entries: list[dict[str, Any]]) -> None:
        for entry in entries:
            if "file" in entry:
                order.append(str(entry["file"]))
            elif "glob" in entry:
                order.extend(sorted(str(p.relative_to(root).with_suffix("")) for p in root.glob(f"{entry['glob']}.md")))
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key) or [])

    walk([toc])
    return order


def _source(root: Path, page: str) -> str:
    """A page's MyST source: a markdown file, or the markdown cells of a notebook."""
    if (root / f"{page}.md").is_file():
        return (root / f"{page}.md").read_text(encoding="utf-8")
    if (root / f"{page}.ipynb").is_file():
        cells = json.loads((root / f"{page}.ipynb").read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return ""


def course_catalogue(root: Path, labels: dict[str, str]) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Page titles (page -> title) and the evidence list (as the site's tracker gets it) of the book at `root`;
    `labels` names each widget type in Dutch."""
    titles: dict[str, str] = {}
    evidence: list[dict[str, str]] = []
    for page in reading_order(root):
        text = _source(root, page)
        heading = HEADING.search(text)
        titles[page] = heading["title"] if heading else page
        for block in WIDGET_BLOCK.finditer(text):
            name = block["name"]
            if name not in labels or name in NOT_EVIDENCE:
                continue
            try:
                config = yaml.safe_load(block["body"])
            except yaml.YAMLError:
                continue  # the build reports it
            if not isinstance(config, dict) or not isinstance(config.get("id"), str):
                continue
            item = {"id": config["id"], "config": config}
            evidence.append(
                {
                    "id": config["id"],
                    "widget": name,
                    "label": labels[name],
                    "title": title_of(item),
                    "page": page,
                    "page_title": titles[page],
                }
            )
    for path in sorted((root / "data" / "cases").glob("*.yaml")):
        # the build writes the case pages (sphinxext/pages/cases.py); a fresh checkout has only the case files
        page = f"exercises/casussen/{path.stem}"
        if page in titles or "role-play" not in labels:
            continue
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        named = case.get("title") if isinstance(case, dict) else None
        title: str = named if isinstance(named, str) else path.stem
        titles[page] = title
        evidence.append(
            {
                "id": f"rollenspel-{path.stem}",
                "widget": "role-play",
                "label": labels["role-play"],
                "title": title,
                "page": page,
                "page_title": title,
            }
        )
    return titles, evidence
