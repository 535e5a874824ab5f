"""Text reuse: normalisation, containment direction, passages, labels, chains, and the benchmark's truth."""

from __future__ import annotations

import importlib
import sys

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import config, reuse
from helpers.shingles import normalize_word, shared_counts, shingle_set, tokenize, words

REUTERS_TRIO = ("north-press", "defence-talks", "syrian-crisis")

FILLER = (
    "Officials in the northern province met on Tuesday to discuss water supplies for farms. "
    "Engineers warned that the old canal needs repairs before the spring floods arrive. "
    "A local council member said funding for the project would be voted on next month. "
    "Residents asked for better roads to the market and a new clinic near the school. "
)
OTHER = (
    "The football club announced a new coach after a disappointing season at home. "
    "Fans gathered outside the stadium to welcome him with songs and flags on Sunday. "
    "The chairman promised investment in the youth academy over the next three years. "
)


def frame(texts: dict[str, str], dates: dict[str, str] | None = None, credits: dict[str, tuple] | None = None):
    """A corpus-shaped DataFrame built from texts (dates and credits optional)."""
    ids = list(texts)
    data = {"text": [texts[s] for s in ids], "outlet": ["unknown"] * len(ids)}
    data["published"] = [pd.Timestamp((dates or {}).get(s, "2024-12-13")) for s in ids]
    data["credits"] = [(credits or {}).get(s, ()) for s in ids]
    data["upstream_inferred"] = [""] * len(ids)
    return pd.DataFrame(data, index=pd.Index(ids, name="source_id"))


@pytest.fixture(scope="module")
def real(corpus: pd.DataFrame) -> reuse.Reuse:
    """Reuse found in the repository corpus with default settings."""
    return reuse.find_reuse(corpus)


def pair_row(pairs: pd.DataFrame, a: str, b: str) -> pd.Series:
    """The row of an unordered pair."""
    sel = pairs[((pairs.source_a == a) & (pairs.source_b == b)) | ((pairs.source_a == b) & (pairs.source_b == a))]
    assert len(sel) == 1, f"pair {a}/{b} not reported"
    return sel.iloc[0]


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
    cand = reuse.candidate_pairs({"short": short, "long": FILLER + OTHER})
    row = cand.iloc[0]
    assert (row.source_a, row.source_b) == ("short", "long")
    assert row.containment_a_in_b == pytest.approx(1.0)
    assert row.containment_b_in_a < 0.3
    assert row.similarity == pytest.approx(row.shared_shingles / (row.shared_shingles / 1.0 / row.containment_b_in_a))


def test_unrelated_texts_are_not_candidates() -> None:
    assert reuse.candidate_pairs({"a": FILLER, "b": OTHER}).empty


def test_shared_counts_skip_shingles_above_the_document_frequency_limit() -> None:
    sets = [shingle_set("alpha beta gamma delta", 4)] * 3
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
    al = reuse.align(a, b)
    verb = al.passages[al.passages.kind == reuse.VERBATIM]
    assert len(verb) == 1
    row = verb.iloc[0]
    assert a[row.a_start : row.a_end] == row.a_text
    assert b[row.b_start : row.b_end] == row.b_text
    assert row.a_text.startswith("Engineers warned") and row.score == 100


def test_reworded_sentence_is_paraphrase() -> None:
    a = "Engineers warned that the old canal needs repairs before the spring floods arrive."
    b = "Before the spring floods come, engineers warned, the old canal will need repairs."
    al = reuse.align(a, b)
    assert list(al.passages.kind) == [reuse.PARAPHRASE]
    assert al.coverage_a == pytest.approx(1.0)


def test_unrelated_texts_share_no_passage() -> None:
    al = reuse.align(FILLER, OTHER)
    assert al.passages.empty and al.coverage_a == 0 and al.coverage_b == 0


