"""Who does an article say its information comes from, and how sure is it: attributions and hedges.

The face the notebooks use: the detector, its measurement against gold and outside data, each
article's sourcing profile, the fate of hedges in rewrites, and the source reader.

Layout, in layer order (each imports only those above it): ``lexicon/`` (word lists and patterns as
data, one concept per module), ``tokens`` (tokens and span lookup), ``kinds`` (the attribution kinds,
which :mod:`helpers.claims` imports from here, and the kind of a source span), ``tagger`` (the learned
cue tagger), ``spans`` (source spans), ``cues`` (cue candidates and decisions), ``hedges``, ``detect``
(one pass joining them, one row builder), then ``gold``, ``accuracy``, ``profile``, ``rewrites``,
``views``, ``authoring``; ``polnear``, ``scoring`` and ``training`` read, score and fit on PolNeAR.
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
from helpers.sourcing.detect import (
    attributions,
    classify_source,
    convention_of,
    describe_convention,
    find_attributions,
    find_hedges,
    hedges,
    not_analysed,
)
from helpers.sourcing.gold import for_convention, has_gold, read_gold_attributions, read_gold_hedges
from helpers.sourcing.profile import profile_by_group, profile_chart, sourcing_profile
from helpers.sourcing.rewrites import FATES, fate_counts, fates_html, hedge_fates
from helpers.sourcing.views import article_spans, reader_html, reader_widget

__all__ = [
    "FATES",
    "article_spans",
    "attributions",
    "classify_source",
    "convention_of",
    "coverage_disagreements",
    "coverage_summary",
    "describe_convention",
    "evaluate",
    "evaluation_details",
    "evidence_coverage",
    "fate_counts",
    "fates_html",
    "find_attributions",
    "find_hedges",
    "for_convention",
    "has_gold",
    "hedge_fates",
    "hedges",
    "kind_confusion",
    "not_analysed",
    "outside_accuracy",
    "profile_by_group",
    "profile_chart",
    "read_gold_attributions",
    "read_gold_hedges",
    "reader_html",
    "reader_widget",
    "sourcing_profile",
]
