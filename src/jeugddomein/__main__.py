"""Command line of the course package: `python -m jeugddomein cohort FOLDER --out report.html [--grades grades.csv]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cohort(args: argparse.Namespace) -> int:
    import zipfile

    from .cohort import load_portfolios, write_report
    from .cohort.loading import KIND_ASSESSMENT, STATUS_INVALID, STATUS_SKIPPED
    from .cohort.summary import grade_conflicts, grades_csv

    try:
        cohort = load_portfolios(args.folder, groups=args.groups, assessments=args.assessments, workers=args.workers)
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2
    problems = cohort.problems()
    print(f"{len(cohort.students)} studenten ingelezen uit {args.folder}.")
    own = problems["soort"] == KIND_ASSESSMENT
    for row in problems[~own].itertuples():
        print(f"  {row.status}: {row.bestand}: {row.reden}")
    for row in cohort.notes().itertuples():
        print(f"  {row.bestand}: {row.reden}")
    if cohort.missing:
        print(f"  geen portfolio van: {', '.join(cohort.missing)}")
    if own.any():
        print(f"LET OP: {int(own.sum())} van je eigen beoordelingen tellen niet:")
        for row in problems[own].itertuples():
            print(f"  {row.status}: {row.bestand}: {row.reden}")
    conflicts = grade_conflicts(cohort)
    if len(conflicts):
        print(f"  let op: {len(conflicts)} portfolio('s) met een ander docentcijfer dan je eigen bestand")
    try:
        if args.out:
            path = write_report(cohort, args.out, title=args.title)
            print(f"Overzicht geschreven naar {path}")
        if args.grades:
            grades_csv(cohort, args.grades, excel_nl=args.excel_nl)
            print(f"Cijferlijst geschreven naar {args.grades}")
    except OSError as error:
        print(
            f"Fout: kan niet schrijven naar {error.filename or 'het uitvoerbestand'} ({error.strerror})",
            file=sys.stderr,
        )
        return 2
    if args.strict and problems["status"].isin([STATUS_SKIPPED, STATUS_INVALID]).any():
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a console that cannot show a student's name must not end the run
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = argparse.ArgumentParser(
        prog="python -m jeugddomein",
        description="Hulpmiddelen bij de cursus Samenwerken in het brede jeugddomein.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    cohort = commands.add_parser(
        "cohort",
        help="overzicht van een cohort uit de geëxporteerde portfolio's",
        description="Lees een map (of zipbestand) met geëxporteerde portfolio's en schrijf één HTML-overzicht "
        "en desgewenst een cijferlijst (CSV) voor de leeromgeving. Alles gebeurt op deze computer.",
    )
    cohort.add_argument("folder", type=Path, help="map of .zip met de portfoliobestanden (.json); submappen tellen mee")
    cohort.add_argument("--out", type=Path, help="HTML-bestand voor het overzicht, bijvoorbeeld overzicht.html")
    cohort.add_argument("--grades", type=Path, help="CSV-bestand voor de cijferlijst, bijvoorbeeld cijfers.csv")
    cohort.add_argument("--groups", type=Path, help="CSV met de kolommen deelnemer en groep (beroep mag erbij)")
    cohort.add_argument(
        "--assessments",
        type=Path,
        help="map of .zip met je eigen rubricexports (docentmodus, 'Exporteer als JSON'); die tellen eerst",
    )
    cohort.add_argument("--excel-nl", action="store_true", help="cijferlijst met puntkomma's en decimale komma's")
    cohort.add_argument("--title", default="Cohortoverzicht", help="titel boven het overzicht")
    cohort.add_argument("--workers", type=int, default=None, help="aantal processen (standaard: alle kernen)")
    cohort.add_argument(
        "--strict",
        action="store_true",
        help="sluit af met code 1 als er bestanden zijn overgeslagen of een eigen beoordeling ongeldig is",
    )
    args = parser.parse_args(argv)
    if args.command == "cohort":
        if not args.out and not args.grades:
            parser.error("geef --out (HTML-overzicht), --grades (CSV) of allebei")
        return _cohort(args)
    return 2  # pragma: no cover


if __name__ == "__main__":
    raise SystemExit(main())
