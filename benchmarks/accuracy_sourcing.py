"""Accuracy of the attribution-cue detector (:mod:`helpers.sourcing`) on PolNeAR and the in-repo gold.

``python benchmarks/accuracy_sourcing.py [DATA_DIR]`` (default ``../shared/data`` from the repo
root). A gold ``Cue`` counts as found when a detected cue span overlaps it by a character; a
detected cue counts as right when it overlaps some gold cue (so recall and precision are each
one-sided overlaps, not a one-to-one matching). Articles with several annotators' files use the
first annotator's (see :mod:`helpers.sourcing.polnear`). **dev** is the reported figure; the cue
tagger is fitted on **train**, so train figures are in-sample (its threshold is chosen by
cross-validation on train: ``benchmarks/train_sourcing.py --cv``). Also printed: the in-repo gold
with the default detector, the most-missed and most common false-positive dev cues, the run time
and the throughput of 1,000 articles with and without the tagger. Without PolNeAR it prints one
``skipped`` line and returns 0. Writes ``benchmarks/results/sourcing_accuracy.json``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers import config  # noqa: E402
from helpers.corpus.load import load_corpus  # noqa: E402
from helpers.sourcing import accuracy as sourcing_accuracy  # noqa: E402
from helpers.sourcing import detect as sourcing  # noqa: E402
from helpers.sourcing import gold as sourcing_gold  # noqa: E402
from helpers.sourcing import tagger as tagger_module  # noqa: E402
from helpers.sourcing.polnear import annotator_pairs, load_links, load_split  # noqa: E402
from helpers.sourcing.scoring import agreement_scores, score_split, source_scores, span_scores  # noqa: E402

RESULTS_PATH = ROOT / "benchmarks" / "results" / "sourcing_accuracy.json"
DATASET = "PolNeAR 1.0"
CITATION = "E. Newell, D. Margolin, D. Ruths, An Attribution Relations Corpus for Political News, LREC 2018"
ANNOTATOR_RULE = "first annotator's file (alphabetical) where an article has several"
#: For scale only (another corpus, another system): a published cue F1 on PARC 3.0.
ANCHOR = "for scale: Citron reports cue F1 0.82 on PARC 3.0 (another corpus and annotation guideline)"
TIMING_ARTICLES = 1000
TOP = 15


def repo_gold_scores(convention: str = "wide") -> dict:
    """Cue and hedge figures on the five shipped articles' hand-coded gold, under one convention."""
    corpus = load_corpus(config.DEFAULT_CORPUS_DIR)
    gold_a = sourcing_gold.for_convention(sourcing_gold.read_gold_attributions(corpus), convention)
    gold_h = sourcing_gold.read_gold_hedges(corpus)
    found = sourcing.attributions(corpus, convention)
    result = sourcing_accuracy.evaluate(found, sourcing.hedges(corpus), gold_a, gold_h)
    total = result.loc["all"]
    return {
        "n_articles": len(corpus),
        "n_gold_cues": int(total["cues_gold"]),
        "recall": round(float(total["cue_recall"]), 4),
        "precision": round(float(total["cue_precision"]), 4),
        "hedge_recall": round(float(total["hedge_recall"]), 4),
        "hedge_precision": round(float(total["hedge_precision"]), 4),
    }


def timing(texts: list[str], n: int = TIMING_ARTICLES, tagger: bool = True) -> float:
    """Seconds for attributions and hedges on ``n`` articles (the texts repeated as needed).

    Wall-clock seconds; the processor seconds of the same run are printed beside them, since on a
    shared machine the wall clock also counts other people's work.
    """
    batch = [texts[k % len(texts)] for k in range(n)]
    t0, c0 = time.perf_counter(), time.process_time()
    for text in batch:
        sourcing.find_attributions(text, tagger=tagger)
        sourcing.find_hedges(text)
    CPU_SECONDS[tagger] = time.process_time() - c0
    return time.perf_counter() - t0


#: Processor seconds of the last :func:`timing` run, with and without the tagger.
CPU_SECONDS: dict[bool, float] = {}


