"""Reading exported files safely: size and emptiness checks, and why a file is not usable, in plain Dutch.

Shared by the readers of portfolios (loading.py) and of the lecturer's rubric exports (assessments.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..widgets.bronstein_scan.model import Scoring

MAX_BYTES = 5 * 1024 * 1024
"""Largest file read, as in the course's own import (portfolio.js): a real portfolio is far below 1 MB."""

PORTFOLIO_ADVICE = "vraag de student opnieuw te exporteren"
"""What to do about an empty or cut-off portfolio file."""

_MESSAGES = {
    "missing": "dit veld ontbreekt",
    "extra_forbidden": "onbekend veld",
    "literal_error": "deze waarde is hier niet toegestaan",
    "string_too_long": "deze tekst is te lang",
    "string_too_short": "deze tekst is te kort of leeg",
    "string_pattern_mismatch": "deze tekst heeft niet de juiste vorm",
    "too_long": "deze lijst is te lang",
    "int_parsing": "hier hoort een geheel getal",
    "int_type": "hier hoort een geheel getal",
    "datetime_parsing": "hier hoort een datum en tijd (ISO 8601)",
    "datetime_from_date_parsing": "hier hoort een datum en tijd (ISO 8601)",
    "date_from_datetime_parsing": "hier hoort een datum (JJJJ-MM-DD)",
    "union_tag_invalid": "onbekend soort oefening",
    "greater_than_equal": "dit getal is te klein",
    "less_than_equal": "dit getal is te groot",
    "dict_type": "hier hoort een object",
    "list_type": "hier hoort een lijst",
    "bool_type": "hier hoort true of false",
    "string_type": "hier hoort tekst",
}


@dataclass
class Context:
    """What every reader needs, built once and handed to each worker process."""

    course: str
    instrument: Scoring | None
    rubrics: dict[str, dict[str, Any]]
    rubric_of: dict[str, str]
    case_of: dict[str, str]
    pages: dict[str, str]
    competences: int
    max_bytes: int = MAX_BYTES
    competence_ids: list[str] = field(default_factory=list)
    """The framework's competence ids (the competence tracker is done when each has a self-assessment)."""
    cases: dict[str, Any] = field(default_factory=dict)
    """Case id -> its validated case model (the role-play's rule for 'done' replays the learner's path)."""
    rubric_keys: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    """Per rubric: its criterion ids and level ids."""
    grades: dict[tuple[str, tuple], tuple | None] = field(default_factory=dict)
    """Grades computed so far, per rubric and scoring (a rubric has only a few hundred possible scorings)."""

    def __post_init__(self) -> None:
        self.rubric_keys = {
            rid: (frozenset(c["id"] for c in r["criteria"]), frozenset(lv["id"] for lv in r["levels"]))
            for rid, r in self.rubrics.items()
        }

    def done_config(self, widget: str, placement_id: str) -> dict[str, Any] | None:
        """What a widget's rule for 'done' reads of its configuration, or None when the course does not know it."""
        if widget == "rubric":
            rubric = self.rubrics.get(self.rubric_of.get(placement_id) or placement_id.removeprefix("rubric-"))
            return {"definition": rubric} if rubric is not None else None
        if widget == "role-play":
            if self.case_of.get(placement_id) == "":
                return {"case_data": None}  # students open a lecturer's case file: the case is in their state
            case = self.cases.get(self.case_of.get(placement_id) or placement_id.removeprefix("rollenspel-"))
            return {"case_data": case} if case is not None else None
        if widget == "competence-tracker":
            return {"framework": {"competences": [{"id": cid} for cid in self.competence_ids]}}
        return {}

    def known_scores(self, rubric_id: str, scores: dict[str, str]) -> dict[str, str]:
        """The scores of criteria and levels the rubric has (others, e.g. from an older rubric, are left out)."""
        criteria, levels = self.rubric_keys[rubric_id]
        return {c: lv for c, lv in scores.items() if c in criteria and lv in levels}


def normal_name(name: object) -> str:
    """A name compared without case and extra spaces (group lists, portfolios and rubric exports meet on it)."""
    return " ".join(str(name).split()).casefold()


def where(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(bestand)"


def json_problem(
    raw: bytes, error: ValidationError, kind: str = "portfolio-export", advice: str = PORTFOLIO_ADVICE
) -> str | None:
    """Why bytes that failed validation are not JSON at all (binary, cut off, invalid), or None when they are JSON."""
    first = error.errors()[0]
    if first["type"] != "json_invalid":
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return f"geen tekstbestand (binaire inhoud); dit is geen {kind}"
    try:
        json.loads(text)
    except json.JSONDecodeError as problem:
        body = text.strip()
        ran_out = "EOF while parsing" in first["msg"] or problem.msg.startswith("Unterminated string")
        if body[:1] in "{[" and (ran_out or problem.pos >= len(text.rstrip()) - 1):
            return f"het bestand houdt halverwege op (afgebroken download of kopie); {advice}"
        return f"geen geldige JSON (regel {problem.lineno}, kolom {problem.colno}); dit is geen {kind}"
    return f"geen geldige JSON ({first['msg']})"


def field_problem(error: ValidationError) -> str:
    """The first field that does not fit the export format, and how many more there are."""
    first = error.errors()[0]
    count = error.error_count()
    message = _MESSAGES.get(first["type"], first["msg"])
    more = f" (en nog {count - 1} probleem/problemen)" if count > 1 else ""
    return f"klopt niet met het exportformaat bij {where(first['loc'])}: {message}{more}"


def read_raw(
    path: Path, max_bytes: int, kind: str = "een portfolio", advice: str = PORTFOLIO_ADVICE
) -> tuple[bytes | None, str]:
    """A file's bytes, or None and why not (too large, empty, unreadable), in plain Dutch with `advice`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, (
                f"te groot ({size / 1048576:.1f} MB); {kind} is meestal kleiner dan 1 MB "
                f"en nooit groter dan {max_bytes // 1048576} MB"
            )
        if size == 0:
            return None, f"het bestand is leeg (0 bytes); {advice}"
        raw = path.read_bytes()
    except OSError as error:
        return None, f"niet te lezen ({error.strerror or error})"
    if not raw.strip():
        return None, f"het bestand is leeg (alleen witruimte); {advice}"
    return raw, ""
