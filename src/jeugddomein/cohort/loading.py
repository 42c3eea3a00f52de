"""Read a folder of exported portfolios into tidy tables, with a report on every file that could not be used.

    from jeugddomein.cohort import load_portfolios
    cohort = load_portfolios("exports/", groups="groepen.csv")
    cohort.files          # one row per file: gelezen, overgeslagen (with the reason) or vervangen (older export)
    cohort.activity       # one row per learner and exercise: page, widget, last change, done
    cohort.scans          # Bronstein self-scan: one row per learner, scan and part (as jeugddomein.cohort.bronstein)

Every file is checked with the same pydantic models the course exports with (`Portfolio`), then with this course's
id. A bad file never stops the others: it is reported with the reason in plain Dutch. When a learner exported more
than once, the newest export counts. Large folders are read by several processes at once.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from ..models.portfolio import PORTFOLIO_FORMAT, SCHEMA_VERSION, Portfolio
from ..widgets import cohort_extractor, widget_rules
from ..widgets.bronstein_scan.model import load_instrument, scoring
from ..widgets.rubric.cohort import graded
from .assessments import SOURCE_LECTURER, Assessment, newest, read_assessment, targets
from .book import Book, read_book
from .bronstein import RESULT_COLUMNS
from .listing import listing
from .reading import (
    PORTFOLIO_ADVICE,
    Context,
    Found,
    clean_name,
    field_problem,
    json_problem,
    named_learner,
    normal_name,
    read_raw,
    shown_path,
)
from .roster import Member, Skipped, learners, read_groups

PARALLEL_FROM = 200
"""From this many files on, the files are read by a pool of processes."""

FILE_COLUMNS = ["bestand", "status", "reden", "deelnemer", "geexporteerd", "soort"]
KIND_PORTFOLIO, KIND_ASSESSMENT = "portfolio", "beoordeling"
"""Values of the files table's `soort`: a student's portfolio or one of the lecturer's own rubric exports."""
STUDENT_COLUMNS = ["deelnemer", "bestand", "geexporteerd", "cursusversie", "beroep", "groep", "onderdelen"]
ACTIVITY_COLUMNS = ["deelnemer", "widget_id", "widget", "pagina", "bijgewerkt", "af"]
COMPETENCE_COLUMNS = ["deelnemer", "competentie", "moment", "niveau", "datum", "bewijs"]
RUBRIC_SCORE_COLUMNS = ["deelnemer", "widget_id", "rubric", "wie", "criterium", "niveau", "bron"]
RUBRIC_GRADE_COLUMNS = [
    "deelnemer",
    "widget_id",
    "rubric",
    "wie",
    "gescoord",
    "criteria",
    "cijfer",
    "gewogen",
    "behaald",
    "knockouts",
    "beoordeelde",
    "beoordelaar",
    "bijgewerkt",
    "bron",
]
ROLEPLAY_COLUMNS = [
    "deelnemer",
    "widget_id",
    "casus",
    "spel",
    "modus",
    "rol",
    "groepsnaam",
    "afloop",
    "stap",
    "scene",
    "keuze",
]
PICTURE_COLUMNS = [
    "deelnemer",
    "widget_id",
    "tekening",
    "actoren",
    "teksten",
    "bubbels",
    "grenzen",
    "relaties",
    "gespannen",
]

TABLES = {
    "activity": ACTIVITY_COLUMNS,
    "scans": RESULT_COLUMNS,
    "competences": COMPETENCE_COLUMNS,
    "rubric_scores": RUBRIC_SCORE_COLUMNS,
    "rubric_grades": RUBRIC_GRADE_COLUMNS,
    "roleplay": ROLEPLAY_COLUMNS,
    "pictures": PICTURE_COLUMNS,
}
"""The tidy tables a cohort has, with their columns."""

NO_GROUP = "(geen groep)"
"""The group of a learner the group list and the role-plays say nothing about."""

STATUS_READ, STATUS_SKIPPED, STATUS_REPLACED, STATUS_INVALID = "gelezen", "overgeslagen", "vervangen", "ongeldig"
"""Statuses in the files table; 'ongeldig' is one of the lecturer's own files that is invalid but names its learner:
it counts for them, so they get no grade for that rubric until it is fixed."""

