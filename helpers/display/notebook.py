"""Notebook plumbing: deterministic output settings, HTML display, and the notebook index."""

from __future__ import annotations

import copy
import html
import json
import numbers
import re
from collections import defaultdict
from collections.abc import Callable
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


def _escaping(func: Callable[[object], str]) -> Callable[[object], str]:
    """A Styler display function that HTML-escapes a text value before formatting it (as ``escape="html"``)."""
    return lambda value: func(html.escape(value) if isinstance(value, str) else value)


def _escaped(styler: Styler) -> Styler:
    """A copy of ``styler`` whose cell text and labels are HTML-escaped, keeping the caller's formatters.

    ``Styler.format(escape="html")`` would replace formatters a caller already set, so every
    display function (cells, index, columns, their names) is wrapped instead.
    """
    out = copy.copy(styler)
    for attr in (
        "_display_funcs",
        "_display_funcs_index",
        "_display_funcs_columns",
        "_display_funcs_index_names",
        "_display_funcs_column_names",
    ):
        funcs = getattr(styler, attr)
        make = funcs.default_factory
        wrapped: defaultdict = defaultdict(lambda make=make: _escaping(make()))
        wrapped.update({key: _escaping(func) for key, func in funcs.items()})
        setattr(out, attr, wrapped)
    return out


def to_html(
    obj: pd.DataFrame | pd.Series | Styler,
    *,
    index: bool = True,
    escape: bool = True,
    max_rows: int | None = None,
    max_columns: int | None = None,
) -> str:
    """Deterministic HTML for a table: a Styler with a fixed uuid (no ids that change per run).

    Cell text, index and column labels are HTML-escaped (article text may hold ``<`` or ``&``),
    also when a Styler with its own formatting is passed; ``escape=False`` is for a caller whose
    cells are ready HTML it built and escaped itself.
    """
    if isinstance(obj, pd.Series):
        obj = obj.to_frame()
    styler = obj if isinstance(obj, Styler) else obj.style
    if escape:
        styler = _escaped(styler)
    styler = styler.set_uuid("fixed")
    if not index:
        styler = styler.hide(axis="index")
    return styler.to_html(max_rows=max_rows, max_columns=max_columns)


#: No table output shows more than this many rows or columns: the rest is counted under it.
MAX_ROWS = 50
MAX_COLUMNS = 30


def number(value: object, precision: int = 3) -> str:
    """A number as a reader wants it: whole numbers without decimals, others to ``precision`` places, blank for NaN."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Real):
        as_float = float(value)
        if as_float.is_integer():
            return f"{int(as_float)}"
        return f"{as_float:.{precision}f}".rstrip("0").rstrip(".")
    return str(value)


def trimmed(frame: pd.DataFrame, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS) -> tuple[pd.DataFrame, str]:
    """The first ``max_rows`` rows and ``max_columns`` columns of ``frame``, and a line counting what was left out."""
    rows, cols = frame.shape
    left = []
    if rows > max_rows:
        left.append(f"{rows - max_rows:,} more rows")
    if cols > max_columns:
        left.append(f"{cols - max_columns:,} more columns")
    note = f"Showing {min(rows, max_rows):,} of {rows:,} rows; {' and '.join(left)} not shown." if left else ""
    return frame.iloc[:max_rows, :max_columns], note


def show(
    obj: pd.DataFrame | pd.Series | Styler | str, *, index: bool = True, escape: bool = True, max_rows: int = MAX_ROWS
) -> None:
    """Display a table (or ready HTML) as HTML only, so the stored output has no memory address.

    A DataFrame gets the house style (:func:`table_style`: numbers formatted, blanks for missing
    values); at most ``max_rows`` rows and :data:`MAX_COLUMNS` columns are shown, with a line
    counting the rest. Tables are escaped by :func:`to_html`; a string is ready, escaped HTML.
    """
    from IPython.display import HTML, display

    if isinstance(obj, str):
        display(HTML(obj))
        return
    if isinstance(obj, pd.Series):
        obj = obj.to_frame()
    frame = obj.data if isinstance(obj, Styler) else obj
    shown, note = trimmed(frame, max_rows)
    if isinstance(obj, Styler):
        out = to_html(obj, index=index, escape=escape, max_rows=max_rows, max_columns=MAX_COLUMNS)
    else:
        out = to_html(table_style(shown), index=index, escape=escape)
    display(HTML(out + (f'<p class="more">{html.escape(note)}</p>' if note else "")))


def show_figure(fig: object) -> None:
    """Display a chart (or widget) from inside an ``if`` branch, where a cell's last value would not show."""
    from IPython.display import display

    display(fig)


