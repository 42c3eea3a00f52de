"""Worksheets in a throwaway Sphinx project: the whole worksheet in the page, and every bad worksheet file (placed
or not) stops the build with file, line, field and reason."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from tests.mutation import DATA
from tests.sphinxproject import page, warnings, write_project

SHEET = """\
title: Proefwerkblad
intro: Een werkblad voor de tests.
sections:
  - title: Het kind
    fields:
      - id: naam
        kind: kort
        label: Schuilnaam van het kind
        required: true
      - id: vooraf
        kind: afvinklijst
        label: Vooraf geregeld
        items:
          - id: uitnodiging
            text: Ouders uitgenodigd
"""

PAGE = "# Werkbladen\n\n```{worksheet}\nid: werkblad-proef\nworksheet: proef\n```\n"


def build(make_app: object, tmp_path: Path, text: str, sheets: dict[str, str]) -> tuple[object, str]:
    """Build a one-page project with these files in data/worksheets/ (name -> text); returns the app and warnings."""
    src = write_project(tmp_path / "src", {"index.md": text})
    (src / "data" / "worksheets").mkdir(parents=True)
    framework = yaml.safe_load((DATA / "competences.yaml").read_text(encoding="utf-8"))
    first = framework["competences"][0]["id"]
    framework["mapping"] = {group: [{"page": "index", "competences": [first]}] for group in ("chapters", "exercises")}
    (src / "data" / "competences.yaml").write_text(yaml.safe_dump(framework, allow_unicode=True), encoding="utf-8")
    for name, sheet in sheets.items():
        (src / "data" / "worksheets" / f"{name}.yaml").write_text(sheet, encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    return app, warnings(app)


def test_a_worksheet_is_in_the_page_with_every_field(make_app, tmp_path):
    app, found = build(make_app, tmp_path, PAGE, {"proef": SHEET})
    assert found == ""
    html = page(app)
    assert 'data-widget="worksheet" data-widget-id="werkblad-proef"' in html
    static = html.split("jd-widget-static", 1)[1].split("</div>", 1)[0]
    for text in ("Proefwerkblad", "Het kind", "Schuilnaam van het kind (verplicht)", "☐ Ouders uitgenodigd"):
        assert text in static, text
    data = json.loads(html.split('class="jd-widget-data">', 1)[1].split("</script>", 1)[0])
    assert data["config"]["worksheet"] == "proef" and data["config"]["sections"][0]["fields"][1]["items"]
    assert data["state"] == {"texts": [], "choices": [], "items": []}
    assert (Path(app.outdir) / "_static" / "jeugddomein" / "widgets" / "worksheet.js").is_file()


def test_a_bad_placed_worksheet_names_its_file_line_and_field(make_app, tmp_path):
    _, found = build(make_app, tmp_path, PAGE, {"proef": SHEET.replace("kind: kort", "kind: kortje")})
    assert re.search(r"index\.md:3: .*data/worksheets/proef\.yaml:7: sections\.0\.fields\.0\.kind: ", found), found


def test_an_unknown_worksheet_is_named(make_app, tmp_path):
    _, found = build(make_app, tmp_path, PAGE.replace("worksheet: proef", "worksheet: anders"), {"proef": SHEET})
    expected = (
        "data/worksheets/anders.yaml: worksheet: dit werkblad bestaat niet; maak het bestand aan of kies uit: proef"
    )
    assert expected in found, found


def test_a_bad_worksheet_no_page_uses_is_reported_too(make_app, tmp_path):
    sheets = {"proef": SHEET, "los": SHEET.replace("      - id: vooraf", "      - id: naam")}
    _, found = build(make_app, tmp_path, PAGE, sheets)
    expected = "data/worksheets/los.yaml:10: sections.0.fields.1.id: het id 'naam' staat ook bij sections.0.fields.0"
    assert expected in found, found
    assert "proef.yaml" not in found
