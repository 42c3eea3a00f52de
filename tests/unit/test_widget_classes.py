"""The Python side of the widgets: anywidget classes that carry the same placement as the page directive."""

from __future__ import annotations

import re

import pytest

from jeugddomein.paths import WIDGETS_DIR
from jeugddomein.widgets import MIME_TYPE, WIDGET_CLASSES, KnowledgeCheck, Reflection

SPEC = {
    "id": "py-kc",
    "question": "Welke opties zijn juist?",
    "multiple": True,
    "options": [
        {"text": "A", "correct": True, "feedback": "a"},
        {"text": "B", "correct": True, "feedback": "b"},
        {"text": "C", "correct": False, "feedback": "c"},
    ],
}


def test_answer_checks_like_the_button():
    check = KnowledgeCheck(SPEC)
    assert check.answer(0) is False
    assert check.answer(0, 1) is True and check.attempts == 2
    frame = check.to_frame()
    assert list(frame["gekozen"]) == [True, True, False] and list(frame["juist"]) == [True, True, False]
    check.retry()
    assert check.selected == [] and check.checked is False and check.attempts == 2


def test_answer_refuses_impossible_choices():
    check = KnowledgeCheck({**SPEC, "multiple": False, "options": SPEC["options"][1:]})
    with pytest.raises(ValueError, match="één antwoord"):
        check.answer(0, 1)
    with pytest.raises(IndexError):
        check.answer(5)


def test_mime_bundle_carries_the_placement():
    reflection = Reflection({"id": "py-refl", "prompt": "Wat neem je mee?"})
    reflection.text = "Veel."
    data, _ = reflection._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data[MIME_TYPE] == {
        "widget": "reflection",
        "id": "py-refl",
        "config": {"prompt": "Wat neem je mee?", "hint": None},
        "spec": {"prompt": "Wat neem je mee?", "hint": None},
        "state": {"text": "Veel."},
    }
    assert reflection.to_frame().loc[0, "woorden"] == 1


@pytest.mark.parametrize("name", sorted(WIDGET_CLASSES))
def test_every_widget_module_is_self_contained(name):
    cls = WIDGET_CLASSES[name]
    assert cls.module == name.replace("-", "_")
    assert cls._esm == (WIDGETS_DIR / cls.module / "bundle.js").read_text(encoding="utf-8")
    assert re.search(r"export\s*\{[^}]*\bas default\b", cls._esm), "the bundle has a default export (the AFM object)"
    assert not re.search(r"(^|[;}])\s*import\s*[{*\w\"']", cls._esm), "Jupyter loads _esm from a blob URL: no imports"
    assert "innerHTML" not in cls._esm
    assert cls.label and cls.learner_traits()
