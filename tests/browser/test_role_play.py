"""The case role-play in Chromium: keyboard play to an ending, resume after reload, portfolio, class play, cards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from jeugddomein.widgets.role_play.model import case_files, load_case
from tests.browser.helpers import store_key, stored, widget
from tests.browser.pdftext import pdf_text, squashed
from tests.conftest import wait_for_widgets

ROOT = Path(__file__).resolve().parents[2]
CASE = "twee-brillen"
PAGE = f"exercises/casussen/{CASE}.html"
WIDGET = f"rollenspel-{CASE}"
MODULE = "/_static/jeugddomein/widgets/role_play.js"
REFLECTIONS = [
    "Ik keek vooral door de bril van de klas en zag de thuissituatie pas laat.",
    "Ik zou eerder naar het onzichtbare werk van de leraar vragen.",
    "Ik had van de jeugdhulpverlener een kort telefoontje per week nodig.",
]


def open_case(page: object, base_url: str, case: str = CASE) -> object:
    page.goto(base_url + f"exercises/casussen/{case}.html")
    wait_for_widgets(page)
    return widget(page, f"rollenspel-{case}")


def tab_to(page: object, text: str, limit: int = 60) -> None:
    """Press Tab until the focused element's text starts with `text` (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("(document.activeElement.textContent || '').trim()").startswith(text):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"'{text}' niet bereikt met Tab")


def choose_with_keyboard(page: object, text: str) -> None:
    tab_to(page, text)
    page.keyboard.press("Enter")
    # After a choice the focus moves to the feedback heading, above the next scene.
    page.wait_for_function("document.activeElement.dataset.focus === 'feedback'")


def test_play_to_an_ending_with_the_keyboard_resume_after_reload_and_see_it_in_the_portfolio(page, base_url):
    box = open_case(page, base_url)
    box.locator("input[type=radio]").first.focus()
    assert page.evaluate("document.activeElement.value") == "leraar"
    tab_to(page, "Start met deze rol")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.dataset.focus === 'scene'")
    assert box.locator(".jd-play-private").inner_text().startswith("Vertrouwelijk")
    # The teacher reads about herself as "je": the case's text for this role, not the shared one.
    first_scene = box.locator(".jd-play-scene > p").first.inner_text()
    assert first_scene.startswith("Je mailt de intern begeleider voor de tweede keer")
    assert "Femke mailt" not in box.locator(".jd-play-scene").inner_text()

    choose_with_keyboard(page, "Bel Yusuf zelf")  # a choice only the teacher sees
    feedback = box.locator(".jd-play-feedback")
    assert "Versterkt: Rechtstreeks contact" in feedback.inner_text()
    assert feedback.get_attribute("aria-labelledby")
    choose_with_keyboard(page, "Stel voor om met z'n drieën")
    # A condition on an earlier choice: mother is at the table, so this choice is open and a variant shows.
    assert box.get_by_role("button", name="Vraag moeder wat Lotte thuis over school vertelt.").is_visible()
    scene = " ".join(box.locator(".jd-play-scene > p").all_inner_texts())  # the scene's texts, not its choices
    assert "Door eerdere keuzes: Moeder zit erbij en wordt stil terwijl jij je lijst voorleest." in scene
    assert scene.startswith("Je opent met je lijst zorgen") and "Femke" not in scene
    choose_with_keyboard(page, "Vraag moeder wat Lotte thuis")
    saved = stored(page)[store_key(WIDGET)]["state"]
    assert saved["mode"] == "solo" and saved["role"] == "leraar" and len(saved["path"]) == 3

    page.reload()
    wait_for_widgets(page)
    box = widget(page, WIDGET)
    path = box.locator(".jd-play-path li")
    assert path.count() == 4  # three choices and "Nu: ..."
    assert path.nth(0).inner_text().startswith("Weer een zorgenmail: Bel Yusuf zelf")
    assert "Nu: Twee aanpakken naast elkaar" in path.nth(3).inner_text()
    assert box.locator(".jd-play-scene h2").inner_text() == "Twee aanpakken naast elkaar"

    box.locator(".jd-play-scene h2").focus()
    choose_with_keyboard(page, "Vraag of Lotte zelf mag meedenken")
    choose_with_keyboard(page, "Plan een korte evaluatie")
    ending = box.locator(".jd-play-ending")
    assert "Afloop: Samen op koers" in ending.inner_text() and "✓ Goede afloop" in ending.inner_text()
    assert "Jij, Yusuf en moeder zien hetzelfde doel" in ending.inner_text()
    tally = box.locator(".jd-play-tally")
    assert "Rechtstreeks contact tussen leraar en hulpverlener" in tally.inner_text()
    assert tally.locator("th[scope=row]").count() >= 5

    areas = box.locator("textarea")
    for i, text in enumerate(REFLECTIONS):
        target = areas.nth(i).get_attribute("id")
        for _ in range(60):
            if page.evaluate("document.activeElement.id") == target:
                break
            page.keyboard.press("Tab")
        page.keyboard.type(text)
    page.keyboard.press("Tab")
    page.wait_for_function(
        f"(localStorage.getItem('{store_key(WIDGET)}') || '').includes({json.dumps(REFLECTIONS[2][:30])})"
    )
    assert stored(page)[store_key(WIDGET)]["state"]["reflections"] == REFLECTIONS
    assert page.errors == []

    page.goto(base_url + "exercises/portfolio.html")
    page.wait_for_function("document.querySelector('.jd-portfolio')?.dataset.jdReady === '1'")
    item = page.locator(f'.jd-portfolio-item[data-widget-id="{WIDGET}"]')
    text = item.inner_text()
    assert "Rollenspel: Twee brillen op één kind" in text
    assert "Rol: Femke de Vries, leraar groep 5" in text
    assert "1. Weer een zorgenmail: Bel Yusuf zelf na schooltijd." in text
    assert "Afloop: Samen op koers" in text and "Versterkt: " in text
    assert REFLECTIONS[0] in text and "· af" in text


