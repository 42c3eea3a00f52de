"""The printable reader's pure parts: links rewritten into the one page, the cover with the branding."""

from __future__ import annotations

from jeugddomein.branding import Branding
from jeugddomein.sphinxext.pages.reader import build_reader, rewrite


def test_rewrite_points_links_into_the_reader():
    targets = {"chapters/a/index.html": "chapters-a-index", "chapters/b/index.html": "chapters-b-index"}
    body = (
        '<h2 id="x">X</h2><a href="#x">x</a><a href="../b/index.html#y">y</a><a href="../b/index.html">b</a>'
        '<a href="../../exercises/portfolio.html">p</a><img src="../../_images/f.svg"/><a href="https://e.nl/">e</a>'
        '<label for="q1">q</label><details><summary>s</summary>t</details>'
    )
    out = rewrite(body, "chapters/a/index.html", targets)
    assert 'id="chapters-a-index--x"' in out and 'href="#chapters-a-index--x"' in out
    assert 'href="#chapters-b-index--y"' in out and 'href="#doc-chapters-b-index"' in out
    assert 'href="exercises/portfolio.html"' in out and 'src="_images/f.svg"' in out
    assert 'href="https://e.nl/"' in out and 'for="chapters-a-index--q1"' in out and "<details open>" in out


def test_build_reader_cover_shows_the_branding():
    brand = Branding(institution="Hogeschool Test", programmes=["Pabo"], contact_email="a@b.nl", logo="x.svg")
    page = {
        "docname": "intro",
        "uri": "intro.html",
        "depth": 0,
        "part": "",
        "html": '<article class="bd-article"><h1>Welkom</h1></article>',
    }
    meta = {"title": "Cursus", "version": "2.0", "date": "01-01-2026", "branding": brand, "logo_src": "_static/x.svg"}
    out = build_reader([page], [], meta)
    assert "Aangeboden door Hogeschool Test voor Pabo" in out and 'src="_static/x.svg"' in out and "a@b.nl" in out
    assert "Versie 2.0" in out and 'href="#doc-intro">Welkom</a>' in out
