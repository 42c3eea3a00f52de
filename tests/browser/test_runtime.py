"""The widget runtime in the static site: work is kept, synced between tabs, exported, imported, never lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jeugddomein.models.portfolio import Portfolio
from tests.browser.helpers import COURSE, store_key, stored, widget
from tests.conftest import open_page, wait_for_widgets
from tests.factories import entry, portfolio

CHAPTER = "chapters/01-jeugddomein/index.html"
PORTFOLIO = "exercises/portfolio.html"
CHECK = "jeugddomein-kc-transformatie"
REFLECTION = "jeugddomein-refl-actoren"


def answer_check_with_keyboard(page: object) -> None:
    """Choose the first option and check it, with the keyboard only."""
    first = widget(page, CHECK).locator("input").first
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.textContent") != "Controleer":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")


def write_reflection(page: object, text: str) -> None:
    area = widget(page, REFLECTION).locator("textarea")
    area.fill(text)
    area.blur()
    page.wait_for_function(
        f"() => (localStorage.getItem('{store_key(REFLECTION)}') || '').includes({json.dumps(text[:20])})"
    )


def test_work_survives_a_reload(page, base_url):
    open_page(page, base_url, CHAPTER)
    answer_check_with_keyboard(page)
    result = widget(page, CHECK).locator(".jd-kc-result")
    assert result.inner_text().startswith(("✓", "✗"))
    write_reflection(page, "Ik zag de intern begeleider als spin in het web.")
    page.reload()
    wait_for_widgets(page)
    assert widget(page, CHECK).locator("input").first.is_checked()
    assert widget(page, CHECK).locator(".jd-kc-result").inner_text() == result.inner_text()
    assert (
        widget(page, REFLECTION).locator("textarea").input_value() == "Ik zag de intern begeleider als spin in het web."
    )
    record = stored(page)[store_key(CHECK)]
    assert record["state"]["selected"] == [0] and record["state"]["attempts"] == 1 and record["v"] == 2


def test_retry_clears_the_answer_and_keeps_attempts(page, base_url):
    open_page(page, base_url, CHAPTER)
    answer_check_with_keyboard(page)
    widget(page, CHECK).get_by_role("button", name="Opnieuw proberen").click()
    assert not widget(page, CHECK).locator("input").first.is_checked()
    state = stored(page)[store_key(CHECK)]["state"]
    assert state["checked"] is False and state["attempts"] == 1


def test_two_tabs_stay_in_sync(context, base_url):
    first, second = context.new_page(), context.new_page()
    open_page(first, base_url, CHAPTER)
    open_page(second, base_url, CHAPTER)
    write_reflection(first, "Geschreven in het eerste tabblad.")
    second.wait_for_function(
        f"document.querySelector('.jd-widget[data-widget-id=\"{REFLECTION}\"] textarea').value"
        " === 'Geschreven in het eerste tabblad.'"
    )
    widget(first, CHECK).locator("label").nth(1).click()
    widget(first, CHECK).get_by_role("button", name="Controleer").click()
    second.wait_for_function(
        f"document.querySelectorAll('.jd-widget[data-widget-id=\"{CHECK}\"] input')[1].checked === true"
    )


def export_portfolio(page: object, base_url: str, tmp_path: Path) -> Path:
    open_page(page, base_url, PORTFOLIO)
    page.wait_for_selector(".jd-portfolio[data-jd-ready]")
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporteer portfolio (JSON)").click()
    target = tmp_path / "portfolio.json"
    download.value.save_as(target)
    return target


def import_portfolio(page: object, file: Path) -> None:
    """Choose a file to import and wait until the page answers (a preview or a message)."""
    page.set_input_files("#jd-portfolio-import", str(file))
    page.wait_for_selector(".jd-portfolio-preview button, .jd-portfolio-status .jd-notice")


def test_export_clear_import_gives_identical_work(page, base_url, tmp_path):
    open_page(page, base_url, CHAPTER)
    answer_check_with_keyboard(page)
    write_reflection(page, "Tekst met 'aanhalingstekens', een é en een <tag>.")
    before = stored(page)
    exported = export_portfolio(page, base_url, tmp_path)
    portfolio = Portfolio.from_file(exported)
    assert portfolio.course == COURSE and {e.id for e in portfolio.entries} == {CHECK, REFLECTION}
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector(".jd-portfolio[data-jd-ready]")
    assert "nog leeg" in page.locator(".jd-portfolio-content").inner_text()
    import_portfolio(page, exported)
    page.get_by_role("button", name="Samenvoegen").click()
    assert "2 nieuw" in page.locator(".jd-portfolio-status").inner_text()
    assert stored(page) == before
    page.locator(".jd-portfolio-item").nth(1).wait_for()
    assert "Tekst met 'aanhalingstekens', een é en een <tag>." in page.locator(".jd-portfolio-content").inner_text()


def test_import_never_overwrites_newer_work(page, base_url, tmp_path):
    open_page(page, base_url, CHAPTER)
    write_reflection(page, "Oude versie.")
    exported = export_portfolio(page, base_url, tmp_path)
    open_page(page, base_url, CHAPTER)
    write_reflection(page, "Nieuwere versie in de browser.")
    open_page(page, base_url, PORTFOLIO)
    page.wait_for_selector(".jd-portfolio[data-jd-ready]")
    import_portfolio(page, exported)
    assert "1 niet overschreven" in page.locator(".jd-portfolio-preview").inner_text()
    page.get_by_role("button", name="Samenvoegen").click()
    assert stored(page)[store_key(REFLECTION)]["state"]["text"] == "Nieuwere versie in de browser."


def test_corrupt_store_is_kept_aside_and_reported(context, base_url):
    page = context.new_page()
    page.goto(base_url + "intro.html")
    page.evaluate(f"localStorage.setItem('{store_key(REFLECTION)}', '{{kapot: niet-json')")
    open_page(page, base_url, CHAPTER)
    notice = widget(page, REFLECTION).locator(".jd-notice")
    assert "niet leesbaar" in notice.inner_text() and "niets weggegooid" in notice.inner_text()
    keys = stored(page)
    backups = [k for k in keys if k.startswith(f"jd:{COURSE}:backup:{REFLECTION}:")]
    assert len(backups) == 1 and keys[backups[0]] == "{kapot: niet-json"
    assert store_key(REFLECTION) not in keys
    write_reflection(page, "Opnieuw begonnen.")
    assert keys[backups[0]] == stored(page)[backups[0]]


def test_older_store_format_is_migrated(context, base_url):
    page = context.new_page()
    page.goto(base_url + "intro.html")
    old = {"v": 1, "state": {"text": "Uit een oudere versie."}, "saved": 1700000000000}
    page.evaluate(f"localStorage.setItem('{store_key(REFLECTION)}', {json.dumps(json.dumps(old))})")
    open_page(page, base_url, CHAPTER)
    assert widget(page, REFLECTION).locator("textarea").input_value() == "Uit een oudere versie."
    record = stored(page)[store_key(REFLECTION)]
    assert record["v"] == 2 and record["updated"].startswith("2023-11-14")


def test_refused_storage_keeps_working_and_asks_to_export(context, base_url):
    context.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('vol', 'QuotaExceededError'); };"
    )
    page = context.new_page()
    open_page(page, base_url, CHAPTER)
    widget(page, REFLECTION).locator("textarea").fill("Dit blijft staan zolang de pagina open is.")
    widget(page, REFLECTION).locator("textarea").blur()
    notice = page.locator(".jd-notice-storage")
    notice.wait_for()
    assert "Exporteer je portfolio" in notice.inner_text()
    widget(page, CHECK).locator("label").first.click()
    widget(page, CHECK).get_by_role("button", name="Controleer").click()
    assert widget(page, CHECK).locator(".jd-kc-result").inner_text() != ""


def _valid_portfolio(**changes: object) -> dict:
    """An export as the portfolio page writes it (JavaScript's timestamps), holding one reflection."""
    imported = entry(
        "reflection",
        {"text": "Geïmporteerd."},
        REFLECTION,
        page="chapters/01-jeugddomein/index",
        updated="2026-11-20T09:00:00.000Z",
    )
    return portfolio(imported, **{"exported_at": "2026-11-20T10:00:00.000Z", "learner": "", **changes})


def _entry(**changes: object) -> dict:
    entry = dict(_valid_portfolio()["entries"][0])
    entry.update(changes)
    return entry


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


BAD_FILES = {
    "geen-json": ("dit is geen json {", "geen geldige JSON"),
    "leeg": ("", "leeg"),
    "verkeerde-versie": (_valid_portfolio(schema_version=0), "onbekende formaatversie"),
    "ontbrekend-veld": ({k: v for k, v in _valid_portfolio().items() if k != "entries"}, "entries"),
    "verkeerd-type": (_valid_portfolio(entries=[_entry(state={"text": 42})]), "hier hoort tekst"),
    "te-groot": (None, "te groot"),
    "diep-genest": (_deep(5000), "genest"),
    "onbekend-id": (_valid_portfolio(entries=[_entry(id="bestaat-niet-in-de-cursus")]), "niet kent"),
    "dubbel-id": (_valid_portfolio(entries=[_entry(), _entry()]), "twee keer"),
    "nieuwere-cursusversie": (_valid_portfolio(course_version="9.0"), "nieuwere cursusversie"),
    "nieuwer-formaat": (_valid_portfolio(schema_version=2), "nieuwere versie"),
    "andere-cursus": (_valid_portfolio(course="een-andere-cursus"), "andere cursus"),
    "geen-portfolio": ({"hallo": "wereld"}, "geen portfolio"),
    "verkeerd-widgettype": (
        _valid_portfolio(entries=[_entry(widget="knowledge-check", state={"selected": [0]})]),
        "ander soort",
    ),
    "onbekend-veld": (_valid_portfolio(extra="x"), "onbekend"),
    "lijst-in-plaats-van-object": ([1, 2, 3], "geen portfolio"),
    "datum-gisteren": (
        _valid_portfolio(entries=[_entry(updated="gisteren")]),
        "entries.0.updated: hier hoort een bestaande datum en tijd met tijdzone",
    ),
    "rubricscore-null": (
        _valid_portfolio(entries=[_entry(widget="rubric", state={"zelf": {"scores": {"vraag": None}}})]),
        "Het bestand klopt niet bij entries.0.state.zelf.scores.vraag: hier hoort tekst. Er is niets veranderd.",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_import_file_is_refused_in_dutch_and_changes_nothing(page, base_url, tmp_path, kind):
    open_page(page, base_url, CHAPTER)
    write_reflection(page, "Mijn eigen werk, dat moet blijven.")
    before = stored(page)
    open_page(page, base_url, PORTFOLIO)
    page.wait_for_selector(".jd-portfolio[data-jd-ready]")
    content, expected = BAD_FILES[kind]
    file = tmp_path / f"{kind}.json"
    if kind == "te-groot":
        file.write_bytes(b" " * (20 * 1024 * 1024))
    else:
        file.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    import_portfolio(page, file)
    message = page.locator(".jd-portfolio-status .jd-notice-error")
    message.wait_for()
    assert expected in message.inner_text(), message.inner_text()
    assert page.get_by_role("button", name="Samenvoegen").count() == 0
    assert stored(page) == before


def test_script_text_is_shown_as_text(page, base_url, tmp_path):
    attack = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    file = tmp_path / "aanval.json"
    portfolio = _valid_portfolio(learner=attack, entries=[_entry(state={"text": attack})])
    file.write_text(json.dumps(portfolio), encoding="utf-8")
    open_page(page, base_url, PORTFOLIO)
    page.wait_for_selector(".jd-portfolio[data-jd-ready]")
    import_portfolio(page, file)
    page.get_by_role("button", name="Samenvoegen").click()
    page.locator(".jd-portfolio-item").first.wait_for()
    assert attack in page.locator(".jd-portfolio-content").inner_text()
    open_page(page, base_url, CHAPTER)
    assert widget(page, REFLECTION).locator("textarea").input_value() == attack
    page.wait_for_timeout(300)
    assert dialogs == [] and page.locator("img[src=x]").count() == 0


def test_an_unreadable_import_file_is_reported(context, base_url, tmp_path):
    """The browser cannot read the chosen file (moved, or a cloud file not downloaded): a message, nothing changed."""
    page = context.new_page()
    page.add_init_script("File.prototype.text = () => Promise.reject(new DOMException('weg', 'NotReadableError'));")
    open_page(page, base_url, PORTFOLIO)
    page.wait_for_selector(".jd-portfolio[data-jd-ready]")
    before = stored(page)
    file = tmp_path / "portfolio.json"
    file.write_text(json.dumps(_valid_portfolio()), encoding="utf-8")
    import_portfolio(page, file)
    message = page.locator(".jd-portfolio-status .jd-notice-error")
    assert "kan niet worden gelezen" in message.inner_text() and "Er is niets veranderd" in message.inner_text()
    assert page.get_by_role("button", name="Samenvoegen").count() == 0
    assert stored(page) == before


def test_an_old_error_does_not_stay_under_a_valid_preview(page, base_url, tmp_path):
    open_page(page, base_url, PORTFOLIO)
    page.wait_for_selector(".jd-portfolio[data-jd-ready]")
    bad = tmp_path / "kapot.json"
    bad.write_text("dit is geen json {", encoding="utf-8")
    import_portfolio(page, bad)
    page.locator(".jd-portfolio-status .jd-notice-error").wait_for()
    good = tmp_path / "goed.json"
    good.write_bytes(b"\xef\xbb\xbf" + json.dumps(_valid_portfolio()).encode("utf-8"))  # with a byte-order mark
    page.set_input_files("#jd-portfolio-import", str(good))
    page.get_by_role("button", name="Samenvoegen").wait_for()
    assert page.locator(".jd-portfolio-status .jd-notice-error").count() == 0


def test_widgets_are_ready_before_the_theme_has_arrived(context, base_url):
    """On a slow network the theme's joined stylesheet and scripts are the largest files of a page; the widgets do not
    wait for them. Here those files are held back until the widgets report ready."""
    held: list[object] = []
    context.route("**/_static/jeugddomein/bundle/*", lambda route: held.append(route))
    page = context.new_page()
    page.goto(base_url + CHAPTER, wait_until="commit")
    # Polling by timer: animation frames wait for the stylesheet, as the first paint does.
    page.wait_for_function("document.documentElement.dataset.jdWidgetsReady !== undefined", polling=50)
    names = sorted(route.request.url.rsplit(".", 1)[1] for route in held)
    # The theme's stylesheet (the first-paint part and the whole) and both script bundles, still held.
    assert names == ["css", "css", "js", "js"], names
    assert widget(page, CHECK).locator("input").count() > 0
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    # Once they are in, the theme's script runs as before: it turns the colour mode "auto" into light or dark.
    page.wait_for_function("['light', 'dark'].includes(document.documentElement.dataset.theme)")
