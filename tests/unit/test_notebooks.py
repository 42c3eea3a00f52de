"""The notebooks read well in Jupyter (no MyST-only markup), and widgets-in-jupyter shows all seven widgets with
each public Python method called (nbval runs it in the site tier)."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest

from jeugddomein.widgets import CourseWidget, widget_classes

pytestmark = pytest.mark.unit

EXERCISES = Path(__file__).resolve().parents[2] / "exercises"
NOTEBOOKS = sorted(EXERCISES.glob("*.ipynb"))
MYST_ONLY = re.compile(r"^\([\w-]+\)=\s*$|\{(doc|ref|numref|term|cite:[pt])\}`|^(`{3,}|:{3,})\{", re.M)


def cells(path: Path, kind: str) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == kind]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_markdown_has_no_myst_only_markup(path):
    found = [m.group(0) for text in cells(path, "markdown") for m in MYST_ONLY.finditer(text)]
    assert not found, f"{path.name}: Jupyter shows these literally: {found}"


def public_methods(cls: type) -> set[str]:
    return {
        name
        for name, value in vars(cls).items()
        if not name.startswith("_") and (inspect.isfunction(value) or isinstance(value, classmethod))
    }


def test_widgets_in_jupyter_creates_every_widget_and_calls_every_public_method():
    code = "\n".join(cells(EXERCISES / "widgets-in-jupyter.ipynb", "code"))
    classes = widget_classes()
    assert len(classes) == 9  # the seven of the course, the worksheet and the lecturers' case editor
    for cls in classes.values():
        assert re.search(rf"\b{cls.__name__}\.(from_yaml|from_case|from_json|from_file|new)\(", code), cls.__name__
    wanted = set().union(*(public_methods(cls) for cls in classes.values()), public_methods(CourseWidget))
    missing = sorted(name for name in wanted if not re.search(rf"\.{name}\(", code))
    assert not missing, f"not called in the notebook: {missing}"
