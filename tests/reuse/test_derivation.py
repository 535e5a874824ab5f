"""Text reuse: normalisation, containment direction, passages, labels, the pair tables, and the benchmark's truth."""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.reuse import alignment
from helpers.reuse import candidates as reuse_candidates
from helpers.reuse import derivation as reuse
from helpers.reuse import labels as reuse_labels
from helpers.reuse import lookups as reuse_lookups
from helpers.reuse import settings as reuse_settings
from helpers.reuse import tables as reuse_tables
from helpers.reuse.chaining import chains
from helpers.reuse.shingles import normalize_word, shared_counts, shingle_hashes, tokenize, word_hashes, words
from tests.reuse.samples import FILLER, OTHER, REUTERS_TRIO, frame, pair_row


@pytest.fixture(scope="module")
def real(corpus: pd.DataFrame) -> reuse.Reuse:
    """Reuse found in the repository corpus with default settings."""
    return reuse.find_reuse(corpus)


# ---- normalisation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("Armoured", "armored"),
        ("defence", "defense"),
        ("neighbouring", "neighboring"),
        ("prioritised", "prioritized"),
        ("organisation", "organization"),
        ("travelled", "traveled"),
        ("centre", "center"),
        ("analysed", "analyzed"),
        ("favourite", "favorite"),
        ("towards", "toward"),
    ],
)
def test_spelling_variants_normalise_alike(british: str, american: str) -> None:
    assert normalize_word(british) == normalize_word(american)


@pytest.mark.parametrize("word", ["four", "your", "hour", "flour", "rise", "crisis", "Assad"])
def test_other_words_keep_their_identity(word: str) -> None:
    assert normalize_word(word) == word.lower()


def test_case_quotes_possessives_and_punctuation_are_ignored() -> None:
    assert words("Assad’s “final” stand—didn’t he?") == words('assad\'s "FINAL" stand, didnt he')
    assert words("10:30 PM") == words("10.30pm")


def test_token_spans_point_into_the_unmodified_text() -> None:
    text = "“Tomorrow, we’ll see,” Assad’s aide said at 10.30pm in the Armoured unit."
    toks = tokenize(text)
    assert [text[a:b] for a, b in zip(toks.starts, toks.ends, strict=True)][:3] == ["Tomorrow", "we’ll", "see"]
    assert toks.words[-2:] == ("armored", "unit")


# ---- scores ---------------------------------------------------------------------------------


def test_containment_is_directed() -> None:
    short = FILLER.split(". ")[0] + ". " + FILLER.split(". ")[1] + "."
    cand = reuse_candidates.candidate_pairs({"short": short, "long": FILLER + OTHER})
    row = cand.iloc[0]
    assert (row.source_a, row.source_b) == ("short", "long")
    assert row.containment_a_in_b == pytest.approx(1.0)
    assert row.containment_b_in_a < 0.3
    assert row.similarity == pytest.approx(row.shared_shingles / (row.shared_shingles / 1.0 / row.containment_b_in_a))


def test_unrelated_texts_are_not_candidates() -> None:
    assert reuse_candidates.candidate_pairs({"a": FILLER, "b": OTHER}).empty


def test_shared_counts_skip_shingles_above_the_document_frequency_limit() -> None:
    sets = [np.unique(shingle_hashes(word_hashes(words("alpha beta gamma delta")), 4))] * 3
    a, b, shared, distinctive = shared_counts(sets)
    assert list(zip(a, b, shared, distinctive, strict=True)) == [(0, 1, 1, 1), (0, 2, 1, 1), (1, 2, 1, 1)]
    assert shared_counts(sets, max_df=2)[0].size == 0
    assert list(shared_counts(sets, common_df=2)[3]) == [0, 0, 0]


def test_pairs_sharing_only_common_phrases_are_not_aligned() -> None:
    stock = " Officials did not respond to a request for comment on the matter."
    texts = {f"t{i}": " ".join(f"w{i}x{j}" for j in range(100)) + "." + stock for i in range(12)}
    pairs = reuse.find_reuse(frame(texts)).pairs
    assert not pairs.empty and (pairs.distinctive_shingles == 0).all()
    assert pairs.direction_basis.str.startswith("shares only common phrases").all()


# ---- passages -------------------------------------------------------------------------------


def test_copied_sentence_is_verbatim_and_spans_index_the_raw_texts() -> None:
    a = FILLER
    b = OTHER + "Engineers warned that the old canal needs repairs before the spring floods arrive."
    al = alignment.align(a, b)
    verb = al.passages[al.passages.kind == alignment.VERBATIM]
    assert len(verb) == 1
    row = verb.iloc[0]
    assert a[row.a_start : row.a_end] == row.a_text
    assert b[row.b_start : row.b_end] == row.b_text
    assert row.a_text.startswith("Engineers warned") and row.score == 100


