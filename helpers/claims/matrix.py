"""The claim x article matrix: who says what, and how (as fact, on someone's word, hedged).

The table logic; the coloured matrix and its legend are in :mod:`helpers.claims.views`.
"""

from __future__ import annotations

import pandas as pd

from helpers.claims.coding import SUPPORTING, Codings

NOT_CODED = "not coded"
SILENT = "silent"

#: One symbol per stance, plus the two kinds of blank cell.
SYMBOLS = {
    "asserts": "●",
    "attributes": "◐",
    "hedges": "○",
    "contradicts": "✕",
    "denies": "⊘",
    SILENT: "",
    NOT_CODED: "n/c",
}
LEGEND = {
    "asserts": "states it as fact",
    "attributes": "on someone's word (a named or anonymous source, another outlet, a document)",
    "hedges": "with a caveat (reportedly, allegedly, could not verify)",
    "contradicts": "tells an incompatible version",
    "denies": "reports someone denying it",
    SILENT: "coded, but the article does not speak to the claim",
    NOT_CODED: "nobody has coded this article yet",
}


def stance_matrix(codings: Codings, corpus: pd.DataFrame) -> pd.DataFrame:
    """Stance per (claim, article): rows (topic, claim_id), one column per article in corpus order.

    Articles with no coding at all read ``not coded`` (not silent), so an added article is visible.
    """
    stances = codings.evidence.pivot(index="claim_id", columns="source_id", values="stance")
    claims = codings.claims
    matrix = pd.DataFrame(index=claims.index, columns=list(corpus.index), dtype=object)
    for sid in corpus.index:
        if sid in codings.coded_sources:
            col = stances[sid] if sid in stances.columns else pd.Series(dtype=object)
            matrix[sid] = col.reindex(claims.index).fillna(SILENT)
        else:
            matrix[sid] = NOT_CODED
    matrix.index = pd.MultiIndex.from_arrays([claims["topic"], claims.index], names=["topic", "claim_id"])
    # group by topic in the codebook's own order (first appearance), claims in codebook order
    rank = {topic: i for i, topic in enumerate(dict.fromkeys(claims["topic"]))}
    order = sorted(range(len(matrix)), key=lambda i: rank[claims["topic"].iloc[i]])
    return matrix.iloc[order]


def article_totals(codings: Codings, corpus: pd.DataFrame) -> pd.DataFrame:
    """Per article: claims made, share attributed, share hedged, claims no other article makes."""
    ev = codings.evidence
    support = ev[ev["stance"].isin(SUPPORTING)]
    supporters = support.groupby("claim_id")["source_id"].nunique()
    rows = []
    for sid in corpus.index:
        if sid not in codings.coded_sources:
            rows.append({"source_id": sid, "status": NOT_CODED})
            continue
        mine = support[support["source_id"] == sid]
        n = len(mine)
        rows.append(
            {
                "source_id": sid,
                "status": "coded",
                "claims made": n,
                "share attributed": round((mine["attribution_kind"] != "none").mean(), 2) if n else 0.0,
                "share hedged": round((mine["stance"] == "hedges").mean(), 2) if n else 0.0,
                "only here": int((supporters.reindex(mine["claim_id"]) == 1).sum()),
                "contradicts or denies": int(ev[(ev["source_id"] == sid) & ~ev["stance"].isin(SUPPORTING)].shape[0]),
            }
        )
    return pd.DataFrame(rows).set_index("source_id")
