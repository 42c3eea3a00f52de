"""SCORM: which exercises count (data/scorm.yaml) and the LMS packages of the built site (`make scorm`).

One build gives two packages, SCORM 1.2 (Moodle, and any LMS) and SCORM 2004 4th edition. Each is the whole built
site plus imsmanifest.xml and a launch page (scorm-start.html): one organization with one item whose single SCO is
the launch page, the resource listing every file. The launch page (static lms.js) holds one LMS session per launch
while the course pages navigate inside its frame: it carries the learner store in cmi.suspend_data (compressed, within
the standard's budget), reports completion and score by the rules of data/scorm.yaml, every answered knowledge
check as a cmi.interaction, and the Bronstein components and rubric self-grades as cmi.objectives. The browser store
stays the learner's primary store.
The offline parts stay out of the packages (the service worker, its file list, the web app manifest and its icons;
pages lose their manifest link, so runtime.js registers no worker in the LMS).

    python -m jeugddomein.scorm [--site _build/html] [--out _build/scorm]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from pydantic import Field, model_validator

from .loading import DataError, load_yaml_file
from .models.base import StrictModel, WidgetId
from .sphinxext import offline

RULES_FILE = Path("scorm.yaml")
"""The rules, relative to data/."""

LAUNCH = "intro.html"
"""The first course page the launch page opens (later launches open the page the learner left)."""
LAUNCH_PAGE = "scorm-start.html"
"""The SCO: the launch page that holds the LMS session, written into each package."""
Standard = Literal["1.2", "2004"]
STANDARDS: tuple[Standard, ...] = ("1.2", "2004")
SCORED_WIDGETS = {"knowledge-check"}
"""Widget types scorm.js can score."""


class Selection(StrictModel):
    """A set of exercises, chosen by type and page, with exceptions by id."""

    widgets: list[str] = Field(description="Soorten oefeningen (de widgetnaam, zoals knowledge-check of reflection).")
    pages: list[str] = Field(
        default_factory=lambda: ["chapters/"],
        description="Alleen oefeningen op pagina's waarvan de naam zo begint (bijvoorbeeld chapters/); leeg: overal.",
    )
    include: list[WidgetId] = Field(default_factory=list, description="Losse oefeningen (id) die er ook bij horen.")
    exclude: list[WidgetId] = Field(default_factory=list, description="Oefeningen (id) die er niet bij horen.")


class ScoreSelection(Selection):
    """What the score (cmi score) comes from: knowledge checks (first attempt right), or one rubric's self-grade."""

    widgets: list[str] = Field(
        default_factory=list,
        description="Soorten oefeningen voor de score: alleen knowledge-check (leeg als de score uit een rubric komt).",
    )
    rubric: WidgetId | None = Field(
        None,
        description=(
            "Het id van een rubric waarvan het cijfer van de zelfbeoordeling de score is (in plaats van de "
            "kennischecks); leeg: de kennischecks."
        ),
    )

    @model_validator(mode="after")
    def _one_source(self) -> ScoreSelection:
        if self.rubric is not None and self.widgets:
            raise ValueError(
                f"de score komt uit de kennischecks (widgets: {', '.join(self.widgets)}) en uit de rubric "
                f"'{self.rubric}'; kies één bron: haal 'rubric' weg, of zet 'widgets: []' voor de score uit de rubric"
            )
        return self


class ScormRules(StrictModel):
    """When a learner has completed the course in an LMS, and what counts for the score."""

    required: Selection = Field(
        default_factory=lambda: Selection(widgets=["knowledge-check", "reflection"]),
        description="Oefeningen die af moeten zijn voor 'voltooid' (completed).",
    )
    score: ScoreSelection = Field(
        default_factory=lambda: ScoreSelection(widgets=["knowledge-check"]),
        description=(
            "Wat de score is: het deel van de kennischecks dat bij de eerste poging juist was (0-100), of het "
            "cijfer van de zelfbeoordeling in één rubric (rubric: <id>)."
        ),
    )


def load_rules(data_dir: Path) -> ScormRules:
    """The rules from data/scorm.yaml (without that file: every check and reflection in chapters/)."""
    if not (data_dir / RULES_FILE).is_file():
        return ScormRules()
    return load_yaml_file(ScormRules, data_dir / RULES_FILE, data_dir.parent)


