"""Serve a widget ES module as one file: Jupyter loads `_esm` from a blob URL, so no relative imports."""

from __future__ import annotations

import re
from functools import cache

from ..paths import WIDGETS_DIR

_IMPORT = re.compile(r'^import\s*\{[^}]*\}\s*from\s*"\./(?P<file>[a-z_]+\.js)";\s*$', re.M)
_EXPORT = re.compile(r"^export\s+(?=(?:async\s+)?function|const|let|class)", re.M)


@cache
def esm_source(module: str) -> str:
    """The module's code with its `./_shared.js` imports inlined (their `export` keywords dropped)."""
    source = (WIDGETS_DIR / f"{module}.js").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        shared = (WIDGETS_DIR / match["file"]).read_text(encoding="utf-8")
        return _EXPORT.sub("", shared)

    return _IMPORT.sub(inline, source)


@cache
def css_source(module: str) -> str:
    """The module's stylesheet (empty when it has none)."""
    path = WIDGETS_DIR / f"{module}.css"
    return path.read_text(encoding="utf-8") if path.exists() else ""
