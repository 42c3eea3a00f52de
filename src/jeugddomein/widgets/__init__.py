"""The course's widgets: each an anywidget class beside its ES module."""

from .base import MIME_TYPE, CourseWidget
from .knowledge_check import KnowledgeCheck
from .reflection import Reflection

WIDGET_CLASSES: dict[str, type[CourseWidget]] = {cls.widget_name: cls for cls in (KnowledgeCheck, Reflection)}
"""Every widget type by its name in pages and in the learner store."""

__all__ = ["MIME_TYPE", "WIDGET_CLASSES", "CourseWidget", "KnowledgeCheck", "Reflection"]
