"""Who claims what, and how: the hand coding, the claim x article matrix, corroboration, disagreements.

The functions the notebooks use, re-exported from their modules. ``corroboration`` and
``disagreements`` are also module names, so those two functions are re-exported as
``corroboration_table`` and ``disagreement_table`` (the modules stay importable by their names).
"""

from helpers.claims.aliases import entity_mentions, load_aliases
from helpers.claims.authoring import save_codings
from helpers.claims.codebook import read_codebook
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
from helpers.claims.discovery import candidate_suggestions, discover, discovered_matrix, without_reviewed
from helpers.claims.held_out import held_out_candidates, held_out_table
from helpers.claims.matrix import NOT_CODED, article_totals, stance_matrix
from helpers.claims.provenance import claim_provenance, corpus_provenance
from helpers.claims.review import accepted_rows, edit_statement, merge_candidates, split_candidate
from helpers.claims.review_views import candidate_html, candidate_review
from helpers.claims.suggest import THRESHOLD as SUGGEST_THRESHOLD
from helpers.claims.suggest import suggest as suggest_codings
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
    "SUGGEST_THRESHOLD",
    "accepted_rows",
    "all_claims_html",
    "article_totals",
    "candidate_html",
    "candidate_review",
    "candidate_suggestions",
    "claim_explorer",
    "claim_provenance",
    "coding_workbench",
    "corpus_provenance",
    "corroboration_summary",
    "corroboration_table",
    "disagreement_html",
    "disagreement_summary",
    "disagreement_table",
    "discover",
    "discovered_matrix",
    "edit_statement",
    "entity_mentions",
    "first_disputed",
    "has_codings",
    "held_out_candidates",
    "held_out_table",
    "legend_table",
    "load_aliases",
    "matrix_styler",
    "merge_candidates",
    "read_codebook",
    "read_codings",
    "rewrite_changes",
    "save_codings",
    "split_candidate",
    "stance_matrix",
    "suggest_codings",
    "without_reviewed",
]
