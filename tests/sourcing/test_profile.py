"""Each article's sourcing profile: shares of source kinds and rates per 1,000 words."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.sourcing import detect as sourcing
from helpers.sourcing import profile as sourcing_profile
from tests.conftest import mini_corpus


def test_sourcing_profile_table() -> None:
    corpus = mini_corpus(
        {
            "a": "He fled, two diplomats said. Peskov confirmed that. Reuters reported. It was reportedly late.",
            "b": "Nothing is attributed here at all.",
        }
    )
    profile = sourcing_profile.sourcing_profile(
        corpus, sourcing.attributions(corpus, "speech"), sourcing.hedges(corpus)
    )
    a = profile.loc["a"]
    assert a["attributions"] == 3
    assert (a["share_anonymous"], a["share_named"], a["share_outlet"]) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert a["attributions_per_1k"] == pytest.approx(3 * 1000 / a["words"])
    assert a["hedges_per_1k"] == pytest.approx(1000 / a["words"])
    assert profile.loc["b", "attributions"] == 0 and pd.isna(profile.loc["b", "share_named"])
    fig = sourcing_profile.profile_chart(profile)
    assert len(fig.axes) == 2
