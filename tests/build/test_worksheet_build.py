"""Worksheets in a throwaway Sphinx project: the whole worksheet in the page, and every bad worksheet file (placed
or not) stops the build with file, line, field and reason."""

from __future__ import annotations

import json
import re

from tests.build.test_extension import build

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


def test_a_worksheet_is_in_the_page_with_every_field(tmp_path):
    out, warnings = build(tmp_path, PAGE, {"data/worksheets/proef.yaml": SHEET})
    assert warnings == ""
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'data-widget="worksheet" data-widget-id="werkblad-proef"' in html
    static = html.split("jd-widget-static", 1)[1].split("</div>", 1)[0]
    for text in ("Proefwerkblad", "Het kind", "Schuilnaam van het kind (verplicht)", "☐ Ouders uitgenodigd"):
        assert text in static, text
    data = json.loads(html.split('class="jd-widget-data">', 1)[1].split("</script>", 1)[0])
    assert data["config"]["worksheet"] == "proef" and data["config"]["sections"][0]["fields"][1]["items"]
    assert data["state"] == {"texts": [], "choices": [], "items": []}
    assert (out / "_static" / "jeugddomein" / "widgets" / "worksheet.js").is_file()


def test_a_bad_placed_worksheet_names_its_file_line_and_field(tmp_path):
    _, warnings = build(tmp_path, PAGE, {"data/worksheets/proef.yaml": SHEET.replace("kind: kort", "kind: kortje")})
    assert re.search(r"index\.md:3: .*data/worksheets/proef\.yaml:7: sections\.0\.fields\.0\.kind: ", warnings), (
        warnings
    )


def test_an_unknown_worksheet_is_named(tmp_path):
    _, warnings = build(
        tmp_path, PAGE.replace("worksheet: proef", "worksheet: anders"), {"data/worksheets/proef.yaml": SHEET}
    )
    assert (
        "data/worksheets/anders.yaml: worksheet: dit werkblad bestaat niet; maak het bestand aan of kies uit: proef"
        in warnings
    )


def test_a_bad_worksheet_no_page_uses_is_reported_too(tmp_path):
    files = {
        "data/worksheets/proef.yaml": SHEET,
        "data/worksheets/los.yaml": SHEET.replace("      - id: vooraf", "      - id: naam"),
    }
    _, warnings = build(tmp_path, PAGE, files)
    assert (
        "data/worksheets/los.yaml:10: sections.0.fields.1.id: het id 'naam' staat ook bij sections.0.fields.0"
        in warnings
    )
    assert "proef.yaml" not in warnings