def _select(selection: Selection, index: dict[str, Any], field: str, known_types: set[str]) -> list[str]:
    source = f"data/{RULES_FILE}"
    problems: list[tuple[int | None, str, str]] = []
    for i, name in enumerate(selection.widgets):
        if name not in known_types:
            problems.append(
                (None, f"{field}.widgets.{i}", f"onbekende soort oefening '{name}' (kies uit {sorted(known_types)})")
            )
    placements = {w["id"]: (page["page"], w["widget"]) for page in index["pages"] for w in page["widgets"]}
    for key in ("include", "exclude"):
        for i, wid in enumerate(getattr(selection, key)):
            if wid not in placements:
                problems.append((None, f"{field}.{key}.{i}", f"de oefening '{wid}' staat op geen enkele pagina"))
    if problems:
        raise DataError(source, problems)
    chosen = [
        wid
        for wid, (page, widget) in placements.items()
        if widget in selection.widgets and (not selection.pages or page.startswith(tuple(selection.pages)))
    ]
    chosen += [wid for wid in selection.include if wid not in chosen]
    return [wid for wid in chosen if wid not in selection.exclude]


def _score_rubric(rubric: str | None, placements: dict[str, str]) -> str | None:
    """The rubric whose self-grade is the score, checked against the placed exercises (None: the knowledge checks)."""
    if rubric is None or placements.get(rubric) == "rubric":
        return rubric
    rubrics = [wid for wid, widget in placements.items() if widget == "rubric"]
    what = "is geen rubric" if rubric in placements else "staat op geen enkele pagina"
    raise DataError(
        f"data/{RULES_FILE}",
        [(None, "score.rubric", f"de oefening '{rubric}' {what}; kies het id van een rubric: {', '.join(rubrics)}")],
    )


def resolve(rules: ScormRules, index: dict[str, Any], known_types: set[str]) -> dict[str, Any]:
    """The ids scorm.js checks: required (for completion), scored, and the rubric whose self-grade is the score
    (None: the score comes from the scored knowledge checks), in book order."""
    scored = _select(rules.score, index, "score", known_types)
    placements = {w["id"]: w["widget"] for page in index["pages"] for w in page["widgets"]}
    wrong = sorted({placements[wid] for wid in scored} - SCORED_WIDGETS)
    if wrong:
        raise DataError(
            f"data/{RULES_FILE}",
            [
                (
                    None,
                    "score",
                    f"alleen kennischecks krijgen een score, niet {', '.join(wrong)}; "
                    "voor het cijfer van een rubric: zet 'rubric: <id>' en 'widgets: []'",
                )
            ],
        )
    return {
        "required": _select(rules.required, index, "required", known_types),
        "scored": scored,
        "score_rubric": _score_rubric(rules.score.rubric, placements),
    }


OFFLINE_FILES = {offline.WORKER, offline.LIST, offline.MANIFEST, *offline.ICONS.values()}
"""Files for offline use outside an LMS; none of them goes into the package."""
_MANIFEST_LINK = re.compile(r'<link rel="manifest" href="[^"]*" />\n?')


def site_files(site: Path) -> list[str]:
    """Every file of the built site for the package, as POSIX paths from its root, sorted (the manifest itself, the
    build info and the offline files excluded)."""
    skip = {"imsmanifest.xml", ".buildinfo", *OFFLINE_FILES}
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).as_posix() not in skip
    )


