"""Charts of the dated events: the day-by-day lanes and the last night hour by hour (data tables first).

The data tables (:func:`day_lanes`, :func:`night_lanes`) are what the tests check; the charts
draw one lane per article and a grey, hatched lane for the outside reference.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from helpers import charts, config
from helpers.timeline import OUTSIDE_LABEL, event_span

#: The last night, as local times: from Saturday 7 Dec evening to Sunday 8 Dec morning.
NIGHT_START = "2024-12-07T18:00"
NIGHT_END = "2024-12-08T06:00"


def day_lanes(
    events_table: pd.DataFrame,
    outside: pd.DataFrame,
    start: str = config.EVENT_START,
    end: str = config.EVENT_END,
    sources: list[str] | None = None,
) -> pd.DataFrame:
    """Marks for the day-by-day chart: one lane per article (in order) and one for the outside rows."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    sources = list(dict.fromkeys(events_table["source_id"])) if sources is None else sources
    rows = []
    for ev in events_table.to_dict("records"):
        if ev["source_id"] not in sources or ev["granularity"] == "week":
            continue
        s, e = event_span(ev)
        if e <= lo or s >= hi:
            continue
        rows.append(
            {
                "lane": ev["source_id"],
                "start": s,
                "end": e,
                "label": ev["mention"],
                "outside": False,
                "range": ev["date"] != ev["date_end"],
            }
        )
    for out in outside.to_dict("records"):
        s, e = out["start"], out["end"]
        if e <= lo or s >= hi or out["kind"] == "publication":
            continue
        rows.append(
            {
                "lane": OUTSIDE_LABEL,
                "start": s,
                "end": max(e, s + pd.Timedelta(hours=1)),
                "label": out["event"],
                "outside": True,
                "range": (e - s) > pd.Timedelta(days=1),
            }
        )
    table = pd.DataFrame(rows, columns=["lane", "start", "end", "label", "outside", "range"])
    lanes = [*sources, OUTSIDE_LABEL]
    table["lane_no"] = table["lane"].map({lane: i for i, lane in enumerate(lanes)})
    return table.sort_values(["lane_no", "start"], kind="stable").reset_index(drop=True)


def _lane_chart(
    table: pd.DataFrame, lanes: list[str], title: str, xlim: tuple[pd.Timestamp, pd.Timestamp], hourly: bool
) -> Figure:
    """Shared drawing of lane charts: points for exact marks, bars for ranges, outside lane in grey."""
    fig, ax = charts.new_figure(11, (0.9 if hourly else 0.6) * len(lanes) + 1.6)
    colors = charts.source_colors([lane for lane in lanes if lane != OUTSIDE_LABEL])
    labelled: dict[int, int] = {}
    for row in table.to_dict("records"):
        y = lanes.index(row["lane"])
        color = charts.OUTSIDE_COLOR if row["outside"] else colors[row["lane"]]
        s, e = mdates.date2num(row["start"]), mdates.date2num(row["end"])
        hatch = "//" if row["outside"] else None
        if row["range"]:
            ax.barh(y, e - s, left=s, height=0.36, color=color, alpha=0.35, edgecolor=color, hatch=hatch)
        else:
            ax.plot([(s + e) / 2], [y], "o", color=color, markersize=7, alpha=0.9)
        if hourly:
            label = str(row["label"])
            label = label if len(label) <= 38 else label[:37] + "…"
            ax.annotate(
                label,
                ((s + e) / 2, y),
                xytext=(0, 9 if labelled.get(y, 0) % 2 == 0 else -13),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color="#333333",
            )
            labelled[y] = labelled.get(y, 0) + 1
    ax.set_yticks(
        range(len(lanes)), [f"reference\n({OUTSIDE_LABEL})" if lane == OUTSIDE_LABEL else lane for lane in lanes]
    )
    ax.set_ylim(len(lanes) - 0.4, -0.6)
    ax.set_xlim(mdates.date2num(xlim[0]), mdates.date2num(xlim[1]))
    if hourly:
        ax.xaxis.set_major_locator(mdates.HourLocator(interval=2))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%H:%M"))
    else:
        ax.xaxis.set_major_locator(mdates.DayLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d\n%b"))
    ax.get_yticklabels()[-1].set_color(charts.OUTSIDE_COLOR)
    charts.style_axes(ax, title=title)
    return fig


def _lanes(lanes_table: pd.DataFrame, sources: list[str] | None) -> list[str]:
    """Lane order: the given sources (or those in the table), then the outside lane."""
    found = list(dict.fromkeys(lanes_table.sort_values("lane_no")["lane"]))
    lanes = [s for s in found if s != OUTSIDE_LABEL] if sources is None else list(sources)
    return [*lanes, OUTSIDE_LABEL]


def day_chart(
    lanes_table: pd.DataFrame,
    sources: list[str] | None = None,
    start: str = config.EVENT_START,
    end: str = config.EVENT_END,
) -> Figure:
    """Day-by-day chart: what each article dates to each day, with the outside lane labelled as such."""
    lanes = _lanes(lanes_table, sources)
    xlim = (pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1))
    return _lane_chart(lanes_table, lanes, "What each article dates to each day", xlim, hourly=False)


def night_lanes(
    events_table: pd.DataFrame,
    outside: pd.DataFrame,
    start: str = NIGHT_START,
    end: str = NIGHT_END,
    sources: list[str] | None = None,
) -> pd.DataFrame:
    """Marks for the last night: clock times as points, parts of the day as ranges (uncertain times)."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    sources = list(dict.fromkeys(events_table["source_id"])) if sources is None else sources
    rows = []
    for ev in events_table.to_dict("records"):
        if ev["source_id"] not in sources or ev["granularity"] not in ("minute", "part-of-day"):
            continue
        s, e = event_span(ev)
        if e <= lo or s >= hi:
            continue
        rows.append(
            {
                "lane": ev["source_id"],
                "start": max(s, lo),
                "end": min(e, hi),
                "label": ("by " if ev["bound"] == "by" else "") + str(ev["mention"]),
                "outside": False,
                "range": ev["granularity"] == "part-of-day" or ev["bound"] == "by",
            }
        )
    for out in outside.to_dict("records"):
        s, e = out["start"], out["end"]
        if e - s >= pd.Timedelta(days=1) or e <= lo or s >= hi:
            continue
        rows.append(
            {
                "lane": OUTSIDE_LABEL,
                "start": max(s, lo),
                "end": min(e, hi),
                "label": out["event"],
                "outside": True,
                "range": s != e,
            }
        )
    table = pd.DataFrame(rows, columns=["lane", "start", "end", "label", "outside", "range"])
    lanes = [*sources, OUTSIDE_LABEL]
    table["lane_no"] = table["lane"].map({lane: i for i, lane in enumerate(lanes)})
    return table.sort_values(["lane_no", "start"], kind="stable").reset_index(drop=True)


def night_chart(
    lanes_table: pd.DataFrame, sources: list[str] | None = None, start: str = NIGHT_START, end: str = NIGHT_END
) -> Figure:
    """The last night hour by hour; bars are ranges (a part of the day, 'by midnight'), dots stated clock times."""
    lanes = _lanes(lanes_table, sources)
    title = "The last night, hour by hour (local time; bars = uncertain ranges)"
    return _lane_chart(lanes_table, lanes, title, (pd.Timestamp(start), pd.Timestamp(end)), hourly=True)
