"""No thebe configuration in the pages: nothing on them reads it.

sphinx-thebe (set up by the theme) adds to every page's doctree a `text/x-thebe-config` block and a
`<script>kernelName = '...'</script>` for thebe's launch button. The course drops thebe's own scripts
(sphinxext._DROPPED_SCRIPTS: they would load thebe from a CDN), so both are left without a reader; the kernelName
script even became one more file to fetch on every page (postprocess moves inline scripts into files for the CSP),
half a second of latency on a slow phone network.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

_THEBE_CONFIG = re.compile(
    r"""\s*<script type="text/x-thebe-config">.*</script>\s*|\s*<script>kernelName = '[^']*'</script>\s*""", re.S
)


def drop_thebe_config(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Remove sphinx-thebe's configuration nodes from a resolved doctree (this runs after sphinx-thebe's handler)."""
    for node in list(doctree.findall(nodes.raw)):
        if _THEBE_CONFIG.fullmatch(node.astext()):
            node.parent.remove(node)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", drop_thebe_config, priority=900)
