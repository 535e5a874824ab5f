"""The learned cue tagger: a logistic token classifier trained on PolNeAR train.

Its weights ship as JSON beside this module (``data/cue_model.json``, written by
``benchmarks/train_sourcing.py DATA_DIR``); nothing is downloaded at run time. It finds cue
tokens the rules miss (PolNeAR's wide convention: beliefs, plans, "called", headline colons);
:func:`helpers.sourcing.detect.find_attributions` adds its finds with ``tagger=True``.
Features need no part-of-speech tagger: the word, its lemma and shape, a window of two words
either side, suffixes of the neighbours (a crude verb signal), quotation-mark and colon context,
whether the token is inside a quotation or in the first line (a headline).
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from helpers.core.text import quote_spans, sentence_spans
from helpers.sourcing.lexicon import TOKEN as _TOKEN

#: Where the cue tagger's weights live (written by ``benchmarks/train_sourcing.py``).
CUE_MODEL_PATH = Path(__file__).with_name("data") / "cue_model.json"
#: Quotation marks a cue usually stands next to (ASCII wire quotes included).
_QUOTE_TOKENS = {'"', "“", "”", "'", "‘", "’", "`"}
_OPEN_QUOTES = {"“", "‘", '"', "`"}
_CLOSE_QUOTES = {"”", "’", '"', "'"}
#: Dashes, folded to one token for the features ("―", "—", "–").
_DASHES = {"―", "—", "–"}
#: Punctuation the tagger may tag as a cue (PolNeAR marks a colon before a quotation or after a headline's speaker).
CUE_PUNCTUATION = {":", *_DASHES}


def _shape(word: str) -> str:
    """A coarse word shape: capitalised, lower, digit or punctuation."""
    c = word[0]
    if c.isupper():
        return "X"
    if c.isdigit():
        return "d"
    return "x" if c.isalpha() else ("-" if word in _DASHES else word)


def _lemma(low: str) -> str:
    """A crude lemma for the tagger: common verb and plural endings cut ("says", "saying" -> "say")."""
    for end in ("ing", "ed", "es", "s"):
        if low.endswith(end) and len(low) > len(end) + 2:
            return low[: -len(end)]
    return low


def _fold(low: str) -> str:
    """Dashes folded to one symbol, other tokens unchanged."""
    return "―" if low in _DASHES else low


def token_flags(
    text: str, spans: Sequence[tuple[int, int]], rule_cues: Iterable[tuple[int, int]] = ()
) -> list[tuple[bool, bool, bool]]:
    """For each token span: inside a double quotation; in the first line (a headline); in a sentence
    where the rules found a cue (``rule_cues``), where a second cue is rarer."""
    quotes = quote_spans(text)
    first_nl = text.find("\n")
    first_end = len(text) if first_nl < 0 else first_nl
    starts = sorted(c for c, _ in rule_cues)
    ruled = [(s, e) for s, e in sentence_spans(text) if bisect.bisect_left(starts, s) < bisect.bisect_left(starts, e)]
    out: list[tuple[bool, bool, bool]] = []
    q = r = 0
    for start, _ in spans:
        while q < len(quotes) and quotes[q][1] <= start:
            q += 1
        while r < len(ruled) and ruled[r][1] <= start:
            r += 1
        inside = q < len(quotes) and quotes[q][0] < start
        out.append((inside, start < first_end, r < len(ruled) and ruled[r][0] <= start))
    return out


def cue_features(
    words: Sequence[str], only: Iterable[int] | None = None, flags: Sequence[tuple[bool, ...]] | None = None
) -> list[list[str]]:
    """Feature strings of tokens for the cue tagger (word, window, shapes, quotes, colons, "that").

    ``only`` limits the work to some token positions (the tagger's candidates); the default is all.
    ``flags`` (from :func:`token_flags`) adds whether a token is quoted, in the headline, or in a sentence
    with a rule cue.
    """
    lows = [_fold(w.lower()) for w in words]
    n = len(lows)
    pad = ["<s>", "<s>", *lows, "</s>", "</s>"]
    shapes = [_shape(w) for w in words]
    spad = ["<s>", "<s>", *shapes, "</s>", "</s>"]
    quote_at = [w in _QUOTE_TOKENS for w in words]
    feats: list[list[str]] = []
    for i in range(n) if only is None else only:
        low = lows[i]
        lem = _lemma(low)
        p, pp, nx, nn = pad[i + 1], pad[i], pad[i + 3], pad[i + 4]
        left_q = any(quote_at[max(0, i - 3) : i])
        right_q = any(quote_at[i + 1 : i + 4])
        near_q = any(quote_at[max(0, i - 15) : i + 15])
        open_after = any(w in _OPEN_QUOTES for w in words[i + 1 : i + 3])
        close_before = i > 0 and words[i - 1] in _CLOSE_QUOTES
        colon_before = ":" in lows[max(0, i - 8) : i]
        colon_after = ":" in lows[i + 1 : i + 6]
        line_first = i == 0 or lows[i - 1] in {".", "!", "?"}
        quoted, headline, ruled = flags[i] if flags is not None else (False, False, False)
        f = [
            "b",
            "w=" + low,
            "l=" + lem,
            "s3=" + low[-3:],
            "s2=" + low[-2:],
            "sh=" + shapes[i],
            "p=" + p,
            "n=" + nx,
            "pp=" + pp,
            "nn=" + nn,
            "pw=" + p + "|" + low,
            "wn=" + low + "|" + nx,
            "wnn=" + lem + "|" + nn,
            "ppw=" + pp + "|" + p + "|" + lem,
            "ps3=" + p[-3:] + "|" + low[-3:],
            "ns3=" + lem + "|" + nx[-3:],
            "psh=" + spad[i + 1] + "|" + lem,
            "nsh=" + spad[i + 3] + "|" + lem,
            "shw=" + spad[i] + spad[i + 1] + shapes[i] + spad[i + 3] + spad[i + 4],
            f"q={int(left_q)}{int(right_q)}{int(near_q)}|" + lem,
            f"oq={int(open_after)}{int(close_before)}|" + lem,
            f"col={int(colon_before)}{int(colon_after)}|" + lem,
            f"that={int('that' in lows[i + 1 : i + 4])}|" + lem,
            f"inq={int(quoted)}|" + lem,
            f"inq={int(quoted)}",
            f"hl={int(headline)}|" + lem,
            f"rs={int(ruled)}|" + lem,
            f"rs={int(ruled)}",
            "first|" + lem if line_first else "mid",
        ]
        if not low[0].isalnum():
            f.append(f"punct={low}|{spad[i + 1]}{spad[i + 3]}|{int(open_after)}{int(close_before)}{int(headline)}")
            f.append(f"punctp={low}|{p}")
        feats.append(f)
    return feats


@functools.cache
def _cue_model(path: Path = CUE_MODEL_PATH) -> tuple[dict[str, float], float, frozenset[str]]:
    """A cue tagger's weights, its probability threshold and the words it may tag (the shipped one by default)."""
    if not path.exists():
        return {}, 1.0, frozenset()
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["weights"], float(data["threshold"]), frozenset(data["vocab"])


def token_probabilities(
    text: str,
    model: tuple[dict[str, float], float, frozenset[str]] | None = None,
    rule_cues: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, int, float]]:
    """``(start, end, probability)`` of each candidate token (a word of the tagger's vocabulary).

    ``rule_cues`` are the cue spans the rules found (a feature: the sentence already has a cue).
    """
    weights, _, vocab = model if model is not None else _cue_model()
    if not weights:
        return []
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    candidates = [n for n, t in enumerate(toks) if t[0].lower() in vocab]
    flags = token_flags(text, [(s, e) for _, s, e in toks], rule_cues)
    feats = cue_features([t[0] for t in toks], candidates, flags)
    get = weights.get
    out = []
    for n, fs in zip(candidates, feats, strict=True):
        z = sum(get(f, 0.0) for f in fs)
        out.append((toks[n][1], toks[n][2], 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))))
    return out


def model_cue_spans(
    text: str,
    model: tuple[dict[str, float], float, frozenset[str]] | None = None,
    rule_cues: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, int, float]]:
    """Cue spans the learned tagger finds: runs of adjacent cue tokens, with the run's best probability."""
    threshold = (model if model is not None else _cue_model())[1]
    spans: list[tuple[int, int, float]] = []
    for start, end, prob in token_probabilities(text, model, rule_cues):
        if prob < threshold:
            continue
        if spans and re.fullmatch(r"\s*", text[spans[-1][1] : start]):
            s0, _, best = spans[-1]
            spans[-1] = (s0, end, max(best, prob))
        else:
            spans.append((start, end, prob))
    return spans
