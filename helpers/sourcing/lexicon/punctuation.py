"""Tokens and clause punctuation shared by the rules and the learned tagger.

Where they come from: the package's own tokenisation (a word with inner apostrophes or hyphens, or one
punctuation mark), chosen so rule offsets and tagger tokens line up.
"""

from __future__ import annotations

import re

#: A word (with inner apostrophes or hyphens) or one punctuation mark: the tokens rules and tagger share.
TOKEN = re.compile(r"\w+(?:[’'\-]\w+)*|[^\w\s]")

#: Clause-level punctuation: never inside a source span.
CLAUSE_PUNCT = set(';:()[]“”"—–.!?')
