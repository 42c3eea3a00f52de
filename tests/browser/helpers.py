"""Small helpers for browser tests: the learner store as the page sees it."""

from __future__ import annotations

import json

COURSE = "samenwerken-jeugddomein"


def store_key(widget_id: str) -> str:
    return f"jd:{COURSE}:w:{widget_id}"


def stored(page: object) -> dict[str, object]:
    """Every key of the course in localStorage, parsed where possible."""
    raw = page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('jd:'))"
        ".map(k => [k, localStorage.getItem(k)]))"
    )
    out = {}
    for key, value in raw.items():
        try:
            out[key] = json.loads(value)
        except ValueError:
            out[key] = value
    return out


def widget(page: object, widget_id: str) -> object:
    return page.locator(f'.jd-widget[data-widget-id="{widget_id}"]')
