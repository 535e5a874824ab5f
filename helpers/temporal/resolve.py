"""Resolution of temporal expressions: each found span gets an ISO value and its anchor.

Longer than 500 lines: the resolvers of the span kinds share one walk's state and its helpers.

Conventions. Values are ISO 8601 in the story's local time, without an offset suffix: ``2024``
(year), ``2024-12`` (month), ``2024-12-09``/``2024-12-15`` (week, as a Monday–Sunday range),
``2024-12-07`` (day), ``2024-12-07T18:00``/``2024-12-07T22:00`` (part of day, as a range),
``2024-12-07T22:30`` (minute), ``P24Y``/``PXW`` (duration; ``X`` is an unstated quantity).
``anchor`` says what a value was resolved against: ``absolute`` (the text names the year),
``publication`` (the article's ``published`` date), ``narrative`` (the last resolved date before
the mention). Expressions whose anchor cannot be found safely are left unresolved, not guessed.

Modes (``genre``). ``news``: weekdays and deictic phrases anchor on publication, forward when the
wording says so ("will", "next", "until"). ``narrative`` (histories): year-less dates, months and
counted phrases take the story's last mentioned year and month. ``timex_value``/``timex_type``
give the ISO-TimeML reading (:mod:`helpers.temporal.values`); the other value columns keep the
concrete ranges, which the timeline uses.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from helpers.temporal.grammar import (
    _ANAPHORIC_START,
    _APPOSITION_AFTER,
    _APPOSITION_BEFORE,
    _ENDED_BEFORE,
    _FUTURE,
    _FUTURE_AFTER,
    _MONTHS,
    _ORDINALS,
    _REPORTING,
    _SEASONS,
    _WEEKDAYS,
    HOLIDAYS,
    PART_RANGES,
    _Found,
    _number,
    find_spans,
    mask_abbreviations,
)
from helpers.temporal.values import (
    _add_months,
    _clock,
    _clock_text,
    _explicit_date,
    _iso_minute,
    _norm_part,
    _part_range,
    _year_nearest,
    nearest_weekday,
    timex,
    weekday_on_or_before,
)

#: Columns of :func:`temporal_mentions`.
MENTION_COLUMNS = (
    "source_id",
    "start",
    "end",
    "text",
    "type",
    "value",
    "value_end",
    "granularity",
    "anchor",
    "anchor_value",
    "timex_value",
    "timex_type",
)
#: Resolution modes: ``news`` anchors on publication, ``narrative`` on the story's last time.
GENRES = ("news", "narrative")
#: Parts of the day that, told after an evening time, mean the next morning.
_MORNING_PARTS = {"early hours", "early morning", "dawn", "daybreak", "morning"}


@dataclass(frozen=True)
class Mention:
    """One temporal expression: its span in the unmodified text and its resolution."""

    start: int
    end: int
    text: str
    type: str
    value: str = ""
    value_end: str = ""
    granularity: str = ""
    anchor: str = ""
    anchor_value: str = ""
    timex_value: str = ""
    timex_type: str = ""


@dataclass
class _State:
    """What the resolver knows while walking an article."""

    published: dt.date | None
    narrative: tuple[dt.date, dt.time | None, int] | None = None  # date, time, paragraph index
    genre: str = "news"
    published_time: dt.time | None = None
    story_year: int | None = None  # narrative mode: the last year the text named
    story_month: int | None = None
    quarter: tuple[int, int] | None = None  # the last fiscal quarter named (year, 1-4)


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------
class _Article:
    """One article's text with paragraph and quotation lookups."""

    def __init__(self, text: str):
        self.text = text
        self.para_starts = [m.start() for m in re.finditer(r"[^\n]+", text)] or [0]

    def para(self, pos: int) -> int:
        """Index of the paragraph (non-empty line) holding ``pos``."""
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def in_quotes(self, pos: int) -> bool:
        """Whether ``pos`` is inside quoted speech within its paragraph."""
        seg = self.text[self.para_starts[self.para(pos)] : pos]
        return seg.count('"') % 2 == 1 or seg.rfind("“") > seg.rfind("”")


