"""Tests of the outside table, the dated-events table, its join with the claim coding, and the CSV exports."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import cli, config
from helpers.core.errors import InputError
from helpers.corpus.load import load_corpus
from helpers.timeline import dated as TL
from tests.timeline.samples import departure_claim, toy_events


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
    table = TL.read_outside(load_corpus())
    assert {"date", "event", "cited_outlet", "start", "end"} <= set(table.columns)
    assert (table["end"] >= table["start"]).all()
    assert "_line" not in table.columns
    problems, summary = TL.validate_outside(c := load_corpus()), TL.outside_summary(c)
    assert problems == [] and summary == f"{len(table)} outside reference rows"


def outside_copy(corpus_copy: Path, **change: str) -> Path:
    """The corpus copy with the repository's outside reference, its first row changed."""
    dest = corpus_copy / config.REFERENCE_DIRNAME
    shutil.copytree(config.DEFAULT_CORPUS_DIR / config.REFERENCE_DIRNAME, dest)
    path = dest / config.OUTSIDE_TIMELINE_NAME
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0].update(change)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(TL.OUTSIDE_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "2024-11-31"}, "date '2024-11-31' is not a calendar date written YYYY-MM-DD"),
        ({"date": "27 Nov 2024"}, "date '27 Nov 2024' is not a calendar date written YYYY-MM-DD"),
        ({"time_local": "25:70"}, "time_local '25:70': 25:70 is not a clock time (00:00 to 23:59)"),
        (
            {"time_local": "evenning"},
            "time_local 'evenning' is neither HH:MM nor a part of the day (did you mean 'evening'?)",
        ),
        ({"kind": "fronts"}, "unknown kind 'fronts' (did you mean 'front'?) (one of front, diplomacy, statement,"),
    ],
)
def test_bad_outside_rows_are_one_line_each(corpus_copy: Path, change: dict[str, str], message: str) -> None:
    shutil.copy(config.DEFAULT_CORPUS_DIR / config.EVENT_SETTINGS_NAME, corpus_copy)  # its outside_kinds
    path = outside_copy(corpus_copy, **change)
    problems = TL.validate_outside(load_corpus(corpus_copy))
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:2: {message}")
    with pytest.raises(InputError) as info:
        TL.read_outside(load_corpus(corpus_copy))
    assert info.value.problems == problems


def test_without_settings_any_well_formed_kind_passes(corpus_copy: Path) -> None:
    outside_copy(corpus_copy, kind="landfall")
    assert TL.validate_outside(load_corpus(corpus_copy)) == []
    shutil.rmtree(corpus_copy / config.REFERENCE_DIRNAME)
    path = outside_copy(corpus_copy, kind="Land Fall")
    problems = TL.validate_outside(load_corpus(corpus_copy))
    assert [str(p) for p in problems] == [
        f"{path}:2: kind 'Land Fall' must be lowercase words joined by hyphens (e.g. publication)"
    ]


@pytest.mark.parametrize("time_local", ["", "06:15", "dawn (06:15 per SANA)", "Early Morning", "daytime", "23:59"])
def test_good_outside_times_pass(corpus_copy: Path, time_local: str) -> None:
    outside_copy(corpus_copy, time_local=time_local)
    c = load_corpus(corpus_copy)
    assert TL.validate_outside(c) == []
    assert TL.outside_summary(c) == f"{len(TL.read_outside(c))} outside reference rows"


def test_validate_outside_without_a_reference_is_a_no_op(corpus_copy: Path) -> None:
    assert TL.validate_outside(c := load_corpus(corpus_copy)) == []
    assert TL.outside_summary(c) == ""


def test_cli_validate_reports_outside_problems_as_lines(corpus_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside_copy(corpus_copy, date="2024-12-32", time_local="evenning")
    assert cli.main(["validate", str(corpus_copy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(":2: " in line for line in lines)
    assert "Traceback" not in "".join(lines)


def test_stop_words_cover_the_calendar_and_the_parts_of_the_day() -> None:
    words = "October meetings on Wednesday in the early hours, overnight and at daybreak in March"
    assert TL.content_words(words) == ["meet"]


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


def test_join_claims_without_a_coding_leaves_the_columns_empty(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    corpus, ev = toy
    evidence, claims = departure_claim(corpus)
    joined = TL.join_claims(ev, evidence.iloc[0:0], claims.iloc[0:0])
    assert len(joined) == len(ev) > 0
    assert set(joined["claim_ids"]) == set(joined["topics"]) == {""}


def test_tables(corpus_copy) -> None:
    shutil.copytree(config.DEFAULT_CORPUS_DIR / config.REFERENCE_DIRNAME, corpus_copy / config.REFERENCE_DIRNAME)
    tables = TL.timeline_tables(load_corpus(corpus_copy))
    assert set(tables) == {"temporal_mentions.csv", "events.csv"}
    assert list(tables["temporal_mentions.csv"].columns) == [
        "source_id", "start", "end", "text", "type", "value", "value_end", "granularity", "anchor", "anchor_value",
        "timex_value", "timex_type",
    ]  # fmt: skip
    assert {"claim_ids", "topics"} <= set(tables["events.csv"].columns)