def test_step_back_restart_and_earlier_rounds(page, base_url):
    box = open_case(page, base_url)
    box.get_by_role("button", name="Start met deze rol").click()
    box.get_by_role("button", name="Laat Anouk het overleg met Yusuf voeren; jij hoort de uitkomst achteraf.").click()
    box.get_by_role("button", name="Eén stap terug").click()
    assert box.locator(".jd-play-scene h2").inner_text() == "Weer een zorgenmail"
    assert stored(page)[store_key(WIDGET)]["state"]["path"] == []
    for name in [
        "Laat Anouk het overleg met Yusuf voeren; jij hoort de uitkomst achteraf.",
        "Laat het zo en ga door met je eigen aanpak in de klas.",
        "Het gaat iets beter, dus het overleg kan van de agenda.",
    ]:
        box.get_by_role("button", name=name).click()
    assert "Afloop: Langs elkaar heen" in box.locator(".jd-play-ending").inner_text()
    assert "⚠ Zorgelijke afloop" in box.inner_text()
    box.get_by_role("button", name="Kies een andere rol of speelwijze").click()
    box.locator("label", has_text="Yusuf Amrani").click()
    box.get_by_role("button", name="Start met deze rol").click()
    assert "Bel Yusuf zelf na schooltijd." not in box.inner_text()  # a teacher-only choice
    # The youth worker reads his own text: Yusuf is "jij" now, Femke is named.
    assert box.locator(".jd-play-scene > p").first.inner_text().startswith("Femke, de leraar van Lotte, mailt")
    assert "Anouk weet dat jij bij het gezin thuis komt." in box.locator(".jd-play-scene").inner_text()
    state = stored(page)[store_key(WIDGET)]["state"]
    assert state["role"] == "jeugdhulpverlener" and len(state["runs"]) == 1
    assert state["runs"][0]["ending"] == "langs-elkaar"
    assert "Eerdere rondes (1)" in box.inner_text()


