"""Where the reuse scan's time goes: ``find_reuse`` plus ``chains`` stage by stage on one synthetic corpus.

The stages are the ones :func:`helpers.reuse.derivation.find_reuse` runs, called in its order with
a wall and a CPU clock around each (the CPU clock tells other load on the machine apart). Run:
``python -m benchmarks.reuse_stages --size 10000``.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import string
import time
import tracemalloc

import pandas as pd

from helpers.reuse import derivation, shingles
from helpers.reuse.boilerplate import house_text, take_sets, take_tokens
from helpers.reuse.candidates import canonical_pairs, corpus_texts, resolve_settings, set_candidates
from helpers.reuse.chaining import chains
from helpers.reuse.labels import Formulaic, Meta
from helpers.reuse.synthetic import generate


def _cpu_s() -> float:
    """CPU seconds (user + system) used by this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class _Clock:
    """Wall and CPU seconds of consecutive stages."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float]] = []
        self._wall, self._cpu = time.perf_counter(), _cpu_s()

    def mark(self, stage: str) -> None:
        """Close the running stage under the name ``stage``."""
        wall, cpu = time.perf_counter(), _cpu_s()
        self.rows.append((stage, wall - self._wall, cpu - self._cpu))
        self._wall, self._cpu = wall, cpu


def stages(size: int, seed: int = 0) -> pd.DataFrame:
    """Wall and CPU seconds of each stage of the scan on ``size`` synthetic articles."""
    corpus = generate(size, seed=seed).corpus
    clock = _Clock()
    setting = resolve_settings(None)
    stored = corpus_texts(corpus)
    texts = house_text(corpus, keep_tokens=True).texts
    clock.mark("boilerplate pass (tokenise stored texts, stock passages, stories)")
    meta = Meta.of(corpus)
    ids = list(texts)
    tokens = derivation._tokens(texts, stored, take_tokens(corpus))
    clock.mark("tokenise texts with boilerplate blanked")
    sets = derivation.shingle_sets(texts, stored, tokens, take_sets(corpus), setting.n)
    clock.mark("shingle sets")
    cand = set_candidates(ids, sets, setting.min_shared)
    clock.mark("posting lists and pair counts")
    canonical = canonical_pairs(ids, tokens, cand, setting)
    todo = derivation.passing_pairs(cand, setting)
    clock.mark("pairs to align")
    judge = Formulaic(ids, tokens, meta.outlet, sets)  # as find_reuse: the scan's shingle sets serve both
    aligned = derivation.align_pairs(todo, texts, tokens, judge, meta)
    clock.mark("alignment and distinctive text")
    found = derivation.assemble(cand, aligned, canonical, meta, stored, setting)
    clock.mark("labels (assemble)")
    chains(corpus, found.pairs)
    clock.mark("chains")
    frame = pd.DataFrame(clock.rows, columns=["stage", "wall s", "cpu s"])
    total = pd.DataFrame([("total", frame["wall s"].sum(), frame["cpu s"].sum())], columns=frame.columns)
    return pd.concat([frame, total], ignore_index=True)


def vocabulary_bytes(words: int = 200_000, seed: int = 0) -> float:
    """Bytes a process keeps per distinct raw word it has tokenised (random words, each seen once).

    A long-running worker of an archive scan meets new names and numbers all the time: this is what
    each costs it for good (tracemalloc's count of what stays allocated). Run in a fresh process.
    """
    rng = random.Random(seed)
    raw = {"".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 10))) for _ in range(words)}
    ordered = sorted(raw)
    texts = [" ".join(ordered[lo : lo + 1000]) for lo in range(0, len(ordered), 1000)]
    tracemalloc.start()
    for text in texts:
        shingles.tokenize(text)
    kept, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return kept / len(ordered)


def main(argv: list[str] | None = None) -> int:
    """Print the stage table of one size."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reuse_stages", description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    per_word = vocabulary_bytes(seed=args.seed)  # first, while the vocabulary is empty
    table = stages(args.size, args.seed)
    print(f"{args.size:,} synthetic articles, load average {os.getloadavg()[0]:.2f} at the end")
    print(table.to_string(index=False, float_format=lambda v: f"{v:,.2f}"))
    print(f"memory kept per distinct raw word tokenised (200,000 random words): {per_word:,.0f} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
