"""The site under a strict Content-Security-Policy: every page and every widget works, and nothing is refused."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jeugddomein.sphinxext.postprocess import CONTENT_SECURITY_POLICY
from tests.browser.helpers import png_size_and_ink, wait_for_search
from tests.conftest import PAGE_READY, book_pages, serve

PAGES = book_pages()

# Records every CSP violation the page reports (also those before any test code runs) and every print request.
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI || '(inline)'} ${e.sourceFile || ''}:${e.lineNumber || ''}`);
});
window.__printed = 0;
window.print = () => { window.__printed += 1; };
"""


@pytest.fixture(scope="module")
def csp_url(site: Path) -> Iterator[str]:
    server, url = serve(site, headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY})
    yield url
    server.shutdown()


@pytest.fixture
def csp_page(context: object) -> object:
    context.add_init_script(WATCH)
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda error: pg.errors.append(str(error)))
    pg.on("console", lambda msg: msg.type == "error" and pg.errors.append(msg.text))
    return pg


def wait_until(page: object, expression: str, timeout: float = 15.0) -> object:
    """Poll an expression until it is truthy. (Playwright's wait_for_function evaluates strings with eval, which this
    very policy forbids; page.evaluate is not subject to the page's CSP.)"""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value or time.monotonic() > deadline:
            assert value, f"{expression} bleef onwaar"
            return value
        page.wait_for_timeout(100)


def wait_for_widgets(page: object) -> None:
    wait_until(page, PAGE_READY)


def violations(page: object) -> list[str]:
    return page.evaluate("window.__csp")


def test_the_server_sends_the_policy(csp_url: str, csp_page: object):
    response = csp_page.goto(csp_url + "intro.html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY and "'unsafe-eval'" not in CONTENT_SECURITY_POLICY


def test_the_watch_catches_an_inline_script(csp_url: str, csp_page: object):
    """The check below can fail: an inline script under this policy is refused and reported."""
    csp_page.goto(csp_url + "intro.html")
    csp_page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.append(s); }"
    )
    wait_until(csp_page, "window.__csp.length > 0")
    assert csp_page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in violations(csp_page))


@pytest.mark.parametrize("path", PAGES)
def test_page_works_under_the_policy(csp_url: str, csp_page: object, path: str):
    response = csp_page.goto(csp_url + path)
    assert response is not None and response.ok
    if path == "index.html":  # a redirect to intro.html
        csp_page.wait_for_url("**/intro.html")
    wait_for_widgets(csp_page)
    csp_page.wait_for_load_state("networkidle")
    total = csp_page.locator(".jd-widget[data-widget]").count()
    ready = csp_page.locator(".jd-widget.jd-ready").count()
    assert violations(csp_page) == [], f"{path}: {violations(csp_page)}"
    assert csp_page.errors == [], f"{path}: {csp_page.errors}"
    if path != "reader.html":
        assert ready == total, f"{path}: {total - ready} van {total} oefeningen werken niet onder de CSP"
        # The theme's script ran (it sets the colour mode from the moved inline script).
        assert csp_page.evaluate("document.documentElement.dataset.mode") in ("auto", "light", "dark")


def test_theme_scripts_and_print_button_work(csp_url: str, csp_page: object):
    csp_page.goto(csp_url + "chapters/02-systeemtheorie/index.html")
    wait_for_widgets(csp_page)
    # The moved sphinx-togglebutton variables are visible to its script (a global from another file).
    assert csp_page.evaluate("typeof toggleHintShow") == "string"
    # The print button lost its onclick; runtime.js handles data-jd-print.
    button = csp_page.locator("button[data-jd-print]")
    assert button.count() == 1 and csp_page.locator("[onclick]").count() == 0
    csp_page.evaluate("document.querySelector('button[data-jd-print]').click()")
    assert csp_page.evaluate("window.__printed") == 1
    # Theme switch (pydata JS) still works.
    before = csp_page.evaluate("document.documentElement.dataset.mode")
    csp_page.locator("button.theme-switch-button").first.click()
    assert csp_page.evaluate("document.documentElement.dataset.mode") != before
    assert violations(csp_page) == [] and csp_page.errors == []


def test_widgets_save_and_search_works_under_the_policy(csp_url: str, csp_page: object):
    csp_page.goto(csp_url + "chapters/01-jeugddomein/index.html")
    wait_for_widgets(csp_page)
    check = csp_page.locator('.jd-widget[data-widget="knowledge-check"]').first
    check.locator("input").first.check()
    check.get_by_role("button", name="Controleer").click()
    assert check.locator(".jd-kc-result").inner_text() != ""
    reflection = csp_page.locator('.jd-widget[data-widget="reflection"] textarea').first
    reflection.fill("Een reflectie onder een strenge beveiligingsheader.")
    csp_page.reload()
    wait_for_widgets(csp_page)
    assert "strenge" in csp_page.locator('.jd-widget[data-widget="reflection"] textarea').first.input_value()
    csp_page.goto(csp_url + "search.html?q=grensobject")
    wait_for_search(csp_page)
    assert violations(csp_page) == [] and csp_page.errors == []


def test_png_export_draws_through_a_blob_url_under_the_policy(csp_url: str, csp_page: object, tmp_path: Path):
    """The rich picture's PNG export loads its SVG as an image from a blob: URL (img-src must allow blob:); the
    download is a real picture, not an empty one."""
    csp_page.goto(csp_url + "exercises/rich-picture.html")
    wait_for_widgets(csp_page)
    button = csp_page.locator('.jd-widget[data-widget-id="rich-picture-daan"]').get_by_role(
        "button", name="Exporteer PNG"
    )
    with csp_page.expect_download(timeout=15000) as info:
        button.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    width, height, dark = png_size_and_ink(target)
    assert width > 100 and height > 100 and dark > 2000, "de PNG is leeg"
    assert violations(csp_page) == [] and csp_page.errors == []
