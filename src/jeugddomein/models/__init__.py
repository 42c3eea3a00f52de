"""Pydantic models: the single source of truth for every data file and the portfolio export."""

from .base import StrictModel, WidgetId
from .content import ChartSpec, GlossaryEntry, LearningGoals
from .portfolio import Portfolio, portfolio_json_schema
from .widgets import KnowledgeCheckSpec, KnowledgeCheckState, OptionSpec, ReflectionSpec, ReflectionState

__all__ = [
    "ChartSpec",
    "GlossaryEntry",
    "KnowledgeCheckSpec",
    "KnowledgeCheckState",
    "LearningGoals",
    "OptionSpec",
    "Portfolio",
    "ReflectionSpec",
    "ReflectionState",
    "StrictModel",
    "WidgetId",
    "portfolio_json_schema",
]
