"""The SCORM packages under a real SCORM runtime: scorm-again (npm, test-only) plays the LMS for SCORM 1.2 and 2004.

Each package is unzipped next to a test LMS page that creates scorm-again's API (with the CMI data of an earlier
launch, as an LMS keeps it) and opens the launch page in a frame; the launch page opens the course in its own frame.
Served with the site's strict CSP. A few stub LMSs (refusing, rejecting, silent) check the learner's notices."""

from __future__ import annotations

import base64
import json
import shutil
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from jeugddomein.scorm import OFFLINE_FILES, build_package
from jeugddomein.sphinxext.postprocess import CONTENT_SECURITY_POLICY
from jeugddomein.widgets.bronstein_scan.model import score as scan_score
from jeugddomein.widgets.rubric.grading import grade_dict
from tests.browser.helpers import COURSE, TOUCH, store_key, visible_one
from tests.conftest import ROOT, serve
from tests.factories import large_pictures

BUDGET = {"1.2": 4096, "2004": 64000}
FOLDER = {"1.2": "12", "2004": "2004"}
API = {"1.2": "API", "2004": "API_1484_11"}
START = {"1.2": "LMSInitialize", "2004": "Initialize"}
END = {"1.2": "LMSFinish", "2004": "Terminate"}
CORE = ("reflection", "bronstein-scan", "rubric", "competence-tracker")
"""The most valuable work: it must always come back under SCORM 2004."""

HARNESS = """
// A test LMS: scorm-again as the LMS side, started with the CMI data of an earlier launch when the test gives it.
const standard = document.documentElement.dataset.scorm;
const api = new (standard === "1.2" ? window.Scorm12API : window.Scorm2004API)({ logLevel: 5 });
if (window.jdInitialCmi) api.loadFromJSON(window.jdInitialCmi);
window.calls = [];
window.refused = [];
const names = standard === "1.2"
  ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"]
  : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"];
const lastError = standard === "1.2" ? "LMSGetLastError" : "GetLastError";
for (const name of names) {
  const call = api[name].bind(api);
  api[name] = (...args) => {
    const out = call(...args);
    window.calls.push([name, ...args.map(String)]);
    const error = String(api[lastError]());
    if (String(out) === "false" || (name === names[3] && error !== "0")) {
      window.refused.push([name, ...args.map((a) => String(a).slice(0, 80)), error]);
    }
    if (name === names[1]) window.stored = JSON.parse(JSON.stringify(api.renderCMIToJSONObject())).cmi;
    return out;
  };
}
window.lmsApi = api;
window[standard === "1.2" ? "API" : "API_1484_11"] = api;
"""
LMS_PAGE = """<!DOCTYPE html>
<html lang="nl" data-scorm="{standard}"><head><meta charset="utf-8"><title>Test-LMS</title>
<link rel="icon" href="_static/favicon.svg"><script src="{runtime}"></script><script src="{harness}"></script></head>
<body><iframe id="sco" title="Cursus" src="scorm-start.html" width="1100" height="850"></iframe></body></html>
"""
PHONE_STYLE = "body { margin: 0; } #sco { display: block; width: 100vw; height: 100vh; border: 0; }\n"
"""How an LMS's phone app shows a package: the frame fills the screen (a stylesheet: the CSP forbids inline styles)."""
PHONE_PAGE = LMS_PAGE.replace(
    "</head>",
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<link rel="stylesheet" href="lms-phone.css"></head>',
)
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
STUB_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>LMS-stub</title>
<link rel="icon" href="_static/favicon.svg"><script src="{stub}"></script></head>
<body><iframe id="sco" title="Cursus" src="scorm-start.html" width="1100" height="800"></iframe></body></html>
"""


@pytest.fixture(scope="module")
def lms(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Both packages unzipped (12/, 2004/) beside test LMS pages, served with the CSP; returns the base URL."""
    work = tmp_path_factory.mktemp("lms")
    dist = ROOT / "node_modules" / "scorm-again" / "dist"
    for standard, folder in FOLDER.items():
        package = build_package(site, work, standard)
        target = work / folder
        with zipfile.ZipFile(package) as archive:
            archive.extractall(target)
        runtime = "scorm12.min.js" if standard == "1.2" else "scorm2004.min.js"
        shutil.copy(dist / runtime, target / "scorm-again.js")
        (target / "lms-harness.js").write_text(HARNESS, encoding="utf-8")
        for name, template in (("lms.html", LMS_PAGE), ("lms-phone.html", PHONE_PAGE)):
            page = template.format(standard=standard, runtime="scorm-again.js", harness="lms-harness.js")
            (target / name).write_text(page, encoding="utf-8")
        (target / "lms-phone.css").write_text(PHONE_STYLE, encoding="utf-8")
    for name, stub in (("stub", STUB), ("weigert", REFUSING), ("slaat-niet-op", REJECTING), ("stil", SILENT)):
        (work / "12" / f"{name}-stub.js").write_text(stub, encoding="utf-8")
        (work / "12" / f"{name}.html").write_text(STUB_PAGE.format(stub=f"{name}-stub.js"), encoding="utf-8")
    (work / "leeg.html").write_text('<!DOCTYPE html><html lang="nl"><title>leeg</title></html>', encoding="utf-8")
    server, url = serve(work, headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY})
    yield url
    server.shutdown()
    shutil.rmtree(work, ignore_errors=True)


