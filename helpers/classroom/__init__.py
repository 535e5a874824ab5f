"""Source criticism in class: SIFT exercises computed from the data, student coding, agreement with the reference.

The functions the notebooks use, re-exported from their modules: the exercises (exercise, chain_exercises,
claim_exercises), the lesson that orders them (exercises), lateral, students, attempts, agreement, demo, views.
The student app is :mod:`helpers.classroom.app`, served by :mod:`helpers.classroom.serve`.
"""

from helpers.classroom.agreement import hardest_items, read_class
from helpers.classroom.app import Lesson, reading_load
from helpers.classroom.attempts import first_attempts, grade_table, read_attempts, record_attempt
from helpers.classroom.chain_exercises import count_chains, independent_of, original_reporting, uncredited_rewrite
from helpers.classroom.claim_exercises import better_sourced, dropped_caveat, outside_date, whose_word
from helpers.classroom.demo import cue_level, demo_class
from helpers.classroom.exercises import answer_key, build_lesson, lesson_gaps, read_outside_reference
from helpers.classroom.lateral import build_lateral, class_findings, lateral_gaps
from helpers.classroom.views import (
    class_chart,
    class_overview_html,
    coding_widget,
    present,
    problems_html,
    summary_styler,
    worksheets_html,
)

__all__ = [
    "Lesson",
    "answer_key",
    "better_sourced",
    "build_lateral",
    "build_lesson",
    "class_chart",
    "class_findings",
    "class_overview_html",
    "coding_widget",
    "count_chains",
    "cue_level",
    "demo_class",
    "dropped_caveat",
    "first_attempts",
    "grade_table",
    "hardest_items",
    "independent_of",
    "lateral_gaps",
    "lesson_gaps",
    "original_reporting",
    "outside_date",
    "present",
    "problems_html",
    "read_attempts",
    "read_class",
    "read_outside_reference",
    "reading_load",
    "record_attempt",
    "summary_styler",
    "uncredited_rewrite",
    "whose_word",
    "worksheets_html",
]
