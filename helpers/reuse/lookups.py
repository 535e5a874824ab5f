"""Look-ups on the pairs of :func:`helpers.reuse.derivation.find_reuse`: ranked, related, one pair, per article."""

from __future__ import annotations

import pandas as pd

from helpers.reuse.labels import FORMULAIC, LABEL_ORDER, NOT_DERIVED, REWRITE, UPDATE, WEAK
from helpers.reuse.settings import MIN_SHARED_SHINGLES


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
