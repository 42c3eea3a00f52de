"""Finishing pages for a strict CSP: inline scripts, styles and handlers move to files; the result is idempotent."""

from __future__ import annotations

from jeugddomein.sphinxext.postprocess import (
    CONTENT_SECURITY_POLICY,
    INLINE_DIR,
    drop_search_index,
    finish,
    finish_page,
    in_head_before_hints,
    patch_doctools,
    patch_highlighter,
)
from tests.conftest import ROOT

PAGE = """<html><head>
<script data-cfasync="false">document.documentElement.dataset.mode = "auto";</script>
<script src="_static/a.js"></script>
<script defer>let hint = 'x';</script>
<style>.x { color: red; }</style>
</head><body>
<script type="application/json" class="jd-widget-data">{"a": 1}</script>
<script type="text/x-thebe-config">{ requestKernel: true }</script>
<script type="module">import("./b.js");</script>
<script>   </script>
<img style="width: 720px;" class="pic" src="p.svg"/><td style="width: 33%; vertical-align: top;">c</td>
<svg viewBox="0 0 1 1"><style>.s{fill:red}</style><rect style="fill: blue"/></svg>
<button onclick="window.print()" class="btn">Print</button>
</body></html>"""


def test_inline_scripts_move_to_hashed_files_in_place():
    done = finish(PAGE, root="../../")
    scripts = [name for name in done.files if name.endswith(".js")]
    assert len(scripts) == 3 and all(name.startswith(INLINE_DIR + "/") for name in scripts)
    html = done.html
    # Same place and order; defer dropped on the classic script (browsers ignore it on inline scripts).
    first = html.index('data-cfasync="false" src="../../_static/jeugddomein/inline/')
    assert first < html.index('src="_static/a.js"') < html.index('<script src="../../' + INLINE_DIR)
    assert "<script defer" not in html
    assert '<script type="module" src="../../_static/jeugddomein/inline/' in html
    assert done.files[scripts[0]].strip() == 'document.documentElement.dataset.mode = "auto";'
    # Data blocks stay; empty scripts go.
    assert '<script type="application/json" class="jd-widget-data">{"a": 1}</script>' in html
    assert '<script type="text/x-thebe-config">' in html
    assert "<script>   </script>" not in html


def test_styles_move_to_stylesheets_and_classes():
    done = finish(PAGE)
    html = done.html
    assert "<style" not in html and ' style="' not in html
    assert '<img class="pic jd-s-' in html and '<td class="jd-s-' in html and '<rect class="jd-s-' in html
    css = "".join(v for k, v in done.files.items() if k.endswith(".css"))
    assert ".x { color: red; }" in css and ".s{fill:red}" in css
    assert "{width: 33% !important;vertical-align: top !important}" in css and "{fill: blue !important}" in css
    # The page's own block in place; the SVG's block and the attribute classes linked from <head>.
    head = html[: html.index("</head>")]
    assert html.count('<link rel="stylesheet" href="_static/jeugddomein/inline/') == 3
    assert head.count('<link rel="stylesheet" href="_static/jeugddomein/inline/') == 3


def test_moved_styles_go_before_the_resource_hints_that_close_the_head():
    """The hints of a page's widget modules end its head (templates/layout.html); a stylesheet moved there from the
    page must come before them, or on a phone network it waits for a connection the hints took."""
    theme = '<link rel="preload" as="script" href="_static/scripts/pydata-sphinx-theme.js" />\n'
    hints = '<link rel="modulepreload" href="_static/jeugddomein/store.js" />\n'
    page = PAGE.replace("<head>", "<head>" + theme).replace("</head>", hints + "</head>")
    head = finish(page).html.split("</head>")[0]
    moved = [head.index(part) for part in head.split("\n") if 'href="_static/jeugddomein/inline/' in part]
    assert len(moved) == 3 and head.index("pydata-sphinx-theme.js") < min(moved)
    assert max(moved) < head.index('rel="modulepreload"')
    assert in_head_before_hints("<p>geen head</p>", "<link />") == "<p>geen head</p>"
    assert in_head_before_hints("<head><title>t</title></head>", "<x/>") == "<head><title>t</title><x/></head>"


def test_print_handler_becomes_a_data_attribute():
    html = finish_page(PAGE)
    assert "onclick" not in html and '<button data-jd-print="" class="btn">' in html


def test_finishing_is_idempotent_and_pure():
    once = finish(PAGE, root="../")
    assert finish(once.html, root="../").html == once.html
    assert finish(once.html, root="../").files == {}
    assert finish(PAGE, root="../") == once


def test_doctools_without_new_function():
    source = 'Documentation.PLURAL_EXPR = new Function(\n      "n",\n      `return (${catalog.plural_expr})`\n    );'
    patched = patch_doctools(source)
    assert "new Function" not in patched and '"(n != 1)": (n) => Number(n != 1)' in patched
    assert patch_doctools(patched) == patched


def test_the_highlighter_leaves_every_text_inside_nohighlight_alone():
    source = 'if (pos >= 0 && !parent.classList.contains(className) && !parent.classList.contains("nohighlight")) {'
    patched = patch_highlighter(source)
    assert '!parent.closest(".nohighlight")' in patched and 'contains("nohighlight")' not in patched
    assert patch_highlighter(patched) == patched


SEARCH_SCRIPTS = """
    <script src="../_static/searchtools.js"></script>
    <script src="../_static/language_data.js"></script>
    <script src="../searchindex.js"></script>
"""


def test_the_search_index_loads_on_the_search_page_only():
    chapter = f"<html><head>{SEARCH_SCRIPTS}</head><body><p>Tekst</p></body></html>"
    search = f'<html><head>{SEARCH_SCRIPTS}</head><body><div id="search-results"></div></body></html>'
    assert "searchindex.js" not in drop_search_index(chapter) and "searchtools.js" not in drop_search_index(chapter)
    assert drop_search_index(search) == search
    assert "searchindex.js" not in finish_page(chapter)
    assert "searchindex.js" in finish_page(chapter, light=False), "the stock page (benchmarks) keeps the theme's head"


def test_hosting_guide_shows_this_policy():
    guide = (ROOT / "chapters" / "docenten" / "hosting.md").read_text(encoding="utf-8")
    assert guide.count(CONTENT_SECURITY_POLICY) >= 3, "de handleiding toont de policy (header, nginx, Apache)"
    assert "add_header Content-Security-Policy" in guide and "Header always set Content-Security-Policy" in guide
