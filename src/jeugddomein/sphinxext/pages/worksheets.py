"""Page additions for worksheets: the whole worksheet in the page (for search and for reading without JavaScript),
a rebuild of the page when its file in data/worksheets/ changes, and a check of worksheet files no page uses yet."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ...loading import DataError, load_yaml_file
from ...widgets.worksheet.model import Worksheet, worksheet_files
from ..collect import widgets_of
from ..placeholder import outline_nodes, widget_placeholder

logger = logging.getLogger(__name__)
WIDGET = "worksheet"


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Rebuild the page when a worksheet file changes; put every section and field of the worksheet in the page."""
    data = Path(app.srcdir) / "data"
    for node in doctree.findall(widget_placeholder):
        if node["widget"] != WIDGET:
            continue
        config = node["payload"]["config"]
        app.env.note_dependency(str(data / "worksheets" / f"{config['worksheet']}.yaml"))
        sheet = Worksheet.model_validate({key: value for key, value in config.items() if key != "worksheet"})
        static = next(iter(node.findall(lambda n: "jd-widget-static" in n.get("classes", []))), None)
        if static is not None:
            static.children = [static.children[0]] if static.children else []
            static.extend(outline_nodes(sheet.outline()))


def _check_unused(app: Sphinx, env: BuildEnvironment) -> None:
    """Check the worksheet files no page places (a placed file is checked where it is placed)."""
    data = Path(app.srcdir) / "data"
    used = {
        item["config"]["worksheet"] for items in widgets_of(env).values() for item in items if item["widget"] == WIDGET
    }
    for path in worksheet_files(data):
        if path.stem in used:
            continue
        try:
            load_yaml_file(Worksheet, path, data.parent)
        except DataError as error:
            for line in error.lines():
                logger.warning(line, type="jeugddomein", subtype="worksheet")


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", _on_doctree_read)
    app.connect("env-check-consistency", _check_unused)
