"""The lecturer's own rubric exports: they count before a portfolio's lecturer scoring, and differences are listed."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from jeugddomein.__main__ import main
from jeugddomein.cohort import load_portfolios, summary
from jeugddomein.cohort.example import make_lecturer_exports
from jeugddomein.widgets.rubric.grading import grade
from jeugddomein.widgets.rubric.model import RubricExport, load_framework, load_rubrics

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "cohort"
PORTFOLIOS = EXAMPLE / "portfolios"
GROUPS = EXAMPLE / "groepen.csv"
EXPORTS = EXAMPLE / "beoordelingen"


@pytest.fixture(scope="module")
def rubrics() -> dict:
    data = ROOT / "data"
    return load_rubrics(data, load_framework(data))


@pytest.fixture(scope="module")
def cohort():
    return load_portfolios(PORTFOLIOS, groups=GROUPS)


def members() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    with GROUPS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            groups.setdefault(row["groep"], []).append(row["deelnemer"])
    return groups


def export(folder: Path, name: str, rubric, student: str, level_of, when: str = "2026-06-20T10:00:00+00:00") -> dict:
    """Write a lecturer's rubric export with a level per criterion (level_of: criterion index -> level index)."""
    levels = [lv.id for lv in rubric.levels]
    scores = {c.id: levels[level_of(i)] for i, c in enumerate(rubric.criteria)}
    record = RubricExport(
        format="jeugddomein-rubric",
        rubric=rubric.id,
        title=rubric.title,
        mode="docent",
        student=student,
        assessor="J. de Vries",
        exported_at=datetime.fromisoformat(when),
        scores=scores,
    ).model_dump(mode="json")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(record, indent=2), encoding="utf-8")
    return scores


def lecturer_scored(cohort, product: str) -> tuple[str, float]:
    """A learner whose own portfolio holds a complete lecturer scoring of `product`, and that grade."""
    graded = cohort.rubric_grades
    own = graded[(graded["wie"] == "docent") & (graded["rubric"] == product) & graded["cijfer"].notna()]
    first = own.sort_values("deelnemer").iloc[0]
    return first["deelnemer"], float(first["cijfer"])


def test_the_lecturers_own_file_counts_and_the_difference_is_listed(tmp_path, cohort, rubrics):
    student, held = lecturer_scored(cohort, "bijdrage")
    rubric = rubrics["bijdrage"]
    scores = export(tmp_path / "beoordelingen", "bijdrage-student.json", rubric, student, lambda i: 0 if i == 0 else 1)
    expected = grade(rubric.model_dump(mode="json"), scores).grade
    assert expected != held, "the test needs a lecturer grade that differs from the one in the portfolio"

    with_files = load_portfolios(PORTFOLIOS, groups=GROUPS, assessments=tmp_path / "beoordelingen")
    book = summary.gradebook(with_files).set_index("deelnemer")
    assert book.loc[student, "bijdrage"] == expected
    assert summary.gradebook(cohort).set_index("deelnemer").loc[student, "bijdrage"] == held

    conflicts = summary.grade_conflicts(with_files)
    assert list(conflicts["deelnemer"]) == [student]
    row = conflicts.iloc[0]
    assert row["cijfer_portfolio"] == held and row["cijfer_docentbestand"] == expected
    first = rubric.criteria[0].id
    assert f"{first}: " in row["verschil"] and f"{rubric.levels[0].id} (eigen bestand)" in row["verschil"]
    status = with_files.files.set_index("bestand").loc["beoordelingen/bijdrage-student.json"]
    assert status["status"] == "gelezen" and status["deelnemer"] == student
    assert summary.grade_conflicts(cohort).empty


def test_a_group_assessment_counts_for_every_member(tmp_path, rubrics):
    group, names = next((g, n) for g, n in sorted(members().items()) if len(n) >= 2)
    rubric = rubrics["presentatie"]
    scores = export(tmp_path / "b", "presentatie.json", rubric, f"{group} ({', '.join(names)})", lambda i: 2)
    cohort = load_portfolios(PORTFOLIOS, groups=GROUPS, assessments=tmp_path / "b")
    expected = grade(rubric.model_dump(mode="json"), scores).grade
    book = summary.gradebook(cohort).set_index("deelnemer")
    for name in names:  # members without a portfolio too: the group list says they are in the group
        assert book.loc[name, "presentatie"] == expected
    mine = cohort.rubric_grades[cohort.rubric_grades["bron"] == "docentbestand"]
    assert set(mine["deelnemer"]) == set(names)


def test_a_newer_file_about_one_member_counts_before_the_group_file(tmp_path, rubrics):
    group, names = next((g, n) for g, n in sorted(members().items()) if len(n) >= 2)
    rubric = rubrics["presentatie"]
    folder = tmp_path / "b"
    shared = export(folder, "groep.json", rubric, group, lambda i: 2, when="2026-06-01T09:00:00+00:00")
    own = export(folder, "eigen.json", rubric, names[0], lambda i: 0, when="2026-06-02T09:00:00+00:00")
    cohort = load_portfolios(PORTFOLIOS, groups=GROUPS, assessments=folder)
    book = summary.gradebook(cohort).set_index("deelnemer")
    definition = rubric.model_dump(mode="json")
    assert book.loc[names[0], "presentatie"] == grade(definition, own).grade
    assert book.loc[names[1], "presentatie"] == grade(definition, shared).grade
    mine = cohort.rubric_scores[(cohort.rubric_scores["bron"] == "docentbestand")]
    first = mine[mine["deelnemer"] == names[0]]
    assert dict(zip(first["criterium"], first["niveau"], strict=True)) == own, "only the file that counts"
    assert set(cohort.files.set_index("bestand").loc[["b/groep.json", "b/eigen.json"], "status"]) == {"gelezen"}