def _narrative(
    state: _State, article: _Article, pos: int, max_paras: int | None
) -> tuple[dt.date, dt.time | None] | None:
    """The narrative's current date, if set within ``max_paras`` paragraphs before ``pos`` (None: any)."""
    if state.narrative is None:
        return None
    day, time, para = state.narrative
    if max_paras is not None and article.para(pos) - para > max_paras:
        return None
    return day, time


def _resolve_point(f: _Found, m: Mention, state: _State, article: _Article) -> Mention:
    """Explicit dates, weekdays, clock times and parts of the day, alone or combined."""
    g = f.groups
    pub = state.published
    part = _norm_part(g)
    clock = _clock(g)
    if (g.get("hh") or g.get("hh24")) and clock is None:
        return replace(m, type="time")
    wd = g.get("wd_")
    day, anchor, anchor_value = None, "", ""
    has_date = g.get("mon") or g.get("mon2")
    typ = "date" if has_date else "weekday" if wd else "time" if clock else "part_of_day"
    if has_date:
        story = _story_year(state, _MONTHS.get((g.get("mon") or g.get("mon2") or "").lower().rstrip(".")))
        if story is not None and not (g.get("year") or g.get("year2")):
            day, anchor = _explicit_date(g, dt.date(story, 7, 2))
            anchor, anchor_value = "narrative", str(story)
        else:
            day, anchor = _explicit_date(g, pub)
            anchor_value = pub.isoformat() if anchor == "publication" and pub else ""
            ended = _ENDED_BEFORE.search(article.text[max(0, f.start - 20) : f.start])
            if day is not None and pub is not None and anchor == "publication" and day > pub and ended:
                day = _add_months(day, -12) if not g.get("wd") else None  # a period ended: the date before publication
    elif wd:
        weekday = _WEEKDAYS.index(wd.capitalize())
        before = article.text[max(0, f.start - 80) : f.start]
        narr = _narrative(state, article, f.start, None)
        if not part and clock is None and _REPORTING.search(before) and pub:
            day, anchor, anchor_value, typ = (
                weekday_on_or_before(pub, weekday),
                "publication",
                pub.isoformat(),
                "deictic",
            )
        elif state.genre == "news" and pub is not None and not part:
            if _future(article, f.start):
                day = pub + dt.timedelta(days=(weekday - pub.weekday()) % 7)
            else:
                day = weekday_on_or_before(pub, weekday)
            anchor, anchor_value = "publication", pub.isoformat()
            if narr is not None and nearest_weekday(narr[0], weekday, not_after=pub) == day:
                anchor, anchor_value = "narrative", narr[0].isoformat()  # the story's date agrees: say so
        elif narr is not None:
            day = nearest_weekday(narr[0], weekday, not_after=None if _future(article, f.start) else pub)
            anchor, anchor_value = "narrative", narr[0].isoformat()
        elif pub is not None:
            day, anchor, anchor_value = weekday_on_or_before(pub, weekday), "publication", pub.isoformat()
    else:
        narr = _narrative(state, article, f.start, 1)
        if narr is None:
            return replace(m, type=typ, anchor="narrative")
        nday, ntime = narr
        anchor, anchor_value = "narrative", nday.isoformat()
        day = nday
        if clock is not None and (g.get("clockword") or "").lower() == "midnight":
            if ntime is not None and ntime.hour < 12:
                return replace(m, type=typ, anchor=anchor)
            day = nday + dt.timedelta(days=1)
            clock = None
            return replace(
                m,
                type="time",
                value=_iso_minute(day, dt.time(0, 0)),
                granularity="minute",
                anchor=anchor,
                anchor_value=anchor_value,
            )
        if clock is not None and ntime is not None and ntime.hour >= 18 and clock.hour < 6:
            day = nday + dt.timedelta(days=1)
        if part in _MORNING_PARTS and ntime is not None and ntime.hour >= 12:
            day = nday + dt.timedelta(days=1)
        if part in ("night", "overnight") and ntime is not None and ntime.hour < 6:
            day = nday - dt.timedelta(days=1)
    if day is None:
        return replace(m, type=typ, anchor=anchor)
    if clock is not None:
        if (g.get("clockword") or "").lower() == "midnight":
            day += dt.timedelta(days=1)
        if part == "night" and clock.hour < 12:
            day += dt.timedelta(days=1)
        typ = "time" if typ != "deictic" else typ
        return replace(
            m, type=typ, value=_iso_minute(day, clock), granularity="minute", anchor=anchor, anchor_value=anchor_value
        )
    if part:
        start, end = _part_range(day, part)
        return replace(
            m,
            type="part_of_day",
            value=start,
            value_end=end,
            granularity="part-of-day",
            anchor=anchor,
            anchor_value=anchor_value,
        )
    return replace(m, type=typ, value=day.isoformat(), granularity="day", anchor=anchor, anchor_value=anchor_value)


