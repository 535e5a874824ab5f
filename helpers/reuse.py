"""Text reuse between articles: who shares wording with whom, which passages, in which direction.

Three steps, each scaling with the amount of shared text rather than the square of the corpus:

1. **Candidates** from an inverted index of hashed word n-gram shingles
   (:mod:`helpers.shingles`): exact shared-shingle counts for every pair that shares any, giving
   both directed containments and a symmetric Jaccard similarity.
2. **Alignment**, only for pairs whose containment reaches :data:`ALIGN_MIN_CONTAINMENT`:
   verbatim runs of identical normalised words, then fuzzy sentence alignment (rapidfuzz) for
   paraphrase, each passage with its character spans in both unmodified texts.
3. **Labels** in the spirit of the METER corpus (wholly / partially / not derived) from the share
   of the derived article covered by aligned passages, the direction from publication dates,
   and **reporting chains** that join text reuse with the manifest's credits.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from pandas.io.formats.style import Styler
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from helpers import shingles
from helpers.charts import OUTSIDE_COLOR, new_figure, source_colors, style_axes
from helpers.shingles import Tokens

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
CHAIN_COLUMNS = ["source_id", "chain", "basis", "evidence"]


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

_SENTENCE_END = re.compile(r"([.!?][\"”’')\]]*)\s+(?=[^\sa-z])|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences (and lines) of a text, surrounding space trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end(1) if m.group(1) else m.start()
        spans.append((pos, end))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        seg = text[start:end]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if end - trail > start + lead:
            out.append((start + lead, end - trail))
    return out


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
# Reporting chains
# --------------------------------------------------------------------------------------------


def _components(ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Union-find: a representative per id (the first in ``ids`` order of its component)."""
    order = {sid: i for i, sid in enumerate(ids)}
    parent = {sid: sid for sid in order}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            keep, drop = (ra, rb) if order[ra] < order[rb] else (rb, ra)
            parent[drop] = keep
    return {sid: find(sid) for sid in order}


def _own_name(outlet: object, sid: str) -> str:
    """An article's own chain name: its outlet when known, else its source id."""
    name = str(outlet or "").strip()
    return name if name and name.lower() != "unknown" else sid


def _column(corpus: pd.DataFrame, name: str, default: object) -> dict[str, object]:
    """One corpus column as a dict by source id (``default`` when the column is missing)."""
    if name in corpus:
        return {str(sid): value for sid, value in corpus[name].items()}
    return {str(sid): default for sid in corpus.index}


