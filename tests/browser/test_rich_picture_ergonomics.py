"""The rich picture as a pleasure to draw: layout at laptop and phone size, double-click rename, an explicit Verbind,
placement in free space, Space versus Shift+Space, no scroll trap on a phone, the keyboard-only reference task, the
export's title, legend and name, and axe with the canvas in use in both colour schemes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.helpers import press_after_leaving_field, store_key, stored, widget
from tests.browser.rich_picture_tasks import (
    WIDGET,
    active_scene,
    check_reference_picture,
    keyboard_task,
    wait_for_saved_scene,
)
from tests.conftest import open_page, wait_for_widgets

PAGE = "exercises/rich-picture.html"
SVG = "{http://www.w3.org/2000/svg}"


def open_canvas(page: object, base_url: str) -> object:
    open_page(page, base_url, PAGE)
    return widget(page, WIDGET)


def node(canvas: object, element_id: str) -> object:
    return canvas.locator(f'.jd-rp-canvas [data-id="{element_id}"]')


def on_screen(page: object, locator: object) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + 30 <= size["height"] and box["x"] + 30 <= size["width"]


def test_tools_canvas_and_properties_on_screen_together_at_1366x768(page, base_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    canvas = open_canvas(page, base_url)
    node(canvas, "ouders").click()
    canvas.locator(".jd-rp-toolbar").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.evaluate("scrollBy(0, -60)")  # below the page's sticky header
    for part in [
        canvas.get_by_role("button", name="Actor", exact=True),
        canvas.get_by_role("button", name="Verbind"),
        canvas.get_by_role("button", name="Sneltoetsen"),
        canvas.get_by_label("Naam", exact=True),
    ]:
        assert on_screen(page, part), part
    stage = canvas.locator(".jd-rp-stage").bounding_box()
    props = canvas.locator(".jd-rp-props").bounding_box()
    assert props["x"] >= stage["x"] + stage["width"] - 1, "the properties sit beside the canvas"
    assert stage["y"] + stage["height"] <= 768, "the whole canvas is on screen"


def test_double_click_renames_in_place(page, base_url):
    canvas = open_canvas(page, base_url)
    canvas.locator(".jd-rp-canvas").scroll_into_view_if_needed()
    node(canvas, "bram").locator("text").dblclick()
    editor = canvas.locator(".jd-rp-inplace")
    assert editor.is_visible() and editor.input_value() == "Meester Bram"
    assert page.evaluate("document.activeElement.classList.contains('jd-rp-inplace')")
    page.keyboard.type("Meester Bram de Vries")
    page.keyboard.press("Enter")
    scene = wait_for_saved_scene(
        page, "scene.elements.some((e) => e.id === 'bram' && e.label === 'Meester Bram de Vries')"
    )
    assert next(e for e in scene["elements"] if e["id"] == "bram")["x"] == 640, "a double click moves nothing"
    assert page.evaluate("document.activeElement.getAttribute('data-id')") == "bram", "focus back on the element"
    assert not editor.is_visible()


def test_verbind_asks_for_two_elements_and_makes_exactly_that_relation(page, base_url):
    canvas = open_canvas(page, base_url)
    # Right after adding an actor (which is selected), Verbind still asks for the first element.
    canvas.get_by_role("button", name="Actor", exact=True).click()
    canvas.locator('.jd-rp-option[data-key="grootouder"]').click()
    page.keyboard.type("Oma")
    page.keyboard.press("Enter")
    oma = wait_for_saved_scene(page, "scene.elements.some((e) => e.label === 'Oma')")
    oma_id = next(e["id"] for e in oma["elements"] if e["label"] == "Oma")
    canvas.get_by_role("button", name="Verbind").click()
    status = canvas.locator(".jd-rp-status")
    assert "stap 1 van 2" in status.inner_text()
    node(canvas, "broers").locator("text").click()
    assert "stap 2 van 2" in status.inner_text() and "Broers en halfbroers" in status.inner_text()
    assert len(active_scene(page)["relations"]) == 2, "no relation after the first click"
    node(canvas, oma_id).locator("text").click()
    page.keyboard.type("past op")
    page.keyboard.press("Enter")
    scene = wait_for_saved_scene(page, "scene.relations.length === 3 && scene.relations[2].label === 'past op'")
    assert [(r["source"], r["target"]) for r in scene["relations"][2:]] == [("broers", oma_id)]


def test_new_elements_are_placed_in_free_space_never_on_top_of_each_other(page, base_url):
    canvas = open_canvas(page, base_url)
    node(canvas, "daan").focus()
    for _ in range(6):
        page.keyboard.press("a")
        page.keyboard.press("Enter")
        page.keyboard.type("Naam van een actor")
        page.keyboard.press("Enter")
    page.keyboard.press("t")
    page.keyboard.press("Enter")
    page.keyboard.press("g")
    page.keyboard.press("Enter")
    wait_for_saved_scene(page, "scene.elements.length === 17")
    boxes = canvas.locator(".jd-rp-canvas [data-id]").evaluate_all(
        """nodes => nodes.filter((n) => n.dataset.kind !== "boundary").map((n) => {
             const r = n.getBBox(); const m = n.getCTM();
             return { id: n.dataset.id, x: m.e + r.x * m.a, y: m.f + r.y * m.d, w: r.width * m.a, h: r.height * m.d };
           })"""
    )
    new = [b for b in boxes if b["id"].startswith(("a", "t"))]
    assert len(new) == 7
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a["id"] in {n["id"] for n in new} or b["id"] in {n["id"] for n in new}:
                apart = (
                    a["x"] + a["w"] <= b["x"]
                    or b["x"] + b["w"] <= a["x"]
                    or a["y"] + a["h"] <= b["y"]
                    or b["y"] + b["h"] <= a["y"]
                )
                assert apart, (a, b)


def test_space_selects_only_this_and_shift_space_adds(page, base_url):
    canvas = open_canvas(page, base_url)
    node(canvas, "daan").focus()
    page.keyboard.press("Space")
    node(canvas, "ouders").focus()
    page.keyboard.press("Space")
    assert canvas.locator(".jd-rp-selected[data-id]").evaluate_all("n => n.map((x) => x.dataset.id)") == ["ouders"]
    assert (
        "Ouders staat nu" in canvas.locator(".jd-rp-status").inner_text()
        or "geselecteerd" in canvas.locator(".jd-rp-status").inner_text()
    )
    node(canvas, "bram").focus()
    page.keyboard.press("Shift+Space")
    assert sorted(canvas.locator(".jd-rp-selected[data-id]").evaluate_all("n => n.map((x) => x.dataset.id)")) == [
        "bram",
        "ouders",
    ]
    page.keyboard.press("Delete")
    scene = wait_for_saved_scene(page, "!scene.elements.some((e) => e.id === 'bram')")
    assert {"daan", "broers"} <= {e["id"] for e in scene["elements"]}
    assert not {"ouders", "bram"} & {e["id"] for e in scene["elements"]}


def test_arrow_moves_are_announced_in_words(page, base_url):
    canvas = open_canvas(page, base_url)
    node(canvas, "ouders").focus()
    page.keyboard.press("ArrowLeft")
    text = canvas.locator(".jd-rp-status").inner_text()
    assert text.startswith("Ouders staat nu ") and "in de grens Thuis" in text
    assert not any(ch.isdigit() for ch in text)


def swipe(page: object, x: float, y: float, dy: float) -> None:
    """One finger moving up over the page, through the browser's own touch input (touch-action applies)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for i in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - dy * i / 10}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


