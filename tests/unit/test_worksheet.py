"""Worksheets: the course's worksheet files, loading errors with file, line, field and fix, the learner's answers in
the portfolio export, the Python widget, and the cohort tool reading portfolios with worksheet entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from jeugddomein.cohort import load_portfolios
from jeugddomein.cohort.book import read_book
from jeugddomein.loading import DataError
from jeugddomein.models import Portfolio
from jeugddomein.widgets import Worksheet
from jeugddomein.widgets.worksheet import rules
from jeugddomein.widgets.worksheet.model import (
    WorksheetSpec,
    WorksheetState,
    load_worksheet,
    worksheet_files,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"

SHEET = """\
title: Proefwerkblad
intro: Een werkblad voor de tests.
sections:
  - title: Het kind
    fields:
      - id: naam
        kind: kort
        label: Schuilnaam
        required: true
      - id: vooraf
        kind: afvinklijst
        label: Vooraf geregeld
        items:
          - id: uitnodiging
            text: Ouders uitgenodigd
          - id: kind-gevraagd
            text: Kind gevraagd
  - title: Het plan
    fields:
      - id: doel
        kind: lang
        label: Klein doel
      - id: toestemming
        kind: ja-nee-nvt
        label: Toestemming gevraagd
        required: true
"""


def write_sheet(tmp_path: Path, text: str, name: str = "proef") -> Path:
    folder = tmp_path / "data" / "worksheets"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "data"


@pytest.mark.parametrize("path", worksheet_files(DATA), ids=lambda p: p.stem)
def test_every_course_worksheet_loads_and_can_be_done(path):
    sheet = load_worksheet(path.stem, DATA)
    fields = sheet.fields()
    assert any(f.required for f in fields), "een werkblad zonder verplicht veld is meteen 'af'"
    assert {f.kind for f in fields} >= {"kort", "lang"}
    outline = json.dumps(sheet.outline(), ensure_ascii=False)
    for field in fields:
        assert field.label in outline
        for item in field.items:
            assert item.text in outline


def test_the_four_practice_tools_are_there():
    assert [p.stem for p in worksheet_files(DATA)] == [
        "lesplan-samen-doen",
        "lopende-casus",
        "toestemming-informatie-delen",
        "voorbereiding-overleg",
    ]


def test_a_valid_sheet_loads(tmp_path):
    sheet = load_worksheet("proef", write_sheet(tmp_path, SHEET))
    assert [f.id for f in sheet.fields()] == ["naam", "vooraf", "doel", "toestemming"]
    assert sheet.fields()[1].items[1].text == "Kind gevraagd"
    assert sheet.outline()[:2] == [{"strong": "Proefwerkblad"}, {"p": "Een werkblad voor de tests."}]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("        kind: ja-nee-nvt\n", "        kind: misschien\n"),
            "data/worksheets/proef.yaml:24: sections.1.fields.1.kind: deze waarde is niet toegestaan "
            "(kies uit 'kort', 'lang', 'afvinklijst' of 'ja-nee-nvt')",
        ),
        (
            (
                "        label: Klein doel\n",
                "        label: Klein doel\n        items:\n          - id: x\n            text: y\n",
            ),
            "data/worksheets/proef.yaml:23: sections.1.fields.0.items: 'items' hoort alleen bij een afvinklijst",
        ),
        (
            ("        label: Klein doel\n", "        label: Klein doel\n        notes: false\n"),
            "data/worksheets/proef.yaml:23: sections.1.fields.0.notes: 'notes' hoort alleen bij een afvinklijst",
        ),
        (
            (
                "        items:\n          - id: uitnodiging\n            text: Ouders uitgenodigd\n"
                "          - id: kind-gevraagd\n            text: Kind gevraagd\n",
                "",
            ),
            "data/worksheets/proef.yaml:11: sections.0.fields.1.kind: een afvinklijst heeft minstens één punt",
        ),
        (
            ("      - id: doel\n", "      - id: naam\n"),
            "data/worksheets/proef.yaml:20: sections.1.fields.0.id: het id 'naam' staat ook bij sections.0.fields.0",
        ),
        (
            ("          - id: kind-gevraagd\n", "          - id: vooraf\n"),
            "data/worksheets/proef.yaml:16: sections.0.fields.1.items.1.id: het id 'vooraf' staat ook bij "
            "sections.0.fields.1;",
        ),
        (
            ("        label: Schuilnaam\n", "        lable: Schuilnaam\n"),
            "data/worksheets/proef.yaml:8: sections.0.fields.0.lable: dit veld is onbekend",
        ),
        (
            ("      - id: naam\n", "      - id: Naam Kind\n"),
            "data/worksheets/proef.yaml:6: sections.0.fields.0.id: de vorm klopt niet",
        ),
        (
            ("intro: Een werkblad voor de tests.\n", ""),
            "data/worksheets/proef.yaml:1: intro: dit verplichte veld ontbreekt; voeg het toe",
        ),
    ],
)
def test_bad_sheets_name_file_line_field_and_fix(tmp_path, change, expected):
    assert SHEET.count(change[0]) == 1
    data = write_sheet(tmp_path, SHEET.replace(*change))
    with pytest.raises(DataError) as error:
        load_worksheet("proef", data)
    assert expected in str(error.value)


def test_a_missing_sheet_lists_the_ones_there_are(tmp_path):
    data = write_sheet(tmp_path, SHEET)
    with pytest.raises(DataError, match=r"data/worksheets/onbekend.yaml: worksheet: dit werkblad bestaat niet.*proef"):
        load_worksheet("onbekend", data)


def test_the_spec_in_a_page_names_a_file():
    assert WorksheetSpec(id="werkblad-x", worksheet="proef").static_outline() == [
        {"p": "Werkblad uit data/worksheets/proef.yaml."}
    ]
    with pytest.raises(ValidationError):
        WorksheetSpec(id="werkblad-x", worksheet="proef", title="Extra")


def test_the_state_accepts_answers_and_refuses_what_the_view_never_writes():
    state = WorksheetState.model_validate(
        {
            "texts": [{"id": "naam", "text": "Noor"}],
            "choices": [{"id": "toestemming", "value": "nvt"}],
            "items": [{"id": "uitnodiging", "checked": True, "note": "per mail"}],
        }
    )
    assert state.items[0].note == "per mail"
    assert WorksheetState.model_validate({}).model_dump() == {"texts": [], "choices": [], "items": []}
    for bad in (
        {"choices": [{"id": "toestemming", "value": "misschien"}]},
        {"texts": [{"id": "naam", "text": "Noor", "extra": 1}]},
        {"items": [{"id": "a", "note": "x" * 1001}]},
        {"texts": [{"id": "Geen Id", "text": "x"}]},
        {"antwoorden": []},
    ):
        with pytest.raises(ValidationError):
            WorksheetState.model_validate(bad)


def _entry(widget_id: str, state: dict) -> dict:
    return {
        "id": widget_id,
        "widget": "worksheet",
        "page": "exercises/werkbladen",
        "updated": "2026-11-20T09:00:00Z",
        "state": state,
    }


def _portfolio(learner: str, entries: list[dict]) -> dict:
    return {
        "format": "jeugddomein-portfolio",
        "schema_version": 1,
        "course": "samenwerken-jeugddomein",
        "course_version": "1.0",
        "exported_at": "2026-11-20T10:00:00Z",
        "learner": learner,
        "entries": entries,
    }


def test_worksheet_answers_go_into_the_portfolio_export():
    state = {"texts": [{"id": "kind", "text": "Noor (9)"}], "choices": [], "items": []}
    portfolio = Portfolio.model_validate(_portfolio("Sam", [_entry("werkblad-overleg", state)]))
    assert portfolio.entries[0].state.texts[0].text == "Noor (9)"
    schema = json.loads((ROOT / "schema" / "portfolio.schema.json").read_text(encoding="utf-8"))
    assert "WorksheetState" in schema["$defs"] and "WorksheetEntry" in schema["$defs"]


def test_the_python_widget_fills_in_and_summarises_like_the_portfolio(tmp_path):
    sheet = Worksheet.from_file("proef", data_dir=write_sheet(tmp_path, SHEET))
    assert sheet.widget_id == "werkblad-proef" and sheet.placement()["config"]["worksheet"] == "proef"
    assert sheet.progress() == {"fields": 4, "answered": 0, "required": 2, "complete": 0}
    sheet.texts = [{"id": "naam", "text": "Noor"}, {"id": "doel", "text": "In de kring blijven zitten"}]
    sheet.choices = [{"id": "toestemming", "value": "ja"}]
    sheet.items = [{"id": "kind-gevraagd", "checked": True, "note": "via de mentor"}]
    assert rules.done(sheet.config(), sheet.state())
    assert sheet.summary() == [
        "Ingevuld: 4 van 4 velden; verplicht: 2 van 2.",
        "Het kind",
        "Schuilnaam: Noor",
        "Vooraf geregeld – Kind gevraagd (afgevinkt; notitie: via de mentor)",
        "Het plan",
        "Klein doel: In de kring blijven zitten",
        "Toestemming gevraagd: Ja",
    ]
    frame = sheet.to_frame()
    assert len(frame) == 5  # three fields and two checklist items
    assert frame.set_index("veld").loc["Toestemming gevraagd", "antwoord"] == "Ja"
    row = frame[frame["punt"] == "Kind gevraagd"].iloc[0]
    assert row["antwoord"] == "afgevinkt" and row["notitie"] == "via de mentor"


def test_a_page_with_an_unknown_worksheet_gets_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="dit werkblad bestaat niet; maak het bestand aan of kies uit: proef"):
        Worksheet.from_file("bestaat-niet", data_dir=write_sheet(tmp_path, SHEET))


def test_the_cohort_tool_reads_worksheet_entries_and_knows_when_they_are_done(tmp_path):
    """The cohort's 'done' for a worksheet comes from the worksheet file the book places (its required fields)."""
    book = read_book(ROOT)
    sheet = load_worksheet("toestemming-informatie-delen", DATA)
    assert book.worksheets()["werkblad-toestemming"] == {"worksheet": "toestemming-informatie-delen"} | (
        sheet.model_dump(mode="json")
    ), "the course index is stale: run `make course`"
    required = [f for f in sheet.fields() if f.required]
    complete = {
        "texts": [{"id": f.id, "text": "ingevuld"} for f in required if f.kind in ("kort", "lang")],
        "choices": [{"id": f.id, "value": "ja"} for f in required if f.kind == "ja-nee-nvt"],
        "items": [{"id": i.id, "checked": True, "note": ""} for f in required for i in f.items],
    }
    assert rules.done(sheet.model_dump(mode="json"), complete)
    half = {**complete, "choices": complete["choices"][:-1]}
    folder = tmp_path / "exports"
    folder.mkdir()
    files = {
        "klaar.json": _portfolio("Klaar", [_entry("werkblad-toestemming", complete)]),
        "half.json": _portfolio("Half", [_entry("werkblad-toestemming", half)]),
        "weg.json": _portfolio("Weg", [_entry("werkblad-niet-meer", complete)]),
    }
    for name, data in files.items():
        (folder / name).write_text(json.dumps(data), encoding="utf-8")
    cohort = load_portfolios(folder)
    assert (cohort.files["status"] == "gelezen").all(), cohort.files
    done = cohort.activity.set_index("deelnemer")["af"]
    assert done["Klaar"] == True  # noqa: E712 (a pandas boolean)
    assert done["Half"] == False  # noqa: E712
    assert done.isna()["Weg"], "a worksheet the book no longer places has no 'done'"
