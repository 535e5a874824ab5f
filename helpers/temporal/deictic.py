"""Deictic phrases anchored on publication: today, last week, this morning, next May, the latest quarter."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from helpers.temporal.context import Article, State, is_future, narrative_date
from helpers.temporal.grammar import Found, number
from helpers.temporal.lexicon import (
    MONTHS,
    WEEKDAYS,
)
from helpers.temporal.mention import Mention
from helpers.temporal.values import (
    add_months,
    iso_minute,
    part_range,
    weekday_on_or_before,
)

#: How many paragraphs back a quoted 'yesterday' finds the day its speaker spoke: news quotes often
#: open the paragraph after the one saying when the speaker talked.
QUOTE_PARAS = 1


def resolve_deictic(f: Found, m: Mention, state: State, article: Article) -> Mention:
    """Today/tomorrow/yesterday, this/last/next week|month|year, the weekend, N days ago."""
    g = f.groups
    pub = state.published
    if g.get("day"):
        word = g["day"].lower()
        shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[word]
        if article.in_quotes(f.start):
            narr = narrative_date(state, article, f.start, QUOTE_PARAS)
            spoken = state.reporting_day
            if narr is None and spoken is not None and article.para(f.start) - spoken[1] <= 2:
                narr = (spoken[0], None)  # the quote's speaker was reported 'on Thursday' just before
            if narr is None:
                return replace(m, anchor="narrative")
            base, anchor = narr[0], "narrative"
        elif pub is not None:
            base, anchor = pub, "publication"
        else:
            return replace(m, anchor="publication")
        ptime = state.published_time if anchor == "publication" else None
        if word == "tonight" and ptime is not None and ptime.hour < 6:
            base = base - dt.timedelta(days=1)  # published in the small hours: the night under way
        day = base + dt.timedelta(days=shift)
        when = (g.get("tdwhen") or "").lower()
        if word == "today" and when and ptime is not None:
            # 'earlier today' / 'later today' with a publication time: before or after that minute
            a, b = (dt.time(0, 0), ptime) if when == "earlier" else (ptime, dt.time(23, 59))
            return replace(
                m,
                value=iso_minute(day, a),
                value_end=iso_minute(day, b),
                granularity="minute",
                anchor=anchor,
                anchor_value=iso_minute(base, ptime),
                timex_value=day.isoformat(),
                timex_type="DATE",
            )
        if word == "tonight":
            start, end = part_range(day, "night")
            return replace(
                m, value=start, value_end=end, granularity="part-of-day", anchor=anchor, anchor_value=base.isoformat()
            )
        return replace(m, value=day.isoformat(), granularity="day", anchor=anchor, anchor_value=base.isoformat())
    if pub is None:
        return replace(m, anchor="publication")
    out = {"anchor": "publication", "anchor_value": pub.isoformat()}
    if g.get("num"):
        n = number(g["num"])
        if n is None or n != int(n):
            return replace(m, anchor="publication")
        unit = g["unit"].lower()
        n = int(n)
        if unit in ("hour", "minute"):
            if state.published_time is None:
                return replace(m, anchor="publication")  # hours ago: unknown without the publication time
            moment = dt.datetime.combine(pub, state.published_time) - dt.timedelta(**{f"{unit}s": n})
            out["anchor_value"] = iso_minute(pub, state.published_time)
            return replace(m, value=iso_minute(moment.date(), moment.time()), granularity="minute", **out)
        if unit in ("day", "week"):
            day = pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
            return replace(m, value=day.isoformat(), granularity="day", **out)
        if unit == "month":
            return replace(m, value=add_months(pub, -n).strftime("%Y-%m"), granularity="month", **out)
        return replace(m, value=str(pub.year - n), granularity="year", **out)
    if any(g.get(k) for k in ("dpart", "dwd", "dmon", "cy", "ya", "yend", "pastyear", "qyear")) or "qq" in g:
        return _resolve_named_deictic(g, m, state, article, f.start, out)
    rel = (g.get("rel") or "").lower()
    if "weekend" in m.text.lower():
        sat = weekday_on_or_before(pub - dt.timedelta(days=1), 5)
        if rel == "next" or (rel == "this" and pub.weekday() < 5):
            sat = (
                weekday_on_or_before(pub, 5) + dt.timedelta(days=7) if pub.weekday() < 5 else sat + dt.timedelta(days=7)
            )
        if rel == "this" and pub.weekday() >= 5:
            sat = weekday_on_or_before(pub, 5)
        return replace(
            m, value=sat.isoformat(), value_end=(sat + dt.timedelta(days=1)).isoformat(), granularity="day", **out
        )
    shift = {"last": -1, "this": 0, "next": 1}[rel]
    unit = g["unit"].lower()
    if unit == "year" and state.genre == "narrative" and state.story_year is not None:
        story = state.story_year
        return replace(m, value=str(story + shift), granularity="year", anchor="narrative", anchor_value=str(story))
    if unit == "week":
        monday = weekday_on_or_before(pub, 0) + dt.timedelta(days=7 * shift)
        return replace(
            m,
            value=monday.isoformat(),
            value_end=(monday + dt.timedelta(days=6)).isoformat(),
            granularity="week",
            **out,
        )
    if unit == "month":
        return replace(m, value=add_months(pub.replace(day=1), shift).strftime("%Y-%m"), granularity="month", **out)
    return replace(m, value=str(pub.year + shift), granularity="year", **out)


def _quarter_mention(m: Mention, year: int, q: int, **out: str) -> Mention:
    """A fiscal quarter as a month range, with its ISO-TimeML value ('1989-Q3')."""
    return replace(
        m,
        value=f"{year:04d}-{3 * q - 2:02d}",
        value_end=f"{year:04d}-{3 * q:02d}",
        granularity="month",
        timex_value=f"{year:04d}-Q{q}",
        timex_type="DATE",
        **out,
    )


def _resolve_named_deictic(
    g: dict[str, str], m: Mention, state: State, article: Article, pos: int, out: dict[str, str]
) -> Mention:
    """'this morning', 'last Monday', 'next May', 'the current year', 'the latest quarter', 'a year earlier'.

    In a report on a quarter, 'a year earlier' and 'the year-ago period' are that quarter a year before.
    """
    pub = state.published
    assert pub is not None
    if g.get("ya"):
        if state.quarter is not None:
            return _quarter_mention(m, state.quarter[0] - 1, state.quarter[1], **out)
        base = pub.year if "ago" in g["ya"].lower() or state.story_year is None else state.story_year
        return replace(m, value=str(base - 1), granularity="year", **out)
    if g.get("dpart"):
        start, end = part_range(pub, g["dpart"].lower())
        return replace(m, value=start, value_end=end, granularity="part-of-day", **out)
    if g.get("dwd"):
        weekday = WEEKDAYS.index(g["dwd"].capitalize())
        rel = g["wrel"].lower()
        ahead = (weekday - pub.weekday()) % 7 or 7
        if rel == "last" or (rel == "this" and not is_future(article, pos)):
            day = pub - dt.timedelta(days=(pub.weekday() - weekday) % 7 or 7)
        else:
            day = pub + dt.timedelta(days=ahead)
        return replace(m, value=day.isoformat(), granularity="day", **out)
    if g.get("dmon"):
        month = MONTHS.get(g["dmon"].lower().rstrip("."))
        if month is None:
            return m
        rel = g["mrel"].lower()
        year = pub.year
        if rel == "last":
            year = pub.year if month < pub.month else pub.year - 1
        elif rel == "next":
            year = pub.year if month > pub.month else pub.year + 1
        return replace(m, value=f"{year:04d}-{month:02d}", granularity="month", **out)
    if g.get("cy"):
        return replace(m, value=str(pub.year), granularity="year", **out)
    if g.get("pastyear"):
        return replace(m, value=str(pub.year - 1), granularity="year", **out)
    if g.get("yend"):
        year = pub.year - (0 if is_future(article, pos) or pub.month == 12 else 1)
        if re.search(r"\b(?:by|until|before|at|around|through)\s+(?:the\s+)?$", article.text[max(0, pos - 15) : pos]):
            year = pub.year
        return replace(m, value=f"{year:04d}-12", granularity="month", **out)
    qq = (g.get("qq") or "").lower()
    if state.quarter is not None and qq != "current":
        year, q = state.quarter
    else:
        ref = pub - dt.timedelta(days=0 if qq == "current" else 45)
        year, q = ref.year, (ref.month - 1) // 3 + 1
    if g.get("qyear"):  # 'the 1988 period': the report's quarter in the year named
        return _quarter_mention(m, int(g["qyear"]), q, anchor="absolute", anchor_value="")
    year_ago = qq.startswith("year-") or g.get("qlast") or g.get("qago")
    return _quarter_mention(m, year - (1 if year_ago else 0), q, **out)
