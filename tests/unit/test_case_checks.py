"""The case checks the browser shares with the build: the generated catalogue is current, and the golden rule
(rules.check_case, which checks.js mirrors) says exactly what the build prints for a case file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from jeugddomein.loading import DataError
from jeugddomein.widgets.role_play import rules
from jeugddomein.widgets.role_play.catalogue import CATALOGUE_JS, catalogue_js
from jeugddomein.widgets.role_play.model import chapter_labels, load_case

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
INVALID = sorted((ROOT / "tests" / "data" / "invalid").glob("case-*.yaml"))


def test_catalogue_js_is_current():
    assert CATALOGUE_JS.read_text(encoding="utf-8") == catalogue_js(), (
        "catalogue.js is verouderd: run `python -m jeugddomein.widgets.role_play.catalogue` en commit het resultaat"
    )


def build_problems(path: Path) -> list[tuple[str, str]]:
    """(path, reason) of every line the build prints for a case file."""
    try:
        load_case(path, ROOT, chapter_labels(ROOT))
    except DataError as error:
        return [(loc, reason) for _, loc, reason in error.problems]
    return []


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_golden_rule_says_what_the_build_prints(path):
    expected = build_problems(path)
    assert expected, f"{path.name} zou een fout moeten bevatten"
    found = rules.check_case(yaml.safe_load(path.read_text(encoding="utf-8")), sorted(chapter_labels(ROOT)))
    assert sorted(map(tuple, found)) == sorted(expected)


def test_long_text_is_reported_in_dutch(tmp_path):
    case = yaml.safe_load(INVALID[0].read_text(encoding="utf-8"))
    case["roles"][0]["public"] = "a" * 2001
    assert rules.check_case(case, None) == [["roles.0.public", "te lang (hoogstens 2000 tekens)"]]
