"""Charts of text reuse: the containment heatmap and the derivation graph (articles, credits, inferred upstreams)."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from helpers.corpus.load import corpus_column
from helpers.display.style import OUTSIDE_COLOR, new_figure, source_colors, style_axes
from helpers.reuse.derivation import FORMULAIC, UPDATE, WEAK, related
from helpers.reuse.outlets import corpus_credits


def heatmap_figure(matrix: pd.DataFrame, title: str = "Containment of the row article in the column article") -> Figure:
    """A heatmap of a square pair table (see :func:`helpers.reuse.derivation.pair_matrix`), each cell annotated."""
    size = max(4.0, 0.9 * len(matrix) + 2)
    fig, ax = new_figure(size + 1.5, size)
    values = matrix.to_numpy(dtype=float)
    off = values[~np.eye(len(matrix), dtype=bool)] if len(matrix) > 1 else np.array([0.0])
    vmax = max(float(off.max()), 1e-9)
    im = ax.imshow(np.where(np.eye(len(matrix), dtype=bool), np.nan, values), cmap="Blues", vmin=0, vmax=vmax)
    ax.set_xticks(range(len(matrix.columns)), [str(c) for c in matrix.columns], rotation=35, ha="right")
    ax.set_yticks(range(len(matrix.index)), [str(i) for i in matrix.index])
    for i in range(len(matrix)):
        for j in range(len(matrix)):
            if i != j:
                v = values[i, j]
                ax.text(
                    j, i, f"{v:.3f}", ha="center", va="center", fontsize=9, color="white" if v > vmax * 0.6 else "black"
                )
    style_axes(ax, title=title)
    ax.grid(False)
    fig.colorbar(im, ax=ax, shrink=0.8)
    return fig


def graph_edges(corpus: pd.DataFrame, pairs_df: pd.DataFrame) -> pd.DataFrame:
    """The edges of the derivation graph: text reuse between articles, credits and inferred upstreams.

    Columns: ``source`` (the earlier text, or an outside outlet), ``target`` (the article),
    ``kind`` (``reuse``, ``sibling reuse`` when neither side is derived from the other,
    ``update`` between two stories of one outlet, ``formulaic reuse`` for shared stock text that
    joins no chain, ``credit`` (the manifest's or the dateline's) or ``inferred``), ``label``
    (containment of the target in the source for reuse, both directions for siblings), and
    ``outside`` (the source is not an article of the corpus).
    """
    ids = {str(s) for s in corpus.index}
    outlets = {str(o) for o in corpus["outlet"]} if "outlet" in corpus else set()
    rows = []
    for r in related(pairs_df).itertuples(index=False):
        relation = getattr(r, "relation", "")
        if relation == UPDATE:
            later = r.derived or r.source_b
            earlier = r.source_b if later == r.source_a else r.source_a
            cont = r.containment_a_in_b if later == r.source_a else r.containment_b_in_a
            rows.append((earlier, later, "update", f"{cont:.2f}", False))
        elif relation in (FORMULAIC, WEAK):
            both = f"{r.containment_a_in_b:.2f} / {r.containment_b_in_a:.2f}"
            rows.append((r.source_a, r.source_b, "formulaic reuse", both, False))
        elif r.derived:
            src = r.source_b if r.derived == r.source_a else r.source_a
            cont = r.containment_a_in_b if r.derived == r.source_a else r.containment_b_in_a
            rows.append((src, r.derived, "reuse", f"{cont:.2f}", False))
        else:
            rows.append(
                (
                    r.source_a,
                    r.source_b,
                    "sibling reuse",
                    f"{r.containment_a_in_b:.2f} / {r.containment_b_in_a:.2f}",
                    False,
                )
            )
    credits, inferred = corpus_credits(corpus)
    for sid in corpus.index:
        for outlet in credits[str(sid)]:
            rows.append((outlet, str(sid), "credit", "credited", outlet not in ids and outlet not in outlets))
        up = inferred[str(sid)]
        if up:
            rows.append((up, str(sid), "inferred", "inferred", up not in ids and up not in outlets))
    return pd.DataFrame(rows, columns=["source", "target", "kind", "label", "outside"])


def derivation_graph(corpus: pd.DataFrame, pairs_df: pd.DataFrame) -> nx.DiGraph:
    """Articles and outside outlets as nodes, the :func:`graph_edges` as edges (with their attributes)."""
    graph = nx.DiGraph()
    for sid in corpus.index:
        graph.add_node(str(sid), kind="article")
    for e in graph_edges(corpus, pairs_df).itertuples(index=False):
        if e.source not in graph:
            graph.add_node(e.source, kind="outside" if e.outside else "outlet")
        graph.add_edge(e.source, e.target, kind=e.kind, label=e.label)
    return graph


def graph_layout(
    corpus: pd.DataFrame, graph: nx.DiGraph, chains_df: pd.DataFrame | None = None
) -> dict[str, tuple[float, float]]:
    """Fixed positions: one horizontal lane per reporting chain, articles left to right by publication date.

    Articles of one lane published on the same day are stacked, alternately shifted right so
    that an edge between the outer two does not run through the middle one. An outside outlet
    sits at the top left of the lane of the articles it feeds.
    """
    ids = [str(s) for s in corpus.index]
    dates = corpus_column(corpus, "published", pd.NaT)
    known = [d for d in dates.values() if pd.notna(d)]
    day0 = min(known) if known else pd.Timestamp("1970-01-01")
    x_of = {sid: float((dates[sid] - day0).days) if pd.notna(dates[sid]) else -1.0 for sid in ids}
    lane_of = dict(zip(chains_df["source_id"], chains_df["chain"], strict=True)) if chains_df is not None else {}
    lanes: dict[str, list[str]] = defaultdict(list)
    for sid in ids:
        lanes[lane_of.get(sid, sid)].append(sid)
    order = sorted(lanes, key=lambda k: (min(x_of[s] for s in lanes[k]), k))
    span = max(x_of.values(), default=0.0) - min(x_of.values(), default=0.0)
    gap = max(2.0, span / 4)
    pos: dict[str, tuple[float, float]] = {}
    top = 0.0
    for lane in order:
        stack: Counter[float] = Counter()
        for sid in sorted(lanes[lane], key=lambda s: (x_of[s], ids.index(s))):
            k = stack[x_of[sid]]
            pos[sid] = (x_of[sid] + (gap * 0.6 if k % 2 else 0.0), top - k)
            stack[x_of[sid]] += 1
        height = max(stack.values())
        for node in sorted(n for n, d in graph.nodes(data=True) if d.get("kind") != "article"):
            if node in pos:
                continue
            fed = [t for t in graph.successors(node) if t in lanes[lane]]
            if fed:
                pos[node] = (min(pos[t][0] for t in fed) - gap, top)
        top -= height + 0.5
    for k, node in enumerate(sorted(n for n in graph.nodes if n not in pos)):
        pos[node] = (-gap, top - k)
    return pos


def graph_figure(
    corpus: pd.DataFrame, pairs_df: pd.DataFrame, chains_df: pd.DataFrame | None = None, title: str = "Who copied whom"
) -> Figure:
    """The derivation graph drawn with fixed positions (lanes by chain); inferred links dashed, outside outlets grey."""
    graph = derivation_graph(corpus, pairs_df)
    pos = graph_layout(corpus, graph, chains_df)
    fig, ax = new_figure(10, 1.2 + 0.9 * (1 - min(y for _, y in pos.values())))
    colors = source_colors([str(s) for s in corpus.index])
    articles = [n for n, d in graph.nodes(data=True) if d["kind"] == "article"]
    others = [n for n, d in graph.nodes(data=True) if d["kind"] != "article"]
    nx.draw_networkx_nodes(
        graph, pos, nodelist=articles, node_color=[colors[n] for n in articles], node_size=900, ax=ax
    )
    nx.draw_networkx_nodes(graph, pos, nodelist=others, node_color=OUTSIDE_COLOR, node_shape="s", node_size=900, ax=ax)
    nx.draw_networkx_labels(graph, {n: (x, y - 0.32) for n, (x, y) in pos.items()}, font_size=8, ax=ax)
    styles = {
        "reuse": ("solid", "black", True),
        "sibling reuse": ("solid", "black", False),
        "credit": ("solid", OUTSIDE_COLOR, True),
        "inferred": ("dashed", OUTSIDE_COLOR, True),
        "update": ("dotted", "black", True),
        "formulaic reuse": ("dotted", OUTSIDE_COLOR, False),
    }
    for kind, (style, color, arrows) in styles.items():
        edges = [(u, v) for u, v, d in graph.edges(data=True) if d["kind"] == kind]
        if edges:
            nx.draw_networkx_edges(
                graph, pos, edgelist=edges, style=style, edge_color=color, arrows=True,
                arrowstyle="-|>" if arrows else "-", node_size=500, ax=ax, connectionstyle="arc3,rad=0.08",
            )  # fmt: skip
    labels = {(u, v): d["label"] for u, v, d in graph.edges(data=True) if d["kind"] in ("reuse", "sibling reuse")}
    labels.update({(u, v): "inferred" for u, v, d in graph.edges(data=True) if d["kind"] == "inferred"})
    nx.draw_networkx_edge_labels(graph, pos, edge_labels=labels, font_size=7, ax=ax, rotate=False)
    style_axes(ax, title=title, xlabel="days after the earliest article; one row per reporting chain")
    ax.grid(False)
    ax.tick_params(axis="x", which="both", bottom=True, labelbottom=True)
    ax.set_yticks([])
    ys = [y for _, y in pos.values()]
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.5)
    handles = [
        Line2D([], [], color="black", label="text reuse (containment, A in B / B in A)"),
        Line2D([], [], color=OUTSIDE_COLOR, label="credited in the text"),
        Line2D([], [], color=OUTSIDE_COLOR, linestyle="dashed", label="inferred upstream (manifest)"),
    ]
    drawn = {d["kind"] for _, _, d in graph.edges(data=True)}
    if "update" in drawn:
        handles.append(Line2D([], [], color="black", linestyle="dotted", label="update of one outlet's own story"))
    if "formulaic reuse" in drawn:
        handles.append(Line2D([], [], color=OUTSIDE_COLOR, linestyle="dotted", label="stock text only (no chain link)"))
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    return fig
