"""Who does an article say its information comes from, and how sure is it: attributions and hedges.

The face the notebooks use: the detector, its measurement against gold and outside data, each
article's sourcing profile, the fate of hedges in rewrites, and the source reader.
"""

from helpers.sourcing.accuracy import (
    coverage_disagreements,
    coverage_summary,
    evaluate,
    evaluation_details,
    evidence_coverage,
    kind_confusion,
    outside_accuracy,
)
from helpers.sourcing.detect import attributions, classify_source, find_attributions, find_hedges, hedges
from helpers.sourcing.gold import has_gold, read_gold_attributions, read_gold_hedges
from helpers.sourcing.profile import profile_by_group, profile_chart, sourcing_profile
from helpers.sourcing.rewrites import FATES, fate_counts, fates_html, hedge_fates
from helpers.sourcing.views import article_spans, reader_html, reader_widget

__all__ = [
    "FATES",
    "article_spans",
    "attributions",
    "classify_source",
    "coverage_disagreements",
    "coverage_summary",
    "evaluate",
    "evaluation_details",
    "evidence_coverage",
    "fate_counts",
    "fates_html",
    "find_attributions",
    "find_hedges",
    "has_gold",
    "hedge_fates",
    "hedges",
    "kind_confusion",
    "outside_accuracy",
    "profile_by_group",
    "profile_chart",
    "read_gold_attributions",
    "read_gold_hedges",
    "reader_html",
    "reader_widget",
    "sourcing_profile",
]
