"""Agreement with the reference coding: Cohen's kappa, one student's comparison, a class at once.

Kappa convention: Cohen's kappa is ``(po - pe) / (1 - pe)``. When both coders put every item in
the same single category, ``pe = po = 1`` and the formula is 0/0; this module then returns
**1.0** (nothing disagreed, so there is nothing to discount) and the agreement table's
``categories`` column shows 1, so a reader can see that no chance correction was possible.
No items at all gives NaN. The teacher's view reads a whole folder of student files; a bad file
is one line in a problem list.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.claims.coding import Codings
from helpers.classroom.students import FIELDS, STUDENT_COLUMNS, UNANSWERED, read_student_file, student_files
from helpers.core.errors import InputError, Problem


# ---------------------------------------------------------------------------------------------
# One student against the reference
# ---------------------------------------------------------------------------------------------
def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two coders' labels for the same items (see the module docstring for 0/0)."""
    if len(a) != len(b):
        raise ValueError(f"the two codings have {len(a)} and {len(b)} items: kappa needs the same items")
    n = len(a)
    if n == 0:
        return float("nan")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    count_a = pd.Series(list(a)).value_counts()
    count_b = pd.Series(list(b)).value_counts()
    expected = float(sum(count_a.get(k, 0) * count_b.get(k, 0) for k in set(count_a.index) | set(count_b.index)))
    expected /= n * n
    if observed == 1.0:
        return 1.0  # includes the 0/0 case of a single shared category (documented above)
    return (observed - expected) / (1.0 - expected)


@dataclass(frozen=True)
class Comparison:
    """A student's coding against the reference: per-field agreement, the item table, disagreements."""

    agreement: pd.DataFrame  # index field: items, agreed, agreement, kappa, categories
    items: pd.DataFrame  # one row per answered (article, claim) with student and reference values
    disagreements: pd.DataFrame  # one row per (item, field) where the student differs
    not_in_reference: pd.DataFrame  # answers for claims the reference does not code in that article


_REF_COLS = ["source_id", "claim_id", "stance", "attribution_kind", "attributed_to", "quote", "note"]


def _why(codings: Codings, cid: str, note: str) -> str:
    """The reference's reasoning for a coding: its note, else the claim's notes."""
    return note or (str(codings.claims.at[cid, "notes"]) if cid in codings.claims.index else "")


def _slot_reasoning(codings: Codings, cid: str) -> str:
    """The coder's reasoning on the slot (question) a claim belongs to, empty when it has none."""
    slot = str(codings.claims.at[cid, "slot"]) if cid in codings.claims.index else ""
    return str(codings.slots.at[slot, "reasoning"]) if slot in codings.slots.index else ""


def compare(student: pd.DataFrame, codings: Codings) -> Comparison:
    """Compare a student's answers with the reference coding, field by field, with Cohen's kappa."""
    ref = codings.evidence[_REF_COLS]
    merged = student.merge(ref, on=["source_id", "claim_id"], how="left", suffixes=("", "_ref"), indicator=True)
    outside = merged[merged["_merge"] == "left_only"][list(STUDENT_COLUMNS)].reset_index(drop=True)
    items = merged[merged["_merge"] == "both"].drop(columns=["_merge"]).reset_index(drop=True)
    renames = {f: f"{f}_student" for f in FIELDS} | {f"{f}_ref": f"{f}_reference" for f in FIELDS}
    items = items.rename(columns=renames)
    items["statement"] = [str(codings.claims.at[c, "statement"]) for c in items["claim_id"]]
    rows, wrong = [], []
    for field in FIELDS:
        answered = items[items[f"{field}_student"] != UNANSWERED]
        s, r = list(answered[f"{field}_student"]), list(answered[f"{field}_reference"])
        agreed = sum(x == y for x, y in zip(s, r, strict=True))
        rows.append(
            {
                "field": field,
                "items": len(s),
                "agreed": agreed,
                "agreement": agreed / len(s) if s else float("nan"),
                "kappa": cohen_kappa(s, r),
                "categories": len(set(s) | set(r)),
            }
        )
        for rec in answered[answered[f"{field}_student"] != answered[f"{field}_reference"]].to_dict("records"):
            wrong.append(
                {
                    "source_id": rec["source_id"],
                    "claim_id": rec["claim_id"],
                    "statement": codings.claims.at[rec["claim_id"], "statement"],
                    "field": field,
                    "student": rec[f"{field}_student"],
                    "reference": rec[f"{field}_reference"],
                    "quote": rec["quote"],
                    "attributed_to": rec["attributed_to"],
                    "why": _why(codings, rec["claim_id"], rec["note"]),
                    "slot reasoning": _slot_reasoning(codings, rec["claim_id"]),
                }
            )
    agreement = pd.DataFrame(rows).set_index("field")
    columns = ["source_id", "claim_id", "statement", "field", "student", "reference", "quote", "attributed_to"]
    disagreements = pd.DataFrame(wrong, columns=[*columns, "why", "slot reasoning"])
    return Comparison(agreement, items, disagreements, outside)