def test_bad_and_older_lecturer_files_are_reported_one_by_one(tmp_path, cohort, rubrics):
    folder = tmp_path / "beoordelingen"
    student, _ = lecturer_scored(cohort, "portfolio")
    rubric = rubrics["portfolio"]
    export(folder, "oud.json", rubric, student, lambda i: 0, when="2026-06-01T09:00:00+00:00")
    newest = export(folder, "nieuw.json", rubric, student, lambda i: 3, when="2026-06-02T09:00:00+00:00")
    export(folder, "onbekend.json", rubric, "Iemand Anders", lambda i: 1)
    self_assessment = json.loads((folder / "oud.json").read_text()) | {"mode": "zelf"}
    (folder / "zelf.json").write_text(json.dumps(self_assessment))
    (folder / "leeg-veld.json").write_text(json.dumps(self_assessment | {"mode": "docent", "student": " "}))
    (folder / "andere-rubric.json").write_text(json.dumps(self_assessment | {"mode": "docent", "rubric": "toets"}))
    (folder / "afgebroken.json").write_text((folder / "nieuw.json").read_text()[:200])
    (folder / "portfolio.json").write_bytes(next(PORTFOLIOS.glob("*.json")).read_bytes())
    (folder / "leeg.json").write_text("")

    loaded = load_portfolios(PORTFOLIOS, groups=GROUPS, assessments=folder)
    report = loaded.files.set_index("bestand")
    reason = report["reden"].to_dict()
    status = report["status"].to_dict()
    assert status["beoordelingen/nieuw.json"] == "gelezen"
    assert status["beoordelingen/oud.json"] == "vervangen" and "nieuw.json" in reason["beoordelingen/oud.json"]
    assert "geen student of groep 'Iemand Anders'" in reason["beoordelingen/onbekend.json"]
    assert "zelfbeoordeling" in reason["beoordelingen/zelf.json"]
    assert "'Student of groep' is leeg" in reason["beoordelingen/leeg-veld.json"]
    assert "onbekende rubric 'toets'" in reason["beoordelingen/andere-rubric.json"]
    assert "halverwege" in reason["beoordelingen/afgebroken.json"]
    assert "geen rubricexport" in reason["beoordelingen/portfolio.json"]
    assert "leeg" in reason["beoordelingen/leeg.json"]
    expected = grade(rubric.model_dump(mode="json"), newest).grade
    assert summary.gradebook(loaded).set_index("deelnemer").loc[student, "portfolio"] == expected
    assert len(loaded.students) == len(cohort.students), "the lecturer's files never add or drop learners"


def test_cli_takes_the_lecturers_files(tmp_path, cohort, rubrics, capsys):
    student, _ = lecturer_scored(cohort, "bijdrage")
    scores = export(tmp_path / "eigen", "b.json", rubrics["bijdrage"], student, lambda i: 0)
    grades = tmp_path / "cijfers.csv"
    code = main(
        [
            "cohort",
            str(PORTFOLIOS),
            "--groups",
            str(GROUPS),
            "--assessments",
            str(tmp_path / "eigen"),
            "--grades",
            str(grades),
        ]
    )
    assert code == 0
    assert "let op: 1 portfolio('s) met een ander docentcijfer" in capsys.readouterr().out
    rows = {row["deelnemer"]: row for row in csv.DictReader(io.StringIO(grades.read_text(encoding="utf-8")))}
    expected = grade(rubrics["bijdrage"].model_dump(mode="json"), scores).grade
    assert float(rows[student]["bijdrage"]) == expected


def test_the_example_lecturer_files_are_reproducible_and_differ_once(tmp_path, cohort):
    made = make_lecturer_exports(PORTFOLIOS, tmp_path / "beoordelingen")
    committed = sorted(EXPORTS.glob("*.json"))
    assert [p.name for p in made] == [p.name for p in committed]
    for one, two in zip(made, committed, strict=True):
        assert one.read_bytes() == two.read_bytes(), f"{one.name}: regenerate with make_lecturer_exports"
    with_files = load_portfolios(PORTFOLIOS, groups=GROUPS, assessments=EXPORTS)
    lecturer = with_files.files[with_files.files["soort"] == "beoordeling"]
    assert len(lecturer) == len(committed) and (lecturer["status"] == "gelezen").all()
    conflicts = summary.grade_conflicts(with_files)
    assert len(conflicts) == 1 and conflicts.iloc[0]["cijfer_portfolio"] > conflicts.iloc[0]["cijfer_docentbestand"]
    before = summary.gradebook(cohort).set_index("deelnemer")
    after = summary.gradebook(with_files).set_index("deelnemer")
    products = ["eindproduct", "presentatie", "bijdrage", "portfolio"]
    differ = (before[products].fillna(-1) != after[products].fillna(-1)).sum().sum()
    assert differ == 1, "the exports copy the portfolios' lecturer scorings, but for the one changed criterion"


def test_grade_summary_counts_each_learner_once(cohort):
    with_files = load_portfolios(PORTFOLIOS, groups=GROUPS, assessments=EXPORTS)
    for loaded in (cohort, with_files):
        book = summary.gradebook(loaded)
        counts = summary.grade_summary(loaded).set_index("rubric")["n"]
        for product in ("eindproduct", "presentatie", "bijdrage", "portfolio"):
            assert counts[product] == book[product].notna().sum(), product
    same = summary.grade_summary(cohort)["n"].tolist() == summary.grade_summary(with_files)["n"].tolist()
    assert same, "the lecturer's files replace grades; they do not add any"