def poll(fn, timeout: float = 20.0):
    """Wait for a real condition (a value the page reports), up to `timeout` seconds; returns the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = fn()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def decode(text: str) -> dict:
    """suspend_data back to its payload, independently of the course's JavaScript: 'jd1:' + base64(zlib)."""
    assert text.startswith("jd1:"), text[:20]
    return json.loads(zlib.decompress(base64.b64decode(text[4:])))


def course_index(site: Path) -> dict:
    return json.loads((site / "_static/jeugddomein/course.json").read_text(encoding="utf-8"))


def placements(site: Path) -> dict[str, dict]:
    return {
        w["id"]: {**w, "page": p["page"], "url": p["url"]} for p in course_index(site)["pages"] for w in p["widgets"]
    }


def full_portfolio(site: Path) -> list[dict]:
    """The fullest learner of the example cohort plus a rich picture of 100 elements on each of the three canvases."""
    known = placements(site)
    files = (ROOT / "data/examples/cohort/portfolios").glob("portfolio-*.json")
    fullest = max((json.loads(f.read_text(encoding="utf-8")) for f in files), key=lambda p: len(p["entries"]))
    pictures = [i for i, w in known.items() if w["widget"] == "rich-picture"]
    entries = [e for e in fullest["entries"] if e["id"] in known and e["id"] not in pictures]
    entries += large_pictures(pictures, when="2026-11-12T09:00:00Z")
    assert len(entries) >= 60 and len(pictures) == 3
    return entries


def seed(context: object, url: str, entries: list[dict]) -> None:
    """Put work in this profile's browser store, as earlier visits left it."""
    page = context.new_page()
    page.goto(url + "leeg.html")
    records = {
        store_key(e["id"]): {"v": 2, "widget": e["widget"], "page": e.get("page", ""), "updated": e["updated"],
                             "state": e["state"]}
        for e in entries
    }  # fmt: skip
    page.evaluate(
        "(records) => { for (const [k, v] of Object.entries(records)) localStorage.setItem(k, JSON.stringify(v)); }",
        records,
    )
    page.close()


COURSE_READY = """(path) => {
  const course = document.getElementById("sco")?.contentDocument?.querySelector("iframe.jd-lms-course")?.contentWindow;
  return Boolean(course && course.location.pathname.endsWith(path)
    && course.document.documentElement?.dataset.jdWidgetsReady !== undefined
    && !course.document.querySelector("link[data-jd-full-styles][media=print]")
    && course.performance.getEntriesByType("navigation")[0]?.domContentLoadedEventEnd > 0);
}"""
"""The course page `path` in the frame, ready for use (see conftest.PAGE_READY)."""


