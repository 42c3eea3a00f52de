"""Apply the institution's branding (sphinx.config.jd_* in _config.yml) to the build: logo, footer, colours, texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from ...branding import Branding
from .. import stash
from ..tables import table_node

STYLESHEET = "jeugddomein/branding.css"
"""The generated stylesheet, under _static/."""


def _apply(app: Sphinx, config: Config) -> None:
    """Validate the branding and hand it to the logo, the footer and the MyST substitutions."""
    branding = Branding.from_config(config)
    if branding.logo:
        if not (Path(app.confdir) / branding.logo).is_file():
            raise ValueError(
                f"_config.yml: sphinx.config.jd_logo: het bestand '{branding.logo}' bestaat niet; "
                "geef een pad vanaf de cursusmap, bijvoorbeeld assets/logo-instelling.svg"
            )
        config.html_logo = branding.logo
    footer = branding.footer_html()
    if footer:
        options = dict(config.html_theme_options or {})
        options["extra_footer"] = f"{options.get('extra_footer') or ''}{footer}"
        config.html_theme_options = options
    config.myst_substitutions = {**branding.substitutions(), **(getattr(config, "myst_substitutions", None) or {})}
    stash.keep(app, "jd_branding", branding)


def _branding(app: Sphinx) -> Branding:
    """The branding `_apply` checked."""
    return stash.kept(app, "jd_branding", Branding)


def _write_stylesheet(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / STYLESHEET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_branding(app).stylesheet(), encoding="utf-8")
    app.add_css_file(STYLESHEET, priority=900)


def _context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    context["jd_branding"] = _branding(app).context()


class BrandingSettingsDirective(SphinxDirective):
    """A table of every branding setting: its name in _config.yml, its default and its help text (from the model)."""

    def run(self) -> list[nodes.Node]:
        rows = []
        for name, value in Branding.config_values().items():
            shown = repr(value) if value not in ("", []) else "(leeg)"
            description = Branding.model_fields[name.removeprefix("jd_")].description or ""
            literals = (nodes.literal(text=name), nodes.literal(text=shown))
            rows.append([*(nodes.paragraph("", "", literal) for literal in literals), description])
        header = ["instelling", "standaard", "betekenis"]
        table = table_node(None, header, rows, ["jd-branding-settings"], [25, 20, 55])
        return [table]


def setup(app: Sphinx) -> None:
    app.add_directive("branding-settings", BrandingSettingsDirective)
    for name, default in Branding.config_values().items():
        app.add_config_value(name, default, "env", [type(default)])
    app.connect("config-inited", _apply, priority=600)
    app.connect("builder-inited", _write_stylesheet)
    app.connect("html-page-context", _context)
