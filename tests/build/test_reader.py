"""The printable reader: every chapter in one page with a table of contents, widgets as static text, and its PDF."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from jeugddomein.sphinxext.pages.reader import build_reader, rewrite, slug
from tests.build.pdftext import link_targets, page_count, pdf_text

ROOT = Path(__file__).resolve().parents[2]
EXCLUDED = {"exercises/portfolio", "chapters/naslag/reader"}


def chapter_files() -> list[str]:
    """Docnames of every chapter in _toc.yml (the top level of each part) that the reader includes."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [f for f in files if f not in EXCLUDED]


def title_of(site: Path, docname: str) -> str:
    """A page's title as its <h1> shows it, without the section number."""
    page = (site / f"{docname}.html").read_text(encoding="utf-8")
    h1 = re.search(r'<article class="bd-article"[^>]*>.*?<h1\b[^>]*>(.*?)</h1>', page, re.S)[1]
    h1 = re.sub(r'<span class="section-number">.*?</span>|<a class="headerlink".*?</a>', "", h1)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", h1)).split())


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def reader(site: Path) -> str:
    return (site / "reader.html").read_text(encoding="utf-8")


def test_reader_has_every_chapter_in_order_with_a_toc(site: Path, reader: str):
    chapters = chapter_files()
    assert len(chapters) >= 12
    toc = re.search(r'<nav class="jd-reader-toc".*?</nav>', reader, re.S)[0]
    positions = []
    for docname in chapters:
        title = title_of(site, docname)
        assert html.escape(title, quote=False) in toc or title in html.unescape(toc), f"{title} ontbreekt in de inhoud"
        assert f'href="#doc-{slug(docname)}"' in toc
        section = re.search(rf'<section class="jd-reader-doc[^"]*" id="doc-{slug(docname)}"', reader)
        assert section, f"{docname} ontbreekt in de reader"
        positions.append(section.start())
    assert positions == sorted(positions), "de hoofdstukken staan in de volgorde van de inhoudsopgave"


def test_reader_is_static_with_unique_ids_and_working_links(site: Path, reader: str):
    assert not re.search(r"<script\b", reader), "de reader heeft geen scripts"
    ids = re.findall(r'\sid="([^"]+)"', reader)
    assert len(ids) == len(set(ids)), "ids zijn uniek in de hele reader"
    docs = dict(re.findall(r'<section class="jd-reader-doc[^"]*" id="doc-([^"]+)" data-docname="([^"]+)"', reader))
    for target in set(re.findall(r'href="#([^"]+)"', reader)) - set(ids):
        # Only a link that was already broken in the site itself may be broken here.
        prefix, _, fragment = target.partition("--")
        assert prefix in docs and fragment, f"link naar #{target} heeft geen doel"
        original = (site / f"{docs[prefix]}.html").read_text(encoding="utf-8")
        assert f'id="{fragment}"' not in original, f"link naar #{target} heeft geen doel (in de site wel)"
    for url in set(re.findall(r'(?:src|href)="([^"#:?]+)(?:[?#][^"]*)?"', reader)):
        assert (site / html.unescape(url)).exists(), f"{url} bestaat niet"
    # Every widget of an included page is there in its static version, without controls.
    assert reader.count('class="jd-widget-static') == reader.count('class="jd-widget"') > 30
    assert "jd-widget-data" not in reader
    assert 'href="_static/jeugddomein/reader.css"' in reader


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
    from jeugddomein.branding import Branding

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


def test_pdf_has_every_chapter(site: Path, tmp_path: Path):
    """What `make pdf` does: the reader printed by headless Chromium (in its own process, as the command runs it;
    the browser tests' Playwright session may still be open in this one)."""
    done = subprocess.run(
        [sys.executable, "-m", "jeugddomein.reader_pdf", "--site", str(site), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [pdf] = tmp_path.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    pages = page_count(pdf)
    chapters = chapter_files()
    # A cover, a table of contents and every chapter on its own sheet(s); and not absurdly long.
    assert len(chapters) + 2 <= pages <= 1000, pages
    text = squeeze(pdf_text(pdf))
    for docname in chapters:
        title = title_of(site, docname)
        assert squeeze(title) in text, f"'{title}' staat niet in de pdf"
    assert "pagina1van" in text, "paginanummers in de voettekst"
    # Links to pages outside the reader (figures, the reader page) would point at the build machine's folders.
    uris = link_targets(pdf)
    assert not [u for u in uris if not u.startswith((b"http://", b"https://", b"mailto:"))], uris[:5]
