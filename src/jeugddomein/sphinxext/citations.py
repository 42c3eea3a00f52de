"""APA-like citations in Dutch: "(Bronstein, 2003)", "Akkerman & Bakker (2011)", and an APA reference list."""

from __future__ import annotations

from dataclasses import dataclass, field

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field as bib_field
from pybtex.style.template import first_of, join, names, optional, tag
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

REFERENCE_STYLE = "apa_nl"
BIBLIOGRAPHY_STYLE = "jdapa"


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep="; ")


def _persons() -> PersonStyle:
    return PersonStyle(sep=", ", sep2=" & ", last_sep=", & ", other=" e.a.")


@dataclass
class ApaReferenceStyle(AuthorYearReferenceStyle):
    """Author-year citations with round brackets, '&' between two authors and 'e.a.' for three or more."""

    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    bracket_textual: BracketStyle = field(default_factory=_round)
    bracket_author: BracketStyle = field(default_factory=_round)
    bracket_label: BracketStyle = field(default_factory=_round)
    bracket_year: BracketStyle = field(default_factory=_round)
    person: PersonStyle = field(default_factory=_persons)


class ApaStyle(UnsrtStyle):
    """A compact APA 7 reference list: Author, A. (Year). Title. Source."""

    default_name_style = "lastfirst"
    default_sorting_style = "author_year_title"

    def __init__(self, **kwargs):
        kwargs.setdefault("abbreviate_names", True)
        super().__init__(**kwargs)

    def _people(self):
        authors = names("author", sep=", ", sep2=", & ", last_sep=", & ")
        editors = join[names("editor", sep=", ", sep2=", & ", last_sep=", & "), " (Red.)."]
        return first_of[optional[authors], optional[editors], "Onbekend"]

    def _year(self):
        return join["(", first_of[optional[bib_field("year")], "z.j."], ")."]

    def _head(self):
        return join(sep=" ")[self._people(), self._year()]

    def _doi(self):
        return optional[join[" https://doi.org/", bib_field("doi", raw=True)]]

    def get_article_template(self, e):
        source = join[
            tag("em")[bib_field("journal")],
            optional[", ", tag("em")[bib_field("volume")]],
            optional["(", bib_field("number"), ")"],
            optional[", ", bib_field("pages")],
        ]
        return join[join(sep=" ")[self._head(), join[bib_field("title"), "."], join[source, "."]], self._doi()]

    def get_book_template(self, e):
        return join[
            join(sep=" ")[
                self._head(),
                join[tag("em")[bib_field("title")], optional[" (", bib_field("edition"), ")"], "."],
                join[optional[bib_field("publisher")], "."],
            ],
            self._doi(),
        ]

    def get_incollection_template(self, e):
        return join[
            join(sep=" ")[
                join(sep=" ")[names("author", sep=", ", sep2=", & ", last_sep=", & "), self._year()],
                join[bib_field("title"), "."],
                join[
                    "In ",
                    optional[names("editor", sep=", ", sep2=", & ", last_sep=", & "), " (Red.), "],
                    tag("em")[bib_field("booktitle")],
                    optional[" (pp. ", bib_field("pages"), ")"],
                    ".",
                ],
                join[optional[bib_field("publisher")], "."],
            ],
            self._doi(),
        ]

    get_inbook_template = get_incollection_template

    def get_techreport_template(self, e):
        return join(sep=" ")[
            self._head(),
            join[tag("em")[bib_field("title")], optional[" (", bib_field("type"), ")"], "."],
            optional[join[bib_field("institution"), "."]],
            optional[join[bib_field("note"), "."]],
        ]

    def get_misc_template(self, e):
        return join(sep=" ")[
            self._head(),
            optional[join[tag("em")[bib_field("title")], "."]],
            optional[join[bib_field("howpublished"), "."]],
            optional[join[bib_field("publisher"), "."]],
            optional[join[bib_field("note"), "."]],
        ]

    get_unpublished_template = get_misc_template
    get_manual_template = get_techreport_template


def register() -> None:
    """Make both styles known to pybtex and sphinxcontrib-bibtex (before the builder starts)."""
    pybtex.plugin.register_plugin("pybtex.style.formatting", BIBLIOGRAPHY_STYLE, ApaStyle, force=True)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", REFERENCE_STYLE, ApaReferenceStyle, force=True
    )
