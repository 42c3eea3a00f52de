"""The rich picture's rules, the same as rules.js (tests/golden/rich_picture/ holds the shared cases).

Migration and validation are the scene model's (model.py), the analysis is analysis.py; this module gives them the
browser's shapes and adds the rule for 'done'.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from .._shared import field
from .analysis import summary
from .model import Scene, load_scene, migrate_scene

DONE_MINIMUM = {"actors": 3, "relations": 3, "bubbles": 1}
"""What one picture needs to count as done: the exercise asks for actors, relations with words, and a bubble."""


def migrate(data: Any) -> Any:
    """An older scene brought up to the current version (a newer version raises ValueError)."""
    return migrate_scene(copy.deepcopy(data))


def read_scene(data: Any) -> Scene | None:
    """The scene migrated, validated and with defaults filled in, or None when it is not a valid scene."""
    try:
        return load_scene(copy.deepcopy(data))
    except (ValueError, ValidationError):
        return None


def normalise(data: Any) -> dict[str, Any] | None:
    """The scene as the export writes it (every default filled in), or None when it is not a valid scene."""
    scene = read_scene(data)
    return scene.model_dump(mode="json") if scene is not None else None


def analyse(scene: Any) -> dict[str, Any]:
    """Actors, relations, contexts, relations per actor, strained relations and the child's links."""
    return summary(scene)


def _counts(scene: Scene) -> bool:
    actors = sum(1 for e in scene.elements if e.kind == "actor")
    bubbles = sum(1 for e in scene.elements if e.kind == "bubble")
    return (
        actors >= DONE_MINIMUM["actors"]
        and len(scene.relations) >= DONE_MINIMUM["relations"]
        and bubbles >= DONE_MINIMUM["bubbles"]
    )


def done(config: Any, state: Any) -> bool:
    """Done: at least one readable picture has DONE_MINIMUM actors, relations and thought or worry bubbles."""
    for picture in field(state, "pictures") or []:
        scene = field(picture, "scene")
        scene = scene if isinstance(scene, Scene) else read_scene(scene)
        if scene is not None and _counts(scene):
            return True
    return False
