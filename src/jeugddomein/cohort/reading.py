"""Reading exported files safely: size and emptiness checks, and why a file is not usable, in plain Dutch.

Shared by the readers of portfolios (loading.py) and of the lecturer's rubric exports (assessments.py).
"""

from __future__ import annotations

import codecs
import json
import math
import re
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
    worksheets: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Placement id of every worksheet -> its configuration from the course index (the rule for 'done' reads which
    fields are required)."""
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
        if widget == "worksheet":
            return self.worksheets.get(placement_id)
        if widget == "competence-tracker":
            return {"framework": {"competences": [{"id": cid} for cid in self.competence_ids]}}
        return {}

    def known_scores(self, rubric_id: str, scores: dict[str, str]) -> dict[str, str]:
        """The scores of criteria and levels the rubric has (others, e.g. from an older rubric, are left out)."""
        criteria, levels = self.rubric_keys[rubric_id]
        return {c: lv for c, lv in scores.items() if c in criteria and lv in levels}


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]+")
"""Control characters, bidirectional overrides and halves of a character (lone surrogates): they can hide or
reorder what a name shows, or make the report impossible to write."""


def clean_name(name: object) -> str:
    """A name as shown in tables, the report and the CSV: no control characters or direction overrides, single
    spaces (a name from a file is the student's text, and `\x1b` or U+202E in it would garble a terminal or a cell)."""
    return " ".join(_INVISIBLE.sub(" ", str(name)).split())


@dataclass
class Found:
    """What one portfolio's entries add up to, filled in by each widget's cohort extractor (widgets/<w>/cohort.py)."""

    learner: str
    name: str
    """The file's name in the report."""
    rows: dict[str, list[tuple]]
    """Rows per table (see cohort.loading.TABLES)."""
    profession: str = ""
    groups: list[str] = field(default_factory=list)
    """Group names used in class play."""
    notes: list[str] = field(default_factory=list)
    """Remarks on the file (e.g. scores of criteria the rubric does not have)."""


def normal_name(name: object) -> str:
    """A name compared without case and extra spaces (group lists, portfolios and rubric exports meet on it)."""
    return clean_name(name).casefold()


_LEARNER = re.compile(rb'"learner"\s*:\s*"((?:[^"\\]|\\.){1,200})"')


def named_learner(raw: bytes) -> str:
    """The learner a file that is no valid JSON (e.g. cut off) still names, or ''; a broken export must not make its
    student vanish from the grade list."""
    found = _LEARNER.search(raw[:4096])
    if found is None:
        return ""
    try:
        return clean_name(json.loads(b'"' + found.group(1) + b'"'))
    except ValueError:
        return ""


def shown_path(name: str) -> str:
    """A file name as the report can print it: bytes that are not UTF-8 (kept by the file system as surrogates)
    become U+FFFD, control characters a '?'."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _INVISIBLE.sub("?", text)


def where(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(bestand)"


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_POSITION = re.compile(r"line (\d+) column (\d+)")


def wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when the bytes are text saved in such an encoding (an editor's 'Unicode'), else None."""
    wide = next((name for bom, name in _WIDE_BOMS if raw.startswith(bom)), None)
    if wide is None and b"\x00" in raw[:4] and raw[:4].replace(b"\x00", b"")[:1] in (b"{", b"["):
        wide = "UTF-32" if raw[1:4] == b"\x00\x00\x00" or raw[:3] == b"\x00\x00\x00" else "UTF-16"
    return wide


def encoding_problem(raw: bytes, kind: str, advice: str) -> str:
    """Why bytes that are not UTF-8 cannot be read: saved as UTF-16/32 (an editor's 'Unicode'), or not text at all."""
    wide = wide_encoding(raw)
    if wide:
        return (
            f"opgeslagen als {wide} in plaats van UTF-8 (bijvoorbeeld na openen en opslaan in een teksteditor); "
            f"{advice}, zonder het bestand te openen of te bewerken"
        )
    return f"geen tekstbestand (binaire inhoud); dit is geen {kind}"


def json_problem(
    raw: bytes, error: ValidationError, kind: str = "portfolio-export", advice: str = PORTFOLIO_ADVICE
) -> str | None:
    """Why bytes that failed validation are not JSON at all (binary, cut off, invalid), or None when they are JSON."""
    first = error.errors()[0]
    if first["type"] != "json_invalid":
        return None
    if "recursion limit" in first["msg"]:
        return f"veel dieper genest dan een {kind} ooit is (honderden lagen haakjes); dit is geen {kind}"
    if wide_encoding(raw):
        return encoding_problem(raw, kind, advice)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return encoding_problem(raw, kind, advice)
    try:
        json.loads(text)
    except RecursionError:
        return f"veel dieper genest dan een {kind} ooit is (honderden lagen haakjes); dit is geen {kind}"
    except json.JSONDecodeError as problem:
        body = text.strip()
        ran_out = "EOF while parsing" in first["msg"] or problem.msg.startswith("Unterminated string")
        if body[:1] in "{[" and (ran_out or problem.pos >= len(text.rstrip()) - 1):
            return f"het bestand houdt halverwege op (afgebroken download of kopie); {advice}"
        return f"geen geldige JSON (regel {problem.lineno}, kolom {problem.colno}); dit is geen {kind}"
    found = _POSITION.search(first["msg"])
    at = f" (regel {found[1]}, kolom {found[2]})" if found else ""
    return f"bevat een teken dat in JSON niet geldig is, zoals een half Unicode-teken{at}; {advice}"


def field_problem(error: ValidationError) -> str:
    """The first field that does not fit the export format, and how many more there are."""
    first = error.errors()[0]
    count = error.error_count()
    message = _MESSAGES.get(first["type"], first["msg"])
    more = f" (en nog {count - 1} probleem/problemen)" if count > 1 else ""
    return f"klopt niet met het exportformaat bij {where(first['loc'])}: {message}{more}"


def too_large(size: int, max_bytes: int, kind: str) -> str:
    """Why a file of `size` bytes is not read (`kind`: 'een portfolio', 'een rubricexport')."""
    return (
        f"te groot ({math.ceil(size / 104857.6) / 10:.1f} MB); {kind} is meestal kleiner dan 1 MB "
        f"en nooit groter dan {max_bytes / 1048576:.0f} MB"
    )


def read_raw(
    path: Path, max_bytes: int, kind: str = "een portfolio", advice: str = PORTFOLIO_ADVICE
) -> tuple[bytes | None, str]:
    """A file's bytes (without a UTF-8 byte-order mark), or None and why not (too large, empty, unreadable), in plain
    Dutch with `advice`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, too_large(size, max_bytes, kind)
        if size == 0:
            return None, f"het bestand is leeg (0 bytes); {advice}"
        raw = path.read_bytes()
    except OSError as error:
        return None, f"niet te lezen ({error.strerror or error})"
    raw = raw.removeprefix(codecs.BOM_UTF8)  # an editor's byte-order mark: the course's own import accepts it too
    if not raw.strip():
        return None, f"het bestand is leeg (alleen witruimte); {advice}"
    return raw, ""
