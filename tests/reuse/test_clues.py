"""Reading aids: credit lines, shared quotes, variant spellings and the clues per pair."""

from __future__ import annotations

import pandas as pd

from helpers.reuse import alignment
from helpers.reuse import clues as reuse_clues
from helpers.reuse import derivation as reuse
from helpers.reuse import labels as reuse_labels
from tests.reuse.samples import REUTERS_TRIO, frame


def test_shared_quotes_tell_identical_from_altered() -> None:
    corpus = frame(
        {
            "a": "He said: “Tomorrow, we will see.” Later he added “The canal must be repaired before winter.”",
            "b": "“He replied: ‘Tomorrow, we will see’,” the minister said. Nothing else.",
            "c": 'Officials said "the old canal must be fixed before the winter" on Monday.',
        }
    )
    quotes = reuse_clues.shared_quotes(corpus)
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
    variants = reuse_clues.spelling_variants(corpus)
    assert variants[["spelling_a", "spelling_b"]].values.tolist() == [["Bouthaina", "Buthaina"]]
    assert variants.at[0, "used_by_a"] == "y" and variants.at[0, "used_by_b"] == "x"


def test_dependency_clues_gather_credit_quote_and_spelling(corpus: pd.DataFrame) -> None:
    found = reuse.find_reuse(corpus, align_min_containment=0, min_shared=1)
    clues = reuse_clues.dependency_clues(corpus, found.pairs, found.passages)
    trio = clues[clues.source_a.isin(REUTERS_TRIO) & clues.source_b.isin(REUTERS_TRIO)]
    assert len(trio) == 3 and (trio["both credit"] == "Reuters").all()
    assert trio["same spellings"].str.len().gt(0).all() and trio["longest verbatim run"].str.len().gt(0).all()
    assert (clues[clues["both credit"] == ""]["label"] == reuse_labels.NOT_DERIVED).all()


def test_credit_lines_name_the_credited_outlet(corpus: pd.DataFrame) -> None:
    lines = reuse_clues.credit_lines(corpus)
    assert set(lines.source_id) == set(REUTERS_TRIO)
    assert lines.sentence.str.contains("Reuters").all()


def test_quotes_never_pair_straight_marks_across_paragraphs() -> None:
    text = 'He said "we left.\nThen the army spoke. "Tomorrow, we will see," he added.'
    assert [text[s:e] for s, e in reuse_clues.quotes(text)] == ["Tomorrow, we will see,"]


def _naive_dependency_clues(corpus: pd.DataFrame, pairs_df: pd.DataFrame, passages_df: pd.DataFrame) -> pd.DataFrame:
    """The clues by filtering the tables for every pair (the reference the indexed version must equal)."""
    credits = {str(sid): set(c) for sid, c in corpus["credits"].items()}
    quotes_df = reuse_clues.shared_quotes(corpus)
    spelled: dict[str, set[str]] = {str(sid): set() for sid in corpus.index}
    for r in reuse_clues.spelling_variants(corpus).itertuples(index=False):
        for word, users in ((r.spelling_a, r.used_by_a), (r.spelling_b, r.used_by_b)):
            for sid in users.split(", "):
                spelled[sid].add(word)

    def either(frame: pd.DataFrame, a: str, b: str) -> pd.Series:
        return ((frame["source_a"] == a) & (frame["source_b"] == b)) | (
            (frame["source_a"] == b) & (frame["source_b"] == a)
        )

    ids = [str(s) for s in corpus.index]
    rows = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            cred = ", ".join(sorted(credits[a] & credits[b]))
            sel = passages_df[(passages_df["kind"] == alignment.VERBATIM) & either(passages_df, a, b)]
            run = sel.loc[sel["a_text"].str.len().idxmax(), "a_text"] if len(sel) else ""
            q = quotes_df[either(quotes_df, a, b)]
            quote = f"{q.iloc[0]['quote_a']} ({q.iloc[0]['kind']})" if len(q) else ""
            spell = ", ".join(sorted(spelled[a] & spelled[b]))
            if cred or run or quote or spell:
                p = pairs_df[either(pairs_df, a, b)]
                label = p.iloc[0]["label"] if len(p) else reuse_labels.NOT_DERIVED
                rows.append((a, b, label, cred, run, quote, spell))
    return pd.DataFrame(rows, columns=reuse_clues.DEPENDENCY_COLUMNS)


def test_indexed_dependency_clues_equal_the_pair_by_pair_reference(corpus: pd.DataFrame) -> None:
    for found in (reuse.find_reuse(corpus), reuse.find_reuse(corpus, align_min_containment=0, min_shared=1)):
        fast = reuse_clues.dependency_clues(corpus, found.pairs, found.passages)
        assert fast.equals(_naive_dependency_clues(corpus, found.pairs, found.passages))
    reordered = corpus.iloc[::-1]
    found = reuse.find_reuse(reordered)
    fast = reuse_clues.dependency_clues(reordered, found.pairs, found.passages)
    assert fast.equals(_naive_dependency_clues(reordered, found.pairs, found.passages))
