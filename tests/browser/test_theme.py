"""The theme's functions still work with the light assets: search, dark mode, navigation, downloads."""

from __future__ import annotations

from tests.conftest import wait_for_widgets


def test_search_finds_a_dutch_word_from_a_chapter(page, base_url):
    page.goto(base_url + "search.html?q=grensobject")
    results = page.locator("#search-results li a, ul.search li a")
    results.first.wait_for(timeout=20000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("04-grensoverschrijding" in h for h in hrefs), hrefs


SCHEME = """() => {
  const brightness = (colour) => colour.match(/\\d+/g).slice(0, 3).reduce((sum, part) => sum + Number(part), 0) / 3;
  const page = getComputedStyle(document.body);
  return {
    mode: document.documentElement.dataset.mode,
    theme: document.documentElement.dataset.theme,
    background: brightness(page.backgroundColor) < 128 ? "dark" : "light",
    text: brightness(page.color) < 128 ? "dark" : "light",
  };
}"""
"""The mode the reader chose, the scheme the theme applied, and what the page really shows (background, text)."""


def shown(mode: str, scheme: str) -> dict[str, str]:
    return {"mode": mode, "theme": scheme, "background": scheme, "text": "light" if scheme == "dark" else "dark"}


def test_dark_mode_toggles(page, base_url):
    """With a light system setting the switch goes auto -> dark -> light -> auto, and the page follows each time."""
    page.emulate_media(color_scheme="light")
    page.goto(base_url + "intro.html")
    wait_for_widgets(page)
    switch = page.locator("button.theme-switch-button").first
    assert page.evaluate(SCHEME) == shown("auto", "light")
    for mode, scheme in (("dark", "dark"), ("light", "light"), ("auto", "light"), ("dark", "dark")):
        switch.click()
        assert page.evaluate(SCHEME) == shown(mode, scheme), f"na een klik naar {mode}"
    page.reload()
    wait_for_widgets(page)
    assert page.evaluate(SCHEME) == shown("dark", "dark"), "the choice is kept over a reload"


def test_automatic_mode_follows_a_dark_system_setting(page, base_url):
    page.emulate_media(color_scheme="dark")
    page.goto(base_url + "intro.html")
    wait_for_widgets(page)
    assert page.evaluate(SCHEME) == shown("auto", "dark")


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