def _story_year(state: _State, month: int | None) -> int | None:
    """Narrative mode: the story's year for a year-less month or date (histories jump back as often as on)."""
    if state.genre != "narrative" or state.story_year is None:
        return None
    return state.story_year


def _resolve_month(f: _Found, m: Mention, state: _State, article: _Article) -> Mention:
    """A month (optionally late/early/mid-) with or without a year."""
    g = f.groups
    month = _MONTHS.get(g["mon"].lower().rstrip("."))
    if month is None:
        return replace(m, type="date")
    pub = state.published
    story = _story_year(state, month)
    if g.get("year"):
        year, anchor, anchor_value = int(g["year"]), "absolute", ""
    elif story is not None:
        year, anchor, anchor_value = story, "narrative", str(story)
    elif pub is not None and _future(article, f.start):
        year = pub.year if month >= pub.month else pub.year + 1
        anchor, anchor_value = "publication", pub.isoformat()
    elif pub is not None:
        year = pub.year if month <= pub.month else pub.year - 1
        anchor, anchor_value = "publication", pub.isoformat()
    else:
        return replace(m, type="date", anchor="publication")
    mod = re.sub(r"\s+", " ", (g.get("mod") or "").lower())
    last = calendar.monthrange(year, month)[1]
    spans = {
        "early": (1, 10),
        "the start of": (1, 10),
        "the beginning of": (1, 10),
        "mid": (11, 20),
        "the middle of": (11, 20),
        "late": (21, last),
        "the end of": (21, last),
    }
    if mod in spans:
        a, b = spans[mod]
        return replace(
            m,
            type="date",
            value=dt.date(year, month, a).isoformat(),
            value_end=dt.date(year, month, b).isoformat(),
            granularity="day",
            anchor=anchor,
            anchor_value=anchor_value,
        )
    return replace(
        m, type="date", value=f"{year:04d}-{month:02d}", granularity="month", anchor=anchor, anchor_value=anchor_value
    )


