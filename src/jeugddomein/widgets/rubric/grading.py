"""Grades on the Dutch 1-10 scale from a filled-in rubric, and the module grade from the products' grades.

The same rules live in the rubric widget's ES module (`grade` and `roundGrade` in widgets/rubric.js); a test feeds
the same scores to both. The rules, as the course states them to students:

1. Every criterion gets a level; each level has a value on the 1-10 scale (in the rubric file).
2. The weighted average of those values (weights in percent, adding up to 100) is rounded to one decimal,
   half up: 5.45 becomes 5.5, 5.44 becomes 5.4. The sum is done in whole tenths, so no floating-point error
   can move a grade across a boundary.
3. The product is passed at 5.5 or higher (`PASS_MARK`).
4. A knock-out criterion scored below its standard means: not passed, whatever the total. The grade is then
   at most 5.0 (`KNOCKOUT_CAP`); the weighted grade before the cap is kept alongside it.
5. Without a level for every criterion there is no grade: the missing criteria are named.
6. The module grade is the weighted average of the products' grades (one decimal each), rounded the same way;
   the module is passed only when every product is passed (no compensation between products).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

PASS_MARK = 5.5
"""The lowest passing grade."""

KNOCKOUT_CAP = 5.0
"""The highest grade when a knock-out criterion is below its standard."""


class MissingScores(ValueError):
    """Not every criterion of the rubric has a level: no grade can be given."""

    def __init__(self, missing: list[tuple[str, str]]):
        self.missing = [criterion_id for criterion_id, _ in missing]
        names = ", ".join(f"'{title}'" for _, title in missing)
        super().__init__(
            f"Nog geen niveau gekozen bij {len(missing)} van de criteria: {names}. "
            "Kies bij elk criterium een niveau; pas dan kan er een cijfer worden berekend."
        )


@dataclass(frozen=True)
class CriterionScore:
    """How one criterion counts in the grade."""

    criterion: str
    level: str
    value: float
    weight: int
    knockout_failed: bool


@dataclass(frozen=True)
class GradeResult:
    """The outcome of a rubric: grade, whether it is passed, and why."""

    grade: float
    """Final grade, one decimal (capped at KNOCKOUT_CAP when a knock-out failed)."""
    weighted: float
    """Weighted average rounded to one decimal, before any knock-out cap."""
    passed: bool
    knockouts: list[str] = field(default_factory=list)
    """Ids of knock-out criteria below their standard."""
    parts: list[CriterionScore] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The same shape the ES module's `grade` returns when it succeeds."""
        return {
            "ok": True,
            "grade": self.grade,
            "weighted": self.weighted,
            "passed": self.passed,
            "knockouts": list(self.knockouts),
        }


def _tenths(value: float) -> int:
    """A value as a whole number of tenths, rounded half up (as JavaScript's Math.round(value * 10))."""
    return math.floor(value * 10 + 0.5)


def round_half_up_tenths(hundredths_of_tenths: int) -> int:
    """Round a whole number of (tenths × 100) to whole tenths, half up."""
    return (hundredths_of_tenths + 50) // 100


def round_grade(raw: float) -> float:
    """Round a raw grade on the 1-10 scale to one decimal, half up (5.45 -> 5.5, 5.44 -> 5.4).

    A tiny tolerance absorbs binary representation (5.45 is stored as 5.4499999...); the ES module computes
    exactly the same expression.
    """
    if not isinstance(raw, int | float) or math.isnan(raw) or raw < 1 or raw > 10:
        raise ValueError(f"Een cijfer ligt tussen 1 en 10; {raw!r} kan niet.")
    return math.floor(raw * 10 + 0.5 + 1e-9) / 10


def is_pass(grade: float) -> bool:
    """Whether a grade (one decimal) is a pass."""
    return grade >= PASS_MARK


def _get(obj: Any, name: str) -> Any:
    return obj[name] if isinstance(obj, Mapping) else getattr(obj, name)


def grade(rubric: Any, scores: Mapping[str, str | None]) -> GradeResult:
    """The grade of a filled-in rubric (a Rubric model or its JSON dict); `scores` maps criterion id -> level id.

    Raises MissingScores when a criterion has no level, and ValueError for an unknown criterion or level.
    """
    levels = list(_get(rubric, "levels"))
    criteria = list(_get(rubric, "criteria"))
    level_index = {_get(level, "id"): i for i, level in enumerate(levels)}
    known = {_get(c, "id") for c in criteria}
    unknown = sorted(set(scores) - known)
    if unknown:
        raise ValueError(f"Onbekend criterium in de scores: {', '.join(unknown)}.")
    missing = [(_get(c, "id"), _get(c, "title")) for c in criteria if not scores.get(_get(c, "id"))]
    if missing:
        raise MissingScores(missing)
    chosen = {cid: level_id for cid, level_id in scores.items() if level_id}
    total = 0
    parts: list[CriterionScore] = []
    knockouts: list[str] = []
    for criterion in criteria:
        cid = _get(criterion, "id")
        level_id = chosen[cid]
        if level_id not in level_index:
            raise ValueError(f"Onbekend niveau '{level_id}' bij criterium '{cid}'.")
        level = levels[level_index[level_id]]
        standard = _get(criterion, "standard") if _get(criterion, "knockout") else None
        failed = standard is not None and level_index[level_id] < level_index[standard]
        if failed:
            knockouts.append(cid)
        weight = int(_get(criterion, "weight"))
        total += weight * _tenths(float(_get(level, "value")))
        parts.append(CriterionScore(cid, level_id, float(_get(level, "value")), weight, failed))
    weighted = round_half_up_tenths(total) / 10
    final = min(weighted, KNOCKOUT_CAP) if knockouts else weighted
    return GradeResult(
        grade=final, weighted=weighted, passed=is_pass(final) and not knockouts, knockouts=knockouts, parts=parts
    )


def grade_dict(rubric: Any, scores: Mapping[str, str | None]) -> dict[str, Any]:
    """`grade` as a plain dict, the same shape as the ES module's result (also for refusals)."""
    try:
        return grade(rubric, scores).as_dict()
    except MissingScores as error:
        return {"ok": False, "error": str(error), "missing": error.missing}


@dataclass(frozen=True)
class ModuleResult:
    """The module grade from the products' grades."""

    grade: float
    passed: bool
    failed_products: list[str]


def module_grade(products: Sequence[tuple[str, float, int, bool]]) -> ModuleResult:
    """Weighted average of product grades: (product id, grade, weight in percent, passed) per product.

    Every product must be passed for the module to be passed; a missing product is refused.
    """
    if not products:
        raise ValueError("Er zijn geen producten om een modulecijfer uit te berekenen.")
    total_weight = sum(weight for _, _, weight, _ in products)
    if total_weight != 100:
        raise ValueError(f"De gewichten van de producten tellen op tot {total_weight}% in plaats van 100%.")
    total = sum(weight * _tenths(round_grade(value)) for _, value, weight, _ in products)
    result = round_half_up_tenths(total) / 10
    failed = [pid for pid, value, _, passed in products if not passed or not is_pass(value)]
    return ModuleResult(grade=result, passed=not failed, failed_products=failed)


def format_grade(value: float) -> str:
    """A grade as Dutch text: one decimal with a comma (5.5 -> '5,5')."""
    return f"{value:.1f}".replace(".", ",")
