"""Scaling of the reuse scan: one process against a 2-worker Dask ``LocalCluster``, and a projection past them.

For each size (default 10,000 and 100,000 synthetic articles, :mod:`helpers.reuse.synthetic`) each
engine runs in a fresh child process (``--one ENGINE N``): the child generates the corpus, runs
the scan (pairs and chains) under a wall clock, writes its pairs to a temporary Parquet file and
prints one JSON line. ``single`` is :func:`helpers.reuse.derivation.find_reuse` (this machine's cores); ``dask`` is
:func:`helpers.reuse.distributed.find_reuse_dask` on a ``LocalCluster`` of 2 worker processes of
one thread each, whose peak resident memory (``VmHWM``) is read from each worker at the end. The parent
checks that both engines found identical pairs, and projects the cluster's cost to 1 and 10
million articles from the per-task costs the scheduler measured at the largest size (stated as a
projection: it assumes pairs per article stay bounded, as they do in news and in the generator).

Run: ``python -m benchmarks.reuse_scale_bench`` (what ``make bench-scale-reuse`` runs).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.reuse_bench import detected_pairs
from helpers import config
from helpers.reuse.derivation import usable_cores
from helpers.reuse.synthetic import generate, score

SIZES = (10_000, 100_000)
WORKERS = 2
#: Per-worker memory limit of the cluster (the target: no worker above 4 GB).
WORKER_MEMORY = "4GB"
PROJECT_TO = (1_000_000, 10_000_000)
#: The engines as the table names them (``single`` is find_reuse with its default: every core of this machine).
ENGINE_NAMES = {
    "single": f"one machine, {usable_cores()} cores",
    "dask": f"LocalCluster, {WORKERS} workers of {WORKER_MEMORY}",
}
#: Task-name prefixes of the three steps, as the scheduler reports them.
STEPS = {"shingle_rows": "1 shingles", "shuffle": "2 shuffle", "partition_pairs": "2 pair counts",
         "partition_formulaic": "2 formulaic", "sum_pairs": "2 pair sums", "align_chunk": "3 alignment"}  # fmt: skip


def _rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_peak_mb() -> float:
    """Peak resident memory of this worker process since it started, in MiB (Linux ``VmHWM``).

    Not ``ru_maxrss``: Linux carries it over from the parent forked to start the process, so a
    worker started by a client holding 5 GB reports 5 GB whatever it used itself.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _rss_mb()


def _step(prefix: str) -> str:
    """The step a task belongs to, from its key's prefix."""
    return next((name for key, name in STEPS.items() if key in prefix), "other")


def run_one(engine: str, n: int, seed: int, out: Path) -> dict[str, object]:
    """Scan ``n`` synthetic articles with ``engine``; pairs to ``out``; one result row."""
    from helpers.reuse.chaining import chains

    syn = generate(n, seed=seed)
    row: dict[str, object] = {"engine": engine, "articles": n, "client_mb_before": _rss_mb()}
    if engine == "single":
        from helpers.reuse.derivation import find_reuse

        t0 = time.perf_counter()
        found = find_reuse(syn.corpus)
        chains(syn.corpus, found.pairs)
        row["wall_s"] = time.perf_counter() - t0
        row["worker_peak_mb"] = [_rss_mb()]
    else:
        from distributed import Client, LocalCluster, get_task_stream

        from helpers.reuse import distributed

        with (
            LocalCluster(n_workers=WORKERS, threads_per_worker=1, memory_limit=WORKER_MEMORY, dashboard_address=None)
            as cluster,
            Client(cluster) as client,
        ):  # fmt: skip
            client.run(lambda: __import__("helpers.reuse.distributed"))  # imports are not the scan's cost
            t0 = time.perf_counter()
            with get_task_stream(client) as stream:
                found = distributed.find_reuse_dask(client, syn.corpus)
                chains(syn.corpus, found.pairs)
            row["wall_s"] = time.perf_counter() - t0
            peaks = client.run(_worker_peak_mb)
            row["worker_peak_mb"] = sorted(peaks.values())
            costs: dict[str, list[float]] = defaultdict(list)
            for task in stream.data:
                spent = sum(s["stop"] - s["start"] for s in task.get("startstops", ()) if s["action"] == "compute")
                costs[_step(str(task["key"]))].append(spent)
            row["steps"] = {k: {"tasks": len(v), "cpu_s": sum(v)} for k, v in costs.items()}
        row["unit_cpu"] = unit_costs(syn.corpus, found.pairs)
    row["client_peak_mb"] = _rss_mb()
    scores = score(detected_pairs(found.pairs), syn.truth)
    row["recall"], row["precision"] = scores["recall"], scores["precision"]
    row["pairs"] = len(found.pairs)
    row["aligned"] = int((~found.pairs["direction_basis"].str.endswith("not aligned")).sum())
    found.pairs.to_parquet(out, index=False)
    return row


