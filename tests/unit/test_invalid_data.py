"""Every kind of course data file refuses a fault with `file:line: field: reason`.

Each fault is one or more edits to the real file in data/ (tests/mutation.py), so the broken files can never drift
from the real ones; the expected line is looked up in the edited text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from jeugddomein.charts import load_chart
from jeugddomein.loading import DataError
from jeugddomein.widgets.bronstein_scan.model import load_instrument
from jeugddomein.widgets.rubric.model import load_framework, load_rubric_file, load_studiewijzer
from jeugddomein.widgets.worksheet.model import load_worksheet
from tests.mutation import DATA, REMOVE, data_with, line_at, mutate
from tests.sphinxproject import warnings, write_project

Edit = tuple[tuple[str | int, ...], object]


@dataclass(frozen=True)
class Fault:
    """Edits to one file of data/ and the one message the loader must give: `data/<file>:<line>: <field>: <reason>`."""

    file: str
    edits: tuple[Edit, ...]
    field: str
    reason: str

    def text(self) -> str:
        text = (DATA / self.file).read_text(encoding="utf-8")
        for path, value in self.edits:
            text = mutate(text, path, value)
        return text


def _load(data: Path, file: str) -> object:
    """Load one data file the way the build does."""
    path = data / file
    loaders: dict[str, Callable[[], object]] = {
        "competences.yaml": lambda: load_framework(data),
        "studiewijzer.yaml": lambda: load_studiewijzer(data),
        "rubrics": lambda: load_rubric_file(path, data),
        "instruments": lambda: load_instrument(path.stem, data),
        "charts": lambda: load_chart(path.stem, data),
        "worksheets": lambda: load_worksheet(path.stem, data),
    }
    return loaders[file if file in loaders else file.split("/")[0]]()


def _field_path(field: str) -> tuple[str, ...]:
    return tuple(field.split("."))


FAULTS = {
    "competences-unknown-id": Fault(
        "competences.yaml",
        ((("mapping", "chapters", 1, "competences", 0), "systeemisch"),),
        "mapping.chapters.1.competences.0",
        "onbekende competentie 'systeemisch'; kies uit systemisch, vraaggericht",
    ),
    "competences-level-missing": Fault(
        "competences.yaml",
        ((("competences", 6, "levels", 3), REMOVE), (("competences", 6, "levels", 2), REMOVE)),
        "competences.6.levels",
        "2 niveaus gevonden; beschrijf er drie of vier",
    ),
    "competences-level-renamed": Fault(
        "competences.yaml",
        ((("competences", 4, "levels", 2, "id"), "gevorderd"),),
        "competences.4.levels.2.id",
        "competentie 'transparant' noemt dit niveau 'gevorderd'",
    ),
    "competences-duplicate-id": Fault(
        "competences.yaml",
        ((("competences", 6, "id"), "transparant"),),
        "competences",
        "dubbele competentie-id's: transparant",
    ),
    "rubric-weights": Fault(
        "rubrics/presentatie.yaml",
        ((("criteria", 1, "weight"), 20),),
        "criteria.0.weight",
        "de gewichten tellen op tot 95% in plaats van 100%",
    ),
    "rubric-level-missing": Fault(
        "rubrics/presentatie.yaml",
        ((("criteria", 0, "descriptors", "goed"), REMOVE),),
        "criteria.0.descriptors",
        "niveau 'goed' ontbreekt bij criterium 'boodschap'",
    ),
    "rubric-unknown-competence": Fault(
        "rubrics/presentatie.yaml",
        ((("criteria", 2, "competences", 1), "teamwerk"),),
        "criteria.2.competences.1",
        "onbekende competentie 'teamwerk'; kies uit systemisch",
    ),
    "rubric-knockout-standard": Fault(
        "rubrics/presentatie.yaml",
        ((("criteria", 0, "knockout"), True),),
        "criteria.0.knockout",
        "criterium 'boodschap' is een knock-out maar heeft geen norm",
    ),
    "rubric-file-name": Fault(
        "rubrics/presentatie.yaml",
        ((("id",), "presentaties"),),
        "id",
        "het id 'presentaties' moet gelijk zijn aan de bestandsnaam 'presentatie'",
    ),
    "studiewijzer-hours": Fault(
        "studiewijzer.yaml",
        ((("weeks", 0, "hours", "zelfstudie"), 12),),
        "weeks",
        "de uren tellen op tot 410; 15 EC is 420 uur (15 × 28); verschil +10",
    ),
    "studiewijzer-unknown-rubric": Fault(
        "studiewijzer.yaml",
        ((("products", 0, "rubric"), "eindverslag"),),
        "products.0.rubric",
        "geen rubric 'eindverslag' in data/rubrics/; kies uit bijdrage, eindproduct",
    ),
    "bronstein-missing-component": Fault(
        "instruments/bronstein.yaml",
        ((("components", 3), REMOVE),),
        "components",
        "de component 'eigenaarschap' (Collectief eigenaarschap van doelen) ontbreekt",
    ),
    "bronstein-duplicate-item": Fault(
        "instruments/bronstein.yaml",
        ((("components", 2, "items", 1, "id"), "fl1"),),
        "components.2.items.1.id",
        "het item-id 'fl1' staat ook bij components.2.items.0; elk item-id moet uniek zijn",
    ),
    "bronstein-one-point-scale": Fault(
        "instruments/bronstein.yaml",
        ((("scale",), [{"value": 3, "label": "neutraal"}]),),
        "scale",
        "een antwoordschaal met 1 punt meet niets; geef minstens twee punten",
    ),
    "bronstein-unknown-reverse": Fault(
        "instruments/bronstein.yaml",
        ((("components", 2, "items", 4, "reverse"), "omgekeerd"),),
        "components.2.items.4.reverse",
        "onbekende waarde 'omgekeerd' voor reverse: schrijf true (de stelling wordt omgekeerd gescoord) of false",
    ),
    "bronstein-unknown-isjo-scale": Fault(
        "instruments/bronstein.yaml",
        ((("components", 2, "isjo", "scale"), "Flexibel"),),
        "components.2.isjo.scale",
        "'Flexibel' staat niet in data/figures/05-interprofessioneel-isjo-verandering.csv",
    ),
    "chart-unknown-mark": Fault(
        "charts/05-interprofessioneel-isjo-verandering.yaml",
        ((("mark",), "taart"),),
        "mark",
        "deze waarde is niet toegestaan (kies uit 'bar', 'line' of 'point')",
    ),
    "worksheet-unknown-kind": Fault(
        "worksheets/voorbereiding-overleg.yaml",
        ((("sections", 0, "fields", 1, "kind"), "datum"),),
        "sections.0.fields.1.kind",
        "deze waarde is niet toegestaan (kies uit 'kort', 'lang', 'afvinklijst' of 'ja-nee-nvt')",
    ),
    "worksheet-id-twice": Fault(
        "worksheets/lopende-casus.yaml",
        ((("sections", 3, "fields", 1, "items", 0, "id"), "doelen-samen"),),
        "sections.3.fields.1.items.0.id",
        "het id 'doelen-samen' staat ook bij sections.3.fields.0.items.0",
    ),
    "worksheet-checklist-without-items": Fault(
        "worksheets/toestemming-informatie-delen.yaml",
        ((("sections", 2, "fields", 0, "items"), REMOVE),),
        "sections.2.fields.0.kind",
        "een afvinklijst heeft minstens één punt onder 'items'",
    ),
}


def test_every_fault_still_fits_the_real_file():
    """Each edit changes the file (a path that no longer exists fails in mutate with the path)."""
    for name, fault in FAULTS.items():
        assert fault.text() != (DATA / fault.file).read_text(encoding="utf-8"), name


def test_the_real_files_load():
    for file in sorted({fault.file for fault in FAULTS.values()}):
        _load(DATA, file)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_a_fault_is_reported_with_file_line_field_and_reason(tmp_path, name):
    fault = FAULTS[name]
    text = fault.text()
    data = data_with(tmp_path, {fault.file: text})
    with pytest.raises(DataError) as caught:
        _load(data, fault.file)
    [message] = [line for line in caught.value.lines() if f": {fault.field}: " in line] or [str(caught.value)]
    line = line_at(text, _field_path(fault.field))
    assert message.startswith(f"data/{fault.file}:{line}: {fault.field}: {fault.reason}"), message
    key = next(step for step in reversed(_field_path(fault.field)) if not step.isdigit())
    assert key in text.splitlines()[line - 1], "the line shows the field"


# --- the build stops on bad data -------------------------------------------------------------------------------------


def build_with(make_app: object, tmp_path: Path, files: dict[str, str]) -> str:
    """Build a one-page project whose data/ has these files written over the real ones; returns its warnings."""
    src = write_project(tmp_path / "src", {"index.md": "# Toets\n\n```{rubric-table} presentatie\n```\n"})
    data_with(src, files)
    app = make_app("html", srcdir=src)
    app.build()
    return warnings(app)


def expected(fault: Fault, file: str, text: str) -> str:
    return f"WARNING: data/{file}:{line_at(text, _field_path(fault.field))}: {fault.field}: {fault.reason}"


def test_broken_rubrics_fail_the_build_with_file_line_field_and_reason(make_app, tmp_path):
    """Each broken rubric is reported (the build goes on to find them all) and the valid one still renders."""
    names = ("rubric-weights", "rubric-level-missing", "rubric-unknown-competence")
    texts = {f"rubrics/{name}.yaml": mutate(FAULTS[name].text(), ("id",), name) for name in names}
    found = build_with(make_app, tmp_path, texts)
    for name, (file, text) in zip(names, texts.items(), strict=True):
        assert expected(FAULTS[name], file, text) in found, found
    assert "Gewicht 30%" in (tmp_path / "src" / "_build" / "html" / "index.html").read_text(encoding="utf-8")


def test_an_unknown_competence_id_fails_the_build_with_file_line_field_and_reason(make_app, tmp_path):
    fault = FAULTS["competences-unknown-id"]
    text = fault.text()
    assert expected(fault, fault.file, text) in build_with(make_app, tmp_path, {fault.file: text})
