"""Page additions for the Bronstein self-scan: statements in the page, links to chapter sections, a source table."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ...loading import DataError
from ...widgets.bronstein_scan.model import BronsteinScanSpec, Instrument, instrument_file, load_instrument
from ..placeholder import outline_nodes, widget_placeholder
from ..tables import table_node

logger = logging.getLogger(__name__)
WIDGET = "bronstein-scan"


def _scans(doctree: nodes.Node) -> list[widget_placeholder]:
    return [node for node in doctree.findall(widget_placeholder) if node["widget"] == WIDGET]


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Rebuild the page when the instrument or its reference CSV changes; put every statement in the page."""
    data = Path(app.srcdir) / "data"
    for node in _scans(doctree):
        instrument = node["payload"]["config"]["instrument"]
        app.env.note_dependency(str(instrument_file(instrument["id"], data)))
        if instrument.get("reference"):
            app.env.note_dependency(str(data / instrument["reference"]["csv"]))
        spec = BronsteinScanSpec(id=node["widget_id"], instrument=Instrument.model_validate(instrument))
        static = next(iter(node.findall(lambda n: "jd-widget-static" in n.get("classes", []))), None)
        if static is not None:
            static.children = [static.children[0]] if static.children else []
            static.extend(outline_nodes(spec.static_outline()))


def _section_target(app: Sphinx, label: str, heading: str | None) -> tuple[str, str, str] | str:
    """(docname, anchor, title) of a labelled section, or of its subsection ending in `heading`; else a reason."""
    labels = app.env.domaindata["std"]["labels"]
    if label not in labels:
        return (
            f"het label '{label}' bestaat niet in het boek; "
            "kies een label uit hoofdstuk 6, zoals interprofessioneel-bronstein"
        )
    docname, anchor, title = labels[label]
    if not heading:
        return docname, anchor, title
    doctree = app.env.get_doctree(docname)
    for section in doctree.findall(nodes.section):
        if anchor not in section["ids"]:
            continue
        for sub in section.findall(nodes.section):
            if sub is section or not sub.children or not isinstance(sub.children[0], nodes.title):
                continue
            if sub.children[0].astext().strip().casefold().endswith(heading.casefold()):
                return docname, sub["ids"][0], title
    return f"in de paragraaf '{title}' ({label}) staat geen kopje dat eindigt op '{heading}'"


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give every component and factor of the scan the URL and title of the chapter section that explains it."""
    if app.builder.format != "html":
        return
    for node in _scans(doctree):
        instrument = node["payload"]["config"]["instrument"]
        source = f"data/instruments/{instrument['id']}.yaml"
        for key in ("components", "factors"):
            for i, block in enumerate(instrument[key]):
                target = _section_target(app, block["section"], block.get("heading"))
                if isinstance(target, str):
                    field = "heading" if "kopje" in target else "section"
                    logger.warning(
                        f"{source}: {key}.{i}.{field}: {target}",
                        location=(docname, node.line),
                        type="jeugddomein",
                        subtype="data",
                    )
                    continue
                target_doc, anchor, title = target
                block["section_url"] = f"{app.builder.get_relative_uri(docname, target_doc)}#{anchor}"
                block["section_title"] = title


class BronsteinItemsDirective(SphinxDirective):
    """```{bronstein-items} bronstein```: every statement of an instrument, per part, with what it is based on."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        data = Path(self.env.srcdir) / "data"
        try:
            instrument = load_instrument(self.arguments[0], data)
        except DataError as error:
            for line in error.lines():
                logger.warning(line, location=(self.env.docname, self.lineno), type="jeugddomein", subtype="data")
            return []
        self.env.note_dependency(str(instrument_file(instrument.id, data)))
        out: list[nodes.Node] = []
        for block in instrument.blocks():
            kind = "Component" if block in instrument.components else "Beïnvloedende factor"
            rows = [[item.text, "ja" if item.reverse else "nee", item.basis] for item in block.items]
            header = ["Stelling", "Omgekeerd gescoord", "Gebaseerd op"]
            out.append(table_node(f"{kind}: {block.name}", header, rows, ["jd-bs-source-table"], [5, 1, 4]))
        return out


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", _on_doctree_read)
    app.connect("doctree-resolved", _on_doctree_resolved)
    app.add_directive("bronstein-items", BronsteinItemsDirective)
