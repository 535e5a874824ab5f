"""Tests of the day-by-day and last-night chart data (and that the charts build)."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers.display import style as charts
from helpers.timeline import lanes as TL
from helpers.timeline import views as TC
from helpers.timeline.dated import OUTSIDE_LABEL
from tests.timeline.samples import make_outside, toy_events

#: The toy events' decisive stretch (what a corpus's ``[focus]`` settings would give).
FOCUS = ("2024-12-07T18:00", "2024-12-08T06:00")


@pytest.fixture(scope="module")
def toy() -> tuple[pd.DataFrame, pd.DataFrame]:
    return toy_events()


def test_day_lanes_put_the_outside_rows_in_a_labelled_lane(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    outside = make_outside([("2024-11-27", "dawn", "Offensive launched", "X"), ("2025-01-01", "", "Later", "Y")])
    lanes = TL.day_lanes(ev, outside, "2024-11-27", "2024-12-08", sources=["a", "b"])
    assert list(dict.fromkeys(lanes["lane"])) == ["a", "b", OUTSIDE_LABEL]
    assert list(lanes[lanes["outside"]]["label"]) == ["Offensive launched"]  # 2025 is outside the window
    assert lanes["outside"].eq(lanes["lane"] == OUTSIDE_LABEL).all()
    fig = TC.day_chart(lanes, ["a", "b"])
    assert isinstance(fig, Figure)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(OUTSIDE_LABEL in label for label in labels)


def test_night_lanes_keep_times_and_ranges_in_the_window(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    outside = make_outside([("2024-12-08", "early hours", "Homs falls", "W"), ("2024-12-08", "", "All day", "W")])
    lanes = TL.night_lanes(ev, outside, *FOCUS, sources=["a", "b"])
    night = (pd.Timestamp(FOCUS[0]), pd.Timestamp(FOCUS[1]))
    assert (lanes["start"] >= night[0]).all() and (lanes["end"] <= night[1]).all()
    a = lanes[lanes["lane"] == "a"]
    # a mark is labelled with its dating words, then what happened
    assert [label.split(":")[0] for label in a["label"]] == ["Saturday night at 10"] and not a["range"].any()
    assert a["label"].iloc[0].startswith("Saturday night at 10:30 PM: ") and " on ." not in a["label"].iloc[0]
    by = lanes[lanes["label"].str.startswith("by ")]
    assert len(by) and (by["bound"] == "by").all()  # 'by midnight' is a bound: one moment, not a range
    assert not by["range"].any() and (by["start"] == by["end"]).all()
    assert list(lanes[lanes["outside"]]["label"]) == ["Homs falls"]
    fig = TC.night_chart(lanes, ["a", "b"], *FOCUS, label="the last night")
    assert fig.axes[0].get_title(loc="left").startswith("The last night, hour by hour")


def test_night_events_are_the_rows_the_night_chart_draws(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    night = TL.night_events(ev, *FOCUS)
    assert len(night) and set(night["granularity"]) <= set(TL.NIGHT_GRANULARITIES)
    assert list(night.columns) == list(ev.columns)  # the events' own rows, unchanged
    lanes = TL.night_lanes(ev, make_outside([]), *FOCUS)
    assert len(lanes) == len(night)  # the table a notebook shows and the chart agree
    labels = lanes["label"].str.removeprefix("by ")
    assert len(labels) == len(night) and all(any(lab.startswith(m) for m in night["mention"]) for lab in labels)
    assert TL.night_events(ev, "2030-01-01T00:00", "2030-01-02T00:00").empty


def test_lane_colours_follow_the_full_source_list(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    outside = make_outside([("2024-11-27", "dawn", "Offensive launched", "X")])
    lanes = TL.day_lanes(ev, outside, sources=["z", "a", "b"])  # z has no events: a keeps the second colour
    colors = charts.source_colors(["z", "a", "b"])
    assert (lanes.loc[lanes["lane"] == "a", "color"] == colors["a"]).all()
    assert (lanes.loc[lanes["outside"], "color"] == charts.OUTSIDE_COLOR).all()


def test_without_settings_the_windows_come_from_the_events(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    start, end = TL.data_window(ev, None, None)
    assert start == str(pd.to_datetime(ev["date"]).min().date()) and end >= start
    assert TL.data_window(ev, "2000-01-01", "2000-01-02") == ("2000-01-01", "2000-01-02")
    f_start, f_end = TL.data_focus(ev, None, None)
    assert pd.Timestamp(f_end) - pd.Timestamp(f_start) == pd.Timedelta(days=1) and f_start[:10] == end
    lanes = TL.day_lanes(ev, make_outside([]))  # no window given: every dated event is drawn
    assert set(lanes["lane"]) >= set(ev["source_id"]) - {""}
