"""The reuse scan in worker processes equals the in-process scan; the posting-list cap bounds the index."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.reuse import boilerplate
from helpers.reuse.candidates import boilerplate_limit
from helpers.reuse.derivation import find_reuse
from helpers.reuse.settings import BOILERPLATE_MAX_DOCS, BOILERPLATE_MIN_DOCS, BOILERPLATE_SHARE
from helpers.reuse.shingles import shared_counts
from helpers.reuse.synthetic import generate


def test_parallel_path_is_identical_to_in_process() -> None:
    corpus = generate(2_000, seed=3).corpus
    alone = find_reuse(corpus, workers=1)
    house = boilerplate.house_text(corpus)
    boilerplate._LAST.clear()  # the pooled run reads the texts again, in its workers
    pooled = find_reuse(corpus, parallel_min_articles=10, workers=2)
    pooled_house = boilerplate.house_text(corpus)  # remembered from the pooled run
    assert house.texts == pooled_house.texts
    pd.testing.assert_frame_equal(house.boilerplate, pooled_house.boilerplate)
    pd.testing.assert_frame_equal(house.stories, pooled_house.stories)
    assert len(alone.pairs) > 500 and len(alone.passages) > 1_000
    pd.testing.assert_frame_equal(alone.pairs, pooled.pairs)
    pd.testing.assert_frame_equal(alone.passages, pooled.passages)


def test_posting_list_cap_is_fixed_past_the_share() -> None:
    below = int(BOILERPLATE_MAX_DOCS / BOILERPLATE_SHARE)  # the corpus size where the share reaches the cap
    assert boilerplate_limit(10) == BOILERPLATE_MIN_DOCS
    assert boilerplate_limit(below) == BOILERPLATE_MAX_DOCS == int(BOILERPLATE_SHARE * below)
    assert boilerplate_limit(100_000) == boilerplate_limit(10_000_000) == BOILERPLATE_MAX_DOCS


def test_posting_list_over_the_cap_makes_no_pairs() -> None:
    ndocs = 100_000  # 2 % would allow 2,000 articles per shingle; the cap allows 500
    stock, rare = np.uint64(7), np.uint64(11)
    over = BOILERPLATE_MAX_DOCS + 1
    sets = [np.array([stock], dtype=np.uint64)] * over + [np.array([rare], dtype=np.uint64)] * 3
    sets += [np.empty(0, np.uint64)] * (ndocs - len(sets))
    a, b, shared, _ = shared_counts(sets, boilerplate_limit(ndocs), None)
    assert list(zip(a.tolist(), b.tolist(), shared.tolist(), strict=True)) == [
        (over, over + 1, 1), (over, over + 2, 1), (over + 1, over + 2, 1)
    ]  # fmt: skip
    at_cap = [np.array([stock], dtype=np.uint64)] * BOILERPLATE_MAX_DOCS + [np.empty(0, np.uint64)] * 10
    a, _, _, _ = shared_counts(at_cap, boilerplate_limit(ndocs), None)
    assert a.size == BOILERPLATE_MAX_DOCS * (BOILERPLATE_MAX_DOCS - 1) // 2
