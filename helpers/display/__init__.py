"""How results are shown in a notebook: deterministic output, escaped HTML tables, the house chart style."""

from helpers.display.notebook import notebook_index, setup, show, table_style, to_html
from helpers.display.style import new_figure, source_colors, style_axes

__all__ = ["new_figure", "notebook_index", "setup", "show", "source_colors", "style_axes", "table_style", "to_html"]
