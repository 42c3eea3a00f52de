"""Branding by configuration only: a changed configuration shows up in a built book; bad values stop the build."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.errors import ExtensionError

from jeugddomein.branding import Branding, contrast
from tests.mutation import DATA
from tests.sphinxproject import page, warnings

CONF = """
project = "Proef"
extensions = ["myst_nb", "sphinxcontrib.bibtex", "sphinx_design", "jeugddomein.sphinxext"]
bibtex_bibfiles = []
nb_execution_mode = "off"
myst_enable_extensions = ["substitution"]
html_theme = "sphinx_book_theme"
language = "nl"
source_suffix = {".rst": "restructuredtext"}  # this project's own dict (see tests/sphinxproject.py)
"""


def build(make_app: object, tmp: Path, settings: str) -> object:
    """A one-page book with the course's extension and these jd_* settings, built in-process."""
    src = tmp / "src"
    (src / "data").mkdir(parents=True, exist_ok=True)
    (src / "assets").mkdir(exist_ok=True)
    (src / "data" / "scorm.yaml").write_text((DATA / "scorm.yaml").read_text(encoding="utf-8"))
    (src / "assets" / "logo-proef.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>')
    (src / "index.md").write_text("# Proef\n\nVragen? Mail {{ jd_contact }} van {{ jd_instelling }}.\n")
    (src / "conf.py").write_text(CONF + settings)
    app = make_app("html", srcdir=src)
    app.build()
    return app


def test_changed_config_shows_up_in_the_site(make_app, tmp_path: Path):
    app = build(
        make_app,
        tmp_path,
        'jd_institution = "Hogeschool Proef"\njd_primary_color = "#7A1F5C"\njd_logo = "assets/logo-proef.svg"\n'
        'jd_contact_email = "minor@proef.nl"\njd_programmes = ["Pabo", "HBO-V"]\n',
    )
    assert warnings(app) == ""
    out = Path(app.outdir)
    index = page(app)
    css = (out / "_static" / "jeugddomein" / "branding.css").read_text(encoding="utf-8")
    assert "--jd-brand-primary: #7a1f5c;" in css
    loaded = "".join(
        (out / href).read_text(encoding="utf-8")
        for href in re.findall(r'<link rel="stylesheet"[^>]*href="([^"?]+)', index)
        if (out / href).is_file()
    )
    assert "--jd-brand-primary: #7a1f5c;" in loaded, "het gegenereerde stijlblad wordt geladen (ook gebundeld)"
    assert "Aangeboden door Hogeschool Proef voor Pabo, HBO-V." in index
    assert 'href="mailto:minor@proef.nl"' in index
    assert "Vragen? Mail minor&#64;proef.nl van Hogeschool Proef." in index, "MyST-substituties in pagina's"
    assert 'src="_static/logo-proef.svg"' in index and (out / "_static" / "logo-proef.svg").is_file()
    assert "Hogeschool Proef" in (out / "reader.html").read_text(encoding="utf-8")
    assert ' style="' not in index, "kleuren via het stijlblad, niet via inline stijlen"


def test_bad_settings_stop_the_build_with_the_field_and_fix(make_app, tmp_path: Path):
    with pytest.raises(ExtensionError, match="contrast met wit") as error:
        build(make_app, tmp_path, 'jd_primary_color = "#ffdd00"\n')
    assert "sphinx.config.jd_primary_color" in str(error.value)
    with pytest.raises(ExtensionError, match=re.escape("jd_logo: het bestand 'assets/bestaat-niet.svg' bestaat niet")):
        build(make_app, tmp_path / "b", 'jd_logo = "assets/bestaat-niet.svg"\n')


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("primary_color", "blauw", "schrijf een kleur als #rrggbb"),
        ("accent_color", "#ffcc99", "contrast met wit"),
        ("contact_email", "geen-adres", "is geen e-mailadres"),
        ("institution_url", "www.hs.nl", "begin met https://"),
        ("programmes", "Pabo", "hier hoort een lijst"),
    ],
)
def test_each_setting_is_validated(field: str, value: object, message: str):
    config = SimpleNamespace(**Branding.config_values())
    setattr(config, f"jd_{field}", value)
    with pytest.raises(ValueError, match=message) as error:
        Branding.from_config(config)
    assert f"_config.yml: sphinx.config.jd_{field}" in str(error.value)


def test_contrast_follows_wcag():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#1f5f8b", "#ffffff") >= 4.5
    assert contrast("#777777", "#ffffff") < 4.5


def test_every_setting_has_help_text():
    for name, info in Branding.model_fields.items():
        assert info.description and len(info.description) > 20, name
    assert set(Branding.config_values()) == {f"jd_{name}" for name in Branding.model_fields}
