"""Who copied whom past one machine: the reuse scan of :func:`~helpers.reuse.derivation.find_reuse` on a Dask cluster.

Same pairs, scores, labels and chains as the in-process scan, computed in three distributed steps:

1. **Shingles** per partition of articles (tokenised on the workers): one ``(hash, doc, outlet)``
   row per distinct shingle of each article.
2. **Shuffle** of those rows by hash (Dask's own shuffle), so that each hash partition holds whole
   posting lists: there each shingle's document frequency is exact, stock shingles over the
   boilerplate limit are dropped, and pairs sharing shingles are counted; a second shuffle, on the
   pair key, sums a pair's counts over partitions and keeps only the pairs sharing enough shingles
   (98 % of the pairs of 10,000 synthetic articles share only one or two). No worker holds the
   whole corpus or the whole index. The formulaic shingles (common in the corpus, or one outlet's
   stock text) are picked in the same partitions.
3. **Alignment** of the candidate pairs that pass the thresholds, in chunks on the workers (each
   chunk carries only its own articles' texts); the client then assembles the pairs table in
   the candidates' order with the in-process labelling rules, and builds the chains.

Only the default setting :data:`~helpers.reuse.settings.REUSE` is scanned (the one every table uses).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice

import numpy as np
import pandas as pd

from helpers.reuse import derivation, shingles
from helpers.reuse.boilerplate import house_text
from helpers.reuse.candidates import boilerplate_limit, candidate_frame, common_limit, corpus_texts
from helpers.reuse.chaining import chains
from helpers.reuse.derivation import Aligned, align_chunk, assemble, passing_pairs
from helpers.reuse.labels import Meta
from helpers.reuse.outlets import outlet_keys
from helpers.reuse.settings import OUTLET_STOCK_MIN_DOCS, REUSE

#: Articles per partition of step 1 (a few MB of text, a second or two of tokenising each).
PARTITION_ARTICLES = 500
#: Hash partitions of the shuffle per article partition (at least 2).
HASH_PARTITIONS_PER_PARTITION = 1
#: Candidate pairs aligned per task of step 3.
ALIGN_CHUNK_PAIRS = 1_000
#: Alignment tasks submitted ahead per worker thread (each holds its chunk's texts on a worker until it ends).
ALIGN_IN_FLIGHT_PER_THREAD = 2

CANDIDATE_COLUMNS = ["key", "shared_shingles", "distinctive_shingles"]
#: Dtypes of the shuffled rows: a document position and an outlet code fit 32 bits (2 billion articles),
#: a pair's shingle counts too (an article's distinct shingles); only the pair key needs 64 bits.
DOC_DTYPE = np.int32
COUNT_DTYPE = np.int32


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
            "doc": np.repeat(part["doc"].to_numpy(DOC_DTYPE), sizes),
            "outlet": np.repeat(part["outlet_code"].to_numpy(DOC_DTYPE), sizes),
        }
    )


def partition_pairs(rows: pd.DataFrame, ndocs: int) -> pd.DataFrame:
    """Pair counts of one hash partition (whole posting lists): ``key = a * ndocs + b``, shared, distinctive."""
    keys, shared, distinctive = shingles.posting_pairs(
        rows["hash"].to_numpy(np.uint64),
        rows["doc"].to_numpy(np.int64),
        ndocs,
        boilerplate_limit(ndocs),
        common_limit(ndocs),
    )
    return pd.DataFrame(
        {
            "key": keys,
            "shared_shingles": shared.astype(COUNT_DTYPE),
            "distinctive_shingles": distinctive.astype(COUNT_DTYPE),
        }
    )


def sum_pairs(counts: pd.DataFrame, min_shared: int = REUSE.min_shared) -> pd.DataFrame:
    """The pair counts of one key partition summed per pair, only pairs sharing at least ``min_shared`` shingles.

    Every row of a key is in the same partition, so a pair's sum is whole here; most pairs share one
    or two stock phrases, and dropping them here (as the client would) keeps them out of memory.
    """
    summed = counts.groupby("key", sort=False).sum()
    return summed[summed["shared_shingles"] >= min_shared]


def partition_formulaic(rows: pd.DataFrame, ndocs: int) -> pd.DataFrame:
    """The formulaic shingles of one hash partition: common in the corpus (``common``), or stock text of one outlet."""
    hashes = rows["hash"].to_numpy(np.uint64)
    uniq, counts = np.unique(hashes, return_counts=True)
    common = uniq[counts > common_limit(ndocs)]
    parts = [common]
    known = rows[rows["outlet"] >= 0]
    if len(known):
        per_outlet = known.groupby(["outlet", "hash"], sort=False).size()
        stock = per_outlet[per_outlet >= OUTLET_STOCK_MIN_DOCS]
        parts.append(stock.index.get_level_values("hash").to_numpy(np.uint64))
    found = np.unique(np.concatenate(parts))
    return pd.DataFrame({"hash": found, "common": np.isin(found, common)})


def doc_sizes(rows: pd.DataFrame) -> pd.DataFrame:
    """Distinct shingles per article of one article partition."""
    counts = rows["doc"].value_counts(sort=False)
    return pd.DataFrame({"doc": counts.index.to_numpy(np.int64), "size": counts.to_numpy(np.int64)})


# Step 3 runs :func:`helpers.reuse.derivation.align_chunk` on the workers: the same task as the
# in-process pool's, so both engines align a chunk alike.

# --------------------------------------------------------------------------------------------
# The client side
# --------------------------------------------------------------------------------------------


def _articles(corpus: pd.DataFrame, texts: Mapping[str, str]) -> pd.DataFrame:
    """Doc position, outlet code (-1 unknown) and text (boilerplate blanked) of every article, in corpus order."""
    keys = outlet_keys(corpus)
    codes: dict[str, int] = {}
    outlet_code = [codes.setdefault(keys[str(s)], len(codes)) if keys[str(s)] else -1 for s in corpus.index]
    docs = np.arange(len(corpus), dtype=np.int64)
    text = [texts[str(s)] for s in corpus.index]
    return pd.DataFrame({"doc": docs, "outlet_code": outlet_code, "text": text}).reset_index(drop=True)


def distributed_candidates(
    client: object, corpus: pd.DataFrame, texts: Mapping[str, str], partition_articles: int = PARTITION_ARTICLES
) -> tuple[pd.DataFrame, tuple[np.ndarray, np.ndarray]]:
    """Candidate pairs (as ``derivation.candidate_pairs`` gives them) and the formulaic shingles, on the cluster."""
    import dask.dataframe as dd

    ids = [str(s) for s in corpus.index]
    ndocs = len(ids)
    nparts = max(1, math.ceil(ndocs / partition_articles))
    table = _articles(corpus, texts)
    # the partitions go from the client straight to the workers, not through the scheduler's graph;
    # hash=False: random keys instead of hashing every text (40 s of the client at 100,000 articles)
    parts = client.scatter(
        [table.iloc[lo : lo + partition_articles] for lo in range(0, ndocs, partition_articles)], hash=False
    )
    arts = dd.from_delayed(parts, meta=table.iloc[:0], verify_meta=False)
    meta_rows = pd.DataFrame(
        {"hash": np.empty(0, np.uint64), "doc": np.empty(0, DOC_DTYPE), "outlet": np.empty(0, DOC_DTYPE)}
    )
    rows = arts.map_partitions(shingle_rows, meta=meta_rows)
    sizes = rows.map_partitions(
        doc_sizes, meta=pd.DataFrame({"doc": np.empty(0, np.int64), "size": np.empty(0, np.int64)})
    )
    nhash = max(2, nparts * HASH_PARTITIONS_PER_PARTITION)
    postings = rows.shuffle("hash", npartitions=nhash)
    meta_pairs = pd.DataFrame({c: np.empty(0, np.int64 if c == "key" else COUNT_DTYPE) for c in CANDIDATE_COLUMNS})
    counts = postings.map_partitions(partition_pairs, ndocs, meta=meta_pairs)
    # summed by a shuffle on the pair key (disk-backed, bounded memory per worker), not a tree reduction,
    # whose last steps gather all of a split's pair counts on one worker
    summed = counts.shuffle("key", npartitions=max(1, nhash // 4)).map_partitions(
        sum_pairs, meta=meta_pairs.set_index("key")
    )
    form_meta = pd.DataFrame({"hash": np.empty(0, np.uint64), "common": np.empty(0, bool)})
    formulaic = postings.map_partitions(partition_formulaic, ndocs, meta=form_meta)
    results = client.compute([sizes, summed, formulaic])
    # only the results' futures stay: each article partition is released from its worker once tokenised
    del parts, arts, rows, sizes, postings, counts, summed, formulaic
    size_df, pair_df, form_df = client.gather(results)
    del results
    size_of = np.zeros(ndocs, dtype=np.int64)
    size_of[size_df["doc"].to_numpy(np.int64)] = size_df["size"].to_numpy(np.int64)
    pair_df = pair_df.reset_index().sort_values("key", ignore_index=True)
    hashes = form_df["hash"].to_numpy(np.uint64)
    common = form_df["common"].to_numpy(bool)
    return _candidate_frame(ids, size_of, pair_df), (np.unique(hashes), np.unique(hashes[common]))


def _candidate_frame(ids: Sequence[str], sizes: np.ndarray, pair_df: pd.DataFrame) -> pd.DataFrame:
    """The candidates table of ``derivation.candidate_pairs`` from summed pair counts (same arithmetic, same order)."""
    ndocs = len(ids)
    key = pair_df["key"].to_numpy(np.int64)
    shared = pair_df["shared_shingles"].to_numpy(np.int64)
    distinctive = pair_df["distinctive_shingles"].to_numpy(np.int64)
    keep = shared >= REUSE.min_shared
    return candidate_frame(ids, sizes, key[keep] // ndocs, key[keep] % ndocs, shared[keep], distinctive[keep])


def _chunks(items: Sequence[tuple[str, str]], size: int) -> Iterator[Sequence[tuple[str, str]]]:
    """``items`` in consecutive slices of ``size``."""
    for lo in range(0, len(items), size):
        yield items[lo : lo + size]


def distributed_alignments(
    client: object,
    texts: Mapping[str, str],
    meta: Meta,
    todo: Sequence[tuple[str, str]],
    formulaic: tuple[np.ndarray, np.ndarray],
) -> dict[tuple[str, str], Aligned]:
    """Alignment, coverages and distinctive text of every pair in ``todo``, in chunks on the workers."""
    from distributed import as_completed

    form = client.scatter(formulaic, broadcast=True)

    def submit(chunk: Sequence[tuple[str, str]]) -> object:
        need = list(dict.fromkeys(x for pair in chunk for x in pair))
        [chunk_texts] = client.scatter([{s: texts[s] for s in need}], hash=False)  # to a worker directly
        return client.submit(align_chunk, list(chunk), chunk_texts, meta.subset(need), form, pure=False)

    # a few chunks in flight per worker thread: a chunk's texts are sent when it starts, its result
    # is fetched when it ends, so neither the texts nor the results of all chunks sit on the workers
    chunks = _chunks(list(todo), ALIGN_CHUNK_PAIRS)
    window = max(1, ALIGN_IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
    running = as_completed([submit(chunk) for chunk in islice(chunks, window)])
    done: dict[tuple[str, str], Aligned] = {}
    for future in running:
        done.update(future.result())
        chunk = next(chunks, None)
        if chunk is not None:
            running.add(submit(chunk))
    return done


def find_reuse_dask(
    client: object, corpus: pd.DataFrame, partition_articles: int = PARTITION_ARTICLES
) -> derivation.Reuse:
    """:func:`~helpers.reuse.derivation.find_reuse` under REUSE, computed on the Dask cluster of ``client``.

    Boilerplate (one outlet's recurring passages) is set aside on the client first, as in process;
    the candidates and the alignments run on the workers; the labels are applied by the same
    :func:`~helpers.reuse.derivation.assemble`.
    """
    if len(corpus) < 2:  # no pair to find: nothing worth a cluster
        return derivation.find_reuse(corpus)
    stored = corpus_texts(corpus)
    texts = house_text(corpus).texts
    meta = Meta.of(corpus)
    cand, formulaic = distributed_candidates(client, corpus, texts, partition_articles)
    todo = passing_pairs(cand, REUSE)
    aligned = distributed_alignments(client, texts, meta, todo, formulaic) if todo else {}
    return assemble(cand, aligned, set(todo), meta, stored, REUSE)


def scan(corpus: pd.DataFrame, client: object | None = None) -> dict[str, pd.DataFrame]:
    """The ``reuse_pairs`` and ``chains`` tables: in this process without ``client``, else on its cluster."""
    found = derivation.find_reuse(corpus) if client is None else find_reuse_dask(client, corpus)
    return {"reuse_pairs": found.pairs, "chains": chains(corpus, found.pairs)}
