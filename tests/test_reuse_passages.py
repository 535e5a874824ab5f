"""One pair's passages for reading: the per-pair summary and the side-by-side HTML (escaped)."""

from __future__ import annotations

import pandas as pd

from helpers import reuse, reuse_passages


def test_side_by_side_html_escapes_article_text() -> None:
    a = "Intro line here. The <b>council</b> & mayor agreed to repair the old canal before the floods."
    b = "Other news today. The <b>council</b> & mayor agreed to repair the old canal before the floods."
    al = reuse.align(a, b)
    html = reuse_passages.side_by_side_html(a, b, al.passages, "a", "b")
    assert "&lt;b&gt;council&lt;/b&gt; &amp; mayor" in html and "<b>council" not in html
    assert "<mark>" in html


def test_passage_summary_counts_each_pairs_passages(corpus: pd.DataFrame) -> None:
    found = reuse.find_reuse(corpus)
    summary = reuse_passages.passage_summary(found.pairs, found.passages)
    assert list(summary.columns) == list(reuse_passages.PASSAGE_SUMMARY_COLUMNS)
    counts = found.passages.groupby(["source_a", "source_b"]).size()
    for r in summary.itertuples(index=False):
        assert r.verbatim + r.paraphrase == counts[(r.source_a, r.source_b)]
    assert summary["coverage_a"].is_monotonic_decreasing
