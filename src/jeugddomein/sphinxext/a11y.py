"""Accessibility repairs of the theme's HTML that no configuration reaches (WCAG 2.1 AA)."""

from __future__ import annotations

import re

_EMPTY_SUMMARY = re.compile(r'<summary>(<span class="toctree-toggle" role="presentation">.*?</span>)</summary>')
_LABEL = '<span class="visually-hidden">Onderdelen tonen of verbergen</span>'


def repair(html: str) -> str:
    """Name every navigation toggle; make reference-list entries list items (a role=list needs them). Idempotent."""
    html = _EMPTY_SUMMARY.sub(lambda m: f"<summary>{m.group(1)}{_LABEL}</summary>", html)
    return html.replace('<div class="citation" id="', '<div role="listitem" class="citation" id="').replace(
        'role="doc-biblioentry"', ""
    )
