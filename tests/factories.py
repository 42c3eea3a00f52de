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


PICTOGRAMS = ["kind", "ouders", "leraar", "intern-begeleider", "jeugdhulpverlener", "wijkteam", "school", "thuis"]


def big_scene(elements: int = 300, relations: int = 250) -> dict:
    """A picture of `elements` elements on a grid: boundaries, actors, texts and bubbles, plus relations."""
    boundaries, texts, bubbles = 8, 32, 30
    actors = elements - boundaries - texts - bubbles
    items: list[dict] = []
    for i in range(boundaries):
        items.append(
            {"id": f"g{i}", "kind": "boundary", "label": f"Context {i + 1}", "x": (i % 4) * 900 - 40,
             "y": (i // 4) * 1100 - 60, "width": 860, "height": 1040}
        )  # fmt: skip
    for i in range(actors):
        items.append(
            {"id": f"a{i}", "kind": "actor", "pictogram": PICTOGRAMS[i % len(PICTOGRAMS)],
             "label": f"Betrokkene {i + 1}", "x": (i % 20) * 180, "y": (i // 20) * 190}
        )  # fmt: skip
    for i in range(texts):
        items.append(
            {"id": f"t{i}", "kind": "text", "label": f"Opmerking {i + 1} bij de casus", "x": (i % 8) * 450 + 90,
             "y": (i // 8) * 560 + 95}
        )  # fmt: skip
    for i in range(bubbles):
        items.append(
            {"id": f"w{i}", "kind": "bubble", "variant": "worry" if i % 2 else "thought",
             "label": f"Zorg of gedachte {i + 1}", "actor": f"a{i * 7}", "dx": 60, "dy": -80}
        )  # fmt: skip
    links = []
    for i in range(relations):
        source, target = i % actors, (i * 7 + 1) % actors
        if source == target:
            target = (target + 1) % actors
        links.append(
            {"id": f"r{i}", "source": f"a{source}", "target": f"a{target}", "label": f"relatie {i + 1}",
             "direction": ["forward", "both", "none", "backward"][i % 4],
             "style": ["strong", "weak", "strained"][i % 3], "conflict": i % 11 == 0}
        )  # fmt: skip
    return {"format": "jeugddomein-rich-picture", "version": 2, "title": "Benchmark", "elements": items,
            "relations": links}  # fmt: skip


def large_pictures(picture_ids: list[str], elements: int = 100, when: str = WHEN) -> list[dict[str, Any]]:
    """A rich-picture entry of `elements` elements (and 60 relations) for each of these placements."""
    out = []
    for number, widget_id in enumerate(picture_ids):
        scene = big_scene(elements, 60) | {"title": f"Grote tekening {number + 1}"}
        state = {"pictures": [{"id": "p1", "scene": scene}], "active": "p1", "snap": False}
        out.append(entry("rich-picture", state, widget_id, updated=when))
    return out