def _resolve_deictic(f: _Found, m: Mention, state: _State, article: _Article) -> Mention:
    """Today/tomorrow/yesterday, this/last/next week|month|year, the weekend, N days ago."""
    g = f.groups
    pub = state.published
    if g.get("day"):
        word = g["day"].lower()
        shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[word]
        if article.in_quotes(f.start):
            narr = _narrative(state, article, f.start, 0)
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
                value=_iso_minute(day, a),
                value_end=_iso_minute(day, b),
                granularity="minute",
                anchor=anchor,
                anchor_value=_iso_minute(base, ptime),
                timex_value=day.isoformat(),
                timex_type="DATE",
            )
        if word == "tonight":
            start, end = _part_range(day, "night")
            return replace(
                m, value=start, value_end=end, granularity="part-of-day", anchor=anchor, anchor_value=base.isoformat()
            )
        return replace(m, value=day.isoformat(), granularity="day", anchor=anchor, anchor_value=base.isoformat())
    if pub is None:
        return replace(m, anchor="publication")
    out = {"anchor": "publication", "anchor_value": pub.isoformat()}
    if g.get("num"):
        n = _number(g["num"])
        if n is None or n != int(n):
            return replace(m, anchor="publication")
        unit = g["unit"].lower()
        n = int(n)
        if unit in ("hour", "minute"):
            if state.published_time is None:
                return replace(m, anchor="publication")  # hours ago: unknown without the publication time
            moment = dt.datetime.combine(pub, state.published_time) - dt.timedelta(**{f"{unit}s": n})
            out["anchor_value"] = _iso_minute(pub, state.published_time)
            return replace(m, value=_iso_minute(moment.date(), moment.time()), granularity="minute", **out)
        if unit in ("day", "week"):
            day = pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
            return replace(m, value=day.isoformat(), granularity="day", **out)
        if unit == "month":
            return replace(m, value=_add_months(pub, -n).strftime("%Y-%m"), granularity="month", **out)
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
        return replace(m, value=_add_months(pub.replace(day=1), shift).strftime("%Y-%m"), granularity="month", **out)
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
    g: dict[str, str], m: Mention, state: _State, article: _Article, pos: int, out: dict[str, str]
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
        start, end = _part_range(pub, g["dpart"].lower())
        return replace(m, value=start, value_end=end, granularity="part-of-day", **out)
    if g.get("dwd"):
        weekday = _WEEKDAYS.index(g["dwd"].capitalize())
        rel = g["wrel"].lower()
        ahead = (weekday - pub.weekday()) % 7 or 7
        if rel == "last" or (rel == "this" and not _future(article, pos)):
            day = pub - dt.timedelta(days=(pub.weekday() - weekday) % 7 or 7)
        else:
            day = pub + dt.timedelta(days=ahead)
        return replace(m, value=day.isoformat(), granularity="day", **out)
    if g.get("dmon"):
        month = _MONTHS.get(g["dmon"].lower().rstrip("."))
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
        year = pub.year - (0 if _future(article, pos) or pub.month == 12 else 1)
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


def _apposed(index: int, mentions: list[Mention], founds: list[_Found], text: str) -> Mention | None:
    """An explicit, day-level date standing in apposition right before or after mention ``index``."""
    cands = []
    if index > 0:
        cands.append((index - 1, text[mentions[index - 1].end : founds[index].start], _APPOSITION_BEFORE))
    if index + 1 < len(mentions):
        cands.append((index + 1, text[founds[index].end : mentions[index + 1].start], _APPOSITION_AFTER))
    for j, gap, pattern in cands:
        other = mentions[j]
        if other.type == "date" and other.granularity == "day" and not other.value_end and pattern.match(gap):
            return other
    return None


def _resolve_relative(f: _Found, m: Mention, state: _State, article: _Article, apposed: Mention | None) -> Mention:
    """'Four days later', 'a day after', 'the next day', 'hours before', 'the eve of ...'."""
    g = f.groups
    m = replace(m, type="relative", anchor="narrative")
    if g.get("emon") or g.get("emon2"):
        day, _ = _explicit_date(g, state.published, prefix="e")
        if day is None:
            return m
        return replace(
            m, value=(day - dt.timedelta(days=1)).isoformat(), granularity="day", anchor_value=day.isoformat()
        )
    if apposed is not None:
        counted = _count(f, m, state, article, None)
        if counted.value == apposed.value and not counted.value_end:
            return counted  # the arithmetic from the narrative date agrees with the apposed date
        return replace(m, value=apposed.value, granularity="day", anchor_value=apposed.value)
    if g.get("vague"):
        return m
    return _count(f, m, state, article, 1)


