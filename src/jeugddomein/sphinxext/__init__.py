"""Sphinx extension of the course: validated data, widgets as placeholders, vendored assets, no third-party requests."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import __version__
from ..paths import STATIC_DIR, WIDGETS_DIR
from ..widgets import WIDGET_FOLDERS
from . import citations, collect, offline, postprocess, search, thebe, theme, widget_state
from .directives import (
    ChartDirective,
    GlossaryFromDataDirective,
    LearningGoalsDirective,
    widget_directives,
)
from .pages import setup_all as setup_pages
from .placeholder import depart_placeholder_html, skip_wrapper, visit_placeholder_html, widget_placeholder
from .portfolio import PortfolioDirective

logger = logging.getLogger(__name__)

RESOURCE_HINTS = "jd_resource_hints"
"""The page context's preload links, which templates/layout.html puts at the end of the head."""
TEMPLATES_DIR = Path(__file__).parent / "templates"
_DROPPED_SCRIPTS = ("require.js", "require.min.js", "embed-amd.js", "thebe", "html-manager")


def _validate_config(app: Sphinx, config: Any) -> None:
    import re

    if not re.fullmatch(r"[a-z0-9-]{3,60}", config.jd_course_id or ""):
        raise ValueError("_config.yml: sphinx.config.jd_course_id: gebruik 3-60 kleine letters, cijfers of '-'")
    listed = list(config.bibtex_bibfiles or [])
    extra = sorted(str(p.relative_to(app.srcdir)) for p in (Path(app.srcdir) / "data" / "bib").glob("*.bib"))
    config.bibtex_bibfiles = [*listed, *[e for e in extra if e not in listed]]


def _add_templates(app: Sphinx, config: Any) -> None:
    """The course's template folder, searched before the theme's (layout.html extends the theme's own)."""
    folder = str(TEMPLATES_DIR)
    if folder not in config.templates_path:
        config.templates_path = [*config.templates_path, folder]


def _add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    _copy_front_end(Path(app.outdir) / "_static" / "jeugddomein")
    app.add_css_file("jeugddomein/jeugddomein.css")
    # async: the widgets do not wait for the theme's stylesheet and scripts (runtime.js waits for the parsed page)
    app.add_js_file(
        "jeugddomein/runtime.js",
        type="module",
        loading_method="async",
        **{"data-jd-course": app.config.jd_course_id, "data-jd-version": app.config.jd_course_version},
    )


def _drop_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Remove scripts that would load a widget manager or thebe from other hosts, and a script added twice (the same
    file or inline text with the same attributes: sphinx-togglebutton adds its selector twice); each would be one
    more file to fetch (postprocess moves inline scripts into files for the CSP)."""
    scripts = context.get("script_files")
    if scripts is None:
        return
    kept, seen = [], set()
    for script in scripts:
        filename = getattr(script, "filename", script)
        name = str(filename) if filename else ""  # no file name: an inline script (its text is in `attributes`)
        identity = (name, repr(sorted(getattr(script, "attributes", {}).items())))
        if name.startswith(("http://", "https://", "//")) or any(n in str(script) for n in _DROPPED_SCRIPTS):
            continue
        if identity not in seen:
            seen.add(identity)
            kept.append(script)
    context["script_files"] = kept


def _preload_widget_modules(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Let the browser fetch the runtime's imports (store, host) and this page's widget modules and stylesheets in
    parallel with the runtime (the host renders a widget once its stylesheet has loaded; without the hint each of
    those fetches would start only when the file before it had arrived, a round trip each).

    The hints go at the end of the head (templates/layout.html), after what the first paint waits for."""
    if "pathto" not in context:
        return
    types = {item["widget"] for item in collect.widgets_of(app.env).get(pagename, [])}
    folders = sorted(name.replace("-", "_") for name in types)
    files = ["jeugddomein/store.js", "jeugddomein/host.js", *(f"jeugddomein/widgets/{name}.js" for name in folders)]
    links = "".join(
        f'<link rel="modulepreload" href="{context["pathto"]("_static/" + file, 1)}" />\n' for file in files
    )
    links += "".join(
        f'<link rel="preload" as="style" href="{context["pathto"](f"_static/jeugddomein/widgets/{name}.css", 1)}" />\n'
        for name in folders
    )
    context[RESOURCE_HINTS] = context.get(RESOURCE_HINTS, "") + links


def _copy_front_end(target: Path) -> None:
    """Copy the runtime and every widget's bundle and stylesheet to _static/jeugddomein/ (on every build).

    A widget folder's `bundle.js` becomes `widgets/<folder>.js` (the same file Jupyter loads) and its `widget.css`
    (the shared widget rules under its root class plus its `style.css`) becomes `widgets/<folder>.css`.
    """
    folders = (
        (STATIC_DIR / "jeugddomein", target),
        (STATIC_DIR / "jeugddomein" / "icons", target / "icons"),
    )
    for folder, destination in folders:
        destination.mkdir(parents=True, exist_ok=True)
        for source in folder.iterdir():
            if source.suffix in (".js", ".css", ".svg"):
                shutil.copyfile(source, destination / source.name)
    (target / "widgets").mkdir(parents=True, exist_ok=True)
    for name in WIDGET_FOLDERS:
        shutil.copyfile(WIDGETS_DIR / name / "bundle.js", target / "widgets" / f"{name}.js")
        shutil.copyfile(WIDGETS_DIR / name / "widget.css", target / "widgets" / f"{name}.css")


def _write_course_files(app: Sphinx, exception: Exception | None) -> None:
    """Write the course index into _static/jeugddomein/ (the import's validator is compiled in), then repair pages."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "jeugddomein"
    (target / "course.json").write_text(json.dumps(collect.course_index(app), ensure_ascii=False), encoding="utf-8")
    postprocess.finish_site(
        Path(app.outdir), light=app.config.jd_light_assets, originals=Path(app.doctreedir) / "jd-joined-styles"
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.bibtex")
    theme.setup(app)
    search.setup(app)
    citations.register()
    app.add_config_value("jd_course_id", "samenwerken-jeugddomein", "html", [str])
    app.add_config_value("jd_course_version", "1.0", "html", [str])
    # Benchmarks compare against the theme's stock assets by setting JD_STOCK_ASSETS=1.
    app.add_config_value("jd_light_assets", os.environ.get("JD_STOCK_ASSETS") != "1", "html", [bool])
    app.connect("config-inited", _validate_config)
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _add_assets)
    app.connect("html-page-context", _drop_scripts)
    app.connect("html-page-context", _preload_widget_modules)
    app.connect("env-purge-doc", collect.purge)
    app.connect("env-merge-info", collect.merge)
    # After the theme's own build-finished work (pydata-sphinx-theme rewrites pygments.css there): the pages are
    # finished and their stylesheets joined from the final files.
    app.connect("build-finished", _write_course_files, priority=800)
    app.add_node(
        widget_placeholder,
        html=(visit_placeholder_html, depart_placeholder_html),
        latex=(skip_wrapper, None),
        text=(skip_wrapper, None),
        man=(skip_wrapper, None),
        texinfo=(skip_wrapper, None),
    )
    for name, directive in widget_directives().items():
        app.add_directive(name, directive, override=True)  # "rubric" is also a docutils name
    app.add_directive("learning-goals", LearningGoalsDirective)
    app.add_directive("chart", ChartDirective)
    app.add_directive("glossary-from-data", GlossaryFromDataDirective)
    app.add_directive("portfolio", PortfolioDirective)
    setup_pages(app)
    offline.setup(app)
    widget_state.setup(app)
    thebe.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
