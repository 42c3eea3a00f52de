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
    """Import every module of the models package (so each registers its states) and return the registry."""
    import importlib
    import pkgutil

    from .. import models

    for info in pkgutil.iter_modules(models.__path__):
        importlib.import_module(f"{models.__name__}.{info.name}")
    return WIDGET_STATES
