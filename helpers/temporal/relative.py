"""Relative phrases counted from the story's date ('four days later', 'the next day') and durations."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from helpers.temporal.context import Article, State, narrative_date
from helpers.temporal.grammar import Found, number
from helpers.temporal.lexicon import (
    PART_RANGES,
)
from helpers.temporal.mention import Mention
from helpers.temporal.patterns import (
    ANAPHORIC_START,
    APPOSITION_AFTER,
    APPOSITION_BEFORE,
    EVENT_AFTER,
)
from helpers.temporal.values import (
    add_months,
    explicit_date,
    iso_minute,
    part_range,
    weekday_on_or_before,
)

#: How many paragraphs back an event-anchored phrase ('two months before the vote') may find the date it
#: counts from: news paragraphs are often one sentence, so the date stated a sentence earlier may sit in
#: the paragraph before.
EVENT_PARAS = 1


def apposed(index: int, mentions: list[Mention], founds: list[Found], text: str) -> Mention | None:
    """An explicit, day-level date standing in apposition right before or after mention ``index``."""
    cands = []
    if index > 0:
        cands.append((index - 1, text[mentions[index - 1].end : founds[index].start], APPOSITION_BEFORE))
    if index + 1 < len(mentions):
        cands.append((index + 1, text[founds[index].end : mentions[index + 1].start], APPOSITION_AFTER))
    for j, gap, pattern in cands:
        other = mentions[j]
        if other.type == "date" and other.granularity == "day" and not other.value_end and pattern.match(gap):
            return other
    return None


def resolve_relative(f: Found, m: Mention, state: State, article: Article, apposed: Mention | None) -> Mention:
    """'Four days later', 'a day after', 'the next day', 'hours before', 'the eve of ...'."""
    g = f.groups
    m = replace(m, type="relative", anchor="narrative")
    if g.get("emon") or g.get("emon2"):
        day, _ = explicit_date(g, state.published, prefix="e")
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


def _count(f: Found, m: Mention, state: State, article: Article, max_paras: int | None) -> Mention:
    """A relative phrase counted from the narrative date (set within ``max_paras`` paragraphs)."""
    g = f.groups
    if g.get("vague"):
        return m
    narr = narrative_date(state, article, f.start, max_paras)
    if g.get("which") or (g.get("rel", "").lower() in ("before", "after") and not g.get("num")):
        if narr is None:
            return m
        which = (g.get("which") or g.get("rel") or "").lower()
        sign = 1 if which in ("next", "following", "after") else -1
        unit = (g.get("unit") or "day").lower()
        day = narr[0] + dt.timedelta(days=sign * (7 if unit == "week" else 1))
        if unit in PART_RANGES:
            start, end = part_range(day, unit)
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
    if not anaphoric and not ANAPHORIC_START.match(article.text[f.end : f.end + 12]):
        # anchored to an event named after it ('a day after the attack'): that event is the one whose date
        # the story gave last, in this paragraph or the one before; without such a date it stays unresolved
        if not EVENT_AFTER.match(article.text, f.end):
            return m  # 'before leaving', 'after he arrived': an act whose date the story has not given
        narr = narrative_date(state, article, f.start, EVENT_PARAS)
        if narr is None:
            return m
    unit = g["unit"].lower().rstrip("s")
    if unit in ("month", "year") and not g.get("num2"):
        return _count_months(m, g, rel, unit, narr, state)
    if narr is None:
        return m
    nums = [number(g["num"])] + ([number(g["num2"])] if g.get("num2") else [])
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
    anchor_value = narr[0].isoformat() if narr[1] is None else iso_minute(narr[0], narr[1])
    if isinstance(values[0], dt.datetime):
        fmt = [iso_minute(v.date(), v.time()) for v in values]  # type: ignore[union-attr]
        gran = "minute"
    else:
        fmt = [v.isoformat() for v in values]
        gran = "day"
    return replace(
        m, value=fmt[0], value_end=fmt[-1] if len(fmt) > 1 else "", granularity=gran, anchor_value=anchor_value
    )


def _count_months(
    m: Mention, g: dict[str, str], rel: str, unit: str, narr: tuple[dt.date, dt.time | None] | None, state: State
) -> Mention:
    """'fifteen months later', 'two years earlier': counted from the story's date, month or year."""
    n = number(g["num"])
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
    moved = add_months(base.replace(day=1), sign * int(n))
    return replace(m, value=moved.strftime("%Y-%m"), granularity="month", anchor_value=base.strftime("%Y-%m"))


def resolve_duration(f: Found, m: Mention) -> Mention:
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
        n = number(g["num"])
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
