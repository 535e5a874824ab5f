"""Charts of text reuse: the containment heatmap and the derivation graph (articles, credits, inferred upstreams)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from helpers.corpus.groups import GROUP_NAME, article_groups, per_article, top_groups, with_n
from helpers.corpus.load import corpus_column
from helpers.display.style import OUTSIDE_COLOR, new_figure, source_colors, style_axes
from helpers.reuse.labels import FORMULAIC, UPDATE, WEAK
from helpers.reuse.lookups import related
from helpers.reuse.outlets import corpus_credits
from helpers.reuse.summary import group_matrix

#: What a containment cell means, for the colour bar.
CONTAINMENT_LEGEND = "containment: share of the row article's\nword sequences found in the column article"


def heatmap_figure(
    matrix: pd.DataFrame,
    title: str = "Containment of the row article in the column article",
    corpus: pd.DataFrame | None = None,
) -> Figure:
    """A heatmap of a square pair table (see :func:`helpers.reuse.tables.pair_matrix`) on an absolute 0-1 scale.

    Given the ``corpus`` and more than a handful of articles, the table is summarised per outlet
    (:func:`helpers.reuse.summary.group_matrix`: the highest containment between two outlets'
    articles), so the chart stays the same size at any number of articles.
    """
    if corpus is not None and not per_article(matrix.index):
        groups = article_groups(corpus)
        matrix = group_matrix(matrix, groups)
        labels = with_n(top_groups(groups.reindex(corpus.index)))
        ticks = [labels.get(str(g), str(g)) for g in matrix.index]
        title = f"Highest containment of a row-{GROUP_NAME} article in a column-{GROUP_NAME} article"
        values = matrix.to_numpy(dtype=float)
    else:
        ticks = [str(i) for i in matrix.index]
        values = np.where(np.eye(len(matrix), dtype=bool), np.nan, matrix.to_numpy(dtype=float))
    size = max(4.0, 0.7 * len(matrix) + 2)
    fig, ax = new_figure(size + 2, size)
    im = ax.imshow(values, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(matrix.columns)), ticks, rotation=35, ha="right")
    ax.set_yticks(range(len(matrix.index)), ticks)
    for i in range(len(matrix)):
        for j in range(len(matrix)):
            v = values[i, j]
            if not np.isnan(v):
                text = "0" if v == 0 else "<0.01" if v < 0.005 else f"{v:.2f}"
                ax.text(j, i, text, ha="center", va="center", fontsize=9, color="white" if v > 0.6 else "black")
    style_axes(ax, title=title)
    ax.grid(False)
    bar = fig.colorbar(im, ax=ax, shrink=0.8)
    bar.set_label(CONTAINMENT_LEGEND, fontsize=8)
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
    # outside outlets have no date: they stand in a column of their own left of the date axis
    outside_x = min(x_of.values(), default=0.0) - gap
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
                pos[node] = (outside_x, top)
        top -= height + 0.5
    for k, node in enumerate(sorted(n for n in graph.nodes if n not in pos)):
        pos[node] = (outside_x, top - k)
    return pos


#: The derivation graph past a handful of articles draws its largest chains, up to this many articles.
GRAPH_MAX_ARTICLES = 20
#: ... and when the largest chain alone is bigger, its first this many (one lane holds fewer names).
GRAPH_MAX_IN_ONE_CHAIN = 10
PALE_GREY_RULE = "#BBBBBB"


def largest_chains(chains_df: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The rows of the largest chains (more than one article, biggest first) holding at most ``limit`` articles.

    A largest chain bigger than ``limit`` keeps its first :data:`GRAPH_MAX_IN_ONE_CHAIN` articles
    (in the table's order): its names share one lane.
    """
    sizes = chains_df["chain"].value_counts()
    if len(sizes) and sizes.iloc[0] > limit:
        return chains_df[chains_df["chain"] == sizes.index[0]].head(min(limit, GRAPH_MAX_IN_ONE_CHAIN))
    keep, total = [], 0
    for chain, size in sizes[sizes > 1].items():
        if total + size > limit:
            if keep:
                break
            continue
        keep.append(chain)
        total += size
    return chains_df[chains_df["chain"].isin(keep)]


