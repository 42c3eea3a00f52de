"""Long pages lay out a section only when it comes near the screen (sphinxext/layout.py marks the sections,
jeugddomein.css gives them content-visibility: auto). A reader must not notice: the spacing stays, a link to a
section lands on it, a focus ring at a section's edge is drawn whole, and print shows everything."""

from __future__ import annotations

import base64
from pathlib import Path

from tests.browser.pdftext import pdf_text
from tests.conftest import site_pages, wait_for_widgets

CHAPTER = "chapters/01-jeugddomein/index.html"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
MARKED = ".bd-article section.jd-deferred-layout"
RENDERED = "(el) => el.checkVisibility({ contentVisibilityAuto: true })"
SCROLL_THROUGH = """async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) { scrollTo(0, y); await frame(); }
  scrollTo(0, 0);
  await frame();
}"""
HEADING_GAPS = """() => {
  const headings = [...document.querySelectorAll(".bd-article :is(h2, h3, h4)")];
  const top = (el) => el.getBoundingClientRect().top + scrollY;
  return headings.slice(1).map((h, i) => [h.textContent.trim().slice(0, 60), top(h) - top(headings[i])]);
}"""
UNMARK = f"""() => document.querySelectorAll("{MARKED}").forEach((s) => s.classList.remove("jd-deferred-layout"))"""


def test_a_chapter_lays_out_a_section_only_when_it_comes_near_the_screen(browser: object, base_url: str):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + CHAPTER)
        wait_for_widgets(page)
        sections = page.locator(MARKED)
        assert sections.count() >= 8
        last = sections.last.locator("p").first
        assert not last.evaluate(RENDERED), "a section far below the screen is not laid out yet"
        last.scroll_into_view_if_needed()
        page.wait_for_function(
            f"document.querySelectorAll('{MARKED}')[{sections.count() - 1}]"
            ".querySelector('p').checkVisibility({ contentVisibilityAuto: true })"
        )
        assert page.locator(".bd-article").get_by_text(last.inner_text()[:40]).first.is_visible()
    finally:
        context.close()


def test_the_space_above_every_heading_stays_as_it_was(browser: object, base_url: str):
    """Each heading's distance to the heading before it, with the marked sections and without the marks (the plain
    theme layout), differs by less than a paragraph's bottom margin; on a phone nothing scrolls sideways."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        checked, moved = 0, {}
        for path in site_pages():
            page.goto(base_url + path)
            wait_for_widgets(page)
            if not page.locator(MARKED).count():
                continue
            checked += 1
            page.evaluate(SCROLL_THROUGH)  # every section laid out once: its size is known from then on
            marked = page.evaluate(HEADING_GAPS)
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), path
            page.evaluate(UNMARK)
            plain = page.evaluate(HEADING_GAPS)
            margin = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.bd-article p')).marginBottom)")
            assert [name for name, _ in marked] == [name for name, _ in plain]
            off = [
                (name, round(a - b, 1))
                for (name, a), (_, b) in zip(marked, plain, strict=True)
                if abs(a - b) > margin + 1
            ]
            if off:
                moved[path] = off
        assert checked >= 10, checked
        assert not moved, moved
    finally:
        context.close()


def test_a_link_to_a_late_section_lands_on_its_heading(browser: object, base_url: str):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + CHAPTER)
        wait_for_widgets(page)
        target = page.locator(MARKED).nth(-2).get_attribute("id")
        page.goto(f"{base_url}{CHAPTER}#{target}")
        wait_for_widgets(page)
        page.evaluate("new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
        heading = page.locator(f"section#{target} > h2")
        top = heading.evaluate("(h) => h.getBoundingClientRect().top")
        assert 0 <= top < 200, f"de kop staat op {top} px in plaats van bovenaan het scherm"
    finally:
        context.close()


EDGE_LINK = f"""() => {{
  for (const section of document.querySelectorAll("{MARKED}")) {{
    const edge = section.getBoundingClientRect().left + parseFloat(getComputedStyle(section).paddingLeft);
    const link = [...section.querySelectorAll("p > a[href]")].find((a) => a.getBoundingClientRect().left - edge < 1);
    if (link) {{ link.dataset.edgeLink = ""; return true; }}
  }}
  return false;
}}"""


RING_PIXELS = """async ({ png, color }) => {
  const image = new Image();
  image.src = `data:image/png;base64,${png}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const [r, g, b] = color.match(/\\d+/g).map(Number);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 30) count += 1;
  }
  return count;
}"""


def test_a_focus_ring_at_the_edge_of_a_section_is_drawn_whole(browser: object, base_url: str):
    """A link at the start of a line touches the section's edge: with the keyboard on it, its focus ring must be
    drawn as in the plain theme layout (a marked section paints nothing outside its padding): as many pixels in the
    ring's colour, give or take 1% (a ring cut off on one side loses about a quarter of them)."""
    context = browser.new_context(**LAPTOP)
    try:
        page = context.new_page()
        page.goto(base_url + CHAPTER)
        wait_for_widgets(page)
        assert page.evaluate(EDGE_LINK), "een link aan het begin van een regel in een gemarkeerde sectie"
        link = page.locator("[data-edge-link]")

        def ring() -> bytes:
            link.evaluate("(a) => a.scrollIntoView({ block: 'center' })")
            link.focus()
            page.keyboard.press("Shift+Tab")  # arrive with the keyboard: the ring shows (:focus-visible)
            page.keyboard.press("Tab")
            assert link.evaluate("(a) => a === document.activeElement && a.matches(':focus-visible')")
            box = link.bounding_box()
            return page.screenshot(
                clip={"x": box["x"] - 8, "y": box["y"] - 8, "width": box["width"] + 16, "height": box["height"] + 16}
            )

        marked = ring()
        page.evaluate(UNMARK)
        plain = ring()
        color = link.evaluate("(a) => getComputedStyle(a).outlineColor")
        drawn = [
            page.evaluate(RING_PIXELS, {"png": base64.b64encode(shot).decode(), "color": color})
            for shot in (marked, plain)
        ]
        assert drawn[1] > 100, drawn
        assert abs(drawn[0] - drawn[1]) <= drawn[1] / 100, f"focusring {drawn[0]} pixels, zonder markering {drawn[1]}"
    finally:
        context.close()


def test_print_shows_every_section(page: object, base_url: str, tmp_path: Path):
    page.goto(base_url + CHAPTER)
    wait_for_widgets(page)
    last_words = page.locator(MARKED).last.locator("p").first.evaluate("(p) => p.textContent")
    pdf = tmp_path / "hoofdstuk.pdf"
    page.pdf(path=str(pdf))
    squeeze = lambda text: " ".join(text.split())  # noqa: E731
    assert squeeze(last_words)[:60] in squeeze(pdf_text(pdf))
