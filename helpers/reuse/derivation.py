"""Text reuse between articles: who shares wording with whom, which passages, in which direction.

Three steps, each scaling with the amount of shared text rather than the square of the corpus:

1. **Candidates** from an inverted index of hashed word n-gram shingles
   (:mod:`helpers.reuse.shingles`): exact shared-shingle counts for every pair that shares any, giving
   both directed containments and a symmetric Jaccard similarity.
2. **Alignment**, only for pairs whose containment reaches :data:`ALIGN_MIN_CONTAINMENT`:
   verbatim runs of identical normalised words, then fuzzy sentence alignment (rapidfuzz) for
   paraphrase, each passage with its character spans in both unmodified texts.
3. **Labels** in the spirit of the METER corpus (wholly / partially / not derived) from the share
   of the derived article covered by aligned passages, and the direction from publication dates.

Built on these pairs: reporting chains and the CSV export (:mod:`helpers.reuse.chaining`), the clues a
reader could see without software (:mod:`helpers.reuse.clues`), one pair's passages side by side
(:mod:`helpers.reuse.passages`) and the charts (:mod:`helpers.reuse.views`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from helpers.core.text import sentence_spans
from helpers.reuse import shingles
from helpers.reuse.shingles import Tokens

# --------------------------------------------------------------------------------------------
# Thresholds. Each is a named constant so that the notebooks and the benchmark can show them.
# --------------------------------------------------------------------------------------------

#: Words per shingle. Measured on the five articles (:func:`shingle_size_table`, shown in the
#: notebook): the weakest pair of Reuters rewrites against the strongest pair from different
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

#: A shingle found in more than ``max(BOILERPLATE_MIN_DOCS, BOILERPLATE_SHARE * n_articles)``
#: articles is treated as a stock phrase or page furniture and skipped by the index. The floor
#: keeps every shingle in small corpora; the share only bites when a phrase is in hundreds of
#: articles, where it says nothing about any one pair and would cost a quadratic number of pairs.
BOILERPLATE_MIN_DOCS = 100
BOILERPLATE_SHARE = 0.02

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
#: as "Assad turned increasingly desperate." otherwise reach the score on one shared name).
PARAPHRASE_MIN_SHARED_WORDS = 3

#: METER-style labels from the share of the derived article's words inside aligned passages.
#: METER calls a text *wholly derived* when the source is its only source: rewrites add headings,
#: datelines and a little commentary, so 60 % coverage (most of the text traceable) is taken as
#: "wholly". *Partially derived* needs a fifth of the text traceable: below that, shared passages
#: are the few quotes and facts that independent accounts of one event have in common.
WHOLLY_DERIVED_MIN_COVERAGE = 0.6
PARTIALLY_DERIVED_MIN_COVERAGE = 0.2

WHOLLY = "wholly derived"
PARTIALLY = "partially derived"
NOT_DERIVED = "not derived"
LABEL_ORDER = {NOT_DERIVED: 0, PARTIALLY: 1, WHOLLY: 2}

VERBATIM = "verbatim"
PARAPHRASE = "paraphrase"

#: Function words ignored by the paraphrase scorer (they carry no evidence of copying).
_STOP_WORDS_TEXT = (
    "a an the of to in on at by for with from and or but as is was were be been being are am that this "
    "these those it its he his him she her they their them we our you your i me my who whom whose which "
    "what when where while after before over under into out up down about than then so not no nor also "
    "has had have having do did does done just only even very there here said says say would could should "
    "will shall can may might must one his hers theirs s t according"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

PAIR_COLUMNS = [
    "source_a",
    "source_b",
    "similarity",
    "containment_a_in_b",
    "containment_b_in_a",
    "shared_passages",
    "label",
    "shared_shingles",
    "distinctive_shingles",
    "coverage_a",
    "coverage_b",
    "derived",
    "direction_basis",
]
PASSAGE_COLUMNS = ["source_a", "source_b", "kind", "score", "a_start", "a_end", "b_start", "b_end", "a_text", "b_text"]


# --------------------------------------------------------------------------------------------
# Step 1: candidates from the shingle index
# --------------------------------------------------------------------------------------------


def boilerplate_limit(n_docs: int) -> int:
    """Document frequency above which a shingle is treated as a stock phrase and skipped."""
    return max(BOILERPLATE_MIN_DOCS, int(BOILERPLATE_SHARE * n_docs))


def common_limit(n_docs: int) -> int:
    """Document frequency above which a shingle no longer counts as distinctive of a pair."""
    return max(COMMON_MIN_DOCS, int(COMMON_SHARE * n_docs))


def candidate_pairs(
    texts: Mapping[str, str], n: int = SHINGLE_N, min_shared: int = MIN_SHARED_SHINGLES
) -> pd.DataFrame:
    """Every pair sharing at least ``min_shared`` shingles, with containments and Jaccard similarity.

    ``containment_a_in_b`` is the share of A's distinct shingles also in B; ``similarity`` is the
    Jaccard index of the two shingle sets; ``distinctive_shingles`` counts the shared shingles
    that are not common in the corpus (see :data:`COMMON_MIN_DOCS`). Pairs are ordered
    ``source_a`` before ``source_b`` in the order of ``texts``.
    """
    ids = list(texts)
    return _candidates(ids, [shingles.tokenize(texts[sid]) for sid in ids], n, min_shared)


def _candidates(ids: Sequence[str], tokens: Sequence[Tokens], n: int, min_shared: int) -> pd.DataFrame:
    """:func:`candidate_pairs` on texts already tokenised."""
    sets = [np.unique(shingles.shingle_hashes(t.hashes, n)) for t in tokens]
    sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
    a, b, shared, distinctive = shingles.shared_counts(sets, boilerplate_limit(len(ids)), common_limit(len(ids)))
    del sets
    keep = shared >= min_shared
    a, b, shared, distinctive = a[keep], b[keep], shared[keep], distinctive[keep]
    na, nb = sizes[a], sizes[b]
    names = np.asarray(ids, dtype=object)
    frame = pd.DataFrame(
        {
            "source_a": names[a],
            "source_b": names[b],
            "shared_shingles": shared,
            "distinctive_shingles": distinctive,
            "containment_a_in_b": shared / np.maximum(na, 1),
            "containment_b_in_a": shared / np.maximum(nb, 1),
            "similarity": shared / np.maximum(na + nb - shared, 1),
        }
    )
    return frame.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Step 2: alignment of one pair
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """What alignment needs of one text, computed once per article."""

    text: str
    tokens: Tokens
    sentences: tuple[tuple[int, int], ...]
    bounds: np.ndarray  # sentence k holds tokens [bounds[k], bounds[k+1])
    content: tuple[str, ...]  # content words of each sentence, sorted, joined by spaces
    content_ids: tuple[np.ndarray, ...]  # the same words as stable hashes, unique
    anchors: np.ndarray  # hash of the VERBATIM_MIN_WORDS-word window starting at each token


def profile(text: str, tokens: Tokens | None = None) -> Profile:
    """Tokens, sentences and verbatim anchors of one text (``tokens`` if already tokenised)."""
    toks = shingles.tokenize(text) if tokens is None else tokens
    sents = tuple(sentence_spans(text))
    starts = np.asarray([s for s, _ in sents], dtype=np.int64)
    sentence_of = np.searchsorted(starts, toks.starts, side="right") - 1
    bounds = np.searchsorted(sentence_of, np.arange(len(sents) + 1), side="left")
    hashes = toks.hashes
    stop = np.fromiter((w in STOP_WORDS for w in toks.words), dtype=bool, count=len(toks))
    content = []
    content_ids = []
    for k in range(len(sents)):
        lo, hi = int(bounds[k]), int(bounds[k + 1])
        keep = ~stop[lo:hi]
        content.append(" ".join(sorted(w for w, c in zip(toks.words[lo:hi], keep, strict=True) if c)))
        content_ids.append(hashes[lo:hi][keep])
    anchors = (
        shingles.shingle_hashes(hashes, VERBATIM_MIN_WORDS)
        if len(toks) >= VERBATIM_MIN_WORDS
        else np.empty(0, np.uint64)
    )
    return Profile(text, toks, sents, bounds, tuple(content), tuple(content_ids), anchors)


def _verbatim_runs(pa: Profile, pb: Profile) -> list[tuple[int, int, int, int]]:
    """Maximal runs of identical normalised words, as token ranges ``(a_lo, a_hi, b_lo, b_hi)``.

    Anchors are the positions where both texts have the same ``VERBATIM_MIN_WORDS``-word window;
    anchors on one diagonal (same ``i - j``) at consecutive positions form one run. Overlapping
    runs (a phrase repeated in one text) are resolved longest first.
    """
    if pa.anchors.size == 0 or pb.anchors.size == 0:
        return []
    order_b = np.argsort(pb.anchors, kind="stable")
    sorted_b = pb.anchors[order_b]
    lo = np.searchsorted(sorted_b, pa.anchors, side="left")
    hi = np.searchsorted(sorted_b, pa.anchors, side="right")
    counts = hi - lo
    if not counts.any():
        return []
    i = np.repeat(np.arange(pa.anchors.size, dtype=np.int64), counts)
    offsets = np.arange(i.size, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    j = order_b[np.repeat(lo, counts) + offsets].astype(np.int64)
    diag = i - j
    order = np.lexsort((i, diag))
    i, diag = i[order], diag[order]
    brk = np.r_[True, (diag[1:] != diag[:-1]) | (i[1:] != i[:-1] + 1)]
    first = np.flatnonzero(brk)
    last = np.r_[first[1:], i.size] - 1
    k = VERBATIM_MIN_WORDS
    a_lo, a_hi = i[first], i[last] + k
    b_lo = a_lo - diag[first]
    length = a_hi - a_lo
    runs = sorted(
        zip(a_lo.tolist(), a_hi.tolist(), b_lo.tolist(), length.tolist(), strict=True),
        key=lambda r: (-r[3], r[0], r[2]),
    )
    if len(runs) == 1:
        x0, x1, y0, n = runs[0]
        return [(x0, x1, y0, y0 + n)]
    used_a = np.zeros(len(pa.tokens), dtype=bool)
    used_b = np.zeros(len(pb.tokens), dtype=bool)
    chosen = []
    for x0, x1, y0, n in runs:
        y1 = y0 + n
        if used_a[x0:x1].any() or used_b[y0:y1].any():
            continue
        used_a[x0:x1] = True
        used_b[y0:y1] = True
        chosen.append((x0, x1, y0, y1))
    return sorted(chosen)


def _shared_word_counts(left: Sequence[np.ndarray], right: Sequence[np.ndarray]) -> np.ndarray:
    """Matrix of distinct words shared by each left and right sentence (word hashes per sentence).

    A sort-and-search join on integer keys: no BLAS, so no thread start-up per small product.
    """

    def entries(groups: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        sizes = [g.size for g in groups]
        rows = np.repeat(np.arange(len(groups), dtype=np.int64), sizes)
        words = np.concatenate(groups) if groups else np.empty(0, np.uint64)
        order = np.lexsort((rows, words))
        words, rows = words[order], rows[order]
        keep = np.r_[True, (words[1:] != words[:-1]) | (rows[1:] != rows[:-1])] if words.size else np.empty(0, bool)
        return words[keep], rows[keep]

    out = np.zeros((len(left), len(right)), dtype=np.int64)
    lw, lr = entries(left)
    rw, rr = entries(right)
    if lw.size == 0 or rw.size == 0:
        return out
    lo = np.searchsorted(rw, lw, side="left")
    hi = np.searchsorted(rw, lw, side="right")
    counts = hi - lo
    rows = np.repeat(lr, counts)
    offsets = np.arange(rows.size, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    cols = rr[np.repeat(lo, counts) + offsets]
    np.add.at(out, (rows, cols), 1)
    return out


def _paraphrases(pa: Profile, pb: Profile, covered_a: np.ndarray) -> list[tuple[int, int, float]]:
    """Sentence pairs ``(sentence_a, sentence_b, score)`` aligned by fuzzy matching of content words.

    Candidate sentences share at least :data:`PARAPHRASE_MIN_SHARED_WORDS` content words
    (counted by an integer join); each sentence of A keeps its best-scoring partner (the first on ties).
    """
    na, nb = len(pa.sentences), len(pb.sentences)
    if na == 0 or nb == 0:
        return []
    done = np.add.reduceat(np.r_[covered_a, False].astype(np.int64), pa.bounds[:-1]) if covered_a.size else None
    sizes = np.diff(pa.bounds)
    todo = [k for k in range(na) if sizes[k] > 0 and (done is None or done[k] < VERBATIM_SENTENCE_SHARE * sizes[k])]
    if not todo:
        return []
    overlap = _shared_word_counts([pa.content_ids[k] for k in todo], pb.content_ids)
    best: dict[int, tuple[float, int]] = {}
    rows, cols = np.nonzero(overlap >= PARAPHRASE_MIN_SHARED_WORDS)
    for r, j in zip(rows.tolist(), cols.tolist(), strict=True):
        k = todo[r]
        cur = best.get(k, (0.0, -1))[0]
        score = fuzz.ratio(pa.content[k], pb.content[j], score_cutoff=max(cur, PARAPHRASE_MIN_SCORE))
        if score > cur:
            best[k] = (score, j)
    return [(k, j, float(score)) for k, (score, j) in sorted(best.items())]


class Alignment(NamedTuple):
    """Passages of one pair plus the share of each text's words they cover."""

    passages: pd.DataFrame
    coverage_a: float
    coverage_b: float