INVALID_COLUMNS = ["deelnemer", "rubric", "bestand", "reden"]

FILE_INDEX = "_bestand_nr"
"""Column of a Batch's tables linking each row to its file (dropped once the newest exports are known)."""


@dataclass
class FileResult:
    """The outcome of reading one file."""

    name: str
    ok: bool
    reason: str = ""
    """Why the file is not used; or, for a file that is read, a remark 'let op: ...' (else empty)."""
    learner: str = ""
    key: str = ""
    exported: float | None = None
    version: str = ""
    profession: str = ""
    groups: list[str] = field(default_factory=list)
    entries: int = 0
    """Saved exercises in the portfolio."""
    rows: dict[str, list[tuple]] = field(default_factory=dict)
    """The file's rows per table (moved into its Batch's tables once read)."""
    index: int = 0
    """Position of the file in the folder listing."""


@dataclass
class Batch:
    """A run of files read together (by one worker process): the outcome per file and the rows of the valid ones."""

    results: list[FileResult]
    tables: dict[str, pd.DataFrame]
    """Per table of TABLES its typed rows, plus the column FILE_INDEX: the FileResult.index of the row's file."""


@dataclass
class Cohort:
    """A cohort's exported work as tidy tables (one pandas DataFrame per kind of work), plus the file report."""

    files: pd.DataFrame
    """One row per file: bestand, status (gelezen, overgeslagen, vervangen, ongeldig), reden (why it is not used, or
    a remark 'let op: ...' on a file that is read), deelnemer, geexporteerd, and soort ('portfolio' or 'beoordeling':
    the lecturer's own rubric export)."""
    students: pd.DataFrame
    """One row per learner whose portfolio is read: deelnemer, bestand, geexporteerd, cursusversie, beroep, groep,
    onderdelen."""
    learners: pd.DataFrame
    """Every learner: with a portfolio, on the group list, or named in a skipped file (cohort.roster.learners)."""
    invalid_assessments: pd.DataFrame
    """Learner and rubric whose newest own rubric export of the lecturer is invalid: deelnemer, rubric, bestand,
    reden. They get no grade for that rubric, from no source, until the file is fixed."""
    activity: pd.DataFrame
    """One row per learner and saved exercise: widget_id, widget, pagina, bijgewerkt, af (done by the widget's rule)."""
    scans: pd.DataFrame
    """Bronstein self-scan, one row per learner, scan and part (columns of jeugddomein.cohort.bronstein, plus groep)."""
    competences: pd.DataFrame
    """Competence tracker, one row per self-assessment: competentie, moment, niveau (1-4), datum, bewijs (count)."""
    rubric_scores: pd.DataFrame
    """Rubrics, one row per scored criterion: rubric, wie ('zelf' or 'docent'), criterium, niveau, and bron: 'portfolio'
    or 'docentbestand' (the lecturer's own rubric export, see cohort.assessments)."""
    rubric_grades: pd.DataFrame
    """Rubrics, one row per filled-in rubric: cijfer (None until all criteria are scored), behaald, knockouts, bron."""
    roleplay: pd.DataFrame
    """Role-plays, one row per choice: casus, spel (0 = game in progress, 1.. = finished), afloop, scene, keuze."""
    pictures: pd.DataFrame
    """Rich pictures, one row per picture: counts of actors, texts, bubbles, boundaries, relations, strained ones."""
    book: Book
    """The course's pages and widget placements."""
    missing: list[str] = field(default_factory=list)
    """Learners on the group list without a portfolio."""

    def problems(self) -> pd.DataFrame:
        """The files that were not used, with the reason."""
        return self.files[self.files["status"] != STATUS_READ].reset_index(drop=True)

    def notes(self) -> pd.DataFrame:
        """The files that were read but carry a remark (e.g. an unknown rubric level that does not count)."""
        files = self.files
        return files[(files["status"] == STATUS_READ) & (files["reden"] != "")].reset_index(drop=True)

    def __repr__(self) -> str:
        counts = self.files["status"].value_counts()
        own = self.files[(self.files["soort"] == KIND_ASSESSMENT) & (self.files["status"] == STATUS_READ)]
        lecturer = f", {len(own)} eigen beoordelingen" if (self.files["soort"] == KIND_ASSESSMENT).any() else ""
        return (
            f"Cohort({len(self.students)} deelnemers{lecturer}; {counts.get(STATUS_READ, 0)} gelezen, "
            f"{counts.get(STATUS_SKIPPED, 0)} overgeslagen, {counts.get(STATUS_REPLACED, 0)} vervangen, "
            f"{counts.get(STATUS_INVALID, 0)} ongeldig)"
        )


