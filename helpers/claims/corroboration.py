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


def supporting_evidence(codings: Codings, chains: pd.Series | Mapping[str, str]) -> pd.DataFrame:
    """The codings that support a claim (assert, attribute, hedge), each with its article's ``chain``."""
    ev = codings.evidence[codings.evidence["stance"].isin(SUPPORTING)].copy()
    ev["chain"] = chain_names(ev["source_id"], chains)
    return ev


def corroboration(codings: Codings, chains: pd.Series) -> pd.DataFrame:
    """Per claim: supporting articles, their reporting chains, and whether it rests on one chain.

    ``chains`` maps source_id to chain name; an article missing from it counts as its own chain.
    """
    ev = supporting_evidence(codings, chains)
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
