"""Benchmark: page weight and speed of the course versus the stock Jupyter Book 1 theme assets.

Builds the book twice: with the course's light assets (inline SVG icons, no icon font or icon script) and with the
stock theme assets (JD_STOCK_ASSETS=1). Loads a set of pages in headless Chromium over http and records, side by
side: first-load bytes (gzip, empty cache), second-page bytes (gzip, warm cache), largest contentful paint and time
to widgets ready. Goal: at least 2.5x lighter than stock on first load. Writes bench/results/pages.json and pages.md.
Service workers are blocked: this measures what the network and the browser's cache do (with the offline copy a
second page would come from the worker and cost nothing; bench/mobile.py measures that copy).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from tests.browser.weight import load  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

from machine import machine, record  # noqa: E402

WORK = ROOT / "bench" / ".work" / "pages"
RESULTS = ROOT / "bench" / "results"
PAGES = [
    "intro.html",
    "chapters/01-jeugddomein/index.html",
    "chapters/05-interprofessioneel/index.html",
    "exercises/portfolio.html",
]
SECOND = ("chapters/01-jeugddomein/index.html", "chapters/02-systeemtheorie/index.html")
TIMING = """
window.__lcp = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
  .observe({ type: 'largest-contentful-paint', buffered: true });
document.addEventListener('jd:widgets-ready', () => { window.__ready = performance.now(); });
"""


def build(variant: str, stock: bool) -> Path:
    """The book built into bench/.work/pages/<variant>. Every page is written again (--all): an incremental build
    would keep pages written by older code (a changed extension does not make Sphinx write a page again)."""
    env = {**os.environ, "JD_STOCK_ASSETS": "1" if stock else "0"}
    out = WORK / variant
    subprocess.run(
        [
            str(Path(sys.executable).parent / "jupyter-book"),
            "build",
            str(ROOT),
            "--path-output",
            str(out),
            "-W",
            "-n",
            "--all",
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    return out / "_build" / "html"


def measure(site: Path, browser: object) -> dict[str, object]:
    server, url = serve(site)
    per_page = {}
    try:
        for path in PAGES:
            runs = []
            for _ in range(3):
                context = browser.new_context(service_workers="block")
                context.add_init_script(TIMING)
                page = context.new_page()
                assets = load(page, url + path)
                page.wait_for_timeout(300)
                runs.append(
                    {
                        "bytes": sum(assets.values()),
                        "lcp_ms": page.evaluate("window.__lcp"),
                        "widgets_ready_ms": page.evaluate("window.__ready || null"),
                    }
                )
                context.close()
            per_page[path] = {
                "first_load_kb_gzip": round(runs[0]["bytes"] / 1024, 1),
                "lcp_ms": round(statistics.median(r["lcp_ms"] for r in runs), 1),
                "widgets_ready_ms": (
                    round(statistics.median(r["widgets_ready_ms"] for r in runs), 1)
                    if all(r["widgets_ready_ms"] for r in runs)
                    else None
                ),
            }
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        load(page, url + SECOND[0])
        second = sum(load(page, url + SECOND[1]).values())
        context.close()
    finally:
        server.shutdown()
    return {"pages": per_page, "second_page_kb_gzip": round(second / 1024, 1)}


def main() -> None:
    from playwright.sync_api import sync_playwright

    sites = {"course": build("course", stock=False), "stock": build("stock", stock=True)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results = {name: measure(site, browser) for name, site in sites.items()}
        browser.close()
    ratios = {
        path: round(
            results["stock"]["pages"][path]["first_load_kb_gzip"]
            / results["course"]["pages"][path]["first_load_kb_gzip"],
            2,
        )
        for path in PAGES
    }
    result = {
        "machine": machine(),
        "results": results,
        "first_load_ratio_stock_over_course": ratios,
        "goal": "first load at least 2.5x lighter than stock; chapter page <= 300 KB, second page <= 60 KB",
    }
    rows = "\n".join(
        f"| {path} | {results['course']['pages'][path]['first_load_kb_gzip']} | {results['stock']['pages'][path]['first_load_kb_gzip']} "
        f"| {ratios[path]}x | {results['course']['pages'][path]['lcp_ms']} / {results['stock']['pages'][path]['lcp_ms']} "
        f"| {results['course']['pages'][path]['widgets_ready_ms']} / {results['stock']['pages'][path]['widgets_ready_ms']} |"
        for path in PAGES
    )
    record(
        "pages",
        result,
        "Page weight benchmark",
        "Headless Chromium over http on 127.0.0.1 (no compression by the server; sizes are the gzip size of each "
        "downloaded file).\n\n"
        "| page | course first load (KB gz) | stock first load (KB gz) | lighter | LCP ms course / stock | widgets ready ms course / stock |\n"
        "|---|---|---|---|---|---|\n"
        f"{rows}\n\n"
        f"Second page (warm cache), extra KB gz: course {results['course']['second_page_kb_gzip']}, "
        f"stock {results['stock']['second_page_kb_gzip']}.\n",
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
