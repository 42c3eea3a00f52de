"""Benchmark: 20 widgets on one page, the course runtime versus stock ipywidgets static embedding.

Two throwaway Sphinx + myst-nb projects are built from notebooks with the same exercise content (10 knowledge
checks and 10 reflection prompts):

* ours:  the course's widgets, rendered by the project's mime renderer and mounted by runtime.js;
* stock: the same questions as ipywidgets controls (HTML, RadioButtons, Button, Textarea), embedded the stock way
         (widget state in the page, require.js + @jupyter-widgets/html-manager's embed-amd.js), with both scripts
         from a local copy installed from the npm registry into bench/.work/npm.

Each page is loaded in headless Chromium over http; recorded: bytes (gzip) of the widget scripts, styles and data
the page needs, and the time from DOMContentLoaded until every widget is rendered (median of 5 loads).
Writes bench/results/widgets.json and widgets.md. Run with `make bench`.
"""

from __future__ import annotations

import gzip
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).parent))
import contextlib

from conftest import CHROMIUM, CHROMIUM_ARGS, serve
from machine import machine, record

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work" / "widgets"
NPM = ROOT / "bench" / ".work" / "npm"
RESULTS = ROOT / "bench" / "results"
N = 10
LOADS = 5

QUESTIONS = [
    (
        f"Vraag {i + 1}: welke professional ziet het kind dagelijks in de klas?",
        ["De leraar", "De jeugdarts", "De wethouder"],
    )
    for i in range(N)
]


def ours_notebook() -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_markdown_cell("# Twintig oefeningen")]
    cells.append(nbformat.v4.new_code_cell("from jeugddomein.widgets import KnowledgeCheck, Reflection"))
    for i, (question, options) in enumerate(QUESTIONS):
        spec = {
            "id": f"bench-kc-{i}",
            "question": question,
            "options": [{"text": o, "correct": j == 0, "feedback": "Toelichting."} for j, o in enumerate(options)],
        }
        cells.append(nbformat.v4.new_code_cell(f"KnowledgeCheck({spec!r})"))
        cells.append(nbformat.v4.new_code_cell(f"Reflection({{'id': 'bench-refl-{i}', 'prompt': 'Wat neem je mee?'}})"))
    return nbformat.v4.new_notebook(
        cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )


def stock_notebook() -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_markdown_cell("# Twintig oefeningen"), nbformat.v4.new_code_cell("import ipywidgets as w")]
    for question, options in QUESTIONS:
        cells.append(
            nbformat.v4.new_code_cell(
                f"w.VBox([w.HTML({question!r}), w.RadioButtons(options={options!r}, value=None),"
                " w.Button(description='Controleer'), w.HTML('')])"
            )
        )
        cells.append(nbformat.v4.new_code_cell("w.VBox([w.Label('Wat neem je mee?'), w.Textarea()])"))
    return nbformat.v4.new_notebook(
        cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )


def build(name: str, notebook: nbformat.NotebookNode, conf: str) -> Path:
    src = WORK / name / "src"
    shutil.rmtree(WORK / name, ignore_errors=True)
    src.mkdir(parents=True)
    nbformat.write(notebook, src / "index.ipynb")
    (src / "conf.py").write_text(conf)
    out = WORK / name / "html"
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)], check=True)
    return out


def install_html_manager() -> Path:
    target = NPM / "node_modules"
    if not (target / "@jupyter-widgets" / "html-manager" / "dist" / "embed-amd.js").exists():
        NPM.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(NPM),
                "@jupyter-widgets/html-manager@1.0.13",
                "requirejs@2.3.7",
            ],
            check=True,
        )
    return target


READY_OBSERVER = """
window.__bench = {};
document.addEventListener('DOMContentLoaded', () => { window.__bench.dcl = performance.now(); });
new MutationObserver(() => {
  if (!window.__bench.ready && document.querySelectorAll(SELECTOR).length >= COUNT) {
    window.__bench.ready = performance.now();
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
"""


