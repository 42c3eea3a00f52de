"""Every chart is drawn from its CSV, and every figure in that CSV names its source."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from jeugddomein.charts import build_chart, load_chart
from jeugddomein.loading import DataError

DATA = Path(__file__).resolve().parents[2] / "data"
CHARTS = sorted(p.stem for p in (DATA / "charts").glob("*.yaml"))


def test_there_are_charts():
    assert len(CHARTS) >= 3


@pytest.mark.parametrize("chart_id", CHARTS)
def test_chart_numbers_come_from_its_csv(chart_id):
    spec, frame = load_chart(chart_id, DATA)
    chart = build_chart(spec, frame).to_dict()
    values = chart["datasets"][next(iter(chart["datasets"]))]
    drawn = pd.DataFrame(values)[[spec.x, spec.y]].reset_index(drop=True)
    pd.testing.assert_frame_equal(drawn, pd.read_csv(DATA / spec.csv)[[spec.x, spec.y]], check_dtype=False)
    assert frame["bron"].str.len().min() > 10, "elke rij noemt document en tabel of regel"


def test_csv_without_source_column_is_refused(tmp_path):
    (tmp_path / "charts").mkdir()
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "x.csv").write_text("a,b\nx,1\n")
    (tmp_path / "charts" / "x.yaml").write_text(
        "title: T\ndescription: D\ncsv: figures/x.csv\nmark: bar\nx: a\ny: b\nx_title: A\ny_title: B\n"
    )
    with pytest.raises(DataError, match="kolom\\(men\\) bron ontbreken"):
        load_chart("x", tmp_path)
