"""Wire copy: one outlet's successive stories are one chain of updates, boilerplate joins no chain, rewrites still do.

On the fictional second corpus ``tests/fixtures/wire_corpus`` (its README says what each story is
built to test) and, for what must not change, on the shipped corpus.
"""

from __future__ import annotations

import dataclasses
import inspect

import pandas as pd
import pytest

from helpers.cli import run_validate
from helpers.reuse import candidates as reuse_candidates
from helpers.reuse import chaining
from helpers.reuse import derivation as reuse
from helpers.reuse import labels as reuse_labels
from helpers.reuse import lookups as reuse_lookups
from helpers.reuse import settings as reuse_settings
from helpers.reuse.outlets import own_reporting
from helpers.reuse.settings import REUSE
from helpers.sourcing import detect, rewrites
from tests.conftest import WIRE_CORPUS_DIR
from tests.reuse.samples import REUTERS_TRIO, frame, pair_row

AP = ("ap-1", "ap-2", "ap-3")


@pytest.fixture(scope="module")
def found(wire_corpus: pd.DataFrame) -> reuse.Reuse:
    """Reuse in the wire corpus under the one reuse setting."""
    return reuse.find_reuse(wire_corpus)


@pytest.fixture(scope="module")
def chain_table(wire_corpus: pd.DataFrame, found: reuse.Reuse) -> pd.DataFrame:
    """The wire corpus's chains, by source id."""
    return chaining.chains(wire_corpus, found.pairs).set_index("source_id")


def test_the_wire_corpus_validates() -> None:
    problems, summary = run_validate(WIRE_CORPUS_DIR)
    assert problems == [] and summary[0] == "ok: 8 articles"


# ---- one outlet's successive stories --------------------------------------------------------


def test_one_agency_s_updates_of_one_story_are_one_chain(chain_table: pd.DataFrame) -> None:
    assert set(chain_table.loc[list(AP), "chain"]) == {"Associated Press"}
    assert chain_table.loc[list(AP), "relation"].tolist() == [
        chaining.OWN,
        chaining.CHAIN_UPDATE,
        chaining.CHAIN_UPDATE,
    ]
    assert chain_table.loc[list(AP), "basis"].str.startswith("same outlet").all()
    assert "continues ap-1" in chain_table.at["ap-2", "evidence"]
    # Xinhua's two stories share no aligned passage: one newsroom, two pieces of reporting
    assert chain_table.at["xinhua-1", "chain"] != chain_table.at["xinhua-2", "chain"]
    assert set(chain_table.loc[["xinhua-1", "xinhua-2"], "outlet"]) == {"Xinhua News Agency"}
    assert "separate reporting" in chain_table.at["xinhua-2", "evidence"]


def test_pairs_of_one_outlet_s_stories_are_updates_not_derivations(
    wire_corpus: pd.DataFrame, found: reuse.Reuse
) -> None:
    for a, b in (("ap-1", "ap-2"), ("ap-1", "ap-3"), ("ap-2", "ap-3")):
        row = pair_row(found.pairs, a, b)
        assert row.relation == reuse_labels.UPDATE and "not a rewrite" in row.direction_basis
    labels = reuse_lookups.article_labels(wire_corpus, found.pairs).set_index("source_id")
    assert (
        labels.at["ap-2", "label"] == reuse_labels.NOT_DERIVED
        and labels.at["ap-3", "label"] == reuse_labels.NOT_DERIVED
    )


def test_a_later_update_is_not_shown_dropping_the_bulletin_s_hedge(wire_corpus: pd.DataFrame) -> None:
    att, hed = detect.attributions(wire_corpus), detect.hedges(wire_corpus)
    assert {"Suspected", "may have"} <= set(hed.loc[hed["source_id"] == "ap-1", "cue"])
    fates = rewrites.hedge_fates(wire_corpus, att, hed)
    assert set(fates["relation"]) == {"rewrite"}
    assert not fates["source_b"].isin(AP).any()  # no AP story is anybody's rewrite
    both = rewrites.hedge_fates(wire_corpus, att, hed, updates=True)
    update = both[(both["source_a"] == "ap-1") & (both["source_b"] == "ap-2")]
    assert set(update["relation"]) == {"update"} and set(update["status"]) <= set(rewrites.FATES[1:-1])