_Passage = tuple[str, float, int, int, int, int]  # kind, score, a_start, a_end, b_start, b_end


def _align(pa: Profile, pb: Profile) -> tuple[list[_Passage], float, float]:
    """Passages as tuples and the two coverages (the work behind :func:`align`)."""
    covered_a = np.zeros(len(pa.tokens), dtype=bool)
    covered_b = np.zeros(len(pb.tokens), dtype=bool)
    rows: list[_Passage] = []
    for a_lo, a_hi, b_lo, b_hi in _verbatim_runs(pa, pb):
        covered_a[a_lo:a_hi] = True
        covered_b[b_lo:b_hi] = True
        a0, a1 = int(pa.tokens.starts[a_lo]), int(pa.tokens.ends[a_hi - 1])
        b0, b1 = int(pb.tokens.starts[b_lo]), int(pb.tokens.ends[b_hi - 1])
        rows.append((VERBATIM, round(fuzz.ratio(pa.text[a0:a1], pb.text[b0:b1]), 1), a0, a1, b0, b1))
    for i, j, score in _paraphrases(pa, pb, covered_a):
        covered_a[pa.bounds[i] : pa.bounds[i + 1]] = True
        covered_b[pb.bounds[j] : pb.bounds[j + 1]] = True
        (a0, a1), (b0, b1) = pa.sentences[i], pb.sentences[j]
        rows.append((PARAPHRASE, round(score, 1), a0, a1, b0, b1))
    rows.sort(key=lambda r: (r[2], r[4], r[0]))
    cov_a = float(covered_a.mean()) if covered_a.size else 0.0
    cov_b = float(covered_b.mean()) if covered_b.size else 0.0
    return rows, cov_a, cov_b


