"""Benchmark of :mod:`helpers.reuse.derivation` on synthetic corpora of 1,000 / 5,000 / 10,000 articles.

Each size runs in a fresh child process (``--one N``) so that its peak memory is its own:
the child generates the corpus (see :mod:`helpers.reuse.synthetic`), notes its resident memory, runs
``find_reuse`` plus ``chains`` under a wall clock, and prints one JSON line. At the smallest
size the child also runs the naive baseline in the same process: ``difflib.SequenceMatcher``
on the normalised words of every pair, a pair counting as derived when its matching blocks
cover at least ``PARTIALLY_DERIVED_MIN_COVERAGE`` of the shorter text (the detector's own
threshold). All pairs would take many minutes, so the baseline runs on

* every pair the truth lists (related, and unrelated pairs that share some text): exact
  recall and exact false positives among the hard negatives, and
* a uniform random sample of all pairs (``--baseline-sample``, seeded): time per pair,
  extrapolated to all pairs, and the false-positive rate among pairs sharing no text,
  extrapolated to all of them,

and the table says so. Run: ``python -m benchmarks`` (what ``make bench`` runs).
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import resource
import subprocess
import sys
import time

import pandas as pd

from helpers import config
from helpers.reuse import derivation as reuse
from helpers.reuse import labels as reuse_labels
from helpers.reuse import settings as reuse_settings
from helpers.reuse.chaining import chains
from helpers.reuse.shingles import words
from helpers.reuse.synthetic import TRUTH_MIN_OVERLAP, generate, score

SIZES = (1_000, 5_000, 10_000)
BASELINE_SAMPLE = 5_000
SEED = 0


def _cpu_s() -> float:
    """CPU seconds (user + system) used by this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def detected_pairs(pairs: pd.DataFrame) -> set[tuple[str, str]]:
    """Pairs the detector labels wholly or partially derived, as sorted tuples."""
    rel = pairs[pairs["label"] != reuse_labels.NOT_DERIVED]
    return {(min(a, b), max(a, b)) for a, b in zip(rel["source_a"], rel["source_b"], strict=True)}


def _baseline_share(wa: list[str], wb: list[str]) -> float:
    """Share of the shorter word list inside ``SequenceMatcher`` matching blocks."""
    blocks = difflib.SequenceMatcher(None, wa, wb).get_matching_blocks()
    return sum(b.size for b in blocks) / max(1, min(len(wa), len(wb)))


def baseline(corpus: pd.DataFrame, truth: pd.DataFrame, sample: int, seed: int) -> dict[str, object]:
    """The naive all-pairs baseline on listed pairs plus a random sample, extrapolated (see module doc)."""
    ids = list(corpus.index)
    ws = {sid: words(text) for sid, text in corpus["text"].items()}
    n_all = len(ids) * (len(ids) - 1) // 2
    status = {(a, b): s for a, b, s in truth[["source_a", "source_b", "status"]].itertuples(index=False)}
    threshold = reuse_settings.PARTIALLY_DERIVED_MIN_COVERAGE
    t0 = time.perf_counter()
    listed = {p: _baseline_share(ws[p[0]], ws[p[1]]) >= threshold for p in status}
    listed_time = time.perf_counter() - t0
    rng = random.Random(seed)
    drawn: set[tuple[str, str]] = set()
    while len(drawn) < min(sample, n_all):
        a, b = rng.sample(ids, 2)
        drawn.add((min(a, b), max(a, b)))
    t0, c0 = time.perf_counter(), _cpu_s()
    flagged = {p: _baseline_share(ws[p[0]], ws[p[1]]) >= threshold for p in sorted(drawn)}
    sample_time, sample_cpu = time.perf_counter() - t0, _cpu_s() - c0
    per_pair = sample_time / len(drawn)
    related = [p for p, s in status.items() if s == "related"]
    tp = sum(listed[p] for p in related)
    fp_listed = sum(v for p, v in listed.items() if status[p] == "unrelated")
    unlisted = [p for p in drawn if p not in status]
    fp_rate = sum(flagged[p] for p in unlisted) / max(1, len(unlisted))
    n_unlisted = n_all - len(status)
    fp_est = fp_listed + fp_rate * n_unlisted
    return {
        "method": "difflib.SequenceMatcher, all pairs (sampled)",
        "articles": len(ids),
        "wall_s": per_pair * n_all,
        "cpu_s": sample_cpu / len(drawn) * n_all,
        "recall": tp / max(1, len(related)),
        "precision": tp / (tp + fp_est) if tp + fp_est else float("nan"),
        "truth_pairs": len(related),
        "note": (
            f"ran {len(status):,} listed + {len(drawn):,} random pairs of {n_all:,}"
            f" in {listed_time + sample_time:.0f} s;"
            f" time = {per_pair * 1000:.2f} ms/pair x all pairs; false positives among pairs sharing no text"
            f" extrapolated ({fp_rate:.4f} of {n_unlisted:,})"
        ),
    }