def test_the_outlet_must_be_known_and_unrelated_stories_stay_apart() -> None:
    texts = {"x": "Officials met to discuss water supplies. " * 5, "y": "The club announced a new coach today. " * 5}
    corpus = frame(texts, dates={"x": "2024-12-10", "y": "2024-12-11"})
    assert own_reporting(corpus) == {"x": "", "y": ""}  # 'unknown' outlets are no outlet
    corpus["outlet"] = ["Gazette", "gazette"]  # the outlet is compared case-insensitively
    table = chaining.chains(corpus, reuse.pairs(corpus)).set_index("source_id")
    assert table.at["x", "chain"] != table.at["y", "chain"]  # one newsroom's unrelated stories: two chains
    assert table["relation"].tolist() == [chaining.OWN, chaining.OWN]
    assert table.at["x", "outlet"] == "Gazette" and table.at["x", "chain"].startswith("Gazette")


# ---- boilerplate joins no chain; rewrites still do -------------------------------------------


def test_boilerplate_and_stock_sentences_join_no_chain(chain_table: pd.DataFrame, found: reuse.Reuse) -> None:
    for a, b in (("ap-1", "xinhua-2"), ("ap-2", "xinhua-2"), ("ap-3", "xinhua-2"), ("xinhua-1", "meridian-3")):
        row = pair_row(found.pairs, a, b)
        # without the guard these would be chain links: their shared text covers a fifth of one side
        assert row.label != reuse_labels.NOT_DERIVED, (a, b)
        assert row.relation == reuse_labels.FORMULAIC and "formulaic, no chain link" in row.direction_basis
    assert chain_table.at["xinhua-2", "chain"].startswith("Xinhua News Agency")
    assert (
        chain_table.at["meridian-3", "chain"] == "The Daily Meridian" and chain_table.at["meridian-3", "basis"] == "own"
    )


def test_the_genuine_rewrite_is_still_found(chain_table: pd.DataFrame, found: reuse.Reuse) -> None:
    row = pair_row(found.pairs, "ap-2", "meridian-1")
    assert row.relation == reuse_labels.REWRITE and row.derived == "meridian-1" and row.label == reuse_labels.WHOLLY
    assert chain_table.at["meridian-1", "chain"] == "Associated Press"
    assert chain_table.at["meridian-1", "relation"] == chaining.CHAIN_REWRITE
    assert "rests on ap-2" in chain_table.at["meridian-1", "evidence"]


def test_an_uncredited_rewrite_is_not_its_outlet_s_own_story(wire_corpus: pd.DataFrame, found: reuse.Reuse) -> None:
    assert own_reporting(wire_corpus)["meridian-1"]  # the manifest alone would say so
    assert chaining.own_stories(wire_corpus, found.pairs)["meridian-1"] == ""
    story = (
        "Engineers warned that the old canal needs repairs before the spring floods arrive in the valley. "
        "A local council member said funding for the project would be voted on next month by the council. "
        "Residents asked for better roads to the market and a new clinic near the school in the old town. "
    )
    follow = "The football club announced a new coach after a disappointing season at home. " * 3
    corpus = frame(
        {"wire": story, "copy": "Canal news. " + story, "staff": follow, "again": "More canal news. " + story},
        dates={"wire": "2024-12-10", "copy": "2024-12-11", "staff": "2024-12-12", "again": "2024-12-13"},
    )
    corpus["outlet"] = ["Agency", "Paper", "Paper", "Paper"]
    pairs = reuse.pairs(corpus)
    assert pair_row(pairs, "copy", "again").relation == reuse_labels.REWRITE  # re-read as two outlets: no update
    table = chaining.chains(corpus, pairs).set_index("source_id")
    assert table["chain"].to_dict() == {"wire": "Agency", "copy": "Agency", "staff": "Paper", "again": "Agency"}


