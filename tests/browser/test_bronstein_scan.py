"""The Bronstein self-scan in the static site: keyboard-only scan, scores and table, reload, repeat, compare,
export and import, the same scores as Python, and no serious accessibility problem in any state."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from jeugddomein.models.portfolio import Portfolio
from jeugddomein.widgets.bronstein_scan.model import compare, load_instrument, score
from tests.browser.helpers import store_key, stored, widget
from tests.conftest import wait_for_widgets

ROOT = Path(__file__).resolve().parents[2]
PAGE = "exercises/bronstein-scan.html"
PORTFOLIO = "exercises/portfolio.html"
SCAN = "bronstein-scan-hoofd"
MODULE = "/_static/jeugddomein/widgets/bronstein_scan.js"
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def config() -> dict:
    return load_instrument("bronstein", ROOT / "data").model_dump(mode="json")


def item_ids(config: dict) -> list[str]:
    return [item["id"] for key in ("components", "factors") for block in config[key] for item in block["items"]]


def open_scan(page: object, base_url: str) -> object:
    page.goto(base_url + PAGE)
    wait_for_widgets(page)
    return widget(page, SCAN)


def open_with_two_scans(page: object, base_url: str, config: dict, mode: str) -> object:
    """The scan page with two stored scans (week 1 all 2, week 8 all 4) in view `mode`."""
    ids = item_ids(config)
    scans = [
        {"label": label, "date": day, "perspective": "stage", "context": "stage", "answers": {i: v for i in ids}}
        for label, day, v in (("week 1", "2026-02-09", 2), ("week 8", "2026-03-30", 4))
    ]
    page.goto(base_url + "intro.html")
    page.evaluate(
        """([key, scans, mode]) => localStorage.setItem(key, JSON.stringify({v: 2, widget: "bronstein-scan",
        page: "exercises/bronstein-scan", updated: new Date().toISOString(),
        state: {perspective: "stage", context: "", mode, position: 0, answers: {}, scans}}))""",
        [store_key(SCAN), scans, mode],
    )
    return open_scan(page, base_url)


def js_score(page: object, base_url: str, instrument: dict, answers: dict) -> dict:
    module = base_url.rstrip("/") + MODULE
    return page.evaluate(
        "async ([url, instrument, answers]) => (await import(url)).default.score(instrument, answers)",
        [module, instrument, answers],
    )


def dutch(value: float | None) -> str:
    return "niet genoeg antwoorden" if value is None else f"{value:.2f}".replace(".", ",")


def score_table(scan: object) -> dict[str, list[str]]:
    rows = scan.locator(".jd-bs-results table").first.locator("tbody tr")
    return {
        rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())
    }


def test_python_and_browser_score_the_same_answers(page, base_url, config):
    """One set of answer sheets, scored by bronstein_scan.model.score and by the module's score helper."""
    page.goto(base_url + PAGE)
    rng = random.Random(3)
    ids = item_ids(config)
    sheets = [
        {},
        {i: 0 for i in ids},
        {i: 5 for i in ids},
        {i: 1 for i in ids},
        {i: 3 for i in ids[:10]},
        {"fl1": 4, "fl2": 4, "fl5": 2, "af1": 0, "af2": 7, "re7": 5},
    ]
    for _ in range(25):
        sheets.append({i: rng.choice([0, 1, 2, 3, 4, 5]) for i in ids if rng.random() > 0.2})
    for answers in sheets:
        assert js_score(page, base_url, config, answers) == score(config, answers), answers
    changes = page.evaluate(
        "async ([url, i, a, b]) => (await import(url)).default.compare(i, a, b)",
        [base_url.rstrip("/") + MODULE, config, sheets[6], sheets[7]],
    )
    assert changes == compare(config, sheets[6], sheets[7])


def plan_answers(config: dict) -> list[int]:
    """Answers for the keyboard test: every value, 'weet ik niet' (0) now and then, reverse items included."""
    rng = random.Random(11)
    return [0 if n % 9 == 4 else rng.randint(1, 5) for n, _ in enumerate(item_ids(config))]


def answer_with_keyboard(page: object, value: int) -> None:
    """On a freshly shown statement (focus on its first option): choose `value` (0 = weet ik niet), then Enter."""
    page.keyboard.press("Space")  # checks option 1
    for _ in range((value if value else 6) - 1):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")


