"""The second grouping pass: statements left alone joined by shared numbers, dates and names."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from helpers.claims import anchors, grouping
from helpers.claims.discovery import discover
from helpers.corpus.load import load_corpus
from tests.conftest import make_corpus

NO_ALIASES = pd.DataFrame(columns=["alias", "entity"])


def test_anchors_normalise_numbers_dates_and_names() -> None:
    a = anchors.anchors("Two trucks left Halvard on December 8, after Khaled Moradi called.")
    b = anchors.anchors("On 8 Dec. the 2 trucks of Khalid Muradi left Halvard.")
    assert {"#2", "@12-08", "~khld", "~mrd", "~hlvrd"} <= a & b
    assert "#8" not in a  # a date's day is no count
    assert anchors.anchors("He spoke on Sunday.") >= {"@sunday"}


def test_outlet_names_are_no_anchor() -> None:
    assert "~nrvl" not in anchors.anchors("The mill burned, Norvale Agency said.", frozenset({"norvale", "agency"}))


def test_skeleton_keeps_consonants_once() -> None:
    assert anchors.skeleton("Mohammed") == anchors.skeleton("Muhammad") == "mhmd"


def _forms(texts: dict[str, str]):
    rows = [(sid.split("/")[0], 0, len(t), t, "") for sid, t in texts.items()]
    statements = pd.DataFrame(rows, columns=["source_id", "start", "end", "statement", "signals"])
    forms, _ = grouping.build_forms(statements, NO_ALIASES)
    return forms, [str(statements.at[f.rows[0], "statement"]) for f in forms]


def test_a_statement_alone_joins_the_candidate_it_shares_anchors_with() -> None:
    forms, texts = _forms(
        {
            "a": "Rescuers pulled fourteen miners from the Halvard pit on Tuesday, December 8.",
            "b": "Fourteen miners were pulled from the Halvard pit on Tuesday, December 8, rescuers said.",
            "c": "On Tuesday 14 Halvard miners came out alive after the tunnel gave way on 8 December.",
            "d": "The weather in the capital was mild for the season, forecasters reported on Friday.",
        }
    )
    groups, links = anchors.attach_alone(forms, texts, [[0, 1], [2], [3]])
    joined = next(g for g in groups if 0 in g)
    assert 2 in joined and 3 not in joined
    assert not links.empty and {"#14", "@12-08"} <= set().union(*links["keys"])


def test_one_sentence_telling_two_claims_sits_in_two_candidates() -> None:
    # article b tells the flight and, in another sentence, who waited: a's one sentence tells both
    forms, texts = _forms(
        {
            "a": "The minister flew to Halvard on Tuesday, where her deputy Ilse Brandt waited with 3 aides.",
            "b": "The minister flew to Halvard on Tuesday before going on to the capital.",
            "b/2": "Her deputy Ilse Brandt and 3 aides were already waiting in Halvard, officials said.",
        }
    )
    groups, _ = anchors.attach_alone(forms, texts, [[0, 1], [2]])
    assert [0, 1] in groups and any(set(g) == {0, 2} for g in groups)


def test_the_pass_never_puts_one_article_twice_in_a_candidate(tmp_path: Path) -> None:
    texts = {
        "wire": "Rescuers pulled 14 miners from the Halvard pit on Tuesday. "
        "The 14 Halvard miners were hurt on Tuesday.",
        "paper": "Fourteen Halvard miners were rescued on Tuesday after the pit collapsed.",
        "blog": "On Tuesday the Halvard pit gave 14 miners back to their families.",
    }
    found = discover(load_corpus(make_corpus(tmp_path / "c", texts)), chains=pd.Series(dtype=str))
    per = found.evidence.groupby("candidate")["source_id"].agg(lambda s: s.duplicated().any())
    assert not per.any()


@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=6))
def test_anchors_never_fail_and_attach_keeps_every_form(parts: list[str]) -> None:
    texts = {f"s{i}": t for i, t in enumerate(parts)}
    for t in texts.values():
        assert isinstance(anchors.anchors(t), frozenset)
    forms, txt = _forms(texts)
    groups, _ = anchors.attach_alone(forms, txt, [[i] for i in range(len(forms))])
    assert set().union(*map(set, groups)) == set(range(len(forms)))


def test_the_second_pass_finds_more_whole_claims_and_stays_precise(corpus) -> None:
    """On the shipped corpus (in-sample: its thresholds were chosen there) the pass adds whole claims."""
    from helpers.claims.coding import read_codings
    from helpers.claims.discovery_measure import discovery_scores

    reference = read_codings(corpus).evidence
    one = discovery_scores(discover(corpus, second_pass=False).evidence, reference)
    both = discovery_scores(discover(corpus).evidence, reference)
    assert both["found as one candidate (all articles)"] > one["found as one candidate (all articles)"]
    assert both["pairwise precision"] >= 0.7
