"""The learned cue tagger: a logistic token classifier trained on PolNeAR train (opt-in in detection).

Its weights ship as JSON beside this module (``data/cue_model.json``, written by
``benchmarks/train_sourcing.py DATA_DIR``); nothing is downloaded at run time. It finds cue words
the rules miss; :func:`helpers.sourcing.detect.find_attributions` uses it with ``tagger=True``.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from helpers.sourcing.lexicon import TOKEN as _TOKEN

# --------------------------------------------------------------------------------------------
# Learned cue tagger: a logistic token classifier trained on PolNeAR train
# (benchmarks/train_sourcing.py); its weights ship as JSON in helpers/sourcing/data.
# --------------------------------------------------------------------------------------------

#: Where the cue tagger's weights live (written by ``benchmarks/train_sourcing.py``).
CUE_MODEL_PATH = Path(__file__).with_name("data") / "cue_model.json"
#: Quotation marks a cue usually stands next to (ASCII wire quotes included).
_QUOTE_TOKENS = {'"', "“", "”", "'", "‘", "’", "`"}


def _shape(word: str) -> str:
    """A coarse word shape: capitalised, lower, digit or punctuation."""
    c = word[0]
    if c.isupper():
        return "X"
    if c.isdigit():
        return "d"
    return "x" if c.isalpha() else word


def _lemma(low: str) -> str:
    """A crude lemma for the tagger: common verb and plural endings cut ("says", "saying" -> "say")."""
    for end in ("ing", "ed", "es", "s"):
        if low.endswith(end) and len(low) > len(end) + 2:
            return low[: -len(end)]
    return low


def cue_features(words: Sequence[str], only: Iterable[int] | None = None) -> list[list[str]]:
    """Feature strings of tokens for the cue tagger (the word, its neighbours, shapes, nearby quotes and "that").

    ``only`` limits the work to some token positions (the tagger's candidates); the default is all.
    """
    lows = [w.lower() for w in words]
    n = len(lows)
    pad = ["<s>", "<s>", *lows, "</s>", "</s>"]
    quote_at = [w in _QUOTE_TOKENS for w in words]
    feats: list[list[str]] = []
    for i in range(n) if only is None else only:
        low = lows[i]
        p, pp, nx, nn = pad[i + 1], pad[i], pad[i + 3], pad[i + 4]
        left_q = any(quote_at[max(0, i - 3) : i])
        right_q = any(quote_at[i + 1 : i + 4])
        near_q = any(quote_at[max(0, i - 15) : i + 15])
        feats.append(
            [
                "b",
                "w=" + low,
                "l=" + _lemma(low),
                "s3=" + low[-3:],
                "sh=" + _shape(words[i]),
                "p=" + p,
                "n=" + nx,
                "pp=" + pp,
                "nn=" + nn,
                "pw=" + p + "|" + low,
                "wn=" + low + "|" + nx,
                "wnn=" + _lemma(low) + "|" + nn,
                "ppw=" + pp + "|" + p + "|" + _lemma(low),
                "ps3=" + p[-3:] + "|" + low[-3:],
                "psh=" + (_shape(words[i - 1]) if i else "<s>") + "|" + _lemma(low),
                "nsh=" + (_shape(words[i + 1]) if i + 1 < n else "</s>") + "|" + _lemma(low),
                f"q={int(left_q)}{int(right_q)}{int(near_q)}|" + _lemma(low),
                f"that={int('that' in lows[i + 1 : i + 4])}|" + _lemma(low),
                "first" if i == 0 or lows[i - 1] in {".", "!", "?"} else "mid",
            ]
        )
    return feats


@functools.cache
def _cue_model() -> tuple[dict[str, float], float, frozenset[str]]:
    """The shipped cue tagger: feature weights, the probability threshold, the words it may tag."""
    if not CUE_MODEL_PATH.exists():
        return {}, 1.0, frozenset()
    data = json.loads(CUE_MODEL_PATH.read_text(encoding="utf-8"))
    return data["weights"], float(data["threshold"]), frozenset(data["vocab"])


def model_cue_spans(text: str) -> list[tuple[int, int, float]]:
    """Cue spans the learned tagger finds: runs of adjacent cue tokens, with the run's best probability."""
    weights, threshold, vocab = _cue_model()
    if not weights:
        return []
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    candidates = [n for n, t in enumerate(toks) if t[0].lower() in vocab]
    feats = cue_features([t[0] for t in toks], candidates)
    get = weights.get
    spans: list[tuple[int, int, float]] = []
    for n, fs in zip(candidates, feats, strict=True):
        _, start, end = toks[n]
        z = sum(get(f, 0.0) for f in fs)
        prob = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        if prob < threshold:
            continue
        if spans and re.fullmatch(r"\s*", text[spans[-1][1] : start]):
            s0, _, best = spans[-1]
            spans[-1] = (s0, end, max(best, prob))
        else:
            spans.append((start, end, prob))
    return spans
