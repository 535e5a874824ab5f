"""A source reader: one article's text as escaped HTML with attributions, hedges, dates and names marked.

The reader is for looking at the evidence the other notebooks count: where an article says
"according to", who the source is and what kind, which claims carry a hedge, where dates and
known names sit. :func:`reader_html` is pure (text and spans in, HTML out) so the static report
shows exactly what the widget shows; every piece of article text is HTML-escaped.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pandas as pd

from helpers.display.html import legend, swatch

if TYPE_CHECKING:
    import ipywidgets

#: Categories in priority order (earlier wins where two set the same CSS property) and their style.
CATEGORIES: dict[str, str] = {
    "attribution cue": "background:#FFD54F;font-weight:600",
    "hedge": "background:#F8BBD0;font-style:italic",
    "source: named": "background:#BBDEFB",
    "source: anonymous": "background:#FFE0B2",
    "source: outlet": "background:#C8E6C9",
    "source: document": "background:#E1BEE7",
    "date": "border-bottom:2px solid #2E7D32",
    "entity": "border-bottom:2px dotted #1565C0",
}
#: Style of a category not in :data:`CATEGORIES`.
FALLBACK_STYLE = "background:#E0E0E0"
SPAN_COLUMNS = ["start", "end", "category", "label"]


def _style(categories: Iterable[str]) -> str:
    """Merged CSS of several categories: per property, the highest-priority category's value."""
    order = list(CATEGORIES)
    ranked = sorted(set(categories), key=lambda c: order.index(c) if c in order else len(order))
    props: dict[str, str] = {}
    for cat in ranked:
        for decl in CATEGORIES.get(cat, FALLBACK_STYLE).split(";"):
            prop, _, value = decl.partition(":")
            props.setdefault(prop.strip(), value.strip())
    return ";".join(f"{p}:{v}" for p, v in props.items())


def _as_frame(spans: pd.DataFrame | Iterable[tuple]) -> pd.DataFrame:
    """Spans as a DataFrame with ``start, end, category, label`` (label optional)."""
    frame = spans.copy() if isinstance(spans, pd.DataFrame) else pd.DataFrame(list(spans))
    if not isinstance(spans, pd.DataFrame) and len(frame.columns):
        frame.columns = SPAN_COLUMNS[: len(frame.columns)]
    for col in SPAN_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    return frame[SPAN_COLUMNS]


def legend_html(categories: Iterable[str] | None = None) -> str:
    """A one-line legend of the given categories (all known ones by default), in priority order."""
    cats = list(CATEGORIES) if categories is None else list(dict.fromkeys(categories))
    return legend((swatch(c, _style([c])) for c in cats), box_style="margin:4px 0 8px 0;font-size:90%")


def reader_html(text: str, spans: pd.DataFrame | Iterable[tuple]) -> str:
    """The text as escaped HTML, each span styled by category with its label as a tooltip, plus a legend.

    ``spans`` has ``start, end, category`` and optionally ``label`` (character offsets into
    ``text``; spans may overlap; out-of-range parts are clipped and empty spans ignored).
    """
    frame = _as_frame(spans)
    n = len(text)
    items = []
    for rec in frame.to_dict("records"):
        start, end = max(0, int(rec["start"])), min(n, int(rec["end"]))
        if start < end:
            items.append((start, end, str(rec["category"]), str(rec["label"] or "")))
    cuts = sorted({0, n, *(s for s, _, _, _ in items), *(e for _, e, _, _ in items)})
    out = []
    for lo, hi in itertools.pairwise(cuts):
        piece = html.escape(text[lo:hi]).replace("\n", "<br>\n")
        active = [(c, label) for s, e, c, label in items if s <= lo and hi <= e]
        if not active:
            out.append(piece)
            continue
        title = " | ".join(dict.fromkeys(f"{c}: {label}" if label else c for c, label in active))
        out.append(
            f"<span style='{_style(c for c, _ in active)}' title='{html.escape(title, quote=True)}'>{piece}</span>"
        )
    present = [c for c in CATEGORIES if any(c == cat for _, _, cat, _ in items)]
    present += sorted({cat for _, _, cat, _ in items} - set(CATEGORIES))
    body = "".join(out)
    return f"<div class='source-reader'>{legend_html(present)}<div style='line-height:1.6'>{body}</div></div>"


def article_spans(
    attributions: pd.DataFrame,
    hedges: pd.DataFrame,
    dates: pd.DataFrame | None = None,
    entities: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Reader spans of one article from its detections (frames already filtered to the article).

    ``attributions`` and ``hedges`` are :mod:`helpers.sourcing.detect` frames; ``dates`` needs
    ``start, end, text`` (and ``value`` when known); ``entities`` needs ``start, end, entity``
    (and ``entity_type``).
    """
    rows = []
    for r in attributions.to_dict("records"):
        rows.append((r["cue_start"], r["cue_end"], "attribution cue", f"{r['kind']} source: {r['source_text']}"))
        if r["source_end"] > r["source_start"]:
            rows.append((r["source_start"], r["source_end"], f"source: {r['kind']}", r["cue"]))
    for r in hedges.to_dict("records"):
        rows.append((r["start"], r["end"], "hedge", r.get("family", "")))
    if dates is not None:
        for r in dates.to_dict("records"):
            rows.append((r["start"], r["end"], "date", str(r.get("value", "") or r.get("text", ""))))
    if entities is not None:
        for r in entities.to_dict("records"):
            kind = r.get("entity_type", "")
            rows.append((r["start"], r["end"], "entity", f"{r['entity']} ({kind})" if kind else r["entity"]))
    return pd.DataFrame(rows, columns=SPAN_COLUMNS).sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def reader_widget(
    texts: Mapping[str, str], spans: Mapping[str, pd.DataFrame], start: str | None = None
) -> ipywidgets.VBox:
    """A dropdown of articles and the selected one rendered by :func:`reader_html` (an ipywidgets VBox)."""
    import ipywidgets as widgets

    ids = list(texts)
    first = start if start in texts else ids[0]
    pick = widgets.Dropdown(options=ids, value=first, description="article")
    view = widgets.HTML(value=reader_html(texts[first], spans[first]))

    def show(change: dict) -> None:
        view.value = reader_html(texts[change["new"]], spans[change["new"]])

    pick.observe(show, names="value")
    return widgets.VBox([pick, view])