def unit_costs(corpus: pd.DataFrame, pairs: pd.DataFrame) -> dict[str, float]:
    """CPU seconds of one unit of each step, measured here on the first partition (one process, warm vocabulary).

    Per article: shingling and, for the pair counts, one partition's rows counted as a hash
    partition would be; per aligned pair: alignment with its labels' inputs.
    """
    from helpers.reuse import distributed
    from helpers.reuse.candidates import corpus_texts
    from helpers.reuse.labels import Meta

    table = distributed._articles(corpus, corpus_texts(corpus))
    part = table.iloc[: distributed.PARTITION_ARTICLES]
    distributed.shingle_rows(part)  # warm the vocabulary, as a long-running worker has it
    t0 = time.process_time()
    rows = distributed.shingle_rows(part)
    shingle_s = time.process_time() - t0
    t0 = time.process_time()
    distributed.partition_pairs(rows, len(corpus))
    distributed.partition_formulaic(rows, len(corpus))
    count_s = time.process_time() - t0
    aligned = pairs[~pairs["direction_basis"].str.endswith("not aligned")].head(distributed.ALIGN_CHUNK_PAIRS)
    todo = list(zip(aligned["source_a"], aligned["source_b"], strict=True))
    need = dict.fromkeys(x for pair in todo for x in pair)
    texts = {s: str(corpus.at[s, "text"]) for s in need}
    meta = Meta.of(corpus).subset(list(need))
    t0 = time.process_time()
    distributed.align_chunk(todo, texts, meta, (np.empty(0, np.uint64), np.empty(0, np.uint64)))
    align_s = time.process_time() - t0
    n_part = len(part)
    aligned_total = int((~pairs["direction_basis"].str.endswith("not aligned")).sum())
    return {
        "shingle_ms_per_article": 1000 * shingle_s / n_part,
        "count_ms_per_article": 1000 * count_s / n_part,
        "align_ms_per_pair": 1000 * align_s / max(len(todo), 1),
        "aligned_per_article": aligned_total / len(corpus),
        "rows_per_article": len(rows) / n_part,
        "row_bytes": rows.memory_usage(index=False).sum() / max(len(rows), 1),
    }


