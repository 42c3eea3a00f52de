"""The module assessment in the pages: rubrics as tables, the studiewijzer, the competence framework, grading rules.

Also: every competence, rubric and studiewijzer file is validated on each build (file, line, field, reason), and the
competence tracker gets the book's pages and every piece of work that can serve as evidence once all pages are read.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ...loading import DataError
from ...widgets.competence_tracker.catalogue import TRACKER, course_catalogue
from ...widgets.rubric.grading import KNOCKOUT_CAP, PASS_MARK, format_grade
from ...widgets.rubric.model import (
    WEEKDAYS,
    Rubric,
    Studiewijzer,
    check_pages,
    load_framework,
    load_rubric,
    load_rubric_file,
    load_rubrics,
    load_studiewijzer,
)
from ..collect import widgets_of
from ..directives import CourseDirective
from ..placeholder import widget_placeholder
from ..tables import table_node
from . import add_stylesheet

logger = logging.getLogger(__name__)

MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip


def dutch_date(day: date) -> str:
    """'vrijdag 6 november 2026'."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def deadline_text(plan: Studiewijzer, product: Any) -> str:
    """The deadline as a date when the cohort's start is set, else as week and day."""
    on = product.due.on(plan.start)
    when = dutch_date(on) if on else product.due.day
    return f"week {product.due.week}, {when}, {product.due.time} uur"


# --- small docutils builders --------------------------------------------------------------------------------------


def _para(*children: nodes.Node | str, classes: list[str] | None = None) -> nodes.paragraph:
    node = nodes.paragraph(classes=classes or [])
    for child in children:
        node += nodes.Text(child) if isinstance(child, str) else child
    return node


def _doc_link(page: str, docname: str) -> addnodes.pending_xref:
    """A link to a page of the book with its title as text."""
    return addnodes.pending_xref(
        "",
        nodes.inline("", page),
        refdomain="std",
        reftype="doc",
        reftarget="/" + page,
        refexplicit=False,
        refwarn=True,
        refdoc=docname,
    )


def _links(pages: list[str], docname: str) -> nodes.paragraph:
    para = nodes.paragraph()
    for i, page in enumerate(pages):
        if i:
            para += nodes.Text("; ")
        para += _doc_link(page, docname)
    if not pages:
        para += nodes.Text("–")
    return para


class AssessmentDirective(CourseDirective):
    """Base: data problems become warnings (build errors under -W) that name file, line, field and reason."""

    def depend(self, *paths: Path) -> None:
        for path in paths:
            self.env.note_dependency(str(path))


# --- directives -----------------------------------------------------------------------------------------------------


def rubric_nodes(rubric: Rubric, names: dict[str, str], docname: str) -> list[nodes.Node]:
    """A rubric as a table: one row per criterion, one column per level, with weights, knock-outs and competences."""
    header = ["Criterium", *[f"{lv.label} ({format_grade(lv.value)})" for lv in rubric.levels]]
    rows = []
    for i, criterion in enumerate(rubric.criteria, 1):
        first = [
            _para(nodes.strong(text=f"{i}. {criterion.title}")),
            _para(f"Gewicht {criterion.weight}%"),
            _para(criterion.question, classes=["jd-rubric-question"]),
            _para("Competenties: " + "; ".join(names.get(c, c) for c in criterion.competences), classes=["jd-hint"]),
        ]
        if criterion.knockout:
            standard = next(lv.label for lv in rubric.levels if lv.id == criterion.standard)
            first.insert(2, _para(f"⚠ Knock-out: minimaal '{standard}'", classes=["jd-rubric-ko"]))
        rows.append([first, *[criterion.descriptors[lv.id] for lv in rubric.levels]])
    table = table_node(
        f"Rubric {rubric.title}",
        header,
        rows,
        ["jd-rubric-table"],
        [3] + [4] * len(rubric.levels),
    )
    intro = [
        _para(rubric.description),
        _para(
            f"{'Groepsproduct' if rubric.kind == 'groep' else 'Individueel product'}. Beoordeling: {rubric.assessors}",
            classes=["jd-hint"],
        ),
    ]
    return [*intro, table]


