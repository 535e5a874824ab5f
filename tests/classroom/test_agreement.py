"""Agreement with the reference: Cohen's kappa by hand and by property, one student, a class."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.claims.coding import Codings
from helpers.classroom import agreement, students
from helpers.classroom.agreement import cohen_kappa
from tests.classroom.samples import first_coded, one_wrong_stance, perfect_answers, reference


def test_kappa_classic_two_by_two_is_0_4() -> None:
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    # po = 35/50 = 0.7; pe = (25/50)(30/50) + (25/50)(20/50) = 0.3 + 0.2 = 0.5; kappa = 0.2 / 0.5 = 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_kappa_three_categories_by_hand() -> None:
    # Counts, rows = coder A, columns = coder B (categories x, y, z), n = 40:
    #        x   y   z  | row
    #   x   10   2   3  |  15
    #   y    1   8   1  |  10
    #   z    2   2  11  |  15
    #   col 13  12  15
    # po = (10 + 8 + 11) / 40 = 0.725
    # pe = (15*13 + 10*12 + 15*15) / 40^2 = (195 + 120 + 225) / 1600 = 0.3375
    # kappa = (0.725 - 0.3375) / (1 - 0.3375) = 0.3875 / 0.6625 = 31/53 ≈ 0.5849
    cells = {("x", "x"): 10, ("x", "y"): 2, ("x", "z"): 3, ("y", "x"): 1, ("y", "y"): 8, ("y", "z"): 1}
    cells |= {("z", "x"): 2, ("z", "y"): 2, ("z", "z"): 11}
    a = [ka for (ka, _), n in cells.items() for _ in range(n)]
    b = [kb for (_, kb), n in cells.items() for _ in range(n)]
    assert len(a) == 40
    assert cohen_kappa(a, b) == pytest.approx(31 / 53)


def test_kappa_degenerate_and_edge_cases() -> None:
    assert cohen_kappa(["none"] * 6, ["none"] * 6) == 1.0  # 0/0: decided as 1.0 (module docstring)
    assert cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)
    assert math.isnan(cohen_kappa([], []))
    with pytest.raises(ValueError, match="same items"):
        cohen_kappa(["a"], ["a", "b"])


labels = st.lists(st.sampled_from(["asserts", "attributes", "hedges"]), min_size=1, max_size=30)


@settings(deadline=None)  # no timing: a loaded CI machine must not fail it
@given(st.data())
def test_kappa_properties(data: st.DataObject) -> None:
    a = data.draw(labels)
    b = data.draw(st.lists(st.sampled_from(["asserts", "attributes", "hedges"]), min_size=len(a), max_size=len(a)))
    k = cohen_kappa(a, b)
    assert k == pytest.approx(cohen_kappa(b, a))
    assert k <= 1.0 + 1e-12
    assert (k == 1.0) == (a == b)
    rename = {"asserts": "p", "attributes": "q", "hedges": "r"}
    assert k == pytest.approx(cohen_kappa([rename[x] for x in a], [rename[x] for x in b]))


def test_compare_counts_agreement_and_lists_disagreements(codings: Codings, folder: Path) -> None:
    ref, answers, flipped, wrong_stance, path = one_wrong_stance(codings, folder)
    comp = agreement.compare(students.read_student_file(path), codings)
    n = len(ref)
    assert comp.agreement.at["stance", "items"] == n
    assert comp.agreement.at["stance", "agreed"] == n - 1
    assert comp.agreement.at["stance", "agreement"] == pytest.approx((n - 1) / n)
    expected = cohen_kappa([answers[c][0] for c in ref.index], list(ref["stance"]))
    assert comp.agreement.at["stance", "kappa"] == pytest.approx(expected)
    assert comp.agreement.at["attribution_kind", "agreed"] == n
    assert comp.agreement.at["attribution_kind", "kappa"] == 1.0
    assert len(comp.disagreements) == 1
    row = comp.disagreements.iloc[0]
    assert (row["claim_id"], row["field"], row["student"], row["reference"]) == (
        flipped,
        "stance",
        wrong_stance,
        ref.at[flipped, "stance"],
    )
    assert row["quote"] == ref.at[flipped, "quote"]
    assert row["why"] == (ref.at[flipped, "note"] or codings.claims.at[flipped, "notes"])


def test_answers_outside_the_reference_are_kept_apart(codings: Codings) -> None:
    sid = first_coded(codings)
    uncoded = next(c for c in codings.claims.index if c not in set(reference(codings, sid).index))
    frame = pd.DataFrame(
        [{"student": "G", "source_id": sid, "claim_id": uncoded, "stance": "asserts", "attribution_kind": "none"}]
    )
    comp = agreement.compare(frame, codings)
    assert comp.items.empty and list(comp.not_in_reference["claim_id"]) == [uncoded]
    assert comp.agreement.at["stance", "items"] == 0 and math.isnan(comp.agreement.at["stance", "kappa"])


def test_class_view_reports_bad_files_one_line_each(codings: Codings, folder: Path) -> None:
    sid = first_coded(codings)
    students.save_coding("Ana", sid, perfect_answers(codings, sid), folder)
    wrong = {cid: ("asserts", "none") for cid in reference(codings, sid).index}
    students.save_coding("Ben", sid, wrong, folder)
    (folder / "broken.csv").write_text("student,source_id,claim_id,stance\nX,a,C001,asserts\n", encoding="utf-8")
    (folder / "typo.csv").write_text(
        f"student,source_id,claim_id,stance,attribution_kind\nT,{sid},C001,asserts,none\nT,{sid},C002,maybe,none\n",
        encoding="utf-8",
    )
    (folder / "notes.txt").write_text("not a coding", encoding="utf-8")
    view = agreement.read_class(codings, folder)
    assert list(view.summary["student"]) == ["Ana", "Ben"]
    assert view.summary.loc[0, "stance kappa"] == 1.0
    assert view.summary.loc[1, "stance agreement"] < 1.0
    lines = [str(p) for p in view.problems]
    assert len(lines) == 2
    assert lines[0].endswith("broken.csv:1: missing column 'attribution_kind'")
    assert "typo.csv:3: unknown stance 'maybe'" in lines[1]
    hard = agreement.hardest_items(view)
    assert set(hard["students"]) == {2} and (hard["differ"] == 1).all()
    table = agreement.class_chart_table(view.summary)
    assert len(table) == 4 and set(table["field"]) == set(students.FIELDS)


def test_empty_class_folder(codings: Codings, folder: Path) -> None:
    view = agreement.read_class(codings, folder)
    assert view.summary.empty and view.problems == [] and agreement.hardest_items(view).empty
