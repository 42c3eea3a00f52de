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
import gc
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from ..models.portfolio import PORTFOLIO_FORMAT, SCHEMA_VERSION, Portfolio
from ..widgets import widget_rules
from ..widgets.bronstein_scan.model import load_instrument, scoring
from ..widgets.rubric.grading import MissingScores, grade
from .assessments import SOURCE_LECTURER, SOURCE_PORTFOLIO, Assessment, newest, read_assessment, targets
from .book import Book, read_book
from .bronstein import PART_COLUMNS, RESULT_COLUMNS, scored_parts
from .reading import (
    Context,
    field_problem,
    json_problem,
    normal_name,
    read_raw,
)

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

STATUS_READ, STATUS_SKIPPED, STATUS_REPLACED = "gelezen", "overgeslagen", "vervangen"

FILE_INDEX = "_bestand_nr"
"""Column of a Batch's tables linking each row to its file (dropped once the newest exports are known)."""


@dataclass
class FileResult:
    """The outcome of reading one file."""

    name: str
    ok: bool
    reason: str = ""
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
    """One row per file: bestand, status (gelezen, overgeslagen, vervangen), reden, deelnemer, geexporteerd, and soort
    ('portfolio' or 'beoordeling': the lecturer's own rubric export)."""
    students: pd.DataFrame
    """One row per learner: deelnemer, bestand, geexporteerd, cursusversie, beroep, groep, onderdelen."""
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

    def __repr__(self) -> str:
        counts = self.files["status"].value_counts()
        own = self.files[(self.files["soort"] == KIND_ASSESSMENT) & (self.files["status"] == STATUS_READ)]
        lecturer = f", {len(own)} eigen beoordelingen" if (self.files["soort"] == KIND_ASSESSMENT).any() else ""
        return (
            f"Cohort({len(self.students)} deelnemers{lecturer}; {counts.get(STATUS_READ, 0)} gelezen, "
            f"{counts.get(STATUS_SKIPPED, 0)} overgeslagen, {counts.get(STATUS_REPLACED, 0)} vervangen)"
        )


# --- one file -------------------------------------------------------------------------------------------------------


def diagnose(raw: bytes, error: ValidationError, course: str) -> str:
    """Why a file that failed validation is not a usable portfolio, in plain Dutch."""
    not_json = json_problem(raw, error)
    if not_json is not None:
        return not_json
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("format") != PORTFOLIO_FORMAT:
        return "geen portfolio van deze cursus: het veld 'format' ontbreekt of heeft een andere waarde"
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
            return (
                f"gemaakt met een nieuwere versie van het exportformaat ({version}); "
                f"deze tools lezen versie {SCHEMA_VERSION}: werk het pakket jeugddomein bij"
            )
        return f"onbekende versie van het exportformaat ({json.dumps(version)}); verwacht is versie {SCHEMA_VERSION}"
    if data.get("course") != course:
        return f"hoort bij een andere cursus ('{data.get('course')}'), niet bij '{course}'"
    return field_problem(error)


def _scan_rows(context: Context, learner: str, name: str, entry: Any) -> list[tuple]:
    if context.instrument is None:
        return []
    rows = []
    for scan in entry.state.scans:
        when = (learner, name, entry.id, scan.label, scan.date.isoformat(), scan.perspective)
        rows += [(*when, *(part[c] for c in PART_COLUMNS)) for part in scored_parts(context.instrument, scan.answers)]
    return rows


def _graded(context: Context, rubric_id: str, scores: tuple[tuple[str, str], ...]) -> tuple | None:
    """jeugddomein.widgets.rubric.grading.grade for one scoring, remembered in the context."""
    key = (rubric_id, scores)
    if key not in context.grades:
        try:
            result = grade(context.rubrics[rubric_id], dict(scores))
        except MissingScores:
            context.grades[key] = None
        else:
            context.grades[key] = (result.grade, result.weighted, result.passed, ", ".join(result.knockouts))
    return context.grades[key]


