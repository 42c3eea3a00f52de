"""Grading on the Dutch 1-10 scale: weights, rounding, knock-outs, boundaries, refusals, module grade."""

from __future__ import annotations

from pathlib import Path

import pytest

from jeugddomein.widgets.rubric.grading import (
    KNOCKOUT_CAP,
    PASS_MARK,
    MissingScores,
    format_grade,
    grade,
    grade_dict,
    module_grade,
    round_grade,
)
from jeugddomein.widgets.rubric.model import Rubric, load_rubric

DATA = Path(__file__).resolve().parents[2] / "data"


def make_rubric(values: list[float], weights: list[int], knockout: dict[int, str] | None = None) -> dict:
    """A small rubric as the widget gets it: levels a..d with `values`, one criterion per weight."""
    level_ids = ["a", "b", "c", "d"][: len(values)]
    knockout = knockout or {}
    return Rubric.model_validate(
        {
            "id": "test",
            "title": "Test",
            "kind": "groep",
            "description": "Een rubric voor de tests.",
            "assessors": "De tests.",
            "levels": [{"id": i, "label": i.upper(), "value": v} for i, v in zip(level_ids, values, strict=True)],
            "criteria": [
                {
                    "id": f"k{n}",
                    "title": f"Criterium {n}",
                    "question": "Vraag?",
                    "weight": w,
                    "competences": ["systemisch"],
                    "knockout": n in knockout,
                    "standard": knockout.get(n),
                    "descriptors": {i: f"Niveau {i}" for i in level_ids},
                }
                for n, w in enumerate(weights)
            ],
        }
    ).model_dump(mode="json")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(5.45, 5.5), (5.44, 5.4), (5.5, 5.5), (5.449, 5.4), (10, 10.0), (1, 1.0), (6.05, 6.1), (7.25, 7.3), (9.95, 10.0)],
)
def test_round_grade_is_half_up_to_one_decimal(raw, expected):
    assert round_grade(raw) == expected


@pytest.mark.parametrize("raw", [0.9, 10.01, float("nan"), -1])
def test_round_grade_refuses_values_off_the_scale(raw):
    with pytest.raises(ValueError, match="tussen 1 en 10"):
        round_grade(raw)


def test_weighted_average_uses_the_weights():
    rubric = make_rubric([4, 6, 8, 10], [30, 70])
    assert grade(rubric, {"k0": "d", "k1": "a"}).grade == 5.8  # 0.3 * 10 + 0.7 * 4
    assert grade(rubric, {"k0": "a", "k1": "d"}).grade == 8.2  # 0.3 * 4 + 0.7 * 10


def test_boundary_545_rounds_up_to_a_pass():
    rubric = make_rubric([1, 5, 5.9, 10], [50, 50])
    result = grade(rubric, {"k0": "b", "k1": "c"})  # (5.0 + 5.9) / 2 = 5.45 exactly
    assert (result.weighted, result.grade, result.passed) == (5.5, 5.5, True)


def test_just_below_the_boundary_is_not_passed():
    rubric = make_rubric([1, 5, 6.1, 10], [60, 40])
    result = grade(rubric, {"k0": "b", "k1": "c"})  # 3.0 + 2.44 = 5.44
    assert (result.grade, result.passed) == (5.4, False)


def test_exactly_the_pass_mark_passes():
    rubric = make_rubric([1, 5.5, 8, 10], [50, 50])
    result = grade(rubric, {"k0": "b", "k1": "b"})
    assert result.grade == PASS_MARK == 5.5 and result.passed


def test_extremes_are_1_and_10():
    rubric = make_rubric([1, 5, 8, 10], [25, 25, 50])
    assert grade(rubric, {"k0": "a", "k1": "a", "k2": "a"}).grade == 1.0
    assert grade(rubric, {"k0": "d", "k1": "d", "k2": "d"}).grade == 10.0


