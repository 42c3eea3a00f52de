"""Bronstein self-scan: statements per component, a score per component, charts, repeat over time and compare."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import traitlets

from ...charts import drawn_offline
from ...cohort.bronstein import PART_DETAIL_COLUMNS, scored_parts
from ...models.base import WidgetSpec
from ...paths import data_dir as course_data_dir
from ..base import CourseWidget
from .model import (
    UNKNOWN,
    BronsteinScanSpec,
    BronsteinScanState,
    Instrument,
    SavedScan,
    compare,
    load_instrument,
    score,
)


class BronsteinScan(CourseWidget):
    """The self-scan on Bronstein's five components (and four influencing factors).

    In Jupyter: `start(...)`, `answer(...)`, `finish(...)` do what the buttons do; `to_frame()` gives the results
    as a tidy table, `chart()` an altair chart, `compare_frame()` the change between two moments.
    """

    widget_name = "bronstein-scan"
    label = "Zelfscan Bronstein"
    module = "bronstein_scan"
    spec_model = BronsteinScanSpec
    state_model = BronsteinScanState
    config_is_spec = True

    WEET_IK_NIET = UNKNOWN
    """The answer value for 'weet ik niet' (not counted)."""

    instrument = traitlets.Dict(help="The instrument: scale, perspectives, components, factors, reference.").tag(
        sync=True
    )
    perspective = traitlets.Unicode("", help="Perspective of the scan in progress.").tag(sync=True, learner=True)
    context = traitlets.Unicode("", help="Collaboration the scan in progress is about.").tag(sync=True, learner=True)
    mode = traitlets.Unicode("vraag", help="'vraag' (one at a time) or 'component'.").tag(sync=True, learner=True)
    position = traitlets.Int(0, help="Position in the scan in progress.").tag(sync=True, learner=True)
    answers = traitlets.Dict(help="Answers of the scan in progress: item id -> value.").tag(sync=True, learner=True)
    scans = traitlets.List(traitlets.Dict(), help="Completed scans.").tag(sync=True, learner=True)

    @classmethod
    def resolve_config(cls, spec: WidgetSpec, data_dir: Path | None = None) -> dict[str, Any]:
        """The full instrument (checked, with the teachers' means filled in) as the front end's configuration."""
        assert isinstance(spec, BronsteinScanSpec)
        instrument = spec.instrument
        if not isinstance(instrument, Instrument):
            instrument = load_instrument(instrument, data_dir or course_data_dir())
        return {"instrument": instrument.model_dump(mode="json")}

    # -- working the scan from Python ---------------------------------------------------------------------------

    @property
    def _item_ids(self) -> list[str]:
        return [
            item["id"] for key in ("components", "factors") for block in self.instrument[key] for item in block["items"]
        ]

    def start(self, perspective: str, context: str = "", mode: str = "vraag") -> None:
        """Begin a new scan from a perspective (see `instrument['perspectives']`)."""
        known = [p["id"] for p in self.instrument["perspectives"]]
        if perspective not in known:
            raise ValueError(f"Onbekend perspectief '{perspective}'; kies uit {', '.join(known)}.")
        if mode not in ("vraag", "component"):
            raise ValueError("Kies mode 'vraag' of 'component'.")
        self.perspective, self.context, self.mode, self.position, self.answers = perspective, context, mode, 0, {}

    def answer(self, item_id: str, value: int) -> None:
        """Answer one statement with a scale point, or `BronsteinScan.WEET_IK_NIET` (0)."""
        if item_id not in self._item_ids:
            raise KeyError(f"Onbekende stelling '{item_id}'.")
        top = len(self.instrument["scale"])
        if not (value == UNKNOWN or 1 <= value <= top):
            raise ValueError(f"Antwoord met 1 tot en met {top}, of 0 voor 'weet ik niet'.")
        self.answers = {**self.answers, item_id: int(value)}

    def answer_all(self, answers: dict[str, int]) -> None:
        """Answer several statements at once."""
        for item_id, value in answers.items():
            self.answer(item_id, value)

    def finish(self, label: str, day: dt.date | None = None) -> dict[str, Any]:
        """Keep the scan in progress as a completed scan with a label ('week 1', 'na stage') and a date."""
        if not self.perspective:
            raise ValueError("Kies eerst een perspectief met start(...).")
        saved = SavedScan(
            label=label,
            date=day or dt.date.today(),
            perspective=self.perspective,
            context=self.context,
            version=self.instrument["version"],
            answers=self.answers,
        ).model_dump(mode="json")
        self.scans = [*self.scans, saved]
        self.perspective, self.context, self.position, self.answers = "", "", 0, {}
        return saved

    def current(self) -> dict[str, Any]:
        """The scores of the scan in progress (same structure as the browser's)."""
        return score(self.instrument, self.answers)

    # -- results -------------------------------------------------------------------------------------------------

    def to_frame(self, include_draft: bool = False) -> pd.DataFrame:
        """Tidy results: one row per completed scan and component or factor."""
        moments = [(i, s) for i, s in enumerate(self.scans)]
        if include_draft and self.answers:
            moments.append(
                (
                    len(self.scans),
                    {
                        "label": "(bezig)",
                        "date": None,
                        "perspective": self.perspective,
                        "context": self.context,
                        "answers": self.answers,
                    },
                )
            )
        return results_frame(self.instrument, moments)

    def compare_frame(self, first: int = -2, second: int = -1) -> pd.DataFrame:
        """Change per component and factor between two completed scans (by position; default: the last two)."""
        if len(self.scans) < 2:
            raise ValueError("Vergelijken kan vanaf twee bewaarde scans.")
        a, b = self.scans[first], self.scans[second]
        frame = pd.DataFrame(compare(self.instrument, a["answers"], b["answers"]))
        return frame.rename(
            columns={
                "name": "onderdeel",
                "kind": "soort",
                "first": a["label"],
                "second": b["label"],
                "change": "verandering",
            }
        )

    def chart(self, include_factors: bool = False) -> alt.Chart:
        """Scores per component for each completed scan, as grouped bars with the exact value on each bar.

        Jupyter shows it as SVG drawn locally (no script from a CDN); it is an altair chart in every other way."""
        frame = self.to_frame()
        if frame.empty:
            raise ValueError("Er is nog geen bewaarde scan om te tonen.")
        if not include_factors:
            frame = frame[frame["soort"] == "component"]
        chart = score_chart(frame.dropna(subset=["score"]), group="moment", title="Zelfscan Bronstein per moment")
        return drawn_offline(chart)


def results_frame(instrument: dict[str, Any], moments: list[tuple[int, dict[str, Any]]]) -> pd.DataFrame:
    """Tidy rows (moment, date, perspective, part, score, n, ...) for numbered scans of one instrument."""
    rows = []
    for number, scan in moments:
        when = {
            "scan": number,
            "moment": scan["label"],
            "datum": scan.get("date"),
            "perspectief": scan.get("perspective", ""),
        }
        rows += [{**when, **part} for part in scored_parts(instrument, scan["answers"])]
    columns = ["scan", "moment", "datum", "perspectief", *PART_DETAIL_COLUMNS]
    frame = pd.DataFrame(rows, columns=columns)
    frame["score"] = frame["score"].astype("Float64")
    return frame


def score_chart(frame: pd.DataFrame, group: str | None, title: str) -> alt.Chart:
    """Horizontal bars of `score` per part (0-5), one bar per `group` value, each labelled with its value."""
    y = alt.Y("kort:N", title=None, sort=None, axis=alt.Axis(labelLimit=200))
    x = alt.X("score:Q", title="Score (1-5)", scale=alt.Scale(domain=[0, 5]))
    encoding: dict[str, Any] = {"x": x, "y": y, "tooltip": ["onderdeel", "score", "n"]}
    text_encoding: dict[str, Any] = {"x": x, "y": y, "text": alt.Text("score:Q", format=".2f")}
    if group:
        palette = ["#1f5f8b", "#b35900", "#2e7d4f", "#6a3d9a"]
        encoding["color"] = alt.Color(f"{group}:N", title="Moment", scale=alt.Scale(range=palette), sort=None)
        encoding["yOffset"] = alt.YOffset(f"{group}:N", sort=None)
        text_encoding["yOffset"] = alt.YOffset(f"{group}:N", sort=None)
    else:
        encoding["color"] = alt.value("#1f5f8b")
    bars = alt.Chart(frame).mark_bar().encode(**encoding)
    labels = alt.Chart(frame).mark_text(align="left", dx=4, fontSize=11, color="#1a1a1a").encode(**text_encoding)
    return (
        (bars + labels)
        .properties(width=420, height=alt.Step(14 if group else 26), title=title)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelColor="#1a1a1a", titleColor="#1a1a1a")
        .configure_legend(labelColor="#1a1a1a", titleColor="#1a1a1a")
        .configure_title(color="#1a1a1a")
    )


__all__ = ["BronsteinScan", "results_frame", "score_chart"]