def _count(f: _Found, m: Mention, state: _State, article: _Article, max_paras: int | None) -> Mention:
    """A relative phrase counted from the narrative date (set within ``max_paras`` paragraphs)."""
    g = f.groups
    if g.get("vague"):
        return m
    narr = _narrative(state, article, f.start, max_paras)
    if g.get("which") or (g.get("rel", "").lower() in ("before", "after") and not g.get("num")):
        if narr is None:
            return m
        which = (g.get("which") or g.get("rel") or "").lower()
        sign = 1 if which in ("next", "following", "after") else -1
        unit = (g.get("unit") or "day").lower()
        day = narr[0] + dt.timedelta(days=sign * (7 if unit == "week" else 1))
        if unit in PART_RANGES:
            start, end = _part_range(day, unit)
            return replace(m, value=start, value_end=end, granularity="part-of-day", anchor_value=narr[0].isoformat())
        if unit == "week":
            monday = weekday_on_or_before(day, 0)
            return replace(
                m,
                value=monday.isoformat(),
                value_end=(monday + dt.timedelta(days=6)).isoformat(),
                granularity="week",
                anchor_value=narr[0].isoformat(),
            )
        return replace(m, value=day.isoformat(), granularity="day", anchor_value=narr[0].isoformat())
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    anaphoric = rel in ("later", "earlier", "afterwards", "afterward", "beforehand") or bool(g.get("anaph"))
    if not anaphoric and not _ANAPHORIC_START.match(article.text[f.end : f.end + 12]):
        return m  # anchored to an event named after it ('before leaving'), whose date is unknown here
    unit = g["unit"].lower().rstrip("s")
    if unit in ("month", "year") and not g.get("num2"):
        return _count_months(m, g, rel, unit, narr, state)
    if narr is None:
        return m
    nums = [_number(g["num"])] + ([_number(g["num2"])] if g.get("num2") else [])
    if any(n is None or n != int(n) for n in nums):
        return m
    sign = -1 if rel in ("earlier", "beforehand", "before", "prior to") else 1
    unit = g["unit"].lower().rstrip("s")
    values = []
    for n in sorted(int(x) for x in nums if x is not None):
        if unit in ("day", "week"):
            values.append(narr[0] + dt.timedelta(days=sign * n * (7 if unit == "week" else 1)))
        elif unit in ("hour", "minute") and narr[1] is not None:
            moment = dt.datetime.combine(narr[0], narr[1]) + sign * dt.timedelta(**{f"{unit}s": n})
            values.append(moment)
        else:
            return m
    values.sort()
    anchor_value = narr[0].isoformat() if narr[1] is None else _iso_minute(narr[0], narr[1])
    if isinstance(values[0], dt.datetime):
        fmt = [_iso_minute(v.date(), v.time()) for v in values]  # type: ignore[union-attr]
        gran = "minute"
    else:
        fmt = [v.isoformat() for v in values]
        gran = "day"
    return replace(
        m, value=fmt[0], value_end=fmt[-1] if len(fmt) > 1 else "", granularity=gran, anchor_value=anchor_value
    )


def _count_months(
    m: Mention, g: dict[str, str], rel: str, unit: str, narr: tuple[dt.date, dt.time | None] | None, state: _State
) -> Mention:
    """'fifteen months later', 'two years earlier': counted from the story's date, month or year."""
    n = _number(g["num"])
    if n is None or n != int(n):
        return m
    sign = -1 if rel in ("earlier", "beforehand", "before", "prior to") else 1
    if state.story_year is not None and state.story_month is not None:
        base = dt.date(state.story_year, state.story_month, 1)  # the story's latest month, set with any date
    elif narr is not None:
        base = narr[0]
    elif state.story_year is not None:
        base = dt.date(state.story_year, 1, 1)
    elif state.published is not None and state.genre == "news":
        base = state.published
    else:
        return m
    if unit == "year":
        if state.story_year is not None:
            base = dt.date(state.story_year, 1, 1)
        return replace(m, value=str(base.year + sign * int(n)), granularity="year", anchor_value=str(base.year))
    if narr is None and state.story_month is None and state.story_year is not None:
        return m
    moved = _add_months(base.replace(day=1), sign * int(n))
    return replace(m, value=moved.strftime("%Y-%m"), granularity="month", anchor_value=base.strftime("%Y-%m"))


def _resolve_duration(f: _Found, m: Mention) -> Mention:
    """'24-year', 'half-century', '10 days', 'several weeks', 'decades' as ISO 8601 durations."""
    g = f.groups
    m = replace(m, type="duration", granularity="duration")
    unit = (g.get("unit") or g.get("vunit") or "").lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    if g.get("half"):
        n: float | None = 0.5
    elif g.get("vunit"):
        n = None
    else:
        n = _number(g["num"])
    code = {
        "minute": "TM",
        "hour": "TH",
        "day": "D",
        "week": "W",
        "month": "M",
        "year": "Y",
        "decade": "DE",
        "century": "CE",
    }[unit]
    if n is None:
        return replace(m, value=f"P{'T' if code.startswith('T') else ''}X{code.lstrip('T')}")
    if unit in ("decade", "century"):
        n, code = n * (10 if unit == "decade" else 100), "Y"
    if n != int(n):
        return replace(m, value="")
    return replace(m, value=f"P{'T' if code.startswith('T') else ''}{int(n)}{code.lstrip('T')}")


