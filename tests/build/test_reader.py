"""The printable reader: every chapter in one page with a table of contents and widgets as static text."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from jeugddomein.sphinxext.pages.reader import slug

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
    assert reader.count('class="jd-widget-static') == reader.count('class="jd-widget nohighlight"') > 30
    assert "jd-widget-data" not in reader
    assert 'href="_static/jeugddomein/reader.css"' in reader
