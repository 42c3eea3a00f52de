"""Analysis of a rich picture: an edge list and four small questions about the system around a child.

Every function takes a `Scene` (or anything `load_scene` accepts: a dict or exported JSON text) and returns a
pandas DataFrame with Dutch column names, ready to show in a notebook. `summary` gives the same answers as the
browser's `analyse` helper in the rich picture's rules.js (a browser test compares the two).
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from .model import PICTOGRAMS, Actor, Boundary, Bubble, Scene, load_scene

STYLE_WORDS = {"strong": "sterk", "weak": "zwak", "strained": "gespannen"}
"""Relation styles in Dutch."""

DIRECTION_WORDS = {"forward": "naar doel", "backward": "naar bron", "both": "twee kanten op", "none": "geen pijl"}
"""Relation directions in Dutch, from the source's point of view."""

KIND_WORDS = {"actor": "actor", "text": "tekst", "thought": "gedachte", "worry": "zorg", "boundary": "grens"}
"""Element kinds in Dutch (bubbles by their variant)."""

OUTSIDE = "(buiten elke grens)"
"""The context of actors that no boundary surrounds."""


def as_scene(picture: Scene | dict[str, Any] | str) -> Scene:
    """Accept a Scene, a parsed scene or exported JSON text."""
    if isinstance(picture, Scene):
        return picture
    if isinstance(picture, str):
        picture = json.loads(picture)
    return load_scene(picture)


def name_of(scene: Scene, element_id: str) -> str:
    """What the picture shows as an element's name: its label, or the pictogram's label for an unnamed actor."""
    element = scene.element(element_id)
    if element.label.strip():
        return element.label.strip()
    if isinstance(element, Actor):
        return PICTOGRAMS[element.pictogram]
    if isinstance(element, Bubble):
        return f"{KIND_WORDS[element.variant]} van {name_of(scene, element.actor)}"
    return f"({KIND_WORDS[element.kind]})"


def contexts_of(scene: Scene, element_id: str) -> list[str]:
    """Ids of the boundaries whose area holds the element's centre (a boundary is not in itself)."""
    x, y = scene.position(element_id)
    return [e.id for e in scene.elements if isinstance(e, Boundary) and e.id != element_id and e.contains(x, y)]


def elements_frame(picture: Scene | dict[str, Any] | str) -> pd.DataFrame:
    """One row per element: id, soort, pictogram, naam, x, y and the contexts (boundaries) it lies in."""
    scene = as_scene(picture)
    rows = []
    for element in scene.elements:
        x, y = scene.position(element.id)
        kind = element.variant if isinstance(element, Bubble) else element.kind
        rows.append(
            {
                "id": element.id,
                "soort": KIND_WORDS[kind],
                "pictogram": element.pictogram if isinstance(element, Actor) else None,
                "naam": name_of(scene, element.id),
                "x": x,
                "y": y,
                "contexten": [name_of(scene, b) for b in contexts_of(scene, element.id)],
            }
        )
    return pd.DataFrame(rows, columns=["id", "soort", "pictogram", "naam", "x", "y", "contexten"])


EDGE_COLUMNS = ["id", "bron_id", "bron", "doel_id", "doel", "label", "richting", "stijl", "conflict"]


def edge_list(picture: Scene | dict[str, Any] | str) -> pd.DataFrame:
    """The relations as an edge list: one row per relation with both ends, label, direction, style, conflict."""
    scene = as_scene(picture)
    rows = [
        {
            "id": r.id,
            "bron_id": r.source,
            "bron": name_of(scene, r.source),
            "doel_id": r.target,
            "doel": name_of(scene, r.target),
            "label": r.label,
            "richting": DIRECTION_WORDS[r.direction],
            "stijl": STYLE_WORDS[r.style],
            "conflict": r.conflict,
        }
        for r in scene.relations
    ]
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


def actors_per_context(picture: Scene | dict[str, Any] | str) -> pd.DataFrame:
    """Which actors stand inside which boundary (context); actors outside all boundaries are listed too."""
    scene = as_scene(picture)
    rows = []
    for actor in (e for e in scene.elements if isinstance(e, Actor)):
        inside = contexts_of(scene, actor.id)
        boundaries: list[str | None] = [*inside] or [None]
        for boundary in boundaries:
            rows.append(
                {
                    "context_id": boundary,
                    "context": name_of(scene, boundary) if boundary else OUTSIDE,
                    "actor_id": actor.id,
                    "actor": name_of(scene, actor.id),
                }
            )
    frame = pd.DataFrame(rows, columns=["context_id", "context", "actor_id", "actor"])
    return frame.sort_values(["context", "actor"], kind="stable").reset_index(drop=True)


