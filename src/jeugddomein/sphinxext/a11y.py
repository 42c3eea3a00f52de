"""Accessibility repairs of the theme's HTML that no configuration reaches (WCAG 2.1 AA)."""

from __future__ import annotations

import re

_TOGGLE = '<span class="toctree-toggle" role="presentation">'
_EMPTY_SUMMARY = re.compile(rf"<summary>({_TOGGLE}(?:(?!visually-hidden|</summary>).)*?</span>)</summary>")
_LABEL = '<span class="visually-hidden">Onderdelen tonen of verbergen</span>'
# Names the theme writes in its templates without gettext (so no catalogue reaches them), with their Dutch.
THEME_LITERALS = {
    'title="Toggle primary sidebar"': 'title="Navigatie tonen of verbergen" aria-label="Navigatie tonen of verbergen"',
    'title="Toggle secondary sidebar"': 'title="Inhoud van deze pagina tonen of verbergen" '
    'aria-label="Inhoud van deze pagina tonen of verbergen"',
    'class="bd-links bd-docs-nav" aria-label="Main"': 'class="bd-links bd-docs-nav" aria-label="Hoofdstukken"',
    '<nav aria-label="Page">': '<nav aria-label="Op deze pagina">',
    # The primary sidebar (logo with the link home, search button, chapter list) is the course's navigation: as a
    # landmark it holds the logo, which otherwise stands outside every landmark (axe: region).
    '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">': '<div id="pst-primary-sidebar" '
    'class="bd-sidebar-primary bd-sidebar" role="navigation" aria-label="Cursus">',
}


def repair(html: str) -> str:
    """Name every navigation toggle in Dutch; make reference-list entries list items (a role=list needs them).

    Idempotent.
    """
    html = _EMPTY_SUMMARY.sub(lambda m: f"<summary>{m.group(1)}{_LABEL}</summary>", html)
    for english, dutch in THEME_LITERALS.items():
        html = html.replace(english, dutch)
    return html.replace('<div class="citation" id="', '<div role="listitem" class="citation" id="').replace(
        'role="doc-biblioentry"', ""
    )


_BARE_REDIRECT = re.compile(r'\A\s*<meta http-equiv="Refresh" content="0; url=(?P<url>[^"]+)" />\s*\Z')


def complete_redirect(html: str) -> str:
    """Turn the bare redirect stub (`index.html`) into a small valid page: language, title, icon and a real link."""
    match = _BARE_REDIRECT.match(html)
    if not match:
        return html
    url = match["url"]
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8" />\n'
        f'<meta http-equiv="Refresh" content="0; url={url}" />\n<title>Naar de cursus</title>\n'
        '<link rel="icon" href="_static/favicon.svg" />\n</head>\n'
        f'<body>\n<main>\n<p><a href="{url}">Naar de cursus</a></p>\n</main>\n</body>\n</html>\n'
    )
