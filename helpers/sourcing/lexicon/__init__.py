"""The word lists and patterns of the attribution and hedge detector, one concept per module.

Kept apart from the code, the way HeidelTime keeps its resource files and spaCy its ``stop_words.py``:
:mod:`.outlets` (news organisations), :mod:`.source_words` (what a source span is made of),
:mod:`.cue_words` (the words that make or cancel a cue), :mod:`.cue_patterns` (multi-word and
typographic cues), :mod:`.hedge_patterns` (distancing words and disclaimers), :mod:`.punctuation`
(tokens and clause punctuation), :mod:`.error_words` (nouns the error analysis groups). A corpus
extends the outlets in its settings (``outlets`` in ``event.toml``), never here.
"""

from helpers.sourcing.lexicon.cue_words import CLAIM_NEGATORS
from helpers.sourcing.lexicon.outlets import (
    DEFAULT_OUTLETS,
    NEWSPAPER_NAME,
    OUTLET_PLURALS,
    REGIONAL_OUTLETS,
    WORLD_OUTLETS,
)
from helpers.sourcing.lexicon.punctuation import TOKEN
from helpers.sourcing.lexicon.source_words import COMMON_SOURCE_ADJECTIVES, GROUP_NOUNS, TIME_WORDS

__all__ = [
    "CLAIM_NEGATORS",
    "COMMON_SOURCE_ADJECTIVES",
    "DEFAULT_OUTLETS",
    "GROUP_NOUNS",
    "NEWSPAPER_NAME",
    "OUTLET_PLURALS",
    "REGIONAL_OUTLETS",
    "TIME_WORDS",
    "TOKEN",
    "WORLD_OUTLETS",
]
