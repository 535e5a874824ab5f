"""Corroboration that counts independent reporting chains, not outlets.

Several articles repeating one wire story are one chain: a claim they all carry is still resting on
one piece of reporting. Chains come from the manifest's credits and from text reuse
(:mod:`helpers.reuse.chaining`); this module only counts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from helpers.claims.coding import SUPPORTING, Codings


def chain_names(source_ids: Iterable[str], chains: pd.Series | Mapping[str, str]) -> list[str]:
    """The chain of each source id; an article missing from ``chains`` is its own chain (named by its id)."""
    return [chains.get(sid, sid) for sid in source_ids]


def supporting_evidence(
    codings: Codings, chains: pd.Series | Mapping[str, str], provenance: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The codings that support a claim (assert, attribute, hedge), each with the ``chain`` its telling counts for.

    Without ``provenance`` a telling counts for its article's chain. With it
    (:func:`helpers.claims.provenance.claim_provenance`), a rewrite's ``added`` detail counts for the
    rewriting outlet (its ``counts_as``), never for its upstream, and a ``link`` ("Read: ...") is no telling.
    """
    ev = codings.evidence[codings.evidence["stance"].isin(SUPPORTING)].copy()
    ev["chain"] = chain_names(ev["source_id"], chains)
    if provenance is not None and not provenance.empty:
        keyed = provenance.drop_duplicates(["claim_id", "source_id"]).set_index(["claim_id", "source_id"])
        keys = pd.MultiIndex.from_arrays([ev["claim_id"], ev["source_id"]])
        kind = keyed["provenance"].reindex(keys).to_numpy()
        counts_as = keyed["counts_as"].reindex(keys).to_numpy()
        ev["chain"] = [c if k in ("added",) and isinstance(c, str) and c else ch
                       for k, c, ch in zip(kind, counts_as, ev["chain"], strict=True)]  # fmt: skip
        ev = ev[kind != "link"]
    return ev


def corroboration(codings: Codings, chains: pd.Series, provenance: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per claim: supporting articles, the reporting chains their tellings count for, and whether it rests on one.

    ``chains`` maps source_id to chain name; an article missing from it counts as its own chain.
    ``provenance`` (optional, :func:`helpers.claims.provenance.claim_provenance`) counts each telling
    by passage: an added detail for the rewriting outlet, a link for nothing.
    """
    ev = supporting_evidence(codings, chains, provenance)
    grouped = ev.groupby("claim_id")
    table = pd.DataFrame(
        {
            "articles": grouped["source_id"].nunique(),
            "chains": grouped["chain"].nunique(),
            "chain names": grouped["chain"].agg(lambda s: ", ".join(sorted(set(s)))),
            "sources": grouped["source_id"].agg(lambda s: ", ".join(s)),
        }
    )
    table = table.reindex(codings.claims.index)
    table[["articles", "chains"]] = table[["articles", "chains"]].fillna(0).astype(int)
    table = table.fillna("")
    table.insert(0, "topic", codings.claims["topic"])
    table.insert(1, "statement", codings.claims["statement"])
    table["single chain"] = table["chains"] == 1
    table["outlets but one chain"] = (table["articles"] > 1) & (table["chains"] == 1)
    return table


def corroboration_summary(table: pd.DataFrame) -> pd.Series:
    """Headline figures of :func:`corroboration`: how many claims rest on one chain."""
    made = table[table["articles"] > 0]
    return pd.Series(
        {
            "claims with support": len(made),
            "in 2+ articles": int((made["articles"] > 1).sum()),
            "in 2+ chains": int((made["chains"] > 1).sum()),
            "2+ articles but one chain": int(made["outlets but one chain"].sum()),
            "single-chain claims": int(made["single chain"].sum()),
            "share single-chain": round(made["single chain"].mean(), 2) if len(made) else 0.0,
        }
    )