# ---------------------------------------------------------------------------------------------
# The teacher's view
# ---------------------------------------------------------------------------------------------
SUMMARY_COLUMNS = [
    "student",
    "file",
    "articles",
    "items",
    "stance agreement",
    "stance kappa",
    "attribution_kind agreement",
    "attribution_kind kappa",
]


@dataclass(frozen=True)
class ClassView:
    """A folder of student files read at once: one summary row per student, the problems, the items."""

    summary: pd.DataFrame
    problems: list[Problem]
    items: pd.DataFrame  # every compared item, with a ``student`` column


def read_class(codings: Codings, folder: str | os.PathLike[str] | None = None) -> ClassView:
    """Compare every student file in ``folder`` with the reference; bad files become problems, not errors."""
    rows, problems, items = [], [], []
    for path in student_files(folder):
        try:
            student = read_student_file(path, codings)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        comp = compare(student, codings)
        name = student["student"].iloc[0] if len(student) else path.stem
        row = {"student": name, "file": path.name, "articles": student["source_id"].nunique()}
        row["items"] = len(comp.items)
        for field in FIELDS:
            row[f"{field} agreement"] = comp.agreement.at[field, "agreement"]
            row[f"{field} kappa"] = comp.agreement.at[field, "kappa"]
        rows.append(row)
        items.append(comp.items.assign(student=name))
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    all_items = pd.concat(items, ignore_index=True) if items else pd.DataFrame()
    return ClassView(summary, problems, all_items)


def hardest_items(view: ClassView, top: int = 10) -> pd.DataFrame:
    """The (article, claim, field) most often coded differently from the reference: what to discuss in class."""
    columns = ["source_id", "claim_id", "statement", "field", "reference", "students", "differ", "share differ"]
    columns.append("most common")
    if view.items.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for field in FIELDS:
        answered = view.items[view.items[f"{field}_student"] != UNANSWERED]
        for (sid, cid), group in answered.groupby(["source_id", "claim_id"], sort=True):
            ref = group[f"{field}_reference"].iloc[0]
            differ = int((group[f"{field}_student"] != ref).sum())
            counts = group[f"{field}_student"].value_counts()
            top_answer = sorted(counts.index, key=lambda v: (-counts[v], v))[0]
            statement = group["statement"].iloc[0]
            share = round(differ / len(group), 2)
            rows.append((sid, cid, statement, field, ref, len(group), differ, share, top_answer))
    table = pd.DataFrame(rows, columns=columns)
    table = table[table["differ"] > 0].sort_values(
        ["share differ", "students", "source_id", "claim_id", "field"],
        ascending=[False, False, True, True, True],
        kind="stable",
    )
    return table.head(top).reset_index(drop=True)


def class_chart_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The data behind :func:`class_chart`: one row per (student, field) with agreement and kappa."""
    rows = [
        {"student": r["student"], "field": field, "agreement": r[f"{field} agreement"], "kappa": r[f"{field} kappa"]}
        for r in summary.to_dict("records")
        for field in FIELDS
    ]
    return pd.DataFrame(rows, columns=["student", "field", "agreement", "kappa"])