def bad_input_growth(lengths: tuple[int, ...] = (1250, 2500, 5000)) -> list[tuple[int, float]]:
    """Seconds for attributions and hedges on one paragraph without full stops, at growing lengths (linear?)."""
    sentence = "The minister said that the bridge, according to two officials, was “safe ‘for now,’ he added” "
    pool = sentence.split()
    out = []
    for n in lengths:
        text = " ".join(pool[k % len(pool)] for k in range(n))
        t0 = time.perf_counter()
        sourcing.find_attributions(text)
        sourcing.find_hedges(text)
        out.append((n, time.perf_counter() - t0))
    return out


def tagger_summary() -> dict:
    """The shipped tagger's size: weights, candidate words, threshold, bytes on disk."""
    path = tagger_module.CUE_MODEL_PATH
    if not path.exists():
        return {"weights": 0, "bytes": 0}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        "weights": len(data["weights"]),
        "vocabulary": len(data["vocab"]),
        "threshold": data["threshold"],
        "bytes": path.stat().st_size,
    }


def _span_table(spans: dict[str, dict]) -> str:
    """Cue (overlap, exact), source-span and content-span P/R/F1 per convention, and the reach-back figures."""
    lines = [
        "| PolNeAR dev | cue P | cue R | cue F1 | exact P | exact R | exact F1 | source P | source R | source F1 "
        "| content P | content R | content F1 | sourced found |",
        "|---|" + "---:|" * 13,
    ]
    names = {"wide": "published convention (default: rules + tagger)", "speech": "speech convention (rules only)"}
    for convention, r in spans.items():
        cells = [f"{r[k][m]:.3f}" for k in ("cue", "exact", "source", "content") for m in ("precision", "recall", "f1")]
        lines.append(f"| {names[convention]} | " + " | ".join(cells) + f" | {r['sourced_found']:.3f} |")
    reach = spans["wide"]["reach"]
    lines.append(
        f"\nreach back (dev, default): {reach['gold_back']} gold contents start in an earlier sentence of the "
        f"paragraph; {reach['found']} of them found reaching back; {reach['right']} of {reach['detected_back']} "
        "detected reaches back are right"
    )
    return "\n".join(lines)


def _table(rows: dict[str, dict]) -> str:
    lines = ["| data | articles | gold cues | recall | precision | F1 |", "|---|---:|---:|---:|---:|---:|"]
    for name, r in rows.items():
        f1 = r.get("f1", "")
        lines.append(
            f"| {name} | {r['n_articles']} | {r['n_gold_cues']} | {r['recall']:.3f} | {r['precision']:.3f} | "
            f"{f1 if f1 == '' else format(f1, '.3f')} |"
        )
    return "\n".join(lines)


