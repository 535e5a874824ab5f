"""Hedges ("reportedly", "allegedly", "believed to") and verification disclaimers in any article.

The patterns are :mod:`helpers.sourcing.lexicon.hedge_patterns`; a hedge carries its ``family`` and
sentence. "claims that" is a hedge only where "claims" is a verb.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.core.language import is_analysed
from helpers.core.text import sentence_spans
from helpers.sourcing.cues import noun_reading
from helpers.sourcing.lexicon.hedge_patterns import HEDGE_PATTERNS
from helpers.sourcing.tokens import Spans, tokens

HEDGE_COLUMNS = ["source_id", "start", "end", "cue", "family", "sentence"]

_HEDGE_RES = tuple((family, re.compile(pattern, re.IGNORECASE)) for family, pattern in HEDGE_PATTERNS)


def find_hedges(text: str) -> pd.DataFrame:
    """Hedges and verification disclaimers in one text: ``start, end, cue, family, sentence``."""
    sentences = Spans(sentence_spans(text))
    toks = tokens(text, 0, len(text))
    tok_at = {t.start: n for n, t in enumerate(toks)}
    found: list[tuple[int, int, str]] = []
    for family, rx in _HEDGE_RES:
        for m in rx.finditer(text):
            if m.group().lower().startswith("claim"):
                n = tok_at.get(m.start())
                if n is not None and noun_reading(toks, n):
                    continue
            found.append((m.start(), m.end(), family))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    rows = []
    last_end = -1
    for start, end, family in found:
        if start < last_end:
            continue
        last_end = end
        s, e = sentences.at(start) or (0, len(text))
        rows.append({"start": start, "end": end, "cue": text[start:end], "family": family, "sentence": text[s:e]})
    return pd.DataFrame(rows, columns=HEDGE_COLUMNS[1:])


def hedges(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every hedge and verification disclaimer in every analysed article (English), with offsets."""
    frames = []
    for sid, text in corpus["text"].items():
        if not is_analysed(text):
            continue  # listed by helpers.sourcing.detect.not_analysed, never read as "no hedges"
        frame = find_hedges(text)
        frame.insert(0, "source_id", sid)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=HEDGE_COLUMNS)
    return out[HEDGE_COLUMNS]
