"""Tables the notebook shows beside the pairs: a square matrix of one score, and the check behind the shingle size.

Not used by the computation (:mod:`helpers.reuse.derivation`): these only lay out what it found,
or re-measure the choice of :data:`helpers.reuse.settings.SHINGLE_N` on the corpus at hand.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.reuse.candidates import candidate_pairs, corpus_texts


def pair_matrix(ids: Sequence[str], pairs_df: pd.DataFrame, value: str = "similarity") -> pd.DataFrame:
    """A square table of one pair score; directed scores read row-in-column; unreported pairs are 0.

    For ``containment`` the cell (row A, column B) is the share of A's shingles found in B; the
    diagonal is 1.
    """
    ids = list(ids)
    mat = pd.DataFrame(0.0, index=pd.Index(ids, name="source"), columns=ids)
    for rec in pairs_df.itertuples(index=False):
        if rec.source_a not in mat.index or rec.source_b not in mat.index:
            continue
        if value == "containment":
            mat.at[rec.source_a, rec.source_b] = rec.containment_a_in_b
            mat.at[rec.source_b, rec.source_a] = rec.containment_b_in_a
        else:
            mat.at[rec.source_a, rec.source_b] = getattr(rec, value)
            mat.at[rec.source_b, rec.source_a] = getattr(rec, value)
    for sid in ids:
        mat.at[sid, sid] = 1.0
    return mat


def shingle_size_table(corpus: pd.DataFrame, chains_df: pd.DataFrame, sizes: Sequence[int] = (3, 4, 5)) -> pd.DataFrame:
    """For each shingle size: the weakest same-chain pair against the strongest cross-chain pair.

    Containment is the larger of a pair's two directions. ``separation`` is their ratio: how
    many times more the weakest genuinely related pair shares than the strongest unrelated one.
    Used to choose :data:`SHINGLE_N`; pairs sharing nothing count as 0.
    """
    chain_of = dict(zip(chains_df["source_id"], chains_df["chain"], strict=True))
    texts = corpus_texts(corpus)
    ids = list(texts)
    rows = []
    for n in sizes:
        cand = candidate_pairs(texts, n=n, min_shared=1)
        best = {
            (a, b): max(x, y)
            for a, b, x, y in zip(
                cand["source_a"], cand["source_b"], cand["containment_a_in_b"], cand["containment_b_in_a"], strict=True
            )
        }
        same, cross = [], []
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                (same if chain_of.get(a) == chain_of.get(b) else cross).append(best.get((a, b), 0.0))
        lo = min(same) if same else float("nan")
        hi = max(cross) if cross else float("nan")
        rows.append(
            {
                "shingle words": n,
                "weakest same-chain pair": round(lo, 3),
                "strongest cross-chain pair": round(hi, 3),
                "separation": round(lo / hi, 1) if hi else float("inf"),
            }
        )
    return pd.DataFrame(rows)
