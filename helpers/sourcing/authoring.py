"""Authoring the attribution and hedge gold: quotes turned into anchored gold rows, and the rows still missing.

:func:`attribution_gold_row` and :func:`hedge_gold_row` find the offsets of a cue (and of its
source, the occurrence nearest the cue) from the words themselves; :func:`missing_sourcing_gold`
lists detector finds that no gold row covers and articles with no gold row, each as a draft row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from helpers import config
from helpers.core.text import anchor_quote, quote_occurrences, sentence_spans, word_break
from helpers.corpus.load import Corpus, check_source_id
from helpers.sourcing.detect import KINDS, attributions, hedges
from helpers.sourcing.gold import (
    GOLD_ATTRIBUTION_OPTIONAL,
    GOLD_ATTRIBUTION_REQUIRED,
    GOLD_HEDGE_OPTIONAL,
    GOLD_HEDGE_REQUIRED,
    HEDGE_FAMILIES,
    gold_path,
    read_gold_attributions,
    read_gold_hedges,
)

ATTRIBUTION_GOLD_COLUMNS = (*GOLD_ATTRIBUTION_REQUIRED, *GOLD_ATTRIBUTION_OPTIONAL)
HEDGE_GOLD_COLUMNS = (*GOLD_HEDGE_REQUIRED, *GOLD_HEDGE_OPTIONAL)
#: Columns of :func:`missing_sourcing_gold`: which file, a draft row's span and words, and why it is listed.
MISSING_COLUMNS = ("file", "source_id", "start", "end", "text", "kind", "source_text", "reason")


def attribution_gold_row(
    corpus: Corpus,
    source_id: str,
    cue: str,
    source_text: str,
    kind: str,
    via: str = "",
    note: str = "",
    occurrence: int | None = None,
    convention: str = "",
) -> dict[str, object]:
    """One ``gold/attributions.csv`` row: the cue anchored (``occurrence`` if repeated), the source nearest it.

    The source is the nearest occurrence of its words that are whole words ("he", not the "he" of
    "her"), one earlier in the cue's sentence first (a participle's subject: "The mayor convened ...,
    urging"); ``convention`` is ``wide`` for a row only the published convention counts.
    """
    check_source_id(corpus, source_id)
    if kind not in KINDS:
        raise ValueError(f"kind '{kind}' is not one of {', '.join(KINDS)}")
    text = corpus.at[source_id, "text"]
    cue_start, cue_end = anchor_quote(text, cue, occurrence)
    whole = [sp for sp in quote_occurrences(source_text, text) if word_break(text, *sp) is None]
    sentence = next(((a, b) for a, b in sentence_spans(text) if a <= cue_start < b), (0, len(text)))
    earlier = [sp for sp in whole if sentence[0] <= sp[0] and sp[1] <= cue_start]
    if whole:
        src_start, src_end = min(earlier or whole, key=lambda sp: (abs(sp[0] - cue_start), sp[0]))
    else:
        src_start, src_end = anchor_quote(text, source_text, near=cue_start)  # raises, saying why
    return {
        "source_id": source_id,
        "cue_start": cue_start,
        "cue_end": cue_end,
        "cue": text[cue_start:cue_end],
        "source_start": src_start,
        "source_end": src_end,
        "source_text": text[src_start:src_end],
        "kind": kind,
        "via": via,
        "note": note,
        "convention": convention,
    }


def hedge_gold_row(
    corpus: Corpus, source_id: str, cue: str, family: str = "hedge", note: str = "", occurrence: int | None = None
) -> dict[str, object]:
    """One ``gold/hedges.csv`` row for a quoted hedge or disclaimer, with its offsets."""
    check_source_id(corpus, source_id)
    if family and family not in HEDGE_FAMILIES:
        raise ValueError(f"family '{family}' is not one of {', '.join(HEDGE_FAMILIES)}")
    text = corpus.at[source_id, "text"]
    start, end = anchor_quote(text, cue, occurrence)
    return {"source_id": source_id, "start": start, "end": end, "cue": text[start:end], "family": family, "note": note}


def _read_or_empty(
    corpus: Corpus, name: str, reader: Callable[[Corpus], pd.DataFrame], columns: Sequence[str]
) -> pd.DataFrame:
    """A gold file read and checked, or an empty table with its columns when the corpus has none."""
    return reader(corpus) if gold_path(corpus, name).is_file() else pd.DataFrame(columns=list(columns))


def missing_sourcing_gold(
    corpus: Corpus, found_attributions: pd.DataFrame | None = None, found_hedges: pd.DataFrame | None = None
) -> pd.DataFrame:
    """What the attribution and hedge gold lack: detector cues no gold cue overlaps, and articles with no gold row."""
    found_attributions = attributions(corpus) if found_attributions is None else found_attributions
    found_hedges = hedges(corpus) if found_hedges is None else found_hedges
    gold_a = _read_or_empty(corpus, config.ATTRIBUTIONS_GOLD_NAME, read_gold_attributions, ATTRIBUTION_GOLD_COLUMNS)
    gold_h = _read_or_empty(corpus, config.HEDGES_GOLD_NAME, read_gold_hedges, HEDGE_GOLD_COLUMNS)
    rows = []
    for a in found_attributions.itertuples():
        mine = gold_a[gold_a["source_id"] == a.source_id]
        if not ((mine["cue_start"] < a.cue_end) & (mine["cue_end"] > a.cue_start)).any():
            draft = (a.source_id, a.cue_start, a.cue_end, a.cue, a.kind, a.source_text)
            rows.append((config.ATTRIBUTIONS_GOLD_NAME, *draft, "detected, no gold row"))
    for h in found_hedges.itertuples():
        mine = gold_h[gold_h["source_id"] == h.source_id]
        if not ((mine["start"] < h.end) & (mine["end"] > h.start)).any():
            rows.append(
                (config.HEDGES_GOLD_NAME, h.source_id, h.start, h.end, h.cue, h.family, "", "detected, no gold row")
            )
    for name, gold in ((config.ATTRIBUTIONS_GOLD_NAME, gold_a), (config.HEDGES_GOLD_NAME, gold_h)):
        for sid in corpus.index:
            if sid not in set(gold["source_id"]):
                rows.append((name, sid, "", "", "", "", "", "article has no gold rows"))
    return pd.DataFrame(rows, columns=list(MISSING_COLUMNS))
