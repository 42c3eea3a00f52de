"""No English in the interface of any page, also in a browser set to English.

The English strings are taken from the message catalogues the theme and Sphinx ship (and the names their templates
write without a catalogue), not from a list made by hand; a string that reads the same in Dutch ("Index") is left out.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pydata_sphinx_theme
import sphinx
import sphinx_book_theme
from babel.messages.pofile import read_po

from jeugddomein.sphinxext import theme
from tests.conftest import site_pages, wait_for_widgets

PACKAGES = {
    "pydata": Path(pydata_sphinx_theme.__file__).parent,
    "book": Path(sphinx_book_theme.__file__).parent,
    "sphinx": Path(sphinx.__file__).parent,
}
# Attribute values written literally in the themes' templates (no gettext), e.g. title="Toggle primary sidebar".
_LITERAL = re.compile(r'\b(?:title|aria-label|placeholder|data-bs-title)="([A-Z][A-Za-z ]{2,})"')
_PLACEHOLDER = re.compile(r"%\(\w+\)s|\$\{\w+\}")

# Every text node (but code) and every name or hint attribute of the page, whitespace collapsed.
INTERFACE_STRINGS = """() => {
  const out = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    // Code shown as code (a YAML key, a class name) is not interface text.
    if (parent && !parent.closest("script, style, code, pre, kbd, samp")) out.add(walker.currentNode.textContent);
  }
  for (const el of document.querySelectorAll("[title], [aria-label], [placeholder], [alt], [data-bs-title]")) {
    for (const name of ["title", "aria-label", "placeholder", "alt", "data-bs-title"]) {
      if (el.hasAttribute(name)) out.add(el.getAttribute(name));
    }
  }
  return [...out].map((s) => s.replace(/\\s+/g, " ").trim()).filter(Boolean);
}"""


def _messages(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {" ".join(str(m.id).split()): str(m.string) for m in catalog if m.id and isinstance(m.id, str)}


@cache
def english_strings() -> tuple[set[str], list[re.Pattern[str]]]:
    """The theme's and Sphinx's English interface strings that differ in Dutch: plain ones and patterns."""
    catalogues = [
        PACKAGES["pydata"] / "locale" / "sphinx.pot",
        PACKAGES["sphinx"] / "locale" / "sphinx.pot",
        *sorted((PACKAGES["book"] / "theme").rglob("booktheme.po")),
    ]
    english: set[str] = set()
    for catalogue in catalogues:
        english |= set(_messages(catalogue))
    for folder in (PACKAGES["pydata"] / "theme", PACKAGES["book"] / "theme"):
        for template in folder.rglob("*.html"):
            english |= set(_LITERAL.findall(template.read_text(encoding="utf-8")))
    dutch: dict[str, str] = {}
    for catalogue in (
        PACKAGES["sphinx"] / "locale" / "nl" / "LC_MESSAGES" / "sphinx.po",
        *sorted((PACKAGES["book"] / "theme").rglob("nl/LC_MESSAGES/booktheme.po")),
    ):
        dutch |= _messages(catalogue)
    dutch |= theme.catalogue("nl", "sphinx") | theme.catalogue("nl", "booktheme")
    same_in_dutch = {m for m, d in dutch.items() if d == m}
    english = {e for e in english if len(e) > 2 and e not in same_in_dutch}
    plain = {e.lower() for e in english if not _PLACEHOLDER.search(e)}
    patterns = [
        re.compile("".join(".+" if _PLACEHOLDER.fullmatch(p) else re.escape(p) for p in _split(e)), re.I)
        for e in english
        if _PLACEHOLDER.search(e)
    ]
    return plain, patterns


def _split(message: str) -> list[str]:
    parts, last = [], 0
    for match in _PLACEHOLDER.finditer(message):
        parts += [message[last : match.start()], match.group(0)]
        last = match.end()
    return [*parts, message[last:]]


def english_in(strings: list[str]) -> list[str]:
    plain, patterns = english_strings()
    found = []
    for text in strings:
        bare = text.rstrip(".…: ").lower()
        if bare in plain or text.lower() in plain or any(p.fullmatch(text) for p in patterns):
            found.append(text)
    return found


def test_the_catalogue_holds_the_strings_students_met():
    plain, _ = english_strings()
    met = ("skip to main content", "back to top", "toggle primary sidebar", "search", "color mode", "on this page")
    assert set(met) <= plain, set(met) - plain


def file_choosers_are_dutch_buttons(page: object, path: str) -> int:
    """The browser draws its own file control in its own language: every one is hidden behind a Dutch button that
    opens the browser's file chooser. Returns how many file controls the page has."""
    inputs = page.locator('input[type="file"]')
    count = inputs.count()
    for i in range(count):
        box = inputs.nth(i).bounding_box()
        assert box is None or (box["width"] <= 1 and box["height"] <= 1), f"{path}: een zichtbaar bestandsveld"
    for button in page.locator("button", has_text=re.compile(r"^Importeer")).all():
        if button.is_visible():
            with page.expect_file_chooser(timeout=5000):
                button.click()
    return count


def test_every_page_speaks_dutch_in_an_english_browser(browser: object, base_url: str):
    """One walk over every page in an English browser: no English in the interface, and every file chooser behind a
    Dutch button."""
    ctx = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    problems = {}
    file_controls = 0
    pages = site_pages()
    for path in pages:
        page.goto(base_url + path)
        wait_for_widgets(page)
        if path == "search.html":
            page.goto(base_url + "search.html?q=jeugdhulp")
            page.locator("#search-results .search-summary, #search-results p").first.wait_for(timeout=20000)
        found = english_in(page.evaluate(INTERFACE_STRINGS))
        if found:
            problems[path] = found
        file_controls += file_choosers_are_dutch_buttons(page, path)
    ctx.close()
    assert len(pages) >= 15
    assert not problems, problems
    assert file_controls >= 2, "de portfolio- en de rich-picture-import"
