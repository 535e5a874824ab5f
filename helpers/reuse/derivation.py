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

from helpers.reuse import shingles
from helpers.reuse.alignment import (
    PASSAGE_COLUMNS,
    Profile,
    aligned_passages,
    profile,
)
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
        found, cov_a, cov_b = aligned_passages(pa, pb)
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
