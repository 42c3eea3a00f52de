"""The seven widgets in a real JupyterLab: they render in the light and the dark theme with readable text, each
syncs one change kernel -> browser and browser -> kernel, no request leaves 127.0.0.1 (charts included), and in a
notebook with all seven no widget's styles change another's."""

from __future__ import annotations

import time
from urllib.parse import unquote

import pytest

from .lab import DARK, LIGHT, Notebook
from .widgets import CASES

BY_NAME = {case.name: case for case in CASES}
CHARTS = "w_bs.finish('week 1')\nw_bs.chart()", "w_ct.assess('systemisch', 'start', 2)\nw_ct.chart()"

# Text whose colour against its background is below WCAG's 4.5:1 (3:1 from 18.66px bold / 24px), per widget root.
LOW_CONTRAST = """(root) => {
  const parse = (c) => {
    const m = c.match(/[\\d.]+/g).map(Number);
    return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
    }
    let color = [255, 255, 255, 1];
    if (layers.length && layers[layers.length - 1][3] === 1) color = layers.pop();
    while (layers.length) color = over(layers.pop(), color);
    return color;
  };
  const bad = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.closest('svg, select, option')) continue;
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join('');
    if (!text || !el.getClientRects().length || el.matches(':disabled')) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || style.clip === 'rect(0px, 0px, 0px, 0px)') continue;
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const name = `${el.tagName.toLowerCase()}.${el.className}`;
    if (ratio < (large ? 3 : 4.5)) bad.push(`${name}: "${text.slice(0, 40)}" ${ratio.toFixed(2)}`);
  }
  return bad;
}"""

# Computed styles of every element of a widget root, in document order (no sizes: they follow the content).
STYLES = """(root) => {
  const props = ['color', 'background-color', 'font-family', 'font-size', 'font-weight', 'font-style',
    'line-height', 'text-decoration-line', 'text-align', 'display', 'cursor', 'list-style-type', 'border-radius',
    'outline-style', 'outline-color', 'outline-width', 'box-sizing', 'white-space', 'opacity'];
  for (const side of ['top', 'right', 'bottom', 'left']) {
    props.push(`margin-${side}`, `padding-${side}`);
    props.push(`border-${side}-width`, `border-${side}-style`, `border-${side}-color`);
  }
  return [root, ...root.querySelectorAll('*')].map((el) => {
    const style = getComputedStyle(el);
    const name = el.tagName.toLowerCase() + '.' + (el.getAttribute('class') || '');
    return [name, props.map((p) => `${p}: ${style.getPropertyValue(p)}`)];
  });
}"""


@pytest.fixture(scope="module")
def all_widgets(lab):
    return lab.write_notebook("alle-oefeningen.ipynb", [case.create for case in CASES])


def wait_kernel_value(notebook: Notebook, expression: str, expected: object, timeout: float = 15) -> None:
    """Wait until a Python expression in the kernel has the expected value (the view's change travelled)."""
    deadline = time.monotonic() + timeout
    value = notebook.value(expression)
    while value != expected and time.monotonic() < deadline:
        value = notebook.value(expression)
    assert value == expected, f"{expression} = {value!r}, expected {expected!r}"


def test_every_widget_renders_readably_in_light_and_dark_and_syncs_both_ways(lab, all_widgets, page, context):
    notebook = Notebook(page, lab, all_widgets)
    notebook.run_all()
    roots = {case.name: page.locator(case.root) for case in CASES}
    for name, root in roots.items():
        root.wait_for(timeout=30_000)
        assert root.count() == 1, name
    for theme in (LIGHT, DARK):
        notebook.theme(theme)
        for name, root in roots.items():
            assert root.is_visible() and root.inner_text().strip(), (theme, name)
            assert root.evaluate(LOW_CONTRAST) == [], (theme, name)

    for case in CASES:
        notebook.execute(case.kernel_change)
        page.wait_for_function(f"() => ({case.browser_sees})(document.querySelector({case.root!r}))", timeout=15_000)
        case.browser_change(roots[case.name])
        wait_kernel_value(notebook, *case.kernel_sees)

    for code in CHARTS:  # the Python charts draw in the notebook, from 127.0.0.1 only
        notebook.page.evaluate(
            """(code) => {
              const nb = window.jupyterapp.shell.currentWidget.content;
              nb.activeCellIndex = nb.widgets.length - 1;
              return window.jupyterapp.commands.execute('notebook:insert-cell-below').then(() => {
                nb.activeCell.model.sharedModel.setSource(code);
                return window.jupyterapp.commands.execute('notebook:run-cell');
              });
            }""",
            code,
        )
    charts = page.locator('.jp-OutputArea-output[data-mime-type="image/svg+xml"]')
    charts.nth(1).wait_for(timeout=30_000)
    assert "Zelfscan Bronstein per moment" in unquote(charts.nth(0).inner_html())
    assert "Je competenties in de tijd" in unquote(charts.nth(1).inner_html())
    assert page.locator("text=Error loading script").count() == 0
    assert context.offsite == [], context.offsite
    assert page.errors == [], page.errors


def test_no_widget_changes_the_styles_of_another(lab, all_widgets, context):
    def styles_in(notebook_name: str, names: list[str]) -> dict[str, list]:
        page = context.new_page()  # a fresh document: only the styles of the widgets this notebook shows
        notebook = Notebook(page, lab, notebook_name)
        notebook.run_all()
        found = {}
        for name in names:
            root = page.locator(BY_NAME[name].root)
            root.wait_for(timeout=30_000)
            found[name] = root.evaluate(STYLES)
        page.close()
        return found

    together = styles_in(all_widgets, list(BY_NAME))
    for case in CASES:
        alone = styles_in(lab.write_notebook(f"alleen-{case.name}.ipynb", [case.create]), [case.name])[case.name]
        assert len(alone) == len(together[case.name]), case.name
        changed = [
            (element, sorted(set(mine) ^ set(theirs)))
            for (element, mine), (_, theirs) in zip(alone, together[case.name], strict=True)
            if mine != theirs
        ]
        assert not changed, f"{case.name}: styles differ next to the other widgets: {changed[:5]}"
