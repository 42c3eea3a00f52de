"""Site search through search.html finds the words students type: words of the built text and of role-play scenes.

The words are picked from the built site by the test (30 words on three or more pages, spread over the alphabet by
a fixed hash), and from the case files (5 words that stand only in a case's scenes, 5 that stand only in its texts
per role): no hand-made list.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sphinx.search.nl import dutch_stopwords

from jeugddomein.widgets.role_play.model import case_files, load_case
from tests.browser.helpers import wait_for_search
from tests.conftest import ROOT, built_site, site_pages, wait_for_widgets

_WORD = re.compile(r"[a-zà-ÿ]{5,}")
_ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.S)
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
CASE_PAGES = "exercises/casussen/"
ROLE_CARDS = "exercises/rolkaarten.html"
"""The lecturer's page that prints every case's scenes on the game leader's card."""


def words_of(html: str) -> set[str]:
    """The words of a page's article, lower case, without stopwords."""
    match = _ARTICLE.search(html)
    text = _TAG.sub(" ", match[1] if match else "")
    return {w for w in _WORD.findall(text.lower().replace("&nbsp;", " ")) if w not in dutch_stopwords}


@cache
def pages_by_word() -> dict[str, set[str]]:
    site = built_site()
    found: dict[str, set[str]] = defaultdict(set)
    for path in site_pages():
        if path in ("search.html", "genindex.html", "index.html"):
            continue
        for word in words_of((site / path).read_text(encoding="utf-8")):
            found[word].add(path)
    return found


def _spread(words: set[str], count: int) -> list[str]:
    """`count` of the words, chosen by a fixed hash (the same every run, not biased to any letter)."""
    return sorted(words, key=lambda w: hashlib.sha256(w.encode()).hexdigest())[:count]


def common_words(count: int = 30) -> list[str]:
    """Words that stand on three or more pages of the built site."""
    return _spread({w for w, pages in pages_by_word().items() if len(pages) >= 3}, count)


def scene_words(count: int = 5) -> list[tuple[str, str]]:
    """(word, case page) pairs: words of a case's scenes that stand on no page but (maybe) its own and the cards."""
    pages = pages_by_word()
    chosen: list[tuple[str, str]] = []
    for path in case_files(ROOT):
        case = load_case(path, ROOT)
        page = f"{CASE_PAGES}{path.stem}.html"
        texts = [s.text for s in case.scenes] + [c.text for s in case.scenes for c in s.choices]
        words = {w for t in texts for w in _WORD.findall(t.lower()) if w not in dutch_stopwords}
        only_here = {w for w in words if pages.get(w, set()) <= {page, ROLE_CARDS}}
        chosen += [(w, page) for w in _spread(only_here, 1)]
    return _spread_pairs(chosen, count)


def _take_role_texts(node: object) -> list[str]:
    """The texts per role (`as_role`) in a dumped case, taken out of it."""
    if isinstance(node, dict):
        found = list(node.pop("as_role", {}).values())
        return found + [t for value in node.values() for t in _take_role_texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in _take_role_texts(value)]
    return []


def role_text_words(count: int = 5) -> list[tuple[str, str]]:
    """(word, case page) pairs: words that stand in a case file only in its texts per role (`as_role`), so the case
    page has them only when its static version carries those texts."""
    chosen: list[tuple[str, str]] = []
    for path in case_files(ROOT):
        data = load_case(path, ROOT).model_dump(mode="json")
        own = _take_role_texts(data)
        elsewhere = set(_WORD.findall(json.dumps(data, ensure_ascii=False).lower()))
        words = {w for t in own for w in _WORD.findall(t.lower()) if w not in dutch_stopwords and w not in elsewhere}
        chosen += [(w, f"{CASE_PAGES}{path.stem}.html") for w in _spread(words, 1)]
    return _spread_pairs(chosen, count)


def _spread_pairs(pairs: list[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    return sorted(pairs, key=lambda p: hashlib.sha256(p[0].encode()).hexdigest())[:count]


def search(page: object, base_url: str, word: str) -> list[str]:
    """The result links search.html shows for `word`, once the search has finished."""
    page.goto(f"{base_url}search.html?q={word}")
    wait_for_search(page)
    return page.locator("#search-results ul.search li a").evaluate_all("links => links.map(a => a.href)")


def test_the_test_picks_enough_words():
    assert len(common_words()) == 30
    assert len(scene_words()) == 5
    assert len(role_text_words()) == 5
    assert all(Path(built_site() / page).is_file() for _, page in scene_words())


def not_on_their_page(page: object, base_url: str, words: list[tuple[str, str]]) -> dict[str, tuple[str, list[str]]]:
    """The words whose search results do not include the page they stand on, with that page and the results."""
    wrong_page = {}
    for word, case_page in words:
        hrefs = search(page, base_url, word)
        if not any(h.split("#")[0].endswith(case_page) for h in hrefs):
            wrong_page[word] = (case_page, hrefs)
    return wrong_page


def test_thirty_common_words_and_five_scene_words_are_found(page: object, base_url: str):
    missing = [w for w in common_words() if not search(page, base_url, w)]
    wrong_page = not_on_their_page(page, base_url, scene_words())
    assert not missing, f"niet gevonden: {missing}"
    assert not wrong_page, f"scènewoorden vinden hun casuspagina niet: {wrong_page}"


def test_words_of_the_texts_per_role_find_their_case_page(page: object, base_url: str):
    """A student who searches for what they read while playing a role finds the page where they play the case."""
    wrong_page = not_on_their_page(page, base_url, role_text_words())
    assert not wrong_page, f"woorden uit de teksten per rol vinden hun casuspagina niet: {wrong_page}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_icon_stays_clear_of_the_words_in_the_field(browser: object, base_url: str, scheme: str):
    """In the search dialog the magnifying glass stands before the field's text (placeholder or typed words), never
    over it, in both colour schemes; the field keeps the keyboard focus."""
    page = browser.new_page(viewport={"width": 1366, "height": 768}, color_scheme=scheme)
    page.goto(base_url + "intro.html")
    page.locator("button.search-button__button").first.click()
    field = page.locator("#pst-search-dialog input[type=search]")
    expect(field).to_be_focused()
    icon = page.locator("#pst-search-dialog form .fa-magnifying-glass")
    text_start = field.evaluate("f => f.getBoundingClientRect().left + parseFloat(getComputedStyle(f).paddingLeft)")
    icon_box = icon.bounding_box()
    assert icon_box["width"] > 0
    assert icon_box["x"] + icon_box["width"] <= text_start, f"het vergrootglas ligt over de tekst ({scheme})"
    page.close()


def test_a_search_result_marks_the_words_in_the_text_but_not_inside_the_widgets(page: object, base_url: str):
    """Following a result (`?highlight=`) marks the word in the page's text; the widgets' own text and drawings stay
    as their views made them (the highlighter would split their text nodes and lay rectangles in the drawing)."""
    page.goto(base_url + "exercises/rich-picture.html?highlight=daan")
    wait_for_widgets(page)
    marks = page.evaluate(
        """() => [...document.querySelectorAll('.highlighted')].map((mark) => Boolean(mark.closest('.jd-widget')))"""
    )
    assert marks.count(False) >= 1, "the word is marked in the page's own text"
    assert marks.count(True) == 0, "nothing is marked inside a widget"
    assert page.locator(".jd-widget svg rect.highlighted, .jd-widget svg tspan:not([x])").count() == 0
