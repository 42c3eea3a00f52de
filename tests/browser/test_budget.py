"""Performance budget: a chapter page at most 300 KB (gzip) on first load, a second page at most 60 KB more."""

from __future__ import annotations

import pytest

from tests.browser.weight import largest, load
from tests.conftest import book_pages

FIRST_LOAD = 300 * 1024
SECOND_PAGE = 60 * 1024
LARGER = {"reader.html": 600 * 1024, "exercises/widgets-in-jupyter.html": 360 * 1024}
"""Pages with their own, larger budget: the printable reader holds every chapter in one page; the Jupyter page shows
all seven widgets at once, so it loads every widget's module (a chapter loads two or three)."""
PAGES = book_pages()


@pytest.mark.parametrize("path", PAGES)
def test_first_load_within_budget(context, base_url, path):
    page = context.new_page()
    assets = load(page, base_url + path)
    total = sum(assets.values())
    budget = LARGER.get(path, FIRST_LOAD)
    assert total <= budget, f"{path}: {total // 1024} KB bij eerste bezoek; grootste: {largest(assets)}"


def test_second_page_within_budget(context, base_url):
    page = context.new_page()
    load(page, base_url + "chapters/01-jeugddomein/index.html")
    assets = load(page, base_url + "chapters/02-systeemtheorie/index.html")
    total = sum(assets.values())
    assert 0 < total <= SECOND_PAGE, f"tweede pagina: {total // 1024} KB extra; grootste: {largest(assets)}"