#: Where a node's name may go, in points from its centre (first free spot wins): below, above, further out, beside.
NODE_LABEL_SPOTS = ((0, -27), (0, 27), (0, -41), (0, 41), (44, 0), (-44, 0))
#: Where along an edge its label may go (share of the way from source to target), middle first.
EDGE_LABEL_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85)
#: The white box behind an edge label, so the edges it crosses do not hide it.
EDGE_LABEL_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
#: Node size (points squared) of the derivation graph; labels keep clear of a circle this big.
NODE_SIZE = 900


def wrap_name(name: str, width: int = 12) -> str:
    """A node name broken after hyphens or spaces into lines of about ``width`` characters."""
    parts = [p for p in re.split(r"(?<=[-\s])", name) if p]
    lines = [""]
    for part in parts:
        if lines[-1] and len(lines[-1]) + len(part.rstrip()) > width:
            lines.append("")
        lines[-1] += part
    return "\n".join(line.strip() for line in lines)


def _overlap(box: Bbox, taken: list[Bbox]) -> float:
    """The area of ``box`` covered by the taken boxes (overlaps counted once each)."""
    total = 0.0
    for other in taken:
        w = min(box.x1, other.x1) - max(box.x0, other.x0)
        h = min(box.y1, other.y1) - max(box.y0, other.y0)
        total += max(w, 0.0) * max(h, 0.0)
    return total


def _place(
    ax: Axes,
    renderer: RendererBase,
    taken: list[Bbox],
    text: str,
    spots: list[tuple[float, float, float, float]],
    **style: object,
) -> None:
    """Write ``text`` at the first spot (x, y, dx, dy: data point plus offset in points) overlapping no taken
    box, else at the spot it overlaps least."""
    best, best_box, best_cover = None, None, float("inf")
    for x, y, dx, dy in spots:
        label = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha="center", va="center",
                            **style)  # fmt: skip
        box = label.get_window_extent(renderer).expanded(1.04, 1.08)
        cover = _overlap(box, taken)
        if cover < best_cover:
            if best is not None:
                best.remove()
            best, best_box, best_cover = label, box, cover
        else:
            label.remove()
        if cover == 0:
            break
    if best_box is not None:
        taken.append(best_box)


def _draw_labels(
    ax: Axes, graph: nx.DiGraph, pos: dict[str, tuple[float, float]], edge_labels: dict[tuple[str, str], str]
) -> None:
    """Node names and edge labels placed greedily where they cover no node and no earlier label."""
    renderer = FigureCanvasAgg(ax.figure).get_renderer()
    radius = np.sqrt(NODE_SIZE / np.pi) * ax.figure.dpi / 72
    taken = []
    for x, y in pos.values():
        cx, cy = ax.transData.transform((x, y))
        taken.append(Bbox.from_extents(cx - radius, cy - radius, cx + radius, cy + radius))
    for node in sorted(pos, key=lambda n: (-pos[n][1], pos[n][0])):
        x, y = pos[node]
        spots = [(x, y, dx, dy) for dx, dy in NODE_LABEL_SPOTS]
        _place(ax, renderer, taken, wrap_name(str(node)), spots, fontsize=7.5)
    for (u, v), text in edge_labels.items():
        (x0, y0), (x1, y1) = pos[u], pos[v]
        spots = [(x0 + t * (x1 - x0), y0 + t * (y1 - y0), 0, 0) for t in EDGE_LABEL_SPOTS]
        _place(ax, renderer, taken, text, spots, fontsize=6.5, color="#333333", bbox=EDGE_LABEL_BOX)


