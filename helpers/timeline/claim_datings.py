"""How the articles date each coded claim: per claim, per ``when`` slot, and against the coder's ``when``.

Needs a claim coding (:mod:`helpers.claims.coding`) and events joined with it
(:func:`helpers.timeline.dated.join_claims`).
"""

from __future__ import annotations

import pandas as pd

from helpers.claims.coding import SUPPORTING, Codings
from helpers.timeline.dated import event_label, event_span, how_dated


def events_by_claim(events_table: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Per coded claim, how each article dates it: ``mention → value`` cells, one column per article.

    Needs the ``claim_ids`` column of :func:`helpers.timeline.dated.join_claims`; ``claims`` is indexed by claim_id.
    """
    rows = []
    for ev in events_table.to_dict("records"):
        for cid in filter(None, str(ev.get("claim_ids", "")).split(";")):
            rows.append({"claim_id": cid, "source_id": ev["source_id"], "cell": f"{ev['mention']} → {event_label(ev)}"})
    if not rows:
        return pd.DataFrame(columns=["claim_id", "statement", "when"])
    table = pd.DataFrame(rows).groupby(["claim_id", "source_id"], sort=True)["cell"].agg("; ".join).unstack("source_id")
    ordered = [sid for sid in dict.fromkeys(events_table["source_id"]) if sid in table.columns]
    table = table[ordered].fillna("")
    info = claims.reindex(table.index)[["statement", "when"]].fillna("")
    return pd.concat([info, table], axis=1).rename_axis("claim_id").reset_index()


def slot_datings(events_table: pd.DataFrame, codings: Codings) -> pd.DataFrame:
    """For every claim of a ``when`` slot, each supporting article's quote and the dates resolved inside it."""
    when_slots = codings.slots.index[codings.slots["kind"] == "when"]
    rows = []
    for slot in when_slots:
        for cid, claim in codings.claims[codings.claims["slot"] == slot].iterrows():
            ev = codings.evidence[(codings.evidence["claim_id"] == cid) & codings.evidence["stance"].isin(SUPPORTING)]
            for e in ev.to_dict("records"):
                inside = events_table[
                    (events_table["source_id"] == e["source_id"])
                    & (events_table["start"] < e["end"])
                    & (events_table["end"] > e["start"])
                    & ~events_table["implied"].astype(bool)
                ]
                rows.append(
                    {
                        "slot": slot,
                        "question": codings.slots.loc[slot, "question"],
                        "claim_id": cid,
                        "statement": claim["statement"],
                        "when": claim["when"],
                        "source_id": e["source_id"],
                        "stance": e["stance"],
                        "quote": e["quote"],
                        "dates": "; ".join(event_label(r) for r in inside.to_dict("records")),
                        "how": "; ".join(how_dated(r) for r in inside.to_dict("records")),
                    }
                )
    cols = ["slot", "question", "claim_id", "statement", "when", "source_id", "stance", "quote", "dates", "how"]
    return pd.DataFrame(rows, columns=cols)


def when_agreement(events_table: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Per (claim, article): the claim coding's ``when`` beside the dates resolved in the quote, and whether they meet.

    ``agrees`` is true when the resolved span (a 'by T' bound counts as the day before T) holds a
    day the coder wrote (``when`` may list days separated by '/'). ``reporting`` marks dates of
    the reporting rather than of the event ('told Al Arabiya last week'), which need not agree.
    Events implied by relative phrases date another event and are left out. An independent check
    of the resolver against a human coding made for another purpose.
    """
    rows = []
    for ev in events_table.to_dict("records"):
        if ev["implied"]:
            continue
        for cid in filter(None, str(ev.get("claim_ids", "")).split(";")):
            when = str(claims.loc[cid, "when"]) if cid in claims.index else ""
            if not when:
                continue
            days = {w[:10] for w in when.split("/") if w}
            start, end = event_span(ev)
            lo, hi = str(start.date()), str((end - pd.Timedelta(minutes=1)).date())
            reporting = ev["type"] == "deictic" and ev["anchor"] == "publication" and "weekend" not in ev["mention"]
            rows.append(
                {
                    "claim_id": cid,
                    "source_id": ev["source_id"],
                    "when": when,
                    "mention": ev["mention"],
                    "resolved": event_label(ev),
                    "reporting": reporting,
                    "agrees": any(lo <= d <= hi for d in days),
                }
            )
    return pd.DataFrame(rows, columns=["claim_id", "source_id", "when", "mention", "resolved", "reporting", "agrees"])
