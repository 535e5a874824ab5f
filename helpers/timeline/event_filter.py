"""Filtering the dated events by article, topic and date: the filter, its escaped HTML table, the widget."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from helpers.core.text import mark_spans
from helpers.timeline.dated import event_label


def filter_events(
    events_table: pd.DataFrame,
    source_id: str | None = None,
    topic: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> pd.DataFrame:
    """The events of one article / topic / date range (None means any)."""
    keep = pd.Series(True, index=events_table.index)
    if source_id:
        keep &= events_table["source_id"] == source_id
    if topic and "topics" in events_table:
        keep &= events_table["topics"].str.split(";").apply(lambda ts: topic in ts)
    if date_from:
        keep &= events_table["date_end"] >= date_from
    if date_to:
        keep &= events_table["date"] <= date_to
    return events_table[keep]


def events_html(events_table: pd.DataFrame) -> str:
    """An escaped HTML table of events: date, article, the dating words marked in their sentence."""
    esc = html.escape
    head = "<tr><th>date</th><th>article</th><th>sentence (dating words marked)</th><th>topics</th></tr>"
    body = []
    for ev in events_table.to_dict("records"):
        sentence, rel = str(ev["sentence"]), str(ev["mention"])
        at = int(ev["start"]) - int(ev["sent_start"])
        if sentence[at : at + len(rel)] != rel:
            at = sentence.find(rel)
        marked = mark_spans(sentence, [(at, at + len(rel))] if at >= 0 else [])
        body.append(
            f"<tr><td style='white-space:nowrap'>{esc(event_label(ev))}</td><td>{esc(str(ev['source_id']))}</td>"
            f"<td style='text-align:left'>{marked}</td><td>{esc(str(ev.get('topics', '')))}</td></tr>"
        )
    if not body:
        return "<p>No dated events match.</p>"
    return f"<table>{head}{''.join(body)}</table>"


def event_filter(events_table: pd.DataFrame) -> widgets.VBox:
    """Dropdowns for article and topic and a date-range slider over :func:`events_html` (no printing)."""
    topics = sorted({t for ts in events_table.get("topics", pd.Series(dtype=str)) for t in str(ts).split(";") if t})
    dates = sorted(set(events_table["date"]) | set(events_table["date_end"]))
    article = widgets.Dropdown(options=[("all", ""), *[(s, s) for s in dict.fromkeys(events_table["source_id"])]])
    topic = widgets.Dropdown(options=[("all", ""), *[(t, t) for t in topics]], description="topic")
    span = (
        widgets.SelectionRangeSlider(options=dates, index=(0, len(dates) - 1), description="dates") if dates else None
    )
    out = widgets.HTML()

    def update(_: object = None) -> None:
        lo, hi = span.value if span is not None else (None, None)
        out.value = events_html(filter_events(events_table, article.value, topic.value, lo, hi))

    for w in (article, topic, span):
        if w is not None:
            w.observe(update, names="value")
    update()
    article.description = "article"
    controls = [w for w in (article, topic, span) if w is not None]
    return widgets.VBox([widgets.HBox(controls), out])
