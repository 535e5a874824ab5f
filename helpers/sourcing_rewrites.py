"""What the rewrites dropped: each hedge of one sibling rewrite and its fate in another.

Sibling rewrites are articles crediting (or inferred to follow) the same upstream outlet. Their
passages are aligned with :func:`helpers.reuse.align`, and every hedge or disclaimer detected by
:mod:`helpers.sourcing` in one is followed into the other: kept, hedged differently, only
attributed, stated flatly, or without an aligned passage (:func:`hedge_fates`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import pandas as pd

from helpers import reuse
from helpers.sourcing import sentence_spans

# --------------------------------------------------------------------------------------------
# What the rewrites dropped: hedges in one sibling rewrite and their fate in another
# --------------------------------------------------------------------------------------------

FATE_COLUMNS = [
    "group",
    "source_a",
    "source_b",
    "family",
    "cue",
    "status",
    "anchor",
    "sentence_a",
    "passage_b",
    "b_cues",
    "a_start",
    "a_end",
    "b_start",
    "b_end",
]
#: Fates of a hedge, from best kept to lost.
FATES = ("kept", "hedged differently", "attributed, not hedged", "stated flatly", "no aligned passage")


def sibling_groups(corpus: pd.DataFrame) -> dict[str, list[str]]:
    """Articles that credit (or are inferred to follow) the same upstream outlet, for groups of two or more."""
    groups: dict[str, list[str]] = {}
    for sid in corpus.index:
        upstreams = list(corpus.at[sid, "credits"]) if "credits" in corpus.columns else []
        inferred = str(corpus.at[sid, "upstream_inferred"]) if "upstream_inferred" in corpus.columns else ""
        if inferred:
            upstreams.append(inferred)
        for outlet in dict.fromkeys(upstreams):
            groups.setdefault(outlet, []).append(str(sid))
    return {outlet: ids for outlet, ids in groups.items() if len(ids) >= 2}


def _window(sentences: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The span of the whole sentences touched by ``[start, end)``."""
    touched = [(s, e) for s, e in sentences if s < end and start < e] or [(start, end)]
    return touched[0][0], touched[-1][1]


