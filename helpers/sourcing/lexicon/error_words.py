"""Words the cue error analysis groups as noun cues (``make cue-errors``, :mod:`helpers.sourcing.errors`).

Where they come from: the nouns PolNeAR's annotators mark as cues ("in a statement", "the poll found"),
read off the missed-cue lists of held-out train folds; used only to name an error category.
"""

from __future__ import annotations

#: Nouns that carry an attribution ("his statement", "a new poll"), for grouping missed cues.
NOUN_CUES = frozenset(
    {
        "statement", "report", "reports", "poll", "polls", "survey", "interview", "remarks", "comments",
        "speech", "letter", "tweet", "memo", "email", "study", "analysis", "estimate", "view", "views",
        "belief", "claim", "claims", "argument", "accusations", "allegations", "promise", "pledge", "plan",
    }
)  # fmt: skip
