"""``make bench-tables``: ``python -m helpers tables`` at 1,000 real-length articles, and on one 2 MB article.

The 1,000 articles come from the reuse benchmark's generator (:mod:`helpers.reuse.synthetic`: the five real
articles plus generated news-length text with known copies), written as a corpus directory with
its manifest. The 2 MB article is generated text of that size beside the five real ones. Each
corpus is validated and every table is built, in process (imports excluded), as the CLI does.
Targets (issue 16): under 30 s each on the project's 2-core machine.
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
import time
from pathlib import Path

import numpy as np

from helpers import config
from helpers.cli import build_tables, validated
from helpers.core.progress import progress
from helpers.reuse import synthetic as synth

BIG_BYTES = 2_000_000


def write_corpus(dest: Path, texts: dict[str, str]) -> Path:
    """A corpus directory holding ``texts`` (source id -> text) with a valid manifest."""
    (dest / config.ARTICLES_DIRNAME).mkdir(parents=True)
    rows = []
    for sid, text in texts.items():
        data = text.encode("utf-8")
        (dest / config.ARTICLES_DIRNAME / f"{sid}.txt").write_bytes(data)
        rows.append(
            {
                "source_id": sid,
                "file": f"{sid}.txt",
                "outlet": "unknown",
                "published": "2024-12-10",
                "published_basis": "inferred: benchmark",
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    with (dest / config.MANIFEST_NAME).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(config.MANIFEST_COLUMNS), lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(rows)
    return dest


def run(cdir: Path) -> tuple[float, int]:
    """Seconds to validate and build every table of ``cdir``, and the number of rows written."""
    t0 = time.perf_counter()
    corpus, problems, _ = validated(cdir)
    if problems or corpus is None:
        raise SystemExit(f"benchmark corpus is invalid: {problems[0] if problems else 'no corpus'}")
    tables = build_tables(corpus)
    return time.perf_counter() - t0, sum(len(t) for t in tables.values())


def _fit(text: str, n_bytes: int) -> str:
    """``text`` cut to at most ``n_bytes`` of UTF-8 (never inside a character)."""
    return text.encode("utf-8")[:n_bytes].decode("utf-8", errors="ignore")


def main() -> int:
    """Print the table: corpus, articles, megabytes, seconds, rows."""
    gen = synth.generate(1000, seed=0)
    texts = {str(sid): str(t) for sid, t in gen.corpus["text"].items()}
    filler = " ".join(texts[sid] for sid in list(texts)[5:60])
    rng = np.random.default_rng(0)
    big = []
    while sum(len(p) + 1 for p in big) < BIG_BYTES:
        start = int(rng.integers(0, max(1, len(filler) - 5000)))
        big.append(filler[start : start + 5000])
    real = dict(list(texts.items())[:5])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpora = (
            ("1,000 articles", texts),
            ("five + one 2 MB article", {**real, "big": _fit("\n".join(big), BIG_BYTES - 100)}),
        )
        for name, corpus in progress(corpora, desc="tables on each corpus"):
            cdir = write_corpus(Path(tmp) / name.replace(" ", "_").replace(",", ""), corpus)
            secs, n = run(cdir)
            megabytes = sum(len(t.encode()) for t in corpus.values()) / 1e6
            rows.append((name, len(corpus), megabytes, secs, n))
    print("| corpus | articles | MB | validate + tables (s) | rows written |")
    print("|---|---:|---:|---:|---:|")
    for name, k, mb, secs, n in rows:
        print(f"| {name} | {k:,} | {mb:.1f} | {secs:.1f} | {n:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
