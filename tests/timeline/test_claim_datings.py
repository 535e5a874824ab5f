"""Tests of the datings per coded claim: per claim, per ``when`` slot, and against the coder's ``when``."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.timeline import claim_datings as CD
from helpers.timeline.dated import join_claims
from tests.timeline.samples import departure_claim, toy_codings, toy_events


@pytest.fixture(scope="module")
def toy() -> tuple[pd.DataFrame, pd.DataFrame]:
    return toy_events()


def test_events_by_claim_and_when_agreement(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    corpus, ev = toy
    evidence, claims = departure_claim(corpus)
    joined = join_claims(ev, evidence, claims)
    table = CD.events_by_claim(joined, claims)
    assert table.loc[0, "a"] == "Sunday, December 8 → 2024-12-08"
    agreement = CD.when_agreement(joined, claims)
    assert agreement["agrees"].all()


def test_slot_datings(toy: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    corpus, ev = toy
    datings = CD.slot_datings(ev, toy_codings(corpus))
    assert list(datings["dates"]) == ["2024-12-08", "by 2024-12-08T00:00"]
