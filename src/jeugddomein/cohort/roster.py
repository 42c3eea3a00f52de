"""Who the cohort is: the group list, and every learner the grade list must show, with or without a usable portfolio.

A learner is in the cohort when a portfolio of theirs is read, when the group list names them, or when a file that
was skipped names them (a student whose export is broken must not vanish from the grade list).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .reading import clean_name, normal_name

LEARNER_COLUMNS = ["deelnemer", "groep", "bestand", "portfolio", "reden"]
PORTFOLIO_READ, PORTFOLIO_SKIPPED, PORTFOLIO_MISSING = "gelezen", "overgeslagen", "ontbreekt"
"""Values of the learners table's `portfolio`: read, only skipped files name the learner, no file at all."""


@dataclass(frozen=True)
class Member:
    """A learner on the group list."""

    name: str
    group: str
    profession: str = ""


def _csv(source: str | Path) -> pd.DataFrame:
    """A group list CSV as saved by Excel or a text editor: UTF-8 (with or without byte-order mark) or Windows-1252,
    separated by commas or semicolons."""
    raw = Path(source).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return pd.read_csv(io.StringIO(text), sep=None, engine="python", dtype=str)


def read_groups(source: str | Path | pd.DataFrame | dict[str, str]) -> dict[str, Member]:
    """A group list: CSV (or DataFrame) with the columns deelnemer and groep (beroep optional), or a dict name -> group.

    Returns normalised name -> Member. Names match case-insensitively with spaces normalised.
    """
    if isinstance(source, dict):
        return {normal_name(k): Member(clean_name(k), clean_name(v)) for k, v in source.items()}
    frame = source if isinstance(source, pd.DataFrame) else _csv(source)
    columns = {str(c).strip().casefold(): c for c in frame.columns}
    who = next((columns[c] for c in ("deelnemer", "naam", "student", "learner") if c in columns), None)
    group = next((columns[c] for c in ("groep", "group", "team") if c in columns), None)
    if who is None or group is None:
        raise ValueError("De groepenlijst heeft de kolommen 'deelnemer' en 'groep' nodig.")
    profession = columns.get("beroep")
    members = {}
    for _, row in frame.iterrows():
        name, team = row[who], row[group]
        if pd.isna(name) or not clean_name(name) or pd.isna(team):
            continue
        job = row[profession] if profession is not None and pd.notna(row[profession]) else ""
        members[normal_name(name)] = Member(clean_name(name), clean_name(team), clean_name(job))
    return members


@dataclass(frozen=True)
class Skipped:
    """A skipped file that names a learner."""

    learner: str
    file: str
    reason: str


def learners(
    read: Iterable[tuple[str, str, str]], roster: dict[str, Member], skipped: Iterable[Skipped], no_group: str
) -> pd.DataFrame:
    """Every learner of the cohort, sorted by name: deelnemer, groep, bestand, portfolio (gelezen, overgeslagen,
    ontbreekt) and reden (why the file named in `bestand` was skipped).

    `read`: (learner, group, file) of each learner whose portfolio counts; `roster`: the group list; `skipped`: files
    that were skipped but name their learner (the first one per learner is shown).
    """
    rows: dict[str, tuple[str, str, str, str, str]] = {}
    for learner, group, file in read:
        rows[normal_name(learner)] = (learner, group, file, PORTFOLIO_READ, "")
    first_skipped: dict[str, Skipped] = {}
    for item in skipped:
        first_skipped.setdefault(normal_name(item.learner), item)
    for key, member in roster.items():
        if key not in rows:
            found = first_skipped.get(key)
            if found is None:
                rows[key] = (member.name, member.group, "", PORTFOLIO_MISSING, "")
            else:
                rows[key] = (member.name, member.group, found.file, PORTFOLIO_SKIPPED, found.reason)
    for key, item in first_skipped.items():
        if key not in rows:
            rows[key] = (item.learner, no_group, item.file, PORTFOLIO_SKIPPED, item.reason)
    ordered = [rows[key] for key in sorted(rows)]
    return pd.DataFrame.from_records(ordered, columns=LEARNER_COLUMNS)
