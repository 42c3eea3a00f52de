"""Benchmark of the rich-picture canvas with 300 elements: load time and frame time while dragging.

Run after a build: `python bench/canvas.py [--site _build/html]`. It serves the built site on 127.0.0.1, puts a
picture of 300 elements (actors, texts, bubbles, boundaries) with 250 relations in the learner store, opens the
exercise page in headless Chromium (Debian's /usr/bin/chromium through Playwright) and measures:

- load: from navigation start until every widget on the page is mounted and drawn (median of `--runs` loads), and
  the time of the widget's own `render` call for the 300-element picture;
- drag: frame time while dragging, one element, a selection of 50 (shift-clicked) and (worst case) all 300 at once. For every pointer move the work of
  one frame is timed in the page: the input handler, then from the first animation-frame callback of that frame
  until the first task after it, so style, layout and paint of that frame are included. The goal is a median under
  16 ms. The interval between frames during a real (CDP) mouse drag is recorded as well.

- the reference task at 1366x768 (tests/browser/rich_picture_tasks.py): key presses with the keyboard only, scroll
  jumps, scrolled pixels and pointer travel with the mouse.

Results go to bench/results/canvas.json and canvas.md with the date, the machine and the figures from before.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from tests.factories import big_scene  # noqa: E402

from machine import machine  # noqa: E402

PAGE = "exercises/rich-picture.html"
WIDGET = "rich-picture-daan"
GOAL_MS = 16.0


def course_id() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["sphinx"]["config"]["jd_course_id"]


SEED_STORE = """([key, record]) => {
  localStorage.setItem(key, JSON.stringify(record));
  document.addEventListener("jd:widgets-ready", () => { window.__jdReady = performance.now(); });
}"""

RENDER_TIME = """async (scene) => {
  const module = (await import(new URL("../_static/jeugddomein/widgets/rich_picture.js", location.href))).default;
  const times = [];
  for (let i = 0; i < 5; i += 1) {
    const data = { title: "x", prompt: null, starts: [], grid: 20, pictures: [{ id: "p1", scene }], active: "p1",
                   snap: false };
    const model = { get: (k) => data[k], set: (k, v) => { data[k] = v; }, on() {}, off() {}, save_changes() {} };
    const host = document.createElement("div");
    document.body.append(host);
    const t0 = performance.now();
    const stop = module.render({ model, el: host });
    host.getBoundingClientRect();
    times.push(performance.now() - t0);
    stop();
    host.remove();
  }
  return times;
}"""

DRAG_FRAMES = """async ([elementId, steps, mode]) => {
  const root = document.querySelector('.jd-widget[data-widget-id="rich-picture-daan"]');
  const canvas = root.querySelector(".jd-rp-canvas");
  const node = canvas.querySelector(`[data-id="${elementId}"]`);
  node.scrollIntoView({ block: "center" });
  await new Promise((r) => setTimeout(r, 100));
  if (mode === "all") {
    node.focus();
    node.dispatchEvent(new KeyboardEvent("keydown", { key: "a", ctrlKey: true, bubbles: true }));
  } else if (mode === "fifty") {
    // Shift+click 50 actors, the dragged one among them (what a student does to move a group)
    const ids = [elementId, ...Array.from({ length: 49 }, (_, i) => `a${i}`)];
    for (const [n, id] of ids.entries()) {
      const target = canvas.querySelector(`[data-id="${id}"] rect`);
      const shiftKey = n > 0;
      for (const type of ["pointerdown", "pointerup"]) {
        target.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, pointerId: 2, pointerType: "mouse",
          isPrimary: true, button: 0, buttons: type === "pointerup" ? 0 : 1, shiftKey, clientX: 0, clientY: 0 }));
      }
    }
    if (canvas.querySelectorAll(".jd-rp-selected[data-id]").length !== 50) throw new Error("selectie van 50 mislukt");
  }
  const rect = node.getBoundingClientRect();
  const x = rect.x + rect.width / 2;
  const y = rect.y + Math.min(20, rect.height / 2);
  const fire = (target, type, cx, cy) => target.dispatchEvent(new PointerEvent(type, {
    bubbles: true, cancelable: true, pointerId: 1, pointerType: "mouse", isPrimary: true, button: 0,
    buttons: type === "pointerup" ? 0 : 1, clientX: cx, clientY: cy }));
  fire(node.querySelector("rect") || node, "pointerdown", x, y);
  const frames = [];
  for (let i = 1; i <= steps; i += 1) {
    await new Promise((r) => setTimeout(r, 0));
    let start = 0;
    requestAnimationFrame(() => { start = performance.now(); });
    const h0 = performance.now();
    fire(canvas, "pointermove", x + i * 2, y + (i % 30));
    const handler = performance.now() - h0;
    let scripted = 0;
    const end = await new Promise((r) => requestAnimationFrame(() => {
      scripted = performance.now();
      setTimeout(() => r(performance.now()), 0);
    }));
    frames.push([handler + (end - start), handler + (scripted - start)]);
  }
  fire(canvas, "pointerup", x + steps * 2, y);
  return frames;
}"""

FRAME_INTERVALS = """() => new Promise((resolve) => {
  const stamps = [];
  const tick = (t) => { stamps.push(t); if (!window.__stopTicks) requestAnimationFrame(tick); else resolve(stamps); };
  window.__stopTicks = false;
  requestAnimationFrame(tick);
  window.__ticks = stamps;
})"""


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
        "n": len(ordered),
    }


def chromium_version(browser: object) -> str:
    return getattr(browser, "version", "")


def run(site: Path, runs: int, steps: int) -> dict:
    from playwright.sync_api import sync_playwright

    scene = big_scene()
    record = {
        "v": 2,
        "widget": "rich-picture",
        "page": "exercises/rich-picture",
        "updated": datetime.now(UTC).isoformat(),
        "state": {"pictures": [{"id": "p1", "scene": scene}], "active": "p1", "snap": False},
    }
    key = f"jd:{course_id()}:w:{WIDGET}"
    server, url = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            loads, renders, single, everything, intervals = [], [], [], [], []
            single_script: list[float] = []
            fifty: list[float] = []
            fifty_script: list[float] = []
            everything_script: list[float] = []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_init_script(f"({SEED_STORE})({json.dumps([key, record])})")
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                page.goto(url + PAGE)
                page.wait_for_function("window.__jdReady !== undefined", timeout=30000)
                drawn = page.locator(f'.jd-widget[data-widget-id="{WIDGET}"] .jd-rp-canvas [data-id]').count()
                if drawn != len(scene["elements"]) or errors:
                    raise SystemExit(
                        f"het tekenvlak tekende {drawn} van de {len(scene['elements'])} elementen: {errors}"
                    )
                loads.append(page.evaluate("window.__jdReady"))
                renders += page.evaluate(RENDER_TIME, scene)
                for frame, script in page.evaluate(DRAG_FRAMES, ["a110", steps, "one"]):
                    single.append(frame)
                    single_script.append(script)
                for frame, script in page.evaluate(DRAG_FRAMES, ["a110", steps, "fifty"]):
                    fifty.append(frame)
                    fifty_script.append(script)
                for frame, script in page.evaluate(DRAG_FRAMES, ["a110", max(10, steps // 3), "all"]):
                    everything.append(frame)
                    everything_script.append(script)
                # A real mouse drag through Chromium's input pipeline: the interval between frames.
                node = page.locator(f'.jd-widget[data-widget-id="{WIDGET}"] [data-id="a45"]')
                node.scroll_into_view_if_needed()
                box = node.bounding_box()
                page.evaluate(f"() => {{ ({FRAME_INTERVALS})(); }}")
                page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 15)
                page.mouse.down()
                page.mouse.move(box["x"] + box["width"] / 2 + 200, box["y"] + 120, steps=steps)
                page.mouse.up()
                stamps = page.evaluate("() => { window.__stopTicks = true; return window.__ticks; }")
                intervals += [b - a for a, b in itertools.pairwise(stamps)]
                context.close()
            version = browser.version
            browser.close()
    finally:
        server.shutdown()
    drag = summary(single)
    return {
        "benchmark": "rich-picture canvas",
        "machine": {**machine(), "browser": f"Chromium {version} (headless, {CHROMIUM})"},
        "picture": {
            "elements": len(scene["elements"]),
            "relations": len(scene["relations"]),
            "by_kind": {
                k: sum(e["kind"] == k for e in scene["elements"]) for k in ("actor", "text", "bubble", "boundary")
            },
        },
        "load": {"page_ready": summary(loads), "render_call": summary(renders)},
        "drag_one_element": {**drag, "script_only": summary(single_script)},
        "drag_selection_of_50": {**summary(fifty), "script_only": summary(fifty_script)},
        "drag_all_300": {**summary(everything), "script_only": summary(everything_script)},
        "frame_interval_real_mouse": summary(intervals) if intervals else None,
        "goal": {
            "median_frame_ms_at_most": GOAL_MS,
            "met": drag["median_ms"] <= GOAL_MS and statistics.median(fifty) <= GOAL_MS,
        },
        "method": (
            "Frame time = pointer handler + first rAF callback of the frame until the first task after it "
            "(includes style, layout, paint on the main thread); script_only stops after the widget's own rAF "
            "callback. Medians over all moves of all runs. The machine is shared: see its load_average."
        ),
    }


def reference_tasks(site: Path) -> dict:
    """The reference picture (8 actors, 6 relations with words, 1 strained with a conflict, a boundary around 2
    actors, a worry and a thought) at 1366x768: keyboard only (key presses) and with the mouse (scroll jumps,
    scrolled pixels, pointer travel). The scripts are those of the browser test (tests/browser/rich_picture_tasks.py)."""
    from playwright.sync_api import sync_playwright
    from tests.browser.helpers import store_key, stored, widget
    from tests.browser.rich_picture_tasks import WIDGET as TASK_WIDGET
    from tests.browser.rich_picture_tasks import check_reference_picture, keyboard_task, mouse_task

    def scene_of(page: object) -> dict:
        page.wait_for_function(
            "(key) => { const r = JSON.parse(localStorage.getItem(key) || 'null'); const p = r && "
            "r.state.pictures.find((x) => x.id === r.state.active); "
            "return p && p.scene.elements.filter((e) => e.kind === 'bubble').length === 2; }",
            arg=store_key(TASK_WIDGET),
        )
        state = stored(page)[store_key(TASK_WIDGET)]["state"]
        return next(p["scene"] for p in state["pictures"] if p["id"] == state["active"])

    server, url = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            results = {}
            for how in ("keyboard", "mouse"):
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                page = context.new_page()
                page.goto(url + PAGE)
                page.wait_for_function("document.querySelector('.jd-rp-canvas [data-id]') !== null")
                canvas = widget(page, TASK_WIDGET)
                if how == "keyboard":
                    results["keyboard_presses"] = keyboard_task(page, canvas)
                else:
                    mouse = mouse_task(page, canvas)
                    results["mouse_scroll_jumps"] = mouse.jumps
                    results["mouse_scrolled_px"] = round(mouse.scrolled)
                    results["mouse_pointer_travel_px"] = round(mouse.travel)
                check_reference_picture(scene_of(page))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return results


# The figures of the same task before the redesign (measured by hand on the old canvas, reported with the issue).
BEFORE = {
    "keyboard_presses": 559,
    "mouse_scroll_jumps": 58,
    "mouse_scrolled_px": 32000,
    "drag_one_element_ms": 7.0,
    "drag_selection_of_50_ms": 20.85,  # the redesigned canvas before half-moving relations were planned per drag
}
GOALS = {"keyboard_presses": 150, "mouse_scroll_jumps": 5}
# Dragging a selection of 50: the previous and this version of the canvas measured one after the other at the same
# load (about 3), the median frame of two runs each, to separate the change from the load of the shared machine.
SAME_LOAD = {"before": "12.0 tot 12.2", "now": "9.5 tot 10.0"}


def markdown(result: dict) -> str:
    task = result["reference_task"]
    rows = [
        ("Toetsaanslagen, alleen toetsenbord", BEFORE["keyboard_presses"], task["keyboard_presses"], "≤ 150"),
        ("Scrollsprongen met de muis", BEFORE["mouse_scroll_jumps"], task["mouse_scroll_jumps"], "≤ 5"),
        ("Gescrolde afstand met de muis (px)", f"ongeveer {BEFORE['mouse_scrolled_px']}", task["mouse_scrolled_px"], ""),
        ("Afgelegde weg van de muis (px)", "niet gemeten", task["mouse_pointer_travel_px"], ""),
        ("Slepen van 1 element bij 300, mediaan frame (ms)", BEFORE["drag_one_element_ms"],
         result["drag_one_element"]["median_ms"], "≤ 16"),
        ("Slepen van een selectie van 50, mediaan frame (ms)", BEFORE["drag_selection_of_50_ms"],
         result["drag_selection_of_50"]["median_ms"], "≤ 16"),
        ("Slepen van alle 300, mediaan frame (ms)", 42.4, result["drag_all_300"]["median_ms"], ""),
    ]  # fmt: skip
    lines = [
        "# Rich-picture canvas: benchmark",
        "",
        f"Gemeten op {result['machine']['date']}, {result['machine']['cpu']}, {result['machine']['cores']} kernen, "
        f"{result['machine']['browser']}. Referentietaak: 8 actoren met namen, 6 relaties met woorden (1 gespannen "
        "met conflict), 1 grens om 2 actoren, 1 zorg- en 1 gedachtewolk, bij 1366x768. De scripts gebruiken alleen "
        "zichtbare knoppen en de sneltoetsen uit de hulp (`?`); de letters van namen en woorden tellen niet mee.",
        "",
        "| meting | voor | nu | doel |",
        "|---|---|---|---|",
        *[f"| {name} | {before} | {now} | {goal} |" for name, before, now, goal in rows],
        "",
        "De cijfers 'voor' zijn die van het oude tekenvlak (gemeld bij de vraag om dit herontwerp; het slepen van 1 "
        "element en van alle 300 uit de vorige meting van deze benchmark). Het slepen van een selectie van 50 'voor' "
        "is de vorige meting van dit tekenvlak, toen elke relatie met één eind in de selectie elk frame helemaal "
        "opnieuw werd getekend (gemeten bij een belasting van ongeveer 8); na elkaar gemeten bij een belasting van "
        f"ongeveer 3 gaf die versie {SAME_LOAD['before']} ms en deze {SAME_LOAD['now']} ms. De machine wordt gedeeld: frametijden "
        f"hangen af van de belasting, bij deze meting {', '.join(str(x) for x in result['machine']['load_average'])}.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path(os.environ.get("JD_SITE", ROOT / "_build" / "html")))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "canvas.json")
    args = parser.parse_args()
    if not (args.site / PAGE).is_file():
        raise SystemExit(f"{args.site / PAGE} ontbreekt: bouw eerst de site (make build).")
    result = run(args.site, args.runs, args.steps)
    result["reference_task"] = {**reference_tasks(args.site), "before": BEFORE, "goals": GOALS}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(markdown(result), encoding="utf-8")
    print(
        json.dumps(
            {k: result[k] for k in ("drag_one_element", "drag_selection_of_50", "goal", "reference_task")}, indent=2
        )
    )


if __name__ == "__main__":
    main()
