"""Every page fits a phone: no sideways scrolling at 390 px, and no floating button over the exercises."""

from __future__ import annotations

from pathlib import Path

from tests.browser.pdftext import pdf_text, squashed
from tests.conftest import site_pages, wait_for_widgets

DRAWN = "(el) => el.checkVisibility({ contentVisibilityAuto: true })"
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
    # Its section is drawn once near the screen (see the test below); measured before that, it would still move.
    option.evaluate("el => el.scrollIntoView()")
    page.wait_for_function(f"({DRAWN})(document.querySelector('.jd-widget label'))")
    page.evaluate("window.scrollTo(0, 0)")
    shown = "document.getElementById('pst-back-to-top').style.display === 'block'"
    hidden = "document.getElementById('pst-back-to-top').style.display === 'none'"

    def scroll_option_to(y: float) -> None:
        """Scroll down past the option, then up until its top is at `y`: the theme shows its button on the way up."""
        top = "el.getBoundingClientRect().top + window.scrollY"  # read at each step: drawing a section moves it
        option.evaluate(f"el => window.scrollTo(0, {top} - {y} + 300)")
        page.wait_for_function(hidden)
        option.evaluate(f"el => window.scrollTo(0, {top} - {y})")
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


def test_a_long_chapter_draws_its_sections_as_they_near_the_screen(browser: object, base_url: str, tmp_path: Path):
    """On a cheap phone, laying out all of chapter 1 at once cost more than loading it: a section is drawn when it
    nears the screen. Its widgets work all the same, a link into it lands at its heading, and it prints."""
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    chapter = base_url + "chapters/01-jeugddomein/index.html"
    page.goto(chapter)
    wait_for_widgets(page)
    first, last = page.locator(".bd-article > section > section > h2").first, page.locator("#samenvatting > h2")
    assert first.evaluate(DRAWN)
    assert not last.evaluate(DRAWN), "a section far below the first screen is drawn at once"
    # The last knowledge check sits in a section not drawn yet: it is ready, and answers once scrolled to.
    check = page.locator(".jd-widget[data-widget='knowledge-check']").last
    assert not check.locator("legend").evaluate(DRAWN)
    assert "jd-ready" in check.get_attribute("class")
    check.locator("input").first.check()
    check.get_by_role("button", name="Controleer").click()
    assert check.locator(".jd-kc-result").inner_text().strip()
    assert check.locator("legend").evaluate(DRAWN)
    # A link into a far section lands at its heading, drawn.
    page.goto(chapter + "#samenvatting")
    page.wait_for_function(f"({DRAWN})(document.querySelector('#samenvatting > h2'))")
    top = last.evaluate("(el) => el.getBoundingClientRect().top")
    assert 0 <= top < 200, top
    # Printed, every section is there.
    pdf = tmp_path / "chapter.pdf"
    pdf.write_bytes(page.pdf())
    assert squashed("Verder lezen") in squashed(pdf_text(pdf)), "the last section is missing from the printed chapter"
    ctx.close()
