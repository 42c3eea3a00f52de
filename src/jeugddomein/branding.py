"""An institution's branding, set only in _config.yml: name, logo, colours, contact, programmes.

Every setting is a Sphinx config value `jd_<field>` under `sphinx.config` in _config.yml, declared once here with
its help text. The defaults are neutral (no institution named, the course's own logo and blue). The colours reach the
site as CSS custom properties in a generated stylesheet (_static/jeugddomein/branding.css), the texts through the
footer, the page template context (`jd_branding`) and MyST substitutions (`{{ jd_instelling }}`, `{{ jd_contact }}`,
`{{ jd_opleidingen }}`).
"""

from __future__ import annotations

import html
import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationError

from .loading import plain_reason
from .models.base import StrictModel

CONFIG_PREFIX = "jd_"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """Relative luminance (WCAG 2.1) of a #rrggbb colour."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """Contrast ratio (WCAG 2.1) of two #rrggbb colours, from 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _color(minimum: float, use: str):
    def check(value: str) -> str:
        value = value.strip().lower()
        if not re.fullmatch(r"#[0-9a-f]{6}", value):
            raise ValueError(f"schrijf een kleur als #rrggbb, bijvoorbeeld #1f5f8b (niet '{value}')")
        ratio = contrast(value, "#ffffff")
        if ratio < minimum:
            raise ValueError(
                f"{value} heeft maar {ratio:.1f}:1 contrast met wit; {use} vraagt minstens {minimum}:1 (WCAG 2.1 AA). "
                "Kies een donkerdere tint"
            )
        return value

    return AfterValidator(check)


def _email(value: str) -> str:
    value = value.strip()
    if value and not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", value):
        raise ValueError(f"'{value}' is geen e-mailadres")
    return value


def _url(value: str) -> str:
    value = value.strip()
    if value and not re.fullmatch(r"https?://[^\s<>\"]+", value):
        raise ValueError(f"'{value}' is geen webadres; begin met https://")
    return value


Email = Annotated[str, AfterValidator(_email)]
Url = Annotated[str, AfterValidator(_url)]
PlainText = Annotated[str, Field(max_length=200)]


