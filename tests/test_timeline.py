"""Tests of the outside table, the dated-events table, its join with the claim coding, and the CSV exports."""

from __future__ import annotations

import pandas as pd
import pytest
from timeline_samples import departure_claim, toy_events

from helpers import timeline as TL


@pytest.fixture(scope="module")
def toy() -> tuple[pd.DataFrame, pd.DataFrame]:
    return toy_events()


# --- reading the outside table -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("time_local", "start", "end"),
    [
        ("dawn (06:15 per SANA)", "2024-12-08T06:15", "2024-12-08T06:15"),
        ("early hours", "2024-12-08T00:00", "2024-12-08T06:00"),
        ("evening (Moscow)", "2024-12-08T18:00", "2024-12-08T22:00"),
        ("", "2024-12-08T00:00", "2024-12-09T00:00"),
    ],
)
def test_outside_span(time_local: str, start: str, end: str) -> None:
    assert TL.outside_span("2024-12-08", time_local) == (pd.Timestamp(start), pd.Timestamp(end))


def test_read_outside_from_the_repository() -> None:
    table = TL.read_outside()
    assert {"date", "event", "cited_outlet", "start", "end"} <= set(table.columns)
    assert (table["end"] >= table["start"]).all()


# --- events ------------------------------------------------------------------------------------
def test_events_leave_out_quoted_dates_and_keep_clauses(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    assert "Tomorrow" not in set(ev["mention"])
    row = ev[ev["mention"] == "December 2"].iloc[0]
    assert "Araqchi met Assad in Damascus" in row["clause"]
    assert list(ev.columns) == list(TL.EVENT_COLUMNS)


def test_a_relative_phrase_dates_its_complement_by_implication(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    implied = ev[ev["implied"]]
    assert list(implied["date"]) == ["2024-11-27"]
    assert "rebels launched an offensive" in implied.iloc[0]["clause"]


def test_one_event_per_sentence_and_date_keeps_the_explicit_mention(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    dec2 = ev[(ev["source_id"] == "a") & (ev["date"] == "2024-12-02")]
    assert list(dec2["mention"]) == ["December 2"]


def test_by_midnight_is_an_upper_bound(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    row = ev[ev["mention"].str.contains("midnight")].iloc[0]
    assert row["bound"] == "by"
    assert TL.event_label(row) == "by 2024-12-08T00:00"


def test_join_claims(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    corpus, ev = toy
    evidence, claims = departure_claim(corpus)
    joined = TL.join_claims(ev, evidence, claims)
    hit = joined[joined["claim_ids"] == "C1"]
    assert list(hit["mention"]) == ["Sunday, December 8"] and list(hit["topics"]) == ["departure"]


def test_wording_by_date(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    table = TL.wording_by_date(ev)
    assert "Sunday, December 8" in table.loc["2024-12-08", "a"]
    assert table.loc["2024-12-07", "b"].startswith("11pm on December 7") or "11pm" in table.loc["2024-12-07", "b"]


def test_tables(corpus_copy) -> None:
    import shutil

    from helpers import config

    shutil.copytree(config.DEFAULT_CORPUS_DIR / config.REFERENCE_DIRNAME, corpus_copy / config.REFERENCE_DIRNAME)
    tables = TL.tables(corpus_copy)
    assert set(tables) == {"temporal_mentions.csv", "events.csv"}
    assert list(tables["temporal_mentions.csv"].columns) == [
        "source_id", "start", "end", "text", "type", "value", "value_end", "granularity", "anchor", "anchor_value"
    ]  # fmt: skip
    assert {"claim_ids", "topics"} <= set(tables["events.csv"].columns)
