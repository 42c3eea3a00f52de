"""The first paint waits only for the part of the theme's stylesheet that the pages and the course's scripts can use;
the whole stylesheet follows without blocking (postprocess._purge_bundled_styles, runtime.js). A page must look the
same with that part alone as with the whole: checked on every page, as it is once its scripts have run, on a phone
in the light scheme and on a laptop in the dark one."""

from __future__ import annotations

import pytest

from tests.conftest import site_pages, wait_for_widgets

DEVICES = {
    "phone-light": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
    "laptop-dark": {"viewport": {"width": 1280, "height": 800}, "color_scheme": "dark"},
}
LOOK_WITHOUT_THE_WHOLE = """() => {
  const whole = document.querySelector("link[data-jd-full-styles]");
  if (!whole) return null;
  const props = ["display", "visibility", "position", "float", "color", "background-color", "background-image",
    "font-size", "font-weight", "font-family", "font-style", "line-height", "text-align", "text-decoration-line",
    "margin-top", "margin-right", "margin-bottom", "margin-left", "padding-top", "padding-right", "padding-bottom",
    "padding-left", "border-top-width", "border-top-style", "border-top-color", "border-left-width",
    "border-radius", "box-shadow", "opacity", "list-style-type", "width", "height", "outline-style", "cursor"];
  const elements = [...document.querySelectorAll("body *")];
  const look = () => elements.map((el) => {
    const own = getComputedStyle(el);
    const before = getComputedStyle(el, "::before");
    const after = getComputedStyle(el, "::after");
    return [...props.map((p) => own.getPropertyValue(p)), before.content, before.display, after.content,
      after.display];
  });
  const withWhole = look();
  whole.media = "print";
  const firstPartOnly = look();
  whole.media = "all";
  const names = [...props, "::before content", "::before display", "::after content", "::after display"];
  const differences = [];
  elements.forEach((el, i) => {
    const changed = names.filter((_, k) => withWhole[i][k] !== firstPartOnly[i][k]);
    if (changed.length) {
      const name = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")}`;
      differences.push(`${name}: ${changed.map((p) => `${p} ${firstPartOnly[i][names.indexOf(p)]} -> ` +
        withWhole[i][names.indexOf(p)]).join(", ")}`);
    }
  });
  return { elements: elements.length, differences: differences.slice(0, 8), count: differences.length };
}"""


@pytest.mark.parametrize("device", sorted(DEVICES))
def test_every_page_looks_the_same_before_the_whole_stylesheet_applies(browser: object, base_url: str, device: str):
    context = browser.new_context(**DEVICES[device])
    try:
        page = context.new_page()
        checked, differing = 0, {}
        for path in site_pages():
            page.goto(base_url + path)
            wait_for_widgets(page)  # the whole stylesheet applies too (PAGE_READY)
            result = page.evaluate(LOOK_WITHOUT_THE_WHOLE)
            if result is None:
                continue  # a page without the course's runtime (the printable reader) links the whole alone
            checked += 1
            assert result["elements"] > 50, path
            if result["count"]:
                differing[path] = result
        assert checked >= 15, checked
        assert not differing, differing
    finally:
        context.close()
