"""What a person looks at about claims: the claim explorer, disagreements side by side, the legends, escaped."""

from __future__ import annotations

from pathlib import Path

from helpers.claims.coding import (
    CLAIM_COLUMNS,
    CLAIM_OPTIONAL,
    EVIDENCE_COLUMNS,
    EVIDENCE_OPTIONAL,
    SLOT_COLUMNS,
    empty_codings,
    read_codings,
)
from helpers.claims.disagreements import disagreements
from helpers.claims.matrix import LEGEND, stance_matrix
from helpers.claims.views import (
    claim_explorer,
    claim_html,
    disagreement_html,
    legend_html,
    legend_table,
    matrix_styler,
    quote_in_context,
)
from helpers.corpus.load import load_corpus
from tests.claims.samples import ARTICLES, build
from tests.conftest import make_corpus, write_csv


def test_disagreement_side_by_side_shows_question_and_reasoning(coded) -> None:
    codings, corpus = coded
    page = disagreement_html(disagreements(codings, corpus), "how-left")
    assert "How did Assad leave Damascus?" in page and "Because." in page
    assert disagreement_html(disagreements(codings, corpus), "no-such") == ""


def test_matrix_styler_and_legends_cover_every_stance(coded) -> None:
    codings, corpus = coded
    matrix = stance_matrix(codings, corpus)
    shown = matrix_styler(matrix, codings.claims["statement"]).data
    assert list(shown.columns) == ["statement", *corpus.index]
    assert list(legend_table().index) == list(LEGEND)
    strip = legend_html()
    assert strip.count(" · ") == len(LEGEND) - 1 and "<b>(blank)</b> silent" in strip


def test_quote_in_context_marks_the_span_in_its_sentence() -> None:
    text = "First sentence. Assad <left> by plane. Last one."
    start = text.index("Assad")
    page = quote_in_context(text, start, start + 5, context="sentence")
    assert page.startswith("<mark") and "&lt;left&gt;" in page and "First" not in page


def test_claim_html_escapes_article_text(tmp_path: Path) -> None:
    articles = {"x": "Intro <script>alert(1)</script> and <img src=x onerror=alert(2)> end."}
    root = make_corpus(tmp_path / "c", articles)
    write_csv(
        root / "claims.csv",
        [{"claim_id": "C001", "topic": "departure", "statement": "s"}],
        list(CLAIM_COLUMNS + CLAIM_OPTIONAL),
    )
    write_csv(
        root / "evidence.csv",
        [
            {
                "claim_id": "C001",
                "source_id": "x",
                "quote": "<script>alert(1)</script>",
                "stance": "asserts",
                "attribution_kind": "none",
            }
        ],
        list(EVIDENCE_COLUMNS + EVIDENCE_OPTIONAL),
    )
    write_csv(root / "slots.csv", [], list(SLOT_COLUMNS))
    page = claim_html("C001", read_codings(load_corpus(root)), load_corpus(root))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_claim_explorer_copes_with_no_claims_and_unknown_start(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "bare", ARTICLES)
    corpus = load_corpus(root)
    assert "No claims" in claim_explorer(empty_codings(), corpus).children[0].value
    codings = read_codings(load_corpus(build(tmp_path)))
    assert claim_explorer(codings, load_corpus(tmp_path / "c"), start="C999").children[0].value == "C001"
