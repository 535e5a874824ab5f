"""Articles as a Parquet dataset (``source_id, outlet, published, text``, one row an article, many files).

The form an archive-wide reuse scan reads (``python -m helpers reuse DATASET``) and that
``python -m helpers export parquet CORPUS_DIR OUT`` writes from a corpus folder. Reading checks
what the scan relies on and names the file, the row and the problem: missing columns (with the
nearest name present), duplicate ids, empty texts, texts over the article size limit, unreadable dates.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.core.errors import InputError, Problem
from helpers.core.files import suggest
from helpers.corpus.load import load_corpus

#: The columns of an article dataset, in order.
ARTICLE_COLUMNS = ("source_id", "outlet", "published", "text")

#: Optional columns read and written when present: the credited outlets (a list) and the manifest's inferred upstream.
OPTIONAL_COLUMNS = ("credits", "upstream_inferred")

#: Articles per file written by :func:`export_parquet` (files of a few tens of MB at news lengths).
ROWS_PER_FILE = 20_000


def parquet_files(path: Path) -> list[Path]:
    """The Parquet files of a dataset: the file itself, or every ``*.parquet`` under a folder, sorted."""
    path = Path(path)
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.parquet") if p.is_file() and not p.name.startswith((".", "_")))


def is_parquet_dataset(path: Path) -> bool:
    """Whether ``path`` is a Parquet file or a folder holding Parquet files."""
    return bool(parquet_files(path)) if Path(path).exists() else False


def _check_file(frame: pd.DataFrame, file: Path, limit: int) -> list[Problem]:
    """Problems of one file's rows: missing columns, empty or oversized texts, unreadable dates."""
    missing = [c for c in ARTICLE_COLUMNS if c not in frame.columns]
    if missing:
        return [Problem(str(file), None, f"missing column {c!r}{suggest(c, map(str, frame.columns))}") for c in missing]
    problems = []
    texts = frame["text"].fillna("").astype(str)
    for row in texts.index[texts.str.strip() == ""][:5]:
        problems.append(
            Problem(str(file), None, f"row {row}: article {frame.at[row, 'source_id']!r} has an empty text")
        )
    sizes = texts.str.len()
    for row in sizes.index[sizes > limit][:5]:
        problems.append(
            Problem(
                str(file),
                None,
                f"row {row}: article {frame.at[row, 'source_id']!r} has {sizes[row]:,} characters, over the limit of"
                f" {limit:,} (set {config.MAX_ARTICLE_ENV} to raise it, or split the text)",
            )
        )
    ids = frame["source_id"].fillna("").astype(str).str.strip()
    for row in ids.index[ids == ""][:5]:
        problems.append(Problem(str(file), None, f"row {row}: empty source_id"))
    dates = pd.to_datetime(frame["published"], errors="coerce")
    bad = dates.isna() & frame["published"].notna() & (frame["published"].astype(str).str.strip() != "")
    for row in bad.index[bad][:5]:
        problems.append(Problem(str(file), None, f"row {row}: published {frame.at[row, 'published']!r} is not a date"))
    return problems


def read_articles(path: Path | str) -> pd.DataFrame:
    """A Parquet dataset of articles as a corpus frame (indexed by ``source_id``); raises :class:`InputError`.

    Every file is checked; a duplicate id names both places it occurs. Columns other than the four
    are kept (``credits`` as a list of outlets, if present, is used for the direction of same-day pairs).
    """
    import pyarrow.parquet as pq

    path = Path(path)
    files = parquet_files(path) if path.exists() else []
    if not files:
        raise InputError([Problem(str(path), None, "no Parquet files here (expected *.parquet with columns "
                                  + ", ".join(ARTICLE_COLUMNS) + ")")])  # fmt: skip
    limit = config.max_article_bytes()
    frames, problems = [], []
    seen: dict[str, tuple[Path, int]] = {}
    for file in files:
        try:
            frame = pq.read_table(file).to_pandas()
        except Exception as exc:  # pyarrow raises several types for a damaged or foreign file
            problems.append(Problem(str(file), None, f"not a readable Parquet file: {str(exc).splitlines()[0]}"))
            continue
        found = _check_file(frame, file, limit)
        problems.extend(found)
        if found:
            continue
        for row, sid in zip(frame.index, frame["source_id"].astype(str).str.strip(), strict=True):
            if sid in seen:
                where, first = seen[sid]
                why = f"row {row}: duplicate source_id {sid!r} (first at {where.name} row {first})"
                problems.append(Problem(str(file), None, why))
            else:
                seen[sid] = (file, row)
        frames.append(frame)
    if problems:
        raise InputError(problems)
    out = pd.concat(frames, ignore_index=True)
    out["source_id"] = out["source_id"].astype(str).str.strip()
    out["outlet"] = out["outlet"].fillna("").astype(str)
    out["published"] = pd.to_datetime(out["published"], errors="coerce").astype("datetime64[ns]")
    out["text"] = out["text"].astype(str)
    if "credits" in out:
        out["credits"] = out["credits"].map(lambda c: tuple(str(x) for x in c) if c is not None and len(c) else ())
    if "upstream_inferred" in out:
        out["upstream_inferred"] = out["upstream_inferred"].fillna("").astype(str)
    return out.set_index("source_id")


def articles_frame(corpus: pd.DataFrame) -> pd.DataFrame:
    """A corpus as the rows of an article dataset: the four columns (dates as YYYY-MM-DD), plus the optional ones.

    ``credits`` (a list of outlets) and ``upstream_inferred`` travel along when the corpus has them,
    so a scan of the dataset equals a scan of the folder (they decide the direction and the chains).
    """
    frame = pd.DataFrame(
        {
            "source_id": [str(s) for s in corpus.index],
            "outlet": corpus["outlet"].fillna("").astype(str).to_numpy() if "outlet" in corpus else "",
            "published": pd.to_datetime(corpus["published"]).dt.strftime("%Y-%m-%d").to_numpy()
            if "published" in corpus
            else "",
            "text": corpus["text"].astype(str).to_numpy(),
        }
    )
    for col in OPTIONAL_COLUMNS:
        if col in corpus:
            values = corpus[col].to_numpy()
            frame[col] = [list(v) for v in values] if col == "credits" else [str(v or "") for v in values]
    return frame


def write_dataset(frame: pd.DataFrame, out: Path | str, rows_per_file: int = ROWS_PER_FILE) -> list[Path]:
    """Write ``frame`` as ``part-NNNNN.parquet`` files in folder ``out``, all at once (moved into place when complete).

    An existing ``out`` is replaced only after the new files are complete, so a reader never sees
    a half-written dataset; an interrupted run leaves only a hidden temporary folder beside it.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for k, lo in enumerate(range(0, max(len(frame), 1), rows_per_file)):
            frame.iloc[lo : lo + rows_per_file].to_parquet(tmp / f"part-{k:05d}.parquet", index=False)
        replace_folder(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return parquet_files(out)


def replace_folder(new: Path, dest: Path) -> None:
    """Move the complete folder ``new`` to ``dest``, replacing what was there only once ``new`` is in place."""
    old = dest.with_name(f".{dest.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        dest.rename(old)
    new.rename(dest)
    shutil.rmtree(old, ignore_errors=True)


def export_parquet(corpus_dir: Path | str | None, out: Path | str) -> list[Path]:
    """``python -m helpers export parquet CORPUS_DIR OUT``: a corpus folder as an article dataset."""
    return write_dataset(articles_frame(load_corpus(corpus_dir)), out)
