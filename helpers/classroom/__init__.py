"""Source criticism in class: SIFT exercises computed from the data, student coding, agreement with the reference.

The functions the notebooks use, re-exported from their modules (exercises, students, agreement, demo, views).
"""

from helpers.classroom.agreement import hardest_items, read_class
from helpers.classroom.demo import demo_class
from helpers.classroom.exercises import (
    answer_key,
    better_sourced,
    build_lesson,
    count_chains,
    dropped_caveat,
    independent_of,
    lesson_gaps,
    original_reporting,
    outside_date,
    read_outside_reference,
    uncredited_rewrite,
    whose_word,
)
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
    "answer_key",
    "better_sourced",
    "build_lesson",
    "class_chart",
    "class_overview_html",
    "coding_widget",
    "count_chains",
    "demo_class",
    "dropped_caveat",
    "hardest_items",
    "independent_of",
    "lesson_gaps",
    "original_reporting",
    "outside_date",
    "present",
    "problems_html",
    "read_class",
    "read_outside_reference",
    "summary_styler",
    "uncredited_rewrite",
    "whose_word",
    "worksheets_html",
]
