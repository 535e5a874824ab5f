"""Answers built from the reference coding, shared by the classroom tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.claims.coding import STANCES, Codings
from helpers.classroom import students


def reference(codings: Codings, sid: str) -> pd.DataFrame:
    return codings.evidence[codings.evidence["source_id"] == sid].set_index("claim_id")


def perfect_answers(codings: Codings, sid: str) -> dict[str, tuple[str, str]]:
    ref = reference(codings, sid)
    return {cid: (row["stance"], row["attribution_kind"]) for cid, row in ref.iterrows()}


def first_coded(codings: Codings) -> str:
    return codings.coded_sources[0]


def one_wrong_stance(codings: Codings, folder: Path) -> tuple[pd.DataFrame, dict, str, str, Path]:
    """A student 'Fay' who codes the first coded article like the reference but one stance.

    Returns the reference rows, her answers, the claim she got wrong, her stance for it, and her saved file.
    """
    sid = first_coded(codings)
    ref = reference(codings, sid)
    answers = perfect_answers(codings, sid)
    flipped = ref.index[0]
    wrong_stance = next(s for s in STANCES if s != ref.at[flipped, "stance"])
    answers[flipped] = (wrong_stance, ref.at[flipped, "attribution_kind"])
    return ref, answers, flipped, wrong_stance, students.save_coding("Fay", sid, answers, folder)