def _anchor_year(state: _State) -> tuple[int | None, str, str]:
    """The year a year-less expression falls in: the story's (narrative mode) or publication's."""
    if state.genre == "narrative" and state.story_year is not None:
        return state.story_year, "narrative", str(state.story_year)
    if state.published is not None:
        return state.published.year, "publication", state.published.isoformat()
    if state.story_year is not None:
        return state.story_year, "narrative", str(state.story_year)
    return None, "", ""


def _future(article: _Article, pos: int) -> bool:
    """Whether the words before ``pos`` in its sentence point to the future."""
    before = mask_abbreviations(article.text[max(0, pos - 120) : pos])
    after = mask_abbreviations(article.text[pos : pos + 60])
    return bool(_FUTURE.search(before)) or (not re.search(r"[.;!?]", before[-30:]) and bool(_FUTURE_AFTER.match(after)))


def _months(m: Mention, first: tuple[int, int], last: tuple[int, int], anchor: str, av: str, timex: str) -> Mention:
    """A season or quarter: the months ``first`` to ``last`` (year, month), with its ISO-TimeML value."""
    return replace(
        m,
        type="date",
        value=f"{first[0]:04d}-{first[1]:02d}",
        value_end=f"{last[0]:04d}-{last[1]:02d}",
        granularity="month",
        anchor=anchor,
        anchor_value=av,
        timex_value=timex,
        timex_type="DATE",
    )


def _resolve_extra(f: _Found, m: Mention, state: _State, article: _Article) -> Mention:
    """Seasons, decades, centuries, holidays, quarters, short years and anaphora ('that same day')."""
    g = f.groups
    kind = f.kind
    if kind == "decade":
        if g.get("decade"):
            d = g["decade"]
        else:
            year, _, _ = _anchor_year(state)
            if year is None:
                return replace(m, type="year")
            d = f"{str(year)[:2]}{g['sdecade'][1]}"
        start = int(d) * 10
        return replace(
            m,
            type="year",
            value=str(start),
            value_end=str(start + 9),
            granularity="year",
            anchor="absolute",
            timex_value=d,
            timex_type="DATE",
        )
    if kind == "century":
        n = int(g["century"]) if g.get("century") else _ORDINALS[re.sub(r"\s+", "-", g["centw"].lower())]
        return replace(
            m,
            type="year",
            value=f"{(n - 1) * 100:04d}",
            value_end=f"{(n - 1) * 100 + 99:04d}",
            granularity="year",
            anchor="absolute",
            timex_value=f"{n - 1:02d}",
            timex_type="DATE",
        )
    if kind == "shortyear":
        year, anchor, av = _anchor_year(state)
        if year is None:
            return replace(m, type="year")
        y = int(str(year)[:2] + g["short"][1:])
        if y > year + 10:
            y -= 100
        return replace(m, type="year", value=str(y), granularity="year", anchor=anchor, anchor_value=av)
    if g.get("year") or g.get("year2"):
        year, anchor, av = int(g.get("year") or g["year2"]), "absolute", ""
    else:
        year, anchor, av = _anchor_year(state)
    if year is None:
        return replace(m, type="date")
    if kind == "season":
        season = g["season"].lower()
        rel = re.sub(r"\s+", " ", (g.get("srel") or "").lower())
        if not g.get("year"):
            year += {"last": -1, "next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
            if rel in ("last", "next") and state.published is not None:
                anchor, av = "publication", state.published.isoformat()
        code = _SEASONS[season]
        months = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}[code]
        end_y, end_m = (year + 1, months[1] - 12) if months[1] > 12 else (year, months[1])
        return _months(m, (year, months[0]), (end_y, end_m), anchor, av, f"{year:04d}-{code}")
    if kind == "holiday":
        key = re.sub(r"\s+", " ", g["holiday"].lower().replace("’", "'"))
        month, day = HOLIDAYS[key]
        if not g.get("year") and anchor == "publication" and state.published is not None:
            near = _year_nearest(month, day, state.published)
            year = near.year if near else year
        date = dt.date(year, month, day)
        return replace(m, type="date", value=date.isoformat(), granularity="day", anchor=anchor, anchor_value=av)
    if kind == "quarter":
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}[
            g["quarter"].lower()
        ]
        pub = state.published
        rel = (g.get("qrel") or "").lower()
        if rel and pub is not None:  # 'next year's first quarter'
            year, anchor, av = pub.year + {"last": -1, "this": 0, "next": 1}[rel], "publication", pub.isoformat()
        elif not g.get("year") and anchor == "publication" and pub is not None and q > (pub.month - 1) // 3 + 1:
            year -= 1
        return _months(m, (year, 3 * q - 2), (year, 3 * q), anchor, av, f"{year:04d}-Q{q}")
    # anaphora: the story's day, month or year, or the one before or after it
    ref = re.sub(r"\s+", " ", g["aref"].lower())
    unit = g["aunit"].lower()
    shift = (
        1
        if ref in ("the following", "the next")
        else -1
        if ref in ("the previous", "the preceding", "the prior")
        else 0
    )
    m = replace(m, type="relative", anchor="narrative")
    if unit == "year":
        base_year = state.story_year
        if base_year is None and state.genre == "news" and state.published is not None:
            base_year = state.published.year
        if base_year is None:
            return m
        return replace(m, value=str(base_year + shift), granularity="year", anchor_value=str(base_year))
    narr = _narrative(state, article, f.start, None)
    if unit == "month":
        if narr is not None and (state.story_year is None or narr[0].year == state.story_year):
            base = narr[0].replace(day=1)
        elif state.story_year is not None and state.story_month is not None:
            base = dt.date(state.story_year, state.story_month, 1)
        else:
            return m
        return replace(
            m,
            value=_add_months(base, shift).strftime("%Y-%m"),
            granularity="month",
            anchor_value=base.strftime("%Y-%m"),
        )
    if narr is None:
        return m
    day = narr[0] + dt.timedelta(days=shift)
    return replace(m, value=day.isoformat(), granularity="day", anchor_value=narr[0].isoformat())


