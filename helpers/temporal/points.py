"""Explicit dates, weekdays, clock times, parts of the day and months: the point mentions of an article."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from helpers.temporal.context import Article, State, is_future, narrative_date, sentence_tense, story_year
from helpers.temporal.grammar import Found
from helpers.temporal.lexicon import (
    MONTHS,
    PARTS_OF_DAY,
    WEEKDAYS,
)
from helpers.temporal.mention import Mention
from helpers.temporal.patterns import (
    ENDED_BEFORE,
    REPORTING,
)
from helpers.temporal.values import (
    add_months,
    clock_of,
    explicit_date,
    iso_minute,
    nearest_weekday,
    norm_part,
    part_range,
    weekday_on_or_before,
)

#: How far from publication a year-less date must fall before its sentence's tense moves it a year: closer
#: dates keep the nearest year, since business news tells coming dates in past sentences ('said it would
#: pay on Dec. 7'): on TimeBank development data a 60-day margin lost four dates and won one, 90 days lost one,
#: 120 days none.
_TENSE_MARGIN = dt.timedelta(days=120)
#: Parts of the day that, told after an evening time, mean the next morning.
_MORNING = {w for w, p in PARTS_OF_DAY.items() if p.morning}


def resolve_point(f: Found, m: Mention, state: State, article: Article) -> Mention:
    """Explicit dates, weekdays, clock times and parts of the day, alone or combined."""
    g = f.groups
    pub = state.published
    part = norm_part(g)
    clock = clock_of(g)
    if (g.get("hh") or g.get("hh24")) and clock is None:
        return replace(m, type="time")
    wd = g.get("wd_")
    day, anchor, anchor_value = None, "", ""
    has_date = g.get("mon") or g.get("mon2")
    typ = "date" if has_date else "weekday" if wd else "time" if clock else "part_of_day"
    if has_date:
        story = story_year(state, MONTHS.get((g.get("mon") or g.get("mon2") or "").lower().rstrip(".")))
        if story is not None and not (g.get("year") or g.get("year2")):
            day, anchor = explicit_date(g, dt.date(story, 7, 2))
            anchor, anchor_value = "narrative", str(story)
        else:
            day, anchor = explicit_date(g, pub)
            anchor_value = pub.isoformat() if anchor == "publication" and pub else ""
            ended = ENDED_BEFORE.search(article.text[max(0, f.start - 20) : f.start])
            if day is not None and pub is not None and anchor == "publication" and day > pub and ended:
                day = add_months(day, -12) if not g.get("wd") else None  # a period ended: the date before publication
            elif day is not None and pub is not None and anchor == "publication" and not g.get("wd"):
                day = _by_tense(day, pub, sentence_tense(article, f.start))
    elif wd:
        weekday = WEEKDAYS.index(wd.capitalize())
        before = article.text[max(0, f.start - 80) : f.start]
        narr = narrative_date(state, article, f.start, None)
        if not part and clock is None and REPORTING.search(before) and pub:
            day, anchor, anchor_value, typ = (
                weekday_on_or_before(pub, weekday),
                "publication",
                pub.isoformat(),
                "deictic",
            )
            state.reporting_day = (day, article.para(f.start))
        elif state.genre == "news" and pub is not None and not part:
            if _ahead(state, article, f.start, weekday):
                day = pub + dt.timedelta(days=(weekday - pub.weekday()) % 7)
            else:
                day = weekday_on_or_before(pub, weekday)
            anchor, anchor_value = "publication", pub.isoformat()
            if narr is not None and nearest_weekday(narr[0], weekday, not_after=pub) == day:
                anchor, anchor_value = "narrative", narr[0].isoformat()  # the story's date agrees: say so
        elif narr is not None:
            day = nearest_weekday(narr[0], weekday, not_after=None if is_future(article, f.start) else pub)
            anchor, anchor_value = "narrative", narr[0].isoformat()
        elif state.genre == "news" and pub is not None and _ahead(state, article, f.start, weekday):
            day, anchor, anchor_value = (
                pub + dt.timedelta(days=(weekday - pub.weekday()) % 7),
                "publication",
                pub.isoformat(),
            )
        elif pub is not None:
            day, anchor, anchor_value = weekday_on_or_before(pub, weekday), "publication", pub.isoformat()
    else:
        narr = narrative_date(state, article, f.start, 1)
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
                value=iso_minute(day, dt.time(0, 0)),
                granularity="minute",
                anchor=anchor,
                anchor_value=anchor_value,
            )
        if clock is not None and ntime is not None and ntime.hour >= 18 and clock.hour < 6:
            day = nday + dt.timedelta(days=1)
        if part in _MORNING and ntime is not None and ntime.hour >= 12:
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
            m, type=typ, value=iso_minute(day, clock), granularity="minute", anchor=anchor, anchor_value=anchor_value
        )
    if part:
        start, end = part_range(day, part)
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


def resolve_month(f: Found, m: Mention, state: State, article: Article) -> Mention:
    """A month (optionally late/early/mid-) with or without a year."""
    g = f.groups
    month = MONTHS.get(g["mon"].lower().rstrip("."))
    if month is None:
        return replace(m, type="date")
    pub = state.published
    story = story_year(state, month)
    rel_year = {"last": -1, "this": 0, "next": 1}.get((g.get("myrel") or "").lower())
    if g.get("year"):
        year, anchor, anchor_value = int(g["year"]), "absolute", ""
    elif rel_year is not None and (pub is not None or state.story_year is not None):
        # 'April last year', 'March of next year': one mention, the month of the year named
        if pub is not None and (state.genre == "news" or state.story_year is None):
            year, anchor, anchor_value = pub.year + rel_year, "publication", pub.isoformat()
        else:
            base = int(state.story_year or 0)
            year, anchor, anchor_value = base + rel_year, "narrative", str(base)
    elif story is not None:
        year, anchor, anchor_value = story, "narrative", str(story)
    elif pub is not None and is_future(article, f.start):
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


def _by_tense(day: dt.date, pub: dt.date, tense: str) -> dt.date:
    """A year-less date moved a year to agree with its sentence: a past sentence's date is not after publication,
    a future sentence's not before it ('rear-ended a truck on June 8', told in a January story, is last June)."""
    if tense == "past" and day > pub + _TENSE_MARGIN:
        moved = add_months(day, -12)
        return moved if moved.day == day.day else day
    if tense == "future" and day < pub - _TENSE_MARGIN:
        moved = add_months(day, 12)
        return moved if moved.day == day.day else day
    return day


def _ahead(state: State, article: Article, pos: int, weekday: int) -> bool:
    """Whether a weekday in news lies ahead of publication: its own wording says so ('will meet on Friday'), or
    the story's frame does: another mention of the same weekday is told as coming and this sentence is not past
    ('Monday's debate' in a story that says 'they will meet on Monday')."""
    if is_future(article, pos):
        return True
    return weekday in state.future_weekdays and sentence_tense(article, pos) != "past"
