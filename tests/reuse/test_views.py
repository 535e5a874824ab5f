"""Chart data for text reuse: the edges of the derivation graph."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.reuse import derivation as reuse
from helpers.reuse import views as reuse_charts
from tests.reuse.samples import REUTERS_TRIO


@pytest.fixture(scope="module")
def real(corpus: pd.DataFrame) -> reuse.Reuse:
    """Reuse found in the repository corpus with default settings."""
    return reuse.find_reuse(corpus)


def test_graph_edges_link_credited_and_inferred_outlets(corpus: pd.DataFrame, real: reuse.Reuse) -> None:
    edges = reuse_charts.graph_edges(corpus, real.pairs)
    credit = edges[edges.kind == "credit"]
    assert set(credit.target) == set(REUTERS_TRIO) and set(credit.source) == {"Reuters"} and credit.outside.all()
    assert edges[edges.kind == "inferred"][["source", "target"]].values.tolist() == [["AFP", "allies-fled"]]
    reuse_edges = edges[edges.kind.str.contains("reuse")]
    assert "ft" not in set(reuse_edges.source) | set(reuse_edges.target)
    assert len(reuse_edges) == 3
