"""Independence at the right grain: chains by derivation, stories, boilerplate, credits, provenance by passage.

Each rule on a small corpus built in the test (made-up stories that share nothing by chance):
one outlet's unrelated stories, one outlet's updates of one story, a wire story syndicated by
three sites, an editor's note on every story, a rewrite adding an unsourced detail, a blend of
an AP and an AFP story; and the bad inputs (one article, one outlet only, 300 near-duplicate
copies, no dates).
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.claims.coding import Codings
from helpers.claims.corroboration import corroboration
from helpers.claims.provenance import claim_provenance
from helpers.core.datelines import credits_in_text
from helpers.corpus.credits import credit_warnings, read_credits
from helpers.reuse import chaining
from helpers.reuse.boilerplate import house_text
from helpers.reuse.derivation import find_reuse
from tests.reuse.samples import story_text

NOTE = (
    "Editor's note: this newsroom regularly reminds readers that the candidate incites violence and is a serial "
    "liar, rampant xenophobe and birther who has pledged to ban members of an entire religion from entering."
)


def corpus_of(texts: dict[str, str], outlets: dict[str, str], dates: dict[str, str] | None = None) -> pd.DataFrame:
    """A corpus frame: texts, outlets (default unknown), dates (None: no dates), no credits in the manifest."""
    ids = list(texts)
    return pd.DataFrame(
        {
            "text": [texts[s] for s in ids],
            "outlet": [outlets.get(s, "unknown") for s in ids],
            "published": [pd.Timestamp(dates[s]) if dates and s in dates else pd.NaT for s in ids],
            "credits": [()] * len(ids),
            "upstream_inferred": [""] * len(ids),
        },
        index=pd.Index(ids, name="source_id"),
    )


def chains_of(corpus: pd.DataFrame) -> pd.DataFrame:
    """The chains table of a corpus, by source id."""
    return chaining.chains(corpus, find_reuse(corpus).pairs).set_index("source_id")


A = story_text(1, ("Vantorel", "Quibra", "Lasmont"))
B = story_text(2, ("Orrenby", "Tesk", "Marvaud"))
C = story_text(3, ("Dunhollow", "Pirsk", "Elvane"))
D = story_text(4, ("Karsovy", "Bellunor", "Fendrake"))


def test_one_outlet_s_unrelated_stories_are_separate_reporting() -> None:
    corpus = corpus_of({"g1": A, "g2": B, "g3": C}, dict.fromkeys(("g1", "g2", "g3"), "Gazette"),
                       {"g1": "2016-09-01", "g2": "2016-09-02", "g3": "2016-09-03"})  # fmt: skip
    table = chains_of(corpus)
    assert table["chain"].nunique() == 3 and set(table["relation"]) == {chaining.OWN}
    assert set(table["outlet"]) == {"Gazette"} and table["story_id"].nunique() == 3
    assert all("separate reporting" in e for e in table["evidence"])


def test_one_outlet_s_updates_of_one_story_are_one_chain() -> None:
    more = story_text(11, ("Vantorel", "Quibra", "Lasmont"), sentences=3)
    corpus = corpus_of({"v1": A, "v2": A + " " + more, "v3": A + " " + more + " " + story_text(12, ("Quibra",), 2),
                        "other": B}, dict.fromkeys(("v1", "v2", "v3", "other"), "Gazette"),
                       {"v1": "2016-09-01", "v2": "2016-09-02", "v3": "2016-09-03", "other": "2016-09-02"})  # fmt: skip
    table = chains_of(corpus)
    assert table.loc[["v1", "v2", "v3"], "chain"].nunique() == 1
    assert table.loc[["v1", "v2", "v3"], "relation"].tolist() == [chaining.OWN, chaining.CHAIN_UPDATE,
                                                                   chaining.CHAIN_UPDATE]  # fmt: skip
    assert table.at["other", "chain"] != table.at["v1", "chain"]
    assert table.loc[["v1", "v2", "v3"], "story_id"].nunique() == 1


def test_a_wire_story_syndicated_by_three_sites_is_one_chain_named_after_the_agency() -> None:
    wire = "WASHINGTON (AP) — " + A
    corpus = corpus_of({"s1": wire + " Share this.", "s2": "Top story. " + wire, "s3": wire, "x": B},
                       {"s1": "Site One", "s2": "Site Two", "s3": "Site Three", "x": "Site One"},
                       dict.fromkeys(("s1", "s2", "s3", "x"), "2016-09-01"))  # fmt: skip
    table = chains_of(corpus)
    assert set(table.loc[["s1", "s2", "s3"], "chain"]) == {"AP"}
    assert table.at["x", "chain"] != "AP" and table.at["x", "relation"] == chaining.OWN


def test_an_editor_s_note_on_every_story_joins_nothing_and_is_listed() -> None:
    ids = ("h1", "h2", "h3", "h4")
    texts = dict(zip(ids, (A, B, C, D), strict=True))
    corpus = corpus_of({s: NOTE + "\n\n" + t for s, t in texts.items()}, dict.fromkeys(ids, "HuffPost"),
                       {s: f"2016-09-0{i + 1}" for i, s in enumerate(ids)})  # fmt: skip
    house = house_text(corpus)
    assert sorted(house.boilerplate["source_id"]) == list(ids)
    assert house.boilerplate["text"].str.startswith("Editor's note").all()
    assert house.stories["story_id"].nunique() == 4
    found = find_reuse(corpus)
    assert (found.pairs["relation"].fillna("") == "").all() and found.passages.empty
    assert chains_of(corpus)["chain"].nunique() == 4


def test_the_same_agency_credited_on_different_stories_is_two_chains() -> None:
    corpus = corpus_of({"p1": "LONDON (AP) — " + A, "p2": "PARIS (AP) — " + B}, {"p1": "Paper", "p2": "Paper"},
                       {"p1": "2016-09-01", "p2": "2016-09-02"})  # fmt: skip
    corpus["credits"] = [("AP",), ("AP",)]
    table = chains_of(corpus)
    assert table.at["p1", "chain"] != table.at["p2", "chain"]
    assert table["chain"].str.startswith("AP").all()


def test_a_blend_of_an_ap_and_an_afp_story_never_merges_the_two_families() -> None:
    ap, afp = A + " " + story_text(21, ("Vantorel",), 6), C + " " + story_text(22, ("Dunhollow",), 6)
    blend = A + " " + C
    day1, day2 = "2016-09-01", "2016-09-02"
    corpus = corpus_of({"ap": ap, "afp": afp, "blend": blend, "ap-copy": ap},
                       {"ap": "AP", "afp": "AFP", "blend": "Blog", "ap-copy": "Mirror"},
                       {"ap": day1, "afp": day1, "blend": day2, "ap-copy": day2})  # fmt: skip
    table = chains_of(corpus)
    assert table.at["ap", "chain"] != table.at["afp", "chain"]
    assert table.at["blend", "chain"] in {table.at["ap", "chain"], table.at["afp", "chain"]}
    assert "blends the two" in table.at["blend", "evidence"]
    assert table.at["ap-copy", "chain"] == table.at["ap", "chain"]


def test_a_rewrite_s_unsourced_detail_is_added_and_counts_as_the_rewriter_s_own() -> None:
    detail = "The minister is reportedly undergoing treatment abroad."
    corpus = corpus_of({"up": A, "rw": A + " " + detail, "ind": B + " " + detail},
                       {"up": "Wire", "rw": "Rewriter", "ind": "Other"},
                       {"up": "2016-09-01", "rw": "2016-09-02", "ind": "2016-09-02"})  # fmt: skip
    found = find_reuse(corpus)
    table = chaining.chains(corpus, found.pairs)
    start = A.index("The ", 40)
    quote = A[start : A.index(".", start) + 1]
    evidence = pd.DataFrame(
        [
            ("K1", "up", quote, "asserts", start, start + len(quote)),
            ("K1", "rw", quote, "asserts", start, start + len(quote)),
            ("K2", "rw", detail, "hedges", len(A) + 1, len(A) + 1 + len(detail)),
            ("K2", "ind", detail, "hedges", len(B) + 1, len(B) + 1 + len(detail)),
        ],
        columns=["claim_id", "source_id", "quote", "stance", "start", "end"],
    )
    claims = pd.DataFrame({"topic": ["t", "t"], "statement": ["copied", "added"]}, index=pd.Index(["K1", "K2"]))
    codings = Codings(claims, evidence, pd.DataFrame(), ("up", "rw", "ind"))
    prov = claim_provenance(codings, corpus, table, found.pairs, found.passages).set_index(["claim_id", "source_id"])
    assert prov.at[("K1", "rw"), "provenance"] == "upstream" and prov.at[("K1", "rw"), "upstream_source_id"] == "up"
    assert prov.at[("K1", "up"), "provenance"] == "own"
    assert prov.at[("K2", "rw"), "provenance"] == "added" and prov.at[("K2", "rw"), "counts_as"] == "Rewriter"
    counted = corroboration(codings, chaining.chain_of(table), prov.reset_index())
    assert counted.at["K1", "chains"] == 1  # the rewrite repeats its upstream: one piece of reporting
    assert counted.at["K2", "chains"] == 2  # the rewriter's own addition is not the wire's


def test_a_read_link_line_is_no_telling() -> None:
    text = A + "\n\nRead: Minister flees after the vote\n\n" + B
    corpus = corpus_of({"page": text}, {})
    start = text.index("Minister flees")
    evidence = pd.DataFrame([("K1", "page", "Minister flees after the vote", "asserts", start, start + 29)],
                            columns=["claim_id", "source_id", "quote", "stance", "start", "end"])  # fmt: skip
    codings = Codings(pd.DataFrame({"topic": ["t"], "statement": ["s"]}, index=["K1"]), evidence, pd.DataFrame(),
                      ("page",))  # fmt: skip
    found = find_reuse(corpus)
    table = chaining.chains(corpus, found.pairs)
    prov = claim_provenance(codings, corpus, table, found.pairs, found.passages)
    assert prov["provenance"].tolist() == ["link"]
    assert corroboration(codings, chaining.chain_of(table), prov).at["K1", "articles"] == 0


# ---- credits read from the text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "outlet", "expected"),
    [
        ("WASHINGTON (AP) — The Latest on the race.", "Breitbart", ["AP"]),
        ("The minister resigned.\n\n— AFP\n", "", ["AFP"]),
        ("The minister resigned, Reuters reported on Friday.", "", ["Reuters"]),
        ("NAIROBI, Kenya (AP) -- The toll rose.", "Associated Press", []),  # its own dateline
        ("The minister resigned, according to the paper.", "", []),
    ],
)
def test_credits_are_read_from_dateline_sign_off_and_teller(text: str, outlet: str, expected: list[str]) -> None:
    assert [name for name, _ in credits_in_text(text, outlet)] == expected


def test_add_s_credit_reading_and_validate_s_warning() -> None:
    credits, note = read_credits("WASHINGTON (AP) — The Latest.", "Breitbart")
    assert credits == "AP" and "read from the text" in note and "dateline (AP)" in note
    corpus = corpus_of({"b": "WASHINGTON (AP) — The Latest."}, {"b": "Breitbart"})
    warnings = credit_warnings(corpus)
    assert len(warnings) == 1 and warnings[0].warning and "credits AP" in warnings[0].message
    corpus["credits"] = [("Associated Press",)]
    assert credit_warnings(corpus) == []


# ---- bad input: sensible stories and chains, no traceback ------------------------------------


def test_one_article() -> None:
    table = chains_of(corpus_of({"only": A}, {"only": "Gazette"}, {"only": "2016-09-01"}))
    assert table["relation"].tolist() == [chaining.OWN] and table["story_id"].tolist() == ["S1"]


def test_every_article_from_one_outlet_and_no_dates() -> None:
    corpus = corpus_of({"a": A, "b": B, "c": A + " " + story_text(31, ("Quibra",), 3)}, dict.fromkeys("abc", "Gazette"))
    table = chains_of(corpus)
    assert table.at["a", "chain"] == table.at["c", "chain"] != table.at["b", "chain"]
    assert set(table["outlet"]) == {"Gazette"}


def test_three_hundred_near_duplicate_copies_of_one_wire_story() -> None:
    wire = "WASHINGTON (AP) — " + story_text(41, ("Vantorel", "Quibra"), sentences=4)
    texts = {f"copy-{i}": wire + f" Posted by site {i}." for i in range(300)}
    corpus = corpus_of(texts, {s: f"Site {i}" for i, s in enumerate(texts)})
    house = house_text(corpus)
    assert house.stories["story_id"].nunique() == 1 and house.boilerplate.empty
    table = chaining.chains(corpus, find_reuse(corpus).pairs, house.stories)
    assert set(table["chain"]) == {"AP"}


def test_add_records_the_dateline_credit_with_a_note(tmp_path) -> None:
    from helpers.corpus.authoring import add_article, new_corpus

    new_corpus(tmp_path / "c")
    story = tmp_path / "story.txt"
    story.write_text("Headline.\n\nWASHINGTON (AP) — " + A + "\n", encoding="utf-8")
    row = add_article(tmp_path / "c", story, outlet="Breitbart", published="2016-09-30")
    assert row["credits"] == "AP" and "Credits read from the text: AP from the dateline (AP)." in row["notes"]
    given = add_article(tmp_path / "c", _copy(story, tmp_path / "again.txt", " More."), outlet="Breitbart",
                        published="2016-09-30", credits="Associated Press")  # fmt: skip
    assert given["credits"] == "Associated Press" and "read from the text" not in given["notes"]


def _copy(src, dst, extra: str):
    """``src`` copied to ``dst`` with ``extra`` appended (a different text, so ``add`` takes it)."""
    dst.write_text(src.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return dst


def test_background_facts_credited_to_one_agency_join_nothing() -> None:
    # one story (same names), both credit AP for its figures, no dateline and no shared passage
    a = story_text(51, ("Vantorel", "Quibra", "Lasmont")) + " The figures come from AP."
    b = story_text(52, ("Vantorel", "Quibra", "Lasmont")) + " AP supplied the toll."
    corpus = corpus_of({"a": a, "b": b}, {"a": "Paper One", "b": "Paper Two"}, {"a": "2016-09-01", "b": "2016-09-01"})
    corpus["credits"] = [("AP",), ("AP",)]
    table = chains_of(corpus)
    assert table["story_id"].nunique() == 1
    assert table.at["a", "chain"] != table.at["b", "chain"]