def course_frame(page: object, path: str) -> object:
    """The course page `path` in the launch page's frame, once it is ready for use (COURSE_READY)."""
    page.wait_for_function(COURSE_READY, arg=path, timeout=20000)
    return next(f for f in page.frames if f.url.split("?")[0].endswith(path))


def go(page: object, path: str) -> object:
    """Navigate inside the course frame (as a link in the course does) and wait for the page."""
    launch = next(f for f in page.frames if f.url.endswith("scorm-start.html"))
    launch.evaluate(
        "(path) => { const course = document.querySelector('iframe.jd-lms-course');"
        " course.contentWindow.location.href = new URL(path, location.href).href; }",
        path,
    )
    return course_frame(page, path)


def suspend_data(page: object) -> str:
    return page.evaluate("window.lmsApi.cmi.suspend_data") or ""


def carries(raw: str, store: dict[str, dict]) -> bool:
    """Whether suspend_data names every entry of the browser store, each kept one as it was last saved."""
    if not raw:
        return False
    payload = decode(raw)
    kept = {row[0]: row[1] for row in payload["e"]}
    left = set(payload["o"]) if isinstance(payload["o"], list) else set()
    return set(kept) | left == set(store) and all(store[i]["updated"] == updated for i, updated in kept.items())


def browser_store(frame: object) -> dict[str, dict]:
    raw = frame.evaluate(
        f"() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('jd:{COURSE}:w:'))"
        ".map(k => [k.split(':w:')[1], JSON.parse(localStorage.getItem(k))]))"
    )
    return raw


def answer(frame: object, check: dict, right: bool) -> None:
    widget = frame.locator(f'.jd-widget[data-widget-id="{check["id"]}"]')
    options = check["config"]["options"]
    for i, option in enumerate(options):
        if option["correct"] == right:
            widget.locator("input").nth(i).check()
            if not check["config"].get("multiple"):
                break
    widget.get_by_role("button", name="Controleer").click()


def close(page: object) -> dict:
    """The LMS closes the course (removes its frame); returns the CMI data the LMS keeps after Terminate/LMSFinish."""
    page.evaluate("document.getElementById('sco').remove()")
    stored = poll(lambda: page.evaluate("window.stored || null"))
    assert stored, page.evaluate("window.calls.map(c => c[0])")
    return stored


def widgets_on(site: Path, page: str, kind: str) -> list[dict]:
    return [w for w in placements(site).values() if w["page"] == page and w["widget"] == kind]


SCAN_PAGE, SCAN = "exercises/bronstein-scan", "bronstein-scan-hoofd"
RUBRIC_PAGE, RUBRIC = "exercises/rubric", "rubric-eindproduct"
RUBRIC_LEVELS = {"vraag": 2, "analyse": 1, "perspectieven": 1, "aanpak": 2, "onderbouwing": 1}
"""The self-assessment filled in: criterion -> index of the chosen level."""


def fill_scan(frame: object, instrument: dict) -> None:
    """A whole Bronstein scan with the keyboard (the course frame is larger than the LMS's, so a click may land
    outside it), one component at a time: statement n of block b gets 1 + (b + n) % 5."""
    scan = frame.locator(f'.jd-widget[data-widget-id="{SCAN}"]')
    scan.get_by_role("radio", name="Als student, over je stageplek").press("Space")
    scan.locator('[data-key="mode-component"]').press("Space")
    scan.get_by_role("button", name="Begin de scan").press("Enter")
    for b, block in enumerate([*instrument["components"], *instrument["factors"]]):
        for n, item in enumerate(block["items"]):
            scan.locator(f'[data-key="ans-{item["id"]}-{1 + (b + n) % 5}"]').press("Space")
        scan.locator(".jd-bs-questions .jd-actions button").last.press("Enter")
    scan.get_by_role("button", name="Scan bewaren en uitkomst bekijken").press("Enter")


def fill_rubric(frame: object) -> None:
    rubric = frame.locator(f'.jd-widget[data-widget-id="{RUBRIC}"]')
    for criterion, level in RUBRIC_LEVELS.items():
        rubric.locator(f"fieldset[data-criterion='{criterion}'] input[type=radio]").nth(level).press("Space")


