"""The reuse scan in worker processes equals the in-process scan; the posting-list cap bounds the index."""

from __future__ import annotations

import math
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool

import numpy as np
import pandas as pd
import pytest

from helpers.reuse import boilerplate
from helpers.reuse.candidates import boilerplate_limit, corpus_texts, set_candidates
from helpers.reuse.derivation import TASKS_PER_WORKER, _align_shared, _chunks, align_pairs, find_reuse, passing_pairs
from helpers.reuse.labels import Formulaic, Meta
from helpers.reuse.settings import BOILERPLATE_MAX_DOCS, BOILERPLATE_MIN_DOCS, BOILERPLATE_SHARE, REUSE
from helpers.reuse.shingles import shared_counts, shingle_hashes, tokenize
from helpers.reuse.synthetic import generate


def test_parallel_path_is_identical_to_in_process() -> None:
    corpus = generate(2_000, seed=3).corpus
    alone = find_reuse(corpus, workers=1)
    pooled = find_reuse(corpus, parallel_min_articles=10, workers=2)
    assert len(alone.pairs) > 500 and len(alone.passages) > 1_000
    pd.testing.assert_frame_equal(alone.pairs, pooled.pairs)
    pd.testing.assert_frame_equal(alone.passages, pooled.passages)


class _SplitPool(Executor):
    """A stand-in pool that runs its first ``ran`` tasks at once and leaves the others pending (cancellable).

    With ``broken`` the pool breaks at its task ``broken``: that task and every pending one fail as a
    broken pool's do, and every later submission is refused.
    """

    def __init__(self, ran: int, broken: int | None = None) -> None:
        self.ran, self.broken, self.submitted = ran, broken, 0
        self.waiting: list[Future] = []

    @property
    def pending(self) -> int:
        return sum(not job.done() for job in self.waiting)

    def submit(self, fn, /, *args, **kwargs) -> Future:  # type: ignore[no-untyped-def]
        self.submitted += 1
        if self.broken is not None and self.submitted > self.broken + 1:
            raise BrokenProcessPool("a worker could not start")
        job: Future = Future()
        if self.broken is not None and self.submitted == self.broken + 1:
            for waiting in [*self.waiting, job]:
                if not waiting.done():
                    waiting.set_exception(BrokenProcessPool("a worker died"))
        elif self.ran > 0:
            self.ran -= 1
            job.set_result(fn(*args, **kwargs))
        else:
            self.waiting.append(job)
        return job


@pytest.mark.parametrize("ran", [0, 3, 100])
def test_alignment_shared_with_the_pool_equals_alignment_here(ran: int) -> None:
    corpus = generate(300, seed=4).corpus
    stored = corpus_texts(corpus)
    texts = boilerplate.house_text(corpus).texts
    ids, meta = list(texts), Meta.of(corpus)
    tokens = {sid: tokenize(texts[sid]) for sid in ids}
    cand = set_candidates(ids, [np.unique(shingle_hashes(tokens[s].hashes, REUSE.n)) for s in ids], REUSE.min_shared)
    todo = passing_pairs(cand, REUSE)
    assert len(todo) > 20 and stored
    here = align_pairs(todo, texts, tokens, Formulaic(ids, tokens, meta.outlet), meta)
    pool = _SplitPool(ran)
    shared = _align_shared(pool, 2, todo, texts, tokens, Formulaic(ids, tokens, meta.outlet), meta)
    assert shared == here
    chunks = len(_chunks(todo, math.ceil(len(todo) / (2 * TASKS_PER_WORKER))))
    assert chunks > 3 and len(pool.waiting) == max(0, chunks - ran)  # what the pool left pending, this process took
    assert all(job.cancelled() for job in pool.waiting)
    for broken in (0, 2):  # the pool breaks at once, or after two chunks: this process aligns the rest
        judge = Formulaic(ids, tokens, meta.outlet)
        assert _align_shared(_SplitPool(ran, broken), 2, todo, texts, tokens, judge, meta) == here


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
