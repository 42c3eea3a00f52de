"""The course offline: after one visit every page works without a network, from the service worker; a new version is
announced and used after a reload with the learner's work intact; the worker stays out of the way (registered only
after the first page has loaded, not when the browser asks to save data, not from file://, right scope in a
subfolder, the strict CSP holds).

These tests make their own contexts with service workers allowed (the shared `context` fixture blocks them)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from jeugddomein.sphinxext import offline
from jeugddomein.sphinxext.postprocess import CONTENT_SECURITY_POLICY
from tests.browser.helpers import wait_for_search
from tests.browser.test_csp import WATCH, violations, wait_for_widgets, wait_until
from tests.conftest import serve, site_pages

PAGES = site_pages()
CSP = {"Content-Security-Policy": CONTENT_SECURITY_POLICY}
CHAPTER = "chapters/01-jeugddomein/index.html"
STATUS = "document.querySelector('.jd-offline-status')?.dataset.jdOffline"
# When the page registers the worker: the page must have loaded and its widgets must be ready by then.
REGISTER_SPY = """
window.__registered = [];
if (self.ServiceWorkerContainer) {
  const register = ServiceWorkerContainer.prototype.register;
  ServiceWorkerContainer.prototype.register = function (...args) {
    window.__registered.push({ readyState: document.readyState,
      widgetsReady: document.documentElement.dataset.jdWidgetsReady !== undefined, url: String(args[0]),
      scope: args[1] && args[1].scope });
    return register.apply(this, args);
  };
}
"""


@pytest.fixture(scope="module")
def course_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The course in a subfolder (/cursus/) of a server that sends the strict CSP."""
    root = tmp_path_factory.mktemp("host")
    (root / "cursus").symlink_to(site, target_is_directory=True)
    server, url = serve(root, headers=CSP)
    yield url + "cursus/"
    server.shutdown()


def new_page(browser: object, init: str = "") -> tuple[object, object]:
    """A fresh context with service workers allowed; the page collects script errors and failed requests."""
    context = browser.new_context(service_workers="allow", viewport={"width": 1200, "height": 900})
    context.add_init_script(WATCH + init)
    page = context.new_page()
    page.errors = []
    page.failed = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(f"{msg.text} {msg.location}"))
    page.on("response", lambda res: res.status >= 400 and page.errors.append(f"{res.status} {res.url}"))
    # Chromium fetches the tab's icon itself, never through a service worker: offline that one may fail.
    page.on(
        "requestfailed",
        lambda request: request.url.endswith("/_static/favicon.svg") or page.failed.append(request.url),
    )
    return context, page


def settle(page: object) -> None:
    """Wait until the page's widgets are ready and every request of the page has settled (the portfolio page loads
    its own module after the widgets, every page the offline status after loading): leaving earlier would abort a
    request and count it as failed."""
    wait_for_widgets(page)
    page.wait_for_load_state("networkidle")


def wait_until_offline_ready(page: object) -> None:
    wait_until(page, f"{STATUS} === 'ready'", timeout=90)


def test_the_whole_course_works_offline_after_one_visit(browser: object, course_url: str):
    context, page = new_page(browser, REGISTER_SPY)
    try:
        page.goto(course_url + "intro.html")
        wait_for_widgets(page)
        wait_until_offline_ready(page)
        status = page.locator(".jd-offline-status").inner_text()
        assert "offline beschikbaar" in status, status
        # Registered after the first page had loaded, with the course's folder as scope.
        [registered] = page.evaluate("window.__registered")
        assert registered["readyState"] == "complete" and registered["widgetsReady"], registered
        assert registered["scope"] == course_url and registered["url"] == course_url + "sw.js"

        context.set_offline(True)
        for path in PAGES:
            response = page.goto(course_url + path)
            assert response is not None and response.ok, f"{path} opent niet offline"
            assert response.from_service_worker, f"{path} kwam niet uit de service worker"
            if path == "index.html":
                page.wait_for_url("**/intro.html")
            settle(page)
            total = page.locator(".jd-widget[data-widget]").count()
            ready = page.locator(".jd-widget.jd-ready").count()
            if path != "reader.html":  # the reader prints the text; its widgets are not mounted
                assert ready == total, f"{path}: {total - ready} van {total} oefeningen werken offline niet"
            assert page.failed == [], f"{path}: offline niet gevonden: {page.failed}"

        # Search works offline.
        page.goto(course_url + "search.html?q=grensobject")
        wait_for_search(page)
        settle(page)
        assert page.locator("#search-results li").count() > 0 and page.failed == [], page.failed
        # Work is saved offline and is there after a reload.
        page.goto(course_url + CHAPTER)
        settle(page)
        text = "Geschreven in de trein, zonder internet."
        page.locator('.jd-widget[data-widget="reflection"] textarea').first.fill(text)
        page.locator('.jd-widget[data-widget="reflection"] textarea').first.blur()
        page.reload()
        settle(page)
        assert page.locator('.jd-widget[data-widget="reflection"] textarea').first.input_value() == text
        # The portfolio says so too.
        page.goto(course_url + "exercises/portfolio.html")
        wait_for_widgets(page)
        wait_until_offline_ready(page)
        assert violations(page) == [] and page.errors == [] and page.failed == []
    finally:
        context.close()


