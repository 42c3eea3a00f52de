"""Shared fixtures: the built site served over http on 127.0.0.1, and headless Chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("JD_SITE", ROOT / "_build" / "html"))
ARTIFACTS = ROOT / "tests" / "artifacts"
pytest_plugins = ("sphinx.testing.fixtures",)  # make_app: throwaway Sphinx projects built in-process

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests by folder (unit, build, browser, jupyter) and notebook cells as `notebooks`."""
    for item in items:
        path = Path(str(item.fspath))
        if path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebooks)
        for marker in ("unit", "build", "browser", "jupyter"):
            if marker in path.parts:
                item.add_marker(getattr(pytest.mark, marker))


def built_site() -> Path:
    """The built HTML folder; fails with the fix when it is missing."""
    if not (SITE / "intro.html").is_file():
        pytest.fail("De site is nog niet gebouwd: voer eerst `make build` uit.", pytrace=False)
    return SITE


def site_pages() -> list[str]:
    """Every HTML page of the built site, as a path relative to its root."""
    if not SITE.is_dir():
        return []
    return sorted(str(p.relative_to(SITE)) for p in SITE.rglob("*.html") if "_static" not in p.parts)


GENERATED_PAGES = ("genindex.html", "index.html", "reader.html", "search.html")
"""Pages the build adds to those of the table of contents: index, redirect to the first page, reader, search."""


def book_pages() -> list[str]:
    """Every page the built site must have: each file in _toc.yml (globs expanded to source files), a page per case
    in data/cases/ (written into exercises/casussen/ by the build) and the generated pages."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    docnames = [toc["root"]] + [f"exercises/casussen/{p.stem}" for p in (ROOT / "data" / "cases").glob("*.yaml")]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                docnames.append(entry["file"])
            if "glob" in entry:
                sources = [p for p in ROOT.glob(entry["glob"]) if p.suffix in (".md", ".ipynb")]
                docnames.extend(str(p.relative_to(ROOT).with_suffix("")) for p in sources)
            walk(entry.get("sections", []))

    for part in toc["parts"]:
        walk(part["chapters"])
    return sorted({f"{name}.html" for name in docnames} | set(GENERATED_PAGES))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
    }

    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path, headers: dict[str, str] | None = None) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder on a free port of 127.0.0.1; returns the server and its base URL."""

    class Handler(_QuietHandler):
        def end_headers(self) -> None:
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            super().end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site() -> Path:
    return built_site()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium ontbreekt op {CHROMIUM}: voer `make chromium` uit.", pytrace=False)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class OffsiteRequests(list):
    """Requests a page made to any origin other than the site's own."""


@pytest.fixture
def context(browser: object, base_url: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser context (empty storage) per test; screenshots of open pages go to tests/artifacts on failure.

    Service workers are blocked here (registration does nothing), so a test sees the network as the page asks for
    it; tests/browser/test_offline.py tests the offline copy in contexts of its own."""
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900}, service_workers="block")
    ctx.offsite = OffsiteRequests()
    own = urlparse(base_url).netloc

    def watch(req: object) -> None:
        host = urlparse(req.url)
        if host.scheme in ("http", "https", "ws", "wss") and host.netloc != own:
            ctx.offsite.append(req.url)

    ctx.on("request", watch)
    yield ctx
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for i, pg in enumerate(ctx.pages):
            with contextlib.suppress(Exception):
                pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{i}.png"), full_page=True)
    ctx.close()


@pytest.fixture
def page(context: object) -> object:
    """A new page in a fresh context; console errors are collected in `page.errors`."""
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda error: pg.errors.append(str(error)))
    pg.on("console", lambda msg: msg.type == "error" and pg.errors.append(msg.text))
    return pg


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


PAGE_READY = (
    "document.documentElement.dataset.jdWidgetsReady !== undefined"
    " && performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd > 0"
    " && !document.querySelector('link[data-jd-full-styles][media=print]')"
    " && document.documentElement.classList.contains('jd-drawn')"
)
"""A page ready for use: the runtime has mounted every widget, the theme's scripts have run (they run before
DOMContentLoaded ends; the runtime loads async and does not wait for them, so widgets can be ready first), and the
theme's whole stylesheet applies (it loads beside the first-paint part and runtime.js applies it once it is in), and
the whole page is laid out (while it loads, sections off screen are not: runtime.js sets jd-drawn)."""


def wait_for_widgets(page: object) -> None:
    """Wait until the page is ready for use (PAGE_READY): its widgets mounted and the theme's scripts run."""
    page.wait_for_function(PAGE_READY, timeout=15000)


def open_page(page: object, base_url: str, path: str) -> None:
    """Go to a page of the site and wait until its widgets are mounted."""
    page.goto(base_url + path)
    wait_for_widgets(page)
