"""Student coding files: names, atomic saving, reading a class folder, agreement and Cohen's kappa."""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import config
from helpers.claims.coding import ATTRIBUTION_KINDS, STANCES, Codings, read_codings
from helpers.classroom import students as student
from helpers.classroom.students import StudentError, cohen_kappa, safe_name
from helpers.core.errors import InputError
from helpers.corpus.load import UnknownSourceError


@pytest.fixture(scope="module")
def codings(corpus: pd.DataFrame) -> Codings:
    return read_codings(corpus)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "class"


def reference(codings: Codings, sid: str) -> pd.DataFrame:
    return codings.evidence[codings.evidence["source_id"] == sid].set_index("claim_id")


def perfect_answers(codings: Codings, sid: str) -> dict[str, tuple[str, str]]:
    ref = reference(codings, sid)
    return {cid: (row["stance"], row["attribution_kind"]) for cid, row in ref.iterrows()}


def first_coded(codings: Codings) -> str:
    return codings.coded_sources[0]


# ---------------------------------------------------------------------------------------------
# Cohen's kappa
# ---------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------
# Names and folders
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "stem"),
    [("Ana Lee", "ana-lee"), ("  José María ", "josé-maría"), ("O'Brien J.", "o-brien-j"), ("Аня", "аня")],
)
def test_safe_name(name: str, stem: str) -> None:
    assert safe_name(name) == stem


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter your name"),
        ("   ", "Enter your name"),
        ("../etc/passwd", "not '/'"),
        ("a\\b", r"not '\\'"),
        ("tab\there", r"not '\\t'"),
        ("x" * 61, "at most 60"),
        ("con", "cannot name a file"),
        ("...", "at least one letter"),
    ],
)
def test_bad_names_get_one_clear_line(name: str, message: str) -> None:
    with pytest.raises(StudentError, match=message) as info:
        safe_name(name)
    assert "\n" not in str(info.value)


@settings(deadline=None)
@given(st.text(max_size=80))
def test_safe_names_are_plain_file_stems(name: str) -> None:
    try:
        stem = safe_name(name)
    except StudentError:
        return
    assert stem and "/" not in stem and "\\" not in stem and not stem.startswith((".", "-"))
    assert safe_name(stem) == stem


def test_student_dir_honours_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.STUDENT_ENV, raising=False)
    assert student.student_dir() == config.DEFAULT_STUDENT_DIR
    monkeypatch.setenv(config.STUDENT_ENV, str(tmp_path))
    assert student.student_dir() == tmp_path
    assert student.student_path("Ana") == tmp_path / "ana.csv"