def test_a_dateline_credit_joins_the_agency_s_chain_under_the_corpus_s_spelling(chain_table: pd.DataFrame) -> None:
    assert chain_table.at["meridian-2", "chain"] == "Associated Press"  # "(AP)" is the corpus's Associated Press
    assert chain_table.at["meridian-2", "basis"] == "credit + text reuse"


def test_a_short_shared_stock_sentence_is_formulaic_but_a_copied_story_is_a_rewrite() -> None:
    stock = "The cause of the accident is under investigation, the police said on Monday evening."
    own_a = "A boat sank near the harbour on Monday. Rescue teams saved twenty people from the cold water."
    own_b = "Farmers protested in the capital about prices. The minister promised to meet their leaders soon."
    story = (
        "Engineers warned that the old canal needs repairs before the spring floods arrive in the valley. "
        "A local council member said funding for the project would be voted on next month by the council. "
        "Residents asked for better roads to the market and a new clinic near the school in the old town. "
    )
    corpus = frame(
        {"a": f"{own_a} {stock}", "b": f"{own_b} {stock}", "c": story + "It rained.", "d": "Briefly: " + story},
        dates={"a": "2024-12-10", "b": "2024-12-11", "c": "2024-12-10", "d": "2024-12-11"},
    )
    corpus["outlet"] = ["Agency One", "Agency Two", "Agency One", "Paper Three"]
    pairs = reuse.pairs(corpus)
    stock_pair, copy_pair = pair_row(pairs, "a", "b"), pair_row(pairs, "c", "d")
    assert stock_pair.label != reuse_labels.NOT_DERIVED and stock_pair.relation == reuse_labels.FORMULAIC
    assert copy_pair.relation == reuse_labels.REWRITE


# ---- one reuse setting -----------------------------------------------------------------------


@pytest.mark.parametrize("which", ["wire", "shipped"])
def test_aligning_every_pair_changes_no_chain(which: str, wire_corpus: pd.DataFrame, corpus: pd.DataFrame) -> None:
    data = wire_corpus if which == "wire" else corpus
    default = chaining.chains(data, reuse.find_reuse(data).pairs)
    everything = chaining.chains(data, reuse.find_reuse(data, align_min_containment=0, min_shared=1).pairs)
    other_n = chaining.chains(data, reuse.find_reuse(data, n=3).pairs)
    assert default["chain"].tolist() == everything["chain"].tolist() == other_n["chain"].tolist()


def test_every_reuse_default_is_the_one_setting() -> None:
    assert dataclasses.asdict(REUSE) == {
        "n": reuse_settings.SHINGLE_N,
        "min_shared": reuse_settings.MIN_SHARED_SHINGLES,
        "align_min_containment": reuse_settings.ALIGN_MIN_CONTAINMENT,
    }
    params = inspect.signature(reuse_candidates.candidate_pairs).parameters
    assert (params["n"].default, params["min_shared"].default) == (REUSE.n, REUSE.min_shared)
    assert reuse_candidates.resolve_settings(None) == REUSE and reuse_candidates.resolve_settings(None, n=4).n == 4


# ---- the shipped corpus keeps its chains -----------------------------------------------------


def test_the_shipped_corpus_keeps_its_chains_and_its_pairs(corpus: pd.DataFrame) -> None:
    found = reuse.find_reuse(corpus)
    table = chaining.chains(corpus, found.pairs).set_index("source_id")
    assert table["chain"].to_dict() == {
        "north-press": "Reuters",
        "defence-talks": "Reuters",
        "syrian-crisis": "Reuters",
        "allies-fled": "AFP",
        "ft": "Financial Times",
    }
    assert table["basis"].to_dict() == {
        **dict.fromkeys(REUTERS_TRIO, "credit + text reuse"),
        "allies-fled": "inferred",
        "ft": "own",
    }
    trio = found.pairs["source_a"].isin(REUTERS_TRIO) & found.pairs["source_b"].isin(REUTERS_TRIO)
    assert set(found.pairs.loc[trio, "relation"]) == {reuse_labels.REWRITE}
    assert set(found.pairs.loc[~trio, "relation"]) == {""}