def test_the_teacher_reads_every_choice_as_je_in_play_path_feedback_and_portfolio(page, base_url):
    """Choices every role sees name the teacher in the shared text; playing the teacher, none names "Femke"."""
    box = open_case(page, base_url)
    box.get_by_role("button", name="Start met deze rol").click()
    choices = box.locator(".jd-play-choice")
    seen: list[str] = []
    for name in [
        "Plan een gesprek op school met Yusuf en moeder samen.",
        "Stel voor dat Yusuf zijn aanpak uitlegt en dat jij die in de klas overneemt.",
    ]:
        choices.first.wait_for()
        shown = choices.all_inner_texts()
        assert [text for text in shown if "Femke" in text] == []
        seen += shown
        box.get_by_role("button", name=name).click()
        assert box.locator(".jd-play-chosen").inner_text() == f"Je koos: {name}"
    assert "Vraag eerst wat iedereen al heeft geprobeerd, en vertel ook wat jij in de klas al doet." in seen
    assert len(seen) >= 6
    path = box.locator(".jd-play-path").inner_text()
    assert "Het gesprek op school: Stel voor dat Yusuf zijn aanpak uitlegt en dat jij die" in path
    assert "Femke" not in path
    assert page.errors == []

    page.goto(base_url + "exercises/portfolio.html")
    page.wait_for_function("document.querySelector('.jd-portfolio')?.dataset.jdReady === '1'")
    lines = page.locator(f'.jd-portfolio-item[data-widget-id="{WIDGET}"] p').all_inner_texts()
    assert lines[1:3] == [
        "1. Weer een zorgenmail: Plan een gesprek op school met Yusuf en moeder samen.",
        "2. Het gesprek op school: Stel voor dat Yusuf zijn aanpak uitlegt en dat jij die in de klas overneemt.",
    ]


def test_class_play_logs_the_groups_choices_with_notes(page, base_url):
    box = open_case(page, base_url)
    box.get_by_label("Namen van de groep (optioneel):").fill("Amira, Bas, Chris")
    box.get_by_role("button", name="Start klassikaal spel").click()
    assert "Klassikaal spel · groep: Amira, Bas, Chris" in box.inner_text()
    assert box.locator(".jd-play-private").count() == 0  # private parts stay on the printed cards
    # Class play reads the shared text, written for everyone at the table.
    assert box.locator(".jd-play-scene > p").first.inner_text().startswith("Femke mailt de intern begeleider")
    # The choices every role sees, too: the shared text that names the teacher.
    assert box.get_by_role(
        "button", name="Laat Anouk het overleg met Yusuf voeren; Femke hoort de uitkomst achteraf."
    ).is_visible()
    box.get_by_label("Waarom kiest de groep dit? (optioneel)").fill("De leraar wil zelf contact.")
    box.get_by_role("button", name="(Femke de Vries, leraar groep 5) Bel Yusuf zelf na schooltijd.").click()
    state = stored(page)[store_key(WIDGET)]["state"]
    assert state["mode"] == "klas" and state["group"] == "Amira, Bas, Chris"
    assert state["path"] == [{"scene": "signaal", "choice": "zelf-bellen", "note": "De leraar wil zelf contact."}]
    assert "notitie: De leraar wil zelf contact." in box.locator(".jd-play-path").inner_text()


def test_browser_engine_matches_python_for_every_case(page, base_url):
    page.goto(base_url + "exercises/rollenspel.html")
    for path in case_files(ROOT):
        case = load_case(path, ROOT)
        data = case.model_dump(mode="json")
        for role in [r.id for r in case.roles if r.playable] + [None]:
            steps: list[dict[str, str]] = []
            for turn in range(12):
                progress = case.replay(role, steps)
                js = page.evaluate(
                    f"async ([c, r, p]) => (await import('{MODULE}')).default.replay(c, r, p)", [data, role, steps]
                )
                assert js["node"] == progress.node and js["flags"] == sorted(progress.flags), (path.stem, role)
                if case.ending(progress.node):
                    assert js["ending"] == progress.node
                    break
                options = [c.id for c in case.available_choices(progress.node, role, progress.flags)]
                js_options = page.evaluate(
                    f"async ([c, s, r, f]) => (await import('{MODULE}')).default"
                    ".availableChoices(c, s, r, new Set(f)).map(x => x.id)",
                    [data, progress.node, role, sorted(progress.flags)],
                )
                assert js_options == options, (path.stem, role, progress.node)
                # Vary the route through the case: a different option each turn.
                steps.append({"scene": progress.node, "choice": options[(turn + len(steps)) % len(options)]})


