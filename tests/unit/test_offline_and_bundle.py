"""The offline list (what goes in the copy) and the head bundling (one stylesheet, deferred joined scripts)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from jeugddomein.sphinxext import offline
from jeugddomein.sphinxext.bundle import BUNDLE_DIR, bundle_head, css_for_bundle

PAGE = """<html><head>
<script src="../_static/mode.js"></script>
<noscript><link rel="stylesheet" href="../_static/noscript.css" /></noscript>
<link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />
<!-- a comment the theme writes -->
<link rel="stylesheet" type="text/css" href="../_static/extra.css?v=2" />
<link rel="preload" as="script" href="../_static/b.js" />
<script src="../_static/a.js?v=1"></script>
<script src="../_static/b.js"></script>
<script data-x="1" src="../_static/c.js"></script>
<script type="module" src="../_static/runtime.js"></script>
</head><body><p>Tekst</p><script src="../searchindex.js"></script></body></html>"""
FILES = {
    "_static/styles/theme.css": '@import "../basic.css";\n.a { background: url(../img/x.png) }',
    "_static/basic.css": ".b { background: url('icons/y.svg#z') } .c { background: url(data:image/png;base64,AA) }",
    "_static/extra.css": '@import url("more/f.css");\n/*# sourceMappingURL=extra.css.map */.d{}',
    "_static/more/f.css": ".f { background: url(g.png) }",
    "_static/a.js": '"use strict";\nvar a = 1',
    "_static/b.js": "b = 2",
}


def read(name: str) -> str:
    return FILES[name]


def write_site(site: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")


def test_stylesheets_become_one_file_with_imports_inlined_and_urls_rewritten():
    html, files = bundle_head(PAGE, "../", read)
    [css] = [name for name in files if name.endswith(".css")]
    assert css.startswith(BUNDLE_DIR + "/")
    text = files[css]
    assert text.index(".b {") < text.index(".a {") < text.index(".d{}"), "order of the cascade"
    assert 'url("../../img/x.png")' in text and 'url("../../basic/icons/y.svg#z")' not in text
    assert 'url("../../icons/y.svg#z")' in text and "url(data:image/png;base64,AA)" in text
    assert "sourceMappingURL" not in text and "@import" not in text
    assert text.index('.f { background: url("../../more/g.png") }') < text.index(".d{}"), "import by url()"
    assert html.count('rel="stylesheet"') == 2, "the noscript link stays, the run becomes one link"
    assert f'href="../{css}"' in html


def test_classic_scripts_are_deferred_in_order_and_joined():
    html, files = bundle_head(PAGE, "../", read)
    [js] = [name for name in files if name.endswith(".js")]
    assert files[js].startswith(";\n"), "no file's 'use strict' applies to the whole bundle"
    assert files[js].index("var a = 1") < files[js].index("b = 2")
    assert '<script src="../_static/mode.js"></script>' in html, "the colour-mode script before the styles stays"
    assert f'<script defer src="../{js}"></script>' in html
    assert '<script defer data-x="1" src="../_static/c.js"></script>' in html, "attributes: not joined"
    assert '<script type="module" src="../_static/runtime.js"></script>' in html
    assert '<script defer src="../searchindex.js"></script>' in html
    assert 'rel="preload"' not in html, "no preload of a file that is now inside the bundle"
    order = [html.index(s) for s in (js, "c.js", "runtime.js", "searchindex.js")]
    assert order == sorted(order)


def test_bundling_is_idempotent():
    once, files = bundle_head(PAGE, "../", read)
    twice, again = bundle_head(once, "../", lambda name: {**FILES, **files}[name])
    assert twice == once and set(again) <= set(files)


def test_css_for_bundle_ignores_remote_urls():
    text = css_for_bundle("_static/x.css", lambda name: ".e { background: url(https://example.org/a.png) }")
    assert "url(https://example.org/a.png)" in text


def test_offline_list_leaves_sources_maps_and_old_fonts_out(tmp_path: Path):
    site = tmp_path
    files = {
        "intro.html": '<link href="_static/theme.css?v=1" rel="stylesheet"><script src="_static/used.js"></script>',
        "chapters/a/index.html": '<img src="../../_images/fig.svg">',
        "_images/fig.svg": "<svg/>",
        "_static/theme.css": "@font-face { src: url(fonts/f.woff2) format('woff2'), url(fonts/f.ttf) }",
        "_static/fonts/f.woff2": "w",
        "_static/fonts/f.ttf": "t",
        "_static/used.js": "1",
        "_static/unused.js": "2",
        "_static/used.js.map": "{}",
        "_static/jeugddomein/widgets/kc.js": "export default {}",
        "_static/jeugddomein/bundle/old.css": "left by an older build, used by no page",
        "_sources/intro.md": "# Welkom",
        "searchindex.js": "Search.setIndex({})",
        ".buildinfo": "x",
        "objects.inv": "x",
    }
    write_site(site, files)
    assert offline.offline_files(site) == sorted(
        [
            "_images/fig.svg",
            "_static/fonts/f.woff2",
            "_static/jeugddomein/widgets/kc.js",
            "_static/theme.css",
            "_static/used.js",
            "chapters/a/index.html",
            "intro.html",
            "searchindex.js",
        ]
    )
    first = offline.write_offline_files(site, course="c-1", version="1.0", title="Cursus", icons=[])
    assert first.startswith("jd-c-1-1.0-")
    listing = json.loads((site / offline.LIST).read_text(encoding="utf-8"))
    assert (site / offline.WORKER).read_text(encoding="utf-8").startswith("// Generated")
    (site / "intro.html").write_text("<p>nieuw</p>", encoding="utf-8")
    second = offline.write_offline_files(site, course="c-1", version="1.0", title="Cursus", icons=[])
    assert second != first, "other content, other cache, even at the same version"
    assert json.loads((site / offline.LIST).read_text(encoding="utf-8"))["hash"] != listing["hash"]


THEME_CSS = (
    ":root{--c:red;--menu:blue;--unread:0;--widget:1}\n.page-class{color:var(--c)}\n"
    ".open-by-script{display:block;color:var(--menu)}\n.course-notice{margin:0}\n"
    ".nowhere-at-all{color:green}\n.page-class.open-by-script{color:red}\n@media print{.page-class{color:black}}"
)


def _tiny_site(site: Path) -> None:
    head = (
        '<html><head><link rel="stylesheet" href="{root}_static/theme.css" />'
        '<link rel="stylesheet" href="{root}_static/more.css" />{script}</head>'
    )
    runtime = '<script type="module" src="{root}_static/jeugddomein/runtime.js"></script>'
    files = {
        "intro.html": head.format(root="", script=runtime.format(root=""))
        + '<body><p class="page-class">Tekst</p></body></html>',
        "chapters/a/index.html": head.format(root="../../", script=runtime.format(root="../../"))
        + "<body><p>Hoofdstuk</p></body></html>",
        "reader.html": head.format(root="", script="")
        + "<body><p>Alles om te printen, ook <code>_static/jeugddomein/runtime.js</code></p></body></html>",
        "_static/theme.css": THEME_CSS,
        "_static/more.css": "p{line-height:1.5}",
        "_static/jeugddomein/widgets/widget.css": ".jd-w{color:var(--widget)}",
        "_static/theme-menu.js": 'el.classList.add("open-by-script")',
        "_static/jeugddomein/runtime.js": 'box.className = "course-notice"',
    }
    write_site(site, files)


def test_the_first_paint_waits_only_for_the_rules_pages_and_course_scripts_can_use(tmp_path: Path):
    from jeugddomein.sphinxext.postprocess import finish_site

    site, originals = tmp_path / "html", tmp_path / "originals"
    _tiny_site(site)
    finish_site(site, light=True, originals=originals)
    intro = (site / "intro.html").read_text(encoding="utf-8")
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"( media="print" data-jd-full-styles)? />', intro)
    assert [bool(media) for _, media in links] == [False, True], "first the blocking part, then the whole in place"
    first, whole = ((site / href).read_text(encoding="utf-8") for href, _ in links)
    assert links[0][0].endswith(".first.css")
    for rule in (".page-class{color:var(--c)}", ".course-notice{margin:0}", "p{line-height:1.5}"):
        assert rule in first and rule in whole, rule
    assert ".open-by-script" not in first, "only the theme's script adds it: it waits for the whole"
    assert (
        ".open-by-script{display:block;color:var(--menu)}" in whole and ".page-class.open-by-script{color:red}" in whole
    )
    # Custom properties: what nothing reads goes; what only the left-out rules read goes from the first part only;
    # what a widget's own stylesheet reads stays.
    assert ":root{--c:red;--widget:1}" in first and ":root{--c:red;--menu:blue;--widget:1}" in whole
    assert ".nowhere-at-all" not in whole
    assert "@media print{.page-class{color:black}}" in whole and "@media print" not in first, "printing has the whole"
    assert whole.index(".page-class{") < whole.index(".open-by-script{") < whole.index(".course-notice{")
    chapter = (site / "chapters/a/index.html").read_text(encoding="utf-8")
    assert [f"../../{href}" for href, _ in links] == re.findall(r'href="([^"]+\.css)"', chapter), "shared by pages"

    reader = (site / "reader.html").read_text(encoding="utf-8")
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)" />', reader) == [links[1][0]], "no script: the whole"

    # A second run (an incremental build) changes nothing and leaves no stray sheets.
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    finish_site(site, light=True, originals=originals)
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before
    assert sorted(p.name for p in (site / BUNDLE_DIR).glob("*.css")) == sorted(Path(h).name for h, _ in links)
