"""Rich-picture canvas: draw the system around a child (Checkland), save several pictures, export and analyse them.

The pictograms live as accessible SVG files in `assets/pictograms/`. The bundled view cannot fetch them (Jupyter
loads it from a blob URL), so their shapes are written into pictograms.js between marker lines, generated from the
asset files by `python -m jeugddomein.widgets.rich_picture.widget` (a unit test fails when the block is stale).
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import traitlets

from ...models.base import WidgetSpec
from ...paths import WIDGETS_DIR, project_root
from ..base import CourseWidget
from . import analysis
from .model import (
    PICTOGRAMS,
    RichPictureSpec,
    RichPictureState,
    Scene,
    StoredPicture,
    load_scene,
)

SVG = "{http://www.w3.org/2000/svg}"
SHAPES = {"path", "circle", "rect", "ellipse"}
ATTRIBUTES = {
    "d", "cx", "cy", "r", "rx", "ry", "x", "y", "width", "height",
    "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
}  # fmt: skip
BEGIN = "// BEGIN PICTOGRAMS (generated from assets/pictograms by `python -m jeugddomein.widgets.rich_picture.widget`)"
END = "// END PICTOGRAMS"


def pictogram_folder() -> Path:
    """The folder with the pictogram SVG files."""
    return project_root() / "assets" / "pictograms"


def read_pictogram(path: Path) -> dict[str, Any]:
    """One pictogram file: its Dutch label (the <title>) and its shapes as [tag, attributes] pairs."""
    root = ET.parse(path).getroot()
    if root.tag != f"{SVG}svg" or root.get("viewBox") != "0 0 48 48":
        raise ValueError(f"{path.name}: verwacht <svg viewBox='0 0 48 48'>")
    title = root.find(f"{SVG}title")
    label = "" if title is None else (title.text or "").strip()
    if not label:
        raise ValueError(f"{path.name}: de <title> met het Nederlandse label ontbreekt")
    shapes = []
    for child in root:
        tag = child.tag.removeprefix(SVG)
        if tag in ("title", "desc"):
            continue
        if tag not in SHAPES:
            raise ValueError(f"{path.name}: <{tag}> is niet toegestaan; gebruik path, circle, rect of ellipse")
        unknown = set(child.attrib) - ATTRIBUTES
        if unknown:
            raise ValueError(f"{path.name}: onbekende attributen {sorted(unknown)}")
        shapes.append([tag, dict(child.attrib)])
    return {"label": label, "shapes": shapes}


def pictogram_table(folder: Path | None = None) -> dict[str, dict[str, Any]]:
    """Every pictogram of the palette, in palette order, read from the asset files."""
    folder = folder or pictogram_folder()
    return {key: read_pictogram(folder / f"{key}.svg") for key in PICTOGRAMS}


def pictogram_block(folder: Path | None = None) -> str:
    """The generated block of pictograms.js (marker lines included)."""
    lines = [BEGIN, "export const PICTOGRAMS = {"]
    for key, value in pictogram_table(folder).items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, separators=(',', ':'))},")
    lines += ["};", END]
    return "\n".join(lines)


def write_pictogram_block(js_path: Path | None = None) -> bool:
    """Regenerate the block in rich_picture/pictograms.js; returns True when the file changed."""
    js_path = js_path or WIDGETS_DIR / "rich_picture" / "pictograms.js"
    source = js_path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(source):
        raise ValueError(f"{js_path.name}: de markeringen van het pictogramblok ontbreken")
    updated = pattern.sub(lambda _: pictogram_block(), source)
    if updated != source:
        js_path.write_text(updated, encoding="utf-8")
    return updated != source


class RichPicture(CourseWidget):
    """A rich-picture canvas. In Python: `from_json`/`to_json`, an edge list and a small analysis per picture."""

    widget_name = "rich-picture"
    label = "Rich picture"
    module = "rich_picture"
    spec_model = RichPictureSpec
    state_model = RichPictureState

    title = traitlets.Unicode("Rich picture", help="Heading above the canvas.").tag(sync=True)
    prompt = traitlets.Unicode(None, allow_none=True, help="What the learner should draw.").tag(sync=True)
    starts = traitlets.List(traitlets.Dict(), help="Starting pictures (scenes).").tag(sync=True)
    grid = traitlets.Int(20, help="Grid size for snapping.").tag(sync=True)
    learner = traitlets.Unicode(
        "", help="The learner's name from 'Mijn portfolio' (the default name on exports); the site's host fills it."
    ).tag(sync=True)
    pictures = traitlets.List(traitlets.Dict(), help="The learner's pictures: {id, scene}.").tag(
        sync=True, learner=True
    )
    active = traitlets.Unicode("", help="Id of the open picture.").tag(sync=True, learner=True)
    snap = traitlets.Bool(False, help="Snap to the grid while moving.").tag(sync=True, learner=True)
    author = traitlets.Unicode("", help="Name on the exports; empty: the learner's name.").tag(sync=True, learner=True)

    @classmethod
    def resolve_config(cls, spec: WidgetSpec, data_dir: Path | None = None) -> dict[str, Any]:
        """The spec, plus `learner` for the host to fill with the learner's name."""
        return {**super().resolve_config(spec, data_dir), "learner": ""}

    @classmethod
    def from_json(cls, text: str, widget_id: str = "rich-picture-jupyter") -> RichPicture:
        """A canvas holding one picture read from an exported JSON file's text (older versions are migrated)."""
        scene = load_scene(json.loads(text))
        picture = StoredPicture(id="p1", scene=scene).model_dump(mode="json")
        return cls({"id": widget_id, "title": scene.title}, pictures=[picture], active="p1")

    @classmethod
    def from_file(cls, path: str | Path, widget_id: str = "rich-picture-jupyter") -> RichPicture:
        """A canvas holding the picture of an exported JSON file."""
        return cls.from_json(Path(path).read_text(encoding="utf-8"), widget_id)

    def shown_pictures(self) -> list[dict[str, Any]]:
        """The pictures as the canvas shows them: the learner's, or before the first edit the starting picture (the
        first of `starts`, else an empty one) as 'p1', just as the view begins."""
        if self.pictures:
            return list(self.pictures)
        if self.starts:
            first = load_scene(self.starts[0])
        else:
            first = Scene.model_validate({"title": self.title or "Rich picture"})
        return [{"id": "p1", "scene": first.model_dump(mode="json")}]

    def _stored(self, picture: str | int | None) -> dict[str, Any]:
        pictures = self.shown_pictures()
        if isinstance(picture, int):
            return pictures[picture]
        wanted = picture or self.active
        for stored in pictures:
            if stored["id"] == wanted:
                return stored
        if picture:
            raise LookupError(f"Geen tekening met id '{picture}'; kies uit {', '.join(p['id'] for p in pictures)}.")
        return pictures[0]

    def scene(self, picture: str | int | None = None) -> Scene:
        """A picture (by id or index; default the open one) as a validated Scene."""
        return load_scene(self._stored(picture)["scene"])

    def to_json(self, picture: str | int | None = None) -> str:
        """A picture as the browser's 'Exporteer JSON' writes it."""
        return self.scene(picture).to_json()

    def add_scene(self, scene: Scene | dict[str, Any] | str) -> str:
        """Add a picture (a Scene, a dict or JSON text) and open it; returns its id."""
        checked = analysis.as_scene(scene)
        pictures = self.shown_pictures()
        taken = {p["id"] for p in pictures}
        number = len(pictures) + 1
        while f"p{number}" in taken:
            number += 1
        new_id = f"p{number}"
        with self.hold_sync():  # one message: the view gets the new picture and opens it
            self.pictures = [*pictures, {"id": new_id, "scene": checked.model_dump(mode="json")}]
            self.active = new_id
        return new_id

    def to_frame(self) -> pd.DataFrame:
        """One row per picture (as the canvas shows them): id, title and counts."""
        rows = []
        for stored in self.shown_pictures():
            summary = analysis.summary(stored["scene"])
            rows.append(
                {
                    "id": stored["id"],
                    "titel": stored["scene"].get("title", ""),
                    "actoren": summary["actors"],
                    "relaties": summary["relations"],
                    "gespannen": len(summary["strained"]),
                }
            )
        return pd.DataFrame(rows, columns=["id", "titel", "actoren", "relaties", "gespannen"])

    def edge_list(self, picture: str | int | None = None) -> pd.DataFrame:
        """The relations of a picture as a pandas edge list."""
        return analysis.edge_list(self.scene(picture))

    def to_networkx(self, picture: str | int | None = None) -> Any:
        """The picture as a networkx graph. networkx is optional (`pip install networkx`); without it this raises an
        ImportError that says so, and edge_list() gives the same relations as a DataFrame."""
        return analysis.to_networkx(self.scene(picture))

    def analyse(self, picture: str | int | None = None) -> dict[str, pd.DataFrame]:
        """The four questions of the exercise, each as a DataFrame."""
        scene = self.scene(picture)
        return {
            "actoren_per_context": analysis.actors_per_context(scene),
            "relaties_per_actor": analysis.relations_per_actor(scene),
            "gespannen_relaties": analysis.strained_relations(scene),
            "verbonden_met_kind": analysis.connected_to_child(scene),
        }


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    changed = write_pictogram_block()
    print(
        "pictograms.js bijgewerkt (run daarna `make bundle`)" if changed else "pictograms.js was al actueel",
        file=sys.stderr,
    )
