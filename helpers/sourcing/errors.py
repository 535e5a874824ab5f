"""Why the cue tagger misses: categories of cue spans and of gold sources, for ``make cue-errors``.

Pure functions over one article's text, detected attributions and PolNeAR-style gold links; the
benchmark (``benchmarks/cue_errors.py``) runs them on held-out folds of PolNeAR train.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.sourcing.accuracy import spans_overlap
from helpers.sourcing.lexicon.error_words import NOUN_CUES

_WORD = re.compile(r"\w[\w'’-]*")


def lead_words(span: str, n: int = 2) -> str:
    """The first ``n`` words of a cue span, lower-cased (to group multi-word cues by how they start)."""
    return " ".join(_WORD.findall(span.lower())[:n])


def category(text: str, start: int, end: int, quotes: list[tuple[int, int]], vocab: frozenset[str]) -> str:
    """One coarse category of a cue span (the first that applies)."""
    span = text[start:end]
    low = span.lower().strip()
    words = _WORD.findall(low)
    first_nl = text.find("\n")
    if low in {":", "—", "–", "-"} or not words:
        return "punctuation (colon/dash)"
    if start < (first_nl if first_nl >= 0 else len(text)):
        return "headline"
    if "according" in low:
        return "according to"
    if any(q0 < start and end <= q1 for q0, q1 in quotes):
        return "inside a quotation"
    if len(words) > 1:
        return "multi-word" + (" (some word out of vocabulary)" if any(w not in vocab for w in words) else "")
    if words[0] in NOUN_CUES:
        return "noun (statement/report/poll...)"
    if words[0] not in vocab:
        return "single word out of tagger vocabulary"
    return "single word in vocabulary"


def source_errors(text: str, det: pd.DataFrame, gold_links: pd.DataFrame) -> list[str]:
    """For each gold attribution with a source: found (cue and source overlap) or why not."""
    rows = list(zip(det["cue_start"], det["cue_end"], det["source_start"], det["source_end"], strict=True))
    out = []
    g = gold_links
    for c0, c1, s0, s1 in zip(g["cue_start"], g["cue_end"], g["source_start"], g["source_end"], strict=True):
        if s0 < 0:
            continue
        hits = [r for r in rows if spans_overlap(r[0], r[1], c0, c1)]
        if not hits:
            out.append("cue missed")
        elif any(spans_overlap(r[2], r[3], s0, s1) for r in hits):
            out.append("found (cue and source)")
        elif all(r[3] <= r[2] for r in hits):
            out.append("cue found, no source detected")
        elif "." in text[min(s1, c0) : max(s0, c1)] or "\n" in text[min(s1, c0) : max(s0, c1)]:
            out.append("cue found, gold source in another sentence")
        elif s0 >= c1:
            out.append("cue found, gold source after the cue (same sentence), other span detected")
        else:
            out.append("cue found, gold source before the cue (same sentence), other span detected")
    return out
