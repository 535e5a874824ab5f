"""Anchor a quote in its article: character offsets plus a W3C Web Annotation TextQuoteSelector.

Quotes are matched after normalising whitespace only (runs of spaces, tabs and newlines count as
one space); nothing else is forgiven, so a quote that differs by a letter or a quote mark fails and
is reported with the closest passage in the article.

Also the one place for the text structure every module shares: sentences (:func:`sentence_spans`,
:func:`sentence_bounds`), quoted speech (:func:`quote_spans`) and marked spans in escaped HTML
(:func:`mark_spans`).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

#: English function words (and "said", "according"): the one stop-word list; callers add their own words.
_FUNCTION_WORDS_TEXT = (
    "a an the of to in on at by for with from and or but as is was were be been being are am that this "
    "these those it its he his him she her they their them we our you your i me my who whom whose which "
    "what when where while after before over under into out up down about than then so not no nor also "
    "has had have having do did does done just only even very there here said says say would could should "
    "will shall can may might must one his hers theirs s t according"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

#: Characters of context kept before and after the exact match in a TextQuoteSelector.
SELECTOR_CONTEXT = 32
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class NormalisedText:
    """A text with whitespace runs collapsed, and the map back to original character offsets."""

    text: str
    to_original: tuple[int, ...]  # for each normalised index, the original index; one extra at the end

    @classmethod
    def of(cls, original: str) -> NormalisedText:
        """Collapse every whitespace run to one space, remembering where each character came from."""
        chars: list[str] = []
        index: list[int] = []
        pos = 0
        for m in _WS.finditer(original):
            chars.append(original[pos : m.start()])
            index.extend(range(pos, m.start()))
            chars.append(" ")
            index.append(m.start())
            pos = m.end()
        chars.append(original[pos:])
        index.extend(range(pos, len(original)))
        index.append(len(original))
        return cls("".join(chars), tuple(index))


def normalise_ws(text: str) -> str:
    """The quote as matched: whitespace runs collapsed to one space, ends stripped."""
    return _WS.sub(" ", text).strip()


def find_quote(quote: str, article: str | NormalisedText) -> tuple[int, int] | None:
    """Original ``(start, end)`` of the first whitespace-normalised occurrence of ``quote``, or None."""
    norm = article if isinstance(article, NormalisedText) else NormalisedText.of(article)
    needle = normalise_ws(quote)
    if not needle:
        return None
    at = norm.text.find(needle)
    if at < 0:
        return None
    start = norm.to_original[at]
    end = norm.to_original[at + len(needle) - 1] + 1
    return start, end


def quote_occurrences(quote: str, article: str | NormalisedText) -> list[tuple[int, int]]:
    """Original ``(start, end)`` of every whitespace-normalised occurrence of ``quote`` (overlaps included)."""
    norm = article if isinstance(article, NormalisedText) else NormalisedText.of(article)
    needle = normalise_ws(quote)
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    at = norm.text.find(needle)
    while at >= 0:
        spans.append((norm.to_original[at], norm.to_original[at + len(needle) - 1] + 1))
        at = norm.text.find(needle, at + 1)
    return spans


def word_break(text: str, start: int, end: int) -> str | None:
    """Whether ``text[start:end]`` starts or ends inside a word, said as a problem ("starts inside 'Rami'")."""

    def word_at(pos: int) -> str:
        left, right = pos, pos
        while left > 0 and text[left - 1].isalnum():
            left -= 1
        while right < len(text) and text[right].isalnum():
            right += 1
        return text[left:right]

    if 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        return f"starts inside the word '{word_at(start)}'"
    if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        return f"ends inside the word '{word_at(end)}'"
    return None


def first_difference(quote: str, passage: str, context: int = 30) -> str:
    """Where a quote first differs from the passage most like it, with a little context on each side."""
    a, b = normalise_ws(quote), normalise_ws(passage)
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    lo = max(0, i - context)
    return f"quote has '{a[lo : i + context]}', article has '{b[lo : i + context]}'"


def text_quote_selector(article: str, start: int, end: int, context: int = SELECTOR_CONTEXT) -> dict[str, str]:
    """A W3C ``TextQuoteSelector`` (exact, prefix, suffix) for ``article[start:end]``."""
    return {
        "type": "TextQuoteSelector",
        "exact": article[start:end],
        "prefix": article[max(0, start - context) : start],
        "suffix": article[end : end + context],
    }


def closest_passage(quote: str, article: str) -> tuple[str, float]:
    """The article passage most like ``quote`` and its similarity (0-100), for error messages."""
    needle = normalise_ws(quote)
    if not needle or not article:
        return "", 0.0
    hay = normalise_ws(article)
    align = fuzz.partial_ratio_alignment(needle, hay)
    return hay[align.dest_start : align.dest_end], round(align.score, 1)


def paragraph_bounds(article: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the paragraph (line) that holds ``article[start:end]``."""
    left = article.rfind("\n", 0, start) + 1
    right = article.find("\n", end)
    return left, len(article) if right < 0 else right


