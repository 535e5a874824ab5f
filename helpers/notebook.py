"""Notebook plumbing: deterministic output settings, HTML display, and the notebook index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import matplotlib
import pandas as pd
from pandas.io.formats.style import Styler

from helpers import config

NOTEBOOKS_DIR = config.REPO_ROOT / "notebooks"
_NOTEBOOK_NAME = re.compile(r"^\d\d-[a-z0-9-]+\.ipynb$")


def setup() -> None:
    """Make every output reproducible: fixed SVG salt, no dates in figures, stable pandas display."""
    matplotlib.rcParams["svg.hashsalt"] = "fixed"
    matplotlib.rcParams["figure.dpi"] = 100
    pd.set_option("display.max_colwidth", 200)
    pd.set_option("display.width", 120)
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to configure
        return
    shell = get_ipython()
    if shell is None:
        return
    shell.run_line_magic("matplotlib", "inline")
    shell.run_line_magic(
        "config", 'InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Software": None}}'
    )
    shell.run_line_magic("config", "InlineBackend.figure_formats = ['png']")


def to_html(obj: pd.DataFrame | pd.Series | Styler, *, index: bool = True) -> str:
    """Deterministic HTML for a table: a Styler with a fixed uuid (no ids that change per run)."""
    if isinstance(obj, pd.Series):
        obj = obj.to_frame()
    styler = obj if isinstance(obj, Styler) else obj.style
    styler = styler.set_uuid("fixed")
    if not index:
        styler = styler.hide(axis="index")
    return styler.to_html()


def show(obj: pd.DataFrame | pd.Series | Styler | str, *, index: bool = True) -> None:
    """Display a table (or ready HTML) as HTML only, so the stored output has no memory address."""
    from IPython.display import HTML, display

    display(HTML(obj if isinstance(obj, str) else to_html(obj, index=index)))


def table_style(frame: pd.DataFrame, precision: int = 3, na_rep: str | None = None) -> Styler:
    """A table for display: floats to ``precision`` places, text left-aligned (long passages read better)."""
    text_cols = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    styler = frame.style.format(precision=precision, na_rep=na_rep)
    if text_cols:
        styler = styler.set_properties(subset=text_cols, **{"text-align": "left"})
    return styler


def notebook_index(notebooks_dir: Path = NOTEBOOKS_DIR) -> pd.DataFrame:
    """One row per numbered notebook: file, title and the question from its first markdown cell."""
    rows = []
    for path in sorted(notebooks_dir.glob("*.ipynb")):
        if not _NOTEBOOK_NAME.match(path.name):
            continue
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        first = next(("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"), "")
        title = next((ln.lstrip("# ").strip() for ln in first.splitlines() if ln.startswith("# ")), path.stem)
        question = next(
            (
                ln.split(":", 1)[1].strip().strip("*").strip()
                for ln in first.splitlines()
                if ln.startswith("**Question")
            ),
            "",
        )
        rows.append({"notebook": path.name, "title": title, "question": question})
    return pd.DataFrame(rows, columns=["notebook", "title", "question"])
