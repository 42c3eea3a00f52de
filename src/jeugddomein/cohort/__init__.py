"""Cohort analysis for lecturers: from a folder of the students' exported portfolios to tables, charts, a grade CSV
for the gradebook of the learning environment and one self-contained HTML report.

    from jeugddomein.cohort import load_portfolios, summary, write_report
    cohort = load_portfolios("exports/", groups="groepen.csv")
    cohort.problems()                      # the files that could not be used, each with the reason
    summary.completion_by_page(cohort)     # and the other summaries
    summary.grades_csv(cohort, "cijfers.csv")
    write_report(cohort, "cohort.html")

Or on the command line: `python -m jeugddomein cohort FOLDER --out report.html --grades cijfers.csv`.
Everything runs on the lecturer's own machine; nothing is sent anywhere.
"""

from __future__ import annotations

from . import charts, summary
from .loading import Cohort, load_portfolios
from .report import render_report, write_report
from .roster import read_groups
from .summary import gradebook, grades_csv

__all__ = [
    "Cohort",
    "charts",
    "gradebook",
    "grades_csv",
    "load_portfolios",
    "read_groups",
    "render_report",
    "summary",
    "write_report",
]
