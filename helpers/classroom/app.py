"""The student app: the lesson as widgets with no code, no answer and no key until a student submits.

``student_app()`` is the only code of ``class/student.ipynb``, which ``make class`` serves with Voilà
(one kernel per browser, code hidden, the class code as the server's token) and ``make lab`` opens on
one student's own machine. The page holds questions and options only: feedback and the computed
explanation are built in the kernel when the student presses **Submit**, after the attempt is saved
(:mod:`helpers.classroom.attempts`). Coding: the excerpt's claims, **Save** (as often as wanted), and
**Compare**, which locks the coding and only then shows the reference.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd

from helpers.claims.coding import ATTRIBUTION_KINDS, STANCES, Codings
from helpers.classroom.agreement import compare
from helpers.classroom.attempts import (
    is_locked,
    lock_article,
    record_attempt,
    save_article,
    student_attempts,
)
from helpers.classroom.exercise import Exercise
from helpers.classroom.exercises import build_lesson, read_outside_reference
from helpers.classroom.lateral import Task, build_lateral
from helpers.classroom.students import (
    STUDENT_COLUMNS,
    UNANSWERED,
    StudentError,
    answers_frame,
    coding_excerpt,
    excerpt_article,
    safe_name,
)
from helpers.classroom.views import (
    _claim_row_html,
    choice_widget,
    comparison_html,
    exercise_html,
    feedback_html,
    legend_html,
)
from helpers.core.errors import InputError
from helpers.display import style as charts

#: Environment variable naming the article the class codes (default: the shortest with enough claims).
ARTICLE_ENV = "CLASS_ARTICLE"
#: The lesson's order: (section heading, item keys); keys name exercises (build_lesson) or tasks (build_lateral).
ORDER = (
    ("Stop", ("stop",)),
    ("Investigate the source", ("who_runs", "original_reporting", "uncredited_rewrite")),
    ("Find better coverage", ("count_chains", "independent_of", "claim_elsewhere", "better_sourced", "outside_date")),
    ("Trace claims to the original context", ("whose_word", "quote_origin", "dropped_caveat")),
)


def _line(text: str, colour: str = "") -> str:
    style = f" style='color:{colour}'" if colour else ""
    return f"<p{style}>{html.escape(text)}</p>"


def _paragraphs(text: str) -> str:
    return "".join(f"<p style='text-align:left'>{html.escape(p)}</p>" for p in text.split("\n\n") if p)


def _problem(exc: Exception) -> str:
    """One clear line for a student: the error's message (an unreadable file names file and line)."""
    if isinstance(exc, InputError):
        return f"Your answers file cannot be read ({exc.problems[0]}): ask your teacher."
    if isinstance(exc, OSError):
        return f"Your answer could not be saved ({exc.strerror or exc}): press the button again or ask your teacher."
    return str(exc)


class Lesson:
    """The data of one lesson: corpus, codings, exercises, lateral tasks, the coding excerpt."""

    def __init__(self, corpus: pd.DataFrame, codings: Codings, chain_table: pd.DataFrame) -> None:
        """Build every exercise and task once, in the kernel (the page only gets questions and options)."""
        from helpers.reuse.chaining import chain_of

        self.corpus, self.codings = corpus, codings
        outside = read_outside_reference(corpus)
        self.exercises = build_lesson(corpus, codings, chain_table, outside)
        words = corpus.settings.classroom if getattr(corpus, "settings", None) is not None else {}
        self.tasks = build_lateral(corpus, codings, chain_of(chain_table), outside, words)
        self.article = excerpt_article(codings, corpus, os.environ.get(ARTICLE_ENV) or None)
        self.excerpt = coding_excerpt(codings, corpus, self.article) if self.article else pd.DataFrame()

    def item(self, key: str) -> Exercise | Task | None:
        """An exercise or a lateral task by its key."""
        return self.exercises.get(key) or self.tasks.get(key)


