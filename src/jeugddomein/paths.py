"""Where the course's files live."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
WIDGETS_DIR = PACKAGE_DIR / "widgets"
STATIC_DIR = PACKAGE_DIR / "static"
COURSE_INDEX = PACKAGE_DIR / "course.json"
"""The course index shipped with the package: a copy of the built site's `_static/jeugddomein/course.json`."""


def project_root(start: Path | None = None) -> Path:
    """Return the folder holding `_toc.yml`, searching upwards from `start` (or the cwd), then from the package."""
    for base in (start or Path.cwd(), PACKAGE_DIR):
        for folder in (base, *base.parents):
            if (folder / "_toc.yml").is_file() and (folder / "data").is_dir():
                return folder
    raise FileNotFoundError("De cursusmap (met _toc.yml en data/) is niet gevonden.")


def data_dir(start: Path | None = None) -> Path:
    """Return the course's `data/` folder."""
    return project_root(start) / "data"