def test_reworded_sentence_is_paraphrase() -> None:
    a = "Engineers warned that the old canal needs repairs before the spring floods arrive."
    b = "Before the spring floods come, engineers warned, the old canal will need repairs."
    al = alignment.align(a, b)
    assert list(al.passages.kind) == [alignment.PARAPHRASE]
    assert al.coverage_a == pytest.approx(1.0)


def test_unrelated_texts_share_no_passage() -> None:
    al = alignment.align(FILLER, OTHER)
    assert al.passages.empty and al.coverage_a == 0 and al.coverage_b == 0


# ---- labels and direction -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("coverage", "label"),
    [
        (reuse_settings.WHOLLY_DERIVED_MIN_COVERAGE, reuse_labels.WHOLLY),
        (reuse_settings.WHOLLY_DERIVED_MIN_COVERAGE - 0.01, reuse_labels.PARTIALLY),
        (reuse_settings.PARTIALLY_DERIVED_MIN_COVERAGE, reuse_labels.PARTIALLY),
        (reuse_settings.PARTIALLY_DERIVED_MIN_COVERAGE - 0.01, reuse_labels.NOT_DERIVED),
        (0.0, reuse_labels.NOT_DERIVED),
    ],
)
def test_label_thresholds(coverage: float, label: str) -> None:
    assert reuse_labels.derivation_label(coverage) == label


def test_later_copy_is_the_derived_side() -> None:
    corpus = frame(
        {"copy": FILLER + "A short added line about the weather.", "original": FILLER + OTHER, "other": OTHER[:80]},
        dates={"copy": "2024-12-15", "original": "2024-12-10"},
    )
    row = pair_row(reuse.pairs(corpus), "copy", "original")
    assert row.derived == "copy"
    assert row.label == reuse_labels.WHOLLY
    assert "published later" in row.direction_basis
    labels = reuse_lookups.article_labels(corpus, reuse.pairs(corpus)).set_index("source_id")
    assert labels.at["copy", "label"] == reuse_labels.WHOLLY and labels.at["copy", "derived_from"] == "original"
    assert labels.at["original", "label"] == reuse_labels.NOT_DERIVED


def test_same_day_siblings_crediting_one_upstream_have_no_derived_side() -> None:
    corpus = frame({"x": FILLER, "y": FILLER + OTHER}, credits={"x": ("Wire",), "y": ("Wire",)})
    row = pair_row(reuse.pairs(corpus), "x", "y")
    assert row.derived == "" and row.label == reuse_labels.WHOLLY
    assert "both credit Wire" in row.direction_basis


# ---- the real corpus ------------------------------------------------------------------------