def exercise_box(ex: Exercise, submit: Callable[[str, str, str, str], int]) -> widgets.VBox:
    """One graded exercise: choice, a sentence when it asks why, Submit; the feedback appears only after."""
    question = widgets.HTML(exercise_html(ex, reveal=False, list_options=False))
    layout = widgets.Layout(width="95%")
    choice, chosen = choice_widget(ex)

    reason = widgets.Textarea(placeholder="Why? One sentence.", layout=layout) if ex.asks_why else None
    button = widgets.Button(description="Submit", button_style="primary")
    status, feedback = widgets.HTML(), widgets.HTML()

    def on_submit(_: object) -> None:
        picked = chosen()
        if not picked:
            status.value = _line("Pick an answer first, then submit.", charts.VERMILION)
            return
        why = reason.value.strip() if reason is not None else ""
        if reason is not None and not why:
            status.value = _line("Write one sentence saying why, then submit.", charts.VERMILION)
            return
        right = "yes" if set(picked) == set(ex.answer) else "no"
        try:
            n = submit(ex.key, " | ".join(picked), why, right)
        except (StudentError, InputError, OSError) as exc:
            status.value = _line(_problem(exc), charts.VERMILION)
            return
        status.value = _line(
            "Attempt 1 saved: this first answer is the one your teacher sees."
            if n == 1
            else f"Attempt {n} saved beside your first (the first one still counts)."
        )
        feedback.value = feedback_html(ex, picked)

    button.on_click(on_submit)
    parts = [question, choice, *([widgets.HTML("<b>Why?</b>"), reason] if reason is not None else []), button]
    return widgets.VBox([*parts, status, feedback], layout=widgets.Layout(margin="0 0 1.5em 0"))


def task_box(task: Task, submit: Callable[[str, str, str, str, str], int]) -> widgets.VBox:
    """One lateral-reading task: choice(s), a sentence, the address used; the package's findings come after."""
    esc = html.escape
    head, _, shown = task.question.partition("\n\n")
    body = f"<blockquote>{_paragraphs(shown)}</blockquote>" if shown else ""
    question = widgets.HTML(
        f"<div style='border-left:4px solid {charts.ORANGE};padding:4px 12px;text-align:left'>"
        f"<p><small>{esc(task.move)}</small><br><b>{esc(head)}</b></p>{body}</div>"
    )
    layout = widgets.Layout(width="95%")
    radio = widgets.RadioButtons(options=list(task.choices), value=None, layout=layout)
    extra = (
        widgets.RadioButtons(options=list(task.extra_choices), value=None, layout=layout)
        if task.extra_choices
        else None
    )
    reason = widgets.Textarea(placeholder=task.reason_prompt, layout=layout)
    address = widgets.Text(placeholder="https://…", layout=layout) if task.address_prompt else None
    button = widgets.Button(description="Submit", button_style="primary")
    status, feedback = widgets.HTML(), widgets.HTML()

    def on_submit(_: object) -> None:
        if radio.value is None or (extra is not None and extra.value is None):
            status.value = _line("Pick an answer first, then submit.", charts.VERMILION)
            return
        if not reason.value.strip():
            status.value = _line("Write your sentence, then submit.", charts.VERMILION)
            return
        picked = " | ".join(v for v in (radio.value, extra.value if extra is not None else None) if v)
        try:
            n = submit(task.key, picked, reason.value.strip(), "open", address.value.strip() if address else "")
        except (StudentError, InputError, OSError) as exc:
            status.value = _line(_problem(exc), charts.VERMILION)
            return
        note = (
            "" if address is None or address.value.strip() else " (no address given: add the page you used next time)"
        )
        status.value = _line(f"Attempt {n} saved{note}.")
        feedback.value = "<p><b>What the package found (one more source, not the truth):</b></p>" + _paragraphs(
            task.findings
        )

    button.on_click(on_submit)
    parts = [question, radio]
    if extra is not None:
        parts += [widgets.HTML("<b>And what do you know about the source?</b>"), extra]
    parts += [widgets.HTML(f"<b>{esc(task.reason_prompt)}</b>"), reason]
    if address is not None:
        parts += [widgets.HTML(f"<b>{esc(task.address_prompt)}</b>"), address]
    return widgets.VBox([*parts, button, status, feedback], layout=widgets.Layout(margin="0 0 1.5em 0"))


