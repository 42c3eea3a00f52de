"""The cohort overview as one self-contained HTML file: inline CSS, charts as inline SVG, no scripts, no links out.

from jeugddomein.cohort import load_portfolios, write_report
write_report(load_portfolios("exports/"), "cohort.html")
"""

from __future__ import annotations

import html
import math
from datetime import datetime
from pathlib import Path

import pandas as pd

from . import charts
from .loading import KIND_ASSESSMENT, KIND_PORTFOLIO, STATUS_READ, Cohort
from .summary import (
    case_choices,
    case_endings,
    case_popularity,
    competence_names,
    competence_progress,
    completion_by_page,
    completion_by_student,
    grade_conflicts,
    grade_summary,
    gradebook,
    lecturer_grades,
    overview,
    products,
    scan_change,
    scan_profile,
)

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff;
       margin: 0 auto; max-width: 72rem; padding: 1rem 1.25rem 3rem; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-top: .5rem; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 2px solid #1f5f8b; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
.note { background: #fdf6e3; border-left: 4px solid #b35900; padding: .6rem .9rem; }
.numbers { display: flex; flex-wrap: wrap; gap: .6rem; padding: 0; list-style: none; }
.numbers li { border: 1px solid #c9d3dc; border-radius: 6px; padding: .4rem .8rem; min-width: 9rem; }
.numbers strong { display: block; font-size: 1.4rem; }
figure { margin: 1rem 0; overflow-x: auto; } figcaption { font-size: .9rem; color: #3d3d3d; }
svg { max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #c9d3dc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef3f7; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bad { color: #8b1a1a; font-weight: 600; }
details summary { cursor: pointer; font-weight: 600; }
@media print { body { max-width: none; } h2 { break-before: page; } details { display: block; } }
"""

FILE_LABELS = {
    "gelezen": "gelezen",
    "overgeslagen": "✗ overgeslagen",
    "vervangen": "↻ vervangen",
    "ongeldig": "✗ ongeldig",
}


def _places(values: pd.Series) -> int:
    """Decimals a column of numbers needs (at most two), so that 9,0 and 9,6 line up in one column."""
    needed = 0
    for value in values:
        if isinstance(value, float) and not math.isnan(value) and not value.is_integer():
            needed = max(needed, len(f"{value:.2f}".rstrip("0").split(".")[1]))
    return needed


def _cell(value: object, places: int | None = None) -> tuple[str, bool]:
    """Text of a table cell (Dutch decimal comma) and whether it is a number; `places`: decimals of its column."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):  # None, NaN, NA and NaT alike
        return "", False
    if isinstance(value, bool):
        return ("ja" if value else "nee"), False
    if isinstance(value, int):
        return str(value), True
    if isinstance(value, float):
        if places is None:
            text = f"{value:.2f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
        else:
            text = f"{value:.{places}f}"
        return text.replace(".", ","), True
    if isinstance(value, pd.Timestamp | datetime):
        return value.strftime("%Y-%m-%d %H:%M"), False
    return str(value), False


def table(
    frame: pd.DataFrame,
    caption: str,
    headers: dict[str, str] | None = None,
    limit: int | None = None,
    decimals: dict[str, int] | None = None,
) -> str:
    """An accessible HTML table (caption, th with scope) of a DataFrame; `headers` renames and picks columns.

    Numbers in a column get the decimals the column needs (at most two), or `decimals[column]` (grades: one)."""
    headers = headers or {c: c for c in frame.columns}
    shown = frame if limit is None else frame.head(limit)
    head = "".join(f'<th scope="col">{html.escape(label)}</th>' for label in headers.values())
    columns = shown[list(headers)]
    places = [(decimals or {}).get(c, _places(columns[c].astype(object))) for c in columns.columns]
    body = []
    for row in columns.itertuples(index=False):
        cells = []
        for value, digits in zip(row, places, strict=True):
            text, number = _cell(value, digits)
            cells.append(f'<td class="num">{html.escape(text)}</td>' if number else f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if limit is not None and len(frame) > limit:
        more = f"<p>De eerste {limit} van {len(frame)} rijen; de rest staat in de notebook of de CSV.</p>"
    return (
        f'<div class="table-wrap"><table><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>{more}"
    )


def figure(chart: charts.AnyChart, label: str, caption: str) -> str:
    """A chart as inline SVG with a text alternative (the table next to it carries the same numbers)."""
    try:
        drawing = charts.svg(chart)
    except Exception as error:  # a chart that cannot be drawn must not cost the lecturer the whole report
        return f'<p class="bad">Deze grafiek kon niet worden getekend ({html.escape(str(error))}).</p>'
    drawing = drawing.replace("<svg", f'<svg role="img" aria-label="{html.escape(label)}"', 1)
    return f"<figure>{drawing}<figcaption>{html.escape(caption)}</figcaption></figure>"


def _numbers(cohort: Cohort) -> str:
    facts = overview(cohort)
    items = [
        ("deelnemers", "studenten met een portfolio"),
        ("groepen", "groepen"),
        ("af_pct", "% van alle oefeningen af"),
        ("met_scan", "studenten met een zelfscan"),
        ("modulecijfers", "modulecijfers compleet"),
        ("behaald", "module behaald"),
        ("overgeslagen", "bestanden overgeslagen"),
        ("zonder_portfolio", "op de groepenlijst zonder portfolio"),
    ]
    cells = "".join(
        f"<li><strong>{html.escape(_cell(facts[key])[0])}</strong>{html.escape(label)}</li>" for key, label in items
    )
    return f'<ul class="numbers">{cells}</ul>'


def _read(cohort: Cohort, kind: str) -> int:
    files = cohort.files
    return int(((files["status"] == STATUS_READ) & (files["soort"] == kind)).sum())


def _lecturer_files(cohort: Cohort) -> str:
    if not (cohort.files["soort"] == KIND_ASSESSMENT).any():
        return ""
    return f" en {_read(cohort, KIND_ASSESSMENT)} eigen beoordelingen (rubricexports)"


def _files(cohort: Cohort) -> str:
    files = cohort.files.copy()
    files["status"] = files["status"].map(lambda s: FILE_LABELS.get(s, s))
    problems = cohort.problems()
    parts = [
        '<h2 id="bestanden">Ingelezen bestanden</h2>',
        f"<p>{_read(cohort, KIND_PORTFOLIO)} portfolio's{_lecturer_files(cohort)} gelezen, {len(problems)} bestanden "
        "niet gebruikt. Een bestand dat is overgeslagen, telt nergens mee; vraag de student het opnieuw te exporteren. "
        "Exporteerde een student meer dan eens, dan telt de nieuwste export.</p>",
    ]
    own = problems[problems["soort"] == KIND_ASSESSMENT]
    if len(own):
        parts.append(
            f'<p class="note"><strong>Let op: {len(own)} van je eigen beoordelingen tellen niet.</strong> '
            "Een ongeldige beoordeling telt wel als de jouwe: de student krijgt voor die rubric geen cijfer, "
            "ook niet uit het portfolio, tot je het bestand herstelt of opnieuw exporteert.</p>"
        )
        parts.append(
            table(
                own,
                "Je eigen beoordelingen die niet tellen",
                {"bestand": "Bestand", "status": "Status", "reden": "Reden"},
            )
        )
    students = problems[problems["soort"] != KIND_ASSESSMENT]
    if len(students):
        parts.append(
            table(students, "Niet gebruikte bestanden", {"bestand": "Bestand", "status": "Status", "reden": "Reden"})
        )
    notes = cohort.notes()
    if len(notes):
        parts.append(table(notes, "Gelezen, met een opmerking", {"bestand": "Bestand", "reden": "Opmerking"}))
    if cohort.missing:
        names = ", ".join(html.escape(name) for name in cohort.missing)
        parts.append(f"<p><strong>Op de groepenlijst, maar geen portfolio:</strong> {names}.</p>")
    parts.append(
        "<details><summary>Alle bestanden</summary>"
        + table(
            files,
            "Alle bestanden",
            {"bestand": "Bestand", "status": "Status", "deelnemer": "Student", "geexporteerd": "Geëxporteerd (UTC)"},
        )
        + "</details>"
    )
    return "\n".join(parts)


def _progress(cohort: Cohort) -> str:
    pages = completion_by_page(cohort)
    students = completion_by_student(cohort).sort_values("af_pct")
    return "\n".join(
        [
            '<h2 id="voortgang">Voortgang per hoofdstuk en oefening</h2>',
            "<p>Aangeraakt: de student heeft er werk aan bewaard. Af: volgens de regel van de oefening zelf (een "
            "kennischeck goed beantwoord, een reflectie van minstens tien woorden, een casus uitgespeeld met "
            "reflectie, een rich picture met minstens drie actoren en twee relaties).</p>",
            figure(
                charts.completion_chart(pages),
                "Staafdiagram: voortgang per pagina",
                "Percentage van alle oefeningen op de pagina maal het aantal studenten.",
            ),
            table(
                pages,
                "Voortgang per pagina",
                {"titel": "Pagina", "oefeningen": "Oefeningen", "aangeraakt_pct": "Aangeraakt (%)", "af_pct": "Af (%)"},
            ),
            table(
                students,
                "Voortgang per student (laagste eerst)",
                {
                    "deelnemer": "Student",
                    "groep": "Groep",
                    "beroep": "Beroep",
                    "aangeraakt": "Aangeraakt",
                    "af": "Af",
                    "af_pct": "Af (%)",
                },
            ),
        ]
    )


def _scan(cohort: Cohort) -> str:
    if cohort.scans.empty:
        return (
            '<h2 id="zelfscan">Zelfscan Bronstein</h2><p>Geen enkele student heeft een zelfscan in het portfolio.</p>'
        )
    profile = scan_profile(cohort)
    by_group = scan_profile(cohort, by="groep")
    change = scan_change(cohort)
    profile_headers = {
        "onderdeel": "Onderdeel",
        "gemiddelde": "Gemiddelde",
        "sd": "sd",
        "min": "Min",
        "max": "Max",
        "n": "n",
    }
    parts = [
        '<h2 id="zelfscan">Zelfscan Bronstein</h2>',
        "<p>De scores zijn opnieuw berekend uit de antwoorden, met dezelfde regels als in de browser. De scan is een "
        "reflectie-instrument, geen meting: gebruik het profiel als start van een gesprek, niet als oordeel.</p>",
        "<h3>Het cohort (laatste scan per student)</h3>",
        figure(
            charts.scan_chart(profile),
            "Teamprofiel van de zelfscan",
            "Ruit: gemiddelde; dikke lijn: ± sd; dunne lijn: laagste tot hoogste score.",
        ),
        table(profile, "Profiel van het cohort", profile_headers),
        "<h3>Per groep</h3>",
        figure(
            charts.scan_groups_chart(by_group),
            "Heatmap: gemiddelde per groep en component",
            "In elke cel het gemiddelde en het aantal studenten met een score.",
        ),
        table(
            by_group[by_group["soort"] == "component"],
            "Profiel per groep (componenten)",
            {"groep": "Groep", **profile_headers},
        ),
    ]
    if int(change["n"].max() or 0) > 0:
        parts += [
            "<h3>Verandering van de eerste naar de laatste scan</h3>",
            figure(
                charts.scan_change_chart(change),
                "Eerste en laatste scan per onderdeel",
                "Alleen studenten die de scan twee keer of vaker deden; cirkel: eerste, ruit: laatste.",
            ),
            table(
                change,
                "Verandering per onderdeel",
                {"onderdeel": "Onderdeel", "eerste": "Eerste", "laatste": "Laatste", "verschil": "Verschil", "n": "n"},
            ),
        ]
    return "\n".join(parts)


def _competences(cohort: Cohort) -> str:
    if cohort.competences.empty:
        return '<h2 id="competenties">Competenties</h2><p>Nog geen zelfinschattingen in de portfolio\'s.</p>'
    names = competence_names(cohort)
    progress = competence_progress(cohort)
    shown = progress.assign(competentie=progress["competentie"].map(lambda c: names.get(c, c)))
    return "\n".join(
        [
            '<h2 id="competenties">Competenties</h2>',
            "<p>Gemiddeld niveau van de zelfinschatting in de competentievolger (1 = laagste niveau), per moment. "
            "Let op: op latere momenten vullen vaak minder studenten in (zie n).</p>",
            figure(
                charts.competence_chart(progress, names),
                "Heatmap: gemiddeld niveau per competentie en moment",
                "In elke cel het gemiddelde niveau en het aantal studenten.",
            ),
            table(
                shown,
                "Competenties per moment",
                {"competentie": "Competentie", "moment": "Moment", "gemiddelde": "Gemiddeld niveau", "n": "n"},
            ),
        ]
    )


def _grades(cohort: Cohort) -> str:
    plan = products(cohort)
    titles = {p[0]: p[1] for p in plan}
    book = gradebook(cohort)
    grades = lecturer_grades(cohort)
    headers = {
        "deelnemer": "Student",
        "groep": "Groep",
        **{p[0]: p[1] for p in plan},
        "modulecijfer": "Modulecijfer",
        "behaald": "Behaald",
        "status": "Status",
        "opmerking": "Opmerking",
    }
    parts = [
        '<h2 id="cijfers">Cijfers</h2>',
        "<p>Alleen rubrics die de docent volledig heeft ingevuld (docentmodus) tellen. Een groepsproduct dat niet in "
        "het eigen portfolio is beoordeeld, krijgt het cijfer van de groep. Het modulecijfer is het gewogen gemiddelde "
        "en staat er pas als elk product een cijfer heeft; de module is alleen behaald als elk product is behaald. "
        "Heb je je beoordelingen zelf geëxporteerd en meegegeven (--assessments), dan tellen die eerst.</p>",
    ]
    conflicts = grade_conflicts(cohort)
    if len(conflicts):
        parts.append(
            f"<p><strong>Let op:</strong> bij {len(conflicts)} beoordeling(en) staat in het portfolio van de student "
            "iets anders dan in je eigen bestand. Je eigen bestand telt. Bespreek het verschil met de student: het kan "
            "een latere herbeoordeling in de browser van de student zijn, of een gewijzigd bestand.</p>"
        )
        parts.append(
            table(
                conflicts,
                "Portfolio wijkt af van je eigen beoordeling",
                {
                    "deelnemer": "Student",
                    "groep": "Groep",
                    "rubric": "Rubric",
                    "cijfer_portfolio": "Cijfer in portfolio",
                    "cijfer_docentbestand": "Cijfer in je eigen bestand",
                    "verschil": "Criteria met een ander niveau",
                },
                decimals={"cijfer_portfolio": 1, "cijfer_docentbestand": 1},
            )
        )
    if not grades.empty:
        parts.append(
            figure(
                charts.grades_chart(grades, titles),
                "Histogrammen: cijfers per product",
                "Aantal studenten per cijfer; de stippellijn is de grens 5,5.",
            )
        )
    parts.append(
        table(
            grade_summary(cohort),
            "Cijfers van de docent per product",
            {
                "rubric": "Rubric",
                "n": "Studenten met een cijfer",
                "gemiddelde": "Gemiddelde",
                "laagste": "Laagste",
                "hoogste": "Hoogste",
                "behaald": "Behaald",
            },
            decimals={"laagste": 1, "hoogste": 1},
        )
    )
    one = {column: 1 for column in [*titles, "modulecijfer"]}
    parts.append(table(book, "Cijferlijst (ook als CSV voor de leeromgeving)", headers, decimals=one))
    return "\n".join(parts)


def _cases(cohort: Cohort) -> str:
    choices = case_choices(cohort)
    if choices.empty:
        return '<h2 id="casussen">Casussen</h2><p>Nog geen afgeronde rollenspellen in de portfolio\'s.</p>'
    return "\n".join(
        [
            '<h2 id="casussen">Casussen en keuzes</h2>',
            table(
                case_popularity(cohort),
                "Gespeelde casussen",
                {
                    "titel": "Casus",
                    "deelnemers": "Studenten",
                    "gespeeld": "Afgeronde spellen",
                    "klassikaal": "Waarvan klassikaal",
                },
            ),
            figure(
                charts.choices_chart(choices),
                "Staafdiagram: meest gekozen keuzes",
                "Hoe vaak een keuze is gemaakt, met het aandeel binnen de scène.",
            ),
            table(
                case_endings(cohort),
                "Aflopen per casus",
                {"casus": "Casus", "titel": "Afloop", "toon": "Toon", "aantal": "Aantal"},
            ),
            "<details><summary>Alle keuzes per scène</summary>"
            + table(
                choices,
                "Keuzes per scène",
                {
                    "casus_titel": "Casus",
                    "scene_titel": "Scène",
                    "keuze_tekst": "Keuze",
                    "aantal": "Aantal",
                    "aandeel": "Aandeel in scène (%)",
                },
            )
            + "</details>",
        ]
    )


def render_report(cohort: Cohort, title: str = "Cohortoverzicht") -> str:
    """The whole report as one HTML string."""
    made = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    sections = [_files(cohort), _progress(cohort), _scan(cohort), _competences(cohort), _grades(cohort), _cases(cohort)]
    nav = (
        '<nav aria-label="Inhoud"><ul>'
        + "".join(
            f'<li><a href="#{anchor}">{label}</a></li>'
            for anchor, label in [
                ("bestanden", "Ingelezen bestanden"),
                ("voortgang", "Voortgang"),
                ("zelfscan", "Zelfscan Bronstein"),
                ("competenties", "Competenties"),
                ("cijfers", "Cijfers"),
                ("casussen", "Casussen en keuzes"),
            ]
        )
        + "</ul></nav>"
    )
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{html.escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{html.escape(title)}</h1>
<p>Samenwerken in het brede jeugddomein, cursus '{html.escape(cohort.book.course)}'. Gemaakt op {made} uit
{len(cohort.files)} bestanden.</p>
<p class="note">Dit overzicht bevat namen, cijfers en werk van studenten. Bewaar het alleen op een plek die je
instelling daarvoor goedkeurt en deel het niet met studenten of derden.</p>
{_numbers(cohort)}
{nav}
</header>
<main>
{chr(10).join(sections)}
</main>
</body>
</html>
"""


def write_report(cohort: Cohort, path: str | Path, title: str = "Cohortoverzicht") -> Path:
    """Write the report to `path` (UTF-8) and return the path."""
    path = Path(path)
    path.write_text(render_report(cohort, title), encoding="utf-8")
    return path
