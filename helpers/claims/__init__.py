"""Who claims what, and how: the hand coding, the claim x article matrix, corroboration, disagreements.

The functions the notebooks use, re-exported from their modules. ``corroboration`` and
``disagreements`` are also module names, so those two functions are re-exported as
``corroboration_table`` and ``disagreement_table`` (the modules stay importable by their names).
"""

from helpers.claims.aliases import entity_mentions, load_aliases
from helpers.claims.authoring import save_codings
from helpers.claims.coding import STANCES, has_codings, read_codings
from helpers.claims.corroboration import corroboration as corroboration_table
from helpers.claims.corroboration import corroboration_summary
from helpers.claims.disagreements import (
    CHANGE_ONLY_IN_ONE,
    DROPPED_CAVEATS,
    disagreement_summary,
    first_disputed,
    rewrite_changes,
)
from helpers.claims.disagreements import disagreements as disagreement_table
from helpers.claims.matrix import NOT_CODED, article_totals, stance_matrix
from helpers.claims.provenance import claim_provenance, corpus_provenance
from helpers.claims.views import (
    all_claims_html,
    claim_explorer,
    coding_workbench,
    disagreement_html,
    legend_table,
    matrix_styler,
)

__all__ = [
    "CHANGE_ONLY_IN_ONE",
    "DROPPED_CAVEATS",
    "NOT_CODED",
    "STANCES",
    "all_claims_html",
    "article_totals",
    "claim_explorer",
    "claim_provenance",
    "coding_workbench",
    "corpus_provenance",
    "corroboration_summary",
    "corroboration_table",
    "disagreement_html",
    "disagreement_summary",
    "disagreement_table",
    "entity_mentions",
    "first_disputed",
    "has_codings",
    "legend_table",
    "load_aliases",
    "matrix_styler",
    "read_codings",
    "rewrite_changes",
    "save_codings",
    "stance_matrix",
]

#: Names of :mod:`helpers.claims.suggest` offered here on first use: that module needs the sourcing
#: detectors, which themselves import :mod:`helpers.claims.coding`, so importing it eagerly would loop.
_SUGGEST_NAMES = {
    "SUGGEST_THRESHOLD": "THRESHOLD",
    "held_out_candidates": "held_out_candidates",
    "held_out_table": "held_out_table",
    "read_codebook": "read_codebook",
    "suggest_codings": "suggest",
}


def __getattr__(name: str) -> object:
    """The suggester's public names, imported when first asked for (see :data:`_SUGGEST_NAMES`)."""
    if name in _SUGGEST_NAMES:
        from importlib import import_module

        return getattr(import_module("helpers.claims.suggest"), _SUGGEST_NAMES[name])
    raise AttributeError(f"module 'helpers.claims' has no attribute {name!r}")
