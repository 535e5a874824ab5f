"""Step 3 of :mod:`helpers.reuse.derivation`: METER-style labels, a pair's direction and its relation to the chains.

A label (wholly / partially / not derived) from the share of the derived article covered by
aligned passages; the direction from publication dates (then credits, then coverage); the
relation (``update``, ``rewrite``, ``formulaic``, ``weak``) from how much *distinctive* text a
pair shares beyond stock passages (:class:`Formulaic`). Thresholds: :mod:`helpers.reuse.settings`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.reuse import shingles
from helpers.reuse.alignment import Profile
from helpers.reuse.candidates import common_limit
from helpers.reuse.outlets import outlet_keys, own_reporting
from helpers.reuse.settings import (
    CHAIN_MIN_WORDS,
    FORMULAIC_SHARE,
    OUTLET_STOCK_MIN_DOCS,
    PARTIALLY_DERIVED_MIN_COVERAGE,
    REUSE,
    WHOLLY_DERIVED_MIN_COVERAGE,
)
from helpers.reuse.shingles import Tokens

WHOLLY = "wholly derived"
PARTIALLY = "partially derived"
NOT_DERIVED = "not derived"
LABEL_ORDER = {NOT_DERIVED: 0, PARTIALLY: 1, WHOLLY: 2}

#: Values of the pairs' ``relation`` column (empty for a pair labelled ``not derived``).
UPDATE = "update"  # two stories of one outlet's own reporting: one chain, not a rewrite
REWRITE = "rewrite"  # derived across outlets with enough distinctive shared text: a chain link
FORMULAIC = "formulaic"  # derived, but what is shared is stock text or too little: no chain link
WEAK = "weak"  # aligned only under thresholds below REUSE: no chain link


def derivation_label(coverage: float) -> str:
    """METER-style label for an article whose words are ``coverage`` inside passages from another."""
    if coverage >= WHOLLY_DERIVED_MIN_COVERAGE:
        return WHOLLY
    if coverage >= PARTIALLY_DERIVED_MIN_COVERAGE:
        return PARTIALLY
    return NOT_DERIVED


def day(value: object) -> str:
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

    def subset(self, ids: Iterable[str]) -> Meta:
        """The same look-ups for ``ids`` only (what one Dask task needs)."""
        keep = list(ids)
        return Meta(
            {s: self.published[s] for s in keep if s in self.published},
            {s: self.credits[s] for s in keep if s in self.credits},
            {s: self.outlet[s] for s in keep if s in self.outlet},
            {s: self.own[s] for s in keep if s in self.own},
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
        basis = f"{later} published later ({day(meta.published[later])} vs {day(meta.published[earlier])})"
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


class Formulaic:
    """Which shared passages are formulaic: shingles common in the corpus, or one outlet's stock text.

    Built on first use (only pairs of different outlets that are derived need it) from every
    article's shingles under :data:`REUSE`.
    """

    def __init__(
        self,
        ids: Sequence[str],
        tokens: Mapping[str, Tokens],
        outlet: Mapping[str, str],
        sets: Sequence[np.ndarray] | None = None,
        stock: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        self.ids, self.tokens, self.outlet = ids, tokens, outlet
        self._sets = sets  # each article's unique shingles under REUSE when already made (in the order of ids)
        # the corpus-wide formulaic and common shingles when already found (a worker given a chunk of the corpus)
        self._hashes: np.ndarray | None = None if stock is None else stock[0]
        self._common: np.ndarray | None = None if stock is None else stock[1]
        self._cum: dict[tuple[str, bool], np.ndarray] = {}

    @property
    def hashes(self) -> np.ndarray:
        """Sorted formulaic shingle hashes: common in the corpus, or in OUTLET_STOCK_MIN_DOCS articles of one outlet."""
        if self._hashes is None:
            if self._sets is None:
                sets = {sid: np.unique(shingles.shingle_hashes(self.tokens[sid].hashes, REUSE.n)) for sid in self.ids}
            else:
                sets = dict(zip(self.ids, self._sets, strict=True))
            self._sets = None
            self._hashes, self._common = stock_shingles(self.ids, sets, self.outlet)
        return self._hashes

    @property
    def common(self) -> np.ndarray:
        """Sorted shingle hashes common in the corpus (the outlets' stock text left out)."""
        if self._common is None:
            _ = self.hashes
        return self._common if self._common is not None else np.empty(0, np.uint64)

    def _counts(self, sid: str, common_only: bool = False) -> np.ndarray:
        """Cumulative count of formulaic shingles by start position in article ``sid`` (a leading 0)."""
        if (sid, common_only) not in self._cum:
            found = shingles.shingle_hashes(self.tokens[sid].hashes, REUSE.n)
            stock = self.common if common_only else self.hashes
            flags = np.isin(found, stock) if stock.size else np.zeros(found.size, dtype=bool)
            self._cum[(sid, common_only)] = np.r_[0, np.cumsum(flags, dtype=np.int64)]
        return self._cum[(sid, common_only)]

    def _formulaic(self, sid: str, lo: np.ndarray, hi: np.ndarray, common_only: bool = False) -> np.ndarray:
        """Per token range ``[lo, hi)`` of ``sid``: whether most shingles starting in it (one at least) are stock."""
        cum = self._counts(sid, common_only)
        last = cum.size - 1  # shingles in the article
        first = np.minimum(lo, last)
        stop = np.clip(hi - REUSE.n + 1, first + 1, last)  # at least the shingle starting at lo
        size = np.maximum(stop - first, 1)
        return (cum[np.minimum(stop, last)] - cum[first]) / size >= FORMULAIC_SHARE

    def distinctive(
        self, a: str, b: str, pa: Profile, pb: Profile, found: Sequence[tuple], same_outlet: bool = False
    ) -> tuple[int, float, float]:
        """Words of distinctive shared text (the smaller side), and the share of each text it covers.

        A passage is formulaic when most of its shingles are formulaic on either side; the words
        of the other passages are counted once each (a paraphrased sentence and a verbatim run
        inside it overlap). For two stories of one outlet (``same_outlet``) only phrases common in
        the corpus are formulaic: what the outlet repeats within one story is the evidence of an
        update (its boilerplate across stories is set aside before, :mod:`helpers.reuse.boilerplate`).
        """
        if not found:
            return 0, 0.0, 0.0
        spans = np.asarray([p[2:6] for p in found], dtype=np.int64)
        a_lo, a_hi = (np.searchsorted(pa.tokens.starts, spans[:, k], side="left") for k in (0, 1))
        b_lo, b_hi = (np.searchsorted(pb.tokens.starts, spans[:, k], side="left") for k in (2, 3))
        keep = ~(self._formulaic(a, a_lo, a_hi, same_outlet) | self._formulaic(b, b_lo, b_hi, same_outlet))
        mask_a = np.zeros(len(pa.tokens), dtype=bool)
        mask_b = np.zeros(len(pb.tokens), dtype=bool)
        for x0, x1, y0, y1 in zip(a_lo[keep], a_hi[keep], b_lo[keep], b_hi[keep], strict=True):
            mask_a[x0:x1] = True
            mask_b[y0:y1] = True
        words = int(min(mask_a.sum(), mask_b.sum()))
        return words, float(mask_a.mean()) if mask_a.size else 0.0, float(mask_b.mean()) if mask_b.size else 0.0


def stock_shingles(
    ids: Sequence[str], sets: Mapping[str, np.ndarray], outlet: Mapping[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    """The formulaic and the common shingles of :class:`Formulaic`, from every article's unique shingles under REUSE."""
    empty = np.empty(0, np.uint64)
    uniq, counts = np.unique(np.concatenate([empty, *(sets[sid] for sid in ids)]), return_counts=True)
    parts = [uniq[counts > common_limit(len(ids))]]
    by_outlet: dict[str, list[np.ndarray]] = {}
    for sid in ids:
        if outlet.get(sid):
            by_outlet.setdefault(outlet[sid], []).append(sets[sid])
    for group in by_outlet.values():
        if len(group) >= OUTLET_STOCK_MIN_DOCS:
            u, c = np.unique(np.concatenate(group), return_counts=True)
            parts.append(u[c >= OUTLET_STOCK_MIN_DOCS])
    return np.unique(np.concatenate(parts)), parts[0]


def joins_chain(distinctive_words: int, distinctive_coverage: float) -> bool:
    """Whether a derived pair of two outlets joins one chain: enough distinctive (non-formulaic) shared text."""
    return distinctive_words >= CHAIN_MIN_WORDS and derivation_label(distinctive_coverage) != NOT_DERIVED


def rewritten_articles(pairs_df: pd.DataFrame) -> set[str]:
    """Articles that are the derived side of a ``rewrite``: resting on another outlet's reporting."""
    if "relation" not in pairs_df.columns:
        return set()
    return set(pairs_df.loc[(pairs_df["relation"] == REWRITE) & (pairs_df["derived"] != ""), "derived"])
