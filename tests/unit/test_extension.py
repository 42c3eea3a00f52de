"""The Sphinx extension on a throwaway project: bad content stops the build with file, line, field and reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.mutation import DATA
from tests.sphinxproject import page, warnings, write_project

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


def build(make_app: object, tmp_path: Path, text: str) -> tuple[object, str]:
    """Build a one-page project; returns the app and its warnings."""
    src = write_project(tmp_path / "src", {"index.md": text})
    (src / "data").mkdir()
    # The course's competences, with a mapping that names this project's one page instead of the book's chapters.
    framework = yaml.safe_load((DATA / "competences.yaml").read_text(encoding="utf-8"))
    first = framework["competences"][0]["id"]
    framework["mapping"] = {group: [{"page": "index", "competences": [first]}] for group in ("chapters", "exercises")}
    (src / "data" / "competences.yaml").write_text(yaml.safe_dump(framework, allow_unicode=True), encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    return app, warnings(app)


def test_a_widget_becomes_a_placeholder_with_a_static_version(make_app, tmp_path):
    app, found = build(make_app, tmp_path, GOOD)
    assert found == ""
    html = page(app)
    assert re.search(
        r'<div class="jd-widget nohighlight" data-page="index" data-widget="knowledge-check" data-widget-id="test-kc">',
        html,
    )
    assert '<script type="application/json" class="jd-widget-data">' in html
    assert "<strong>Vraag?</strong>" in html and "jd-widget-static" in html
    assert (Path(app.outdir) / "_static" / "jeugddomein" / "widgets" / "knowledge_check.js").is_file()
    assert 'type="module"' in html and "jeugddomein/runtime.js" in html


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("correct: true", "correct: ja graag"), "index.md:8: options.0.correct: hier hoort true of false"),
        (("question: Vraag?", "vraagje: Vraag?"), "index.md:5: vraagje: dit veld is onbekend"),
        (("id: test-kc", "id: Test_KC"), "index.md:4: id: de vorm klopt niet"),
    ],
)
def test_bad_widget_yaml_names_file_line_and_field(make_app, tmp_path, change, expected):
    _, found = build(make_app, tmp_path, GOOD.replace(*change))
    assert expected in found, found


def test_duplicate_widget_ids_are_reported(make_app, tmp_path):
    _, found = build(make_app, tmp_path, GOOD + "\n" + GOOD.replace("# Test", ""))
    assert "widget-id 'test-kc' staat al in index" in found


def test_script_end_tag_in_content_cannot_break_out(make_app, tmp_path):
    app, _ = build(make_app, tmp_path, GOOD.replace("Vraag?", "'</script><script>alert(1)</script>'"))
    html = page(app)
    data = html.split('class="jd-widget-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and "\\u003c/script\\u003e" in data


def test_unknown_competence_in_learning_goals(make_app, tmp_path):
    _, found = build(make_app, tmp_path, "# T\n\n```{learning-goals}\n:competences: vliegen\n- Doel.\n```\n")
    assert "competences: onbekend: vliegen" in found


HOSTILE = "<img src=x onerror=alert(1)> *nadruk* [link](javascript:alert(2)) {{x}} `code` | $x$"
"""Text a case author could type: HTML, Markdown, a javascript: link, a substitution, a role's backticks, a pipe."""


def test_case_text_is_text_on_its_page_in_the_sidebar_and_on_the_overview(make_app, tmp_path):
    import json

    from jeugddomein.widgets.role_play.model import chapter_labels

    case = (DATA / "cases" / "twee-brillen.yaml").read_text(encoding="utf-8")
    title = next(line for line in case.splitlines() if line.startswith("title: "))
    case = case.replace(title, "title: " + json.dumps(HOSTILE), 1)
    root = DATA.parent
    labels = "".join(f"({name})=\n## {link.title}\n\nTekst.\n\n" for name, link in chapter_labels(root).items())
    index = (
        "# Start\n\n```{toctree}\nexercises/casussen/twee-brillen\nchapters/labels\n```\n\n```{case-overview}\n```\n"
    )
    src = write_project(tmp_path / "src", {"index.md": index})
    (src / "data" / "cases").mkdir(parents=True)
    (src / "data" / "cases" / "twee-brillen.yaml").write_text(case, encoding="utf-8")
    (src / "chapters").mkdir()
    (src / "chapters" / "labels.md").write_text("# Labels\n\n" + labels, encoding="utf-8")
    framework = yaml.safe_load((DATA / "competences.yaml").read_text(encoding="utf-8"))
    framework["mapping"] = {group: [] for group in ("chapters", "exercises")}
    (src / "data" / "competences.yaml").write_text(yaml.safe_dump(framework, allow_unicode=True), encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    pages = {p.name: p.read_text(encoding="utf-8") for p in Path(app.outdir).rglob("*.html")}
    assert "twee-brillen.html" in pages and "index.html" in pages, warnings(app)
    for name, html in pages.items():
        assert "<img src=x" not in html and 'href="javascript:' not in html, name
        assert "<em>nadruk</em>" not in html and "<code" not in html.split("jd-widget-data")[0], name
    shown = "&lt;img src=x onerror=alert(1)&gt; *nadruk* [link](javascript:alert(2)) {{x}} `code` | $x$"
    assert shown in pages["twee-brillen.html"].split("<h1>", 1)[1]  # the page title
    assert pages["index.html"].count(shown) >= 2  # the sidebar and the overview's link
