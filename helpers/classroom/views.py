"""Everything a person looks at in class: exercises, coding sheets, the coding widget, the teacher's view.

Each view is built on a function returning escaped HTML (the static report and the tests use
those); the widgets only wire them to buttons. Logic lives in :mod:`helpers.classroom.exercises`,
:mod:`helpers.classroom.students` and :mod:`helpers.classroom.agreement`.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Iterable, Mapping

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from pandas.io.formats.style import Styler

from helpers import config
from helpers.claims.coding import ATTRIBUTION_KINDS, STANCES, Codings
from helpers.claims.matrix import LEGEND
from helpers.classroom.agreement import ClassView, Comparison, class_chart_table, compare
from helpers.classroom.exercise import Exercise, join_words
from helpers.classroom.students import (
    FIELDS,
    KIND_EXAMPLES,
    KIND_LEGEND,
    STUDENT_COLUMNS,
    UNANSWERED,
    StudentError,
    answers_frame,
    coding_task,
    read_student_file,
    safe_name,
    save_coding,
    shown_path,
    student_dir,
    student_path,
)
from helpers.core.errors import InputError, Problem
from helpers.display import style as charts
from helpers.display.html import legend, legend_entry
from helpers.display.notebook import table_style, to_html, trimmed
from helpers.display.style import PALETTE, VERMILION, new_figure, style_axes


# ---------------------------------------------------------------------------------------------
# One student's comparison
# ---------------------------------------------------------------------------------------------
def comparison_html(comp: Comparison) -> str:
    """The comparison for a student: agreement per field, then every disagreement with the reference's quote and why."""
    esc = html.escape
    head = "".join(
        f"<tr><td>{esc(field)}</td><td>{int(r['agreed'])} of {int(r['items'])}</td>"
        f"<td>{_pct(r['agreement'])}</td><td>{_num(r['kappa'])}</td></tr>"
        for field, r in comp.agreement.iterrows()
    )
    parts = [
        "<table><tr><th>field</th><th>agreed</th><th>agreement</th><th>Cohen's kappa</th></tr>",
        head,
        "</table>",
    ]
    if comp.disagreements.empty:
        parts.append("<p>No disagreement with the reference coding.</p>")
    for rec in comp.disagreements.to_dict("records"):
        who = f" (attributed to: {esc(rec['attributed_to'])})" if rec["attributed_to"] else ""
        reasoning = (
            f"<details><summary>the reasoning on this question</summary>{esc(rec['slot reasoning'])}</details>"
            if rec["slot reasoning"]
            else ""
        )
        parts.append(
            f"<div style='border-top:1px solid #ddd;padding:4px 0;text-align:left'>"
            f"<b>{esc(rec['source_id'])} · {esc(rec['claim_id'])}</b> {esc(rec['statement'])}<br>"
            f"{esc(rec['field'])}: you coded <b>{esc(rec['student'])}</b>, the reference "
            f"<b>{esc(rec['reference'])}</b>{who}<br>“{esc(rec['quote'])}”"
            f"{'<br><i>' + esc(rec['why']) + '</i>' if rec['why'] else ''}{reasoning}</div>"
        )
    if not comp.not_in_reference.empty:
        ids = ", ".join(f"{r.source_id}/{r.claim_id}" for r in comp.not_in_reference.itertuples())
        parts.append(f"<p>Answers for claims the reference does not code in that article: {esc(ids)}.</p>")
    return "<div>" + "".join(parts) + "</div>"


def _pct(value: float) -> str:
    """A share as a whole percentage; a dash when there is none."""
    return "–" if pd.isna(value) else f"{value:.0%}"


def _num(value: float) -> str:
    """A kappa to two decimals; a dash when there is none."""
    return "–" if pd.isna(value) else f"{value:.2f}"


