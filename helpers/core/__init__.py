"""The ground every question stands on: one-line input problems, safe file reading and writing, text structure."""

from helpers.core.errors import InputError, Problem
from helpers.core.files import read_table, suggest, write_atomic, write_csv_atomic
from helpers.core.text import find_quote, mark_spans, quote_spans, sentence_bounds, sentence_spans

__all__ = [
    "InputError",
    "Problem",
    "find_quote",
    "mark_spans",
    "quote_spans",
    "read_table",
    "sentence_bounds",
    "sentence_spans",
    "suggest",
    "write_atomic",
    "write_csv_atomic",
]
