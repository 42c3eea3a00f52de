"""Page-level additions for exercise pages (overviews, printable cards, tables). Each module here has `setup(app)`."""

from __future__ import annotations

import importlib
import pkgutil

from sphinx.application import Sphinx


def setup_all(app: Sphinx) -> None:
    """Call `setup(app)` of every module in this package."""
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.setup(app)
