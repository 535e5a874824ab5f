"""Suggested claim codings measured leave-one-article-out on the shipped corpus, and timed at scale.

``make bench-suggest``. For each article, its own evidence rows are held out and the suggester
works from the codebook (claims, aliases) and the other articles' coded quotes only. A reference
coding counts as suggested when a suggestion names the same claim and its span overlaps the coded
quote. Printed: per article and overall recall (share of reference codings suggested), precision
(share of claim suggestions in the reference), stance and kind agreement on matched suggestions;
then the threshold sweep and the threshold chosen out of sample (fitted on the other four
articles, applied to the fifth); then the speed run (1,000 articles' worth of sentences against
110 synthetic claims).
"""

from __future__ import annotations

import random
import sys
import time

import numpy as np
import pandas as pd

from helpers import config
from helpers.claims import held_out, retrieval
from helpers.claims import suggest as sg
from helpers.core.text import sentence_spans
from helpers.corpus.load import load_corpus


def f_score(cands: pd.DataFrame, th: float) -> float:
    """F1 of recall and precision at one threshold (what the threshold is chosen to maximise)."""
    t = held_out.held_out_table(cands, th).loc["all"]
    r, p = t["recall"], t["precision"]
    return 0.0 if not (r > 0 and p > 0) else 2 * r * p / (r + p)


GRID = np.round(np.arange(0.20, 0.80, 0.02), 2)


def best_threshold(cands: pd.DataFrame) -> float:
    """The lowest grid threshold whose precision reaches ``PRECISION_FLOOR`` (most recall while reasonably sure)."""
    for th in GRID:
        if held_out.held_out_table(cands, th).loc["all", "precision"] >= sg.PRECISION_FLOOR:
            return float(th)
    return float(GRID[-1])


def unseen_threshold(cands: pd.DataFrame, recall: float = 0.8) -> float:
    """The highest grid threshold whose recall still reaches ``recall`` (the most precision at that recall)."""
    ok = [th for th in GRID if held_out.held_out_table(cands, th).loc["all", "recall"] >= recall]
    return float(ok[-1]) if ok else float(GRID[0])


