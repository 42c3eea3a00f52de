"""The committed JSON schemas of the course's export files, generated from their pydantic models.

`python -m jeugddomein.schema` writes schema/portfolio.schema.json (the portfolio export),
schema/rubric-export.schema.json (the rubric widget's export) and schema/rich-picture-scene.schema.json (a rich
picture's JSON file) into the folder given (default: schema/). The browser's validators are compiled from these files
(`node src/jeugddomein/widgets/bundle.mjs`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .models.portfolio import dump_schema
from .widgets.rich_picture.model import SCENE_FORMAT, Scene
from .widgets.rubric.model import RUBRIC_EXPORT_FORMAT, RubricExport


def _dump(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def rubric_export_schema() -> str:
    """The committed schema file of the rubric export, exactly."""
    schema = RubricExport.model_json_schema()
    schema["$id"] = f"{RUBRIC_EXPORT_FORMAT}.schema.json"
    return _dump(schema)


def scene_schema() -> str:
    """The committed schema file of a rich picture (the canvas's JSON export and import), exactly."""
    schema = Scene.model_json_schema()
    schema["$id"] = f"{SCENE_FORMAT}.schema.json"
    return _dump(schema)


SCHEMAS = {
    "portfolio.schema.json": dump_schema,
    "rubric-export.schema.json": rubric_export_schema,
    "rich-picture-scene.schema.json": scene_schema,
}
"""File name -> the function that gives its text."""


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema file into `folder`; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in SCHEMAS.items():
        (folder / name).write_text(text(), encoding="utf-8")
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schema")):
        print(path)
