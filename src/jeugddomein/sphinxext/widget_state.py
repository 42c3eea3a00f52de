"""No saved ipywidgets state in the pages when nothing on them can read it.

myst-nb writes a notebook's saved widget state (a `application/vnd.jupyter.widget-state+json` script) into its page,
for the ipywidgets widget manager to read. The course loads no widget manager (`nb_ipywidgets_js: {}`: the stock
one comes from a CDN); its widgets render from their own placeholders (mime.py). The state holds every anywidget's
whole module, so the page with the widgets run in Jupyter carried about 1 MB that no script reads.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

STATE_KEY = "ipywidgets_state"
"""myst-nb's key for the widget state among a notebook page's scripts (myst_nb.core.render.render_nb_finalise)."""


def drop_unread_widget_state(app: Sphinx, doctree: nodes.document) -> None:
    """Take the widget state out of the page's scripts unless a widget manager is configured to read it."""
    if "nb_ipywidgets_js" not in app.config or app.config.nb_ipywidgets_js:
        return  # no myst-nb (no notebook pages), or a widget manager that reads the state
    metadata: dict[str, dict[str, Any]] = getattr(app.env, "nb_metadata", {})
    scripts = metadata.get(app.env.docname, {}).get("js_files")
    if scripts:
        scripts.pop(STATE_KEY, None)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", drop_unread_widget_state)
