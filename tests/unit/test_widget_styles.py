"""Each widget's stylesheet (widget.css, what Jupyter and the site load) is scoped under the widget's own root class,
carries the shared button and focus rules, and keeps its colours in variables with a dark value."""

from __future__ import annotations

import re

import pytest

from jeugddomein.paths import WIDGETS_DIR
from jeugddomein.widgets import WIDGET_FOLDERS, widget_classes

pytestmark = pytest.mark.unit


def root_class(folder: str) -> str:
    first = (WIDGETS_DIR / folder / "style.css").read_text(encoding="utf-8").split("\n", 1)[0]
    match = re.search(r"scoped under (\.[a-z][a-z0-9-]*)", first)
    assert match, f"{folder}/style.css: the first line names no root class"
    return match[1]


def selectors(css: str) -> list[str]:
    """Every selector of a stylesheet's style rules (inside at-rule blocks too), comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for prelude in re.findall(r"([^{};]+)\{", css):
        prelude = prelude.strip()
        if prelude.startswith("@"):
            continue
        found += [part.strip() for part in re.split(r",(?![^(]*\))", prelude)]
    return found


def test_every_widget_has_its_own_root_class():
    roots = {folder: root_class(folder) for folder in WIDGET_FOLDERS}
    assert len(set(roots.values())) == len(roots), roots


@pytest.mark.parametrize("folder", WIDGET_FOLDERS)
def test_every_rule_is_scoped_under_the_root_class(folder):
    root = root_class(folder)
    css = (WIDGETS_DIR / folder / "widget.css").read_text(encoding="utf-8")
    view = (WIDGETS_DIR / folder / "view.js").read_text(encoding="utf-8")
    assert f'className: "{root[1:]}"' in view, f"{folder}/view.js does not draw its root {root}"
    dark_context = ":is(html[data-theme=dark], body[data-jp-theme-light=false]) "
    for selector in selectors(css):
        scoped = selector.removeprefix(dark_context)
        assert re.match(rf"{re.escape(root)}(?![\w-])", scoped), (folder, selector)


@pytest.mark.parametrize("folder", WIDGET_FOLDERS)
def test_shared_buttons_focus_and_dark_colours_are_in_each_stylesheet(folder):
    root = root_class(folder)
    css = (WIDGETS_DIR / folder / "widget.css").read_text(encoding="utf-8")
    assert f"{root} .jd-button {{" in css
    assert f"{root} :is(.jd-button, input, select, textarea, summary, a):focus-visible" in css
    assert f"body[data-jp-theme-light=false]) {root} {{" in css and "--jd-ink:" in css


def test_jupyter_loads_the_generated_stylesheet():
    for cls in widget_classes().values():
        assert cls._css == (WIDGETS_DIR / cls.module / "widget.css").read_text(encoding="utf-8")
