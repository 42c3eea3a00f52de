"""The theme's functions still work with the light assets: search, dark mode, navigation, downloads."""

from __future__ import annotations

from tests.conftest import wait_for_widgets


def test_search_finds_a_dutch_word_from_a_chapter(page, base_url):
    page.goto(base_url + "search.html?q=grensobject")
    results = page.locator("#search-results li a, ul.search li a")
    results.first.wait_for(timeout=20000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("04-grensoverschrijding" in h for h in hrefs), hrefs


def test_dark_mode_toggles(page, base_url):
    page.goto(base_url + "intro.html")
    wait_for_widgets(page)
    before = page.evaluate("document.documentElement.dataset.theme")
    page.locator("button.theme-switch-button").first.click()
    after = page.evaluate("document.documentElement.dataset.theme")
    page.locator("button.theme-switch-button").first.click()
    assert {before, after} == {"light", "dark"} or page.evaluate("document.documentElement.dataset.theme") != after


def test_navigation_to_next_chapter(page, base_url):
    page.goto(base_url + "chapters/01-jeugddomein/index.html")
    page.locator("a.right-next").click()
    page.wait_for_url("**/02-systeemtheorie/index.html")
    assert "Systeemtheorie" in page.title()


def test_download_source_and_print(page, base_url, context):
    page.goto(base_url + "chapters/01-jeugddomein/index.html")
    source = page.locator('a[href$="index.md"]').first.get_attribute("href")
    response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + source)
    assert response.ok and b"Het brede jeugddomein" in response.body()
    assert page.locator('button[onclick*="print"], button.btn-download-pdf-button').count() >= 1


def test_icons_are_inline_svg_and_named(page, base_url):
    page.goto(base_url + "intro.html")
    assert page.locator("i.fa-solid").count() == 0
    assert page.locator("svg.jd-icon").count() >= 5
    for button in page.locator("button.theme-switch-button, button.search-button__button").all():
        assert (button.get_attribute("aria-label") or button.get_attribute("title") or button.inner_text()).strip()
