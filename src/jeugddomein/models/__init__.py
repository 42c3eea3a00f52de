"""Shared pydantic models: common field types, course content and the portfolio export.

Each widget's own spec and state live in its folder (``jeugddomein.widgets.<name>.model``). The portfolio model
is built from every widget's registered state, so it is imported on first use (a widget model importing
``models.base`` must not build the portfolio before that widget registered itself).
"""

from typing import Any

from .base import StrictModel, WidgetId
from .content import ChartSpec, GlossaryEntry, LearningGoals


def __getattr__(name: str) -> Any:
    if name in ("Portfolio", "portfolio_json_schema"):
        from . import portfolio

        return getattr(portfolio, name)
    raise AttributeError(name)


__all__ = [
    "ChartSpec",
    "GlossaryEntry",
    "LearningGoals",
    "Portfolio",
    "StrictModel",
    "WidgetId",
    "portfolio_json_schema",
]
