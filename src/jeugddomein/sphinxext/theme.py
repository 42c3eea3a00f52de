"""The theme in the course's language and without duplicate controls.

Sphinx, pydata-sphinx-theme and sphinx-book-theme translate their interface with gettext catalogues, but the Dutch
ones are incomplete (pydata has none) and Sphinx's own is formal ("Uw zoekopdracht"). The course ships its own
catalogues in `locale/<language>/LC_MESSAGES/<domain>.po` (domain `sphinx` for Sphinx and pydata, `booktheme` for
sphinx-book-theme). They are compiled into the build's doctree folder and put *before* the installed catalogues, so
a course translation wins and anything it does not translate falls back to the installed one. Sphinx's JavaScript
translations (`_static/translations.js`, used by the search page) get the same messages.

The theme also renders a second, hidden header with its own sidebar toggles and search field (pydata's
`navbar_persistent` default); its scripts bind the first `.primary-toggle` they find, which was the hidden one.
Without the header the visible toggles in the article header are the only ones, and work.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale as sphinx_locale
from sphinx import package_dir as sphinx_package_dir
from sphinx.application import Sphinx
from sphinx.config import Config

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
"""The course's message catalogues: LOCALE_DIR/<language>/LC_MESSAGES/<domain>.po."""

DOMAINS = ("sphinx", "booktheme")
"""The gettext domains the course translates: Sphinx with pydata-sphinx-theme, and sphinx-book-theme."""

_JS_TRANSLATIONS = re.compile(r"\A\s*Documentation\.addTranslations\((?P<json>.*)\);?\s*\Z", re.S)


def catalogue(language: str, domain: str) -> dict[str, str]:
    """The course's translations of one domain (msgid -> msgstr; untranslated messages are left out)."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    if not po.is_file():
        return {}
    with po.open("rb") as handle:
        messages = read_po(handle, locale=language, domain=domain)
    return {str(m.id): str(m.string) for m in messages if m.id and isinstance(m.id, str) and m.string}


def _compiled(language: str, domain: str, folder: Path) -> Path | None:
    """The course catalogue compiled to `folder/<language>/LC_MESSAGES/<domain>.mo` (rewritten when it changed)."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    if not po.is_file():
        return None
    mo = folder / language / "LC_MESSAGES" / f"{domain}.mo"
    if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as source:
            messages = read_po(source, locale=language, domain=domain)
        with mo.open("wb") as target:
            write_mo(target, messages)
    return mo


def put_first(language: str, domain: str, folder: Path) -> None:
    """Make the course catalogue of `domain` the first one Sphinx's templates and `_()` consult."""
    mo = _compiled(language, domain, folder)
    if mo is None:
        return
    with mo.open("rb") as handle:
        ours = gettext.GNUTranslations(handle)
    installed = sphinx_locale.translators.get(("general", domain))
    if installed is not None:
        ours.add_fallback(installed)
    sphinx_locale.translators["general", domain] = ours


def localize_translations_js(js: str, messages: dict[str, str], language: str) -> str:
    """Sphinx's `translations.js` with the course's messages laid over it (the search page reads these)."""
    match = _JS_TRANSLATIONS.match(js)
    data = json.loads(match["json"]) if match else {}
    data.setdefault("locale", language)
    data.setdefault("plural_expr", "(n != 1)")
    data["messages"] = {**data.get("messages", {}), **messages}
    return "Documentation.addTranslations(" + json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + ");\n"


def _write_translations_js(language: str, folder: Path) -> Path:
    """Sphinx's JavaScript catalogue of `language` with the course's messages, as `folder/<language>/.../sphinx.js`."""
    installed = Path(sphinx_package_dir) / "locale" / language / "LC_MESSAGES" / "sphinx.js"
    base = installed.read_text(encoding="utf-8") if installed.is_file() else ""
    text = localize_translations_js(base, catalogue(language, "sphinx"), language)
    target = folder / language / "LC_MESSAGES" / "sphinx.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def _folder(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "jeugddomein-locale"


def _configure(app: Sphinx, config: Config) -> None:
    """One header (no hidden duplicate toggles or search field) and the course's JavaScript translations."""
    if config.html_theme in ("sphinx_book_theme", "pydata_sphinx_theme"):  # the option is pydata's
        options = dict(config.html_theme_options or {})
        options.setdefault("navbar_persistent", [])
        config.html_theme_options = options
    language = config.language or "en"
    if (LOCALE_DIR / language).is_dir():
        _write_translations_js(language, _folder(app))
        config.locale_dirs = [str(_folder(app)), *list(config.locale_dirs or [])]


def _translate_templates(app: Sphinx) -> None:
    """Put the course catalogues first (the themes have registered theirs by now, when the builder is ready).

    Python code looks its catalogue up on every call; the templates were given Sphinx's catalogue when the builder
    made them, so they get the new first one.
    """
    language = app.config.language or "en"
    for domain in DOMAINS:
        put_first(language, domain, _folder(app))
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None and hasattr(environment, "install_gettext_translations"):
        environment.install_gettext_translations(sphinx_locale.translators["general", "sphinx"])


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _translate_templates)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
