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


def add_stylesheet(app: Sphinx, name: str) -> None:
    """Link _static/jeugddomein/`name` from every HTML page (added once the builder is known)."""

    def add(app: Sphinx) -> None:
        if app.builder.format == "html":
            app.add_css_file(f"jeugddomein/{name}")

    app.connect("builder-inited", add)