def test_reuters_rewrites_are_related_and_the_rest_near_zero(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    for i, a in enumerate(REUTERS_TRIO):
        for b in REUTERS_TRIO[i + 1 :]:
            row = pair_row(real.pairs, a, b)
            assert row.label != reuse_labels.NOT_DERIVED, (a, b)
            assert max(row.containment_a_in_b, row.containment_b_in_a) >= reuse_settings.ALIGN_MIN_CONTAINMENT
    others = real.pairs[~(real.pairs.source_a.isin(REUTERS_TRIO) & real.pairs.source_b.isin(REUTERS_TRIO))]
    assert (others.label == reuse_labels.NOT_DERIVED).all()
    assert (
        others[["containment_a_in_b", "containment_b_in_a"]].max(axis=1) < reuse_settings.ALIGN_MIN_CONTAINMENT
    ).all()
    assert (others.similarity < 0.01).all()


def test_aligning_every_pair_changes_no_label(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    everything = reuse.find_reuse(corpus, align_min_containment=0, min_shared=1).pairs
    default = real.pairs.set_index(["source_a", "source_b"])["label"]
    assert len(everything) >= len(real.pairs)
    for a, b, label in everything[["source_a", "source_b", "label"]].itertuples(index=False):
        assert default.get((a, b), reuse_labels.NOT_DERIVED) == label, (a, b)


def test_passages_quote_the_articles_exactly(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    assert not real.passages.empty
    for r in real.passages.itertuples(index=False):
        assert corpus.at[r.source_a, "text"][r.a_start : r.a_end] == r.a_text
        assert corpus.at[r.source_b, "text"][r.b_start : r.b_end] == r.b_text
    assert set(real.passages.kind) == {alignment.VERBATIM, alignment.PARAPHRASE}


# ---- tables for the notebook ----------------------------------------------------------------


def test_pair_matrix_reads_row_in_column(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    mat = reuse_tables.pair_matrix(corpus.index, real.pairs, "containment")
    row = pair_row(real.pairs, "north-press", "defence-talks")
    a, b = row.source_a, row.source_b
    assert mat.at[a, b] == pytest.approx(row.containment_a_in_b)
    assert mat.at[b, a] == pytest.approx(row.containment_b_in_a)
    assert (mat.to_numpy().diagonal() == 1).all()


def test_shingle_size_table_separates_chains(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    table = reuse_tables.shingle_size_table(
        corpus, chains(corpus, real.pairs), (3, reuse_settings.SHINGLE_N)
    ).set_index("shingle words")
    assert (table["weakest same-chain pair"] > table["strongest cross-chain pair"]).all()
    assert table.at[reuse_settings.SHINGLE_N, "separation"] > table.at[3, "separation"]


# ---- properties -----------------------------------------------------------------------------

VOCAB = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"]
texts = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=texts, b=texts)
def test_similarity_is_symmetric_and_containment_bounded(a: str, b: str) -> None:
    ab = reuse_candidates.candidate_pairs({"a": a, "b": b}, min_shared=1)
    ba = reuse_candidates.candidate_pairs({"b": b, "a": a}, min_shared=1)
    assert len(ab) == len(ba)
    if len(ab):
        x, y = ab.iloc[0], ba.iloc[0]
        assert x.similarity == pytest.approx(y.similarity)
        assert x.containment_a_in_b == pytest.approx(y.containment_b_in_a)
        for v in (x.similarity, x.containment_a_in_b, x.containment_b_in_a):
            assert 0.0 <= v <= 1.0


@settings(max_examples=40, deadline=None)
@given(a=texts)
def test_identical_texts_score_one(a: str) -> None:
    row = reuse_candidates.candidate_pairs({"a": a, "b": a}, min_shared=1).iloc[0]
    assert row.similarity == pytest.approx(1.0)
    assert row.containment_a_in_b == pytest.approx(1.0) and row.containment_b_in_a == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(a=texts, b=texts)
def test_alignment_coverage_is_a_share(a: str, b: str) -> None:
    al = alignment.align(a, b)
    assert 0.0 <= al.coverage_a <= 1.0 and 0.0 <= al.coverage_b <= 1.0
    for r in al.passages.itertuples(index=False):
        assert a[r.a_start : r.a_end] == r.a_text and b[r.b_start : r.b_end] == r.b_text


# ---- the benchmark's generator --------------------------------------------------------------


@pytest.fixture(scope="module")
def synth():
    """The synthetic corpus generator the reuse benchmarks use (helpers.reuse.synthetic)."""
    return importlib.import_module("helpers.reuse.synthetic")


def test_generator_truth_is_consistent(synth) -> None:
    syn = synth.generate(60, seed=3)
    assert len(syn.corpus) == 60 and syn.corpus.index.is_unique
    truth = syn.truth
    assert set(truth.source_a) | set(truth.source_b) <= set(syn.corpus.index)
    assert (truth.source_a < truth.source_b).all() and not truth.duplicated(["source_a", "source_b"]).any()
    assert set(truth.status) <= {"related", "unrelated", "ambiguous"}
    measured = truth.dropna(subset=["overlap"])
    assert ((measured.overlap >= synth.TRUTH_MIN_OVERLAP) == (measured.status == "related"))[
        measured.status != "ambiguous"
    ].all()
    keyed = truth.set_index(["source_a", "source_b"])
    for sid, art in syn.articles.items():
        if art.parent:
            key = tuple(sorted((sid, art.parent)))
            assert key in keyed.index, key
            assert art.published >= syn.articles[art.parent].published
            assert any(p is not None and p[0] == art.root for p in art.provenance)
    again = synth.generate(60, seed=3)
    assert again.corpus["text"].equals(syn.corpus["text"]) and again.truth.equals(truth)


def test_generator_truth_is_what_the_detector_finds_on_a_small_corpus(synth) -> None:
    syn = synth.generate(80, seed=5)
    found = reuse.find_reuse(syn.corpus)
    scores = synth.score(
        {
            tuple(sorted(p))
            for p in found.pairs[found.pairs.label != reuse_labels.NOT_DERIVED][["source_a", "source_b"]].values
        },
        syn.truth,
    )
    assert scores["truth_pairs"] > 0
    assert scores["recall"] >= 0.9 and scores["precision"] >= 0.9
