"""Data tests on the shipped codings: every quote anchored, every claim coded, every slot reasoned."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.claims.aliases import find_entities, load_aliases
from helpers.claims.coding import SUPPORTING, read_codings


@pytest.fixture(scope="module")
def codings(corpus: pd.DataFrame):
    return read_codings(corpus)


def test_every_quote_is_anchored_in_its_article(codings, corpus: pd.DataFrame) -> None:
    ev = codings.evidence
    assert (ev["start"] >= 0).all()
    for row in ev.to_dict("records"):
        text = corpus.at[row["source_id"], "text"]
        assert text[row["start"] : row["end"]] == row["exact"]
        assert " ".join(row["exact"].split()) == " ".join(row["quote"].split())
        assert text[max(0, row["start"] - len(row["prefix"])) : row["start"]] == row["prefix"]


def test_every_claim_is_coded_and_most_are_supported(codings) -> None:
    coded = set(codings.evidence["claim_id"])
    assert coded == set(codings.claims.index)
    supported = set(codings.evidence.loc[codings.evidence["stance"].isin(SUPPORTING), "claim_id"])
    assert len(supported) >= 50


def test_hedge_cues_stand_in_their_quotes(codings) -> None:
    hedged = codings.evidence[codings.evidence["hedge"] != ""]
    assert len(hedged) > 0
    for row in hedged.to_dict("records"):
        for cue in row["hedge"].split(";"):  # several cues are separated by ';'
            assert cue.strip().lower() in " ".join(row["quote"].split()).lower(), (row["claim_id"], cue)


def test_competing_claims_have_reasoned_slots(codings) -> None:
    counts = codings.claims[codings.claims["slot"] != ""].groupby("slot").size()
    for slot in counts[counts >= 2].index:
        assert len(codings.slots.at[slot, "reasoning"]) > 100, slot


def test_every_article_is_coded(codings, corpus: pd.DataFrame) -> None:
    assert set(codings.coded_sources) == set(corpus.index)


def test_aliases_cover_the_known_spelling_variants(corpus: pd.DataFrame) -> None:
    aliases = load_aliases(corpus)
    entities = {
        name: set(find_entities(f" {name} ", aliases)["entity"])
        for name in ("Ehab", "Ihab", "Eyad", "Iyad", "Araqchi", "Araghchi", "Buthaina Shaaban", "Bouthaina Shaaban")
    }
    assert entities["Ehab"] == entities["Ihab"] != set()
    assert entities["Eyad"] == entities["Iyad"] != set()
    assert entities["Araqchi"] == entities["Araghchi"] != set()
    assert entities["Buthaina Shaaban"] == entities["Bouthaina Shaaban"] != set()
