"""Claim codings: anchoring, validation with file and line, matrix, corroboration, disagreements."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.claims.coding import (
    CLAIM_COLUMNS,
    CLAIM_OPTIONAL,
    EVIDENCE_COLUMNS,
    EVIDENCE_OPTIONAL,
    SLOT_COLUMNS,
    claims_by_source,
    codings_summary,
    read_codings,
    validate_codings,
)
from helpers.claims.coding import annotation_tables as claims_tables
from helpers.claims.corroboration import corroboration, corroboration_summary
from helpers.claims.disagreements import disagreement_summary, disagreements, rewrite_changes
from helpers.claims.matrix import NOT_CODED, SILENT, article_totals, stance_matrix
from helpers.core.errors import InputError
from helpers.core.text import NormalisedText, closest_passage, find_quote, sentence_bounds, text_quote_selector
from helpers.corpus.load import load_corpus
from tests.claims.samples import ARTICLES, CHAINS, CLAIMS, EVIDENCE, build
from tests.conftest import make_corpus, write_csv


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in validate_codings(load_corpus(root))]


# --- anchoring ----------------------------------------------------------------------------


def test_find_quote_forgives_whitespace_only() -> None:
    text = "Assad left  by\nplane. Then"
    assert find_quote("Assad left by plane.", text) == (0, 21)
    assert find_quote("assad left by plane.", text) is None
    assert find_quote("Assad left by plane!", text) is None


@given(st.text(min_size=1, max_size=60), st.text(max_size=30), st.text(max_size=30))
def test_found_quote_slices_back_to_itself(quote: str, before: str, after: str) -> None:
    text = before + quote + after
    span = find_quote(quote, text)
    if quote.strip():
        assert span is not None
        assert " ".join(text[span[0] : span[1]].split()) == " ".join(quote.split())


def test_normalised_text_maps_back() -> None:
    norm = NormalisedText.of("a  b\n\nc")
    assert norm.text == "a b c"
    assert [norm.to_original[i] for i in range(len(norm.text))] == [0, 1, 3, 4, 6]


def test_selector_and_closest_passage() -> None:
    text = "x" * 40 + "the quote" + "y" * 40
    sel = text_quote_selector(text, 40, 49)
    assert sel == {"type": "TextQuoteSelector", "exact": "the quote", "prefix": "x" * 32, "suffix": "y" * 32}
    passage, score = closest_passage("Assad left by plain", "He said Assad left by plane at night.")
    assert "Assad left by plane" in passage and score > 80


def test_sentence_bounds() -> None:
    text = "First one. Second sentence here. Third."
    start = text.index("sentence")
    assert text[slice(*sentence_bounds(text, start, start + 8))] == "Second sentence here."


# --- validation ---------------------------------------------------------------------------


def test_valid_codings_are_anchored(tmp_path: Path) -> None:
    root = build(tmp_path)
    codings = read_codings(load_corpus(root))
    assert problems_of(root) == []
    ev = codings.evidence
    text = ARTICLES["wire-b"]
    row = ev[(ev["claim_id"] == "C001") & (ev["source_id"] == "wire-b")].iloc[0]
    assert text[row["start"] : row["end"]] == "Assad left  by\nplane."
    assert row["exact"] == "Assad left  by\nplane."
    assert codings.coded_sources == ("wire-a", "wire-b", "paper")
    assert list(claims_by_source(codings).columns) == [
        "claim_id",
        "source_id",
        "stance",
        "attribution_kind",
        "quote",
        "start",
        "end",
    ]


def test_quote_not_found_names_file_line_and_closest_passage(tmp_path: Path) -> None:
    bad = [dict(EVIDENCE[0], quote="Assad left by plain, two diplomats said."), *EVIDENCE[1:]]
    root = build(tmp_path, evidence=bad)
    (msg,) = problems_of(root)
    assert msg.startswith(f"{root / 'evidence.csv'}:2: quote not found in wire-a:")
    assert "closest passage" in msg and "Assad left by plane, two diplomats said." in msg


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"claim_id": "C009"}, "unknown claim_id 'C009' (did you mean 'C00"),
        ({"source_id": "wire-c"}, "unknown source_id 'wire-c' (did you mean 'wire-"),
        ({"stance": "assert"}, "unknown stance 'assert' (did you mean 'asserts'?)"),
        ({"attribution_kind": "anon"}, "unknown attribution_kind 'anon'"),
        ({"attributed_to": ""}, "attribution_kind 'anonymous' needs attributed_to"),
    ],
)
def test_bad_evidence_rows(tmp_path: Path, change: dict, expected: str) -> None:
    root = build(tmp_path, evidence=[dict(EVIDENCE[0], **change), *EVIDENCE[1:]])
    msgs = problems_of(root)
    assert any(m.startswith(f"{root / 'evidence.csv'}:2: {expected}") for m in msgs), msgs


def test_duplicate_pair(tmp_path: Path) -> None:
    root = build(tmp_path, evidence=[*EVIDENCE, EVIDENCE[1]])
    assert problems_of(root) == [f"{root / 'evidence.csv'}:10: duplicate coding of (C001, wire-b) (first on line 3)"]


def test_bad_claims(tmp_path: Path) -> None:
    claims = [dict(CLAIMS[0], topic="departures"), dict(CLAIMS[1], claim_id="C001"), *CLAIMS[2:]]
    root = build(tmp_path, claims=claims)
    (root / "event.toml").write_text('topics = ["departure", "family", "allies"]\n', encoding="utf-8")
    msgs = problems_of(root)
    allowed = "one of departure, family, allies: the settings' topics, event.toml"
    assert f"{root / 'claims.csv'}:2: unknown topic 'departures' (did you mean 'departure'?) ({allowed})" in msgs
    assert f"{root / 'claims.csv'}:3: duplicate claim_id 'C001' (first on line 2)" in msgs


def test_unknown_slot(tmp_path: Path) -> None:
    root = build(tmp_path, claims=[dict(CLAIMS[0], slot="how-lef"), *CLAIMS[1:]])
    assert f"{root / 'claims.csv'}:2: slot 'how-lef' is not in slots.csv (did you mean 'how-left'?)" in problems_of(
        root
    )


def test_read_codings_raises_with_every_problem(tmp_path: Path) -> None:
    bad = [dict(EVIDENCE[0], stance="x"), dict(EVIDENCE[1], quote="nope nope"), *EVIDENCE[2:]]
    with pytest.raises(InputError) as info:
        read_codings(load_corpus(build(tmp_path, evidence=bad)))
    assert len(info.value.problems) == 2


def test_corpus_without_codings_is_fine(tmp_path: Path) -> None:
    c = load_corpus(make_corpus(tmp_path / "c", ARTICLES))
    assert validate_codings(c) == []
    assert codings_summary(c) == ""


# --- analyses -----------------------------------------------------------------------------


def test_matrix_distinguishes_silent_from_not_coded(coded) -> None:
    codings, corpus = coded
    matrix = stance_matrix(codings, corpus)
    assert matrix.loc[("departure", "C001"), "paper"] == "contradicts"
    assert matrix.loc[("family", "C003"), "paper"] == SILENT
    assert (matrix["new"] == NOT_CODED).all()


def test_article_totals(coded) -> None:
    codings, corpus = coded
    totals = article_totals(codings, corpus)
    assert totals.loc["wire-a", "claims made"] == 3
    assert totals.loc["wire-a", "share hedged"] == pytest.approx(0.33)
    assert totals.loc["paper", "only here"] == 1  # C002
    assert totals.loc["new", "status"] == NOT_CODED


def test_corroboration_counts_chains_not_outlets(coded) -> None:
    codings, _ = coded
    table = corroboration(codings, CHAINS)
    assert table.loc["C001", "articles"] == 2 and table.loc["C001", "chains"] == 1
    assert table.loc["C001", "outlets but one chain"]
    summary = corroboration_summary(table)
    assert summary["claims with support"] == 4
    assert summary["single-chain claims"] == 4


def test_disagreements_from_slots_and_denials(coded) -> None:
    codings, corpus = coded
    table = disagreements(codings, corpus)
    summary = disagreement_summary(table)
    assert set(summary.index) == {"how-left", "C004"}
    assert summary.loc["how-left", "claims"] == 2
    assert summary.loc["C004", "kind"] == "denial"


def test_rewrite_changes_find_dropped_hedge_and_attribution(coded) -> None:
    codings, _ = coded
    changes = rewrite_changes(codings, CHAINS)
    hedge = changes[changes["claim_id"] == "C003"].iloc[0]
    assert (hedge["change"], hedge["kept_by"], hedge["changed_by"]) == ("drops the hedge", "wire-a", "wire-b")
    attr = changes[changes["claim_id"] == "C001"].iloc[0]
    assert attr["change"] == "drops the attribution"
    assert "only in this rewrite" in set(changes.loc[changes["claim_id"] == "C004", "change"])


def test_rewrite_that_swaps_a_source_for_a_hedge_is_not_called_more_cautious(tmp_path: Path) -> None:
    articles = {"w1": "Maher fled, three aides said.", "w2": "Maher reportedly fled."}
    root = make_corpus(tmp_path / "c", articles)
    write_csv(
        root / "claims.csv",
        [{"claim_id": "C001", "topic": "family", "statement": "Maher fled"}],
        list(CLAIM_COLUMNS + CLAIM_OPTIONAL),
    )
    rows = [
        {
            "claim_id": "C001",
            "source_id": "w1",
            "quote": "Maher fled, three aides said.",
            "stance": "attributes",
            "attributed_to": "three aides",
            "attribution_kind": "anonymous",
        },
        {
            "claim_id": "C001",
            "source_id": "w2",
            "quote": "Maher reportedly fled.",
            "stance": "hedges",
            "attribution_kind": "none",
            "hedge": "reportedly",
        },
    ]
    write_csv(root / "evidence.csv", rows, list(EVIDENCE_COLUMNS + EVIDENCE_OPTIONAL))
    write_csv(root / "slots.csv", [], list(SLOT_COLUMNS))
    changes = rewrite_changes(read_codings(load_corpus(root)), pd.Series({"w1": "Wire", "w2": "Wire"}))
    # w2 swapped a counted source for "reportedly"; w1, which names its source, dropped nothing
    assert changes[["change", "kept_by", "changed_by"]].values.tolist() == [
        ["drops the attribution (a hedge instead)", "w1", "w2"]
    ]
    # when w2 is the Wire's own later story, it updates the reporting: it drops nothing
    own = {"w1": "", "w2": "wire"}
    codings = read_codings(load_corpus(root))
    assert rewrite_changes(codings, pd.Series({"w1": "Wire", "w2": "Wire"}), own)["change"].tolist() == []


def test_matrix_groups_topics_in_codebook_order(coded) -> None:
    codings, corpus = coded
    topics = list(stance_matrix(codings, corpus).index.get_level_values("topic"))
    assert topics == ["departure", "departure", "family", "allies"]


# --- the coder's `when` -------------------------------------------------------------------


@pytest.mark.parametrize(
    "when", ["2024-12-08", "2024-12-07T22:30", "2024-12-07/2024-12-08", "2024-12-07T23:00/2024-12-08"]
)
def test_good_when_values_pass(tmp_path: Path, when: str) -> None:
    root = build(tmp_path, claims=[dict(CLAIMS[0], when=when), *CLAIMS[1:]])
    assert problems_of(root) == []


@pytest.mark.parametrize(
    ("when", "part"),
    [
        ("2024-12-32", "2024-12-32"),
        ("2 Dec 2024", "2 Dec 2024"),
        ("2024-12-07T24:10", "2024-12-07T24:10"),
        ("2024-12-07/", ""),
        ("2024-12-07 / 2024-12-08", "2024-12-07 "),
        ("2024-2-1", "2024-2-1"),
    ],
)
def test_bad_when_is_one_line_naming_the_part(tmp_path: Path, when: str, part: str) -> None:
    root = build(tmp_path, claims=[dict(CLAIMS[0], when=when), *CLAIMS[1:]])
    assert problems_of(root) == [
        f"{root / 'claims.csv'}:2: when '{when.strip()}': '{part}' is not a date YYYY-MM-DD "
        "or a local time YYYY-MM-DDTHH:MM (several joined by '/')"
    ]


# --- a corpus nobody has coded yet ---------------------------------------------------------


def test_uncoded_corpus_reads_as_empty_codings(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "c", ARTICLES)
    codings = read_codings(load_corpus(root))
    assert codings.coded_sources == ()
    assert codings.claims.empty and codings.claims.index.name == "claim_id"
    assert list(codings.claims.columns) == [c for c in CLAIM_COLUMNS + CLAIM_OPTIONAL if c != "claim_id"]
    assert codings.slots.empty and codings.slots.index.name == "slot"
    assert list(codings.slots.columns) == ["question", "kind", "reasoning"]
    assert codings.evidence.empty
    assert {*EVIDENCE_COLUMNS, *EVIDENCE_OPTIONAL, "start", "end", "exact", "prefix", "suffix"} <= set(
        codings.evidence.columns
    )


def test_analyses_run_on_empty_codings(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "c", ARTICLES)
    codings, corpus = read_codings(load_corpus(root)), load_corpus(root)
    assert stance_matrix(codings, corpus).empty
    assert (article_totals(codings, corpus)["status"] == NOT_CODED).all()
    assert corroboration(codings, CHAINS).empty
    assert disagreements(codings, corpus).empty
    assert rewrite_changes(codings, CHAINS).empty


def test_claims_without_evidence_is_an_error(tmp_path: Path) -> None:
    root = build(tmp_path)
    (root / "evidence.csv").unlink()
    assert problems_of(root) == [f"{root / 'evidence.csv'}: file not found"]


def test_slots_are_optional_but_a_named_slot_must_exist(tmp_path: Path) -> None:
    root = build(tmp_path)
    (root / "slots.csv").unlink()
    problems = problems_of(root)
    assert problems and all("is not in slots.csv" in p for p in problems)  # claims.csv names slots
    claims = (root / "claims.csv").read_text(encoding="utf-8").replace("how-left", "")
    (root / "claims.csv").write_text(claims, encoding="utf-8")
    assert problems_of(root) == []
    assert read_codings(load_corpus(root)).slots.empty


# --- Web Annotations -----------------------------------------------------------------------


def test_annotations_export_every_coding_with_selectors_that_slice_back(tmp_path: Path) -> None:
    root = build(tmp_path)
    corpus = load_corpus(root)
    out = claims_tables(load_corpus(root))
    notes = out["annotations.jsonld"]
    assert len(notes) == len(EVIDENCE)
    first = notes[0]
    assert first["type"] == "Annotation" and first["body"]["value"] == "C001 attributes"
    quote, position = first["target"]["selector"]
    text = corpus.at["wire-a", "text"]
    assert text[position["start"] : position["end"]] == quote["exact"] == EVIDENCE[0]["quote"]
    assert first["target"]["source"] == "articles/wire-a.txt"
    assert len({n["id"] for n in notes}) == len(notes)
    assert claims_tables(load_corpus(make_corpus(tmp_path / "bare", ARTICLES))) == {}


def test_without_settings_any_well_formed_topic_is_accepted(tmp_path: Path) -> None:
    root = build(tmp_path, claims=[dict(CLAIMS[0], topic="attack"), dict(CLAIMS[1], topic="Bad Topic"), *CLAIMS[2:]])
    msgs = problems_of(root)
    assert not any("'attack'" in m for m in msgs)
    assert f"{root / 'claims.csv'}:3: topic 'Bad Topic' must be lowercase words joined by hyphens" in msgs


def test_a_hedge_cue_must_be_in_its_quote(tmp_path: Path) -> None:
    rows = [dict(e) for e in EVIDENCE]
    hedged = next(i for i, e in enumerate(rows) if e.get("hedge"))
    rows[hedged]["hedge"] = "allegedly"
    root = build(tmp_path, evidence=rows)
    assert problems_of(root) == [
        f"{root / 'evidence.csv'}:{hedged + 2}: hedge cue 'allegedly' is not in the quote "
        "(coding rule R9: copy cues from the quote)"
    ]


def test_attributed_to_needs_a_kind_other_than_none(tmp_path: Path) -> None:
    root = build(tmp_path, evidence=[EVIDENCE[0], dict(EVIDENCE[1], attributed_to="a diplomat"), *EVIDENCE[2:]])
    msgs = problems_of(root)
    assert msgs == [
        f"{root / 'evidence.csv'}:3: attributed_to 'a diplomat' is given but attribution_kind is 'none' "
        "(set the kind: named, anonymous, outlet or document; or empty attributed_to)"
    ]


def test_a_claim_nobody_codes_is_a_warning_not_an_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from helpers import cli

    claims = [*CLAIMS, {"claim_id": "C099", "topic": "allies", "statement": "Nobody says this"}]
    root = build(tmp_path, claims=claims)
    found = validate_codings(load_corpus(root))
    assert [p.warning for p in found] == [True] and "claim C099 has no evidence row" in str(found[0])
    assert cli.main(["validate", str(root)]) == 0
    assert "warning: claim C099 has no evidence row" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [("Abu", "Abu Omar", "person"), ("Abu Omar", "Omar", "person"), ("Omar", "Omar", "person")],
            "entity 'Abu Omar' is itself an alias of 'Omar' on line 3: map 'Abu' to the canonical name directly",
        ),
        (
            [("Kim", "Kimberly", "person"), ("Kimberly", "Kim", "person")],
            "entity 'Kimberly' is itself an alias of 'Kim' on line 3 (a cycle)",
        ),
    ],
)
def test_alias_chains_and_cycles_are_refused(tmp_path: Path, rows: list[tuple[str, str, str]], message: str) -> None:
    root = build(tmp_path)
    write_csv(
        root / "aliases.csv",
        [{"alias": a, "entity": e, "entity_type": t} for a, e, t in rows],
        ["alias", "entity", "entity_type"],
    )
    msgs = problems_of(root)
    assert any(message in m for m in msgs), msgs