def projection(row: dict[str, object]) -> str:
    """Cluster time at 1 and 10 million articles from the measured per-partition CPU costs (a projection)."""
    n = int(row["articles"])  # type: ignore[arg-type]
    steps: dict[str, dict[str, float]] = row["steps"]  # type: ignore[assignment]
    unit: dict[str, float] = row["unit_cpu"]  # type: ignore[assignment]
    lines = [f"Task wall time by step at {n:,} articles on {WORKERS} workers (measured, inflated by other load):"]
    for step in sorted(steps):
        s = steps[step]
        lines.append(f"  {step}: {s['tasks']:,} tasks, {s['cpu_s']:,.1f} task-seconds")
    per_article_ms = (
        unit["shingle_ms_per_article"]
        + unit["count_ms_per_article"]
        + unit["align_ms_per_pair"] * unit["aligned_per_article"]
    )
    lines.append(
        f"Measured CPU per unit (one partition, here): shingles {unit['shingle_ms_per_article']:.2f} ms/article,"
        f" pair counts {unit['count_ms_per_article']:.2f} ms/article, alignment {unit['align_ms_per_pair']:.2f} ms/pair"
        f" x {unit['aligned_per_article']:.2f} aligned pairs/article = {per_article_ms:.2f} ms/article;"
        f" {unit['rows_per_article']:,.0f} shuffled rows ({unit['row_bytes']:.0f} bytes each) per article."
    )
    lines.append(
        "PROJECTION (not measured): CPU per article held constant (pairs per article bounded, as in news and in the"
        " generator); shuffle transfer, scheduler overhead and stragglers not included:"
    )
    for m in PROJECT_TO:
        shuffled_gb = m * unit["rows_per_article"] * unit["row_bytes"] / 1e9
        for workers in (WORKERS, 32, 256):
            minutes = per_article_ms * m / 1000 / workers / 60
            lines.append(
                f"  {m:>12,} articles, {workers:>3} workers: {minutes:8,.1f} min CPU each; {shuffled_gb:,.0f} GB moved"
            )
    return "\n".join(lines)


def table(rows: list[dict[str, object]], same: dict[int, bool]) -> str:
    """The result rows as a fixed-width table."""
    frame = pd.DataFrame(
        {
            "engine": [ENGINE_NAMES[str(r["engine"])] for r in rows],
            "articles": [f"{int(r['articles']):,}" for r in rows],  # type: ignore[call-overload]
            "wall s": [f"{float(r['wall_s']):,.1f}" for r in rows],  # type: ignore[arg-type]
            "peak MiB per worker": [", ".join(f"{m:,.0f}" for m in r["worker_peak_mb"]) for r in rows],  # type: ignore[attr-defined]
            "client peak MiB": [f"{float(r['client_peak_mb']):,.0f}" for r in rows],  # type: ignore[arg-type]
            "pairs": [f"{int(r['pairs']):,}" for r in rows],  # type: ignore[call-overload]
            "aligned": [f"{int(r['aligned']):,}" for r in rows],  # type: ignore[call-overload]
            "recall": [f"{float(r['recall']):.3f}" for r in rows],  # type: ignore[arg-type]
            "pairs identical": [
                "" if r["engine"] == "single" else str(same.get(int(r["articles"]), "n/a")) for r in rows
            ],  # type: ignore[call-overload]
        }
    )
    return frame.to_string(index=False)


def main(argv: list[str] | None = None) -> int:
    """Run every engine and size in its own process; print the table and the projection."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reuse_scale_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--engines", nargs="+", default=["single", "dask"], choices=["single", "dask"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        engine, n, out = args.one
        print(json.dumps(run_one(engine, int(n), args.seed, Path(out))))
        return 0
    rows: list[dict[str, object]] = []
    same: dict[int, bool] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            outs = {}
            for engine in args.engines:
                outs[engine] = Path(tmp) / f"{engine}-{n}.parquet"
                cmd = [sys.executable, "-m", "benchmarks.reuse_scale_bench", "--seed", str(args.seed)]
                cmd += ["--one", engine, str(n), str(outs[engine])]
                print(f"running {engine} on {n:,} articles...", file=sys.stderr, flush=True)
                done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=config.REPO_ROOT)
                if done.returncode != 0:
                    print(done.stderr[-3000:], file=sys.stderr)
                    return done.returncode
                rows.extend(json.loads(line) for line in done.stdout.splitlines() if line.startswith("{"))
            if len(outs) == 2:
                same[n] = pd.read_parquet(outs["single"]).equals(pd.read_parquet(outs["dask"]))
    print(f"Reuse scan, one process against a {WORKERS}-worker LocalCluster (1 thread, {WORKER_MEMORY} each), "
          f"synthetic corpora (seed {args.seed}); wall s includes chains.\n")  # fmt: skip
    print(table(rows, same))
    dask_rows = [r for r in rows if r["engine"] == "dask"]
    if dask_rows:
        print("\n" + projection(dask_rows[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
