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

Modes (``genre``). ``news``: weekdays and deictic phrases anchor on publication, forward when the
wording says so ("will", "next", "until", "due to be", "scheduled", "expected to"). ``narrative``
(histories): year-less dates, months, "this year" and counted phrases take the story's last
mentioned year and month. ``timex_value``/``timex_type`` give the ISO-TimeML reading of every
mention (``1998-W32``, ``1998-08-07TMO``, ``P3D``, ``199``, ``1944-SU``, ``1989-Q3``); the other
value columns keep the concrete ranges above, which the timeline uses.

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
    "timex_value",
    "timex_type",
)
#: Resolution modes: ``news`` anchors on publication, ``narrative`` on the story's last time.
GENRES = ("news", "narrative")
#: ISO-TimeML codes of the parts of the day.
_TIMEX_PARTS = {
    "early hours": "NI",
    "early morning": "MO",
    "dawn": "MO",
    "daybreak": "MO",
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "dusk": "EV",
    "night": "NI",
    "overnight": "NI",
}
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


#: A year of 1000-2199 (other four-digit numbers are counts, codes or clock times).
_YEAR = r"1\d\d\d|20\d\d|21\d\d"


def _date(p: str = "") -> str:
    """A calendar date (month-day or day-month, optional weekday and year) with group prefix ``p``."""
    year = _YEAR
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
    rf"(?P<mon>{_MON})(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?(?!\s*[0-3]?\d)"
)
#: Words after a four-digit number that make it a count, a measure or a clock time, not a year.
_NOT_YEAR_AFTER = (
    r"\s*(?:people|persons|troops|men|women|soldiers|prisoners|casualties|dead|killed|wounded|ships|guns|tanks"
    r"|aircraft|planes|horses|km|kilometres|kilometers|miles|metres|meters|feet|tons|tonnes|dollars|pounds|euros"
    r"|shares|hours|hrs|GMT|UTC|EST|EDT|PST|local\s+time|BST|CET|h\b)"
)
_YEAR_PATTERN = (
    rf"(?<![\w/.:#$£€,-])(?<!page\s)(?<!pages\s)(?<!p\.\s)(?<!No\.\s)(?<!no\.\s)(?P<year>{_YEAR})"
    rf"(?![\d%/]|,\d|\.\d|-year|{_NOT_YEAR_AFTER})"
)
#: A range of years; both halves become mentions ('1915-17', '1917–1918', 'from 1940 to 1945').
_YEAR_RANGE_PATTERN = (
    rf"(?<![\w/.:#$£€,-])(?P<year>{_YEAR})(?:\s*[-–—/]\s*|\s+(?:to|and|through)\s+)"
    rf"(?P<year_b>{_YEAR}|\d\d)(?![\d%]|,\d|{_NOT_YEAR_AFTER})"
)
#: A year written with an apostrophe ('99, ’05): the century is the anchor's.
_SHORT_YEAR_PATTERN = r"(?<![\w])(?:in|of|since|until|by|from|to|-|–)\s*(?P<short>['’]\d\d)(?![\w'’])"
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_PATTERN = (
    r"(?:(?P<srel>last|this|next|that|the\s+following|the\s+previous|early|late|mid)[\s-]+|(?P<sthe>the)\s+)?"
    rf"(?P<season>spring|summer|autumn|fall|winter)(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?(?![-\w])"
)
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
}
_DECADE_PATTERN = (
    r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<decade>1\d\d|20\d)0['’]?s(?![\w])"
    r"|(?:the\s+)?(?P<sdecade>['’][1-9]0)s(?![\w])"
)
_CENTURY_PATTERN = (
    r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<century>1\d|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+century"
    rf"|the\s+(?:(?:early|mid|late)[\s-]+)?(?P<centw>{'|'.join(sorted(_ORDINALS, key=len, reverse=True))})"
    r"[\s-]+century"
)
#: Fixed-date holidays and named days: (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "boxing day": (12, 26),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "new year's": (1, 1),
    "independence day": (7, 4),
    "the fourth of july": (7, 4),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "bastille day": (7, 14),
    "veterans day": (11, 11),
    "armistice day": (11, 11),
    "remembrance day": (11, 11),
    "may day": (5, 1),
    "st. patrick's day": (3, 17),
    "saint patrick's day": (3, 17),
    "all saints' day": (11, 1),
    "d-day": (6, 6),
}
_HOLIDAY_PATTERN = (
    r"(?<![\w])(?P<holiday>"
    + "|".join(re.escape(h).replace("'", "['’]") for h in sorted(HOLIDAYS, key=len, reverse=True))
    + rf")(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?(?![\w])"
)
_QUARTER_PATTERN = (
    rf"(?:the\s+)?(?:(?P<year2>{_YEAR})\s+)?(?P<quarter>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?![\w])"
    rf"(?:\s+of\s+(?P<year>{_YEAR}))?"
)
#: Anaphoric references to the story's unit: 'that same day', 'the previous year', 'later that month'.
_ANAPHORA_PATTERN = (
    r"(?P<aref>that\s+same|the\s+same|that|the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior"
    r"|later\s+that|earlier\s+that|later\s+in\s+the|earlier\s+in\s+the|later\s+the\s+same"
    r"|the\s+end\s+of\s+the|the\s+end\s+of\s+that|the\s+beginning\s+of\s+the)\s+(?P<aunit>year|month|day)(?![-\w])"
)
_DEICTIC_PATTERNS = (
    r"(?P<ya>(?:a\s+)?year[-\s](?:earlier|ago))(?![-\w])",
    r"(?P<day>today|tonight|tomorrow|yesterday)(?![-\w])",
    r"(?P<when>earlier|later)?\s*(?P<rel>last|this|next)\s+(?P<unit>week|month|year)(?![-\w])",
    r"(?:(?P<prep>over|at|during)\s+the|(?P<rel>last|this|next))\s+weekend",
    rf"(?P<num>{_NUMW})\s+(?P<unit>day|week|month|year)s?\s+ago",
    r"(?:(?:early|late|later|earlier)\s+)?this\s+(?P<dpart>morning|afternoon|evening)(?![-\w])",
    rf"(?P<wrel>last|next|this|coming)\s+(?P<dwd>{_WD})(?![-\w])",
    rf"(?P<mrel>last|next|this)\s+(?P<dmon>{_MON})",
    r"(?:around\s+)?(?P<yend>(?:the\s+)?year[-\s]end|year['’]s\s+end)(?![-\w])",
    r"the\s+(?P<pastyear>past|last)\s+year(?![-\w])",
    r"the\s+(?P<cy>current|full|current\s+fiscal|fiscal|calendar)\s+year(?![-\w])",
    r"(?:the|this|that)\s+(?P<qq>latest|most\s+recent|recent|current|just-ended|year-earlier|year-ago|)\s*(?:fiscal\s+)?"
    r"(?:quarter|period)(?![-\w])",
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
    + [
        ("yearrange", re.compile(_YEAR_RANGE_PATTERN, _FLAGS)),
        ("shortyear", re.compile(_SHORT_YEAR_PATTERN, _FLAGS)),
        ("season", re.compile(_SEASON_PATTERN, _FLAGS)),
        ("decade", re.compile(_DECADE_PATTERN, _FLAGS)),
        ("century", re.compile(_CENTURY_PATTERN, _FLAGS)),
        ("holiday", re.compile(_HOLIDAY_PATTERN, _FLAGS)),
        ("quarter", re.compile(_QUARTER_PATTERN, _FLAGS)),
        ("anaphora", re.compile(_ANAPHORA_PATTERN, _FLAGS)),
    ]
)
#: Wording before an expression that points to the future ('will meet on Friday', 'until June').
_FUTURE = re.compile(
    r"\b(?:will|shall|['’]ll|next|until|till|through|due\s+(?:to\s+be|on|in|out|back)|scheduled|(?<!-)expected\s+to|set\s+to|plans?\s+to|planned"
    r"|postponed|adjourned|deadline|upcoming|coming|is\s+to|are\s+to|would\s+be|won['’]t)\b[^.;!?]*$",
    _FLAGS,
)
#: Future wording after an expression, up to the end of its sentence ('on Friday the board will vote').
_FUTURE_AFTER = re.compile(r"^[^.;!?]*?\b(?:will|shall|['’]ll|won['’]t|is\s+expected|are\s+expected)\b", _FLAGS)
#: A statement reported "on <weekday>": the weekday is the reporting day, anchored to publication.
_REPORTING = re.compile(
    r"(?:\b(?:said|says|announced|declared|stated)\b(?:\s+\w+){0,3}"
    r"|\b(?:told|tells|informed|briefed)\s+(?:reporters|journalists|the\s+press|a\s+news\s+conference|state\s+media)"
    r"|\bin\s+a\s+statement)\s+on\s+$",
    _FLAGS,
)
_MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|from|of|for|during|through|last|this|next|before|after|early|late|under|between)\s+$",
    _FLAGS,
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
    timex_value: str = ""
    timex_type: str = ""


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
    genre: str = "news"
    published_time: dt.time | None = None
    story_year: int | None = None  # narrative mode: the last year the text named
    story_month: int | None = None
    quarter: tuple[int, int] | None = None  # the last fiscal quarter named (year, 1-4)