def hedge_fates(
    corpus: pd.DataFrame,
    detected_attributions: pd.DataFrame,
    detected_hedges: pd.DataFrame,
    groups: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """For every hedge in one sibling rewrite, what another rewrite made of the same passage.

    Passages are aligned with :func:`helpers.reuse.align` (verbatim runs and paraphrased
    sentences). A hedge's passage is the aligned text in its own sentence. A disclaimer in a
    sentence with no counterpart ("Reuters could not independently verify the details") follows
    the claim it qualifies instead: the previous sentence, whose counterpart is read together
    with the sentence after it. The other rewrite there keeps a qualifier of the same family
    (``kept``), of the other family (``hedged differently``), only credits a source
    (``attributed, not hedged``), states it flatly (``stated flatly``), or has no aligned
    passage (``no aligned passage``: left out, or paraphrased beyond what the aligner links).
    """
    groups = sibling_groups(corpus) if groups is None else groups
    rows = []
    for outlet, ids in groups.items():
        for a in ids:
            text_a = corpus.at[a, "text"]
            sents_a = sentence_spans(text_a)
            for b in ids:
                if a == b:
                    continue
                text_b = corpus.at[b, "text"]
                sents_b = sentence_spans(text_b)
                passages = reuse.align(text_a, text_b).passages
                hb = detected_hedges[detected_hedges["source_id"] == b]
                ab = detected_attributions[detected_attributions["source_id"] == b]
                for h in detected_hedges[detected_hedges["source_id"] == a].to_dict("records"):
                    rows.append(_fate(outlet, a, b, h, sents_a, sents_b, text_b, passages, hb, ab))
    return pd.DataFrame(rows, columns=FATE_COLUMNS)


def _fate(
    outlet: str,
    a: str,
    b: str,
    h: dict,
    sents_a: Sequence[tuple[int, int]],
    sents_b: Sequence[tuple[int, int]],
    text_b: str,
    passages: pd.DataFrame,
    hb: pd.DataFrame,
    ab: pd.DataFrame,
) -> dict:
    """The fate of one hedge of article ``a`` in article ``b`` (one row of :func:`hedge_fates`)."""
    row = {
        "group": outlet,
        "source_a": a,
        "source_b": b,
        "family": h["family"],
        "cue": h["cue"],
        "status": "no aligned passage",
        "anchor": "",
        "sentence_a": h["sentence"],
        "passage_b": "",
        "b_cues": "",
        "a_start": h["start"],
        "a_end": h["end"],
        "b_start": -1,
        "b_end": -1,
    }
    idx = next((n for n, (s, e) in enumerate(sents_a) if s <= h["start"] < e), None)
    if idx is None:
        return row
    tries = [(idx, "same sentence")] + ([(idx - 1, "previous sentence")] if h["family"] == "disclaimer" and idx else [])
    hits = [
        (label, passages[(passages["a_start"] < sents_a[k][1]) & (passages["a_end"] > sents_a[k][0])])
        for k, label in tries
    ]
    hits = [(label, found) for label, found in hits if len(found)]
    if not hits:
        return row
    anchor, found = hits[0]
    b0, b1 = _window(sents_b, int(found["b_start"].min()), int(found["b_end"].max()))
    if anchor == "previous sentence":
        b1 = next((e for s, e in sents_b if s >= b1), b1)  # the qualifier may follow the claim there too
    kept = hb[(hb["start"] >= b0) & (hb["end"] <= b1)]
    cited = ab[(ab["cue_start"] >= b0) & (ab["cue_end"] <= b1)]
    same = kept[kept["family"] == h["family"]]
    row.update(anchor=anchor, passage_b=text_b[b0:b1], b_start=b0, b_end=b1)
    if len(same):
        row.update(status="kept", b_cues="; ".join(same["cue"]))
    elif len(kept):
        row.update(status="hedged differently", b_cues="; ".join(kept["cue"]))
    elif len(cited):
        row.update(status="attributed, not hedged", b_cues="; ".join(cited["cue"]))
    else:
        row["status"] = "stated flatly"
    return row


def fate_counts(fates: pd.DataFrame) -> pd.DataFrame:
    """Hedges of each rewrite (rows) by their fate in each other rewrite (columns per fate)."""
    table = pd.crosstab([fates["source_a"], fates["source_b"]], fates["status"])
    return table.reindex(columns=list(FATES), fill_value=0)


def _marked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` HTML-escaped with ``<mark>`` around the given ``[start, end)`` spans (relative to ``text``)."""
    out, pos = [], 0
    for s, e in sorted(spans):
        if s < pos or e > len(text):
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def fates_html(fates: pd.DataFrame, detected_hedges: pd.DataFrame, detected_attributions: pd.DataFrame) -> str:
    """Hedges and their fate side by side: the hedged sentence and the other rewrite's passage, cues marked."""
    head = "<tr><th>fate</th><th>rewrite A</th><th>A's sentence</th><th>rewrite B</th><th>B's passage</th></tr>"
    body = []
    for r in fates.to_dict("records"):
        sent_start = r["a_start"] - r["sentence_a"].find(r["cue"]) if r["cue"] in r["sentence_a"] else None
        a_html = _marked(
            r["sentence_a"], [(r["a_start"] - sent_start, r["a_end"] - sent_start)] if sent_start is not None else []
        )
        b_spans: list[tuple[int, int]] = []
        if r["b_start"] >= 0:
            sid_b = r["source_b"]
            for frame, s_col, e_col in (
                (detected_hedges, "start", "end"),
                (detected_attributions, "cue_start", "cue_end"),
            ):
                mine = frame[
                    (frame["source_id"] == sid_b) & (frame[s_col] >= r["b_start"]) & (frame[e_col] <= r["b_end"])
                ]
                b_spans.extend(
                    (int(s) - r["b_start"], int(e) - r["b_start"])
                    for s, e in zip(mine[s_col], mine[e_col], strict=True)
                )
        b_html = _marked(r["passage_b"], b_spans) if r["passage_b"] else "<em>(no aligned passage)</em>"
        body.append(
            f"<tr><td>{html.escape(r['status'])}</td><td>{html.escape(r['source_a'])}</td>"
            f"<td style='text-align:left'>{a_html}</td><td>{html.escape(r['source_b'])}</td>"
            f"<td style='text-align:left'>{b_html}</td></tr>"
        )
    return f"<table>{head}{''.join(body)}</table>"