def chains(corpus: pd.DataFrame, pairs_df: pd.DataFrame) -> pd.DataFrame:
    """One reporting chain per article, with the basis and the evidence as a readable string.

    Evidence is ranked: a credit in the article's own text (``credit``) and passage-level reuse
    of another article (``text reuse``) are stated or measured; the manifest's
    ``upstream_inferred`` is ``inferred`` (weaker) and used only when neither applies. A group
    of articles joined by reuse takes the outlet its members credit most, else the upstream
    inferred for them (basis ``text reuse + inferred``), else the outlet of its earliest member
    (the presumed origin). Articles with none of these are their own chain (``own``): their
    outlet, or their source id when the outlet is unknown.
    """
    ids = [str(s) for s in corpus.index]
    position = {sid: i for i, sid in enumerate(ids)}
    credits = {
        sid: tuple(c) if isinstance(c, tuple | list) else () for sid, c in _column(corpus, "credits", ()).items()
    }
    inferred = {sid: str(v or "").strip() for sid, v in _column(corpus, "upstream_inferred", "").items()}
    outlets = _column(corpus, "outlet", "")
    published = _column(corpus, "published", pd.NaT)
    rel = related(pairs_df)
    links: dict[str, list[str]] = defaultdict(list)
    for a, b, label, cov_a, cov_b in zip(
        rel["source_a"], rel["source_b"], rel["label"], rel["coverage_a"], rel["coverage_b"], strict=True
    ):
        links[a].append(f"{label} text shared with {b} ({cov_a:.0%} of its words in aligned passages)")
        links[b].append(f"{label} text shared with {a} ({cov_b:.0%} of its words in aligned passages)")
    comp = _components(ids, zip(rel["source_a"], rel["source_b"], strict=True))
    members: dict[str, list[str]] = defaultdict(list)
    for sid in ids:
        members[comp[sid]].append(sid)

    def group_name(group: list[str]) -> tuple[str, str]:
        credited = Counter(c for sid in group for c in credits[sid])
        if credited:
            return min(credited, key=lambda c: (-credited[c], c)), "credit"
        guessed = Counter(inferred[sid] for sid in group if inferred[sid])
        if guessed:
            return min(guessed, key=lambda c: (-guessed[c], c)), "inferred"
        dated = [s for s in group if pd.notna(published[s])]
        first = min(dated, key=lambda s: (published[s], position[s])) if dated else group[0]
        return _own_name(outlets[first], first), "origin"

    names = {root: group_name(group) for root, group in members.items() if len(group) > 1}
    rows = []
    for sid in ids:
        group = members[comp[sid]]
        own = credits[sid]
        if len(group) > 1:
            name, how = names[comp[sid]]
            parts = [f"its text credits {name}"] if name in own else []
            if own and name not in own:
                parts.append(f"its text credits {', '.join(own)}, but its group credits {name} more often")
            parts.extend(links[sid])
            if how == "credit" and name not in own:
                backers = [s for s in group if name in credits[s]]
                shown = ", ".join(backers[:5]) + (f" and {len(backers) - 5} more" if len(backers) > 5 else "")
                parts.append(f"joined to {name} through {shown}, which credit {name}")
            elif how == "inferred":
                parts.append(f"{name} is the upstream inferred in the manifest, not named in the texts")
            elif how == "origin":
                parts.append(f"{name} is the outlet of the group's earliest article")
            basis = (
                "credit + text reuse"
                if name in own
                else ("text reuse + inferred" if how == "inferred" else "text reuse")
            )
            rows.append((sid, name, basis, "; ".join(parts)))
        elif own:
            extra = f" (also credits {', '.join(own[1:])})" if len(own) > 1 else ""
            rows.append(
                (sid, own[0], "credit", f"its text credits {own[0]}{extra}; no passage-level reuse in the corpus")
            )
        elif inferred[sid]:
            name = inferred[sid]
            rows.append(
                (sid, name, "inferred", f"inferred: the manifest says it follows {name}, which its text does not name")
            )
        else:
            name = _own_name(outlets[sid], sid)
            rows.append(
                (sid, name, "own", "no credit, no reuse of another article, no inferred upstream: its own chain")
            )
    return pd.DataFrame(rows, columns=CHAIN_COLUMNS)


# --------------------------------------------------------------------------------------------
# Tables, matrices and charts for the notebook
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


