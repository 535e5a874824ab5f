"""The tables behind the timeline's charts: marks per lane for the day-by-day, headline and hour-by-hour views.

Everything here computes (the tests check these tables); :mod:`helpers.timeline.views` only draws them.
Past a handful of articles the lanes are groups (:func:`helpers.corpus.groups.article_groups`)
rather than articles, so every chart keeps a bounded number of columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from helpers.corpus.groups import group_order, per_article, top_groups
from helpers.display import style as charts
from helpers.timeline.dated import OUTSIDE_LABEL, PUBLICATION_KIND, event_span

LANE_COLUMNS = ["lane", "start", "end", "label", "outside", "range", "lane_no", "color"]

#: Granularities drawn on the hour-by-hour chart: stated clock times and parts of the day.
NIGHT_GRANULARITIES = ("minute", "part-of-day")

#: Columns of :func:`collapse_table`: one row per mark of the day-by-day headline chart.
COLLAPSE_COLUMNS = [
    "lane", "lane_no", "kind", "category", "day", "start", "end", "label", "text", "range", "label_shown", "color",
]  # fmt: skip

#: Longest outside label written on the headline chart (characters); the full text is in the table.
SHORT_LABEL = 64


def spans_in(events_table: pd.DataFrame, lo: pd.Timestamp, hi: pd.Timestamp, keep: Callable[[str], bool]) -> list[dict]:
    """Events whose granularity ``keep`` accepts and whose span overlaps [lo, hi), with span and position.

    Each record gains ``_start``, ``_end`` (its span) and ``_pos`` (its row position in ``events_table``).
    """
    out = []
    for pos, ev in enumerate(events_table.to_dict("records")):
        if not keep(ev["granularity"]) or not ev["value"]:  # an events.csv 'not_analysed' row dates nothing
            continue
        s, e = event_span(ev)
        if e > lo and s < hi:
            out.append({**ev, "_start": s, "_end": e, "_pos": pos})
    return out


def data_window(events_table: pd.DataFrame, start: str | None, end: str | None) -> tuple[str, str]:
    """``start`` and ``end`` where given (``settings.window``), else the first and last day the events date."""
    if start and end:
        return start, end
    dates = pd.to_datetime(events_table["date"], errors="coerce").dropna() if len(events_table) else pd.Series([])
    ends = pd.to_datetime(events_table["date_end"], errors="coerce").dropna() if len(events_table) else pd.Series([])
    first = str(dates.min().date()) if len(dates) else "1970-01-01"
    last = str(max(ends.max(), dates.max()).date()) if len(dates) else first
    return start or first, end or last


def data_focus(events_table: pd.DataFrame, start: str | None, end: str | None) -> tuple[str, str]:
    """``start`` and ``end`` where given (a corpus's ``settings.focus``), else the last day the events date."""
    if start and end:
        return start, end
    last = pd.Timestamp(data_window(events_table, None, None)[1])
    after = last + pd.Timedelta(days=1)
    return start or last.isoformat(timespec="minutes"), end or after.isoformat(timespec="minutes")


def lanes_span(lanes_table: pd.DataFrame, start: str | None, end: str | None, days: bool) -> tuple[str, str]:
    """The given bounds, else those of the marks drawn (whole days for the day-by-day chart)."""
    if lanes_table.empty:
        return start or "1970-01-01", end or "1970-01-02"
    lo, hi = pd.Timestamp(lanes_table["start"].min()), pd.Timestamp(lanes_table["end"].max())
    if days:
        return start or str(lo.date()), end or str((hi - pd.Timedelta(seconds=1)).date())
    return start or lo.isoformat(), end or hi.isoformat()


def _lane_table(rows: list[dict], sources: list[str], extra: list[str] | None = None) -> pd.DataFrame:
    """Marks in lane order (the sources, then the outside lane), each coloured as in every other chart."""
    table = pd.DataFrame(rows, columns=[*LANE_COLUMNS[:6], *(extra or [])])
    lanes = [*sources, OUTSIDE_LABEL]
    colors = charts.source_colors(sources) | {OUTSIDE_LABEL: charts.OUTSIDE_COLOR}
    table["lane_no"] = table["lane"].map({lane: i for i, lane in enumerate(lanes)})
    table["color"] = table["lane"].map(colors)
    order = [*LANE_COLUMNS, *(extra or [])]
    return table.sort_values(["lane_no", "start"], kind="stable").reset_index(drop=True)[order]


def lane_sources(events_table: pd.DataFrame, sources: list[str] | None) -> list[str]:
    """The articles given lanes: those named (in order), else every article of the events table."""
    return list(dict.fromkeys(events_table["source_id"])) if sources is None else list(sources)


def grouped_lanes(sources: list[str], groups: pd.Series | None) -> tuple[dict[str, str], list[str]]:
    """Each article's lane and the lanes in order: the articles themselves up to a handful, else their groups.

    Groups are :func:`helpers.corpus.groups.article_groups` (outlets), the largest first, the rest pooled.
    """
    if groups is None or per_article(sources):
        return {s: s for s in sources}, list(sources)
    pooled = top_groups(groups.reindex(sources).fillna("?").astype(str))
    return pooled.to_dict(), group_order(pooled)


def day_lanes(
    events_table: pd.DataFrame,
    outside: pd.DataFrame,
    start: str | None = None,
    end: str | None = None,
    sources: list[str] | None = None,
) -> pd.DataFrame:
    """Marks for the day-by-day chart: one lane per article (in order) and one for the outside rows.

    Colours follow the position in ``sources`` (pass every article, e.g. ``list(corpus.index)``, so
    they match the other charts).
    """
    start, end = data_window(events_table, start, end)
    lo, hi = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    sources = lane_sources(events_table, sources)
    mine = events_table[events_table["source_id"].isin(sources)]
    rows = [
        {
            "lane": ev["source_id"],
            "start": ev["_start"],
            "end": ev["_end"],
            "label": ev["mention"],
            "outside": False,
            "range": ev["date"] != ev["date_end"],
        }
        for ev in spans_in(mine, lo, hi, lambda granularity: granularity != "week")
    ]
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
    return _lane_table(rows, sources)


def short_label(text: str, width: int = SHORT_LABEL) -> str:
    """An outside row's text fit for a chart: asides in brackets dropped, then its first clause or words."""
    text = " ".join(str(text).split())
    if len(text) > width:
        text = re.sub(r"\s*\([^)]*\)", "", text)
    head = text.split("; ", 1)[0]
    if len(text) > width and len(head) >= 15:
        text = head
    if len(text) <= width:
        return text
    # whose account it is ("…, per palace officials") is kept whole: the middle is cut instead
    if (attr := ATTRIBUTION_TAIL.search(text)) and len(attr.group(1)) < width // 2:
        room = width - len(attr.group(1)) - 2
        return text[: attr.start()][:room].rsplit(" ", 1)[0].rstrip(",;:") + "… " + attr.group(1)
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


#: An account's attribution at the end of an outside row ("…, per palace officials", "according to X").
ATTRIBUTION_TAIL = re.compile(r",?\s+((?:per|according to|citing|sources say)\s+[^,;]+)$", re.I)


def time_words(time_local: str) -> str:
    """The outside row's time as a short prefix ('dawn', '06:15'), without its parenthesised source."""
    return str(time_local).split("(", 1)[0].strip()


def collapse_table(
    events_table: pd.DataFrame,
    outside: pd.DataFrame | None,
    start: str | None = None,
    end: str | None = None,
    sources: list[str] | None = None,
    groups: pd.Series | None = None,
) -> pd.DataFrame:
    """One row per mark of the headline chart: the outside record's events, then what each article dates.

    Given ``groups`` (each article's outlet) and more than a handful of articles, a lane is a
    group, not an article (:func:`grouped_lanes`), and ranges are counted rather than labelled.

    ``kind`` is ``outside`` (a reference row; ``category`` its kind; publications are left out, they
    date stories, not events) or ``article`` (``category`` its granularity). ``day`` is the mark's first
    day inside [start, end]; ``range`` marks dates spanning more than one day (drawn as bars);
    ``label_shown`` says whether the chart writes ``label`` (outside events and ranges; single days
    are counted per article and day instead). ``text`` is the full outside text or the article's clause.
    """
    start, end = data_window(events_table, start, end)
    lo, hi = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    sources = lane_sources(events_table, sources)
    rows = []
    if outside is not None:
        for out in outside.to_dict("records"):
            s, e = out["start"], out["end"]
            if out["kind"] == PUBLICATION_KIND or e < lo or s >= hi or (e == lo and s < lo):
                continue
            when = time_words(out.get("time_local", ""))
            label = f"{when}: {short_label(out['event'])}" if when else short_label(out["event"])
            rows.append(
                {
                    "lane": OUTSIDE_LABEL, "kind": "outside", "category": out["kind"], "start": s,
                    "end": max(e, s), "label": label,
                    "text": out["event"], "range": False, "label_shown": True,
                }
            )  # fmt: skip
    lane_of, lanes_in_order = grouped_lanes(sources, groups)
    grouped = lanes_in_order != list(sources)
    sources = lanes_in_order
    mine = events_table[events_table["source_id"].isin(lane_of)] if len(events_table) else events_table
    for ev in spans_in(mine, lo, hi, lambda granularity: granularity != "week") if len(mine) else []:
        multi = ev["date"] != ev["date_end"]
        rows.append(
            {
                "lane": lane_of[ev["source_id"]], "kind": "article", "category": ev["granularity"],
                "start": ev["_start"], "end": ev["_end"],
                "label": ("by " if ev.get("bound") == "by" else "") + str(ev["mention"]),
                "text": str(ev.get("clause", "")), "range": multi, "label_shown": multi and not grouped,
            }
        )  # fmt: skip
    table = pd.DataFrame(rows, columns=[c for c in COLLAPSE_COLUMNS if c not in ("lane_no", "day", "color")])
    table["day"] = [str(max(pd.Timestamp(s), lo).date()) for s in table["start"]]
    lanes = [OUTSIDE_LABEL, *sources]
    colors = charts.source_colors(sources) | {OUTSIDE_LABEL: charts.OUTSIDE_COLOR}
    table["lane_no"] = table["lane"].map({lane: i for i, lane in enumerate(lanes)}).astype(int)
    table["color"] = table["lane"].map(colors)
    middle = [
        pd.Timestamp(s) + (pd.Timestamp(e) - pd.Timestamp(s)) / 2
        for s, e in zip(table["start"], table["end"], strict=True)
    ]
    table = table.assign(_mid=middle).sort_values(["lane_no", "_mid"], kind="stable").reset_index(drop=True)
    table.attrs["window"] = (start, end)
    table.attrs["sources"] = sources
    table.attrs["grouped"] = grouped
    table.attrs["lane_of"] = dict(lane_of)
    return table[COLLAPSE_COLUMNS]


def day_counts(marks: pd.DataFrame, missing: list[str] | pd.Series | None = None) -> pd.DataFrame:
    """Events per day and lane of :func:`collapse_table`'s marks (a range on its first day); 0: a read lane dates none.

    ``missing`` names the articles not analysed (another language, :func:`helpers.timeline.dated.not_analysed`):
    a lane none of whose articles was read is missing (NaN), never 0; a lane with some read articles
    counts those (the articles not read are listed beside the counts).
    """
    lanes = list(marks.attrs.get("sources") or [])
    lane_of = marks.attrs.get("lane_of") or {s: s for s in lanes}
    articles = marks[marks["kind"] == "article"]
    per_day = articles.groupby(["day", "lane"]).size().unstack(fill_value=0)
    per_day = per_day.reindex(columns=lanes, fill_value=0)
    per_day.columns.name = "lane"
    unread = set(missing if missing is not None else [])
    for lane in lanes:
        members = [s for s, lane_s in lane_of.items() if lane_s == lane]
        if members and all(s in unread for s in members):
            per_day[lane] = float("nan")
    return per_day


def night_events(events_table: pd.DataFrame, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Events of the focus window (``settings.focus``): clock times and parts of the day overlapping [start, end)."""
    start, end = data_focus(events_table, start, end)
    kept = spans_in(events_table, pd.Timestamp(start), pd.Timestamp(end), lambda g: g in NIGHT_GRANULARITIES)
    return events_table.iloc[[ev["_pos"] for ev in kept]]


def night_lanes(
    events_table: pd.DataFrame,
    outside: pd.DataFrame,
    start: str | None = None,
    end: str | None = None,
    sources: list[str] | None = None,
    groups: pd.Series | None = None,
) -> pd.DataFrame:
    """Marks for the focus window (:func:`night_events`): clock times as points, parts of the day as ranges.

    Past a handful of articles and given ``groups``, a lane is a group (:func:`grouped_lanes`);
    ``source_id`` always names the article whose account a mark is.
    """
    start, end = data_focus(events_table, start, end)
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    sources = lane_sources(events_table, sources)
    lane_of, lanes_in_order = grouped_lanes(sources, groups)
    grouped = lanes_in_order != list(sources)
    rows = []
    for ev in night_events(events_table[events_table["source_id"].isin(sources)], start, end).to_dict("records"):
        s, e = event_span(ev)
        bound = ev["bound"] == "by"
        rows.append(
            {
                "lane": lane_of[ev["source_id"]],
                # an upper bound ('by midnight') is a moment with an open start, not a range
                "start": min(e, hi) if bound else max(s, lo),
                "end": min(e, hi),
                "label": account_label(ev, with_source=grouped),
                "outside": False,
                "range": ev["granularity"] == "part-of-day" and not bound,
                "bound": "by" if bound else "",
                "source_id": ev["source_id"],
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
                "bound": "",
                "source_id": "",
            }
        )
    return _lane_table(rows, lanes_in_order, extra=NIGHT_EXTRA_COLUMNS)


#: Columns :func:`night_lanes` adds to :data:`LANE_COLUMNS`: an upper bound ('by'), and whose account a mark is.
NIGHT_EXTRA_COLUMNS = ["bound", "source_id"]
#: Longest event text in a mark's label on the hour-by-hour chart (characters).
ACCOUNT_LABEL = 44


def account_label(ev: dict, with_source: bool = False) -> str:
    """A mark's label: the dating words, then what the clause says happened (shortened), and whose account."""
    mention = str(ev["mention"])
    before, _, after = str(ev.get("clause", "")).partition(mention)
    before = re.sub(
        r"(\b(on|at|in|by|before|after|around|until|from|about|since|shortly|just)\s*)+$",
        "",
        before.strip(),
        flags=re.I,
    )
    clause = " ".join(f"{before} {after}".split()).strip(" ,;:-.")
    words = ("by " if ev.get("bound") == "by" and not mention.lower().startswith("by ") else "") + mention
    text = f"{words}: {short_label(clause, ACCOUNT_LABEL)}" if clause else words
    return f"{text} ({ev['source_id']})" if with_source else text


#: The headline chart draws at most this many days: past it, the busiest stretch of that length.
MAX_CHART_DAYS = 31


def busiest_stretch(marks: pd.DataFrame, start: str, end: str, days: int = MAX_CHART_DAYS) -> tuple[str, str]:
    """The ``days`` consecutive days of [start, end] holding the most marks (the earliest such stretch).

    The whole window when it is no longer than ``days``; ``marks`` is :func:`collapse_table`'s table.
    """
    every = pd.date_range(start, end, freq="D")
    if len(every) <= days:
        return start, end
    per_day = marks["day"].value_counts().reindex([str(d.date()) for d in every], fill_value=0).to_numpy()
    sums = pd.Series(per_day).rolling(days).sum().dropna()
    first = int(sums.idxmax()) - days + 1
    return str(every[first].date()), str(every[first + days - 1].date())


#: Without ``[window]`` in ``event.toml``: the days that at least this share of the dated events (and at
#: least two) name, with the publication span; a stray date (a founding year, a past election) is left out.
WINDOW_MIN_SHARE = 0.002
#: ... and that lie at most this many days before the first or after the last publication (the story's
#: own stretch; an anniversary years back is not the event followed).
WINDOW_REACH_DAYS = 90
#: Without ``[focus]``: the hour-by-hour view covers the busiest stretch of this many hours.
FOCUS_HOURS = 24


def view_window(events_table: pd.DataFrame, settings: object, published: pd.Series) -> tuple[str, str]:
    """The day-by-day window: ``event.toml``'s ``[window]`` when given, else the days the articles talk about.

    Those days are the ones the dated events name often (:data:`WINDOW_MIN_SHARE`) together with the
    publication span, so ongoing coverage keeps the events it looks ahead to (an election day after
    the last article).
    """
    given = getattr(settings, "given", frozenset())
    window = getattr(settings, "window", ("", ""))
    if {"window.start", "window.end"} <= set(given):
        return window
    days = pd.to_datetime(events_table["date"], errors="coerce").dropna() if len(events_table) else pd.Series([])
    pub = pd.to_datetime(published, errors="coerce").dropna()
    bounds = [pd.Timestamp(d) for d in (*window,) if d]
    counts = days.dt.normalize().value_counts() if len(days) else pd.Series([], dtype=int)
    named = counts[counts >= max(2, WINDOW_MIN_SHARE * len(days))].index
    if len(pub):
        reach = pd.Timedelta(days=WINDOW_REACH_DAYS)
        named = named[(named >= pub.min().normalize() - reach) & (named <= pub.max().normalize() + reach)]
    if len(named):
        bounds += [named.min(), named.max()]
    if len(pub):
        bounds += [pub.min().normalize(), pub.max().normalize()]
    if not bounds:
        return window
    start = window[0] if "window.start" in given else str(min(bounds).date())
    end = window[1] if "window.end" in given else str(max(bounds).date())
    return start, end


#: What the hour-by-hour view is called when ``event.toml`` sets no ``[focus]``.
BUSIEST_LABEL = f"the busiest {FOCUS_HOURS} hours of dated events"


def view_focus_label(settings: object) -> str:
    """``event.toml``'s ``focus.label`` when the focus is given there, else :data:`BUSIEST_LABEL`."""
    given = getattr(settings, "given", frozenset())
    if {"focus.start", "focus.end"} <= set(given):
        return str(getattr(settings, "focus_label", BUSIEST_LABEL))
    return BUSIEST_LABEL


def view_focus(events_table: pd.DataFrame, settings: object) -> tuple[str, str]:
    """The hour-by-hour stretch: ``event.toml``'s ``[focus]`` when given, else the busiest :data:`FOCUS_HOURS` hours.

    Busiest: the stretch starting on a whole hour that holds the most clock times and parts of the day.
    """
    given = getattr(settings, "given", frozenset())
    focus = getattr(settings, "focus", ("", ""))
    if {"focus.start", "focus.end"} <= set(given) or not len(events_table):
        return focus
    timed = events_table[events_table["granularity"].isin(NIGHT_GRANULARITIES)]
    starts = [event_span(ev)[0] for ev in timed.to_dict("records")]
    if not starts:
        return focus
    hours = pd.Series(1, index=pd.DatetimeIndex(starts).floor("h")).groupby(level=0).sum().sort_index()
    best, most = hours.index[0], 0
    for hour in hours.index:
        count = int(hours[(hours.index >= hour) & (hours.index < hour + pd.Timedelta(hours=FOCUS_HOURS))].sum())
        if count > most:
            best, most = hour, count
    end = best + pd.Timedelta(hours=FOCUS_HOURS)
    return best.isoformat(timespec="minutes"), end.isoformat(timespec="minutes")
