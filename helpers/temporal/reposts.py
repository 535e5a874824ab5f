"""The text's own date: a repost or update whose text names when it was first published or filed.

A story re-published later ("Originally published on March 3, 2021", "First published on Tue 7 Dec
2021") or filed under a dateline ("HEMPSTEAD, N.Y., Sept. 26 (UPI) —") tells its weekdays and
"yesterday" from that date, not from the day the copy in the corpus went out. :func:`own_date`
finds that date and says why, so the resolver anchors on it and the tables can show the reason.
"""

from __future__ import annotations

import datetime as dt
import re

from helpers.temporal.lexicon import MONTHS
from helpers.temporal.values import year_nearest

_WD = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_FULL = (
    rf"{_WD}(?:(?P<mon>[A-Z][a-z]{{2,8}})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>1[89]\d\d|20\d\d)"
    r"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon2>[A-Z][a-z]{2,8})\.?,?\s+(?P<year2>1[89]\d\d|20\d\d)"
    r"|(?P<iso>(?:1[89]|20)\d\d-[01]\d-[0-3]\d))"
)
#: A line saying when the text first appeared. Source: the wording of reposts and updates seen in news
#: sites' footers and headers ('Originally published', 'First published', 'This story was first published').
_FIRST = re.compile(
    rf"(?im)^[^\S\n]*(?:this\s+(?:story|article)\s+was\s+)?(?:originally|first)\s+(?:published|posted|appeared)"
    rf"(?:\s+(?:on|in))?\s*[:\-–—]?\s*(?:\w+\s+){{0,4}}?(?:on\s+)?{_FULL}"
)
#: A dateline opening a paragraph near the top: 'CITY, Month Day[, Year] (Agency) —'.
_DATELINE = re.compile(
    r"(?m)^[^\S\n]*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?,\s+(?P<mon>[A-Z][a-z]{2,8})\.?\s+"
    r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,\s+(?P<year>1[89]\d\d|20\d\d))?\s*(?:\([^)\n]{1,30}\)\s*)?[—–-]"
)
#: How far into the text a dateline is looked for (characters): it opens the story.
_DATELINE_REACH = 1500


def _date_of(m: re.Match[str], published: dt.date | None) -> dt.date | None:
    """The date a match names; a year-less one takes the year that puts it nearest publication."""
    g = m.groupdict()
    try:
        if g.get("iso"):
            return dt.date.fromisoformat(g["iso"])
        month = MONTHS.get((g.get("mon") or g.get("mon2") or "").lower().rstrip("."))
        day, year = int(g.get("day") or g.get("day2") or 0), g.get("year") or g.get("year2")
        if month is None:
            return None
        if year:
            return dt.date(int(year), month, day)
    except ValueError:
        return None
    return year_nearest(month, day, published) if published is not None else None


def own_date(text: str, published: dt.date | None) -> tuple[dt.date, str] | None:
    """The date the text itself is from, when it is earlier than ``published``, and the reason ('…').

    An "Originally/First published" line wins over a dateline. None when the text names no such date,
    or names the publication date itself.
    """
    first = _FIRST.search(text)
    if first is not None:
        found = _date_of(first, published)
        reason = f"text says: {first.group(0).strip()[:80]}"
    else:
        line = _DATELINE.search(text[:_DATELINE_REACH])
        found = _date_of(line, published) if line is not None else None
        reason = f"dateline: {line.group(0).strip()[:60]}" if line is not None else ""
    if found is None or published is None or not (dt.timedelta(days=1) <= published - found <= dt.timedelta(days=3650)):
        return None
    return found, reason