def align(pa: Profile | str, pb: Profile | str) -> Alignment:
    """Shared passages of two texts: verbatim runs, then paraphrased sentences; spans index the raw texts.

    Each passage gives ``[a_start, a_end)`` and ``[b_start, b_end)`` character offsets into the
    unmodified texts, the text of each side, its kind (``verbatim`` or ``paraphrase``) and a
    score: rapidfuzz ``ratio`` of the two raw passages for verbatim runs (100 unless spelling,
    case or quote style differ), the content-word ``token_sort_ratio`` for paraphrase. A
    paraphrased sentence may contain verbatim runs, listed as passages of their own.
    """
    pa = profile(pa) if isinstance(pa, str) else pa
    pb = profile(pb) if isinstance(pb, str) else pb
    rows, cov_a, cov_b = _align(pa, pb)
    return Alignment(_passage_frame(rows, pa.text, pb.text), cov_a, cov_b)


def _passage_frame(rows: list[_Passage], text_a: str, text_b: str) -> pd.DataFrame:
    """Passage tuples as a DataFrame with the text of each side."""
    return pd.DataFrame(
        [(kind, score, a0, a1, b0, b1, text_a[a0:a1], text_b[b0:b1]) for kind, score, a0, a1, b0, b1 in rows],
        columns=PASSAGE_COLUMNS[2:],
    )


