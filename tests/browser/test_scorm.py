"""The SCORM package in a stub LMS: a parent page with a SCORM 1.2 API (window.API) that launches the SCO in a frame.

The LMS stub records every call; the package is served with the strict CSP, as an LMS might."""

from __future__ import annotations

import json
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from jeugddomein.scorm import LAUNCH, OFFLINE_FILES, build_package
from jeugddomein.sphinxext.postprocess import CONTENT_SECURITY_POLICY
from tests.conftest import serve

STUB = """
window.calls = [];
window.cmi = { "cmi.core.lesson_status": "not attempted", "cmi.core.score.raw": "" };
const record = (name, ...args) => { window.calls.push([name, ...args]); };
window.API = {
  LMSInitialize: (arg) => { record("LMSInitialize", arg); return "true"; },
  LMSFinish: (arg) => { record("LMSFinish", arg); return "true"; },
  LMSGetValue: (key) => { record("LMSGetValue", key); return window.cmi[key] ?? ""; },
  LMSSetValue: (key, value) => { record("LMSSetValue", key, value); window.cmi[key] = String(value); return "true"; },
  LMSCommit: (arg) => { record("LMSCommit", arg); return "true"; },
  LMSGetLastError: () => "0",
  LMSGetErrorString: () => "",
  LMSGetDiagnostic: () => "",
};
"""
REFUSING = STUB.replace('return "true"; },\n  LMSFinish', 'return "false"; },\n  LMSFinish').replace(
    'LMSGetLastError: () => "0"', 'LMSGetLastError: () => "301"'
)
"""An LMS that refuses the session (LMSInitialize 'false', error 301: not initialized)."""
REJECTING = STUB.replace('record("LMSCommit", arg); return "true";', 'record("LMSCommit", arg); return "false";')
"""An LMS that opens the session but refuses to store the values."""
SILENT = """
window.calls = [];
const gone = (name) => () => { window.calls.push([name]); throw new Error("De leeromgeving antwoordt niet"); };
window.API = Object.fromEntries(
  ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString",
   "LMSGetDiagnostic"].map((name) => [name, gone(name)]),
);
"""
"""An LMS whose API throws on every call (its window closed, a broken connection)."""
LMS_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>LMS-stub</title>
<link rel="icon" href="_static/favicon.svg"><script src="{stub}"></script></head>
<body><iframe id="sco" title="Cursus" src="{launch}" width="1100" height="800"></iframe></body></html>
"""


@pytest.fixture(scope="module")
def lms(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The package unzipped next to an LMS stub page, served with the CSP."""
    work = tmp_path_factory.mktemp("lms")
    package = build_package(site, work)
    folder = work / "pakket"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    launch = "intro.html"
    chapter = "chapters/01-jeugddomein/index.html"
    for name, stub in (("lms", STUB), ("weigert", REFUSING), ("slaat-niet-op", REJECTING), ("stil", SILENT)):
        (folder / f"{name}-stub.js").write_text(stub, encoding="utf-8")
        (folder / f"{name}.html").write_text(LMS_PAGE.format(launch=chapter, stub=f"{name}-stub.js"), encoding="utf-8")
    (folder / "lms.html").write_text(LMS_PAGE.format(launch=launch, stub="lms-stub.js"), encoding="utf-8")
    (folder / "lms-hoofdstuk.html").write_text(LMS_PAGE.format(launch=chapter, stub="lms-stub.js"), encoding="utf-8")
    server, url = serve(folder, headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY})
    yield url, folder
    server.shutdown()
    shutil.rmtree(work, ignore_errors=True)


