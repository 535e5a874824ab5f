"""What the resolver knows while walking one article: the walk's state, paragraphs and quotations, tense cues."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from helpers.temporal.grammar import mask_abbreviations
from helpers.temporal.lexicon import NOT_PAST_ED
from helpers.temporal.patterns import FUTURE, FUTURE_AFTER, PAST_WORD, PERFECT_BEFORE, REPORTING_NOW

#: How far a sentence is looked for either side of a mention (keeps the walk linear on huge paragraphs).
_SENTENCE_REACH = 300
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”’')]|$)|\n")


@dataclass
class State:
    """What the resolver knows while walking an article."""

    published: dt.date | None
    narrative: tuple[dt.date, dt.time | None, int] | None = None  # date, time, paragraph index
    genre: str = "news"
    published_time: dt.time | None = None
    story_year: int | None = None  # narrative mode: the last year the text named
    story_month: int | None = None
    quarter: tuple[int, int] | None = None  # the last fiscal quarter named (year, 1-4)
    future_weekdays: frozenset[int] = frozenset()  # weekdays the story tells as coming somewhere (its frame)
    reporting_day: tuple[dt.date, int] | None = None  # the last day a statement was reported on, and its paragraph


class Article:
    """One article's text with paragraph and quotation lookups."""

    def __init__(self, text: str):
        self.text = text
        self.para_starts = [m.start() for m in re.finditer(r"[^\n]+", text)] or [0]

    def para(self, pos: int) -> int:
        """Index of the paragraph (non-empty line) holding ``pos``."""
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def in_quotes(self, pos: int) -> bool:
        """Whether ``pos`` is inside quoted speech within its paragraph.

        Counted on the positions of the quotation marks (found once), so a long paragraph with many
        dates costs a look-up per date, not a scan.
        """
        if not hasattr(self, "_marks"):
            self._marks = {c: [m.start() for m in re.finditer(re.escape(c), self.text)] for c in '"“”'}
        lo = self.para_starts[self.para(pos)]
        straight = self._marks['"']
        if (bisect.bisect_left(straight, pos) - bisect.bisect_left(straight, lo)) % 2 == 1:
            return True
        opens, closes = self._marks["“"], self._marks["”"]
        i, j = bisect.bisect_left(opens, pos) - 1, bisect.bisect_left(closes, pos) - 1
        last_open = opens[i] if i >= 0 and opens[i] >= lo else -1
        last_close = closes[j] if j >= 0 and closes[j] >= lo else -1
        return last_open > last_close


def narrative_date(
    state: State, article: Article, pos: int, max_paras: int | None
) -> tuple[dt.date, dt.time | None] | None:
    """The narrative's current date, if set within ``max_paras`` paragraphs before ``pos`` (None: any)."""
    if state.narrative is None:
        return None
    day, time, para = state.narrative
    if max_paras is not None and article.para(pos) - para > max_paras:
        return None
    return day, time


def story_year(state: State, month: int | None) -> int | None:
    """Narrative mode: the story's year for a year-less month or date (histories jump back as often as on)."""
    if state.genre != "narrative" or state.story_year is None:
        return None
    return state.story_year


def anchor_year(state: State) -> tuple[int | None, str, str]:
    """The year a year-less expression falls in: the story's (narrative mode) or publication's."""
    if state.genre == "narrative" and state.story_year is not None:
        return state.story_year, "narrative", str(state.story_year)
    if state.published is not None:
        return state.published.year, "publication", state.published.isoformat()
    if state.story_year is not None:
        return state.story_year, "narrative", str(state.story_year)
    return None, "", ""


def is_future(article: Article, pos: int) -> bool:
    """Whether the words before ``pos`` in its sentence point to the future."""
    before = mask_abbreviations(article.text[max(0, pos - 120) : pos])
    after = mask_abbreviations(article.text[pos : pos + 60])
    return bool(FUTURE.search(before)) or (not re.search(r"[.;!?]", before[-30:]) and bool(FUTURE_AFTER.match(after)))


def sentence_around(article: Article, pos: int) -> str:
    """The sentence holding ``pos`` (abbreviations masked), at most :data:`_SENTENCE_REACH` characters each side."""
    lo = max(0, pos - _SENTENCE_REACH)
    before = mask_abbreviations(article.text[lo:pos])
    after = mask_abbreviations(article.text[pos : pos + _SENTENCE_REACH])
    ends = list(_SENTENCE_END.finditer(before))
    start = ends[-1].end() if ends else 0
    stop = _SENTENCE_END.search(after)
    return before[start:] + after[: stop.start() if stop else len(after)]


def sentence_tense(article: Article, pos: int) -> str:
    """The tense a year-less date takes from its sentence: 'future', 'past', 'reporting' or 'present'.

    Future wording wins ('will', 'until'); then a past-tense verb ('rear-ended', 'was'), not one of
    a perfect or passive present ('has asked', 'is expected'); then a present reporting verb
    ('says'), whose weekday is the reporting day; otherwise the present, which in news announces
    what is scheduled ('the two meet Monday').
    """
    if is_future(article, pos):
        return "future"
    sentence = sentence_around(article, pos)
    for m in PAST_WORD.finditer(sentence):
        word = m.group().lower()
        if word.endswith("ed") and (word in NOT_PAST_ED or PERFECT_BEFORE.search(sentence[: m.start()])):
            continue
        return "past"
    return "reporting" if REPORTING_NOW.search(sentence) else "present"
