"""Dates in the text: temporal expressions found, resolved against their anchor, and measured against gold."""

from helpers.temporal.gold import evaluate, gold_path, match_gold, read_gold
from helpers.temporal.resolve import publication_dependence, resolve_text, temporal_mentions
from helpers.temporal.timeml import to_timeml

__all__ = [
    "evaluate",
    "gold_path",
    "match_gold",
    "publication_dependence",
    "read_gold",
    "resolve_text",
    "temporal_mentions",
    "to_timeml",
]