# ---------------------------------------------------------------------------------------------
# The teacher's view
# ---------------------------------------------------------------------------------------------
def class_chart(summary: pd.DataFrame, baseline: Mapping[str, float] | None = None) -> Figure:
    """Cohen's kappa per student and field, as grouped horizontal bars; ``baseline`` marks the cue-word script's level.

    The dashed line per field is the kappa a script reaches by spotting cue words
    (:func:`helpers.classroom.demo.cue_level`): a bar short of it is no better than the script.
    """
    table = class_chart_table(summary)
    students = list(dict.fromkeys(table["student"]))
    fig, ax = new_figure(8, 0.5 * max(len(students), 1) + 1.6)
    height = 0.38
    for i, field in enumerate(FIELDS):
        sub = table[table["field"] == field].set_index("student").reindex(students)
        ys = np.arange(len(students)) + (i - 0.5) * height
        ax.barh(ys, sub["kappa"].fillna(0).to_numpy(), height=height, color=PALETTE[i], label=field)
        level = (baseline or {}).get(field)
        if level is not None and not pd.isna(level):
            label = f"{field}: cue-word script {level:.2f}"
            ax.axvline(level, color=PALETTE[i], linestyle="--", linewidth=1.2, label=label)
    ax.set_yticks(range(len(students)), [s.replace("$", r"\$") for s in students])  # no mathtext from a name
    ax.invert_yaxis()
    lows = [float(table["kappa"].min()) if len(table) else 0.0]
    lows += [v for v in (baseline or {}).values() if not pd.isna(v)]
    ax.set_xlim(min(-0.2, *lows), 1.0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    style_axes(ax, title="Agreement with the reference coding (Cohen's kappa)", xlabel="kappa (1 = full agreement)")
    return fig


def summary_styler(summary: pd.DataFrame) -> Styler:
    """The class summary for display: shares as percentages, kappas to two decimals (escaped by ``to_html``)."""
    fmt = {c: _pct for c in summary.columns if c.endswith("agreement")}
    fmt |= {c: _num for c in summary.columns if c.endswith("kappa")}
    return summary.style.format(fmt).hide(axis="index")


def class_overview_html(view: ClassView, folder: str | os.PathLike[str] | None = None) -> str:
    """The teacher's view of a real class folder: summary table and problems, or how to start."""
    where = html.escape(shown_path(student_dir(folder)))
    if view.summary.empty and not view.problems:
        return (
            f"<p>No student files yet in <code>{where}</code>. Students save them with the coding widget above "
            f"(or set <code>{config.STUDENT_ENV}</code> to the folder where you collected their files).</p>"
        )
    table = to_html(summary_styler(view.summary)) if not view.summary.empty else ""
    return f"<p>Student files in <code>{where}</code>:</p>{table}{problems_html(view.problems)}"


def problems_html(problems: Iterable[Problem]) -> str:
    """Bad student files, one line each (file:line: message), escaped."""
    lines = [html.escape(str(p)) for p in problems]
    if not lines:
        return "<p>Every student file was read.</p>"
    return "<p>Files that could not be read (fix or remove them):</p><pre>" + "\n".join(lines) + "</pre>"


# ---------------------------------------------------------------------------------------------
# The coding sheet and the coding widget
# ---------------------------------------------------------------------------------------------
def legend_html() -> str:
    """What each stance and attribution kind means, as two short lists side by side."""
    stances = legend([legend_entry(k, LEGEND[k]) for k in STANCES], title="stance")
    kinds = [legend_entry(k, v, note=KIND_EXAMPLES.get(k)) for k, v in KIND_LEGEND.items()]
    kinds = legend(kinds, title="attribution kind")
    return legend([stances, kinds], box_style="display:flex;gap:2em;text-align:left")


def worksheet_html(codings: Codings, corpus: pd.DataFrame, source_id: str) -> str:
    """A printable coding sheet for one article (kernel-less classes): claim, quote, blanks to fill."""
    esc = html.escape
    task = coding_task(codings, corpus, source_id)  # checks the source id
    outlet = corpus.at[source_id, "outlet"]
    rows = "".join(
        f"<tr><td>{esc(r.claim_id)}</td><td style='text-align:left'>{esc(r.statement)}</td>"
        f"<td style='text-align:left'>“{esc(r.quote)}”</td><td></td><td></td></tr>"
        for r in task.itertuples()
    )
    return (
        f"<div><h4>Coding sheet: {esc(source_id)} ({esc(outlet)}), {len(task)} claims</h4>"
        "<table><tr><th>claim</th><th>statement</th><th>quote</th><th>stance</th><th>attribution kind</th></tr>"
        f"{rows}</table></div>"
    )


def worksheets_html(codings: Codings, corpus: pd.DataFrame) -> str:
    """Every coded article's coding sheet, each in a collapsed section (the static report's coding widget)."""
    sheets = [
        f"<details><summary>{html.escape(sid)}: {len(coding_task(codings, corpus, sid))} claims</summary>"
        f"{worksheet_html(codings, corpus, sid)}</details>"
        for sid in corpus.index
        if sid in codings.coded_sources
    ]
    return f"<div style='text-align:left'>{legend_html()}{''.join(sheets)}</div>"


def _claim_row_html(rec: Mapping[str, str]) -> str:
    """One claim in the coding widget: id, statement and the quote it rests on, escaped."""
    esc = html.escape
    return (
        f"<div style='text-align:left'><b>{esc(rec['claim_id'])}</b> {esc(rec['statement'])}<br>"
        f"<span style='color:#444'>“{esc(rec['quote'])}”</span></div>"
    )


def coding_widget(codings: Codings, corpus: pd.DataFrame, folder: str | os.PathLike[str] | None = None) -> widgets.VBox:
    """Name, article, then stance and attribution kind per claim; Save writes the file, Compare shows agreement."""
    coded = [sid for sid in corpus.index if sid in codings.coded_sources]
    name = widgets.Text(description="Your name", placeholder="e.g. Ana Lee", continuous_update=False)
    article = widgets.Dropdown(
        options=[(f"{sid} ({corpus.at[sid, 'outlet']})", sid) for sid in coded], description="Article"
    )
    rows_box = widgets.VBox()
    status = widgets.HTML()
    result = widgets.HTML()
    wide = widgets.Layout(width="auto")
    save = widgets.Button(description="Save my answers", button_style="primary", layout=wide)
    check = widgets.Button(description="Compare with the reference", layout=wide)
    pickers: dict[str, tuple[widgets.Dropdown, widgets.Dropdown]] = {}
    blank = [("—", UNANSWERED)]

    def saved_answers() -> pd.DataFrame:
        try:
            path = student_path(name.value, folder)
        except StudentError:
            return pd.DataFrame(columns=list(STUDENT_COLUMNS))
        if not path.exists():
            return pd.DataFrame(columns=list(STUDENT_COLUMNS))
        try:
            return read_student_file(path)
        except InputError as exc:
            status.value = f"<pre>{html.escape(str(exc))}</pre>"
            return pd.DataFrame(columns=list(STUDENT_COLUMNS))

    def build(_: object = None) -> None:
        pickers.clear()
        result.value = ""
        try:
            safe_name(name.value)
        except StudentError as exc:  # rows appear once the student is named (their saved answers load)
            rows_box.children = ()
            hint = "Enter your name to start: the article's claims appear here." if not name.value.strip() else str(exc)
            status.value = f"<p>{html.escape(hint)}</p>"
            return
        status.value = ""
        previous = saved_answers()
        previous = previous[previous["source_id"] == article.value].set_index("claim_id")
        children = []
        for rec in coding_task(codings, corpus, article.value).to_dict("records"):
            cid = rec["claim_id"]
            stance = widgets.Dropdown(options=blank + [(s, s) for s in STANCES], description="stance")
            kind = widgets.Dropdown(options=blank + [(k, k) for k in ATTRIBUTION_KINDS], description="attribution")
            if cid in previous.index:
                stance.value = previous.at[cid, "stance"]
                kind.value = previous.at[cid, "attribution_kind"]
            pickers[cid] = (stance, kind)
            children.append(widgets.VBox([widgets.HTML(_claim_row_html(rec)), widgets.HBox([stance, kind])]))
        rows_box.children = children

    def answers() -> dict[str, tuple[str, str]]:
        return {cid: (s.value, k.value) for cid, (s, k) in pickers.items()}

    def on_save(_: object) -> None:
        try:
            path = save_coding(name.value, article.value, answers(), folder)
        except (StudentError, InputError) as exc:
            status.value = f"<p style='color:{VERMILION}'>{html.escape(str(exc))}</p>"
            return
        done = sum(1 for s, k in answers().values() if s or k)
        status.value = (
            f"<p>Saved {done} of {len(pickers)} answers for {html.escape(article.value)} "
            f"to {html.escape(shown_path(path))}.</p>"
        )

    def on_check(_: object) -> None:
        frame = answers_frame(answers()).assign(student=name.value, source_id=article.value)
        result.value = comparison_html(compare(frame[list(STUDENT_COLUMNS)], codings))

    article.observe(build, names="value")
    name.observe(build, names="value")
    save.on_click(on_save)
    check.on_click(on_check)
    build()
    top, controls = widgets.HBox([name, article]), widgets.HBox([save, check])
    return widgets.VBox([top, widgets.HTML(legend_html()), rows_box, controls, status, result])


# ---------------------------------------------------------------------------------------------
# Exercises: static HTML, feedback, widget
# ---------------------------------------------------------------------------------------------
def explanation_html(ex: Exercise) -> str:
    """The explanation as escaped paragraphs, then the evidence rows in a collapsed table."""
    paras = "".join(f"<p style='text-align:left'>{html.escape(p)}</p>" for p in ex.explanation.split("\n\n") if p)
    shown, more = trimmed(ex.evidence)
    rows = (
        ""
        if ex.evidence.empty
        else to_html(table_style(shown), index=False) + (f"<p>{html.escape(more)}</p>" if more else "")
    )
    return paras + (f"<details><summary>the rows behind this answer</summary>{rows}</details>" if rows else "")


def _letter(i: int) -> str:
    """A, B, ..., Z, AA, AB, ...: the option's label in the static rendering."""
    return (_letter(i // 26 - 1) if i >= 26 else "") + chr(ord("A") + i % 26)


def exercise_html(ex: Exercise, reveal: bool = True, list_options: bool = True) -> str:
    """Static rendering: the question and options; with ``reveal``, the answer in a collapsed section.

    ``list_options=False`` leaves the lettered options out (the student app shows them as buttons).
    """
    esc = html.escape
    options = "".join(f"<li><b>{_letter(i)}.</b> {esc(o)}</li>" for i, o in enumerate(ex.options))
    kind = "Pick every option that applies." if ex.multiple else "Pick one."
    parts = [
        f"<div style='border-left:4px solid {charts.BLUE};padding:4px 12px;margin:1em 0;text-align:left'>",
        f"<p><small>{esc(ex.move)}</small><br><b>{esc(ex.question)}</b> <i>{kind}</i></p>",
        f"<ul style='list-style:none;padding-left:1em'>{options}</ul>" if list_options else "",
    ]
    if reveal:
        parts.append(
            f"<details><summary>Answer</summary><p><b>Answer:</b> {esc(join_words(ex.answer))}</p>"
            f"{explanation_html(ex)}</details>"
        )
    parts.append("</div>")
    return "".join(parts)


def feedback_html(ex: Exercise, chosen: Iterable[str]) -> str:
    """The feedback for a student's choice: right or not, what was missed, then the explanation (deterministic)."""
    esc = html.escape
    picked = [o for o in ex.options if o in set(chosen)]
    if not picked:
        return "<p>Pick an answer first, then check.</p>"
    right = set(ex.answer)
    if set(picked) == right:
        head = f"<p style='color:{charts.GREEN}'><b>Right:</b> {esc(join_words(ex.answer))}.</p>"
    elif not ex.multiple:
        head = (
            f"<p style='color:{charts.VERMILION}'><b>Not quite:</b> you chose {esc(picked[0])}. "
            f"The answer: <b>{esc(join_words(ex.answer))}</b>.</p>"
        )
    else:
        missed = [o for o in ex.answer if o not in picked]
        wrong = [o for o in picked if o not in right]
        notes = []
        if wrong:
            notes.append(f"not right: {esc(join_words(wrong))}")
        if missed:
            notes.append(f"missing: {esc(join_words(missed))}")
        head = (
            f"<p style='color:{charts.VERMILION}'><b>Not quite</b> ({'; '.join(notes)}). "
            f"The answer: <b>{esc(join_words(ex.answer))}</b>.</p>"
        )
    return head + explanation_html(ex)


def choice_widget(ex: Exercise) -> tuple[widgets.Widget, Callable[[], list[str]]]:
    """The exercise's options as radio buttons (or check boxes, for several answers), and what is chosen now."""
    layout = widgets.Layout(width="95%")
    if ex.multiple:
        boxes = [widgets.Checkbox(description=o, value=False, indent=False, layout=layout) for o in ex.options]
        return widgets.VBox(boxes), lambda: [b.description for b in boxes if b.value]
    radio = widgets.RadioButtons(options=list(ex.options), value=None, layout=layout)
    return radio, lambda: [radio.value] if radio.value is not None else []


def exercise_widget(ex: Exercise) -> widgets.VBox:
    """The exercise live: radio buttons (or check boxes), a Check button, feedback in an HTML widget."""
    question = widgets.HTML(exercise_html(ex, reveal=False))
    feedback = widgets.HTML()
    choice, chosen = choice_widget(ex)

    button = widgets.Button(description="Check", button_style="info")
    button.on_click(lambda _: setattr(feedback, "value", feedback_html(ex, chosen())))
    return widgets.VBox([question, choice, button, feedback])


def present(ex: Exercise | None, missing: str = "This corpus holds nothing this exercise can be built on.") -> None:
    """Display an exercise twice: live (widget with a Check button) and static (answer collapsed), or a note."""
    from IPython.display import HTML, display

    if ex is None:
        display(HTML(f"<p><i>{html.escape(missing)}</i></p>"))
        return
    display(exercise_widget(ex))
    display(HTML(exercise_html(ex, reveal=True)))
