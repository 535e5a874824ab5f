"""Where the accounts disagree, and what rewrites change.

A disagreement is a *slot* (a question such as "how did he leave the capital?") on which two or more
coded claims compete, each supported by at least one article; or a claim one article supports and
another contradicts or reports denied; or a name spelled differently across articles. The
reasoning about which account is better sourced is the coder's, from ``slots.csv``. One disagreement
side by side is :func:`helpers.claims.views.disagreement_html`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from helpers.claims.aliases import entity_spelling_variants
from helpers.claims.coding import SUPPORTING, Codings, claims_by_source, has_codings, read_codings
from helpers.claims.corroboration import supporting_evidence
from helpers.core.datelines import outlet_key
from helpers.corpus.load import Corpus

COLUMNS = [
    "disagreement",
    "kind",
    "question",
    "claim_id",
    "statement",
    "source_id",
    "stance",
    "attributed_to",
    "attribution_kind",
    "quote",
    "reasoning",
]


def _rows_for(ev: pd.DataFrame, claims: pd.DataFrame, key: str, kind: str, question: str, reasoning: str) -> list[dict]:
    return [
        {
            "disagreement": key,
            "kind": kind,
            "question": question,
            "claim_id": r["claim_id"],
            "statement": claims.at[r["claim_id"], "statement"],
            "source_id": r["source_id"],
            "stance": r["stance"],
            "attributed_to": r["attributed_to"],
            "attribution_kind": r["attribution_kind"],
            "quote": r["quote"],
            "reasoning": reasoning,
        }
        for r in ev.to_dict("records")
    ]


def disagreements(codings: Codings, corpus: pd.DataFrame, aliases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every disagreement in long form: one row per (disagreement, claim, article) with its quote."""
    claims, ev, slots = codings.claims, codings.evidence, codings.slots
    supported = set(ev.loc[ev["stance"].isin(SUPPORTING), "claim_id"])
    rows: list[dict] = []
    slotted = claims[claims["slot"] != ""]
    for slot, group in slotted.groupby("slot", sort=False):
        competing = [cid for cid in group.index if cid in supported]
        if len(competing) < 2:
            continue
        info = slots.loc[slot] if slot in slots.index else pd.Series({"kind": "", "question": slot, "reasoning": ""})
        sub = ev[ev["claim_id"].isin(competing)].sort_values(["claim_id", "source_id"], kind="stable")
        rows += _rows_for(sub, claims, slot, info["kind"], info["question"], info["reasoning"])
    # a claim supported by one article and contradicted or denied by another, outside any slot
    opposed = set(ev.loc[~ev["stance"].isin(SUPPORTING), "claim_id"]) & supported
    for cid in sorted(opposed):
        if claims.at[cid, "slot"] and claims.at[cid, "slot"] in {r["disagreement"] for r in rows}:
            continue
        sub = ev[ev["claim_id"] == cid].sort_values(["stance", "source_id"], kind="stable")
        kind = "denial" if (sub["stance"] == "denies").any() else "contradiction"
        slot = claims.at[cid, "slot"]
        reasoning = slots.at[slot, "reasoning"] if slot in slots.index else claims.at[cid, "notes"]
        rows += _rows_for(sub, claims, cid, kind, claims.at[cid, "statement"], reasoning)
    if aliases is not None and not aliases.empty:
        rows += spelling_rows(corpus, aliases, slots)
    return pd.DataFrame(rows, columns=COLUMNS)


def spelling_rows(corpus: pd.DataFrame, aliases: pd.DataFrame, slots: pd.DataFrame) -> list[dict]:
    """Name spellings that differ across articles, one row per (entity, article)."""
    variants = entity_spelling_variants(corpus, aliases)
    spelling_slots = slots[slots["kind"] == "spelling"]
    rows = []
    for entity, group in variants.groupby("entity", sort=False):
        reasoning = _spelling_reasoning(set(group["spelling"]), spelling_slots)
        for sid, sub in group.groupby("source_id", sort=False):
            rows.append(
                {
                    "disagreement": f"spelling: {entity}",
                    "kind": "spelling",
                    "question": f"How is {entity} spelled?",
                    "claim_id": "",
                    "statement": "",
                    "source_id": sid,
                    "stance": "",
                    "attributed_to": "",
                    "attribution_kind": "",
                    "quote": "; ".join(f"{s} ({n}×)" for s, n in zip(sub["spelling"], sub["mentions"], strict=True)),
                    "reasoning": reasoning,
                }
            )
    return rows


def _spelling_reasoning(spellings: set[str], spelling_slots: pd.DataFrame) -> str:
    """The reasoning of the spelling slot that names most of the spellings found (none: empty).

    Only the words that differ between the spellings count ('Qadhafi' and 'Gaddafi', not the shared
    'Maher al'), and a slot must name what sets apart at least two of them: a slot that merely
    mentions one spelling in passing (a unit named after a person) is not about them.
    """
    token_sets = [set(re.findall(r"\w+", s.casefold())) for s in sorted(spellings)]
    if not token_sets:
        return ""
    common = set.intersection(*token_sets)
    distinct = [tokens - common for tokens in token_sets]
    if not any(distinct):  # spellings differing in case or punctuation only: their words are all there is
        distinct = token_sets
    needed = max(1, min(2, sum(1 for d in distinct if d)))
    best, best_score = "", (0, 0)
    for slot, row in spelling_slots.iterrows():
        words = set(re.findall(r"\w+", f"{slot} {row['question']}".casefold()))
        named = sum(1 for d in distinct if d & words)
        score = (named, len(set().union(*distinct) & words))
        if named >= needed and score > best_score:
            best, best_score = row["reasoning"], score
    return best


