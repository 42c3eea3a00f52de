"""The golden cases (tests/golden/<widget>/<rule>.json) through each widget's Python rules (rules.py).

The same files run through the JavaScript rules (rules.js) in tests/node/golden.test.mjs, so a rule that exists in
both languages gives the same output for the same input. A case's input keys are the rule's parameter names.
"""

from __future__ import annotations

import copy
import importlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"


def golden_cases(folder: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(widget, rule, case) for every case in a folder of golden files."""
    found = []
    for path in sorted(folder.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            found.append((path.parent.name, data["rule"], case))
    return found


def outcome(widget: str, rule: str, case: dict[str, Any]) -> str | None:
    """None when the Python rule gives the case's expected output (or raises where it should), else what differs."""
    function = getattr(importlib.import_module(f"jeugddomein.widgets.{widget}.rules"), rule)
    try:
        result = function(**copy.deepcopy(case["input"]))
    except (ValueError, KeyError) as error:
        return None if case.get("raises") else f"raised {error!r}"
    if case.get("raises"):
        return f"returned {result!r} where it should raise"
    got = json.loads(json.dumps(result, ensure_ascii=False))
    return None if got == case["expected"] else f"{got!r} != {case['expected']!r}"


CASES = golden_cases(GOLDEN)


def test_every_widget_has_golden_cases_for_done():
    widgets = {p.name for p in (ROOT / "src" / "jeugddomein" / "widgets").iterdir() if (p / "rules.js").exists()}
    assert widgets == {p.parent.name for p in GOLDEN.glob("*/done.json")}
    assert len(CASES) >= 150


@pytest.mark.parametrize(("widget", "rule", "case"), CASES, ids=[f"{w}.{r}: {c['name']}" for w, r, c in CASES])
def test_golden_case(widget, rule, case):
    assert outcome(widget, rule, case) is None


def test_a_changed_expected_value_fails_both_runners(tmp_path):
    """The golden runners are real: one expected value changed, and Python and node both report that case."""
    copy_dir = tmp_path / "golden"
    shutil.copytree(GOLDEN, copy_dir)
    path = copy_dir / "rubric" / "grade.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    victim = next(c for c in data["cases"] if c.get("expected", {}).get("ok"))
    victim["expected"]["grade"] = round(victim["expected"]["grade"] + 0.1, 1)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    failing = [c["name"] for w, r, c in golden_cases(copy_dir) if outcome(w, r, c) is not None]
    assert failing == [victim["name"]]

    node = shutil.which("node")
    if node is None:
        pytest.fail("node ontbreekt: installeer Node.js 20 (de JavaScript-tests hebben het nodig)", pytrace=False)
    run = subprocess.run(
        [node, "--test", str(ROOT / "tests" / "node" / "golden.test.mjs")],
        env={**os.environ, "JD_GOLDEN_DIR": str(copy_dir)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0
    assert "not ok" in run.stdout and victim["name"] in run.stdout
    assert "# fail 1" in run.stdout
