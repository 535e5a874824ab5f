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
4. **Relation**: two stories of one outlet are an ``update`` of its own reporting; a derived pair
   of different outlets is a ``rewrite`` (a chain link) only with enough distinctive shared text,
   else ``formulaic`` (stock sentences and boilerplate join no chain) or ``weak`` (aligned only
   because the caller lowered the thresholds of :data:`helpers.reuse.settings.REUSE`).

Built on these pairs: reporting chains and the CSV export (:mod:`helpers.reuse.chaining`), the clues a
reader could see without software (:mod:`helpers.reuse.clues`), one pair's passages side by side
(:mod:`helpers.reuse.passages`) and the charts (:mod:`helpers.reuse.views`).
"""

from __future__ import annotations

import dataclasses
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
from helpers.reuse.outlets import outlet_keys, own_reporting
from helpers.reuse.settings import (
    ALIGN_MIN_CONTAINMENT,  # noqa: F401 (re-exported: callers read the thresholds from here too)
    CHAIN_MIN_WORDS,
    FORMULAIC_SHARE,
    MIN_SHARED_SHINGLES,
    OUTLET_STOCK_MIN_DOCS,
    REUSE,
    SHINGLE_N,  # noqa: F401
    ReuseSettings,
)
from helpers.reuse.shingles import Tokens

# --------------------------------------------------------------------------------------------
# Thresholds. Each is a named constant so that the notebooks and the benchmark can show them;
# the ones a caller may change are in :mod:`helpers.reuse.settings` (``REUSE``).
# --------------------------------------------------------------------------------------------

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
    "relation",
]

#: Values of the pairs' ``relation`` column (empty for a pair labelled ``not derived``).
UPDATE = "update"  # two stories of one outlet's own reporting: one chain, not a rewrite
REWRITE = "rewrite"  # derived across outlets with enough distinctive shared text: a chain link
FORMULAIC = "formulaic"  # derived, but what is shared is stock text or too little: no chain link
WEAK = "weak"  # aligned only under thresholds below REUSE: no chain link


# --------------------------------------------------------------------------------------------
# Step 1: candidates from the shingle index
# --------------------------------------------------------------------------------------------


def boilerplate_limit(n_docs: int) -> int:
    """Document frequency above which a shingle is treated as a stock phrase and skipped."""
    return max(BOILERPLATE_MIN_DOCS, int(BOILERPLATE_SHARE * n_docs))


def common_limit(n_docs: int) -> int:
    """Document frequency above which a shingle no longer counts as distinctive of a pair."""
    return max(COMMON_MIN_DOCS, int(COMMON_SHARE * n_docs))


def candidate_pairs(texts: Mapping[str, str], n: int = REUSE.n, min_shared: int = REUSE.min_shared) -> pd.DataFrame:
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
    """Publication date, credits and outlet per source id, looked up once per pair.

    ``outlet`` is a key equal for two names of one outlet ('' when unknown); ``own`` is that key
    only for an article that is its outlet's own reporting (:func:`helpers.reuse.outlets.own_reporting`).
    """

    published: Mapping[str, pd.Timestamp]
    credits: Mapping[str, frozenset[str]]
    outlet: Mapping[str, str] = dataclasses.field(default_factory=dict)
    own: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, corpus: pd.DataFrame) -> Meta:
        """From a corpus frame; missing columns mean unknown dates, no credits and unknown outlets."""
        ids = [str(s) for s in corpus.index]
        pub = corpus["published"] if "published" in corpus else pd.Series(pd.NaT, index=corpus.index)
        cred = corpus["credits"] if "credits" in corpus else pd.Series([()] * len(ids), index=corpus.index)
        return cls(
            dict(zip(ids, pub, strict=True)),
            {sid: frozenset(c if isinstance(c, tuple | list) else ()) for sid, c in zip(ids, cred, strict=True)},
            outlet_keys(corpus),
            own_reporting(corpus),
        )

    def same_own_outlet(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are both the own reporting of one outlet (an update, not a rewrite)."""
        key = self.own.get(a, "")
        return bool(key) and key == self.own.get(b, "")


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


def _settings(settings: ReuseSettings | None, **overrides: float | None) -> ReuseSettings:
    """``settings`` (default :data:`REUSE`) with the keyword overrides that are not None."""
    return dataclasses.replace(settings or REUSE, **{k: v for k, v in overrides.items() if v is not None})