# --- one file -------------------------------------------------------------------------------------------------------


def diagnose(raw: bytes, error: ValidationError, course: str) -> tuple[str, str]:
    """Why a file that failed validation is not a usable portfolio, in plain Dutch, and the learner it names (or '')."""
    not_json = json_problem(raw, error)
    if not_json is not None:
        return not_json, named_learner(raw)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        data = None
    named = data.get("learner") if isinstance(data, dict) else None
    learner = clean_name(named)[:200] if isinstance(named, str) else ""
    if not isinstance(data, dict) or data.get("format") != PORTFOLIO_FORMAT:
        return "geen portfolio van deze cursus: het veld 'format' ontbreekt of heeft een andere waarde", learner
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
            return (
                f"gemaakt met een nieuwere versie van het exportformaat ({version}); "
                f"deze tools lezen versie {SCHEMA_VERSION}: werk het pakket jeugddomein bij"
            ), learner
        shown = json.dumps(version)[:40]
        return f"onbekende versie van het exportformaat ({shown}); verwacht is versie {SCHEMA_VERSION}", learner
    if data.get("course") != course:
        return _other_course(data.get("course"), course), learner
    return field_problem(error), learner


def _other_course(found: object, course: str) -> str:
    return f"hoort bij een andere cursus ('{clean_name(found)[:80]}'), niet bij '{course}'"


def extract(portfolio: Portfolio, name: str, context: Context) -> FileResult:
    """The tidy rows of one valid portfolio."""
    learner = clean_name(portfolio.learner) or Path(name).stem
    found = Found(learner=learner, name=name, rows={table: [] for table in TABLES})
    rows = found.rows
    for entry in portfolio.entries:
        widget = entry.widget
        extractor = cohort_extractor(widget)
        if extractor is not None:
            extractor(entry, found, context)
        config = context.done_config(widget, entry.id)
        done = None if config is None else widget_rules(widget).done(config, entry.state)
        page = context.pages.get(entry.id) or entry.page
        rows["activity"].append((learner, entry.id, widget, page, entry.updated.timestamp(), done))
    profession, groups, notes = found.profession, found.groups, found.notes
    return FileResult(
        name=name,
        ok=True,
        learner=learner,
        key=learner.casefold() if clean_name(portfolio.learner) else f"\0{name}",
        exported=portfolio.exported_at.timestamp(),
        version=portfolio.course_version,
        profession=profession,
        groups=groups,
        entries=len(rows["activity"]),
        rows=rows,
        reason=_noted(notes),
    )


def _noted(notes: list[str]) -> str:
    """The remarks on a file that is read, as one text: 'let op: ...' (empty when there are none)."""
    if not notes:
        return ""
    more = f" (en nog {len(notes) - 1})" if len(notes) > 1 else ""
    return f"let op: {notes[0]}{more}"


def read_file(path: Path, name: str, context: Context) -> FileResult:
    """Read, check and extract one file; never raises for a bad file (the reason is in the result)."""
    try:
        return _read_file(path, name, context)
    except Exception as error:  # a file no check foresaw still must not stop the other students' files
        return FileResult(name, False, f"kon niet worden gelezen ({type(error).__name__}); {PORTFOLIO_ADVICE}")


