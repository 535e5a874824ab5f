"""What the rewrites dropped: a hedge of one sibling rewrite followed into another.

The siblings are datelined by one agency in one story: a common upstream, so one chain.
"""

from __future__ import annotations

from helpers.sourcing import detect as sourcing
from helpers.sourcing import rewrites as sourcing_rewrites
from tests.conftest import mini_corpus


def test_hedge_fates_between_siblings() -> None:
    a = (
        "BEIRUT (Reuters) - The convoy crossed the bridge at night and reached the coast before dawn, reportedly. "
        "The two brothers tried to escape to Lebanon by car but were ambushed by rebels on the road. "
        "There has been no official confirmation, and Reuters could not independently verify the details."
    )
    b = (
        "BEIRUT (Reuters) - The convoy crossed the bridge at night and reached the coast before dawn. "
        "The two brothers tried to escape to Lebanon by car but were ambushed by rebels on the road."
    )
    corpus = mini_corpus({"a": a, "b": b}, {"a": ("Reuters",), "b": ("Reuters",)})
    assert sourcing_rewrites.sibling_groups(corpus) == {"Reuters": ["a", "b"]}
    fates = sourcing_rewrites.hedge_fates(corpus, sourcing.attributions(corpus), sourcing.hedges(corpus))
    mine = fates[fates["source_a"] == "a"]
    assert list(zip(mine["cue"], mine["status"], mine["anchor"], strict=True)) == [
        ("reportedly", "stated flatly", "same sentence"),
        ("no official confirmation", "stated flatly", "previous sentence"),
        ("could not independently verify", "stated flatly", "previous sentence"),
    ]
    assert fates[fates["source_a"] == "b"].empty
    counts = sourcing_rewrites.fate_counts(fates)
    assert counts.loc[("a", "b"), "stated flatly"] == 3
    page = sourcing_rewrites.fates_html(mine, sourcing.hedges(corpus), sourcing.attributions(corpus))
    assert "<mark>reportedly</mark>" in page


def test_an_article_crediting_two_outlets_has_each_hedge_followed_once() -> None:
    a = (
        "BEIRUT (Reuters/AFP) - The convoy reportedly crossed the bridge at night "
        "and the ministers reportedly fled before dawn. "
        "The two brothers tried to escape to Lebanon by car but were ambushed by rebels on the road."
    )
    b = (
        "BEIRUT (Reuters/AFP) - The convoy crossed the bridge at night and the ministers fled before dawn. "
        "The two brothers tried to escape to Lebanon by car but were ambushed by rebels on the road."
    )
    both = ("Reuters", "AFP")
    corpus = mini_corpus({"a": a, "b": b}, {"a": both, "b": both})
    groups = sourcing_rewrites.sibling_groups(corpus)
    assert list(groups.values()) == [["a", "b"]]
    hedges = sourcing.hedges(corpus)
    fates = sourcing_rewrites.hedge_fates(corpus, sourcing.attributions(corpus), hedges)
    assert len(fates) == 2 and fates["a_start"].is_unique
    second = fates[fates["a_start"] == a.rindex("reportedly")]
    page = sourcing_rewrites.fates_html(second, hedges, sourcing.attributions(corpus))
    assert "the ministers <mark>reportedly</mark> fled" in page
    assert "convoy reportedly crossed" in page