def graph_figure(
    corpus: pd.DataFrame, pairs_df: pd.DataFrame, chains_df: pd.DataFrame | None = None, title: str = "Who copied whom"
) -> Figure:
    """The derivation graph drawn with fixed positions (lanes by chain); inferred links dashed, outside outlets grey.

    Past a handful of articles only the largest chains are drawn (at most :data:`GRAPH_MAX_ARTICLES`
    articles), the title saying how many; every link is in :func:`graph_edges`' table.
    """
    if chains_df is not None and not per_article(corpus):
        kept = largest_chains(chains_df, GRAPH_MAX_ARTICLES)
        chains_total = chains_df["chain"].nunique()
        sub = corpus.loc[[sid for sid in corpus.index if sid in set(kept["source_id"])]]
        both = pairs_df["source_a"].isin(sub.index) & pairs_df["source_b"].isin(sub.index)
        shown = kept["chain"].nunique()
        largest = "the largest" if shown == 1 else f"the {shown} largest"
        title = f"{title}: {largest} of {chains_total:,} chains ({len(sub)} of {len(corpus):,} articles)"
        corpus, pairs_df, chains_df = sub, pairs_df[both], kept
    graph = derivation_graph(corpus, pairs_df)
    pos = graph_layout(corpus, graph, chains_df)
    if not pos:  # every article its own reporting: nothing rests on anything
        fig, ax = new_figure(8.0, 1.6)
        ax.axis("off")
        ax.set_title(title, loc="left")
        ax.text(0, 0.5, "No article rests on another (no reuse link, credit or inferred upstream joins two):\n"
                "each article is its own reporting chain.", va="center", fontsize=10)  # fmt: skip
        return fig
    xs = [x for x, _ in pos.values()]
    busiest = max(Counter(y for _, y in pos.values()).values(), default=1)
    width = min(16.0, max(10.0, 1.6 * busiest))  # room for the names of the busiest row
    fig, ax = new_figure(width, 1.2 + 0.9 * (1 - min(y for _, y in pos.values())))
    colors = source_colors([str(s) for s in corpus.index])
    articles = [n for n, d in graph.nodes(data=True) if d["kind"] == "article"]
    others = [n for n, d in graph.nodes(data=True) if d["kind"] != "article"]
    nx.draw_networkx_nodes(
        graph, pos, nodelist=articles, node_color=[colors[n] for n in articles], node_size=NODE_SIZE, ax=ax
    )
    nx.draw_networkx_nodes(
        graph, pos, nodelist=others, node_color=OUTSIDE_COLOR, node_shape="s", node_size=NODE_SIZE, ax=ax
    )
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
    style_axes(ax, title=title, xlabel="days after the earliest article; one row per reporting chain")
    ax.grid(False)
    ax.tick_params(axis="x", which="both", bottom=True, labelbottom=True)
    ax.set_yticks([])
    ys = [y for _, y in pos.values()]
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.8)
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    dated = [pos[n][0] for n in articles]
    if others and dated:  # the outside column is not on the date axis: a rule between, its own tick label
        column = min(pos[n][0] for n in others)
        ax.axvline((min(dated) + column) / 2, color=PALE_GREY_RULE, linewidth=1, linestyle=":")
        ticks = [t for t in ax.get_xticks() if min(dated) - 0.5 <= t <= max(xs) + 0.6]
        ax.set_xticks([column, *ticks], ["outside\n(no date)", *[f"{t:g}" for t in ticks]])
    _draw_labels(ax, graph, pos, labels)
    drawn = {d["kind"] for _, _, d in graph.edges(data=True)}
    handles = []  # only what is drawn
    if drawn & {"reuse", "sibling reuse"}:
        handles.append(Line2D([], [], color="black", label="text reuse (containment, A in B / B in A)"))
    if "credit" in drawn:
        handles.append(Line2D([], [], color=OUTSIDE_COLOR, label="credited in the text"))
    if "inferred" in drawn:
        handles.append(Line2D([], [], color=OUTSIDE_COLOR, linestyle="dashed", label="inferred upstream (manifest)"))
    if "update" in drawn:
        handles.append(Line2D([], [], color="black", linestyle="dotted", label="update of one outlet's own story"))
    if "formulaic reuse" in drawn:
        handles.append(Line2D([], [], color=OUTSIDE_COLOR, linestyle="dotted", label="stock text only (no chain link)"))
    if handles:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=3, fontsize=8, frameon=False)
    return fig