def _read_file(path: Path, name: str, context: Context) -> FileResult:
    raw, reason = read_raw(path, context.max_bytes)
    if raw is None:
        return FileResult(name, False, reason)
    try:
        portfolio = Portfolio.model_validate_json(raw)
    except ValidationError as error:
        reason, learner = diagnose(raw, error, context.course)
        return FileResult(name, False, reason, learner=learner)
    except (RecursionError, ValueError) as error:
        return FileResult(name, False, f"geen bruikbaar portfolio ({type(error).__name__}); {PORTFOLIO_ADVICE}")
    if portfolio.course != context.course:
        return FileResult(
            name, False, _other_course(portfolio.course, context.course), learner=clean_name(portfolio.learner)
        )
    return extract(portfolio, name, context)


# --- many files -----------------------------------------------------------------------------------------------------

_CONTEXT: Context | None = None


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while loading.

    Loading makes hundreds of thousands of small objects (rows, models) and no reference cycles; with the collector
    running, every few hundred new objects trigger a pass over all live ones, which costs more than the loading.
    Objects are still freed by reference counting meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _init_worker(context: Context) -> None:
    global _CONTEXT
    _CONTEXT = context
    gc.disable()  # a worker only reads files (see paused_gc) and ends with the pool


def _read_batch_in_worker(items: list[tuple[int, str, str]]) -> Batch:
    assert _CONTEXT is not None
    return read_batch(items, _CONTEXT)


