"""The rich-picture scene format (versioned), the widget's spec and the learner's pictures.

A scene is what the canvas draws and what "Exporteer JSON" writes: elements (actors with a pictogram, free
text, thought and worry bubbles attached to an actor, boundaries around a context) and relations between
elements (label, direction, style, conflict mark). The browser module `widgets/rich_picture/` mirrors
`migrate_scene` and the checks in `Scene`; a browser test compares both on the same files.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from ...models.base import ShortText, StrictModel, WidgetId, WidgetSpec
from ...models.jsontypes import JsonBool, JsonFloat
from ...models.registry import widget_state

SCENE_FORMAT: Final = "jeugddomein-rich-picture"
"""Marks a JSON file as a rich picture of this course."""

SCENE_VERSION: Final = 2
"""The current version of the scene format; older versions are migrated by `migrate_scene`."""

PICTOGRAMS = {
    "kind": "Kind of jeugdige",
    "ouder": "Ouder",
    "ouders": "Ouders",
    "broer-zus": "Broer of zus",
    "grootouder": "Grootouder",
    "klasgenoten": "Klasgenoten of vrienden",
    "leraar": "Leraar",
    "intern-begeleider": "Intern begeleider",
    "jeugdhulpverlener": "Jeugdhulpverlener",
    "wijkteam": "Wijkteam",
    "schoolmaatschappelijk-werker": "Schoolmaatschappelijk werker",
    "jeugdarts": "Huisarts of jeugdarts",
    "verpleegkundige": "(Jeugd)verpleegkundige",
    "persoon": "Andere betrokkene",
    "school": "School",
    "thuis": "Thuis",
    "buurt": "Buurt",
    "sportclub": "Sportclub of vereniging",
    "organisatie": "Organisatie of instelling",
    "gemeente": "Gemeente",
}
"""Pictograms of the palette in palette order: id -> Dutch label (`assets/pictograms/<id>.svg` has the same title)."""

PICTOGRAM_IDS = tuple(PICTOGRAMS)

# The id of a pictogram of the palette: a Literal of the ids at run time; a type checker sees a string.
if TYPE_CHECKING:
    PictogramId = str
else:
    PictogramId = Literal[PICTOGRAM_IDS]

MAX_ELEMENTS = 1000
MAX_RELATIONS = 2000
MAX_PICTURES = 30
COORD = 100_000.0


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("hier hoort een eindig getal")
    return value


ElementId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
"""Id of an element or relation inside one scene: letters, digits, '-' and '_' (at most 40)."""

Coordinate = Annotated[JsonFloat, Field(ge=-COORD, le=COORD), AfterValidator(_finite)]
"""A position on the canvas, in canvas units (one unit is one screen pixel at 100% zoom)."""

Label = Annotated[str, StringConstraints(max_length=300)]
"""A label as the learner typed it; shown as plain text, never as markup."""


class Actor(StrictModel):
    """A person, group or place, drawn as a pictogram with a name under it."""

    id: ElementId = Field(description="Id of the element, unique in the scene.")
    kind: Literal["actor"] = Field(description="Element type.")
    pictogram: PictogramId = Field(description="Which pictogram of the palette is drawn.")
    label: Label = Field("", description="The name under the pictogram; empty shows the pictogram's own label.")
    x: Coordinate = Field(description="Centre of the pictogram, horizontal.")
    y: Coordinate = Field(description="Centre of the pictogram, vertical.")


class FreeText(StrictModel):
    """A free text on the canvas (a remark, a question, a fact)."""

    id: ElementId = Field(description="Id of the element, unique in the scene.")
    kind: Literal["text"] = Field(description="Element type.")
    label: Label = Field("", description="The text.")
    x: Coordinate = Field(description="Centre of the text, horizontal.")
    y: Coordinate = Field(description="Centre of the text, vertical.")


class Bubble(StrictModel):
    """A thought or worry bubble attached to an actor; it moves with its actor."""

    id: ElementId = Field(description="Id of the element, unique in the scene.")
    kind: Literal["bubble"] = Field(description="Element type.")
    variant: Literal["thought", "worry"] = Field(description="'thought' (gedachte) or 'worry' (zorg).")
    label: Label = Field("", description="What the actor thinks or worries about.")
    actor: ElementId = Field(description="Id of the actor the bubble belongs to.")
    dx: Coordinate = Field(description="Offset of the bubble's centre from its actor, horizontal.")
    dy: Coordinate = Field(description="Offset of the bubble's centre from its actor, vertical.")


class Boundary(StrictModel):
    """A closed shape around elements: a system or a context such as 'thuis' or 'school'."""

    id: ElementId = Field(description="Id of the element, unique in the scene.")
    kind: Literal["boundary"] = Field(description="Element type.")
    label: Label = Field("", description="Name of the system or context.")
    x: Coordinate = Field(description="Left edge.")
    y: Coordinate = Field(description="Top edge.")
    width: Annotated[JsonFloat, Field(ge=40, le=COORD)] = Field(description="Width (at least 40).")
    height: Annotated[JsonFloat, Field(ge=40, le=COORD)] = Field(description="Height (at least 40).")

    def contains(self, x: float, y: float) -> bool:
        """Whether a point lies inside the boundary (edges included)."""
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


Element = Annotated[Actor | FreeText | Bubble | Boundary, Field(discriminator="kind")]


class Relation(StrictModel):
    """An arrow or line between two elements."""

    id: ElementId = Field(description="Id of the relation, unique in the scene (elements and relations together).")
    source: ElementId = Field(description="Id of the first element.")
    target: ElementId = Field(description="Id of the second element.")
    label: Label = Field("", description="Words on the relation, e.g. 'belt wekelijks'.")
    direction: Literal["forward", "backward", "both", "none"] = Field(
        "forward", description="Arrowhead at the target (forward), at the source (backward), at both, or none."
    )
    style: Literal["strong", "weak", "strained"] = Field(
        "strong", description="strong: thick line; weak: dashed line; strained: zigzag line."
    )
    conflict: JsonBool = Field(False, description="Whether the relation carries a conflict mark (crossed swords).")


class Scene(StrictModel):
    """One rich picture, as drawn, saved and exported (JSON)."""

    format: Literal["jeugddomein-rich-picture"] = Field(
        SCENE_FORMAT, description="Marks the file as a rich picture of this course."
    )
    version: Literal[2] = Field(SCENE_VERSION, description="Version of the scene format.")
    title: Annotated[str, StringConstraints(min_length=1, max_length=120)] = Field(
        "Rich picture", description="Title of the picture."
    )
    elements: list[Element] = Field(
        default_factory=list, max_length=MAX_ELEMENTS, description="Actors, texts, bubbles and boundaries."
    )
    relations: list[Relation] = Field(
        default_factory=list, max_length=MAX_RELATIONS, description="Relations between elements."
    )

    @model_validator(mode="after")
    def _check_references(self) -> Scene:
        problems = scene_problems(self.model_dump(mode="json"))
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def element(self, element_id: str) -> Actor | FreeText | Bubble | Boundary:
        """The element with this id (KeyError when there is none)."""
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)

    def position(self, element_id: str) -> tuple[float, float]:
        """Centre of an element on the canvas (a bubble's centre follows its actor)."""
        element = self.element(element_id)
        if isinstance(element, Bubble):
            ax, ay = self.position(element.actor)
            return ax + element.dx, ay + element.dy
        if isinstance(element, Boundary):
            return element.x + element.width / 2, element.y + element.height / 2
        return element.x, element.y

    def to_json(self) -> str:
        """The scene as the browser exports it (same keys, same order)."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2)


def scene_problems(scene: dict[str, Any]) -> list[str]:
    """What is wrong with the references of a (shape-valid) scene, in Dutch; empty when all is well.

    The same rules as `referenceProblems` in the rich picture's rules.js: ids are unique over elements and relations,
    relations connect two different existing elements, and a bubble belongs to an existing actor.
    """
    problems: list[str] = []
    kinds: dict[str, str] = {}
    for i, element in enumerate(scene.get("elements", [])):
        if element["id"] in kinds:
            problems.append(
                f"elements.{i}.id: het id '{element['id']}' komt twee keer voor; geef elk element een eigen id"
            )
        kinds[element["id"]] = element["kind"]
    seen = set(kinds)
    for i, relation in enumerate(scene.get("relations", [])):
        if relation["id"] in seen:
            problems.append(
                f"relations.{i}.id: het id '{relation['id']}' komt twee keer voor; geef elke relatie een eigen id"
            )
        seen.add(relation["id"])
        for end in ("source", "target"):
            if relation[end] not in kinds:
                problems.append(
                    f"relations.{i}.{end}: de relatie verwijst naar '{relation[end]}', maar dat element bestaat niet"
                )
        if relation["source"] == relation["target"]:
            problems.append(f"relations.{i}: een relatie verbindt twee verschillende elementen")
    for i, element in enumerate(scene.get("elements", [])):
        if element["kind"] == "bubble" and kinds.get(element["actor"]) != "actor":
            problems.append(
                f"elements.{i}.actor: de wolk hoort bij '{element['actor']}', maar dat is geen actor in deze tekening"
            )
    return problems


_V1_STYLE = {"positive": "strong", "neutral": "weak", "negative": "strained"}


def _migrate_v1(old: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (the course's first canvas) kept actors, notes, clouds and links in separate lists.

    v1: {"version": 1, "title", "actors": [{"id", "icon", "name", "x", "y"}], "notes": [{"id", "text", "x", "y"}],
    "clouds": [{"id", "actor", "text", "worry": bool, "dx", "dy"}], "areas": [{"id", "name", "x", "y", "w", "h"}],
    "links": [{"id", "from", "to", "text", "tone": "positive"|"neutral"|"negative", "arrow": bool, "conflict": bool}]}.
    """
    elements: list[dict[str, Any]] = []
    for area in old.get("areas", []):
        elements.append(
            {
                "id": area["id"],
                "kind": "boundary",
                "label": area.get("name", ""),
                "x": area["x"],
                "y": area["y"],
                "width": area["w"],
                "height": area["h"],
            }
        )
    for actor in old.get("actors", []):
        elements.append(
            {
                "id": actor["id"],
                "kind": "actor",
                "pictogram": actor.get("icon", "persoon"),
                "label": actor.get("name", ""),
                "x": actor["x"],
                "y": actor["y"],
            }
        )
    for note in old.get("notes", []):
        elements.append(
            {"id": note["id"], "kind": "text", "label": note.get("text", ""), "x": note["x"], "y": note["y"]}
        )
    for cloud in old.get("clouds", []):
        elements.append(
            {
                "id": cloud["id"],
                "kind": "bubble",
                "variant": "worry" if cloud.get("worry") else "thought",
                "label": cloud.get("text", ""),
                "actor": cloud["actor"],
                "dx": cloud.get("dx", 60),
                "dy": cloud.get("dy", -70),
            }
        )
    relations = [
        {
            "id": link["id"],
            "source": link["from"],
            "target": link["to"],
            "label": link.get("text", ""),
            "direction": "forward" if link.get("arrow", True) else "none",
            "style": _V1_STYLE.get(link.get("tone", "positive"), "strong"),
            "conflict": bool(link.get("conflict", False)),
        }
        for link in old.get("links", [])
    ]
    return {
        "format": SCENE_FORMAT,
        "version": 2,
        "title": old.get("title") or "Rich picture",
        "elements": elements,
        "relations": relations,
    }


MIGRATIONS = {1: _migrate_v1}
"""Version n -> a function turning a scene of version n into version n + 1."""


def migrate_scene(data: Any) -> Any:
    """Bring an older scene up to the current version (the input is not changed); newer versions are refused."""
    if not isinstance(data, dict):
        return data
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCENE_VERSION:
        raise ValueError(
            f"deze tekening heeft versie {version}, nieuwer dan deze cursus ({SCENE_VERSION}); "
            "open haar in een nieuwere versie van de cursus"
        )
    while isinstance(data.get("version"), int) and data["version"] in MIGRATIONS:
        data = MIGRATIONS[data["version"]](data)
    return data


def load_scene(data: Any) -> Scene:
    """Migrate and validate a scene (parsed JSON); raises ValueError or pydantic's ValidationError."""
    return Scene.model_validate(migrate_scene(data))


def scene_from_json(text: str) -> Scene:
    """Read an exported scene file's text."""
    return load_scene(json.loads(text))


class RichPictureSpec(WidgetSpec):
    """A rich-picture canvas in a page: a title, a prompt and the starting pictures learners can begin with."""

    id: WidgetId = Field(description="Stable id of this canvas; it keys the learner's pictures.")
    title: ShortText = Field("Rich picture", description="Heading above the canvas.")
    prompt: ShortText | None = Field(None, description="What the learner should draw.")
    starts: list[Scene] = Field(
        default_factory=list,
        max_length=10,
        description="Starting pictures (e.g. the actors of a case); the learner begins with the first one.",
    )
    grid: Annotated[int, Field(ge=5, le=100)] = Field(20, description="Grid size in canvas units for 'snap'.")

    def static_outline(self) -> list[dict]:
        """How the canvas reads without JavaScript (search, print): the prompt and the starting pictures."""
        out: list[dict] = [{"strong": self.title}]
        if self.prompt:
            out.append({"p": self.prompt})
        for start in self.starts:
            names = {e.id: (e.label.strip() or PICTOGRAMS[e.pictogram]) for e in start.elements if isinstance(e, Actor)}
            out.append({"p": f"Startplaat: {start.title}"})
            lines = [
                names[e.id] if names[e.id] == PICTOGRAMS[e.pictogram] else f"{names[e.id]} ({PICTOGRAMS[e.pictogram]})"
                for e in start.elements
                if isinstance(e, Actor)
            ]
            lines += [
                f"{names.get(r.source, r.source)} – {names.get(r.target, r.target)}: {r.label or 'relatie'}"
                for r in start.relations
            ]
            if lines:
                out.append({"ul": lines})
        return out


class StoredPicture(StrictModel):
    """One of the learner's pictures in the store."""

    id: ElementId = Field(description="Id of the picture among the learner's pictures.")
    scene: Scene = Field(description="The picture.")

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("scene"), dict):
            return {**data, "scene": migrate_scene(data["scene"])}
        return data


@widget_state("rich-picture")
class RichPictureState(StrictModel):
    """A learner's rich pictures: several per canvas (one per case or assignment)."""

    pictures: list[StoredPicture] = Field(default_factory=list, max_length=MAX_PICTURES, description="The pictures.")
    active: Annotated[str, StringConstraints(max_length=40)] = Field(
        "", description="Id of the picture that is open; empty: the first."
    )
    snap: JsonBool = Field(False, description="Whether moved elements snap to the grid.")
    author: Annotated[str, StringConstraints(max_length=120)] = Field(
        "", description="The name on the exported pictures; empty: the learner's name from 'Mijn portfolio'."
    )

    @model_validator(mode="after")
    def _unique_pictures(self) -> RichPictureState:
        ids = [p.id for p in self.pictures]
        if len(ids) != len(set(ids)):
            raise ValueError("twee tekeningen hebben hetzelfde id")
        return self
