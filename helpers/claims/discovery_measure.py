"""Discovery measured against a reference coding: which coded claims come out as one candidate, and how cleanly.

A discovered telling stands for the reference claims whose coded quote it overlaps (same article,
shared characters). A reference claim told in two or more articles is *found* when one candidate
holds a telling of it in every one of those articles (and *partly found* when in at least two).
Pairwise precision counts the pairs of tellings (of different articles) grouped in one candidate
that stand for a common reference claim, among the pairs whose tellings both overlap some coded
quote (a sentence the coder left uncoded cannot be judged).
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd


def _reference_claims(found: pd.DataFrame, reference: pd.DataFrame) -> list[set[str]]:
    """For each discovered telling, the reference claims whose coded quote it overlaps."""
    by_source = {sid: g for sid, g in reference.groupby("source_id")}
    out = []
    for sid, start, end in zip(found["source_id"], found["start"], found["end"], strict=True):
        ref = by_source.get(sid)
        out.append(set() if ref is None else set(ref.loc[(ref["start"] < end) & (ref["end"] > start), "claim_id"]))
    return out


def claim_recovery(found: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Per reference claim told in 2+ articles: its articles, the most of them one candidate groups, and which."""
    tagged = found.assign(_ref=_reference_claims(found, reference))
    told = reference.groupby("claim_id")["source_id"].agg(lambda s: set(s))
    rows = []
    for cid, sources in told.items():
        if len(sources) < 2:
            continue
        best, best_cand = 0, ""
        for cand, grp in tagged.groupby("candidate", sort=False):
            got = {sid for sid, refs in zip(grp["source_id"], grp["_ref"], strict=True) if cid in refs}
            if len(got) > best:
                best, best_cand = len(got), str(cand)
        rows.append({"claim_id": cid, "articles": len(sources), "grouped": best, "candidate": best_cand})
    out = pd.DataFrame(rows, columns=["claim_id", "articles", "grouped", "candidate"])
    out["found"] = out["grouped"] == out["articles"]
    return out


def pairwise_precision(found: pd.DataFrame, reference: pd.DataFrame) -> tuple[int, int, int]:
    """Pairs of tellings grouped together: right (a common reference claim), wrong, and not judgeable."""
    tagged = found.assign(_ref=_reference_claims(found, reference))
    right = wrong = unjudged = 0
    for _, grp in tagged.groupby("candidate", sort=False):
        for (sa, ra), (sb, rb) in combinations(zip(grp["source_id"], grp["_ref"], strict=True), 2):
            if sa == sb:
                continue
            if not ra or not rb:
                unjudged += 1
            elif ra & rb:
                right += 1
            else:
                wrong += 1
    return right, wrong, unjudged


def discovery_scores(found: pd.DataFrame, reference: pd.DataFrame) -> pd.Series:
    """The headline figures: claims found whole, found in part, and pairwise precision."""
    rec = claim_recovery(found, reference)
    right, wrong, unjudged = pairwise_precision(found, reference)
    n = len(rec)
    return pd.Series(
        {
            "reference claims in 2+ articles": n,
            "found as one candidate (all articles)": int(rec["found"].sum()),
            "recall (all articles)": round(float(rec["found"].mean()), 3) if n else float("nan"),
            "recall (2+ articles together)": round(float((rec["grouped"] >= 2).mean()), 3) if n else float("nan"),
            "pairs right": right,
            "pairs wrong": wrong,
            "pairs not judgeable": unjudged,
            "pairwise precision": round(right / (right + wrong), 3) if right + wrong else float("nan"),
        }
    )