def test_knockout_below_standard_fails_whatever_the_total():
    rubric = make_rubric([4, 6, 8, 10], [20, 40, 40], knockout={0: "b"})
    result = grade(rubric, {"k0": "a", "k1": "d", "k2": "d"})
    assert result.weighted == 8.8  # 0.2 * 4 + 0.8 * 10
    assert result.grade == KNOCKOUT_CAP == 5.0
    assert result.passed is False and result.knockouts == ["k0"]


def test_knockout_at_standard_passes():
    rubric = make_rubric([4, 6, 8, 10], [20, 40, 40], knockout={0: "b"})
    result = grade(rubric, {"k0": "b", "k1": "b", "k2": "b"})
    assert (result.grade, result.passed, result.knockouts) == (6.0, True, [])


def test_knockout_below_standard_keeps_a_lower_weighted_grade():
    rubric = make_rubric([2, 6, 8, 10], [50, 25, 25], knockout={0: "b"})
    result = grade(rubric, {"k0": "a", "k1": "b", "k2": "b"})  # 1 + 1.5 + 1.5 = 4.0
    assert (result.weighted, result.grade, result.passed) == (4.0, 4.0, False)


def test_missing_scores_are_refused_with_the_criteria_named():
    rubric = make_rubric([4, 6, 8, 10], [50, 30, 20])
    with pytest.raises(MissingScores) as error:
        grade(rubric, {"k0": "a", "k2": ""})
    message = str(error.value)
    assert "'Criterium 1', 'Criterium 2'" in message and "Kies bij elk criterium een niveau" in message
    assert error.value.missing == ["k1", "k2"]
    assert grade_dict(rubric, {"k0": "a"}) == {"ok": False, "error": message, "missing": ["k1", "k2"]}


def test_unknown_level_or_criterion_is_refused():
    rubric = make_rubric([4, 6, 8, 10], [50, 50])
    with pytest.raises(ValueError, match="Onbekend niveau 'z'"):
        grade(rubric, {"k0": "z", "k1": "a"})
    with pytest.raises(ValueError, match="Onbekend criterium"):
        grade(rubric, {"k0": "a", "k1": "a", "extra": "a"})


def test_real_rubric_grades_the_worked_example_of_the_chapter():
    rubric = load_rubric("presentatie", DATA)
    result = grade(
        rubric, {"boodschap": "goed", "publiek": "voldoende", "samenspel": "voldoende", "gesprek": "onvoldoende"}
    )
    assert (result.grade, result.passed) == (6.1, True)
    product = load_rubric("eindproduct", DATA)
    scores = {"vraag": "goed", "analyse": "voldoende", "perspectieven": "voldoende", "aanpak": "goed"}
    result = grade(product, {**scores, "onderbouwing": "onvoldoende"})
    assert (result.weighted, result.grade, result.passed, result.knockouts) == (6.5, 5.0, False, ["onderbouwing"])


def test_module_grade_is_weighted_and_never_compensates():
    passed = module_grade(
        [
            ("eindproduct", 6.8, 40, True),
            ("presentatie", 6.1, 20, True),
            ("bijdrage", 7.0, 20, True),
            ("portfolio", 5.9, 20, True),
        ]
    )
    assert (passed.grade, passed.passed) == (6.5, True)  # 2.72 + 1.22 + 1.40 + 1.18 = 6.52
    failed = module_grade(
        [
            ("eindproduct", 9.0, 40, True),
            ("presentatie", 9.0, 20, True),
            ("bijdrage", 9.0, 20, True),
            ("portfolio", 5.0, 20, False),
        ]
    )
    assert failed.grade == 8.2 and failed.passed is False and failed.failed_products == ["portfolio"]
    with pytest.raises(ValueError, match="tellen op tot 90%"):
        module_grade([("a", 7.0, 50, True), ("b", 7.0, 40, True)])


def test_grades_read_in_dutch():
    assert format_grade(5.5) == "5,5" and format_grade(10.0) == "10,0"