def _rubric_rows(context: Context, learner: str, entry: Any, rows: dict[str, list[tuple]]) -> None:
    """Add the rubric's criterion scores and grades."""
    rubric_id = context.rubric_of.get(entry.id) or entry.id.removeprefix("rubric-")
    rubric = context.rubrics.get(rubric_id)
    for who in ("zelf", "docent"):
        scores = getattr(entry.state, who).scores
        if not scores:
            continue
        clean = dict(scores) if rubric is None else context.known_scores(rubric_id, scores)
        for criterion, level in clean.items():
            rows["rubric_scores"].append((learner, entry.id, rubric_id, who, criterion, level, SOURCE_PORTFOLIO))
        grade_value = weighted = passed = None
        knockouts = ""
        if rubric is not None:
            outcome = _graded(context, rubric_id, tuple(sorted(clean.items())))
            if outcome is not None:
                grade_value, weighted, passed, knockouts = outcome
        rows["rubric_grades"].append(
            (
                learner,
                entry.id,
                rubric_id,
                who,
                len(clean),
                len(rubric["criteria"]) if rubric else None,
                grade_value,
                weighted,
                passed,
                knockouts,
                entry.state.student,
                entry.state.assessor,
                entry.updated.timestamp(),
                SOURCE_PORTFOLIO,
            )
        )


def played_case_key(played: Any) -> str:
    """The `casus` of a game played from a lecturer's case file: its title and the start of its hash."""
    return f"{played.title} (casusbestand {played.sha256[:12]})"


def _roleplay_rows(context: Context, learner: str, entry: Any, rows: list[tuple]) -> list[str]:
    """Add one row per choice of every game; return the group names used in class play."""
    state = entry.state
    book_case = context.case_of.get(entry.id) or entry.id.removeprefix("rollenspel-")
    games = [(i + 1, run.mode, run.role, run.group, run.ending, run.path, run.file) for i, run in enumerate(state.runs)]
    if state.mode:
        games.append((0, state.mode, state.role, state.group, None, state.path, state.file))
    for number, mode, role, group, ending, path, played in games:
        case = played_case_key(played) if played is not None else book_case
        for step_number, step in enumerate(path, start=1):
            rows.append(
                (learner, entry.id, case, number, mode, role, group, ending, step_number, step.scene, step.choice)
            )
    groups = [run.group.strip() for run in state.runs if run.mode == "klas" and run.group.strip()]
    if state.mode == "klas" and state.group.strip():
        groups.append(state.group.strip())
    return groups


def _picture_rows(learner: str, entry: Any, rows: list[tuple]) -> None:
    """Add one row per picture: its element counts by kind, relations and strained relations."""
    for picture in entry.state.pictures:
        scene = picture.scene
        kinds = {"actor": 0, "text": 0, "bubble": 0, "boundary": 0}
        for element in scene.elements:
            kinds[element.kind] += 1
        strained = sum(1 for r in scene.relations if r.style == "strained" or r.conflict)
        rows.append(
            (
                learner,
                entry.id,
                scene.title,
                kinds["actor"],
                kinds["text"],
                kinds["bubble"],
                kinds["boundary"],
                len(scene.relations),
                strained,
            )
        )


def extract(portfolio: Portfolio, name: str, context: Context) -> FileResult:
    """The tidy rows of one valid portfolio."""
    learner = " ".join(portfolio.learner.split()) or Path(name).stem
    rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
    profession = ""
    groups: list[str] = []
    for entry in portfolio.entries:
        widget = entry.widget
        state = entry.state
        if widget == "bronstein-scan":
            rows["scans"].extend(_scan_rows(context, learner, name, entry))
        elif widget == "competence-tracker":
            profession = state.profession or profession
            for item in state.assessments:
                rows["competences"].append(
                    (learner, item.competence, item.moment, item.level, item.day.isoformat(), len(item.evidence))
                )
        elif widget == "rubric":
            _rubric_rows(context, learner, entry, rows)
        elif widget == "role-play":
            groups.extend(_roleplay_rows(context, learner, entry, rows["roleplay"]))
        elif widget == "rich-picture":
            _picture_rows(learner, entry, rows["pictures"])
        config = context.done_config(widget, entry.id)
        done = None if config is None else widget_rules(widget).done(config, state)
        page = context.pages.get(entry.id) or entry.page
        rows["activity"].append((learner, entry.id, widget, page, entry.updated.timestamp(), done))
    return FileResult(
        name=name,
        ok=True,
        learner=learner,
        key=learner.casefold() if portfolio.learner.strip() else f"\0{name}",
        exported=portfolio.exported_at.timestamp(),
        version=portfolio.course_version,
        profession=profession,
        groups=groups,
        entries=len(rows["activity"]),
        rows=rows,
    )