def speed_run(
    corpus: pd.DataFrame, book: sg.Codebook, n_articles: int = 1000, n_claims: int = 110
) -> tuple[float, int, int]:
    """Seconds to match ``n_articles`` articles' worth of sentences against ``n_claims`` synthetic claims."""
    rng = random.Random(0)
    base = [corpus.at[sid, "text"][s:e] for sid in corpus.index for s, e in sentence_spans(corpus.at[sid, "text"])]
    per_article = max(1, len(base) // len(corpus))
    sentences = []
    for _ in range(n_articles * per_article):
        ws = rng.choice(base).split()
        rng.shuffle(ws[: len(ws) // 3])  # perturbed copies, so the index is not 200 exact repeats
        sentences.append(" ".join(ws))
    statements = list(book.claims["statement"])
    synth = []
    for k in range(n_claims):
        ws = statements[k % len(statements)].split()
        rng.shuffle(ws)
        synth.append((f"C{k + 1:03d}", "statement", " ".join(ws)))
    quotes = [(f"C{rng.randrange(n_claims) + 1:03d}", "quote from x", q) for q in book.evidence["quote"]]
    queries = pd.DataFrame(synth + quotes, columns=["claim_id", "origin", "text"])
    t0 = time.perf_counter()
    scores = retrieval.match_scores(sentences, queries, book.aliases)
    for a in range(0, len(sentences), per_article):
        chunk = sentences[a : a + per_article]
        part = {k: v[:, a : a + per_article] for k, v in scores.items()}
        retrieval.best_sentences(chunk, queries, part, floor=sg.THRESHOLD)
    return time.perf_counter() - t0, len(sentences), len(queries)


def main() -> int:
    """Print the leave-one-article-out tables and the speed run."""
    pd.set_option("display.width", 200)
    corpus = load_corpus(config.DEFAULT_CORPUS_DIR)
    book = sg.read_codebook(corpus)
    t0 = time.perf_counter()
    cands = held_out.held_out_candidates(corpus, book)
    loo_seconds = time.perf_counter() - t0
    print(f"Leave-one-article-out at the shipped threshold {sg.THRESHOLD}")
    print("(in sample: the threshold was chosen on these five articles; out of sample below)")
    print(held_out.held_out_table(cands, sg.THRESHOLD).to_string())
    print(f"\n({loo_seconds:.1f} s for the five articles, detectors included)\n")
    print("Threshold sweep (all articles): threshold, recall, precision, F1")
    for th in GRID[::2]:
        t = held_out.held_out_table(cands, th).loc["all"]
        print(f"  {th:.2f}  {t['recall']:.3f}  {t['precision']:.3f}  {f_score(cands, th):.3f}")
    chosen = {sid: best_threshold(cands[cands["source_id"] != sid]) for sid in dict.fromkeys(cands["source_id"])}
    print(f"\nOut of sample: each article at the least threshold with precision {sg.PRECISION_FLOOR} on the others")
    print(", ".join(f"{sid} {th:.2f}" for sid, th in chosen.items()))
    print(held_out.held_out_table(cands, chosen).to_string())
    print(
        f"\nThreshold the same rule picks on all five articles: {best_threshold(cands):.2f} (shipped: {sg.THRESHOLD})"
    )
    print(
        "\nBy what a claim can be matched on (shipped threshold): quotes coded in other articles, or its statement only"
    )
    n_quotes = book.evidence.groupby("claim_id").size()
    others = cands["claim_id"].map(n_quotes).fillna(0) - cands["ref_stance"].notna()
    ref_others = book.evidence["claim_id"].map(n_quotes) - 1
    for label, part, refs in (
        ("other articles' quotes", cands[others > 0], int((ref_others > 0).sum())),
        ("statement only", cands[others == 0], int((ref_others == 0).sum())),
    ):
        kept = part[part["score"] >= sg.THRESHOLD]
        hits = int(kept["hit"].sum())
        print(
            f"  {label:24} reference {refs:3}  suggested {len(kept):3}  matched {hits:3}  "
            f"recall {hits / refs:.3f}  precision {hits / max(len(kept), 1):.3f}"
        )
    print("  (in this leave-one-out a statement-only claim is always one the held-out article carries)")
    print("\nNew-claim proposals (sentences matching no claim), and how many overlap a reference coding:")
    for sid in corpus.index:
        got = sg.suggest(corpus, sid, codebook=book)
        new = got[got["suggestion"] == "new claim"]
        ref = book.evidence[book.evidence["source_id"] == sid]
        spans = [(r.start, r.end) for r in ref.itertuples()]
        coded = sum(any(held_out.overlaps(n.start, n.end, *span) for span in spans) for n in new.itertuples())
        print(f"  {sid:14} {len(new):3} proposed, {coded:3} overlap a coded quote (a claim the matching missed)")
    unseen = held_out.held_out_candidates(corpus, book, unseen=True)
    print("\nUnseen articles: each article held out with the codebook as if written without it (the claims only")
    print("it tells removed; the kept claims' wording is still the coder's, who read every article)")
    print(f"At the shipped threshold {sg.THRESHOLD} and sentence gap {sg.SENTENCE_GAP} (both chosen on this measure):")
    print(held_out.held_out_table(unseen, sg.THRESHOLD).to_string())
    print("Threshold sweep (unseen): threshold, recall, precision, stance agreement")
    for th in GRID[::2]:
        t = held_out.held_out_table(unseen, th).loc["all"]
        print(f"  {th:.2f}  {t['recall']:.3f}  {t['precision']:.3f}  {t['stance_agree']:.3f}")
    fitted = {sid: unseen_threshold(unseen[unseen["source_id"] != sid]) for sid in dict.fromkeys(unseen["source_id"])}
    print("Out of sample: each article at the highest threshold keeping recall 0.8 on the other four")
    print(", ".join(f"{sid} {th:.2f}" for sid, th in fitted.items()))
    print(held_out.held_out_table(unseen, fitted).to_string())
    cpu = time.process_time()
    seconds, n_sent, n_q = speed_run(corpus, book)
    cpu = time.process_time() - cpu
    print(f"\nSpeed: {n_sent} sentences (1,000 articles' worth) against 110 synthetic claims ({n_q} queries),")
    print("matching only (the detectors, run once per article, are timed in the leave-one-out line above):")
    print(f"{seconds:.1f} s wall clock, {cpu:.1f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
