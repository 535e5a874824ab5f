"""Train the sourcing cue tagger on PolNeAR train: ``python benchmarks/train_sourcing.py DATA_DIR``.

A logistic token classifier (is this token part of an attribution cue?) over the features of
:func:`helpers.sourcing.cue_features`, fitted by full-batch Adam with L2 (numpy only, no
randomness: the same data give the same weights). The threshold is chosen on a fixed tenth
of the train articles held out from a first fit (every tenth article), then the model is
refitted on all of train. Only dev is used to report; the test split is never read.
Writes ``helpers/sourcing/data/cue_model.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.polnear import load_split  # noqa: E402
from helpers.sourcing.lexicon import TOKEN as _TOKEN  # noqa: E402
from helpers.sourcing.tagger import CUE_MODEL_PATH, cue_features  # noqa: E402

MIN_COUNT = 5
MIN_POSITIVE = 2
MIN_RATE = 0.03
L2 = 1e-6
STEPS = 300
LEARNING_RATE = 0.05
PRUNE = 0.06
TOKEN_PRECISION = 0.8


def _labelled_tokens(articles: list) -> list[tuple[list[tuple[str, int, int]], list[int]]]:
    """Each article's tokens and their 0/1 labels (inside a gold cue)."""
    out = []
    for _, text, cues in articles:
        toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        inside = np.zeros(len(text) + 1, dtype=bool)
        for s, e in zip(cues["start"], cues["end"], strict=True):
            inside[s:e] = True
        out.append((toks, [int(inside[s:e].any()) for _, s, e in toks]))
    return out


def cue_vocabulary(labelled: list) -> list[str]:
    """Words inside a gold cue at least ``MIN_POSITIVE`` times and ``MIN_RATE`` of their uses: the candidates."""
    counts: dict[str, int] = {}
    seen: dict[str, int] = {}
    for toks, labels in labelled:
        for (word, _, _), y in zip(toks, labels, strict=True):
            low = word.lower()
            seen[low] = seen.get(low, 0) + 1
            if y:
                counts[low] = counts.get(low, 0) + 1
    return sorted(w for w, c in counts.items() if c >= MIN_POSITIVE and c / seen[w] >= MIN_RATE)


def _examples(labelled: list, vocab: set[str]) -> tuple[list[list[str]], np.ndarray, int]:
    """Features and labels of the candidate tokens, and the gold cue tokens outside the candidates."""
    feats: list[list[str]] = []
    labels: list[int] = []
    lost = 0
    for toks, ys in labelled:
        cand = [n for n, t in enumerate(toks) if t[0].lower() in vocab]
        feats.extend(cue_features([t[0] for t in toks], cand))
        labels.extend(ys[n] for n in cand)
        lost += sum(ys) - sum(ys[n] for n in cand)
    return feats, np.array(labels, dtype=float), lost


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
    for step in range(1, STEPS + 1):
        z = w[x].sum(axis=1)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        resid = (p - y) / len(y)
        g = np.bincount(x.ravel(), weights=np.repeat(resid, width), minlength=dim + 1) + L2 * w
        g[dim] = 0.0
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= LEARNING_RATE * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
        w[dim] = 0.0
    return {f: round(float(w[k]), 4) for f, k in vocab.items() if abs(w[k]) >= PRUNE}


def _probs(weights: dict[str, float], feats: list[list[str]]) -> np.ndarray:
    z = np.array([sum(weights.get(f, 0.0) for f in fs) for fs in feats])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _threshold(weights: dict[str, float], feats: list[list[str]], y: np.ndarray) -> float:
    """The token threshold with the best F1 among those keeping token precision >= TOKEN_PRECISION."""
    p = _probs(weights, feats)
    best, best_t = -1.0, 0.5
    for t in np.arange(0.2, 0.91, 0.02):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        prec = tp / max(1.0, float(pred.sum()))
        rec = tp / max(1.0, float(y.sum()))
        f1 = 2 * prec * rec / max(1e-9, prec + rec)
        if prec >= TOKEN_PRECISION and f1 > best:
            best, best_t = f1, float(t)
    return round(best_t, 2)


def main(data_dir: Path) -> int:
    """Fit, pick the threshold on a held-out tenth of train, refit on all of train, write the JSON."""
    train = load_split(data_dir / "polnear" / "train")
    labelled = _labelled_tokens(train)
    vocab = cue_vocabulary(labelled)
    vset = set(vocab)
    fit_part = [a for k, a in enumerate(labelled) if k % 10]
    held_part = [a for k, a in enumerate(labelled) if not k % 10]
    f_fit, y_fit, _ = _examples(fit_part, vset)
    f_held, y_held, _ = _examples(held_part, vset)
    threshold = _threshold(_fit(f_fit, y_fit), f_held, y_held)
    f_all, y_all, lost = _examples(labelled, vset)
    weights = _fit(f_all, y_all)
    CUE_MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "about": "Attribution-cue token tagger (logistic regression) trained on PolNeAR train by "
        "benchmarks/train_sourcing.py; features: helpers.sourcing.cue_features.",
        "threshold": threshold,
        "vocab": vocab,
        "weights": dict(sorted(weights.items())),
    }
    CUE_MODEL_PATH.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    print(
        f"{len(train)} articles, {len(y_all)} candidate tokens ({len(vocab)} words; {lost} cue tokens outside), "
        f"{len(weights)} weights, threshold {threshold}"
    )
    print(f"wrote {CUE_MODEL_PATH} ({CUE_MODEL_PATH.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"))
