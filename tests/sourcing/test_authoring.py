"""Authoring the attribution and hedge gold: quotes to anchored rows (round trip on the shipped gold), rows missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import config
from helpers.core.text import quote_occurrences
from helpers.corpus.load import load_corpus
from helpers.sourcing.authoring import (
    ATTRIBUTION_GOLD_COLUMNS,
    attribution_gold_row,
    hedge_gold_row,
    missing_sourcing_gold,
)
from helpers.sourcing.gold import gold_path, read_gold_attributions, read_gold_hedges
from tests.conftest import make_corpus, write_csv


def _occurrence(text: str, quote: str, start: int, end: int) -> int | None:
    spans = quote_occurrences(quote, text)
    return spans.index((start, end)) + 1 if len(spans) > 1 else None


def test_shipped_attribution_gold_is_rebuilt_from_its_words(corpus) -> None:
    gold = read_gold_attributions(corpus)
    rebuilt = 0
    for g in gold.to_dict("records"):
        text = corpus.at[g["source_id"], "text"]
        k = _occurrence(text, g["cue"], g["cue_start"], g["cue_end"])
        row = attribution_gold_row(
            corpus, g["source_id"], g["cue"], g["source_text"], g["kind"], g["via"], g["note"], k, g["convention"]
        )
        assert (row["cue_start"], row["cue_end"]) == (g["cue_start"], g["cue_end"])
        rebuilt += (row["source_start"], row["source_end"]) == (g["source_start"], g["source_end"])
    assert rebuilt == len(gold)  # the source nearest the cue is the coded one, every time


def test_shipped_hedge_gold_is_rebuilt_from_its_words(corpus) -> None:
    for g in read_gold_hedges(corpus).to_dict("records"):
        text = corpus.at[g["source_id"], "text"]
        k = _occurrence(text, g["cue"], g["start"], g["end"])
        row = hedge_gold_row(corpus, g["source_id"], g["cue"], g["family"], g["note"], k)
        assert (row["start"], row["end"], row["cue"]) == (g["start"], g["end"], g["cue"])


def test_bad_kind_family_or_repeat_is_refused(corpus) -> None:
    with pytest.raises(ValueError, match="kind 'unnamed' is not one of"):
        attribution_gold_row(corpus, "north-press", "revealed", "One of Assad’s closest aides", "unnamed")
    with pytest.raises(ValueError, match="family 'caveat'"):
        hedge_gold_row(corpus, "north-press", "likely", "caveat")
    with pytest.raises(ValueError, match="occurs 2 times"):
        hedge_gold_row(corpus, "north-press", "reportedly")


def test_missing_rows_on_a_second_corpus(tmp_path: Path) -> None:
    root = make_corpus(
        tmp_path / "c",
        {
            "a": "The dam failed, the mayor said. Water reportedly rose. Police confirmed the closure, officials said.",
            "b": "Nothing else happened.",
        },
    )
    corpus = load_corpus(root)
    row = attribution_gold_row(corpus, "a", "said", "the mayor", "named", occurrence=1)
    (root / config.GOLD_DIRNAME).mkdir()
    write_csv(
        gold_path(corpus, config.ATTRIBUTIONS_GOLD_NAME),
        [{k: str(v) for k, v in row.items()}],
        list(ATTRIBUTION_GOLD_COLUMNS),
    )
    missing = missing_sourcing_gold(corpus)
    attr = missing[(missing["file"] == config.ATTRIBUTIONS_GOLD_NAME) & (missing["reason"] == "detected, no gold row")]
    assert list(attr["source_text"]) == ["Police", "officials"]  # the mayor's cue is coded; the other two are not
    hedges = missing[missing["file"] == config.HEDGES_GOLD_NAME]
    assert "reportedly" in set(hedges["text"])  # no hedges.csv at all: every detection is missing
    assert set(hedges.loc[hedges["reason"] == "article has no gold rows", "source_id"]) == {"a", "b"}
    no_attr = missing[
        (missing["file"] == config.ATTRIBUTIONS_GOLD_NAME) & (missing["reason"] != "detected, no gold row")
    ]
    assert set(no_attr["source_id"]) == {"b"}
