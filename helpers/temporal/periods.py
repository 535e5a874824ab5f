"""Named periods: seasons, decades, centuries, holidays, fiscal quarters, short years and anaphora ('that same day')."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from helpers.temporal.context import Article, State, anchor_year, narrative_date
from helpers.temporal.grammar import Found
from helpers.temporal.lexicon import (
    HOLIDAYS,
    ORDINALS,
    SEASON_MONTHS,
    SEASONS,
)
from helpers.temporal.mention import Mention
from helpers.temporal.patterns import HOLIDAY_YEAR_AFTER
from helpers.temporal.values import (
    add_months,
    year_nearest,
)


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


def resolve_period(f: Found, m: Mention, state: State, article: Article) -> Mention:
    """Seasons, decades, centuries, holidays, quarters, short years and anaphora ('that same day')."""
    g = f.groups
    kind = f.kind
    if kind == "decade":
        if g.get("decade"):
            d = g["decade"]
        else:
            year, _, _ = anchor_year(state)
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
        n = int(g["century"]) if g.get("century") else ORDINALS[re.sub(r"\s+", "-", g["centw"].lower())]
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
        year, anchor, av = anchor_year(state)
        if year is None:
            return replace(m, type="year")
        y = int(str(year)[:2] + g["short"][1:])
        if y > year + 10:
            y -= 100
        return replace(m, type="year", value=str(y), granularity="year", anchor=anchor, anchor_value=av)
    later = HOLIDAY_YEAR_AFTER.match(article.text, f.end) if kind == "holiday" and not g.get("year") else None
    if g.get("year") or g.get("year2"):
        year, anchor, av = int(g.get("year") or g["year2"]), "absolute", ""
    elif later is not None:  # 'the Boxing Day earthquake and tsunami in 2004'
        year, anchor, av = int(later.group("year")), "absolute", ""
    else:
        year, anchor, av = anchor_year(state)
    if year is None:
        return replace(m, type="date")
    if kind == "season":
        season = g["season"].lower()
        rel = re.sub(r"\s+", " ", (g.get("srel") or "").lower())
        if not g.get("year"):
            year += {"last": -1, "next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
            if rel in ("last", "next") and state.published is not None:
                anchor, av = "publication", state.published.isoformat()
        code = SEASONS[season]
        months = SEASON_MONTHS[code]
        end_y, end_m = (year + 1, months[1] - 12) if months[1] > 12 else (year, months[1])
        return _months(m, (year, months[0]), (end_y, end_m), anchor, av, f"{year:04d}-{code}")
    if kind == "holiday":
        key = re.sub(r"\s+", " ", g["holiday"].lower().replace("’", "'"))
        month, day = HOLIDAYS[key]
        if not g.get("year") and anchor == "publication" and state.published is not None:
            near = year_nearest(month, day, state.published)
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
    ref = re.sub(r"\s+", " ", (g.get("aref") or g["aref2"]).lower())  # aref2: 'on the day', the story's day
    unit = (g.get("aunit") or g["aunit2"]).lower()
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
    narr = narrative_date(state, article, f.start, None)
    if unit == "month":
        if narr is not None and (state.story_year is None or narr[0].year == state.story_year):
            base = narr[0].replace(day=1)
        elif state.story_year is not None and state.story_month is not None:
            base = dt.date(state.story_year, state.story_month, 1)
        else:
            return m
        return replace(
            m,
            value=add_months(base, shift).strftime("%Y-%m"),
            granularity="month",
            anchor_value=base.strftime("%Y-%m"),
        )
    if narr is None:
        return m
    day = narr[0] + dt.timedelta(days=shift)
    return replace(m, value=day.isoformat(), granularity="day", anchor_value=narr[0].isoformat())
