"""Throwaway Sphinx projects for the extension's tests, built in-process by sphinx.testing's `make_app` fixture."""

from __future__ import annotations

import re
from pathlib import Path

EXTENSIONS = ["myst_parser", "sphinxcontrib.bibtex", "jeugddomein.sphinxext"]
OWN_SUFFIXES = 'source_suffix = {".rst": "restructuredtext", ".md": "markdown"}'
"""Each project names its own suffixes: extensions add theirs to this dict, and Sphinx's default one is shared by every
app in the process (myst-nb's parser would otherwise stay registered for the projects built after it)."""


def write_project(srcdir: Path, pages: dict[str, str], conf: str = "") -> Path:
    """A project in `srcdir` with the course's extension, these pages (name -> text) and extra conf.py lines."""
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(
        f"extensions = {EXTENSIONS!r}\nbibtex_bibfiles = []\nlanguage = 'nl'\n"
        f"myst_enable_extensions = ['colon_fence']\n{OWN_SUFFIXES}\n{conf}",
        encoding="utf-8",
    )
    for name, text in pages.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    return srcdir


def warnings(app: object) -> str:
    """What the build warned about, without terminal colours."""
    return re.sub(r"\x1b\[[0-9;]*m", "", app._warning.getvalue())


def page(app: object, name: str = "index") -> str:
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")