# --------------------------------------------------------------------------------------------
# Step 3: labels and direction
# --------------------------------------------------------------------------------------------


def derivation_label(coverage: float) -> str:
    """METER-style label for an article whose words are ``coverage`` inside passages from another."""
    if coverage >= WHOLLY_DERIVED_MIN_COVERAGE:
        return WHOLLY
    if coverage >= PARTIALLY_DERIVED_MIN_COVERAGE:
        return PARTIALLY
    return NOT_DERIVED


def _day(value: object) -> str:
    """A date as YYYY-MM-DD for evidence strings."""
    return pd.Timestamp(value).strftime("%Y-%m-%d") if pd.notna(value) else "unknown date"


@dataclass(frozen=True)
class Meta:
    """Publication date and credits per source id, looked up once per pair."""

    published: Mapping[str, pd.Timestamp]
    credits: Mapping[str, frozenset[str]]

    @classmethod
    def of(cls, corpus: pd.DataFrame) -> Meta:
        """From a corpus frame; missing columns mean unknown dates and no credits."""
        ids = [str(s) for s in corpus.index]
        pub = corpus["published"] if "published" in corpus else pd.Series(pd.NaT, index=corpus.index)
        cred = corpus["credits"] if "credits" in corpus else pd.Series([()] * len(ids), index=corpus.index)
        return cls(
            dict(zip(ids, pub, strict=True)),
            {sid: frozenset(c if isinstance(c, tuple | list) else ()) for sid, c in zip(ids, cred, strict=True)},
        )


