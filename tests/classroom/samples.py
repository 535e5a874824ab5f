"""Answers built from the reference coding, shared by the classroom tests (not a test module)."""

from __future__ import annotations

import pandas as pd

from helpers.claims.coding import Codings


def reference(codings: Codings, sid: str) -> pd.DataFrame:
    return codings.evidence[codings.evidence["source_id"] == sid].set_index("claim_id")


def perfect_answers(codings: Codings, sid: str) -> dict[str, tuple[str, str]]:
    ref = reference(codings, sid)
    return {cid: (row["stance"], row["attribution_kind"]) for cid, row in ref.iterrows()}


def first_coded(codings: Codings) -> str:
    return codings.coded_sources[0]
