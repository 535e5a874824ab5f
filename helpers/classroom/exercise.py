"""What a classroom exercise is, and the shared means of building one: finding claims by words, phrasing options.

Each exercise follows one of the four SIFT moves (Stop; Investigate the source; Find better
coverage; Trace claims to the original context). A builder takes the data (corpus, codings,
reporting chains, outside reference) and search words that locate the claim in question, and
returns an :class:`Exercise`: the question, the options, the right answer *computed* from the
data, and an explanation assembled from the same rows. ``None`` means the corpus holds nothing
the exercise can be built on (another event's articles may not). The builders are in
:mod:`helpers.classroom.chain_exercises` and :mod:`helpers.classroom.claim_exercises`; the lesson
that orders them is :mod:`helpers.classroom.exercises`; rendering is :mod:`helpers.classroom.views`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from helpers.claims.coding import SUPPORTING, Codings
from helpers.corpus.load import is_known_outlet

#: The four moves of SIFT (Mike Caulfield), in teaching order.
MOVES = ("Stop", "Investigate the source", "Find better coverage", "Trace claims to the original context")
#: Option meaning "no option is right" in multiple-answer questions.
NONE_OPTION = "none of them"
#: Kinds that put a claim on the record (someone who can be held to it, or a document).
ON_RECORD = ("named", "document")


@dataclass(frozen=True, eq=False)
class Exercise:
    """One exercise: question, options, the computed right option(s), and the explanation from the data."""

    key: str
    move: str
    question: str
    options: tuple[str, ...]
    answer: tuple[str, ...]  # the right options, in option order
    explanation: str  # plain text, paragraphs separated by blank lines
    evidence: pd.DataFrame = field(default_factory=pd.DataFrame)  # the rows the explanation rests on
    multiple: bool = False  # several options may be right: check boxes instead of radio buttons
    asks_why: bool = False  # a "why" question: the answer takes a sentence beside the choice


# ---------------------------------------------------------------------------------------------
# Finding things by words, not ids
# ---------------------------------------------------------------------------------------------
def _words(query: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’-]+", query.casefold()) if w]


def _matches(text: str, query: str) -> bool:
    low = str(text).casefold()
    return all(w in low for w in _words(query))


def find_claims(codings: Codings, query: str) -> pd.DataFrame:
    """Claims whose statement contains every word of ``query`` (case-insensitive), in codebook order."""
    mask = codings.claims["statement"].map(lambda s: _matches(s, query)).astype(bool)
    return codings.claims.loc[mask]  # .loc: an empty (uncoded) mask must select rows, not columns


def _supporting(codings: Codings, claim_id: str) -> pd.DataFrame:
    ev = codings.evidence
    return ev[(ev["claim_id"] == claim_id) & ev["stance"].isin(SUPPORTING)]


def _label(corpus: pd.DataFrame, sid: str) -> str:
    """An article as an option: its id, with the outlet when the text identifies it."""
    outlet = corpus.at[sid, "outlet"] if sid in corpus.index else ""
    return f"{sid} ({outlet})" if is_known_outlet(outlet) else sid


def _ordered(options: Sequence[str], right: Iterable[str]) -> tuple[str, ...]:
    right = set(right)
    return tuple(o for o in options if o in right)


def join_words(items: Iterable[str]) -> str:
    """Items as English prose: 'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sentence(text: str) -> str:
    """End a sentence with a full stop unless it already ends with one (possibly inside a closing quote)."""
    return text if re.search(r"[.!?][”’\"')]*$", text) else text + "."


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