def test_nothing_is_registered_when_the_browser_asks_to_save_data(browser: object, course_url: str):
    save_data = "Object.defineProperty(NetworkInformation.prototype, 'saveData', { get: () => true });"
    context, page = new_page(browser, save_data + REGISTER_SPY)
    asked: list[str] = []
    context.on("request", lambda request: asked.append(request.url))
    try:
        page.goto(course_url + "intro.html")
        wait_for_widgets(page)
        wait_until(page, f"{STATUS} === 'save-data'")
        assert "data te besparen" in page.locator(".jd-offline-status").inner_text()
        assert page.evaluate("window.__registered") == []
        assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
        assert not [url for url in asked if url.endswith((offline.WORKER, offline.LIST))], asked
    finally:
        context.close()


def test_no_worker_from_file(browser: object, site: Path):
    context, page = new_page(browser)
    try:
        page.goto((site / "intro.html").as_uri())
        page.wait_for_load_state("load")
        assert context.service_workers == []
        assert page.evaluate("location.protocol") == "file:"
    finally:
        context.close()


def test_the_manifest_names_the_course_in_dutch(course_url: str, site: Path):
    manifest = json.loads((site / offline.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["lang"] == "nl" and manifest["name"] == "Samenwerken in het brede jeugddomein"
    assert manifest["start_url"] == "./intro.html" and manifest["scope"] == "./"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert (site / icon["src"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = (site / CHAPTER).read_text(encoding="utf-8")
    assert '<link rel="manifest" href="../../manifest.webmanifest" />' in html


def test_the_offline_copy_leaves_sources_and_maps_out(site: Path):
    listing = json.loads((site / offline.LIST).read_text(encoding="utf-8"))
    names = [name for name, _, _ in listing["files"]]
    assert not [n for n in names if n.startswith("_sources/") or n.endswith(".map")]
    for needed in ("intro.html", "searchindex.js", "_static/jeugddomein/widgets/rich_picture.js", CHAPTER):
        assert needed in names
    assert sum(size for _, size, _ in listing["files"]) < 12 * 1024 * 1024


def _version_two(folder: Path) -> None:
    """Version 1.1 of a copied site: a changed start page, a new list and worker."""
    intro = folder / "intro.html"
    html = intro.read_text(encoding="utf-8")
    changed = re.sub(r"(<h1[^>]*>)Welkom", r"\1Welkom terug", html, count=1)
    assert changed != html
    intro.write_text(changed, encoding="utf-8")
    manifest = json.loads((folder / offline.MANIFEST).read_text(encoding="utf-8"))
    offline.write_offline_files(
        folder, course="samenwerken-jeugddomein", version="1.1", title=manifest["name"], icons=manifest["icons"]
    )


def test_a_new_version_is_announced_then_used_after_reload(browser: object, site: Path, tmp_path: Path):
    folder = tmp_path / "site"
    shutil.copytree(site, folder, ignore=shutil.ignore_patterns("_sources"))
    server, url = serve(folder, headers=CSP)
    context, page = new_page(browser)
    try:
        page.goto(url + "intro.html")
        wait_for_widgets(page)
        wait_until_offline_ready(page)
        assert "versie 1.0" in page.locator(".jd-offline-status").inner_text()
        page.goto(url + CHAPTER)
        wait_for_widgets(page)
        text = "Mijn werk van voor de nieuwe versie."
        box = page.locator('.jd-widget[data-widget="reflection"] textarea').first
        box.fill(text)
        box.blur()

        _version_two(folder)
        page.goto(url + "intro.html")
        wait_for_widgets(page)
        # The worker found the new version and installed it in the background: the notice, on the old version.
        notice = page.locator(".jd-notice-update")
        expect(notice).to_contain_text("Er is een nieuwe versie van de cursus; vernieuw de pagina", timeout=60000)
        assert (
            page.locator("h1").first.inner_text().startswith("Welkom")
            and "terug" not in page.locator("h1").first.inner_text()
        )

        page.reload()
        expect(page.locator("h1").first).to_contain_text("Welkom terug", timeout=30000)
        wait_for_widgets(page)
        wait_until_offline_ready(page)
        assert "versie 1.1" in page.locator(".jd-offline-status").inner_text()
        assert page.locator(".jd-notice-update").count() == 0
        caches = page.evaluate("caches.keys()")
        assert len(caches) == 1 and "-1.1-" in caches[0], caches
        page.goto(url + CHAPTER)
        wait_for_widgets(page)
        assert page.locator('.jd-widget[data-widget="reflection"] textarea').first.input_value() == text
        assert violations(page) == [] and page.errors == []
    finally:
        context.close()
        server.shutdown()
