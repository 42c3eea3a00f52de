"""The rich-picture canvas as a student uses it: keyboard only, undo/redo, reload, export and import."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.helpers import png_size_and_ink, store_key, stored, widget
from tests.browser.rich_picture_tasks import active_scene, wait_for_saved_scene
from tests.conftest import open_page, wait_for_widgets
from tests.factories import DAAN, V1

PAGE = "exercises/rich-picture.html"
WIDGET = "rich-picture-daan"
SVG = "{http://www.w3.org/2000/svg}"

ACTORS = [
    ("kind", "Sanne"),
    ("ouders", "Ouders"),
    ("leraar", "Juf Ilse"),
    ("intern-begeleider", "IB'er Karin"),
    ("jeugdhulpverlener", "Jeugdhulpverlener Ahmed"),
    ("wijkteam", "Wijkteam"),
]
RELATIONS = [
    (0, 1, "woont bij"),
    (0, 2, "ziet elke dag"),
    (2, 3, "overleg"),
    (3, 4, "verwijst"),
    (1, 2, "botsen over huiswerk"),
]


def open_canvas(page: object, base_url: str) -> object:
    open_page(page, base_url, PAGE)
    return widget(page, WIDGET)


def saved_state(page: object) -> dict:
    return stored(page)[store_key(WIDGET)]["state"]


def press_on(locator: object, key: str) -> None:
    """Put the keyboard focus on a control and press a key (as a keyboard user does after tabbing to it)."""
    locator.focus()
    locator.page.keyboard.press(key)


def node(canvas: object, element_id: str) -> object:
    return canvas.locator(f'.jd-rp-canvas [data-id="{element_id}"]')


def focused_id(page: object) -> str | None:
    return page.evaluate(
        "() => document.activeElement.getAttribute('data-id') || document.activeElement.getAttribute('data-rel')"
    )


def type_label(page: object, text: str) -> None:
    """Enter opens the label box of the focused element; type, Enter brings the focus back to the canvas."""
    item = focused_id(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('jd-rp-label-input')")
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    assert focused_id(page) == item


def build_picture_with_keyboard(page: object, canvas: object) -> list[str]:
    """Six actors, five relations (one strained with a conflict) and a boundary, all by keyboard."""
    press_on(canvas.get_by_role("button", name="Nieuwe tekening"), "Enter")
    assert active_scene(page)["elements"] == []
    ids = []
    for i, (pictogram, name) in enumerate(ACTORS):
        # A: the pictogram picker; its search finds the pictogram, Enter adds the actor and opens its name
        page.keyboard.press("a")
        page.keyboard.type(canvas.locator(f'.jd-rp-option[data-key="{pictogram}"]').inner_text()[:6])
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.classList.contains('jd-rp-inplace')")
        page.keyboard.type(name)
        page.keyboard.press("Enter")
        ids.append(focused_id(page))
        for _ in range(i % 3):
            page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Escape")
    for source, target, label in RELATIONS:
        node(canvas, ids[source]).focus()
        page.keyboard.press("c")  # asks for the second element by name
        page.keyboard.type(ACTORS[target][1])
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.classList.contains('jd-rp-inplace')"), "the words come next"
        page.keyboard.type(label)
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.getAttribute('data-rel')"), "focus moves to the new relation"
    # The last relation is strained and carries a conflict mark: style and conflict in the properties panel.
    style = canvas.get_by_label("Soort relatie")
    style.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert style.input_value() == "strained"
    press_on(canvas.get_by_label("Conflict (gekruiste zwaarden)"), "Space")
    # A boundary around the child and the parents.
    node(canvas, ids[0]).focus()
    page.keyboard.press("Space")
    node(canvas, ids[1]).focus()
    page.keyboard.press("Shift+Space")
    press_on(canvas.get_by_role("button", name="Grens", exact=True), "Enter")
    page.keyboard.type("Thuis")
    page.keyboard.press("Enter")
    return ids


def test_keyboard_only_picture_undo_redo_reload(page, base_url):
    canvas = open_canvas(page, base_url)
    ids = build_picture_with_keyboard(page, canvas)
    scene = active_scene(page)
    actors = [e for e in scene["elements"] if e["kind"] == "actor"]
    boundaries = [e for e in scene["elements"] if e["kind"] == "boundary"]
    assert [a["label"] for a in actors] == [name for _, name in ACTORS]
    assert [a["pictogram"] for a in actors] == [p for p, _ in ACTORS]
    assert len({(a["x"], a["y"]) for a in actors}) == 6, "every actor has its own place"
    assert [r["label"] for r in scene["relations"]] == [label for *_, label in RELATIONS]
    assert [(r["source"], r["target"]) for r in scene["relations"]] == [(ids[s], ids[t]) for s, t, _ in RELATIONS]
    strained = [r for r in scene["relations"] if r["style"] == "strained"]
    assert len(strained) == 1 and strained[0]["conflict"] is True and strained[0]["label"] == "botsen over huiswerk"
    assert len(boundaries) == 1 and boundaries[0]["label"] == "Thuis"
    # The boundary holds the two actors it was drawn around (the analysis under the canvas says so too).
    analysis = canvas.locator(".jd-rp-analysis").inner_text()
    assert "Thuis: Ouders, Sanne" in analysis or "Thuis: Sanne, Ouders" in analysis
    assert "Direct verbonden met Sanne: Ouders, Juf Ilse." in analysis
    assert canvas.locator(".jd-rp-canvas .jd-rp-conflict").count() == 1
    assert page.errors == []

    # Undo takes back the boundary's name, then the boundary; redo brings both back.
    done = json.dumps(scene, sort_keys=True)
    node(canvas, boundaries[0]["id"]).focus()
    page.keyboard.press("Control+z")
    assert next(e for e in active_scene(page)["elements"] if e["kind"] == "boundary")["label"] == "Grens"
    page.keyboard.press("Control+z")
    assert not [e for e in active_scene(page)["elements"] if e["kind"] == "boundary"]
    assert canvas.locator('.jd-rp-canvas [data-kind="boundary"]').count() == 0
    page.keyboard.press("Control+y")
    page.keyboard.press("Control+y")
    assert json.dumps(active_scene(page), sort_keys=True) == done
    assert canvas.get_by_role("button", name="Opnieuw").is_disabled()

    # Reload: the same picture, drawn and listed the same way.
    before_state = saved_state(page)
    list_before = canvas.locator(".jd-rp-list").inner_text()
    nodes_before = canvas.locator(".jd-rp-canvas [data-id]").count()
    page.reload()
    wait_for_widgets(page)
    canvas = widget(page, WIDGET)
    assert saved_state(page) == before_state
    assert canvas.locator(".jd-rp-list").inner_text() == list_before
    assert canvas.locator(".jd-rp-canvas [data-id]").count() == nodes_before == 7
    assert canvas.locator(".jd-rp-canvas [data-rel]").count() == 5
    assert canvas.get_by_label("Tekening", exact=True).locator("option").all_inner_texts() == [
        "Daan (casus 2, Windesheim)",
        "Tekening 2",
    ]


def svg_text(node: ET.Element) -> str:
    """The text of an SVG <text>, its wrapped lines (tspans) joined by spaces."""
    return " ".join("".join(span.itertext()) for span in node) or (node.text or "")


def download(page: object, button: object, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        press_on(button, "Enter")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_export_svg_png_json_and_reimport(page, base_url, tmp_path):
    canvas = open_canvas(page, base_url)
    build_picture_with_keyboard(page, canvas)
    scene = active_scene(page)

    # JSON: the scene format, identical to what is stored; importing it gives an identical new picture.
    exported = download(page, canvas.get_by_role("button", name="Exporteer JSON"), tmp_path)
    assert exported.name == "rich-picture-tekening-2.json"
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data == scene and data["format"] == "jeugddomein-rich-picture" and data["version"] == 2
    canvas.locator("input.jd-rp-file").set_input_files(str(exported))
    page.wait_for_function(f"() => JSON.parse(localStorage.getItem('{store_key(WIDGET)}')).state.pictures.length === 3")
    state = saved_state(page)
    assert state["active"] == state["pictures"][2]["id"]
    assert state["pictures"][2]["scene"] == data
    assert "geïmporteerd" in canvas.locator(".jd-rp-status").inner_text()
    assert canvas.locator(".jd-rp-canvas [data-id]").count() == 7

    # SVG: a standalone file with a title, a description and every element.
    svg_file = download(page, canvas.get_by_role("button", name="Exporteer SVG"), tmp_path)
    root = ET.parse(svg_file).getroot()
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Tekening 2"
    groups = root.iter(f"{SVG}g")
    kinds = [g.get("data-kind") for g in groups if g.get("data-kind")]
    assert kinds.count("actor") == 6 and kinds.count("relation") == 5 and kinds.count("boundary") == 1
    texts = " ".join(svg_text(t) for t in root.iter(f"{SVG}text"))
    for _, name in ACTORS:
        assert name in texts
    assert "botsen over huiswerk" in texts and "Thuis" in texts
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "jd-rp-conflict"]) == 1
    assert "Relatie: Ouders" in root.find(f"{SVG}desc").text
    assert not [n for n in root.iter() if (n.get("class") or "").startswith(("jd-rp-halo", "jd-rp-hit"))]

    # PNG: a real image of the same picture (twice the SVG's size), with ink on it.
    png_file = download(page, canvas.get_by_role("button", name="Exporteer PNG"), tmp_path)
    width, height, dark = png_size_and_ink(png_file)
    assert (width, height) == (2 * int(root.get("width")), 2 * int(root.get("height")))
    assert dark > 2000, "de PNG is leeg"
    assert page.errors == []


def test_import_refuses_broken_files_with_a_reason(page, base_url, tmp_path):
    canvas = open_canvas(page, base_url)
    broken = {
        "format": "jeugddomein-rich-picture",
        "version": 2,
        "title": "Kapot",
        "elements": [{"id": "a", "kind": "actor", "pictogram": "kind", "label": "", "x": 0, "y": 0}],
        "relations": [{"id": "r", "source": "a", "target": "weg"}],
    }
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    canvas.locator("input.jd-rp-file").set_input_files(str(path))
    status = canvas.locator(".jd-rp-status")
    status.filter(has_text="Importeren lukte niet").wait_for()
    assert "relations.0.target: de relatie verwijst naar 'weg', maar dat element bestaat niet" in status.inner_text()
    newer = tmp_path / "nieuw.json"
    newer.write_text(json.dumps({**broken, "version": 3, "relations": []}), encoding="utf-8")
    canvas.locator("input.jd-rp-file").set_input_files(str(newer))
    status.filter(has_text="nieuwer dan deze cursus").wait_for()
    # The shape is checked by the validator compiled from the scene's JSON schema, in Dutch, field by field.
    shape = tmp_path / "vorm.json"
    actor = {"id": "a", "kind": "actor", "pictogram": "draak", "x": "10", "y": 0}
    shape.write_text(json.dumps({**broken, "elements": [actor], "relations": []}), encoding="utf-8")
    canvas.locator("input.jd-rp-file").set_input_files(str(shape))
    status.filter(has_text="hier hoort een getal").wait_for()
    text = status.inner_text()
    assert "elements.0.pictogram: kies uit 'kind', 'ouder'" in text and "elements.0.x: hier hoort een getal" in text
    assert store_key(WIDGET) not in stored(page), "nothing was saved"


def test_labels_with_markup_stay_text(page, base_url, tmp_path):
    canvas = open_canvas(page, base_url)
    markup = "<b>vet</b> & <img src=x onerror=boom()>"
    page.evaluate("() => { window.boom = () => { window.__hacked = 1; }; }")
    node(canvas, "daan").focus()
    type_label(page, markup)
    drawn = node(canvas, "daan").locator("text").evaluate("t => [...t.children].map(s => s.textContent).join(' ')")
    assert drawn == markup
    assert canvas.locator("b, img").count() == 0
    assert page.evaluate("window.__hacked") is None
    assert markup in canvas.locator(".jd-rp-list").inner_text()
    svg_file = download(page, canvas.get_by_role("button", name="Exporteer SVG"), tmp_path)
    root = ET.parse(svg_file).getroot()
    assert markup in [svg_text(t) for t in root.iter(f"{SVG}text")]
    assert not list(root.iter(f"{SVG}img")) and not list(root.iter("b"))


def test_mouse_drag_multi_select_and_pictures(page, base_url):
    canvas = open_canvas(page, base_url)
    ouders = node(canvas, "ouders")
    canvas.locator(".jd-rp-canvas").scroll_into_view_if_needed()
    start = active_scene_or_start(page, canvas, "ouders")
    box = ouders.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 60, box["y"] + 80, steps=8)
    page.mouse.up()
    scene = wait_for_saved_scene(
        page, f"scene.elements.some((e) => e.id === 'ouders' && e.x > {start['x'] + 30} && e.y > {start['y'] + 30})"
    )
    moved = next(e for e in scene["elements"] if e["id"] == "ouders")
    assert moved["x"] > start["x"] + 30 and moved["y"] > start["y"] + 30
    # The relation to Daan follows on the canvas.
    line = canvas.locator('[data-rel="r2"] .jd-rp-line').get_attribute("d")
    assert line and line.startswith("M")
    # Shift+click adds to the selection; Delete removes both (and their relations); undo restores.
    node(canvas, "bram").click(modifiers=["Shift"])
    assert canvas.locator(".jd-rp-selected[data-id]").count() == 2
    page.keyboard.press("Delete")
    scene = wait_for_saved_scene(page, "!scene.elements.some((e) => e.id === 'ouders' || e.id === 'bram')")
    assert {r["id"] for r in scene["relations"]} == set()
    page.keyboard.press("Control+z")
    scene = wait_for_saved_scene(page, "['ouders', 'bram'].every((id) => scene.elements.some((e) => e.id === id))")
    assert {"ouders", "bram"} <= {e["id"] for e in scene["elements"]}
    # A second picture and back: each keeps its own work.
    press_on(canvas.get_by_role("button", name="Nieuwe tekening"), "Enter")
    canvas.get_by_label("Titel").fill("Stagecasus")
    canvas.get_by_label("Titel").press("Enter")
    canvas.get_by_label("Tekening", exact=True).select_option(label="Daan (casus 2, Windesheim)")
    assert canvas.locator(".jd-rp-canvas [data-id]").count() == 9
    page.wait_for_function(
        "(key) => JSON.parse(localStorage.getItem(key)).state.pictures.map((p) => p.scene.title).join('|')"
        " === 'Daan (casus 2, Windesheim)|Stagecasus'",
        arg=store_key(WIDGET),
    )
    assert [p["scene"]["title"] for p in saved_state(page)["pictures"]] == ["Daan (casus 2, Windesheim)", "Stagecasus"]


RELATION_DRAWING = """(rel) => {
  const root = document.querySelector('.jd-widget[data-widget-id="rich-picture-daan"]');
  const g = root.querySelector(`[data-rel="${rel}"]`);
  const at = root.querySelector(".jd-rp-canvas").getBoundingClientRect();
  const box = g.querySelector(".jd-rp-rel-label").getBoundingClientRect();
  const numbers = (g.querySelector(".jd-rp-line").getAttribute("d").match(/-?[0-9.]+/g) || []).map(Number);
  return {
    line: numbers,
    label: [box.x - at.x, box.y - at.y, box.width, box.height],
    layer: g.ownerSVGElement.getAttribute("class"),
  };
}"""


def close(a: list[float], b: list[float], tolerance: float) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def test_drag_keeps_half_moving_relations_exact(page, base_url):
    """A relation with one end in the dragged selection follows every frame (only its line and the place of its
    words change); at the drop and after a reload it is drawn exactly as during the last frame."""
    canvas = open_canvas(page, base_url)
    canvas.locator(".jd-rp-canvas").scroll_into_view_if_needed()
    before = page.evaluate(RELATION_DRAWING, "r2")  # ouders -> daan; the selection is ouders with bram
    node(canvas, "bram").click()
    box = node(canvas, "ouders").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 20, steps=1)
    page.keyboard.down("Shift")
    page.mouse.down()
    page.keyboard.up("Shift")
    page.mouse.move(box["x"] + box["width"] / 2 + 70, box["y"] + 90, steps=8)
    page.wait_for_function(
        "(rel) => document.querySelector(`[data-rel='${rel}']`).ownerSVGElement.classList.contains('jd-rp-crossing')",
        arg="r2",
    )
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    during = page.evaluate(RELATION_DRAWING, "r2")
    assert canvas.locator(".jd-rp-selected[data-id]").count() == 2
    # The end at the parents moved with the pointer; the end at Daan stays on Daan's box; the words went along.
    assert not close(during["line"][:2], before["line"][:2], 20)
    daan = active_scene_or_start(page, canvas, "daan")
    assert close(during["line"][-2:], [daan["x"], daan["y"]], 75)
    assert during["label"][0] > before["label"][0] + 20 and during["label"][1] > before["label"][1] + 20
    page.mouse.up()
    wait_for_saved_scene(page, "scene.elements.some((e) => e.id === 'ouders' && e.x > 180)")
    dropped = page.evaluate(RELATION_DRAWING, "r2")
    assert "jd-rp-canvas" in dropped["layer"]
    assert close(dropped["line"], during["line"], 0.11), (dropped, during)
    assert close(dropped["label"], during["label"], 0.5), (dropped, during)
    page.reload()
    wait_for_widgets(page)
    assert close(page.evaluate(RELATION_DRAWING, "r2")["line"], dropped["line"], 0.11)


def active_scene_or_start(page: object, canvas: object, element_id: str) -> dict:
    """The element as drawn from the starting picture (nothing is stored before the first change)."""
    assert store_key(WIDGET) not in stored(page)
    transform = node(canvas, element_id).get_attribute("transform")
    x, y = (float(v) for v in transform.removeprefix("translate(").removesuffix(")").split())
    return {"x": x, "y": y}


def test_touch_drag_and_zoom_buttons(page, base_url):
    canvas = open_canvas(page, base_url)
    # Measure and touch in one step inside the page (a scroll still settling cannot move the target meanwhile).
    page.evaluate(
        """async (selector) => {
          const node = document.querySelector(selector);
          node.scrollIntoView({ block: "center", behavior: "instant" });
          await new Promise(requestAnimationFrame);
          const box = node.getBoundingClientRect();
          const [x, y] = [box.x + box.width / 2, box.y + 20];
          const target = document.elementFromPoint(x, y);
          const fire = (type, dx, dy) => target.dispatchEvent(new PointerEvent(type, {
            bubbles: true, pointerId: 7, pointerType: "touch", isPrimary: true, clientX: x + dx, clientY: y + dy,
            button: 0, buttons: type === "pointerup" ? 0 : 1}));
          fire("pointerdown", 0, 0);
          for (let i = 1; i <= 5; i++) { fire("pointermove", i * 8, i * 6); await new Promise(requestAnimationFrame); }
          fire("pointerup", 40, 30);
        }""",
        f'.jd-widget[data-widget-id="{WIDGET}"] .jd-rp-canvas [data-id="bram"]',
    )
    # The move is saved once the drag ends; wait for it rather than read the store at once.
    scene = wait_for_saved_scene(page, "scene.elements.some((e) => e.id === 'bram' && e.x > 660 && e.y > 160)")
    bram = next(e for e in scene["elements"] if e["id"] == "bram")
    assert bram["x"] > 660 and bram["y"] > 160
    zoom = canvas.locator(".jd-rp-zoom")
    before = zoom.inner_text()
    press_on(canvas.get_by_role("button", name="Inzoomen"), "Enter")
    expect(zoom).not_to_have_text(before)
    # Snap to grid: the next move lands on the grid.
    press_on(canvas.get_by_label("Uitlijnen op raster"), "Space")
    page.wait_for_function("(key) => JSON.parse(localStorage.getItem(key)).state.snap === true", arg=store_key(WIDGET))
    node(canvas, "bram").focus()
    page.keyboard.press("ArrowLeft")
    scene = wait_for_saved_scene(
        page, f"scene.elements.some((e) => e.id === 'bram' && e.x < {bram['x']} && e.x % 20 === 0 && e.y % 20 === 0)"
    )
    moved = next(e for e in scene["elements"] if e["id"] == "bram")
    assert moved["x"] % 20 == 0 and moved["y"] % 20 == 0 and saved_state(page)["snap"] is True


def test_browser_and_python_agree_on_migration_validation_and_analysis(page, base_url):
    from jeugddomein.widgets.rich_picture.analysis import summary
    from jeugddomein.widgets.rich_picture.model import migrate_scene, scene_problems

    open_canvas(page, base_url)
    module = "(await import('/_static/jeugddomein/widgets/rich_picture.js')).default"
    assert page.evaluate(f"async (s) => {module}.migrate(s)", V1) == migrate_scene(V1)
    assert page.evaluate(f"async (s) => {module}.analyse({module}.readScene(s).scene)", DAAN) == summary(DAAN)
    broken = json.loads(json.dumps(DAAN))
    broken["elements"].append(dict(broken["elements"][0]))
    broken["relations"].append({**broken["relations"][0], "id": "r9", "target": "niemand"})
    assert page.evaluate(f"async (s) => {module}.validateScene(s)", broken) == scene_problems(broken)


def test_an_unreadable_stored_picture_is_kept_and_reported(page, base_url):
    good = {"id": "p1", "scene": {**DAAN}}
    bad = {"id": "p2", "scene": {**DAAN, "relations": [{"id": "r", "source": "daan", "target": "weg"}]}}
    record = {
        "v": 2,
        "widget": "rich-picture",
        "page": "exercises/rich-picture",
        "updated": "2026-03-01T10:00:00.000Z",
        "state": {"pictures": [good, bad], "active": "p1", "snap": False},
    }
    page.goto(base_url + PAGE)
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [store_key(WIDGET), record])
    page.reload()
    wait_for_widgets(page)
    canvas = widget(page, WIDGET)
    assert "kon niet worden gelezen" in canvas.locator(".jd-rp-status").inner_text()
    assert canvas.get_by_label("Tekening", exact=True).locator("option").count() == 1
    node(canvas, "daan").focus()
    page.keyboard.press("ArrowRight")
    pictures = saved_state(page)["pictures"]
    assert [p["id"] for p in pictures] == ["p1", "p2"] and pictures[1] == bad


def test_portfolio_summary_counts_the_work(page, base_url):
    open_canvas(page, base_url)
    module = "(await import('/_static/jeugddomein/widgets/rich_picture.js')).default"
    start = {"pictures": [{"id": "p1", "scene": {**DAAN, "elements": DAAN["elements"][:8]}}]}
    full = {"pictures": [{"id": "p1", "scene": DAAN}]}
    config = {"title": "Rich picture van de casus Daan"}
    empty = page.evaluate(f"async ([c, s]) => {module}.summary(c, s)", [config, {"pictures": []}])
    assert empty == {"title": config["title"], "lines": ["Nog geen tekening gemaakt."], "done": False, "figures": []}
    without_bubbles = page.evaluate(f"async ([c, s]) => {module}.summary(c, s)", [config, start])
    assert without_bubbles["done"] is False
    done = page.evaluate(f"async ([c, s]) => {module}.summary(c, s)", [config, full])
    assert done["done"] is True
    assert done["lines"] == ["Daan: 5 actoren, 6 relaties (2 gespannen of met conflict), 1 gedachten en zorgen"]
