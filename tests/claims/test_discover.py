"""Claims discovered across articles: statements, grouping, the output contract, the measure, bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import cli, config
from helpers.claims import grouping
from helpers.claims.coding import CLAIM_COLUMNS, CLAIM_OPTIONAL, EVIDENCE_COLUMNS, read_codings
from helpers.claims.discovery import discover, without_reviewed
from helpers.claims.discovery_measure import discovery_scores
from helpers.claims.statements import article_statements, why_not_checkable
from helpers.corpus.load import load_corpus
from tests.conftest import make_corpus

SECOND = Path(__file__).resolve().parents[1] / "fixtures" / "second_corpus"

WIRE = (
    "Rescuers pulled 14 miners from the Halvard pit on Tuesday after a tunnel collapsed.\n\n"
    "The mine's owner, Nordic Ore, said the collapse happened at 6 a.m. during a shift change.\n\n"
    "Two miners remain in hospital in Tromsø with broken legs, a hospital spokesman said."
)
REWRITE = (
    "Fourteen miners were pulled from the Halvard pit on Tuesday when a tunnel collapsed, rescuers said.\n\n"
    "Nordic Ore said the collapse happened at 7 a.m. during a shift change.\n\n"
    "What does this mean for the town?"
)


@pytest.fixture(scope="module")
def uncoded(tmp_path_factory) -> pd.DataFrame:
    """The shipped corpus with its codebook removed."""
    root = tmp_path_factory.mktemp("uncoded") / "corpus"
    shutil.copytree(config.DEFAULT_CORPUS_DIR, root)
    for name in (config.CLAIMS_NAME, config.EVIDENCE_NAME, config.SLOTS_NAME):
        (root / name).unlink()
    return load_corpus(root)


@pytest.fixture(scope="module")
def found(uncoded):
    return discover(uncoded)


def test_statements_keep_checkable_sentences_only() -> None:
    assert why_not_checkable("Rescuers pulled 14 miners from the pit on Tuesday.") == ""
    assert why_not_checkable("What does this mean for the town of Halden?") != ""
    assert why_not_checkable("Sign up for our newsletter to get the news every Monday.") == "page furniture"
    assert why_not_checkable("Read: Rescuers pulled 14 miners from the pit on Tuesday.") == "a link to another story"
    opinion = "“This is a disgrace and a shame for all of us,” Mayor Ana Ruiz said."
    assert why_not_checkable(opinion) == "an opinion quote"
    assert why_not_checkable("Mine collapse: Rescue under way in Halden") != ""
    assert why_not_checkable("NY Post: Megyn Kelly Is No Different Than Kim Kardashian.") == "a link to another story"


def test_every_telling_is_an_exact_anchored_quote(found, uncoded) -> None:
    ev = found.evidence
    assert len(ev) and found.claims["candidate"].nunique() >= 10
    for r in ev.itertuples():
        assert uncoded.at[r.source_id, "text"][r.start : r.end] == r.quote


def test_output_keeps_the_codings_contract(found) -> None:
    assert list(found.claims.columns[: len(CLAIM_COLUMNS) + len(CLAIM_OPTIONAL)]) == [*CLAIM_COLUMNS, *CLAIM_OPTIONAL]
    assert list(found.evidence.columns[: len(EVIDENCE_COLUMNS)]) == list(EVIDENCE_COLUMNS)
    for col in ("candidate", "score", "grouped_by"):
        assert col in found.claims.columns and col in found.evidence.columns
    assert found.claims["claim_id"].is_unique
    assert found.claims["claim_id"].str.fullmatch(r"C\d{3,}").all()
    assert (found.claims["notes"].str.startswith("discovered, not reviewed")).all()
    assert set(found.evidence["claim_id"]) == set(found.claims["claim_id"])


def test_a_candidate_tells_each_article_once_and_spans_two(found) -> None:
    per = found.evidence.groupby("candidate")
    assert (per["source_id"].nunique() >= 2).all()
    assert not found.evidence.duplicated(["candidate", "source_id"]).any()


def test_candidates_rank_by_chains_then_dispute(found) -> None:
    first = found.claims.drop_duplicates("candidate")
    assert first["score"].is_monotonic_decreasing
    assert first["chains"].iloc[0] == first["chains"].max()


def test_accepted_rows_are_a_valid_coding(found, uncoded, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(Path(uncoded.attrs.get("corpus_dir", config.DEFAULT_CORPUS_DIR)), root, dirs_exist_ok=True)
    for name in (config.CLAIMS_NAME, config.EVIDENCE_NAME, config.SLOTS_NAME):
        (root / name).unlink(missing_ok=True)
    top = found.claims[found.claims["candidate"].isin(found.claims["candidate"].unique()[:5])]
    top = top.assign(slot="")
    top[[*CLAIM_COLUMNS, *CLAIM_OPTIONAL]].to_csv(root / config.CLAIMS_NAME, index=False)
    ev = found.evidence[found.evidence["claim_id"].isin(top["claim_id"])]
    ev[[*EVIDENCE_COLUMNS, "hedge", "note"]].to_csv(root / config.EVIDENCE_NAME, index=False)
    codings = read_codings(load_corpus(root))
    assert len(codings.evidence) == len(ev)


def test_discovery_against_the_reference_codebook(found, corpus) -> None:
    scores = discovery_scores(found.evidence, read_codings(corpus).evidence)
    assert scores["pairwise precision"] >= 0.7
    assert scores["recall (2+ articles together)"] >= 0.6


def test_competing_tellings_get_a_proposed_slot() -> None:
    kind, labels = grouping.competing(["The blast hit at 6 a.m. on Tuesday.", "The blast hit at 7 a.m. on Tuesday."])
    assert kind == "number" and labels[0] != labels[1]
    kind, _ = grouping.competing(["He left on Saturday.", "He left on Sunday."])
    assert kind == "when"
    assert grouping.competing(["He left on Saturday.", "He left on Saturday, aides said."]) == ("", [])


def test_a_rewrite_pair_is_grouped_with_its_disagreement(tmp_path: Path) -> None:
    corpus = load_corpus(make_corpus(tmp_path / "c", {"wire": WIRE, "paper": REWRITE}))
    got = discover(corpus, chains=pd.Series({"wire": "wire", "paper": "paper"}))
    assert got.claims["candidate"].nunique() >= 2
    assert "number" in set(got.slots["kind"])
    assert "What does this mean" not in " ".join(got.evidence["quote"])


def test_reviewed_claims_replace_candidates(corpus) -> None:
    full = discover(corpus)
    left = without_reviewed(full, read_codings(corpus).evidence)
    assert left.claims["candidate"].nunique() < full.claims["candidate"].nunique()


@pytest.mark.parametrize(
    "articles",
    [
        {"only": WIRE},
        {"a": "Hello.\n\nThanks for reading.", "b": "Nice weather.\n\nBye."},
        {f"copy-{i:03d}": WIRE for i in range(300)},
        {
            "fr": "Le ministre a déclaré mardi que les négociations reprendraient à Genève le 12 mars. "
            "Les secours ont sauvé 14 mineurs de la mine de Halvard mardi matin.",
            "de": "Der Minister sagte am Dienstag, dass die Gespräche am 12. März in Genf fortgesetzt werden. "
            "Die Retter haben am Dienstag 14 Bergleute aus der Grube Halvard gerettet.",
        },
    ],
    ids=["one-article", "nothing-checkable", "300-wire-copies", "other-languages"],
)
def test_bad_input_gives_a_sensible_result(tmp_path: Path, articles: dict[str, str]) -> None:
    corpus = load_corpus(make_corpus(tmp_path / "c", articles))
    got = discover(corpus, chains=pd.Series({s: "one" for s in articles}))
    assert "statements in" in got.summary()
    if len(articles) == 300:
        assert (got.evidence["occurrence"] == "").all()
        assert got.evidence.groupby("candidate")["source_id"].nunique().max() == 300
        assert got.claims["chains"].max() == 1
    elif "fr" in articles:
        assert set(got.not_analysed) == {"fr", "de"} and got.claims.empty
    else:
        assert got.claims.empty


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([*WIRE.split("\n\n"), *REWRITE.split("\n\n"), "x", "?", "  ", "1 2 3."]), max_size=8))
def test_statements_are_anchored_whatever_the_text(parts: list[str]) -> None:
    text = "\n\n".join(parts)
    for r in article_statements(text, "x").itertuples():
        assert text[r.start : r.end] == r.statement and why_not_checkable(r.statement) == ""


def test_cli_discover_writes_the_three_tables(tmp_path: Path, capsys) -> None:
    assert cli.main(["discover", str(SECOND), "--out", str(tmp_path / "out")]) == 0
    for name in (config.CLAIMS_NAME, config.EVIDENCE_NAME, config.SLOTS_NAME):
        assert (tmp_path / "out" / name).exists()
    assert "checkable statements" in capsys.readouterr().out


def test_cli_discover_refuses_to_write_over_the_corpus(capsys) -> None:
    assert cli.main(["discover", str(SECOND), "--out", str(SECOND)]) == 2
    assert "is the corpus itself" in capsys.readouterr().err


def test_the_discovered_matrix_is_bounded_and_ranked(found) -> None:
    from helpers.claims.discovery import discovered_matrix

    table = discovered_matrix(found, top=5)
    assert 5 <= len(table) <= 10  # competing variants are rows of their own
    assert table.index[0].startswith("K001")
    assert set(table.stack()) <= {"", "asserts", "attributes", "hedges", "denies"}


def test_the_workbench_reviews_candidates_on_an_uncoded_corpus(found, uncoded) -> None:
    from helpers.claims.discovery import candidate_suggestions
    from helpers.claims.views import coding_workbench

    suggest = candidate_suggestions(found)
    sid = found.evidence["source_id"].iat[0]
    table = suggest(sid)
    assert len(table) and (table["claim_id"] == "").all() and table["statement"].str.len().gt(0).all()
    bench = coding_workbench(uncoded, read_codings(uncoded), suggest, source_id=sid)
    proposals = bench.children[2].children
    assert len(proposals) == min(len(table), 25)


def test_a_sentence_told_twice_in_an_article_gets_its_occurrence(tmp_path: Path) -> None:
    twice = WIRE + "\n\n" + WIRE.split("\n\n")[0]
    corpus = load_corpus(make_corpus(tmp_path / "c", {"wire": twice, "paper": WIRE}))
    got = discover(corpus, chains=pd.Series({"wire": "a", "paper": "b"}))
    mine = got.evidence[got.evidence["source_id"] == "wire"]
    assert (mine.loc[mine["quote"].str.startswith("Rescuers"), "occurrence"] != "").all()
