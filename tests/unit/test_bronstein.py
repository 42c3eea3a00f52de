"""The Bronstein self-scan: instrument data, validation, scoring, the widget class in Python and the team profile."""

from __future__ import annotations

import json
import random
from pathlib import Path

import altair as alt
import IPython.core.formatters
import pandas as pd
import pytest

from jeugddomein.charts import chart_svg
from jeugddomein.cohort.bronstein import (
    PROFILE_COLUMNS,
    load_results,
    make_example_portfolios,
    portfolio_results,
    read_portfolios,
    read_results_csv,
    team_chart,
    team_profile,
)
from jeugddomein.loading import DataError
from jeugddomein.models.portfolio import ENTRY_MODELS, Portfolio
from jeugddomein.paths import WIDGETS_DIR
from jeugddomein.widgets import WIDGET_CLASSES
from jeugddomein.widgets.bronstein_scan.model import (
    COMPONENTS,
    FACTORS,
    BronsteinScanSpec,
    BronsteinScanState,
    Instrument,
    compare,
    load_instrument,
    score,
    scoring,
)
from tests.mutation import data_with

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
BronsteinScan = WIDGET_CLASSES["bronstein-scan"]


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return load_instrument("bronstein", DATA)


@pytest.fixture(scope="module")
def config(instrument: Instrument) -> dict:
    return instrument.model_dump(mode="json")


def all_items(config: dict) -> list[dict]:
    return [item for key in ("components", "factors") for block in config[key] for item in block["items"]]


def part(result: dict, part_id: str) -> dict:
    return next(x for x in result["scales"] if x["id"] == part_id)


# -- the instrument ------------------------------------------------------------------------------------------------


def test_instrument_has_all_five_components_and_four_factors(instrument):
    assert [c.id for c in instrument.components] == list(COMPONENTS)
    assert [f.id for f in instrument.factors] == list(FACTORS)
    assert [p.value for p in instrument.scale] == [1, 2, 3, 4, 5]
    assert all(any(item.reverse for item in c.items) for c in instrument.components), (
        "each component has a reverse item"
    )
    assert {p.id for p in instrument.perspectives} == {"stage", "team", "casus"}


def test_teachers_means_come_from_seed_003_table_4_9(instrument):
    """Paired teachers 2019 -> 2021 (n = 27), seed 003 L3316-3325; collective ownership has no ISJO scale."""
    means = {c.id: c.isjo.means if c.isjo else None for c in instrument.components}
    assert means == {
        "afhankelijkheid": {"2019": 3.84, "2021": 4.05},
        "nieuwe-activiteiten": {"2019": 3.74, "2021": 3.73},
        "flexibiliteit": {"2019": 3.98, "2021": 4.32},
        "eigenaarschap": None,
        "reflectie": {"2019": 3.59, "2021": 3.79},
    }
    reliability = {c.id: c.isjo.reliability for c in instrument.components if c.isjo}
    assert "0,81" in reliability["afhankelijkheid"] and "0,64" in reliability["afhankelijkheid"]
    assert "0,57" in reliability["flexibiliteit"]
    assert ",00" in reliability["reflectie"]
    assert "geen norm" in instrument.reference.caveat.lower()


def test_static_outline_puts_every_statement_in_the_page(instrument):
    outline = BronsteinScanSpec(id="bs-x", instrument=instrument).static_outline()
    texts = json.dumps(outline, ensure_ascii=False)
    for item in instrument.items():
        assert item.text in texts
    assert "(omgekeerd gescoord)" in texts
    assert BronsteinScanSpec(id="bs-x").static_outline() == [
        {"p": "Zelfscan met de stellingen uit data/instruments/bronstein.yaml."}
    ]


def test_instrument_id_must_match_file_name(tmp_path):
    data = data_with(tmp_path, {"instruments/team.yaml": (DATA / "instruments" / "bronstein.yaml").read_text()})
    with pytest.raises(DataError, match="het id 'bronstein' moet gelijk zijn aan de bestandsnaam 'team'"):
        load_instrument("team", data)
    with pytest.raises(DataError, match="dit instrument bestaat niet"):
        load_instrument("bestaat-niet", data)


# -- scoring -------------------------------------------------------------------------------------------------------


