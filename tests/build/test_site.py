"""The built site: self-contained, every widget known to the portfolio, glossary and search complete."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from tests.conftest import site_pages

ROOT = Path(__file__).resolve().parents[2]

RESOURCE = re.compile(
    r"<(script|link|img|iframe|source|audio|video|embed|object)\b[^>]*?\b(src|href|data)\s*=\s*[\"']((?:https?:)?//[^\"']+)",
    re.I,
)
CSS_URL = re.compile(r"url\(\s*[\"']?((?:https?:)?//[^)\"']+)", re.I)
JS_IMPORT = re.compile(r"(?:import\s*\(|from\s+|importScripts\s*\(|fetch\s*\()\s*[\"']((?:https?:)?//[^\"']+)")


def offsite_references(site: Path) -> list[str]:
    found = []
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js", ".mjs") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        hits = [m.group(3) for m in RESOURCE.finditer(text)] if path.suffix == ".html" else []
        hits += CSS_URL.findall(text) if path.suffix in (".css", ".html") else []
        hits += JS_IMPORT.findall(text) if path.suffix in (".js", ".mjs", ".html") else []
        found += [f"{path.relative_to(site)}: {hit}" for hit in hits]
    return found


def test_the_scanner_finds_an_offsite_script(tmp_path):
    (tmp_path / "a.html").write_text('<script src="https://cdn.example.org/x.js"></script>')
    (tmp_path / "b.css").write_text("body { background: url('//fonts.example.org/f.woff2') }")
    (tmp_path / "c.js").write_text('import("https://esm.sh/d3")')
    assert len(offsite_references(tmp_path)) == 3


def test_no_file_refers_to_another_host(site):
    assert offsite_references(site) == []


def test_no_widget_manager_or_thebe_is_loaded(site):
    """No widget manager, and so no saved ipywidgets state for one (each anywidget's whole module, dead weight); the
    notebook's widgets show from their placeholders."""
    jupyter_page = (site / "exercises" / "widgets-in-jupyter.html").read_text(encoding="utf-8")
    assert jupyter_page.count('<div class="jd-widget ') >= 7
    needles = ("require.min.js", "require.js", "embed-amd", "html-manager", "thebe.js", "thebelab")
    needles += ("text/x-thebe-config", "kernelName")  # thebe's configuration, which nothing on the page reads
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for needle in needles:
            assert needle not in text, f"{page.relative_to(site)} laadt {needle}"
        assert "application/vnd.jupyter.widget-state+json" not in text, page.relative_to(site)


def test_no_page_fetches_a_script_twice(site):
    """A script the theme adds twice (sphinx-togglebutton's selector) would be one more round trip on a slow network
    and would run twice: every script a page loads, alone or inside a joined bundle, is there once."""
    checked = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loaded: list[str] = []
        for source in re.findall(r'<script\b[^>]*\bsrc="([^"?]+)', html):
            path = (page.parent / source).resolve()
            if path.parent.name == "bundle":
                loaded += re.findall(r"^// (_static/\S+)$", path.read_text(encoding="utf-8"), re.M)
            else:
                loaded.append(path.relative_to(site.resolve()).as_posix())
        twice = sorted({name for name in loaded if loaded.count(name) > 1})
        assert not twice, f"{page.relative_to(site)} laadt twee keer: {twice}"
        checked += bool(loaded)
    assert checked >= 40


def test_course_index_lists_every_widget_once(site):
    index = json.loads((site / "_static" / "jeugddomein" / "course.json").read_text(encoding="utf-8"))
    ids = [w["id"] for page in index["pages"] for w in page["widgets"]]
    assert len(ids) == len(set(ids)) and len(ids) >= 30
    pages = {page["page"] for page in index["pages"]}
    assert {f"chapters/0{n}-" for n in range(1, 8)} <= {p[: len("chapters/01-")] for p in pages}
    for page in index["pages"]:
        html = (site / page["url"]).read_text(encoding="utf-8")
        for w in page["widgets"]:
            assert f'data-widget-id="{w["id"]}"' in html


def test_glossary_page_holds_every_term(site):
    html = (site / "chapters" / "naslag" / "begrippenlijst.html").read_text(encoding="utf-8")
    for path in (ROOT / "data" / "glossary").glob("*.yaml"):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            assert re.search(r'<dt id="term-[^"]*">' + re.escape(entry["term"]), html), entry["term"]


def test_search_index_knows_dutch_words_and_widget_text(site):
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    for word in ("jeugdhulpverlen", "samenwerk", "grensobject"):
        assert word in index, word
    chapter = (ROOT / "chapters" / "01-jeugddomein" / "index.md").read_text(encoding="utf-8")
    question = re.search(r"```\{knowledge-check\}\n(.*?)```", chapter, re.S)[1]
    assert yaml.safe_load(question)["question"] in (site / "chapters/01-jeugddomein/index.html").read_text(
        encoding="utf-8"
    ), "de tekst van een kennischeck staat ook in de pagina (zoeken, afdrukken)"


def test_case_page_holds_its_scenes_for_search_but_no_private_role_information(site):
    from jeugddomein.widgets.role_play.model import load_case

    case = load_case(ROOT / "data" / "cases" / "twee-brillen.yaml", ROOT)
    html = (site / "exercises" / "casussen" / "twee-brillen.html").read_text(encoding="utf-8")
    text = unescape(re.sub(r"<script\b.*?</script>", "", html, flags=re.S))
    for scene in case.scenes:
        assert scene.text[:60] in text, scene.id
    for role in case.roles:
        assert role.private[:60] not in text, f"de privé-informatie van {role.id} hoort op de rolkaarten"


def test_reference_list_is_apa_like(site):
    html = (site / "chapters" / "naslag" / "literatuur.html").read_text(encoding="utf-8").replace("\xa0", " ")
    assert "Bronstein, L. R. (2003). A model for interdisciplinary collaboration." in html
    assert "Akkerman, S. F., &amp; Bakker, A. (2011)." in html
    chapter = (site / "chapters" / "05-interprofessioneel" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"\(<a [^>]*>Bronstein, 2003</a>\)|Bronstein, 2003", chapter)


def test_citations_link_to_the_reference_list_without_repeating_it(site):
    """A citation is a link to its entry in the reference list, without the entry again as a title attribute."""
    chapter = (site / "chapters" / "01-jeugddomein" / "index.html").read_text(encoding="utf-8")
    citations = re.findall(r'<a class="reference internal" href="\.\./naslag/literatuur\.html#[^"]+"[^>]*>', chapter)
    assert len(citations) >= 5
    assert not [link for link in citations if " title=" in link], citations[0]


@pytest.mark.parametrize("name", ["intro.html", "chapters/01-jeugddomein/index.html"])
def test_interface_is_dutch(site, name):
    html = (site / name).read_text(encoding="utf-8")
    assert '<html lang="nl"' in html and "Zoeken" in html


BLOCKING = re.compile(
    r'<link rel="stylesheet"(?![^>]*\bmedia="print")[^>]*>|<script\b(?![^>]*\b(?:async|defer|type="module"))[^>]*\bsrc='
)
"""What the first paint waits for: a stylesheet for the screen, a classic script without defer or async."""
HINT = re.compile(r'<link rel="(?:modulepreload|preload)"')


def test_widget_hints_come_after_what_the_first_paint_waits_for(site):
    """A browser opens six connections to a server; the hints of a page's widget modules and stylesheets must not
    take them before the stylesheets and scripts the first paint waits for are requested: they end the head."""
    checked = 0
    for name in site_pages():
        page = site / name
        text = page.read_text(encoding="utf-8")
        head = re.sub(r"<noscript>.*?</noscript>", "", text[: text.find("</head>")], flags=re.S)
        hints = [match.start() for match in HINT.finditer(head)]
        if not hints:
            continue
        blocking = [match.start() for match in BLOCKING.finditer(head)]
        assert blocking, f"{page.relative_to(site)}: geen stylesheet in de head"
        assert max(blocking) < min(hints), f"{page.relative_to(site)}: een hint staat voor {head[max(blocking) :][:90]}"
        checked += 1
    assert checked >= 20


def test_every_page_shares_one_first_paint_stylesheet(site):
    """A page's own styles (moved out of its style attributes) stay in a file of their own: folded into the theme's
    stylesheet they would give each such page its own copy, fetched again on every page and stored offline twice."""
    sheets = {
        name: set(
            re.findall(
                r'href="(?:\.\./)*_static/jeugddomein/bundle/([0-9a-f.]+\.first\.css)"', (site / name).read_text()
            )
        )
        for name in site_pages()
    }
    linked = {name: found for name, found in sheets.items() if found}
    assert len(linked) >= 20 and len(set().union(*linked.values())) == 1, sorted(set().union(*linked.values()))


def test_pages_load_the_theme_styles_purged_of_rules_no_page_uses(site):
    """Each page's joined head stylesheet is a fraction of the theme's own, keeps what pages and scripts use and
    leaves out what nothing uses (Font Awesome's icons that no page shows)."""
    sheets = set()
    for page in site.rglob("*.html"):
        if page.relative_to(site).parts[0] != "_static":
            sheets.update(
                re.findall(r'href="(?:\.\./)*(_static/jeugddomein/bundle/[0-9a-f.]+\.css)"', page.read_text())
            )
    theme = (site / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert sheets and ".fa-500px" in theme and ".fa-shrimp" in theme
    for name in sheets:
        text = (site / name).read_text(encoding="utf-8")
        assert len(text) < len(theme) / 2, f"{name}: {len(text)} tekens"
        for used in (".bd-sidebar-primary", ".fa-bars", ".show", ".admonition", ".bd-search"):
            assert used in text, f"{name} mist {used}"
        assert ".fa-500px" not in text and ".fa-shrimp" not in text