def expected_objectives(known: dict[str, dict], store: dict[str, dict]) -> dict[str, tuple[float | None, float, float]]:
    """Every objective the work in a browser store should give, computed in Python: id -> (raw, min, max)."""
    out: dict[str, tuple[float | None, float, float]] = {}
    for wid, record in store.items():
        config, state = known[wid]["config"], record["state"]
        if record["widget"] == "bronstein-scan" and state.get("scans"):
            values = [p["value"] for p in config["instrument"]["scale"]]
            for scale in scan_score(config["instrument"], state["scans"][-1]["answers"])["scales"]:
                if scale["kind"] == "component":
                    out[f"bronstein-{wid}-{scale['id']}"] = (scale["score"], min(values), max(values))
        if record["widget"] == "rubric":
            rubric = config["definition"]
            levels = {level["id"] for level in rubric["levels"]}
            scores = {c["id"]: state.get("zelf", {}).get("scores", {}).get(c["id"]) for c in rubric["criteria"]}
            result = grade_dict(rubric, {k: v for k, v in scores.items() if v in levels})
            if result["ok"]:
                values = [level["value"] for level in rubric["levels"]]
                cap = config["knockout_cap"] if any(c.get("knockout") for c in rubric["criteria"]) else max(values)
                out[f"rubric-{wid}"] = (result["grade"], min(*values, cap), max(values))
    return out


def rows_of(stored: object) -> list[dict]:
    """scorm-again's stored list (interactions, objectives) as a list, whichever shape its JSON has."""
    return list(stored.values()) if isinstance(stored, dict) else list(stored or [])


def lms_objectives(page: object) -> list[dict]:
    """The objectives scorm-again holds now."""
    return rows_of(page.evaluate("JSON.parse(JSON.stringify(window.lmsApi.cmi.objectives))"))


def objective_ids_set(page: object) -> list[tuple[str, str]]:
    """Every SetValue of an objective's id in this launch: (key, id)."""
    calls = page.evaluate("window.calls")
    keys = [c[1:3] for c in calls if c[0].endswith("SetValue") and c[1].startswith("cmi.objectives.")]
    return [(key, value) for key, value in keys if key.endswith(".id")]


