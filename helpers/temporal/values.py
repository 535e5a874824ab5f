"""Calendar arithmetic and ISO-TimeML values of resolved mentions (pure functions, no walk state)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from helpers.temporal.lexicon import MONTHS, PART_CODE_BY_START, PART_RANGES, PARTS_OF_DAY, WEEKDAYS
from helpers.temporal.mention import Mention


def clock_text(value: str | None) -> dt.time | None:
    """``HH:MM`` (any offset or zone after it ignored) as a time, None when absent or unreadable."""
    m = re.match(r"\s*([01]?\d|2[0-3]):([0-5]\d)", value or "")
    return dt.time(int(m.group(1)), int(m.group(2))) if m else None


def nearest_weekday(anchor: dt.date, weekday: int, not_after: dt.date | None = None) -> dt.date | None:
    """The given weekday (0=Monday) nearest ``anchor`` within ±6 days; None when not clear-cut.

    Candidates later than ``not_after`` (the publication date) are dropped; when two remain
    and they are 3 and 4 days away, the choice is not safe and None is returned.
    """
    cands = [
        anchor + dt.timedelta(days=d) for d in range(-6, 7) if (anchor + dt.timedelta(days=d)).weekday() == weekday
    ]
    if not_after is not None:
        cands = [c for c in cands if c <= not_after]
    if not cands:
        return None
    cands.sort(key=lambda c: abs((c - anchor).days))
    if len(cands) == 2 and abs(abs((cands[0] - anchor).days) - abs((cands[1] - anchor).days)) < 2:
        return None
    return cands[0]


def weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    """The most recent given weekday (0=Monday) on or before ``day``."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def year_nearest(month: int, day: int, published: dt.date) -> dt.date | None:
    """The month-day in the year (publication's, or one either side) nearest the publication date."""
    cands = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            cands.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(cands, key=lambda c: abs((c - published).days)) if cands else None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months (day clipped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def iso_minute(day: dt.date, time: dt.time) -> str:
    """``YYYY-MM-DDTHH:MM``."""
    return f"{day.isoformat()}T{time.hour:02d}:{time.minute:02d}"


def part_range(day: dt.date, part: str) -> tuple[str, str]:
    """ISO start and end of a part of the day."""
    start, end, next_day = PART_RANGES[part]
    end_day = day + dt.timedelta(days=1) if next_day else day
    return f"{day.isoformat()}T{start}", f"{end_day.isoformat()}T{end}"


def norm_part(groups: dict[str, str]) -> str | None:
    """The part-of-day word of a match, normalised ('early  hours' → 'early hours')."""
    for key in ("part", "part2", "part3"):
        if groups.get(key):
            return re.sub(r"\s+", " ", groups[key].lower())
    return None


def clock_of(groups: dict[str, str]) -> dt.time | None:
    """The clock time of a match (midnight = 00:00), or None when it has none or is invalid."""
    word = (groups.get("clockword") or "").lower()
    if word:
        return dt.time(0, 0) if word == "midnight" else dt.time(12, 0)
    if groups.get("hh24"):
        return dt.time(int(groups["hh24"]), int(groups["mm24"]))
    if groups.get("hh"):
        hour, minute = int(groups["hh"]), int(groups.get("mm") or 0)
        if not 1 <= hour <= 12:
            return None
        pm = groups["ampm"].lower().startswith("p")
        return dt.time(hour % 12 + (12 if pm else 0), minute)
    return None


def explicit_date(groups: dict[str, str], published: dt.date | None, prefix: str = "") -> tuple[dt.date | None, str]:
    """The calendar date named in a match and its anchor ('absolute' or 'publication')."""
    mon = groups.get(f"{prefix}mon") or groups.get(f"{prefix}mon2")
    day = groups.get(f"{prefix}day") or groups.get(f"{prefix}day2")
    year = groups.get(f"{prefix}year") or groups.get(f"{prefix}year2")
    if not mon or not day:
        return None, ""
    month = MONTHS.get(mon.lower().rstrip("."))
    wd = groups.get(f"{prefix}wd")
    weekday = WEEKDAYS.index(wd.capitalize()) if wd else None
    if month is None:
        return None, ""
    if year:
        try:
            date = dt.date(int(year), month, int(day))
        except ValueError:
            return None, ""
        return (date, "absolute") if weekday is None or date.weekday() == weekday else (None, "")
    if published is None:
        return None, ""
    date = year_nearest(month, int(day), published)
    if date is not None and weekday is not None and date.weekday() != weekday:
        fits = [
            y
            for y in (published.year - 1, published.year, published.year + 1)
            if valid_weekday(y, month, int(day), weekday)
        ]
        date = dt.date(fits[0], month, int(day)) if len(fits) == 1 else None
    return date, "publication"


def valid_weekday(year: int, month: int, day: int, weekday: int) -> bool:
    """Whether year-month-day exists and falls on ``weekday``."""
    try:
        return dt.date(year, month, day).weekday() == weekday
    except ValueError:
        return False


def timex(m: Mention) -> tuple[str, str]:
    """The ISO-TimeML value and type of a resolved mention ('1998-W32', '1998-08-07TMO', 'P3D')."""
    if m.granularity == "duration" or m.type == "duration":
        return m.value, "DURATION"
    if not m.value:
        return "", ("TIME" if m.type in ("time", "part_of_day") else "DATE")
    if m.granularity in ("year", "month"):
        return m.value, "DATE"
    if m.granularity == "week":
        year, week, _ = dt.date.fromisoformat(m.value[:10]).isocalendar()
        return f"{year:04d}-W{week:02d}", "DATE"
    if m.granularity == "part-of-day":
        start = m.value[11:16]
        code = next((p.timex for w, p in PARTS_OF_DAY.items() if w in m.text.lower()), "")
        if not code:
            code = PART_CODE_BY_START.get(start, "")
        return (f"{m.value[:10]}T{code}" if code else m.value[:10]), "TIME"
    if m.granularity == "minute":
        return m.value, "TIME"
    if m.value_end and m.granularity == "day" and len(m.value_end) >= 10:
        a, b = dt.date.fromisoformat(m.value[:10]), dt.date.fromisoformat(m.value_end[:10])
        if a.weekday() == 5 and (b - a).days == 1:
            year, week, _ = a.isocalendar()
            return f"{year:04d}-W{week:02d}-WE", "DATE"
        if (b - a).days > 2 and (a.year, a.month) == (b.year, b.month):
            return m.value[:7], "DATE"
    return m.value[:10], "DATE"