# ---- labels and direction -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("coverage", "label"),
    [
        (reuse.WHOLLY_DERIVED_MIN_COVERAGE, reuse.WHOLLY),
        (reuse.WHOLLY_DERIVED_MIN_COVERAGE - 0.01, reuse.PARTIALLY),
        (reuse.PARTIALLY_DERIVED_MIN_COVERAGE, reuse.PARTIALLY),
        (reuse.PARTIALLY_DERIVED_MIN_COVERAGE - 0.01, reuse.NOT_DERIVED),
        (0.0, reuse.NOT_DERIVED),
    ],
)
def test_label_thresholds(coverage: float, label: str) -> None:
    assert reuse.derivation_label(coverage) == label


def test_later_copy_is_the_derived_side() -> None:
    corpus = frame(
        {"copy": FILLER + "A short added line about the weather.", "original": FILLER + OTHER, "other": OTHER[:80]},
        dates={"copy": "2024-12-15", "original": "2024-12-10"},
    )
    row = pair_row(reuse.pairs(corpus), "copy", "original")
    assert row.derived == "copy"
    assert row.label == reuse.WHOLLY
    assert "published later" in row.direction_basis
    labels = reuse.article_labels(corpus, reuse.pairs(corpus)).set_index("source_id")
    assert labels.at["copy", "label"] == reuse.WHOLLY and labels.at["copy", "derived_from"] == "original"
    assert labels.at["original", "label"] == reuse.NOT_DERIVED


def test_same_day_siblings_crediting_one_upstream_have_no_derived_side() -> None:
    corpus = frame({"x": FILLER, "y": FILLER + OTHER}, credits={"x": ("Wire",), "y": ("Wire",)})
    row = pair_row(reuse.pairs(corpus), "x", "y")
    assert row.derived == "" and row.label == reuse.WHOLLY
    assert "both credit Wire" in row.direction_basis


# ---- the real corpus ------------------------------------------------------------------------


