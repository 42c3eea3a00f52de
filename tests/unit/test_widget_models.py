"""Specs and states of the in-page widgets, and the portfolio export built from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from jeugddomein.loading import DataError, load_yaml_text
from jeugddomein.models import Portfolio
from jeugddomein.schema import SCHEMAS
from jeugddomein.widgets.knowledge_check.model import KnowledgeCheckSpec
from jeugddomein.widgets.reflection.model import ReflectionSpec
from tests.factories import entry, portfolio

ROOT = Path(__file__).resolve().parents[2]

CHECK = """\
id: test-kc
question: Welke wet regelt de jeugdhulp?
options:
  - text: De Jeugdwet
    correct: true
    feedback: Ja.
  - text: De Wet passend onderwijs
    correct: false
    feedback: Die gaat over onderwijs.
"""


def test_a_valid_check_loads():
    spec = load_yaml_text(KnowledgeCheckSpec, CHECK, "pagina.md")
    assert spec.id == "test-kc" and not spec.multiple and spec.options[0].correct
    assert spec.static_outline()[1]["ul"] == ["De Jeugdwet", "De Wet passend onderwijs"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("correct: true", "correct: false"), "geen enkele optie heeft 'correct: true'"),
        (("correct: false", "correct: true"), "zet 'multiple: true'"),
        (("question:", "vraag:"), "vraag: dit veld is onbekend"),
        (("id: test-kc", "id: Test KC"), "id: de vorm klopt niet"),
        (("    feedback: Ja.\n", ""), "options.0.feedback: dit verplichte veld ontbreekt"),
    ],
)
def test_bad_checks_name_line_field_and_fix(change, expected):
    with pytest.raises(DataError) as error:
        load_yaml_text(KnowledgeCheckSpec, CHECK.replace(*change, 1), "hoofdstuk.md", line_offset=10)
    message = str(error.value)
    assert expected in message and message.startswith("hoofdstuk.md:1")


def test_yaml_syntax_error_names_its_line():
    with pytest.raises(DataError, match=r"pagina.md:12: prompt: de \[ op deze regel wordt niet gesloten"):
        load_yaml_text(ReflectionSpec, "id: x-refl\nprompt: [niet afgesloten\nhint: x\n", "pagina.md", 10)


def _portfolio(**changes):
    return portfolio(
        entry("reflection", {"text": "t"}, "a-refl"),
        entry("knowledge-check", {"selected": [1], "checked": True, "correct": False, "attempts": 2}, "a-kc"),
        **changes,
    )


def test_portfolio_round_trip():
    portfolio = Portfolio.model_validate(_portfolio())
    again = Portfolio.model_validate_json(portfolio.model_dump_json())
    assert again == portfolio and again.entries[1].state.attempts == 2


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"schema_version": 2}, "schema_version"),
        ({"format": "iets-anders"}, "format"),
        ({"entries": [_portfolio()["entries"][0]] * 2}, "twee keer"),
        ({"entries": [{**_portfolio()["entries"][0], "widget": "onbekend"}]}, "union_tag_invalid"),
        ({"entries": [{**_portfolio()["entries"][1], "state": {"selected": "0"}}]}, "selected"),
    ],
)
def test_portfolio_rejects_bad_files(changes, fragment):
    with pytest.raises(ValidationError) as error:
        Portfolio.model_validate(_portfolio(**changes))
    assert fragment in str(error.value) or fragment in json.dumps(error.value.errors(), default=str)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schemas_are_current(name):
    committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
    assert committed == SCHEMAS[name](), f"schema/{name} is stale. Run `make schema` to regenerate."
