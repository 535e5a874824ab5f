"""How results are shown in a notebook: deterministic output, escaped HTML tables, the house chart style."""

from helpers.display.notebook import (
    MAX_ROWS,
    missing_html,
    notebook_index,
    read_note,
    setup,
    show,
    show_figure,
    show_missing,
    show_note,
    table_style,
    to_html,
)
from helpers.display.style import new_figure, source_colors, style_axes

__all__ = [
    "MAX_ROWS",
    "missing_html",
    "new_figure",
    "notebook_index",
    "read_note",
    "setup",
    "show",
    "show_figure",
    "show_missing",
    "show_note",
    "source_colors",
    "style_axes",
    "table_style",
    "to_html",
]
