"""Reuse summarised past a handful of articles: pair scores gathered per outlet (or story), for bounded views."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.corpus.groups import group_order, per_article, top_groups
from helpers.reuse.derivation import Reuse
from helpers.reuse.precomputed import reuse_of


def group_matrix(matrix: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Per pair of groups, the highest score of a row-group article in a column-group article (never in itself).

    ``matrix`` is :func:`helpers.reuse.derivation.pair_matrix`'s square table; ``groups`` names each
    article's group (all but the largest pooled by :func:`helpers.corpus.groups.top_groups`).
    Rows and columns are the groups, largest first; a group of one article has no pair of its own (NaN).
    """
    pooled = top_groups(groups.reindex(matrix.index).fillna("?"))
    values = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, np.nan)
    frame = pd.DataFrame(values, index=matrix.index, columns=matrix.columns)
    by_row = frame.groupby(pooled.to_numpy()).max()
    out = by_row.T.groupby(pooled.reindex(matrix.columns).to_numpy()).max().T
    order = group_order(pooled)
    out = out.reindex(index=order, columns=order)
    out.index.name = out.columns.name = pooled.name
    return out


def notebook_reuse(corpus: pd.DataFrame) -> Reuse:
    """Reuse as notebook 04 shows it: for a handful of articles every pair sharing anything is aligned.

    Aligning every weak pair shows their passages too, which a reader can check at that size; past
    a handful of articles that is tens of thousands of alignments, so only the pairs above the
    containment threshold are aligned, as the ``tables`` export does (the labels are the same).
    With ``REUSE_PAIRS=DIR`` (or ``reuse_pairs`` in ``event.toml``) the pairs come from an archive-wide
    scan instead (:func:`helpers.reuse.precomputed.reuse_of`).
    """
    if per_article(corpus):
        return reuse_of(corpus, align_min_containment=0, min_shared=1)
    return reuse_of(corpus)
