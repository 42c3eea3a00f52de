"""The course's widgets: one folder per widget (model, rules, view, anywidget class), discovered by folder.

Importing a widget's model (``jeugddomein.widgets.<name>.model``) stays light; the anywidget classes are imported
the first time ``WIDGET_CLASSES`` or a class name is asked for.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import CourseWidget

WIDGET_FOLDERS: tuple[str, ...] = tuple(
    sorted(info.name for info in pkgutil.iter_modules(__path__) if info.ispkg and not info.name.startswith("_"))
)
"""Every widget folder, e.g. 'rich_picture' (the widget's name in pages and the store is 'rich-picture')."""

_EXPORTED = {
    "KnowledgeCheck": "knowledge-check",
    "Reflection": "reflection",
    "BronsteinScan": "bronstein-scan",
    "RolePlay": "role-play",
    "RichPicture": "rich-picture",
    "CompetenceTracker": "competence-tracker",
    "RubricWidget": "rubric",
    "CaseEditor": "case-editor",
    "Worksheet": "worksheet",
}


@cache
def widget_rules(widget: str) -> ModuleType:
    """A widget's rules module (`done` and the rules shared with rules.js), by widget name, e.g. 'rich-picture'."""
    return importlib.import_module(f"{__name__}.{widget.replace('-', '_')}.rules")


@cache
def cohort_extractor(widget: str) -> Callable[..., None] | None:
    """A widget's cohort extractor (`extract` in its folder's cohort.py: the rows one portfolio entry adds to the
    lecturer's tables), or None for a widget that adds none."""
    folder = widget.replace("-", "_")
    if folder not in WIDGET_FOLDERS or importlib.util.find_spec(f"{__name__}.{folder}.cohort") is None:
        return None
    extract: Callable[..., None] = importlib.import_module(f"{__name__}.{folder}.cohort").extract
    return extract


@cache
def widget_classes() -> dict[str, type[CourseWidget]]:
    """Every widget type by its name in pages and in the learner store (imports each folder's `widget` module)."""
    from .base import CourseWidget

    found: dict[str, type[CourseWidget]] = {}
    for folder in WIDGET_FOLDERS:
        module = importlib.import_module(f"{__name__}.{folder}.widget")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, CourseWidget) and "widget_name" in value.__dict__:
                found[value.widget_name] = value
    return dict(sorted(found.items()))


def __getattr__(name: str) -> Any:
    if name == "WIDGET_CLASSES":
        return widget_classes()
    if name in _EXPORTED:
        return widget_classes()[_EXPORTED[name]]
    if name in ("CourseWidget", "MIME_TYPE"):
        from . import base

        return getattr(base, name)
    raise AttributeError(name)


__all__ = [
    "MIME_TYPE",
    "WIDGET_CLASSES",
    "WIDGET_FOLDERS",
    "CourseWidget",
    "cohort_extractor",
    "widget_rules",
    *_EXPORTED,
]