def disagreement_summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per disagreement: kind, question, how many claims and articles it involves."""
    if table.empty:
        return pd.DataFrame(columns=["kind", "question", "claims", "articles"])
    return table.groupby("disagreement", sort=False).agg(
        kind=("kind", "first"),
        question=("question", "first"),
        claims=("claim_id", lambda s: s[s != ""].nunique()),
        articles=("source_id", "nunique"),
    )


def first_disputed(table: pd.DataFrame) -> str | None:
    """The first claim in a :func:`disagreements` table (a starting point for the explorer), None if there is none."""
    claims = table.loc[table["claim_id"] != "", "claim_id"] if "claim_id" in table.columns else pd.Series(dtype=str)
    return str(claims.iloc[0]) if len(claims) else None


def _caveats(row: pd.Series | dict) -> set[str]:
    """What protects a claim in one telling: a named or anonymous source, a hedge."""
    out = set()
    if row["attribution_kind"] != "none":
        out.add("attribution")
    if row["stance"] == "hedges" or row.get("hedge"):
        out.add("hedge")
    return out


#: What :func:`rewrite_changes` finds, per row (its ``change`` column).
CHANGE_DROPS_ATTRIBUTION = "drops the attribution"
CHANGE_HEDGE_FOR_ATTRIBUTION = "drops the attribution (a hedge instead)"
CHANGE_DROPS_HEDGE = "drops the hedge"
CHANGE_ONLY_IN_ONE = "only in this rewrite"
#: The changes by which a rewrite loses a caveat its sibling keeps.
DROPPED_CAVEATS = (CHANGE_DROPS_ATTRIBUTION, CHANGE_HEDGE_FOR_ATTRIBUTION, CHANGE_DROPS_HEDGE)


def rewrite_changes(codings: Codings, chains: pd.Series, own_stories: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Within each chain: a member that lacks a caveat (an attribution or a hedge) another member
    keeps for the same claim, and claims only one member carries (added, or dropped by the others).

    ``own_stories`` (:func:`helpers.reuse.chaining.own_stories`) names the stories of the chain's
    own outlet: such a story is an update of the chain's reporting, not a rewrite, so it is never
    the member that "drops" a caveat (a later bulletin no longer saying "suspected").
    """
    own = own_stories or {}
    ev = supporting_evidence(codings, chains)
    members = pd.Series(chains).reset_index()
    members.columns = ["source_id", "chain"]
    members = members[members["source_id"].isin(codings.coded_sources)]
    rows = []
    for chain, mem in members.groupby("chain", sort=False):
        if len(mem) < 2:
            continue
        sub = ev[ev["chain"] == chain]
        for cid, group in sub.groupby("claim_id", sort=True):
            tellings = group.to_dict("records")
            if len(tellings) == 1:
                rows.append(_change_row(codings, chain, cid, CHANGE_ONLY_IN_ONE, tellings[0], None))
                continue
            for changed in tellings:
                if own.get(changed["source_id"]) and own[changed["source_id"]] == outlet_key(chain):
                    continue
                for caveat in ("attribution", "hedge"):
                    if caveat in _caveats(changed):
                        continue
                    # a hedge is only "dropped" by a telling that gives no source in its place
                    if caveat == "hedge" and "attribution" in _caveats(changed):
                        continue
                    kept = next((t for t in tellings if caveat in _caveats(t)), None)
                    if kept is not None:
                        change = _dropped(caveat, _caveats(changed))
                        rows.append(_change_row(codings, chain, cid, change, kept, changed))
    columns = [
        "chain",
        "claim_id",
        "statement",
        "change",
        "kept_by",
        "kept_stance",
        "kept_quote",
        "changed_by",
        "changed_stance",
        "changed_quote",
    ]
    return pd.DataFrame(rows, columns=columns)


def _dropped(caveat: str, remaining: set[str]) -> str:
    """The change label for a telling that lacks ``caveat`` (and keeps the ``remaining`` ones)."""
    if caveat == "hedge":
        return CHANGE_DROPS_HEDGE
    return CHANGE_HEDGE_FOR_ATTRIBUTION if "hedge" in remaining else CHANGE_DROPS_ATTRIBUTION


def _change_row(codings: Codings, chain: str, cid: str, change: str, kept: dict, changed: dict | None) -> dict:
    return {
        "chain": chain,
        "claim_id": cid,
        "statement": codings.claims.at[cid, "statement"],
        "change": change,
        "kept_by": kept["source_id"],
        "kept_stance": kept["stance"],
        "kept_quote": kept["quote"],
        "changed_by": changed["source_id"] if changed else "",
        "changed_stance": changed["stance"] if changed else "",
        "changed_quote": changed["quote"] if changed else "",
    }


def claim_tables(corpus: Corpus, codings: Codings | None = None) -> dict[str, pd.DataFrame]:
    """For ``python -m helpers tables``: claims_by_source.csv and disagreements.csv (none if uncoded).

    ``codings`` are the corpus's, read once by the caller (aliases included); read here when not given.
    """
    if not has_codings(corpus):
        return {}
    codings = read_codings(corpus) if codings is None else codings
    return {
        "claims_by_source.csv": claims_by_source(codings),
        "disagreements.csv": disagreements(codings, corpus, codings.aliases),
    }