def test_reverse_keyed_items_are_turned_round(config):
    flex = next(c for c in config["components"] if c["id"] == "flexibiliteit")
    assert [i["reverse"] for i in flex["items"]] == [False, False, False, False, True]
    answers = {i["id"]: 5 for i in flex["items"]}
    result = part(score(config, answers), "flexibiliteit")
    assert result["mean"] == pytest.approx((5 * 4 + 1) / 5)
    assert result["score"] == 4.2 and result["n"] == 5 and result["level"] == "hoog"
    answers["fl5"] = 1  # disagreeing with a negative statement counts as full agreement
    assert part(score(config, answers), "flexibiliteit")["score"] == 5.0


def test_weet_ik_niet_is_not_counted(config):
    items = next(c for c in config["components"] if c["id"] == "afhankelijkheid")["items"]
    answers = {items[0]["id"]: 2, items[1]["id"]: 4, items[2]["id"]: 3, items[3]["id"]: 0, items[4]["id"]: 0}
    result = part(score(config, answers), "afhankelijkheid")
    assert result["n"] == 3 and result["unknown"] == 2 and result["missing"] == 1
    assert result["score"] == 3.0


def test_a_part_without_answers_has_no_number(config):
    result = score(config, {})
    for x in result["scales"]:
        assert x["score"] is None and x["mean"] is None and x["enough"] is False and x["level"] is None
    only_unknown = {i["id"]: 0 for i in all_items(config)}
    reflectie = part(score(config, only_unknown), "reflectie")
    assert reflectie["score"] is None and reflectie["unknown"] == 7 and reflectie["n"] == 0


def test_half_of_a_scale_is_needed_for_a_score(config):
    items = next(c for c in config["components"] if c["id"] == "reflectie")["items"]  # 7 items: 4 needed
    answers = {i["id"]: 4 for i in items[:3]}
    result = part(score(config, answers), "reflectie")
    assert result["needed"] == 4 and result["score"] is None
    answers[items[3]["id"]] = 2
    assert part(score(config, answers), "reflectie")["score"] == 3.5


def test_out_of_range_and_non_integer_answers_are_ignored(config):
    items = next(c for c in config["components"] if c["id"] == "afhankelijkheid")["items"]
    answers = {items[0]["id"]: 4, items[1]["id"]: 4, items[2]["id"]: 4, items[3]["id"]: 9, items[4]["id"]: True}
    result = part(score(config, answers), "afhankelijkheid")
    assert result["n"] == 3 and result["missing"] == 3 and result["score"] == 4.0


def test_a_prepared_instrument_scores_the_same(config, instrument):
    rng = random.Random(7)
    odd = [None, True, False, 2.5, 3.0, -1, 6, 9, "4"]
    prepared = scoring(instrument)
    for _ in range(200):
        answers = {i["id"]: rng.choice([0, 1, 2, 3, 4, 5, *odd]) for i in all_items(config) if rng.random() < 0.9}
        assert score(prepared, answers) == score(config, answers) == score(instrument, answers), answers


def test_levels_and_rounding(config):
    items = next(c for c in config["components"] if c["id"] == "nieuwe-activiteiten")["items"]  # na5 reversed
    assert (
        part(score(config, {items[0]["id"]: 3, items[1]["id"]: 3, items[2]["id"]: 2}), "nieuwe-activiteiten")["level"]
        == "laag"
    )  # 2.67 < 3.0
    r = part(score(config, {items[0]["id"]: 4, items[1]["id"]: 4, items[2]["id"]: 3}), "nieuwe-activiteiten")
    assert r["score"] == 3.67 and r["level"] == "midden"
    r = part(score(config, {items[0]["id"]: 4, items[1]["id"]: 4, items[2]["id"]: 4}), "nieuwe-activiteiten")
    assert r["level"] == "hoog"


def test_compare_gives_change_per_part(config):
    first = {i["id"]: 2 if not i["reverse"] else 4 for i in all_items(config)}
    second = {i["id"]: 4 if not i["reverse"] else 2 for i in all_items(config)}
    changes = compare(config, first, second)
    assert all(c["first"] == 2.0 and c["second"] == 4.0 and c["change"] == 2.0 for c in changes)
    assert compare(config, {}, second)[0]["change"] is None


# -- the widget in Python ------------------------------------------------------------------------------------------