SCROLL_WATCH = """() => {
  window.__scrolling = false;
  addEventListener("scroll", () => { window.__scrolling = true; });
  addEventListener("scrollend", () => { window.__scrolling = false; });
}"""
"""Keeps `window.__scrolling` true from a scroll of the page until its scrollend (a fling included)."""


@pytest.fixture
def phone(browser: object, base_url: str):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = ctx.new_page()
    yield page
    ctx.close()


def test_phone_one_finger_swipe_over_the_canvas_scrolls_the_page(phone, base_url):
    phone.goto(base_url + PAGE)
    wait_for_widgets(phone)
    canvas = widget(phone, WIDGET)
    stage = canvas.locator(".jd-rp-canvas")
    stage.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = stage.bounding_box()
    before = phone.evaluate("scrollY")
    phone.evaluate(SCROLL_WATCH)
    swipe(phone, box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.7, 250)
    # The swipe ends in a fling that goes on after the finger lifts: wait until the page has come to rest.
    phone.wait_for_function(f"scrollY > {before + 100} && !window.__scrolling")
    # Readable at the start: names at least 10 px high.
    size = node(canvas, "daan").locator("text").evaluate("t => t.getBoundingClientRect().height")
    assert size >= 10
    # In drawing mode the canvas fills the screen and one finger draws instead (the page stays put).
    canvas.get_by_role("button", name="Tekenmodus").click()
    full = canvas.locator(".jd-rp-canvas").bounding_box()
    assert full["height"] > 500 and full["width"] > 350
    assert canvas.locator(".jd-rp-canvas").evaluate("c => getComputedStyle(c).touchAction") == "none"
    after = phone.evaluate("scrollY")
    swipe(phone, full["x"] + full["width"] / 2, full["y"] + full["height"] / 2, 200)
    phone.evaluate("() => new Promise(requestAnimationFrame)")
    assert phone.evaluate("scrollY") == after
    canvas.get_by_role("button", name="Tekenmodus").click()


