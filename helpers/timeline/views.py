"""What a reader sees of the dated events: the day-by-day lanes, the focus window hour by hour, the filter.

The data tables (:func:`day_lanes`, :func:`night_lanes`) are what the tests check; the charts
draw one lane per article and a grey, hatched lane for the outside reference.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from helpers.core.text import mark_spans
from helpers.display import style as charts
from helpers.display.notebook import MAX_ROWS
from helpers.timeline.dated import OUTSIDE_LABEL, event_label, filter_events
from helpers.timeline.lanes import (
    busiest_stretch,
    lanes_span,
)

#: Labels written per lane of the hour-by-hour chart (the rest are in the table below it), and their length.
MAX_LABELS_PER_LANE = 6
HOURLY_LABEL = 60
#: Vertical offsets (points) of successive labels in one lane, so neighbours do not overprint.
LABEL_OFFSETS = (9, -14, 19, -24, 29, -34)


def _lane_chart(
    table: pd.DataFrame, lanes: list[str], title: str, xlim: tuple[pd.Timestamp, pd.Timestamp], hourly: bool
) -> Figure:
    """Shared drawing of lane charts: points for exact marks, bars for ranges, outside lane in grey."""
    fig, ax = charts.new_figure(11, (1.3 if hourly and len(lanes) <= 8 else 0.55) * len(lanes) + 1.6)
    labelled: dict[int, int] = {}
    hour = 1 / 24
    for row in table.to_dict("records"):
        y = lanes.index(row["lane"])
        color = row["color"]
        s, e = mdates.date2num(row["start"]), mdates.date2num(row["end"])
        hatch = "//" if row["outside"] else None
        if row.get("bound") == "by":  # an upper bound: a stroke at the time, an open arrow back from it
            ax.annotate("", xy=(e - 1.5 * hour, y), xytext=(e, y),
                        arrowprops={"arrowstyle": "->", "color": color, "linewidth": 1.2})  # fmt: skip
            ax.plot([e], [y], "|", color=color, markersize=12, markeredgewidth=2)
        elif row["range"]:
            ax.barh(y, e - s, left=s, height=0.36, color=color, alpha=0.35, edgecolor=color, hatch=hatch)
        else:
            ax.plot([(s + e) / 2], [y], "o", color=color, markersize=7, alpha=0.9)
        if hourly and labelled.get(y, 0) < MAX_LABELS_PER_LANE:
            label = str(row["label"])
            label = label if len(label) <= HOURLY_LABEL else label[: HOURLY_LABEL - 1] + "…"
            ax.annotate(
                label,
                ((s + e) / 2, y),
                xytext=(0, LABEL_OFFSETS[labelled.get(y, 0) % len(LABEL_OFFSETS)]),
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
    """Lane order: the given sources (or those in the table; its groups when it has grouped lanes), then outside."""
    found = list(dict.fromkeys(lanes_table.sort_values("lane_no")["lane"]))
    grouped = sources is not None and any(lane not in set(sources) for lane in found if lane != OUTSIDE_LABEL)
    lanes = [s for s in found if s != OUTSIDE_LABEL] if sources is None or grouped else list(sources)
    return [*lanes, OUTSIDE_LABEL]


def day_chart(
    lanes_table: pd.DataFrame,
    sources: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Figure:
    """Day-by-day chart: what each article dates to each day, with the outside lane labelled as such."""
    lanes = _lanes(lanes_table, sources)
    if not (start and end):
        start, end = lanes_span(lanes_table, start, end, days=True)
    xlim = (pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1))
    return _lane_chart(lanes_table, lanes, "What each article dates to each day", xlim, hourly=False)


#: Marker shapes of the outside kinds on the headline chart (others cycle through the rest).
KIND_MARKERS = {"front": "s", "diplomacy": "D", "statement": "o"}
_SPARE_MARKERS = ("^", "v", "P", "X", "*")


def _day_bands(days: list[str], lines: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Top and bottom of each day's band (in text lines, growing downward): as tall as its outside events."""
    bands, y = {}, 0.0
    for day in days:
        height = max(1, lines.get(day, 0)) + 0.4
        bands[day] = (y, y + height)
        y += height
    return bands


