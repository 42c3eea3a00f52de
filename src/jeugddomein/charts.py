"""Charts drawn from CSV figures of the sources: built with altair, rendered to SVG at build time (no CDN)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import altair as alt
import pandas as pd

from .loading import DataError, load_yaml_file
from .models.content import ChartSpec


def load_chart(chart_id: str, data: Path) -> tuple[ChartSpec, pd.DataFrame]:
    """Read `data/charts/<id>.yaml` and its CSV; check that every named column exists."""
    spec_path = data / "charts" / f"{chart_id}.yaml"
    if not spec_path.is_file():
        raise DataError(f"data/charts/{chart_id}.yaml", [(None, "", "dit bestand bestaat niet; maak het aan")])
    spec = load_yaml_file(ChartSpec, spec_path, data.parent)
    csv_path = data / spec.csv
    source = f"data/{spec.csv}"
    if not csv_path.is_file():
        raise DataError(str(spec_path.relative_to(data.parent)), [(None, "csv", f"{source} bestaat niet")])
    frame = pd.read_csv(csv_path)
    needed = [c for c in (spec.x, spec.y, spec.group, "bron") if c]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise DataError(source, [(1, "kolommen", f"kolom(men) {', '.join(missing)} ontbreken in de kopregel")])
    if not pd.api.types.is_numeric_dtype(frame[spec.y]):
        raise DataError(source, [(None, spec.y, "deze kolom moet getallen bevatten (punt als decimaalteken)")])
    if frame["bron"].isna().any():
        row = int(frame.index[frame["bron"].isna()][0]) + 2
        raise DataError(source, [(row, "bron", "elke rij noemt zijn bron (document en tabel of regel)")])
    return spec, frame


def build_chart(spec: ChartSpec, frame: pd.DataFrame) -> alt.Chart:
    """The altair chart for a spec; colours come with a legend and labels, never colour alone."""
    scale = (
        alt.Scale(domain=[spec.y_min, spec.y_max])
        if spec.y_min is not None and spec.y_max is not None
        else alt.Undefined
    )
    y = alt.Y(f"{spec.y}:Q", title=spec.y_title, scale=scale)
    wrapped = alt.Axis(labelAngle=0, labelLimit=220, labelExpr="split(datum.label, ' ')")
    x = alt.X(f"{spec.x}:N", title=spec.x_title, sort=None, axis=wrapped)
    mark = {
        "bar": alt.Chart(frame).mark_bar(),
        "line": alt.Chart(frame).mark_line(point=True),
        "point": alt.Chart(frame).mark_point(filled=True, size=80),
    }[spec.mark]
    encoding: dict = {"x": x, "y": y, "tooltip": [spec.x, spec.y] + ([spec.group] if spec.group else [])}
    if spec.group:
        palette = ["#1f5f8b", "#b35900", "#2e7d4f", "#6a3d9a"]
        encoding["color"] = alt.Color(f"{spec.group}:N", title=spec.group, scale=alt.Scale(range=palette))
        if spec.mark == "bar":
            encoding["xOffset"] = alt.XOffset(f"{spec.group}:N")
        else:
            encoding["shape"] = alt.Shape(f"{spec.group}:N", title=spec.group)
    else:
        mark = mark.encode(color=alt.value("#1f5f8b"))
    labels = (
        alt.Chart(frame)
        .mark_text(dy=-6, fontSize=11, color="#1a1a1a")
        .encode(
            x=x,
            y=y,
            text=alt.Text(f"{spec.y}:Q", format=".2~f"),
            **({"xOffset": alt.XOffset(f"{spec.group}:N")} if spec.group and spec.mark == "bar" else {}),
        )
    )
    return (
        (mark.encode(**encoding) + labels)
        .properties(width=520, height=300, title=spec.title)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelColor="#1a1a1a", titleColor="#1a1a1a")
        .configure_legend(labelColor="#1a1a1a", titleColor="#1a1a1a")
        .configure_title(color="#1a1a1a")
    )


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """Render a chart to a standalone SVG string, locally (vl-convert)."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict(), format_locale="nl-NL")


ChartT = TypeVar("ChartT", bound=alt.TopLevelMixin)


def drawn_offline(chart: ChartT) -> ChartT:
    """The same altair chart, but Jupyter shows it as SVG drawn here (vl-convert, as the site does) instead of through
    altair's renderer, which loads vega from a CDN and fails offline. It stays an altair chart in every other way;
    charts combined from it (`+`, `|`) are plain altair charts again."""
    kind: type = type(chart)
    object.__setattr__(chart, "__class__", _offline_class(kind))  # altair keeps plain attributes as chart keys
    return chart


@cache
def _offline_class(base: type) -> type:
    def _repr_mimebundle_(self: Any, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        return {"image/svg+xml": chart_svg(self), "text/plain": f"<altair.{base.__name__} als SVG>"}, {}

    return type(base.__name__, (base,), {"_repr_mimebundle_": _repr_mimebundle_, "__module__": base.__module__})
