"""Tests of filtering the dated events, their escaped HTML table, and the filter widget."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.timeline import dated as EF_dated
from helpers.timeline import views as EF
from tests.timeline.samples import toy_events


@pytest.fixture(scope="module")
def toy() -> tuple[pd.DataFrame, pd.DataFrame]:
    return toy_events()


def test_filter_and_html(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    ev = ev.assign(topics=["departure" if "Damascus" in s else "" for s in ev["sentence"]])
    only_b = EF_dated.filter_events(ev, source_id="b")
    assert set(only_b["source_id"]) == {"b"}
    dated = EF_dated.filter_events(ev, date_from="2024-12-08", date_to="2024-12-08")
    assert set(dated["date"]) <= {"2024-12-08"} or (dated["date_end"] >= "2024-12-08").all()
    assert set(EF_dated.filter_events(ev, topic="departure")["topics"]) == {"departure"}
    page = EF.events_html(only_b)
    assert "&lt;all&gt;" in page and "<all>" not in page and "<mark>" in page
    assert EF.events_html(ev.iloc[0:0]) == "<p>No dated events match.</p>"


def test_event_filter_widget_updates_its_html(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    box = EF.event_filter(ev.assign(topics=""))
    controls, out = box.children
    article = controls.children[0]
    article.value = "b"
    assert ">a<" not in out.value and ">b<" in out.value
