"""The date finder's regular-expression patterns and context cues, as data for :mod:`helpers.temporal.grammar`.

Patterns are written in lower case and matched, case-sensitively (much faster), against the text
folded to lower case (:data:`helpers.temporal.grammar.FOLD`), which keeps every offset; that is
what IGNORECASE would match. Names of months and weekdays must be capitalised in the text itself,
which the finder checks (so the verb "may" is not a month). Source: hand-written for this package
in the manner of HeidelTime's ``resources/english/repattern`` files, extended from the errors
measured on TimeBank and WikiWars development data (``make accuracy``); word lists are in
:mod:`helpers.temporal.lexicon`.
"""

from __future__ import annotations

import re

from helpers.temporal.lexicon import HOLIDAYS, NOT_YEAR_WORDS, ORDINALS, PAST_FORMS, REPORTING_PRESENT, SEASONS

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
    rf"(?P<mon>{_MON})(?:,?\s+(?:of\s+)?(?P<year>{_YEAR})|\s+(?:of\s+)?(?P<myrel>last|next|this)\s+year(?![-\w]))?"
    r"(?!\s*[0-3]?\d)"
)
#: Words after a four-digit number that make it a count, a measure or a clock time, not a year.
_NOT_YEAR_AFTER = r"\s*(?:" + "|".join(NOT_YEAR_WORDS) + ")"
_YEAR_PATTERN = (
    rf"(?<![\w/.:#$£€,-])(?<!page\s)(?<!pages\s)(?<!p\.\s)(?<!no\.\s)(?P<year>{_YEAR})"
    rf"(?![\d%/]|,\d|\.\d|-year|{_NOT_YEAR_AFTER})"
)
#: A range of years; both halves become mentions ('1915-17', '1917–1918', 'from 1940 to 1945').
_YEAR_RANGE_PATTERN = (
    rf"(?<![\w/.:#$£€,-])(?P<year>{_YEAR})(?:\s*[-–—/]\s*|\s+(?:to|and|through)\s+)"
    rf"(?P<year_b>{_YEAR}|\d\d)(?![\d%]|,\d|{_NOT_YEAR_AFTER})"
)
#: The second day of a range within one month ('Sept. 19 to 22', 'March 3-5'); it becomes its own mention.
_DAY_RANGE_PATTERN = (
    rf"(?P<mon>{_MON})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*|\s+(?:to|through|and)\s+)"
    rf"(?P<day_b>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d|\s*(?:{_MON}|[ap]\.?m\b|%|percent))(?:,?\s+(?P<year>{_YEAR}))?"
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
_SEASON_PATTERN = (
    r"(?:(?P<srel>last|this|next|that|the\s+following|the\s+previous|early|late|mid)[\s-]+|(?P<sthe>the)\s+)?"
    rf"(?P<season>spring|summer|autumn|fall|winter)(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?(?![-\w])"
)
_DECADE_PATTERN = (
    r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<decade>1\d\d|20\d)0['’]?s(?![\w])"
    r"|(?:the\s+)?(?P<sdecade>['’][1-9]0)s(?![\w])"
)
_CENTURY_PATTERN = (
    r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<century>1\d|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+century"
    rf"|the\s+(?:(?:early|mid|late)[\s-]+)?(?P<centw>{'|'.join(sorted(ORDINALS, key=len, reverse=True))})"
    r"[\s-]+century"
)
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
    r"|(?<![\w])on\s+(?P<aref2>the)\s+(?P<aunit2>day)(?![-\w])(?!\s+(?:of|before|after|when|that)\b)"
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
    (
        r"(?:(?P<prep>over|at|during)\s+the|(?:this|the)\s+past|(?P<rel>last|this|next))\s+weekend",
        ("weekend",),
        None,
    ),
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
FLAGS = re.IGNORECASE
_HOLIDAY_NEEDLES = tuple(sorted({re.split("['’]", h)[0] for h in HOLIDAYS}))  # each name up to its apostrophe
#: The finder's patterns: (kind, pattern, needles, lead), in the order their spans are collected.
PATTERNS: tuple[tuple[str, str, tuple[str, ...] | None, str | None], ...] = (
    *(("point", *p) for p in _POINT_PATTERNS),
    ("month", _MONTH_PATTERN, _M3, r"late|early|mid|the\s|" + "|".join(_M3)),
    ("year", _YEAR_PATTERN, None, r"[12]"),
    *(("deictic", *p) for p in _DEICTIC_PATTERNS),
    *(("relative", *p) for p in _RELATIVE_PATTERNS),
    *(("duration", *p) for p in _DURATION_PATTERNS),
    ("yearrange", _YEAR_RANGE_PATTERN, None, r"[12]"),
    ("dayrange", _DAY_RANGE_PATTERN, _M3, None),
    ("shortyear", _SHORT_YEAR_PATTERN, ("'", "’"), None),
    ("spelledyear", _SPELLED_YEAR_PATTERN, ("nineteen", "eighteen", "thousand"), r"nin|eig|the\s"),
    ("season", _SEASON_PATTERN, tuple(SEASONS), r"la|th|ne|ea|mid|spr|sum|aut|fal|win"),
    ("decade", _DECADE_PATTERN, ("0s", "0'", "0’"), r"the\s|ear|mid|lat|[12'’]"),
    ("century", _CENTURY_PATTERN, ("century",), r"the\s|ear|mid|lat|\d"),
    ("holiday", _HOLIDAY_PATTERN, _HOLIDAY_NEEDLES, None),
    ("quarter", _QUARTER_PATTERN, ("quarter",), r"the\s|las|nex|thi|fir|sec|fou|\d"),
    ("anaphora", _ANAPHORA_PATTERN, ("year", "month", "day"), r"th|la|ea|on\s"),
)
#: Wording before an expression that points to the future ('will meet on Friday', 'until June').
FUTURE = re.compile(
    r"\b(?:will|shall|['’]ll|next|until|till|through|due\s+(?:to\s+be|on|in|out|back)|scheduled|(?<!-)expected\s+to|set\s+to|plans?\s+to|planned"
    r"|postponed|adjourned|deadline|upcoming|coming|is\s+to|are\s+to|would\s+be|won['’]t"
    r"|expects?\s+(?:\w+\s+){0,3}to)\b[^.;!?]*$",
    FLAGS,
)
#: Future wording after an expression, up to the end of its sentence ('on Friday the board will vote').
FUTURE_AFTER = re.compile(r"^[^.;!?]*?\b(?:will|shall|['’]ll|won['’]t|is\s+expected|are\s+expected)\b", FLAGS)
#: A statement reported "on <weekday>": the weekday is the reporting day, anchored to publication.
REPORTING = re.compile(
    r"(?:\b(?:said|says|announced|declared|stated)\b(?:\s+\w+){0,3}"
    r"|\b(?:told|tells|informed|briefed)\s+(?:reporters|journalists|the\s+press|a\s+news\s+conference|state\s+media)"
    r"|\bin\s+a\s+statement)\s+on\s+$",
    FLAGS,
)
MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|from|of|for|during|through|last|this|next|before|after|early|late|under|between)\s+$",
    FLAGS,
)
#: Full stops that end no sentence ('U.S.', 'a.m.', 'Gen.'): masked before the sentence-bound searches.
ABBREV_DOT = re.compile(
    r"\b(?:[A-Za-z]\.){2,3}|\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Rev|Jr|Sr|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug"
    r"|Sep|Sept|Oct|Nov|Dec)\.(?=\s+\S)"
)
#: A year-less date closing a reported period ('the year ended March 31') lies in the past.
ENDED_BEFORE = re.compile(r"\b(?:ended|ending|closed)\s+(?:on\s+)?$", FLAGS)


