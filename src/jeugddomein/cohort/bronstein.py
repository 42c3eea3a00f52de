"""Team profile of the Bronstein self-scan for lecturers: exported portfolios (or a CSV) -> a profile per component.

    from jeugddomein.cohort.bronstein import load_results, team_profile, team_chart
    results = load_results("portfolios/")          # a folder of exported portfolio files, or a CSV
    profile = team_profile(results)                # per component: mean, spread (sd, min, max), n
    team_chart(profile)                            # altair chart with the exact values on it

Nothing leaves the lecturer's machine; the portfolios are read from disk.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
from pydantic import ValidationError

from ..models.portfolio import PORTFOLIO_FORMAT, SCHEMA_VERSION, Portfolio
from ..paths import data_dir
from ..widgets.bronstein_scan.model import Instrument, Scoring, load_instrument, score

WIDGET = "bronstein-scan"
PART_COLUMNS = ["soort", "onderdeel_id", "onderdeel", "kort", "score", "n"]
"""Per component or factor of a scan: what every table of scan results has."""
PART_DETAIL_COLUMNS = [*PART_COLUMNS, "weet_niet", "stellingen", "niveau"]
"""PART_COLUMNS plus the 'weet ik niet' answers, the number of statements and the level (laag, midden, hoog)."""
RESULT_COLUMNS = ["deelnemer", "bestand", "widget_id", "moment", "datum", "perspectief", *PART_COLUMNS]
"""One row per learner, scan and part (the lecturer's tables)."""
PROFILE_COLUMNS = ["soort", "onderdeel_id", "onderdeel", "kort", "gemiddelde", "sd", "min", "max", "n", "zonder_score"]


def scored_parts(instrument: Instrument | dict[str, Any] | Scoring, answers: dict[str, int]) -> list[dict[str, Any]]:
    """The score of every component and factor for one set of answers, as rows with PART_DETAIL_COLUMNS."""
    return [
        {
            "soort": part["kind"],
            "onderdeel_id": part["id"],
            "onderdeel": part["name"],
            "kort": part["short"],
            "score": part["score"],
            "n": part["n"],
            "weet_niet": part["unknown"],
            "stellingen": part["items"],
            "niveau": part["level"],
        }
        for part in score(instrument, answers)["scales"]
    ]


def _instrument(instrument: Instrument | dict[str, Any] | None) -> dict[str, Any]:
    if instrument is None:
        instrument = load_instrument("bronstein", data_dir())
    return instrument.model_dump(mode="json") if isinstance(instrument, Instrument) else instrument


def read_portfolios(source: str | Path | Iterable[str | Path]) -> tuple[list[tuple[str, Portfolio]], list[str]]:
    """Read exported portfolio files (a folder of *.json, or a list of paths).

    Returns the valid ones as (file name, portfolio) and, per unreadable file, a Dutch sentence saying why.
    """
    if isinstance(source, str | Path) and Path(source).is_dir():
        paths = sorted(Path(source).glob("*.json"))
    elif isinstance(source, str | Path):
        paths = [Path(source)]
    else:
        paths = [Path(p) for p in source]
    found, problems = [], []
    for path in paths:
        try:
            found.append((path.name, Portfolio.from_file(path)))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(map(str, first["loc"])) or "(bestand)"
            problems.append(f"{path.name}: geen geldig portfolio ({where}: {first['msg']}); overgeslagen")
        except OSError as error:
            problems.append(f"{path.name}: niet te lezen ({error.strerror}); overgeslagen")
    return found, problems


def portfolio_results(
    portfolios: list[tuple[str, Portfolio]],
    instrument: Instrument | dict[str, Any] | None = None,
    which: str = "laatste",
) -> pd.DataFrame:
    """Tidy scores (one row per learner, scan and part) from portfolios.

    `which`: "laatste" (each learner's most recent scan), "alle" (every scan), or a moment label such as "week 1"
    (the scans with that label, compared case-insensitively).
    """
    config = _instrument(instrument)
    rows = []
    for name, portfolio in portfolios:
        learner = portfolio.learner or Path(name).stem
        for entry in portfolio.entries:
            if entry.widget != WIDGET:
                continue
            scans = [scan.model_dump(mode="json") for scan in entry.state.scans]
            if which == "laatste":
                scans = sorted(scans, key=lambda s: s["date"])[-1:]
            elif which != "alle":
                scans = [s for s in scans if s["label"].strip().casefold() == which.strip().casefold()]
            for scan in scans:
                where = {"deelnemer": learner, "bestand": name, "widget_id": entry.id}
                when = {"moment": scan["label"], "datum": scan["date"], "perspectief": scan["perspective"]}
                rows += [{**where, **when, **part} for part in scored_parts(config, scan["answers"])]
    frame = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    frame["score"] = pd.to_numeric(frame["score"]).astype("Float64")
    return frame


def read_results_csv(path: str | Path, instrument: Instrument | dict[str, Any] | None = None) -> pd.DataFrame:
    """Read tidy scores from a CSV with at least the columns deelnemer, onderdeel and score.

    `onderdeel` may be the id ('flexibiliteit') or the name ('Flexibiliteit') of a component or factor; an
    empty score means "niet genoeg antwoorden". Unknown parts are an error that names the row.
    """
    config = _instrument(instrument)
    frame = pd.read_csv(path, dtype={"deelnemer": str, "onderdeel": str})
    missing = {"deelnemer", "onderdeel", "score"} - set(frame.columns)
    if missing:
        raise ValueError(f"{Path(path).name}: kolom(men) {', '.join(sorted(missing))} ontbreken in de kopregel")
    parts = {}
    for kind, key in (("component", "components"), ("factor", "factors")):
        for block in config[key]:
            for alias in (block["id"], block["name"].casefold(), block["short"].casefold()):
                parts[alias] = (kind, block)
    rows = []
    for i, row in frame.iterrows():
        key = str(row["onderdeel"]).strip()
        found = parts.get(key) or parts.get(key.casefold())
        if found is None:
            raise ValueError(f"{Path(path).name}: regel {i + 2}: onbekend onderdeel '{key}'")
        kind, block = found
        value = pd.to_numeric(row["score"], errors="coerce")
        if pd.notna(value) and not 1 <= value <= len(config["scale"]):
            raise ValueError(f"{Path(path).name}: regel {i + 2}: score {value} valt buiten 1-{len(config['scale'])}")
        rows.append(
            {
                "deelnemer": row["deelnemer"],
                "bestand": Path(path).name,
                "widget_id": row.get("widget_id", ""),
                "moment": row.get("moment", ""),
                "datum": row.get("datum", ""),
                "perspectief": row.get("perspectief", ""),
                "soort": kind,
                "onderdeel_id": block["id"],
                "onderdeel": block["name"],
                "kort": block["short"],
                "score": value,
                "n": row.get("n", pd.NA),
            }
        )
    out = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    out["score"] = pd.to_numeric(out["score"]).astype("Float64")
    return out


def load_results(
    source: str | Path | Iterable[str | Path],
    instrument: Instrument | dict[str, Any] | None = None,
    which: str = "laatste",
) -> pd.DataFrame:
    """Tidy scores from a CSV file, or from a folder (or list) of exported portfolios. Unreadable files are reported."""
    if isinstance(source, str | Path) and Path(source).suffix.lower() == ".csv":
        return read_results_csv(source, instrument)
    portfolios, problems = read_portfolios(source)
    for problem in problems:
        print(problem)
    return portfolio_results(portfolios, instrument, which)


def _means_half_up(scores: pd.Series, keys: list[pd.Series]) -> pd.Series:
    """Per group of `keys`: the exact mean of the scores (NaN left out), rounded half up to two decimals.

    Scores with at most two decimals (as the scan gives them) are summed as whole hundredths, exactly; other groups
    (e.g. a lecturer's CSV with more decimals) are summed as decimals. Either way 3.285 becomes 3.29, not 3.28.
    """
    scaled = scores * 100
    cents = scaled.round()
    whole = ((scaled - cents).abs() < 1e-6) | scores.isna()
    frame = pd.DataFrame({"cents": cents.fillna(0).astype("int64"), "whole": whole, "n": scores.notna()})
    grouped = frame.groupby(keys, sort=False).agg(cents=("cents", "sum"), whole=("whole", "all"), n=("n", "sum"))
    means = pd.Series(float("nan"), index=grouped.index)
    exact = grouped["whole"] & (grouped["n"] > 0)
    total, count = grouped.loc[exact, "cents"], grouped.loc[exact, "n"]
    means[exact] = ((2 * total + count) // (2 * count)) / 100
    if not grouped["whole"].all():
        other = ~grouped["whole"]
        means[other] = scores.groupby(keys, sort=False).agg(_decimal_mean_half_up)[other]
    return means


def _decimal_mean_half_up(values: pd.Series) -> float:
    values = values.dropna()
    if values.empty:
        return float("nan")
    mean = sum((Decimal(repr(float(v))) for v in values), Decimal(0)) / len(values)
    return float(mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def team_profile(
    results: pd.DataFrame, instrument: Instrument | dict[str, Any] | None = None, by: str | None = None
) -> pd.DataFrame:
    """Per component and factor: mean, spread (sd, min, max), n (learners with a score) and how many had none.

    Rows follow the instrument's order (components first). A part where nobody has a score keeps a row with n = 0.
    Means are exact and rounded half up to two decimals (3.285 -> 3.29), whatever the order of the rows.
    `by`: a column of `results` (e.g. 'groep'); then one profile per value of it, sorted, with that column first.
    """
    config = _instrument(instrument)
    parts = pd.DataFrame(
        [
            (kind, block["id"], block["name"], block["short"])
            for kind, key in (("component", "components"), ("factor", "factors"))
            for block in config[key]
        ],
        columns=PROFILE_COLUMNS[:4],
    )
    keys = [by, "onderdeel_id"] if by else ["onderdeel_id"]
    scores = pd.to_numeric(results["score"]).astype(float).rename("score")
    grouped = scores.groupby([results[key] for key in keys], sort=False)
    stats = grouped.agg(["count", "std", "min", "max", "size"])
    stats["gemiddelde"] = _means_half_up(scores, [results[key] for key in keys])
    stats = stats.reset_index()
    if by:
        groups = pd.DataFrame({by: sorted(results[by].dropna().unique())})
        frame = groups.merge(parts, how="cross").merge(stats, on=keys, how="left")
        frame[by] = frame[by].astype(groups[by].dtype)
    else:
        frame = parts.merge(stats, on=keys, how="left")
    counted = frame["count"].fillna(0).astype(int)
    frame["gemiddelde"] = frame["gemiddelde"].where(counted > 0)
    frame["sd"] = [round(v, 2) if n > 1 else pd.NA for v, n in zip(frame["std"], counted, strict=True)]
    frame["min"] = frame["min"].where(counted > 0)
    frame["max"] = frame["max"].where(counted > 0)
    frame["n"] = counted
    frame["zonder_score"] = (frame["size"].fillna(0).astype(int) - counted).astype(int)
    frame = frame[[*([by] if by else []), *PROFILE_COLUMNS]].reset_index(drop=True)
    for column in ("gemiddelde", "sd", "min", "max"):
        frame[column] = pd.to_numeric(frame[column]).astype("Float64")
    return frame


def team_chart(
    profile: pd.DataFrame, title: str = "Teamprofiel zelfscan Bronstein", include_factors: bool = False
) -> alt.TopLevelMixin:
    """Mean per part (point) with the range min-max (thin line) and mean ± sd (thick line), labelled 'mean (n)'."""
    frame = profile if include_factors else profile[profile["soort"] == "component"]
    frame = frame.dropna(subset=["gemiddelde"]).copy()
    frame["gemiddelde"] = frame["gemiddelde"].astype(float)
    frame["sd"] = frame["sd"].astype(float).fillna(0.0)
    frame["laag"] = (frame["gemiddelde"] - frame["sd"]).clip(lower=1)
    frame["hoog"] = (frame["gemiddelde"] + frame["sd"]).clip(upper=5)
    frame["min"] = frame["min"].astype(float)
    frame["max"] = frame["max"].astype(float)
    frame["etiket"] = frame.apply(lambda r: f"{r['gemiddelde']:.2f} (n = {int(r['n'])})".replace(".", ","), axis=1)
    y = alt.Y("kort:N", title=None, sort=None, axis=alt.Axis(labelLimit=200))
    scale = alt.Scale(domain=[1, 5])
    base = alt.Chart(frame)
    spread = base.mark_rule(color="#8a8f98", strokeWidth=2).encode(
        y=y,
        x=alt.X("min:Q", title="Score (1-5): punt = gemiddelde, dikke lijn = ± sd, dunne lijn = min-max", scale=scale),
        x2="max:Q",
    )
    sd = base.mark_rule(color="#1f5f8b", strokeWidth=7).encode(y=y, x="laag:Q", x2="hoog:Q")
    mean = base.mark_point(filled=True, size=110, color="#b35900", shape="diamond").encode(
        y=y, x="gemiddelde:Q", tooltip=["onderdeel", "gemiddelde", "sd", "min", "max", "n"]
    )
    labels = base.mark_text(align="left", dx=8, dy=-12, fontSize=11, color="#1a1a1a").encode(
        y=y, x="gemiddelde:Q", text="etiket:N"
    )
    return (
        (spread + sd + mean + labels)
        .properties(width=440, height=alt.Step(44), title=title)
        .configure_axis(labelFontSize=12, titleFontSize=11, labelColor="#1a1a1a", titleColor="#1a1a1a")
        .configure_title(color="#1a1a1a")
    )


def synthetic_answers(
    blocks: list[dict[str, Any]],
    tendency: dict[str, float],
    growth: float,
    top: int,
    rng: random.Random,
    unknown: float,
    spread: float,
) -> dict[str, int]:
    """Made-up answers for example data: around each block's tendency plus growth, reverse keys honoured,
    'weet ik niet' (0) with probability `unknown`."""
    answers: dict[str, int] = {}
    for block in blocks:
        for item in block["items"]:
            if rng.random() < unknown:
                answers[item["id"]] = 0
                continue
            value = min(top, max(1, round(rng.gauss(tendency[block["id"]] + growth, spread))))
            answers[item["id"]] = top + 1 - value if item["reverse"] else value
    return answers


def make_example_portfolios(
    folder: str | Path, learners: int = 8, seed: int = 2024, instrument: Instrument | dict[str, Any] | None = None
) -> list[Path]:
    """Write example exported portfolios (invented learners, two scans each) to `folder`, for demos and tests.

    Each learner has a personal tendency per component, so the team profile shows real spread. Every file is
    checked with the Portfolio model before it is written.
    """
    config = _instrument(instrument)
    rng = random.Random(seed)
    top = len(config["scale"])
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = ["Aylin", "Bram", "Chaima", "Daan", "Eva", "Finn", "Gizem", "Hidde", "Iris", "Jesse", "Kiki", "Luuk"]
    written = []
    for number in range(learners):
        learner = f"{names[number % len(names)]} (voorbeeld)"
        tendency = {block["id"]: rng.uniform(2.2, 4.4) for key in ("components", "factors") for block in config[key]}
        scans = []
        for label, day, growth in (("week 1", dt.date(2026, 2, 9), 0.0), ("week 8", dt.date(2026, 3, 30), 0.35)):
            blocks = [*config["components"], *config["factors"]]
            answers = synthetic_answers(blocks, tendency, growth, top, rng, unknown=0.08, spread=0.7)
            scans.append(
                {
                    "label": label,
                    "date": day.isoformat(),
                    "perspective": "stage",
                    "context": "stageschool",
                    "version": config["version"],
                    "answers": answers,
                }
            )
        data = {
            "format": PORTFOLIO_FORMAT,
            "schema_version": SCHEMA_VERSION,
            "course": "samenwerken-jeugddomein",
            "course_version": "1.0",
            "exported_at": "2026-04-01T12:00:00+00:00",
            "learner": learner,
            "entries": [
                {
                    "id": "bronstein-scan-hoofd",
                    "widget": WIDGET,
                    "page": "exercises/bronstein-scan",
                    "updated": "2026-03-30T15:00:00+00:00",
                    "state": {
                        "perspective": "",
                        "context": "",
                        "mode": "vraag",
                        "position": 0,
                        "answers": {},
                        "scans": scans,
                    },
                }
            ],
        }
        Portfolio.model_validate(data)
        path = folder / f"portfolio-voorbeeld-{number + 1:02d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        written.append(path)
    return written


__all__ = [
    "load_results",
    "make_example_portfolios",
    "portfolio_results",
    "read_portfolios",
    "read_results_csv",
    "team_chart",
    "team_profile",
]
