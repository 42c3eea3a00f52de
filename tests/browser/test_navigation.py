"""Navigation on a phone, a tablet and a laptop: the visible ☰ and table-of-contents toggles do what they show."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.helpers import TOUCH, visible_one
from tests.conftest import wait_for_widgets

CHAPTER = "chapters/01-jeugddomein/index.html"


@pytest.fixture(params=sorted(TOUCH))
def touch_page(browser: object, base_url: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """A page in a touch device's viewport (phone or tablet)."""
    name = request.param
    ctx = browser.new_context(viewport=TOUCH[name], has_touch=True, is_mobile=name == "phone")
    pg = ctx.new_page()
    pg.goto(base_url + CHAPTER)
    wait_for_widgets(pg)
    yield pg
    ctx.close()


def test_menu_opens_the_navigation_and_a_chapter_link_is_tappable(touch_page: object):
    page = touch_page
    assert page.locator(".primary-toggle").count() == 1, "er is maar één knop voor de navigatie"
    visible_one(page, ".primary-toggle").tap()
    dialog = page.locator("#pst-primary-sidebar-modal")
    dialog.locator("a", has_text="Systeemtheorie").first.wait_for(state="visible", timeout=5000)
    assert dialog.evaluate("d => d.open")
    dialog.locator("a", has_text="Systeemtheorie").first.tap()
    page.wait_for_url("**/02-systeemtheorie/index.html")


def test_table_of_contents_toggle_opens_this_pages_sections(touch_page: object):
    page = touch_page
    assert page.locator(".secondary-toggle").count() == 1, "er is maar één knop voor de inhoud van de pagina"
    visible_one(page, ".secondary-toggle").tap()
    dialog = page.locator("#pst-secondary-sidebar-modal")
    section = dialog.locator("nav a").first
    section.wait_for(state="visible", timeout=5000)
    target = section.get_attribute("href")
    section.tap()
    page.wait_for_url(f"**{target}")


def test_menu_collapses_and_restores_the_sidebar_on_a_laptop(browser: object, base_url: str):
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    page.goto(base_url + CHAPTER)
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    visible_one(page, "button.search-button__button, button.search-button")  # one search box, not two
    visible_one(page, ".primary-toggle").click()
    sidebar.wait_for(state="hidden", timeout=5000)
    assert not page.locator("#pst-primary-sidebar-modal").evaluate("d => d.open"), "op een laptop geen dialoog"
    visible_one(page, ".primary-toggle").click()
    sidebar.wait_for(state="visible", timeout=5000)
    ctx.close()


SETTLED = "Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))"
"""Waits for running transitions (the skip link slides into view when it has the focus)."""
FOCUS_BOX = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const boxes = [el, ...el.querySelectorAll("*")]
    .map((e) => e.getBoundingClientRect())
    .filter((r) => r.width && r.height);
  if (!boxes.length) return null;
  const left = Math.max(0, Math.min(...boxes.map((r) => r.left)) - 8);
  const top = Math.max(0, Math.min(...boxes.map((r) => r.top)) - 8);
  const right = Math.min(innerWidth, Math.max(...boxes.map((r) => r.right)) + 8);
  const bottom = Math.min(innerHeight, Math.max(...boxes.map((r) => r.bottom)) + 8);
  const name = el.getAttribute("aria-label") || el.textContent.trim().slice(0, 40) || el.tagName;
  if (right - left < 1 || bottom - top < 1) return { name, clip: null };
  return { name, clip: { x: left, y: top, width: right - left, height: bottom - top } };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_around_the_text_shows_the_keyboard_focus(browser: object, base_url: str, scheme: str):
    """Keyboard only, on a laptop: each of the first tab stops (skip link, sidebar, the buttons above the text, the
    page's contents) looks different with the focus than without it, so a keyboard user sees where the focus is."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, color_scheme=scheme, reduced_motion="reduce")
    page = ctx.new_page()
    page.goto(base_url + CHAPTER)
    wait_for_widgets(page)
    unseen, checked = [], 0
    for _ in range(45):
        page.keyboard.press("Tab")
        page.evaluate(SETTLED)
        stop = page.evaluate(FOCUS_BOX)
        if stop is None:
            continue
        assert stop["clip"], f"{scheme}: de focus staat op {stop['name']}, buiten beeld"
        with_focus = page.screenshot(clip=stop["clip"])
        page.evaluate("window.__focused = document.activeElement; document.activeElement.blur()")
        page.evaluate(SETTLED)
        without_focus = page.screenshot(clip=stop["clip"])
        page.evaluate("window.__focused.focus({ preventScroll: true })")
        checked += 1
        if with_focus == without_focus:
            unseen.append(stop["name"])
    ctx.close()
    assert checked >= 30
    assert unseen == [], f"{scheme}: geen zichtbare focus op {unseen}"