def direction(a: str, b: str, coverage_a: float, coverage_b: float, meta: Meta) -> tuple[str, float, str]:
    """Which side of a pair is the derived one, its coverage, and why (a readable string).

    The later publication is the derived side (a text cannot copy one not yet written). On the
    same day, two articles crediting the same outside outlet are treated as siblings of that
    upstream (no side derived from the other); otherwise the side more covered by the other is
    taken as the copy (rewrites are usually shorter than, and contained in, their source).
    """
    pub_a, pub_b = meta.published.get(a, pd.NaT), meta.published.get(b, pd.NaT)
    if pd.notna(pub_a) and pd.notna(pub_b) and pub_a != pub_b:
        later, earlier = (a, b) if pub_a > pub_b else (b, a)
        cov_later, cov_earlier = (coverage_a, coverage_b) if later == a else (coverage_b, coverage_a)
        basis = f"{later} published later ({_day(meta.published[later])} vs {_day(meta.published[earlier])})"
        if cov_earlier > cov_later and derivation_label(cov_earlier) != derivation_label(cov_later):
            basis += f"; but {earlier} is more covered ({cov_earlier:.2f} vs {cov_later:.2f}): check the dates"
        return later, cov_later, basis
    common = sorted(meta.credits.get(a, frozenset()) & meta.credits.get(b, frozenset()))
    if common:
        names = ", ".join(common)
        return "", max(coverage_a, coverage_b), f"same date and both credit {names}: siblings from a common upstream"
    if coverage_a == coverage_b:
        return "", coverage_a, "same date and equal coverage: direction undetermined"
    derived, other = (a, b) if coverage_a > coverage_b else (b, a)
    cov_d, cov_o = max(coverage_a, coverage_b), min(coverage_a, coverage_b)
    return derived, cov_d, f"same date; {derived} is more covered by {other} ({cov_d:.2f} vs {cov_o:.2f})"


# --------------------------------------------------------------------------------------------
# The whole corpus
# --------------------------------------------------------------------------------------------


class Reuse(NamedTuple):
    """Pairs (one row per related or reported pair) and the passages of the aligned ones."""

    pairs: pd.DataFrame
    passages: pd.DataFrame


def _texts(corpus: pd.DataFrame) -> dict[str, str]:
    """The corpus texts by source id, in corpus order."""
    return {str(sid): str(text) for sid, text in corpus["text"].items()}


def corpus_column(corpus: pd.DataFrame, name: str, default: object) -> dict[str, object]:
    """One corpus column as a dict by source id (``default`` when the column is missing)."""
    if name in corpus:
        return {str(sid): value for sid, value in corpus[name].items()}
    return {str(sid): default for sid in corpus.index}


