"""The hand-coded temporal gold: reading and checking it, matching system mentions to it, scores.

Gold (``corpus/gold/temporal.csv``): every expression naming a point, range or length of time is
coded, with the value a careful reader of that article alone would give (``note`` explains the
less obvious ones). Vague phrases ("hours before", "Not long after", "the days preceding")
are coded with an empty value; bare adverbs (now, then, later, recently) and adjectives
("night-time", "long-time") are not coded. Spans cover the temporal words only ("24-year" in
"24-year rule"); :func:`evaluate` matches system and gold spans by overlap.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import config
from helpers.core.errors import InputError, Problem, problems_of
from helpers.core.files import LINE, read_table, suggest
from helpers.corpus.load import Corpus
from helpers.temporal.lexicon import WEEKDAYS

#: Columns of the hand-coded gold file.
GOLD_COLUMNS = ("source_id", "start", "end", "text", "type", "value", "value_end", "granularity", "anchor", "note")
TYPES = ("date", "weekday", "time", "part_of_day", "relative", "deictic", "year", "duration")
GRANULARITIES = ("", "year", "month", "week", "day", "part-of-day", "minute", "duration")
ANCHORS = ("", "absolute", "publication", "narrative")


def gold_path(corpus: Corpus) -> Path:
    """Where a corpus keeps its hand-coded temporal gold."""
    return corpus.path(config.GOLD_DIRNAME, config.TEMPORAL_GOLD_NAME)


def read_gold(path: Path, corpus: pd.DataFrame) -> pd.DataFrame:
    """Read and check the gold file: known sources, integer offsets that slice to the text, vocabularies."""
    gold = read_table(path, GOLD_COLUMNS)
    problems: list[Problem] = []
    for rec in gold.to_dict("records"):
        row = pd.Series(rec)
        line = int(rec[LINE])

        def bad(msg: str, line: int = line) -> None:
            problems.append(Problem(str(path), line, msg))

        if row.source_id not in corpus.index:
            bad(f"unknown source_id '{row.source_id}'{suggest(row.source_id, corpus.index)}")
            continue
        if not (row.start.isdigit() and row.end.isdigit()) or int(row.start) >= int(row.end):
            bad(f"start/end '{row.start}'/'{row.end}' must be integers with start < end")
            continue
        found = corpus.loc[row.source_id, "text"][int(row.start) : int(row.end)]
        if found != row.text:
            bad(f"text '{row.text}' does not match the article at {row.start}-{row.end} (found '{found}')")
        for col, allowed in (("type", TYPES), ("granularity", GRANULARITIES), ("anchor", ANCHORS)):
            val = getattr(row, col)
            if val not in allowed:
                choices = ", ".join(a or "(empty)" for a in allowed)
                bad(f"{col} '{val}' is not one of {choices}{suggest(val, allowed)}")
    if problems:
        raise InputError(problems)
    return gold.astype({"start": int, "end": int})


def validate_gold(corpus: Corpus) -> list[Problem]:
    """For ``python -m helpers validate``: problems of the temporal gold (none when it is absent)."""
    path = gold_path(corpus)
    return problems_of(lambda: read_gold(path, corpus)) if path.is_file() else []


def gold_summary(corpus: Corpus) -> str:
    """One line on a valid temporal gold for ``validate``; empty when the corpus has none."""
    path = gold_path(corpus)
    return f"{len(read_gold(path, corpus))} hand-coded temporal expressions" if path.is_file() else ""


def _best_match(g: pd.Series, system: pd.DataFrame) -> pd.Series | None:
    """The system mention overlapping a gold span most, or None."""
    over = system[(system["start"] < g["end"]) & (system["end"] > g["start"])]
    if over.empty:
        return None
    overlap = over["end"].clip(upper=g["end"]) - over["start"].clip(lower=g["start"])
    return over.loc[overlap.idxmax()]


def match_gold(mentions: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Each gold mention with the best-overlapping system mention and a verdict.

    verdict: ``correct`` (same value, value_end and granularity, empty for both when the gold
    leaves it unresolved), ``unresolved`` (found, gold has a value, system none), ``wrong``
    (system value differs), ``missed`` (no overlapping system mention).
    """
    rows = []
    for _, g in gold.iterrows():
        system = mentions[mentions["source_id"] == g["source_id"]]
        s = _best_match(g, system)
        sys_val = ("", "", "") if s is None else (s["value"], s["value_end"], s["granularity"])
        gold_val = (g["value"], g["value_end"], g["granularity"])
        if s is None:
            verdict = "missed"
        elif sys_val == gold_val:
            verdict = "correct"
        elif not s["value"]:
            verdict = "unresolved"
        else:
            verdict = "wrong"
        is_weekday = any(w.lower() in g["text"].lower() for w in WEEKDAYS)
        wrong_week = bool(
            is_weekday and s is not None and s["value"] and g["value"] and s["value"][:10] != g["value"][:10]
        )
        rows.append(
            {
                "source_id": g["source_id"],
                "start": g["start"],
                "end": g["end"],
                "text": g["text"],
                "gold_value": g["value"],
                "gold_value_end": g["value_end"],
                "gold_granularity": g["granularity"],
                "system_text": "" if s is None else s["text"],
                "system_value": sys_val[0],
                "system_value_end": sys_val[1],
                "system_granularity": sys_val[2],
                "verdict": verdict,
                "weekday_wrong_week": wrong_week,
            }
        )
    return pd.DataFrame(rows)


def evaluate(mentions: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Per article and overall: gold count, found, correctly resolved, precision, recall, wrong weeks.

    precision = correct / system mentions (a system mention overlapping no gold one counts
    against it); recall = correct / gold mentions.
    """
    matched = match_gold(mentions, gold)
    rows = []
    sources = sorted(set(gold["source_id"]) | set(mentions["source_id"]))
    for sid in [*sources, "all"]:
        mg = matched if sid == "all" else matched[matched["source_id"] == sid]
        ms = mentions if sid == "all" else mentions[mentions["source_id"] == sid]
        spurious = 0
        for src, sys_rows in ms.groupby("source_id"):
            gs = gold[gold["source_id"] == src]
            for _, s in sys_rows.iterrows():
                if not ((gs["start"] < s["end"]) & (gs["end"] > s["start"])).any():
                    spurious += 1
        correct = int((mg["verdict"] == "correct").sum())
        rows.append(
            {
                "source_id": sid,
                "gold": len(mg),
                "system": len(ms),
                "found": int((mg["verdict"] != "missed").sum()),
                "correct": correct,
                "unresolved": int((mg["verdict"] == "unresolved").sum()),
                "wrong": int((mg["verdict"] == "wrong").sum()),
                "spurious": spurious,
                "precision": round(correct / len(ms), 3) if len(ms) else float("nan"),
                "recall": round(correct / len(mg), 3) if len(mg) else float("nan"),
                "weekday_wrong_week": int(mg["weekday_wrong_week"].sum()),
            }
        )
    return pd.DataFrame(rows).set_index("source_id")
