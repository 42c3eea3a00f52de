"""Pages of the role-play: one generated page per case, the case overview, printable role cards, the schema reference.

A lecturer adds a case by dropping data/cases/<id>.yaml and rebuilding: at build start every case is validated
(errors name file, line, YAML path and fix) and exercises/casussen/<id>.md is (re)written for each valid case.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from ...loading import DataError
from ...widgets.role_play.model import (
    MODEL_KEYS,
    MODELS,
    PROFESSIONS,
    ROLE_KINDS,
    SEEDS,
    SETTINGS,
    CaseFile,
    case_files,
    chapter_labels,
    load_case,
)
from ..markup import plain
from . import add_stylesheet

logger = logging.getLogger(__name__)

GENERATED_DIR = Path("exercises") / "casussen"
"""Where the case pages are written, relative to the book's source folder (git-ignored)."""


def case_page(case_id: str, case: CaseFile) -> str:
    """The Markdown of one case's page: title, introduction and the widget."""
    return "\n".join(
        [
            "<!-- Gemaakt bij het bouwen uit data/cases/" + case_id + ".yaml; wijzig die file, niet deze pagina. -->",
            f"(casus-{case_id})=",
            f"# {plain(case.title)}",
            "",
            f"```{{case-intro}} {case_id}",
            "```",
            "",
            "```{role-play}",
            f"id: rollenspel-{case_id}",
            f"case: {case_id}",
            "```",
            "",
        ]
    )


CASE_INDEX = ".cases"
"""File in the generated folder listing the valid case ids; pages that list all cases depend on it."""


def load_valid_cases(root: Path, report: bool = False) -> dict[str, CaseFile]:
    """Every case file that validates, by id; with `report`, each problem becomes a build warning."""
    labels = chapter_labels(root)
    cases: dict[str, CaseFile] = {}
    for path in case_files(root, misnamed=report):
        try:
            cases[path.stem] = load_case(path, root, labels)
        except DataError as error:
            if report:
                for line in error.lines():
                    logger.warning(line, type="jeugddomein", subtype="case")
    return cases


