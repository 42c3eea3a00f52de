"""Summaries of a cohort: completion, the Bronstein profile (reusing cohort.bronstein.team_profile), competence
progress, rubric grades and the gradebook, and the role-play choices. Every function takes a Cohort and returns a
tidy pandas DataFrame with Dutch column names, ready for a table or a chart.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pandas as pd

from ..widgets.rubric.grading import module_grade
from .assessments import SOURCE_LECTURER, SOURCE_PORTFOLIO
from .bronstein import PROFILE_COLUMNS, team_profile
from .loading import KIND_ASSESSMENT, KIND_PORTFOLIO, NO_GROUP, Cohort

SCORE_COLUMNS = ["onderdeel_id", "score"]
"""The columns of the scan table that cohort.bronstein.team_profile reads (passing only these is much faster)."""

MOMENT_ORDER = ["start", "midden", "eind"]
"""The competence tracker's default moments, in time order (other moments follow by date)."""


# --- completion -----------------------------------------------------------------------------------------------------


def completion_by_exercise(cohort: Cohort) -> pd.DataFrame:
    """Per exercise (widget placement) in book order: how many learners saved work and how many finished it.

    Columns: pagina, titel (of the page), widget_id, widget, deelnemers, aangeraakt, af, af_pct. Exercises in the
    portfolios that the book does not list (any more) follow at the end.
    """
    total = len(cohort.students)
    activity = cohort.activity
    touched = activity.groupby("widget_id")["deelnemer"].nunique()
    done = activity[activity["af"].fillna(False)].groupby("widget_id")["deelnemer"].nunique()
    rows = []
    known = set()
    for page in cohort.book.pages:
        for placement in page.placements:
            known.add(placement.id)
            rows.append((page.page, page.title, placement.id, placement.widget))
    extra = activity[~activity["widget_id"].isin(known)].drop_duplicates("widget_id")
    rows += [(r.pagina, r.pagina, r.widget_id, r.widget) for r in extra.itertuples()]
    frame = pd.DataFrame(rows, columns=["pagina", "titel", "widget_id", "widget"])
    frame["deelnemers"] = total
    frame["aangeraakt"] = frame["widget_id"].map(touched).fillna(0).astype(int)
    frame["af"] = frame["widget_id"].map(done).fillna(0).astype(int)
    frame["af_pct"] = (100 * frame["af"] / total).round(1) if total else 0.0
    return frame