class RubricTableDirective(AssessmentDirective):
    """```{rubric-table} eindproduct``` renders data/rubrics/eindproduct.yaml as a table."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        data = self.data_dir()
        try:
            framework = load_framework(data)
            rubric = load_rubric(self.arguments[0], data, framework)
        except DataError as error:
            return self.warn(error)
        self.depend(data / "competences.yaml", data / "rubrics" / f"{rubric.id}.yaml")
        box = nodes.container(classes=["jd-rubric"], ids=[f"rubric-{rubric.id}"])
        box.extend(rubric_nodes(rubric, {c.id: c.name for c in framework.competences}, self.env.docname))
        return [box]


class StudiewijzerDirective(AssessmentDirective):
    """```{studiewijzer}``` with `:part: weken | uren | producten` renders data/studiewijzer.yaml."""

    option_spec: ClassVar[dict[str, Any]] = {
        "part": lambda value: directives.choice(value, ("weken", "uren", "producten")),
    }

    def run(self) -> list[nodes.Node]:
        data = self.data_dir()
        try:
            rubrics = load_rubrics(data)
            plan = load_studiewijzer(data, rubrics)
        except DataError as error:
            return self.warn(error)
        self.depend(data / "studiewijzer.yaml", *sorted((data / "rubrics").glob("*.yaml")))
        part = self.options.get("part", "weken")
        doc = self.env.docname
        box = nodes.container(classes=["jd-studiewijzer", f"jd-studiewijzer-{part}"])
        if part == "weken":
            due: dict[int, list[str]] = {}
            for product in plan.products:
                due.setdefault(product.due.week, []).append(f"Deadline {product.title}: {deadline_text(plan, product)}")
            rows = []
            for week in plan.weeks:
                start = f" (vanaf {dutch_date(plan.start + timedelta(weeks=week.week - 1))})" if plan.start else ""
                items = nodes.bullet_list()
                for text in [*week.activities, *due.get(week.week, [])]:
                    items += nodes.list_item("", nodes.paragraph(text=text))
                read = _links(week.chapters, doc)
                read.insert(0, nodes.Text("Lezen: "))
                practise = _links(week.exercises, doc)
                practise.insert(0, nodes.Text("Oefenen: "))
                rows.append(
                    [
                        _para(nodes.strong(text=f"Week {week.week}"), start),
                        [_para(nodes.strong(text=week.theme)), read, practise],
                        items,
                        str(sum(week.hours.values())),
                    ]
                )
            box += table_node(
                "Weekplanning",
                ["Week", "Thema, lezen en oefenen", "Wat er gebeurt", "Uren"],
                rows,
                ["jd-studiewijzer-table"],
                [2, 5, 6, 1],
            )
        elif part == "uren":
            kinds = plan.hour_kinds
            rows = [
                [str(w.week), *[str(w.hours.get(k.id, 0)) for k in kinds], str(sum(w.hours.values()))]
                for w in plan.weeks
            ]
            totals = plan.hours_by_kind()
            rows.append(["Totaal", *[str(totals[k.id]) for k in kinds], str(plan.total_hours())])
            box += table_node(
                f"Studielast: {plan.total_hours()} uur ({plan.ec} EC × {plan.hours_per_ec} uur)",
                ["Week", *[k.label for k in kinds], "Totaal"],
                rows,
                ["jd-studiewijzer-table", "jd-hours"],
            )
        else:
            rows = [
                [
                    _para(nodes.strong(text=p.title)),
                    _para(nodes.reference("", rubrics[p.rubric].title, refuri=f"#rubric-{p.rubric}"))
                    if doc.endswith("rubric")
                    else _para(rubrics[p.rubric].title),
                    f"{p.weight}%",
                    deadline_text(plan, p),
                    p.what,
                ]
                for p in plan.products
            ]
            box += table_node(
                "Producten, weging en deadlines",
                ["Product", "Rubric", "Weging", "Deadline", "Wat lever je in"],
                rows,
                ["jd-studiewijzer-table"],
                [3, 3, 1, 3, 6],
            )
            if not plan.start:
                box += _para("De data volgen zodra de startdatum van je cohort bekend is.", classes=["jd-hint"])
        return [box]


class CompetenceFrameworkDirective(AssessmentDirective):
    """```{competence-framework}``` renders the seven competences with outcomes, knowledge, skills, attitude, levels."""

    option_spec: ClassVar[dict[str, Any]] = {"mapping": directives.flag}

    def run(self) -> list[nodes.Node]:
        data = self.data_dir()
        try:
            framework = load_framework(data)
        except DataError as error:
            return self.warn(error)
        self.depend(data / "competences.yaml")
        doc = self.env.docname
        if "mapping" in self.options:
            return [self._mapping(framework, doc)]
        where = {
            "verticaal": "verticale poot (diepte in je eigen beroep)",
            "horizontaal": "horizontale balk (breedte over het domein)",
            "beide": "beide poten van de T",
        }
        out: list[nodes.Node] = []
        for i, competence in enumerate(framework.competences, 1):
            box = nodes.container(classes=["jd-competence"], ids=[f"competentie-{competence.id}"])
            box += nodes.rubric(text=f"{i}. {competence.name}")
            box += _para(competence.description)
            box += _para(f"Plaats in de T: {where[competence.t_shape]}.", classes=["jd-hint"])
            terms = nodes.definition_list()
            for label, items in (
                ("Leerresultaten", competence.learning_outcomes),
                ("Kennis", competence.knowledge),
                ("Vaardigheden", competence.skills),
                ("Houding", competence.attitude),
            ):
                listing = nodes.bullet_list()
                for item in items:
                    listing += nodes.list_item("", nodes.paragraph(text=item))
                terms += nodes.definition_list_item("", nodes.term(text=label), nodes.definition("", listing))
            box += terms
            box += table_node(
                f"Niveaus van {competence.name}",
                ["Niveau", "Gedrag dat je bij jezelf herkent"],
                [[f"{j}. {lv.label}", " ".join(lv.behaviour)] for j, lv in enumerate(competence.levels, 1)],
                ["jd-levels-table"],
                [1, 4],
            )
            box += _para("Werk eraan in: ", _links(framework.pages_for(competence.id), doc), classes=["jd-hint"])
            out.append(box)
        return out

    def _mapping(self, framework: Any, doc: str) -> nodes.Node:
        ids = framework.ids()
        rows = []
        for kind, items in (("Hoofdstuk", framework.mapping.chapters), ("Oefening", framework.mapping.exercises)):
            for item in items:
                rows.append(
                    [[_para(_doc_link(item.page, doc)), _para(kind, classes=["jd-hint"])]]
                    + ["✓" if cid in item.competences else "" for cid in ids]
                )
        for item in framework.mapping.cases:
            rows.append(
                [[_para(item.case), _para("Casus", classes=["jd-hint"])]]
                + ["✓" if cid in item.competences else "" for cid in ids]
            )
        legend = "; ".join(f"{i}. {c.name}" for i, c in enumerate(framework.competences, 1))
        box = nodes.container(classes=["jd-competence-mapping"])
        box += table_node(
            "Welke hoofdstukken en oefeningen werken aan welke competentie",
            ["Pagina", *[str(i) for i in range(1, len(ids) + 1)]],
            rows,
            ["jd-mapping-table"],
            [6] + [1] * len(ids),
        )
        box += _para(f"Kolommen: {legend}.", classes=["jd-hint"])
        return box


class GradingRulesDirective(AssessmentDirective):
    """```{grading-rules}``` states the grading rules from the code's constants and the studiewijzer's weights."""

    def run(self) -> list[nodes.Node]:
        data = self.data_dir()
        try:
            plan = load_studiewijzer(data)
        except DataError as error:
            return self.warn(error)
        self.depend(data / "studiewijzer.yaml")
        weights = ", ".join(f"{p.title.split(' (')[0].lower()} {p.weight}%" for p in plan.products)
        rules = [
            "Bij elk criterium kies je één niveau. Elk niveau staat voor een waarde op de schaal van 1 tot 10 "
            "(bijvoorbeeld voldoende = 6).",
            "Het cijfer is het gewogen gemiddelde van die waarden, met de gewichten van de rubric (samen 100%).",
            "Afronden gebeurt op één decimaal, vanaf de helft naar boven: 5,45 wordt 5,5 en 5,44 wordt 5,4. "
            "Er wordt gerekend in hele tienden, zodat er geen afrondingsfouten ontstaan.",
            f"Een product is voldoende vanaf {format_grade(PASS_MARK)}.",
            "Een knock-out-criterium onder de norm betekent: niet behaald, hoe hoog het totaal ook is. Het cijfer is "
            f"dan ten hoogste {format_grade(KNOCKOUT_CAP)}; het gewogen gemiddelde staat er ter informatie bij.",
            "Zolang niet elk criterium een niveau heeft, is er geen cijfer: de rubric noemt welke criteria nog open"
            " staan.",
            f"Het eindcijfer van de minor is het gewogen gemiddelde van de producten ({weights}), afgerond op "
            "dezelfde manier. Je hebt de minor gehaald als elk product voldoende is; een onvoldoende kun je niet "
            "compenseren met een ander product.",
        ]
        listing = nodes.enumerated_list(classes=["jd-grading-rules"])
        for rule in rules:
            listing += nodes.list_item("", nodes.paragraph(text=rule))
        return [listing]


# --- build-wide checks and the tracker's evidence --------------------------------------------------------------------


def _check_data(app: Sphinx, env: BuildEnvironment) -> None:
    """Validate every competence, rubric and studiewijzer file, also when no page uses it."""
    data = Path(app.srcdir) / "data"
    if not (data / "competences.yaml").is_file():
        return

    def report(error: DataError) -> None:
        for line in error.lines():
            logger.warning(line, type="jeugddomein", subtype="data")

    try:
        framework = load_framework(data)
    except DataError as error:
        report(error)
        return
    rubrics = {}
    for path in sorted((data / "rubrics").glob("*.yaml")):
        try:
            rubrics[path.stem] = load_rubric_file(path, data, framework)
        except DataError as error:
            report(error)
    plan = None
    if (data / "studiewijzer.yaml").is_file():
        try:
            plan = load_studiewijzer(data, rubrics)
        except DataError as error:
            report(error)
    for problem in check_pages(framework, plan, set(env.found_docs), data):
        report(problem)


def _fill_tracker(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each competence tracker the book's pages (titles, links) and every piece of work usable as evidence."""
    from ...widgets import WIDGET_CLASSES

    trackers = [node for node in doctree.findall(widget_placeholder) if node["widget"] == TRACKER]
    if not trackers or app.builder.format != "html":
        return
    env = app.env
    builder = app.builder

    def title(doc: str) -> str:
        return env.titles[doc].astext() if doc in env.titles else doc

    def url(doc: str) -> str:
        return builder.get_relative_uri(docname, doc) if doc in env.found_docs else ""

    from ..collect import course_index

    labels = {name: cls.label for name, cls in WIDGET_CLASSES.items()}
    catalogue = course_catalogue(course_index(app), labels)
    for node in trackers:
        payload = {**node["payload"], "config": dict(node["payload"]["config"])}
        config = payload["config"]
        config["pages"] = [
            {**p, "title": title(p["page"]), "url": url(p["page"])}
            for p in catalogue.student_pages(config.get("pages", []))
            if p["page"] in env.found_docs
        ]
        config["evidence"] = catalogue.evidence
        config["course"] = app.config.jd_course_id
        node["payload"] = payload


