"""Lecturer-side bad inputs, made at test time from the real example files: the cohort tool and the case loader always
finish, list every bad file with its Dutch reason, count every good file and change nothing in the input folders.

Student exports are mutations of data/examples/cohort/portfolios (jeugddomein.cohort.hostile), the lecturer's own
rubric exports mutations of data/examples/cohort/beoordelingen, the case files mutations of data/cases.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from jeugddomein.cohort.hostile import hostile_exports, write
from jeugddomein.cohort.reading import MAX_BYTES
from jeugddomein.cohort.summary import FORMULA_STARTS, GRADEBOOK_STATUS
from jeugddomein.loading import DataError
from jeugddomein.sphinxext.pages.cases import load_valid_cases
from jeugddomein.widgets.role_play.model import case_files, chapter_labels, load_case
from jeugddomein.widgets.rubric.grading import grade
from jeugddomein.widgets.rubric.model import load_framework, load_rubrics

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "cohort"
BASE = "portfolio-bram-d.json"
"""The real export the hostile variants are made from."""

SKIPPED = {
    "diep-lijst.json": "veel dieper genest dan een portfolio-export ooit is",
    "diep-object.json": "veel dieper genest dan een portfolio-export ooit is",
    "te-groot.json": "te groot (5.1 MB)",
    "binair.json": "geen tekstbestand (binaire inhoud)",
    "utf16.json": "opgeslagen als UTF-16 in plaats van UTF-8",
    "utf16-zonder-bom.json": "opgeslagen als UTF-16 in plaats van UTF-8",
    "utf32.json": "opgeslagen als UTF-32 in plaats van UTF-8",
    "afgebroken.json": "houdt halverwege op",
    "afgebroken-in-tekst.json": "houdt halverwege op",
    "leeg.json": "het bestand is leeg (0 bytes)",
    "alleen-witruimte.json": "het bestand is leeg (alleen witruimte)",
    "gewone-tekst.json": "geen geldige JSON (regel 1, kolom 1)",
    "lijst.json": "het veld 'format' ontbreekt of heeft een andere waarde",
    "null.json": "het veld 'format' ontbreekt of heeft een andere waarde",
    "ander-formaat.json": "het veld 'format' ontbreekt of heeft een andere waarde",
    "andere-cursus.json": "hoort bij een andere cursus ('een-andere-cursus')",
    "nieuwere-versie.json": "nieuwere versie van het exportformaat (99)",
    "rare-versie.json": 'onbekende versie van het exportformaat ("1.0")',
    "nan.json": "onbekende versie van het exportformaat (NaN)",
    "onbekend-veld.json": "bij onbekend: onbekend veld",
    "geen-lijst.json": "bij entries: hier hoort een lijst",
    "foute-datum.json": "bij exported_at: hier hoort een datum en tijd",
    "te-lange-naam.json": "bij learner: deze tekst is te lang",
    "half-teken.json": "een teken dat in JSON niet geldig is",
    "map.json": "een map, geen bestand",
    "kapotte-link.json": "snelkoppeling (symlink) naar een bestand dat niet bestaat",
    "link-naar-map": "snelkoppeling naar een map",
    "pijp.json": "geen gewoon bestand",
    "portfolio-hanna-w.json": "houdt halverwege op",
}
"""Student files that must be skipped, with a fragment of the reason."""

READ_WITH_CARE = {
    "goed-bom.json": "Bom (voorbeeld)",
    "goed-formule.json": '=HYPERLINK("http://x.invalid","klik")',
    "goed-plus.json": "+31 6 12345678",
    "goed-min.json": "-Min (voorbeeld)",
    "goed-apenstaart.json": "@Apenstaart (voorbeeld)",
    "goed-tab.json": "=1+1 Tab (voorbeeld)",
    "goed-script.json": "<script>alert('x')</script> Script (voorbeeld)",
    "goed-stuurtekens.json": "Stuur [31m teken (voorbeeld)",
    "goed-niveau-11.json": "Niveau (voorbeeld)",
    "=1+1.json": "Bestandsnaam (voorbeeld)",
    "portfolio-\ufffd.json": "Bytes (voorbeeld)",
}
"""Student files with a hostile detail that must be read: name shown -> learner as the tables show it."""

LECTURER_SKIPPED = {
    "rubric-portfolio-docent-aylin-a.json": ("ongeldig", "niveau 'Excellent' bij criterium 'groei' bestaat niet"),
    "verkeerde-rubric.json": ("ongeldig", "bestaat niet in de rubric 'portfolio'"),
    "foute-datum.json": ("ongeldig", "hier hoort een datum en tijd"),
    "niveau-11.json": ("ongeldig", "niveau '11' bij criterium"),
    "onbekende-student.json": ("overgeslagen", "geen student of groep 'Onbekende Student (voorbeeld)'"),
    "onbekende-rubric.json": ("overgeslagen", "onbekende rubric 'portfolio-oud'"),
    "zelfbeoordeling.json": ("overgeslagen", "een zelfbeoordeling"),
    "zonder-student.json": ("overgeslagen", "'Student of groep' is leeg"),
    "afgebroken.json": ("overgeslagen", "houdt halverwege op"),
    "portfolio.json": ("overgeslagen", "portfolio's horen in de portfoliomap"),
    "diep.json": ("overgeslagen", "veel dieper genest dan een rubricexport ooit is"),
    "utf16.json": ("overgeslagen", "opgeslagen als UTF-16"),
    "binair.json": ("overgeslagen", "geen tekstbestand"),
    "leeg.json": ("overgeslagen", "het bestand is leeg"),
}
"""The lecturer's own files that must not count, with their status and a fragment of the reason."""

