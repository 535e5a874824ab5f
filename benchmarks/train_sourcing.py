"""Train the sourcing cue tagger on PolNeAR train: ``make train-sourcing``.

``python benchmarks/train_sourcing.py [DATA_DIR] [--cv]`` (``DATA_DIR`` as for ``make accuracy``).

A logistic token classifier (is this token part of an attribution cue?) over the features of
:func:`helpers.sourcing.tagger.cue_features`, fitted by full-batch Adam with L2 (numpy only, no
randomness: the same data give the same weights). The probability threshold is chosen by
cross-validation on train: the train articles are split into ``FOLDS`` fixed folds (article
``k`` goes to fold ``k % FOLDS``), a model fitted on the other folds tags each fold, and the
threshold with the best cue F1 of rules + tagger (PolNeAR's overlap metric) among those keeping
precision >= ``MIN_PRECISION`` is kept; then the model is refitted on all of train. Only dev
is used to report (``benchmarks/accuracy_sourcing.py``); the test split is never read.
``--cv`` prints the cross-validated table and writes nothing.
Writes ``helpers/sourcing/data/cue_model.json``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.core.files import write_atomic  # noqa: E402
from helpers.sourcing.polnear import load_split  # noqa: E402
from helpers.sourcing.tagger import CUE_MODEL_PATH  # noqa: E402
from helpers.sourcing.training import FOLDS, MIN_PRECISION, choose_threshold, cross_validate, train_model  # noqa: E402


def main(data_dir: Path, cv_only: bool = False) -> int:
    """Cross-validate the threshold on train, refit on all of train, write the JSON."""
    t0 = time.perf_counter()
    if not (data_dir / "polnear" / "train").is_dir():
        print(f"skipped: PolNeAR train not found at {data_dir / 'polnear' / 'train'}; the shipped model is kept")
        return 0
    train = load_split(data_dir / "polnear" / "train")
    scores = cross_validate(train)
    print(f"{FOLDS}-fold cross-validation on PolNeAR train ({len(train)} articles), rules + tagger:")
    print("| threshold | recall | precision | F1 |\n|---:|---:|---:|---:|")
    for t, (r, p, f1) in scores.items():
        print(f"| {'rules only' if t == 1.0 else t} | {r:.3f} | {p:.3f} | {f1:.3f} |")
    threshold = choose_threshold(scores)
    print(f"chosen threshold {threshold} (best F1 at precision >= {MIN_PRECISION})")
    if cv_only:
        return 0
    weights, vocab = train_model(train)
    payload = {
        "about": "Attribution-cue token tagger (logistic regression) trained on PolNeAR train by "
        "benchmarks/train_sourcing.py; features: helpers.sourcing.tagger.cue_features; "
        f"threshold by {FOLDS}-fold cross-validation on train.",
        "threshold": threshold,
        "vocab": vocab,
        "weights": dict(sorted(weights.items())),
    }
    write_atomic(CUE_MODEL_PATH, json.dumps(payload, separators=(",", ":")) + "\n")
    print(f"{len(train)} articles, {len(vocab)} candidate words, {len(weights)} weights, threshold {threshold}")
    print(f"wrote {CUE_MODEL_PATH} ({CUE_MODEL_PATH.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(Path(args[0]) if args else ROOT.parent / "shared" / "data", cv_only="--cv" in sys.argv))
