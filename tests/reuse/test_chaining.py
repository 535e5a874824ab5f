"""Reporting chains: credits, text reuse and inferred upstreams joined; the chain tables and the CSV export."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import config
from helpers.corpus.load import load_corpus
from helpers.reuse import chaining as chains
from helpers.reuse import derivation as reuse
from tests.reuse.samples import FILLER, OTHER, REUTERS_TRIO, frame


@pytest.fixture(scope="module")
def real(corpus: pd.DataFrame) -> reuse.Reuse:
    """Reuse found in the repository corpus with default settings."""
    return reuse.find_reuse(corpus)


def test_chains_put_the_reuters_trio_together_and_keep_ft_and_allies_apart(
    corpus: pd.DataFrame, real: reuse.Reuse
) -> None:
    ch = chains.chains(corpus, real.pairs).set_index("source_id")
    assert list(ch.columns) == ["chain", "basis", "evidence", "relation", "story_id", "outlet"]
    assert set(ch.loc[[*REUTERS_TRIO, "allies-fled"], "relation"]) == {chains.CHAIN_REWRITE}
    assert ch.at["ft", "relation"] == chains.OWN
    assert set(ch.loc[list(REUTERS_TRIO), "chain"]) == {"Reuters"}
    assert (ch.loc[list(REUTERS_TRIO), "basis"] == "credit + text reuse").all()
    assert ch.at["ft", "chain"] != "Reuters" and ch.at["ft", "basis"] == "own"
    assert ch.at["allies-fled", "chain"] == "AFP" and ch.at["allies-fled", "basis"] == "inferred"
    assert "inferred" in ch.at["allies-fled", "evidence"]
    assert ch["evidence"].str.len().gt(0).all()


def test_credit_alone_makes_a_chain_and_reuse_extends_it() -> None:
    corpus = frame(
        {"credited": FILLER, "copier": FILLER + OTHER, "lonely": "Wire reports say the canal will close. " * 3},
        dates={"credited": "2024-12-10", "copier": "2024-12-11"},
        credits={"credited": ("Wire",), "lonely": ("Agency",)},
    )
    ch = chains.chains(corpus, reuse.pairs(corpus)).set_index("source_id")
    assert ch.at["copier", "chain"] == "Wire" and ch.at["copier", "basis"] == "text reuse"
    assert "rests on credited" in ch.at["copier", "evidence"]
    assert ch.at["lonely", "chain"] == "Agency" and ch.at["lonely", "basis"] == "credit"


def test_tables_have_the_documented_columns() -> None:
    out = chains.reuse_tables(load_corpus(config.DEFAULT_CORPUS_DIR))
    assert set(out) == {"reuse_pairs.csv", "chains.csv", "stories.csv", "boilerplate.csv"}
    cols = [
        "source_a",
        "source_b",
        "similarity",
        "containment_a_in_b",
        "containment_b_in_a",
        "shared_passages",
        "label",
    ]
    assert list(out["reuse_pairs.csv"].columns[: len(cols)]) == cols
    assert list(out["chains.csv"].columns) == [
        "source_id", "chain", "basis", "evidence", "relation", "story_id", "outlet"
    ]  # fmt: skip
    assert list(out["stories.csv"].columns) == ["story_id", "label", "source_id"]
    assert out["stories.csv"]["story_id"].nunique() == 1  # the shipped corpus's five accounts are one story


def test_chain_counts_and_summary_count_chains_not_outlets(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    ch = chains.chains(corpus, real.pairs)
    counts = chains.chain_counts(corpus, ch)
    assert counts["articles"] == len(corpus) and counts["chains"] == ch["chain"].nunique() < counts["outlets"]
    table = chains.chain_summary(corpus, ch).set_index("chain")
    assert table.at["Reuters", "articles"] == len(REUTERS_TRIO)


def test_chain_of_maps_each_article_to_its_chain_and_unknown_outlets_to_their_id() -> None:
    corpus = frame(
        {"a": FILLER, "b": "Nothing alike here at all, a different story entirely. " * 3},
        dates={"a": "2024-12-10", "b": "2024-12-11"},
        credits={"a": ("Wire",)},
    )
    corpus["outlet"] = ["Gazette", "UNKNOWN"]  # the 'unknown' outlet is compared case-insensitively
    table = chains.chains(corpus, reuse.pairs(corpus))
    lookup = chains.chain_of(table)
    assert lookup.to_dict() == {"a": "Wire", "b": "b"}
