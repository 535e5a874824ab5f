"""Dates in the text: temporal expressions found, resolved against their anchor, and measured against gold.

Layers, each importing only those above it: ``lexicon`` (word lists) → ``patterns`` → ``grammar``
(the finder) → ``mention`` → ``values`` (calendar arithmetic) → ``context`` (the walk's state) →
``points``, ``deictic``, ``relative``, ``periods`` (resolvers by kind) → ``resolve`` (the walk) →
``gold``, ``timeml``, ``authoring``.
"""

from helpers.temporal.gold import evaluate, gold_path, match_gold, read_gold
from helpers.temporal.mention import GENRES, MENTION_COLUMNS, Mention, mentions_frame
from helpers.temporal.resolve import publication_dependence, resolve_text, temporal_mentions
from helpers.temporal.timeml import to_timeml

__all__ = [
    "GENRES",
    "MENTION_COLUMNS",
    "Mention",
    "evaluate",
    "gold_path",
    "match_gold",
    "mentions_frame",
    "publication_dependence",
    "read_gold",
    "resolve_text",
    "temporal_mentions",
    "to_timeml",
]