def tables(corpus_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """``reuse_pairs.csv`` and ``chains.csv`` for ``python -m helpers tables``."""
    from helpers.corpus import load_corpus

    corpus = load_corpus(corpus_dir)
    found = find_reuse(corpus)
    out = found.pairs.copy()
    for col in ("similarity", "containment_a_in_b", "containment_b_in_a", "coverage_a", "coverage_b"):
        out[col] = out[col].round(4)
    return {"reuse_pairs.csv": out, "chains.csv": chains(corpus, found.pairs)}


def _enclosing(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The smallest run of whole sentences covering ``[start, end)``."""
    lo = next((s for s, e in spans if s <= start < e), start)
    hi = next((e for s, e in spans if s < end <= e), end)
    return min(lo, start), max(hi, end)


def passage_units(text_a: str, text_b: str, passages_df: pd.DataFrame) -> pd.DataFrame:
    """Passages of one pair grouped for reading: whole sentences, with the verbatim runs inside them.

    Each paraphrased sentence pair is a unit; a verbatim run outside them becomes a unit of its
    enclosing sentences. Units overlapping on both sides are merged. Columns: the unit's spans
    on each side, ``kind`` (``paraphrase`` if any part is paraphrased, else ``verbatim``), the
    best ``score``, and ``runs_a`` / ``runs_b``: the verbatim spans inside it.
    """
    sents_a, sents_b = sentence_spans(text_a), sentence_spans(text_b)
    units: list[list[object]] = []
    for r in passages_df.sort_values(["a_start", "b_start"]).itertuples(index=False):
        if r.kind == PARAPHRASE:
            a0, a1, b0, b1 = r.a_start, r.a_end, r.b_start, r.b_end
        else:
            (a0, a1), (b0, b1) = _enclosing(sents_a, r.a_start, r.a_end), _enclosing(sents_b, r.b_start, r.b_end)
        units.append([int(a0), int(a1), int(b0), int(b1), r.kind, float(r.score)])
    merged: list[list[object]] = []
    for unit in sorted(units, key=lambda u: (u[0], u[2])):
        for m in merged:
            if unit[0] < m[1] and m[0] < unit[1] and unit[2] < m[3] and m[2] < unit[3]:
                m[0], m[1] = min(m[0], unit[0]), max(m[1], unit[1])
                m[2], m[3] = min(m[2], unit[2]), max(m[3], unit[3])
                m[4] = PARAPHRASE if PARAPHRASE in (m[4], unit[4]) else VERBATIM
                m[5] = max(m[5], unit[5]) if m[4] == unit[4] else (unit[5] if unit[4] == PARAPHRASE else m[5])
                break
        else:
            merged.append(unit)
    verb = passages_df[passages_df["kind"] == VERBATIM]
    rows = []
    for a0, a1, b0, b1, kind, score in merged:
        inside = verb[(verb["a_start"] >= a0) & (verb["a_end"] <= a1) & (verb["b_start"] >= b0) & (verb["b_end"] <= b1)]
        rows.append(
            {
                "a_start": a0,
                "a_end": a1,
                "b_start": b0,
                "b_end": b1,
                "kind": kind,
                "score": score,
                "runs_a": list(zip(inside["a_start"].astype(int), inside["a_end"].astype(int), strict=True)),
                "runs_b": list(zip(inside["b_start"].astype(int), inside["b_end"].astype(int), strict=True)),
            }
        )
    return pd.DataFrame(rows, columns=["a_start", "a_end", "b_start", "b_end", "kind", "score", "runs_a", "runs_b"])


def highlight(text: str, start: int, end: int, runs: Iterable[tuple[int, int]]) -> str:
    """``text[start:end]`` as escaped HTML with the ``runs`` (absolute spans) wrapped in ``<mark>``."""
    out, pos = [], start
    for r0, r1 in sorted(runs):
        r0, r1 = max(r0, pos), min(r1, end)
        if r1 <= r0:
            continue
        out.append(html.escape(text[pos:r0]))
        out.append(f"<mark>{html.escape(text[r0:r1])}</mark>")
        pos = r1
    out.append(html.escape(text[pos:end]))
    return "".join(out).replace("\n", "<br>")


def side_by_side_html(
    text_a: str, text_b: str, passages_df: pd.DataFrame, source_a: str, source_b: str, limit: int | None = None
) -> str:
    """The shared passages of one pair side by side, verbatim runs highlighted, all article text escaped.

    ``passages_df`` holds the passages of this pair (``source_a`` / ``source_b`` columns are
    used to select them when present).
    """
    sel = passages_df
    if "source_a" in sel:
        sel = sel[(sel["source_a"] == source_a) & (sel["source_b"] == source_b)]
    units = passage_units(text_a, text_b, sel)
    if limit is not None:
        units = units.head(limit)
    cell = "style='text-align:left;vertical-align:top;max-width:28em'"
    head = (
        f"<tr><th>kind</th><th>score</th><th {cell}>{html.escape(source_a)}</th>"
        f"<th {cell}>{html.escape(source_b)}</th></tr>"
    )
    body = "".join(
        f"<tr><td>{html.escape(u.kind)}</td><td>{u.score:.0f}</td>"
        f"<td {cell}>{highlight(text_a, u.a_start, u.a_end, u.runs_a)}</td>"
        f"<td {cell}>{highlight(text_b, u.b_start, u.b_end, u.runs_b)}</td></tr>"
        for u in units.itertuples(index=False)
    )
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


# --------------------------------------------------------------------------------------------
# Reading aids: what a reader could notice without software
# --------------------------------------------------------------------------------------------


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


def passage_summary(pairs_df: pd.DataFrame, passages_df: pd.DataFrame) -> pd.DataFrame:
    """Per pair with passages: how many verbatim and paraphrase passages, and the longest verbatim run."""
    rows = []
    for (a, b), grp in passages_df.groupby(["source_a", "source_b"], sort=False):
        verb = grp[grp["kind"] == VERBATIM]
        longest = verb.loc[verb["a_text"].str.len().idxmax(), "a_text"] if len(verb) else ""
        row = pair_row_of(pairs_df, a, b)
        rows.append(
            {
                "source_a": a,
                "source_b": b,
                "label": row["label"],
                "coverage_a": round(float(row["coverage_a"]), 3),
                "coverage_b": round(float(row["coverage_b"]), 3),
                "verbatim": len(verb),
                "paraphrase": int((grp["kind"] == PARAPHRASE).sum()),
                "longest verbatim run": longest,
            }
        )
    out = pd.DataFrame(rows, columns=[*PASSAGE_SUMMARY_COLUMNS])
    return out.sort_values(["coverage_a", "source_a", "source_b"], ascending=[False, True, True]).reset_index(drop=True)


PASSAGE_SUMMARY_COLUMNS = (
    "source_a",
    "source_b",
    "label",
    "coverage_a",
    "coverage_b",
    "verbatim",
    "paraphrase",
    "longest verbatim run",
)


def pair_row_of(pairs_df: pd.DataFrame, a: str, b: str) -> pd.Series:
    """The row of pair ``(a, b)`` in either order; raises ``KeyError`` naming the pair when absent."""
    sel = pairs_df[
        ((pairs_df["source_a"] == a) & (pairs_df["source_b"] == b))
        | ((pairs_df["source_a"] == b) & (pairs_df["source_b"] == a))
    ]
    if sel.empty:
        raise KeyError(f"no reuse pair {a} / {b}")
    return sel.iloc[0]


def credit_lines(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every sentence that names an outlet the article credits (what a reader sees first)."""
    rows = []
    for sid, text in corpus["text"].items():
        credited = corpus.at[sid, "credits"] if "credits" in corpus else ()
        for outlet in credited:
            pattern = re.compile(rf"\b{re.escape(outlet)}\b")
            for start, end in sentence_spans(text):
                if pattern.search(text, start, end):
                    rows.append((str(sid), outlet, text[start:end]))
    return pd.DataFrame(rows, columns=["source_id", "credits", "sentence"])


_QUOTE = re.compile(r"[“\"]([^“”\"]{3,400})[”\"]")


def quotes(text: str) -> list[tuple[int, int]]:
    """Spans of the double-quoted passages of a text (straight or curly quotes)."""
    return [m.span(1) for m in _QUOTE.finditer(text)]


#: Two quotes are the same quote when the shorter one's normalised words match inside the
#: longer one at this rapidfuzz ``partial_ratio`` or more ("Tomorrow, we will see" inside
#: "He replied: 'Tomorrow, we will see'"); below 100 the wording was altered.
QUOTE_MIN_SCORE = 70.0


def shared_quotes(corpus: pd.DataFrame) -> pd.DataFrame:
    """Quotes that appear in two articles, identical or altered, found through shared content words.

    Each quote is indexed by its content words; only quotes of different articles sharing at
    least two content words are compared, so the cost follows the shared vocabulary.
    """
    items = []
    for sid, text in corpus["text"].items():
        for start, end in quotes(text):
            norm = shingles.words(text[start:end])
            if len(norm) >= 3:
                items.append((str(sid), text[start:end], " ".join(norm), {w for w in norm if w not in STOP_WORDS}))
    by_word: dict[str, list[int]] = defaultdict(list)
    for k, item in enumerate(items):
        for w in item[3]:
            by_word[w].append(k)
    rows = []
    seen: set[tuple[int, int]] = set()
    for k, (sid, raw, norm, content) in enumerate(items):
        counts = Counter(j for w in content for j in by_word[w] if j > k and items[j][0] != sid)
        for j, shared in sorted(counts.items()):
            if shared < 2 or (k, j) in seen:
                continue
            seen.add((k, j))
            short, long_ = sorted((norm, items[j][2]), key=len)
            score = fuzz.partial_ratio(short, long_)
            if score >= QUOTE_MIN_SCORE:
                kind = "identical" if score == 100 else "altered"
                rows.append((sid, raw, items[j][0], items[j][1], round(score, 1), kind))
    return pd.DataFrame(rows, columns=["source_a", "quote_a", "source_b", "quote_b", "score", "kind"])


_NAME = re.compile(r"\b[A-Z][a-z]+(?:[’'][a-z]+)?\b")


def _deletions(word: str, depth: int) -> set[str]:
    """The word with up to ``depth`` characters deleted (the keys of a deletion-neighbourhood index)."""
    keys = {word}
    for _ in range(depth):
        keys |= {k[:i] + k[i + 1 :] for k in keys for i in range(len(k))}
    return keys


def spelling_variants(corpus: pd.DataFrame) -> pd.DataFrame:
    """Capitalised words spelled two ways across the corpus, each article keeping to one spelling.

    Transliterations (Buthaina / Bouthaina) and house styles (Armoured / Armored) travel with
    copied text, so which articles share a spelling is a clue to who copied whom. Candidates
    come from a deletion-neighbourhood index (linear in the vocabulary); a pair is kept when the
    edit distance is 1 (2 for words of seven letters or more), neither is a prefix of the other
    (Syria / Syrian), no article uses both (Iran / Iraq are two words, not two spellings), and
    each is capitalised inside a sentence somewhere (a name, not "Most" / "Post" opening a line).
    """
    uses: dict[str, set[str]] = defaultdict(set)
    inside: set[str] = set()
    for sid, text in corpus["text"].items():
        for m in _NAME.finditer(text):
            word = re.sub(r"[’']s$", "", m.group())
            if len(word) >= 4:
                uses[word].add(str(sid))
                before = text[max(0, m.start() - 12) : m.start()].rstrip(" \t“\"‘'(")
                if before and before[-1] not in ".!?:\n":
                    inside.add(word)
    uses = {w: ids for w, ids in uses.items() if w in inside}
    index: dict[str, set[str]] = defaultdict(set)
    for word in uses:
        for key in _deletions(word, 2 if len(word) >= 7 else 1):
            index[key].add(word)
    rows = []
    seen: set[tuple[str, str]] = set()
    for group in index.values():
        for a in group:
            for b in group:
                if a >= b or (a, b) in seen:
                    continue
                seen.add((a, b))
                limit = 2 if min(len(a), len(b)) >= 7 else 1
                if a.startswith(b) or b.startswith(a) or Levenshtein.distance(a, b) > limit:
                    continue
                if uses[a] & uses[b]:
                    continue
                rows.append((a, ", ".join(sorted(uses[a])), b, ", ".join(sorted(uses[b]))))
    return pd.DataFrame(rows, columns=["spelling_a", "used_by_a", "spelling_b", "used_by_b"]).sort_values(
        ["spelling_a", "spelling_b"], ignore_index=True
    )


def dependency_clues(corpus: pd.DataFrame, pairs_df: pd.DataFrame, passages_df: pd.DataFrame) -> pd.DataFrame:
    """Per pair, the clues a reader could see without software: a shared credit, the longest verbatim
    run, a quote both print, and the variant spellings both use. Pairs with no clue are left out.
    """
    credits = {sid: set(c) for sid, c in _column(corpus, "credits", ()).items()}
    quotes_df = shared_quotes(corpus)
    variants = spelling_variants(corpus)
    spelled: dict[str, set[str]] = defaultdict(set)
    for r in variants.itertuples(index=False):
        for word, users in ((r.spelling_a, r.used_by_a), (r.spelling_b, r.used_by_b)):
            for sid in users.split(", "):
                spelled[sid].add(word)
    ids = [str(s) for s in corpus.index]
    rows = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            cred = ", ".join(sorted(credits[a] & credits[b]))
            sel = passages_df[
                (passages_df["kind"] == VERBATIM)
                & (
                    ((passages_df["source_a"] == a) & (passages_df["source_b"] == b))
                    | ((passages_df["source_a"] == b) & (passages_df["source_b"] == a))
                )
            ]
            run = sel.loc[sel["a_text"].str.len().idxmax(), "a_text"] if len(sel) else ""
            q = quotes_df[
                ((quotes_df["source_a"] == a) & (quotes_df["source_b"] == b))
                | ((quotes_df["source_a"] == b) & (quotes_df["source_b"] == a))
            ]
            quote = f"{q.iloc[0]['quote_a']} ({q.iloc[0]['kind']})" if len(q) else ""
            spell = ", ".join(sorted(spelled[a] & spelled[b]))
            if not (cred or run or quote or spell):
                continue
            try:
                label = pair_row_of(pairs_df, a, b)["label"]
            except KeyError:
                label = NOT_DERIVED
            rows.append((a, b, label, cred, run, quote, spell))
    columns = [
        "source_a",
        "source_b",
        "label",
        "both credit",
        "longest verbatim run",
        "quote in both",
        "same spellings",
    ]
    return pd.DataFrame(rows, columns=columns)


def chain_summary(corpus: pd.DataFrame, chains_df: pd.DataFrame) -> pd.DataFrame:
    """One row per reporting chain: its articles, their outlets, and the basis of membership.

    Counting corroboration by rows of this table instead of by articles or outlets is the point:
    three outlets repeating one wire story are one source, not three.
    """
    outlets = _column(corpus, "outlet", "")
    rows = []
    for chain, grp in chains_df.groupby("chain", sort=False):
        ids = list(grp["source_id"])
        rows.append(
            {
                "chain": chain,
                "articles": len(ids),
                "source_ids": ", ".join(ids),
                "outlets": ", ".join(dict.fromkeys(_own_name(outlets[s], s) for s in ids)),
                "basis": ", ".join(dict.fromkeys(grp["basis"])),
            }
        )
    return pd.DataFrame(rows).sort_values(["articles", "chain"], ascending=[False, True], ignore_index=True)


def chain_counts(corpus: pd.DataFrame, chains_df: pd.DataFrame) -> pd.Series:
    """How many articles, distinct outlets and reporting chains the corpus has."""
    outlets = _column(corpus, "outlet", "")
    return pd.Series(
        {
            "articles": len(corpus),
            "outlets": len({_own_name(outlets[s], s) for s in outlets}),
            "chains": chains_df["chain"].nunique(),
            "chains not resting on inference": chains_df.loc[chains_df["basis"] != "inferred", "chain"].nunique(),
        },
        name="count",
    )


def table_style(frame: pd.DataFrame, precision: int = 3) -> Styler:
    """A table for display: floats to ``precision`` places, text left-aligned (long passages read better)."""
    text_cols = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    styler = frame.style.format(precision=precision)
    if text_cols:
        styler = styler.set_properties(subset=text_cols, **{"text-align": "left"})
    return styler


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------


def heatmap_figure(matrix: pd.DataFrame, title: str = "Containment of the row article in the column article") -> Figure:
    """A heatmap of a square pair table (see :func:`pair_matrix`), each cell annotated."""
    size = max(4.0, 0.9 * len(matrix) + 2)
    fig, ax = new_figure(size + 1.5, size)
    values = matrix.to_numpy(dtype=float)
    off = values[~np.eye(len(matrix), dtype=bool)] if len(matrix) > 1 else np.array([0.0])
    vmax = max(float(off.max()), 1e-9)
    im = ax.imshow(np.where(np.eye(len(matrix), dtype=bool), np.nan, values), cmap="Blues", vmin=0, vmax=vmax)
    ax.set_xticks(range(len(matrix.columns)), [str(c) for c in matrix.columns], rotation=35, ha="right")
    ax.set_yticks(range(len(matrix.index)), [str(i) for i in matrix.index])
    for i in range(len(matrix)):
        for j in range(len(matrix)):
            if i != j:
                v = values[i, j]
                ax.text(
                    j, i, f"{v:.3f}", ha="center", va="center", fontsize=9, color="white" if v > vmax * 0.6 else "black"
                )
    style_axes(ax, title=title)
    ax.grid(False)
    fig.colorbar(im, ax=ax, shrink=0.8)
    return fig


def graph_edges(corpus: pd.DataFrame, pairs_df: pd.DataFrame) -> pd.DataFrame:
    """The edges of the derivation graph: text reuse between articles, credits and inferred upstreams.

    Columns: ``source`` (the earlier text, or an outside outlet), ``target`` (the article),
    ``kind`` (``reuse``, ``sibling reuse`` when neither side is derived from the other,
    ``credit`` or ``inferred``), ``label`` (containment of the target in the source for reuse,
    both directions for siblings), and ``outside`` (the source is not an article of the corpus).
    """
    ids = {str(s) for s in corpus.index}
    outlets = {str(o) for o in corpus["outlet"]} if "outlet" in corpus else set()
    rows = []
    for r in related(pairs_df).itertuples(index=False):
        if r.derived:
            src = r.source_b if r.derived == r.source_a else r.source_a
            cont = r.containment_a_in_b if r.derived == r.source_a else r.containment_b_in_a
            rows.append((src, r.derived, "reuse", f"{cont:.2f}", False))
        else:
            rows.append(
                (
                    r.source_a,
                    r.source_b,
                    "sibling reuse",
                    f"{r.containment_a_in_b:.2f} / {r.containment_b_in_a:.2f}",
                    False,
                )
            )
    for sid in corpus.index:
        for outlet in corpus.at[sid, "credits"] if "credits" in corpus else ():
            rows.append((outlet, str(sid), "credit", "credited", outlet not in ids and outlet not in outlets))
        up = str(corpus.at[sid, "upstream_inferred"] or "") if "upstream_inferred" in corpus else ""
        if up:
            rows.append((up, str(sid), "inferred", "inferred", up not in ids and up not in outlets))
    return pd.DataFrame(rows, columns=["source", "target", "kind", "label", "outside"])


def derivation_graph(corpus: pd.DataFrame, pairs_df: pd.DataFrame) -> nx.DiGraph:
    """Articles and outside outlets as nodes, the :func:`graph_edges` as edges (with their attributes)."""
    graph = nx.DiGraph()
    for sid in corpus.index:
        graph.add_node(str(sid), kind="article")
    for e in graph_edges(corpus, pairs_df).itertuples(index=False):
        if e.source not in graph:
            graph.add_node(e.source, kind="outside" if e.outside else "outlet")
        graph.add_edge(e.source, e.target, kind=e.kind, label=e.label)
    return graph


def graph_layout(
    corpus: pd.DataFrame, graph: nx.DiGraph, chains_df: pd.DataFrame | None = None
) -> dict[str, tuple[float, float]]:
    """Fixed positions: one horizontal lane per reporting chain, articles left to right by publication date.

    Articles of one lane published on the same day are stacked, alternately shifted right so
    that an edge between the outer two does not run through the middle one. An outside outlet
    sits at the top left of the lane of the articles it feeds.
    """
    ids = [str(s) for s in corpus.index]
    dates = _column(corpus, "published", pd.NaT)
    known = [d for d in dates.values() if pd.notna(d)]
    day0 = min(known) if known else pd.Timestamp("1970-01-01")
    x_of = {sid: float((dates[sid] - day0).days) if pd.notna(dates[sid]) else -1.0 for sid in ids}
    lane_of = dict(zip(chains_df["source_id"], chains_df["chain"], strict=True)) if chains_df is not None else {}
    lanes: dict[str, list[str]] = defaultdict(list)
    for sid in ids:
        lanes[lane_of.get(sid, sid)].append(sid)
    order = sorted(lanes, key=lambda k: (min(x_of[s] for s in lanes[k]), k))
    span = max(x_of.values(), default=0.0) - min(x_of.values(), default=0.0)
    gap = max(2.0, span / 4)
    pos: dict[str, tuple[float, float]] = {}
    top = 0.0
    for lane in order:
        stack: Counter[float] = Counter()
        for sid in sorted(lanes[lane], key=lambda s: (x_of[s], ids.index(s))):
            k = stack[x_of[sid]]
            pos[sid] = (x_of[sid] + (gap * 0.6 if k % 2 else 0.0), top - k)
            stack[x_of[sid]] += 1
        height = max(stack.values())
        for node in sorted(n for n, d in graph.nodes(data=True) if d.get("kind") != "article"):
            if node in pos:
                continue
            fed = [t for t in graph.successors(node) if t in lanes[lane]]
            if fed:
                pos[node] = (min(pos[t][0] for t in fed) - gap, top)
        top -= height + 0.5
    for k, node in enumerate(sorted(n for n in graph.nodes if n not in pos)):
        pos[node] = (-gap, top - k)
    return pos


def graph_figure(
    corpus: pd.DataFrame, pairs_df: pd.DataFrame, chains_df: pd.DataFrame | None = None, title: str = "Who copied whom"
) -> Figure:
    """The derivation graph drawn with fixed positions (lanes by chain); inferred links dashed, outside outlets grey."""
    graph = derivation_graph(corpus, pairs_df)
    pos = graph_layout(corpus, graph, chains_df)
    fig, ax = new_figure(10, 1.2 + 0.9 * (1 - min(y for _, y in pos.values())))
    colors = source_colors([str(s) for s in corpus.index])
    articles = [n for n, d in graph.nodes(data=True) if d["kind"] == "article"]
    others = [n for n, d in graph.nodes(data=True) if d["kind"] != "article"]
    nx.draw_networkx_nodes(
        graph, pos, nodelist=articles, node_color=[colors[n] for n in articles], node_size=900, ax=ax
    )
    nx.draw_networkx_nodes(graph, pos, nodelist=others, node_color=OUTSIDE_COLOR, node_shape="s", node_size=900, ax=ax)
    nx.draw_networkx_labels(graph, {n: (x, y - 0.32) for n, (x, y) in pos.items()}, font_size=8, ax=ax)
    styles = {
        "reuse": ("solid", "black", True),
        "sibling reuse": ("solid", "black", False),
        "credit": ("solid", OUTSIDE_COLOR, True),
        "inferred": ("dashed", OUTSIDE_COLOR, True),
    }
    for kind, (style, color, arrows) in styles.items():
        edges = [(u, v) for u, v, d in graph.edges(data=True) if d["kind"] == kind]
        if edges:
            nx.draw_networkx_edges(
                graph, pos, edgelist=edges, style=style, edge_color=color, arrows=True,
                arrowstyle="-|>" if arrows else "-", node_size=500, ax=ax, connectionstyle="arc3,rad=0.08",
            )  # fmt: skip
    labels = {(u, v): d["label"] for u, v, d in graph.edges(data=True) if d["kind"] in ("reuse", "sibling reuse")}
    labels.update({(u, v): "inferred" for u, v, d in graph.edges(data=True) if d["kind"] == "inferred"})
    nx.draw_networkx_edge_labels(graph, pos, edge_labels=labels, font_size=7, ax=ax, rotate=False)
    style_axes(ax, title=title, xlabel="days after the earliest article; one row per reporting chain")
    ax.grid(False)
    ax.tick_params(axis="x", which="both", bottom=True, labelbottom=True)
    ax.set_yticks([])
    ys = [y for _, y in pos.values()]
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.5)
    handles = [
        Line2D([], [], color="black", label="text reuse (containment, A in B / B in A)"),
        Line2D([], [], color=OUTSIDE_COLOR, label="credited in the text"),
        Line2D([], [], color=OUTSIDE_COLOR, linestyle="dashed", label="inferred upstream (manifest)"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    return fig