@pytest.mark.parametrize("standard", ["2004", "1.2"])
def test_work_follows_the_learner_to_another_profile(lms: str, site: Path, browser: object, standard: str):
    url = lms + FOLDER[standard] + "/"
    entries = full_portfolio(site)
    chapter_1, chapter_2 = "chapters/01-jeugddomein/index", "chapters/02-systeemtheorie/index"
    check_1 = widgets_on(site, chapter_1, "knowledge-check")[0]
    check_2 = widgets_on(site, chapter_2, "knowledge-check")[0]
    reflection = widgets_on(site, chapter_1, "reflection")[0]
    entries = [e for e in entries if e["id"] not in (check_1["id"], check_2["id"], SCAN, RUBRIC)]  # done in this launch
    text = "Op mijn stage zag ik hoe de leraar en de jeugdhulpverlener samen één plan maakten voor Daan."

    # Profile A: earlier work in the browser, then a launch with two page navigations inside the course.
    a = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        seed(a, url, entries)
        page = a.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "lms.html")
        course_frame(page, "intro.html")
        frame = go(page, chapter_1 + ".html")
        answer(frame, check_1, right=True)
        box = frame.locator(f'.jd-widget[data-widget-id="{reflection["id"]}"] textarea')
        box.fill(text)
        box.blur()
        frame = go(page, chapter_2 + ".html")
        answer(frame, check_2, right=False)
        frame = go(page, SCAN_PAGE + ".html")
        fill_scan(frame, placements(site)[SCAN]["config"]["instrument"])
        frame = go(page, RUBRIC_PAGE + ".html")
        fill_rubric(frame)
        frame.wait_for_function(f"() => (localStorage.getItem('{store_key(RUBRIC)}') || '').includes('onderbouwing')")
        a_store = browser_store(frame)
        objectives_a = expected_objectives(placements(site), a_store)
        assert f"bronstein-{SCAN}-reflectie" in objectives_a and f"rubric-{RUBRIC}" in objectives_a
        ids = lambda: {o.get("id") for o in lms_objectives(page)}  # noqa: E731
        assert poll(lambda: ids() == set(objectives_a)), (ids(), objectives_a)
        # The last report encodes asynchronously: close only once suspend_data carries the store as it is now.
        assert poll(lambda: carries(suspend_data(page), a_store)), sorted(a_store)
        launch = next(f for f in page.frames if f.url.endswith("scorm-start.html"))
        notice_a = launch.locator(".jd-lms-notices").inner_text()
        stored = close(page)
        calls = [c[0] for c in page.evaluate("window.calls")]
        refused = page.evaluate("window.refused")
    finally:
        a.close()

    # One session for the whole launch, across page navigations; nothing the LMS refused (budget, formats).
    assert calls.count(START[standard]) == 1 and calls.count(END[standard]) == 1, calls
    assert calls[0] == START[standard] and calls[-1] == END[standard]
    assert refused == [], refused
    assert errors == []
    raw = stored["suspend_data"]
    assert 0 < len(raw) <= BUDGET[standard]
    payload = decode(raw)
    kept = {row[0] for row in payload["e"]}
    left = payload["o"] if isinstance(payload["o"], list) else []
    assert kept | set(left) == set(a_store)

    # Knowledge checks as interactions: right and wrong, with the standard's types.
    interactions = stored["interactions"]
    rows = {i["id"]: i for i in (interactions.values() if isinstance(interactions, dict) else interactions)}
    assert set(rows) == {check_1["id"], check_2["id"]}, rows
    wrong = "wrong" if standard == "1.2" else "incorrect"
    assert rows[check_1["id"]]["type"] == "choice" and rows[check_1["id"]]["result"] == "correct"
    assert rows[check_2["id"]]["result"] == wrong
    response = "student_response" if standard == "1.2" else "learner_response"
    assert rows[check_1["id"]][response] and rows[check_1["id"]]["correct_responses"]

    # The Bronstein components and rubric self-grades as objectives, each once, with its score on its own scale.
    objectives = rows_of(stored["objectives"])
    assert [o["id"] for o in objectives] == list(dict.fromkeys(o["id"] for o in objectives))
    by_id = {o["id"]: o for o in objectives}
    assert set(by_id) == set(objectives_a)
    rubric_grade = grade_dict(
        placements(site)[RUBRIC]["config"]["definition"],
        {c: placements(site)[RUBRIC]["config"]["definition"]["levels"][i]["id"] for c, i in RUBRIC_LEVELS.items()},
    )
    assert objectives_a[f"rubric-{RUBRIC}"][0] == rubric_grade["grade"] == 6.8
    for oid, (value, low, high) in objectives_a.items():
        score = by_id[oid]["score"]
        assert (float(score["min"]), float(score["max"])) == (low, high), oid
        if value is None:
            assert score["raw"] == "", oid  # 1.2 blanks it; 2004 never set one
        else:
            assert float(score["raw"]) == value, (oid, score)
        if standard == "1.2":
            assert by_id[oid]["status"] == "completed"
        else:
            assert (by_id[oid]["completion_status"], by_id[oid]["success_status"]) == ("completed", "unknown")
            if value is not None:
                assert abs(float(score["scaled"]) - (value - low) / (high - low)) < 1e-4, (oid, score)
            assert by_id[oid]["description"].startswith("{lang=nl}"), by_id[oid]
    if standard == "2004":
        names = {c["id"]: c["name"] for c in placements(site)[SCAN]["config"]["instrument"]["components"]}
        for component, name in names.items():
            description = by_id[f"bronstein-{SCAN}-{component}"]["description"]
            assert description.startswith(f"{{lang=nl}}Bronstein-zelfscan, {name}: "), description

    # Profile B: an empty browser, the LMS's stored data.
    b = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        b.add_init_script(f"window.jdInitialCmi = {json.dumps(stored)};")
        page = b.new_page()
        page.goto(url + "lms.html")
        frame = course_frame(page, RUBRIC_PAGE + ".html")  # the LMS remembered where the learner was
        b_store = browser_store(frame)
        launch = next(f for f in page.frames if f.url.endswith("scorm-start.html"))
        notice_b = launch.locator(".jd-lms-notices").inner_text()
        frame = go(page, chapter_1 + ".html")
        assert frame.locator(f'.jd-widget[data-widget-id="{reflection["id"]}"] textarea').input_value() == text
        # This launch reports the objectives of the work it got back again: at the index each has in the LMS (from
        # profile A), none appended twice.
        expected_b = expected_objectives(placements(site), b_store)
        sent = lambda: {oid for _, oid in objective_ids_set(page)}  # noqa: E731
        assert poll(lambda: sent() == set(expected_b)), (sent(), expected_b)
        at_index = {oid: f"cmi.objectives.{n}.id" for n, oid in enumerate(o["id"] for o in objectives)}
        assert all(at_index[oid] == key for key, oid in objective_ids_set(page)), objective_ids_set(page)
        assert [o["id"] for o in lms_objectives(page)] == [o["id"] for o in objectives]
        assert page.evaluate("window.refused") == []
    finally:
        b.close()

    assert set(b_store) == kept
    if standard == "2004":
        assert set(expected_b) == set(objectives_a)  # the scan and the rubric came back, so all objectives again
    for widget_id in kept:
        assert b_store[widget_id]["state"] == a_store[widget_id]["state"], widget_id
        assert b_store[widget_id]["updated"] == a_store[widget_id]["updated"], widget_id
    core = {i for i, r in a_store.items() if r["widget"] in CORE}
    pictures = sorted(i for i, r in a_store.items() if r["widget"] == "rich-picture")
    if standard == "2004":
        assert core <= kept, sorted(core - kept)
        assert {i for i in a_store if a_store[i]["widget"] not in ("rich-picture",)} <= kept
        assert any(p in kept for p in pictures), "at least one large picture fits in 64,000 characters"
        print(f"SCORM 2004: {len(raw)} characters, {len(kept)} of {len(a_store)} back, pictures back: "
              f"{sum(p in kept for p in pictures)} of 3; {len(objectives)} objectives")  # fmt: skip
    else:
        assert reflection["id"] in kept and left, "the newest reflection fits, not everything does"
        assert any(p in left for p in pictures)
        for text_a in (notice_a, notice_b):
            assert "Exporteer" in text_a and "rich picture (3×) bij" in text_a, text_a
        assert "4.096 tekens" in notice_a
        print(f"SCORM 1.2: {len(raw)} characters, {len(kept)} of {len(a_store)} back, {len(objectives)} objectives "
              f"({len(expected_b)} again in the next launch); notice: {notice_a}")  # fmt: skip