def _passes(shared: int, distinctive: int, c_max: float, setting: ReuseSettings) -> bool:
    """Whether a candidate pair is aligned under ``setting`` (containment and distinctive shingles)."""
    if shared < setting.min_shared:
        return False
    if setting.align_min_containment <= 0:
        return True
    return c_max >= setting.align_min_containment and (
        distinctive >= MIN_SHARED_SHINGLES or c_max >= ALIGN_COMMON_CONTAINMENT
    )


class _Formulaic:
    """Which shared passages are formulaic: shingles common in the corpus, or one outlet's stock text.

    Built on first use (only pairs of different outlets that are derived need it) from every
    article's shingles under :data:`REUSE`.
    """

    def __init__(self, ids: Sequence[str], tokens: Mapping[str, Tokens], outlet: Mapping[str, str]) -> None:
        self.ids, self.tokens, self.outlet = ids, tokens, outlet
        self._hashes: np.ndarray | None = None
        self._cum: dict[str, np.ndarray] = {}

    @property
    def hashes(self) -> np.ndarray:
        """Sorted formulaic shingle hashes: common in the corpus, or in OUTLET_STOCK_MIN_DOCS articles of one outlet."""
        if self._hashes is None:
            sets = {sid: np.unique(shingles.shingle_hashes(self.tokens[sid].hashes, REUSE.n)) for sid in self.ids}
            empty = np.empty(0, np.uint64)
            uniq, counts = np.unique(np.concatenate([empty, *sets.values()]), return_counts=True)
            parts = [uniq[counts > common_limit(len(self.ids))]]
            by_outlet: dict[str, list[np.ndarray]] = {}
            for sid in self.ids:
                if self.outlet.get(sid):
                    by_outlet.setdefault(self.outlet[sid], []).append(sets[sid])
            for group in by_outlet.values():
                if len(group) >= OUTLET_STOCK_MIN_DOCS:
                    u, c = np.unique(np.concatenate(group), return_counts=True)
                    parts.append(u[c >= OUTLET_STOCK_MIN_DOCS])
            self._hashes = np.unique(np.concatenate(parts))
        return self._hashes

    def _counts(self, sid: str) -> np.ndarray:
        """Cumulative count of formulaic shingles by start position in article ``sid`` (a leading 0)."""
        if sid not in self._cum:
            found = shingles.shingle_hashes(self.tokens[sid].hashes, REUSE.n)
            flags = np.isin(found, self.hashes) if self.hashes.size else np.zeros(found.size, dtype=bool)
            self._cum[sid] = np.r_[0, np.cumsum(flags, dtype=np.int64)]
        return self._cum[sid]

    def _formulaic(self, sid: str, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Per token range ``[lo, hi)`` of ``sid``: whether most shingles starting in it (one at least) are stock."""
        cum = self._counts(sid)
        last = cum.size - 1  # shingles in the article
        first = np.minimum(lo, last)
        stop = np.clip(hi - REUSE.n + 1, first + 1, last)  # at least the shingle starting at lo
        size = np.maximum(stop - first, 1)
        return (cum[np.minimum(stop, last)] - cum[first]) / size >= FORMULAIC_SHARE

    def distinctive(self, a: str, b: str, pa: Profile, pb: Profile, found: Sequence[tuple]) -> tuple[int, float, float]:
        """Words of distinctive shared text (the smaller side), and the share of each text it covers.

        A passage is formulaic when most of its shingles are formulaic on either side; the words
        of the other passages are counted once each (a paraphrased sentence and a verbatim run
        inside it overlap).
        """
        if not found:
            return 0, 0.0, 0.0
        spans = np.asarray([p[2:6] for p in found], dtype=np.int64)
        a_lo, a_hi = (np.searchsorted(pa.tokens.starts, spans[:, k], side="left") for k in (0, 1))
        b_lo, b_hi = (np.searchsorted(pb.tokens.starts, spans[:, k], side="left") for k in (2, 3))
        keep = ~(self._formulaic(a, a_lo, a_hi) | self._formulaic(b, b_lo, b_hi))
        mask_a = np.zeros(len(pa.tokens), dtype=bool)
        mask_b = np.zeros(len(pb.tokens), dtype=bool)
        for x0, x1, y0, y1 in zip(a_lo[keep], a_hi[keep], b_lo[keep], b_hi[keep], strict=True):
            mask_a[x0:x1] = True
            mask_b[y0:y1] = True
        words = int(min(mask_a.sum(), mask_b.sum()))
        return words, float(mask_a.mean()) if mask_a.size else 0.0, float(mask_b.mean()) if mask_b.size else 0.0


def joins_chain(distinctive_words: int, distinctive_coverage: float) -> bool:
    """Whether a derived pair of two outlets joins one chain: enough distinctive (non-formulaic) shared text."""
    return distinctive_words >= CHAIN_MIN_WORDS and derivation_label(distinctive_coverage) != NOT_DERIVED


def find_reuse(
    corpus: pd.DataFrame,
    settings: ReuseSettings | None = None,
    *,
    n: int | None = None,
    min_shared: int | None = None,
    align_min_containment: float | None = None,
) -> Reuse:
    """Candidate pairs from the shingle index, aligned and labelled when containment warrants it.

    ``corpus`` needs a ``text`` column indexed by source id; ``published``, ``credits`` and
    ``outlet`` are used for the direction and the relation when present. The thresholds are
    ``settings`` (default :data:`~helpers.reuse.settings.REUSE`, the one setting of the package)
    with any keyword given. Only pairs sharing at least ``min_shared`` shingles are returned. A
    pair is aligned when its larger containment reaches ``align_min_containment`` and it shares at
    least ``MIN_SHARED_SHINGLES`` distinctive shingles, or reaches :data:`ALIGN_COMMON_CONTAINMENT`.

    ``relation`` says what a pair is to the reporting chains, always under :data:`REUSE` (so a
    notebook that aligns every pair to show its passages gets the same chains): ``update`` (two
    stories of one outlet's own reporting), ``rewrite`` (derived across outlets, with at least
    :data:`CHAIN_MIN_WORDS` words of distinctive shared text), ``formulaic`` (derived, but sharing
    only stock text: phrases common in the corpus, one outlet's repeated passages, or too few
    words), ``weak`` (aligned only under thresholds below REUSE), or empty (not derived).
    """
    setting = _settings(settings, n=n, min_shared=min_shared, align_min_containment=align_min_containment)
    texts = _texts(corpus)
    meta = Meta.of(corpus)
    ids = list(texts)
    tokens = {sid: shingles.tokenize(texts[sid]) for sid in ids}
    cand = _candidates(ids, [tokens[sid] for sid in ids], setting.n, setting.min_shared)
    canonical = _canonical(ids, tokens, cand, setting)
    formulaic = _Formulaic(ids, tokens, meta.outlet)
    profiles: dict[str, Profile] = {}
    rows: list[tuple[object, ...]] = []
    across: dict[int, tuple[str, str]] = {}  # row -> (basis, relation) of an update pair read as two outlets
    passage_rows: list[tuple[object, ...]] = []
    below = f"containment below {setting.align_min_containment:g}: not aligned"
    common = f"shares only common phrases and containment below {ALIGN_COMMON_CONTAINMENT:g}: not aligned"
    columns = zip(
        cand["source_a"], cand["source_b"], cand["similarity"], cand["containment_a_in_b"],
        cand["containment_b_in_a"], cand["shared_shingles"], cand["distinctive_shingles"], strict=True,
    )  # fmt: skip
    for a, b, sim, c_ab, c_ba, shared, distinctive in columns:
        base = (a, b, float(sim), float(c_ab), float(c_ba))
        counts = (int(shared), int(distinctive))
        c_max = max(c_ab, c_ba)
        update = meta.same_own_outlet(a, b)
        if not _passes(int(shared), int(distinctive), c_max, setting):
            why = below if c_max < setting.align_min_containment else common
            if update:
                across[len(rows)] = (why, "")
            rows.append((*base, 0, NOT_DERIVED, *counts, 0.0, 0.0, "", _update_basis(a, b, meta, why, update),
                         UPDATE if update else ""))  # fmt: skip
            continue
        pa = profiles.get(a) or profiles.setdefault(a, profile(texts[a], tokens[a]))
        pb = profiles.get(b) or profiles.setdefault(b, profile(texts[b], tokens[b]))
        found, cov_a, cov_b = aligned_passages(pa, pb)
        derived, cov, basis = direction(a, b, cov_a, cov_b, meta)
        label = derivation_label(cov)
        relation, cross_basis = "", basis
        if label != NOT_DERIVED and (a, b) not in canonical:
            relation = WEAK
            cross_basis += "; aligned only under thresholds below the reuse setting: no chain link"
        elif label != NOT_DERIVED:
            words, dist_a, dist_b = formulaic.distinctive(a, b, pa, pb, found)
            dist = dist_a if derived == a else dist_b if derived == b else max(dist_a, dist_b)
            if joins_chain(words, dist):
                relation = REWRITE
            else:
                relation = FORMULAIC
                cross_basis += (
                    f"; only {words} words of distinctive shared text ({dist:.0%} of the derived side) beyond "
                    f"stock passages, below {CHAIN_MIN_WORDS} words or {PARTIALLY_DERIVED_MIN_COVERAGE:.0%}: "
                    "formulaic, no chain link"
                )
        if update:
            across[len(rows)] = (cross_basis, relation)
            relation, cross_basis = UPDATE, _update_basis(a, b, meta, basis, update)
        basis = cross_basis
        rows.append((*base, len(found), label, *counts, cov_a, cov_b, derived if label != NOT_DERIVED else "", basis,
                     relation))  # fmt: skip
        passage_rows.extend((a, b, kind, score, a0, a1, b0, b1, texts[a][a0:a1], texts[b][b0:b1])
                            for kind, score, a0, a1, b0, b1 in found)  # fmt: skip
    pairs_df = _rewritten_not_updates(pd.DataFrame(rows, columns=PAIR_COLUMNS), across)
    passages_df = pd.DataFrame(passage_rows, columns=PASSAGE_COLUMNS)
    return Reuse(pairs_df, passages_df)


def rewritten_articles(pairs_df: pd.DataFrame) -> set[str]:
    """Articles that are the derived side of a ``rewrite``: resting on another outlet's reporting."""
    if "relation" not in pairs_df.columns:
        return set()
    return set(pairs_df.loc[(pairs_df["relation"] == REWRITE) & (pairs_df["derived"] != ""), "derived"])


def _rewritten_not_updates(pairs_df: pd.DataFrame, across: Mapping[int, tuple[str, str]]) -> pd.DataFrame:
    """Update pairs read again as pairs of two outlets when one side rewrites another outlet's story.

    An outlet's uncredited rewrite of a wire story looks like its own reporting in the manifest;
    once the text shows it rests on another outlet, its pairs with the outlet's own stories are
    not updates (they get the relation they would have between two outlets). Repeated until no
    pair changes, since a story built on such a rewrite rests on the other outlet too.
    """
    while True:
        rewritten = rewritten_articles(pairs_df)
        redo = [
            i
            for i in across
            if pairs_df.at[i, "relation"] == UPDATE
            and {pairs_df.at[i, "source_a"], pairs_df.at[i, "source_b"]} & rewritten
        ]
        if not redo:
            return pairs_df
        for i in redo:
            pairs_df.loc[i, ["direction_basis", "relation"]] = across[i]


def _canonical(
    ids: Sequence[str], tokens: Mapping[str, Tokens], cand: pd.DataFrame, setting: ReuseSettings
) -> set[tuple[str, str]]:
    """The pairs aligned under :data:`REUSE` (only these may join a chain), from ``cand`` when its shingles match."""
    if setting.n != REUSE.n:
        cand = _candidates(ids, [tokens[sid] for sid in ids], REUSE.n, REUSE.min_shared)
    cols = (
        "source_a",
        "source_b",
        "shared_shingles",
        "distinctive_shingles",
        "containment_a_in_b",
        "containment_b_in_a",
    )
    return {
        (a, b)
        for a, b, shared, distinctive, x, y in zip(*(cand[c] for c in cols), strict=True)
        if _passes(int(shared), int(distinctive), max(x, y), REUSE)
    }


def _update_basis(a: str, b: str, meta: Meta, basis: str, update: bool) -> str:
    """``basis`` prefixed, for two stories of one outlet, with which one updates the other."""
    if not update:
        return basis
    pub_a, pub_b = meta.published.get(a, pd.NaT), meta.published.get(b, pd.NaT)
    if pd.notna(pub_a) and pd.notna(pub_b) and pub_a != pub_b:
        later, earlier = (a, b) if pub_a > pub_b else (b, a)
        head = f"one outlet's own reporting: {later} ({_day(meta.published[later])}) updates {earlier}"
        head += f" ({_day(meta.published[earlier])}), not a rewrite"
    else:
        head = "one outlet's own reporting: successive stories of the same day, not rewrites"
    return f"{head}; {basis}"


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
    Only rewrites count: an update of the same outlet's own story, and stock text shared with
    another outlet (``formulaic``, ``weak``), derive nothing.
    """
    best: dict[str, tuple[int, float, list[str], str]] = {}
    for rec in related(pairs_df).itertuples(index=False):
        if getattr(rec, "relation", REWRITE) in (UPDATE, FORMULAIC, WEAK):
            continue
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