def read_file(path: Path, name: str, context: Context) -> FileResult:
    """Read, check and extract one file; never raises for a bad file (the reason is in the result)."""
    raw, reason = read_raw(path, context.max_bytes)
    if raw is None:
        return FileResult(name, False, reason)
    try:
        portfolio = Portfolio.model_validate_json(raw)
    except ValidationError as error:
        return FileResult(name, False, diagnose(raw, error, context.course))
    except (RecursionError, ValueError) as error:
        return FileResult(name, False, f"geen bruikbaar portfolio ({error})")
    if portfolio.course != context.course:
        return FileResult(
            name, False, f"hoort bij een andere cursus ('{portfolio.course}'), niet bij '{context.course}'"
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


def _joined(parts: list[pd.DataFrame], kept: np.ndarray) -> pd.DataFrame:
    """One table from the batches' parts: only the rows of the kept files, types as if read at once."""
    filled = [part for part in parts if not part.empty]
    frame = pd.concat(filled, ignore_index=True) if filled else parts[0]
    frame = frame[frame[FILE_INDEX].isin(kept)].drop(columns=FILE_INDEX).reset_index(drop=True)
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
        cases = _cases(data)
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
    )


def _cases(data: Path) -> dict[str, Any]:
    """Every case file of the course that loads, by id (a broken case stops the build, not the lecturer's tools)."""
    from ..loading import DataError
    from ..widgets.role_play.model import load_case

    found = {}
    for path in sorted((data / "cases").glob("*.yaml")):
        try:
            found[path.stem] = load_case(path, data.parent)
        except (DataError, ValueError):
            continue
    return found


def list_files(folder: Path) -> list[tuple[Path, str]]:
    """Every non-hidden file under `folder` (subfolders too, as an LMS download has them), with its report name."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") or part == "__MACOSX" for part in relative.parts) or not path.is_file():
            continue
        found.append((path, relative.as_posix()))
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


@dataclass(frozen=True)
class Member:
    """A learner on the group list."""

    name: str
    group: str
    profession: str = ""


def read_groups(source: str | Path | pd.DataFrame | dict[str, str]) -> dict[str, Member]:
    """A group list: CSV (or DataFrame) with the columns deelnemer and groep (beroep optional), or a dict name -> group.

    Returns normalised name -> Member. Names match case-insensitively with spaces normalised.
    """
    if isinstance(source, dict):
        return {normal_name(k): Member(" ".join(str(k).split()), str(v).strip()) for k, v in source.items()}
    frame = source if isinstance(source, pd.DataFrame) else pd.read_csv(source, sep=None, engine="python", dtype=str)
    columns = {str(c).strip().casefold(): c for c in frame.columns}
    who = next((columns[c] for c in ("deelnemer", "naam", "student", "learner") if c in columns), None)
    group = next((columns[c] for c in ("groep", "group", "team") if c in columns), None)
    if who is None or group is None:
        raise ValueError("De groepenlijst heeft de kolommen 'deelnemer' en 'groep' nodig.")
    profession = columns.get("beroep")
    members = {}
    for _, row in frame.iterrows():
        name, team = row[who], row[group]
        if pd.isna(name) or not str(name).strip() or pd.isna(team):
            continue
        job = row[profession] if profession is not None and pd.notna(row[profession]) else ""
        members[normal_name(name)] = Member(" ".join(str(name).split()), str(team).strip(), str(job).strip())
    return members


def _frame(rows: Iterable[tuple], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(rows), columns=columns)


def _listing(source: Path, unpacked: str) -> list[tuple[Path, str]]:
    """The files of a folder (subfolders too), of a .zip (unpacked into `unpacked`) or the one file given."""
    if source.is_file() and zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            archive.extractall(unpacked)
        return list_files(Path(unpacked))
    if source.is_file():
        return [(source, source.name)]
    return list_files(source)


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
            files = _listing(folder, unpacked)
            items = [(index, str(path), name) for index, (path, name) in enumerate(files)]
            workers = workers or os.cpu_count() or 1
            if workers > 1 and len(files) >= PARALLEL_FROM:
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
                prefix = Path(assessments).name
                for path, name in _listing(Path(assessments), unpacked):
                    lecturer.append(read_assessment(path, f"{prefix}/{name}", context))
        return assemble(batches, book, groups, lecturer, context)


def _lecturer_rows(
    assessments: list[Assessment], learners: list[str], group_of: dict[str, str], context: Context
) -> tuple[list[tuple], dict[str, list[tuple]]]:
    """The file report rows and the rubric rows of the lecturer's own rubric exports (newest per learner and rubric)."""
    widget_of = {rubric: widget for widget, rubric in sorted(context.rubric_of.items(), reverse=True)}
    target = {a.name: targets(a.student, learners, group_of, NO_GROUP) for a in assessments if a.ok}
    counts, replaced = newest([a for a in assessments if a.ok], target)
    file_rows: list[tuple] = []
    rows: dict[str, list[tuple]] = {"rubric_scores": [], "rubric_grades": []}
    for item in assessments:
        exported = item.exported
        if not item.ok:
            file_rows.append((item.name, STATUS_SKIPPED, item.reason, "", exported, KIND_ASSESSMENT))
            continue
        who = target[item.name]
        if not who:
            reason = (
                f"geen student of groep '{item.student}' in de portfolio's of de groepenlijst; schrijf in de rubric "
                "bij 'Student of groep' de naam zoals in het portfolio of de groepenlijst"
            )
            file_rows.append((item.name, STATUS_SKIPPED, reason, "", exported, KIND_ASSESSMENT))
            continue
        if item.name in replaced:
            reason = f"een nieuwere beoordeling van dezelfde rubric telt: {replaced[item.name]}"
            file_rows.append((item.name, STATUS_REPLACED, reason, ", ".join(who), exported, KIND_ASSESSMENT))
            continue
        file_rows.append((item.name, STATUS_READ, "", ", ".join(who), exported, KIND_ASSESSMENT))
        rubric = context.rubrics[item.rubric]
        outcome = _graded(context, item.rubric, tuple(sorted(item.scores.items())))
        grade_value, weighted, passed, knockouts = outcome if outcome is not None else (None, None, None, "")
        widget = widget_of.get(item.rubric, f"rubric-{item.rubric}")
        for learner in who:
            if counts[(learner, item.rubric)] != item.name:
                continue  # a newer file about this learner counts
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
    return file_rows, rows


