"""Who copied whom: shared passages between articles, derivation labels and direction, reporting chains."""

from helpers.reuse.alignment import align
from helpers.reuse.boilerplate import boilerplate_table, corpus_stories
from helpers.reuse.chaining import chain_counts, chain_of, chain_summary, chains
from helpers.reuse.clues import credit_lines, dependency_clues, shared_quotes, spelling_variants
from helpers.reuse.derivation import find_reuse, pairs
from helpers.reuse.lookups import article_labels, ranked, related
from helpers.reuse.passages import pair_passages, passage_summary, side_by_side_html
from helpers.reuse.precomputed import pairs_for, reuse_of
from helpers.reuse.settings import ALIGN_MIN_CONTAINMENT, REUSE, SHINGLE_N, ReuseSettings
from helpers.reuse.summary import group_matrix, notebook_reuse
from helpers.reuse.tables import pair_matrix, shingle_size_table
from helpers.reuse.views import derivation_graph, graph_edges, graph_figure, heatmap_figure

__all__ = [
    "ALIGN_MIN_CONTAINMENT",
    "REUSE",
    "SHINGLE_N",
    "ReuseSettings",
    "align",
    "article_labels",
    "boilerplate_table",
    "chain_counts",
    "chain_of",
    "chain_summary",
    "chains",
    "corpus_stories",
    "credit_lines",
    "dependency_clues",
    "derivation_graph",
    "find_reuse",
    "graph_edges",
    "graph_figure",
    "group_matrix",
    "heatmap_figure",
    "notebook_reuse",
    "pair_matrix",
    "pair_passages",
    "pairs",
    "pairs_for",
    "passage_summary",
    "ranked",
    "related",
    "reuse_of",
    "shared_quotes",
    "shingle_size_table",
    "side_by_side_html",
    "spelling_variants",
]
