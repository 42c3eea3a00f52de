"""Bad Bronstein instrument data fails a (tiny) book build with file, field and reason; good data links the chapter."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.mutation import DATA, REMOVE, data_with, line_at, mutate
from tests.sphinxproject import page, warnings, write_project

INSTRUMENT = "instruments/bronstein.yaml"

PAGE = """# Zelfscan

(interprofessioneel-bronstein)=
## Het model van Bronstein

### 1. Onderlinge afhankelijkheid
### 2. Nieuw gecreëerde professionele activiteiten
### 3. Flexibiliteit
### 4. Collectief eigenaarschap van doelen
### 5. Reflectie op het proces

(interprofessioneel-factoren)=
## Vier factoren

```{bronstein-scan}
id: bs-build-test
instrument: bronstein
```

```{bronstein-items} bronstein
```
"""


def build(make_app: object, tmp_path: Path, instrument: str) -> object:
    """Build a one-page book with the course's extension and this text as the instrument file."""
    src = write_project(tmp_path / "src", {"index.md": PAGE})
    data_with(src, {INSTRUMENT: instrument})  # other page modules read their own data files at start-up
    app = make_app("html", srcdir=src)
    app.build()
    return app


def test_good_instrument_builds_and_links_every_part_to_its_section(make_app, tmp_path):
    app = build(make_app, tmp_path, (DATA / INSTRUMENT).read_text(encoding="utf-8"))
    # Other page modules check the real book's table of contents, which this one-page book lacks: look only at ours.
    ours = [
        line
        for line in warnings(app).splitlines()
        if any(k in line for k in ("data/instruments/", "(bronstein-", "Traceback"))
    ]
    assert ours == [], "\n".join(ours)
    html = page(app)
    payload = re.search(r'<script type="application/json" class="jd-widget-data">(.*?)</script>', html, re.S)
    config = json.loads(payload.group(1))["config"]["instrument"]
    urls = {block["id"]: block["section_url"] for block in config["components"] + config["factors"]}
    assert urls["flexibiliteit"] == "#flexibiliteit"
    assert urls["eigenaarschap"] == "#collectief-eigenaarschap-van-doelen"
    assert urls["rol"] == "#interprofessioneel-factoren"
    assert config["components"][0]["section_title"] == "Het model van Bronstein"
    static = html.split("jd-widget-static", 1)[1]  # the version for search and print, outside the JSON
    assert "Ik houd vast aan mijn eigen manier van werken" in static and "(omgekeerd gescoord)" in static
    assert html.count('class="jd-bs-source-table') == 9  # the table of statements and their sources


@pytest.mark.parametrize(
    ("edit", "field", "reason"),
    [
        (
            (("components", 3), REMOVE),
            "components",
            "de component 'eigenaarschap' (Collectief eigenaarschap van doelen) ontbreekt",
        ),
        (
            (("components", 2, "section"), "interprofessioneel-flexibel"),
            "components.2.section",
            "het label 'interprofessioneel-flexibel' bestaat niet in het boek",
        ),
    ],
    ids=["missing-component", "unknown-section"],
)
def test_bad_instrument_fails_the_build(make_app, tmp_path, edit, field, reason):
    text = mutate((DATA / INSTRUMENT).read_text(encoding="utf-8"), *edit)
    found = warnings(build(make_app, tmp_path, text))
    # a warning, so -W makes it a build error; the label check runs after reading, when it knows every label
    where = f"data/{INSTRUMENT}" + ("" if field.endswith("section") else f":{line_at(text, tuple(field.split('.')))}")
    assert f"WARNING: {where}: {field}: {reason}" in found, found
