"""Tests of the coding workbench driven as a coder would: pick, accept, narrow, add a claim, save."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.claims import views
from helpers.claims.coding import read_codings, validate_codings
from helpers.corpus.load import load_corpus
from tests.claims.samples import build


def fake_suggest(corpus: pd.DataFrame):
    """Suggestions in the CLI's columns: C004 for the words 'His brother fled to Iraq.' in wire-b."""

    def suggest(sid: str) -> pd.DataFrame:
        text = corpus.at[sid, "text"]
        quote = "His brother fled to Iraq."
        if quote not in text:
            return pd.DataFrame(columns=list(views.SUGGESTION_COLUMNS))
        start = text.index(quote)
        row = ("C004", sid, quote, start, start + len(quote), "asserts", "none", 0.9)
        return pd.DataFrame([row], columns=list(views.SUGGESTION_COLUMNS))

    return suggest


def parts(bench):
    picker, article, proposals, (sentences, add), (coder, save), status = (
        bench.children[0],
        bench.children[1],
        bench.children[2],
        bench.children[3].children,
        bench.children[4].children,
        bench.children[5],
    )
    return picker, article, proposals, sentences, add, coder, save, status


def open_bench(tmp_path: Path, source_id: str = "wire-b") -> tuple[Path, tuple]:
    """A fresh sample corpus and the parts of its workbench opened on ``source_id`` with the fake suggestions."""
    root = build(tmp_path)
    corpus = load_corpus(root)
    return root, parts(views.coding_workbench(corpus, read_codings(corpus), fake_suggest(corpus), source_id=source_id))


def test_accept_a_suggestion_and_save(tmp_path: Path) -> None:
    root, (_, article, proposals, _, _, _, save, status) = open_bench(tmp_path)
    assert "<mark" in article.value and "C004" in proposals.children[0].children[0].value
    save.click()
    assert "Nothing accepted" in status.value
    proposal = proposals.children[0]
    decision = proposal.children[-1].children[0]
    decision.value = "accept"
    save.click()
    assert "Saved 1 coding(s) to evidence.csv" in status.value
    assert validate_codings(load_corpus(root)) == []
    evidence = read_codings(load_corpus(root)).evidence
    assert ((evidence["claim_id"] == "C004") & (evidence["source_id"] == "wire-b")).sum() == 1


def test_narrowing_by_words_and_a_second_coder(tmp_path: Path) -> None:
    root, (_, _, proposals, _, _, coder, save, status) = open_bench(tmp_path)
    proposal = proposals.children[0]
    bounds = proposal.children[2]
    first, last = bounds.index
    bounds.index = (first + 1, last)  # drop 'His': the quote starts at a whole word still
    assert "<mark" in proposal.children[1].value and ">brother fled to Iraq.</mark>" in proposal.children[1].value
    proposal.children[-1].children[0].value = "accept"
    before = (root / "evidence.csv").read_bytes()
    coder.value = "Ana Lee"
    save.click()
    assert "evidence.ana-lee.csv" in status.value
    assert (root / "evidence.csv").read_bytes() == before
    saved = pd.read_csv(root / "evidence.ana-lee.csv", keep_default_na=False)
    assert list(saved["quote"]) == ["brother fled to Iraq."]


def test_a_refused_save_says_why_and_writes_nothing(tmp_path: Path) -> None:
    root, (_, _, proposals, _, _, _, save, status) = open_bench(tmp_path)
    proposal = proposals.children[0]
    proposal.children[-1].children[0].value = "accept"
    proposal.children[-1].children[1].value = "attributes"
    proposal.children[-1].children[2].value = "anonymous"  # but nobody named in attributed_to
    before = (root / "evidence.csv").read_bytes()
    save.click()
    assert "Not saved" in status.value and "needs attributed_to" in status.value
    assert (root / "evidence.csv").read_bytes() == before


def test_add_a_claim_from_a_sentence(tmp_path: Path) -> None:
    root, (_, _, proposals, sentences, add, _, save, status) = open_bench(tmp_path, "new")
    assert "No suggestions" in proposals.children[0].value
    sentences.value = sentences.options[0][1]
    add.click()
    proposal = proposals.children[-1]
    statement, topic = proposal.children[3].children
    statement.value, topic.value = "Nobody has coded the sixth article", "background"
    save.click()
    assert "Saved 1 coding(s) to claims.csv, evidence.csv" in status.value, status.value
    codings = read_codings(load_corpus(root))
    assert codings.claims.at["C005", "statement"] == "Nobody has coded the sixth article"


def test_the_article_view_escapes_markup() -> None:
    page = views.article_suggestions_html("<b>x</b> & y", pd.DataFrame({"start": [0], "end": [3]}))
    assert "<b>" not in page and "&lt;b&gt;" in page


def test_suggestions_the_reference_has_are_hidden_unless_asked(tmp_path: Path) -> None:
    root = build(tmp_path)
    corpus = load_corpus(root)
    base = fake_suggest(corpus)

    def marked(sid: str) -> pd.DataFrame:
        return base(sid).assign(already_coded=True)

    hidden = views.coding_workbench(corpus, read_codings(corpus), marked, source_id="wire-b")
    assert "No suggestions" in parts(hidden)[2].children[0].value
    shown = views.coding_workbench(corpus, read_codings(corpus), marked, source_id="wire-b", show_coded=True)
    assert "C004" in parts(shown)[2].children[0].children[0].value
