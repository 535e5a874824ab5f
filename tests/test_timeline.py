"""Tests of the dated-events tables, chart data, conflicts, TimelineJS export and the filter."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers import timeline as TL
from helpers.claims import Codings


def make_corpus(texts: dict[str, str], published: str = "2024-12-13", credits: tuple[str, ...] = ()) -> pd.DataFrame:
    """A corpus frame shaped like :func:`helpers.corpus.load_corpus` for the given texts."""
    rows = [
        {"source_id": sid, "text": text, "published": pd.Timestamp(published), "outlet": f"Outlet {sid}",
         "credits": credits, "upstream_inferred": ""}
        for sid, text in texts.items()
    ]  # fmt: skip
    return pd.DataFrame(rows).set_index("source_id")


def make_outside(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """An outside table (date, time_local, event, outlet) with parsed spans, as :func:`read_outside` gives."""
    table = pd.DataFrame(
        [{"date": d, "time_local": t, "event": e, "kind": "diplomacy", "cited_outlet": o, "title": "", "address": "",
          "confidence": "high"} for d, t, e, o in rows],
        columns=list(TL.OUTSIDE_COLUMNS),
    )  # fmt: skip
    spans = [TL.outside_span(d, t) for d, t in zip(table["date"], table["time_local"], strict=True)]
    table["start"] = [s for s, _ in spans]
    table["end"] = [e for _, e in spans]
    return table


TEXTS = {
    "a": (
        "Assad travelled to Moscow on November 28, just a day after rebels launched an offensive in Aleppo.\n"
        "Four days following that trip, on December 2, Iranian Foreign Minister Abbas Araqchi met Assad in Damascus.\n"
        "Rebels took Daraa on December 6. Jalali called him on Saturday night at 10:30 PM. "
        "Assad replied: “Tomorrow, we will see.”\n"
        "On Sunday, December 8, Assad departed from Damascus by plane to the Hmeimim airbase."
    ),
    "b": (
        "Assad climbed into an armoured vehicle and drove away from Damascus.\n"
        "By midnight on December 7, Assad was on his way to the Hmeimim airbase by road.\n"
        "He told reporters at 11pm on December 7 that <all> was fine."
    ),
}


@pytest.fixture(scope="module")
def toy() -> tuple[pd.DataFrame, pd.DataFrame]:
    corpus = make_corpus(TEXTS, credits=("Reuters",))
    return corpus, TL.events(corpus)


# --- reading the outside table -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("time_local", "start", "end"),
    [
        ("dawn (06:15 per SANA)", "2024-12-08T06:15", "2024-12-08T06:15"),
        ("early hours", "2024-12-08T00:00", "2024-12-08T06:00"),
        ("evening (Moscow)", "2024-12-08T18:00", "2024-12-08T22:00"),
        ("", "2024-12-08T00:00", "2024-12-09T00:00"),
    ],
)
def test_outside_span(time_local: str, start: str, end: str) -> None:
    assert TL.outside_span("2024-12-08", time_local) == (pd.Timestamp(start), pd.Timestamp(end))


def test_read_outside_from_the_repository() -> None:
    table = TL.read_outside()
    assert {"date", "event", "cited_outlet", "start", "end"} <= set(table.columns)
    assert (table["end"] >= table["start"]).all()


# --- events ------------------------------------------------------------------------------------
def test_events_leave_out_quoted_dates_and_keep_clauses(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    assert "Tomorrow" not in set(ev["mention"])
    row = ev[ev["mention"] == "December 2"].iloc[0]
    assert "Araqchi met Assad in Damascus" in row["clause"]
    assert list(ev.columns) == list(TL.EVENT_COLUMNS)


def test_a_relative_phrase_dates_its_complement_by_implication(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    implied = ev[ev["implied"]]
    assert list(implied["date"]) == ["2024-11-27"]
    assert "rebels launched an offensive" in implied.iloc[0]["clause"]


def test_one_event_per_sentence_and_date_keeps_the_explicit_mention(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    dec2 = ev[(ev["source_id"] == "a") & (ev["date"] == "2024-12-02")]
    assert list(dec2["mention"]) == ["December 2"]


def test_by_midnight_is_an_upper_bound(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    row = ev[ev["mention"].str.contains("midnight")].iloc[0]
    assert row["bound"] == "by"
    assert TL._label(row) == "by 2024-12-08T00:00"


def test_join_claims_and_events_by_claim(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    corpus, ev = toy
    text = corpus.loc["a", "text"]
    quote = "On Sunday, December 8, Assad departed from Damascus"
    start = text.index(quote)
    evidence = pd.DataFrame([{"claim_id": "C1", "source_id": "a", "start": start, "end": start + len(quote)}])
    claims = pd.DataFrame(
        {"topic": ["departure"], "statement": ["left on 8 Dec"], "when": ["2024-12-08"]}, index=["C1"]
    )
    joined = TL.join_claims(ev, evidence, claims)
    hit = joined[joined["claim_ids"] == "C1"]
    assert list(hit["mention"]) == ["Sunday, December 8"] and list(hit["topics"]) == ["departure"]
    table = TL.events_by_claim(joined, claims)
    assert table.loc[0, "a"] == "Sunday, December 8 → 2024-12-08"
    agreement = TL.when_agreement(joined, claims)
    assert agreement["agrees"].all()


def test_wording_by_date(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    table = TL.wording_by_date(ev)
    assert "Sunday, December 8" in table.loc["2024-12-08", "a"]
    assert table.loc["2024-12-07", "b"].startswith("11pm on December 7") or "11pm" in table.loc["2024-12-07", "b"]


# --- links and conflicts -----------------------------------------------------------------------
def test_outside_link_matches_spelling_variants_and_flags_the_named_dating(
    toy: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    corpus, ev = toy
    outside = make_outside(
        [("2024-12-01", "evening", "Iranian foreign minister Abbas Araghchi meets Assad (Reuters says 2 Dec)", "IRNA")]
    )
    links = TL.link_outside(ev, outside, TL.outlet_credits(corpus))
    row = links[links["mention"] == "December 2"].iloc[0]
    assert "araqchi~araghchi" in row["shared_words"]
    assert row["names_this_date"] and row["days_apart"] == 1
    conflicts = TL.dating_conflicts(ev, outside, TL.outlet_credits(corpus))
    hit = conflicts[conflicts["kind"] == "corpus vs outside"]
    assert list(hit["a_dates"]) == ["2024-12-02"] and list(hit["b_dates"]) == ["2024-12-01"]
    assert "the outside row itself names this dating" in hit.iloc[0]["reasoning"]


def test_outside_row_naming_a_date_without_the_articles_outlet_is_not_a_cross_reference(
    toy: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    corpus, ev = toy
    outside = make_outside([("2024-12-01", "", "A forum in Doha opens (1-2 Dec) with Araghchi", "A News")])
    links = TL.link_outside(ev, outside, TL.outlet_credits(corpus), min_score=0.99)
    assert links.empty


def test_article_conflict_when_times_do_not_overlap(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    rows = TL._article_conflicts(ev, min_score=0.1)
    pairs = {(r["a_dates"], r["b_dates"]) for r in rows}
    assert ("2024-12-08", "by 2024-12-08T00:00") in pairs  # Sunday vs 'by midnight': disjoint


def test_coded_slot_conflicts(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    corpus, ev = toy
    spans = {}
    for sid, quote in (("a", "On Sunday, December 8, Assad departed"), ("b", "By midnight on December 7, Assad was")):
        start = corpus.loc[sid, "text"].index(quote)
        spans[sid] = (start, start + len(quote), quote)
    codings = Codings(
        claims=pd.DataFrame(
            {"topic": ["departure"] * 2, "statement": ["Sunday", "Saturday"], "when": ["2024-12-08", "2024-12-07"],
             "slot": ["t", "t"]}, index=["C1", "C2"]),
        evidence=pd.DataFrame(
            [{"claim_id": c, "source_id": s, "start": spans[s][0], "end": spans[s][1], "quote": spans[s][2],
              "stance": "asserts"} for c, s in (("C1", "a"), ("C2", "b"))]),
        slots=pd.DataFrame({"question": ["When?"], "kind": ["when"], "reasoning": [""]}, index=["t"]),
        coded_sources=("a", "b"),
    )  # fmt: skip
    datings = TL.slot_datings(ev, codings)
    assert list(datings["dates"]) == ["2024-12-08", "by 2024-12-08T00:00"]
    conflicts = TL.dating_conflicts(ev, make_outside([]), codings=codings)
    coded = conflicts[conflicts["kind"] == "coded slot"]
    assert len(coded) == 1 and "backs C1" in coded.iloc[0]["reasoning"]


def test_real_corpus_finds_the_araghchi_dating_conflict(corpus: pd.DataFrame) -> None:
    conflicts = TL.dating_conflicts(TL.events(corpus), TL.read_outside(), TL.outlet_credits(corpus))
    outside = conflicts[conflicts["kind"] == "corpus vs outside"]
    assert ((outside["a_dates"] == "2024-12-02") & (outside["b_dates"] == "2024-12-01")).any()


# --- chart data --------------------------------------------------------------------------------
def test_day_lanes_put_the_outside_rows_in_a_labelled_lane(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    outside = make_outside([("2024-11-27", "dawn", "Offensive launched", "X"), ("2025-01-01", "", "Later", "Y")])
    lanes = TL.day_lanes(ev, outside, sources=["a", "b"])
    assert list(dict.fromkeys(lanes["lane"])) == ["a", "b", TL.OUTSIDE_LABEL]
    assert list(lanes[lanes["outside"]]["label"]) == ["Offensive launched"]  # 2025 is outside the window
    assert lanes["outside"].eq(lanes["lane"] == TL.OUTSIDE_LABEL).all()
    fig = TL.day_chart(lanes, ["a", "b"])
    assert isinstance(fig, Figure)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(TL.OUTSIDE_LABEL in label for label in labels)


def test_night_lanes_keep_times_and_ranges_in_the_window(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    outside = make_outside([("2024-12-08", "early hours", "Homs falls", "W"), ("2024-12-08", "", "All day", "W")])
    lanes = TL.night_lanes(ev, outside, sources=["a", "b"])
    assert (lanes["start"] >= pd.Timestamp(TL.NIGHT_START)).all() and (lanes["end"] <= pd.Timestamp(TL.NIGHT_END)).all()
    a = lanes[lanes["lane"] == "a"]
    assert list(a["label"]) == ["Saturday night at 10:30 PM"] and not a["range"].any()
    by = lanes[lanes["label"].str.startswith("by ")]
    assert by["range"].all()  # 'by midnight' is drawn as a range
    assert list(lanes[lanes["outside"]]["label"]) == ["Homs falls"]
    assert isinstance(TL.night_chart(lanes, ["a", "b"]), Figure)


# --- export and filter -------------------------------------------------------------------------
def test_timelinejs_export_has_the_required_fields(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    doc = TL.to_timelinejs(ev)
    json.dumps(doc)  # serialisable
    assert doc["events"], "no events exported"
    for item in doc["events"]:
        assert isinstance(item["start_date"]["year"], int)
        assert item["text"]["headline"] and item["text"]["text"]
        assert item["group"] in {"a", "b"}
        if "end_date" in item:
            assert item["end_date"]["year"] >= item["start_date"]["year"]
    assert {item["group"] for item in doc["events"]} == {"a", "b"}
    assert any("&lt;all&gt;" in item["text"]["text"] for item in doc["events"])  # escaped
    minute = next(i for i in doc["events"] if i["text"]["headline"].endswith("10:30 PM"))
    assert (minute["start_date"]["hour"], minute["start_date"]["minute"]) == (22, 30)


def test_filter_and_html(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    ev = ev.assign(topics=["departure" if "Damascus" in s else "" for s in ev["sentence"]])
    only_b = TL.filter_events(ev, source_id="b")
    assert set(only_b["source_id"]) == {"b"}
    dated = TL.filter_events(ev, date_from="2024-12-08", date_to="2024-12-08")
    assert set(dated["date"]) <= {"2024-12-08"} or (dated["date_end"] >= "2024-12-08").all()
    assert set(TL.filter_events(ev, topic="departure")["topics"]) == {"departure"}
    page = TL.events_html(only_b)
    assert "&lt;all&gt;" in page and "<all>" not in page and "<mark>" in page
    assert TL.events_html(ev.iloc[0:0]) == "<p>No dated events match.</p>"


def test_event_filter_widget_updates_its_html(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, ev = toy
    box = TL.event_filter(ev.assign(topics=""))
    controls, out = box.children
    article = controls.children[0]
    article.value = "b"
    assert ">a<" not in out.value and ">b<" in out.value


def test_tables(corpus_copy) -> None:
    import shutil

    from helpers import config

    shutil.copytree(config.DEFAULT_CORPUS_DIR / config.REFERENCE_DIRNAME, corpus_copy / config.REFERENCE_DIRNAME)
    tables = TL.tables(corpus_copy)
    assert set(tables) == {"temporal_mentions.csv", "events.csv"}
    assert list(tables["temporal_mentions.csv"].columns) == [
        "source_id", "start", "end", "text", "type", "value", "value_end", "granularity", "anchor", "anchor_value"
    ]  # fmt: skip
    assert {"claim_ids", "topics"} <= set(tables["events.csv"].columns)