def test_widget_runs_a_scan_from_python(config):
    scan = BronsteinScan.from_yaml("id: bs-python\ninstrument: bronstein\n")
    assert scan.instrument["components"][0]["isjo"]["means"] == {"2019": 3.84, "2021": 4.05}
    with pytest.raises(ValueError, match="Onbekend perspectief"):
        scan.start("vakantie")
    scan.start("stage", "stageklas groep 6")
    scan.answer_all({i["id"]: (2 if i["reverse"] else 4) for i in all_items(config)})
    scan.answer("af1", BronsteinScan.WEET_IK_NIET)
    with pytest.raises(ValueError, match="1 tot en met 5"):
        scan.answer("af2", 6)
    with pytest.raises(KeyError):
        scan.answer("zz9", 3)
    scan.finish("week 1")
    scan.start("stage", "stageklas groep 6", mode="component")
    scan.answer_all({i["id"]: 3 for i in all_items(config)})
    scan.finish("week 8")
    assert scan.perspective == "" and scan.answers == {}
    frame = scan.to_frame()
    assert len(frame) == 2 * 9
    assert list(frame["moment"].unique()) == ["week 1", "week 8"]
    first = frame[(frame["moment"] == "week 1") & (frame["onderdeel_id"] == "afhankelijkheid")].iloc[0]
    assert first["score"] == 4.0 and first["n"] == 5 and first["weet_niet"] == 1 and first["niveau"] == "hoog"
    changes = scan.compare_frame()
    assert changes.loc[changes["id"] == "afhankelijkheid", "verandering"].item() == pytest.approx(
        score(config, scan.scans[1]["answers"])["scales"][0]["score"] - 4.0
    )
    chart = scan.chart()
    assert isinstance(chart, alt.LayerChart)
    svg = chart_svg(chart)
    assert "Afhankelijkheid" in svg and "4,00" in svg
    shown = IPython.core.formatters.DisplayFormatter().format(chart)[0]
    assert set(shown) == {"image/svg+xml", "text/plain"}, "Jupyter gets SVG drawn here, not vega from a CDN"
    assert shown["image/svg+xml"] == svg


def test_learner_state_is_compact_and_fits_the_portfolio(config):
    scan = BronsteinScan.from_yaml("id: bs-state\n")
    for label in ("week 1", "week 4", "week 8", "na stage"):
        scan.start("team", "wijkteam Noord")
        scan.answer_all({i["id"]: 4 for i in all_items(config)})
        scan.finish(label)
    state = scan.state()
    assert len(json.dumps(state, separators=(",", ":"))) < 2600, "four full scans stay small"
    assert set(state) == {"perspective", "context", "mode", "position", "answers", "scans"}
    dumped = json.dumps(state, ensure_ascii=False)
    assert not any(item["text"] in dumped or item["basis"] in dumped for item in all_items(config)), "no texts kept"
    entry = ENTRY_MODELS["bronstein-scan"].model_validate(
        {"id": "bs-state", "widget": "bronstein-scan", "updated": "2026-03-01T10:00:00Z", "state": state}
    )
    assert len(entry.state.scans) == 4
    with pytest.raises(ValueError):
        BronsteinScanState.model_validate(
            {"scans": [{"label": "", "date": "2026-01-01", "perspective": "stage", "answers": {}}]}
        )
    with pytest.raises(ValueError):
        BronsteinScanState.model_validate({"answers": {"af1": -1}})


def test_mime_bundle_carries_the_full_instrument():
    scan = BronsteinScan.from_yaml("id: bs-mime\n")
    data, _ = scan._repr_mimebundle_()
    placement = data["application/vnd.jeugddomein.widget+json"]
    assert placement["widget"] == "bronstein-scan"
    spec = BronsteinScanSpec.model_validate({"id": placement["id"], **placement["config"]})
    assert isinstance(spec.instrument, Instrument)
    assert BronsteinScan.resolve_config(spec) == placement["config"]
    assert BronsteinScan._esm == (WIDGETS_DIR / "bronstein_scan" / "bundle.js").read_text(encoding="utf-8")


# -- team profile --------------------------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make_example_portfolios(tmp_path, learners=6, seed=7)
    return tmp_path


def test_example_portfolios_are_valid_exports(folder):
    files = sorted(folder.glob("*.json"))
    assert len(files) == 6
    for path in files:
        portfolio = Portfolio.from_file(path)
        [entry] = portfolio.entries
        assert entry.widget == "bronstein-scan" and [s.label for s in entry.state.scans] == ["week 1", "week 8"]