def find_reuse(
    corpus: pd.DataFrame,
    *,
    n: int = SHINGLE_N,
    min_shared: int = MIN_SHARED_SHINGLES,
    align_min_containment: float = ALIGN_MIN_CONTAINMENT,
) -> Reuse:
    """Candidate pairs from the shingle index, aligned and labelled when containment warrants it.

    ``corpus`` needs a ``text`` column indexed by source id; ``published`` and ``credits`` are
    used for the direction when present. Only pairs sharing at least ``min_shared`` shingles
    are returned (every other pair has similarity and containment near zero). A pair is
    aligned when its larger containment reaches ``align_min_containment`` and it shares at least
    ``MIN_SHARED_SHINGLES`` distinctive shingles, or reaches :data:`ALIGN_COMMON_CONTAINMENT`.
    The notebook passes ``align_min_containment=0`` to align every pair, weak ones included.
    """
    texts = _texts(corpus)
    meta = Meta.of(corpus)
    ids = list(texts)
    tokens = {sid: shingles.tokenize(texts[sid]) for sid in ids}
    cand = _candidates(ids, [tokens[sid] for sid in ids], n, min_shared)
    profiles: dict[str, Profile] = {}
    rows: list[tuple[object, ...]] = []
    passage_rows: list[tuple[object, ...]] = []
    below = f"containment below {align_min_containment:g}: not aligned"
    common = f"shares only common phrases and containment below {ALIGN_COMMON_CONTAINMENT:g}: not aligned"
    columns = zip(
        cand["source_a"], cand["source_b"], cand["similarity"], cand["containment_a_in_b"],
        cand["containment_b_in_a"], cand["shared_shingles"], cand["distinctive_shingles"], strict=True,
    )  # fmt: skip
    for a, b, sim, c_ab, c_ba, shared, distinctive in columns:
        base = (a, b, float(sim), float(c_ab), float(c_ba))
        counts = (int(shared), int(distinctive))
        c_max = max(c_ab, c_ba)
        if align_min_containment > 0 and (
            c_max < align_min_containment or (distinctive < MIN_SHARED_SHINGLES and c_max < ALIGN_COMMON_CONTAINMENT)
        ):
            rows.append(
                (*base, 0, NOT_DERIVED, *counts, 0.0, 0.0, "", below if c_max < align_min_containment else common)
            )
            continue
        pa = profiles.get(a) or profiles.setdefault(a, profile(texts[a], tokens[a]))
        pb = profiles.get(b) or profiles.setdefault(b, profile(texts[b], tokens[b]))
        found, cov_a, cov_b = _align(pa, pb)
        derived, cov, basis = direction(a, b, cov_a, cov_b, meta)
        label = derivation_label(cov)
        rows.append((*base, len(found), label, *counts, cov_a, cov_b, derived if label != NOT_DERIVED else "", basis))
        passage_rows.extend((a, b, kind, score, a0, a1, b0, b1, texts[a][a0:a1], texts[b][b0:b1])
                            for kind, score, a0, a1, b0, b1 in found)  # fmt: skip
    pairs_df = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    passages_df = pd.DataFrame(passage_rows, columns=PASSAGE_COLUMNS)
    return Reuse(pairs_df, passages_df)


def pairs(corpus: pd.DataFrame) -> pd.DataFrame:
    """The reuse pairs of a corpus (see :func:`find_reuse`)."""
    return find_reuse(corpus).pairs


def ranked(pairs_df: pd.DataFrame) -> pd.DataFrame:
    """All pairs, strongest first: by label, then by the larger coverage, then by name."""
    return (
        pairs_df.assign(_r=pairs_df["label"].map(LABEL_ORDER), _c=pairs_df[["coverage_a", "coverage_b"]].max(axis=1))
        .sort_values(["_r", "_c", "source_a", "source_b"], ascending=[False, False, True, True])
        .drop(columns=["_r", "_c"])
    )


def related(pairs_df: pd.DataFrame) -> pd.DataFrame:
    """The pairs labelled wholly or partially derived, strongest first."""
    return ranked(pairs_df[pairs_df["label"] != NOT_DERIVED])