def test_refuses_to_write_inside_the_corpus(codings: Codings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = first_coded(codings)
    answers = perfect_answers(codings, sid)
    for target in (config.DEFAULT_CORPUS_DIR, config.DEFAULT_CORPUS_DIR / "students"):
        with pytest.raises(StudentError, match="inside the corpus directory"):
            student.save_coding("Ana", sid, answers, target)
    other = tmp_path / "other-corpus"
    monkeypatch.setenv(config.CORPUS_ENV, str(other))
    with pytest.raises(StudentError, match="inside the corpus directory"):
        student.save_coding("Ana", sid, answers, other / "answers")
    assert not (config.DEFAULT_CORPUS_DIR / "ana.csv").exists()
    assert not (config.DEFAULT_CORPUS_DIR / "students").exists()


# ---------------------------------------------------------------------------------------------
# Saving and reading
# ---------------------------------------------------------------------------------------------
def test_save_round_trip_keeps_other_articles(codings: Codings, folder: Path) -> None:
    first, second = codings.coded_sources[:2]
    path = student.save_coding("Ana Lee", first, perfect_answers(codings, first), folder)
    assert path == folder / "ana-lee.csv"
    student.save_coding("Ana Lee", second, perfect_answers(codings, second), folder)
    changed = {cid: ("denies", "named") for cid in reference(codings, first).index[:1]}
    student.save_coding("Ana Lee", first, changed, folder)
    table = student.read_student_file(path, codings)
    assert set(table["source_id"]) == {first, second}
    assert (table["source_id"] == first).sum() == 1  # re-saving an article replaces its answers
    assert len(table[table["source_id"] == second]) == len(reference(codings, second))
    assert list(table.columns) == list(student.STUDENT_COLUMNS)


def test_blank_answers_are_left_out_and_bad_values_refused(codings: Codings, folder: Path) -> None:
    sid = first_coded(codings)
    cids = list(reference(codings, sid).index[:3])
    path = student.save_coding("Bo", sid, {cids[0]: ("asserts", ""), cids[1]: ("", ""), cids[2]: ("", "none")}, folder)
    table = student.read_student_file(path)
    assert list(table["claim_id"]) == [cids[0], cids[2]]
    with pytest.raises(StudentError, match=r"unknown stance 'assert'.*did you mean 'asserts'"):
        student.save_coding("Bo", sid, {cids[0]: ("assert", "none")}, folder)


def test_bad_file_problems_name_file_and_line(codings: Codings, folder: Path) -> None:
    folder.mkdir()
    path = folder / "cy.csv"
    sid = first_coded(codings)
    cid = reference(codings, sid).index[0]
    path.write_text(
        "student,source_id,claim_id,stance,attribution_kind\n"
        f"Cy,{sid},{cid},asserts,none\n"
        f"Cy,{sid},{cid},hedge,none\n"
        f"Cy,{sid},C999,asserts,anonimous\n"
        f"Cy,{sid}x,{cid},asserts,none\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        student.read_student_file(path, codings)
    lines = str(info.value).splitlines()
    assert any(":3: unknown stance 'hedge'" in ln for ln in lines)
    assert any(":3:" in ln and "answered twice (first on line 2)" in ln for ln in lines)
    assert any(":4: unknown attribution_kind 'anonimous' (did you mean 'anonymous'?)" in ln for ln in lines)
    assert any(":4: unknown claim_id 'C999'" in ln for ln in lines)
    assert any(f":5: unknown source_id '{sid}x' (did you mean '{sid}'?)" in ln for ln in lines)


# ---------------------------------------------------------------------------------------------
# Killing the writer
# ---------------------------------------------------------------------------------------------
def test_failed_replace_leaves_the_previous_file(
    codings: Codings, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = first_coded(codings)
    path = student.save_coding("Di", sid, perfect_answers(codings, sid), folder)
    before = path.read_bytes()

    def boom(*args: object) -> None:
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk pulled out"):
        student.save_coding("Di", sid, {cid: ("denies", "named") for cid in reference(codings, sid).index}, folder)
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [path.name]  # no temporary file left behind


def test_sigkill_mid_write_leaves_the_previous_file(codings: Codings, folder: Path) -> None:
    sid = first_coded(codings)
    path = student.save_coding("Eve", sid, perfect_answers(codings, sid), folder)
    before = path.read_bytes()
    # The child saves a different coding; when the bytes are written but not yet renamed into place
    # (inside fsync), it says so and waits to be killed.
    child = textwrap.dedent(
        f"""
        import os, sys, time
        from helpers.classroom import students as student
        from helpers.claims.coding import read_codings
        from helpers.corpus.load import load_corpus
        codings = read_codings(load_corpus({str(config.DEFAULT_CORPUS_DIR)!r}))
        ids = codings.evidence.loc[codings.evidence["source_id"] == {sid!r}, "claim_id"]
        def stall(fd):
            print("writing", flush=True)
            time.sleep(60)
        os.fsync = stall
        student.save_coding("Eve", {sid!r}, {{c: ("denies", "named") for c in ids}}, {str(folder)!r})
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "writing"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    leftovers = [p.name for p in folder.iterdir() if p.name != path.name]
    assert leftovers and all(n.startswith(".") and n.endswith(".tmp") for n in leftovers)
    assert student.student_files(folder) == [path]  # the class view never reads the half-done file
    view = student.read_class(codings, folder)
    assert list(view.summary["student"]) == ["Eve"] and not view.problems


# ---------------------------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------------------------
def test_compare_counts_agreement_and_lists_disagreements(codings: Codings, folder: Path) -> None:
    sid = first_coded(codings)
    ref = reference(codings, sid)
    answers = perfect_answers(codings, sid)
    flipped = ref.index[0]
    wrong_stance = next(s for s in STANCES if s != ref.at[flipped, "stance"])
    answers[flipped] = (wrong_stance, ref.at[flipped, "attribution_kind"])
    path = student.save_coding("Fay", sid, answers, folder)
    comp = student.compare(student.read_student_file(path), codings)
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
    html = student.comparison_html(comp)
    assert f"you coded <b>{wrong_stance}</b>" in html and f"{n - 1} of {n}" in html
    matrix = student.confusion(comp.items, "stance")
    assert list(matrix.index) == list(STANCES) and matrix.to_numpy().sum() == n


def test_answers_outside_the_reference_are_kept_apart(codings: Codings) -> None:
    sid = first_coded(codings)
    uncoded = next(c for c in codings.claims.index if c not in set(reference(codings, sid).index))
    frame = pd.DataFrame(
        [{"student": "G", "source_id": sid, "claim_id": uncoded, "stance": "asserts", "attribution_kind": "none"}]
    )
    comp = student.compare(frame, codings)
    assert comp.items.empty and list(comp.not_in_reference["claim_id"]) == [uncoded]
    assert comp.agreement.at["stance", "items"] == 0 and math.isnan(comp.agreement.at["stance", "kappa"])


def test_class_view_reports_bad_files_one_line_each(codings: Codings, folder: Path) -> None:
    sid = first_coded(codings)
    student.save_coding("Ana", sid, perfect_answers(codings, sid), folder)
    wrong = {cid: ("asserts", "none") for cid in reference(codings, sid).index}
    student.save_coding("Ben", sid, wrong, folder)
    (folder / "broken.csv").write_text("student,source_id,claim_id,stance\nX,a,C001,asserts\n", encoding="utf-8")
    (folder / "typo.csv").write_text(
        f"student,source_id,claim_id,stance,attribution_kind\nT,{sid},C001,asserts,none\nT,{sid},C002,maybe,none\n",
        encoding="utf-8",
    )
    (folder / "notes.txt").write_text("not a coding", encoding="utf-8")
    view = student.read_class(codings, folder)
    assert list(view.summary["student"]) == ["Ana", "Ben"]
    assert view.summary.loc[0, "stance kappa"] == 1.0
    assert view.summary.loc[1, "stance agreement"] < 1.0
    lines = [str(p) for p in view.problems]
    assert len(lines) == 2
    assert lines[0].endswith("broken.csv:1: missing column 'attribution_kind'")
    assert "typo.csv:3: unknown stance 'maybe'" in lines[1]
    assert "Traceback" not in student.problems_html(view.problems)
    hard = student.hardest_items(view)
    assert set(hard["students"]) == {2} and (hard["differ"] == 1).all()
    table = student.class_chart_table(view.summary)
    assert len(table) == 4 and set(table["field"]) == set(student.FIELDS)
    assert isinstance(student.class_chart(view.summary), matplotlib.figure.Figure)


def test_empty_class_folder(codings: Codings, folder: Path) -> None:
    view = student.read_class(codings, folder)
    assert view.summary.empty and view.problems == [] and student.hardest_items(view).empty


# ---------------------------------------------------------------------------------------------
# Sheet and widget
# ---------------------------------------------------------------------------------------------
def test_task_and_worksheet_show_quotes_not_answers(codings: Codings, corpus: pd.DataFrame) -> None:
    sid = first_coded(codings)
    task = student.coding_task(codings, corpus, sid)
    assert list(task.columns) == ["claim_id", "statement", "quote"]
    assert len(task) == len(reference(codings, sid))
    sheet = student.worksheet_html(codings, corpus, sid)
    assert sheet.count("<tr>") == len(task) + 1
    assert "<script" not in student.worksheet_html(
        Codings(
            codings.claims,
            codings.evidence.assign(quote="<script>alert(1)</script>"),
            codings.slots,
            codings.coded_sources,
        ),
        corpus,
        sid,
    )
    legend = student.legend_html()
    assert all(k in legend for k in (*STANCES, *ATTRIBUTION_KINDS))
    with pytest.raises(UnknownSourceError, match=rf"unknown source id '{sid}x' \(did you mean '{sid}'\?\)"):
        student.coding_task(codings, corpus, f"{sid}x")
    with pytest.raises(UnknownSourceError, match="did you mean"):
        student.worksheet_html(codings, corpus, f"{sid}x")


def test_widget_saves_and_compares(codings: Codings, corpus: pd.DataFrame, folder: Path) -> None:
    box = student.coding_widget(codings, corpus, folder)
    top, _legend, rows, controls, status, result = box.children
    name, article = top.children
    save, check = controls.children
    assert "Enter your name" in status.value and rows.children == ()
    save.click()
    assert "Enter your name" in status.value and not folder.exists()
    name.value = "Hal <b>"
    assert "&lt;" in status.value and "<b>" not in status.value and rows.children == ()
    save.click()
    assert "&lt;" in status.value and "<b>" not in status.value
    name.value = "Hal"
    assert len(rows.children) == len(student.coding_task(codings, corpus, article.value))
    for row in rows.children:
        stance, kind = row.children[1].children
        stance.value, kind.value = "asserts", "none"
    save.click()
    assert "Saved" in status.value and (folder / "hal.csv").exists()
    check.click()
    assert "Cohen's kappa" in result.value
    article.value = article.options[-1][1]  # rebuilds the rows, empty for an article not yet saved
    assert all(row.children[1].children[0].value == "" for row in rows.children)
    article.value = article.options[0][1]  # saved answers come back
    assert all(row.children[1].children[0].value == "asserts" for row in rows.children)


# ---------------------------------------------------------------------------------------------
# The teacher's view before a class: simulated students, displays
# ---------------------------------------------------------------------------------------------
def test_simulated_students_and_demo_class(codings: Codings, corpus: pd.DataFrame) -> None:
    sims = student.simulated_students(codings, corpus)
    assert len(sims) == 3
    flat = sims["Simulated flat reader"]
    assert set(flat["stance"]) == {"asserts"} and len(flat) == len(codings.evidence)
    view = student.demo_class(codings, corpus)
    assert not view.problems and set(view.summary["student"]) == set(sims)
    row = view.summary.set_index("student").loc["Simulated flat reader"]
    # a constant answer is no better than chance: kappa 0, agreement = the reference's share of 'asserts'
    assert row["stance kappa"] == pytest.approx(0.0)
    assert row["stance agreement"] == pytest.approx((codings.evidence["stance"] == "asserts").mean())
    short = view.summary.set_index("student").loc["Simulated cue reader short"]
    assert short["articles"] == min(2, len(codings.coded_sources))


def test_cue_reader_reads_cues(corpus: pd.DataFrame) -> None:
    outlets = student.outlet_cue(corpus)
    assert student._cue_reader("Ehab was reportedly killed", outlets) == ("hedges", "anonymous")
    assert student._cue_reader("he left, Reuters reported", outlets) == ("attributes", "outlet")
    assert student._cue_reader("He left by car.", outlets) == ("asserts", "none")


def test_outlet_cue_is_built_from_the_corpus() -> None:
    corpus = pd.DataFrame(
        {"outlet": ["Harbour Gazette", "unknown"], "credits": [(), ("Wire One",)], "upstream_inferred": ["", "XYZ"]},
        index=pd.Index(["a", "b"], name="source_id"),
    )
    cue = student.outlet_cue(corpus)
    for text in ("the Harbour Gazette said", "as HG reported", "Wire One reported", "XYZ said"):
        assert cue.search(text), text
    assert not cue.search("Reuters reported") and not cue.search("the unknown source said")
    assert student._cue_reader("Reuters reported it", cue) == ("attributes", "anonymous")  # not an outlet here


def test_displays_escape_what_students_typed(codings: Codings, folder: Path) -> None:
    folder.mkdir()
    sid = first_coded(codings)
    cid = reference(codings, sid).index[0]
    (folder / "x.csv").write_text(
        f"student,source_id,claim_id,stance,attribution_kind\n<img src=x>,{sid},{cid},asserts,none\n", encoding="utf-8"
    )
    view = student.read_class(codings, folder)
    page = student.class_overview_html(view, folder)
    assert "<img" not in page and "&lt;img src=x&gt;" in page
    empty = student.class_overview_html(student.read_class(codings, folder / "none"), folder / "none")
    assert "No student files yet" in empty


def test_shown_path_is_relative_inside_the_repository() -> None:
    assert student.shown_path(config.DEFAULT_STUDENT_DIR) == "student_codings"
    assert student.shown_path(config.DEFAULT_CORPUS_DIR / "evidence.csv") == "corpus/evidence.csv"


def test_worksheets_cover_every_coded_article(codings: Codings, corpus: pd.DataFrame) -> None:
    page = student.worksheets_html(codings, corpus)
    assert page.count("<details>") == len(codings.coded_sources)