def collapse_chart(
    table: pd.DataFrame,
    sources: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    title: str = "Day by day: what happened, and what each article dates to each day",
) -> Figure:
    """The headline chart: days down the side; the outside record's events written out on the left,
    one column per article on the right (a dot per day it dates, numbered when it dates several events
    that day; a bar for a range, labelled; an arrow where a range runs past the window).
    """
    import matplotlib.pyplot as plt

    window = table.attrs.get("window", ("", ""))
    start, end = start or window[0], end or window[1]
    if not (start and end):
        start, end = lanes_span(table, start, end, days=True)
    whole = len(pd.date_range(start, end, freq="D"))
    start, end = busiest_stretch(table, start, end)
    if (shown := len(pd.date_range(start, end, freq="D"))) < whole:
        title = f"{title} (the busiest {shown} of {whole} days; every day in the table below)"
    lo_ts, hi_ts = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    crossing = table["range"] & (pd.to_datetime(table["start"]) < hi_ts) & (pd.to_datetime(table["end"]) > lo_ts)
    table = table[((table["day"] >= start) & (table["day"] <= end)) | crossing]
    sources = list(sources if sources is not None else table.attrs.get("sources") or _lanes(table, None)[:-1])
    days = [str(d.date()) for d in pd.date_range(start, end, freq="D")]
    outside = table[table["kind"] == "outside"]
    lines = outside.groupby("day").size().to_dict()
    bands = _day_bands(days, lines)
    total = bands[days[-1]][1] if days else 1.0
    n = max(1, len(sources))
    col = 0.42 if n > 12 else 0.62 if n > 6 else 0.95
    head = 1.0 if n > 3 else 0.45
    fig = plt.figure(figsize=(6.2 + col * n + 0.9, 0.24 * total + head + 1.0))
    plt.close(fig)
    grid = fig.add_gridspec(1, 2, width_ratios=[6.2, col * n], wspace=0.02)
    left, right = fig.add_subplot(grid[0]), fig.add_subplot(grid[1], sharey=None)
    for ax in (left, right):
        ax.set_ylim(total, 0)
        for i, day in enumerate(days):
            top, bottom = bands[day]
            if i % 2 == 0:
                ax.axhspan(top, bottom, color="#F2F2F2", zorder=0, linewidth=0)
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="x", bottom=False, labelbottom=False)
    left.set_xlim(0, 1)
    left.set_yticks([sum(bands[d]) / 2 for d in days], [pd.Timestamp(d).strftime("%a %d %b") for d in days])
    left.tick_params(axis="y", length=0, labelsize=9)
    left.spines["left"].set_visible(False)
    spare = iter(_SPARE_MARKERS * 4)
    markers = {k: KIND_MARKERS.get(k) or next(spare) for k in dict.fromkeys(outside["category"])}
    for day, group in outside.groupby("day", sort=False):
        top = bands[day][0] + 0.2
        for i, row in enumerate(group.to_dict("records")):
            y = top + i + 0.5
            left.plot([0.03], [y], markers[row["category"]], color=charts.DARK_GREY, markersize=5)
            left.text(0.06, y, row["label"], va="center", fontsize=8, color="#222222")
    handles = [plt.Line2D([], [], marker=m, linestyle="", color=charts.DARK_GREY, label=k) for k, m in markers.items()]
    if handles:
        left.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(handles), fontsize=8,
                    frameon=False, title=f"What happened ({OUTSIDE_LABEL}: the reference record)",
                    title_fontsize=9, alignment="left")  # fmt: skip
    else:
        left.set_title(f"What happened: no reference record ({OUTSIDE_LABEL})", loc="left", fontsize=9)
    right.set_xlim(0, n)
    right.set_yticks([])
    colors = charts.source_colors(sources)
    articles = table[(table["kind"] == "article") & table["lane"].isin(sources)]
    lo, hi = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)

    def y_of(moment: pd.Timestamp, upper: bool) -> float:
        moment = min(max(moment, lo), hi - pd.Timedelta(seconds=1) if not upper else hi)
        if upper:
            moment = moment - pd.Timedelta(seconds=1)
        day = str(moment.date())
        return bands[day][0] if not upper else bands[day][1]

    for lane_i, lane in enumerate(sources):
        x = lane_i + 0.5
        mine = articles[articles["lane"] == lane]
        ranges = mine[mine["range"]]
        for k, row in enumerate(ranges.to_dict("records")):
            dx = -0.28 + (k % 2) * 0.14 if len(ranges) > 1 else -0.24
            y0, y1 = y_of(pd.Timestamp(row["start"]), False), y_of(pd.Timestamp(row["end"]), True)
            right.bar(x + dx, y1 - y0, bottom=y0, width=0.2, color=colors[lane], alpha=0.3, edgecolor=colors[lane])
            if row["label_shown"]:
                right.text(x + dx, (y0 + y1) / 2, row["label"], rotation=90, ha="center", va="center", fontsize=7,
                           color="#222222", clip_on=True)  # fmt: skip
            for past, y, mark in ((pd.Timestamp(row["start"]) < lo, y0, "^"), (pd.Timestamp(row["end"]) > hi, y1, "v")):
                if past:
                    right.plot([x + dx], [y], mark, color=colors[lane], markersize=5, clip_on=False)
        counts = mine[~mine["range"]].groupby("day").size()
        for day, count in counts.items():
            y = sum(bands[day]) / 2
            right.plot([x + 0.12], [y], "o", color=colors[lane], markersize=11 if count > 1 else 7, zorder=3)
            if count > 1:
                right.text(x + 0.12, y, str(count), ha="center", va="center", fontsize=7, color="white",
                           fontweight="bold", zorder=4)  # fmt: skip
    right.set_xticks([i + 0.5 for i in range(n)], sources[:n] if sources else [""])
    right.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False, length=0, labelsize=8)
    if n > 3:
        plt.setp(right.get_xticklabels(), rotation=50, ha="left", rotation_mode="anchor")
    for i, label in enumerate(right.get_xticklabels()):
        if i < len(sources):
            label.set_color(colors[sources[i]])
    right.spines["left"].set_color("#CCCCCC")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    names = max((t.get_window_extent(renderer).height for t in right.get_xticklabels()), default=0.0)
    right.set_title(
        "What each article dates\n" + ("(dot = a day; number = events that day; bar = a range)" if n > 3 else
                                        "dot = a day\nnumber = events that day\nbar = a range"),
        loc="left", fontsize=9, pad=names * 72 / fig.dpi + 8,
    )  # fmt: skip
    top = fig.get_tightbbox(renderer).y1
    fig.text(0.01, (top + 0.08) / fig.get_figheight(), title, ha="left", va="bottom", fontsize=12, fontweight="bold")
    return fig


