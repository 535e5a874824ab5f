"""Measuring the detector: span matching, precision and recall on the gold, agreement with the claim coding."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.sourcing import accuracy as sourcing_accuracy
from helpers.sourcing import detect as sourcing
from helpers.sourcing import gold as sourcing_gold
from tests.conftest import mini_corpus


def test_match_spans_is_one_to_one() -> None:
    pairs = sourcing_accuracy.match_spans([(0, 5), (10, 15)], [(3, 12), (20, 25)])
    assert pairs == [(0, 0), (1, None), (None, 1)]


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def test_evaluate_counts_precision_recall_and_kinds() -> None:
    acols = ["source_id", "cue_start", "cue_end", "cue", "source_start", "source_end", "source_text", "kind"]
    gold_a = _frame(
        [
            {
                "source_id": "x",
                "cue_start": 0,
                "cue_end": 4,
                "cue": "said",
                "source_start": 5,
                "source_end": 6,
                "source_text": "A",
                "kind": "named",
            },
            {
                "source_id": "x",
                "cue_start": 10,
                "cue_end": 14,
                "cue": "told",
                "source_start": 15,
                "source_end": 16,
                "source_text": "B",
                "kind": "anonymous",
            },
            {
                "source_id": "x",
                "cue_start": 20,
                "cue_end": 24,
                "cue": "says",
                "source_start": 25,
                "source_end": 26,
                "source_text": "C",
                "kind": "outlet",
            },
        ],
        acols,
    )
    det_a = _frame(
        [
            {
                "source_id": "x",
                "cue_start": 1,
                "cue_end": 4,
                "cue": "aid",
                "source_start": 5,
                "source_end": 6,
                "source_text": "A",
                "kind": "named",
            },
            {
                "source_id": "x",
                "cue_start": 10,
                "cue_end": 14,
                "cue": "told",
                "source_start": 30,
                "source_end": 31,
                "source_text": "Z",
                "kind": "named",
            },
            {
                "source_id": "x",
                "cue_start": 40,
                "cue_end": 44,
                "cue": "noted",
                "source_start": 45,
                "source_end": 46,
                "source_text": "D",
                "kind": "named",
            },
        ],
        acols,
    )
    gold_h = _frame(
        [{"source_id": "x", "start": 50, "end": 60, "cue": "reportedly"}], ["source_id", "start", "end", "cue"]
    )
    det_h = _frame([], ["source_id", "start", "end", "cue", "family"])
    result = sourcing_accuracy.evaluate(det_a, det_h, gold_a, gold_h)
    row = result.loc["x"]
    assert (row["cues_gold"], row["cues_detected"], row["cues_matched"]) == (3, 3, 2)
    assert row["cue_precision"] == pytest.approx(2 / 3)
    assert row["cue_recall"] == pytest.approx(2 / 3)
    assert row["kind_accuracy"] == pytest.approx(0.5)
    assert row["source_overlap"] == pytest.approx(0.5)
    assert row["hedge_recall"] == 0 and pd.isna(row["hedge_precision"])
    assert list(result.index) == ["x", "all"]
    details = sourcing_accuracy.evaluation_details(det_a, det_h, gold_a, gold_h)
    assert sorted(details["status"]) == ["extra", "match", "match", "missed", "missed"]
    confusion = sourcing_accuracy.kind_confusion(details)
    assert confusion.loc["anonymous", "named"] == 1 and confusion.to_numpy().sum() == 2


@pytest.mark.parametrize(("convention", "least"), [("speech", 0.9), ("wide", 0.8)])
def test_detector_meets_its_targets_on_the_gold(corpus: pd.DataFrame, convention: str, least: float) -> None:
    result = sourcing_accuracy.evaluate(
        sourcing.attributions(corpus, convention),
        sourcing.hedges(corpus),
        sourcing_gold.for_convention(sourcing_gold.read_gold_attributions(corpus), convention),
        sourcing_gold.read_gold_hedges(corpus),
    )
    total = result.loc["all"]
    assert total["cue_recall"] >= least and total["cue_precision"] >= least
    assert total["kind_accuracy"] >= 0.85
    assert total["hedge_recall"] >= 0.9 and total["hedge_precision"] >= 0.9


def test_the_narrow_gold_leaves_out_what_only_the_published_convention_counts(corpus: pd.DataFrame) -> None:
    gold = sourcing_gold.read_gold_attributions(corpus)
    narrow = sourcing_gold.for_convention(gold, "speech")
    assert 0 < len(narrow) < len(gold)
    assert set(gold["convention"].fillna("")) == {"", "wide"}
    assert "urged" in set(gold["cue"]) - set(narrow["cue"])


def test_evidence_coverage_and_summary() -> None:
    corpus = mini_corpus({"a": "He fled, two diplomats said. Ehab was reportedly killed. The sky was blue."})
    found_a, found_h = sourcing.attributions(corpus), sourcing.hedges(corpus)
    evidence = pd.DataFrame(
        [
            {
                "claim_id": "C1",
                "source_id": "a",
                "quote": "He fled, two diplomats said.",
                "stance": "attributes",
                "attribution_kind": "anonymous",
            },
            {
                "claim_id": "C2",
                "source_id": "a",
                "quote": "The sky was blue.",
                "stance": "attributes",
                "attribution_kind": "named",
            },
            {
                "claim_id": "C3",
                "source_id": "a",
                "quote": "Ehab was reportedly killed.",
                "stance": "hedges",
                "attribution_kind": "none",
            },
            {
                "claim_id": "C4",
                "source_id": "a",
                "quote": "Missing quote",
                "stance": "hedges",
                "attribution_kind": "none",
            },
            {
                "claim_id": "C5",
                "source_id": "a",
                "quote": "The sky was blue.",
                "stance": "asserts",
                "attribution_kind": "none",
            },
        ]
    )
    # anchored as helpers.claims.coding.read_codings anchors them (start = -1: quote not found)
    text = corpus.at["a", "text"]
    evidence["start"] = [text.find(q) for q in evidence["quote"]]
    evidence["end"] = [
        st + len(q) if st >= 0 else -1 for st, q in zip(evidence["start"], evidence["quote"], strict=True)
    ]
    coverage = sourcing_accuracy.evidence_coverage(evidence, corpus, found_a, found_h)
    assert list(coverage["claim_id"]) == ["C1", "C2", "C3", "C4"]
    assert list(coverage["covered"]) == [True, False, True, False]
    assert list(coverage["located"]) == [True, True, True, False]
    summary = sourcing_accuracy.coverage_summary(coverage)
    assert summary.loc["attributes", "share_covered"] == 0.5
    assert summary.loc["attributes", "kind_agreement"] == 1.0
    assert summary.loc["hedges", "share_covered"] == 1.0
    assert list(sourcing_accuracy.coverage_disagreements(coverage)["claim_id"]) == ["C2"]


def test_outside_accuracy_reads_the_benchmark_summary(tmp_path: Path) -> None:
    import json

    summary = {
        "dataset": "Some corpus",
        "citation": "A. Author, A corpus, 2020",
        "dev": {"n_articles": 3, "n_gold_cues": 10, "recall": 0.5, "precision": 0.9, "f1": 0.643},
        "dev_rules_only": {"detector": "rules only", "n_articles": 3, "n_gold_cues": 10, "recall": 0.4,
                           "precision": 0.95, "f1": 0.563},
        "human_agreement": {"detector": "second annotator vs first", "n_articles": 2, "n_gold_cues": 8,
                            "recall": 0.8, "precision": 0.8, "f1": 0.8},
    }  # fmt: skip
    path = tmp_path / "s.json"
    path.write_text(json.dumps(summary), encoding="utf-8")
    table, citation = sourcing_accuracy.outside_accuracy(path)
    assert citation == "A. Author, A corpus, 2020"
    assert list(table["detector"]) == [
        "published convention (rules + tagger; the default)",
        "speech convention (rules only)",
        "second annotator vs first",
    ]
    assert list(table["F1"]) == [0.643, 0.563, 0.8]
    assert table["data"].iloc[:2].str.contains("out of sample").all()
    assert "annotated twice" in table["data"].iloc[2]
    assert sourcing_accuracy.outside_accuracy(tmp_path / "missing.json") is None
