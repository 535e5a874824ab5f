"""One pair's passages for reading: the per-pair summary and the side-by-side HTML (escaped)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.reuse import alignment
from helpers.reuse import derivation as reuse
from helpers.reuse import lookups as reuse_lookups
from helpers.reuse import passages as reuse_passages


def test_side_by_side_html_escapes_article_text() -> None:
    a = "Intro line here. The <b>council</b> & mayor agreed to repair the old canal before the floods."
    b = "Other news today. The <b>council</b> & mayor agreed to repair the old canal before the floods."
    al = alignment.align(a, b)
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


def test_side_by_side_html_takes_either_order_and_names_an_unknown_pair(corpus: pd.DataFrame) -> None:
    found = reuse.find_reuse(corpus)
    a, b = reuse_lookups.related(found.pairs)[["source_a", "source_b"]].iloc[0]
    text_a, text_b = corpus.at[a, "text"], corpus.at[b, "text"]
    forward = reuse_passages.side_by_side_html(text_a, text_b, found.passages, a, b)
    backward = reuse_passages.side_by_side_html(text_b, text_a, found.passages, b, a)
    assert forward.count("<tr>") == backward.count("<tr>") > 1
    first_cell = forward.split("<td style")[1]
    assert first_cell.split("</td>")[0].split(">", 1)[1] in backward
    with pytest.raises(ValueError, match="'ft' / 'nobody'"):
        reuse_passages.side_by_side_html(corpus.at["ft", "text"], "", found.passages, "ft", "nobody")


def test_pair_row_of_names_a_missing_pair(corpus: pd.DataFrame) -> None:
    found = reuse.find_reuse(corpus)
    a, b = found.pairs[["source_a", "source_b"]].iloc[0]
    assert reuse_lookups.pair_row_of(found.pairs, b, a).equals(reuse_lookups.pair_row_of(found.pairs, a, b))
    with pytest.raises(reuse_lookups.UnknownPairError) as err:
        reuse_lookups.pair_row_of(found.pairs, "ft", "nobody")
    assert str(err.value).startswith("no reuse pair 'ft' / 'nobody' in either order: 'nobody' in no reported pair")


def test_passage_summary_equals_the_per_group_reference(corpus: pd.DataFrame) -> None:
    found = reuse.find_reuse(corpus, align_min_containment=0, min_shared=1)
    rows = []
    for (a, b), grp in found.passages.groupby(["source_a", "source_b"], sort=False):
        verb = grp[grp["kind"] == alignment.VERBATIM]
        row = reuse_lookups.pair_row_of(found.pairs, a, b)
        rows.append(
            {
                "source_a": a,
                "source_b": b,
                "label": row["label"],
                "coverage_a": round(float(row["coverage_a"]), 3),
                "coverage_b": round(float(row["coverage_b"]), 3),
                "verbatim": len(verb),
                "paraphrase": int((grp["kind"] == alignment.PARAPHRASE).sum()),
                "longest verbatim run": verb.loc[verb["a_text"].str.len().idxmax(), "a_text"] if len(verb) else "",
            }
        )
    expected = pd.DataFrame(rows, columns=[*reuse_passages.PASSAGE_SUMMARY_COLUMNS])
    expected = expected.sort_values(["coverage_a", "source_a", "source_b"], ascending=[False, True, True])
    got = reuse_passages.passage_summary(found.pairs, found.passages)
    assert got.equals(expected.reset_index(drop=True))