def launch_page(*, title: str, standard: Standard) -> str:
    """The SCO's page: notices above the course, which opens in a frame; lms.js holds the session (no inline code)."""
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="_static/favicon.svg">
<link rel="stylesheet" href="_static/jeugddomein/lms.css">
<script type="module" src="_static/jeugddomein/lms.js" data-jd-scorm="{standard}" data-jd-start="{LAUNCH}"></script>
</head>
<body class="jd-lms">
<div class="jd-lms-notices" role="status" aria-live="polite"></div>
<noscript><p>Deze cursus heeft JavaScript nodig. Zet JavaScript aan en open de cursus opnieuw.</p></noscript>
<iframe class="jd-lms-course" title={quoteattr(title)}></iframe>
</body>
</html>
"""


def _file_lines(files: list[str]) -> str:
    return "\n".join(f"      <file href={quoteattr(quote(f))}/>" for f in files)


def manifest(files: list[str], *, identifier: str, title: str, version: str, standard: Standard = "1.2") -> str:
    """imsmanifest.xml: one organization, one item, one SCO resource (the launch page) with every file."""
    return (manifest_12 if standard == "1.2" else manifest_2004)(
        files, identifier=identifier, title=title, version=version
    )


def manifest_12(files: list[str], *, identifier: str, title: str, version: str) -> str:
    """imsmanifest.xml for SCORM 1.2 (IMS CP 1.1.2, ADL CP 1.2)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr(identifier)} version={quoteattr(version)}
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1">
      <title>{escape(title)}</title>
      <item identifier="ITEM-1" identifierref="RES-1" isvisible="true">
        <title>{escape(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH_PAGE}">
{_file_lines(files)}
    </resource>
  </resources>
</manifest>
"""


def manifest_2004(files: list[str], *, identifier: str, title: str, version: str) -> str:
    """imsmanifest.xml for SCORM 2004 4th edition: one SCO that sets its own completion and objectives; the learner
    may leave and come back (choice and flow on the organization, no rollup beyond the one item)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={quoteattr(identifier)} version={quoteattr(version)}
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1" adlseq:objectivesGlobalToSystem="false">
      <title>{escape(title)}</title>
      <item identifier="ITEM-1" identifierref="RES-1" isvisible="true">
        <title>{escape(title)}</title>
        <imsss:sequencing>
          <imsss:deliveryControls tracked="true" completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-1" type="webcontent" adlcp:scormType="sco" href="{LAUNCH_PAGE}">
{_file_lines(files)}
    </resource>
  </resources>
</manifest>
"""


def build_package(site: Path, out_dir: Path, standard: Standard = "1.2") -> Path:
    """Zip the built site with its manifest and launch page for one standard; returns the zip's path."""
    info_file = site / "_static" / "jeugddomein" / "scorm.json"
    if not (site / LAUNCH).is_file() or not info_file.is_file():
        raise FileNotFoundError(f"{site} is geen gebouwde cursus (intro.html of scorm.json ontbreekt): bouw eerst.")
    info = json.loads(info_file.read_text(encoding="utf-8"))
    files = [*site_files(site), LAUNCH_PAGE]
    identifier = f"{info['course']}-{info['version']}".replace(".", "-")
    xml = manifest(files, identifier=identifier, title=info["title"], version=info["version"], standard=standard)
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = standard.replace(".", "")
    target = out_dir / f"{info['course']}-{info['version']}-scorm{suffix}.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", xml)
        archive.writestr(LAUNCH_PAGE, launch_page(title=info["title"], standard=standard))
        for name in files[:-1]:
            if name.endswith(".html"):
                archive.writestr(name, _MANIFEST_LINK.sub("", (site / name).read_text(encoding="utf-8")))
            else:
                archive.write(site / name, name)
    return target


def build_packages(site: Path, out_dir: Path) -> list[Path]:
    """Both packages (SCORM 1.2 and 2004 4th edition) of one built site."""
    return [build_package(site, out_dir, standard) for standard in STANDARDS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak SCORM 1.2- en 2004-pakketten (zip) van de gebouwde cursus.")
    parser.add_argument(
        "--site", type=Path, default=Path("_build/html"), help="de gebouwde site (standaard _build/html)"
    )
    parser.add_argument(
        "--out", type=Path, default=Path("_build/scorm"), help="map voor de zips (standaard _build/scorm)"
    )
    args = parser.parse_args(argv)
    try:
        targets = build_packages(args.site, args.out)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    for standard, target in zip(STANDARDS, targets, strict=True):
        size = target.stat().st_size / 1e6
        print(f"SCORM {standard}-pakket: {target} ({size:.1f} MB).")
    print(
        "Upload er één in je leeromgeving als SCORM-pakket: 2004 waar dat kan (werk tot 64.000 tekens reist mee "
        "tussen apparaten), 1.2 in Moodle (4.096 tekens). Zie de pagina over hosting in de docentenhandleiding."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
