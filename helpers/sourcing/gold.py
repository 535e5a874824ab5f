"""The hand-coded gold for the attribution and hedge detector: reading and checking the files.

``corpus/gold/attributions.csv`` lists attribution cues and their sources, ``corpus/gold/hedges.csv``
hedges and verification disclaimers, each as ``[start, end)`` offsets into the unmodified article
text. Every span is checked against its article (a wrong offset is reported with where the text
really is), so the measurements in :mod:`helpers.sourcing.accuracy` rest on checked input;
:func:`validate` is what ``python -m helpers validate`` runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.core.errors import InputError, Problem, problems_of
from helpers.core.files import LINE, read_table, suggest
from helpers.corpus.load import Corpus
from helpers.sourcing.detect import KINDS

# --------------------------------------------------------------------------------------------
# Gold: hand-coded cues and hedges, checked against the texts
# --------------------------------------------------------------------------------------------

GOLD_ATTRIBUTION_REQUIRED = (
    "source_id",
    "cue_start",
    "cue_end",
    "cue",
    "source_start",
    "source_end",
    "source_text",
    "kind",
)
GOLD_ATTRIBUTION_OPTIONAL = ("via", "note", "convention")
#: A gold attribution's ``convention``: empty (counted by both conventions) or ``wide`` (only by the
#: published one: narrated speech acts, beliefs and plans; see ``corpus/README.md``, "Attribution gold").
GOLD_CONVENTIONS = ("", "wide")
GOLD_HEDGE_REQUIRED = ("source_id", "start", "end", "cue")
GOLD_HEDGE_OPTIONAL = ("family", "note")
HEDGE_FAMILIES = ("hedge", "disclaimer")
#: An offset: ASCII digits only (``str.isdigit`` also accepts '²', which ``int`` refuses).
_WHOLE = re.compile(r"[0-9]+")


def gold_path(corpus: Corpus, name: str) -> Path:
    """Where a corpus keeps a gold file (``gold/<name>``)."""
    return corpus.path(config.GOLD_DIRNAME, name)


def has_gold(corpus: Corpus) -> bool:
    """Whether the corpus has hand-coded attribution and hedge gold to measure the detector against."""
    return all(gold_path(corpus, name).is_file() for name in (config.ATTRIBUTIONS_GOLD_NAME, config.HEDGES_GOLD_NAME))


def _check_span(row: dict, path: Path, text: str, start_col: str, end_col: str, text_col: str) -> list[Problem]:
    """Problems with one ``[start, end)`` span of a gold row: not integers, out of range, wrong text."""
    line = row[LINE]
    raw_start, raw_end, want = row[start_col], row[end_col], row[text_col]
    if not (_WHOLE.fullmatch(raw_start) and _WHOLE.fullmatch(raw_end)):
        return [
            Problem(str(path), line, f"{start_col}/{end_col} must be whole numbers, found '{raw_start}'/'{raw_end}'")
        ]
    start, end = int(raw_start), int(raw_end)
    if not 0 <= start <= end <= len(text):
        return [
            Problem(str(path), line, f"{start_col}..{end_col} = {start}..{end} is outside the article (0..{len(text)})")
        ]
    if text[start:end] != want:
        hint = ""
        if want and want in text:
            nearest = min((m.start() for m in re.finditer(re.escape(want), text)), key=lambda p: abs(p - start))
            hint = f" ('{want}' is at {nearest}..{nearest + len(want)})"
        got = text[start:end]
        return [Problem(str(path), line, f"{start_col}..{end_col} slices '{got}', not {text_col} '{want}'{hint}")]
    return []


def _read_gold(
    path: Path,
    corpus: pd.DataFrame,
    required: Sequence[str],
    optional: Sequence[str],
    spans: Sequence[tuple[str, str, str]],
) -> pd.DataFrame:
    """Read a gold CSV and check every row's source id and spans; raise :class:`InputError` listing all problems.

    A row repeating the source id and first span of an earlier row is reported: the one-to-one
    matching of :mod:`helpers.sourcing.accuracy` would leave the copy unmatched and lower recall.
    """
    frame = read_table(path, required, optional)
    problems: list[Problem] = []
    key_cols = ["source_id", *spans[0][:2]]
    seen: dict[tuple[str, ...], int] = {}
    for row in frame.to_dict("records"):
        sid, line = row["source_id"], row[LINE]
        key = tuple(str(int(v)) if _WHOLE.fullmatch(v) else v for v in (row[c] for c in key_cols))
        if key in seen:
            where = ", ".join(f"{c} {v}" for c, v in zip(key_cols, key, strict=True))
            problems.append(Problem(str(path), line, f"duplicate of line {seen[key]} ({where})"))
            continue
        seen[key] = line
        if sid not in corpus.index:
            problems.append(Problem(str(path), line, f"unknown source_id '{sid}'{suggest(sid, corpus.index)}"))
            continue
        for start_col, end_col, text_col in spans:
            problems.extend(_check_span(row, path, corpus.at[sid, "text"], start_col, end_col, text_col))
        if "kind" in frame.columns and row["kind"] not in KINDS:
            problems.append(
                Problem(
                    str(path),
                    line,
                    f"unknown kind '{row['kind']}'{suggest(row['kind'], KINDS)}; use one of {', '.join(KINDS)}",
                )
            )
        convention = row.get("convention", "")
        if "convention" in frame.columns and convention not in GOLD_CONVENTIONS:
            problems.append(
                Problem(
                    str(path),
                    line,
                    f"unknown convention '{convention}'{suggest(convention, ['wide'])}; leave it empty or write wide",
                )
            )
        family = row.get("family", "")
        if "family" in frame.columns and family and family not in HEDGE_FAMILIES:
            problems.append(Problem(str(path), line, f"unknown family '{family}'{suggest(family, HEDGE_FAMILIES)}"))
    if problems:
        raise InputError(problems)
    for col in {c for span in spans for c in span[:2]}:
        frame[col] = frame[col].astype(int)
    return frame


def read_gold_attributions(corpus: Corpus) -> pd.DataFrame:
    """The hand-coded attribution cues, each span checked against its article."""
    spans = (("cue_start", "cue_end", "cue"), ("source_start", "source_end", "source_text"))
    path = gold_path(corpus, config.ATTRIBUTIONS_GOLD_NAME)
    return _read_gold(path, corpus, GOLD_ATTRIBUTION_REQUIRED, GOLD_ATTRIBUTION_OPTIONAL, spans)


def for_convention(gold: pd.DataFrame, convention: str) -> pd.DataFrame:
    """The gold attributions a convention expects: all under ``wide``, those not marked ``wide`` under ``speech``."""
    if convention == "wide" or "convention" not in gold.columns:
        return gold
    return gold[gold["convention"].fillna("") != "wide"].reset_index(drop=True)


def read_gold_hedges(corpus: Corpus) -> pd.DataFrame:
    """The hand-coded hedges and disclaimers, each span checked against its article."""
    path = gold_path(corpus, config.HEDGES_GOLD_NAME)
    return _read_gold(path, corpus, GOLD_HEDGE_REQUIRED, GOLD_HEDGE_OPTIONAL, (("start", "end", "cue"),))


_GOLD_READERS = (
    (config.ATTRIBUTIONS_GOLD_NAME, read_gold_attributions),
    (config.HEDGES_GOLD_NAME, read_gold_hedges),
)


def validate_gold(corpus: Corpus) -> list[Problem]:
    """For ``python -m helpers validate``: problems in the attribution and hedge gold files present."""
    return [
        problem
        for name, reader in _GOLD_READERS
        if gold_path(corpus, name).is_file()
        for problem in problems_of(lambda reader=reader: reader(corpus))
    ]


def gold_summary(corpus: Corpus) -> str:
    """One line on the valid gold files for ``validate`` ("77 gold attributions, 27 gold hedges")."""
    return ", ".join(
        f"{len(reader(corpus))} gold {name.removesuffix('.csv')}"
        for name, reader in _GOLD_READERS
        if gold_path(corpus, name).is_file()
    )