def test_keyboard_only_reference_task(page, base_url):
    canvas = open_canvas(page, base_url)
    presses = keyboard_task(page, canvas)
    scene = wait_for_saved_scene(page, "scene.elements.filter((e) => e.kind === 'bubble').length === 2")
    check_reference_picture(scene)
    assert presses <= 150, presses
    # The boundary holds the two actors it was drawn around.
    analysis = canvas.locator(".jd-rp-analysis").inner_text()
    assert "Thuis: Sanne, Ouders" in analysis or "Thuis: Ouders, Sanne" in analysis
    # Focus is never lost: it is on the canvas (the last bubble) at the end.
    assert page.evaluate("document.activeElement.closest('.jd-rp-canvas') !== null")
    # Help lists every shortcut the task used.
    page.keyboard.press("?")
    keys = canvas.locator(".jd-rp-keys").inner_text()
    for shortcut in ["A\n", "C\n", "F\n", "Spatie / Shift+Spatie", "S, R, X", "T, W, Z, G"]:
        assert shortcut in keys, shortcut
    assert page.errors == []


def test_export_has_title_legend_and_name(page, base_url, tmp_path):
    canvas = open_canvas(page, base_url)
    canvas.get_by_label("Naam op de export").fill("Sam de Student")
    with page.expect_download() as info:
        canvas.get_by_role("button", name="Exporteer SVG").click()
    path = tmp_path / "p.svg"
    info.value.save_as(path)
    root = ET.parse(path).getroot()
    texts = {t.get("class"): "".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class")}
    assert texts["jd-rp-export-title"] == "Daan (casus 2, Windesheim)"
    assert texts["jd-rp-export-author"] == "Gemaakt door Sam de Student"
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "jd-rp-legend-svg")
    words = " ".join("".join(t.itertext()) for t in legend.iter(f"{SVG}text"))
    for word in [
        "Legenda",
        "sterke relatie",
        "zwakke relatie",
        "gespannen relatie",
        "conflict",
        "gedachte",
        "zorg",
        "grens",
    ]:
        assert word in words


def test_page_lists_the_shortcuts_of_the_help(page, base_url):
    """The page's table under 'Zo bedien je het tekenvlak' is the list the widget shows with `?`, row for row."""
    canvas = open_canvas(page, base_url)
    node(canvas, "ouders").click()
    page.keyboard.press("?")
    help_rows = canvas.locator(".jd-rp-keys dl").evaluate(
        "(dl) => [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])"
    )
    table_rows = page.evaluate(
        """() => {
          const box = [...document.querySelectorAll("details")].find((d) =>
            d.querySelector("summary").textContent.includes("Zo bedien je het tekenvlak"));
          return [...box.querySelectorAll("tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent.trim()));
        }"""
    )
    assert len(help_rows) >= 16
    assert table_rows == help_rows


def exported_author(page: object, canvas: object, tmp_path: object) -> str:
    with page.expect_download() as info:
        canvas.get_by_role("button", name="Exporteer SVG").click()
    path = tmp_path / "naam.svg"
    info.value.save_as(path)
    root = ET.parse(path).getroot()
    return next(("".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "jd-rp-export-author"), "")


