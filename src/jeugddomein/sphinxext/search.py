"""Dutch site search whose index and browser agree on every word's stem.

Sphinx 7.4 stems the index in Python with snowballstemmer and the query in the browser with its bundled JavaScript
Dutch stemmer (the Porter-based Dutch algorithm). snowballstemmer 3 replaced its `dutch` algorithm with a new one
and kept the old one as `dutch_porter`: with `dutch` the stems no longer meet ("vragenlijst" is indexed as
"vranlijs", the browser looks for "vragenlijst") and ordinary words are not found. The index must use the algorithm
the browser uses.
"""

from __future__ import annotations

import snowballstemmer
from sphinx.application import Sphinx
from sphinx.search.nl import SearchDutch


def browser_algorithm() -> str:
    """The snowballstemmer name of the algorithm of Sphinx's JavaScript Dutch stemmer (dutch-stemmer.js)."""
    return "dutch_porter" if "dutch_porter" in snowballstemmer.algorithms() else "dutch"


class SearchDutchAsInBrowser(SearchDutch):
    """Sphinx's Dutch search language, stemming the index as the browser stems the query."""

    def init(self, options: dict[str, str]) -> None:
        self.stemmer = snowballstemmer.stemmer(browser_algorithm())


def setup(app: Sphinx) -> None:
    app.add_search_language(SearchDutchAsInBrowser)