LATER = "2026-12-01T10:00:00Z"
"""Export time of the mutated lecturer files: newer than every example file."""


def _lecturer(name: str) -> dict:
    return json.loads((EXAMPLE / "beoordelingen" / name).read_text(encoding="utf-8"))


def _dump(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def make_students(folder: Path) -> None:
    shutil.copytree(EXAMPLE / "portfolios", folder)
    good = (folder / BASE).read_bytes()
    for name, content in hostile_exports(good, MAX_BYTES).items():
        write(folder, name, content)
    hanna = folder / "portfolio-hanna-w.json"  # on the group list, her only export cut off
    hanna.write_bytes(hanna.read_bytes()[:500])
    data = json.loads(good)
    (folder / os.fsdecode(b"portfolio-\xff.json")).write_bytes(_dump(data | {"learner": "Bytes (voorbeeld)"}))
    shutil.copy(folder / "portfolio-chaima-d.json", folder / "portfolio-chaima-d-kopie.json")  # the same export twice


def make_lecturer(folder: Path) -> dict[str, dict]:
    """The lecturer's files; returns the mutated ones that must count (name -> export)."""
    shutil.copytree(EXAMPLE / "beoordelingen", folder)
    aylin = folder / "rubric-portfolio-docent-aylin-a.json"
    aylin.write_text(aylin.read_text(encoding="utf-8").replace('"groei": "excellent"', '"groei": "Excellent"'))
    bram = _lecturer("rubric-bijdrage-docent-bram-d.json")
    chaima = _lecturer("rubric-bijdrage-docent-chaima-d.json")
    finn = _lecturer("rubric-portfolio-docent-finn-a.json")
    daan = _lecturer("rubric-bijdrage-docent-daan-a.json") | {"exported_at": LATER}
    daan["scores"] = dict.fromkeys(daan["scores"], "voldoende")
    esra = _lecturer("rubric-portfolio-docent-esra-l.json") | {"exported_at": LATER}
    esra["scores"] = dict(list(esra["scores"].items())[1:])
    mutated = {
        "verkeerde-rubric.json": _dump(bram | {"rubric": "portfolio", "exported_at": LATER}),
        "foute-datum.json": _dump(chaima | {"exported_at": "gisteren"}),
        "niveau-11.json": _dump(finn | {"exported_at": LATER, "scores": dict.fromkeys(finn["scores"], "11")}),
        "onbekende-student.json": _dump(bram | {"student": "Onbekende Student (voorbeeld)"}),
        "onbekende-rubric.json": _dump(bram | {"rubric": "portfolio-oud"}),
        "zelfbeoordeling.json": _dump(bram | {"mode": "zelf"}),
        "zonder-student.json": _dump(bram | {"student": " "}),
        "afgebroken.json": _dump(bram)[:200],
        "portfolio.json": (EXAMPLE / "portfolios" / BASE).read_bytes(),
        "diep.json": b'{"a":' * 5000 + b"1" + b"}" * 5000,
        "utf16.json": _dump(bram).decode("utf-8").encode("utf-16"),
        "binair.json": bytes(range(256)) * 8,
        "leeg.json": b"",
        "bom-daan.json": codecs.BOM_UTF8 + _dump(daan),
        "onvolledig-esra.json": _dump(esra),
    }
    for name, content in mutated.items():
        (folder / name).write_bytes(content)
    return {"bom-daan.json": daan, "onvolledig-esra.json": esra}


def folder_hash(folder: Path) -> str:
    """Names, kinds, link targets and contents of everything under `folder` (a pipe is never opened)."""
    digest = hashlib.sha256()
    for here, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(folders + files):
            path = Path(here) / name
            info = path.lstat()
            digest.update(os.fsencode(path.relative_to(folder)) + bytes([stat.S_IFMT(info.st_mode) >> 12]))
            if stat.S_ISLNK(info.st_mode):
                digest.update(os.fsencode(os.readlink(path)))
            elif stat.S_ISREG(info.st_mode):
                digest.update(path.read_bytes())
    return digest.hexdigest()


def run_cohort(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jeugddomein", "cohort", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("cohort")
    students, lecturer, out = work / "inleveringen", work / "beoordelingen", work / "uit"
    make_students(students)
    counting = make_lecturer(lecturer)
    out.mkdir()
    before = folder_hash(students) + folder_hash(lecturer)
    common = [str(students), "--assessments", str(lecturer), "--groups", str(EXAMPLE / "groepen.csv")]
    plain = run_cohort(*common, "--out", str(out / "overzicht.html"), "--grades", str(out / "cijfers.csv"))
    strict = run_cohort(*common, "--grades", str(out / "cijfers-nl.csv"), "--excel-nl", "--strict")
    after = folder_hash(students) + folder_hash(lecturer)
    return {"plain": plain, "strict": strict, "before": before, "after": after, "out": out, "counting": counting}


def listed(stdout: str, own: bool) -> dict[str, str]:
    """'  status: name: reason' lines of the tool's output, by file name: of the student files, or (`own`) of the
    lecturer's own files (listed after 'LET OP')."""
    part = stdout.split("LET OP: ", 1)[1 if own else 0]
    lines = {}
    for line in part.splitlines():
        parts = line.strip().split(": ", 2)
        if len(parts) == 3 and parts[0] in ("overgeslagen", "ongeldig", "vervangen"):
            lines[parts[1].removeprefix("beoordelingen/")] = f"{parts[0]}: {parts[2]}"
    return lines


def gradebook_rows(path: Path, sep: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=sep))


def test_the_corpus_is_large_enough():
    assert len(SKIPPED) + len(READ_WITH_CARE) + len(LECTURER_SKIPPED) + len(CASES) >= 40


def test_the_run_finishes_and_changes_nothing_in_the_input(run):
    assert run["plain"].returncode == 0, run["plain"].stderr
    assert run["plain"].stderr == ""
    assert run["strict"].returncode == 1, "--strict: skipped files and invalid own assessments make the exit code 1"
    assert run["before"] == run["after"]
    assert (run["out"] / "overzicht.html").stat().st_size > 0


def test_every_bad_student_file_is_listed_with_its_reason(run):
    shown = listed(run["plain"].stdout, own=False)
    for name, fragment in SKIPPED.items():
        assert name in shown, (name, run["plain"].stdout)
        assert shown[name].startswith("overgeslagen: ") and fragment in shown[name], (name, shown[name])
    assert shown["portfolio-chaima-d-kopie.json"].startswith("vervangen: ")  # the same export twice: one counts
    assert set(shown) == {*SKIPPED, "portfolio-chaima-d-kopie.json", "portfolio-aylin-a-eerder.json"}


def test_every_good_file_counts(run):
    rows = {row["deelnemer"]: row for row in gradebook_rows(run["out"] / "cijfers.csv")}
    real = {p.name for p in (EXAMPLE / "portfolios").glob("*.json")}
    counted = real - {"portfolio-hanna-w.json", "portfolio-aylin-a-eerder.json"}
    without = ("portfolio overgeslagen", "geen portfolio")
    used = {row["bestand"].removeprefix("'") for row in rows.values() if row["status"] not in without}
    assert used == counted | set(READ_WITH_CARE)
    assert f"{len(counted) + len(READ_WITH_CARE)} studenten ingelezen" in run["plain"].stdout
    for name, learner in READ_WITH_CARE.items():
        cell = learner if not learner.startswith(FORMULA_STARTS) else "'" + learner
        assert cell in rows, (name, sorted(rows))
        assert rows[cell]["bestand"].removeprefix("'") == name
    assert "let op: onbekend niveau '11'" in run["plain"].stdout


def test_the_lecturers_bad_files_are_listed_loudly(run):
    shown = listed(run["plain"].stdout, own=True)
    for name, (status, fragment) in LECTURER_SKIPPED.items():
        assert name in shown, (name, run["plain"].stdout)
        assert shown[name].startswith(f"{status}: ") and fragment in shown[name], (name, shown[name])
    newer = {  # the mutated files are newer than these originals (a file without a readable time counts as newest)
        "rubric-bijdrage-docent-chaima-d.json",
        "rubric-bijdrage-docent-daan-a.json",
        "rubric-portfolio-docent-bram-d.json",
        "rubric-portfolio-docent-esra-l.json",
        "rubric-portfolio-docent-finn-a.json",
    }
    assert all(shown[name].startswith("vervangen: ") for name in newer)
    assert set(shown) == set(LECTURER_SKIPPED) | newer  # the byte-order mark and the incomplete scoring are read
    report = (run["out"] / "overzicht.html").read_text(encoding="utf-8")
    assert "van je eigen beoordelingen tellen niet" in report
    for name in [*SKIPPED, *LECTURER_SKIPPED]:
        assert name.replace("'", "&#x27;") in report, name
    assert "<script>alert" not in report


def test_every_learner_on_the_group_list_has_a_row_with_a_status(run):
    rows = {row["deelnemer"]: row for row in gradebook_rows(run["out"] / "cijfers.csv")}
    with (EXAMPLE / "groepen.csv").open(encoding="utf-8") as handle:
        roster = [row["deelnemer"] for row in csv.DictReader(handle)]
    for name in roster:
        assert name in rows and rows[name]["status"] in GRADEBOOK_STATUS, name
    hanna = rows["Hanna W. (voorbeeld)"]
    assert hanna["status"] == "portfolio overgeslagen" and "portfolio-hanna-w.json" in hanna["opmerking"]
    assert hanna["portfolio"] != "", "her lecturer's file counts although her portfolio was skipped"
    assert rows["Zoë Q. (voorbeeld, geen export)"]["status"] == "geen portfolio"


def test_no_cell_starts_with_a_formula_character(run):
    for name, sep in (("cijfers.csv", ","), ("cijfers-nl.csv", ";")):
        text = (run["out"] / name).read_text(encoding="utf-8-sig")
        for row in csv.reader(io.StringIO(text), delimiter=sep):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (name, cell)
        assert "'=HYPERLINK(" in text and "'+31 6" in text and "'-Min" in text and "'@Apenstaart" in text
        assert "'\t=1+1 Tab" not in text and "'=1+1 Tab" in text  # the tab was a control character: cleaned first
        assert "'=1+1.json" in text


def test_the_lecturers_valid_file_wins_and_an_invalid_one_is_never_replaced(run):
    rows = {row["deelnemer"]: row for row in gradebook_rows(run["out"] / "cijfers.csv")}
    data = ROOT / "data"
    rubrics = {k: v.model_dump(mode="json") for k, v in load_rubrics(data, load_framework(data)).items()}
    aylin = rows["Aylin A. (voorbeeld)"]
    assert aylin["portfolio"] == "" and aylin["status"] == "beoordeling ongeldig"
    assert "rubric-portfolio-docent-aylin-a.json" in aylin["opmerking"]
    bram = rows["Bram D. (voorbeeld)"]
    assert bram["bijdrage"] != "", "the file with the wrong rubric says 'portfolio': it blocks that product only"
    assert bram["portfolio"] == "" and bram["status"] == "beoordeling ongeldig"
    assert rows["Chaima D. (voorbeeld)"]["bijdrage"] == "" and rows["Finn A. (voorbeeld)"]["portfolio"] == ""
    daan = run["counting"]["bom-daan.json"]
    assert float(rows["Daan A. (voorbeeld)"]["bijdrage"]) == grade(rubrics["bijdrage"], daan["scores"]).grade
    esra = rows["Esra L. (voorbeeld)"]
    assert esra["portfolio"] == "" and esra["status"] == "onvolledig" and "beoordeling onvolledig" in esra["opmerking"]


def test_a_zip_with_an_oversized_member_is_not_unpacked_past_the_limit(tmp_path):
    import zipfile

    from jeugddomein.cohort import load_portfolios

    archive = tmp_path / "inleveringen.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.write(EXAMPLE / "portfolios" / BASE, BASE)
        handle.writestr("bom.json", b"{" + b" " * (MAX_BYTES + 1) + b"}")
        handle.writestr("__MACOSX/._bom.json", b"\x00")
    before = archive.read_bytes()
    cohort = load_portfolios(archive)
    reasons = dict(zip(cohort.files["bestand"], cohort.files["reden"], strict=True))
    assert set(reasons) == {BASE, "bom.json"} and reasons["bom.json"].startswith("te groot")
    assert list(cohort.students["bestand"]) == [BASE] and archive.read_bytes() == before


# --- case files -----------------------------------------------------------------------------------------------------


def _lines(text: str, number: int, new: str) -> str:
    rows = text.splitlines()
    rows[number - 1] = new
    return "\n".join(rows) + "\n"


def _case_texts() -> dict[str, tuple[bytes, int | None, str, str]]:
    """Bad case file name -> (content, line, field, fragment of the message)."""
    text = (ROOT / "data" / "cases" / "twee-brillen.yaml").read_text(encoding="utf-8")
    routes = (ROOT / "data" / "cases" / "foto-in-de-groepsapp.yaml").read_text(encoding="utf-8")
    last = "      - next: net-op-tijd\n"
    scenes = routes[routes.index("\nscenes:\n") : routes.index(last)].split("\n  - id: ")
    scene_line = routes[: routes.index(last)].rindex("\n  - id: ")
    scene_line = routes[: scene_line + 1].count("\n") + 1
    return {
        "niet-utf8.yaml": (text.encode("cp1252"), 2, "", "niet opgeslagen als UTF-8"),
        "utf16.yaml": (text.encode("utf-16"), 1, "", "UTF-16"),
        "als-yml.yml": (text.encode(), None, "", "hernoem het naar als-yml.yaml"),
        "Met Hoofdletters.yaml": (text.encode(), None, "", "bestandsnaam is het id"),
        "tab.yaml": (_lines(text, 7, "\tsetting: basisschool").encode(), 7, "setting", "vervang de tab door spaties"),
        "inspringing.yaml": (_lines(text, 7, " setting: basisschool").encode(), 7, "setting", "inspringing klopt niet"),
        "dubbele-punt.yaml": (
            _lines(text, 2, "title: Let op: twee brillen").encode(),
            2,
            "title",
            "zet de tekst tussen aanhalingstekens",
        ),
        "ja-nee.yaml": (_lines(text, 2, "title: yes").encode(), 2, "title", 'aanhalingstekens, bijvoorbeeld "yes"'),
        "getal.yaml": (_lines(text, 2, "title: 2025").encode(), 2, "title", "YAML leest 2025 als getal"),
        "aanhalingsteken.yaml": (
            _lines(text, 2, 'title: "Twee brillen').encode(),
            2,
            "title",
            'de " op deze regel wordt niet gesloten',
        ),
        "dubbele-punt-in-lijst.yaml": (
            _lines(text, 9, "  - Let op: je herkent twee brillen").encode(),
            9,
            "learning_goals.0",
            "leest een dubbele punt met een spatie erachter als 'veld: waarde'",
        ),
        "laatste-route.yaml": (
            routes.replace(last, "      - when: [tweede-les]\n        next: net-op-tijd\n").encode(),
            scene_line,
            f"scenes.{len(scenes) - 2}",
            "de laatste route mag geen 'when' hebben",
        ),
    }


CASES = _case_texts()


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cursus")
    (root / "chapters").symlink_to(ROOT / "chapters")
    shutil.copytree(ROOT / "data" / "cases", root / "data" / "cases")
    for name, (content, *_) in CASES.items():
        (root / "data" / "cases" / name).write_bytes(content)
    return root


def test_the_case_build_keeps_the_good_cases_and_skips_every_bad_one(course):
    before = folder_hash(course / "data")
    valid = load_valid_cases(course)
    assert set(valid) == {p.stem for p in (ROOT / "data" / "cases").glob("*.yaml")}
    assert {p.name for p in case_files(course, misnamed=True)} >= set(CASES)
    assert folder_hash(course / "data") == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_mistake_has_a_dutch_message_with_file_line_field_and_fix(course, name):
    _, line, field, fragment = CASES[name]
    with pytest.raises(DataError) as caught:
        load_case(course / "data" / "cases" / name, course, chapter_labels(ROOT))
    first = caught.value.lines()[0]
    where = f"data/cases/{name}:{line}: " if line else f"data/cases/{name}: "
    assert first.startswith(where + field), first
    assert fragment in first, first
    assert "Traceback" not in first and "found" not in first and "expected" not in first