def measure(folder: Path, ready_selector: str, browser: object) -> dict[str, float]:
    """Load the page LOADS times; the moment every widget is rendered is taken in the page (a MutationObserver)."""
    server, url = serve(folder)
    after_dcl, from_start, sizes = [], [], {}
    observer = READY_OBSERVER.replace("SELECTOR", json.dumps(ready_selector)).replace("COUNT", str(2 * N))
    try:
        for _ in range(LOADS):
            context = browser.new_context()
            page = context.new_page()
            bodies: dict[str, int] = {}

            def keep(response, bodies=bodies):
                name = response.url.split("?")[0]
                if name.endswith((".js", ".css", ".json")) or name.endswith("index.html"):
                    with contextlib.suppress(Exception):
                        bodies[response.url.split("?")[0]] = len(gzip.compress(response.body(), 6))

            page.on("response", keep)
            page.add_init_script(observer)
            page.goto(url + "index.html")
            page.wait_for_function("window.__bench.ready && window.__bench.dcl", timeout=60000)
            marks = page.evaluate("window.__bench")
            after_dcl.append(marks["ready"] - marks["dcl"])
            from_start.append(marks["ready"])
            sizes = bodies
            context.close()
    finally:
        server.shutdown()
    widget_bytes = sum(v for k, v in sizes.items() if _is_widget_asset(k))
    page_bytes = sum(sizes.values())
    return {
        "ready_ms": round(statistics.median(after_dcl), 1),
        "ready_from_navigation_ms": round(statistics.median(from_start), 1),
        "widget_bytes_gzip": widget_bytes,
        "page_bytes_gzip": page_bytes,
        "widget_files": sorted(k.rsplit("/", 1)[-1] for k in sizes if _is_widget_asset(k)),
    }


def _is_widget_asset(url: str) -> bool:
    return any(part in url for part in ("/jeugddomein/", "require", "embed-amd", "index.html"))


def main() -> None:
    from playwright.sync_api import sync_playwright

    npm = install_html_manager()
    base_conf = "extensions = ['myst_nb']\nnb_execution_mode = 'force'\nhtml_theme = 'alabaster'\n"
    ours = build("ours", ours_notebook(), base_conf.replace("['myst_nb']", "['myst_nb', 'jeugddomein.sphinxext']"))
    stock_conf = base_conf + (
        "html_static_path = ['_vendor']\n"
        "nb_ipywidgets_js = {'require.js': {}, 'embed-amd.js': {'data-jupyter-widgets-cdn': '/'}}\n"
    )
    stock_src_vendor = WORK / "stock-vendor"
    shutil.rmtree(stock_src_vendor, ignore_errors=True)
    stock_src_vendor.mkdir(parents=True)
    shutil.copy(npm / "requirejs" / "require.js", stock_src_vendor / "require.js")
    shutil.copy(npm / "@jupyter-widgets" / "html-manager" / "dist" / "embed-amd.js", stock_src_vendor / "embed-amd.js")
    stock_conf = stock_conf.replace("['_vendor']", repr([str(stock_src_vendor)]))
    stock = build("stock", stock_notebook(), stock_conf)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ours_result = measure(ours, ".jd-widget.jd-ready", browser)
        stock_result = measure(stock, ".widget-radio-box, .widget-textarea", browser)
        browser.close()
    result = {
        "machine": machine(),
        "widgets_on_page": 2 * N,
        "ours": ours_result,
        "stock_ipywidgets_embed": stock_result,
        "bytes_ratio": round(stock_result["widget_bytes_gzip"] / ours_result["widget_bytes_gzip"], 1),
        "time_ratio": round(stock_result["ready_ms"] / max(ours_result["ready_ms"], 0.1), 1),
        "time_from_navigation_ratio": round(
            stock_result["ready_from_navigation_ms"] / max(ours_result["ready_from_navigation_ms"], 0.1), 1
        ),
        "goal": "at least 10x fewer bytes and faster to ready than stock ipywidgets static embedding",
    }
    record(
        "widgets",
        result,
        "Widget runtime benchmark",
        f"Headless Chromium, median of {LOADS} loads. The moment all 20 widgets are rendered is taken inside the page\n"
        "(a MutationObserver on the widgets' ready marks), the same way for both pages. Both are served by the same\n"
        "local Python HTTP server.\n\n"
        "| page with 20 widgets | widget bytes (gzip) | page bytes (gzip) | DOMContentLoaded to all rendered | navigation start to all rendered |\n|---|---|---|---|---|\n"
        f"| course runtime | {ours_result['widget_bytes_gzip']:,} | {ours_result['page_bytes_gzip']:,} | {ours_result['ready_ms']} ms | {ours_result['ready_from_navigation_ms']} ms |\n"
        f"| stock ipywidgets embed (local html-manager) | {stock_result['widget_bytes_gzip']:,} | {stock_result['page_bytes_gzip']:,} | {stock_result['ready_ms']} ms | {stock_result['ready_from_navigation_ms']} ms |\n"
        f"| ratio | {result['bytes_ratio']}x fewer | | {result['time_ratio']}x faster | {result['time_from_navigation_ratio']}x faster |\n",
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