def _outdated_trackers(app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set) -> list[str]:
    """Pages with a tracker are reread when any other page changed: their evidence list depends on every page."""
    if not (added or changed or removed):
        return []
    return [doc for doc, items in widgets_of(env).items() if any(i["widget"] == TRACKER for i in items)]


def _rubric_directive() -> type[SphinxDirective]:
    """The `{rubric}` directive: the rubric widget (YAML body), or docutils' own rubric heading when given a title.

    The widget is called 'rubric', like the docutils directive for an informal heading; both keep working.
    """
    from docutils.parsers.rst.directives.body import Rubric as DocutilsRubric

    from ..directives import widget_directives

    widget_directive = widget_directives()["rubric"]

    class RubricDirective(widget_directive):  # type: ignore[misc,valid-type]
        """A rubric widget (```{rubric}``` with `id:` and `rubric:`) or, with an argument, a docutils rubric heading."""

        optional_arguments = 1
        final_argument_whitespace = True
        option_spec: ClassVar[dict[str, Any]] = dict(DocutilsRubric.option_spec)

        def run(self) -> list[nodes.Node]:
            if self.arguments:
                return DocutilsRubric.run(self)
            return super().run()

    return RubricDirective


def setup(app: Sphinx) -> None:
    app.add_directive("rubric", _rubric_directive(), override=True)
    app.add_directive("rubric-table", RubricTableDirective)
    app.add_directive("studiewijzer", StudiewijzerDirective)
    app.add_directive("competence-framework", CompetenceFrameworkDirective)
    app.add_directive("grading-rules", GradingRulesDirective)
    app.connect("env-check-consistency", _check_data)
    app.connect("doctree-resolved", _fill_tracker)
    app.connect("env-get-outdated", _outdated_trackers)
    add_stylesheet(app, "assessment.css")
