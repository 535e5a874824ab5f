"""Step 1 of :mod:`helpers.reuse.derivation`: candidate pairs from the shingle index, and which of them are aligned.

Every pair sharing at least ``min_shared`` hashed word shingles (:mod:`helpers.reuse.shingles`),
with both directed containments and the Jaccard similarity; :func:`passes` says which candidates
the alignment step looks at, :func:`canonical_pairs` which ones are aligned under the one reuse
setting (only those may join a chain). The thresholds are in :mod:`helpers.reuse.settings`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.reuse import shingles
from helpers.reuse.settings import (
    ALIGN_COMMON_CONTAINMENT,
    BOILERPLATE_MAX_DOCS,
    BOILERPLATE_MIN_DOCS,
    BOILERPLATE_SHARE,
    COMMON_MIN_DOCS,
    COMMON_SHARE,
    MIN_SHARED_SHINGLES,
    REUSE,
    ReuseSettings,
)
from helpers.reuse.shingles import Tokens


def corpus_texts(corpus: pd.DataFrame) -> dict[str, str]:
    """The corpus texts by source id, in corpus order."""
    return {str(sid): str(text) for sid, text in corpus["text"].items()}


def resolve_settings(settings: ReuseSettings | None, **overrides: float | None) -> ReuseSettings:
    """``settings`` (default :data:`REUSE`) with the keyword overrides that are not None."""
    return dataclasses.replace(settings or REUSE, **{k: v for k, v in overrides.items() if v is not None})


def boilerplate_limit(n_docs: int) -> int:
    """Document frequency above which a shingle is treated as a stock phrase and skipped.

    A share of the corpus with a floor, capped at :data:`BOILERPLATE_MAX_DOCS` so that no posting
    list costs more than a bounded number of pairs; the one limit of both engines (this process and
    :func:`helpers.reuse.distributed.partition_pairs`).
    """
    return min(BOILERPLATE_MAX_DOCS, max(BOILERPLATE_MIN_DOCS, int(BOILERPLATE_SHARE * n_docs)))


def common_limit(n_docs: int) -> int:
    """Document frequency above which a shingle no longer counts as distinctive of a pair."""
    return max(COMMON_MIN_DOCS, int(COMMON_SHARE * n_docs))


def candidate_pairs(texts: Mapping[str, str], n: int = REUSE.n, min_shared: int = REUSE.min_shared) -> pd.DataFrame:
    """Every pair sharing at least ``min_shared`` shingles, with containments and Jaccard similarity.

    ``containment_a_in_b`` is the share of A's distinct shingles also in B; ``similarity`` is the
    Jaccard index of the two shingle sets; ``distinctive_shingles`` counts the shared shingles
    that are not common in the corpus (see :data:`COMMON_MIN_DOCS`). Pairs are ordered
    ``source_a`` before ``source_b`` in the order of ``texts``.
    """
    ids = list(texts)
    return token_candidates(ids, [shingles.tokenize(texts[sid]) for sid in ids], n, min_shared)


def token_candidates(ids: Sequence[str], tokens: Sequence[Tokens], n: int, min_shared: int) -> pd.DataFrame:
    """:func:`candidate_pairs` on texts already tokenised."""
    return set_candidates(ids, [np.unique(shingles.shingle_hashes(t.hashes, n)) for t in tokens], min_shared)


def set_candidates(ids: Sequence[str], sets: list[np.ndarray], min_shared: int) -> pd.DataFrame:
    """:func:`candidate_pairs` from each article's sorted unique shingle hashes ."""
    sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
    a, b, shared, distinctive = shingles.shared_counts(sets, boilerplate_limit(len(ids)), common_limit(len(ids)))
    keep = shared >= min_shared
    return candidate_frame(ids, sizes, a[keep], b[keep], shared[keep], distinctive[keep])


def candidate_frame(
    ids: Sequence[str], sizes: np.ndarray, a: np.ndarray, b: np.ndarray, shared: np.ndarray, distinctive: np.ndarray
) -> pd.DataFrame:
    """The candidates table from pair positions and shared-shingle counts: containments and Jaccard similarity."""
    na, nb = sizes[a], sizes[b]
    names = np.asarray(ids, dtype=object)
    frame = pd.DataFrame(
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
    return frame.reset_index(drop=True)


def passes(shared: int, distinctive: int, c_max: float, setting: ReuseSettings) -> bool:
    """Whether a candidate pair is aligned under ``setting`` (containment and distinctive shingles)."""
    if shared < setting.min_shared:
        return False
    if setting.align_min_containment <= 0:
        return True
    return c_max >= setting.align_min_containment and (
        distinctive >= MIN_SHARED_SHINGLES or c_max >= ALIGN_COMMON_CONTAINMENT
    )


def canonical_pairs(
    ids: Sequence[str], tokens: Mapping[str, Tokens], cand: pd.DataFrame, setting: ReuseSettings
) -> set[tuple[str, str]]:
    """The pairs aligned under :data:`REUSE` (only these may join a chain), from ``cand`` when its shingles match."""
    if setting.n != REUSE.n:
        cand = token_candidates(ids, [tokens[sid] for sid in ids], REUSE.n, REUSE.min_shared)
    cols = (
        "source_a",
        "source_b",
        "shared_shingles",
        "distinctive_shingles",
        "containment_a_in_b",
        "containment_b_in_a",
    )
    return {
        (a, b)
        for a, b, shared, distinctive, x, y in zip(*(cand[c] for c in cols), strict=True)
        if passes(int(shared), int(distinctive), max(x, y), REUSE)
    }