#: Words whose full stop does not end a sentence (titles, months, "vs"), besides initials and "a.m."/"p.m.".
ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Col", "Lt", "Sgt", "Rev", "Jr", "Sr", "No", "vs", "etc", "Jan", "Feb",
    "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip
#: Abbreviations whose full stop does not end a sentence: initials ("U.S.", "J."), titles ("Gen.") and "a.m."/"p.m.".
_ABBREV = re.compile(r"(?:\b(?:[A-Z]\.){1,3}|\b(?:" + "|".join(ABBREVIATIONS) + r"|[ap]\.m)\.)$")
#: Characters before a full stop searched for an abbreviation (keeps long lines linear).
_ABBREV_REACH = 16
#: A sentence break: ``.!?``, closing quotes or brackets, space, then a capital or digit (after any opener).
#: The stop is matched, not looked behind at, so the engine skips from one ``.!?`` to the next.
_SENTENCE_BREAK = re.compile(r"[.!?](?P<close>[”\"’')\]]*)\s+(?=[“\"‘’'(\[]*[A-Z0-9À-ÖØ-Þ])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence, surrounding space trimmed; lines are hard breaks, "U.S." is not one."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        for m in _SENTENCE_BREAK.finditer(line):
            stop = m.start() + 1  # just after the full stop
            if _ABBREV.search(line, max(0, stop - _ABBREV_REACH), stop):
                continue
            spans.append((start, pos + stop + len(m.group("close"))))
            start = pos + m.end()
        spans.append((start, pos + len(line)))
        pos += len(line) + 1
    out = []
    for s, e in spans:
        seg = text[s:e]
        lead, trail = len(seg) - len(seg.lstrip()), len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


@lru_cache(maxsize=64)
def _sentence_index(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`sentence_spans` of a text, kept for repeated lookups in the same article."""
    return tuple(sentence_spans(text))


def sentence_bounds(article: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the whole sentence(s) overlapping ``article[start:end]`` (never narrower than the span)."""
    spans = _sentence_index(article)
    lo, hi = start, max(end, start + 1)  # an empty span selects the sentence it sits in
    k = max(bisect.bisect_right(spans, (lo, len(article) + 1)) - 1, 0)
    hit = []
    for s, e in spans[k:]:
        if s >= hi:
            break
        if e > lo:
            hit.append((s, e))
    if not hit:
        return start, end
    return min(hit[0][0], start), max(hit[-1][1], end)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of double-quoted passages (curly or straight, marks included), paired within each line."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        opened: int | None = None
        for i, ch in enumerate(line):
            if ch == "“" or (ch == '"' and opened is None):
                opened = i if opened is None else opened
            elif ch in '”"' and opened is not None:
                spans.append((pos + opened, pos + i + 1))
                opened = None
        pos += len(line) + 1
    return spans


def mark_spans(text: str, spans: Iterable[tuple[int, int]], style: str | None = None) -> str:
    """``text`` HTML-escaped with each ``[start, end)`` span (relative to ``text``) wrapped in ``<mark>``.

    Overlapping spans are clipped to what the previous one left; spans outside the text are ignored.
    """
    tag = f"<mark style='{html.escape(style)}'>" if style else "<mark>"
    out, pos = [], 0
    for s, e in sorted(spans):
        s, e = max(int(s), pos), min(int(e), len(text))
        if e <= s:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"{tag}{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def anchor_quote(text: str, quote: str, occurrence: int | None = None, near: int | None = None) -> tuple[int, int]:
    """The one ``(start, end)`` of ``quote`` in ``text`` (whitespace forgiven), for turning a quote into a gold row.

    A quote occurring several times needs ``occurrence`` (1 for the first place, ...) or ``near``
    (a character offset: the closest occurrence wins). Raises ``ValueError`` with a one-line
    message (not found with the closest passage, ambiguous, or cut inside a word).
    """
    spans = quote_occurrences(quote, text)
    if not spans:
        passage, score = closest_passage(quote, text)
        raise ValueError(f"'{quote}' not found; closest passage ({score:g}% alike): '{passage}'")
    if occurrence is not None:
        if not 1 <= occurrence <= len(spans):
            raise ValueError(f"'{quote}' occurs {len(spans)} time(s), so occurrence {occurrence} does not exist")
        span = spans[occurrence - 1]
    elif near is not None:
        span = min(spans, key=lambda sp: (abs(sp[0] - near), sp[0]))
    elif len(spans) > 1:
        at = ", ".join(str(s) for s, _ in spans)
        raise ValueError(f"'{quote}' occurs {len(spans)} times (at characters {at}): give occurrence 1-{len(spans)}")
    else:
        span = spans[0]
    if (broken := word_break(text, *span)) is not None:
        raise ValueError(f"'{quote}' {broken}: widen it to whole words")
    return span