def night_chart(
    lanes_table: pd.DataFrame,
    sources: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    label: str = "the decisive stretch",
    timezone: str = "",
) -> Figure:
    """The focus window (``settings.focus``) hour by hour: dots clock times, bars parts of the day, ``<-|`` 'by' a time.

    Marks are labelled with their dating words, what happened and (when lanes are outlets) whose account.
    """
    lanes = _lanes(lanes_table, sources)
    if not (start and end):
        start, end = lanes_span(lanes_table, start, end, days=False)
    zone = f"{timezone} time" if timezone else "local time"
    title = f"{label[:1].upper()}{label[1:]}, hour by hour ({zone}; bars = parts of the day; <-| = by that time)"
    return _lane_chart(lanes_table, lanes, title, (pd.Timestamp(start), pd.Timestamp(end)), hourly=True)


def events_html(events_table: pd.DataFrame, limit: int = MAX_ROWS) -> str:
    """An escaped HTML table of events: date, article, the dating words marked in their sentence.

    At most ``limit`` rows, with a line counting the rest (the filter above narrows to them).
    """
    esc = html.escape
    more = len(events_table) - limit
    events_table = events_table.head(limit)
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
    note = f"<p class='more'>Showing {limit:,} of {limit + more:,} events: narrow the filter for the rest.</p>"
    return f"<table>{head}{''.join(body)}</table>" + (note if more > 0 else "")


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
