"""One pair's shared passages for reading: a summary per pair, whole-sentence units, side-by-side HTML."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import pandas as pd

from helpers.core.text import mark_spans, sentence_spans
from helpers.reuse.alignment import PARAPHRASE, VERBATIM
from helpers.reuse.lookups import UnknownPairError, unknown_pair_message

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


def passage_summary(pairs_df: pd.DataFrame, passages_df: pd.DataFrame) -> pd.DataFrame:
    """Per pair with passages: how many verbatim and paraphrase passages, and the longest verbatim run.

    Each pair's row of ``pairs_df`` is looked up in a dict built once (either order), and the
    counts come from one grouping of the passages, so the cost is linear in the two tables.
    """
    row_of: dict[tuple[str, str], tuple[str, float, float]] = {}
    for a, b, label, cov_a, cov_b in zip(
        pairs_df["source_a"], pairs_df["source_b"], pairs_df["label"], pairs_df["coverage_a"], pairs_df["coverage_b"],
        strict=True,
    ):  # fmt: skip
        row_of.setdefault((a, b), (label, cov_a, cov_b))
        row_of.setdefault((b, a), (label, cov_a, cov_b))
    keys = ["source_a", "source_b"]
    verbatim = passages_df["kind"] == VERBATIM
    n_verb = verbatim.groupby([passages_df[k] for k in keys], sort=False).sum()
    n_para = (passages_df["kind"] == PARAPHRASE).groupby([passages_df[k] for k in keys], sort=False).sum()
    verb = passages_df[verbatim]
    longest_at = verb["a_text"].str.len().groupby([verb[k] for k in keys], sort=False).idxmax()
    rows = []
    for a, b in n_verb.index:
        if (a, b) not in row_of:
            raise UnknownPairError(unknown_pair_message(pairs_df, a, b))
        label, cov_a, cov_b = row_of[(a, b)]
        rows.append(
            {
                "source_a": a,
                "source_b": b,
                "label": label,
                "coverage_a": round(float(cov_a), 3),
                "coverage_b": round(float(cov_b), 3),
                "verbatim": int(n_verb[(a, b)]),
                "paraphrase": int(n_para[(a, b)]),
                "longest verbatim run": verb.at[longest_at[(a, b)], "a_text"] if (a, b) in longest_at.index else "",
            }
        )
    out = pd.DataFrame(rows, columns=[*PASSAGE_SUMMARY_COLUMNS])
    return out.sort_values(["coverage_a", "source_a", "source_b"], ascending=[False, True, True]).reset_index(drop=True)


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
    return mark_spans(text[start:end], [(r0 - start, r1 - start) for r0, r1 in runs]).replace("\n", "<br>")


_SWAPPED = {"source_a": "source_b", "a_start": "b_start", "a_end": "b_end", "a_text": "b_text"}


def pair_passages(passages_df: pd.DataFrame, source_a: str, source_b: str) -> pd.DataFrame:
    """The passages of ``source_a`` / ``source_b`` with ``source_a`` on the a side, whichever order they are stored in.

    Raises a one-line :class:`ValueError` naming the pair when it has no passages in either order.
    """
    if "source_a" not in passages_df:
        return passages_df
    same = passages_df[(passages_df["source_a"] == source_a) & (passages_df["source_b"] == source_b)]
    if len(same):
        return same
    swapped = passages_df[(passages_df["source_a"] == source_b) & (passages_df["source_b"] == source_a)]
    if len(swapped):
        return swapped.rename(columns={**_SWAPPED, **{v: k for k, v in _SWAPPED.items()}})[list(passages_df.columns)]
    raise ValueError(f"no shared passages for the pair {source_a!r} / {source_b!r} in either order")


def side_by_side_html(
    text_a: str, text_b: str, passages_df: pd.DataFrame, source_a: str, source_b: str, limit: int | None = None
) -> str:
    """The shared passages of one pair side by side, verbatim runs highlighted, all article text escaped.

    ``passages_df`` holds the passages of this pair, or of many pairs with ``source_a`` /
    ``source_b`` columns: then the pair's are selected in either order (``text_a`` is always
    ``source_a``'s), and a pair with none raises a :class:`ValueError` naming it.
    """
    units = passage_units(text_a, text_b, pair_passages(passages_df, source_a, source_b))
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
