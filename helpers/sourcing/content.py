"""What an attribution attributes: its content span, in its own sentence or reaching back one sentence.

The content is the larger side of the cue's sentence outside the source and cue ("X said [that the
bridge is safe]", "[The bridge is safe], X said"). It reaches back into the previous sentence of
the same paragraph in two measured cases, the ones PolNeAR's annotators mark (train: 584 of 19,831
content spans start in an earlier sentence, 559 of them within the paragraph):

* a quotation that opened in an earlier sentence and closes before the cue ("“... . ...,” she
  said"): the content starts where the quotation opens;
* a sentence that is nothing but the attribution ("People familiar with the matter said so.",
  "[Reuters.]"): the content is the previous sentence of the paragraph.

``reach`` says which: ``sentence`` or ``previous sentence``. Nothing crosses a paragraph break.
"""

from __future__ import annotations

from helpers.sourcing.tokens import Spans

#: What a content span never starts or ends with.
_EDGE = " \t\n\xa0,;:—–-(["
#: Words a content span does not start with ("said [that] ...").
_OPENERS = ("that ", "That ")
#: Words that leave a sentence "nothing but the attribution" ("said so", "said this").
_EMPTY_CONTENT = {"", "so", "this", "that", "it", "as much", "the same", "so too"}
#: Where an attribution's content stays, or reaches back.
REACHES = ("sentence", "previous sentence")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without edge punctuation, closing full stops and a leading "that"."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE + ".!?":
        end -= 1
    if text.startswith(_OPENERS, start) and end - start > 5:
        start += 5
    return start, end


def _words(text: str, start: int, end: int) -> str:
    """The span's letters and spaces only, lower-cased ("so" from "so.")."""
    return " ".join("".join(c for c in text[start:end].lower() if c.isalnum() or c.isspace()).split())


def _empty(text: str, start: int, end: int) -> bool:
    """Whether a side of the sentence holds no content ("", "so", "this"); only short sides are read."""
    return end - start <= 12 and _words(text, start, end) in _EMPTY_CONTENT


def content_span(
    text: str,
    sentence: tuple[int, int],
    cue: tuple[int, int],
    source: tuple[int, int],
    sentences: Spans,
    quotes: Spans,
) -> tuple[int, int, str]:
    """``(content_start, content_end, reach)`` of one attribution (an empty span at the cue when there is none)."""
    s0, s1 = sentence
    lo = min(cue[0], source[0]) if source[1] > source[0] else cue[0]
    hi = max(cue[1], source[1])
    left = _trimmed(text, s0, lo)
    right = _trimmed(text, hi, s1)
    if _empty(text, *left) and _empty(text, *right):
        previous = sentences.at(s0 - 1) if s0 > 0 else None
        if previous is not None and previous[1] <= s0 and "\n" not in text[previous[1] : s0]:
            start, end = _trimmed(text, *previous)
            if start < end:
                return start, end, REACHES[1]
        return cue[0], cue[0], REACHES[0]
    start, end = left if left[1] - left[0] >= right[1] - right[0] else right
    if (start, end) == left:
        opened = quotes.at(start)
        if opened is not None and opened[0] < s0 <= opened[1] <= end + 2 and "\n" not in text[opened[0] : s0]:
            return opened[0], end, REACHES[1]  # a quotation of several sentences closing before the cue
    return start, end, REACHES[0]
