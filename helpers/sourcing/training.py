"""Fitting the sourcing cue tagger on PolNeAR articles: labels, vocabulary, logistic fit, cross-validation.

A logistic token classifier (is this token part of an attribution cue?) over the features of
:func:`helpers.sourcing.tagger.cue_features`, fitted by full-batch Adam with L2 (numpy only, no
randomness: the same data give the same weights). The threshold is chosen by ``FOLDS``-fold
cross-validation on train (article ``k`` goes to fold ``k % FOLDS``). ``make train-sourcing``
(``benchmarks/train_sourcing.py``) runs it and writes ``helpers/sourcing/data/cue_model.json``.
"""

from __future__ import annotations

import sys

import numpy as np

from helpers.sourcing import detect
from helpers.sourcing.lexicon import TOKEN as _TOKEN
from helpers.sourcing.scoring import match_counts
from helpers.sourcing.tagger import CUE_PUNCTUATION, cue_features, token_flags

MIN_COUNT = 5
MIN_POSITIVE = 2
MIN_RATE = 0.02
L2 = 1e-5
STEPS = 300
LEARNING_RATE = 0.05
PRUNE = 0.12
FOLDS = 5
MIN_PRECISION = 0.85
THRESHOLDS = (0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def _labelled_tokens(articles: list) -> list[tuple[str, list[tuple[str, int, int]], list[int]]]:
    """Each article's text, tokens and their 0/1 labels (inside a gold cue)."""
    out = []
    for _, text, cues in articles:
        toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        inside = np.zeros(len(text) + 1, dtype=bool)
        for s, e in zip(cues["start"], cues["end"], strict=True):
            inside[s:e] = True
        out.append((text, toks, [int(inside[s:e].any()) for _, s, e in toks]))
    return out


def cue_vocabulary(labelled: list) -> list[str]:
    """Words inside a gold cue at least ``MIN_POSITIVE`` times and ``MIN_RATE`` of their uses, and cue punctuation."""
    counts: dict[str, int] = {}
    seen: dict[str, int] = {}
    for _, toks, labels in labelled:
        for (word, _, _), y in zip(toks, labels, strict=True):
            low = word.lower()
            seen[low] = seen.get(low, 0) + 1
            if y:
                counts[low] = counts.get(low, 0) + 1
    words = {w for w, c in counts.items() if c >= MIN_POSITIVE and c / seen[w] >= MIN_RATE}
    return sorted(words | CUE_PUNCTUATION)


def _examples(labelled: list, vocab: set[str]) -> tuple[list[list[str]], np.ndarray]:
    """Features and labels of the candidate tokens."""
    feats: list[list[str]] = []
    labels: list[int] = []
    for text, toks, ys in labelled:
        cand = [n for n, t in enumerate(toks) if t[0].lower() in vocab]
        rules = detect.find_attributions(text)
        flags = token_flags(text, [(s, e) for _, s, e in toks], zip(rules["cue_start"], rules["cue_end"], strict=True))
        feats.extend(cue_features([t[0] for t in toks], cand, flags))
        labels.extend(ys[n] for n in cand)
    return feats, np.array(labels, dtype=float)


def _fit(feats: list[list[str]], y: np.ndarray) -> dict[str, float]:
    """Logistic regression weights for the features seen at least ``MIN_COUNT`` times."""
    counts: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: k for k, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}
    width = max(len(fs) for fs in feats)
    dim = len(vocab)
    x = np.full((len(feats), width), dim, dtype=np.int64)  # index dim = padding, weight fixed at 0
    for r, fs in enumerate(feats):
        idx = [vocab[f] for f in fs if f in vocab]
        x[r, : len(idx)] = idx
    w = np.zeros(dim + 1)
    m = np.zeros(dim + 1)
    v = np.zeros(dim + 1)
    b1, b2 = 0.9, 0.999
    flat = x.ravel()
    for step in range(1, STEPS + 1):
        z = w[x].sum(axis=1)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        resid = (p - y) / len(y)
        g = np.bincount(flat, weights=np.repeat(resid, width), minlength=dim + 1) + L2 * w
        g[dim] = 0.0
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= LEARNING_RATE * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
        w[dim] = 0.0
    return {f: round(float(w[k]), 3) for f, k in vocab.items() if abs(w[k]) >= PRUNE}


def _overlap_counts(articles: list, model: tuple | None, tagger: bool = True) -> tuple[int, int, int, int]:
    """(gold cues, gold found, detected cues, detected right) of rules (+ tagger) on articles."""
    n_gold = found = n_det = right = 0
    for _, text, cues in articles:
        det = detect.find_attributions(text, tagger=tagger, cue_model=model)
        d = list(zip(det["cue_start"], det["cue_end"], strict=True))
        g = list(zip(cues["start"], cues["end"], strict=True))
        f, r = match_counts(g, d)
        found, right = found + f, right + r
        n_gold += len(g)
        n_det += len(d)
    return n_gold, found, n_det, right


def _prf(counts: tuple[int, int, int, int]) -> tuple[float, float, float]:
    n_gold, found, n_det, right = counts
    r = found / max(1, n_gold)
    p = right / max(1, n_det)
    return r, p, 2 * r * p / max(1e-9, r + p)


def train_model(articles: list) -> tuple[dict[str, float], list[str]]:
    """Weights and vocabulary fitted on some PolNeAR articles."""
    labelled = _labelled_tokens(articles)
    vocab = cue_vocabulary(labelled)
    feats, y = _examples(labelled, set(vocab))
    return _fit(feats, y), vocab


def cross_validate(train: list) -> dict[float, tuple[float, float, float]]:
    """Rules + tagger recall, precision and F1 on train by ``FOLDS``-fold cross-validation, per threshold."""
    totals = {t: np.zeros(4, dtype=np.int64) for t in THRESHOLDS}
    rules = np.zeros(4, dtype=np.int64)
    for fold in range(FOLDS):
        fit_part = [a for k, a in enumerate(train) if k % FOLDS != fold]
        held = [a for k, a in enumerate(train) if k % FOLDS == fold]
        weights, vocab = train_model(fit_part)
        for t in THRESHOLDS:
            totals[t] += _overlap_counts(held, (weights, t, frozenset(vocab)))
        rules += _overlap_counts(held, None, tagger=False)
        print(f"  fold {fold + 1}/{FOLDS} done", file=sys.stderr)
    out = {t: _prf(tuple(c)) for t, c in totals.items()}
    out[1.0] = _prf(tuple(rules))
    return out


def choose_threshold(scores: dict[float, tuple[float, float, float]]) -> float:
    """The threshold with the best F1 among those keeping precision >= ``MIN_PRECISION`` (else the strictest)."""
    ok = [(f1, t) for t, (_, p, f1) in scores.items() if p >= MIN_PRECISION and t < 1.0]
    return max(ok)[1] if ok else max(THRESHOLDS)
