"""Text reuse between articles: who shares wording with whom, which passages, in which direction.

Three steps, each scaling with the amount of shared text rather than the square of the corpus:

1. **Candidates** from an inverted index of hashed word n-gram shingles
   (:mod:`helpers.reuse.shingles`): exact shared-shingle counts for every pair that shares any, giving
   both directed containments and a symmetric Jaccard similarity.
2. **Alignment**, only for pairs whose containment reaches :data:`ALIGN_MIN_CONTAINMENT`:
   verbatim runs of identical normalised words, then fuzzy sentence alignment (rapidfuzz) for
   paraphrase, each passage with its character spans in both unmodified texts.
3. **Labels** in the spirit of the METER corpus (wholly / partially / not derived) from the share
   of the derived article covered by aligned passages, and the direction from publication dates.
4. **Relation**: two stories of one outlet are an ``update`` of its own reporting only when they
   share distinctive passages (one story continued; otherwise separate reporting); a derived pair
   of different outlets is a ``rewrite`` (a chain link) only with enough distinctive shared text,
   else ``formulaic`` (stock sentences and boilerplate join no chain) or ``weak`` (aligned only
   because the caller lowered the thresholds of :data:`helpers.reuse.settings.REUSE`).

The steps live in :mod:`helpers.reuse.candidates`, :mod:`helpers.reuse.alignment` and
:mod:`helpers.reuse.labels`; this module runs them over a corpus. Look-ups on the pairs are in
:mod:`helpers.reuse.lookups`. Built on these pairs: reporting chains and the CSV export
(:mod:`helpers.reuse.chaining`), the clues a reader could see without software
(:mod:`helpers.reuse.clues`), one pair's passages side by side (:mod:`helpers.reuse.passages`)
and the charts (:mod:`helpers.reuse.views`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from contextlib import nullcontext
from multiprocessing import get_context
from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers.reuse import shingles
from helpers.reuse.alignment import PASSAGE_COLUMNS, Profile, aligned_passages, profile
from helpers.reuse.boilerplate import house_text, take_sets, take_tokens
from helpers.reuse.candidates import (
    canonical_pairs,
    corpus_texts,
    passes,
    resolve_settings,
    set_candidates,
)
from helpers.reuse.labels import (
    FORMULAIC,
    NOT_DERIVED,
    REWRITE,
    UPDATE,
    WEAK,
    Formulaic,
    Meta,
    day,
    derivation_label,
    direction,
    joins_chain,
    rewritten_articles,
)
from helpers.reuse.settings import (
    ALIGN_COMMON_CONTAINMENT,
    CHAIN_MIN_WORDS,
    PARALLEL_MIN_ARTICLES,
    PARTIALLY_DERIVED_MIN_COVERAGE,
    REUSE,
    ReuseSettings,
)

#: Chunks of the alignment per core when it is shared with worker processes (smaller ones even out the cores' load).
TASKS_PER_WORKER = 16

PAIR_COLUMNS = [
    "source_a",
    "source_b",
    "similarity",
    "containment_a_in_b",
    "containment_b_in_a",
    "shared_passages",
    "label",
    "shared_shingles",
    "distinctive_shingles",
    "coverage_a",
    "coverage_b",
    "derived",
    "direction_basis",
    "relation",
]


class Reuse(NamedTuple):
    """Pairs (one row per related or reported pair) and the passages of the aligned ones."""

    pairs: pd.DataFrame
    passages: pd.DataFrame


def find_reuse(
    corpus: pd.DataFrame,
    settings: ReuseSettings | None = None,
    *,
    n: int | None = None,
    min_shared: int | None = None,
    align_min_containment: float | None = None,
    parallel_min_articles: int = PARALLEL_MIN_ARTICLES,
    workers: int | None = None,
) -> Reuse:
    """Candidate pairs from the shingle index, aligned and labelled when containment warrants it.

    ``corpus`` needs a ``text`` column indexed by source id; ``published``, ``credits`` and
    ``outlet`` are used for the direction and the relation when present. The thresholds are
    ``settings`` (default :data:`~helpers.reuse.settings.REUSE`, the one setting of the package)
    with any keyword given. Only pairs sharing at least ``min_shared`` shingles are returned. A
    pair is aligned when its larger containment reaches ``align_min_containment`` and it shares at
    least ``MIN_SHARED_SHINGLES`` distinctive shingles, or reaches :data:`ALIGN_COMMON_CONTAINMENT`.

    ``relation`` says what a pair is to the reporting chains, always under :data:`REUSE` (so a
    notebook that aligns every pair to show its passages gets the same chains): ``update`` (two
    stories of one outlet's own reporting continuing one story: distinctive shared passages),
    ``rewrite`` (derived across outlets, with at least
    :data:`CHAIN_MIN_WORDS` words of distinctive shared text), ``formulaic`` (derived, but sharing
    only stock text: phrases common in the corpus, one outlet's repeated passages, or too few
    words), ``weak`` (aligned only under thresholds below REUSE), or empty (not derived).

    With ``workers`` above 1 (default: the cores this process may use), a corpus of more than
    ``parallel_min_articles`` articles is aligned by this process and ``workers - 1`` worker
    processes together, with the same result as in this process alone.
    """
    setting = resolve_settings(settings, n=n, min_shared=min_shared, align_min_containment=align_min_containment)
    workers = usable_cores() if workers is None else workers
    pooled = workers > 1 and len(corpus) > parallel_min_articles
    with ProcessPoolExecutor(workers - 1, mp_context=get_context("spawn")) if pooled else nullcontext() as pool:
        if pool is not None:
            for _ in range(workers - 1):
                pool.submit(_ready)  # the workers start while this process reads the corpus
        stored = corpus_texts(corpus)
        texts = house_text(corpus, keep_tokens=True).texts  # boilerplate blanked, offsets as stored
        meta = Meta.of(corpus)
        ids = list(texts)
        tokens = _tokens(texts, stored, take_tokens(corpus))
        sets = shingle_sets(texts, stored, tokens, take_sets(corpus) if setting.n == REUSE.n else {}, setting.n)
        cand = set_candidates(ids, sets, setting.min_shared)
        canonical = canonical_pairs(ids, tokens, cand, setting)
        todo = passing_pairs(cand, setting)
        judge = Formulaic(ids, tokens, meta.outlet, sets if setting.n == REUSE.n else None)  # the same shingles
        del sets
        if pool is None:
            aligned = align_pairs(todo, texts, tokens, judge, meta)
        else:
            aligned = _align_shared(pool, workers, todo, texts, tokens, judge, meta)
    return assemble(cand, aligned, canonical, meta, stored, setting)


def usable_cores() -> int:
    """The CPU cores this process may run on (its affinity where the system tells it)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _ready() -> None:
    """A worker's first task: nothing, so that it starts (and imports this module) early."""


def _align_shared(
    pool: Executor,
    nproc: int,
    todo: Sequence[tuple[str, str]],
    texts: Mapping[str, str],
    tokens: Mapping[str, shingles.Tokens],
    judge: Formulaic,
    meta: Meta,
) -> dict[tuple[str, str], Aligned]:
    """:func:`align_pairs` shared by ``pool`` and this process: the pool works from the front, this one from the back.

    Each chunk goes to the pool with its own articles' texts (a worker tokenises them again: vocabulary
    ids are per process). This process takes back the last chunks the pool has not started
    (a pending future can be cancelled) and aligns them with the tokens it has, until the two meet.
    A pool that breaks (a worker that could not start, e.g. a script without a ``__main__`` guard)
    leaves its chunks to this process: the result is the same, only slower.
    """
    chunks = _chunks(todo, math.ceil(len(todo) / (nproc * TASKS_PER_WORKER)))
    stock = (judge.hashes, judge.common)
    jobs: list[Future | None] = []
    for chunk in chunks:
        need = list(dict.fromkeys(x for pair in chunk for x in pair))
        try:
            jobs.append(pool.submit(align_chunk, chunk, {s: texts[s] for s in need}, meta.subset(need), stock))
        except BrokenExecutor:
            jobs.append(None)
    aligned: dict[tuple[str, str], Aligned] = {}
    profiles: dict[str, Profile] = {}

    def here(chunk: Sequence[tuple[str, str]]) -> None:
        aligned.update(align_pairs(chunk, texts, tokens, judge, meta, profiles))

    taken = set()
    for i in reversed(range(len(chunks))):
        if jobs[i] is not None and not jobs[i].cancel():  # type: ignore[union-attr]
            break
        here(chunks[i])
        taken.add(i)
    for i, job in enumerate(jobs):
        if i in taken:
            continue
        if job is None:
            here(chunks[i])
            continue
        try:
            aligned.update(job.result())
        except BrokenExecutor:
            here(chunks[i])
    return aligned


def _tokens(texts: Mapping[str, str], stored: Mapping[str, str], read: Mapping[str, shingles.Tokens]) -> dict:
    """Each blanked text's tokens: from its stored text's tokens where they were read, else tokenised."""
    out = {}
    for sid, text in texts.items():
        if sid not in read:
            out[sid] = shingles.tokenize(text)
        elif text == stored[sid]:
            out[sid] = read[sid]
        else:
            out[sid] = shingles.blanked_tokens(read[sid], stored[sid], text)
    return out


def shingle_sets(
    texts: Mapping[str, str], stored: Mapping[str, str], tokens: Mapping[str, shingles.Tokens], read: Mapping, n: int
) -> list[np.ndarray]:
    """Each text's distinct shingles: its stored text's from ``read`` when nothing was blanked, else from its tokens."""
    return [
        read[sid] if sid in read and text == stored[sid] else np.unique(shingles.shingle_hashes(tokens[sid].hashes, n))
        for sid, text in texts.items()
    ]


def _chunks(items: Sequence, size: int) -> list[Sequence]:
    """``items`` in consecutive slices of ``size`` (at least 1)."""
    size = max(1, size)
    return [items[lo : lo + size] for lo in range(0, len(items), size)]


def align_chunk(
    pairs: Sequence[tuple[str, str]],
    texts: Mapping[str, str],
    meta: Meta,
    stock: tuple[np.ndarray, np.ndarray],
) -> dict[tuple[str, str], Aligned]:
    """:func:`align_pairs` on one chunk of pairs in a worker (a process of the pool or a Dask worker).

    The chunk carries only its own articles' texts, tokenised here (vocabulary ids are per process),
    and the corpus-wide formulaic and common shingles (``stock``) the worker could not find alone.
    """
    tokens = {sid: shingles.tokenize(text) for sid, text in texts.items()}
    return align_pairs(pairs, texts, tokens, Formulaic(list(texts), tokens, meta.outlet, stock=stock), meta)


class Aligned(NamedTuple):
    """One aligned pair: its passages, both coverages and its distinctive text (words, share of a, of b)."""

    found: list[tuple[str, float, int, int, int, int]]
    cov_a: float
    cov_b: float
    distinctive: tuple[int, float, float]


def passing_pairs(cand: pd.DataFrame, setting: ReuseSettings) -> list[tuple[str, str]]:
    """The candidate pairs worth aligning under ``setting`` (see :func:`helpers.reuse.candidates.passes`)."""
    columns = zip(
        cand["source_a"], cand["source_b"], cand["shared_shingles"], cand["distinctive_shingles"],
        cand["containment_a_in_b"], cand["containment_b_in_a"], strict=True,
    )  # fmt: skip
    return [(a, b) for a, b, shared, dist, x, y in columns if passes(int(shared), int(dist), max(x, y), setting)]


def align_pairs(
    todo: Iterable[tuple[str, str]],
    texts: Mapping[str, str],
    tokens: Mapping[str, shingles.Tokens],
    formulaic: Formulaic,
    meta: Meta,
    profiles: dict[str, Profile] | None = None,
) -> dict[tuple[str, str], Aligned]:
    """Passages, coverages and distinctive text of each pair in ``todo`` (one process, or one Dask worker).

    ``profiles`` keeps the articles' alignment profiles across calls (one process's chunks).
    """
    profiles = {} if profiles is None else profiles
    done: dict[tuple[str, str], Aligned] = {}
    for a, b in todo:
        pa = profiles.get(a) or profiles.setdefault(a, profile(texts[a], tokens[a]))
        pb = profiles.get(b) or profiles.setdefault(b, profile(texts[b], tokens[b]))
        found, cov_a, cov_b = aligned_passages(pa, pb)
        # the distinctive text matters only for a derived pair, and a pair is derived on either side or not at all
        derived = derivation_label(max(cov_a, cov_b)) != NOT_DERIVED
        dist = formulaic.distinctive(a, b, pa, pb, found, meta.same_own_outlet(a, b)) if derived else (0, 0.0, 0.0)
        done[(a, b)] = Aligned(found, cov_a, cov_b, dist)
    return done


def assemble(
    cand: pd.DataFrame,
    aligned: Mapping[tuple[str, str], Aligned],
    canonical: set[tuple[str, str]],
    meta: Meta,
    stored: Mapping[str, str],
    setting: ReuseSettings,
) -> Reuse:
    """The pairs and passages tables from the candidates and their alignments: labels, direction, relation.

    The one place the rules are applied, whichever engine aligned the pairs (this process or Dask).
    """
    rows: list[tuple[object, ...]] = []
    across: dict[int, tuple[str, str]] = {}  # row -> (basis, relation) of an update pair read as two outlets
    passage_rows: list[tuple[object, ...]] = []
    below = f"containment below {setting.align_min_containment:g}: not aligned"
    common = f"shares only common phrases and containment below {ALIGN_COMMON_CONTAINMENT:g}: not aligned"
    columns = zip(
        cand["source_a"], cand["source_b"], cand["similarity"], cand["containment_a_in_b"],
        cand["containment_b_in_a"], cand["shared_shingles"], cand["distinctive_shingles"], strict=True,
    )  # fmt: skip
    for a, b, sim, c_ab, c_ba, shared, distinctive in columns:
        base = (a, b, float(sim), float(c_ab), float(c_ba))
        counts = (int(shared), int(distinctive))
        c_max = max(c_ab, c_ba)
        update = meta.same_own_outlet(a, b)
        if (a, b) not in aligned:
            why = below if c_max < setting.align_min_containment else common
            why = f"one outlet's stories sharing no aligned passage: separate reporting; {why}" if update else why
            rows.append((*base, 0, NOT_DERIVED, *counts, 0.0, 0.0, "", why, ""))  # fmt: skip
            continue
        found, cov_a, cov_b, (words, dist_a, dist_b) = aligned[(a, b)]
        derived, cov, basis = direction(a, b, cov_a, cov_b, meta)
        label = derivation_label(cov)
        relation, cross_basis = "", basis
        if label != NOT_DERIVED and (a, b) not in canonical:
            relation = WEAK
            cross_basis += "; aligned only under thresholds below the reuse setting: no chain link"
        elif label != NOT_DERIVED:
            dist = dist_a if derived == a else dist_b if derived == b else max(dist_a, dist_b)
            if joins_chain(words, dist):
                relation = REWRITE
            else:
                relation = FORMULAIC
                cross_basis += (
                    f"; only {words} words of distinctive shared text ({dist:.0%} of the derived side) beyond "
                    f"stock passages, below {CHAIN_MIN_WORDS} words or {PARTIALLY_DERIVED_MIN_COVERAGE:.0%}: "
                    "formulaic, no chain link"
                )
        if update and relation == REWRITE:
            across[len(rows)] = (cross_basis, relation)
            relation, cross_basis = UPDATE, _update_basis(a, b, meta, basis, update)
        elif update:
            cross_basis = f"one outlet's stories, too little distinctive shared text: separate reporting; {cross_basis}"
        basis = cross_basis
        rows.append((*base, len(found), label, *counts, cov_a, cov_b, derived if label != NOT_DERIVED else "", basis,
                     relation))  # fmt: skip
        passage_rows.extend((a, b, kind, score, a0, a1, b0, b1, stored[a][a0:a1], stored[b][b0:b1])
                            for kind, score, a0, a1, b0, b1 in found)  # fmt: skip
    pairs_df = _rewritten_not_updates(pd.DataFrame(rows, columns=PAIR_COLUMNS), across)
    passages_df = pd.DataFrame(passage_rows, columns=PASSAGE_COLUMNS)
    return Reuse(pairs_df, passages_df)


def _rewritten_not_updates(pairs_df: pd.DataFrame, across: Mapping[int, tuple[str, str]]) -> pd.DataFrame:
    """Update pairs read again as pairs of two outlets when one side rewrites another outlet's story.

    An outlet's uncredited rewrite of a wire story looks like its own reporting in the manifest;
    once the text shows it rests on another outlet, its pairs with the outlet's own stories are
    not updates (they get the relation they would have between two outlets). Repeated until no
    pair changes, since a story built on such a rewrite rests on the other outlet too.
    """
    while True:
        rewritten = rewritten_articles(pairs_df)
        redo = [
            i
            for i in across
            if pairs_df.at[i, "relation"] == UPDATE
            and {pairs_df.at[i, "source_a"], pairs_df.at[i, "source_b"]} & rewritten
        ]
        if not redo:
            return pairs_df
        for i in redo:
            pairs_df.loc[i, ["direction_basis", "relation"]] = across[i]


def _update_basis(a: str, b: str, meta: Meta, basis: str, update: bool) -> str:
    """``basis`` prefixed, for two stories of one outlet, with which one updates the other."""
    if not update:
        return basis
    pub_a, pub_b = meta.published.get(a, pd.NaT), meta.published.get(b, pd.NaT)
    if pd.notna(pub_a) and pd.notna(pub_b) and pub_a != pub_b:
        later, earlier = (a, b) if pub_a > pub_b else (b, a)
        head = f"one outlet's own reporting: {later} ({day(meta.published[later])}) updates {earlier}"
        head += f" ({day(meta.published[earlier])}), not a rewrite"
    else:
        head = "one outlet's own reporting: successive stories of the same day, not rewrites"
    return f"{head}; {basis}"


def pairs(corpus: pd.DataFrame) -> pd.DataFrame:
    """The reuse pairs of a corpus (see :func:`find_reuse`)."""
    return find_reuse(corpus).pairs
