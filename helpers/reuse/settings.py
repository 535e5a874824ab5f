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


# --------------------------------------------------------------------------------------------
# The shingle index (:mod:`helpers.reuse.candidates`)
# --------------------------------------------------------------------------------------------

#: A shingle found in more than ``max(BOILERPLATE_MIN_DOCS, BOILERPLATE_SHARE * n_articles)``
#: articles is treated as a stock phrase or page furniture and skipped by the index. The floor
#: keeps every shingle in small corpora; the share only bites when a phrase is in hundreds of
#: articles, where it says nothing about any one pair and would cost a quadratic number of pairs.
BOILERPLATE_MIN_DOCS = 100
BOILERPLATE_SHARE = 0.02
#: ... and never more than this many articles, whatever the corpus size: a posting list of ``k``
#: articles costs ``k*(k-1)/2`` pairs, so the share alone let one shingle in 2 % of 100,000
#: articles make 2 million pairs (the 100,000-article run died of memory in that step). 500 keeps
#: a list at most ~125,000 pairs and leaves every corpus under 25,000 articles (500 / 2 %: the
#: benchmark's 1,000-10,000, the shipped corpora) exactly as before; a story copied in more than
#: 500 articles is still found through its other, rarer shingles and its alignment.
BOILERPLATE_MAX_DOCS = 500

#: A shingle found in more than ``max(COMMON_MIN_DOCS, COMMON_SHARE * n_articles)`` articles is
#: *common*: still counted in containment, but a pair sharing only common shingles (stock phrases
#: such as "did not respond to a request for comment", one outlet's footer) is aligned only when
#: its containment reaches :data:`ALIGN_COMMON_CONTAINMENT`. Without this, a corpus of a few
#: hundred articles with stock phrases in a quarter of them aligns thousands of pairs that share
#: nothing else. A story copied by more outlets than the limit still gets aligned through the
#: second threshold, since copies share far more than a stock phrase.
COMMON_MIN_DOCS = 10
COMMON_SHARE = 0.005
ALIGN_COMMON_CONTAINMENT = 0.1

#: :func:`helpers.reuse.derivation.find_reuse` on two cores or more shares the alignment with
#: worker processes only for corpora of more than this many articles: starting the workers (a
#: fresh interpreter importing pandas and rapidfuzz each) and shipping the texts costs a few
#: seconds, which small corpora (the tests, a notebook's event) would feel.
PARALLEL_MIN_ARTICLES = 2_000

# --------------------------------------------------------------------------------------------
# Labels (:mod:`helpers.reuse.labels`)
# --------------------------------------------------------------------------------------------

#: METER-style labels from the share of the derived article's words inside aligned passages.
#: METER calls a text *wholly derived* when the source is its only source: rewrites add headings,
#: datelines and a little commentary, so 60 % coverage (most of the text traceable) is taken as
#: "wholly". *Partially derived* needs a fifth of the text traceable: below that, shared passages
#: are the few quotes and facts that independent accounts of one event have in common.
WHOLLY_DERIVED_MIN_COVERAGE = 0.6
PARTIALLY_DERIVED_MIN_COVERAGE = 0.2


# --------------------------------------------------------------------------------------------
# Alignment of one pair (:mod:`helpers.reuse.alignment`)
# --------------------------------------------------------------------------------------------

#: A verbatim passage is a run of at least this many identical normalised words. Five words is
#: longer than the stock phrases shared by unrelated articles ("according to a senior") and
#: short enough to catch a copied quote ("tomorrow we will see" plus one word of context).
VERBATIM_MIN_WORDS = 5

#: A sentence already covered this much by verbatim runs is not aligned again as paraphrase; a
#: sentence with shorter verbatim runs is, so that its reworded rest counts as derived too.
VERBATIM_SENTENCE_SHARE = 0.9

#: Fuzzy sentence alignment: rapidfuzz ``token_sort_ratio`` over the content words (stop words
#: dropped) of two sentences. On the five articles, known paraphrases of one Reuters sentence
#: score 64-78 and the best match of an FT sentence in a Reuters rewrite stays below 65 unless
#: both quote the same words (Jalali's "Tomorrow, we will see": 70). 65 is the boundary.
PARAPHRASE_MIN_SCORE = 65.0

#: ... and the two sentences must share at least this many content words (short sentences such
#: as "The minister grew increasingly desperate." otherwise reach the score on one shared name).
PARAPHRASE_MIN_SHARED_WORDS = 3

# --------------------------------------------------------------------------------------------
# Clues a reader can see (:mod:`helpers.reuse.clues`)
# --------------------------------------------------------------------------------------------

#: Shortest quoted passage (characters between the quote marks) worth comparing.
QUOTE_MIN_CHARS = 3

#: Two quotes are the same quote when the shorter one's normalised words match inside the
#: longer one at this rapidfuzz ``partial_ratio`` or more ("Tomorrow, we will see" inside
#: "He replied: 'Tomorrow, we will see'"); below 100 the wording was altered.
QUOTE_MIN_SCORE = 70.0


@dataclass(frozen=True)
class ReuseSettings:
    """The thresholds a caller may set: shingle size, minimum shared shingles, containment to align."""

    n: int = SHINGLE_N
    min_shared: int = MIN_SHARED_SHINGLES
    align_min_containment: float = ALIGN_MIN_CONTAINMENT


#: The one reuse setting: the default of every function in :mod:`helpers.reuse`.
REUSE = ReuseSettings()


# --------------------------------------------------------------------------------------------
# Stories and boilerplate (:mod:`helpers.reuse.stories`, :mod:`helpers.reuse.boilerplate`)
# --------------------------------------------------------------------------------------------

#: An article's profile for grouping stories: the names it uses (capitalised words inside a
#: sentence: people, places, organisations, months), weighted by tf-idf where the corpus is
#: padded with this many background articles naming none of them. Without the padding, a corpus
#: all about one happening gives its shared names no weight at all (they are in every article);
#: with it, a name in every article of a five-article corpus still counts, while in a corpus of
#: hundreds the names every story shares ("Trump", "Clinton") weigh next to nothing.
STORY_BACKGROUND_DOCS = 30

#: Two groups of articles are one story when the average cosine similarity of their articles'
#: name profiles (over every pair across the two groups, unrelated pairs counting 0) reaches
#: this. Average linkage, so one shared name does not chain unrelated stories. Measured (names,
#: 30 background articles): the least similar pair of the shipped corpus's five accounts of one
#: escape is at 0.34; among the 84 PolNeAR development stories half the pairs are below 0.03 and
#: 99 % below 0.20 (benchmarks/independence.py prints the groups it gives).
STORY_MIN_SIMILARITY = 0.25

#: Shortest recurring passage set aside as boilerplate (an editor's note, a sign-off, a bio), in
#: words: two five-word shingles' worth, so a stock phrase ("said in a statement on") is left to
#: the formulaic test of :class:`helpers.reuse.labels.Formulaic` instead.
BOILERPLATE_MIN_WORDS = 10
