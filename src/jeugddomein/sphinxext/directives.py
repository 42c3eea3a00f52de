"""The book's directives: widgets written as YAML in a page, learning goals, charts from data, the glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.domains.std import Glossary
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..charts import build_chart, chart_svg, load_chart
from ..loading import DataError, load_yaml_file, load_yaml_text
from ..models.content import CompetenceFramework, GlossaryEntry, LearningGoals
from ..widgets import WIDGET_CLASSES
from .collect import goals_of, record
from .markup import plain
from .placeholder import make_placeholder
from .tables import table_node

logger = logging.getLogger(__name__)


class CourseDirective(SphinxDirective):
    """Base: reports data problems as warnings at the right file and line (errors under -W), never raises."""

    def data_dir(self) -> Path:
        return Path(self.env.srcdir) / "data"

    def warn(self, error: DataError) -> list[nodes.Node]:
        for line in error.lines():
            logger.warning(line, location=(self.env.docname, self.lineno), type="jeugddomein", subtype="data")
        return []


class WidgetDirective(CourseDirective):
    """A widget whose YAML body is validated by the widget's spec model, then placed in the page."""

    has_content = True
    widget_name: ClassVar[str]

    def run(self) -> list[nodes.Node]:
        widget = WIDGET_CLASSES[self.widget_name]
        source = str(self.env.doc2path(self.env.docname, False))
        try:
            spec = load_yaml_text(widget.spec_model, "\n".join(self.content), source, self.lineno)
            placement = widget.placement_for(spec, data_dir=self.data_dir())
        except DataError as error:
            return self.warn(error)
        record(self.env, placement, self.lineno)
        outline = widget.static_outline(spec, placement["config"])
        return [make_placeholder(placement, self.env.docname, widget.label, outline)]


def widget_directives() -> dict[str, type[WidgetDirective]]:
    """One directive per widget type, named like the widget (```{knowledge-check}```, ```{reflection}```, ...)."""
    return {
        name: type(f"{cls.__name__}Directive", (WidgetDirective,), {"widget_name": name})
        for name, cls in WIDGET_CLASSES.items()
    }


def competence_names(data: Path) -> dict[str, str]:
    """Competence id -> name from data/competences.yaml."""
    framework = load_yaml_file(CompetenceFramework, data / "competences.yaml", data.parent)
    return {c.id: c.name for c in framework.competences}


class LearningGoalsDirective(CourseDirective):
    """Learning goals of a chapter (a list), linked to the competences of the minor."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"competences": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        raw = [c.strip() for c in self.options.get("competences", "").split(",") if c.strip()]
        try:
            goals = LearningGoals.model_validate({"competences": raw})
            names = competence_names(self.data_dir())
        except DataError as error:
            return self.warn(error)
        except ValueError:
            return self.warn(
                DataError(self.env.docname, [(self.lineno, "competences", "noem minstens één competentie")])
            )
        unknown = [c for c in goals.competences if c not in names]
        if unknown:
            return self.warn(
                DataError(
                    str(self.env.doc2path(self.env.docname, False)),
                    [
                        (
                            self.lineno,
                            "competences",
                            f"onbekend: {', '.join(unknown)}; kies uit {', '.join(names)}",
                        )
                    ],
                )
            )
        goals_of(self.env)[self.env.docname] = goals.competences
        box = nodes.admonition(classes=["jd-learning-goals", "tip"])
        box += nodes.title(text="Leerdoelen")
        box += nodes.paragraph(text="Na dit hoofdstuk:")
        self.state.nested_parse(self.content, self.content_offset, box)
        box += nodes.paragraph(
            text="Competenties van de minor: " + "; ".join(names[c] for c in goals.competences) + ".",
            classes=["jd-competences"],
        )
        return [box]


class ChartDirective(CourseDirective):
    """A chart from data/charts/<id>.yaml: inline SVG, a caption with the source, and the figures as a table."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        chart_id = self.arguments[0]
        data = self.data_dir()
        try:
            spec, frame = load_chart(chart_id, data)
        except DataError as error:
            return self.warn(error)
        self.env.note_dependency(str(data / "charts" / f"{chart_id}.yaml"))
        self.env.note_dependency(str(data / spec.csv))
        svg = chart_svg(build_chart(spec, frame))
        desc_id = f"jd-chart-{chart_id}-desc"
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(spec.title)}" aria-describedby="{desc_id}" ', 1)
        figure = nodes.container(classes=["jd-chart"], ids=[f"chart-{chart_id}"])
        figure += nodes.raw("", f'<div class="jd-chart-svg">{svg}</div>', format="html")
        figure += nodes.paragraph(text=spec.description, ids=[desc_id], classes=["jd-chart-description"])
        if spec.caveat:
            figure += nodes.paragraph(text="Let op: " + spec.caveat, classes=["jd-chart-caveat"])
        sources = sorted(set(frame["bron"].astype(str)))
        figure += nodes.paragraph(text="Bron: " + "; ".join(sources), classes=["jd-chart-source"])
        figure += _table(frame, [c for c in (spec.x, spec.group, spec.y) if c], spec)
        return [figure]


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _table(frame: Any, columns: list[str], spec: Any) -> nodes.Node:
    """The chart's figures as a real table (in a collapsible block), so nothing depends on seeing the chart."""
    details = nodes.container(classes=["jd-chart-table"])
    rows = ([str(values[column]) for column in columns] for _, values in frame.iterrows())
    details += table_node(f"Cijfers bij: {spec.title}", [str(column) for column in columns], rows)
    return details


class GlossaryFromDataDirective(CourseDirective):
    """The book's glossary, built from every data/glossary/*.yaml file, sorted."""

    def run(self) -> list[nodes.Node]:
        from pydantic import RootModel

        class GlossaryFile(RootModel[list[GlossaryEntry]]):
            """A glossary data file: a list of terms."""

        data = self.data_dir()
        entries: dict[str, tuple[GlossaryEntry, str]] = {}
        for path in sorted((data / "glossary").glob("*.yaml")):
            self.env.note_dependency(str(path))
            try:
                items = load_yaml_file(GlossaryFile, path, data.parent).root
            except DataError as error:
                return self.warn(error)
            for item in items:
                key = item.term.casefold()
                if key in entries:
                    self.warn(
                        DataError(
                            str(path.relative_to(data.parent)),
                            [
                                (
                                    None,
                                    "term",
                                    f"'{item.term}' staat ook in {entries[key][1]}; houd één definitie over",
                                )
                            ],
                        )
                    )
                    continue
                entries[key] = (item, str(path.relative_to(data.parent)))
        lines = StringList()
        for item, source in entries.values():
            lines.append(plain(item.term), source)
            lines.append("   " + plain(item.definition), source)
            lines.append("", source)
        glossary = Glossary(
            "glossary",
            [],
            {"sorted": None},
            lines,
            self.lineno,
            self.content_offset,
            self.block_text,
            self.state,
            self.state_machine,
        )
        return glossary.run()
