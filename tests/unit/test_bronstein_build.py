"""Bad Bronstein instrument data fails a (tiny) book build with file, field and reason; good data links the chapter."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INVALID = ROOT / "tests" / "data" / "invalid"

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


def build(tmp_path: Path, instrument: Path) -> tuple[int, str, Path]:
    """Build a one-page book with the course's extension and the given instrument file, warnings as errors."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "data", src / "data")  # other page modules read their own data files at start-up
    shutil.copy(instrument, src / "data" / "instruments" / "bronstein.yaml")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "jeugddomein.sphinxext"]\n'
        'bibtex_bibfiles = []\nlanguage = "nl"\nmyst_enable_extensions = ["colon_fence"]\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "html"
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    return run.returncode, run.stderr, out


def test_good_instrument_builds_and_links_every_part_to_its_section(tmp_path):
    _, errors, out = build(tmp_path, ROOT / "data" / "instruments" / "bronstein.yaml")
    # Other page modules check the real book's table of contents, which this one-page book lacks: look only at ours.
    ours = [
        line
        for line in errors.splitlines()
        if any(k in line for k in ("data/instruments/", "(bronstein-", "Traceback"))
    ]
    assert ours == [], "\n".join(ours)
    html = (out / "index.html").read_text(encoding="utf-8")
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
    ("name", "expected"),
    [
        (
            "bronstein-missing-component.yaml",
            r"data/instruments/bronstein\.yaml:\d+: components: de component 'eigenaarschap' \(Collectief "
            r"eigenaarschap van doelen\) ontbreekt",
        ),
        (
            "bronstein-unknown-section.yaml",
            r"data/instruments/bronstein\.yaml: components\.2\.section: het label 'interprofessioneel-flexibel' "
            r"bestaat niet in het boek",
        ),
    ],
)
def test_bad_instrument_fails_the_build(tmp_path, name, expected):
    code, errors, _ = build(tmp_path, INVALID / name)
    assert code != 0
    assert re.search(r"WARNING: " + expected, errors), errors  # a warning, so -W makes it a build error
