"""Reviewing discovered candidates: merge, split, edit, accept and save, and the widget that draws them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.claims import review
from helpers.claims.coding import read_codings
from helpers.claims.discovery import discover
from helpers.claims.review_views import candidate_html, candidate_review
from helpers.core.errors import InputError
from helpers.corpus.load import load_corpus
from tests.conftest import make_corpus

WIRE = (
    "Rescuers pulled 14 miners from the Halvard pit on Tuesday after a tunnel collapsed.\n\n"
    "The mine's owner, Nordic Ore, said the collapse happened at 6 a.m. during a shift change.\n\n"
    "Two miners remain in hospital in Tromsø with broken legs, a hospital spokesman said."
)
REWRITE = (
    "Fourteen miners were pulled from the Halvard pit on Tuesday when a tunnel collapsed, rescuers said.\n\n"
    "Nordic Ore said the collapse happened at 6 a.m. during a shift change, the owner confirmed.\n\n"
    "Two miners remain in hospital in Tromsø with broken legs, according to a hospital spokesman."
)
THIRD = (
    "The Halvard pit collapse on Tuesday trapped 14 miners, rescuers said.\n\n"
    "Two of the Halvard miners remain in hospital in Tromsø with broken legs."
)


@pytest.fixture
def corpus(tmp_path: Path) -> pd.DataFrame:
    return load_corpus(make_corpus(tmp_path / "c", {"wire": WIRE, "paper": REWRITE, "blog": THIRD}))


@pytest.fixture
def found(corpus):
    got = discover(corpus, chains=pd.Series({"wire": "a", "paper": "b", "blog": "c"}))
    assert got.claims["candidate"].nunique() >= 2
    return got


def _cands(found) -> list[str]:
    return list(dict.fromkeys(found.claims["candidate"]))


def test_merge_joins_tellings_one_per_article(found) -> None:
    keep, other = _cands(found)[:2]
    merged = review.merge_candidates(found, keep, other)
    assert other not in set(merged.claims["candidate"]) and other not in set(merged.evidence["candidate"])
    mine = merged.evidence[merged.evidence["candidate"] == keep]
    assert not mine["source_id"].duplicated().any()
    before = set(found.evidence.loc[found.evidence["candidate"].isin([keep, other]), "source_id"])
    assert set(mine["source_id"]) == before
    assert "merged by a reviewer" in merged.claims.loc[merged.claims["candidate"] == keep, "grouped_by"].iloc[0]
    assert len(found.claims) > len(merged.claims)  # the input is left as it was


def test_split_moves_chosen_tellings_to_a_new_candidate(found) -> None:
    cand = _cands(found)[0]
    told = list(dict.fromkeys(found.evidence.loc[found.evidence["candidate"] == cand, "source_id"]))
    out = review.split_candidate(found, cand, told[:1])
    new = [c for c in _cands(out) if c not in _cands(found)]
    assert len(new) == 1
    assert list(out.evidence.loc[out.evidence["candidate"] == new[0], "source_id"]) == told[:1]
    assert told[0] not in set(out.evidence.loc[out.evidence["candidate"] == cand, "source_id"])
    claim = out.claims[out.claims["candidate"] == new[0]].iloc[0]
    assert claim["articles"] == 1 and claim["statement"] and "split by a reviewer" in claim["grouped_by"]
    assert len(out.evidence) == len(found.evidence)


def test_bad_review_steps_are_refused_in_one_line(found) -> None:
    cand = _cands(found)[0]
    with pytest.raises(InputError, match=f"did you mean '{cand}'"):
        review.merge_candidates(found, cand, cand.lower())
    with pytest.raises(InputError, match="not none or all"):
        review.split_candidate(found, cand, [])
    with pytest.raises(InputError, match="has no telling in 'nowhere'"):
        review.split_candidate(found, cand, ["nowhere"])
    with pytest.raises(InputError, match="needs a statement"):
        review.edit_statement(found, found.claims["claim_id"].iat[0], "  ")
    with pytest.raises(InputError, match="cannot be merged with itself"):
        review.merge_candidates(found, cand, cand)


def test_edit_then_accept_saves_through_the_checked_save(found, corpus) -> None:
    from helpers.claims.authoring import save_codings

    cand = _cands(found)[0]
    cid = found.claims.loc[found.claims["candidate"] == cand, "claim_id"].iat[0]
    edited = review.edit_statement(found, cid, "Rescuers freed 14 miners on Tuesday")
    claims, evidence = review.accepted_rows(edited, cand)
    assert (claims["claim_id"] == "").all() and evidence["claim_id"].str.startswith("new:").all()
    assert claims["statement"].iat[0] == "Rescuers freed 14 miners on Tuesday"
    assert not claims["notes"].str.contains("not reviewed").any() and evidence["note"].str.contains(cand).all()
    saved = save_codings(corpus, evidence, claims)
    codings = read_codings(load_corpus(saved.files[0].parent))
    assert len(codings.evidence) == len(evidence)
    assert "Rescuers freed 14 miners on Tuesday" in set(codings.claims["statement"])
    assert cand not in set(review.without_candidate(edited, cand).claims["candidate"])


def test_the_static_view_escapes_article_text(found) -> None:
    cand = _cands(found)[0]
    hostile = found.evidence.copy()
    hostile.loc[hostile["candidate"] == cand, "quote"] = "<script>alert(1)</script>"
    page = candidate_html(review.replace(found, evidence=hostile), cand)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_review_widget_draws_the_first_candidate_and_merges(found, corpus) -> None:
    box = candidate_review(corpus, found)
    picker, shown = box.children[0], box.children[1]
    first, second = _cands(found)[:2]
    assert picker.value == first and first in shown.value
    merge_with, merge = box.children[3].children
    merge_with.value = second
    merge.click()
    assert second not in picker.options[0][0] and len(picker.options) == len(_cands(found)) - 1
    assert "merged into" in box.children[-1].value


def test_the_review_widget_accepts_and_saves_then_moves_on(found, corpus) -> None:
    box = candidate_review(corpus, found)
    first = box.children[0].value
    _who, accept = box.children[5].children
    accept.click()
    assert "Saved" in box.children[-1].value and box.children[0].value != first
    assert len(read_codings(load_corpus(corpus.path("claims.csv").parent)).claims) >= 1


@pytest.fixture(scope="module")
def shipped_found():
    from helpers import config

    return discover(load_corpus(config.DEFAULT_CORPUS_DIR))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.booleans(), st.integers(0, 40), st.integers(0, 40), st.integers(1, 3)), max_size=6))
def test_any_review_sequence_keeps_one_telling_per_article_and_candidate(shipped_found, steps) -> None:
    found = shipped_found
    for is_merge, i, j, k in steps:
        cands = _cands(found)
        keep, other = cands[i % len(cands)], cands[j % len(cands)]
        told = list(dict.fromkeys(found.evidence.loc[found.evidence["candidate"] == keep, "source_id"]))
        try:
            found = (
                review.merge_candidates(found, keep, other)
                if is_merge
                else review.split_candidate(found, keep, told[:k])
            )
        except InputError:
            continue  # a step refused (merging with itself, splitting off every telling) changes nothing
    assert not found.evidence.duplicated(["candidate", "source_id"]).any()
    assert set(found.evidence["claim_id"]) == set(found.claims["claim_id"])
    assert (found.claims["articles"] >= 1).all() and len(found.evidence) <= len(shipped_found.evidence)