def test_keyboard_scan_reload_repeat_compare_export_import(page, context, base_url, config, tmp_path):
    scan = open_scan(page, base_url)
    ids = item_ids(config)
    planned = plan_answers(config)

    # 1. Choose the perspective and start, with the keyboard only.
    scan.get_by_role("radio", name="Als student, over je stageplek").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("stageklas groep 6")
    page.keyboard.press("Tab")  # how to show the statements: stays 'one at a time'
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Begin de scan"
    page.keyboard.press("Enter")
    progress = scan.locator(".jd-bs-progress-text")
    assert progress.inner_text() == f"Stelling 1 van {len(ids)} · 0 van {len(ids)} stellingen beantwoord"

    # 2. Every statement: choose with Space and the arrow keys, Enter to go on.
    for n, value in enumerate(planned):
        assert page.evaluate("document.activeElement.name").endswith(f"-q-{ids[n]}")
        answer_with_keyboard(page, value)
    assert scan.locator("h4", has_text="Afronden").evaluate("h => h === document.activeElement")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("week 1")
    for _ in range(8):  # the date field has a Tab stop per part (day, month, year), then 'Terug', then 'Bewaren'
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Scan bewaren en uitkomst bekijken":
            break
    assert page.evaluate("document.activeElement.textContent") == "Scan bewaren en uitkomst bekijken"
    page.keyboard.press("Enter")

    # 3. Scores per component as a table, beside a radar and a bar chart, with an interpretation and a link.
    answers = dict(zip(ids, planned, strict=True))
    expected = score(config, answers)
    table = score_table(scan)
    for part in expected["scales"][:5]:
        cells = table[part["name"]]
        assert cells[0] == dutch(part["score"])
        assert cells[1] == f"{part['n']} van {part['items']}"
        assert cells[2] == str(part["unknown"])
    assert scan.locator("svg.jd-bs-radar[role=img]").count() == 1
    assert scan.locator("svg.jd-bs-bars[role=img]").count() == 1
    radar_title = scan.locator("svg.jd-bs-radar title").text_content()
    assert dutch(expected["scales"][0]["score"]) in radar_title
    link = scan.locator(".jd-bs-reading a").first
    assert link.get_attribute("href").endswith("chapters/05-interprofessioneel/index.html#onderlinge-afhankelijkheid")
    assert scan.locator(".jd-bs-reading").count() == 5
    scan.locator(".jd-bs-reference summary").click()
    reference = scan.locator(".jd-bs-reference").inner_text()
    assert "3,84" in reference and "4,05" in reference and "niet gemeten" in reference and "geen norm" in reference
    state = stored(page)[store_key(SCAN)]["state"]
    assert state["scans"][0]["answers"] == answers and state["scans"][0]["label"] == "week 1"
    assert state["scans"][0]["context"] == "stageklas groep 6" and state["perspective"] == ""

    # 4. Reload: the scan is still there.
    page.reload()
    wait_for_widgets(page)
    assert score_table(scan) == table

    # 5. Repeat, one component at a time, answering everything with 4.
    scan.get_by_role("radio", name="Eén onderdeel tegelijk (alle stellingen van een component op één scherm)").check()
    scan.get_by_role("button", name="Begin een nieuwe scan").click()
    for part in range(9):
        assert scan.locator(".jd-bs-progress-text").inner_text().startswith(f"Onderdeel {part + 1} van 9")
        for group in scan.locator("fieldset.jd-bs-item").all():
            group.get_by_text("4 · mee eens", exact=True).click()
        scan.get_by_role("button", name="Naar afronden" if part == 8 else "Volgend onderdeel").click()
    scan.get_by_label("Naam van dit moment (bijv. week 1, na stage)").fill("na stage")
    scan.get_by_role("button", name="Scan bewaren en uitkomst bekijken").click()
    second = {i: 4 for i in ids}

    # 6. Compare the two moments side by side, with the change per component.
    rows = scan.locator(".jd-bs-compare tbody tr")
    changes = compare(config, answers, second)
    assert rows.count() == 9
    for i, change in enumerate(changes):
        cells = rows.nth(i).locator("td").all_inner_texts()
        assert cells[0] == dutch(change["first"]) and cells[1] == dutch(change["second"])
        if change["change"] > 0:
            assert cells[2].startswith(f"▲ +{dutch(change['change'])}")
        elif change["change"] < 0:
            assert cells[2].startswith(f"▼ −{dutch(-change['change'])}")
        else:
            assert cells[2] == "= 0,00 (gelijk)"
    assert scan.locator(".jd-bs-compare svg[role=img]").count() == 2
    before = stored(page)[store_key(SCAN)]

    # 7. Export from the portfolio, clear the browser, import, and the two scans are back.
    page.goto(base_url + PORTFOLIO)
    page.wait_for_selector(".jd-portfolio[data-jd-ready]")
    item = page.locator(f'.jd-portfolio-item[data-widget-id="{SCAN}"]')
    assert "week 1 (" in item.inner_text() and "na stage (" in item.inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporteer portfolio (JSON)").click()
    exported = tmp_path / "portfolio.json"
    download.value.save_as(exported)
    entry = next(e for e in Portfolio.from_file(exported).entries if e.id == SCAN)
    assert [s.label for s in entry.state.scans] == ["week 1", "na stage"]
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector(".jd-portfolio[data-jd-ready]")
    page.set_input_files("#jd-portfolio-import", str(exported))
    page.get_by_role("button", name="Samenvoegen").click()
    assert "1 nieuw" in page.locator(".jd-portfolio-status").inner_text()
    assert stored(page)[store_key(SCAN)]["state"] == before["state"]
    scan = open_scan(page, base_url)
    assert scan.locator(".jd-bs-compare tbody tr").count() == 9
    assert page.errors == [] and context.offsite == []


