"""Temporal expressions in article text, found with character offsets and resolved to ISO values.

Why hand code: dateparser 1.5 was tried on the corpus. It reads fully explicit dates well
("4am on December 8"), but anchors weekdays and relative phrases to "now" instead of the
story ("on Saturday afternoon" in a piece of Friday 20 Dec became Saturday 14 Dec, "Four days
later" became 24 Dec), reads durations as dates ("10 days" → 10 Dec, "a decade" → 2014), takes
words such as "we" for dates, and returns no character offsets. Explicit dates are a small
regular grammar, so everything here is written by hand: a finder (regular expressions → spans,
the longest span wins) and a resolver that walks the mentions in text order, keeping the
narrative's current date.

Conventions. Values are ISO 8601 in Syrian local time (UTC+3, ``config.LOCAL_TZ``), without an
offset suffix: ``2024`` (year), ``2024-12`` (month), ``2024-12-09``/``2024-12-15`` (week, as a
Monday–Sunday range), ``2024-12-07`` (day), ``2024-12-07T18:00``/``2024-12-07T22:00``
(part of day, as a range), ``2024-12-07T22:30`` (minute), ``P24Y``/``PXW`` (duration; ``X`` is an
unstated quantity, ``DE`` a decade). ``anchor`` says what a value was resolved against:
``absolute`` (the text names the year), ``publication`` (the article's ``published`` date: deictic
phrases, reports of statements, years missing from a date), ``narrative`` (the last resolved date
before the mention: weekdays, clock times, relative phrases). Expressions whose anchor cannot be
found safely are returned unresolved (empty value) rather than guessed.

Gold (``corpus/gold/temporal.csv``): every expression naming a point, range or length of time is
coded, with the value a careful reader of that article alone would give (``note`` explains the
less obvious ones). Vague phrases ("hours before", "Not long after", "the days preceding")
are coded with an empty value; bare adverbs (now, then, later, recently) and adjectives
("night-time", "long-time") are not coded. Spans cover the temporal words only ("24-year" in
"24-year rule"); :func:`evaluate` matches system and gold spans by overlap.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.core.errors import InputError, Problem, problems_of
from helpers.core.files import LINE, read_table, suggest
from helpers.corpus.load import Corpus

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
)
#: Columns of the hand-coded gold file.
GOLD_COLUMNS = ("source_id", "start", "end", "text", "type", "value", "value_end", "granularity", "anchor", "note")
TYPES = ("date", "weekday", "time", "part_of_day", "relative", "deictic", "year", "duration")
GRANULARITIES = ("", "year", "month", "week", "day", "part-of-day", "minute", "duration")
ANCHORS = ("", "absolute", "publication", "narrative")

#: Parts of the day as local clock ranges (start, end, whether the end falls on the next day).
PART_RANGES: dict[str, tuple[str, str, bool]] = {
    "early hours": ("00:00", "06:00", False),
    "early morning": ("00:00", "06:00", False),
    "dawn": ("04:30", "06:30", False),
    "daybreak": ("04:30", "06:30", False),
    "morning": ("06:00", "12:00", False),
    "afternoon": ("12:00", "18:00", False),
    "evening": ("18:00", "22:00", False),
    "dusk": ("17:00", "19:00", False),
    "night": ("20:00", "06:00", True),
    "overnight": ("20:00", "06:00", True),
}
#: Parts of the day that, told after an evening time, mean the next morning.
_MORNING_PARTS = {"early hours", "early morning", "dawn", "daybreak", "morning"}

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "a couple of": 2,
    "half": 0.5,
}
_VAGUE_NUMBERS = {"several", "a few", "few", "many", "some"}

# ---------------------------------------------------------------------------------------------
# Patterns. Each is compiled case-insensitively; names of months and weekdays must be
# capitalised, which the finder checks (so the verb "may" is not a month).
# ---------------------------------------------------------------------------------------------
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
)
_NUMW = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|several|a\s+few|a\s+couple\s+of)"
)
_UNIT = r"(?:minute|hour|day|week|month|year|decade|century)s?"


def _date(p: str = "") -> str:
    """A calendar date (month-day or day-month, optional weekday and year) with group prefix ``p``."""
    year = r"1[89]\d\d|20\d\d"
    md = rf"(?P<{p}mon>{_MON})\s+(?P<{p}day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<{p}year>{year}))?"
    dm = rf"(?P<{p}day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<{p}mon2>{_MON})(?:,?\s+(?P<{p}year2>{year}))?"
    return rf"(?:(?P<{p}wd>{_WD}),?\s+(?:the\s+)?)?(?:{md}|{dm})(?![\d])"


_CLOCK = (
    r"(?:(?P<hh>[01]?\d)(?:[:.](?P<mm>[0-5]\d))?\s*(?P<ampm>[ap]m|[ap]\.m\.)(?![a-z])"
    r"|(?P<hh24>[01]?\d|2[0-3]):(?P<mm24>[0-5]\d)(?!\d)|(?P<clockword>midnight|noon|midday))"
)
_PART_WORD = r"(?P<part>morning|afternoon|evening|night)(?![-\w])"
_PART_OF = r"(?P<part>early\s+hours|early\s+morning|dawn|daybreak|dusk|morning|afternoon|evening|night)"

_POINT_PATTERNS = (
    rf"{_CLOCK}\s+(?:on\s+)?{_date()}",
    rf"{_CLOCK}\s+(?:on\s+)?(?P<wd_>{_WD})",
    rf"(?P<wd_>{_WD})\s+{_PART_WORD}(?:\s+at\s+{_CLOCK})?",
    rf"{_date()}(?:,?\s+at\s+{_CLOCK})?",
    rf"(?:the\s+)?{_PART_OF}\s+(?:of|on)\s+(?P<wd_>{_WD})",
    rf"(?:the\s+)?{_PART_OF}\s+(?:of|on)\s+{_date()}",
    rf"(?P<wd_>{_WD})",
    _CLOCK,
    r"(?:(?:at|by|before|after|until|around)\s+(?P<part>dawn|daybreak|dusk)"
    r"|in\s+the\s+(?P<part2>early\s+hours|early\s+morning|morning|afternoon|evening|night)(?![-\w])"
    r"|(?P<part3>overnight))",
)
_MONTH_PATTERN = (
    r"(?:(?P<mod>late|early|mid|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)[\s-]+)?"
    rf"(?P<mon>{_MON})(?:\s+(?P<year>1[89]\d\d|20\d\d))?(?!\s*[0-3]?\d)"
)
_YEAR_PATTERN = (
    r"(?<![\w/.:#$£€-])(?P<year>1[89]\d\d|20\d\d)(?![\d%/]|-year|\s*(?:people|troops|km|kilometres|dollars))"
)
_DEICTIC_PATTERNS = (
    r"(?P<day>today|tonight|tomorrow|yesterday)(?![-\w])",
    r"(?P<when>earlier|later)?\s*(?P<rel>last|this|next)\s+(?P<unit>week|month|year)(?![-\w])",
    r"(?:(?P<prep>over|at|during)\s+the|(?P<rel>last|this|next))\s+weekend",
    rf"(?P<num>{_NUMW})\s+(?P<unit>day|week|month|year)s?\s+ago",
)
_RELATIVE_PATTERNS = (
    rf"(?:(?:just|only|some|about|around|exactly)\s+)?(?P<num>{_NUMW})(?:\s+or\s+(?P<num2>{_NUMW}))?\s+"
    rf"(?P<unit>{_UNIT})\s+(?P<rel>later|earlier|afterwards?|beforehand|before|after|following|prior\s+to)"
    r"(?:\s+(?P<anaph>that|this|these|those)\s+(?P<noun>[a-z]+))?(?![-\w])",
    r"(?:(?:just|only)\s+)?(?P<vague>minutes|hours|days|weeks|months|moments)\s+(?:later|earlier|before|after)(?![-\w])",
    r"the\s+(?P<vague>hours|days|weeks|months)\s+(?:leading\s+up\s+to|preceding|before|prior\s+to|after|following)",
    r"(?:last|final|closing)\s+(?P<vague>days|hours|weeks|months)(?:\s+and\s+(?:days|hours|weeks|months))?",
    r"(?:not\s+)?(?P<vague>long|shortly|soon|moments|immediately)\s+(?:after|before|afterwards)(?![-\w])",
    r"the\s+(?P<which>next|following|previous|preceding)\s+(?P<unit>day|morning|afternoon|evening|night|week)(?![-\w])",
    r"the\s+day\s+(?P<rel>before|after)(?=[\s,.;])",
    rf"the\s+eve\s+of\s+(?:{_date('e')}|(?P<vague>(?:his|her|their|its|the)\s+[\w’']+(?:\s+[a-z]+)?))",
)
_DURATION_PATTERNS = (
    rf"(?:(?P<approx>nearly|almost|about|around|roughly|some|more\s+than|less\s+than|over|under)\s+)?"
    rf"(?P<num>{_NUMW})(?:-|\s+)(?P<unit>{_UNIT})(?P<old>-old|-long)?(?![\w])",
    r"(?P<half>half)(?:-|\s+a\s+)(?P<unit>century|decade)",
    r"(?<![\d-])(?P<vunit>decades|years|months|weeks|days|hours|minutes)(?![-\w])",
)
_FLAGS = re.IGNORECASE
_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    [("point", re.compile(p, _FLAGS)) for p in _POINT_PATTERNS]
    + [("month", re.compile(_MONTH_PATTERN, _FLAGS)), ("year", re.compile(_YEAR_PATTERN, _FLAGS))]
    + [("deictic", re.compile(p, _FLAGS)) for p in _DEICTIC_PATTERNS]
    + [("relative", re.compile(p, _FLAGS)) for p in _RELATIVE_PATTERNS]
    + [("duration", re.compile(p, _FLAGS)) for p in _DURATION_PATTERNS]
)
#: A statement reported "on <weekday>": the weekday is the reporting day, anchored to publication.
_REPORTING = re.compile(
    r"(?:\b(?:said|says|announced|declared|stated)\b(?:\s+\w+){0,3}"
    r"|\b(?:told|tells|informed|briefed)\s+(?:reporters|journalists|the\s+press|a\s+news\s+conference|state\s+media)"
    r"|\bin\s+a\s+statement)\s+on\s+$",
    _FLAGS,
)
_MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|from|of|during|through|last|this|next|before|after)\s+$", _FLAGS
)
_ANAPHORIC_START = re.compile(r"^\s*(?:that|this|these|those|then|it|which)\b", _FLAGS)
_APPOSITION_BEFORE = re.compile(r"^\s*,?\s*(?:just|only|some|about|barely|exactly)?\s*$", _FLAGS)
_APPOSITION_AFTER = re.compile(r"^\s*,\s*(?:on\s+|in\s+)?$", _FLAGS)


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


@dataclass(frozen=True)
class _Found:
    """A span matched by one pattern, before resolution."""

    start: int
    end: int
    kind: str
    groups: dict[str, str]


@dataclass
class _State:
    """What the resolver knows while walking an article."""

    published: dt.date | None
    narrative: tuple[dt.date, dt.time | None, int] | None = None  # date, time, paragraph index


# ---------------------------------------------------------------------------------------------
# Finding
# ---------------------------------------------------------------------------------------------
def _names_capitalised(text: str, groups: dict[str, str]) -> bool:
    """Month and weekday names must start with a capital (filters the verb 'may', 'march')."""
    for key, val in groups.items():
        if val and (key.endswith(("mon", "mon2", "wd", "wd_"))) and not val[0].isupper():
            return False
    return True


def find_spans(text: str) -> list[_Found]:
    """Every candidate span, overlaps resolved (longest first, then leftmost), in text order."""
    found: list[_Found] = []
    for kind, pattern in _COMPILED:
        for m in pattern.finditer(text):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            if start == end or not _names_capitalised(text, groups):
                continue
            bare_month = kind == "month" and not (groups.get("mod") or groups.get("year"))
            if bare_month and not _MONTH_CONTEXT.search(text[max(0, start - 20) : start]):
                continue
            if kind == "year" and re.search(r"https?://\S*$|\S/$", text[max(0, start - 60) : start]):
                continue
            found.append(_Found(start, end, kind, groups))
    found.sort(key=lambda f: (-(f.end - f.start), f.start))
    taken: list[tuple[int, int]] = []
    kept: list[_Found] = []
    for f in found:
        if all(f.end <= s or f.start >= e for s, e in taken):
            taken.append((f.start, f.end))
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


# ---------------------------------------------------------------------------------------------
# Small calendar helpers (pure)
# ---------------------------------------------------------------------------------------------
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


def _year_nearest(month: int, day: int, published: dt.date) -> dt.date | None:
    """The month-day in the year (publication's, or one either side) nearest the publication date."""
    cands = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            cands.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(cands, key=lambda c: abs((c - published).days)) if cands else None


def _number(word: str) -> float | None:
    """A number word or digits as a number; None for vague quantities ('several')."""
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w.isdigit():
        return int(w)
    return _NUMBERS.get(w)


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months (day clipped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _iso_minute(day: dt.date, time: dt.time) -> str:
    """``YYYY-MM-DDTHH:MM``."""
    return f"{day.isoformat()}T{time.hour:02d}:{time.minute:02d}"


def _part_range(day: dt.date, part: str) -> tuple[str, str]:
    """ISO start and end of a part of the day."""
    start, end, next_day = PART_RANGES[part]
    end_day = day + dt.timedelta(days=1) if next_day else day
    return f"{day.isoformat()}T{start}", f"{end_day.isoformat()}T{end}"


def _norm_part(groups: dict[str, str]) -> str | None:
    """The part-of-day word of a match, normalised ('early  hours' → 'early hours')."""
    for key in ("part", "part2", "part3"):
        if groups.get(key):
            return re.sub(r"\s+", " ", groups[key].lower())
    return None


def _clock(groups: dict[str, str]) -> dt.time | None:
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


def _explicit_date(groups: dict[str, str], published: dt.date | None, prefix: str = "") -> tuple[dt.date | None, str]:
    """The calendar date named in a match and its anchor ('absolute' or 'publication')."""
    mon = groups.get(f"{prefix}mon") or groups.get(f"{prefix}mon2")
    day = groups.get(f"{prefix}day") or groups.get(f"{prefix}day2")
    year = groups.get(f"{prefix}year") or groups.get(f"{prefix}year2")
    if not mon or not day:
        return None, ""
    month = _MONTHS.get(mon.lower().rstrip("."))
    wd = groups.get(f"{prefix}wd")
    weekday = _WEEKDAYS.index(wd.capitalize()) if wd else None
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
    date = _year_nearest(month, int(day), published)
    if date is not None and weekday is not None and date.weekday() != weekday:
        fits = [
            y for y in (published.year - 1, published.year, published.year + 1) if _valid(y, month, int(day), weekday)
        ]
        date = dt.date(fits[0], month, int(day)) if len(fits) == 1 else None
    return date, "publication"


def _valid(year: int, month: int, day: int, weekday: int) -> bool:
    """Whether year-month-day exists and falls on ``weekday``."""
    try:
        return dt.date(year, month, day).weekday() == weekday
    except ValueError:
        return False


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
        day, anchor = _explicit_date(g, pub)
        anchor_value = pub.isoformat() if anchor == "publication" and pub else ""
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
        elif narr is not None:
            day = nearest_weekday(narr[0], weekday, not_after=pub)
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


def _resolve_month(f: _Found, m: Mention, state: _State) -> Mention:
    """A month (optionally late/early/mid-) with or without a year."""
    g = f.groups
    month = _MONTHS.get(g["mon"].lower().rstrip("."))
    if month is None:
        return replace(m, type="date")
    pub = state.published
    if g.get("year"):
        year, anchor, anchor_value = int(g["year"]), "absolute", ""
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
        day = base + dt.timedelta(days=shift)
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
        if unit in ("day", "week"):
            day = pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
            return replace(m, value=day.isoformat(), granularity="day", **out)
        if unit == "month":
            return replace(m, value=_add_months(pub, -n).strftime("%Y-%m"), granularity="month", **out)
        return replace(m, value=str(pub.year - n), granularity="year", **out)
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


def resolve_text(text: str, published: dt.date | pd.Timestamp | None = None) -> list[Mention]:
    """Find and resolve every temporal expression of one article, in text order."""
    pub = pd.Timestamp(published).date() if published is not None and not pd.isna(published) else None
    article = _Article(text)
    founds = find_spans(text)
    state = _State(published=pub)
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
            m = _resolve_month(f, m, state)
        elif f.kind == "year":
            m = replace(m, type="year", value=f"{int(f.groups['year']):04d}", granularity="year", anchor="absolute")
        elif f.kind == "deictic":
            m = _resolve_deictic(f, m, state, article)
        elif f.kind == "relative":
            m = _resolve_relative(f, m, state, article, _apposed(i, mentions, founds, text))
        else:
            m = _resolve_duration(f, m)
        mentions[i] = m
        _advance(state, m, article, f)
    return mentions


def _advance(state: _State, m: Mention, article: _Article, f: _Found) -> None:
    """Move the narrative date to a resolved point mention (not reporting days, not quoted speech)."""
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
    """Every temporal expression of every article, resolved against its ``published`` date."""
    frames = [mentions_frame(str(sid), resolve_text(row.text, row.published)) for sid, row in corpus.iterrows()]
    if not frames:
        return pd.DataFrame(columns=list(MENTION_COLUMNS))
    out = pd.concat(frames, ignore_index=True)
    return out.astype({"start": int, "end": int})


# ---------------------------------------------------------------------------------------------
# Gold and evaluation
# ---------------------------------------------------------------------------------------------
def gold_path(corpus: Corpus) -> Path:
    """Where a corpus keeps its hand-coded temporal gold."""
    return corpus.path(config.GOLD_DIRNAME, config.TEMPORAL_GOLD_NAME)


def read_gold(path: Path, corpus: pd.DataFrame) -> pd.DataFrame:
    """Read and check the gold file: known sources, integer offsets that slice to the text, vocabularies."""
    gold = read_table(path, GOLD_COLUMNS)
    problems: list[Problem] = []
    for rec in gold.to_dict("records"):
        row = pd.Series(rec)
        line = int(rec[LINE])

        def bad(msg: str, line: int = line) -> None:
            problems.append(Problem(str(path), line, msg))

        if row.source_id not in corpus.index:
            bad(f"unknown source_id '{row.source_id}'{suggest(row.source_id, corpus.index)}")
            continue
        if not (row.start.isdigit() and row.end.isdigit()) or int(row.start) >= int(row.end):
            bad(f"start/end '{row.start}'/'{row.end}' must be integers with start < end")
            continue
        found = corpus.loc[row.source_id, "text"][int(row.start) : int(row.end)]
        if found != row.text:
            bad(f"text '{row.text}' does not match the article at {row.start}-{row.end} (found '{found}')")
        for col, allowed in (("type", TYPES), ("granularity", GRANULARITIES), ("anchor", ANCHORS)):
            val = getattr(row, col)
            if val not in allowed:
                choices = ", ".join(a or "(empty)" for a in allowed)
                bad(f"{col} '{val}' is not one of {choices}{suggest(val, allowed)}")
    if problems:
        raise InputError(problems)
    return gold.astype({"start": int, "end": int})


def validate_gold(corpus: Corpus) -> list[Problem]:
    """For ``python -m helpers validate``: problems of the temporal gold (none when it is absent)."""
    path = gold_path(corpus)
    return problems_of(lambda: read_gold(path, corpus)) if path.is_file() else []


def gold_summary(corpus: Corpus) -> str:
    """One line on a valid temporal gold for ``validate``; empty when the corpus has none."""
    path = gold_path(corpus)
    return f"{len(read_gold(path, corpus))} hand-coded temporal expressions" if path.is_file() else ""


def _best_match(g: pd.Series, system: pd.DataFrame) -> pd.Series | None:
    """The system mention overlapping a gold span most, or None."""
    over = system[(system["start"] < g["end"]) & (system["end"] > g["start"])]
    if over.empty:
        return None
    overlap = over["end"].clip(upper=g["end"]) - over["start"].clip(lower=g["start"])
    return over.loc[overlap.idxmax()]


def match_gold(mentions: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Each gold mention with the best-overlapping system mention and a verdict.

    verdict: ``correct`` (same value, value_end and granularity, empty for both when the gold
    leaves it unresolved), ``unresolved`` (found, gold has a value, system none), ``wrong``
    (system value differs), ``missed`` (no overlapping system mention).
    """
    rows = []
    for _, g in gold.iterrows():
        system = mentions[mentions["source_id"] == g["source_id"]]
        s = _best_match(g, system)
        sys_val = ("", "", "") if s is None else (s["value"], s["value_end"], s["granularity"])
        gold_val = (g["value"], g["value_end"], g["granularity"])
        if s is None:
            verdict = "missed"
        elif sys_val == gold_val:
            verdict = "correct"
        elif not s["value"]:
            verdict = "unresolved"
        else:
            verdict = "wrong"
        is_weekday = any(w.lower() in g["text"].lower() for w in _WEEKDAYS)
        wrong_week = bool(
            is_weekday and s is not None and s["value"] and g["value"] and s["value"][:10] != g["value"][:10]
        )
        rows.append(
            {
                "source_id": g["source_id"],
                "start": g["start"],
                "end": g["end"],
                "text": g["text"],
                "gold_value": g["value"],
                "gold_value_end": g["value_end"],
                "gold_granularity": g["granularity"],
                "system_text": "" if s is None else s["text"],
                "system_value": sys_val[0],
                "system_value_end": sys_val[1],
                "system_granularity": sys_val[2],
                "verdict": verdict,
                "weekday_wrong_week": wrong_week,
            }
        )
    return pd.DataFrame(rows)


def evaluate(mentions: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Per article and overall: gold count, found, correctly resolved, precision, recall, wrong weeks.

    precision = correct / system mentions (a system mention overlapping no gold one counts
    against it); recall = correct / gold mentions.
    """
    matched = match_gold(mentions, gold)
    rows = []
    sources = sorted(set(gold["source_id"]) | set(mentions["source_id"]))
    for sid in [*sources, "all"]:
        mg = matched if sid == "all" else matched[matched["source_id"] == sid]
        ms = mentions if sid == "all" else mentions[mentions["source_id"] == sid]
        spurious = 0
        for src, sys_rows in ms.groupby("source_id"):
            gs = gold[gold["source_id"] == src]
            for _, s in sys_rows.iterrows():
                if not ((gs["start"] < s["end"]) & (gs["end"] > s["start"])).any():
                    spurious += 1
        correct = int((mg["verdict"] == "correct").sum())
        rows.append(
            {
                "source_id": sid,
                "gold": len(mg),
                "system": len(ms),
                "found": int((mg["verdict"] != "missed").sum()),
                "correct": correct,
                "unresolved": int((mg["verdict"] == "unresolved").sum()),
                "wrong": int((mg["verdict"] == "wrong").sum()),
                "spurious": spurious,
                "precision": round(correct / len(ms), 3) if len(ms) else float("nan"),
                "recall": round(correct / len(mg), 3) if len(mg) else float("nan"),
                "weekday_wrong_week": int(mg["weekday_wrong_week"].sum()),
            }
        )
    return pd.DataFrame(rows).set_index("source_id")


_RELATIVE_PARTS = re.compile(_RELATIVE_PATTERNS[0], _FLAGS)


def relative_parts(text: str) -> tuple[list[int], str, str] | None:
    """Numbers, unit and relation word of a counted relative phrase ('three or four days before')."""
    m = _RELATIVE_PARTS.fullmatch(text.strip())
    if m is None:
        return None
    nums = [_number(m.group("num"))] + ([_number(m.group("num2"))] if m.group("num2") else [])
    if any(n is None or n != int(n) for n in nums):
        return None
    return [int(n) for n in nums if n is not None], m.group("unit").lower().rstrip("s"), m.group("rel").lower()


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
