"""The seven widgets as a notebook creates them, and one change each way per widget: browser -> kernel (a learner's
action in the view, then the trait in the kernel) and kernel -> browser (a Python call, then the view). The test makes
the kernel's change first: a scan or a game must be started before the view offers answers or choices, and the rich
picture's learner then edits the picture Python opened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

RICH_PICTURE = """from jeugddomein.widgets import RichPicture

w_rp = RichPicture.from_yaml('''
id: jupyter-test-rp
title: Het systeem rond Daan
starts:
  - title: Daan
    elements:
      - {kind: actor, id: kind, pictogram: kind, label: Daan, x: 300, y: 200}
      - {kind: actor, id: ouders, pictogram: ouders, label: Ouders, x: 120, y: 80}
    relations:
      - {id: r1, source: ouders, target: kind, style: strained, label: zorgen}
''')
w_rp"""


@dataclass(frozen=True)
class Case:
    name: str
    root: str
    create: str
    browser_change: Callable[[object], None]
    """A learner's action in the view (gets the widget's root locator)."""
    kernel_sees: tuple[str, object]
    """(Python expression, the value it must reach after browser_change)."""
    kernel_change: str
    """Python that changes the widget."""
    browser_sees: str
    """A JavaScript predicate on the root element that holds once the view shows kernel_change."""


def _click(selector: str, nth: int = 0) -> Callable[[object], None]:
    return lambda root: root.locator(selector).nth(nth).click()


def _fill(selector: str, text: str, commit: bool = False) -> Callable[[object], None]:
    def act(root: object) -> None:
        field = root.locator(selector).first
        field.fill(text)
        if commit:
            field.press("Tab")  # commits the field (change fires on blur; JupyterLab keeps Enter for itself)

    return act


CASES = [
    Case(
        "knowledge-check",
        ".jd-widget-kc",
        """from jeugddomein.widgets import KnowledgeCheck

w_kc = KnowledgeCheck.from_yaml('''
id: jupyter-test-kc
question: Wie hoort bij het brede jeugddomein?
multiple: true
options:
  - {text: De leraar, correct: true, feedback: Ja.}
  - {text: Het wijkteam, correct: true, feedback: Ja.}
  - {text: Alleen de ouders, correct: false, feedback: Nee.}
''')
w_kc""",
        _click(".jd-kc-option input", 1),
        ("w_kc.selected", [1, 2]),
        "w_kc.selected = [2]",
        "(root) => root.querySelectorAll('.jd-kc-option input')[2].checked",
    ),
    Case(
        "reflection",
        ".jd-widget-refl",
        """from jeugddomein.widgets import Reflection

w_refl = Reflection.from_yaml("id: jupyter-test-refl\\nprompt: Met wie zou je een dag meelopen?\\n")
w_refl""",
        _fill("textarea", "Met de jeugdarts."),
        ("w_refl.text", "Met de jeugdarts."),
        "w_refl.text = 'Uit Python geschreven.'",
        "(root) => root.querySelector('textarea').value === 'Uit Python geschreven.'",
    ),
    Case(
        "bronstein-scan",
        ".jd-widget-bs",
        """from jeugddomein.widgets import BronsteinScan

w_bs = BronsteinScan.from_yaml("id: jupyter-test-bs\\n")
w_bs""",
        _click(".jd-bs-option label", 3),
        ("len(w_bs.answers)", 1),
        "w_bs.start('stage', 'mijn stageschool')",
        "(root) => root.querySelectorAll('.jd-bs-option input').length > 0",
    ),
    Case(
        "role-play",
        ".jd-widget-role",
        """from jeugddomein.widgets import RolePlay

w_role = RolePlay.from_case("twee-brillen", widget_id="jupyter-test-role")
w_role""",
        _click(".jd-play-choice"),
        ("len(w_role.path)", 1),
        "w_role.start('jeugdhulpverlener')",
        "(root) => root.querySelectorAll('.jd-play-choice').length > 0",
    ),
    Case(
        "rich-picture",
        ".jd-widget-rp",
        RICH_PICTURE,
        _fill('input[id$="-pictitle"]', "Daan, bewerkt", commit=True),
        ("[w_rp.active, w_rp.scene('p1').title, w_rp.scene('p2').title]", ["p2", "Daan", "Daan, bewerkt"]),
        "w_rp.add_scene(w_rp.scene('p1').model_copy(update={'title': 'Daan, tweede plaat'}))",
        "(root) => root.querySelector('select[id$=\"-pic\"]').value === 'p2'"
        " && root.querySelector('input[id$=\"-pictitle\"]').value === 'Daan, tweede plaat'",
    ),
    Case(
        "competence-tracker",
        ".jd-widget-ct",
        """from jeugddomein.widgets import CompetenceTracker

w_ct = CompetenceTracker.from_yaml("id: jupyter-test-ct\\n")
w_ct""",
        _click('input[type="radio"][value="pabo"]'),
        ("w_ct.profession", "pabo"),
        "w_ct.choose_profession('hbo-v')",
        '(root) => root.querySelector(\'input[type="radio"][value="hbo-v"]\').checked',
    ),
    Case(
        "rubric",
        ".jd-widget-rubric",
        """from jeugddomein.widgets import RubricWidget

w_rb = RubricWidget.from_yaml("id: jupyter-test-rubric\\nrubric: presentatie\\n")
w_rb""",
        _click('.jd-rb-mode input[value="docent"]'),
        ("w_rb.mode", "docent"),
        "w_rb.student = 'Groep 7'",
        "(root) => [...root.querySelectorAll('input[type=\"text\"]')].some((i) => i.value === 'Groep 7')",
    ),
]
