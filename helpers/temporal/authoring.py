"""Authoring the temporal gold: a quoted expression turned into an anchored gold row, and the rows still missing.

Coding ``gold/temporal.csv`` by hand means counting characters; :func:`temporal_gold_row` finds
the offsets from the words themselves (whitespace forgiven, ambiguity refused), and
:func:`missing_temporal_gold` lists what the file still lacks: expressions the resolver finds
that no gold row covers, and articles with no gold row at all.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.text import anchor_quote
from helpers.corpus.load import Corpus, check_source_id
from helpers.temporal.gold import ANCHORS, GOLD_COLUMNS, GRANULARITIES, TYPES, gold_path, read_gold
from helpers.temporal.resolve import temporal_mentions

#: Columns of :func:`missing_temporal_gold`: a gold row as the resolver would code it, and why it is listed.
MISSING_COLUMNS = (*GOLD_COLUMNS, "reason")


def temporal_gold_row(
    corpus: Corpus,
    source_id: str,
    quote: str,
    type: str,
    value: str = "",
    value_end: str = "",
    granularity: str = "",
    anchor: str = "",
    note: str = "",
    occurrence: int | None = None,
) -> dict[str, object]:
    """One ``gold/temporal.csv`` row for a quoted expression, with its offsets; ``ValueError`` when it cannot be."""
    check_source_id(corpus, source_id)
    for name, val, allowed in (
        ("type", type, TYPES),
        ("granularity", granularity, GRANULARITIES),
        ("anchor", anchor, ANCHORS),
    ):
        if val not in allowed:
            raise ValueError(f"{name} '{val}' is not one of {', '.join(a or '(empty)' for a in allowed)}")
    text = corpus.at[source_id, "text"]
    start, end = anchor_quote(text, quote, occurrence)
    return {
        "source_id": source_id,
        "start": start,
        "end": end,
        "text": text[start:end],
        "type": type,
        "value": value,
        "value_end": value_end,
        "granularity": granularity,
        "anchor": anchor,
        "note": note,
    }


def missing_temporal_gold(corpus: Corpus, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """What the temporal gold lacks: resolver mentions no gold span overlaps, then articles with no gold row.

    Each detected row carries the resolver's reading (type, value, granularity, anchor) as a first
    draft; an article with no gold row is one row with empty offsets.
    """
    mentions = temporal_mentions(corpus) if mentions is None else mentions
    path = gold_path(corpus)
    gold = read_gold(path, corpus) if path.is_file() else pd.DataFrame(columns=list(GOLD_COLUMNS))
    rows = []
    for m in mentions.itertuples():
        mine = gold[gold["source_id"] == m.source_id]
        if ((mine["start"] < m.end) & (mine["end"] > m.start)).any():
            continue
        row = {c: getattr(m, c, "") for c in GOLD_COLUMNS}
        rows.append({**row, "note": "", "reason": "detected, no gold row"})
    for sid in corpus.index:
        if sid not in set(gold["source_id"]):
            rows.append({**dict.fromkeys(GOLD_COLUMNS, ""), "source_id": sid, "reason": "article has no gold rows"})
    return pd.DataFrame(rows, columns=list(MISSING_COLUMNS))
