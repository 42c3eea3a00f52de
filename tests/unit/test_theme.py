"""The theme in Dutch: the course's catalogues and Sphinx's JavaScript translations."""

from __future__ import annotations

import json

from jeugddomein.sphinxext import theme
from jeugddomein.sphinxext.a11y import THEME_LITERALS, repair


def test_catalogues_translate_what_students_met_in_english():
    sphinx = theme.catalogue("nl", "sphinx")
    assert sphinx["Skip to main content"] == "Naar de inhoud"
    assert sphinx["Back to top"] == "Naar boven"
    assert "Uw" not in " ".join(sphinx.values()), "de cursus zegt je, niet u"
    assert theme.catalogue("nl", "booktheme")["Search"] == "Zoeken"
    assert theme.catalogue("xx", "sphinx") == {}


def test_javascript_translations_get_the_course_messages_over_sphinxs():
    js = 'Documentation.addTranslations({"locale": "nl", "messages": {"Search": "Zoeken", "A": "Uw a"}});'
    out = theme.localize_translations_js(js, {"A": "Je a"}, "nl")
    data = json.loads(out[out.index("(") + 1 : out.rindex(")")])
    assert data["messages"] == {"Search": "Zoeken", "A": "Je a"} and data["locale"] == "nl"
    empty = theme.localize_translations_js("", {"A": "Je a"}, "nl")
    assert json.loads(empty[empty.index("(") + 1 : empty.rindex(")")])["messages"] == {"A": "Je a"}


def test_hard_coded_theme_names_become_dutch():
    html = '<button class="sidebar-toggle primary-toggle btn btn-sm" title="Toggle primary sidebar">'
    assert repair(html) == repair(repair(html))
    assert "Toggle" not in repair(html) and 'aria-label="Navigatie tonen of verbergen"' in repair(html)
    assert all("Toggle" not in dutch and "Main" not in dutch for dutch in THEME_LITERALS.values())