def _typed(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Give a table's date, grade and yes/no columns their pandas types (times are seconds since 1970, UTC)."""
    if table == "activity":
        frame["bijgewerkt"] = pd.to_datetime(frame["bijgewerkt"], unit="s", utc=True)
        frame["af"] = frame["af"].astype("boolean")
    elif table == "rubric_grades":
        frame["bijgewerkt"] = pd.to_datetime(frame["bijgewerkt"], unit="s", utc=True)
        for column in ("cijfer", "gewogen"):
            frame[column] = pd.to_numeric(frame[column]).astype("Float64")
        frame["behaald"] = frame["behaald"].astype("boolean")
    elif table == "scans":
        frame["score"] = pd.to_numeric(frame["score"]).astype("Float64")
    elif table == "competences":
        frame["niveau"] = frame["niveau"].astype("int64")
    return frame


def read_batch(items: list[tuple[int, str, str]], context: Context) -> Batch:
    """Read the files (index in the listing, path, report name) and put the rows of the valid ones in typed tables."""
    results = []
    rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
    owners: dict[str, list[int]] = {table: [] for table in TABLES}
    for index, path, name in items:
        result = read_file(Path(path), name, context)
        result.index = index
        for table, file_rows in result.rows.items():
            rows[table].extend(file_rows)
            owners[table].extend([index] * len(file_rows))
        result.rows = {}
        results.append(result)
    tables = {}
    for table, columns in TABLES.items():
        frame = pd.DataFrame.from_records(rows[table], columns=columns)
        frame[FILE_INDEX] = np.asarray(owners[table], dtype=np.int64)
        tables[table] = _typed(table, frame)
    return Batch(results, tables)


def _kept_rows(part: pd.DataFrame, kept: np.ndarray) -> pd.DataFrame:
    """A batch's part with only the rows of kept files (the part itself when all are kept, as in most batches:
    filtering copies every column, which cost most of the assembly)."""
    mask = part[FILE_INDEX].isin(kept)
    return part if mask.all() else part[mask]


def _joined(parts: list[pd.DataFrame], kept: np.ndarray) -> pd.DataFrame:
    """One table from the batches' parts: only the rows of the kept files, types as if read at once."""
    filled = [_kept_rows(part, kept) for part in parts if not part.empty]
    filled = [part for part in filled if not part.empty]
    frame = pd.concat(filled, ignore_index=True) if filled else parts[0].iloc[0:0]
    frame = frame.drop(columns=FILE_INDEX)
    return frame.infer_objects()  # a column that is empty (None) in one batch and text in another: text


def build_context(book: Book | None = None, data: Path | None = None) -> Context:
    """Everything the readers need from the course: id, the Bronstein instrument, rubrics and placements."""
    from ..widgets.rubric.model import load_framework, load_rubrics

    book = book or read_book()
    data = data or (book.root / "data" if book.root else None)
    instrument = rubrics = None
    competence_ids: list[str] = []
    cases: dict[str, Any] = {}
    if data is not None and data.is_dir():
        instrument = scoring(load_instrument("bronstein", data))
        framework = load_framework(data)
        rubrics = {key: value.model_dump(mode="json") for key, value in load_rubrics(data, framework).items()}
        competence_ids = [c.id for c in framework.competences]
        cases = course_cases(data)
    return Context(
        course=book.course,
        instrument=instrument,
        rubrics=rubrics or {},
        rubric_of=book.rubric_of(),
        case_of=book.case_of(),
        pages={pid: p.page for pid, p in book.placements().items()},
        competences=len(competence_ids) or 7,
        competence_ids=competence_ids,
        cases=cases,
        worksheets=book.worksheets(),
    )


def course_cases(data: Path) -> dict[str, Any]:
    """Every case file of the course that loads, by id (a broken case stops the build, not the lecturer's tools).

    Validating a case walks its whole graph: the result is kept for as long as no case file changes, so a second
    cohort in the same session (a notebook, the benchmark) does not pay for it again."""
    files = tuple((path.name, path.stat().st_mtime_ns) for path in sorted((data / "cases").glob("*.yaml")))
    return _loaded_cases(data, files)


@functools.lru_cache(maxsize=4)
def _loaded_cases(data: Path, files: tuple[tuple[str, int], ...]) -> dict[str, Any]:
    from ..loading import DataError
    from ..widgets.role_play.model import load_case

    found = {}
    for name, _ in files:
        path = data / "cases" / name
        try:
            found[path.stem] = load_case(path, data.parent)
        except (DataError, ValueError):
            continue
    return found


def _newest(results: list[FileResult]) -> tuple[list[FileResult], dict[str, FileResult]]:
    """The newest export per learner (ties: the later file name), and for every older file the one that replaced it."""
    best: dict[str, FileResult] = {}
    for result in results:
        if not result.ok:
            continue
        current = best.get(result.key)
        if current is None or (result.exported or 0, result.name) > (current.exported or 0, current.name):
            best[result.key] = result
    replaced = {r.name: best[r.key] for r in results if r.ok and best[r.key] is not r}
    return [r for r in results if r.ok and best[r.key] is r], replaced


def _frame(rows: Iterable[tuple], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(rows), columns=columns)


def load_portfolios(
    folder: str | Path,
    groups: str | Path | pd.DataFrame | dict[str, str] | None = None,
    *,
    assessments: str | Path | None = None,
    workers: int | None = None,
    book: Book | None = None,
) -> Cohort:
    """Read every exported portfolio in `folder` (a folder, subfolders included, or a .zip) into a Cohort.

    `groups`: optional group list (CSV with deelnemer,groep); without it a learner's group is the group name they
    used most in class play of the role-play. `assessments`: optional folder (or .zip) with the lecturer's own rubric
    exports (lecturer mode); they count before a lecturer scoring found in a portfolio (see cohort.assessments).
    `workers`: processes for large folders (default: all cores).
    Bad files are reported in `cohort.files`, never raised; a folder that does not exist is an error.
    """
    folder = Path(folder)
    for given in (folder, assessments):
        if given is not None and not Path(given).exists():
            raise FileNotFoundError(f"De map '{given}' bestaat niet.")
    book = book or read_book()
    context = build_context(book)
    with paused_gc():
        with tempfile.TemporaryDirectory(prefix="jd-cohort-") as unpacked:
            entries = listing(folder, Path(unpacked), context.max_bytes)
            items = [(i, str(entry.path), entry.name) for i, entry in enumerate(entries) if entry.path is not None]
            unlisted = [FileResult(e.name, False, e.reason, index=i) for i, e in enumerate(entries) if e.reason]
            workers = workers or os.cpu_count() or 1
            if workers > 1 and len(items) >= PARALLEL_FROM:
                import multiprocessing

                method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
                size = max(1, min(256, len(items) // (workers * 8)))
                with ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=multiprocessing.get_context(method),
                    initializer=_init_worker,
                    initargs=(context,),
                ) as pool:
                    runs = [items[start : start + size] for start in range(0, len(items), size)]
                    batches = list(pool.map(_read_batch_in_worker, runs))
            else:
                batches = [read_batch(items, context)]
        lecturer: list[Assessment] = []
        if assessments is not None:
            with tempfile.TemporaryDirectory(prefix="jd-beoordelingen-") as unpacked:
                prefix = shown_path(Path(assessments).name)
                for entry in listing(Path(assessments), Path(unpacked), context.max_bytes, "een rubricexport"):
                    name = f"{prefix}/{entry.name}"
                    if entry.path is None:
                        lecturer.append(Assessment(name, False, entry.reason))
                    else:
                        lecturer.append(read_assessment(entry.path, name, context))
        return assemble(batches, book, groups, lecturer, context, unlisted)


def _lecturer_rows(
    assessments: list[Assessment], learners: list[str], group_of: dict[str, str], context: Context
) -> tuple[list[tuple], dict[str, list[tuple]], list[tuple]]:
    """From the lecturer's own rubric exports: the file report rows, the rubric rows (of the newest file per learner
    and rubric) and the invalid rows: (learner, rubric, file, reason) where the newest file is invalid."""
    widget_of = {rubric: widget for widget, rubric in sorted(context.rubric_of.items(), reverse=True)}
    usable = [a for a in assessments if a.ok or a.invalid]
    target = {a.name: targets(a.student, learners, group_of, NO_GROUP) for a in usable}
    counts, replaced = newest(usable, target)
    file_rows: list[tuple] = []
    rows: dict[str, list[tuple]] = {"rubric_scores": [], "rubric_grades": []}
    invalid: list[tuple] = []
    for item in assessments:
        exported = item.exported
        if not item.ok and not item.invalid:
            file_rows.append((item.name, STATUS_SKIPPED, item.reason, "", exported, KIND_ASSESSMENT))
            continue
        who = target[item.name]
        if not who:
            reason = (
                f"geen student of groep '{item.student}' in de portfolio's of de groepenlijst; schrijf in de rubric "
                "bij 'Student of groep' de naam zoals in het portfolio of de groepenlijst"
            )
            if item.invalid:
                reason = f"{item.reason}; en ook: {reason}"
            file_rows.append((item.name, STATUS_SKIPPED, reason, "", exported, KIND_ASSESSMENT))
            continue
        if item.name in replaced:
            newer = f"een nieuwere beoordeling van dezelfde rubric telt: {replaced[item.name]}"
            if item.invalid:
                file_rows.append((item.name, STATUS_SKIPPED, f"{item.reason}; {newer}", "", exported, KIND_ASSESSMENT))
            else:
                file_rows.append((item.name, STATUS_REPLACED, newer, ", ".join(who), exported, KIND_ASSESSMENT))
            continue
        counted = [learner for learner in who if counts[(learner, item.rubric)] == item.name]
        if item.invalid:
            file_rows.append((item.name, STATUS_INVALID, item.reason, ", ".join(who), exported, KIND_ASSESSMENT))
            invalid += [(learner, item.rubric, item.name, item.reason) for learner in counted]
            continue
        file_rows.append(
            (
                item.name,
                STATUS_READ,
                _noted([item.note] if item.note else []),
                ", ".join(who),
                exported,
                KIND_ASSESSMENT,
            )
        )
        rubric = context.rubrics[item.rubric]
        outcome = graded(context, item.rubric, tuple(sorted(item.scores.items())))
        grade_value, weighted, passed, knockouts = outcome if outcome is not None else (None, None, None, "")
        widget = widget_of.get(item.rubric, f"rubric-{item.rubric}")
        for learner in counted:
            for criterion, level in item.scores.items():
                rows["rubric_scores"].append(
                    (learner, widget, item.rubric, "docent", criterion, level, SOURCE_LECTURER)
                )
            rows["rubric_grades"].append(
                (
                    learner,
                    widget,
                    item.rubric,
                    "docent",
                    len(item.scores),
                    len(rubric["criteria"]),
                    grade_value,
                    weighted,
                    passed,
                    knockouts,
                    item.student,
                    item.assessor,
                    exported,
                    SOURCE_LECTURER,
                )
            )
    return file_rows, rows, invalid


def _group(result: FileResult, member: Member | None) -> str:
    """A learner's group: from the group list, else the group name they used most in class play."""
    if member is not None:
        return member.group
    if not result.groups:
        return NO_GROUP
    counts: dict[str, int] = {}
    for name in result.groups:
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda g: (counts[g], g))


def assemble(
    batches: list[Batch],
    book: Book,
    groups: Any = None,
    lecturer: list[Assessment] | None = None,
    context: Context | None = None,
    unlisted: list[FileResult] | None = None,
) -> Cohort:
    """Turn the batches read into the cohort's tables: newest export per learner, groups added, then the lecturer's
    own rubric exports (`lecturer`, graded with `context`). `unlisted`: entries of the folder that are no readable file
    (cohort.listing), reported with the files."""
    results = sorted([*(r for batch in batches for r in batch.results), *(unlisted or [])], key=lambda r: r.index)
    kept, replaced = _newest(results)
    file_rows: list[tuple[str, str, str, str, float | None, str]] = []
    for result in results:
        if not result.ok:
            file_rows.append((result.name, STATUS_SKIPPED, result.reason, result.learner, None, KIND_PORTFOLIO))
        elif result.name in replaced:
            newer = replaced[result.name]
            file_rows.append(
                (
                    result.name,
                    STATUS_REPLACED,
                    f"{result.learner} heeft later opnieuw geëxporteerd; {newer.name} telt",
                    result.learner,
                    result.exported,
                    KIND_PORTFOLIO,
                )
            )
        else:
            file_rows.append((result.name, STATUS_READ, result.reason, result.learner, result.exported, KIND_PORTFOLIO))

    roster = read_groups(groups) if groups is not None else {}
    group_of: dict[str, str] = {}
    for result in kept:
        member = roster.get(normal_name(result.learner))
        if member and member.profession and not result.profession:
            result.profession = member.profession
        group_of[result.learner] = _group(result, member)
    students = _frame(
        (
            (
                r.learner,
                r.name,
                r.exported,
                r.version,
                r.profession,
                group_of[r.learner],
                r.entries,
            )
            for r in kept
        ),
        STUDENT_COLUMNS,
    )
    students["geexporteerd"] = pd.to_datetime(students["geexporteerd"], unit="s", utc=True)
    skipped = [Skipped(r.learner, r.name, r.reason) for r in results if not r.ok and r.learner]
    everyone = learners(((r.learner, group_of[r.learner], r.name) for r in kept), roster, skipped, NO_GROUP)
    for row in everyone.itertuples(index=False):
        group_of.setdefault(row.deelnemer, row.groep)
    kept_files = np.fromiter((r.index for r in kept), dtype=np.int64, count=len(kept))
    tables: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        frame = _joined([batch.tables[table] for batch in batches], kept_files)
        frame["groep"] = frame["deelnemer"].map(group_of).astype("string")
        tables[table] = frame
    invalid: list[tuple] = []
    if lecturer:
        assert context is not None, "grading the lecturer's rubric exports needs the course context"
        extra_files, extra_rows, invalid = _lecturer_rows(lecturer, list(group_of), group_of, context)
        file_rows += extra_files
        for table, rows in extra_rows.items():
            if rows:
                frame = _typed(table, _frame(rows, TABLES[table]))
                frame["groep"] = frame["deelnemer"].map(group_of).astype("string")
                tables[table] = pd.concat([tables[table], frame], ignore_index=True)
    files = _frame(file_rows, FILE_COLUMNS)
    files["geexporteerd"] = pd.to_datetime(files["geexporteerd"], unit="s", utc=True)
    present = {normal_name(r.learner) for r in kept}
    missing = sorted(member.name for key, member in roster.items() if key not in present)
    return Cohort(
        files=files,
        students=students,
        learners=everyone,
        invalid_assessments=_frame(invalid, INVALID_COLUMNS),
        book=book,
        missing=missing,
        **tables,
    )
