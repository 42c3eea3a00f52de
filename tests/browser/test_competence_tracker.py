"""Competence tracker in Chromium: profession, self-assessment with evidence at two moments, progress, T, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from jeugddomein.models.portfolio import Portfolio
from tests.browser.helpers import failing, store_key, stored, widget
from tests.conftest import open_page, wait_for_widgets

CHAPTER = "chapters/01-jeugddomein/index.html"
TRACKER_PAGE = "exercises/competenties.html"
RUBRIC_PAGE = "exercises/rubric.html"
PORTFOLIO = "exercises/portfolio.html"
TRACKER = "competentievolger"
REFLECTION = "jeugddomein-refl-actoren"
MODULE = "/_static/jeugddomein/widgets/competence_tracker.js"
LECTURER_PAGES = {
    "chapters/docenten/index",
    "chapters/docenten/casus-editor",
    "chapters/docenten/hosting",
    "exercises/rolkaarten",
    "exercises/bronstein-team",
    "exercises/casussen-schrijven",
    "exercises/cohort-dashboard",
}


def write_reflection(page: object, base_url: str) -> None:
    """Save a reflection in chapter 1, so the tracker can offer it as evidence from the learner store."""
    open_page(page, base_url, CHAPTER)
    area = widget(page, REFLECTION).locator("textarea")
    area.fill("De intern begeleider was de spil; ouders stonden aan de rand.")
    area.blur()
    page.wait_for_function(f"() => localStorage.getItem('{store_key(REFLECTION)}') !== null")


def assess(
    tracker: object, page: object, moment: str, competence: str, level: int, why: str, note: str = "", work: str = ""
) -> None:
    """Fill in one self-assessment with the keyboard-reachable form controls and save it."""
    tracker.get_by_label("Moment", exact=True).select_option(moment)
    tracker.get_by_label("Competentie", exact=True).select_option(competence)
    level_input = tracker.locator("input[type=radio][name$='-level']").nth(level - 1)
    level_input.focus()
    page.keyboard.press("Space")
    tracker.get_by_label("Motivatie", exact=False).fill(why)
    if work:
        tracker.get_by_label("Werk uit deze cursus", exact=False).select_option(work)
        tracker.get_by_role("button", name="Voeg werk toe als bewijs").click()
    if note:
        tracker.get_by_label("Of een notitie", exact=False).fill(note)
        tracker.get_by_label("Webadres bij de notitie", exact=False).fill("https://example.org/stageverslag")
        tracker.get_by_role("button", name="Voeg notitie toe als bewijs").click()
    save = tracker.get_by_role("button", name="Bewaar inschatting").or_(
        tracker.get_by_role("button", name="Werk inschatting bij")
    )
    save.focus()
    page.keyboard.press("Enter")
    status = tracker.locator(".jd-ct-status")
    assert status.inner_text().startswith("Bewaard:"), status.inner_text()


def test_self_assessment_over_two_moments_with_evidence_progress_t_shape_and_export(page, base_url, tmp_path):
    write_reflection(page, base_url)
    open_page(page, base_url, TRACKER_PAGE)
    tracker = widget(page, TRACKER)
    assert tracker.get_by_text("Kies eerst je beroep").is_visible()
    assert not tracker.get_by_role("button", name="Bewaar inschatting").is_visible()
    tracker.get_by_label("Pabo (leraar basisonderwijs)", exact=False).focus()
    page.keyboard.press("Space")
    assert not tracker.get_by_text("Kies eerst je beroep").is_visible()

    # The reflection from chapter 1 is offered, marked as saved in this browser.
    option = tracker.locator(f"option[value='{REFLECTION}']")
    assert option.inner_text().startswith("✓ Reflectie:")

    assess(tracker, page, "start", "systemisch", 1, "Ik zag vooral het kind.", work=REFLECTION)
    assess(
        tracker,
        page,
        "start",
        "interdisciplinair",
        2,
        "Ik vroeg de IB'er hoe zij ernaar keek.",
        note="Verslag overleg stage",
    )
    assess(tracker, page, "start", "vakmanschap", 2, "Ik kon zeggen wat ik als leraar bijdraag.")
    assess(
        tracker,
        page,
        "eind",
        "systemisch",
        3,
        "Ik bracht patronen thuis-school in kaart.",
        note="Rich picture van de groep",
    )
    assess(tracker, page, "eind", "interdisciplinair", 3, "We maakten één aanpak met de wijkcoach.")
    assess(tracker, page, "eind", "vakmanschap", 4, "Ik hield mijn didactische blik overeind.", work=REFLECTION)

    # Progress: a chart with a text alternative and a table with both moments.
    chart = tracker.locator("svg.jd-ct-svg")
    assert "Vanuit een systeemvisie werken: Start van de minor 1, Eind van de minor 3" in chart.get_attribute(
        "aria-label"
    )
    table = tracker.locator("table.jd-ct-grid")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Competentie", "Start van de minor", "Eind van de minor"]
    row = table.locator("tbody tr", has_text="Vakmanschap en persoonlijk meesterschap")
    assert row.locator("td").all_inner_texts() == ["2 · Ontwikkelend", "4 · Excellent · 1 bewijs"]

    # T view: start depth = mean(systemisch 1, vakmanschap 2) = 1.5, breadth = mean(systemisch 1, interdisc. 2) = 1.5;
    # end depth = mean(3, 4) = 3.5, breadth = mean(3, 3) = 3.0.
    t_text = tracker.locator(".jd-ct-tview").inner_text()
    assert "breedte 3,0 en diepte 3,5 van 4" in t_text
    assert "bij Start van de minor: breedte 1,5, diepte 1,5" in t_text
    assert "Pabo (leraar basisonderwijs)" in t_text
    assert tracker.locator("svg.jd-ct-tsvg rect").count() == 4  # start outline + current T

    # Suggestions: the weakest competences are the ones not assessed yet, with links to pages that develop them.
    tips = tracker.locator(".jd-ct-suggest-list > ul > li")
    assert tips.count() == 2
    assert tips.nth(0).inner_text().startswith("Vraaggericht en oplossingsgericht werken — nog niet ingeschat")
    link = tips.nth(0).locator("a").first
    assert link.get_attribute("href").endswith(".html")

    # With every section drawn, axe finds no serious or critical violation and no skipped heading level. (axe itself
    # asks the server for stylesheets it resolves against the wrong base, so script errors are checked before it runs.)
    assert not page.errors
    violations = [v["id"] for v in failing(Axe().run(page).response["violations"])]
    assert violations == []
    page.errors.clear()

    # Everything survives a reload.
    page.reload()
    wait_for_widgets(page)
    state = stored(page)[store_key(TRACKER)]["state"]
    assert state["profession"] == "pabo" and len(state["assessments"]) == 6
    first = next(a for a in state["assessments"] if (a["competence"], a["moment"]) == ("systemisch", "start"))
    assert first["evidence"] == [{"kind": "werk", "ref": REFLECTION, "label": first["evidence"][0]["label"], "url": ""}]
    note = next(a for a in state["assessments"] if (a["competence"], a["moment"]) == ("interdisciplinair", "start"))
    assert note["evidence"][0] == {
        "kind": "notitie",
        "ref": "",
        "label": "Verslag overleg stage",
        "url": "https://example.org/stageverslag",
    }
    assert widget(page, TRACKER).locator("table.jd-ct-grid tbody tr").count() == 7

    # Score a rubric to a grade (self-assessment).
    open_page(page, base_url, RUBRIC_PAGE)
    rubric = widget(page, "rubric-presentatie")
    for criterion, level in (("boodschap", 2), ("publiek", 1), ("samenspel", 1), ("gesprek", 0)):
        rubric.locator(f"fieldset[data-criterion='{criterion}'] input[type=radio]").nth(level).check()
    assert "Zelfbeoordeling (student): ✓ Behaald: cijfer 6,1." in rubric.locator(".jd-rb-result").inner_text()

    # All of it in the portfolio export, valid against the pydantic models.
    open_page(page, base_url, PORTFOLIO)
    page.wait_for_selector(".jd-portfolio[data-jd-ready]")
    assert "Competentievolger" in page.locator(".jd-portfolio-content").inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporteer portfolio (JSON)").click()
    target = tmp_path / "portfolio.json"
    download.value.save_as(target)
    portfolio = Portfolio.from_file(target)
    entries = {e.id: e for e in portfolio.entries}
    assert entries[TRACKER].widget == "competence-tracker" and len(entries[TRACKER].state.assessments) == 6
    assert entries["rubric-presentatie"].state.zelf.scores == {
        "boodschap": "goed",
        "publiek": "voldoende",
        "samenspel": "voldoende",
        "gesprek": "onvoldoende",
    }
    assert REFLECTION in entries
    assert json.loads(Path(target).read_text(encoding="utf-8"))["format"] == "jeugddomein-portfolio"
    assert not page.errors and not page.context.offsite


def test_tracker_at_phone_width_has_no_horizontal_scroll(page, base_url):
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, base_url, TRACKER_PAGE)
    tracker = widget(page, TRACKER)
    tracker.get_by_label("HBO-V (verpleegkundige)", exact=False).check()
    box = tracker.bounding_box()
    inner = tracker.evaluate("el => el.scrollWidth - el.clientWidth")
    assert inner <= 1 and box["width"] <= 360


def all_suggestions(page: object, tracker: object) -> list[dict]:
    """Every page the tracker's suggestion rule can offer, for every competence, from the configuration the page
    embeds and the work saved in this browser."""
    config = json.loads(tracker.locator("script.jd-widget-data").text_content())["config"]
    return page.evaluate(
        f"""async (config) => {{
            const rules = (await import('{MODULE}')).default;
            const keys = Object.keys(localStorage).filter((k) => k.includes(':w:'));
            const saved = new Set(keys.map((k) => k.split(':w:')[1]));
            return rules.suggest({{
                competences: config.framework.competences, pages: config.pages, evidence: config.evidence,
                assessments: [], moments: config.moments, saved, count: 99, perCompetence: 99,
            }}).flatMap((tip) => tip.pages);
        }}""",
        config,
    )


def test_suggestions_and_evidence_never_lead_to_the_lecturers_pages(page, base_url):
    open_page(page, base_url, TRACKER_PAGE)
    tracker = widget(page, TRACKER)
    offered = {p["page"] for p in all_suggestions(page, tracker)}
    assert "exercises/rollenspel" in offered and "chapters/01-jeugddomein/index" in offered
    assert not offered & LECTURER_PAGES
    config = json.loads(tracker.locator("script.jd-widget-data").text_content())["config"]
    assert not {item["page"] for item in config["evidence"]} & LECTURER_PAGES
    # Every piece of work has a readable title in the evidence list, never its id.
    tracker.get_by_label("Pabo (leraar basisonderwijs)", exact=False).check()
    tracker.get_by_label("Werk uit deze cursus", exact=False).focus()
    options = tracker.locator("select[id$='-work'] option[value]:not([value=''])")
    texts = dict(zip(options.evaluate_all("os => os.map(o => o.value)"), options.all_inner_texts(), strict=True))
    assert texts["rollenspel-casusbestand"] == "Rollenspel: casusbestand van je docent"
    assert [value for value, text in texts.items() if value in text] == []


def test_a_played_case_counts_for_the_role_play_page_in_the_suggestions(page, base_url):
    open_page(page, base_url, "exercises/casussen/twee-brillen.html")
    case = widget(page, "rollenspel-twee-brillen")
    case.get_by_role("button", name="Start met deze rol").click()
    while not case.locator(".jd-play-ending").count():
        case.locator(".jd-play-choices button").first.click()
    open_page(page, base_url, TRACKER_PAGE)
    tracker = widget(page, TRACKER)
    done = {p["page"]: p["done"] for p in all_suggestions(page, tracker)}
    assert done["exercises/casussen/twee-brillen"] and done["exercises/rollenspel"]
    assert not done["exercises/casussen/de-lange-zoektocht"] and not done["chapters/08-casuistiek/index"]
    tracker.get_by_label("Pabo (leraar basisonderwijs)", exact=False).check()
    shown = tracker.locator(".jd-ct-suggest-list").inner_text()
    assert "Vraaggericht en oplossingsgericht werken" in shown
    assert "Rollenspel (oefening, nog geen werk bewaard)" not in shown


@pytest.mark.parametrize("width", [1366, 390])
def test_chart_labels_stay_clear_of_the_bars(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    open_page(page, base_url, TRACKER_PAGE)
    tracker = widget(page, TRACKER)
    tracker.get_by_label("Social Work (sociaal werker)", exact=False).check()
    for competence, level in (("vraaggericht", 1), ("vakmanschap", 4), ("ondernemend", 2)):
        assess(tracker, page, "start", competence, level, "Een eerste inschatting.")
    assess(tracker, page, "eind", "vraaggericht", 3, "Later beter.")
    boxes = tracker.locator("svg.jd-ct-svg").evaluate(
        """svg => ({
            labels: [...svg.querySelectorAll('.jd-ct-label')]
                .map(t => [t.textContent, t.getBoundingClientRect().toJSON()]),
            bars: [...svg.querySelectorAll('.jd-ct-bar')].map(r => r.getBoundingClientRect().toJSON()),
            svg: svg.getBoundingClientRect().toJSON(),
        })"""
    )
    assert len(boxes["labels"]) == 7 and len(boxes["bars"]) == 4
    assert "Vraaggericht en oplossingsgericht werken" in [text for text, _ in boxes["labels"]], "names are not cut"

    def overlap(a: dict, b: dict) -> bool:
        return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]

    for text, label in boxes["labels"]:
        assert not [bar for bar in boxes["bars"] if overlap(label, bar)], f"'{text}' raakt een balk bij {width}px"
        assert boxes["svg"]["left"] <= label["left"] and label["right"] <= boxes["svg"]["right"], text
    context.close()