def test_too_few_answers_show_a_message_instead_of_a_number(page, base_url, config):
    scan = open_scan(page, base_url)
    scan.get_by_role("radio", name="Over een casus uit de cursus").check()
    scan.get_by_role("radio", name="Eén onderdeel tegelijk (alle stellingen van een component op één scherm)").check()
    scan.get_by_role("button", name="Begin de scan").click()
    scan.locator("fieldset.jd-bs-item").first.get_by_text("5 · helemaal mee eens", exact=True).click()
    scan.locator("fieldset.jd-bs-item").nth(1).get_by_text("weet ik niet", exact=True).click()
    scan.get_by_role("button", name="Toon één stelling tegelijk").click()
    assert scan.locator(".jd-bs-progress-text").inner_text().startswith("Stelling 1 van")
    scan.get_by_role("button", name="Toon één onderdeel tegelijk").click()
    for _ in range(9):
        scan.locator(".jd-actions").last.locator("button.jd-primary").click()
    assert "niet genoeg antwoorden" in scan.locator(".jd-bs-finish").inner_text()
    scan.get_by_role("button", name="Scan bewaren en uitkomst bekijken").click()
    table = score_table(scan)
    assert table["Onderlinge afhankelijkheid"][:3] == ["niet genoeg antwoorden", "1 van 6", "1"]
    assert all(cells[0] == "niet genoeg antwoorden" for cells in table.values())
    assert "Niet genoeg antwoorden: je gaf bij 1 van de 6 stellingen een score (nodig: 3)" in scan.inner_text()


def test_stop_and_delete_ask_first(page, base_url):
    scan = open_scan(page, base_url)
    scan.get_by_role("radio", name="Als professional, over je team").check()
    scan.get_by_role("button", name="Begin de scan").click()
    scan.get_by_role("button", name="Stoppen zonder bewaren…").click()
    scan.get_by_role("button", name="Nee, verder met de scan").click()
    assert scan.locator(".jd-bs-progress-text").is_visible()
    scan.get_by_role("button", name="Stoppen zonder bewaren…").click()
    scan.get_by_role("button", name="Ja, stoppen").click()
    assert stored(page)[store_key(SCAN)]["state"]["perspective"] == ""
    page.evaluate(
        """([key, scans]) => localStorage.setItem(key, JSON.stringify({v: 2, widget: "bronstein-scan",
        page: "exercises/bronstein-scan", updated: new Date().toISOString(),
        state: {perspective: "", context: "", mode: "vraag", position: 0, answers: {}, scans}}))""",
        [
            store_key(SCAN),
            [{"label": "oud", "date": "2026-01-05", "perspective": "team", "context": "", "answers": {"af1": 3}}],
        ],
    )
    scan = open_scan(page, base_url)
    scan.get_by_role("button", name="Deze scan verwijderen…").click()
    scan.get_by_role("button", name="Ja, verwijderen").click()
    assert stored(page)[store_key(SCAN)]["state"]["scans"] == []
    assert scan.locator(".jd-bs-results").count() == 0


