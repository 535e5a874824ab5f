"""Suggested claim codings: found when held out, general beyond the shipped corpus, anchored, and the CLI contract."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import cli, config
from helpers.claims import held_out
from helpers.claims import suggest as sg
from helpers.claims.coding import (
    ATTRIBUTION_KINDS,
    CLAIM_COLUMNS,
    CLAIM_OPTIONAL,
    EVIDENCE_COLUMNS,
    EVIDENCE_OPTIONAL,
    SLOT_COLUMNS,
    STANCES,
)
from helpers.core.text import sentence_spans, word_break
from helpers.corpus.load import load_corpus
from helpers.sourcing import find_attributions, find_hedges
from tests.conftest import make_corpus, write_csv

# --------------------------------------------------------------------------------------------
# A fictional second corpus: a bridge closure in an invented town (3 articles, 3 claims)
# --------------------------------------------------------------------------------------------

BRIDGE_ARTICLES = {
    "gazette": (
        "The Harbour Bridge in Velmora closed on Monday for urgent repairs. "
        "Engineers found cracks in the main span, the city council said. "
        "Traffic was diverted through the old town."
    ),
    "courier": (
        "Velmora's Harbour Bridge was shut on Monday so that urgent repairs could begin.\n"
        "Mayor Ana Ruiz said the repairs would cost 2 million euros."
    ),
    "herald": (
        "Cracks were found by engineers in the main span of the bridge, according to Mayor Ana Ruiz. "
        "The Harbour Bridge closed on Monday for urgent repairs, and ferries will run instead. "
        "A local bakery reopened after the summer."
    ),
}
BRIDGE_CLAIMS = [
    {"claim_id": "C001", "topic": "background", "statement": "The Harbour Bridge closed on Monday for repairs"},
    {"claim_id": "C002", "topic": "background", "statement": "The repairs will cost 2 million euros"},
    {"claim_id": "C003", "topic": "background", "statement": "Engineers found cracks in the bridge's main span"},
]
BRIDGE_EVIDENCE = [
    {
        "claim_id": "C001",
        "source_id": "gazette",
        "quote": "The Harbour Bridge in Velmora closed on Monday for urgent repairs.",
        "stance": "asserts",
        "attribution_kind": "none",
    },
    {
        "claim_id": "C003",
        "source_id": "gazette",
        "quote": "Engineers found cracks in the main span, the city council said.",
        "stance": "attributes",
        "attributed_to": "the city council",
        "attribution_kind": "named",
    },
    {
        "claim_id": "C001",
        "source_id": "courier",
        "quote": "Velmora's Harbour Bridge was shut on Monday so that urgent repairs could begin.",
        "stance": "asserts",
        "attribution_kind": "none",
    },
    {
        "claim_id": "C002",
        "source_id": "courier",
        "quote": "Mayor Ana Ruiz said the repairs would cost 2 million euros.",
        "stance": "attributes",
        "attributed_to": "Mayor Ana Ruiz",
        "attribution_kind": "named",
    },
]
BRIDGE_ALIASES = [
    {"alias": "Ana Ruiz", "entity": "Ana Ruiz", "entity_type": "person"},
    {"alias": "Ruiz", "entity": "Ana Ruiz", "entity_type": "person"},
    {"alias": "Harbour Bridge", "entity": "Harbour Bridge", "entity_type": "place"},
    {"alias": "Velmora", "entity": "Velmora", "entity_type": "place"},
]


def bridge_corpus(root: Path, *, coded: bool = True) -> Path:
    """The fictional corpus on disk; ``coded=False`` leaves out the codebook entirely."""
    make_corpus(root, BRIDGE_ARTICLES)
    if coded:
        write_csv(root / config.CLAIMS_NAME, BRIDGE_CLAIMS, [*CLAIM_COLUMNS, *CLAIM_OPTIONAL])
        write_csv(root / config.EVIDENCE_NAME, BRIDGE_EVIDENCE, [*EVIDENCE_COLUMNS, *EVIDENCE_OPTIONAL])
        write_csv(root / config.SLOTS_NAME, [], list(SLOT_COLUMNS))
        write_csv(root / config.ALIASES_NAME, BRIDGE_ALIASES, ["alias", "entity", "entity_type"])
    return root


@pytest.fixture
def bridge(tmp_path: Path):
    return load_corpus(bridge_corpus(tmp_path / "bridge"))


def test_uncoded_article_of_a_second_corpus_gets_its_claims(bridge) -> None:
    got = sg.suggest(bridge, "herald")
    claims = got[got["suggestion"] == "codebook claim"].set_index("claim_id")
    text = bridge.at["herald", "text"]
    assert set(claims.index) == {"C001", "C003"}  # the cost (C002) is not in this article: no suggestion
    assert claims.at["C003", "quote"].startswith("Cracks were found")
    assert claims.at["C003", "stance"] == "attributes"
    assert claims.at["C003", "attribution_kind"] == "named"
    assert claims.at["C001", "quote"].startswith("The Harbour Bridge closed")
    assert claims.at["C001", "stance"] == "asserts"
    assert not got["already_coded"].any()
    assert "bakery" not in " ".join(got["quote"])  # no number, date, name or source: not a checkable claim
    for row in got.itertuples():
        assert text[row.start : row.end] == row.quote


def test_an_article_never_suggests_from_its_own_quotes(bridge) -> None:
    got = sg.suggest(bridge, "courier")
    assert not got["matched_by"].str.contains("quote from courier").any()
    assert got.loc[got["claim_id"] == "C001", "already_coded"].all()


def test_a_corpus_without_claims_says_so_in_one_line(tmp_path: Path, capsys) -> None:
    root = bridge_corpus(tmp_path / "bare", coded=False)
    with pytest.raises(sg.NoCodebookError) as info:
        sg.suggest(load_corpus(root), "herald")
    assert "claims.csv" in str(info.value.problems[0])
    assert cli.main(["suggest", str(root), "herald", "--out", str(tmp_path / "out.csv")]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "no codebook yet" in out[0]
    assert not (tmp_path / "out.csv").exists()


def test_stance_follows_the_detectors() -> None:
    text = "Officials denied the dam failed. The dam reportedly failed. Water rose, Mayor Ana Ruiz said. It rained."
    attrs = find_attributions(text)
    hedges = find_hedges(text)
    spans = sentence_spans(text)
    got = [sg.propose_stance(s, e, text, attrs, hedges)[:2] for s, e in spans]
    assert got == [("denies", "anonymous"), ("hedges", "none"), ("attributes", "named"), ("asserts", "none")]


# --------------------------------------------------------------------------------------------
# Anchoring: every suggestion is a verbatim, word-bounded slice of the text as stored
# --------------------------------------------------------------------------------------------

_PIECES = [
    "The Harbour Bridge closed on Monday for repairs.",
    "Engineers found cracks in the main span, the council said.",
    "“The repairs will cost 2 million euros,” Ruiz said.",
    "Ferries will run instead.",
    "In Velmora, the old town was full of cars on Tuesday.",
    "cracks cracks span",
    "Bridge.Closed",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pieces=st.lists(st.sampled_from(_PIECES) | st.text(min_size=0, max_size=30), min_size=1, max_size=8),
    seps=st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \r\n"]), min_size=8, max_size=8),
)
def test_every_suggestion_is_anchored(bridge, pieces: list[str], seps: list[str]) -> None:
    text = "".join(p + seps[i] for i, p in enumerate(pieces))
    book = sg.read_codebook(bridge)
    got = sg.suggest_text(text, "x", book, threshold=0.0)
    for row in got.itertuples():
        assert text[row.start : row.end] == row.quote
        assert word_break(text, row.start, row.end) is None
        assert row.stance in STANCES and row.attribution_kind in ATTRIBUTION_KINDS


# --------------------------------------------------------------------------------------------
# The shipped corpus, and the command line
# --------------------------------------------------------------------------------------------


def test_a_known_coding_is_suggested_when_held_out(corpus) -> None:
    got = sg.suggest(corpus, "north-press").set_index("claim_id")
    coded = sg.read_codebook(corpus).evidence.set_index(["claim_id", "source_id"])
    start, end = coded.loc[("C061", "north-press"), ["start", "end"]]
    assert got.at["C061", "start"] < end and start < got.at["C061", "end"]  # Ehab's death: the same sentence
    assert got.at["C061", "stance"] == "hedges"  # "reportedly killed"
    assert not got["matched_by"].str.contains("quote from north-press").any()


def test_cli_writes_columns_in_order_best_first(tmp_path: Path, capsys) -> None:
    out = tmp_path / "deep" / "ft.csv"
    assert cli.main(["suggest", str(config.DEFAULT_CORPUS_DIR), "ft", "--out", str(out)]) == 0
    assert "codebook claims" in capsys.readouterr().out
    table = pd.read_csv(out, keep_default_na=False)
    required = ["claim_id", "source_id", "quote", "start", "end", "stance", "attribution_kind", "score"]
    assert list(table.columns[: len(required)]) == required
    assert list(table.columns) == list(sg.COLUMNS)
    claims = table[table["claim_id"] != ""]
    assert len(claims) > 10 and claims["score"].is_monotonic_decreasing
    assert (claims["score"] >= sg.THRESHOLD).all()
    first_new = (table["claim_id"] == "").idxmax() if (table["claim_id"] == "").any() else len(table)
    assert (table["claim_id"].iloc[:first_new] != "").all()  # codebook claims first, then new-claim proposals
    text = load_corpus(config.DEFAULT_CORPUS_DIR).at["ft", "text"]
    assert all(text[s:e] == q for s, e, q in zip(table["start"], table["end"], table["quote"], strict=True))


def test_cli_unknown_source_is_one_line_with_a_suggestion(tmp_path: Path, capsys) -> None:
    assert cli.main(["suggest", str(config.DEFAULT_CORPUS_DIR), "fft", "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "did you mean 'ft'" in err[0]


def test_accepted_suggestions_are_valid_evidence_rows(tmp_path: Path) -> None:
    root = bridge_corpus(tmp_path / "bridge")
    corpus = load_corpus(root)
    got = sg.suggest(corpus, "herald")
    accepted = [sg.evidence_row(r, corpus.at["herald", "text"]) for _, r in got[got["claim_id"] != ""].iterrows()]
    assert {r["attributed_to"] for r in accepted} == {"", "Mayor Ana Ruiz"}
    write_csv(root / config.EVIDENCE_NAME, BRIDGE_EVIDENCE + accepted, [*EVIDENCE_COLUMNS, *EVIDENCE_OPTIONAL])
    assert cli.main(["validate", str(root)]) == 0  # every accepted quote anchors, once, on word boundaries


def test_a_repeated_sentence_gets_its_occurrence() -> None:
    text = "The bridge closed. Ferries ran. The bridge closed."
    row = {"claim_id": "C001", "source_id": "x", "quote": "The bridge closed.", "start": 32, "end": 50}
    row |= {"stance": "asserts", "attribution_kind": "none", "score": 0.9}
    assert sg.evidence_row(row, text)["occurrence"] == "2"


def test_the_coding_workbench_runs_on_these_suggestions(bridge) -> None:
    from helpers.claims import views
    from helpers.claims.coding import read_codings

    bench = views.coding_workbench(
        bridge, read_codings(bridge), lambda sid: sg.suggest(bridge, sid), source_id="herald"
    )
    html = " ".join(getattr(w, "value", "") for w in bench.children if isinstance(getattr(w, "value", None), str))
    assert "<mark" in html and "Cracks were found" in html


def test_a_checkable_sentence_no_claim_tells_is_proposed_as_a_new_claim(bridge) -> None:
    text = (
        "The Harbour Bridge closed on Monday for urgent repairs. "
        "Mayor Ana Ruiz said on Friday that 40 workers would start the work at dawn. "
        "It was a grey and quiet morning in the little harbour town."
    )
    got = sg.suggest_text(text, "x", sg.read_codebook(bridge))
    new = got[got["suggestion"] == "new claim"]
    assert list(new["quote"]) == ["Mayor Ana Ruiz said on Friday that 40 workers would start the work at dawn."]
    assert new["claim_id"].iat[0] == "" and new["stance"].iat[0] == "attributes"
    assert new["matched_by"].iat[0] == "signals: number, date, name, attribution"
    assert got.loc[got["suggestion"] == "codebook claim", "claim_id"].tolist() == ["C001"]


def test_held_out_measure_counts_every_reference_coding_once() -> None:
    from helpers.claims import suggest as sg
    from helpers.corpus.load import load_corpus

    corpus = load_corpus()
    book = sg.read_codebook(corpus)
    cands = held_out.held_out_candidates(corpus, book)
    table = held_out.held_out_table(cands, sg.THRESHOLD)
    assert list(table.index) == [*corpus.index, "all"]
    assert table.at["all", "reference"] == len(book.evidence)
    assert table.at["all", "matched"] <= table.at["all", "suggested"]
    assert 0 <= table.at["all", "recall"] <= 1 and 0 <= table.at["all", "precision"] <= 1
    assert held_out.overlaps(0, 5, 4, 9) and not held_out.overlaps(0, 5, 5, 9)


def test_unseen_book_leaves_out_the_claims_only_the_article_tells() -> None:
    from helpers.claims import held_out

    book = sg.read_codebook(load_corpus())
    for sid in ("ft", "allies-fled"):
        unseen = held_out.unseen_book(book, sid)
        told = book.evidence.groupby("claim_id")["source_id"].agg(set)
        only_here = {cid for cid, s in told.items() if s == {sid}}
        assert only_here and not only_here & set(unseen.claims.index)
        assert set(unseen.evidence["claim_id"]) <= set(unseen.claims.index)
        assert len(unseen.claims) == len(book.claims) - len(only_here)


def test_a_sentence_keeps_only_claims_near_its_best(corpus) -> None:
    claims = sg.suggest(corpus, "ft", threshold=0.0, new_claims=False)  # without the rule, some fall 0.5 below
    best = claims.groupby("start")["score"].transform("max")
    assert (claims["score"] >= best - sg.SENTENCE_GAP).all()
