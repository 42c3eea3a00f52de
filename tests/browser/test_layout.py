"""Every page fits a phone: no sideways scrolling at 390 px, and no floating button over the exercises."""

from __future__ import annotations

from pathlib import Path

from tests.browser.pdftext import pdf_text, squashed
from tests.conftest import site_pages, wait_for_widgets

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    const parent = el.parentElement.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1 && parent.right <= width + 1) {
      wide.push(`${el.tagName.toLowerCase()}.${String(el.className).split(" ")[0]} (${Math.round(box.right)} px)`);
    }
  }
  return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
}"""


def test_no_page_is_wider_than_a_phone(browser: object, base_url: str):
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    too_wide = {}
    pages = site_pages()
    for path in pages:
        page.goto(base_url + path)
        wait_for_widgets(page)
        measured = page.evaluate(WIDER_THAN_SCREEN)
        if measured["scroll"] > measured["width"]:
            too_wide[path] = measured
    ctx.close()
    assert len(pages) >= 15
    assert not too_wide, too_wide


def test_back_to_top_covers_no_answer_option_on_a_phone(browser: object, base_url: str):
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    page.goto(base_url + "chapters/01-jeugddomein/index.html")
    wait_for_widgets(page)
    option = page.locator(".jd-widget label").first
    shown = "document.getElementById('pst-back-to-top').style.display === 'block'"
    hidden = "document.getElementById('pst-back-to-top').style.display === 'none'"

    def scroll_option_to(y: float) -> None:
        """Scroll down past the option, then up until its top is at `y`: the theme shows its button on the way up."""
        top = option.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
        page.evaluate(f"window.scrollTo(0, {top - y + 300})")
        page.wait_for_function(hidden)
        page.evaluate(f"window.scrollTo(0, {top - y})")
        page.wait_for_function(shown)

    scroll_option_to(400)
    button = page.locator("#pst-back-to-top")
    if button.is_visible():
        scroll_option_to(button.bounding_box()["y"])  # the option right under the button, where a reader looks
        a, b = button.bounding_box(), option.bounding_box()
        overlap = a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
        overlap = overlap and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
        assert not (overlap and button.is_visible()), "'Naar boven' ligt over een antwoordoptie"
    ctx.close()


DRAWN = "(el) => el.checkVisibility({ contentVisibilityAuto: true })"
DRAWN_WHILE_LOADING = """document.addEventListener("DOMContentLoaded", () => {
  const drawn = (selector) => document.querySelector(selector).checkVisibility({ contentVisibilityAuto: true });
  window.drawnWhileLoading = [drawn(".bd-article > section > section > h2"), drawn("#samenvatting > h2")];
});"""


def test_a_long_chapter_paints_its_first_screen_before_the_rest(browser: object, base_url: str, tmp_path: Path):
    """On a cheap phone, laying out all of chapter 1 at once cost more than loading it: while the page loads, a
    section off screen is not drawn. Once the page is ready the whole of it is: its text reads as laid out, a link
    into a far section lands at its heading, and it prints whole."""
    ctx = browser.new_context(**PHONE)
    ctx.add_init_script(DRAWN_WHILE_LOADING)
    page = ctx.new_page()
    chapter = base_url + "chapters/01-jeugddomein/index.html"
    page.goto(chapter)
    wait_for_widgets(page)
    assert page.evaluate("window.drawnWhileLoading") == [True, False], "first section drawn, a far one not yet"
    last = page.locator("#samenvatting > h2")
    assert last.evaluate(DRAWN) and "Samenvatting" in last.inner_text()
    page.goto(chapter + "#samenvatting")
    wait_for_widgets(page)
    top = last.evaluate("(el) => el.getBoundingClientRect().top")
    assert 0 <= top < 200, top
    pdf = tmp_path / "chapter.pdf"
    pdf.write_bytes(page.pdf())
    assert squashed("Verder lezen") in squashed(pdf_text(pdf)), "the last section is missing from the printed chapter"
    ctx.close()
