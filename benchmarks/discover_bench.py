"""Claim discovery measured against the reference codings (codebook removed), and timed on 1,000 articles.

``make bench-discover``. On the shipped corpus and the tests' second corpus, :func:`discover`
runs on the articles alone (claims.csv and evidence.csv are not read; aliases.csv is used in the
second table of each corpus and not in the first), and its candidates are compared with the
reference coding (:mod:`helpers.claims.discovery_measure`). The thresholds of
:mod:`helpers.claims.grouping` and :mod:`helpers.claims.anchors` were chosen on the shipped corpus,
so its figures are in-sample; the second corpus was not used to choose them. Then the best and
worst reference claims; the 300-article check (real PolNeAR articles, nothing scored: candidate
sizes and the top ten, to see that the second pass does not chain unrelated articles); and the
speed run: 1,000 articles built from the PolNeAR texts (``DATA/polnear``, train and dev; the rest
up to 1,000 are rewrites of some of them: sentences dropped and reordered, as a wire story is rewritten),
chains and detectors included. Skipped when PolNeAR is absent.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks.tables_bench import write_corpus
from helpers import config
from helpers.claims.aliases import load_aliases
from helpers.claims.coding import read_codings
from helpers.claims.discovery import discover
from helpers.claims.discovery_measure import claim_recovery, discovery_scores
from helpers.core.text import sentence_spans
from helpers.corpus.load import load_corpus

SECOND = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "second_corpus"


def measured(corpus_dir: Path, label: str) -> pd.DataFrame:
    """Discovery on one corpus, without and with its aliases, against its reference coding."""
    corpus = load_corpus(corpus_dir)
    reference = read_codings(corpus).evidence
    cols = {}
    for name, aliases in (("no aliases", None), ("aliases.csv", load_aliases(corpus))):
        found = discover(corpus, aliases)
        cols[f"{label}, {name}"] = discovery_scores(found.evidence, reference)
    return pd.DataFrame(cols)


def best_and_worst(corpus_dir: Path, n: int = 8) -> pd.DataFrame:
    """The reference claims best and worst recovered, with their statements."""
    corpus = load_corpus(corpus_dir)
    codings = read_codings(corpus)
    rec = claim_recovery(discover(corpus).evidence, codings.evidence)
    rec["share"] = rec["grouped"] / rec["articles"]
    rec["statement"] = rec["claim_id"].map(codings.claims["statement"]).str.slice(0, 70)
    rec = rec.sort_values(["share", "articles", "claim_id"], ascending=[False, False, True])
    return pd.concat([rec.head(n), rec.tail(n)]).drop(columns="found")


def polnear_texts(data: Path, n: int = 1000, seed: int = 0) -> dict[str, str]:
    """``n`` articles: PolNeAR train and dev texts, then rewrites of some of them up to ``n``."""
    texts = {}
    for split in ("train", "dev"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            sid = re.sub(r"[^a-z0-9-]+", "-", path.stem.lower())[:50].strip("-")
            texts[sid] = path.read_text(encoding="utf-8")
    rng = random.Random(seed)
    base = list(texts)
    k = 0
    while len(texts) < n:
        src = texts[base[rng.randrange(len(base))]]
        sents = [src[s:e] for s, e in sentence_spans(src)]
        kept = [s for s in sents if rng.random() > 0.3]
        if len(kept) > 3:
            i = rng.randrange(1, len(kept))
            kept[0], kept[i] = kept[i], kept[0]
        texts[f"rewrite-{k:03d}"] = "\n\n".join(kept) or src
        k += 1
    return dict(list(texts.items())[:n])


def speed(data: Path) -> str:
    """The 1,000-article run: seconds, statements, candidates."""
    if not (data / "polnear").is_dir():
        return f"speed run skipped: PolNeAR not found at {data / 'polnear'}"
    with tempfile.TemporaryDirectory() as tmp:
        cdir = write_corpus(Path(tmp) / "c", polnear_texts(data))
        corpus = load_corpus(cdir)
        cpu, t0 = time.process_time(), time.perf_counter()
        found = discover(corpus)
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu
    return (
        f"1,000 articles ({found.summary()}):\n"
        f"{wall:.1f} s wall clock, {cpu:.1f} s CPU (chains, statements, grouping and detectors; target < 120 s)"
    )


def polnear_check(data: Path, n: int = 300) -> str:
    """Discovery on ``n`` real PolNeAR articles (no rewrites): candidate sizes and the top ten, against chaining.

    PolNeAR has no claim reference, so nothing is scored: a candidate spanning many unrelated
    articles, or a top ten of boilerplate, is what this run is there to show.
    """
    if not (data / "polnear").is_dir():
        return f"{n}-article check skipped: PolNeAR not found at {data / 'polnear'}"
    with tempfile.TemporaryDirectory() as tmp:
        corpus = load_corpus(write_corpus(Path(tmp) / "c", polnear_texts(data, n)))
        found = discover(corpus)
        one_pass = discover(corpus, second_pass=False)
    sizes = found.claims.groupby("candidate")["articles"].sum()
    top = found.claims.drop_duplicates("candidate").head(10)
    top = top.assign(
        articles=top["candidate"].map(sizes),  # the candidate's articles, all its variants (a row holds one variant)
        statement=top["statement"].str.slice(0, 80),
        grouped_by=top["grouped_by"].str.slice(0, 50),
    )
    return (
        f"{n} PolNeAR articles: {found.summary()}\n"
        f"first pass alone: {one_pass.claims['candidate'].nunique()} candidates; "
        f"articles per candidate: median {sizes.median():.0f}, largest {sizes.max()}\n"
        + top[["candidate", "articles", "chains", "statement", "grouped_by"]].to_string(index=False)
    )


def main(argv: list[str] | None = None) -> int:
    """Print the tables and the speed run."""
    args = argv if argv is not None else sys.argv[1:]
    data = Path(args[0]) if args else Path(config.DEFAULT_CORPUS_DIR).parent.parent / "shared" / "data"
    pd.set_option("display.width", 200)
    print("Discovery against the reference coding (codebook removed); shipped corpus in-sample, second corpus not")
    table = pd.concat([measured(config.DEFAULT_CORPUS_DIR, "shipped"), measured(SECOND, "second")], axis=1)
    print(table.to_string())
    print("\nBest and worst recovered reference claims (shipped corpus, no aliases):")
    print(best_and_worst(config.DEFAULT_CORPUS_DIR).to_string(index=False))
    print()
    print(polnear_check(data))
    print()
    print(speed(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
