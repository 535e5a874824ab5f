"""Authoring the temporal gold: quotes to anchored rows (round trip on the shipped gold), and the rows missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import config
from helpers.core.text import quote_occurrences
from helpers.corpus.load import load_corpus
from helpers.temporal.authoring import missing_temporal_gold, temporal_gold_row
from helpers.temporal.gold import GOLD_COLUMNS, gold_path, read_gold
from tests.conftest import make_corpus, write_csv


def test_every_shipped_gold_row_is_rebuilt_from_its_words(corpus) -> None:
    gold = read_gold(gold_path(corpus), corpus)
    for g in gold.to_dict("records"):
        spans = quote_occurrences(g["text"], corpus.at[g["source_id"], "text"])
        k = spans.index((g["start"], g["end"])) + 1
        fields = {c: g[c] for c in ("type", "value", "value_end", "granularity", "anchor", "note")}
        row = temporal_gold_row(corpus, g["source_id"], g["text"], **fields, occurrence=k if len(spans) > 1 else None)
        assert row == {c: g[c] for c in GOLD_COLUMNS}


@pytest.mark.parametrize(
    ("quote", "kwargs", "message"),
    [
        ("on Frieday", {}, "not found; closest passage"),
        ("ednesday", {}, "starts inside the word 'Wednesday'"),
        ("Wednesday", {"type": "weekday", "anchor": "somewhen"}, "anchor 'somewhen' is not one of"),
        ("Wednesday", {"occurrence": 3}, "occurs 1 time(s), so occurrence 3 does not exist"),
    ],
)
def test_bad_quotes_say_why_in_one_line(tmp_path: Path, quote: str, kwargs: dict, message: str) -> None:
    corpus = load_corpus(make_corpus(tmp_path / "c", {"a": "The minister spoke on Wednesday, 3 May 2023."}))
    kwargs = {"type": "weekday", **kwargs}
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        temporal_gold_row(corpus, "a", quote, **kwargs)


def test_missing_rows_are_detections_without_gold_and_articles_without_any(tmp_path: Path) -> None:
    root = make_corpus(
        tmp_path / "c",
        {"a": "The minister spoke on Wednesday, 3 May 2023. The vote was in 2019.", "b": "Talks resume in June."},
    )
    corpus = load_corpus(root)
    row = temporal_gold_row(corpus, "a", "3 May 2023", "date", "2023-05-03", granularity="day", anchor="absolute")
    (root / config.GOLD_DIRNAME).mkdir()
    write_csv(gold_path(corpus), [{k: str(v) for k, v in row.items()}], list(GOLD_COLUMNS))
    missing = missing_temporal_gold(corpus)
    detected = missing[missing["reason"] == "detected, no gold row"]
    assert "2019" in set(detected["text"]) and "3 May 2023" not in set(detected["text"])
    assert set(missing.loc[missing["reason"] == "article has no gold rows", "source_id"]) == {"b"}
    assert (detected["type"] != "").all()  # the resolver's reading is the draft