def coding_box(lesson: Lesson, name: str, folder: str | os.PathLike[str] | None) -> widgets.VBox:
    """The coding excerpt: stance and attribution kind per claim; Save; Compare locks, then shows the reference."""
    if lesson.article is None or lesson.excerpt.empty:
        return widgets.VBox([widgets.HTML(_line("This corpus has no coded article to practise on."))])
    blank = [("—", UNANSWERED)]
    pickers: dict[str, tuple[widgets.Dropdown, widgets.Dropdown]] = {}
    rows = []
    for rec in lesson.excerpt.to_dict("records"):
        stance = widgets.Dropdown(options=blank + [(s, s) for s in STANCES], description="stance")
        kind = widgets.Dropdown(options=blank + [(k, k) for k in ATTRIBUTION_KINDS], description="attribution")
        pickers[rec["claim_id"]] = (stance, kind)
        rows.append(widgets.VBox([widgets.HTML(_claim_row_html(rec)), widgets.HBox([stance, kind])]))
    save = widgets.Button(description="Save my coding", button_style="primary")
    check = widgets.Button(description="Compare with the reference (locks your coding)")
    check.layout.width = "auto"
    status, result = widgets.HTML(), widgets.HTML()
    sid = lesson.article
    outlet = lesson.corpus.at[sid, "outlet"]

    def answers() -> dict[str, tuple[str, str]]:
        return {cid: (s.value, k.value) for cid, (s, k) in pickers.items()}

    def lock_widgets() -> None:
        for s, k in pickers.values():
            s.disabled = k.disabled = True
        save.disabled = check.disabled = True

    def on_save(_: object) -> None:
        try:
            save_article(name, sid, answers(), folder)
        except (StudentError, InputError, OSError) as exc:
            status.value = _line(_problem(exc), charts.VERMILION)
            return
        done = sum(1 for s, k in answers().values() if s or k)
        status.value = _line(f"Saved {done} of {len(pickers)} answers.")

    def on_check(_: object) -> None:
        try:
            lock_article(name, sid, answers(), folder)
        except (StudentError, InputError, OSError) as exc:
            status.value = _line(_problem(exc), charts.VERMILION)
            return
        lock_widgets()
        status.value = _line("Your coding is saved and locked: these answers are the ones that count.")
        frame = answers_frame(answers()).assign(student=name, source_id=sid)
        result.value = comparison_html(compare(frame[list(STUDENT_COLUMNS)], lesson.codings))

    save.on_click(on_save)
    check.on_click(on_check)
    try:
        if is_locked(name, sid, folder):
            lock_widgets()
            status.value = _line("You already compared this coding: it is locked.")
    except (InputError, OSError) as exc:
        status.value = _line(_problem(exc), charts.VERMILION)
    intro = widgets.HTML(
        f"<p style='text-align:left'>Code {len(pickers)} claims of <b>{html.escape(sid)}</b> "
        f"({html.escape(str(outlet))}): for each, the <b>stance</b> (how the article tells it) and the "
        "<b>attribution kind</b> (on whose word).</p>" + legend_html()
    )
    return widgets.VBox([intro, *rows, widgets.HBox([save, check]), status, result])


def lesson_view(lesson: Lesson, name: str, folder: str | os.PathLike[str] | None = None) -> widgets.VBox:
    """The whole lesson for one student: the SIFT sections in order, then the coding excerpt."""

    def submit(key: str, choice: str, reason: str, correct: str, address: str = "") -> int:
        return record_attempt(name, key, choice, correct, reason, address, folder)

    children: list[widgets.Widget] = []
    for heading, keys in ORDER:
        boxes = []
        for key in keys:
            item = lesson.item(key)
            if isinstance(item, Exercise):
                boxes.append(exercise_box(item, submit))
            elif isinstance(item, Task):
                boxes.append(task_box(item, submit))
        if boxes:
            children += [widgets.HTML(f"<h2>{html.escape(heading)}</h2>"), *boxes]
    children += [widgets.HTML("<h2>Code an excerpt yourself</h2>"), coding_box(lesson, name, folder)]
    return widgets.VBox(children)


