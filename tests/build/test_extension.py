"""The Sphinx extension on a throwaway project: bad content stops the build with file, line, field and reason."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
# Test

```{knowledge-check}
id: test-kc
question: Vraag?
options:
  - text: Ja
    correct: true
    feedback: Goed.
  - text: Nee
    correct: false
    feedback: Fout.
```
"""


def build(tmp_path: Path, page: str, files: dict[str, str] | None = None) -> tuple[Path, str]:
    src = tmp_path / "src"
    (src / "data").mkdir(parents=True)
    for name, text in (files or {}).items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    # The course's competences, with a mapping that names this project's one page instead of the book's chapters.
    framework = yaml.safe_load((ROOT / "data" / "competences.yaml").read_text(encoding="utf-8"))
    first = framework["competences"][0]["id"]
    framework["mapping"] = {group: [{"page": "index", "competences": [first]}] for group in ("chapters", "exercises")}
    (src / "data" / "competences.yaml").write_text(yaml.safe_dump(framework, allow_unicode=True), encoding="utf-8")
    (src / "refs.bib").write_text("")
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinxcontrib.bibtex', 'jeugddomein.sphinxext']\n"
        "bibtex_bibfiles = ['refs.bib']\nlanguage = 'nl'\nmyst_enable_extensions = ['colon_fence']\n"
    )
    (src / "index.md").write_text(page)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    return tmp_path / "out", re.sub(r"\x1b\[[0-9;]*m", "", result.stderr)


def test_a_widget_becomes_a_placeholder_with_a_static_version(tmp_path):
    out, warnings = build(tmp_path, GOOD)
    assert warnings == ""
    html = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<div class="jd-widget" data-page="index" data-widget="knowledge-check" data-widget-id="test-kc">', html
    )
    assert '<script type="application/json" class="jd-widget-data">' in html
    assert "<strong>Vraag?</strong>" in html and "jd-widget-static" in html
    assert (out / "_static" / "jeugddomein" / "widgets" / "knowledge_check.js").is_file()
    assert 'type="module"' in html and "jeugddomein/runtime.js" in html


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("correct: true", "correct: ja graag"), "index.md:8: options.0.correct: hier hoort true of false"),
        (("question: Vraag?", "vraagje: Vraag?"), "index.md:5: vraagje: dit veld is onbekend"),
        (("id: test-kc", "id: Test_KC"), "index.md:4: id: de vorm klopt niet"),
    ],
)
def test_bad_widget_yaml_names_file_line_and_field(tmp_path, change, expected):
    _, warnings = build(tmp_path, GOOD.replace(*change))
    assert expected in warnings, warnings


def test_duplicate_widget_ids_are_reported(tmp_path):
    _, warnings = build(tmp_path, GOOD + "\n" + GOOD.replace("# Test", ""))
    assert "widget-id 'test-kc' staat al in index" in warnings


def test_script_end_tag_in_content_cannot_break_out(tmp_path):
    out, _ = build(tmp_path, GOOD.replace("Vraag?", "'</script><script>alert(1)</script>'"))
    html = (out / "index.html").read_text(encoding="utf-8")
    data = html.split('class="jd-widget-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and "\\u003c/script\\u003e" in data


def test_unknown_competence_in_learning_goals(tmp_path):
    _, warnings = build(tmp_path, "# T\n\n```{learning-goals}\n:competences: vliegen\n- Doel.\n```\n")
    assert "competences: onbekend: vliegen" in warnings


HOSTILE = "<img src=x onerror=alert(1)> *nadruk* [link](javascript:alert(2)) {{x}} `code` | $x$"
"""Text a case author could type: HTML, Markdown, a javascript: link, a substitution, a role's backticks, a pipe."""


def test_case_text_is_text_on_its_page_in_the_sidebar_and_on_the_overview(tmp_path):
    from jeugddomein.widgets.role_play.model import chapter_labels

    case = (ROOT / "data" / "cases" / "twee-brillen.yaml").read_text(encoding="utf-8")
    title = next(line for line in case.splitlines() if line.startswith("title: "))
    case = case.replace(title, "title: " + json.dumps(HOSTILE), 1)
    labels = "".join(f"({name})=\n## {link.title}\n\nTekst.\n\n" for name, link in chapter_labels(ROOT).items())
    page = "# Start\n\n```{toctree}\nexercises/casussen/twee-brillen\nchapters/labels\n```\n\n```{case-overview}\n```\n"
    out, warnings = build(
        tmp_path, page, {"data/cases/twee-brillen.yaml": case, "chapters/labels.md": "# Labels\n\n" + labels}
    )
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    assert "twee-brillen.html" in pages and "index.html" in pages, warnings
    for name, html in pages.items():
        assert "<img src=x" not in html and 'href="javascript:' not in html, name
        assert "<em>nadruk</em>" not in html and "<code" not in html.split("jd-widget-data")[0], name
    shown = "&lt;img src=x onerror=alert(1)&gt; *nadruk* [link](javascript:alert(2)) {{x}} `code` | $x$"
    assert shown in pages["twee-brillen.html"].split("<h1>", 1)[1]  # the page title
    assert pages["index.html"].count(shown) >= 2  # the sidebar and the overview's link