def missing_html(what: str, how: str) -> str:
    """One escaped line saying what this corpus lacks for a section and how to add it."""
    return (
        f'<p class="missing"><strong>Not in this corpus:</strong> {html.escape(what)}. '
        f"<strong>To add it:</strong> {html.escape(how)}.</p>"
    )


def show_missing(what: str, how: str) -> None:
    """Show :func:`missing_html` in place of a section the corpus cannot carry (never a traceback)."""
    show(missing_html(what, how))


def note_path(corpus_dir: Path, name: str) -> Path:
    """Where a corpus keeps its own narrative for one notebook (``notes/02.md``)."""
    return Path(corpus_dir) / config.NOTES_DIRNAME / f"{name}.md"


def read_note(corpus_dir: Path, name: str) -> str:
    """The corpus's note ``name`` (Markdown), or "" when it has none; refused when not a small regular file."""
    from helpers.core.files import read_text_limited

    path = note_path(corpus_dir, name)
    if not path.exists() and not path.is_symlink():
        return ""
    return read_text_limited(path, config.MAX_NOTE_BYTES)


def show_note(corpus_dir: Path, name: str) -> None:
    """Show the corpus's note ``name`` where the notebook calls for it; nothing when the corpus has none.

    The note is Markdown written by whoever made the corpus (untrusted): ``<``, ``>`` and ``&`` are
    escaped so it cannot carry live HTML, and Markdown formatting still works.
    """
    text = read_note(corpus_dir, name)
    if not text.strip():
        return
    from IPython.display import Markdown, display

    display(Markdown(html.escape(text, quote=False)))


def table_style(frame: pd.DataFrame, precision: int = 3, na_rep: str | None = "") -> Styler:
    """A table for display: numbers as :func:`number` writes them, text left-aligned (long passages read better).

    :func:`show` applies it to every DataFrame; call it only for another ``precision`` or
    ``na_rep``. Render it with :func:`show` or :func:`to_html`, which escape its text.
    """
    text_cols = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    missing = "" if na_rep is None else na_rep

    def fmt(value: object) -> str:
        if value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT:
            return missing
        return (
            number(value, precision) if isinstance(value, numbers.Real) and not isinstance(value, bool) else str(value)
        )

    styler = frame.style.format(fmt)
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


def notebook_gaps(corpus_dir: Path) -> list[str]:
    """What each notebook will show as missing for this corpus, one line per gap (for ``validate``).

    Only the articles are required; every other part (codings, slots, gold, outside reference,
    settings, notes) is optional, and a notebook shows one line in place of a section without it.
    """
    cdir = Path(corpus_dir)
    has = {
        "settings": (cdir / config.EVENT_SETTINGS_NAME).is_file(),
        "claims": (cdir / config.CLAIMS_NAME).is_file(),
        "slots": (cdir / config.SLOTS_NAME).is_file(),
        "temporal gold": (cdir / config.GOLD_DIRNAME / config.TEMPORAL_GOLD_NAME).is_file(),
        "sourcing gold": all(
            (cdir / config.GOLD_DIRNAME / n).is_file() for n in (config.ATTRIBUTIONS_GOLD_NAME, config.HEDGES_GOLD_NAME)
        ),
        "outside": (cdir / config.REFERENCE_DIRNAME / config.OUTSIDE_TIMELINE_NAME).is_file(),
        "notes": (cdir / config.NOTES_DIRNAME).is_dir(),
    }
    gaps = [
        ("all", "settings", f"no {config.EVENT_SETTINGS_NAME} (title, question and windows are defaults)"),
        ("all", "notes", f"no {config.NOTES_DIRNAME}/ (no corpus-specific reading beside the findings)"),
        ("02 claims by source", "claims", f"no {config.CLAIMS_NAME} (uncoded)"),
        ("02 claims by source", "slots", f"no {config.SLOTS_NAME} (no competing-claim questions)"),
        ("03 day by day", "temporal gold", f"no {config.GOLD_DIRNAME}/{config.TEMPORAL_GOLD_NAME} (dates unmeasured)"),
        ("03 day by day", "outside", f"no {config.REFERENCE_DIRNAME}/{config.OUTSIDE_TIMELINE_NAME}"),
        ("05 sourcing and hedging", "sourcing gold", f"no {config.GOLD_DIRNAME}/ attributions and hedges (unmeasured)"),
        ("05 sourcing and hedging", "claims", f"no {config.CLAIMS_NAME} (no comparison with the coding)"),
        ("06 classroom", "claims", f"no {config.CLAIMS_NAME} (only the source exercises; no student coding)"),
        ("06 classroom", "outside", f"no {config.REFERENCE_DIRNAME}/{config.OUTSIDE_TIMELINE_NAME} (no outside dates)"),
    ]
    return [f"note: {nb}: {why}" for nb, part, why in gaps if not has[part]]