class UnknownPairError(KeyError):
    """A pair of source ids with no row in the pairs table; the message names the pair."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


def pair_row_of(pairs_df: pd.DataFrame, a: str, b: str) -> pd.Series:
    """The row of pair ``(a, b)`` in either order; raises :class:`UnknownPairError` naming the pair when absent."""
    sel = pairs_df[
        ((pairs_df["source_a"] == a) & (pairs_df["source_b"] == b))
        | ((pairs_df["source_a"] == b) & (pairs_df["source_b"] == a))
    ]
    if sel.empty:
        raise UnknownPairError(unknown_pair_message(pairs_df, a, b))
    return sel.iloc[0]


def unknown_pair_message(pairs_df: pd.DataFrame, a: str, b: str) -> str:
    """One line saying that ``a`` / ``b`` is not a reported pair, and which pairs each side does have."""
    known = set(pairs_df["source_a"]) | set(pairs_df["source_b"])
    missing = [sid for sid in (a, b) if sid not in known]
    if missing:
        why = f"{', '.join(repr(m) for m in missing)} in no reported pair"
    else:
        why = f"not in this table (pairs sharing fewer than {MIN_SHARED_SHINGLES} shingles are not reported)"
    return f"no reuse pair {a!r} / {b!r} in either order: {why}"


def article_labels(corpus: pd.DataFrame, pairs_df: pd.DataFrame) -> pd.DataFrame:
    """One METER-style label per article: its strongest derivation from another article in the corpus.

    An article is derived in a pair when it is the pair's ``derived`` side; siblings of a common
    upstream (no ``derived`` side) both count as derived at the pair's label, from each other.
    """
    best: dict[str, tuple[int, float, list[str], str]] = {}
    for rec in related(pairs_df).itertuples(index=False):
        sides = [rec.derived] if rec.derived else [rec.source_a, rec.source_b]
        for sid in sides:
            other = rec.source_b if sid == rec.source_a else rec.source_a
            rank = LABEL_ORDER[rec.label]
            cov = rec.coverage_a if sid == rec.source_a else rec.coverage_b
            cur = best.get(sid)
            if cur is None or (rank, cov) > (cur[0], cur[1]):
                best[sid] = (rank, cov, [other], rec.direction_basis)
            elif rank == cur[0]:
                cur[2].append(other)
    rows = []
    for sid in corpus.index:
        if sid in best:
            rank, cov, others, basis = best[sid]
            label = next(k for k, v in LABEL_ORDER.items() if v == rank)
            rows.append((sid, label, round(cov, 3), ", ".join(sorted(set(others))), basis))
        else:
            rows.append((sid, NOT_DERIVED, 0.0, "", "no passage-level reuse from another article in the corpus"))
    return pd.DataFrame(rows, columns=["source_id", "label", "coverage", "derived_from", "basis"])


# --------------------------------------------------------------------------------------------
# Tables for the notebook
# --------------------------------------------------------------------------------------------


def pair_matrix(ids: Sequence[str], pairs_df: pd.DataFrame, value: str = "similarity") -> pd.DataFrame:
    """A square table of one pair score; directed scores read row-in-column; unreported pairs are 0.

    For ``containment`` the cell (row A, column B) is the share of A's shingles found in B; the
    diagonal is 1.
    """
    ids = list(ids)
    mat = pd.DataFrame(0.0, index=pd.Index(ids, name="source"), columns=ids)
    for rec in pairs_df.itertuples(index=False):
        if rec.source_a not in mat.index or rec.source_b not in mat.index:
            continue
        if value == "containment":
            mat.at[rec.source_a, rec.source_b] = rec.containment_a_in_b
            mat.at[rec.source_b, rec.source_a] = rec.containment_b_in_a
        else:
            mat.at[rec.source_a, rec.source_b] = getattr(rec, value)
            mat.at[rec.source_b, rec.source_a] = getattr(rec, value)
    for sid in ids:
        mat.at[sid, sid] = 1.0
    return mat


def shingle_size_table(corpus: pd.DataFrame, chains_df: pd.DataFrame, sizes: Sequence[int] = (3, 4, 5)) -> pd.DataFrame:
    """For each shingle size: the weakest same-chain pair against the strongest cross-chain pair.

    Containment is the larger of a pair's two directions. ``separation`` is their ratio: how
    many times more the weakest genuinely related pair shares than the strongest unrelated one.
    Used to choose :data:`SHINGLE_N`; pairs sharing nothing count as 0.
    """
    chain_of = dict(zip(chains_df["source_id"], chains_df["chain"], strict=True))
    texts = _texts(corpus)
    ids = list(texts)
    rows = []
    for n in sizes:
        cand = candidate_pairs(texts, n=n, min_shared=1)
        best = {
            (a, b): max(x, y)
            for a, b, x, y in zip(
                cand["source_a"], cand["source_b"], cand["containment_a_in_b"], cand["containment_b_in_a"], strict=True
            )
        }
        same, cross = [], []
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                (same if chain_of.get(a) == chain_of.get(b) else cross).append(best.get((a, b), 0.0))
        lo = min(same) if same else float("nan")
        hi = max(cross) if cross else float("nan")
        rows.append(
            {
                "shingle words": n,
                "weakest same-chain pair": round(lo, 3),
                "strongest cross-chain pair": round(hi, 3),
                "separation": round(lo / hi, 1) if hi else float("inf"),
            }
        )
    return pd.DataFrame(rows)
