"""What the resolver knows while walking one article: the walk's state, paragraphs and quotations, tense cues."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from helpers.temporal.grammar import mask_abbreviations
from helpers.temporal.patterns import (
    FUTURE,
    FUTURE_AFTER,
)


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


class Article:
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