def test_incompressible_work_never_exceeds_the_budget(lms: str, site: Path, context: object):
    """The worst case: a reflection of random ideographs (3 bytes each in UTF-8) that deflate cannot shrink."""
    url = lms + FOLDER["1.2"] + "/"
    reflections = [w for w in placements(site).values() if w["widget"] == "reflection"]
    noise = "".join(chr(0x4E00 + (i * 7919 + i * i * 104729) % 0x5000) for i in range(4096))
    entries = [
        {"id": reflections[0]["id"], "widget": "reflection", "updated": "2026-11-02T10:00:00Z",
         "state": {"text": noise}},
        {"id": reflections[1]["id"], "widget": "reflection", "updated": "2026-11-01T10:00:00Z",
         "state": {"text": "Kort, maar het waardevolste wat ik schreef."}},
    ]  # fmt: skip
    seed(context, url, entries)
    page = context.new_page()
    page.goto(url + "lms.html")
    course_frame(page, "intro.html")
    assert poll(lambda: suspend_data(page))
    payload = decode(suspend_data(page))
    assert len(suspend_data(page)) <= BUDGET["1.2"]
    assert [row[0] for row in payload["e"]] == [reflections[1]["id"]]
    assert payload["o"] == [reflections[0]["id"]]
    assert page.evaluate("window.refused") == []
    launch = next(f for f in page.frames if f.url.endswith("scorm-start.html"))
    assert "reflectie bij" in launch.locator(".jd-lms-notices").inner_text()


