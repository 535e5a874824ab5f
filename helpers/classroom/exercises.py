"""The lesson: every exercise the corpus supports, in teaching order, its answer key and the exercises left out.

The exercises themselves are built in :mod:`helpers.classroom.chain_exercises` and
:mod:`helpers.classroom.claim_exercises` (their shared type is :class:`helpers.classroom.exercise.Exercise`).
Rendering (static HTML with the answer collapsed, the widget with a check button) is in
:mod:`helpers.classroom.views`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers import config
from helpers.claims.coding import Codings
from helpers.classroom.chain_exercises import count_chains, independent_of, original_reporting, uncredited_rewrite
from helpers.classroom.claim_exercises import better_sourced, dropped_caveat, outside_date, whose_word
from helpers.classroom.exercise import Exercise, join_words
from helpers.corpus.load import Corpus
from helpers.reuse.chaining import chain_of


def answer_key(exercises: Iterable[Exercise | None]) -> pd.DataFrame:
    """The teacher's key: move, question and computed answer of every exercise built."""
    rows = [
        {"move": ex.move, "exercise": ex.key, "question": ex.question, "answer": join_words(ex.answer)}
        for ex in exercises
        if ex is not None
    ]
    return pd.DataFrame(rows, columns=["move", "exercise", "question", "answer"])


def read_outside_reference(corpus: Corpus) -> pd.DataFrame | None:
    """The outside reference timeline of a corpus, or None when the corpus has none."""
    from helpers.timeline.dated import outside_path, read_outside

    if not outside_path(corpus).is_file():
        return None

    return read_outside(corpus)


#: The lesson's exercises in order: those that need no search word, then those the settings' ``[classroom]`` locate.
LESSON_KEYS = (
    "count_chains",
    "original_reporting",
    "uncredited_rewrite",
    "independent_of",
    "better_sourced",
    "outside_date",
    "whose_word",
    "dropped_caveat",
)


def build_lesson(
    corpus: Corpus, codings: Codings, chain_table: pd.DataFrame, outside: pd.DataFrame | None
) -> dict[str, Exercise | None]:
    """Every exercise the corpus supports, keyed as :data:`LESSON_KEYS`; None where the data cannot carry it.

    The four claim exercises find their claims by the corpus settings' ``[classroom]`` search words, so a
    new corpus chooses its own; a missing or empty word leaves that exercise out (see :func:`lesson_gaps`).
    """
    words = corpus.settings.classroom if getattr(corpus, "settings", None) is not None else {}
    chain = chain_of(chain_table)
    built: dict[str, Exercise | None] = {
        "count_chains": count_chains(corpus, chain_table),
        "original_reporting": original_reporting(corpus),
        "uncredited_rewrite": uncredited_rewrite(corpus),
        "independent_of": independent_of(corpus, chain_table),
    }
    claim_exercises = {
        "better_sourced": lambda w: better_sourced(codings, chain, w),
        "outside_date": lambda w: outside_date(codings, outside, w),
        "whose_word": lambda w: whose_word(codings, corpus, chain, w),
        "dropped_caveat": lambda w: dropped_caveat(codings, corpus, chain, w),
    }
    for key, make in claim_exercises.items():
        built[key] = make(words[key]) if words.get(key) else None
    return built


def lesson_gaps(corpus: Corpus, lesson: dict[str, Exercise | None]) -> list[str]:
    """One line per exercise left out, saying why and how to bring it in."""
    words = corpus.settings.classroom if getattr(corpus, "settings", None) is not None else {}
    lines = []
    for key in LESSON_KEYS:
        if lesson.get(key) is not None:
            continue
        if key in ("better_sourced", "outside_date", "whose_word", "dropped_caveat") and not words.get(key):
            lines.append(
                f"{key.replace('_', ' ')}: left out; set [classroom] {key} in {config.EVENT_SETTINGS_NAME} "
                "to a word of the claim it should use"
            )
        else:
            lines.append(f"{key.replace('_', ' ')}: left out; this corpus's data cannot carry it")
    return lines