def test_reuters_rewrites_are_related_and_the_rest_near_zero(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    for i, a in enumerate(REUTERS_TRIO):
        for b in REUTERS_TRIO[i + 1 :]:
            row = pair_row(real.pairs, a, b)
            assert row.label != reuse.NOT_DERIVED, (a, b)
            assert max(row.containment_a_in_b, row.containment_b_in_a) >= reuse.ALIGN_MIN_CONTAINMENT
    others = real.pairs[~(real.pairs.source_a.isin(REUTERS_TRIO) & real.pairs.source_b.isin(REUTERS_TRIO))]
    assert (others.label == reuse.NOT_DERIVED).all()
    assert (others[["containment_a_in_b", "containment_b_in_a"]].max(axis=1) < reuse.ALIGN_MIN_CONTAINMENT).all()
    assert (others.similarity < 0.01).all()


def test_aligning_every_pair_changes_no_label(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    everything = reuse.find_reuse(corpus, align_min_containment=0, min_shared=1).pairs
    default = real.pairs.set_index(["source_a", "source_b"])["label"]
    assert len(everything) >= len(real.pairs)
    for a, b, label in everything[["source_a", "source_b", "label"]].itertuples(index=False):
        assert default.get((a, b), reuse.NOT_DERIVED) == label, (a, b)


def test_passages_quote_the_articles_exactly(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    assert not real.passages.empty
    for r in real.passages.itertuples(index=False):
        assert corpus.at[r.source_a, "text"][r.a_start : r.a_end] == r.a_text
        assert corpus.at[r.source_b, "text"][r.b_start : r.b_end] == r.b_text
    assert set(real.passages.kind) == {reuse.VERBATIM, reuse.PARAPHRASE}


def test_chains_put_the_reuters_trio_together_and_keep_ft_and_allies_apart(
    corpus: pd.DataFrame, real: reuse.Reuse
) -> None:
    ch = reuse.chains(corpus, real.pairs).set_index("source_id")
    assert list(ch.columns) == ["chain", "basis", "evidence"]
    assert set(ch.loc[list(REUTERS_TRIO), "chain"]) == {"Reuters"}
    assert (ch.loc[list(REUTERS_TRIO), "basis"] == "credit + text reuse").all()
    assert ch.at["ft", "chain"] != "Reuters" and ch.at["ft", "basis"] == "own"
    assert ch.at["allies-fled", "chain"] == "AFP" and ch.at["allies-fled", "basis"] == "inferred"
    assert "inferred" in ch.at["allies-fled", "evidence"]
    assert ch["evidence"].str.len().gt(0).all()


def test_credit_alone_makes_a_chain_and_reuse_extends_it() -> None:
    corpus = frame(
        {"credited": FILLER, "copier": FILLER + OTHER, "lonely": "Wire reports say the canal will close. " * 3},
        dates={"credited": "2024-12-10", "copier": "2024-12-11"},
        credits={"credited": ("Wire",), "lonely": ("Agency",)},
    )
    ch = reuse.chains(corpus, reuse.pairs(corpus)).set_index("source_id")
    assert ch.at["copier", "chain"] == "Wire" and ch.at["copier", "basis"] == "text reuse"
    assert "through credited" in ch.at["copier", "evidence"]
    assert ch.at["lonely", "chain"] == "Agency" and ch.at["lonely", "basis"] == "credit"


def test_tables_have_the_documented_columns() -> None:
    out = reuse.tables(config.DEFAULT_CORPUS_DIR)
    assert set(out) == {"reuse_pairs.csv", "chains.csv"}
    cols = [
        "source_a",
        "source_b",
        "similarity",
        "containment_a_in_b",
        "containment_b_in_a",
        "shared_passages",
        "label",
    ]
    assert list(out["reuse_pairs.csv"].columns[: len(cols)]) == cols
    assert list(out["chains.csv"].columns[:2]) == ["source_id", "chain"]


# ---- chart data -----------------------------------------------------------------------------


def test_graph_edges_link_credited_and_inferred_outlets(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    edges = reuse.graph_edges(corpus, real.pairs)
    credit = edges[edges.kind == "credit"]
    assert set(credit.target) == set(REUTERS_TRIO) and set(credit.source) == {"Reuters"} and credit.outside.all()
    assert edges[edges.kind == "inferred"][["source", "target"]].values.tolist() == [["AFP", "allies-fled"]]
    reuse_edges = edges[edges.kind.str.contains("reuse")]
    assert "ft" not in set(reuse_edges.source) | set(reuse_edges.target)
    assert len(reuse_edges) == 3


def test_pair_matrix_reads_row_in_column(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    mat = reuse.pair_matrix(corpus.index, real.pairs, "containment")
    row = pair_row(real.pairs, "north-press", "defence-talks")
    a, b = row.source_a, row.source_b
    assert mat.at[a, b] == pytest.approx(row.containment_a_in_b)
    assert mat.at[b, a] == pytest.approx(row.containment_b_in_a)
    assert (mat.to_numpy().diagonal() == 1).all()


def test_side_by_side_html_escapes_article_text() -> None:
    a = "Intro line here. The <b>council</b> & mayor agreed to repair the old canal before the floods."
    b = "Other news today. The <b>council</b> & mayor agreed to repair the old canal before the floods."
    al = reuse.align(a, b)
    html = reuse.side_by_side_html(a, b, al.passages, "a", "b")
    assert "&lt;b&gt;council&lt;/b&gt; &amp; mayor" in html and "<b>council" not in html
    assert "<mark>" in html


# ---- reading aids -------------------------------------------------------------------------


def test_shingle_size_table_separates_chains(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    table = reuse.shingle_size_table(corpus, reuse.chains(corpus, real.pairs), (3, reuse.SHINGLE_N)).set_index(
        "shingle words"
    )
    assert (table["weakest same-chain pair"] > table["strongest cross-chain pair"]).all()
    assert table.at[reuse.SHINGLE_N, "separation"] > table.at[3, "separation"]


def test_shared_quotes_tell_identical_from_altered() -> None:
    corpus = frame(
        {
            "a": "He said: “Tomorrow, we will see.” Later he added “The canal must be repaired before winter.”",
            "b": "“He replied: ‘Tomorrow, we will see’,” the minister said. Nothing else.",
            "c": 'Officials said "the old canal must be fixed before the winter" on Monday.',
        }
    )
    quotes = reuse.shared_quotes(corpus)
    kinds = {(r.source_a, r.source_b): r.kind for r in quotes.itertuples(index=False)}
    assert kinds[("a", "b")] == "identical"
    assert kinds[("a", "c")] == "altered"


def test_spelling_variants_need_complementary_use_inside_sentences() -> None:
    corpus = frame(
        {
            "x": "The aide Buthaina Shaaban left. Most people stayed in Iran and Iraq.",
            "y": "His adviser Bouthaina Shaaban fled. Post offices closed.",
        }
    )
    variants = reuse.spelling_variants(corpus)
    assert variants[["spelling_a", "spelling_b"]].values.tolist() == [["Bouthaina", "Buthaina"]]
    assert variants.at[0, "used_by_a"] == "y" and variants.at[0, "used_by_b"] == "x"


def test_dependency_clues_gather_credit_quote_and_spelling(corpus: pd.DataFrame) -> None:
    found = reuse.find_reuse(corpus, align_min_containment=0, min_shared=1)
    clues = reuse.dependency_clues(corpus, found.pairs, found.passages)
    trio = clues[clues.source_a.isin(REUTERS_TRIO) & clues.source_b.isin(REUTERS_TRIO)]
    assert len(trio) == 3 and (trio["both credit"] == "Reuters").all()
    assert trio["same spellings"].str.len().gt(0).all() and trio["longest verbatim run"].str.len().gt(0).all()
    assert (clues[clues["both credit"] == ""]["label"] == reuse.NOT_DERIVED).all()


def test_credit_lines_and_corroboration_on_the_corpus(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    lines = reuse.credit_lines(corpus)
    assert set(lines.source_id) == set(REUTERS_TRIO)
    assert lines.sentence.str.contains("Reuters").all()
    ch = reuse.chains(corpus, real.pairs)
    counts = reuse.chain_counts(corpus, ch)
    assert counts["articles"] == len(corpus) and counts["chains"] == ch["chain"].nunique() < counts["outlets"]
    table = reuse.chain_summary(corpus, ch).set_index("chain")
    assert table.at["Reuters", "articles"] == len(REUTERS_TRIO)


# ---- properties -----------------------------------------------------------------------------

VOCAB = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"]
texts = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=texts, b=texts)
def test_similarity_is_symmetric_and_containment_bounded(a: str, b: str) -> None:
    ab = reuse.candidate_pairs({"a": a, "b": b}, min_shared=1)
    ba = reuse.candidate_pairs({"b": b, "a": a}, min_shared=1)
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
    row = reuse.candidate_pairs({"a": a, "b": a}, min_shared=1).iloc[0]
    assert row.similarity == pytest.approx(1.0)
    assert row.containment_a_in_b == pytest.approx(1.0) and row.containment_b_in_a == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(a=texts, b=texts)
def test_alignment_coverage_is_a_share(a: str, b: str) -> None:
    al = reuse.align(a, b)
    assert 0.0 <= al.coverage_a <= 1.0 and 0.0 <= al.coverage_b <= 1.0
    for r in al.passages.itertuples(index=False):
        assert a[r.a_start : r.a_end] == r.a_text and b[r.b_start : r.b_end] == r.b_text


# ---- the benchmark's generator --------------------------------------------------------------


@pytest.fixture(scope="module")
def synth():
    """The benchmark generator module (benchmarks/ sits beside helpers/, outside the package)."""
    root = str(config.REPO_ROOT)
    if root not in sys.path:
        sys.path.insert(0, root)
    return importlib.import_module("benchmarks.synth")


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
            for p in found.pairs[found.pairs.label != reuse.NOT_DERIVED][["source_a", "source_b"]].values
        },
        syn.truth,
    )
    assert scores["truth_pairs"] > 0
    assert scores["recall"] >= 0.9 and scores["precision"] >= 0.9