def main(data_dir: Path | None = None) -> int:
    """Measure on PolNeAR dev (reported) and train (in-sample) and the in-repo gold; print and write JSON."""
    data_dir = Path(data_dir) if data_dir is not None else ROOT.parent / "shared" / "data"
    polnear = data_dir / "polnear"
    if not polnear.is_dir():
        print(f"skipped: PolNeAR not found at {polnear}")
        return 0
    t0 = time.perf_counter()
    dev = load_split(polnear / "dev")
    train = load_split(polnear / "train")
    t_dev = time.perf_counter()
    dev_scores = score_split(dev)
    t_dev = time.perf_counter() - t_dev
    dev_rules = score_split(dev, tagger=False)
    train_scores = score_split(train)
    gold = repo_gold_scores("wide")
    gold_speech = repo_gold_scores("speech")
    linked = load_links(polnear / "dev")
    spans = {convention: span_scores(linked, tagger=convention == "wide") for convention in ("wide", "speech")}
    agreement = agreement_scores(annotator_pairs(polnear / "train"))
    sources = source_scores(load_links(polnear / "dev"))
    default = "rules + tagger" if sourcing.TAGGER_DEFAULT else "rules only"
    rows = {
        "PolNeAR dev, rules + tagger (reported)": dev_scores,
        "PolNeAR dev, rules only": dev_rules,
        "PolNeAR train, rules + tagger (in-sample)": train_scores,
        "PolNeAR train, second annotator vs first (human agreement)": agreement,
        "in-repo gold, published convention (the default; in-sample)": gold,
        "in-repo gold, speech convention (narrow; in-sample)": gold_speech,
    }
    print(_table(rows))
    print("\n" + _span_table(spans))
    print(
        f"\nsource spans (dev, rules + tagger): of {sources['cue_found']} found cues whose gold attribution has a "
        f"source, {sources['source_overlaps']} ({sources['source_accuracy']:.3f}) have a detected source overlapping it"
    )
    print(f"\nin-repo gold hedges: recall {gold['hedge_recall']:.3f}, precision {gold['hedge_precision']:.3f}")
    print(f"gold: {ANNOTATOR_RULE}; match: any character overlap of cue spans")
    print(ANCHOR)
    print(f"\n{TOP} most-missed dev cues:")
    print(pd.Series(dict(dev_scores["missed"].most_common(TOP)), name="count").to_string())
    print(f"\n{TOP} most common dev false-positive cues:")
    print(pd.Series(dict(dev_scores["false_positives"].most_common(TOP)), name="count").to_string())
    texts = [text for _, text, _ in train]
    seconds = timing(texts)
    seconds_rules = timing(texts, tagger=False)
    model = tagger_summary()
    growth = bad_input_growth()
    print(
        "bad input (one paragraph, no full stop), seconds by length: "
        + ", ".join(f"{n} words {t:.2f} s" for n, t in growth)
    )
    print(f"\ndev scoring: {len(dev)} articles in {t_dev:.1f} s ({len(dev) / t_dev:.0f} articles/s)")
    print(
        f"throughput (attributions + hedges, train articles): {TIMING_ARTICLES} articles in {seconds:.1f} s "
        f"({TIMING_ARTICLES / seconds:.0f} articles/s) with the tagger, {seconds_rules:.1f} s "
        f"({TIMING_ARTICLES / seconds_rules:.0f} articles/s) rules only; processor time "
        f"{CPU_SECONDS.get(True, 0):.1f} s with the tagger, {CPU_SECONDS.get(False, 0):.1f} s rules only"
    )
    print(
        f"tagger: {model['weights']} weights over {model.get('vocabulary', 0)} candidate words, "
        f"threshold {model.get('threshold')}, {model['bytes'] / 1e6:.2f} MB; default detector: {default}"
    )
    print(f"total run time {time.perf_counter() - t0:.1f} s")

    def public(s: dict) -> dict:
        return {k: v for k, v in s.items() if k not in {"missed", "false_positives"}}

    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "dataset": DATASET,
        "citation": CITATION,
        "match": "character overlap between a detected cue span and a gold Cue span",
        "annotators": ANNOTATOR_RULE,
        "dev": {"split": "dev", "detector": "rules + tagger", **public(dev_scores)},
        "dev_rules_only": {"split": "dev", "detector": "rules only", **public(dev_rules)},
        "train_in_sample": {"split": "train", "detector": "rules + tagger", **public(train_scores)},
        "human_agreement": {"split": "train", "detector": "second annotator vs first", **agreement},
        "dev_sources": {"split": "dev", "detector": "rules + tagger", **sources},
        "repo_gold": {"detector": default, **gold},
        "repo_gold_speech": {"detector": "rules only", **gold_speech},
        "dev_spans": {"split": "dev", **spans},
        "default_detector": default,
        "tagger": model,
        "timing": {
            "articles": TIMING_ARTICLES,
            "seconds": round(seconds, 2),
            "seconds_rules_only": round(seconds_rules, 2),
            "cpu_seconds": round(CPU_SECONDS.get(True, 0), 2),
            "cpu_seconds_rules_only": round(CPU_SECONDS.get(False, 0), 2),
            "bad_input_seconds": {str(n): round(t, 2) for n, t in growth},
        },
    }
    RESULTS_PATH.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