def completion_by_page(cohort: Cohort, per_exercise: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per page (chapter or exercise page) in book order: exercises on it and the share of learner x exercise that
    was touched (`aangeraakt_pct`) and finished (`af_pct`), in percent. `per_exercise`: completion_by_exercise's
    result when you have it already."""
    per = completion_by_exercise(cohort) if per_exercise is None else per_exercise
    grouped = per.groupby(["pagina", "titel"], sort=False).agg(
        oefeningen=("widget_id", "count"), aangeraakt=("aangeraakt", "sum"), af=("af", "sum")
    )
    grouped = grouped.reset_index()
    possible = grouped["oefeningen"] * len(cohort.students)
    grouped["aangeraakt_pct"] = (100 * grouped["aangeraakt"] / possible).round(1).where(possible > 0, 0.0)
    grouped["af_pct"] = (100 * grouped["af"] / possible).round(1).where(possible > 0, 0.0)
    return grouped


def completion_by_student(cohort: Cohort) -> pd.DataFrame:
    """Per learner: exercises touched and finished out of the book's exercises (deelnemer, groep, aangeraakt, af)."""
    total = sum(len(page.placements) for page in cohort.book.pages)
    activity = cohort.activity
    done = activity["af"].fillna(False).astype(int)
    counts = activity.assign(af=done).groupby("deelnemer").agg(aangeraakt=("widget_id", "nunique"), af=("af", "sum"))
    frame = (
        cohort.students[["deelnemer", "groep", "beroep"]]
        .merge(counts, on="deelnemer", how="left")
        .fillna({"aangeraakt": 0, "af": 0})
    )
    frame["oefeningen"] = total
    frame["af_pct"] = (100 * frame["af"] / total).round(1) if total else 0.0
    return frame


# --- Bronstein self-scan --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _instrument(root: Path | None) -> dict | None:
    from ..widgets.bronstein_scan.model import load_instrument

    return load_instrument("bronstein", root / "data").model_dump(mode="json") if root else None


def select_scans(cohort: Cohort, which: str = "laatste") -> pd.DataFrame:
    """The scan rows to profile: 'laatste' or 'eerste' scan of every learner, 'alle', or one moment label."""
    scans = cohort.scans
    if scans.empty or which == "alle":
        return scans
    if which in ("laatste", "eerste"):
        scan = scans.groupby(["deelnemer", "widget_id", "datum", "moment"], sort=False, dropna=False).ngroup()
        starts = ~scan.duplicated()
        heads = scans.loc[starts, ["deelnemer", "datum", "moment"]].assign(scan=scan[starts])
        heads = heads.sort_values(["deelnemer", "datum", "moment"], kind="stable").groupby("deelnemer", sort=False)
        picked = heads["scan"].last() if which == "laatste" else heads["scan"].first()
        return scans[scan.isin(picked)].reset_index(drop=True)
    return scans[scans["moment"].str.strip().str.casefold() == which.strip().casefold()]


def scan_profile(cohort: Cohort, which: str = "laatste", by: str | None = None) -> pd.DataFrame:
    """The self-scan's team profile (cohort.bronstein.team_profile), for the cohort or per `by` (e.g. 'groep')."""
    scans = select_scans(cohort, which)
    columns = [by, *SCORE_COLUMNS] if by else SCORE_COLUMNS
    return team_profile(scans[columns], _instrument(cohort.book.root), by=by)


def scan_change(cohort: Cohort) -> pd.DataFrame:
    """Change from each learner's first to their last scan, for learners with two or more scans.

    Per part: eerste and laatste (means over the same learners), verschil, n (learners with a score in both).
    """
    first, last = select_scans(cohort, "eerste"), select_scans(cohort, "laatste")
    both = first.merge(last, on=["deelnemer", "onderdeel_id"], suffixes=("_1", "_2"))
    both = both[(both["datum_1"] != both["datum_2"]) | (both["moment_1"] != both["moment_2"])]
    both = both.dropna(subset=["score_1", "score_2"])
    profile = team_profile(cohort.scans.iloc[0:0][SCORE_COLUMNS], _instrument(cohort.book.root))
    rows = []
    for part in profile.itertuples():
        pair = both[both["onderdeel_id"] == part.onderdeel_id]
        a, b = pair["score_1"].astype(float), pair["score_2"].astype(float)
        rows.append(
            {
                "soort": part.soort,
                "onderdeel_id": part.onderdeel_id,
                "onderdeel": part.onderdeel,
                "kort": part.kort,
                "eerste": round(a.mean(), 2) if len(pair) else pd.NA,
                "laatste": round(b.mean(), 2) if len(pair) else pd.NA,
                "verschil": round(b.mean() - a.mean(), 2) if len(pair) else pd.NA,
                "n": len(pair),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["soort", "onderdeel_id", "onderdeel", "kort", "eerste", "laatste", "verschil", "n"]
    )
    for column in ("eerste", "laatste", "verschil"):
        frame[column] = pd.to_numeric(frame[column]).astype("Float64")
    return frame


def scan_moments(cohort: Cohort) -> pd.DataFrame:
    """The team profile per moment label (in date order): moment, datum (median), then the profile columns."""
    scans = cohort.scans
    if scans.empty:
        return pd.DataFrame(columns=["moment", "datum", *PROFILE_COLUMNS])
    order = scans.groupby("moment")["datum"].agg(lambda d: sorted(d)[len(d) // 2]).sort_values()
    parts = []
    for moment, day in order.items():
        profile = team_profile(scans.loc[scans["moment"] == moment, SCORE_COLUMNS], _instrument(cohort.book.root))
        profile.insert(0, "datum", day)
        profile.insert(0, "moment", moment)
        parts.append(profile)
    return pd.concat(parts, ignore_index=True)


# --- competences ----------------------------------------------------------------------------------------------------


def _moment_order(frame: pd.DataFrame) -> list[str]:
    present = set(frame["moment"].unique())
    known = [m for m in MOMENT_ORDER if m in present]
    rest = frame[~frame["moment"].isin(MOMENT_ORDER)].groupby("moment")["datum"].min().sort_values().index.tolist()
    return known + rest


def competence_progress(cohort: Cohort, by: str | None = None) -> pd.DataFrame:
    """Mean self-assessed level per competence and moment (n learners), optionally per `by` ('groep', 'beroep').

    Columns: [by], competentie, moment, gemiddelde, n. Competences follow data/competences.yaml, moments time order.
    """
    frame = cohort.competences
    if by == "beroep":
        frame = frame.merge(cohort.students[["deelnemer", "beroep"]], on="deelnemer")
    keys = [by] if by else []
    columns = [*keys, "competentie", "moment", "gemiddelde", "n"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    out = frame.groupby([*keys, "competentie", "moment"]).agg(gemiddelde=("niveau", "mean"), n=("niveau", "size"))
    out = out.reset_index()
    out["gemiddelde"] = out["gemiddelde"].round(2)
    order = _competence_order(cohort)
    out["_c"] = out["competentie"].map({c: i for i, c in enumerate(order)}).fillna(len(order))
    out["_m"] = out["moment"].map({m: i for i, m in enumerate(_moment_order(frame))})
    return out.sort_values([*keys, "_c", "_m"]).drop(columns=["_c", "_m"]).reset_index(drop=True)[columns]


@functools.lru_cache(maxsize=4)
def _framework(root: Path | None):
    from ..widgets.rubric.model import load_framework

    return load_framework(root / "data") if root else None


def _competence_order(cohort: Cohort) -> list[str]:
    framework = _framework(cohort.book.root)
    return framework.ids() if framework else sorted(cohort.competences["competentie"].unique())


def competence_names(cohort: Cohort) -> dict[str, str]:
    """Competence id -> Dutch name (ids themselves without the course folder)."""
    framework = _framework(cohort.book.root)
    return {c.id: c.name for c in framework.competences} if framework else {}


# --- grades ---------------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _plan(root: Path | None):
    from ..widgets.rubric.model import load_rubrics, load_studiewijzer

    if root is None:
        return None, {}
    rubrics = load_rubrics(root / "data")
    return load_studiewijzer(root / "data", rubrics), rubrics


def products(cohort: Cohort) -> list[tuple[str, str, str, int, str]]:
    """The assessed products (id, title, rubric id, weight, rubric kind) from data/studiewijzer.yaml."""
    plan, rubrics = _plan(cohort.book.root)
    if plan is None:
        return []
    return [(p.id, p.title, p.rubric, p.weight, rubrics[p.rubric].kind) for p in plan.products]


def _decided(cohort: Cohort) -> pd.DataFrame:
    """Per learner and rubric that the lecturer's own files decide: the newest own file's grade (NA when it is
    incomplete or invalid) and why there is none. Columns: deelnemer, rubric, cijfer, behaald, knockouts, staat
    ('', 'onvolledig' or 'ongeldig'), reden."""
    columns = ["deelnemer", "rubric", "cijfer", "behaald", "knockouts", "staat", "reden"]
    graded = cohort.rubric_grades
    own = graded[(graded["wie"] == "docent") & (graded["bron"] == SOURCE_LECTURER)]
    own = own.sort_values("bijgewerkt", kind="stable").drop_duplicates(["deelnemer", "rubric"], keep="last")
    rows = []
    for row in own.itertuples(index=False):
        complete = pd.notna(row.cijfer)
        reason = "" if complete else f"je beoordeling is onvolledig ({row.gescoord} van {row.criteria} criteria)"
        rows.append(
            (
                row.deelnemer,
                row.rubric,
                row.cijfer,
                row.behaald,
                row.knockouts,
                "" if complete else "onvolledig",
                reason,
            )
        )
    for row in cohort.invalid_assessments.itertuples(index=False):
        rows.append((row.deelnemer, row.rubric, pd.NA, pd.NA, "", "ongeldig", row.bestand))
    return pd.DataFrame(rows, columns=columns).drop_duplicates(["deelnemer", "rubric"], keep="last")


def lecturer_grades(cohort: Cohort) -> pd.DataFrame:
    """Per learner and product: the lecturer's grade (complete rubric scorings in lecturer mode only).

    The lecturer's own rubric exports (load_portfolios(..., assessments=...)) decide first: the newest file per
    learner and rubric counts, and when it is incomplete or invalid the learner has no grade for that product, from
    no other source. Otherwise the lecturer scoring in the learner's portfolio counts. A group product without either
    gets the grade of their group (from any member of the same group, the most recently changed one). Columns:
    deelnemer, groep, product, rubric, cijfer, behaald, knockouts, bron ('eigen' or 'groep'); learners without a
    grade for a product have no row for it (see lecturer_gaps for the ones the lecturer's files leave open).
    """
    columns = ["deelnemer", "groep", "product", "rubric", "cijfer", "behaald", "knockouts", "bron"]
    plan = pd.DataFrame(products(cohort), columns=["product", "titel", "rubric", "gewicht", "soort"])
    keep = ["cijfer", "behaald", "knockouts"]
    decided = _decided(cohort)
    closed = pd.MultiIndex.from_frame(decided[["deelnemer", "rubric"]])
    graded = cohort.rubric_grades
    graded = graded[(graded["wie"] == "docent") & (graded["bron"] == SOURCE_PORTFOLIO) & graded["cijfer"].notna()]
    graded = graded[~pd.MultiIndex.from_frame(graded[["deelnemer", "rubric"]]).isin(closed)]
    graded = graded.sort_values("bijgewerkt", kind="stable")
    portfolio = graded.drop_duplicates(["deelnemer", "rubric"], keep="last")[["deelnemer", "rubric", *keep]]
    own = pd.concat([decided[decided["cijfer"].notna()][["deelnemer", "rubric", *keep]], portfolio])
    with_group = own.merge(cohort.learners[["deelnemer", "groep"]], on="deelnemer")
    shared = with_group[with_group["groep"] != NO_GROUP].drop_duplicates(["groep", "rubric"], keep="last")
    shared = shared[["groep", "rubric", *keep]]
    base = cohort.learners[["deelnemer", "groep"]].merge(plan[["product", "rubric", "soort"]], how="cross")
    base = base.merge(own, on=["deelnemer", "rubric"], how="left")
    base = base.merge(shared, on=["groep", "rubric"], how="left", suffixes=("", "_groep"))
    open_ = ~pd.MultiIndex.from_frame(base[["deelnemer", "rubric"]]).isin(closed)
    use_group = base["cijfer"].isna() & open_ & (base["soort"] == "groep") & base["cijfer_groep"].notna()
    base["bron"] = "eigen"
    base.loc[use_group, "bron"] = "groep"
    for column in keep:
        base[column] = base[column].astype(object).where(~use_group, base[f"{column}_groep"])
    out = base[base["cijfer"].notna()][columns].reset_index(drop=True)
    out["cijfer"] = out["cijfer"].astype(float)
    out["behaald"] = out["behaald"].astype(bool)
    return out


def lecturer_gaps(cohort: Cohort) -> pd.DataFrame:
    """Per learner and product where the lecturer's own newest file gives no grade: deelnemer, product, rubric,
    staat ('onvolledig' or 'ongeldig') and reden."""
    plan = pd.DataFrame(products(cohort), columns=["product", "titel", "rubric", "gewicht", "soort"])
    decided = _decided(cohort)
    gaps = decided[decided["staat"] != ""].merge(plan[["product", "rubric"]], on="rubric")
    return gaps[["deelnemer", "product", "rubric", "staat", "reden"]].reset_index(drop=True)


CONFLICT_COLUMNS = ["deelnemer", "groep", "rubric", "cijfer_portfolio", "cijfer_docentbestand", "verschil"]


def grade_conflicts(cohort: Cohort) -> pd.DataFrame:
    """Learners whose portfolio holds a lecturer scoring of a rubric that differs from the lecturer's own export.

    Columns: deelnemer, groep, rubric, cijfer_portfolio, cijfer_docentbestand (the one that counts) and verschil
    (the criteria with another level, as 'criterium: goed (portfolio), voldoende (eigen bestand)'). A difference may
    be a later rescoring in the student's browser or a changed file: check it with the student.
    """
    scores = cohort.rubric_scores[cohort.rubric_scores["wie"] == "docent"]
    graded = cohort.rubric_grades[cohort.rubric_grades["wie"] == "docent"].sort_values("bijgewerkt", kind="stable")
    last = graded.drop_duplicates(["deelnemer", "rubric", "bron"], keep="last")
    mine = last[last["bron"] == SOURCE_LECTURER]
    if mine.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    theirs = last[last["bron"] == SOURCE_PORTFOLIO]
    both = theirs[["deelnemer", "groep", "rubric", "cijfer"]].merge(
        mine[["deelnemer", "rubric", "cijfer"]], on=["deelnemer", "rubric"], suffixes=("_portfolio", "_docentbestand")
    )
    levels: dict[tuple[str, str, str], dict[str, str]] = {}
    for row in scores.itertuples(index=False):
        levels.setdefault((row.deelnemer, row.rubric, row.bron), {})[row.criterium] = row.niveau
    rows = []
    for row in both.itertuples(index=False):
        own = levels.get((row.deelnemer, row.rubric, SOURCE_PORTFOLIO), {})
        filed = levels.get((row.deelnemer, row.rubric, SOURCE_LECTURER), {})
        changed = [
            f"{c}: {own.get(c, 'geen')} (portfolio), {filed.get(c, 'geen')} (eigen bestand)"
            for c in sorted(own | filed)
            if own.get(c) != filed.get(c)
        ]
        before, after = row.cijfer_portfolio, row.cijfer_docentbestand
        missing = pd.isna(before), pd.isna(after)
        same_grade = all(missing) or (not any(missing) and before == after)
        if changed or not same_grade:
            rows.append((row.deelnemer, row.groep, row.rubric, before, after, "; ".join(changed)))
    out = pd.DataFrame(rows, columns=CONFLICT_COLUMNS)
    for column in ("cijfer_portfolio", "cijfer_docentbestand"):
        out[column] = pd.to_numeric(out[column]).astype("Float64")
    return out


GRADEBOOK_STATUS = ("beoordeling ongeldig", "portfolio overgeslagen", "geen portfolio", "onvolledig", "compleet")
"""Values of the gradebook's `status`, most urgent first: a learner gets the first that applies."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def _learner_remarks(cohort: Cohort, gaps: pd.DataFrame) -> dict[str, tuple[list[str], set[str], set[str]]]:
    """Per learner: remarks for the gradebook, the statuses that apply (before missing grades are known) and the
    products the lecturer's own files leave without a grade."""
    out: dict[str, tuple[list[str], set[str], set[str]]] = {}
    for row in gaps.itertuples(index=False):
        remarks, states, open_products = out.setdefault(row.deelnemer, ([], set(), set()))
        open_products.add(row.product)
        states.add("beoordeling ongeldig" if row.staat == "ongeldig" else "onvolledig")
        remarks.append(f"{row.product}: beoordeling {row.staat} ({row.reden})")
    for row in cohort.learners.itertuples(index=False):
        if row.portfolio == "overgeslagen":
            remarks, states, _ = out.setdefault(row.deelnemer, ([], set(), set()))
            states.add("portfolio overgeslagen")
            remarks.append(f"portfolio overgeslagen: {row.bestand} ({row.reden})")
        elif row.portfolio == "ontbreekt":
            remarks, states, _ = out.setdefault(row.deelnemer, ([], set(), set()))
            states.add("geen portfolio")
            remarks.append("geen portfolio ingeleverd")
    return out


def gradebook(cohort: Cohort) -> pd.DataFrame:
    """One row per learner of the cohort (with a portfolio, on the group list, or named in a skipped file) for the
    LMS gradebook: a grade per product, the module grade, whether it is passed, a status and remarks.

    The module grade (rubric.grading.module_grade: weighted, one decimal, every product passed) is only given
    when every product has a grade. `status` is the first of GRADEBOOK_STATUS that applies; `opmerking` says what
    is missing, skipped, invalid or not passed.
    """
    plan = products(cohort)
    ids = [p[0] for p in plan]
    weights = {p[0]: p[3] for p in plan}
    grades = lecturer_grades(cohort)
    wide = grades.pivot(index="deelnemer", columns="product", values="cijfer").reindex(columns=ids)
    passed = grades.pivot(index="deelnemer", columns="product", values="behaald").reindex(columns=ids)
    frame = cohort.learners[["deelnemer", "bestand", "groep"]].merge(
        wide, left_on="deelnemer", right_index=True, how="left"
    )
    flags = passed.reindex(frame["deelnemer"]).itertuples(index=False)
    remarks_of = _learner_remarks(cohort, lecturer_gaps(cohort))
    module: list[float | None] = []
    verdict: list[str] = []
    status: list[str] = []
    remark: list[str] = []
    for (learner, *values), passes in zip(frame[["deelnemer", *ids]].itertuples(index=False), flags, strict=True):
        remarks, states, open_products = remarks_of.get(learner, ([], set(), set()))
        remarks, states = list(remarks), set(states)
        missing = [pid for pid, value in zip(ids, values, strict=True) if pd.isna(value)]
        if not plan or missing:
            module.append(None)
            verdict.append("")
            states.add("onvolledig")
            unexplained = [pid for pid in missing if pid not in open_products]
            if unexplained:
                remarks.insert(0, f"nog geen cijfer voor: {', '.join(unexplained)}")
        else:
            result = module_grade(
                [(pid, float(v), weights[pid], bool(ok)) for pid, v, ok in zip(ids, values, passes, strict=True)]
            )
            module.append(result.grade)
            verdict.append("ja" if result.passed else "nee")
            if result.failed_products:
                remarks.insert(0, f"niet behaald: {', '.join(result.failed_products)}")
        status.append(next((s for s in GRADEBOOK_STATUS if s in states), "compleet"))
        remark.append("; ".join(remarks))
    frame["modulecijfer"], frame["behaald"] = module, verdict
    frame["status"], frame["opmerking"] = status, remark
    for column in [*ids, "modulecijfer"]:
        frame[column] = pd.to_numeric(frame[column]).astype("Float64")
    return frame.reset_index(drop=True)


def inert(value: object) -> object:
    """A text cell a spreadsheet shows as text: one starting with a formula character gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def grades_csv(cohort: Cohort, path: str | Path | None = None, *, excel_nl: bool = False) -> str:
    """The gradebook as CSV text (and written to `path` when given).

    Default: comma-separated with a decimal point, the format gradebook imports of learning environments expect.
    `excel_nl=True`: semicolons and decimal commas, for Dutch Excel. Missing grades are empty cells. No text cell
    starts with a formula character (=, +, -, @, tab, carriage return): such a name gets a leading quote.
    """
    frame = gradebook(cohort)
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(inert)
    buffer = io.StringIO()
    frame.to_csv(
        buffer,
        index=False,
        sep=";" if excel_nl else ",",
        decimal="," if excel_nl else ".",
        float_format="%.1f",
        lineterminator="\n",
    )
    text = buffer.getvalue()
    if path is not None:
        Path(path).write_text(text, encoding="utf-8-sig" if excel_nl else "utf-8")
    return text


def _complete(cohort: Cohort, who: str) -> pd.DataFrame:
    """Complete scorings (rubric, cijfer, behaald): the lecturer's grade that counts per learner and product
    (as lecturer_grades), or every learner's complete self-assessment."""
    if who == "docent":
        return lecturer_grades(cohort)[["rubric", "cijfer", "behaald"]]
    graded = cohort.rubric_grades
    return graded[(graded["wie"] == who) & graded["cijfer"].notna()][["rubric", "cijfer", "behaald"]]


def grade_distribution(cohort: Cohort, who: str = "docent") -> pd.DataFrame:
    """Per rubric, the number of learners per grade: the lecturer's grades that count ('docent') or the complete
    self-assessments ('zelf')."""
    return _complete(cohort, who).groupby(["rubric", "cijfer"]).size().rename("aantal").reset_index()


def grade_summary(cohort: Cohort, who: str = "docent") -> pd.DataFrame:
    """Per rubric: learners with a grade (n), mean grade, lowest, highest and how many passed. 'docent': the grade
    that counts per learner (a group product counts for every member); 'zelf': complete self-assessments."""
    graded = _complete(cohort, who)
    if graded.empty:
        return pd.DataFrame(columns=["rubric", "n", "gemiddelde", "laagste", "hoogste", "behaald"])
    out = graded.groupby("rubric").agg(
        n=("cijfer", "size"),
        gemiddelde=("cijfer", "mean"),
        laagste=("cijfer", "min"),
        hoogste=("cijfer", "max"),
        behaald=("behaald", "sum"),
    )
    out["gemiddelde"] = out["gemiddelde"].astype(float).round(2)
    order = {p[2]: i for i, p in enumerate(products(cohort))}
    out = out.reset_index()
    return out.sort_values("rubric", key=lambda s: s.map(order).fillna(len(order))).reset_index(drop=True)


# --- role-play ------------------------------------------------------------------------------------------------------


def _cases(root: Path | None) -> dict:
    """The course's case files by id, as the loader read them (one cache, kept until a case file changes)."""
    from .loading import course_cases

    return {} if root is None or not (root / "data").is_dir() else course_cases(root / "data")


def case_choices(cohort: Cohort, finished_only: bool = True) -> pd.DataFrame:
    """How often each choice was made: per casus, scene and keuze, with the texts from the case files.

    Counts every game (`finished_only`: only finished games). Columns: casus, casus_titel, scene, scene_titel,
    keuze, keuze_tekst, aantal, deelnemers, aandeel (share of the choices made in that scene, in percent).
    """
    plays = cohort.roleplay
    if finished_only:
        plays = plays[plays["spel"] > 0]
    columns = [
        "casus",
        "casus_titel",
        "scene",
        "scene_titel",
        "keuze",
        "keuze_tekst",
        "aantal",
        "deelnemers",
        "aandeel",
    ]
    if plays.empty:
        return pd.DataFrame(columns=columns)
    out = plays.groupby(["casus", "scene", "keuze"]).agg(aantal=("keuze", "size"), deelnemers=("deelnemer", "nunique"))
    out = out.reset_index()
    out["aandeel"] = (100 * out["aantal"] / out.groupby(["casus", "scene"])["aantal"].transform("sum")).round(1)
    cases = _cases(cohort.book.root)

    def text(row: pd.Series) -> tuple[str, str, str]:
        case = cases.get(row["casus"])
        scene = case.scene(row["scene"]) if case else None
        choice = next((c for c in scene.choices if c.id == row["keuze"]), None) if scene else None
        return (
            case.title if case else row["casus"],
            scene.title if scene else row["scene"],
            choice.text if choice else row["keuze"],
        )

    texts = out.apply(text, axis=1, result_type="expand")
    out["casus_titel"], out["scene_titel"], out["keuze_tekst"] = texts[0], texts[1], texts[2]
    return out.sort_values(["casus", "scene", "aantal"], ascending=[True, True, False]).reset_index(drop=True)[columns]


def case_endings(cohort: Cohort) -> pd.DataFrame:
    """Per case: how many finished games reached each ending (casus, afloop, titel, toon, aantal)."""
    games = cohort.roleplay[cohort.roleplay["spel"] > 0].drop_duplicates(["deelnemer", "widget_id", "spel"])
    columns = ["casus", "afloop", "titel", "toon", "aantal"]
    if games.empty:
        return pd.DataFrame(columns=columns)
    out = games.groupby(["casus", "afloop"]).size().rename("aantal").reset_index()
    cases = _cases(cohort.book.root)
    endings = {(cid, e.id): (e.title, e.tone) for cid, case in cases.items() for e in case.endings}
    out["titel"] = [endings.get((c, a), (a, ""))[0] for c, a in zip(out["casus"], out["afloop"], strict=True)]
    out["toon"] = [endings.get((c, a), ("", ""))[1] for c, a in zip(out["casus"], out["afloop"], strict=True)]
    return out.sort_values(["casus", "aantal"], ascending=[True, False]).reset_index(drop=True)[columns]


def case_popularity(cohort: Cohort) -> pd.DataFrame:
    """Per case: learners who played it, finished games, games in class play, and the most common ending."""
    games = cohort.roleplay.drop_duplicates(["deelnemer", "widget_id", "spel"])
    finished = games[games["spel"] > 0].assign(klas=lambda g: (g["modus"] == "klas").astype(int))
    columns = ["casus", "titel", "deelnemers", "gespeeld", "klassikaal"]
    if games.empty:
        return pd.DataFrame(columns=columns)
    out = finished.groupby("casus").agg(
        deelnemers=("deelnemer", "nunique"), gespeeld=("spel", "size"), klassikaal=("klas", "sum")
    )
    out = out.reset_index()
    cases = _cases(cohort.book.root)
    out["titel"] = out["casus"].map(lambda c: cases[c].title if c in cases else c)
    return out.sort_values("gespeeld", ascending=False).reset_index(drop=True)[columns]


# --- everything at once ---------------------------------------------------------------------------------------------


def overview(cohort: Cohort) -> dict[str, object]:
    """The key numbers of the cohort, for the first lines of the report."""
    files = cohort.files[cohort.files["soort"] == KIND_PORTFOLIO]["status"].value_counts()
    lecturer = cohort.files[(cohort.files["soort"] == KIND_ASSESSMENT) & (cohort.files["status"] == "gelezen")]
    book = completion_by_page(cohort)
    possible = int(book["oefeningen"].sum()) * len(cohort.students)
    grades = gradebook(cohort)
    return {
        "deelnemers": len(cohort.students),
        "groepen": int(cohort.students.loc[cohort.students["groep"] != NO_GROUP, "groep"].nunique()),
        "gelezen": int(files.get("gelezen", 0)),
        "overgeslagen": int((cohort.files["status"] == "overgeslagen").sum()),
        "eigen_beoordelingen": len(lecturer),
        "vervangen": int(files.get("vervangen", 0)),
        "zonder_portfolio": len(cohort.missing),
        "af_pct": round(100 * int(book["af"].sum()) / possible, 1) if possible else 0.0,
        "met_scan": int(cohort.scans["deelnemer"].nunique()),
        "modulecijfers": int(grades["modulecijfer"].notna().sum()),
        "behaald": int((grades["behaald"] == "ja").sum()),
    }


def summarise(cohort: Cohort) -> dict[str, pd.DataFrame]:
    """Every summary table the report and the dashboard show, by name."""
    per_exercise = completion_by_exercise(cohort)
    return {
        "pagina's": completion_by_page(cohort, per_exercise),
        "oefeningen": per_exercise,
        "studenten": completion_by_student(cohort),
        "scan": scan_profile(cohort),
        "scan_per_groep": scan_profile(cohort, by="groep"),
        "scan_verandering": scan_change(cohort),
        "competenties": competence_progress(cohort),
        "cijfers": gradebook(cohort),
        "afwijkingen": grade_conflicts(cohort),
        "rubrics": grade_summary(cohort),
        "keuzes": case_choices(cohort),
        "aflopen": case_endings(cohort),
        "casussen": case_popularity(cohort),
    }
