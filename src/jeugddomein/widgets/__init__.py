"""The course's widgets: each an anywidget class beside its ES module. Every module here is discovered."""

import importlib
import pkgutil

from .base import MIME_TYPE, CourseWidget


def _discover() -> dict[str, type[CourseWidget]]:
    for info in pkgutil.iter_modules(__path__):
        if info.name not in ("base", "bundle"):
            importlib.import_module(f"{__name__}.{info.name}")
    found: dict[str, type[CourseWidget]] = {}
    stack = list(CourseWidget.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if "widget_name" in cls.__dict__:
            found[cls.widget_name] = cls
    return dict(sorted(found.items()))


WIDGET_CLASSES: dict[str, type[CourseWidget]] = _discover()
"""Every widget type by its name in pages and in the learner store."""

KnowledgeCheck = WIDGET_CLASSES["knowledge-check"]
Reflection = WIDGET_CLASSES["reflection"]

__all__ = ["MIME_TYPE", "WIDGET_CLASSES", "CourseWidget", "KnowledgeCheck", "Reflection"]
