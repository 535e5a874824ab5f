"""The dated events as Knight Lab TimelineJS JSON (one group per article, text escaped)."""

from __future__ import annotations

import datetime as dt
import html
import re

import pandas as pd


def _tl_date(value: str) -> dict[str, int]:
    """A TimelineJS date object from an ISO value (year, month, day, hour, minute as present)."""
    stamp = dt.datetime.fromisoformat(value if len(value) > 7 else f"{value}-01")
    out = {"year": stamp.year, "month": stamp.month, "day": stamp.day}
    if len(value) > 10:
        out.update(hour=stamp.hour, minute=stamp.minute)
    return out


def to_timelinejs(events_table: pd.DataFrame, title: str) -> dict[str, object]:
    """Knight Lab TimelineJS JSON: one event per dated sentence, one group per article (title and text escaped)."""
    items = []
    for ev in events_table.to_dict("records"):
        item: dict[str, object] = {
            "start_date": _tl_date(str(ev["value"])),
            "text": {
                "headline": html.escape(f"{ev['source_id']}: {ev['mention']}"),
                "text": html.escape(str(ev["sentence"])),
            },
            "group": str(ev["source_id"]),
            "unique_id": re.sub(r"[^a-z0-9-]", "-", str(ev["event_id"]).lower()),
        }
        if ev["value_end"]:
            item["end_date"] = _tl_date(str(ev["value_end"]))
        items.append(item)
    return {"title": {"text": {"headline": html.escape(title), "text": ""}}, "events": items}
