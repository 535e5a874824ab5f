"""``make bench-validate``: how ``python -m helpers validate`` scales from 5 to 1,000 articles.

The corpus is the shipped one (articles, codings, gold, outside reference) plus generated
articles of real length (the shipped texts with a numbered first line, so each is distinct), each
with its manifest row and hash. ``validate`` should read and hash every article once: at 1,000
articles it should take at most about 3x its time on five (fixed costs, the codings and the gold,
dominate a small corpus). Times are the median of a few in-process runs, imports excluded.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from helpers import config
from helpers.cli import run_validate
from helpers.core.progress import progress

SIZES = (5, 100, 1000)
REPEATS = 3


def build(dest: Path, n: int) -> Path:
    """A copy of the shipped corpus grown to ``n`` articles (``n`` >= 5)."""
    shutil.copytree(config.DEFAULT_CORPUS_DIR, dest)
    manifest = dest / config.MANIFEST_NAME
    with manifest.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    texts = [(dest / config.ARTICLES_DIRNAME / r["file"]).read_bytes() for r in rows]
    base = len(rows)
    for i in range(n - base):
        data = f"Generated copy {i} for the benchmark\n".encode() + texts[i % base]
        sid = f"bench-{i:05d}"
        (dest / config.ARTICLES_DIRNAME / f"{sid}.txt").write_bytes(data)
        template = dict(rows[i % base])
        template.update(source_id=sid, file=f"{sid}.txt", sha256=hashlib.sha256(data).hexdigest())
        rows.append(template)
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(config.MANIFEST_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return dest


def time_validate(cdir: Path, repeats: int = REPEATS) -> float:
    """Median wall seconds of one in-process ``validate`` on ``cdir`` (it must find no problem)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        problems, _ = run_validate(cdir)
        times.append(time.perf_counter() - t0)
        if problems:
            raise SystemExit(f"benchmark corpus is invalid: {problems[0]}")
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Print a table: articles, seconds, ratio to the five-article time."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.validate_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in progress(args.sizes, desc="validate at each size"):
            rows.append((n, time_validate(build(Path(tmp) / f"c{n}", n))))
    base = rows[0][1]
    print(f"| articles | validate (s) | x time at {rows[0][0]} |")
    print("|---:|---:|---:|")
    for n, secs in rows:
        print(f"| {n:,} | {secs:.2f} | {secs / base:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