def generate_case_pages(app: Sphinx, config: Config) -> None:
    """Validate every case and write exercises/casussen/<id>.md (only when changed); remove pages of removed cases."""
    root = Path(app.srcdir)
    target = root / GENERATED_DIR
    target.mkdir(parents=True, exist_ok=True)
    ignore = target / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Gemaakt bij het bouwen uit data/cases/*.yaml\n*\n", encoding="utf-8")
    cases = load_valid_cases(root, report=True)
    for case_id, case in cases.items():
        page = target / f"{case_id}.md"
        text = case_page(case_id, case)
        if not page.exists() or page.read_text(encoding="utf-8") != text:
            page.write_text(text, encoding="utf-8")
    for page in target.glob("*.md"):
        if page.stem not in cases:
            page.unlink()
    index = target / CASE_INDEX
    listing = "\n".join(sorted(cases)) + "\n"
    if not index.exists() or index.read_text(encoding="utf-8") != listing:
        index.write_text(listing, encoding="utf-8")


class CaseDirective(SphinxDirective):
    """Base: loads cases, notes dependencies, parses generated MyST text."""

    def root(self) -> Path:
        return Path(self.env.srcdir)

    def cases(self) -> dict[str, CaseFile]:
        root = self.root()
        # A file, not the folder: Sphinx counts a folder dependency as missing and rereads the page on every build.
        self.env.note_dependency(str(root / GENERATED_DIR / CASE_INDEX))
        for path in case_files(root, misnamed=True):
            self.env.note_dependency(str(path))
        return load_valid_cases(root)

    def markdown(self, lines: list[str], node: nodes.Element, titles: bool = False) -> nodes.Element:
        content = StringList(lines, source=self.env.docname)
        if titles:
            nested_parse_with_titles(self.state, content, node)
        else:
            self.state.nested_parse(content, self.content_offset, node)
        return node

    def fail(self, text: str) -> list[nodes.Node]:
        logger.warning(text, location=(self.env.docname, self.lineno), type="jeugddomein", subtype="case")
        return []


def _role_line(role: Any) -> str:
    kind = ROLE_KINDS[role.kind].label
    return f"{plain(role.name)} ({kind.lower()}{', hoofdrol' if role.lead else ''})"


def kind_label(kind: str) -> str:
    """A kind of role for students: 'Mentor (leraar)', but 'Leraar' and 'Jeugdarts' (not 'Leraar (leraar)',
    'Jeugdarts (arts)') where the name already says the profession."""
    role = ROLE_KINDS[kind]
    profession = PROFESSIONS[role.profession].split(" (")[0]  # 'onderwijs (overig)': no brackets in brackets
    return role.label if role.label.lower().endswith(profession.lower()) else f"{role.label} ({profession})"


def sources_text(case: CaseFile) -> str:
    """What the case is based on, with a citation per source. The line numbers in the source (`lines`) are for the
    authors who check the case against its source; students read the citation and the literature list."""
    return "; ".join(f"{plain(s.what)} {{cite:p}}`{SEEDS[s.seed]}`" for s in case.source)


def _chapter_refs(case: CaseFile) -> str:
    return ", ".join(f"{{ref}}`{label}`" for label in case.chapters)


class CaseIntroDirective(CaseDirective):
    """The introduction above a case's widget: situation, setting, roles, goals, chapters, source, role cards."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        case_id = self.arguments[0]
        case = self.cases().get(case_id)
        if case is None:
            return self.fail(f"casus '{case_id}' ontbreekt of bevat fouten (zie de meldingen bij data/cases/)")
        lines = [
            plain(case.summary),
            "",
            f"**Setting:** {SETTINGS[case.setting]}  ",
            "**Hoofdrol:** " + "; ".join(_role_line(r) for r in case.lead_roles()) + "  ",
            "**Andere rollen:** " + "; ".join(_role_line(r) for r in case.roles if not r.lead) + "  ",
            f"**Oefent:** {_chapter_refs(case)}  ",
            f"**Gebaseerd op:** {sources_text(case)}. Namen en details zijn verzonnen.",
            "",
            "**Leerdoelen.** Na deze casus:",
            "",
            *[f"- {plain(goal)}" for goal in case.learning_goals],
            "",
            "Speel je de casus met je groep? Je docent deelt de "
            f"{{ref}}`rolkaarten <rolkaarten-{case_id}>` uit; kies dan hieronder **Klassikaal spelen** "
            "en leg de keuzes van de groep vast.",
        ]
        return [self.markdown(lines, nodes.container(classes=["jd-case-intro"]))]


class CaseOverviewDirective(CaseDirective):
    """All cases in a table: title (link), setting, leading role, what it practises."""

    def run(self) -> list[nodes.Node]:
        cases = self.cases()
        if not cases:
            return self.fail("geen geldige casussen gevonden in data/cases/")
        lines = [
            f"Er zijn {len(cases)} casussen. Kies er een die past bij je opleiding, of juist bij een beroep dat je "
            "minder goed kent.",
            "",
            "| Casus | Setting | Hoofdrol | Oefent |",
            "|---|---|---|---|",
        ]
        for case_id, case in sorted(cases.items(), key=lambda kv: (list(SETTINGS).index(kv[1].setting), kv[0])):
            leads = "; ".join(kind_label(r.kind) for r in case.lead_roles())
            lines.append(
                f"| {{doc}}`/{GENERATED_DIR.as_posix()}/{case_id}` | {SETTINGS[case.setting]} "
                f"| {leads} | {_chapter_refs(case)} |"
            )
        lines.append("")
        for case_id, case in sorted(cases.items()):
            link = f"{{doc}}`/{GENERATED_DIR.as_posix()}/{case_id}`"  # the link text is the page's (escaped) title
            lines += [f"**{link}.** {plain(case.summary)}", ""]
        return [self.markdown(lines, nodes.container(classes=["jd-case-overview"]))]


class RoleCardsDirective(CaseDirective):
    """Printable role cards: per case a game leader's sheet (scene prompts) and one card per role, each its own page."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        cases = self.cases()
        wanted = self.arguments[0] if self.arguments else None
        if wanted and wanted not in cases:
            return self.fail(f"casus '{wanted}' ontbreekt of bevat fouten")
        out: list[nodes.Node] = []
        for case_id, case in sorted(cases.items()):
            if wanted and case_id != wanted:
                continue
            # The box keeps its own id (print CSS uses :target on it); the second id is the anchor that
            # {ref}`rolkaarten-<case>` links from the case pages point to.
            box = nodes.container(
                classes=["jd-case-cards"], ids=[f"rolkaarten-{case_id}-kaarten", f"rolkaarten-{case_id}"]
            )
            self.markdown(self._case_lines(case_id, case), box, titles=True)
            hint = (
                f'<p class="jd-print-hint"><a href="#rolkaarten-{case_id}-kaarten">Alleen deze casus afdrukken</a>: '
                "open deze link en kies daarna Afdrukken in je browser.</p>"
            )
            section = next(iter(box.findall(nodes.section)), box)
            section.insert(1, nodes.raw("", hint, format="html"))
            out.append(box)
        return out

    def _case_lines(self, case_id: str, case: CaseFile) -> list[str]:
        lines = [
            f"(rolkaarten-{case_id})=",
            f"## {plain(case.title)}",
            "",
            f"{plain(case.summary)} ({SETTINGS[case.setting]}; {len(case.roles)} rollen.) Studenten leggen de keuzes "
            f"van de groep vast op de pagina {{doc}}`/{GENERATED_DIR.as_posix()}/{case_id}`.",
            "",
            ":::{container} jd-card jd-leader-card",
            "**Spelleiderskaart.** Lees de scène voor, laat de spelers in hun rol overleggen en laat de groep kiezen. "
            "Vlaggen (wat eerdere keuzes veranderen) staan tussen haken.",
            "",
        ]
        for scene in case.scenes:
            if scene.routes:
                continue
            lines += [f"**{plain(scene.title)}.** {plain(scene.text)}", ""]
            for variant in scene.variants:
                lines += [f"- *[als {', '.join(variant.when)}]* {plain(variant.text)}"]
            if scene.variants:
                lines.append("")
            if scene.prompt:
                lines += [f"*{plain(scene.prompt)}*", ""]
            for choice in scene.choices:
                extra = []
                if choice.roles:
                    extra.append("rol: " + ", ".join(choice.roles))
                if choice.requires:
                    extra.append("alleen als " + ", ".join(choice.requires))
                if choice.unless:
                    extra.append("niet als " + ", ".join(choice.unless))
                lines.append(f"1. {plain(choice.text)}" + (f" *[{'; '.join(extra)}]*" if extra else ""))
            lines.append("")
        lines += ["**Mogelijke afloop.** " + "; ".join(f"{plain(e.title)} ({e.tone})" for e in case.endings) + ".", ""]
        lines += ["**Nabespreken.**", "", *[f"- {plain(q)}" for q in case.reflection], "", ":::", ""]
        for role in case.roles:
            kind = ROLE_KINDS[role.kind].label
            lines += [
                ":::{container} jd-card jd-role-card",
                f"**Rolkaart · {plain(case.title)}**",
                "",
                f"**{plain(role.name)}** · {kind}{' · hoofdrol' if role.lead else ''}",
                "",
                f"**Wat iedereen weet.** {plain(role.public)}",
                "",
            ]
            if role.wants:
                lines += [f"**Wat je wilt bereiken.** {plain(role.wants)}", ""]
            lines += [f"**Alleen voor jou (niet voorlezen).** {plain(role.private)}", "", ":::", ""]
        return lines


class CaseCatalogueDirective(CaseDirective):
    """Reference lists for authors: role kinds, settings, concept keys, chapter labels, seeds."""

    required_arguments = 1
    KINDS: ClassVar[tuple[str, ...]] = ("roles", "settings", "concepts", "labels", "seeds")

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        if kind not in self.KINDS:
            return self.fail(f"onbekende lijst '{kind}'; kies uit {', '.join(self.KINDS)}")
        if kind == "roles":
            lines = ["| `kind` | Naam | Beroepsgroep |", "|---|---|---|"]
            lines += [f"| `{k}` | {v.label} | {PROFESSIONS[v.profession]} |" for k, v in ROLE_KINDS.items()]
        elif kind == "settings":
            lines = ["| `setting` | Betekenis |", "|---|---|"] + [f"| `{k}` | {v} |" for k, v in SETTINGS.items()]
        elif kind == "concepts":
            lines = ["| Sleutel | Begrip | Model | Uitleg in |", "|---|---|---|---|"]
            lines += [
                f"| `{k}` | {v.label} | {MODELS[v.model]} | {{ref}}`{v.section}` |" for k, v in MODEL_KEYS.items()
            ]
        elif kind == "seeds":
            lines = ["| `seed` | Bron |", "|---|---|"] + [f"| `{k}` | {{cite:t}}`{v}` |" for k, v in SEEDS.items()]
        else:
            labels = chapter_labels(self.root())
            lines = ["| Label | Paragraaf |", "|---|---|"] + [
                f"| `{name}` | {plain(link.title)} |" for name, link in labels.items() if "samenvatting" not in name
            ]
        return [self.markdown(lines, nodes.container(classes=["jd-case-catalogue"]))]


_BLOCK_WORDS = {
    "CaseFile": "casus",
    "Source": "bron",
    "Role": "rol",
    "Scene": "scène",
    "Choice": "keuze",
    "Route": "route",
    "Variant": "variant",
    "Ending": "afloop",
}
"""The Dutch word for each block of the case schema (the model's class names are English)."""


def _type_text(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A JSON-schema type in plain Dutch."""
    if "$ref" in prop:
        name = prop["$ref"].split("/")[-1]
        return f"blok [{_BLOCK_WORDS.get(name, name)}](#schema-{name.lower()})"
    if "anyOf" in prop:
        options = [_type_text(p, defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return " of ".join(options) + " (mag leeg)"
    if "enum" in prop:
        return "een van: " + ", ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    kind = prop.get("type")
    if kind == "array":
        return "lijst van " + _type_text(prop.get("items", {}), defs)
    if kind == "object":
        return "blok met `vlag: uitleg`-regels"
    if kind == "string":
        return "id (kleine letters, cijfers, -)" if prop.get("pattern", "").startswith("^[a-z0-9]") else "tekst"
    if not kind:
        return "waarde"
    return {"boolean": "true of false", "integer": "geheel getal"}.get(kind, kind)


def schema_reference_lines() -> list[str]:
    """The schema reference of a case file as Markdown, generated from the pydantic model."""
    schema = CaseFile.model_json_schema()
    defs = schema.get("$defs", {})
    blocks = [("CaseFile", schema)] + [
        (name, defs[name]) for name in ("Source", "Role", "Scene", "Choice", "Route", "Variant", "Ending")
    ]
    titles = {
        "CaseFile": "De casus (het hele bestand)",
        "Source": "Een bron (`source`)",
        "Role": "Een rol (`roles`)",
        "Scene": "Een scène (`scenes`)",
        "Choice": "Een keuze (`choices`)",
        "Route": "Een route (`routes`)",
        "Variant": "Een variant (`variants`)",
        "Ending": "Een afloop (`endings`)",
    }
    lines: list[str] = []
    for name, block in blocks:
        required = set(block.get("required", []))
        lines += [f"(schema-{name.lower()})=", f"### {titles[name]}", "", "| Veld | Soort | Verplicht | Uitleg |"]
        lines.append("|---|---|---|---|")
        for field, prop in block.get("properties", {}).items():
            must = (
                "ja"
                if field in required
                else "nee"
                + (
                    f" (standaard `{json.dumps(prop['default'])}`)"
                    if "default" in prop and prop["default"] not in ([], {}, None)
                    else ""
                )
            )
            lines.append(f"| `{field}` | {_type_text(prop, defs)} | {must} | {plain(prop.get('description', ''))} |")
        lines.append("")
    return lines


class CaseSchemaDirective(CaseDirective):
    """The schema reference of case files, generated from the pydantic model (so it never goes stale)."""

    def run(self) -> list[nodes.Node]:
        return [self.markdown(schema_reference_lines(), nodes.container(classes=["jd-case-schema"]), titles=True)]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", generate_case_pages, priority=400)
    app.add_directive("case-intro", CaseIntroDirective)
    app.add_directive("case-overview", CaseOverviewDirective)
    app.add_directive("role-cards", RoleCardsDirective)
    app.add_directive("case-catalogue", CaseCatalogueDirective)
    app.add_directive("case-schema", CaseSchemaDirective)
    add_stylesheet(app, "cases.css")
