"""The demonstration class: simulated students and the cue reader."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.claims.coding import Codings
from helpers.classroom import demo


def test_simulated_students_and_demo_class(codings: Codings, corpus: pd.DataFrame) -> None:
    sims = demo.simulated_students(codings, corpus)
    assert len(sims) == 3
    flat = sims["Simulated flat reader"]
    assert set(flat["stance"]) == {"asserts"} and len(flat) == len(codings.evidence)
    view = demo.demo_class(codings, corpus)
    assert not view.problems and set(view.summary["student"]) == set(sims)
    row = view.summary.set_index("student").loc["Simulated flat reader"]
    # a constant answer is no better than chance: kappa 0, agreement = the reference's share of 'asserts'
    assert row["stance kappa"] == pytest.approx(0.0)
    assert row["stance agreement"] == pytest.approx((codings.evidence["stance"] == "asserts").mean())
    short = view.summary.set_index("student").loc["Simulated cue reader short"]
    assert short["articles"] == min(2, len(codings.coded_sources))


def test_cue_reader_reads_cues(corpus: pd.DataFrame) -> None:
    outlets = demo.outlet_cue(corpus)
    assert demo._cue_reader("Ehab was reportedly killed", outlets) == ("hedges", "anonymous")
    assert demo._cue_reader("he left, Reuters reported", outlets) == ("attributes", "outlet")
    assert demo._cue_reader("He left by car.", outlets) == ("asserts", "none")


def test_outlet_cue_is_built_from_the_corpus() -> None:
    corpus = pd.DataFrame(
        {"outlet": ["Harbour Gazette", "unknown"], "credits": [(), ("Wire One",)], "upstream_inferred": ["", "XYZ"]},
        index=pd.Index(["a", "b"], name="source_id"),
    )
    cue = demo.outlet_cue(corpus)
    for text in ("the Harbour Gazette said", "as HG reported", "Wire One reported", "XYZ said"):
        assert cue.search(text), text
    assert not cue.search("Reuters reported") and not cue.search("the unknown source said")
    assert demo._cue_reader("Reuters reported it", cue) == ("attributes", "anonymous")  # not an outlet here
