"""Alignment of one pair of articles: verbatim runs of identical words, then paraphrased sentences.

Step 2 of :mod:`helpers.reuse.derivation`: for a pair the shingle index found, every shared
passage with its kind, score and character spans in both unmodified texts, and how much of each
article those passages cover.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from helpers.core.text import FUNCTION_WORDS, sentence_spans
from helpers.reuse import shingles
from helpers.reuse.settings import (
    PARAPHRASE_MIN_SCORE,
    PARAPHRASE_MIN_SHARED_WORDS,
    VERBATIM_MIN_WORDS,
    VERBATIM_SENTENCE_SHARE,
)
from helpers.reuse.shingles import Tokens

VERBATIM = "verbatim"
PARAPHRASE = "paraphrase"

#: Function words ignored by the paraphrase scorer (they carry no evidence of copying).
STOP_WORDS = FUNCTION_WORDS

PASSAGE_COLUMNS = ["source_a", "source_b", "kind", "score", "a_start", "a_end", "b_start", "b_end", "a_text", "b_text"]


# --------------------------------------------------------------------------------------------
# Step 2: alignment of one pair
# --------------------------------------------------------------------------------------------


class SentenceWords:
    """Each sentence's content words, sorted and joined by spaces, made when first asked for (most never are)."""

    def __init__(self, ids: np.ndarray, bounds: Sequence[int]) -> None:
        self._ids, self._bounds = ids, bounds  # content words as vocabulary ids; sentence k: [bounds[k], bounds[k+1])
        self._made: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._bounds) - 1

    def __getitem__(self, k: int) -> str:
        if k not in self._made:
            lo, hi = self._bounds[k], self._bounds[k + 1]
            self._made[k] = " ".join(sorted(map(shingles.vocabulary_word, self._ids[lo:hi].tolist())))
        return self._made[k]


@dataclass(frozen=True)
class Profile:
    """What alignment needs of one text, computed once per article."""

    text: str
    tokens: Tokens
    sentences: tuple[tuple[int, int], ...]
    bounds: np.ndarray  # sentence k holds tokens [bounds[k], bounds[k+1])
    content: SentenceWords  # content words of each sentence, sorted, joined by spaces
    content_ids: tuple[np.ndarray, ...]  # the same words as stable hashes, unique
    anchors: np.ndarray  # hash of the VERBATIM_MIN_WORDS-word window starting at each token
    anchor_order: np.ndarray  # argsort of anchors (stable), so a pair need not sort them again
    content_index: tuple[np.ndarray, np.ndarray]  # (word hash, sentence) of every sentence, deduplicated, sorted


#: Stop-word flag per vocabulary id (:attr:`Tokens.ids`), extended as the vocabulary grows.
_STOP_BY_ID = np.empty(0, dtype=bool)
_STOP_LOCK = threading.Lock()


def _stop_flags(toks: Tokens) -> np.ndarray:
    """Whether each token is a stop word, looked up by vocabulary id."""
    global _STOP_BY_ID
    if toks.ids.size and int(toks.ids.max()) >= _STOP_BY_ID.size:
        with _STOP_LOCK:
            extra = shingles.vocabulary_table(STOP_WORDS.__contains__, _STOP_BY_ID.size)
            _STOP_BY_ID = np.concatenate([_STOP_BY_ID, extra])
    return _STOP_BY_ID[toks.ids]