ANAPHORIC_START = re.compile(r"^\s*(?:that|this|these|those|then|it|which)\b", FLAGS)
APPOSITION_BEFORE = re.compile(r"^\s*,?\s*(?:just|only|some|about|barely|exactly)?\s*$", FLAGS)
APPOSITION_AFTER = re.compile(r"^\s*,\s*(?:on\s+|in\s+)?$", FLAGS)
#: A named event after a counted phrase ('a day after the quake', 'two months before Election Day'), not an
#: act ('before leaving') or a clause ('after he arrived'), whose date the story has not given.
EVENT_AFTER = re.compile(
    r"\s+(?:(?:the|this|that|his|her|its|their|our)\s+(?![a-z]+ing\b)|[A-Z][a-z]+\b(?<!He)(?<!She)(?<!It)(?<!They)(?<!We))"
)
#: A holiday followed closely by the year of what happened on it ('the Boxing Day earthquake and tsunami in 2004').
HOLIDAY_YEAR_AFTER = re.compile(rf"(?:\s+[a-z]+){{1,5}}\s+(?:in|of)\s+(?P<year>{_YEAR})(?!\d)")
#: A URL or path before a number: its digits are no year.
URL_BEFORE = re.compile(r"https?://\S*$|\S/$")
OF_AFTER = re.compile(r"\s+of\b")

#: The counted relative phrase (for :func:`helpers.temporal.grammar.relative_parts`).
RELATIVE_COUNTED = _RELATIVE_PATTERNS[0][0]

#: A past-tense form: an irregular past or an -ed word (filtered in :func:`helpers.temporal.context.sentence_tense`).
PAST_WORD = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in PAST_FORMS) + r"|[a-z]{2,}ed)\b", FLAGS)
#: Auxiliaries before an -ed word that make it a perfect or passive present ('has asked', 'is expected').
PERFECT_BEFORE = re.compile(r"\b(?:has|have|is|are|am|be|been|being|['’]s|['’]ve)\s+(?:\w+ly\s+|not\s+)?$", FLAGS)
#: A present-tense reporting verb ('says', 'according to').
REPORTING_NOW = re.compile(r"\b(?:" + "|".join(REPORTING_PRESENT) + r")\b", FLAGS)