def test_team_profile_per_component(folder, config):
    results = load_results(folder)
    assert results["deelnemer"].nunique() == 6 and set(results["moment"]) == {"week 8"}
    profile = team_profile(results)
    assert list(profile["onderdeel_id"]) == list(COMPONENTS) + list(FACTORS)
    for _, row in profile.iterrows():
        values = []
        for path in sorted(folder.glob("*.json")):
            last = json.loads(path.read_text())["entries"][0]["state"]["scans"][-1]["answers"]
            value = part(score(config, last), row["onderdeel_id"])["score"]
            if value is not None:
                values.append(value)
        assert row["n"] == len(values)
        assert row["gemiddelde"] == pytest.approx(round(pd.Series(values).mean(), 2))
        assert row["sd"] == pytest.approx(round(pd.Series(values).std(), 2))
        assert row["min"] == min(values) and row["max"] == max(values)
    week1 = team_profile(load_results(folder, which="Week 1"))
    assert (week1["gemiddelde"] < profile["gemiddelde"]).sum() >= 5, "the examples grow from week 1 to week 8"
    assert len(load_results(folder, which="alle")) == 6 * 2 * 9


def test_team_profile_counts_learners_without_a_score(folder, config):
    portfolios, _ = read_portfolios(folder)
    name, first = portfolios[0]
    data = first.model_dump(mode="json")
    data["entries"][0]["state"]["scans"][-1]["answers"] = {}
    portfolios[0] = (name, Portfolio.model_validate(data))
    profile = team_profile(portfolio_results(portfolios, config))
    assert (profile["n"] == 5).all() and (profile["zonder_score"] == 1).all()


def test_unreadable_portfolios_are_skipped_with_a_reason(folder):
    (folder / "kapot.json").write_text('{"format": "iets anders"}', encoding="utf-8")
    portfolios, problems = read_portfolios(folder)
    assert len(portfolios) == 6
    assert len(problems) == 1 and problems[0].startswith("kapot.json: geen geldig portfolio (")


def test_team_profile_rounds_exact_means_half_up_in_any_order(config):
    # 1.00 and 1.05 average to exactly 1.025; floating-point division gives 1.0249999... (round() says 1.02)
    first, second = list(COMPONENTS)[:2]
    factor = next(iter(FACTORS))
    rows = [("a", first, 1.0), ("b", first, 1.05), ("c", factor, 3.333), ("d", factor, 3.337)]
    for order in (rows, rows[::-1]):
        frame = pd.DataFrame(order, columns=["deelnemer", "onderdeel_id", "score"])
        profile = team_profile(frame, config).set_index("onderdeel_id")
        assert profile.loc[first, "gemiddelde"] == 1.03
        assert profile.loc[factor, "gemiddelde"] == 3.34, "more decimals (a CSV): exact decimal mean 3.335"
        assert profile.loc[second, "n"] == 0 and pd.isna(profile.loc[second, "gemiddelde"])


def test_team_profile_per_group_equals_the_profile_of_each_group(folder, config):
    results = load_results(folder, which="alle")
    results["groep"] = results["deelnemer"].map(lambda name: "A" if name < "E" else "B")
    per_group = team_profile(results, config, by="groep")
    assert list(per_group.columns) == ["groep", *PROFILE_COLUMNS]
    assert list(per_group["groep"].unique()) == ["A", "B"]
    for group in ("A", "B"):
        alone = team_profile(results[results["groep"] == group], config)
        mine = per_group[per_group["groep"] == group].drop(columns="groep").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, alone)


def test_team_profile_from_a_csv(folder, tmp_path):
    results = load_results(folder)
    csv = tmp_path / "scores.csv"
    out = results[["deelnemer", "onderdeel", "score"]].copy()
    out.loc[0, "onderdeel"] = "afhankelijkheid"  # ids are accepted too
    out.to_csv(csv, index=False)
    from_csv = team_profile(load_results(csv))
    pd.testing.assert_series_equal(from_csv["gemiddelde"], team_profile(results)["gemiddelde"])
    bad = tmp_path / "bad.csv"
    bad.write_text("deelnemer,onderdeel,score\nA,Samenzang,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.csv: regel 2: onbekend onderdeel 'Samenzang'"):
        read_results_csv(bad)
    bad.write_text("deelnemer,score\nA,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kolom\\(men\\) onderdeel ontbreken"):
        read_results_csv(bad)


def test_team_chart_shows_mean_and_n(folder):
    profile = team_profile(load_results(folder))
    svg = chart_svg(team_chart(profile))
    first = profile.iloc[0]
    assert f"{first['gemiddelde']:.2f} (n = 6)".replace(".", ",") in svg
    assert "Reflectie" in svg and "Rol" not in svg