def run_one(n: int, seed: int, sample: int, with_baseline: bool) -> list[dict[str, object]]:
    """Generate a corpus of ``n`` articles, time the detector (and the baseline), score both."""
    syn = generate(n, seed=seed)
    base_mb = _rss_mb()
    t0, c0 = time.perf_counter(), _cpu_s()
    found = reuse.find_reuse(syn.corpus)
    chains(syn.corpus, found.pairs)
    wall, cpu = time.perf_counter() - t0, _cpu_s() - c0
    peak_mb = _rss_mb()
    scores = score(detected_pairs(found.pairs), syn.truth)
    aligned = int((~found.pairs["direction_basis"].str.endswith("not aligned")).sum())
    rows: list[dict[str, object]] = [
        {
            "method": "helpers.reuse.derivation (index + alignment)",
            "articles": len(syn.corpus),
            "wall_s": wall,
            "cpu_s": cpu,
            "peak_mb": peak_mb,
            "corpus_mb": base_mb,
            "recall": scores["recall"],
            "precision": scores["precision"],
            "truth_pairs": scores["truth_pairs"],
            "note": (
                f"{len(found.pairs):,} candidate pairs, {aligned:,} aligned, {scores['detected']:,} labelled derived"
            ),
        }
    ]
    if with_baseline:
        row = baseline(syn.corpus, syn.truth, sample, seed)
        row["peak_mb"] = _rss_mb()
        row["corpus_mb"] = float("nan")
        rows.append(row)
    return rows


def table(rows: list[dict[str, object]]) -> str:
    """The benchmark rows as a fixed-width text table."""
    frame = pd.DataFrame(rows)
    frame["wall_s"] = frame["wall_s"].map(lambda v: f"{v:,.1f}")
    frame["cpu_s"] = frame["cpu_s"].map(lambda v: f"{v:,.1f}")
    frame["peak_mb"] = frame["peak_mb"].map(lambda v: f"{v:,.0f}")
    frame["corpus_mb"] = frame["corpus_mb"].map(lambda v: "" if v != v else f"{v:,.0f}")
    frame["recall"] = frame["recall"].map(lambda v: f"{v:.3f}")
    frame["precision"] = frame["precision"].map(lambda v: f"{v:.3f}")
    cols = ["method", "articles", "wall_s", "cpu_s", "peak_mb", "corpus_mb", "recall", "precision", "truth_pairs"]
    out = frame[cols].rename(
        columns={
            "wall_s": "wall s",
            "cpu_s": "cpu s",
            "peak_mb": "peak MiB",
            "corpus_mb": "MiB before run",
            "truth_pairs": "derived pairs",
        }
    )
    notes = "\n".join(f"  [{i + 1}] {r['method']} @ {r['articles']:,}: {r['note']}" for i, r in enumerate(rows))
    legend = (
        "wall s: detection (index, alignment, labels, chains), corpus generation excluded; cpu s: the CPU time"
        " of the same (single-threaded, so wall above cpu means other load on the machine); peak MiB: the"
        " process's peak resident memory (ru_maxrss), corpus included; MiB before run: after generating the corpus."
    )
    return out.to_string(index=False) + "\n\n" + legend + "\nNotes:\n" + notes + "\n" + _scaling(rows)


def _scaling(rows: list[dict[str, object]]) -> str:
    """How the detector's CPU time grows with size, per article (flat means linear)."""
    mine = [r for r in rows if str(r["method"]).startswith("helpers.reuse.derivation")]
    parts = [f"{int(r['articles']):,}: {1000 * float(r['cpu_s']) / int(r['articles']):.1f} ms" for r in mine]
    return "CPU time per article (flat = linear growth): " + ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Run every size in its own process and print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--baseline-sample", type=int, default=BASELINE_SAMPLE)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        for row in run_one(args.one, args.seed, args.baseline_sample, args.baseline):
            print(json.dumps(row))
        return 0
    rows: list[dict[str, object]] = []
    smallest = min(args.sizes)
    for n in args.sizes:
        cmd = [sys.executable, "-m", "benchmarks.reuse_bench", "--one", str(n), "--seed", str(args.seed)]
        cmd += ["--baseline-sample", str(args.baseline_sample)] + (["--baseline"] if n == smallest else [])
        print(f"running {n:,} articles...", file=sys.stderr, flush=True)
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=config.REPO_ROOT)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        rows.extend(json.loads(line) for line in done.stdout.splitlines() if line.startswith("{"))
    print(
        f"Reuse detection on synthetic corpora (seed {args.seed}); a pair is derived in the truth when the later"
        f" article shares >= {TRUTH_MIN_OVERLAP:.0%} of its words with the other (see helpers/reuse/synthetic.py).\n"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
