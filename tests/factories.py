"""Objects that several tests build: portfolio exports and their entries, and rich-picture scenes."""

from __future__ import annotations

import copy
from typing import Any

COURSE = "samenwerken-jeugddomein"
WHEN = "2026-11-20T10:00:00Z"


def entry(widget: str, state: dict[str, Any], widget_id: str | None = None, **fields: Any) -> dict[str, Any]:
    """One portfolio entry: a widget's saved state (fields such as `page` or `updated` added or replaced)."""
    return {"id": widget_id or f"test-{widget}", "widget": widget, "updated": WHEN, "state": state, **fields}


def portfolio(*entries: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A portfolio export as the portfolio page writes it, holding these entries (top-level fields replaced)."""
    data = {
        "format": "jeugddomein-portfolio",
        "schema_version": 1,
        "course": COURSE,
        "course_version": "1.0",
        "exported_at": WHEN,
        "entries": list(entries),
    }
    data.update(changes)
    return data


DAAN: dict[str, Any] = {
    "format": "jeugddomein-rich-picture",
    "version": 2,
    "title": "Daan",
    "elements": [
        {"id": "thuis", "kind": "boundary", "label": "Thuis", "x": 20, "y": 40, "width": 430, "height": 320},
        {"id": "school", "kind": "boundary", "label": "School", "x": 380, "y": 40, "width": 400, "height": 320},
        {"id": "daan", "kind": "actor", "pictogram": "kind", "label": "Daan", "x": 415, "y": 210},
        {"id": "ouders", "kind": "actor", "pictogram": "ouders", "label": "", "x": 130, "y": 140},
        {"id": "bram", "kind": "actor", "pictogram": "leraar", "label": "Meester Bram", "x": 640, "y": 150},
        {"id": "hv", "kind": "actor", "pictogram": "jeugdhulpverlener", "label": "Hulpverlener", "x": 580, "y": 500},
        {"id": "ib", "kind": "actor", "pictogram": "intern-begeleider", "label": "IB'er", "x": 900, "y": 150},
        {"id": "t1", "kind": "text", "label": "Wie ontbreekt?", "x": 100, "y": 480},
        {"id": "w1", "kind": "bubble", "variant": "worry", "label": "Veilig thuis?", "actor": "bram", "dx": 20,
         "dy": -90},
    ],
    "relations": [
        {"id": "r1", "source": "hv", "target": "bram", "label": "vragenlijst", "direction": "forward",
         "style": "weak", "conflict": False},
        {"id": "r2", "source": "ouders", "target": "daan", "label": "", "direction": "none", "style": "strong",
         "conflict": False},
        {"id": "r3", "source": "bram", "target": "daan", "label": "elke dag", "direction": "both",
         "style": "strong", "conflict": False},
        {"id": "r4", "source": "ouders", "target": "bram", "label": "sbo?", "direction": "both",
         "style": "strained", "conflict": True},
        {"id": "r5", "source": "daan", "target": "hv", "label": "medicatie", "direction": "backward",
         "style": "weak", "conflict": False},
        {"id": "r6", "source": "bram", "target": "ib", "label": "", "direction": "forward", "style": "weak",
         "conflict": True},
    ],
}  # fmt: skip
"""A complete version-2 rich-picture scene (the Python tests and the browser test that compares both languages)."""


V1: dict[str, Any] = {
    "version": 1,
    "title": "Oud formaat",
    "areas": [{"id": "g", "name": "School", "x": 0, "y": 0, "w": 300, "h": 200}],
    "actors": [
        {"id": "a", "icon": "kind", "name": "Sem", "x": 100, "y": 100},
        {"id": "b", "icon": "leraar", "name": "Juf", "x": 200, "y": 100},
    ],
    "notes": [{"id": "n", "text": "Let op", "x": 50, "y": 300}],
    "clouds": [{"id": "c", "actor": "b", "text": "Hij is zo stil", "worry": True}],
    "links": [
        {"id": "l1", "from": "b", "to": "a", "text": "helpt", "tone": "positive"},
        {"id": "l2", "from": "a", "to": "b", "tone": "negative", "arrow": False, "conflict": True},
    ],
}
"""A scene in the first format, as an older course version saved it."""


def scene(**changes: Any) -> dict[str, Any]:
    """A fresh copy of DAAN with top-level fields replaced."""
    data = copy.deepcopy(DAAN)
    data.update(changes)
    return data
