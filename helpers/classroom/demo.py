"""A demonstration class: simulated students, so the teacher's view shows something before a class.

The students are computed from the reference's quotes (a flat reader, a cue reader, a cue reader
who stops early), saved and read back through the real student-file path in a temporary folder.
"""

from __future__ import annotations

import re
import tempfile

import pandas as pd

from helpers.claims.coding import Codings
from helpers.classroom.agreement import ClassView, compare, read_class
from helpers.classroom.students import FIELDS, STUDENT_COLUMNS, save_coding
from helpers.corpus.provenance import outlet_names

#: Cue words by which the simulated "cue reader" guesses a stance from a quote.
HEDGE_CUES = ("reportedly", "allegedly", "could not", "unconfirmed", "believed to", "no official confirmation")
ATTRIBUTION_CUES = ("according to", "said", "told", "reported", "as stated by", "recounted", "sources", "claims")


def outlet_cue(corpus: pd.DataFrame) -> re.Pattern[str]:
    """Outlet names a cue reader recognises: the corpus's outlets (and initials), credits, inferred upstreams."""
    names = {
        form
        for sid in corpus.index
        for outlet in (corpus.at[sid, "outlet"], *corpus.at[sid, "credits"], corpus.at[sid, "upstream_inferred"])
        for form in outlet_names(str(outlet or "").strip())
    }
    if not names:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


def _cue_reader(quote: str, outlets: re.Pattern[str]) -> tuple[str, str]:
    """How a novice codes from cue words only: hedge words, then reporting verbs, else fact."""
    low = quote.casefold()
    if any(c in low for c in HEDGE_CUES):
        stance = "hedges"
    elif any(c in low for c in ATTRIBUTION_CUES):
        stance = "attributes"
    else:
        return "asserts", "none"
    return stance, "outlet" if outlets.search(quote) else "anonymous"


def simulated_students(codings: Codings, corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Three simulated students, computed from the reference's quotes, to show the teacher's view before a class.

    A flat reader codes every claim as plain fact; a cue reader guesses from cue words ("reportedly",
    "according to"); the same cue reader stops after the first two articles.
    """
    ev = codings.evidence
    flat = ev[["source_id", "claim_id"]].assign(stance="asserts", attribution_kind="none")
    outlets = outlet_cue(corpus)
    guesses = [_cue_reader(q, outlets) for q in ev["quote"]]
    cue = ev[["source_id", "claim_id"]].assign(stance=[g[0] for g in guesses], attribution_kind=[g[1] for g in guesses])
    short = cue[cue["source_id"].isin(codings.coded_sources[:2])]
    return {"Simulated flat reader": flat, "Simulated cue reader": cue, "Simulated cue reader short": short}


def cue_level(codings: Codings, corpus: pd.DataFrame, items: pd.DataFrame | None = None) -> dict[str, float]:
    """The kappa per field that the cue-word script reaches (on ``items``' source_id/claim_id, default all).

    A class is measured against this level, not against a fixed line: a student below it codes no
    better than a script that only spots "reportedly" and "according to".
    """
    cue = simulated_students(codings, corpus)["Simulated cue reader"]
    if items is not None:
        cue = cue.merge(items[["source_id", "claim_id"]].drop_duplicates(), on=["source_id", "claim_id"])
    comp = compare(cue.assign(student="cue-word script")[list(STUDENT_COLUMNS)], codings)
    return {field: float(comp.agreement.at[field, "kappa"]) for field in FIELDS}


def demo_class(codings: Codings, corpus: pd.DataFrame) -> ClassView:
    """The teacher's view of the simulated students, saved and read through the real file path (a temp folder)."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, frame in simulated_students(codings, corpus).items():
            for sid, answers in frame.groupby("source_id", sort=False):
                save_coding(name, str(sid), answers, tmp)
        return read_class(codings, tmp)
