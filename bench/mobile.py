"""Benchmark: the course on a cheap phone, beside stock Jupyter Book on the same pages.

Chromium (Debian's, through Playwright) emulates a cheap phone over CDP: 4x CPU throttling
(Emulation.setCPUThrottlingRate) and DevTools' "Slow 4G" network profile (Network.emulateNetworkConditions: 562.5 ms
latency, 1.44 Mbit/s down, 675 kbit/s up), a 390x844 touch screen at device pixel ratio 2. Every load is cold (a new
context: empty cache, no service worker; the offline copy is fetched only after the first page has loaded, see
tests/browser/test_offline.py). The bench serves the sites itself on 127.0.0.1, once without compression and once
with gzip for text files (as a web server would).

Recorded per page (start page, a chapter, the rich picture, the portfolio), median of `--runs` cold loads:
largest contentful paint, widgets ready (the runtime's jd:widgets-ready event), and the interaction latency of a
knowledge-check click (chapter) and of a rich-picture drag (per pointer move): from the input event's timestamp until
the end of the next frame (requestAnimationFrame, then the first task after it). Also the size of the offline copy,
raw and as transferred with gzip. Goals: LCP <= 2.5 s and widgets ready <= 3 s on every measured page; offline copy
<= 5 MB with gzip. The stock variant is the same book built with the theme's stock assets (JD_STOCK_ASSETS=1, as in
bench/pages.py). Writes bench/results/mobile.json and mobile.md.

    python bench/mobile.py [--runs 3] [--reuse]     (--reuse: take the builds in bench/.work/pages/ as they are)
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from machine import machine, record  # noqa: E402
from pages import WORK, build  # noqa: E402

PAGES = {
    "start": "intro.html",
    "chapter": "chapters/01-jeugddomein/index.html",
    "rich picture": "exercises/rich-picture.html",
    "portfolio": "exercises/portfolio.html",
}
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}
CPU_SLOWDOWN = 4
GOALS = {"lcp_ms": 2500, "widgets_ready_ms": 3000, "offline_copy_gzip_mb": 5}
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".webmanifest")
"""What the bench's server sends with gzip (images and woff2 fonts are compressed already)."""

TIMING = """
window.__lcp = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
  .observe({ type: 'largest-contentful-paint', buffered: true });
document.addEventListener('jd:widgets-ready', () => { window.__ready = performance.now(); });
window.__latency = { click: [], pointermove: [], pointerdown: [] };
for (const type of Object.keys(window.__latency)) {
  document.addEventListener(type, (event) => {
    const start = event.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.__latency[type].push(performance.now() - start), 0));
  }, true);
}
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".webmanifest": "application/manifest+json",
    }
    compress = False
    compressed: ClassVar[dict[str, bytes]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if not (self.compress and "gzip" in self.headers.get("Accept-Encoding", "") and path.is_file()):
            return super().do_GET()
        if path.suffix not in COMPRESSED:
            return super().do_GET()
        key = str(path)
        if key not in self.compressed:
            self.compressed[key] = gzip.compress(path.read_bytes(), 6)
        body = self.compressed[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(folder: Path, compress: bool) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Handler", (_Handler,), {"compress": compress, "compressed": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def offline_copy(site: Path) -> dict[str, float]:
    """Size of the offline copy (the service worker's file list): raw and as transferred with gzip."""
    listing = json.loads((site / "_static/jeugddomein/offline.json").read_text(encoding="utf-8"))
    raw = transferred = 0
    for name, size, _ in listing["files"]:
        raw += size
        transferred += len(gzip.compress((site / name).read_bytes(), 6)) if name.endswith(COMPRESSED) else size
    return {"files": len(listing["files"]), "raw_mb": round(raw / 1e6, 2), "gzip_mb": round(transferred / 1e6, 2)}


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _p95(values: list[float]) -> float | None:
    ordered = sorted(values)
    return round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1) if ordered else None


def _click_knowledge_check(page: object) -> list[float]:
    check = page.locator('.jd-widget[data-widget="knowledge-check"]').first
    check.scroll_into_view_if_needed()
    check.locator("input").first.check()
    page.evaluate("window.__latency.click = []")
    check.get_by_role("button", name="Controleer").click()
    page.wait_for_function("window.__latency.click.length > 0")
    return page.evaluate("window.__latency.click")


def _drag_rich_picture(page: object) -> list[float]:
    node = page.locator('.jd-widget[data-widget="rich-picture"] .jd-rp-canvas [data-id]').first
    node.scroll_into_view_if_needed()
    box = node.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + min(15, box["height"] / 2)
    page.evaluate("window.__latency.pointermove = []")
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 60, steps=20)
    page.mouse.up()
    page.wait_for_function("window.__latency.pointermove.length >= 20")
    return page.evaluate("window.__latency.pointermove")


def cold_load(browser: object, url: str, name: str) -> dict[str, object]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        service_workers="block",
    )
    context.add_init_script(TIMING)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=120_000)
        page.wait_for_function("window.__ready !== undefined", timeout=120_000)
        page.wait_for_load_state("load", timeout=120_000)
        page.wait_for_timeout(500)  # a late larger paint still counts
        run = {"lcp_ms": page.evaluate("window.__lcp"), "widgets_ready_ms": page.evaluate("window.__ready")}
        if name == "chapter":
            run["knowledge_check_click_ms"] = _click_knowledge_check(page)
        if name == "rich picture":
            run["rich_picture_drag_ms"] = _drag_rich_picture(page)
        return run
    finally:
        context.close()