def _with_timex(m: Mention) -> Mention:
    """``m`` with its ISO-TimeML value and type filled in (kept when the resolver set them)."""
    if m.timex_value:
        return m
    value, typ = timex(m)
    return replace(m, timex_value=value, timex_type=typ)


def resolve_text(
    text: str,
    published: dt.date | pd.Timestamp | None = None,
    genre: str = "news",
    published_time: str | None = None,
) -> list[Mention]:
    """Find and resolve every temporal expression of one article, in text order.

    ``genre`` picks the anchoring (:data:`GENRES`): ``news`` anchors weekdays and relative
    phrases on publication, ``narrative`` on the story's last mentioned time.
    """
    if genre not in GENRES:
        raise ValueError(f"genre {genre!r} is not one of {', '.join(GENRES)}")
    pub = pd.Timestamp(published).date() if published is not None and not pd.isna(published) else None
    article = _Article(text)
    founds = find_spans(text)
    state = _State(published=pub, genre=genre, published_time=_clock_text(published_time))
    mentions = [Mention(f.start, f.end, text[f.start : f.end], f.kind) for f in founds]
    # explicit dates first: relative phrases may stand in apposition to the next one
    for i, f in enumerate(founds):
        if f.kind == "point" and (f.groups.get("mon") or f.groups.get("mon2")):
            mentions[i] = _resolve_point(f, mentions[i], state, article)
    for i, f in enumerate(founds):
        m = mentions[i]
        if f.kind == "point":
            m = _resolve_point(f, m, state, article)
        elif f.kind == "month":
            m = _resolve_month(f, m, state, article)
        elif f.kind == "year":
            m = replace(m, type="year", value=f"{int(f.groups['year']):04d}", granularity="year", anchor="absolute")
            state.story_year, state.story_month = int(f.groups["year"]), None
        elif f.kind == "deictic":
            m = _resolve_deictic(f, m, state, article)
        elif f.kind == "relative":
            m = _resolve_relative(f, m, state, article, _apposed(i, mentions, founds, text))
        elif f.kind == "duration":
            m = _resolve_duration(f, m)
        else:
            m = _resolve_extra(f, m, state, article)
        mentions[i] = m
        # comparisons ('a year earlier', 'the 1988 period') are not the report's own quarter
        comparison = any(f.groups.get(k) for k in ("ya", "qlast", "qago", "qyear")) or "year-" in m.text.lower()
        if re.fullmatch(r"\d{4}-Q[1-4]", m.timex_value) and not comparison:
            state.quarter = (int(m.timex_value[:4]), int(m.timex_value[-1]))
        _advance(state, m, article, f)
    return [_with_timex(m) for m in mentions]