def test_case_pages_overview_and_role_cards(page, base_url):
    page.goto(base_url + "exercises/rollenspel.html")
    overview = page.locator(".jd-case-overview")
    cases = case_files(ROOT)
    assert overview.locator("tbody tr").count() == len(cases) >= 8
    overview.get_by_role("link", name="Moe op maandag").first.click()
    wait_for_widgets(page)
    main = page.inner_text("main")
    assert "Moe op maandag" in page.locator("h1").first.inner_text()
    assert "Hoofdrol: Marieke Hendriks, jeugdverpleegkundige GGD" in main and "Gebaseerd op:" in main
    assert widget(page, "rollenspel-moe-op-maandag").locator(".jd-play-start").is_visible()

    page.goto(base_url + "exercises/rolkaarten.html")
    role_cards = page.locator(".jd-role-card")
    expected = sum(len(load_case(p, ROOT).roles) for p in cases)
    assert role_cards.count() == expected
    first = role_cards.first.inner_text()
    assert "Wat iedereen weet." in first and "Alleen voor jou (niet voorlezen)." in first
    assert page.locator(".jd-leader-card").count() == len(cases)
    page.emulate_media(media="print")
    assert role_cards.nth(1).evaluate("e => getComputedStyle(e).breakBefore") == "page"
    assert page.locator(".bd-sidebar-primary").evaluate("e => getComputedStyle(e).display") == "none"
    page.goto(base_url + "exercises/rolkaarten.html#rolkaarten-thuiszitter-kaarten")
    assert page.locator("#rolkaarten-twee-brillen-kaarten").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("#rolkaarten-thuiszitter-kaarten").evaluate("e => getComputedStyle(e).display") != "none"


SPLIT_WORDS = """table => [...table.querySelectorAll("th")].flatMap((th) => {
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  const split = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) split.push(match[0]);
    }
  }
  return split;
})"""
"""The words of a table's headers that the browser broke over two lines."""


@pytest.mark.parametrize("width", [360, 1366])
def test_ending_view_is_accessible_and_fits_a_phone(browser, base_url, width):
    """The ending with its summary is accessible and fits the screen; no header of the summary table breaks a word."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        box = open_case(page, base_url, "thuiszitter")
        box.get_by_role("button", name="Start met deze rol").click()
        for name in [
            "Stel voor om Thijs zelf te vragen wat hij wil en wat hij denkt te kunnen.",
            "Laat Thijs kiezen hoe hij wil beginnen, bijvoorbeeld één les per week of eerst online meedoen.",
            "De behandelaar komt mee naar school en oefent met Thijs in de echte situatie.",
        ]:
            box.get_by_role("button", name=name).click()
        assert "Afloop: Stap voor stap terug" in box.inner_text()
        assert box.locator(".jd-play-tally").evaluate(SPLIT_WORDS) == []
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1
        results = Axe().run(page, context='[data-widget-id="rollenspel-thuiszitter"]')
        serious = [v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
        assert serious == []
    finally:
        context.close()


def test_replayed_rounds_keep_their_reflections_in_view_in_the_portfolio_and_its_print(page, base_url, tmp_path):
    box = open_case(page, base_url)
    box.get_by_role("button", name="Start met deze rol").click()
    for name in [
        "Laat Anouk het overleg met Yusuf voeren; jij hoort de uitkomst achteraf.",
        "Laat het zo en ga door met je eigen aanpak in de klas.",
        "Het gaat iets beter, dus het overleg kan van de agenda.",
    ]:
        box.get_by_role("button", name=name).click()
    box.locator("textarea").first.fill(REFLECTIONS[0])
    box.get_by_role("button", name="Speel opnieuw met deze rol").click()
    assert box.locator(".jd-play-scene h2").inner_text() == "Weer een zorgenmail"
    earlier = box.get_by_text(REFLECTIONS[0])
    assert earlier.is_visible(), "de reflectie van de vorige ronde staat in beeld"
    assert stored(page)[store_key(WIDGET)]["state"]["reflections"] == []

    page.goto(base_url + "exercises/portfolio.html")
    page.wait_for_function("document.querySelector('.jd-portfolio')?.dataset.jdReady === '1'")
    item = page.locator(f'.jd-portfolio-item[data-widget-id="{WIDGET}"]')
    assert item.get_by_text(REFLECTIONS[0], exact=False).is_visible()
    page.emulate_media(media="print")
    assert item.get_by_text(REFLECTIONS[0], exact=False).is_visible()
    pdf = tmp_path / "portfolio.pdf"
    page.pdf(path=str(pdf))
    assert squashed(REFLECTIONS[0]) in squashed(pdf_text(pdf))
