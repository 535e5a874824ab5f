"""One pair's shared passages for reading: a summary per pair, whole-sentence units, side-by-side HTML."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import pandas as pd

from helpers.reuse import PARAPHRASE, VERBATIM, pair_row_of, sentence_spans

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
