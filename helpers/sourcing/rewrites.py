"""What the rewrites dropped: each hedge of one sibling rewrite and its fate in another.

Sibling rewrites are the articles of one reporting chain (:func:`helpers.reuse.chaining.chains`: shared
credits, text reuse or an inferred upstream). Their passages are aligned with
:func:`helpers.reuse.alignment.align`, and every hedge or disclaimer detected by
:mod:`helpers.sourcing.detect` in one is followed into the other: kept, hedged differently, only
attributed, stated flatly, or without an aligned passage (:func:`hedge_fates`). The stories of the
outlet whose chain it is are its own reporting, not rewrites: a later bulletin that no longer says
"suspected" has not dropped a hedge, so a pair whose second article is such a story is left out
(``relation`` column; ``updates=True`` keeps them, marked ``update`` or ``source``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from helpers.core.datelines import outlet_key
from helpers.core.text import mark_spans
from helpers.reuse import alignment, derivation
from helpers.reuse.chaining import chains, own_stories

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
    "sentence_a_start",
    "passage_b",
    "b_cues",
    "a_start",
    "a_end",
    "b_start",
    "b_end",
    "relation",
]
#: Fates of a hedge, from best kept to lost.
FATES = ("kept", "hedged differently", "attributed, not hedged", "stated flatly", "no aligned passage")


def sibling_groups(corpus: pd.DataFrame, pairs_df: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """The reporting chains (:func:`~helpers.reuse.chaining.chains`) of two or more articles: name -> ids, corpus order.

    Each article is in one chain, so a hedge is followed once even when its article credits two
    outlets. ``pairs_df`` is :func:`helpers.reuse.derivation.pairs` of the corpus (computed when omitted).
    """
    pairs_df = derivation.pairs(corpus) if pairs_df is None else pairs_df
    groups: dict[str, list[str]] = {}
    for sid, chain in zip(*(chains(corpus, pairs_df)[c] for c in ("source_id", "chain")), strict=True):
        groups.setdefault(str(chain), []).append(str(sid))
    return {chain: ids for chain, ids in groups.items() if len(ids) >= 2}


def _window(sentences: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The span of the whole sentences touched by ``[start, end)``."""
    touched = [(s, e) for s, e in sentences if s < end and start < e] or [(start, end)]
    return touched[0][0], touched[-1][1]


