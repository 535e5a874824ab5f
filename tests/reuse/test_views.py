"""Chart data for text reuse: the edges of the derivation graph."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.reuse import derivation as reuse
from helpers.reuse import lookups as reuse_lookups
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


def crowded_corpus(n: int = 20) -> pd.DataFrame:
    """``n`` fictional articles: four stories, each rewritten a few times over a few days, some crediting a wire."""
    import random

    from tests.reuse.samples import frame

    rng = random.Random(3)
    words = [f"w{i}" for i in range(3000)]
    texts, dates, credits = {}, {}, {}
    for i in range(n):
        base, k = i % 4, i // 4
        story = random.Random(base).choices(words, k=300)
        texts[f"story-{base}-rewrite-{k}"] = " ".join(
            t if rng.random() > 0.15 * k else rng.choice(words) for t in story
        )
        dates[f"story-{base}-rewrite-{k}"] = f"2031-03-{1 + k // 2 + base:02d}"
        credits[f"story-{base}-rewrite-{k}"] = ("Wire A",) if k % 3 == 0 else ()
    return frame(texts, dates, credits)


def test_graph_labels_do_not_overlap_at_twenty_articles() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from helpers.reuse import chaining

    corpus = crowded_corpus()
    found = reuse.find_reuse(corpus)
    fig = reuse_charts.graph_figure(corpus, found.pairs, chaining.chains(corpus, found.pairs))
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    names = {reuse_charts.wrap_name(str(s)) for s in corpus.index}
    texts = [t for t in ax.texts if t.get_text()]
    assert names <= {t.get_text() for t in texts}  # every article is named
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_text() in names]
    clashes = [(a, b) for i, (a, x) in enumerate(boxes) for b, y in boxes[i + 1 :] if x.overlaps(y)]
    assert clashes == []
    edge_labels = [t for t in texts if t.get_text() not in names | {"Wire A"}]
    assert len(edge_labels) == len(reuse_lookups.related(found.pairs))  # one label per reuse edge
