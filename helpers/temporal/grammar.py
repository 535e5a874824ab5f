"""The finder of temporal expressions: lexicons, regular-expression patterns and :func:`find_spans`.

Why hand-written patterns: explicit dates are a small regular grammar, and the finder must return
character offsets (see docs/design.md). Month and weekday names must be capitalised, which the
finder checks, so the verb "may" is not a month. Speed (the finder is most of ``tables``' time):
the patterns are matched case-sensitively on a lower-cased copy of the text, each behind a cheap
guard and skipped on texts lacking its key words (see ``_PATTERNS``); none of this changes a match.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass

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

# ---------------------------------------------------------------------------------------------
# Patterns. They are written in lower case and matched, case-sensitively (much faster), against
# the text folded to lower case by _FOLD, which keeps every offset; that is what IGNORECASE would
# match. Names of months and weekdays must be capitalised in the text itself, which the finder
# checks (so the verb "may" is not a month).
# ---------------------------------------------------------------------------------------------
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)(?![a-z])"
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
    r"|(?P<hh24>[01]?\d|2[0-3]):(?P<mm24>[0-5]\d)(?!\d)|(?<![a-z])(?P<clockword>midnight|noon|midday))"
)
_PART_WORD = r"(?P<part>morning|afternoon|evening|night)(?![-\w])"
_PART_OF = r"(?P<part>early\s+hours|early\s+morning|dawn|daybreak|dusk|morning|afternoon|evening|night)"

# Each pattern below comes with two cheap necessary conditions that let the finder skip work
# without changing a match (tests/temporal/test_grammar.py checks both): *needles*, words of
# which every match contains one (the pattern is not run on a text with none of them; None:
# always run), and a *lead*, what every match starts with (a lookahead guard, so the engine
# leaves other positions at once; None: no guard).
_M3 = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")  # in every month name
_WDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNITS = ("minute", "hour", "day", "week", "month", "year", "decade", "centur")
_CLOCK_LEAD = r"\d|mid|noon"
_DATE_LEAD = r"\d|mon|tue|wed|thu|fri|sat|sun|" + "|".join(_M3)
_PART_LEAD = r"the\s|ear|daw|day|dus|mor|aft|eve|nig"
_NUM_LEAD = r"\d|an?[-\s]|one|two|thr|fou|fiv|six|sev|eig|nin|ten|ele|twe|thi|fif|for"

#: (pattern, needles, lead) of the point patterns, and so on for each kind below.
_POINT_PATTERNS = (
    (rf"{_CLOCK}\s+(?:on\s+)?{_date()}", _M3, _CLOCK_LEAD),
    (rf"{_CLOCK}\s+(?:on\s+)?(?P<wd_>{_WD})", _WDS, _CLOCK_LEAD),
    (rf"(?P<wd_>{_WD})\s+{_PART_WORD}(?:\s+at\s+{_CLOCK})?", _WDS, None),
    (rf"{_date()}(?:,?\s+at\s+{_CLOCK})?", _M3, _DATE_LEAD),
    (rf"(?:the\s+)?{_PART_OF}\s+(?:of|on)\s+(?P<wd_>{_WD})", _WDS, _PART_LEAD),
    (rf"(?:the\s+)?{_PART_OF}\s+(?:of|on)\s+{_date()}", _M3, _PART_LEAD),
    (rf"(?P<wd_>{_WD})", _WDS, None),
    (_CLOCK, ("am", "pm", "a.m", "p.m", ":", "midnight", "noon", "midday"), _CLOCK_LEAD),
    (
        r"(?:(?:at|by|before|after|until|around)\s+(?P<part>dawn|daybreak|dusk)"
        r"|in\s+the\s+(?P<part2>early\s+hours|early\s+morning|morning|afternoon|evening|night)(?![-\w])"
        r"|(?P<part3>overnight))",
        ("dawn", "daybreak", "dusk", "hours", "morning", "afternoon", "evening", "night", "overnight"),
        None,
    ),
)
_MONTH_PATTERN = (
    r"(?:(?P<mod>late|early|mid|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)[\s-]+)?"
    rf"(?P<mon>{_MON})(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?(?!\s*[0-3]?\d)"
)
#: Words after a four-digit number that make it a count, a measure or a clock time, not a year.
_NOT_YEAR_AFTER = (
    r"\s*(?:people|persons|troops|men|women|soldiers|prisoners|casualties|dead|killed|wounded|ships|guns|tanks"
    r"|aircraft|planes|horses|km|kilometres|kilometers|miles|metres|meters|feet|tons|tonnes|dollars|pounds|euros"
    r"|shares|hours|hrs|gmt|utc|est|edt|pst|local\s+time|bst|cet|h\b)"
)
_YEAR_PATTERN = (
    rf"(?<![\w/.:#$£€,-])(?<!page\s)(?<!pages\s)(?<!p\.\s)(?<!no\.\s)(?P<year>{_YEAR})"
    rf"(?![\d%/]|,\d|\.\d|-year|{_NOT_YEAR_AFTER})"
)
#: A range of years; both halves become mentions ('1915-17', '1917–1918', 'from 1940 to 1945').
_YEAR_RANGE_PATTERN = (
    rf"(?<![\w/.:#$£€,-])(?P<year>{_YEAR})(?:\s*[-–—/]\s*|\s+(?:to|and|through)\s+)"
    rf"(?P<year_b>{_YEAR}|\d\d)(?![\d%]|,\d|{_NOT_YEAR_AFTER})"
)
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
#: A year in words, as transcripts write them ('nineteen ninety-six', 'the year two thousand').
_SPELLED_YEAR_PATTERN = (
    r"(?<![\w-])(?:(?P<sycent>nineteen|eighteen)[\s-]+(?P<syrest>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
    rf"|ninety)(?:[\s-](?:{_DIGIT_WORDS}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    rf"|nineteen|hundred|oh[\s-](?:{_DIGIT_WORDS}))|the\s+year\s+two\s+thousand(?:\s+and\s+(?P<sy2k>{_DIGIT_WORDS}))?)"
    rf"(?![\w-]|{_NOT_YEAR_AFTER})"
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
    rf"(?:the\s+|(?P<qrel>last|next|this)\s+year['’]s\s+)?(?:(?P<year2>{_YEAR})\s+)?"
    r"(?P<quarter>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?![\w])"
    rf"(?:\s+of\s+(?P<year>{_YEAR}))?"
)
#: Anaphoric references to the story's unit: 'that same day', 'the previous year', 'later that month'.
_ANAPHORA_PATTERN = (
    r"(?P<aref>that\s+same|the\s+same|that|the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior"
    r"|later\s+that|earlier\s+that|later\s+in\s+the|earlier\s+in\s+the|later\s+the\s+same"
    r"|the\s+end\s+of\s+the|the\s+end\s+of\s+that|the\s+beginning\s+of\s+the)\s+(?P<aunit>year|month|day)(?![-\w])"
)
_DEICTIC_PATTERNS = (
    (r"(?P<ya>(?:a\s+)?year[-\s](?:earlier|ago))(?![-\w])", ("year",), r"year|a\s"),
    (
        r"(?:(?P<tdwhen>earlier|later)\s+)?(?P<day>today|tonight|tomorrow|yesterday)(?![-\w])",
        ("today", "tonight", "tomorrow", "yesterday"),
        r"ear|lat|to|yes",
    ),
    (
        r"(?P<when>earlier|later)?\s*(?P<rel>last|this|next)\s+(?P<unit>week|month|year)(?![-\w])",
        ("week", "month", "year"),
        r"ear|la|\s|thi|nex",
    ),
    (r"(?:(?P<prep>over|at|during)\s+the|(?P<rel>last|this|next))\s+weekend", ("weekend",), None),
    (
        rf"(?:(?:some|about|around|nearly|almost|roughly|just|only)\s+)?(?P<num>{_NUMW})\s+"
        r"(?P<unit>minute|hour|day|week|month|year)s?\s+ago",
        ("ago",),
        r"som|abo|aro|nea|alm|rou|jus|onl|" + _NUM_LEAD,
    ),
    (
        r"(?:(?:early|late|later|earlier)\s+)?this\s+(?P<dpart>morning|afternoon|evening)(?![-\w])",
        ("morning", "afternoon", "evening"),
        None,
    ),
    (rf"(?P<wrel>last|next|this|coming)\s+(?P<dwd>{_WD})(?![-\w])", _WDS, None),
    (rf"(?P<mrel>last|next|this)\s+(?P<dmon>{_MON})", _M3, None),
    (r"(?:around\s+)?(?P<yend>(?:the\s+)?year[-\s]end|year['’]s\s+end)(?![-\w])", ("year",), r"aro|the\s|year"),
    (r"the\s+(?P<pastyear>past|last)\s+year(?![-\w])", ("year",), None),
    (r"the\s+(?P<cy>current|full|current\s+fiscal|fiscal|calendar)\s+year(?![-\w])", ("year",), None),
    (
        r"(?:the|this|that|(?P<qlast>last\s+year['’]s))\s+(?:(?:comparable|corresponding|same)\s+)?"
        r"(?P<qq>latest|most\s+recent|recent|current|just-ended|year-earlier|year-ago|)\s*"
        r"(?:fiscal\s+)?(?:quarter|period)(?![-\w])(?:\s+(?P<qago>last\s+year|a\s+year\s+(?:ago|earlier)))?",
        ("quarter", "period"),
        None,
    ),
    (rf"the\s+(?P<qyear>{_YEAR})\s+(?:fiscal\s+)?(?:quarter|period)(?![-\w])", ("quarter", "period"), None),
)
_RELATIVE_PATTERNS = (
    (
        rf"(?:(?:just|only|some|about|around|exactly)\s+)?(?P<num>{_NUMW})(?:\s+or\s+(?P<num2>{_NUMW}))?\s+"
        rf"(?P<unit>{_UNIT})\s+(?P<rel>later|earlier|afterwards?|beforehand|before|after|following|prior\s+to)"
        r"(?:\s+(?P<anaph>that|this|these|those)\s+(?P<noun>[a-z]+))?(?![-\w])",
        ("later", "earlier", "after", "before", "following", "prior"),
        r"jus|onl|som|abo|aro|exa|" + _NUM_LEAD,
    ),
    (
        r"(?:(?:just|only)\s+)?(?P<vague>minutes|hours|days|weeks|months|moments)\s+(?:later|earlier|before|after)"
        r"(?![-\w])",
        ("later", "earlier", "before", "after"),
        r"jus|onl|min|hou|day|wee|mo",
    ),
    (
        r"the\s+(?P<vague>hours|days|weeks|months)\s+(?:leading\s+up\s+to|preceding|before|prior\s+to|after"
        r"|following)",
        ("hours", "days", "weeks", "months"),
        None,
    ),
    (
        r"(?:last|final|closing)\s+(?P<vague>days|hours|weeks|months)(?:\s+and\s+(?:days|hours|weeks|months))?",
        ("days", "hours", "weeks", "months"),
        None,
    ),
    (
        r"(?:not\s+)?(?P<vague>long|shortly|soon|moments|immediately)\s+(?:after|before|afterwards)(?![-\w])",
        ("after", "before"),
        r"not\s|lon|sho|soo|mom|imm",
    ),
    (
        r"the\s+(?P<which>next|following|previous|preceding)\s+(?P<unit>day|morning|afternoon|evening|night|week)"
        r"(?![-\w])",
        ("next", "following", "previous", "preceding"),
        None,
    ),
    (r"the\s+day\s+(?P<rel>before|after)(?=[\s,.;])", ("day",), None),
    (
        rf"the\s+eve\s+of\s+(?:{_date('e')}|(?P<vague>(?:his|her|their|its|the)\s+[\w’']+(?:\s+[a-z]+)?))",
        ("eve",),
        None,
    ),
)
_DURATION_PATTERNS = (
    (
        rf"(?:(?P<approx>nearly|almost|about|around|roughly|some|more\s+than|less\s+than|over|under)\s+)?"
        rf"(?P<num>{_NUMW})(?:-|\s+)(?P<unit>{_UNIT})(?P<old>-old|-long)?(?![\w])",
        _UNITS,
        r"nea|alm|abo|aro|rou|som|mor|les|ove|und|" + _NUM_LEAD,
    ),
    (r"(?P<half>half)(?:-|\s+a\s+)(?P<unit>century|decade)", ("century", "decade"), None),
    (
        r"(?<![\d-])(?P<vunit>decades|years|months|weeks|days|hours|minutes)(?![-\w])",
        ("decades", "years", "months", "weeks", "days", "hours", "minutes"),
        r"[dhmwy]",
    ),
)
_FLAGS = re.IGNORECASE
_HOLIDAY_NEEDLES = tuple(sorted({re.split("['’]", h)[0] for h in HOLIDAYS}))  # each name up to its apostrophe
#: The finder's patterns: (kind, pattern, needles, lead), in the order their spans are collected.
_PATTERNS: tuple[tuple[str, str, tuple[str, ...] | None, str | None], ...] = (
    *(("point", *p) for p in _POINT_PATTERNS),
    ("month", _MONTH_PATTERN, _M3, r"late|early|mid|the\s|" + "|".join(_M3)),
    ("year", _YEAR_PATTERN, None, r"[12]"),
    *(("deictic", *p) for p in _DEICTIC_PATTERNS),
    *(("relative", *p) for p in _RELATIVE_PATTERNS),
    *(("duration", *p) for p in _DURATION_PATTERNS),
    ("yearrange", _YEAR_RANGE_PATTERN, None, r"[12]"),
    ("shortyear", _SHORT_YEAR_PATTERN, ("'", "’"), None),
    ("spelledyear", _SPELLED_YEAR_PATTERN, ("nineteen", "eighteen", "thousand"), r"nin|eig|the\s"),
    ("season", _SEASON_PATTERN, tuple(_SEASONS), r"la|th|ne|ea|mid|spr|sum|aut|fal|win"),
    ("decade", _DECADE_PATTERN, ("0s", "0'", "0’"), r"the\s|ear|mid|lat|[12'’]"),
    ("century", _CENTURY_PATTERN, ("century",), r"the\s|ear|mid|lat|\d"),
    ("holiday", _HOLIDAY_PATTERN, _HOLIDAY_NEEDLES, None),
    ("quarter", _QUARTER_PATTERN, ("quarter",), r"the\s|las|nex|thi|fir|sec|fou|\d"),
    ("anaphora", _ANAPHORA_PATTERN, ("year", "month", "day"), r"th|la|ea"),
)
#: The patterns compiled once, case-sensitive (see :data:`_FOLD`), each behind its lead.
_COMPILED: tuple[tuple[str, re.Pattern[str], tuple[str, ...] | None], ...] = tuple(
    (kind, re.compile(f"(?={lead})(?:{pattern})" if lead else pattern), needles)
    for kind, pattern, needles, lead in _PATTERNS
)
_NEEDLES = frozenset(n for _, _, needles, _ in _PATTERNS for n in needles or ())
#: Lower case of every character that IGNORECASE matches to an ASCII letter: A-Z and the four
#: others Python's re folds ('İ', 'ı', 'ſ', Kelvin sign). One character each, so offsets are kept.
_FOLD = str.maketrans(
    {**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, "İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"}
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
#: Full stops that end no sentence ('U.S.', 'a.m.', 'Gen.'): masked before the sentence-bound searches.
_ABBREV_DOT = re.compile(
    r"\b(?:[A-Za-z]\.){2,3}|\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Rev|Jr|Sr|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug"
    r"|Sep|Sept|Oct|Nov|Dec)\.(?=\s+\S)"
)
#: A year-less date closing a reported period ('the year ended March 31') lies in the past.
_ENDED_BEFORE = re.compile(r"\b(?:ended|ending|closed)\s+(?:on\s+)?$", _FLAGS)


def mask_abbreviations(text: str) -> str:
    """``text`` with the full stops of abbreviations as ``_`` (same length), so they do not end a sentence."""
    return _ABBREV_DOT.sub(lambda m: m.group().replace(".", "_"), text)


_ANAPHORIC_START = re.compile(r"^\s*(?:that|this|these|those|then|it|which)\b", _FLAGS)
_APPOSITION_BEFORE = re.compile(r"^\s*,?\s*(?:just|only|some|about|barely|exactly)?\s*$", _FLAGS)
_APPOSITION_AFTER = re.compile(r"^\s*,\s*(?:on\s+|in\s+)?$", _FLAGS)


@dataclass(frozen=True)
class _Found:
    """A span matched by one pattern, before resolution."""

    start: int
    end: int
    kind: str
    groups: dict[str, str]


_URL_BEFORE = re.compile(r"https?://\S*$|\S/$")
_OF_AFTER = re.compile(r"\s+of\b")


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
        return not (fall and ((not after_in and not groups.get("srel")) or _OF_AFTER.match(text, end)))
    if kind == "holiday":
        return text[start].isupper() or text[start:end].lower().startswith("the ")
    return True


def _groups(m: re.Match[str], text: str) -> dict[str, str]:
    """The named groups of a match on the folded text that took part, as written in ``text``."""
    regs = m.regs
    return {name: text[regs[i][0] : regs[i][1]] for name, i in m.re.groupindex.items() if regs[i][0] >= 0}


def _keep_disjoint(found: list[_Found]) -> list[_Found]:
    """The spans that overlap no span taken before them, longest first, then leftmost, in text order."""
    found = sorted(found, key=lambda f: (-(f.end - f.start), f.start))
    starts: list[int] = []  # the taken spans are disjoint, so sorted by start they are sorted by end too
    ends: list[int] = []
    kept: list[_Found] = []
    for f in found:
        i = bisect.bisect_left(starts, f.end)  # taken spans before i start before f ends
        if i and ends[i - 1] > f.start:
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def find_spans(text: str) -> list[_Found]:
    """Every candidate span, overlaps resolved (longest first, then leftmost), in text order."""
    folded = text.translate(_FOLD)
    present = {n for n in _NEEDLES if n in folded}
    found: list[_Found] = []
    for kind, pattern, needles in _COMPILED:
        if needles is not None and present.isdisjoint(needles):
            continue
        for m in pattern.finditer(folded):
            groups = _groups(m, text)
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            if start == end or not _names_capitalised(text, groups):
                continue
            bare_month = kind == "month" and not (groups.get("mod") or groups.get("year"))
            if bare_month and not _MONTH_CONTEXT.search(text[max(0, start - 20) : start]):
                continue
            if kind in ("year", "yearrange") and _URL_BEFORE.search(text[max(0, start - 60) : start]):
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
            if kind == "spelledyear":
                found.append(_Found(start, end, "year", {"year": str(_spelled_year(groups))}))
                continue
            if kind == "shortyear":
                found.append(_Found(m.start("short"), m.end("short"), kind, groups))
                continue
            found.append(_Found(start, end, kind, groups))
    return _keep_disjoint(found)


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def _spelled_year(groups: dict[str, str]) -> int:
    """The year of a :data:`_SPELLED_YEAR_PATTERN` match ('nineteen ninety-six' → 1996)."""
    if not groups.get("sycent"):
        return 2000 + (_NUMBERS[groups["sy2k"].lower()] if groups.get("sy2k") else 0)
    century = 100 * (19 if groups["sycent"].lower() == "nineteen" else 18)
    words = re.split(r"[\s-]+", groups["syrest"].lower())
    if words[0] == "hundred":
        return century
    rest = sum(_TENS.get(w) or int(_NUMBERS.get(w, 0)) for w in words if w != "oh")
    return century + rest


def _number(word: str) -> float | None:
    """A number word or digits as a number; None for vague quantities ('several')."""
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w.isdigit():
        return int(w)
    return _NUMBERS.get(w)


_RELATIVE_PARTS = re.compile(_RELATIVE_PATTERNS[0][0], _FLAGS)


def relative_parts(text: str) -> tuple[list[int], str, str] | None:
    """Numbers, unit and relation word of a counted relative phrase ('three or four days before')."""
    m = _RELATIVE_PARTS.fullmatch(text.strip())
    if m is None:
        return None
    nums = [_number(m.group("num"))] + ([_number(m.group("num2"))] if m.group("num2") else [])
    if any(n is None or n != int(n) for n in nums):
        return None
    return [int(n) for n in nums if n is not None], m.group("unit").lower().rstrip("s"), m.group("rel").lower()
