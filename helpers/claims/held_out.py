"""The suggester measured against the reference coding, one article held out at a time.

Each article's own codings are hidden and :func:`helpers.claims.suggest.suggest` proposes codings
from the codebook and the other articles' quotes; a reference coding counts as suggested when a
suggestion names the same claim and its span overlaps the coded quote. ``make bench-suggest``
prints the tables.
"""

from __future__ import annotations

import pandas as pd

from helpers.claims.codebook import Codebook
from helpers.claims.suggest import suggest


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether ``[a0, a1)`` and ``[b0, b1)`` share a character (a suggestion matches a coded quote)."""
    return a0 < b1 and b0 < a1


def unseen_book(book: Codebook, source_id: str) -> Codebook:
    """The codebook as if written without one article: the claims only it tells are left out (with their codings).

    The statements of the claims kept were still worded by a coder who had read every article,
    so figures measured with it are out of sample for which claims exist, not for their wording.
    """
    told = book.evidence.groupby("claim_id")["source_id"].agg(set)
    others = [cid for cid in book.claims.index if told.get(cid, set()) - {source_id}]
    return Codebook(book.claims.loc[others], book.evidence[book.evidence["claim_id"].isin(others)], book.aliases)


def held_out_candidates(corpus: pd.DataFrame, book: Codebook, unseen: bool = False) -> pd.DataFrame:
    """Each article held out in turn: every claim's best sentence in it (any score), and whether the reference has it.

    The measure of :func:`suggest` without outside data: its own quotes never suggest themselves.
    With ``unseen``, the codebook is also written without the article (:func:`unseen_book`).
    """
    frames = []
    for sid in corpus.index:
        mine = unseen_book(book, sid) if unseen else book
        got = suggest(corpus, sid, codebook=mine, threshold=0.0, new_claims=False)
        ref = mine.evidence[mine.evidence["source_id"] == sid]
        spans = {r.claim_id: (int(r.start), int(r.end)) for r in ref.itertuples()}
        ref_stance = dict(zip(ref["claim_id"], ref["stance"], strict=True))
        ref_kind = dict(zip(ref["claim_id"], ref["attribution_kind"], strict=True))
        got["hit"] = [
            cid in spans and overlaps(s, e, *spans[cid])
            for cid, s, e in zip(got["claim_id"], got["start"], got["end"], strict=True)
        ]
        got["ref_stance"] = got["claim_id"].map(ref_stance)
        got["ref_kind"] = got["claim_id"].map(ref_kind)
        got["n_ref"] = len(ref)
        frames.append(got)
    return pd.concat(frames, ignore_index=True)


def held_out_table(cands: pd.DataFrame, threshold: float | dict[str, float]) -> pd.DataFrame:
    """Per article and overall: reference codings, suggestions, recall, precision, stance and kind agreement."""
    rows = []
    sids = list(dict.fromkeys(cands["source_id"]))
    for sid in [*sids, "all"]:
        part = cands if sid == "all" else cands[cands["source_id"] == sid]
        th = part["source_id"].map(threshold) if isinstance(threshold, dict) else threshold
        kept = part[part["score"] >= th]
        hits = kept[kept["hit"]]
        n_ref = int(part.groupby("source_id")["n_ref"].first().sum())
        rows.append(
            {
                "article": sid,
                "reference": n_ref,
                "suggested": len(kept),
                "matched": len(hits),
                "recall": round(len(hits) / n_ref, 3) if n_ref else float("nan"),
                "precision": round(len(hits) / len(kept), 3) if len(kept) else float("nan"),
                "stance_agree": round(float((hits["stance"] == hits["ref_stance"]).mean()), 3)
                if len(hits)
                else float("nan"),
                "kind_agree": round(float((hits["attribution_kind"] == hits["ref_kind"]).mean()), 3)
                if len(hits)
                else float("nan"),
            }
        )
    return pd.DataFrame(rows).set_index("article")
