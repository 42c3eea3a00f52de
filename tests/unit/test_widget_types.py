"""Each view's JSDoc `@typedef Model` names exactly the synced traits of its anywidget class (tsc checks the view
against that typedef; this test ties the typedef to the Python side)."""

from __future__ import annotations

import re

import pytest

from jeugddomein.paths import WIDGETS_DIR
from jeugddomein.widgets import WIDGET_CLASSES


def typedef_properties(source: str, name: str = "Model") -> list[str]:
    """The property names of a JSDoc `@typedef <name>` block (types may span lines and nest braces)."""
    start = source.index(f"@typedef {name}\n")
    end = source.index("*/", start)
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
    source = "/**\n * @typedef Model\n * @property {{a: {b: string}[]}} first\n * @property {string[]\n *  } second\n */"
    assert typedef_properties(source) == ["first", "second"]


@pytest.mark.parametrize("name", sorted(WIDGET_CLASSES))
def test_typedef_model_matches_the_synced_traits(name):
    cls = WIDGET_CLASSES[name]
    source = (WIDGETS_DIR / cls.module / "view.js").read_text(encoding="utf-8")
    declared = typedef_properties(source)
    assert len(declared) == len(set(declared)), f"{cls.module}/view.js: a property is declared twice"
    synced = {n for n, trait in cls.class_traits(sync=True).items() if not n.startswith("_")}
    synced -= {"widget_id", "comm", "keys", "layout", "tabbable", "tooltip", "log"}
    assert set(declared) == synced, (
        f"{cls.module}/view.js @typedef Model differs from {cls.__name__}'s traits: "
        f"only in the typedef {sorted(set(declared) - synced)}, only in Python {sorted(synced - set(declared))}"
    )
