"""Who copied whom past one machine: the reuse scan of :func:`~helpers.reuse.derivation.find_reuse` on a Dask cluster.

Same pairs, scores, labels and chains as the in-process scan, computed in three distributed steps:

1. **Shingles** per partition of articles (tokenised on the workers): one ``(hash, doc, outlet)``
   row per distinct shingle of each article.
2. **Shuffle** of those rows by hash (Dask's own shuffle), so that each hash partition holds whole
   posting lists: there each shingle's document frequency is exact, stock shingles over the
   boilerplate limit are dropped, and pairs sharing shingles are counted; a groupby sums a pair's
   counts over partitions. No worker holds the whole corpus or the whole index. The formulaic
   shingles (common in the corpus, or one outlet's stock text) are picked in the same partitions.
3. **Alignment** of the candidate pairs that pass the thresholds, in chunks on the workers (each
   chunk carries only its own articles' texts); the client then assembles the pairs table in
   the candidates' order with the in-process labelling rules, and builds the chains.

Only the default setting :data:`~helpers.reuse.settings.REUSE` is scanned (the one every table uses).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.reuse import derivation, shingles
from helpers.reuse.alignment import PASSAGE_COLUMNS, aligned_passages, profile
from helpers.reuse.chaining import chains
from helpers.reuse.outlets import outlet_keys
from helpers.reuse.settings import OUTLET_STOCK_MIN_DOCS, REUSE

#: Articles per partition of step 1 (a few MB of text, a second or two of tokenising each).
PARTITION_ARTICLES = 500
#: Hash partitions of the shuffle per article partition (at least 2).
HASH_PARTITIONS_PER_PARTITION = 1
#: Candidate pairs aligned per task of step 3.
ALIGN_CHUNK_PAIRS = 1_000

CANDIDATE_COLUMNS = ["key", "shared_shingles", "distinctive_shingles"]


# --------------------------------------------------------------------------------------------
# Step 1 and 2: the functions the workers run on one partition
# --------------------------------------------------------------------------------------------


def shingle_rows(part: pd.DataFrame, n: int = REUSE.n) -> pd.DataFrame:
    """One row per distinct shingle of each article of a partition: ``hash``, ``doc`` (position), ``outlet`` (code)."""
    sets = [np.unique(shingles.shingle_hashes(shingles.tokenize(t).hashes, n)) for t in part["text"]]
    sizes = np.fromiter((s.size for s in sets), dtype=np.int64, count=len(sets))
    empty = np.empty(0, np.uint64)
    return pd.DataFrame(
        {
            "hash": np.concatenate([empty, *sets]),
            "doc": np.repeat(part["doc"].to_numpy(np.int64), sizes),
            "outlet": np.repeat(part["outlet_code"].to_numpy(np.int64), sizes),
        }
    )


def partition_pairs(rows: pd.DataFrame, ndocs: int) -> pd.DataFrame:
    """Pair counts of one hash partition (whole posting lists): ``key = a * ndocs + b``, shared, distinctive."""
    keys, shared, distinctive = shingles.posting_pairs(
        rows["hash"].to_numpy(np.uint64),
        rows["doc"].to_numpy(np.int64),
        ndocs,
        derivation.boilerplate_limit(ndocs),
        derivation.common_limit(ndocs),
    )
    return pd.DataFrame({"key": keys, "shared_shingles": shared, "distinctive_shingles": distinctive})


def partition_formulaic(rows: pd.DataFrame, ndocs: int) -> pd.DataFrame:
    """The formulaic shingles of one hash partition: common in the corpus, or stock text of one outlet."""
    hashes = rows["hash"].to_numpy(np.uint64)
    uniq, counts = np.unique(hashes, return_counts=True)
    parts = [uniq[counts > derivation.common_limit(ndocs)]]
    known = rows[rows["outlet"] >= 0]
    if len(known):
        per_outlet = known.groupby(["outlet", "hash"], sort=False).size()
        stock = per_outlet[per_outlet >= OUTLET_STOCK_MIN_DOCS]
        parts.append(stock.index.get_level_values("hash").to_numpy(np.uint64))
    return pd.DataFrame({"hash": np.unique(np.concatenate(parts))})


def doc_sizes(rows: pd.DataFrame) -> pd.DataFrame:
    """Distinct shingles per article of one article partition."""
    counts = rows["doc"].value_counts(sort=False)
    return pd.DataFrame({"doc": counts.index.to_numpy(np.int64), "size": counts.to_numpy(np.int64)})


# --------------------------------------------------------------------------------------------
# Step 3: alignment of one chunk of pairs on a worker
# --------------------------------------------------------------------------------------------


def align_chunk(
    pairs: Sequence[tuple[str, str]], texts: Mapping[str, str], outlet: Mapping[str, str], formulaic: np.ndarray
) -> list[tuple]:
    """Per pair: passages, both coverages and the distinctive words and coverages (see ``_Formulaic.distinctive``)."""
    ids = list(texts)
    tokens = {sid: shingles.tokenize(texts[sid]) for sid in ids}
    profiles = {}
    judge = derivation._Formulaic(ids, tokens, outlet)
    judge._hashes = formulaic
    out = []
    for a, b in pairs:
        pa = profiles.get(a) or profiles.setdefault(a, profile(texts[a], tokens[a]))
        pb = profiles.get(b) or profiles.setdefault(b, profile(texts[b], tokens[b]))
        found, cov_a, cov_b = aligned_passages(pa, pb)
        # the distinctive text only matters for a derived pair, and a pair is derived on either side or not at all
        derived = derivation.derivation_label(max(cov_a, cov_b)) != derivation.NOT_DERIVED
        out.append((found, cov_a, cov_b, judge.distinctive(a, b, pa, pb, found) if derived else (0, 0.0, 0.0)))
    return out


# --------------------------------------------------------------------------------------------
# The client side
# --------------------------------------------------------------------------------------------


def _articles(corpus: pd.DataFrame) -> pd.DataFrame:
    """Doc position, outlet code (-1 unknown) and text of every article, in corpus order."""
    keys = outlet_keys(corpus)
    codes: dict[str, int] = {}
    outlet_code = [codes.setdefault(keys[str(s)], len(codes)) if keys[str(s)] else -1 for s in corpus.index]
    return pd.DataFrame(
        {"doc": np.arange(len(corpus), dtype=np.int64), "outlet_code": outlet_code, "text": corpus["text"].astype(str)}
    ).reset_index(drop=True)


def distributed_candidates(
    client: object, corpus: pd.DataFrame, partition_articles: int = PARTITION_ARTICLES
) -> tuple[pd.DataFrame, np.ndarray]:
    """Candidate pairs (as ``derivation.candidate_pairs`` gives them) and the formulaic shingles, on the cluster."""
    import dask
    import dask.dataframe as dd

    ids = [str(s) for s in corpus.index]
    ndocs = len(ids)
    nparts = max(1, math.ceil(ndocs / partition_articles))
    table = _articles(corpus)
    # the partitions go from the client straight to the workers, not through the scheduler's graph
    parts = client.scatter([table.iloc[lo : lo + partition_articles] for lo in range(0, ndocs, partition_articles)])
    arts = dd.from_delayed(parts, meta=table.iloc[:0], verify_meta=False)
    meta_rows = pd.DataFrame(
        {"hash": np.empty(0, np.uint64), "doc": np.empty(0, np.int64), "outlet": np.empty(0, np.int64)}
    )
    rows = arts.map_partitions(shingle_rows, meta=meta_rows)
    sizes = rows.map_partitions(
        doc_sizes, meta=pd.DataFrame({"doc": np.empty(0, np.int64), "size": np.empty(0, np.int64)})
    )
    nhash = max(2, nparts * HASH_PARTITIONS_PER_PARTITION)
    postings = rows.shuffle("hash", npartitions=nhash)
    meta_pairs = pd.DataFrame({c: np.empty(0, np.int64) for c in CANDIDATE_COLUMNS})
    counts = postings.map_partitions(partition_pairs, ndocs, meta=meta_pairs)
    summed = counts.groupby("key").sum(split_out=max(1, nhash // 4))
    formulaic = postings.map_partitions(partition_formulaic, ndocs, meta=pd.DataFrame({"hash": np.empty(0, np.uint64)}))
    with dask.config.set(scheduler=client):
        size_df, pair_df, form_df = dask.compute(sizes, summed, formulaic)
    size_of = np.zeros(ndocs, dtype=np.int64)
    size_of[size_df["doc"].to_numpy(np.int64)] = size_df["size"].to_numpy(np.int64)
    pair_df = pair_df.reset_index().sort_values("key", ignore_index=True)
    return _candidate_frame(ids, size_of, pair_df), np.unique(form_df["hash"].to_numpy(np.uint64))


def _candidate_frame(ids: Sequence[str], sizes: np.ndarray, pair_df: pd.DataFrame) -> pd.DataFrame:
    """The candidates table of ``derivation.candidate_pairs`` from summed pair counts (same arithmetic, same order)."""
    ndocs = len(ids)
    key = pair_df["key"].to_numpy(np.int64)
    shared = pair_df["shared_shingles"].to_numpy(np.int64)
    distinctive = pair_df["distinctive_shingles"].to_numpy(np.int64)
    keep = shared >= REUSE.min_shared
    a, b, shared, distinctive = key[keep] // ndocs, key[keep] % ndocs, shared[keep], distinctive[keep]
    na, nb = sizes[a], sizes[b]
    names = np.asarray(ids, dtype=object)
    return pd.DataFrame(
        {
            "source_a": names[a],
            "source_b": names[b],
            "shared_shingles": shared,
            "distinctive_shingles": distinctive,
            "containment_a_in_b": shared / np.maximum(na, 1),
            "containment_b_in_a": shared / np.maximum(nb, 1),
            "similarity": shared / np.maximum(na + nb - shared, 1),
        }
    )


def _chunks(items: Sequence[tuple[str, str]], size: int) -> Iterable[Sequence[tuple[str, str]]]:
    """``items`` in consecutive slices of ``size``."""
    for lo in range(0, len(items), size):
        yield items[lo : lo + size]


def distributed_alignments(
    client: object, corpus: pd.DataFrame, todo: Sequence[tuple[str, str]], formulaic: np.ndarray
) -> dict[tuple[str, str], tuple]:
    """Alignment, coverages and distinctive text of every pair in ``todo``, in chunks on the workers."""
    texts = {str(s): str(t) for s, t in corpus["text"].items()}
    outlet = outlet_keys(corpus)
    form = client.scatter(formulaic, broadcast=True)
    futures = []
    for chunk in _chunks(list(todo), ALIGN_CHUNK_PAIRS):
        need = dict.fromkeys(x for pair in chunk for x in pair)
        [chunk_texts] = client.scatter([{s: texts[s] for s in need}])  # to a worker directly
        futures.append(
            client.submit(align_chunk, list(chunk), chunk_texts, {s: outlet[s] for s in need}, form, pure=False)
        )
    done: dict[tuple[str, str], tuple] = {}
    for chunk, result in zip(_chunks(list(todo), ALIGN_CHUNK_PAIRS), client.gather(futures), strict=True):
        done.update(zip(chunk, result, strict=True))
    return done


def assemble(corpus: pd.DataFrame, cand: pd.DataFrame, aligned: Mapping[tuple[str, str], tuple]) -> derivation.Reuse:
    """The pairs and passages tables from candidates and their alignments, by ``find_reuse``'s rules under REUSE."""
    d = derivation
    meta = d.Meta.of(corpus)
    texts = {str(s): str(t) for s, t in corpus["text"].items()}
    setting = REUSE
    rows: list[tuple[object, ...]] = []
    across: dict[int, tuple[str, str]] = {}
    passage_rows: list[tuple[object, ...]] = []
    below = f"containment below {setting.align_min_containment:g}: not aligned"
    common = f"shares only common phrases and containment below {d.ALIGN_COMMON_CONTAINMENT:g}: not aligned"
    columns = zip(
        cand["source_a"], cand["source_b"], cand["similarity"], cand["containment_a_in_b"],
        cand["containment_b_in_a"], cand["shared_shingles"], cand["distinctive_shingles"], strict=True,
    )  # fmt: skip
    for a, b, sim, c_ab, c_ba, shared, distinctive in columns:
        base = (a, b, float(sim), float(c_ab), float(c_ba))
        counts = (int(shared), int(distinctive))
        update = meta.same_own_outlet(a, b)
        if (a, b) not in aligned:
            why = below if max(c_ab, c_ba) < setting.align_min_containment else common
            if update:
                across[len(rows)] = (why, "")
            rows.append((*base, 0, d.NOT_DERIVED, *counts, 0.0, 0.0, "", d._update_basis(a, b, meta, why, update),
                         d.UPDATE if update else ""))  # fmt: skip
            continue
        found, cov_a, cov_b, (words, dist_a, dist_b) = aligned[(a, b)]
        derived, cov, basis = d.direction(a, b, cov_a, cov_b, meta)
        label = d.derivation_label(cov)
        relation, cross_basis = "", basis
        if label != d.NOT_DERIVED:
            dist = dist_a if derived == a else dist_b if derived == b else max(dist_a, dist_b)
            if d.joins_chain(words, dist):
                relation = d.REWRITE
            else:
                relation = d.FORMULAIC
                cross_basis += (
                    f"; only {words} words of distinctive shared text ({dist:.0%} of the derived side) beyond "
                    f"stock passages, below {d.CHAIN_MIN_WORDS} words or {d.PARTIALLY_DERIVED_MIN_COVERAGE:.0%}: "
                    "formulaic, no chain link"
                )
        if update:
            across[len(rows)] = (cross_basis, relation)
            relation, cross_basis = d.UPDATE, d._update_basis(a, b, meta, basis, update)
        rows.append((*base, len(found), label, *counts, cov_a, cov_b, derived if label != d.NOT_DERIVED else "",
                     cross_basis, relation))  # fmt: skip
        passage_rows.extend((a, b, kind, score, a0, a1, b0, b1, texts[a][a0:a1], texts[b][b0:b1])
                            for kind, score, a0, a1, b0, b1 in found)  # fmt: skip
    pairs_df = d._rewritten_not_updates(pd.DataFrame(rows, columns=d.PAIR_COLUMNS), across)
    return d.Reuse(pairs_df, pd.DataFrame(passage_rows, columns=PASSAGE_COLUMNS))


