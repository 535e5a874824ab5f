"""Tests of linking events to the outside rows and of the dating conflicts (outside, article, coded slot)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.timeline import conflicts as DC
from helpers.timeline.dated import events, read_outside
from tests.timeline.samples import make_outside, toy_codings, toy_events


@pytest.fixture(scope="module")
def toy() -> tuple[pd.DataFrame, pd.DataFrame]:
    return toy_events()


def test_outside_link_matches_spelling_variants_and_flags_the_named_dating(
    toy: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    corpus, ev = toy
    outside = make_outside(
        [("2024-12-01", "evening", "Iranian foreign minister Abbas Araghchi meets Assad (Reuters says 2 Dec)", "IRNA")]
    )
    links = DC.link_outside(ev, outside, DC.outlet_credits(corpus))
    row = links[links["mention"] == "December 2"].iloc[0]
    assert "araqchi~araghchi" in row["shared_words"]
    assert row["names_this_date"] and row["days_apart"] == 1
    conflicts = DC.dating_conflicts(ev, outside, DC.outlet_credits(corpus))
    hit = conflicts[conflicts["kind"] == "corpus vs outside"]
    assert list(hit["a_dates"]) == ["2024-12-02"] and list(hit["b_dates"]) == ["2024-12-01"]
    assert "the outside row itself names this dating" in hit.iloc[0]["reasoning"]


def test_outside_row_naming_a_date_without_the_articles_outlet_is_not_a_cross_reference(
    toy: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    corpus, ev = toy
    outside = make_outside([("2024-12-01", "", "A forum in Doha opens (1-2 Dec) with Araghchi", "A News")])
    links = DC.link_outside(ev, outside, DC.outlet_credits(corpus), min_score=0.99)
    assert links.empty


def test_article_conflict_when_times_do_not_overlap(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    rows = DC._article_conflicts(ev, min_score=0.1)
    pairs = {(r["a_dates"], r["b_dates"]) for r in rows}
    assert ("2024-12-08", "by 2024-12-08T00:00") in pairs  # Sunday vs 'by midnight': disjoint


def test_coded_slot_conflicts(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    corpus, ev = toy
    conflicts = DC.dating_conflicts(ev, make_outside([]), codings=toy_codings(corpus))
    coded = conflicts[conflicts["kind"] == "coded slot"]
    assert len(coded) == 1 and "backs C1" in coded.iloc[0]["reasoning"]


def test_real_corpus_finds_the_araghchi_dating_conflict(corpus: pd.DataFrame) -> None:
    conflicts = DC.dating_conflicts(events(corpus), read_outside(corpus), DC.outlet_credits(corpus))
    outside = conflicts[conflicts["kind"] == "corpus vs outside"]
    assert ((outside["a_dates"] == "2024-12-02") & (outside["b_dates"] == "2024-12-01")).any()
