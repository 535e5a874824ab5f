"""Error analysis of the cue tagger on held-out folds of PolNeAR train: ``python -m benchmarks.cue_errors DATA``.

``--folds=N`` analyses the first N folds (default 1).
For each of the first ``N`` folds of :mod:`helpers.sourcing.training` (article ``k`` in fold
``k % FOLDS``), a model fitted on the other folds tags the held-out fold with the rules (wide
convention); missed gold cues and false positives are counted by category and by word. Dev and
test are never read. Prints markdown tables; writes nothing.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from helpers.core.text import quote_spans
from helpers.sourcing import detect
from helpers.sourcing.accuracy import spans_overlap
from helpers.sourcing.errors import category, lead_words, source_errors
from helpers.sourcing.polnear import load_links, load_split
from helpers.sourcing.tagger import _cue_model, token_probabilities
from helpers.sourcing.training import FOLDS, train_model


def main(data_dir: Path, n_folds: int = 1) -> int:
    """Print missed and false-positive cue categories over ``n_folds`` held-out folds of train."""
    split = data_dir / "polnear" / "train"
    if not split.is_dir():
        print(f"skipped: PolNeAR train not found at {split}")
        return 0
    train = load_split(split)
    links = load_links(split)
    sources: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    missed_words: Counter[str] = Counter()
    fps: Counter[str] = Counter()
    fp_words: Counter[str] = Counter()
    found_cat: Counter[str] = Counter()
    near: Counter[str] = Counter()
    multi: Counter[str] = Counter()
    n_gold = n_det = 0
    for fold in range(n_folds):
        fit = [a for k, a in enumerate(train) if k % FOLDS != fold]
        held = [a for k, a in enumerate(train) if k % FOLDS == fold]
        held_links = [a for k, a in enumerate(links) if k % FOLDS == fold]
        weights, vocab_list = train_model(fit)
        vocab = frozenset(vocab_list)
        model = (weights, _cue_model()[1], vocab)  # the shipped threshold
        for (_, text, cues), (_, _, gold_links) in zip(held, held_links, strict=True):
            det = detect.find_attributions(text, tagger=True, cue_model=model)
            sources.update(source_errors(text, det, gold_links))
            d = list(zip(det["cue_start"], det["cue_end"], strict=True))
            g = list(zip(cues["start"], cues["end"], strict=True))
            quotes = quote_spans(text)
            probs = token_probabilities(text, model, d)
            n_gold += len(g)
            n_det += len(d)
            for g0, g1 in g:
                cat = category(text, g0, g1, quotes, vocab)
                if any(spans_overlap(d0, d1, g0, g1) for d0, d1 in d):
                    found_cat[cat] += 1
                    continue
                missed[cat] += 1
                missed_words[text[g0:g1].lower()] += 1
                if cat.startswith("multi-word"):
                    multi[lead_words(text[g0:g1])] += 1
                best = max((p for s, e, p in probs if s < g1 and g0 < e), default=None)
                if best is not None:
                    near["candidate, p >= 0.4" if best >= 0.4 else "candidate, p < 0.4"] += 1
                else:
                    near["no candidate token"] += 1
            for d0, d1 in d:
                if not any(spans_overlap(d0, d1, g0, g1) for g0, g1 in g):
                    fps[category(text, d0, d1, quotes, vocab)] += 1
                    fp_words[text[d0:d1].lower()] += 1
        print(f"  fold {fold + 1}/{n_folds} done", file=sys.stderr)
    print(f"held-out folds {n_folds} of {FOLDS} on PolNeAR train; {n_gold} gold cues, {n_det} detected")
    print("\n| missed gold cues by category | missed | found | recall |\n|---|---:|---:|---:|")
    for cat, c in missed.most_common():
        print(f"| {cat} | {c} | {found_cat[cat]} | {found_cat[cat] / (c + found_cat[cat]):.2f} |")
    print("\n| gold attributions with a source | n | share |\n|---|---:|---:|")
    for k, c in sources.most_common():
        print(f"| {k} | {c} | {c / sum(sources.values()):.3f} |")
    print("\n| missed gold cue: tagger view | n |\n|---|---:|")
    for k, c in near.most_common():
        print(f"| {k} | {c} |")
    print("\n| top missed cue texts | n |\n|---|---:|")
    for w, c in missed_words.most_common(40):
        print(f"| {w!r} | {c} |")
    print("\n| missed multi-word cues: first two words | n |\n|---|---:|")
    for w, c in multi.most_common(25):
        print(f"| {w!r} | {c} |")
    print("\n| false positives by category | n |\n|---|---:|")
    for cat, c in fps.most_common():
        print(f"| {cat} | {c} |")
    print("\n| top false-positive texts | n |\n|---|---:|")
    for w, c in fp_words.most_common(25):
        print(f"| {w!r} | {c} |")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folds = next((int(a.split("=")[1]) for a in sys.argv[1:] if a.startswith("--folds=")), 1)
    sys.exit(main(Path(args[0]) if args else Path("../shared/data"), folds))
