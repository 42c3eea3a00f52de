"""Rubric widget in Chromium: grading identical to Python, lecturer scoring, knock-out, feedback, JSON, print form."""

from __future__ import annotations

import json
import random
from pathlib import Path

from jeugddomein.widgets.rubric.grading import grade_dict
from jeugddomein.widgets.rubric.model import RubricExport, load_rubrics
from tests.browser.helpers import store_key, stored, widget
from tests.browser.pdftext import page_count, pdf_text, squashed
from tests.conftest import wait_for_widgets
from tests.unit.test_grading import make_rubric

ROOT = Path(__file__).resolve().parents[2]
RUBRIC_PAGE = "exercises/rubric.html"
MODULE = "_static/jeugddomein/widgets/rubric.js"


def open_rubrics(page: object, base_url: str) -> None:
    page.goto(base_url + RUBRIC_PAGE)
    wait_for_widgets(page)


def js(page: object, base_url: str, expression: str, argument: object) -> object:
    """Evaluate `expression` with `m` = the rubric module's default export and `a` = the argument."""
    return page.evaluate(
        f"async ([url, a]) => {{ const m = (await import(url)).default; return {expression}; }}",
        [base_url + MODULE, argument],
    )


def test_grading_is_identical_in_python_and_in_the_browser(page, base_url):
    open_rubrics(page, base_url)
    raws = [5.45, 5.44, 5.5, 5.449, 10, 1, 6.05, 7.25, 9.95, 3.35]
    from jeugddomein.widgets.rubric.grading import round_grade

    assert js(page, base_url, "a.map((x) => m.roundGrade(x))", raws) == [round_grade(x) for x in raws]

    cases = [
        (make_rubric([1, 5, 5.9, 10], [50, 50]), {"k0": "b", "k1": "c"}),  # 5.45 -> 5.5, passed
        (make_rubric([1, 5, 6.1, 10], [60, 40]), {"k0": "b", "k1": "c"}),  # 5.44 -> 5.4
        (make_rubric([1, 5.5, 8, 10], [50, 50]), {"k0": "b", "k1": "b"}),  # exactly 5.5
        (make_rubric([1, 5, 8, 10], [25, 25, 50]), {"k0": "d", "k1": "d", "k2": "d"}),  # 10
        (make_rubric([1, 5, 8, 10], [25, 25, 50]), {"k0": "a", "k1": "a", "k2": "a"}),  # 1
        (make_rubric([4, 6, 8, 10], [20, 40, 40], {0: "b"}), {"k0": "a", "k1": "d", "k2": "d"}),  # knock-out
        (make_rubric([4, 6, 8, 10], [50, 30, 20]), {"k0": "a"}),  # missing scores
        (make_rubric([1, 3.3, 6.7, 9.9], [33, 33, 34]), {"k0": "b", "k1": "c", "k2": "d"}),
    ]
    rng = random.Random(9)
    for rubric in load_rubrics(ROOT / "data").values():
        config = rubric.model_dump(mode="json")
        for _ in range(25):
            cases.append((config, {c.id: rng.choice(rubric.levels).id for c in rubric.criteria}))
    browser = js(page, base_url, "a.map(([r, s]) => m.grade(r, s))", cases)
    python = [grade_dict(r, s) for r, s in cases]
    assert browser == python
    assert [b.get("grade") for b in browser[:6]] == [5.5, 5.4, 5.5, 10.0, 1.0, 5.0]
    assert browser[6]["ok"] is False and "'Criterium 1', 'Criterium 2'" in browser[6]["error"]


