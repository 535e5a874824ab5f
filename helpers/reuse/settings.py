"""The reuse setting: the one place for the thresholds every notebook, the CLI and every reuse function use.

:data:`REUSE` is the default of :func:`helpers.reuse.derivation.find_reuse` and of everything built
on it (pairs, chains, the rewrites' hedges, ``python -m helpers tables``). A notebook may align
more pairs to show their passages (``find_reuse(corpus, align_min_containment=0)``), but which
pairs join a reporting chain is always decided under :data:`REUSE` (the ``relation`` column of the
pairs), so an article sits in the same chain in every notebook.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Words per shingle. Measured on the five articles (:func:`shingle_size_table`, shown in the
#: notebook): the weakest pair of rewrites of one wire story against the strongest pair from different
#: chains has containment 0.094 vs 0.040 with 3 words (2.4x: stock phrases such as "according
#: to a" still count), 0.056 vs 0.015 with 4 (3.7x), 0.034 vs 0.003 with 5 (about 11x) and no
#: better with 6, where the rewrites keep too few shared shingles. Five words also equals
#: :data:`VERBATIM_MIN_WORDS`, so a shared shingle is exactly a verbatim anchor.
SHINGLE_N = 5

#: A pair needs at least this many shared shingles to be reported at all (one or two shared
#: five-word phrases, a title or a stock formula, happen between any two articles on one subject).
MIN_SHARED_SHINGLES = 3

#: Pairs whose larger directed containment is below this are not aligned and are labelled
#: ``not derived`` without further work. With 5-word shingles, pairs from different chains stay
#: at or below 0.003 on the five articles and the weakest pair of sibling rewrites is at 0.034;
#: 0.01 sits about three times from each (their geometric mean), so paraphrase-heavy rewrites
#: still get aligned while the index keeps the aligned pairs few at scale.
ALIGN_MIN_CONTAINMENT = 0.01

#: A pair of articles of different outlets joins one reporting chain only when it shares at least
#: this many words of *distinctive* aligned text (on its less covered side), beyond formulaic
#: passages (:data:`OUTLET_STOCK_MIN_DOCS`, and phrases common in the corpus). A stock sentence
#: or two ("The embassy was bombed on Friday, killing 12 people") stays below it; the weakest
#: pair of rewrites of one wire story in the shipped corpus shares 110.
CHAIN_MIN_WORDS = 40

#: A passage that one outlet repeats in at least this many of its own articles is that outlet's
#: stock text (a background paragraph, a standard closing line): it joins that outlet's stories
#: to each other, but counts for nothing when it is all another outlet's article shares with them.
OUTLET_STOCK_MIN_DOCS = 3

#: Share of a passage's shingles that must be formulaic for the passage to count as formulaic.
FORMULAIC_SHARE = 0.5


@dataclass(frozen=True)
class ReuseSettings:
    """The thresholds a caller may set: shingle size, minimum shared shingles, containment to align."""

    n: int = SHINGLE_N
    min_shared: int = MIN_SHARED_SHINGLES
    align_min_containment: float = ALIGN_MIN_CONTAINMENT


#: The one reuse setting: the default of every function in :mod:`helpers.reuse`.
REUSE = ReuseSettings()