def test_every_state_is_accessible_and_fits_a_phone(context, base_url, config):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 360, "height": 740})
    scan = open_with_two_scans(page, base_url, config, mode="vraag")
    axe = Axe()

    def check(where: str) -> None:
        # Only the scan: the theme's own back-to-top button (shown after scrolling) is not this widget's to fix.
        result = axe.run(page, context={"include": [[f'.jd-widget[data-widget-id="{SCAN}"]']]})
        violations = [v for v in result.response["violations"] if v["impact"] in SERIOUS]
        report = [
            f"{v['id']}: {v['help']} -> {[(n['target'], n.get('failureSummary', '')[:200]) for n in v['nodes']][:4]}"
            for v in violations
        ]
        assert not violations, where + ": " + "; ".join(report)
        overflow = scan.locator(".jd-widget-bs").evaluate("el => el.scrollWidth - el.clientWidth")
        assert overflow <= 1, f"{where}: the scan is {overflow}px wider than a 360px screen"

    check("stelling")
    scan.get_by_role("button", name="Toon één onderdeel tegelijk").click()
    check("onderdeel")
    scan.get_by_role("button", name="Stoppen zonder bewaren…").click()
    scan.get_by_role("button", name="Ja, stoppen").click()
    scan.locator(".jd-bs-reference summary").click()
    check("uitkomst en vergelijking")
    assert errors == []


def test_disabled_previous_statement_looks_disabled(page, base_url):
    scan = open_scan(page, base_url)
    scan.get_by_role("radio", name="Als student, over je stageplek").check()
    scan.get_by_role("button", name="Begin de scan").click()
    previous = scan.get_by_role("button", name="Vorige stelling")
    assert previous.is_disabled()
    assert float(previous.evaluate("b => getComputedStyle(b).opacity")) < 0.7, "een uitgeschakelde knop ziet er zo uit"


def test_a_scan_is_not_compared_with_itself(page, base_url):
    page.goto(base_url + PORTFOLIO)
    page.wait_for_function("document.querySelector('.jd-portfolio')?.dataset.jdReady === '1'")
    page.set_input_files("#jd-portfolio-import", str(ROOT / "data/examples/cohort/portfolios/portfolio-aylin-a.json"))
    page.get_by_role("button", name="Samenvoegen").click()
    page.locator(".jd-portfolio-status", has_text="Samengevoegd").wait_for()
    scan = open_scan(page, base_url)
    first, second = scan.get_by_label("Eerste moment"), scan.get_by_label("Tweede moment")
    assert first.input_value() != second.input_value()
    taken = second.input_value()
    assert first.locator(f'option[value="{taken}"]').is_disabled(), "het tweede moment kan niet ook het eerste zijn"


FITS = """root => {
  const right = root.getBoundingClientRect().right;
  const wider = [...root.querySelectorAll("*")]
    .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > right + 1)
    .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute("class") || ""}: ${(e.textContent || "").slice(0, 40)}`);
  // (a visually hidden element, 1px wide, is not scrolled by anyone)
  const scrolled = [...root.querySelectorAll("*")]
    .filter((e) => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1)
    .filter((e) => ["auto", "scroll", "hidden"].includes(getComputedStyle(e).overflowX))
    .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute("class") || ""} (${e.scrollWidth} > ${e.clientWidth})`);
  const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  return { wider: wider.slice(0, 5), scrolled, page };
}"""


@pytest.mark.parametrize("size", [(1366, 768), (820, 1180), (390, 844)], ids=["laptop", "tablet", "telefoon"])
def test_results_and_answer_scale_fit_the_screen(context, base_url, config, size):
    """Every table of the results, the comparison and the answer scale fit inside the widget: no element sticks out,
    nothing has to be scrolled sideways, the page does not scroll sideways. On a laptop and a tablet the six answer
    options stand in one row; on a phone they stand one under the other, each as wide as the scale."""
    width, height = size
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    scan = open_with_two_scans(page, base_url, config, mode="component")
    scan.locator(".jd-bs-reference summary").click()
    scan.locator(".jd-bs-steps summary").click()
    assert scan.locator(".jd-bs-results table, .jd-bs-compare table").count() == 4
    fit = scan.locator(".jd-widget-bs").evaluate(FITS)
    assert fit == {"wider": [], "scrolled": [], "page": 0}, f"{width}px: {fit}"
    options = scan.locator(".jd-bs-item").first.locator(".jd-bs-option label")
    boxes = [options.nth(i).bounding_box() for i in range(options.count())]
    assert len(boxes) == 6
    if width >= 800:
        assert len({round(b["y"]) for b in boxes}) == 1, f"{width}px: the answer options wrap onto more rows"
    else:
        scale = scan.locator(".jd-bs-item").first.locator(".jd-bs-options").bounding_box()
        assert all(abs(b["width"] - scale["width"]) <= 1 for b in boxes), "on a phone every option is a full row"
    overflowing = options.evaluate_all("ls => ls.filter((l) => l.scrollWidth > l.clientWidth + 1).length")
    assert overflowing == 0