def _advance(state: _State, m: Mention, article: _Article, f: _Found) -> None:
    """Move the narrative date to a resolved point mention (not reporting days, not quoted speech)."""
    one_year = not m.value_end or m.value_end[:4] == m.value[:4]
    story = m.anchor == "absolute" or (state.genre == "narrative" and m.anchor == "narrative")
    if m.value and m.type != "duration" and m.value[:4].isdigit() and one_year and story:
        state.story_year = int(m.value[:4])
        state.story_month = int(m.value[5:7]) if len(m.value) >= 7 and m.value[5:7].isdigit() else None
    if not m.value or m.granularity not in ("day", "part-of-day", "minute"):
        return
    if m.anchor == "publication" and m.type == "deictic" and "weekend" not in m.text.lower():
        return
    if m.type == "deictic" and article.in_quotes(f.start):
        return
    start = dt.date.fromisoformat(m.value[:10])
    if m.value_end and m.granularity == "day" and (dt.date.fromisoformat(m.value_end[:10]) - start).days > 1:
        return
    time = dt.time.fromisoformat(m.value[11:16]) if len(m.value) > 10 else None
    state.narrative = (start, time, article.para(f.start))


def mentions_frame(source_id: str, mentions: Iterable[Mention]) -> pd.DataFrame:
    """Mentions of one article as a table with :data:`MENTION_COLUMNS`."""
    rows = [{"source_id": source_id, **m.__dict__} for m in mentions]
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def temporal_mentions(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every temporal expression of every article, resolved against its ``published`` date.

    The manifest's optional ``genre`` and ``published_time`` columns pick the anchoring mode and
    refine same-day expressions (absent: news, no time).
    """
    frames = [
        mentions_frame(
            str(sid),
            resolve_text(
                row.text,
                row.published,
                genre=str(getattr(row, "genre", "") or "news"),
                published_time=str(getattr(row, "published_time", "") or "") or None,
            ),
        )
        for sid, row in corpus.iterrows()
    ]
    if not frames:
        return pd.DataFrame(columns=list(MENTION_COLUMNS))
    out = pd.concat(frames, ignore_index=True)
    return out.astype({"start": int, "end": int})


def quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside quoted speech within its paragraph (dates there belong to the speech)."""
    return _Article(text).in_quotes(pos)


def publication_dependence(mentions: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Per article: its publication date and basis, and which resolved mentions lean on that date.

    Deictic phrases ('last week', 'on Wednesday' of a statement) and year-less dates move with
    the publication date, so an inferred date makes them inferred too.
    """
    from helpers.corpus.load import is_inferred

    rows = []
    for sid, row in corpus.iterrows():
        mine = mentions[
            (mentions["source_id"] == sid) & (mentions["anchor"] == "publication") & (mentions["value"] != "")
        ]
        deictic = mine[mine["type"].isin(["deictic", "weekday"])]
        rows.append(
            {
                "source_id": sid,
                "published": row["published"].strftime("%Y-%m-%d"),
                "date basis": "inferred" if is_inferred(row["published_basis"]) else "stated",
                "resolved against publication": len(mine),
                "of which weekdays and deictic phrases": ", ".join(
                    f"'{t}' → {v}" for t, v in zip(deictic["text"], deictic["value"], strict=True)
                ),
            }
        )
    return pd.DataFrame(rows).set_index("source_id")