class Branding(StrictModel):
    """What an institution may change without touching code (sphinx.config.jd_<field> in _config.yml)."""

    institution: PlainText = Field("", description="Naam van de instelling die de cursus aanbiedt; leeg: geen naam.")
    institution_url: Url = Field("", description="Website van de instelling (https://...); leeg: geen link.")
    logo: str = Field(
        "",
        description="Logo van de instelling, pad vanaf de cursusmap (SVG of PNG, bijvoorbeeld assets/logo-hs.svg); "
        "leeg: het neutrale cursuslogo uit 'logo:' in _config.yml.",
    )
    logo_alt: PlainText = Field("", description="Alternatieve tekst van het logo; leeg: de naam van de instelling.")
    primary_color: Annotated[str, _color(4.5, "tekst en knoppen")] = Field(
        "#1f5f8b",
        description="Hoofdkleur voor links en knoppen (#rrggbb); minstens 4,5:1 contrast met wit.",
    )
    accent_color: Annotated[str, _color(3.0, "een focusrand")] = Field(
        "#b35900",
        description="Accentkleur voor de focusrand en meldingen (#rrggbb); minstens 3:1 contrast met wit.",
    )
    contact_name: PlainText = Field("", description="Wie studenten kunnen benaderen met vragen (naam of afdeling).")
    contact_email: Email = Field("", description="E-mailadres voor vragen over de cursus en over privacy.")
    contact_url: Url = Field("", description="Webpagina met contactgegevens (https://...).")
    programmes: list[PlainText] = Field(
        default_factory=list,
        max_length=20,
        description="Opleiding(en) waarvoor de instelling de cursus aanbiedt, bijvoorbeeld [Pabo, Social Work, HBO-V].",
    )

    @classmethod
    def config_values(cls) -> dict[str, Any]:
        """Every Sphinx config name with its default."""
        return {
            CONFIG_PREFIX + name: info.get_default(call_default_factory=True) for name, info in cls.model_fields.items()
        }

    @classmethod
    def from_config(cls, config: Any) -> Branding:
        """Validate the jd_* values of a Sphinx config; problems become one Dutch message per field."""
        data = {name: getattr(config, CONFIG_PREFIX + name) for name in cls.model_fields}
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            lines = [
                f"_config.yml: sphinx.config.{CONFIG_PREFIX}{'.'.join(map(str, e['loc']))}: {plain_reason(e)}"
                for e in exc.errors()
            ]
            raise ValueError("\n".join(lines)) from None

    @property
    def contact(self) -> str:
        """The contact in one line of plain text (neutral when nothing is set)."""
        parts = [p for p in (self.contact_name, self.contact_email, self.contact_url) if p]
        if parts:
            return ", ".join(parts)
        return "de instelling die deze cursus aanbiedt" if not self.institution else self.institution

    def substitutions(self) -> dict[str, str]:
        """MyST substitutions for pages (plain text)."""
        return {
            "jd_instelling": self.institution or "de instelling die deze cursus aanbiedt",
            "jd_contact": self.contact,
            "jd_opleidingen": ", ".join(self.programmes) or "de deelnemende opleidingen",
        }

    def stylesheet(self) -> str:
        """The generated stylesheet: the colours as custom properties, applied to the theme and the widgets."""
        return (
            "/* Gemaakt bij het bouwen uit sphinx.config.jd_* in _config.yml; wijzig die, niet dit bestand. */\n"
            f":root {{ --jd-brand-primary: {self.primary_color}; --jd-brand-accent: {self.accent_color}; }}\n"
            'html[data-theme="light"] { --pst-color-primary: var(--jd-brand-primary); '
            "--pst-color-link: var(--jd-brand-primary); --pst-color-link-hover: var(--jd-brand-primary); "
            "--pst-color-accent: var(--jd-brand-accent); }\n"
            ".jd-button { border-color: var(--jd-brand-primary); color: var(--jd-brand-primary); }\n"
            ".jd-button.jd-primary { background: var(--jd-brand-primary); color: #fff; }\n"
            ".jd-button:focus-visible, .jd-widget input:focus-visible, .jd-widget textarea:focus-visible, "
            ".jd-portfolio input:focus-visible { outline-color: var(--jd-brand-accent); }\n"
            ".jd-notice { border-left-color: var(--jd-brand-accent); }\n"
            ".jd-branding { margin-top: 0.5rem; font-size: 0.9rem; }\n"
            ".jd-branding p { margin: 0.1rem 0; }\n"
        )

    def footer_html(self) -> str:
        """The institution's lines under every page (empty when no institution or contact is set)."""
        esc = html.escape
        lines = []
        if self.institution:
            name = esc(self.institution)
            if self.institution_url:
                name = f'<a href="{esc(self.institution_url)}">{name}</a>'
            text = f"Aangeboden door {name}"
            if self.programmes:
                text += " voor " + esc(", ".join(self.programmes))
            lines.append(f'<p class="jd-branding-institution">{text}.</p>')
        contact = []
        if self.contact_name:
            contact.append(esc(self.contact_name))
        if self.contact_email:
            contact.append(f'<a href="mailto:{esc(self.contact_email)}">{esc(self.contact_email)}</a>')
        if self.contact_url:
            contact.append(f'<a href="{esc(self.contact_url)}">{esc(self.contact_url)}</a>')
        if contact:
            lines.append(f'<p class="jd-branding-contact">Contact: {", ".join(contact)}</p>')
        return f'<div class="jd-branding">{"".join(lines)}</div>' if lines else ""

    def context(self) -> dict[str, Any]:
        """What page templates get as `jd_branding`."""
        return {**self.model_dump(), "contact": self.contact, "footer_html": self.footer_html()}
