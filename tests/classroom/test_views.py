"""What students and teachers look at: sheets, the coding widget, the teacher's view, exercises; all escaped."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from helpers.claims.coding import ATTRIBUTION_KINDS, STANCES, Codings
from helpers.classroom import agreement, exercise, students, views
from helpers.corpus.load import UnknownSourceError
from tests.classroom.samples import first_coded, one_wrong_stance, perfect_answers, reference


def test_task_and_worksheet_show_quotes_not_answers(codings: Codings, corpus: pd.DataFrame) -> None:
    sid = first_coded(codings)
    task = students.coding_task(codings, corpus, sid)
    assert list(task.columns) == ["claim_id", "statement", "quote"]
    assert len(task) == len(reference(codings, sid))
    sheet = views.worksheet_html(codings, corpus, sid)
    assert sheet.count("<tr>") == len(task) + 1
    assert "<script" not in views.worksheet_html(
        Codings(
            codings.claims,
            codings.evidence.assign(quote="<script>alert(1)</script>"),
            codings.slots,
            codings.coded_sources,
        ),
        corpus,
        sid,
    )
    legend = views.legend_html()
    assert all(k in legend for k in (*STANCES, *ATTRIBUTION_KINDS))
    with pytest.raises(UnknownSourceError, match=rf"unknown source id '{sid}x' \(did you mean '{sid}'\?\)"):
        students.coding_task(codings, corpus, f"{sid}x")
    with pytest.raises(UnknownSourceError, match="did you mean"):
        views.worksheet_html(codings, corpus, f"{sid}x")


def test_widget_saves_and_compares(codings: Codings, corpus: pd.DataFrame, folder: Path) -> None:
    box = views.coding_widget(codings, corpus, folder)
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
    assert len(rows.children) == len(students.coding_task(codings, corpus, article.value))
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


def test_displays_escape_what_students_typed(codings: Codings, folder: Path) -> None:
    folder.mkdir()
    sid = first_coded(codings)
    cid = reference(codings, sid).index[0]
    (folder / "x.csv").write_text(
        f"student,source_id,claim_id,stance,attribution_kind\n<img src=x>,{sid},{cid},asserts,none\n", encoding="utf-8"
    )
    view = agreement.read_class(codings, folder)
    page = views.class_overview_html(view, folder)
    assert "<img" not in page and "&lt;img src=x&gt;" in page
    empty = views.class_overview_html(agreement.read_class(codings, folder / "none"), folder / "none")
    assert "No student files yet" in empty


def test_worksheets_cover_every_coded_article(codings: Codings, corpus: pd.DataFrame) -> None:
    page = views.worksheets_html(codings, corpus)
    assert page.count("<details>") == len(codings.coded_sources)


def test_comparison_html_names_the_disagreement(codings: Codings, folder: Path) -> None:
    ref, _, _, wrong_stance, path = one_wrong_stance(codings, folder)
    html = views.comparison_html(agreement.compare(students.read_student_file(path), codings))
    n = len(ref)
    assert f"you coded <b>{wrong_stance}</b>" in html and f"{n - 1} of {n}" in html


def test_class_displays_problems_and_chart(codings: Codings, folder: Path) -> None:
    sid = first_coded(codings)
    students.save_coding("Ana", sid, perfect_answers(codings, sid), folder)
    (folder / "broken.csv").write_text("student,source_id,claim_id,stance\nX,a,C001,asserts\n", encoding="utf-8")
    view = agreement.read_class(codings, folder)
    page = views.problems_html(view.problems)
    assert "broken.csv:1" in page and "Traceback" not in page
    assert views.problems_html([]) == "<p>Every student file was read.</p>"
    assert isinstance(views.class_chart(view.summary), matplotlib.figure.Figure)


def sample(multiple: bool = False) -> exercise.Exercise:
    return exercise.Exercise(
        key="k",
        move=exercise.MOVES[0],
        question="Which <b>one</b>?",
        options=("A <u>", "B", "C"),
        answer=("A <u>", "C") if multiple else ("B",),
        explanation="First <script>.\n\nSecond.",
        evidence=pd.DataFrame({"quote": ["<img src=x>"]}),
        multiple=multiple,
    )


def test_exercise_html_static_and_escaped() -> None:
    ex = sample()
    hidden = views.exercise_html(ex, reveal=False)
    shown = views.exercise_html(ex, reveal=True)
    assert "<details>" not in hidden and "Answer" not in hidden
    assert "<details><summary>Answer</summary>" in shown and "<b>Answer:</b> B" in shown
    for raw in ("<b>one</b>", "<u>", "<script>", "<img"):
        assert raw not in hidden and raw not in shown
    assert "&lt;script&gt;" in shown and "&lt;img src=x&gt;" in shown
    assert shown.count("<p style='text-align:left'>") == 2


def test_feedback_is_deterministic_and_specific() -> None:
    one, many = sample(), sample(multiple=True)
    assert "Pick an answer first" in views.feedback_html(one, [])
    assert views.feedback_html(one, ["B"]).startswith("<p style='color:#009E73'><b>Right:</b> B.")
    wrong = views.feedback_html(one, ["C"])
    assert "Not quite:</b> you chose C." in wrong and "The answer: <b>B</b>" in wrong
    assert wrong == views.feedback_html(one, ["C"])
    partial = views.feedback_html(many, ["C", "B"])
    assert "not right: B" in partial and "missing: A &lt;u&gt;" in partial
    assert "Right" in views.feedback_html(many, ["C", "A <u>"])  # order of picking does not matter


def test_widget_check_button_updates_feedback() -> None:
    ex = sample()
    box = views.exercise_widget(ex)
    _question, choice, button, feedback = box.children
    button.click()
    assert "Pick an answer first" in feedback.value
    choice.value = "B"
    button.click()
    assert feedback.value == views.feedback_html(ex, ["B"])
    many = sample(multiple=True)
    box = views.exercise_widget(many)
    _question, boxes, button, feedback = box.children
    boxes.children[0].value = True
    boxes.children[2].value = True
    button.click()
    assert feedback.value == views.feedback_html(many, ["A <u>", "C"]) and "Right" in feedback.value