def hedge_fates(
    corpus: pd.DataFrame,
    detected_attributions: pd.DataFrame,
    detected_hedges: pd.DataFrame,
    groups: dict[str, list[str]] | None = None,
    updates: bool = False,
    pairs_df: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """For every hedge in one sibling rewrite, what another rewrite made of the same passage.

    Passages are aligned with :func:`helpers.reuse.alignment.align` (verbatim runs and paraphrased
    sentences). A hedge's passage is the aligned text in its own sentence. A disclaimer in a
    sentence with no counterpart ("Reuters could not independently verify the details") follows
    the claim it qualifies instead: the previous sentence, whose counterpart is read together
    with the sentence after it. The other rewrite there keeps a qualifier of the same family
    (``kept``), of the other family (``hedged differently``), only credits a source
    (``attributed, not hedged``), states it flatly (``stated flatly``), or has no aligned
    passage (``no aligned passage``: left out, or paraphrased beyond what the aligner links).
    A hedge is only followed into a rewrite: pairs whose other article is the chain outlet's own
    story (``update`` when both are, ``source`` when only it is) are skipped unless ``updates`` is
    true; the ``relation`` column says which (own stories as
    :func:`helpers.reuse.chaining.own_stories` reads them from ``pairs_df``, computed when omitted).
    """
    pairs_df = derivation.pairs(corpus) if pairs_df is None else pairs_df
    groups = sibling_groups(corpus, pairs_df) if groups is None else groups
    own = own_stories(corpus, pairs_df)
    texts = {str(sid): str(text) for sid, text in corpus["text"].items()}
    members = list(dict.fromkeys(sid for ids in groups.values() for sid in ids))
    profiles = {sid: alignment.profile(texts[sid]) for sid in members}
    position = {sid: i for i, sid in enumerate(texts)}
    hedges_of = {sid: frame for sid, frame in detected_hedges.groupby("source_id", sort=False)}
    attributions_of = {sid: frame for sid, frame in detected_attributions.groupby("source_id", sort=False)}
    no_hedges, no_attributions = detected_hedges.iloc[0:0], detected_attributions.iloc[0:0]
    aligned: dict[tuple[str, str], pd.DataFrame] = {}
    rows = []
    for outlet, ids in groups.items():
        key = outlet_key(outlet)
        for a in ids:
            for b in ids:
                relation = _relation(own.get(a, ""), own.get(b, ""), key)
                if a == b or (relation != "rewrite" and not updates):
                    continue
                passages = _passages(a, b, profiles, position, aligned)
                hb, ab = hedges_of.get(b, no_hedges), attributions_of.get(b, no_attributions)
                sents_a, sents_b = profiles[a].sentences, profiles[b].sentences
                for h in hedges_of.get(a, no_hedges).to_dict("records"):
                    rows.append(
                        _fate(outlet, a, b, h, sents_a, sents_b, texts[b], passages, hb, ab) | {"relation": relation}
                    )
    return pd.DataFrame(rows, columns=FATE_COLUMNS)


def _relation(own_a: str, own_b: str, chain_key: str) -> str:
    """What article B is to article A in one chain: ``update`` (both its outlet's own stories),
    ``source`` (B is the chain outlet's own story, A carries it), or ``rewrite``."""
    if own_b and own_b == chain_key:
        return "update" if own_a == own_b else "source"
    return "rewrite"


_SWAP = {"a_start": "b_start", "a_end": "b_end", "a_text": "b_text"}


def _passages(
    a: str,
    b: str,
    profiles: dict[str, alignment.Profile],
    position: dict[str, int],
    aligned: dict[tuple[str, str], pd.DataFrame],
) -> pd.DataFrame:
    """The passages of ``a`` and ``b`` with ``a`` on the a side; each pair is aligned once, in corpus order."""
    first, second = (a, b) if position[a] < position[b] else (b, a)
    if (first, second) not in aligned:
        aligned[(first, second)] = alignment.align(profiles[first], profiles[second]).passages
    found = aligned[(first, second)]
    return found if first == a else found.rename(columns={**_SWAP, **{v: k for k, v in _SWAP.items()}})


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
    idx = next((n for n, (s, e) in enumerate(sents_a) if s <= h["start"] < e), None)
    row = {
        "group": outlet,
        "source_a": a,
        "source_b": b,
        "family": h["family"],
        "cue": h["cue"],
        "status": "no aligned passage",
        "anchor": "",
        "sentence_a": h["sentence"],
        "sentence_a_start": sents_a[idx][0] if idx is not None else -1,
        "passage_b": "",
        "b_cues": "",
        "a_start": h["start"],
        "a_end": h["end"],
        "b_start": -1,
        "b_end": -1,
    }
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


def fates_html(fates: pd.DataFrame, detected_hedges: pd.DataFrame, detected_attributions: pd.DataFrame) -> str:
    """Hedges and their fate side by side: the hedged sentence and the other rewrite's passage, cues marked."""
    head = "<tr><th>fate</th><th>rewrite A</th><th>A's sentence</th><th>rewrite B</th><th>B's passage</th></tr>"
    body = []
    for r in fates.to_dict("records"):
        cue_at = (int(r["a_start"]) - int(r["sentence_a_start"]), int(r["a_end"]) - int(r["sentence_a_start"]))
        ok = r["sentence_a_start"] >= 0 and r["sentence_a"][slice(*cue_at)] == r["cue"]
        a_html = mark_spans(r["sentence_a"], [cue_at] if ok else [])
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
        b_html = mark_spans(r["passage_b"], b_spans) if r["passage_b"] else "<em>(no aligned passage)</em>"
        body.append(
            f"<tr><td>{html.escape(r['status'])}</td><td>{html.escape(r['source_a'])}</td>"
            f"<td style='text-align:left'>{a_html}</td><td>{html.escape(r['source_b'])}</td>"
            f"<td style='text-align:left'>{b_html}</td></tr>"
        )
    return f"<table>{head}{''.join(body)}</table>"
