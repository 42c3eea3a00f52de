"""The case editor's file handling (role_play/casefile.js) against the build: every course case imported into the
editor's form state and exported again loads to the identical model, and reads like the hand-written file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from jeugddomein.widgets.role_play.model import case_files, chapter_labels, load_case, load_case_text

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]


def node_exports(paths: list[Path]) -> dict[str, dict[str, str]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node ontbreekt: installeer Node.js 20 (de JavaScript-tests hebben het nodig)", pytrace=False)
    run = subprocess.run(
        [node, str(ROOT / "tests" / "unit" / "case_roundtrip.mjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(run.stdout)


def test_every_course_case_survives_the_editor():
    paths = case_files(ROOT)
    assert len(paths) >= 12
    labels = chapter_labels(ROOT)
    exported = node_exports(paths)
    for path in paths:
        original = load_case(path, ROOT, labels)
        for kind, text in exported[str(path)].items():
            again = load_case_text(text, f"{path.name} ({kind})", labels)
            assert again == original, f"{path.name} ({kind}) laadt tot een ander model"


def test_export_keeps_comments_and_house_style():
    path = ROOT / "data" / "cases" / "twee-brillen.yaml"
    exported = node_exports([path])[str(path)]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ")
    assert exported["with_comments"].splitlines()[0] == first
    assert first not in exported["plain"]
    text = exported["with_comments"]
    assert 'seed: "000"' in text
    assert "sets: [ouder-aan-tafel]" in text
    assert "summary: >-\n" in text