def relations_per_actor(picture: Scene | dict[str, Any] | str) -> pd.DataFrame:
    """Per actor: how many relations it has, split by style, and how many carry a conflict mark."""
    scene = as_scene(picture)
    rows = []
    for actor in (e for e in scene.elements if isinstance(e, Actor)):
        own = [r for r in scene.relations if actor.id in (r.source, r.target)]
        rows.append(
            {
                "actor_id": actor.id,
                "actor": name_of(scene, actor.id),
                "relaties": len(own),
                "sterk": sum(r.style == "strong" for r in own),
                "zwak": sum(r.style == "weak" for r in own),
                "gespannen": sum(r.style == "strained" for r in own),
                "conflict": sum(r.conflict for r in own),
            }
        )
    frame = pd.DataFrame(rows, columns=["actor_id", "actor", "relaties", "sterk", "zwak", "gespannen", "conflict"])
    return frame.sort_values(["relaties", "actor"], ascending=[False, True], kind="stable").reset_index(drop=True)


def strained_relations(picture: Scene | dict[str, Any] | str) -> pd.DataFrame:
    """The relations drawn as strained or marked with a conflict."""
    edges = edge_list(picture)
    return edges[(edges["stijl"] == STYLE_WORDS["strained"]) | edges["conflict"]].reset_index(drop=True)


def children(scene: Scene) -> list[str]:
    """Ids of the actors drawn with the child pictogram."""
    return [e.id for e in scene.elements if isinstance(e, Actor) and e.pictogram == "kind"]


def connected_to_child(picture: Scene | dict[str, Any] | str, child: str | None = None) -> pd.DataFrame:
    """Who is directly connected to the child (every actor with the 'kind' pictogram, or the given id)."""
    scene = as_scene(picture)
    ids = [child] if child else children(scene)
    rows = []
    for kid in ids:
        scene.element(kid)
        for r in scene.relations:
            if kid not in (r.source, r.target):
                continue
            other = r.target if r.source == kid else r.source
            towards = {
                "forward": "naar het kind" if r.target == kid else "van het kind",
                "backward": "naar het kind" if r.source == kid else "van het kind",
                "both": "twee kanten op",
                "none": "geen pijl",
            }[r.direction]
            rows.append(
                {
                    "kind_id": kid,
                    "kind": name_of(scene, kid),
                    "verbonden_id": other,
                    "verbonden_met": name_of(scene, other),
                    "label": r.label,
                    "richting": towards,
                    "stijl": STYLE_WORDS[r.style],
                    "conflict": r.conflict,
                }
            )
    columns = ["kind_id", "kind", "verbonden_id", "verbonden_met", "label", "richting", "stijl", "conflict"]
    return pd.DataFrame(rows, columns=columns)


def summary(picture: Scene | dict[str, Any] | str) -> dict[str, Any]:
    """The analysis as plain data, in the same shape as `analyse(scene)` in the rich picture's rules.js."""
    scene = as_scene(picture)
    actors = [e.id for e in scene.elements if isinstance(e, Actor)]
    contexts: dict[str, list[str]] = {}
    for actor in actors:
        for boundary in contexts_of(scene, actor) or [""]:
            contexts.setdefault(boundary, []).append(actor)
    child_links = {
        kid: sorted({r.target if r.source == kid else r.source for r in scene.relations if kid in (r.source, r.target)})
        for kid in children(scene)
    }
    return {
        "actors": len(actors),
        "relations": len(scene.relations),
        "contexts": {key: sorted(value) for key, value in sorted(contexts.items())},
        "perActor": {a: sum(a in (r.source, r.target) for r in scene.relations) for a in sorted(actors)},
        "strained": sorted(r.id for r in scene.relations if r.style == "strained" or r.conflict),
        "childLinks": child_links,
    }


def to_networkx(picture: Scene | dict[str, Any] | str) -> Any:
    """The picture as a networkx MultiDiGraph (only when networkx is installed; the course does not need it)."""
    try:
        import networkx as nx
    except ImportError as error:
        raise ImportError(
            "to_networkx() heeft het pakket networkx nodig, dat de cursus niet zelf installeert. Installeer het met "
            "`pip install networkx` (in een notebook: `%pip install networkx`) en herstart de kernel, of gebruik "
            "edge_list(): dezelfde relaties als pandas-tabel."
        ) from error
    scene = as_scene(picture)
    graph = nx.MultiDiGraph(title=scene.title)
    for row in elements_frame(scene).to_dict("records"):
        graph.add_node(row["id"], **{k: v for k, v in row.items() if k != "id"})
    for row in edge_list(scene).to_dict("records"):
        graph.add_edge(row["bron_id"], row["doel_id"], key=row["id"], **row)
    return graph
