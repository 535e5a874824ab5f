"""Anchor a quote in its article: character offsets plus a W3C Web Annotation TextQuoteSelector.

Quotes are matched after normalising whitespace only (runs of spaces, tabs and newlines count as
one space); nothing else is forgiven, so a quote that differs by a letter or a quote mark fails and
is reported with the closest passage in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

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


def sentence_bounds(article: str, start: int, end: int) -> tuple[int, int]:
    """Approximate start and end of the sentence(s) around ``article[start:end]`` within its paragraph."""
    para_start, para_end = paragraph_bounds(article, start, end)
    left = para_start
    for m in re.finditer(r"[.!?][”\"’']?\s+", article[para_start:start]):
        left = para_start + m.end()
    m = re.search(r"[.!?][”\"’']?(\s|$)", article[end:para_end])
    right = end + m.end() if m else para_end
    return left, right