def test_export_name_is_the_portfolio_name_unless_another_is_typed(page, base_url, tmp_path):
    open_page(page, base_url, "exercises/portfolio.html")
    page.get_by_label("Je naam").fill("Aylin Aksoy")
    canvas = open_canvas(page, base_url)
    name = canvas.get_by_label("Naam op de export")
    # The student typed her name once, on "Mijn portfolio": the export carries it; nothing is saved for it here.
    assert name.input_value() == "Aylin Aksoy"
    assert exported_author(page, canvas, tmp_path) == "Gemaakt door Aylin Aksoy"
    assert store_key(WIDGET) not in stored(page)
    # Another name (a pair drawing together) is saved with the picture and outlives a reload and a new portfolio name.
    name.fill("Aylin en Bram")
    page.wait_for_function(
        "(key) => JSON.parse(localStorage.getItem(key) || 'null')?.state.author === 'Aylin en Bram'",
        arg=store_key(WIDGET),
    )
    open_page(page, base_url, "exercises/portfolio.html")
    page.get_by_label("Je naam").fill("Aylin A.")
    canvas = open_canvas(page, base_url)
    assert canvas.get_by_label("Naam op de export").input_value() == "Aylin en Bram"
    assert exported_author(page, canvas, tmp_path) == "Gemaakt door Aylin en Bram"
    # Emptied, the field goes back to the portfolio name.
    canvas.get_by_label("Naam op de export").fill("")
    page.wait_for_function("(key) => JSON.parse(localStorage.getItem(key)).state.author === ''", arg=store_key(WIDGET))
    page.reload()
    wait_for_widgets(page)
    assert canvas.get_by_label("Naam op de export").input_value() == "Aylin A."
    assert exported_author(page, canvas, tmp_path) == "Gemaakt door Aylin A."
    assert page.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_the_canvas_in_use(browser, base_url, scheme):
    ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    page.goto(base_url + PAGE)
    wait_for_widgets(page)
    canvas = widget(page, WIDGET)
    node(canvas, "ouders").click()
    page.keyboard.press("?")
    page.keyboard.press("a")  # the picker open, with its options
    page.keyboard.type("ou")
    selector = f'.jd-widget[data-widget-id="{WIDGET}"]'
    found = Axe().run(page, context={"include": [[selector]]}).response["violations"]
    page.keyboard.press("Escape")
    node(canvas, "ouders").dblclick()  # the in-place editor
    found += Axe().run(page, context={"include": [[selector]]}).response["violations"]
    ctx.close()
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, serious


def rename_daan_then_add_a_thought(
    page: object, base_url: str, in_place: bool, tap: bool = False
) -> tuple[object, int]:
    """Type a new name for Daan (in the properties panel, or in place after a double-click), then press "Gedachte
    toevoegen" held for a moment, as a person does with a mouse, or `tap` it with a finger. Checks that the button
    did its work and the name was kept; returns the widget and the number of elements before."""
    canvas = open_canvas(page, base_url)
    field = "jd-rp-inplace" if in_place else "jd-rp-label-input"
    if in_place:
        node(canvas, "daan").dblclick()
    else:
        node(canvas, "daan").click()
    canvas.locator(f".{field}:not([hidden])").fill("Daan (9 jaar)")
    before = canvas.locator(".jd-rp-canvas [data-id]").count()
    button = canvas.get_by_role("button", name="Gedachte toevoegen")
    if tap:
        button.tap()
    else:
        press_after_leaving_field(page, button, f"!document.activeElement?.classList.contains('{field}')")
    page.wait_for_function(
        "([selector, count]) => document.querySelectorAll(selector).length === count",
        arg=[f'.jd-widget[data-widget-id="{WIDGET}"] .jd-rp-canvas [data-id]', before + 1],
    )
    # The name was kept too (read back from the element's own description).
    assert "Daan (9 jaar)" in node(canvas, "daan").get_attribute("aria-label")
    return canvas, before


def test_a_button_pressed_right_after_typing_a_label_does_its_work(page, base_url):
    """Leaving the panel's name field redraws the panel; the press that left it still does its work."""
    rename_daan_then_add_a_thought(page, base_url, in_place=False)


def test_a_button_pressed_while_renaming_in_place_does_its_work(page, base_url):
    """Leaving the in-place editor keeps the name and redraws; the press that left it still does its work."""
    canvas, before = rename_daan_then_add_a_thought(page, base_url, in_place=True)
    # The new thought is open for naming, and stays so: leaving the first name did not close the second.
    editor = canvas.locator(".jd-rp-inplace")
    assert editor.evaluate("e => document.activeElement === e && !e.hidden")
    assert editor.input_value() != "Daan (9 jaar)"
    # The history has them in the order they were done: one undo takes the thought away and keeps the name.
    canvas.get_by_role("button", name="Ongedaan maken").click()
    expect(canvas.locator(".jd-rp-canvas [data-id]")).to_have_count(before)
    assert "Daan (9 jaar)" in node(canvas, "daan").get_attribute("aria-label")


@pytest.mark.parametrize("in_place", [False, True], ids=["panel", "in-place"])
def test_a_tap_right_after_typing_a_name_does_its_work_on_a_phone(phone, base_url, in_place):
    """A finger's tap moves the focus (and so commits the name) only after the finger has lifted, at the mousedown
    the browser then sends: the tapped button still does its work."""
    rename_daan_then_add_a_thought(phone, base_url, in_place=in_place, tap=True)


def test_leaving_the_in_place_editor_by_tab_keeps_the_name_and_the_focus(page, base_url):
    canvas = open_canvas(page, base_url)
    node(canvas, "daan").dblclick()
    page.keyboard.type("Daan T")
    page.keyboard.press("Tab")
    assert "Daan T" in node(canvas, "daan").get_attribute("aria-label")
    assert canvas.evaluate("w => w.contains(document.activeElement) && !document.activeElement.hidden")