def _index_entries(groups: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """``(word, group)`` of every word of every group, duplicates within a group dropped, sorted by word."""
    sizes = [g.size for g in groups]
    rows = np.repeat(np.arange(len(groups), dtype=np.int64), sizes)
    words = np.concatenate(groups) if groups else np.empty(0, np.uint64)
    order = np.lexsort((rows, words))
    words, rows = words[order], rows[order]
    keep = np.r_[True, (words[1:] != words[:-1]) | (rows[1:] != rows[:-1])] if words.size else np.empty(0, bool)
    return words[keep], rows[keep]


def profile(text: str, tokens: Tokens | None = None) -> Profile:
    """Tokens, sentences and verbatim anchors of one text (``tokens`` if already tokenised)."""
    toks = shingles.tokenize(text) if tokens is None else tokens
    sents = tuple(sentence_spans(text))
    starts = np.asarray([s for s, _ in sents], dtype=np.int64)
    sentence_of = np.searchsorted(starts, toks.starts, side="right") - 1
    bounds = np.searchsorted(sentence_of, np.arange(len(sents) + 1), side="left")
    keep = ~_stop_flags(toks)
    kept_hashes = toks.hashes[keep]
    cbounds = np.r_[0, np.cumsum(keep, dtype=np.int64)][bounds].tolist()
    content = SentenceWords(toks.ids[keep], cbounds)
    content_ids = tuple(kept_hashes[c0:c1] for c0, c1 in pairwise(cbounds))
    anchors = (
        shingles.shingle_hashes(toks.hashes, VERBATIM_MIN_WORDS)
        if len(toks) >= VERBATIM_MIN_WORDS
        else np.empty(0, np.uint64)
    )
    order = np.argsort(anchors, kind="stable")
    return Profile(text, toks, sents, bounds, content, content_ids, anchors, order, _index_entries(content_ids))


def _verbatim_runs(pa: Profile, pb: Profile) -> list[tuple[int, int, int, int]]:
    """Maximal runs of identical normalised words, as token ranges ``(a_lo, a_hi, b_lo, b_hi)``.

    Anchors are the positions where both texts have the same ``VERBATIM_MIN_WORDS``-word window;
    anchors on one diagonal (same ``i - j``) at consecutive positions form one run. Overlapping
    runs (a phrase repeated in one text) are resolved longest first.
    """
    if pa.anchors.size == 0 or pb.anchors.size == 0:
        return []
    order_b = pb.anchor_order
    sorted_b = pb.anchors[order_b]
    lo = np.searchsorted(sorted_b, pa.anchors, side="left")
    hi = np.searchsorted(sorted_b, pa.anchors, side="right")
    counts = hi - lo
    if not counts.any():
        return []
    i = np.repeat(np.arange(pa.anchors.size, dtype=np.int64), counts)
    offsets = np.arange(i.size, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    j = order_b[np.repeat(lo, counts) + offsets].astype(np.int64)
    diag = i - j
    order = np.lexsort((i, diag))
    i, diag = i[order], diag[order]
    brk = np.r_[True, (diag[1:] != diag[:-1]) | (i[1:] != i[:-1] + 1)]
    first = np.flatnonzero(brk)
    last = np.r_[first[1:], i.size] - 1
    k = VERBATIM_MIN_WORDS
    a_lo, a_hi = i[first], i[last] + k
    b_lo = a_lo - diag[first]
    length = a_hi - a_lo
    runs = sorted(
        zip(a_lo.tolist(), a_hi.tolist(), b_lo.tolist(), length.tolist(), strict=True),
        key=lambda r: (-r[3], r[0], r[2]),
    )
    if len(runs) == 1:
        x0, x1, y0, n = runs[0]
        return [(x0, x1, y0, y0 + n)]
    used_a = bytearray(len(pa.tokens))  # bytes, not an array: a run's overlap is one C-level find, not a NumPy call
    used_b = bytearray(len(pb.tokens))
    chosen = []
    for x0, x1, y0, n in runs:
        y1 = y0 + n
        if used_a.find(1, x0, x1) >= 0 or used_b.find(1, y0, y1) >= 0:
            continue
        used_a[x0:x1] = b"\x01" * (x1 - x0)
        used_b[y0:y1] = b"\x01" * n
        chosen.append((x0, x1, y0, y1))
    return sorted(chosen)


def _shared_sentences(
    left: tuple[np.ndarray, np.ndarray], right: tuple[np.ndarray, np.ndarray], n_right: int, min_shared: int
) -> tuple[np.ndarray, np.ndarray]:
    """Sentence pairs ``(left, right)`` sharing at least ``min_shared`` distinct words, in row-major order.

    Both sides are :func:`_index_entries` (word hash, sentence), sorted by word: a sort-and-search
    join on integer keys, counted sparsely (no matrix of every sentence pair, so very long texts stay cheap).
    """
    lw, lr = left
    rw, rr = right
    empty = np.empty(0, dtype=np.int64)
    if lw.size == 0 or rw.size == 0:
        return empty, empty
    lo = np.searchsorted(rw, lw, side="left")
    hi = np.searchsorted(rw, lw, side="right")
    counts = hi - lo
    rows = np.repeat(lr, counts)
    offsets = np.arange(rows.size, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    cols = rr[np.repeat(lo, counts) + offsets]
    keys, hits = np.unique(rows * n_right + cols, return_counts=True)
    keys = keys[hits >= min_shared]
    return keys // n_right, keys % n_right


def _paraphrases(pa: Profile, pb: Profile, covered_a: np.ndarray) -> list[tuple[int, int, float]]:
    """Sentence pairs ``(sentence_a, sentence_b, score)`` aligned by fuzzy matching of content words.

    Candidate sentences share at least :data:`PARAPHRASE_MIN_SHARED_WORDS` content words
    (counted by an integer join); each sentence of A keeps its best-scoring partner (the first on ties).
    """
    na, nb = len(pa.sentences), len(pb.sentences)
    if na == 0 or nb == 0:
        return []
    sizes = np.diff(pa.bounds)
    todo = sizes > 0
    if covered_a.size:
        done = np.add.reduceat(np.r_[covered_a, False].astype(np.int64), pa.bounds[:-1])
        todo &= done < VERBATIM_SENTENCE_SHARE * sizes
    if not todo.any():
        return []
    lw, lr = pa.content_index
    mask = todo[lr]
    rows, cols = _shared_sentences((lw[mask], lr[mask]), pb.content_index, nb, PARAPHRASE_MIN_SHARED_WORDS)
    best: dict[int, tuple[float, int]] = {}
    for k, j in zip(rows.tolist(), cols.tolist(), strict=True):
        cur = best.get(k, (0.0, -1))[0]
        score = fuzz.ratio(pa.content[k], pb.content[j], score_cutoff=max(cur, PARAPHRASE_MIN_SCORE))
        if score > cur:
            best[k] = (score, j)
    return [(k, j, float(score)) for k, (score, j) in sorted(best.items())]


class Alignment(NamedTuple):
    """Passages of one pair plus the share of each text's words they cover."""

    passages: pd.DataFrame
    coverage_a: float
    coverage_b: float


Passage = tuple[str, float, int, int, int, int]  # kind, score, a_start, a_end, b_start, b_end


def aligned_passages(pa: Profile, pb: Profile) -> tuple[list[Passage], float, float]:
    """Passages as tuples and the two coverages (the work behind :func:`align`)."""
    covered_a = np.zeros(len(pa.tokens), dtype=bool)
    covered_b = np.zeros(len(pb.tokens), dtype=bool)
    rows: list[Passage] = []
    for a_lo, a_hi, b_lo, b_hi in _verbatim_runs(pa, pb):
        covered_a[a_lo:a_hi] = True
        covered_b[b_lo:b_hi] = True
        a0, a1 = int(pa.tokens.starts[a_lo]), int(pa.tokens.ends[a_hi - 1])
        b0, b1 = int(pb.tokens.starts[b_lo]), int(pb.tokens.ends[b_hi - 1])
        rows.append((VERBATIM, round(fuzz.ratio(pa.text[a0:a1], pb.text[b0:b1]), 1), a0, a1, b0, b1))
    for i, j, score in _paraphrases(pa, pb, covered_a):
        covered_a[pa.bounds[i] : pa.bounds[i + 1]] = True
        covered_b[pb.bounds[j] : pb.bounds[j + 1]] = True
        (a0, a1), (b0, b1) = pa.sentences[i], pb.sentences[j]
        rows.append((PARAPHRASE, round(score, 1), a0, a1, b0, b1))
    rows.sort(key=lambda r: (r[2], r[4], r[0]))
    cov_a = float(covered_a.mean()) if covered_a.size else 0.0
    cov_b = float(covered_b.mean()) if covered_b.size else 0.0
    return rows, cov_a, cov_b


def align(pa: Profile | str, pb: Profile | str) -> Alignment:
    """Shared passages of two texts: verbatim runs, then paraphrased sentences; spans index the raw texts.

    Each passage gives ``[a_start, a_end)`` and ``[b_start, b_end)`` character offsets into the
    unmodified texts, the text of each side, its kind (``verbatim`` or ``paraphrase``) and a
    score: rapidfuzz ``ratio`` of the two raw passages for verbatim runs (100 unless spelling,
    case or quote style differ), the content-word ``token_sort_ratio`` for paraphrase. A
    paraphrased sentence may contain verbatim runs, listed as passages of their own.
    """
    pa = profile(pa) if isinstance(pa, str) else pa
    pb = profile(pb) if isinstance(pb, str) else pb
    rows, cov_a, cov_b = aligned_passages(pa, pb)
    return Alignment(_passage_frame(rows, pa.text, pb.text), cov_a, cov_b)


def _passage_frame(rows: list[Passage], text_a: str, text_b: str) -> pd.DataFrame:
    """Passage tuples as a DataFrame with the text of each side."""
    return pd.DataFrame(
        [(kind, score, a0, a1, b0, b1, text_a[a0:a1], text_b[b0:b1]) for kind, score, a0, a1, b0, b1 in rows],
        columns=PASSAGE_COLUMNS[2:],
    )
