"""Cohort analysis over the synthetic example cohort: every number is checked against a computation in this file that
reads the JSON files, the instrument, the rubrics and the studiewijzer directly (not through jeugddomein.cohort)."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml

from jeugddomein.__main__ import main
from jeugddomein.cohort import load_portfolios, summary
from jeugddomein.cohort.example import make_cohort

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "cohort"
PORTFOLIOS = EXAMPLE / "portfolios"
GROUPS = EXAMPLE / "groepen.csv"


@pytest.fixture(scope="module")
def cohort():
    return load_portfolios(PORTFOLIOS, groups=GROUPS)


@pytest.fixture(scope="module")
def raw() -> dict[str, dict]:
    """learner -> the newest exported portfolio as plain JSON (newest by exported_at)."""
    newest: dict[str, dict] = {}
    for path in sorted(PORTFOLIOS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["_file"] = path.name
        current = newest.get(data["learner"])
        if current is None or data["exported_at"] > current["exported_at"]:
            newest[data["learner"]] = data
    return newest


@pytest.fixture(scope="module")
def groups() -> dict[str, str]:
    with GROUPS.open(encoding="utf-8") as handle:
        return {row["deelnemer"]: row["groep"] for row in csv.DictReader(handle)}


def entries(data: dict, widget: str) -> list[dict]:
    return [e for e in data["entries"] if e["widget"] == widget]


def half_up(value: Decimal | float, places: str = "0.1") -> float:
    return float(Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP))


def test_example_cohort_is_reproducible(tmp_path):
    """The same seed gives byte-identical files (the committed copy follows the book: regenerate it on changes)."""
    first = make_cohort(tmp_path / "a", learners=6, groups_csv=tmp_path / "a.csv")
    second = make_cohort(tmp_path / "b", learners=6, groups_csv=tmp_path / "b.csv")
    assert [f.name for f in first] == [f.name for f in second]
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    other = make_cohort(tmp_path / "c", learners=6, seed=1, duplicate=False)
    assert other[0].read_bytes() != first[0].read_bytes()


def test_the_committed_example_loads_without_problems(cohort):
    assert (cohort.files["status"] != "overgeslagen").all()


def test_every_example_is_labelled_synthetic(raw):
    assert len(raw) == 24
    assert all(name.endswith("(voorbeeld)") for name in raw)


def test_counts_and_newest_export_wins(cohort, raw):
    assert len(cohort.files) == len(list(PORTFOLIOS.glob("*.json"))) == 25
    assert set(cohort.students["deelnemer"]) == set(raw)
    assert sorted(cohort.students["bestand"]) == sorted(d["_file"] for d in raw.values())
    replaced = cohort.files[cohort.files["status"] == "vervangen"]
    assert list(replaced["bestand"]) == ["portfolio-aylin-a-eerder.json"]
    assert "portfolio-aylin-a.json telt" in replaced["reden"].iloc[0]
    assert cohort.missing == ["Zoë Q. (voorbeeld, geen export)"]
    assert len(cohort.activity) == sum(len(d["entries"]) for d in raw.values())


def test_groups_and_professions_come_from_the_list(cohort, groups):
    by_name = cohort.students.set_index("deelnemer")
    for name, group in groups.items():
        if name in by_name.index:
            assert by_name.loc[name, "groep"] == group
    mixes = cohort.students.groupby("groep")["beroep"].nunique()
    assert (mixes == 3).all()


def test_completion_per_exercise_and_page(cohort, raw):
    per_exercise = summary.completion_by_exercise(cohort).set_index("widget_id")
    touched, done = defaultdict(int), defaultdict(int)
    for data in raw.values():
        for entry in data["entries"]:
            touched[entry["id"]] += 1
            state = entry["state"]
            if entry["widget"] == "knowledge-check":
                done[entry["id"]] += bool(state["checked"] and state["correct"])
            elif entry["widget"] == "reflection":
                done[entry["id"]] += len(state["text"].split()) >= 10
            elif entry["widget"] == "bronstein-scan":
                done[entry["id"]] += bool(state["scans"])
    for widget_id, count in touched.items():
        assert per_exercise.loc[widget_id, "aangeraakt"] == count, widget_id
    for widget_id, count in done.items():
        assert per_exercise.loc[widget_id, "af"] == count, widget_id
    pages = summary.completion_by_page(cohort).set_index("pagina")
    chapter = "chapters/01-jeugddomein/index"
    ids = [e for e in per_exercise.index if per_exercise.loc[e, "pagina"] == chapter]
    expected = sum(done[i] for i in ids) / (len(ids) * len(raw)) * 100
    assert pages.loc[chapter, "af_pct"] == pytest.approx(round(expected, 1))
    assert pages.loc[chapter, "oefeningen"] == len(ids) == 7


def _scan_score(blocks: list[dict], answers: dict[str, int], top: int, min_share: float) -> float | None:
    values = []
    for item in blocks:
        value = answers.get(item["id"])
        if value and 1 <= value <= top:
            values.append(top + 1 - value if item["reverse"] else value)
    if len(values) < max(1, math.ceil(min_share * len(blocks))):
        return None
    return sum(values) / len(values)


def test_scan_profile_means(cohort, raw):
    instrument = yaml.safe_load((ROOT / "data" / "instruments" / "bronstein.yaml").read_text(encoding="utf-8"))
    top = len(instrument["scale"])
    profile = summary.scan_profile(cohort).set_index("onderdeel_id")
    first_last = defaultdict(list)
    for component in instrument["components"]:
        scores = []
        for data in raw.values():
            for entry in entries(data, "bronstein-scan"):
                scans = sorted(entry["state"]["scans"], key=lambda s: (s["date"], s["label"]))
                if not scans:
                    continue
                value = _scan_score(component["items"], scans[-1]["answers"], top, instrument["min_share"])
                if value is not None:
                    scores.append(half_up(value, "0.01"))
                if len(scans) > 1:
                    a = _scan_score(component["items"], scans[0]["answers"], top, instrument["min_share"])
                    b = _scan_score(component["items"], scans[-1]["answers"], top, instrument["min_share"])
                    if a is not None and b is not None:
                        first_last[component["id"]].append((half_up(a, "0.01"), half_up(b, "0.01")))
        assert profile.loc[component["id"], "n"] == len(scores) > 5
        assert profile.loc[component["id"], "gemiddelde"] == pytest.approx(round(sum(scores) / len(scores), 2))
    change = summary.scan_change(cohort).set_index("onderdeel_id")
    for key, pairs in first_last.items():
        assert change.loc[key, "n"] == len(pairs)
        mean_a = sum(a for a, _ in pairs) / len(pairs)
        mean_b = sum(b for _, b in pairs) / len(pairs)
        assert change.loc[key, "verschil"] == pytest.approx(round(mean_b - mean_a, 2), abs=0.011)
    by_group = summary.scan_profile(cohort, by="groep")
    assert by_group.groupby("onderdeel_id")["n"].sum()["flexibiliteit"] == profile.loc["flexibiliteit", "n"]


def test_competence_means(cohort, raw):
    levels = defaultdict(list)
    for data in raw.values():
        for entry in entries(data, "competence-tracker"):
            for item in entry["state"]["assessments"]:
                levels[(item["competence"], item["moment"])].append(item["level"])
    progress = summary.competence_progress(cohort).set_index(["competentie", "moment"])
    assert len(progress) == len(levels)
    for key, values in levels.items():
        assert progress.loc[key, "n"] == len(values)
        assert progress.loc[key, "gemiddelde"] == pytest.approx(round(sum(values) / len(values), 2))
    assert list(progress.loc["systemisch"].index) == ["start", "midden", "eind"]


def _rubric_grade(rubric: dict, scores: dict[str, str]) -> tuple[float, bool] | None:
    values = {level["id"]: Decimal(str(level["value"])) for level in rubric["levels"]}
    order = [level["id"] for level in rubric["levels"]]
    if any(c["id"] not in scores for c in rubric["criteria"]):
        return None
    total = sum(Decimal(c["weight"]) * values[scores[c["id"]]] for c in rubric["criteria"]) / 100
    grade = half_up(total)
    failed = any(
        c.get("knockout") and order.index(scores[c["id"]]) < order.index(c["standard"]) for c in rubric["criteria"]
    )
    if failed:
        grade = min(grade, 5.0)
    return grade, grade >= 5.5 and not failed


def expected_gradebook(raw: dict, groups: dict) -> dict[str, dict]:
    rubrics = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "data" / "rubrics").glob("*.yaml")
    }
    plan = yaml.safe_load((ROOT / "data" / "studiewijzer.yaml").read_text(encoding="utf-8"))
    own: dict[tuple[str, str], tuple] = {}
    shared: dict[tuple[str, str], tuple] = {}
    for name, data in raw.items():
        for entry in entries(data, "rubric"):
            rubric_id = entry["id"].removeprefix("rubric-")
            result = _rubric_grade(rubrics[rubric_id], entry["state"]["docent"]["scores"])
            if result is None:
                continue
            own[(name, rubric_id)] = result
            key = (groups[name], rubric_id)
            if key not in shared or entry["updated"] > shared[key][0]:
                shared[key] = (entry["updated"], result)
    book = {}
    for name in sorted({*raw, *groups}):  # every learner on the group list, with a portfolio or not
        row, parts = {}, []
        for product in plan["products"]:
            rubric_id = product["rubric"]
            found = own.get((name, rubric_id))
            if found is None and rubrics[rubric_id]["kind"] == "groep" and (groups[name], rubric_id) in shared:
                found = shared[(groups[name], rubric_id)][1]
            row[product["id"]] = found[0] if found else None
            parts.append((found, product["weight"]))
        if all(found for found, _ in parts):
            module = half_up(sum(Decimal(str(f[0])) * w for f, w in parts) / 100)
            row["modulecijfer"] = module
            row["behaald"] = "ja" if all(f[1] for f, _ in parts) else "nee"
        else:
            row["modulecijfer"], row["behaald"] = None, ""
        row["status"] = (
            "geen portfolio" if name not in raw else "compleet" if row["modulecijfer"] is not None else "onvolledig"
        )
        book[name] = row
    return book


def test_grade_csv_matches_an_independent_computation(cohort, raw, groups, tmp_path):
    expected = expected_gradebook(raw, groups)
    text = summary.grades_csv(cohort, tmp_path / "cijfers.csv")
    assert (tmp_path / "cijfers.csv").read_text(encoding="utf-8") == text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(expected) == 25
    assert list(rows[0])[:3] == ["deelnemer", "bestand", "groep"]
    assert [row["deelnemer"] for row in rows] == sorted(expected, key=str.casefold)
    complete = failed = 0
    for row in rows:
        want = expected[row["deelnemer"]]
        for column, value in want.items():
            if column in ("behaald", "status"):
                assert row[column] == value, (row["deelnemer"], column)
            else:
                assert row[column] == ("" if value is None else f"{value:.1f}"), (row["deelnemer"], column)
        complete += want["modulecijfer"] is not None
        failed += want["behaald"] == "nee"
    assert complete >= 15 and failed >= 1  # the example has complete, missing and failed learners
    nl = summary.grades_csv(cohort, excel_nl=True)
    assert nl.splitlines()[0].startswith("deelnemer;bestand;groep;")
    assert re.search(r";\d+,\d;", nl)


def test_group_products_are_shared_within_the_group(cohort):
    grades = summary.lecturer_grades(cohort)
    group = grades[grades["product"] == "eindproduct"]
    assert set(group["bron"]) == {"eigen", "groep"}
    assert (group.groupby("groep")["cijfer"].nunique() == 1).all()


def test_case_choices_count_every_finished_game(cohort, raw):
    counts = defaultdict(int)
    for data in raw.values():
        for entry in entries(data, "role-play"):
            for run in entry["state"]["runs"]:
                for step in run["path"]:
                    counts[(entry["id"].removeprefix("rollenspel-"), step["scene"], step["choice"])] += 1
    choices = summary.case_choices(cohort)
    assert len(choices) == len(counts)
    for row in choices.itertuples():
        assert row.aantal == counts[(row.casus, row.scene, row.keuze)]
    assert choices["keuze_tekst"].ne(choices["keuze"]).all()  # texts come from the case files
    shares = choices.groupby(["casus", "scene"])["aandeel"].sum()
    assert shares.between(99.5, 100.5).all()


def test_cli_writes_a_self_contained_report_and_the_grades(tmp_path, cohort):
    report, grades = tmp_path / "overzicht.html", tmp_path / "cijfers.csv"
    code = main(["cohort", str(PORTFOLIOS), "--groups", str(GROUPS), "--out", str(report), "--grades", str(grades)])
    assert code == 0
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert page.count("<svg") >= 6
    assert "<script" not in page
    links = set(re.findall(r"""(?:src|href)=["']([^"'#][^"']*)""", page))
    assert links == set(), links
    assert not re.search(r"https?://(?!www\.w3\.org/)", page)
    assert "portfolio-aylin-a-eerder.json" in page and "Zoë Q." in page
    assert grades.read_text(encoding="utf-8") == summary.grades_csv(cohort)


def test_cli_refuses_a_missing_folder(tmp_path, capsys):
    assert main(["cohort", str(tmp_path / "bestaat-niet"), "--out", str(tmp_path / "x.html")]) == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_parallel_reading_and_subfolders_give_the_same_tables(tmp_path):
    for copy in range(8):
        shutil.copytree(PORTFOLIOS, tmp_path / f"inlevering-{copy}")
    serial = load_portfolios(tmp_path, groups=GROUPS, workers=1)
    parallel = load_portfolios(tmp_path, groups=GROUPS, workers=2)
    assert len(serial.files) == 200
    assert len(serial.students) == 24
    assert (serial.files["status"] == "vervangen").sum() == 176
    for table in ("students", "activity", "scans", "competences", "rubric_grades", "roleplay", "pictures"):
        left, right = getattr(serial, table), getattr(parallel, table)
        assert left.equals(right), table
