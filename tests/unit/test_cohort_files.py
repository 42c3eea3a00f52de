"""A folder with bad files: every bad file is reported by name with its own reason, and the good ones still load."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jeugddomein.cohort import load_portfolios, render_report

ROOT = Path(__file__).resolve().parents[2]
PORTFOLIOS = ROOT / "data" / "examples" / "cohort" / "portfolios"
GOOD = ["portfolio-bram-d.json", "portfolio-chaima-d.json", "portfolio-daan-a.json"]


def _good() -> dict:
    return json.loads((PORTFOLIOS / GOOD[0]).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inleveringen")
    for name in GOOD:
        shutil.copy(PORTFOLIOS / name, folder / name)
    text = (PORTFOLIOS / GOOD[0]).read_text(encoding="utf-8")
    (folder / "notitie.txt").write_text("Hierbij mijn portfolio, groet Bram", encoding="utf-8")
    (folder / "geen-json.json").write_text("portfolio: ja\nnaam: Bram\n", encoding="utf-8")
    (folder / "afgebroken.json").write_text(text[: len(text) // 2], encoding="utf-8")
    (folder / "leeg.json").write_bytes(b"")
    other = _good() | {"course": "een-andere-cursus", "learner": "Ander (voorbeeld)"}
    (folder / "andere-cursus.json").write_text(json.dumps(other), encoding="utf-8")
    newer = _good() | {"schema_version": 2, "learner": "Nieuw (voorbeeld)"}
    (folder / "nieuwe-versie.json").write_text(json.dumps(newer), encoding="utf-8")
    old = _good() | {"schema_version": "1.0", "learner": "Oud (voorbeeld)"}
    (folder / "rare-versie.json").write_text(json.dumps(old), encoding="utf-8")
    broken = _good() | {"learner": "Fout (voorbeeld)"}
    broken["entries"][0]["state"]["onbekend"] = True
    (folder / "fout-veld.json").write_text(json.dumps(broken), encoding="utf-8")
    (folder / "anders.json").write_text(json.dumps({"format": "iets-anders", "items": []}), encoding="utf-8")
    with (folder / "groot.json").open("wb") as handle:
        handle.write(text.encode("utf-8"))
        handle.write(b" " * (50 * 1024 * 1024 - len(text.encode("utf-8"))))
    (folder / "plaatje.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    return folder


@pytest.fixture(scope="module")
def cohort(folder):
    return load_portfolios(folder)


def test_the_good_files_load(cohort):
    assert sorted(cohort.students["bestand"]) == GOOD
    assert len(cohort.activity) > 0


def test_every_bad_file_is_reported_with_its_reason(cohort):
    reasons = dict(zip(cohort.problems()["bestand"], cohort.problems()["reden"], strict=True))
    expected = {
        "notitie.txt": "geen geldige JSON",
        "geen-json.json": "geen geldige JSON (regel 1",
        "afgebroken.json": "houdt halverwege op",
        "leeg.json": "leeg",
        "andere-cursus.json": "andere cursus ('een-andere-cursus')",
        "nieuwe-versie.json": "nieuwere versie van het exportformaat (2)",
        "rare-versie.json": 'onbekende versie van het exportformaat ("1.0")',
        "fout-veld.json": "entries.0",
        "anders.json": "het veld 'format'",
        "groot.json": "te groot (50.0 MB)",
        "plaatje.png": "binair",
    }
    assert set(reasons) == set(expected), "every bad file is named, hidden files are ignored"
    for name, fragment in expected.items():
        assert fragment in reasons[name], (name, reasons[name])
    assert "onbekend veld" in reasons["fout-veld.json"]
    assert (cohort.problems()["status"] == "overgeslagen").all()


def test_newest_export_wins_whatever_the_file_names(tmp_path):
    data = _good()
    older = data | {"exported_at": "2026-10-01T10:00:00Z", "entries": data["entries"][:2]}
    newer = data | {"exported_at": "2026-11-20T10:00:00Z"}
    (tmp_path / "b-oud.json").write_text(json.dumps(older), encoding="utf-8")
    (tmp_path / "a-nieuw.json").write_text(json.dumps(newer), encoding="utf-8")
    (tmp_path / "c-zonder-naam.json").write_text(json.dumps(data | {"learner": ""}), encoding="utf-8")
    cohort = load_portfolios(tmp_path)
    status = dict(zip(cohort.files["bestand"], cohort.files["status"], strict=True))
    assert status == {"a-nieuw.json": "gelezen", "b-oud.json": "vervangen", "c-zonder-naam.json": "gelezen"}
    assert len(cohort.students) == 2  # a file without a name counts as its own learner (named after the file)
    assert "c-zonder-naam" in set(cohort.students["deelnemer"])
    learner = data["learner"]
    assert (cohort.activity["deelnemer"] == learner).sum() == len(data["entries"])


def test_a_zip_of_the_folder_gives_the_same_result(folder, cohort, tmp_path):
    archive = shutil.make_archive(str(tmp_path / "inleveringen"), "zip", folder)
    zipped = load_portfolios(archive)
    assert sorted(zipped.files["bestand"]) == sorted(cohort.files["bestand"])
    assert zipped.students["deelnemer"].tolist() == cohort.students["deelnemer"].tolist()


def test_an_empty_folder_is_an_empty_cohort(tmp_path):
    cohort = load_portfolios(tmp_path)
    assert cohort.students.empty and cohort.files.empty and cohort.activity.empty


def test_the_report_lists_the_bad_files_without_a_date(cohort):
    """Skipped files have no export time; the report shows an empty cell for it."""
    page = render_report(cohort)
    for name in ("afgebroken.json", "leeg.json", "nieuwe-versie.json", "notitie.txt"):
        assert name in page
    assert "NaT" not in page and "<td>nan</td>" not in page
