"""Source criticism of news coverage: one subpackage per question, each with a short public face.

``corpus`` (who published what), ``claims`` (who claims what, on whose word), ``temporal`` (dates in
the text), ``timeline`` (the event day by day), ``reuse`` (who copied whom), ``sourcing`` (attributions
and hedges), ``classroom`` (exercises and student coding); ``core`` and ``display`` serve them all.
"""

from helpers.claims.coding import read_codings
from helpers.corpus.groups import article_groups
from helpers.corpus.load import Corpus, load_corpus

__all__ = ["Corpus", "article_groups", "load_corpus", "read_codings"]
