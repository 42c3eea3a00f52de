"""What the cohort tools need to know about the book: its course id, its pages and the widget placements on them.

The placements are read from the page sources (the directive blocks in chapters/ and exercises/), so the tools
work without a built site. A placement's page and, for a rubric, the rubric it shows come from here; an entry in
a portfolio whose id the book does not (or no longer) know keeps the page the browser stored with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..models.registry import load_all_models
from ..paths import project_root

DEFAULT_COURSE_ID = "samenwerken-jeugddomein"
"""The course id when no _config.yml is found (the same default as the Sphinx extension's)."""

_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[a-z][a-z-]*)\}\s*(?P<arg>.*)$")
_TITLE = re.compile(r"^#\s+(.+?)\s*$")


@dataclass(frozen=True)
class Placement:
    """One widget placed in a page of the book."""

    id: str
    """The placement id (it keys the learner's work)."""
    widget: str
    """Widget type, e.g. 'knowledge-check'."""
    page: str
    """Docname of the page, e.g. 'chapters/01-jeugddomein/index'."""
    spec: dict = field(default_factory=dict, compare=False, hash=False)
    """The directive body as written (YAML), e.g. {'id': ..., 'rubric': 'eindproduct'}."""


@dataclass(frozen=True)
class Page:
    """A page of the book with widgets on it, in the order of the table of contents."""

    page: str
    title: str
    order: int
    placements: tuple[Placement, ...]


@dataclass
class Book:
    """The course's id, version and widget placements (empty when the course folder is not found)."""

    course: str = DEFAULT_COURSE_ID
    version: str = ""
    pages: list[Page] = field(default_factory=list)
    root: Path | None = None

    def placements(self) -> dict[str, Placement]:
        """Placement id -> placement, in book order."""
        return {p.id: p for page in self.pages for p in page.placements}

    def rubric_of(self) -> dict[str, str]:
        """Placement id of every rubric widget -> the id of the rubric it shows."""
        return {p.id: str(p.spec.get("rubric")) for p in self.placements().values() if p.widget == "rubric"}

    def case_of(self) -> dict[str, str]:
        """Placement id of every role-play -> the id of its case."""
        return {p.id: str(p.spec.get("case")) for p in self.placements().values() if p.widget == "role-play"}

    def worksheet_of(self) -> dict[str, str]:
        """Placement id of every worksheet -> the name of its file in data/worksheets/."""
        return {p.id: str(p.spec.get("worksheet")) for p in self.placements().values() if p.widget == "worksheet"}


def _toc_order(root: Path) -> list[str]:
    """Docnames in the order of _toc.yml (globs expanded, sorted as Sphinx does)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    order: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "root" in node:
                order.append(str(node["root"]))
            if "file" in node:
                order.append(str(node["file"]).removesuffix(".md").removesuffix(".ipynb"))
            if "glob" in node:
                pattern = str(node["glob"])
                order.extend(sorted(p.relative_to(root).with_suffix("").as_posix() for p in root.glob(pattern + ".md")))
            for value in node.values():
                if isinstance(value, list | dict):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return list(dict.fromkeys(order))


def _closes(line: str, fence: str) -> bool:
    """Whether a line closes a directive opened with `fence`."""
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def scan_page(path: Path, docname: str, widget_names: set[str]) -> tuple[str, list[Placement]]:
    """The title and the widget placements of one Markdown page."""
    lines = path.read_text(encoding="utf-8").splitlines()
    title = next((m.group(1) for m in map(_TITLE.match, lines) if m), docname)
    placements: list[Placement] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match or match.group("name") not in widget_names:
            i += 1
            continue
        fence = match.group("fence")
        body: list[str] = []
        i += 1
        while i < len(lines) and not _closes(lines[i], fence):
            body.append(lines[i])
            i += 1
        i += 1
        try:
            spec = yaml.safe_load("\n".join(line for line in body if not line.startswith(":"))) or {}
        except yaml.YAMLError:
            spec = {}
        if isinstance(spec, dict) and isinstance(spec.get("id"), str):
            placements.append(Placement(spec["id"], match.group("name"), docname, spec))
    return title, placements


def read_book(root: Path | None = None) -> Book:
    """Read the course folder (found from `root`, the working folder or the package); an empty Book without one."""
    try:
        root = project_root(root)
    except FileNotFoundError:
        return Book()
    config = (
        yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) if (root / "_config.yml").is_file() else {}
    )
    sphinx_config = ((config or {}).get("sphinx") or {}).get("config") or {}
    names = set(load_all_models())
    pages = []
    for order, docname in enumerate(_toc_order(root)):
        path = root / f"{docname}.md"
        if not path.is_file():
            continue
        title, placements = scan_page(path, docname, names)
        if placements:
            pages.append(Page(docname, title, order, tuple(placements)))
    return Book(
        course=str(sphinx_config.get("jd_course_id", DEFAULT_COURSE_ID)),
        version=str(sphinx_config.get("jd_course_version", "")),
        pages=pages,
        root=root,
    )
