"""``python -m helpers reuse SOURCE --out DIR [--scheduler ADDRESS]``: the reuse tables of a whole archive.

SOURCE is a corpus folder or a Parquet dataset of articles (:mod:`helpers.corpus.parquet`).
Without ``--scheduler`` the scan runs in this process (:func:`~helpers.reuse.derivation.find_reuse`);
with one it runs on that Dask cluster (:mod:`helpers.reuse.distributed`), with the same result.
The tables are written to a hidden folder beside DIR and moved into place only when complete, so
a failed run never leaves output that looks finished, and a rerun starts afresh.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.core.errors import InputError, Problem, display_path
from helpers.corpus.load import load_corpus
from helpers.corpus.parquet import is_parquet_dataset, read_articles, replace_folder
from helpers.reuse import distributed

#: Tables with more rows than this are written as Parquet, smaller ones as CSV (what a spreadsheet opens).
CSV_MAX_ROWS = 200_000
#: Score columns rounded as in ``python -m helpers tables`` (so the CSV of a corpus folder equals its reuse_pairs.csv).
ROUNDED = ("similarity", "containment_a_in_b", "containment_b_in_a", "coverage_a", "coverage_b")
#: Errors distributed raises when a worker was lost (most often killed for going over its memory limit).
LOST_WORKER_ERRORS = ("KilledWorker", "FutureCancelledError")
LOST_WORKER_HINT = (
    " (a worker was lost, most often over its memory limit: give the workers more memory, e.g."
    " LocalCluster(memory_limit=...) or the job's --memory, or more workers)"
)
#: Seconds to wait for a scheduler to answer before saying it is unreachable.
CONNECT_TIMEOUT_S = 10
#: A hidden temporary output folder older than this (seconds) is an interrupted run's leftover.
STALE_SECONDS = 3600


class ScanError(Exception):
    """A scan that could not run or finish; the message is the one line to show."""


def load_source(source: Path | str) -> pd.DataFrame:
    """The articles of a corpus folder or a Parquet dataset; raises :class:`InputError` naming the problem."""
    path = Path(source)
    if (path / config.MANIFEST_NAME).is_file():
        return load_corpus(path)
    if is_parquet_dataset(path):
        return read_articles(path)
    what = "does not exist" if not path.exists() else f"is neither a corpus folder (no {config.MANIFEST_NAME})"
    if path.exists():
        what += " nor a Parquet dataset (no *.parquet files)"
    raise InputError([Problem(str(path), None, what)])


def connect(address: str) -> object:
    """A Dask client of the scheduler at ``address``; raises :class:`ScanError` when it cannot be reached."""
    from distributed import Client

    try:
        return Client(address, timeout=f"{CONNECT_TIMEOUT_S}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ScanError(
            f"cannot reach the Dask scheduler at {address} ({type(exc).__name__}: {str(exc).splitlines()[0]})"
        ) from None


def output_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """File name -> table: scores rounded as ``tables`` does, CSV when small, Parquet when large."""
    out = {}
    for name, frame in tables.items():
        frame = frame.copy()
        for col in ROUNDED:
            if col in frame:
                frame[col] = frame[col].round(4)
        out[f"{name}.csv" if len(frame) <= CSV_MAX_ROWS else f"{name}.parquet"] = frame
    return out


def write_tables(out: Path, tables: dict[str, pd.DataFrame]) -> list[Path]:
    """Write every table into a temporary folder beside ``out``, then move it into place as ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in out.parent.glob(f".{out.name}.*.tmp"):
        if old.is_dir() and now - old.stat().st_mtime > STALE_SECONDS:
            shutil.rmtree(old, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for name, frame in output_tables(tables).items():
            if name.endswith(".csv"):
                frame.to_csv(tmp / name, index=False, lineterminator="\n")
            else:
                frame.to_parquet(tmp / name, index=False)
        replace_folder(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(out.iterdir())


def run(source: str, out: str, scheduler: str | None = None) -> int:
    """The ``reuse`` command: load, scan (here or on the cluster), write; one line per problem, exit status."""
    try:
        corpus = load_source(source)
        client = connect(scheduler) if scheduler else None
        try:
            tables = distributed.scan(corpus, client)
        except (InputError, ScanError, MemoryError):
            raise
        except (Exception, asyncio.CancelledError) as exc:  # a worker or the scheduler lost: many kinds
            if client is None:
                raise
            first = str(exc).splitlines()[0] if str(exc) else ""
            hint = LOST_WORKER_HINT if type(exc).__name__ in LOST_WORKER_ERRORS else ""
            raise ScanError(
                f"the Dask cluster at {scheduler} failed mid-run ({type(exc).__name__}: {first}); nothing was"
                f" written, rerun to start again{hint}"
            ) from None
        finally:
            if client is not None:
                client.close()
        for path in write_tables(Path(out), tables):
            print(f"wrote {display_path(path)}")
        return 0
    except InputError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    except ScanError as exc:
        print(f"error: {exc}")
        return 2
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        return 2
