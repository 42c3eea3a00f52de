"""Knowledge check, multiple answer: a wrong try does not give the answer away; focus follows the result."""

from __future__ import annotations

from tests.browser.helpers import widget
from tests.conftest import open_page

CHAPTER = "chapters/01-jeugddomein/index.html"
MULTIPLE = "jeugddomein-kc-evaluaties"
NOT_CHOSEN = "Ook juist, niet gekozen"


def test_a_wrong_try_reveals_nothing_the_answer_on_request_after_two_and_focus_on_the_result(page, base_url):
    open_page(page, base_url, CHAPTER)
    check = widget(page, MULTIPLE)
    wrong = check.get_by_label("Het aantal leerlingen in het speciaal onderwijs is sinds 2014 elk jaar gedaald.")
    wrong.check()
    check.get_by_role("button", name="Controleer").click()
    result = check.locator(".jd-kc-result")
    assert "Nog niet goed" in result.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('jd-kc-result')"), "focus staat op de uitslag"
    assert NOT_CHOSEN not in check.inner_text(), "de eerste foute poging verklapt de juiste antwoorden niet"
    assert "Onjuist" in check.inner_text(), "de gekozen optie krijgt wel haar toelichting"
    reveal = check.get_by_role("button", name="Toon het juiste antwoord")
    assert not reveal.is_visible(), "pas na twee pogingen"

    check.get_by_role("button", name="Opnieuw proberen").click()
    wrong.check()
    check.get_by_role("button", name="Controleer").click()
    assert NOT_CHOSEN not in check.inner_text()
    reveal.click()
    assert check.inner_text().count(NOT_CHOSEN) == 3
    assert page.evaluate("document.activeElement.classList.contains('jd-kc-result')")


def test_a_right_answer_shows_the_whole_answer(page, base_url):
    open_page(page, base_url, CHAPTER)
    check = widget(page, MULTIPLE)
    for label in check.locator("label").all():
        if not label.inner_text().startswith(("Het aantal leerlingen", "Samenwerking tussen onderwijs")):
            label.click()
    check.get_by_role("button", name="Controleer").click()
    assert "Goed gedaan" in check.locator(".jd-kc-result").inner_text()
    assert check.inner_text().count("Juist.") >= 3