def test_completion_and_score_after_the_required_work(lms: str, site: Path, page: object):
    url = lms + FOLDER["2004"] + "/"
    index = course_index(site)
    chapter = next(p for p in index["pages"] if p["page"] == "chapters/01-jeugddomein/index")
    check = next(w for w in chapter["widgets"] if w["widget"] == "knowledge-check")
    reflection = next(w for w in chapter["widgets"] if w["widget"] == "reflection")
    # Two required exercises (the mechanism, not the size of the course); the check is also scored.
    route = {**json.loads((site / "_static/jeugddomein/scorm.json").read_text(encoding="utf-8")),
             "required": [check["id"], reflection["id"]], "scored": [check["id"]]}  # fmt: skip
    page.route("**/_static/jeugddomein/scorm.json", lambda r: r.fulfill(json=route))
    page.goto(url + "lms.html")
    course_frame(page, "intro.html")
    frame = go(page, chapter["url"])
    status = lambda: page.evaluate("window.lmsApi.cmi.completion_status")  # noqa: E731
    assert poll(lambda: status() == "incomplete")
    box = frame.locator(f'.jd-widget[data-widget-id="{reflection["id"]}"] textarea')
    box.fill("Ik zag in mijn stage hoe de leraar en de jeugdhulpverlener samen een plan maakten.")
    box.blur()
    answer(frame, check, right=True)
    assert poll(lambda: status() == "completed"), page.evaluate("window.calls")
    assert page.evaluate("window.lmsApi.cmi.score.raw") == "100"
    assert page.evaluate("window.lmsApi.cmi.score.scaled") == "1"
    stored = close(page)
    assert stored["completion_status"] == "completed" and stored["exit"] == "suspend"
    assert page.errors == []


def test_completed_status_is_never_lowered(lms: str, page: object):
    url = lms + FOLDER["1.2"] + "/"
    page.add_init_script('window.jdInitialCmi = {"core": {"lesson_status": "completed"}};')
    page.goto(url + "lms.html")
    course_frame(page, "intro.html")
    assert poll(lambda: "LMSCommit" in [c[0] for c in page.evaluate("window.calls")])
    sets = [c[2] for c in page.evaluate("window.calls") if c[0] == "LMSSetValue" and c[1] == "cmi.core.lesson_status"]
    assert "incomplete" not in sets
    assert page.evaluate("window.lmsApi.cmi.core.lesson_status") == "completed"


