"""Word lists of the date finder and resolver, one concept each, kept apart from the code that uses them.

The HeidelTime way (``resources/english/normalization/*.txt``) and spaCy's ``lex_attrs.py``: a
linguist edits a list here without reading the patterns (:mod:`helpers.temporal.patterns`) or the
resolvers. Each list says where it came from.
"""

from __future__ import annotations

import calendar
from typing import NamedTuple


class PartOfDay(NamedTuple):
    """One part of the day: local clock range, ISO-TimeML code, and whether it is a morning part."""

    start: str
    end: str
    next_day: bool  # the end falls on the next day
    timex: str  # ISO-TimeML part-of-day code (MO, AF, EV, NI)
    morning: bool  # told after an evening time, it means the next morning


#: Parts of the day, in the order they are looked up (longest phrases first). Source: ISO-TimeML's
#: part-of-day codes (TimeML 1.2.1 guidelines, as HeidelTime's ``normPartOfDay``); the clock
#: ranges are this package's choice, checked on TimeBank and WikiWars development data.
PARTS_OF_DAY: dict[str, PartOfDay] = {
    "early hours": PartOfDay("00:00", "06:00", False, "NI", True),
    "early morning": PartOfDay("00:00", "06:00", False, "MO", True),
    "dawn": PartOfDay("04:30", "06:30", False, "MO", True),
    "daybreak": PartOfDay("04:30", "06:30", False, "MO", True),
    "morning": PartOfDay("06:00", "12:00", False, "MO", True),
    "afternoon": PartOfDay("12:00", "18:00", False, "AF", False),
    "evening": PartOfDay("18:00", "22:00", False, "EV", False),
    "dusk": PartOfDay("17:00", "19:00", False, "EV", False),
    "night": PartOfDay("20:00", "06:00", True, "NI", False),
    "overnight": PartOfDay("20:00", "06:00", True, "NI", False),
}
#: The clock ranges of :data:`PARTS_OF_DAY` as (start, end, next_day): the timeline's view of the same table.
PART_RANGES: dict[str, tuple[str, str, bool]] = {w: (p.start, p.end, p.next_day) for w, p in PARTS_OF_DAY.items()}
#: ISO-TimeML code of a part of the day starting at a clock time, when its word is not in the text.
PART_CODE_BY_START = {"06:00": "MO", "12:00": "AF", "18:00": "EV", "20:00": "NI", "00:00": "NI"}

#: Weekday names, Monday first (Python's ``datetime.weekday`` order). Source: ``calendar.day_name``.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Month names and abbreviations to month numbers. Source: ``calendar.month_name`` and
#: ``calendar.month_abbr`` (English), plus the news abbreviation 'Sept' (AP style).
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
#: Number words of counted phrases ('three days later', 'a couple of weeks'). Source: English
#: cardinals up to twenty and the tens to sixty, as HeidelTime's ``normNumber``.
NUMBERS = {
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
#: Tens of a year in words ('nineteen ninety-six'). Source: English cardinals.
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
#: Ordinal words of centuries ('the nineteenth century'). Source: English ordinals.
ORDINALS = {
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
#: Seasons to ISO-TimeML season codes. Source: TimeML 1.2.1 guidelines (SP, SU, FA, WI).
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
#: Months each season spans (winter runs into the next year: 12-14). Source: meteorological seasons.
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
#: Fixed-date holidays and named days: (month, day). Source: hand-written for news in English
#: (US, UK and French days seen in TimeBank, WikiWars and the shipped corpora); movable feasts
#: (Easter, Thanksgiving) are left out because their date needs a rule, not a list.
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
#: Words after a four-digit number that make it a count, a measure or a clock time, not a year
#: (regular-expression fragments). Source: errors on TimeBank and WikiWars development data.
NOT_YEAR_WORDS = (
    "people", "persons", "troops", "men", "women", "soldiers", "prisoners", "casualties", "dead", "killed",
    "wounded", "ships", "guns", "tanks", "aircraft", "planes", "horses", "km", "kilometres", "kilometers", "miles",
    "metres", "meters", "feet", "tons", "tonnes", "dollars", "pounds", "euros", "shares", "hours", "hrs", "gmt",
    "utc", "est", "edt", "pst", r"local\s+time", "bst", "cet", r"h\b",
    # units written after a number, with or without a space ('2000ft', '2000 m'): added for issue 31
    r"ft\b", r"m\b", r"mph\b", r"kph\b", r"kg\b", r"lbs?\b", "yards", "acres", "hectares", "barrels", "votes",
    "residents", "homes", "houses", "jobs", "vehicles", "cars", "cases", "deaths", "metre", "meter", "mile",
)  # fmt: skip
#: Irregular past-tense verbs that mark a sentence as told in the past. Source: the common English
#: irregular verbs (any grammar's list), cut to forms that are not also present or participle-only.
PAST_FORMS = (
    "was", "were", "had", "did", "said", "told", "went", "came", "made", "took", "gave", "got", "saw", "met",
    "left", "began", "became", "fell", "rose", "won", "lost", "held", "kept", "found", "thought", "brought",
    "wrote", "spoke", "ran", "sent", "struck", "led", "fought", "flew", "drove", "broke", "chose", "knew",
    "grew", "threw", "sought", "paid", "sold", "stood", "sat", "wore", "woke", "rode", "hung", "shot", "slid",
    "spent", "built", "felt", "heard", "meant", "fled", "swore", "tore", "withdrew", "overthrew", "undertook",
    "wasn't", "weren't", "didn't", "hadn't", "wasn’t", "weren’t", "didn’t", "hadn’t",
)  # fmt: skip
#: Words ending in -ed that are not past-tense verbs. Source: English words of that shape.
NOT_PAST_ED = (
    "need", "speed", "feed", "seed", "indeed", "hundred", "proceed", "exceed", "succeed", "bleed", "breed",
    "greed", "shed", "bed", "red", "wed", "united", "limited", "based", "related", "concerned", "scheduled",
    "expected", "planned", "proposed", "supposed", "interested", "advanced", "detailed", "alleged", "reduced",
)  # fmt: skip
#: Present-tense reporting verbs: a weekday told with them is the reporting day, not a day ahead.
#: Source: the speech verbs of news attribution (as :mod:`helpers.sourcing`'s cue lists).
REPORTING_PRESENT = ("says", "tells", "reports", "announces", "according", "writes", "notes", "adds", "claims")
