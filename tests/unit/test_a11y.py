"""Accessibility repairs and inline icons applied to every built page."""

from __future__ import annotations

from jeugddomein.sphinxext.a11y import complete_redirect, repair
from jeugddomein.sphinxext.icons import inline_icons


def test_navigation_toggles_get_a_name_once():
    toggle = '<span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down"></i></span>'
    html = f"<summary>{toggle}</summary>"
    once = repair(html)
    assert "Onderdelen tonen of verbergen" in once and repair(once) == once


def test_reference_entries_become_list_items():
    html = '<div role="list" class="citation-list"><div class="citation" id="id1" role="doc-biblioentry">'
    assert '<div role="listitem" class="citation" id="id1"' in repair(html) and "doc-biblioentry" not in repair(html)


def test_bare_redirect_becomes_a_valid_dutch_page():
    page = complete_redirect('<meta http-equiv="Refresh" content="0; url=intro.html" />\n')
    assert '<html lang="nl">' in page and "<title>" in page and 'href="intro.html"' in page
    assert 'rel="icon"' in page and complete_redirect(page) == page


def test_icons_become_inline_svg_keeping_classes_and_unknown_ones_stay():
    html = '<i class="theme-switch fa-solid fa-sun fa-lg" data-mode="light"></i><span class="fas fa-download"></span>'
    out = inline_icons(html)
    assert out.count("<svg") == 2 and 'class="theme-switch fa-solid fa-sun fa-lg jd-icon" data-mode="light"' in out
    assert 'aria-hidden="true"' in out and "<i " not in out
    unknown = '<i class="fa-solid fa-unicorn"></i>'
    assert inline_icons(unknown) == unknown
