"""The case editor in Chromium: a new case built through its controls only is accepted by the build and plays on the
student page; authoring mistakes show the build's own messages; axe and keyboard-only authoring."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from jeugddomein.loading import DataError
from jeugddomein.widgets.role_play.model import chapter_labels, load_case, load_case_text
from tests.browser.helpers import TOUCH, press_after_leaving_field, store_key, stored, widget
from tests.conftest import wait_for_widgets

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PAGE = "chapters/docenten/casus-editor.html"
EDITOR = "casus-editor"
STUDENT_PAGE = "exercises/rollenspel.html"
STUDENT = "rollenspel-casusbestand"
MISTAKES = [
    "case-missing-target",
    "case-unreachable",
    "case-dead-end",
    "case-loop-without-ending",
    "case-duplicate-id",
    "case-unknown-role-ref",
    "case-unknown-role-kind",
    "case-no-lead",
    "case-unknown-flag",
    "case-unreachable-by-condition",
    "case-third-person",
    "case-role-text-unknown-role",
    "case-choice-third-person",
]


def open_editor(page: object, base_url: str) -> object:
    page.goto(base_url + PAGE)
    wait_for_widgets(page)
    return widget(page, EDITOR)


def at(box: object, path: str) -> object:
    """The form control of a path (a list item's fieldset carries the same path)."""
    return box.locator(f':is(input, select, textarea)[data-path="{path}"]')


def click_key(box: object, key: str) -> None:
    box.locator(f'[data-key="{key}"]').click()


def pick(box: object, path: str, label: str) -> None:
    box.locator(f'fieldset[data-path="{path}"]').get_by_label(label, exact=True).check()


def export(page: object, box: object, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        box.get_by_role("button", name="Exporteren als YAML-bestand").click()
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return target


def build_lines(text: str, source: str) -> list[str]:
    """What the build prints for a case file's text."""
    try:
        load_case_text(text, source, chapter_labels(ROOT))
    except DataError as error:
        return error.lines()
    return []


# The new case: six scenes, a flag set in the first scene, two endings; scene -> (choice target, choice target).
GRAPH = {
    0: ("scene-2", "scene-3"),
    1: ("scene-4", "scene-5"),
    2: ("scene-4", "scene-6"),
    3: ("scene-5", "scene-6"),
    4: ("afloop-1", "afloop-2"),
    5: ("afloop-1", "afloop-2"),
}


def build_new_case(box: object) -> None:
    at(box, "title").fill("Ontbijt op school")
    at(box, "summary").fill("Een leerling komt zonder ontbijt naar school. Leraar, ouder en verpleegkundige praten.")
    at(box, "setting").select_option("basisschool")
    click_key(box, "add:learning_goals")
    at(box, "learning_goals.0").fill("je bespreekt een zorg samen met de ouder.")
    pick(box, "chapters", "interprofessioneel-bronstein")
    click_key(box, "add:source")
    at(box, "source.0.seed").select_option("001")
    at(box, "source.0.lines").fill("L10-20")
    at(box, "source.0.what").fill("Een situatie uit het onderzoek.")
    click_key(box, "add:reflection")
    at(box, "reflection.0").fill("Wat deed je rol met de samenwerking?")
    for i, (rid, kind, name) in enumerate(
        [
            ("leraar", "leraar", "Sanne Bos, leraar groep 4"),
            ("ouder", "ouder", "Ilse de Wit, moeder"),
            ("verpleegkundige", "jeugdverpleegkundige", "Nora Kaya, jeugdverpleegkundige"),
        ]
    ):
        click_key(box, "add:roles")
        at(box, f"roles.{i}.id").fill(rid)
        at(box, f"roles.{i}.kind").select_option(kind)
        at(box, f"roles.{i}.name").fill(name)
        at(box, f"roles.{i}.public").fill(f"Openbaar deel van {name}.")
        at(box, f"roles.{i}.private").fill(f"Alleen {name} weet dit.")
    at(box, "roles.0.lead").check()
    click_key(box, "add:flags")
    at(box, "flags.0.id").fill("ouder-gebeld")
    at(box, "flags.0.text").fill("de leraar heeft de ouder gebeld")
    for i in range(2):
        click_key(box, "add:endings")
        at(box, f"endings.{i}.title").fill(["Samen verder", "Ieder voor zich"][i])
        at(box, f"endings.{i}.tone").select_option(["goed", "zorgelijk"][i])
        at(box, f"endings.{i}.text").fill("Zo liep het af.")
    for i in range(6):
        click_key(box, "add:scenes")
        at(box, f"scenes.{i}.title").fill(f"Scène {i + 1}")
        at(box, f"scenes.{i}.text").fill(f"Wat er gebeurt in scène {i + 1}.")
    at(box, "start").select_option("scene-1")
    for i, targets in GRAPH.items():
        for j, target in enumerate(targets):
            click_key(box, f"add:scenes.{i}.choices")
            at(box, f"scenes.{i}.choices.{j}.text").fill(f"Keuze {j + 1} in scène {i + 1}")
            at(box, f"scenes.{i}.choices.{j}.next").select_option(target)
            at(box, f"scenes.{i}.choices.{j}.feedback").fill("Wat deze keuze doet.")
    pick(box, "scenes.0.choices.0.sets", "ouder-gebeld: de leraar heeft de ouder gebeld")


SHARED = "Sanne belt Ilse over het ontbijt van Sem."
OWN = {"leraar": "Je belt Ilse over het ontbijt van Sem.", "ouder": "Sanne belt je over het ontbijt van Sem."}
"""The first scene's shared text (class play) and its texts per role."""
CHOICE, CHOICE_OWN = "Sanne belt de ouder.", {"leraar": "Bel de ouder."}
"""The first choice's shared text, seen by every role, and its text per role."""


def test_a_new_case_through_the_controls_is_accepted_by_the_build_and_plays_for_students(page, base_url, tmp_path):
    box = open_editor(page, base_url)
    build_new_case(box)
    box.locator(".jd-ce-ok").wait_for()
    # A scene that speaks of the teacher and the mother by name: the check says so for both roles, and a text per
    # role in the je-form, written in the scene's form, satisfies it.
    at(box, "scenes.0.text").fill(SHARED)
    messages = box.locator(".jd-ce-message")
    messages.filter(has_text="scenes.0.text: wie rol 'ouder' speelt").wait_for()
    assert messages.filter(has_text="scenes.0.text: wie rol 'leraar' speelt").count() == 1
    box.locator('fieldset[data-path="scenes.0"] > details > summary', has_text="Tekst per rol").click()
    for role, text in OWN.items():
        at(box, f"scenes.0.as_role.{role}").fill(text)
    box.locator(".jd-ce-ok").wait_for()
    # A choice every role sees that names the teacher: the same check, and the choice's own texts per role mend it.
    at(box, "scenes.0.choices.0.text").fill(CHOICE)
    messages.filter(has_text="scenes.0.choices.0.text: keuze 'keuze-1' in scène 'scene-1' ziet ook wie rol").wait_for()
    assert messages.count() == 1 and "'leraar'" in messages.inner_text()
    box.locator('fieldset[data-path="scenes.0.choices.0"] > details > summary', has_text="Tekst per rol").click()
    at(box, "scenes.0.choices.0.as_role.leraar").fill(CHOICE_OWN["leraar"])
    box.locator(".jd-ce-ok").wait_for()
    box.locator(".jd-ce-preview .jd-play-start").wait_for()  # the preview plays the case with the role-play view
    assert box.locator(".jd-ce-cards .jd-role-card").count() == 3
    assert not page.errors
    results = Axe().run(page, context=f'[data-widget-id="{EDITOR}"]')  # with the preview and the role cards
    assert [v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}] == []
    page.errors.clear()  # axe's own request for a stylesheet (see the keyboard test)
    path = export(page, box, tmp_path)
    assert path.name == "ontbijt-op-school.yaml"
    text = path.read_text(encoding="utf-8")
    case = load_case(path, None, chapter_labels(ROOT))
    assert (len(case.roles), len(case.scenes), len(case.flags), len(case.endings)) == (3, 6, 1, 2)
    assert case.scenes[0].choices[0].sets == ["ouder-gebeld"]
    assert "sets: [ouder-gebeld]" in text
    assert case.scenes[0].text == SHARED and case.scenes[0].as_role == OWN and "    as_role:\n" in text
    assert case.scenes[0].choices[0].text == CHOICE and case.scenes[0].choices[0].as_role == CHOICE_OWN
    assert "        as_role:\n          leraar: Bel de ouder.\n" in text
    # The draft survives a reload (autosave in the browser).
    page.wait_for_function(f"() => (localStorage.getItem('{store_key(EDITOR)}') || '').includes('ontbijt')")
    box = open_editor(page, base_url)
    assert at(box, "title").input_value() == "Ontbijt op school"
    assert at(box, "scenes.0.as_role.leraar").input_value() == OWN["leraar"]
    assert at(box, "scenes.0.choices.0.as_role.leraar").input_value() == CHOICE_OWN["leraar"]
    assert not page.errors

    # The student opens the same file and plays it to an ending.
    page.goto(base_url + STUDENT_PAGE)
    wait_for_widgets(page)
    student = widget(page, STUDENT)
    student.get_by_label("Casusbestand kiezen:").set_input_files(str(path))
    student.get_by_text("Je speelt: Ontbijt op school").wait_for()
    student.get_by_role("button", name="Start met deze rol").click()
    assert student.locator(".jd-play-scene > p").first.inner_text() == OWN["leraar"]  # the teacher's own text
    assert student.locator(".jd-play-choice").first.inner_text() == CHOICE_OWN["leraar"]
    for _ in range(4):
        student.locator(".jd-play-choice").first.click()
    student.get_by_role("heading", name="Afloop: Samen verder").wait_for()
    record = stored(page)[store_key(STUDENT)]
    assert record["state"]["file"]["title"] == "Ontbijt op school"
    assert record["state"]["file"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(record["state"]["path"]) == 4
    assert not page.errors


@pytest.mark.parametrize("name", MISTAKES)
def test_each_mistake_shows_the_build_message(page, base_url, tmp_path, name):
    box = open_editor(page, base_url)
    source = ROOT / "tests" / "data" / "invalid" / f"{name}.yaml"
    box.get_by_label("Casusbestand (YAML) openen om te bewerken").set_input_files(str(source))
    messages = box.locator(".jd-ce-message")
    box.locator(".jd-ce-message", has_text=f"{source.name}:").first.wait_for()
    shown = messages.all_inner_texts()
    exported = export(page, box, tmp_path)
    assert exported.name == source.name
    assert shown == build_lines(exported.read_text(encoding="utf-8"), exported.name)
    # The same problems (path and reason) as the build prints for the original file.
    original = [line.split(": ", 1)[1] for line in build_lines(source.read_text(encoding="utf-8"), source.name)]
    assert sorted(line.split(": ", 1)[1] for line in shown) == sorted(original)


def test_the_student_page_shows_the_build_message_for_a_broken_file(page, base_url):
    page.goto(base_url + STUDENT_PAGE)
    wait_for_widgets(page)
    student = widget(page, STUDENT)
    source = ROOT / "tests" / "data" / "invalid" / "case-dead-end.yaml"
    student.get_by_label("Casusbestand kiezen:").set_input_files(str(source))
    report = student.locator(".jd-play-file-report li")
    report.first.wait_for()
    assert report.all_inner_texts() == build_lines(source.read_text(encoding="utf-8"), source.name)
    assert student.locator(".jd-play-choice").count() == 0


def test_the_student_page_plays_a_file_that_names_the_player_in_the_third_person(page, base_url):
    """That is the author's to mend (the editor and the build say how); the student still gets to play the case."""
    page.goto(base_url + STUDENT_PAGE)
    wait_for_widgets(page)
    student = widget(page, STUDENT)
    source = ROOT / "tests" / "data" / "invalid" / "case-third-person.yaml"
    assert build_lines(source.read_text(encoding="utf-8"), source.name), "the build refuses this file"
    student.get_by_label("Casusbestand kiezen:").set_input_files(str(source))
    page.wait_for_function(
        f"() => (localStorage.getItem('{store_key(STUDENT)}') || '').includes('Basis voor foutbestanden')"
    )
    assert student.locator(".jd-play-file-report li").count() == 0
    assert stored(page)[store_key(STUDENT)]["state"]["file"]["title"] == "Basis voor foutbestanden"
    assert not page.errors


def test_axe_and_keyboard_only_scene_and_choice(page, base_url):
    box = open_editor(page, base_url)
    at(box, "title").focus()
    for _ in range(400):
        if page.evaluate("document.activeElement.dataset.key") == "add:scenes":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("'Scène toevoegen' niet bereikt met Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.dataset.path === 'scenes.0.id'")
    page.keyboard.press("Tab")
    page.keyboard.type("Het eerste gesprek")
    for _ in range(60):
        if page.evaluate("document.activeElement.dataset.key") == "add:scenes.0.choices":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("'Keuze toevoegen' niet bereikt met Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.dataset.path === 'scenes.0.choices.0.id'")
    page.keyboard.press("Tab")
    page.keyboard.type("Bel de ouder")
    page.wait_for_function(
        "() => document.querySelector('.jd-ce-yaml').value.includes('text: Bel de ouder')", timeout=5000
    )
    yaml_text = box.locator(".jd-ce-yaml").input_value()
    assert "title: Het eerste gesprek" in yaml_text and "id: keuze-1" in yaml_text
    # The scene graph is reachable with the keyboard too: its node leads to the scene's form.
    box.locator(".jd-ce-node").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.dataset.path === 'scenes.0.id'")
    assert not page.errors
    # axe itself asks for the theme's imported stylesheet at a wrong address (a 404 that is no error of the page).
    results = Axe().run(page, context=f'[data-widget-id="{EDITOR}"]')
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == []


def test_focus_and_open_fold_outs_survive_a_redraw(page, base_url):
    """A redraw of the form (after a structural change) keeps the focus on a fold-out's summary and keeps it open."""
    box = open_editor(page, base_url)
    source = ROOT / "data" / "cases" / "twee-brillen.yaml"
    box.get_by_label("Casusbestand (YAML) openen om te bewerken").set_input_files(str(source))
    summary = box.locator('summary[data-key="more:scenes.0.choices.0"]')
    summary.wait_for(state="attached")
    summary.scroll_into_view_if_needed()
    summary.focus()
    page.keyboard.press("Enter")  # opens the fold-out, as a keyboard user does
    page.wait_for_function("document.activeElement.parentElement.open === true")
    # A structural control changes (as when the author picks another "Leidt naar"): the form is drawn anew.
    old = summary.element_handle()
    box.locator('select[data-path="scenes.0.choices.0.next"]').dispatch_event("change")
    page.wait_for_function("(old) => !old.isConnected", arg=old)
    page.wait_for_function(
        "() => document.activeElement.dataset.key === 'more:scenes.0.choices.0'"
        " && document.activeElement.parentElement.open === true"
    )
    assert not page.errors


def test_a_button_pressed_right_after_typing_does_its_work(page, base_url):
    """Typing a flag's text and then pressing "add an ending" as a person does (the button held for a moment): leaving
    the field redraws the form, and that must not swallow the press."""
    box = open_editor(page, base_url)
    click_key(box, "add:flags")
    # (Only the text: a filled id would be left, and redraw the form, as the text field takes the focus.)
    at(box, "flags.0.text").fill("de leraar heeft de ouder gebeld")  # a text other parts of the form show
    button = box.locator('[data-key="add:endings"]')
    press_after_leaving_field(page, button, "document.activeElement?.dataset.path !== 'flags.0.text'")
    at(box, "endings.0.title").wait_for()
    assert page.evaluate("document.activeElement.dataset.path") == "endings.0.id"  # focus on the new ending
    assert box.locator('fieldset[data-path^="endings."]').count() == 1


def test_a_tap_right_after_typing_does_its_work_on_a_tablet(browser, base_url):
    """The same with a finger on a tablet: a tap moves the focus (and so redraws the form) only after the finger has
    lifted, and the tapped button must still do its work."""
    ctx = browser.new_context(viewport=TOUCH["tablet"], has_touch=True)
    page = ctx.new_page()
    box = open_editor(page, base_url)
    click_key(box, "add:flags")
    at(box, "flags.0.text").fill("de leraar heeft de ouder gebeld")
    box.locator('[data-key="add:endings"]').tap()
    at(box, "endings.0.title").wait_for()
    assert box.locator('fieldset[data-path^="endings."]').count() == 1
    ctx.close()


def test_a_choices_conditions_and_links_are_drawn_when_opened_and_a_problem_leads_into_them(page, base_url, tmp_path):
    """A choice's conditions and links (some 180 checkboxes: every chapter label, every concept twice) are drawn when
    their fold-out opens, with what the file says checked; a problem in them still leads to its field."""
    source = ROOT / "data" / "cases" / "twee-brillen.yaml"
    case = yaml.safe_load(source.read_text(encoding="utf-8"))
    (i, j, label) = next(
        (i, j, choice["see"][0])
        for i, scene in enumerate(case["scenes"])
        for j, choice in enumerate(scene["choices"])
        if choice.get("see")
    )
    choice = f"scenes.{i}.choices.{j}"
    box = open_editor(page, base_url)
    box.get_by_label("Casusbestand (YAML) openen om te bewerken").set_input_files(str(source))
    summary = box.locator(f'summary[data-key="more:{choice}"]')
    summary.wait_for(state="attached")
    assert box.locator('fieldset[data-path$=".see"]').count() == 0  # no closed fold-out is drawn
    summary.scroll_into_view_if_needed()
    summary.click()
    links = box.locator(f'fieldset[data-path="{choice}.see"] input[type=checkbox]')
    links.first.wait_for()
    assert links.count() == len(chapter_labels(ROOT))
    assert [box.get_attribute("value") for box in links.all() if box.is_checked()] == [label]
    assert box.locator('fieldset[data-path$=".see"]').count() == 1  # only the opened one

    # A link to a label that does not exist: the problem's button opens that choice's fold-out at the field.
    broken = source.read_text(encoding="utf-8").replace(f"see: [{label}]", "see: [bestaat-niet]", 1)
    (tmp_path / "kapotte-link.yaml").write_text(broken, encoding="utf-8")
    box.get_by_label("Casusbestand (YAML) openen om te bewerken").set_input_files(str(tmp_path / "kapotte-link.yaml"))
    problem = box.locator(f'li[data-problem-path="{choice}.see.0"]')
    problem.get_by_role("button", name="Naar het veld").click()
    page.wait_for_function(
        "(path) => document.activeElement.dataset.path?.startsWith(path + '.')"
        " && document.activeElement.closest('details').open",
        arg=f"{choice}.see",
    )
    unknown = box.locator(f'fieldset[data-path="{choice}.see"] input[value="bestaat-niet"]')
    assert unknown.is_checked()
    assert not page.errors