def assemble(
    batches: list[Batch],
    book: Book,
    groups: Any = None,
    lecturer: list[Assessment] | None = None,
    context: Context | None = None,
) -> Cohort:
    """Turn the batches read into the cohort's tables: newest export per learner, groups added, then the lecturer's
    own rubric exports (`lecturer`, graded with `context`)."""
    results = [result for batch in batches for result in batch.results]
    kept, replaced = _newest(results)
    file_rows: list[tuple[str, str, str, str, float | None, str]] = []
    for result in results:
        if not result.ok:
            file_rows.append((result.name, STATUS_SKIPPED, result.reason, "", None, KIND_PORTFOLIO))
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
            file_rows.append((result.name, STATUS_READ, "", result.learner, result.exported, KIND_PORTFOLIO))

    roster = read_groups(groups) if groups is not None else {}
    group_of: dict[str, str] = {}
    for result in kept:
        member = roster.get(normal_name(result.learner))
        group = member.group if member else None
        if member and member.profession and not result.profession:
            result.profession = member.profession
        if group is None and result.groups:
            counts: dict[str, int] = {}
            for name in result.groups:
                counts[name] = counts.get(name, 0) + 1
            group = max(counts, key=lambda g: (counts[g], g))
        group_of[result.learner] = group or NO_GROUP
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
    kept_files = np.fromiter((r.index for r in kept), dtype=np.int64, count=len(kept))
    tables: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        frame = _joined([batch.tables[table] for batch in batches], kept_files)
        frame["groep"] = frame["deelnemer"].map(group_of).astype("string")
        tables[table] = frame
    if lecturer:
        assert context is not None, "grading the lecturer's rubric exports needs the course context"
        extra_files, extra_rows = _lecturer_rows(lecturer, list(group_of), group_of, context)
        file_rows += extra_files
        for table, rows in extra_rows.items():
            if rows:
                frame = _typed(table, _frame(rows, TABLES[table]))
                frame["groep"] = frame["deelnemer"].map(group_of).astype("string")
                tables[table] = pd.concat([tables[table], frame], ignore_index=True)
    files = _frame(file_rows, FILE_COLUMNS)
    files["geexporteerd"] = pd.to_datetime(files["geexporteerd"], unit="s", utc=True)
    present = {normal_name(name) for name in group_of}
    missing = sorted(member.name for key, member in roster.items() if key not in present)
    return Cohort(files=files, students=students, book=book, missing=missing, **tables)
