"""Reviewing discovered candidates: merge two, split one, edit a statement, and the rows that accept one.

Discovery (:mod:`helpers.claims.discovery`) proposes candidate claims; a reviewer corrects them
before anything is saved. Each function here takes a :class:`Discovery` and returns a new one
(nothing is changed in place, nothing is written), so the workbench (:mod:`helpers.claims.review_views`)
only draws and keeps the latest result, and a test checks every step:

* :func:`merge_candidates`: the tellings of a second candidate join the first (one telling per
  article: where both tell an article, the first candidate's telling stays);
* :func:`split_candidate`: chosen tellings move to a new candidate with its own claim;
* :func:`edit_statement`: a claim's statement in the reviewer's words;
* :func:`without_candidate`: the discovery once a candidate is accepted;
* :func:`accepted_rows`: a candidate as ``claims.csv`` / ``evidence.csv`` rows for
  :func:`helpers.claims.authoring.save_codings` (checked, locked, atomic), so accepting is copying rows.

A wrong candidate or claim id is refused with one line naming it (and the closest id).
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from helpers.claims import grouping
from helpers.claims.coding import CLAIM_COLUMNS, CLAIM_OPTIONAL, EVIDENCE_COLUMNS, EVIDENCE_OPTIONAL
from helpers.claims.discovery import UNREVIEWED, Discovery
from helpers.core.errors import InputError, Problem
from helpers.core.files import suggest

#: What a reviewer's change says in a candidate's ``grouped_by``.
MERGED, SPLIT = "merged by a reviewer", "split by a reviewer"
_WHERE = "discovered candidates"


def _refuse(message: str) -> InputError:
    return InputError([Problem(_WHERE, None, message)])


def _known(found: Discovery, candidate: str) -> None:
    """Refuse an unknown candidate id, naming the closest one."""
    known = list(dict.fromkeys(found.claims["candidate"]))
    if candidate not in known:
        raise _refuse(f"no candidate '{candidate}'{suggest(candidate, known)}")


def _counted(claims: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """Claims with ``articles`` recounted from their tellings (claims left with none dropped)."""
    n = evidence.groupby("claim_id")["source_id"].nunique()
    out = claims[claims["claim_id"].isin(n.index)].copy()
    out["articles"] = out["claim_id"].map(n).astype(int)
    return out.reset_index(drop=True)


def _slots_in_use(found: Discovery, claims: pd.DataFrame) -> pd.DataFrame:
    return found.slots[found.slots["slot"].isin(claims["slot"])].reset_index(drop=True)


def merge_candidates(found: Discovery, keep: str, other: str) -> Discovery:
    """``other``'s tellings joined to ``keep``'s first claim; an article both tell keeps ``keep``'s telling."""
    _known(found, keep)
    _known(found, other)
    if keep == other:
        raise _refuse(f"candidate '{keep}' cannot be merged with itself")
    ev = found.evidence
    target = str(found.claims.loc[found.claims["candidate"] == keep, "claim_id"].iloc[0])
    told = set(ev.loc[ev["candidate"] == keep, "source_id"])
    moving = (ev["candidate"] == other) & ~ev["source_id"].isin(told)
    moved = ev[moving].assign(claim_id=target, candidate=keep, grouped_by=f"{MERGED} from {other}")
    evidence = pd.concat([ev[ev["candidate"] != other], moved]).sort_index(kind="stable").reset_index(drop=True)
    claims = found.claims[found.claims["candidate"] != other].copy()
    mine = claims["candidate"] == keep
    claims.loc[mine, "grouped_by"] = claims.loc[mine, "grouped_by"].astype(str) + f"; {MERGED} with {other}"
    other_chains = found.claims.loc[found.claims["candidate"] == other, "chains"].max()
    claims.loc[mine, "chains"] = claims.loc[mine, "chains"].clip(lower=other_chains)
    claims = _counted(claims, evidence)
    return replace(found, claims=claims, evidence=evidence, slots=_slots_in_use(found, claims))


