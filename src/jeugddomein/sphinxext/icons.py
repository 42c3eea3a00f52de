"""Inline SVG icons instead of Font Awesome: the theme's ~700 KB icon script and font draw about 15 icons."""

from __future__ import annotations

import re

_SHAPES = {
    "magnifying-glass": '<circle cx="11" cy="11" r="7"/><path d="M20.5 20.5 16 16"/>',
    "chevron-down": '<path d="m6 9 6 6 6-6"/>',
    "chevron-right": '<path d="m9 6 6 6-6 6"/>',
    "angle-right": '<path d="m9 6 6 6-6 6"/>',
    "angle-left": '<path d="m15 6-6 6 6 6"/>',
    "bars": '<path d="M4 6h16M4 12h16M4 18h16"/>',
    "list": '<path d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01"/>',
    "outdent": '<path d="M21 6H11M21 12H11M21 18H3M7 3 3 6.5 7 10"/>',
    "sun": '<circle cx="12" cy="12" r="4"/><path d="M12 2v2m0 16v2M2 12h2m16 0h2M4.9 4.9l1.4 1.4m11.4 11.4 1.4 1.4'
    'M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"/>',
    "moon": '<path d="M20.5 13.5A8.5 8.5 0 1 1 10.5 3.5a6.5 6.5 0 0 0 10 10z"/>',
    "circle-half-stroke": '<circle cx="12" cy="12" r="9"/><path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor"/>',
    "arrow-up": '<path d="M12 19V5m-7 7 7-7 7 7"/>',
    "file": '<path d="M14 3H6.5A1.5 1.5 0 0 0 5 4.5v15A1.5 1.5 0 0 0 6.5 21h11a1.5 1.5 0 0 0 1.5-1.5V8z"/>'
    '<path d="M14 3v5h5"/>',
    "file-pdf": '<path d="M14 3H6.5A1.5 1.5 0 0 0 5 4.5v15A1.5 1.5 0 0 0 6.5 21h11a1.5 1.5 0 0 0 1.5-1.5V8z"/>'
    '<path d="M14 3v5h5M8.5 13h7M8.5 16.5h5"/>',
    "download": '<path d="M12 3v12m-5-5 5 5 5-5M5 21h14"/>',
    "xmark": '<path d="M6 6l12 12M18 6 6 18"/>',
    "expand": '<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>',
    "copy": '<rect x="8" y="8" width="12" height="12" rx="1.5"/>'
    '<path d="M16 8V5.5A1.5 1.5 0 0 0 14.5 4h-9A1.5 1.5 0 0 0 4 5.5v9A1.5 1.5 0 0 0 5.5 16H8"/>',
    "rocket": '<path d="M5 15c-1.5 1.5-2 5-2 5s3.5-.5 5-2m-1-4 4 4m-4-4c1-4 5-10 12-11-1 7-7 11-11 12"/>',
}

_STYLES = r"(?:fa-solid|fa-regular|fa-brands|fas|far|fab)"
_ICON = re.compile(rf'<(?P<tag>i|span) class="(?P<classes>[^"]*\b{_STYLES}\b[^"]*)"(?P<attrs>[^>]*)></(?P=tag)>')


def _svg(match: re.Match[str]) -> str:
    classes = match["classes"].split()
    name = next((c[3:] for c in classes if c.startswith("fa-") and c[3:] in _SHAPES), None)
    if name is None:
        return match.group(0)
    return (
        f'<svg class="{" ".join(classes)} jd-icon"{match["attrs"]} viewBox="0 0 24 24" width="1em" height="1em" '
        'aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" '
        f'stroke-linecap="round" stroke-linejoin="round">{_SHAPES[name]}</svg>'
    )


def inline_icons(html: str) -> str:
    """Replace every known Font Awesome <i> icon by an inline SVG that keeps its classes and attributes."""
    return _ICON.sub(_svg, html)


def known_icons() -> set[str]:
    """Icon names drawn inline."""
    return set(_SHAPES)