def poll(fn, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while True:
        value = fn()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def calls(page: object) -> list[list[str]]:
    return page.evaluate("window.calls")


def names(page: object) -> list[str]:
    return [c[0] for c in calls(page)]


def sets(page: object, key: str) -> list[str]:
    return [c[2] for c in calls(page) if c[0] == "LMSSetValue" and c[1] == key]


def sco_frame(page: object) -> object:
    return page.frame_locator("#sco")


def test_launch_reports_incomplete_then_finishes(lms: tuple[str, Path], page: object):
    url, _ = lms
    page.goto(url + "lms.html")
    assert poll(lambda: "LMSCommit" in names(page)), f"geen LMSCommit: {calls(page)}"
    assert names(page)[0] == "LMSInitialize"
    assert sets(page, "cmi.core.lesson_status") == ["incomplete"]
    assert sets(page, "cmi.core.exit") == ["suspend"]
    # Leaving the page (here: the next page in the frame) ends this visit with the time spent.
    page.evaluate("document.getElementById('sco').src = 'chapters/01-jeugddomein/index.html'")
    assert poll(lambda: names(page).count("LMSInitialize") == 2), calls(page)
    order = names(page)
    starts = [i for i, name in enumerate(order) if name == "LMSInitialize"]
    assert "LMSFinish" in order[starts[0] : starts[1]], f"LMSFinish hoort tussen de twee bezoeken: {order}"
    assert poll(lambda: sets(page, "cmi.core.session_time"))
    assert all(len(t.split(":")) == 3 for t in sets(page, "cmi.core.session_time"))
    assert page.errors == []


def test_completion_and_score_after_the_required_work(lms: tuple[str, Path], page: object):
    url, folder = lms
    rules_file = folder / "_static/jeugddomein/scorm.json"
    original = rules_file.read_text(encoding="utf-8")
    index = json.loads((folder / "_static/jeugddomein/course.json").read_text(encoding="utf-8"))
    chapter = next(p for p in index["pages"] if p["page"] == "chapters/01-jeugddomein/index")
    check = next(w for w in chapter["widgets"] if w["widget"] == "knowledge-check")
    reflection = next(w for w in chapter["widgets"] if w["widget"] == "reflection")
    # Two required exercises (the mechanism, not the size of the course); the check is also scored.
    rules = {**json.loads(original), "required": [check["id"], reflection["id"]], "scored": [check["id"]]}
    rules_file.write_text(json.dumps(rules), encoding="utf-8")
    try:
        page.goto(url + "lms-hoofdstuk.html")  # the learner resumes in chapter 1
        frame = sco_frame(page)
        assert poll(lambda: sets(page, "cmi.core.lesson_status") == ["incomplete"]), calls(page)
        box = frame.locator(f'.jd-widget[data-widget-id="{reflection["id"]}"] textarea')
        box.fill("Ik zag in mijn stage hoe de leraar en de jeugdhulpverlener samen een plan maakten.")
        box.blur()
        assert sets(page, "cmi.core.lesson_status") == ["incomplete"], "nog niet alles af"
        widget = frame.locator(f'.jd-widget[data-widget-id="{check["id"]}"]')
        for i, option in enumerate(check["config"]["options"]):
            if option["correct"]:
                widget.locator("input").nth(i).check()
        widget.get_by_role("button", name="Controleer").click()
        assert poll(lambda: "completed" in sets(page, "cmi.core.lesson_status")), calls(page)
        assert page.evaluate("window.cmi['cmi.core.lesson_status']") == "completed"
        assert page.evaluate("window.cmi['cmi.core.score.raw']") == "100"
        assert page.evaluate("window.cmi['cmi.core.score.max']") == "100"
        assert sets(page, "cmi.core.exit")[-1] == ""
        page.goto("about:blank")  # the learner leaves the course
        # A completed course never goes back to incomplete (e.g. on a device without the stored work).
        assert page.errors == []
    finally:
        rules_file.write_text(original, encoding="utf-8")


def test_completed_status_is_never_lowered(lms: tuple[str, Path], context: object):
    url, _ = lms
    page = context.new_page()
    page.goto(url + "lms.html")
    page.evaluate("window.cmi['cmi.core.lesson_status'] = 'completed'")
    page.evaluate("document.getElementById('sco').src = 'chapters/02-systeemtheorie/index.html'")
    assert poll(lambda: names(page).count("LMSInitialize") == 2 and sets(page, "cmi.core.lesson_status")), calls(page)
    assert set(sets(page, "cmi.core.lesson_status")) == {"completed"}
    assert "incomplete" not in sets(page, "cmi.core.lesson_status")


def test_outside_an_lms_scorm_js_is_not_loaded(lms: tuple[str, Path], page: object):
    url, _ = lms
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(url + "chapters/01-jeugddomein/index.html")
    assert poll(lambda: page.evaluate("document.documentElement.dataset.jdWidgetsReady !== undefined"))
    page.wait_for_load_state("networkidle")
    assert not any(u.endswith("scorm.js") or u.endswith("scorm.json") for u in requested)
    assert page.evaluate("typeof window.API") == "undefined"
    assert page.errors == []


@pytest.mark.parametrize(
    ("lms_page", "expected"),
    [
        ("weigert.html", "De leeromgeving weigert de verbinding"),
        ("slaat-niet-op.html", "De leeromgeving neemt je voortgang nu niet aan"),
        ("stil.html", "De leeromgeving antwoordt niet"),
    ],
)
def test_an_lms_that_refuses_or_does_not_answer_gets_a_notice_and_the_work_stays(lms, page, lms_page, expected):
    url, _ = lms
    page.goto(url + lms_page)
    frame = sco_frame(page)
    notice = frame.locator(".jd-notice-lms")
    notice.wait_for()
    text = notice.inner_text()
    assert expected in text and "Je werk blijft wel in deze browser bewaard" in text, text
    assert frame.locator(".jd-notice-lms").count() == 1
    box = frame.locator(".jd-widget textarea").first
    box.fill("Mijn reflectie, ook zonder leeromgeving.")
    box.blur()
    [sco] = page.main_frame.child_frames
    sco.wait_for_function(
        "() => Object.values(localStorage).some((v) => v.includes('Mijn reflectie, ook zonder leeromgeving.'))"
    )
    assert page.errors == []


def test_the_package_holds_no_service_worker(lms: tuple[str, Path], browser: object):
    """No worker, file list or web app manifest in the package, and none registered in the LMS (workers allowed)."""
    url, folder = lms
    assert not [name for name in OFFLINE_FILES if (folder / name).exists()]
    assert 'rel="manifest"' not in (folder / LAUNCH).read_text(encoding="utf-8")
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        page.goto(url + "lms.html")
        status = sco_frame(page).locator('.jd-offline-status[data-jd-offline="elsewhere"]')
        status.wait_for(timeout=15000)
        assert "niet offline" in status.inner_text()
        frame = next(f for f in page.frames if f.url.endswith(LAUNCH))
        assert frame.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
        assert context.service_workers == []
    finally:
        context.close()
