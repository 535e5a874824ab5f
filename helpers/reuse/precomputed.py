"""Pairs from an archive-wide scan, read for the slice of it a corpus holds (one story's articles).

A researcher scans a whole archive once (``python -m helpers reuse ARCHIVE --out DIR``, on a Dask
cluster if need be) and studies one story in the notebooks: with ``REUSE_PAIRS=DIR`` in the
environment, or ``reuse_pairs = "DIR"`` in the corpus's ``event.toml`` (relative to the corpus
folder), :func:`reuse_of` reads the pairs of the corpus's articles from DIR instead of scanning
the corpus, and aligns only those pairs again for their passages. Thresholds, labels and the
relation are the archive scan's: a pair of two articles of the slice is judged against the whole
archive (what is stock text, which outlet's reporting a story rests on), which is the point.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from helpers.core.errors import InputError, Problem
from helpers.reuse.alignment import PASSAGE_COLUMNS, aligned_passages, profile
from helpers.reuse.derivation import PAIR_COLUMNS, Reuse, find_reuse

#: Environment variable naming a folder of precomputed pairs (it wins over ``event.toml``).
REUSE_PAIRS_ENV = "REUSE_PAIRS"
#: Text columns of the pairs table (read as text, an empty cell staying empty).
_TEXT_COLUMNS = ("source_a", "source_b", "label", "derived", "direction_basis", "relation")


def pairs_dir(corpus: pd.DataFrame) -> Path | None:
    """The folder of precomputed pairs in force: ``$REUSE_PAIRS``, else ``reuse_pairs`` of ``event.toml``, else None."""
    env = os.environ.get(REUSE_PAIRS_ENV, "").strip()
    if env:
        return Path(env)
    settings = getattr(corpus, "settings", None)
    value = str(getattr(settings, "reuse_pairs", "") or "").strip()
    if not value:
        return None
    folder = Path(value)
    return folder if folder.is_absolute() else Path(getattr(corpus, "dir", ".")) / folder


def read_pairs(folder: Path | str) -> pd.DataFrame:
    """``reuse_pairs.csv`` or ``reuse_pairs.parquet`` of a scan's output folder; :class:`InputError` when absent."""
    folder = Path(folder)
    csv, parquet = folder / "reuse_pairs.csv", folder / "reuse_pairs.parquet"
    if csv.is_file():
        frame = pd.read_csv(csv, dtype=dict.fromkeys(_TEXT_COLUMNS, str), keep_default_na=False)
    elif parquet.is_file():
        frame = pd.read_parquet(parquet)
    else:
        why = "no reuse_pairs.csv or reuse_pairs.parquet here (python -m helpers reuse SOURCE --out DIR writes them)"
        raise InputError([Problem(str(folder), None, why)])
    missing = [c for c in PAIR_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError([Problem(str(csv if csv.is_file() else parquet), 1, f"missing columns: {', '.join(missing)}")])
    return frame[PAIR_COLUMNS]


def slice_pairs(pairs_df: pd.DataFrame, ids: pd.Index | list[str]) -> pd.DataFrame:
    """The pairs whose two articles are both in ``ids``, in the scan's order."""
    keep = set(map(str, ids))
    inside = pairs_df["source_a"].isin(keep) & pairs_df["source_b"].isin(keep)
    return pairs_df[inside].reset_index(drop=True)


def reuse_of(corpus: pd.DataFrame, **find_kwargs: object) -> Reuse:
    """Pairs and passages for the notebooks: the precomputed slice when one is configured, else ``find_reuse``.

    With precomputed pairs, the passages are those of the slice's aligned pairs, aligned here
    (``find_kwargs`` apply only when the corpus is scanned here).
    """
    folder = pairs_dir(corpus)
    if folder is None:
        return find_reuse(corpus, **find_kwargs)  # type: ignore[arg-type]
    pairs_df = slice_pairs(read_pairs(folder), corpus.index)
    texts = {str(s): str(t) for s, t in corpus["text"].items()}
    profiles = {}
    rows = []
    for a, b, n in zip(pairs_df["source_a"], pairs_df["source_b"], pairs_df["shared_passages"], strict=True):
        if not n:
            continue
        pa = profiles.get(a) or profiles.setdefault(a, profile(texts[a]))
        pb = profiles.get(b) or profiles.setdefault(b, profile(texts[b]))
        found, _, _ = aligned_passages(pa, pb)
        rows.extend((a, b, k, s, a0, a1, b0, b1, texts[a][a0:a1], texts[b][b0:b1]) for k, s, a0, a1, b0, b1 in found)
    return Reuse(pairs_df, pd.DataFrame(rows, columns=PASSAGE_COLUMNS))


def pairs_for(corpus: pd.DataFrame) -> pd.DataFrame:
    """The pairs the chain counts use: the precomputed slice when configured, else the corpus scanned (REUSE)."""
    folder = pairs_dir(corpus)
    return find_reuse(corpus).pairs if folder is None else slice_pairs(read_pairs(folder), corpus.index)