def student_app(folder: str | os.PathLike[str] | None = None) -> widgets.VBox:
    """Name first, then the lesson; what the page holds before any submission: questions and options only."""
    import helpers.reuse as reuse
    from helpers.claims.coding import read_codings
    from helpers.corpus.load import load_corpus
    from helpers.display import setup

    setup()
    corpus = load_corpus()
    codings = read_codings(corpus)
    lesson = Lesson(corpus, codings, reuse.chains(corpus, reuse.pairs(corpus)))
    title = widgets.HTML(f"<h1>{html.escape(corpus.settings.title)}</h1><p>{html.escape(corpus.settings.question)}</p>")
    name = widgets.Text(description="Your name", placeholder="e.g. Ana Lee")
    start = widgets.Button(description="Start", button_style="primary")
    status = widgets.HTML(_line("Type your name and press Start: it names the file your answers go to."))
    body = widgets.VBox()

    def on_start(_: object) -> None:
        try:
            safe_name(name.value)
            mine = student_attempts(name.value, folder)
        except (StudentError, InputError, OSError) as exc:
            status.value = _line(_problem(exc), charts.VERMILION)
            return
        shown = name.value.strip()
        others = sorted(set(mine["student"]) - {shown})
        if others:
            status.value = _line(
                f"'{shown}' looks like '{others[0]}', who has already started: add an initial or a number "
                f"(e.g. '{shown} 2'), or type the name exactly as before to go on.",
                charts.VERMILION,
            )
            return
        name.disabled = start.disabled = True
        status.value = _line(f"Welcome, {shown}. Answer each question, then press Submit: only then is it explained.")
        body.children = (lesson_view(lesson, shown, folder),)

    start.on_click(on_start)
    return widgets.VBox([title, widgets.HBox([name, start]), status, body])


#: Reading speed assumed for the lesson's timings (words a minute, a 17-year-old reading carefully).
READING_WPM = 150


def _words(text: str) -> int:
    """Words a reader sees in a text or HTML fragment."""
    return len(re.findall(r"\w+", html.unescape(re.sub(r"<[^>]+>", " ", text))))


def reading_load(lesson: Lesson) -> pd.DataFrame:
    """Per section of the app: items, words to read before answering and after submitting, minutes of reading.

    What a student reads, counted from the lesson itself (question, options, feedback or findings), at
    :data:`READING_WPM`, so the plan in ``docs/teaching.md`` can be checked against the corpus in use;
    searching and discussing come on top.
    """
    rows = []
    for heading, keys in (*ORDER, ("Code an excerpt yourself", ())):
        before = after = items = 0
        for key in keys:
            item = lesson.item(key)
            if isinstance(item, Exercise):
                items += 1
                before += _words(item.question) + sum(_words(o) for o in item.options)
                after += _words(item.explanation)
            elif isinstance(item, Task):
                items += 1
                before += _words(item.question) + sum(_words(o) for o in (*item.choices, *item.extra_choices))
                before += _words(item.reason_prompt + " " + item.address_prompt)
                after += _words(item.findings)
        if not keys and not lesson.excerpt.empty:
            items = len(lesson.excerpt)
            before = sum(
                _words(q) + _words(s) for q, s in zip(lesson.excerpt["quote"], lesson.excerpt["statement"], strict=True)
            )
        rows.append(
            {
                "section": heading,
                "items": items,
                "words before answering": before,
                "words of feedback": after,
                "reading minutes": round((before + after) / READING_WPM, 1),
            }
        )
    return pd.DataFrame(rows)