def find_reuse_dask(
    client: object, corpus: pd.DataFrame, partition_articles: int = PARTITION_ARTICLES
) -> derivation.Reuse:
    """:func:`~helpers.reuse.derivation.find_reuse` under REUSE, computed on the Dask cluster of ``client``."""
    if len(corpus) < 2:  # no pair to find: nothing worth a cluster
        return derivation.find_reuse(corpus)
    cand, formulaic = distributed_candidates(client, corpus, partition_articles)
    todo = [
        (a, b)
        for a, b, shared, distinctive, x, y in zip(
            cand["source_a"],
            cand["source_b"],
            cand["shared_shingles"],
            cand["distinctive_shingles"],
            cand["containment_a_in_b"],
            cand["containment_b_in_a"],
            strict=True,
        )
        if derivation._passes(int(shared), int(distinctive), max(x, y), REUSE)
    ]
    aligned = distributed_alignments(client, corpus, todo, formulaic) if todo else {}
    return assemble(corpus, cand, aligned)


def scan(corpus: pd.DataFrame, client: object | None = None) -> dict[str, pd.DataFrame]:
    """The ``reuse_pairs`` and ``chains`` tables: in this process without ``client``, else on its cluster."""
    found = derivation.find_reuse(corpus) if client is None else find_reuse_dask(client, corpus)
    return {"reuse_pairs": found.pairs, "chains": chains(corpus, found.pairs)}
