"""Every page in the light and the dark colour scheme, with its widgets in use: axe finds no serious or critical
violation (contrast included), no content outside the landmarks and no skipped heading level (helpers.failing).

One browser context per scheme (each page is its own test, with its own time limit); a student's example portfolio
is imported once, so every widget shows saved work (answers with feedback, finished scans with their results,
pictures, assessments); a role-play is played one step on its page, so its feedback is open too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.helpers import failing, follows_the_colour_scheme
from tests.conftest import ROOT, site_pages, wait_for_widgets

PAGES = site_pages()

EXAMPLE = ROOT / "data" / "examples" / "cohort" / "portfolios" / "portfolio-aylin-a.json"


def import_example(page: object, base_url: str) -> None:
    page.goto(base_url + "exercises/portfolio.html")
    page.wait_for_function("document.querySelector('.jd-portfolio')?.dataset.jdReady === '1'")
    page.set_input_files("#jd-portfolio-import", str(EXAMPLE))
    page.get_by_role("button", name="Samenvoegen").click()
    page.locator(".jd-portfolio-status", has_text="Samengevoegd").wait_for()


def use_widgets(page: object) -> None:
    """What saved work does not show yet: a knowledge check's feedback and a role-play's feedback after a choice."""
    for check in page.locator('.jd-widget[data-widget="knowledge-check"]').all():
        if check.locator(".jd-kc-feedback, [role=status]:not(:empty)").count() == 0 and check.locator("input").count():
            check.locator("input").first.check()
            check.get_by_role("button", name="Controleer").click()
    for play in page.locator('.jd-widget[data-widget="role-play"]').all():
        start = play.get_by_role("button", name="Start met deze rol")
        if start.count():
            start.click()
            play.locator(".jd-play-options button").first.click()
            play.locator(".jd-play-h", has_text="Wat je keuze deed").wait_for()


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_page(browser: object, base_url: str, request: pytest.FixtureRequest) -> Iterator[tuple[str, object]]:
    """One context per colour scheme, with the example portfolio imported once; yields (scheme, page)."""
    ctx = browser.new_context(color_scheme=request.param, viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    import_example(page, base_url)
    yield request.param, page
    ctx.close()


def test_the_checks_cover_the_site():
    assert len(PAGES) >= 15


@pytest.mark.parametrize("path", PAGES)
def test_every_page_passes_axe_with_its_widgets_in_use(scheme_page: tuple[str, object], base_url: str, path: str):
    scheme, page = scheme_page
    page.goto(base_url + path)
    wait_for_widgets(page)
    if not follows_the_colour_scheme(page):
        # The printable reader is a light print document in either scheme, without live widgets to use: axe checks
        # it in test_pages.py (light, the same rules and more); here, only that it is the one such page.
        assert path == "reader.html", path
        return
    assert page.evaluate("document.documentElement.dataset.theme") == scheme, path
    use_widgets(page)
    violations = failing(Axe().run(page).response["violations"])
    assert not violations, [f"{v['id']}: {[n['target'] for n in v['nodes']][:4]}" for v in violations]


def test_logo_stays_readable_in_dark_mode(browser: object, base_url: str):
    ctx = browser.new_context(color_scheme="dark")
    page = ctx.new_page()
    page.goto(base_url + "intro.html")
    logo = page.locator(".navbar-brand img").first
    plate = logo.evaluate("img => getComputedStyle(img).backgroundColor")
    ctx.close()
    assert plate == "rgb(255, 255, 255)", "het logo (donkere tekst) staat in donkere modus op een lichte plaat"
