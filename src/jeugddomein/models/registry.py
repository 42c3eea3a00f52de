"""Registry of learner-state models per widget type; the portfolio export is built from it."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

WIDGET_STATES: dict[str, type[BaseModel]] = {}
"""Widget type name -> the model of the learner's work for that widget."""


def widget_state(name: str) -> Callable[[type[BaseModel]], type[BaseModel]]:
    """Class decorator: register `cls` as the learner state of widget type `name`."""

    def register(cls: type[BaseModel]) -> type[BaseModel]:
        if name in WIDGET_STATES and WIDGET_STATES[name] is not cls:
            raise ValueError(f"widget type '{name}' has two state models")
        WIDGET_STATES[name] = cls
        return cls

    return register


def load_all_models() -> dict[str, type[BaseModel]]:
    """Import every widget folder's model (so each registers its state) and return the registry."""
    import importlib

    from ..widgets import WIDGET_FOLDERS

    for folder in WIDGET_FOLDERS:
        importlib.import_module(f"jeugddomein.widgets.{folder}.model")
    return WIDGET_STATES
