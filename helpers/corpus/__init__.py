"""Who published what, when, and on whose reporting: the corpus read once, and each article's provenance.

A corpus from scratch: :func:`new_corpus` lays one out, :func:`add_article` adds an article to it
(read by :mod:`helpers.corpus.inputs`), :func:`add_many` a folder of them.
"""

from helpers.corpus.authoring import add_article, new_corpus
from helpers.corpus.batch import add_many
from helpers.corpus.groups import article_groups
from helpers.corpus.inputs import AuthoringError
from helpers.corpus.load import Corpus, check_source_id, is_known_outlet, load_corpus, validate_corpus
from helpers.corpus.provenance import outlet_names, overview, reporting_voice, source_kinds, timing_table
from helpers.corpus.views import timing_chart

__all__ = [
    "AuthoringError",
    "Corpus",
    "add_article",
    "add_many",
    "article_groups",
    "check_source_id",
    "is_known_outlet",
    "load_corpus",
    "new_corpus",
    "outlet_names",
    "overview",
    "reporting_voice",
    "source_kinds",
    "timing_chart",
    "timing_table",
    "validate_corpus",
]