def measure(site: Path, browser: object, compress: bool, runs: int) -> dict[str, dict[str, object]]:
    server, base = serve(site, compress)
    try:
        results = {}
        for name, path in PAGES.items():
            loads = [cold_load(browser, base + path, name) for _ in range(runs)]
            print(f"{site.parts[-3]} {'gzip' if compress else 'raw'} {name}: {loads}", flush=True)
            summary: dict[str, object] = {
                "lcp_ms": _median([r["lcp_ms"] for r in loads]),
                "widgets_ready_ms": _median([r["widgets_ready_ms"] for r in loads]),
            }
            for key in ("knowledge_check_click_ms", "rich_picture_drag_ms"):
                values = [v for r in loads for v in r.get(key, [])]
                if values:
                    summary[key] = {"median": _median(values), "p95": _p95(values), "n": len(values)}
            results[name] = summary
        return results
    finally:
        server.shutdown()


def _ratio(stock: float | None, course: float | None) -> float | None:
    return round(stock / course, 2) if stock and course else None


def _rows(results: dict, mode: str) -> str:
    lines = []
    for name in PAGES:
        course, stock = results["course"][mode][name], results["stock"][mode][name]
        cells = [name]
        for key in ("lcp_ms", "widgets_ready_ms"):
            cells.append(f"{course[key]} / {stock[key]} ({_ratio(stock[key], course[key])}x)")
        interaction = next((k for k in ("knowledge_check_click_ms", "rich_picture_drag_ms") if k in course), None)
        if interaction:
            c, s = course[interaction]["median"], stock[interaction]["median"]
            label = "click" if interaction.startswith("knowledge") else "drag"
            cells.append(f"{label} {c} / {s} ({_ratio(s, c)}x)")
        else:
            cells.append("")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="use the builds in bench/.work/pages/ as they are")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    if args.reuse:
        sites = {name: WORK / name / "_build" / "html" for name in ("course", "stock")}
    else:
        sites = {"course": build("course", stock=False), "stock": build("stock", stock=True)}
    results: dict[str, dict[str, dict]] = {"course": {}, "stock": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        version = browser.version
        for variant, site in sites.items():
            for mode, compress in (("gzip", True), ("no_gzip", False)):
                results[variant][mode] = measure(site, browser, compress, args.runs)
        browser.close()
    copy = offline_copy(sites["course"])
    met = {
        mode: all(
            results["course"][mode][name]["lcp_ms"] <= GOALS["lcp_ms"]
            and results["course"][mode][name]["widgets_ready_ms"] <= GOALS["widgets_ready_ms"]
            for name in PAGES
        )
        for mode in ("gzip", "no_gzip")
    }
    result = {
        "machine": {**machine(), "browser": f"Chromium {version} (headless)"},
        "profile": {"network": SLOW_4G, "cpu_slowdown": CPU_SLOWDOWN, "viewport": "390x844 @2x, touch"},
        "runs_per_page": args.runs,
        "pages": PAGES,
        "results": results,
        "offline_copy": copy,
        "goals": GOALS,
        "goals_met": {
            **{f"load_{mode}": value for mode, value in met.items()},
            "offline_copy": copy["gzip_mb"] <= GOALS["offline_copy_gzip_mb"],
        },
    }
    header = (
        "| page | LCP ms course / stock | widgets ready ms course / stock | interaction ms course / stock |\n"
        "|---|---|---|---|\n"
    )
    record(
        "mobile",
        result,
        "Cheap-phone benchmark (4x CPU, Slow 4G)",
        f"Chromium {version}, CDP: CPU throttling {CPU_SLOWDOWN}x, network 562.5 ms latency, 1.44 Mbit/s down; "
        f"390x844 touch screen at 2x. Cold loads (new context, no service worker), median of {args.runs}; the "
        "bench serves the sites itself. Stock = the same book with the theme's stock assets (JD_STOCK_ASSETS=1). "
        "In brackets: stock / course. Interaction: time from the input event to the end of the next frame "
        "(median over all clicks or pointer moves).\n\n"
        f"## Server with gzip\n\n{header}{_rows(results, 'gzip')}\n\n"
        f"## Server without compression\n\n{header}{_rows(results, 'no_gzip')}\n\n"
        f"Goals (LCP <= {GOALS['lcp_ms']} ms, widgets ready <= {GOALS['widgets_ready_ms']} ms on every page): "
        f"with gzip {'met' if met['gzip'] else 'NOT met'}, without compression "
        f"{'met' if met['no_gzip'] else 'NOT met'}.\n\n"
        f"Offline copy: {copy['files']} files, {copy['raw_mb']} MB raw, {copy['gzip_mb']} MB with gzip "
        f"(goal <= {GOALS['offline_copy_gzip_mb']} MB; sources and source maps left out).\n",
    )
    print(json.dumps({k: result[k] for k in ("offline_copy", "goals_met")}, indent=2))
    print((ROOT / "bench" / "results" / "mobile.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
