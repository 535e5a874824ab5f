"""Text structure for the detector: tokens with offsets, sorted spans with fast lookup, span trimming.

Sentences and quotations come from :mod:`helpers.core.text`; this module only walks tokens of one
sentence at a time, so the detector stays linear in the length of the text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from helpers.core.text import ABBREVIATIONS
from helpers.sourcing.lexicon.punctuation import TOKEN


@dataclass(frozen=True)
class Tok:
    """One token: its text and ``[start, end)`` in the article."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of ``text[start:end]`` with absolute offsets."""
    return [Tok(m.group(), start + m.start(), start + m.end()) for m in TOKEN.finditer(text[start:end])]


class Spans:
    """Sorted ``[start, end)`` spans with logarithmic lookup of the one at a position."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def at(self, pos: int) -> tuple[int, int] | None:
        """The last span starting at or before ``pos`` (None when there is none)."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.spans[k] if k >= 0 else None

    def strictly_inside(self, pos: int) -> bool:
        """Whether ``pos`` lies strictly inside a span (for non-overlapping spans)."""
        k = bisect.bisect_left(self.starts, pos) - 1
        return k >= 0 and pos < self.spans[k][1]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans starting in ``[start, end)``."""
        return self.spans[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]


def trim(toks: list[Tok]) -> list[Tok]:
    """Drop punctuation and joining words from both ends of a span."""
    junk = {"who", "which", "that", "and", "or", "the", ",", "'", "‘", "’", "to", "as", "also"}
    while toks and (toks[-1].low in junk or (not toks[-1].is_word and toks[-1].text not in "'’")):
        toks = toks[:-1]
    while toks and (toks[0].low in {",", "and", "or"} or (not toks[0].is_word and toks[0].text not in "'‘")):
        toks = toks[1:]
    return toks


def in_spans(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of the ``[start, end)`` spans."""
    return any(s <= pos < e for s, e in spans)


def abbreviation_dot(toks: list[Tok], j: int) -> bool:
    """Whether token ``j`` is the full stop of an initial or title ("U.S.", "Gen."), not a clause end."""
    if toks[j].text != "." or j == 0 or toks[j - 1].end != toks[j].start:
        return False
    word = toks[j - 1].text
    return (len(word) == 1 and word.isupper()) or word in ABBREVIATIONS


def plain_quotes(text: str) -> str:
    """Wire copy's ASCII quotation marks (``` ``like this'' ```) as straight double quotes, same length.

    Two apostrophes or backticks are a quotation mark in 1990s wire copy; read as two
    apostrophes they would join a source span ("'' he said"). The offsets do not change.
    """
    return text.replace("''", '""').replace("``", '""')


#: Most tokens a cue's rules see before and after it: real sentences fit whole; a 5,000-word paragraph
#: without full stops is read in windows, so the work stays linear in the length of the text.
WINDOW_BEFORE = 150
WINDOW_AFTER = 80


@lru_cache(maxsize=8)
def _sentence_tokens(text: str, start: int, end: int) -> tuple[list[Tok], list[int]]:
    """The tokens of one sentence and their starts (cached: a sentence holds several cues)."""
    toks = tokens(text, start, end)
    return toks, [t.start for t in toks]


def window(text: str, sentence: tuple[int, int], cue_start: int, cue_end: int) -> tuple[list[Tok], int, int]:
    """The tokens around a cue within its sentence, the cue's first token and the first token after it."""
    toks, starts = _sentence_tokens(text, *sentence)
    i = bisect.bisect_left(starts, cue_start)
    i_after = bisect.bisect_left(starts, cue_end)
    lo, hi = max(0, i - WINDOW_BEFORE), min(len(toks), i_after + WINDOW_AFTER)
    return toks[lo:hi], i - lo, i_after - lo
