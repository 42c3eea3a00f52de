"""Every page of the built site: no request leaves the site, no script error, no serious accessibility violation,
all content in landmarks and no skipped heading level.

Here each page is fresh (no saved work). test_color_schemes.py checks every live page whole with axe, in both colour
schemes, with its widgets in use; outside the widgets a fresh page is the same, so axe checks the widgets here, in
the state a student first meets. A page without the course's runtime (the printable reader) is checked whole here:
it is the one page that test leaves to this one."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.helpers import failing, follows_the_colour_scheme
from tests.conftest import book_pages, site_pages, wait_for_widgets

PAGES = book_pages()


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("path", PAGES)
def test_page_is_self_contained_and_accessible(page: object, context: object, base_url: str, path: str, axe: Axe):
    response = page.goto(base_url + path)
    assert response is not None and response.ok, f"{path} gaf HTTP {response and response.status}"
    wait_for_widgets(page)
    page.wait_for_load_state("networkidle")
    assert context.offsite == [], f"{path} vraagt bestanden van andere hosts: {context.offsite}"
    assert page.errors == [], f"{path} heeft scriptfouten: {page.errors}"
    failed = page.locator(".jd-widget.jd-failed").count()
    assert failed == 0, f"{path}: {failed} widget(s) konden niet laden"
    live = follows_the_colour_scheme(page)
    if live and page.locator(".jd-widget").count() == 0:
        return  # nothing here that test_color_schemes.py does not check
    violations = failing(axe.run(page, context=".jd-widget" if live else None).response["violations"])
    report = [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in violations]
    assert not violations, f"{path}: " + "\n".join(report)


def test_every_page_is_tested(site: Path):
    """The pages tested above are exactly the pages of the built site: none missing, none that the table of contents
    does not know."""
    built = set(site_pages())
    assert sorted(built - set(PAGES)) == [], "pagina's in de site die niet in _toc.yml staan"
    assert sorted(set(PAGES) - built) == [], "pagina's uit _toc.yml die niet gebouwd zijn"
