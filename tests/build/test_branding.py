"""Branding in the course as configured in the repository (the other branding tests build their own book)."""

from __future__ import annotations

from pathlib import Path

from jeugddomein.branding import Branding


def test_defaults_are_neutral(site: Path):
    """The course as configured in the repository names no institution and keeps its own colours."""
    css = (site / "_static" / "jeugddomein" / "branding.css").read_text(encoding="utf-8")
    assert "--jd-brand-primary: #1f5f8b;" in css
    assert "jd-branding" not in (site / "intro.html").read_text(encoding="utf-8")
    defaults = Branding()
    assert defaults.institution == "" and defaults.programmes == [] and defaults.footer_html() == ""
