"""Reading aids: credit lines, shared quotes, variant spellings and the clues per pair."""

from __future__ import annotations

import pandas as pd
from reuse_samples import REUTERS_TRIO, frame

from helpers import reuse, reuse_clues


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
    assert (clues[clues["both credit"] == ""]["label"] == reuse.NOT_DERIVED).all()


def test_credit_lines_name_the_credited_outlet(corpus: pd.DataFrame) -> None:
    lines = reuse_clues.credit_lines(corpus)
    assert set(lines.source_id) == set(REUTERS_TRIO)
    assert lines.sentence.str.contains("Reuters").all()