def _next(ids: pd.Series, prefix: str) -> str:
    """The next free id of a prefix (``K`` candidates, ``C`` claims), three digits at least."""
    numbers = [int(m.group(1)) for m in (re.fullmatch(rf"{prefix}(\d+)", str(i)) for i in ids) if m]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def split_candidate(found: Discovery, candidate: str, sources: list[str]) -> Discovery:
    """The tellings of ``sources`` (article ids) moved from ``candidate`` to a new candidate and claim."""
    _known(found, candidate)
    ev = found.evidence
    mine = ev["candidate"] == candidate
    told = list(dict.fromkeys(ev.loc[mine, "source_id"]))
    unknown = [s for s in sources if s not in told]
    if unknown:
        raise _refuse(f"candidate '{candidate}' has no telling in '{unknown[0]}'{suggest(unknown[0], told)}")
    chosen = set(sources)
    if not chosen or chosen == set(told):
        raise _refuse(f"choose some of candidate '{candidate}''s {len(told)} tellings to split off, not none or all")
    cand, claim_id = _next(found.claims["candidate"], "K"), _next(found.claims["claim_id"], "C")
    moving = mine & ev["source_id"].isin(chosen)
    reason = f"{SPLIT} from {candidate}"
    evidence = ev.copy()
    evidence.loc[moving, ["claim_id", "candidate", "grouped_by"]] = [claim_id, cand, reason]
    first = found.claims[found.claims["candidate"] == candidate].iloc[0]
    new = first.copy()
    new[["claim_id", "candidate", "grouped_by", "slot"]] = [claim_id, cand, reason, ""]
    new["statement"] = grouping.shorten(str(ev.loc[moving, "quote"].iloc[0]))
    new["notes"] = f"{UNREVIEWED}; {reason}"
    claims = _counted(pd.concat([found.claims, new.to_frame().T], ignore_index=True), evidence)
    return replace(found, claims=claims, evidence=evidence, slots=_slots_in_use(found, claims))


def edit_statement(found: Discovery, claim_id: str, statement: str) -> Discovery:
    """The claim's statement replaced by the reviewer's words (one line, not empty)."""
    text = " ".join(str(statement).split())
    ids = list(found.claims["claim_id"])
    if claim_id not in ids:
        raise _refuse(f"no discovered claim '{claim_id}'{suggest(claim_id, ids)}")
    if not text:
        raise _refuse(f"claim '{claim_id}' needs a statement: one line saying what is claimed")
    claims = found.claims.copy()
    claims.loc[claims["claim_id"] == claim_id, "statement"] = text
    return replace(found, claims=claims)


def accepted_rows(found: Discovery, candidate: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A candidate as new ``claims.csv`` rows (ids left to the save) and ``evidence.csv`` rows referring to them.

    Evidence rows refer to their claim as ``new:1``, ``new:2`` (the save gives the ids); a proposed
    slot is left out (``slots.csv`` is written by hand, with its reasoning) and kept in ``notes``.
    """
    _known(found, candidate)
    claims = found.claims[found.claims["candidate"] == candidate].reset_index(drop=True)
    ref = {cid: f"new:{k}" for k, cid in enumerate(claims["claim_id"], 1)}
    rows = claims.reindex(columns=[*CLAIM_COLUMNS, *CLAIM_OPTIONAL]).fillna("").astype(str)
    accepted = f"accepted from discovered candidate {candidate}"
    rows["notes"] = [
        (f"{n}; proposed slot {s}" if s else n).replace(UNREVIEWED, accepted)
        for n, s in zip(rows["notes"], rows["slot"], strict=True)
    ]
    rows["claim_id"], rows["slot"] = "", ""
    ev = found.evidence[found.evidence["candidate"] == candidate]
    evidence = ev.reindex(columns=[*EVIDENCE_COLUMNS, *EVIDENCE_OPTIONAL]).fillna("").astype(str)
    evidence["claim_id"] = ev["claim_id"].map(ref).to_numpy()
    evidence["note"] = evidence["note"].str.replace(UNREVIEWED, accepted, regex=False)
    return rows, evidence.reset_index(drop=True)


def without_candidate(found: Discovery, candidate: str) -> Discovery:
    """The discovery less one candidate (once accepted and saved, the reviewed claim replaces it)."""
    claims = found.claims[found.claims["candidate"] != candidate].reset_index(drop=True)
    evidence = found.evidence[found.evidence["candidate"] != candidate].reset_index(drop=True)
    return replace(found, claims=claims, evidence=evidence, slots=_slots_in_use(found, claims))