def test_outside_an_lms_the_launch_code_is_not_loaded(base_url: str, page: object):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url + "chapters/01-jeugddomein/index.html")
    page.wait_for_function("document.documentElement.dataset.jdWidgetsReady !== undefined")
    page.wait_for_load_state("networkidle")
    assert not any(u.split("?")[0].endswith(("lms.js", "scorm.js", "scorm.json", "suspend.js")) for u in requested)
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
    page.goto(lms + FOLDER["1.2"] + "/" + lms_page)
    frame = course_frame(page, "intro.html")
    launch = next(f for f in page.frames if f.url.endswith("scorm-start.html"))
    notice = launch.locator('.jd-lms-notices [data-kind="lms"]')
    notice.wait_for()
    text = notice.inner_text()
    assert expected in text and "Je werk blijft wel in deze browser bewaard" in text, text
    frame = go(page, "chapters/01-jeugddomein/index.html")
    box = frame.locator(".jd-widget textarea").first
    box.fill("Mijn reflectie, ook zonder leeromgeving.")
    box.blur()
    frame.wait_for_function(
        "() => Object.values(localStorage).some((v) => v.includes('Mijn reflectie, ook zonder leeromgeving.'))"
    )
    assert launch.locator('.jd-lms-notices [data-kind="lms"]').count() == 1
    calls = [c[0] for c in page.evaluate("window.calls")]
    assert calls.count("LMSInitialize") == 1, calls
    assert page.errors == []


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_the_package_holds_no_service_worker(lms: str, browser: object, standard: str):
    """No worker, file list or web app manifest in the package, and none registered in the LMS (workers allowed)."""
    url = lms + FOLDER[standard] + "/"
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        for name in OFFLINE_FILES:
            assert page.request.get(url + name).status == 404, name
        page.goto(url + "lms.html")
        frame = course_frame(page, "intro.html")
        assert frame.locator('link[rel="manifest"]').count() == 0
        status = frame.locator('.jd-offline-status[data-jd-offline="elsewhere"]')
        status.wait_for(timeout=15000)
        assert "niet offline" in status.inner_text()
        assert frame.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
        assert context.service_workers == []
    finally:
        context.close()


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_the_lms_remembers_a_page_opened_while_the_launch_page_still_loads(lms: str, browser: object, standard: str):
    """The launch page loads the widget modules it reports with after opening the course; a learner who moves on
    before they have arrived (a slow network) is still remembered at the page she went to."""
    url = lms + FOLDER[standard] + "/"
    context = browser.new_context()
    held: list[object] = []

    def hold_launch_modules(route: object) -> None:
        if route.request.frame.url.endswith("scorm-start.html"):
            held.append(route)
        else:
            route.continue_()

    try:
        context.route("**/_static/jeugddomein/widgets/*", hold_launch_modules)
        page = context.new_page()
        page.goto(url + "lms.html")
        course_frame(page, "intro.html")
        go(page, "chapters/02-systeemtheorie/index.html")
        assert held, "the launch page asked for no widget module before the learner moved on"
        for route in held:
            route.continue_()
        location = "cmi.core.lesson_location" if standard == "1.2" else "cmi.location"
        here = lambda: page.evaluate(f"window.lmsApi.{location}")  # noqa: E731
        assert poll(lambda: here() == "chapters/02-systeemtheorie/index.html"), here()
    finally:
        context.close()


@pytest.mark.parametrize("standard", ["1.2", "2004"])
@pytest.mark.parametrize("device", sorted(TOUCH))
def test_phone_navigation_works_inside_the_launch_page(lms: str, browser: object, standard: str, device: str):
    """In an LMS's full-screen frame on a touch screen: ☰ and the page contents work, one session throughout."""
    url = lms + FOLDER[standard] + "/"
    context = browser.new_context(viewport=TOUCH[device], has_touch=True, is_mobile=device == "phone")
    try:
        page = context.new_page()
        page.goto(url + "lms-phone.html")
        frame = course_frame(page, "intro.html")
        width = frame.evaluate("innerWidth")
        assert width == TOUCH[device]["width"], width
        assert frame.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"

        visible_one(frame, ".primary-toggle").tap()
        dialog = frame.locator("#pst-primary-sidebar-modal")
        link = dialog.locator("a", has_text="Systeemtheorie").first
        link.wait_for(state="visible", timeout=5000)
        link.tap()
        frame = course_frame(page, "chapters/02-systeemtheorie/index.html")

        visible_one(frame, ".secondary-toggle").tap()
        section = frame.locator("#pst-secondary-sidebar-modal nav a").first
        section.wait_for(state="visible", timeout=5000)
        target = section.get_attribute("href")
        section.tap()
        frame.wait_for_url(f"**{target}")

        location = "cmi.core.lesson_location" if standard == "1.2" else "cmi.location"
        here = lambda: page.evaluate(f"window.lmsApi.{location}")  # noqa: E731
        assert poll(lambda: here() == "chapters/02-systeemtheorie/index.html"), here()
        calls = [c[0] for c in page.evaluate("window.calls")]
        assert calls.count(START[standard]) == 1 and END[standard] not in calls, calls
        assert page.evaluate("window.refused") == []
    finally:
        context.close()