def test_lecturer_scores_with_feedback_exports_json_and_prints(page, base_url, tmp_path):
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    open_rubrics(page, base_url)
    rubric = widget(page, "rubric-eindproduct")
    rubric.get_by_label("Beoordeling (docent)").focus()
    page.keyboard.press("Space")
    rubric.get_by_label("Student of groep").fill("Groep 4 (Amira, Bas, Chloé)")
    rubric.get_by_label("Beoordelaar").fill("J. de Vries")
    levels = {"vraag": 2, "analyse": 1, "perspectieven": 1, "aanpak": 2}
    for criterion, level in levels.items():
        rubric.locator(f"fieldset[data-criterion='{criterion}'] input[type=radio]").nth(level).check()
    result = rubric.locator(".jd-rb-result")
    assert (
        "Nog geen niveau gekozen bij 1 van de criteria: 'Onderbouwing, verantwoording en zorgvuldigheid'"
        in result.inner_text()
    )

    # The knock-out criterion below its standard: not passed, whatever the total.
    rubric.locator("fieldset[data-criterion='onderbouwing'] input[type=radio]").nth(0).check()
    text = result.inner_text()
    assert "✗ Niet behaald: cijfer 5,0." in text and "gewogen 6,5" in text
    rubric.locator("fieldset[data-criterion='onderbouwing'] textarea").fill("Een leerling is herkenbaar beschreven.")
    rubric.get_by_label("Algemene feedback").fill("Sterke aanpak; anonimiseer en lever opnieuw in.")
    rubric.get_by_label("Algemene feedback").blur()
    page.wait_for_function(
        f"() => (localStorage.getItem('{store_key('rubric-eindproduct')}') || '').includes('anonimiseer')"
    )

    # Raise it to the standard: passed.
    rubric.locator("fieldset[data-criterion='onderbouwing'] input[type=radio]").nth(1).check()
    assert "✓ Behaald: cijfer 6,8." in result.inner_text()  # 1.2 + 1.5 + 1.2 + 2.0 + 0.9

    with page.expect_download() as download:
        rubric.get_by_role("button", name="Exporteer als JSON").click()
    target = tmp_path / "rubric.json"
    download.value.save_as(target)
    exported = json.loads(target.read_text(encoding="utf-8"))
    RubricExport.model_validate(exported)  # the browser writes what the cohort tools read
    assert exported["format"] == "jeugddomein-rubric" and exported["mode"] == "docent"
    assert exported["student"] == "Groep 4 (Amira, Bas, Chloé)" and exported["assessor"] == "J. de Vries"
    assert exported["result"] == {"ok": True, "grade": 6.8, "weighted": 6.8, "passed": True, "knockouts": []}
    assert exported["feedback"]["onderbouwing"] == "Een leerling is herkenbaar beschreven."
    assert exported["general"].startswith("Sterke aanpak")

    rubric.get_by_role("button", name="Printbaar formulier").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    # The form prints from a sheet directly under <body>; the rest of the page takes no room in the print.
    form = page.locator("body > .jd-print-sheet .jd-rb-print")
    assert form.is_visible()
    assert page.locator("body > :not(.jd-print-sheet)").evaluate_all(
        "(nodes) => nodes.every((n) => getComputedStyle(n).display === 'none')"
    )
    assert "Beoordelingsformulier: Eindproduct van de praktijkcasus" in form.inner_text()
    row = form.locator("tbody tr", has_text="Onderbouwing")
    assert "Een leerling is herkenbaar beschreven." in row.inner_text() and "Voldoende (6,0)" in row.inner_text()
    assert "Behaald: cijfer 6,8" in form.inner_text()
    page.emulate_media(media="screen")

    # The self-assessment is kept apart from the lecturer's scoring.
    rubric.get_by_label("Zelfbeoordeling (student)").check()
    assert "0 van 5 criteria gescoord" in result.inner_text()
    state = stored(page)[store_key("rubric-eindproduct")]["state"]
    assert state["mode"] == "zelf" and state["docent"]["scores"]["onderbouwing"] == "voldoende"
    assert state["zelf"]["scores"] == {}
    page.reload()
    wait_for_widgets(page)
    widget(page, "rubric-eindproduct").get_by_label("Beoordeling (docent)").check()
    assert "✓ Behaald: cijfer 6,8." in widget(page, "rubric-eindproduct").locator(".jd-rb-result").inner_text()
    assert not page.errors and not page.context.offsite


def test_rubric_tables_are_in_the_page_for_search_and_print(page, base_url):
    open_rubrics(page, base_url)
    table = page.locator("#rubric-portfolio table.jd-rubric-table")
    assert table.locator("tbody tr").count() == 4
    assert "⚠ Knock-out: minimaal ‘Voldoende’" in table.locator("tbody tr").first.inner_text()
    assert "Excellent (10,0)" in table.locator("thead").inner_text()


def test_each_rubric_form_prints_on_at_most_two_pages(page, base_url, tmp_path):
    page.add_init_script("window.print = () => {};")
    open_rubrics(page, base_url)
    rubrics = page.locator('.jd-widget[data-widget="rubric"]')
    assert rubrics.count() >= 2
    for i in range(rubrics.count()):
        rubric = rubrics.nth(i)
        for fieldset in rubric.locator("fieldset[data-criterion]").all():
            fieldset.locator("input[type=radio]").last.check()
        rubric.get_by_role("button", name="Printbaar formulier").click()
        pdf = tmp_path / f"rubric-{i}.pdf"
        page.pdf(path=str(pdf), format="A4")
        title = rubric.locator(".jd-rb-title").inner_text()
        text = squashed(pdf_text(pdf))
        assert squashed("Beoordelingsformulier") in text and squashed("Handtekening beoordelaar") in text
        assert squashed(title[:30]) in text, title
        assert page_count(pdf) <= 2, f"{title}: {page_count(pdf)} pagina's"
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
