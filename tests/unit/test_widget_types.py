"""Each view's JSDoc `@typedef Model` names exactly the synced traits of its anywidget class (tsc checks the view
against that typedef; this test ties the typedef to the Python side)."""

from __future__ import annotations

import re

import pytest

from jeugddomein.paths import WIDGETS_DIR
from jeugddomein.widgets import WIDGET_CLASSES, CourseWidget


def typedef_properties(source: str, name: str = "Model") -> list[str]:
    """The property names of a JSDoc `@typedef <name>` block (types may span lines and nest braces)."""
    start = source.index(f"@typedef {name}\n")
    end = source.index("*/", start)
    following = source.find("@typedef", start + 1)
    end = min(end, following) if following != -1 else end
    block = source[start:end]
    names, i = [], 0
    while (i := block.find("@property", i)) != -1:
        j = block.index("{", i)
        depth = 0
        for k in range(j, len(block)):
            depth += {"{": 1, "}": -1}.get(block[k], 0)
            if depth == 0:
                break
        match = re.match(r"\s*\[?([A-Za-z_]\w*)", block[k + 1 :])
        assert match, f"@property without a name after position {i}"
        names.append(match.group(1))
        i = k
    return names


def test_the_parser_reads_nested_and_multiline_types():
    source = (
        "/**\n * @typedef Model\n * @property {{a: {b: string}[]}} first\n * @property {string[]\n *  } second\n */"
    )
    assert typedef_properties(source) == ["first", "second"]


@pytest.mark.parametrize("name", sorted(WIDGET_CLASSES))
def test_typedef_model_matches_the_synced_traits(name):
    cls = WIDGET_CLASSES[name]
    source = (WIDGETS_DIR / cls.module / "view.js").read_text(encoding="utf-8")
    declared = typedef_properties(source)
    assert len(declared) == len(set(declared)), f"{cls.module}/view.js: a property is declared twice"
    synced = set(cls.class_traits(sync=True)) - set(CourseWidget.class_traits(sync=True))
    assert set(declared) == synced, (
        f"{cls.module}/view.js @typedef Model differs from {cls.__name__}'s traits: "
        f"only in the typedef {sorted(set(declared) - synced)}, only in Python {sorted(synced - set(declared))}"
    )


@pytest.mark.parametrize("name", sorted(WIDGET_CLASSES))
def test_learner_traits_are_the_state_model_and_config_traits_the_resolved_config(name):
    """The pydantic state model is the one declaration of the learner's work: the class syncs exactly its fields;
    the other synced traits are exactly what `resolve_config` gives the page."""
    cls = WIDGET_CLASSES[name]
    assert set(cls.learner_traits()) == set(cls.state_model.model_fields)
    synced = set(cls.class_traits(sync=True)) - set(CourseWidget.class_traits(sync=True))
    config_traits = synced - set(cls.learner_traits())
    placement = cls.from_yaml(EXAMPLE_SPECS[name]).placement()
    assert set(placement["config"]) == config_traits
    assert set(placement["state"]) == set(cls.state_model.model_fields)


EXAMPLE_SPECS = {
    "knowledge-check": "id: t-kc\nquestion: Vraag?\noptions:\n  - {text: A, correct: true, feedback: ja}\n"
    "  - {text: B, correct: false, feedback: nee}\n",
    "reflection": "id: t-refl\nprompt: Wat zie je?\n",
    "bronstein-scan": "id: t-bs\n",
    "competence-tracker": "id: t-ct\n",
    "rubric": "id: t-rubric\nrubric: eindproduct\n",
    "role-play": "id: t-rp\ncase: twee-brillen\n",
    "rich-picture": "id: t-pic\ntitle: Plaat\n",
    "case-editor": "id: t-editor\n",
    "worksheet": "id: t-ws\nworksheet: lopende-casus\n",
}
