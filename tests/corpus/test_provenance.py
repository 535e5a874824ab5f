"""Source kinds and publication timing, computed from text and manifest."""

from __future__ import annotations

import pandas as pd

from helpers.corpus.provenance import (
    KIND_CREDITED,
    KIND_ORIGINAL,
    KIND_UNCLEAR,
    KIND_UNCREDITED,
    outlet_names,
    overview,
    reporting_voice,
    source_kinds,
    timing_table,
)


def test_outlet_names() -> None:
    assert outlet_names("Financial Times") == ("Financial Times", "FT")
    assert outlet_names("Reuters") == ("Reuters",)
    assert outlet_names("unknown") == ()


def test_reporting_voice_either_order_and_not_a_bare_mention() -> None:
    assert reporting_voice("as two officials told Reuters on Monday", ("Reuters",)) == ["told Reuters"]
    assert reporting_voice("The FT has not been able to verify it.", ("FT",)) == ["FT has not been able"]
    assert reporting_voice("Reuters is a news agency based in London.", ("Reuters",)) == []
    assert reporting_voice("anything", ()) == []


def frame(**cols: list) -> pd.DataFrame:
    return pd.DataFrame(cols, index=pd.Index([f"a{i}" for i in range(len(cols["text"]))], name="source_id"))


def test_kinds_follow_credits_voice_and_inferred_upstream() -> None:
    corpus = frame(
        text=["Officials spoke to Reuters.", "The Financial Times pieced together...", "Plain text.", "Plain."],
        outlet=["X", "Financial Times", "unknown", "unknown"],
        credits=[("Reuters",), (), (), ()],
        upstream_inferred=["", "", "AFP", ""],
    )
    kinds = source_kinds(corpus)["kind"].tolist()
    assert kinds == [KIND_CREDITED, KIND_ORIGINAL, KIND_UNCREDITED, KIND_UNCLEAR]


def test_real_corpus_kinds(corpus: pd.DataFrame) -> None:
    kinds = source_kinds(corpus)
    assert kinds.loc["ft", "kind"] == KIND_ORIGINAL
    credited = kinds.index[kinds["kind"] == KIND_CREDITED]
    assert set(credited) == set(corpus.index[corpus["credits"].map(lambda c: "Reuters" in c)])
    assert kinds.loc["defence-talks", "credited_voice"] >= 3


def test_timing_table_sorted_with_lag(corpus: pd.DataFrame) -> None:
    table = timing_table(corpus, event_end="2024-12-08")
    assert table["published"].is_monotonic_increasing
    assert (table["days_after"] == (table["published"] - pd.Timestamp("2024-12-08")).dt.days).all()
    assert table["inferred"].dtype == bool


def test_overview_has_a_row_per_article(corpus: pd.DataFrame) -> None:
    table = overview(corpus)
    assert list(table.index) == list(corpus.index)
    assert set(table["date basis"]) <= {"stated", "inferred"}


def test_outlet_names_include_the_agency_s_other_names() -> None:
    assert {"Associated Press", "AP"} <= set(outlet_names("Associated Press"))
    assert "Xinhua" in outlet_names("Xinhua News Agency")


def test_a_dateline_naming_the_outlet_is_own_reporting_and_another_agency_a_credit() -> None:
    corpus = frame(
        text=[
            "NAIROBI, Kenya (AP) -- A bomb exploded near the embassy.",
            "Nairobi, August 7 (Xinhua) -- A huge blast rocked the city.",
            "Blast in Nairobi\n\nNAIROBI, Kenya (AP) -- A bomb exploded near the embassy.",
            "NAIROBI, Kenya, Aug. 7 — Our correspondent saw the ruins.",
            "NAIROBI, Kenya, Aug. 7 — A page with no known outlet.",
        ],
        outlet=["Associated Press", "Xinhua News Agency", "Daily Nation", "Daily Nation", "unknown"],
        credits=[(), (), (), (), ()],
        upstream_inferred=["", "", "", "", ""],
    )
    kinds = source_kinds(corpus)
    assert kinds["kind"].tolist() == [KIND_ORIGINAL, KIND_ORIGINAL, KIND_CREDITED, KIND_ORIGINAL, KIND_UNCLEAR]
    assert "names its own outlet" in kinds.at["a0", "evidence"]
    assert "names AP" in kinds.at["a2", "evidence"]
    assert "staff dateline" in kinds.at["a3", "evidence"]


def test_the_wire_corpus_reads_as_own_reporting_not_unclear(wire_corpus: pd.DataFrame) -> None:
    kinds = source_kinds(wire_corpus)["kind"]
    assert set(kinds[["ap-1", "ap-2", "ap-3", "xinhua-1", "xinhua-2", "meridian-3"]]) == {KIND_ORIGINAL}
    assert kinds["meridian-2"] == KIND_CREDITED
