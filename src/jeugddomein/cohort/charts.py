"""Altair charts of the cohort summaries. Every chart carries its numbers as text, so nothing is told by colour alone;
render them to SVG with `svg()` (vl-convert, locally: no script or font from a CDN).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..charts import chart_svg
from .bronstein import team_chart

INK = "#1a1a1a"
BLUE = "#1f5f8b"
ORANGE = "#b35900"
LIGHT = "#9ec3dc"

AnyChart = alt.TopLevelMixin
"""Any top-level altair chart (single, layered or faceted): what `svg` draws."""


def _finish(chart: AnyChart) -> AnyChart:
    return (
        chart.configure_axis(labelFontSize=12, titleFontSize=12, labelColor=INK, titleColor=INK)
        .configure_legend(labelColor=INK, titleColor=INK, labelFontSize=12, titleFontSize=12)
        .configure_title(color=INK, fontSize=14, anchor="start")
        .configure_header(labelColor=INK, titleColor=INK, labelFontSize=12)
        .configure_view(stroke=None)
    )


def svg(chart: AnyChart) -> str:
    """The chart as a standalone SVG string (vl-convert, Dutch number format)."""
    return chart_svg(chart)


def completion_chart(by_page: pd.DataFrame, title: str = "Voortgang per pagina") -> AnyChart:
    """Per page: the share of exercises learners touched and finished (bars side by side, with the percentages)."""
    frame = by_page.melt(
        id_vars=["pagina", "titel"], value_vars=["aangeraakt_pct", "af_pct"], var_name="maat", value_name="procent"
    )
    frame["maat"] = frame["maat"].map({"aangeraakt_pct": "aangeraakt", "af_pct": "af"})
    frame["etiket"] = frame.apply(lambda r: f"{r['maat']} {r['procent']:.0f}%", axis=1)
    y = alt.Y("titel:N", sort=list(dict.fromkeys(by_page["titel"])), title=None, axis=alt.Axis(labelLimit=260))
    offset = alt.YOffset("maat:N", sort=["aangeraakt", "af"])
    colour = alt.Color("maat:N", title="Oefeningen", scale=alt.Scale(domain=["aangeraakt", "af"], range=[LIGHT, BLUE]))
    x = alt.X("procent:Q", title="Procent van alle oefeningen × studenten", scale=alt.Scale(domain=[0, 115]))
    bars = (
        alt.Chart(frame).mark_bar().encode(y=y, yOffset=offset, x=x, color=colour, tooltip=["titel", "maat", "procent"])
    )
    text = (
        alt.Chart(frame)
        .mark_text(align="left", dx=3, fontSize=10, color=INK)
        .encode(y=y, yOffset=offset, x=x, text="etiket:N")
    )
    return _finish((bars + text).properties(width=420, height=alt.Step(13), title=title))


def scan_chart(profile: pd.DataFrame, title: str = "Zelfscan Bronstein: profiel van het cohort") -> AnyChart:
    """The team profile chart of jeugddomein.cohort.bronstein (mean, ± sd, min-max, labelled)."""
    return team_chart(profile, title=title)


def _mean_heatmap(frame: pd.DataFrame, x: alt.X, y: alt.Y, colour: alt.Color, tooltip: list[str]) -> alt.LayerChart:
    """Coloured cells with the mean and n written in each, so nothing depends on reading the colour."""
    frame = frame.assign(
        etiket=frame.apply(lambda r: f"{r['gemiddelde']:.2f} (n={int(r['n'])})".replace(".", ","), axis=1)
    )
    cells = alt.Chart(frame).mark_rect(stroke="white").encode(x=x, y=y, color=colour, tooltip=tooltip)
    text = alt.Chart(frame).mark_text(fontSize=11).encode(x=x, y=y, text="etiket:N", color=alt.value(INK))
    return cells + text


def scan_groups_chart(by_group: pd.DataFrame, title: str = "Zelfscan per groep: gemiddelde per component") -> AnyChart:
    """A table-like heat map: groups by components, the mean written in every cell (n below it)."""
    frame = by_group[(by_group["soort"] == "component") & by_group["gemiddelde"].notna()].copy()
    frame["gemiddelde"] = frame["gemiddelde"].astype(float)
    x = alt.X(
        "kort:N", title=None, sort=list(dict.fromkeys(frame["kort"])), axis=alt.Axis(labelAngle=0, labelLimit=140)
    )
    y = alt.Y("groep:N", title=None)
    colour = alt.Color(
        "gemiddelde:Q", title="Gemiddelde (1-5)", scale=alt.Scale(domain=[1, 5], range=["#f3f8fc", "#5d9ccb"])
    )
    cells = _mean_heatmap(frame, x, y, colour, ["groep", "onderdeel", "gemiddelde", "n"])
    return _finish(cells.properties(width=alt.Step(120), height=alt.Step(30), title=title))


def scan_change_chart(
    change: pd.DataFrame, title: str = "Zelfscan: eerste en laatste scan (zelfde studenten)"
) -> AnyChart:
    """Per part: the mean of the first scan (circle) and of the last scan (diamond), joined by a line."""
    frame = change[change["n"] > 0].copy()
    long = frame.melt(
        id_vars=["kort", "n", "verschil"], value_vars=["eerste", "laatste"], var_name="scan", value_name="score"
    )
    long["score"] = long["score"].astype(float)
    long["etiket"] = long.apply(lambda r: f"{r['score']:.2f}".replace(".", ","), axis=1)
    y = alt.Y("kort:N", title=None, sort=list(dict.fromkeys(frame["kort"])), axis=alt.Axis(labelLimit=200))
    x = alt.X("score:Q", title="Gemiddelde score (1-5)", scale=alt.Scale(domain=[1, 5]))
    line = alt.Chart(long).mark_line(color="#8a8f98").encode(y=y, x=x, detail="kort:N")
    points = (
        alt.Chart(long)
        .mark_point(filled=True, size=110)
        .encode(
            y=y,
            x=x,
            shape=alt.Shape(
                "scan:N", title="Scan", scale=alt.Scale(domain=["eerste", "laatste"], range=["circle", "diamond"])
            ),
            color=alt.Color(
                "scan:N", title="Scan", scale=alt.Scale(domain=["eerste", "laatste"], range=[BLUE, ORANGE])
            ),
            tooltip=["kort", "scan", "score", "n"],
        )
    )
    text = alt.Chart(long).mark_text(dy=-12, fontSize=10, color=INK).encode(y=y, x=x, text="etiket:N")
    return _finish((line + points + text).properties(width=420, height=alt.Step(36), title=title))


def competence_chart(
    progress: pd.DataFrame,
    names: dict[str, str] | None = None,
    title: str = "Competenties: gemiddeld niveau per moment",
) -> AnyChart:
    """A heat map of competences by moments with the mean level (and n) written in every cell."""
    frame = progress.copy()
    frame["naam"] = frame["competentie"].map(lambda c: (names or {}).get(c, c))
    x = alt.X("moment:N", title="Moment", sort=list(dict.fromkeys(frame["moment"])), axis=alt.Axis(labelAngle=0))
    y = alt.Y("naam:N", title=None, sort=list(dict.fromkeys(frame["naam"])), axis=alt.Axis(labelLimit=260))
    colour = alt.Color("gemiddelde:Q", title="Niveau", scale=alt.Scale(domain=[1, 4], range=["#f3faf5", "#6fbf8a"]))
    cells = _mean_heatmap(frame, x, y, colour, ["naam", "moment", "gemiddelde", "n"])
    return _finish(cells.properties(width=alt.Step(110), height=alt.Step(28), title=title))


def grades_chart(
    grades: pd.DataFrame, titles: dict[str, str] | None = None, title: str = "Cijfers van de docent per product"
) -> AnyChart:
    """Per product: how many learners got each grade (rounded to halves); the line marks the pass mark 5,5."""
    frame = grades.copy()
    frame["klasse"] = (frame["cijfer"].astype(float) * 2).round() / 2
    frame["product_naam"] = frame["product"].map(lambda p: (titles or {}).get(p, p))
    counts = frame.groupby(["product_naam", "klasse"]).size().rename("aantal").reset_index()
    x = alt.X("klasse:Q", title="Cijfer (afgerond op halven)", scale=alt.Scale(domain=[1, 10]), bin=False)
    y = alt.Y("aantal:Q", title="Aantal studenten")
    bars = alt.Chart().mark_bar(color=BLUE, width=14).encode(x=x, y=y, tooltip=["product_naam", "klasse", "aantal"])
    text = alt.Chart().mark_text(dy=-6, fontSize=10, color=INK).encode(x=x, y=y, text="aantal:Q")
    rule = alt.Chart(pd.DataFrame({"grens": [5.5]})).mark_rule(color=ORANGE, strokeDash=[4, 3]).encode(x="grens:Q")
    layered = alt.layer(bars, text, rule, data=counts).properties(width=230, height=150)
    chart = layered.facet(facet=alt.Facet("product_naam:N", title=None), columns=2).properties(title=title)
    return _finish(chart)


def choices_chart(choices: pd.DataFrame, top: int = 12, title: str = "Meest gekozen keuzes in de casussen") -> AnyChart:
    """The `top` most common choices over all cases, with how often and their share within the scene."""
    frame = choices.sort_values("aantal", ascending=False).head(top).copy()
    frame["keuze_kort"] = frame.apply(lambda r: _short(f"{r['casus_titel']}: {r['keuze_tekst']}", 70), axis=1)
    frame["etiket"] = frame.apply(lambda r: f"{int(r['aantal'])}× ({r['aandeel']:.0f}% in de scène)", axis=1)
    y = alt.Y("keuze_kort:N", title=None, sort=list(frame["keuze_kort"]), axis=alt.Axis(labelLimit=420))
    x = alt.X(
        "aantal:Q",
        title="Aantal keer gekozen (afgeronde spellen)",
        scale=alt.Scale(domainMax=float(frame["aantal"].max()) * 1.5 if len(frame) else 1),
    )
    bars = (
        alt.Chart(frame)
        .mark_bar(color=BLUE)
        .encode(y=y, x=x, tooltip=["casus_titel", "scene_titel", "keuze_tekst", "aantal", "aandeel"])
    )
    text = alt.Chart(frame).mark_text(align="left", dx=3, fontSize=10, color=INK).encode(y=y, x=x, text="etiket:N")
    return _finish((bars + text).properties(width=300, height=alt.Step(22), title=title))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