def _clock_text(value: str | None) -> dt.time | None:
    """``HH:MM`` (any offset or zone after it ignored) as a time, None when absent or unreadable."""
    m = re.match(r"\s*([01]?\d|2[0-3]):([0-5]\d)", value or "")
    return dt.time(int(m.group(1)), int(m.group(2))) if m else None


# ---------------------------------------------------------------------------------------------
# Finding
# ---------------------------------------------------------------------------------------------
def _names_capitalised(text: str, groups: dict[str, str]) -> bool:
    """Month and weekday names must start with a capital (filters the verb 'may', 'march')."""
    for key, val in groups.items():
        if val and (key.endswith(("mon", "mon2", "wd", "wd_"))) and not val[0].isupper():
            return False
    return True


def _plausible(kind: str, groups: dict[str, str], text: str, start: int, end: int) -> bool:
    """Filters the patterns cannot say: a season needs a determiner or year ('the fall of Paris' is not
    autumn), a holiday a capital ('may day')."""
    if kind == "season":
        after_in = text[max(0, start - 3) : start].lower() == "in "
        if not (groups.get("srel") or groups.get("sthe") or groups.get("year") or after_in):
            return False
        fall = groups["season"].lower() == "fall" and not groups.get("year")
        return not (fall and ((not after_in and not groups.get("srel")) or re.match(r"\s+of\b", text[end:])))
    if kind == "holiday":
        return text[start].isupper() or text[start:end].lower().startswith("the ")
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
            if kind in ("year", "yearrange") and re.search(r"https?://\S*$|\S/$", text[max(0, start - 60) : start]):
                continue
            if not _plausible(kind, groups, text, start, end):
                continue
            if kind == "yearrange":
                a, b = groups["year"], groups["year_b"]
                b_start = m.start("year_b")
                second = a[:2] + b if len(b) == 2 else b
                if int(second) <= int(a) or int(second) - int(a) > 100:
                    continue
                found.append(_Found(m.start("year"), m.end("year"), "year", {"year": a}))
                found.append(_Found(b_start, m.end("year_b"), "year", {"year": second}))
                continue
            if kind == "shortyear":
                found.append(_Found(m.start("short"), m.end("short"), kind, groups))
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
        story = _story_year(state, _MONTHS.get((g.get("mon") or g.get("mon2") or "").lower().rstrip(".")))
        if story is not None and not (g.get("year") or g.get("year2")):
            day, anchor = _explicit_date(g, dt.date(story, 7, 2))
            anchor, anchor_value = "narrative", str(story)
        else:
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
    if any(g.get(k) for k in ("dpart", "dwd", "dmon", "cy", "ya", "yend", "pastyear")) or "qq" in g:
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
    qq = g["qq"].lower()
    if state.quarter is not None and qq != "current":
        year, q = state.quarter
    else:
        ref = pub - dt.timedelta(days=0 if qq == "current" else 45)
        year, q = ref.year, (ref.month - 1) // 3 + 1
    return _quarter_mention(m, year - (1 if qq.startswith("year-") else 0), q, **out)


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
        code = next((c for w, c in _TIMEX_PARTS.items() if w in m.text.lower()), "")
        if not code:
            code = {"06:00": "MO", "12:00": "AF", "18:00": "EV", "20:00": "NI", "00:00": "NI"}.get(start, "")
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
    before = article.text[max(0, pos - 120) : pos]
    return bool(_FUTURE.search(before)) or (
        not re.search(r"[.;!?]", before[-30:]) and bool(_FUTURE_AFTER.match(article.text[pos : pos + 60]))
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
        return replace(
            m,
            type="date",
            value=f"{year:04d}-{months[0]:02d}",
            value_end=f"{end_y:04d}-{end_m:02d}",
            granularity="month",
            anchor=anchor,
            anchor_value=av,
            timex_value=f"{year:04d}-{code}",
            timex_type="DATE",
        )
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
        if not g.get("year") and anchor == "publication" and pub is not None and q > (pub.month - 1) // 3 + 1:
            year -= 1
        return replace(
            m,
            type="date",
            value=f"{year:04d}-{3 * q - 2:02d}",
            value_end=f"{year:04d}-{3 * q:02d}",
            granularity="month",
            anchor=anchor,
            anchor_value=av,
            timex_value=f"{year:04d}-Q{q}",
            timex_type="DATE",
        )
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
        if re.fullmatch(r"\d{4}-Q[1-4]", m.timex_value) and "year-" not in m.text.lower():
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
