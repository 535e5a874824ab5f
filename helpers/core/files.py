"""Reading and writing the package's files: CSVs with line numbers, UTF-8 checks, atomic writes."""

from __future__ import annotations

import csv
import difflib
import io
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from filelock import FileLock

from helpers.core.errors import InputError, Problem

#: Name of the column that :func:`read_table` adds: the file line each record starts on.
LINE = "_line"
#: The UTF-8 byte-order mark some spreadsheets put at the start of a CSV.
BOM = "\ufeff"


def decode_utf8(path: Path) -> str:
    """Read a file as UTF-8, raising :class:`InputError` naming the first bad byte offset."""
    return decode_bytes(path.read_bytes(), path)


def decode_bytes(data: bytes, path: Path) -> str:
    """Decode a file's bytes as UTF-8, raising :class:`InputError` naming ``path`` and the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(str(path), None, f"not valid UTF-8 (bad byte 0x{data[exc.start]:02x} at byte offset {exc.start})")]
        ) from None


def read_text_limited(path: Path, limit: int) -> str:
    """A small UTF-8 text file (settings, notes) read whole, refused past ``limit`` bytes or when not a regular file."""
    if path.is_symlink() or not path.is_file():
        raise InputError([Problem(str(path), None, "must be a regular file inside the corpus directory")])
    size = path.stat().st_size
    if size > limit:
        raise InputError([Problem(str(path), None, f"file is {size:,} bytes, over the {limit:,}-byte limit")])
    text = decode_utf8(path)
    return text[1:] if text.startswith(BOM) else text


def suggest(value: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix for the closest choice, or ``""`` when none is close."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def read_table(path: Path, required: Sequence[str], optional: Sequence[str] = ()) -> pd.DataFrame:
    """Read a UTF-8 CSV of strings into a DataFrame with a ``_line`` column (1-based file line).

    A leading byte-order mark (Excel's "CSV UTF-8") is dropped. Every structural problem (missing
    file, bad encoding, missing or unknown columns, rows with the wrong number of fields) is
    collected and raised together as one :class:`InputError`.
    Missing optional columns are added empty, so callers can rely on every named column.
    """
    if not path.is_file():
        raise InputError([Problem(str(path), None, "file not found")])
    text = decode_utf8(path).removeprefix(BOM)
    if not text.strip():
        raise InputError([Problem(str(path), None, "file is empty (expected a header row)")])
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []
    try:
        header = [h.strip() for h in next(reader)]
        known = list(required) + list(optional)
        for col in required:
            if col not in header:
                problems.append(Problem(str(path), 1, f"missing column '{col}'{suggest(col, header)}"))
        for col in header:
            if col not in known:
                problems.append(Problem(str(path), 1, f"unknown column '{col}'{suggest(col, known)}"))
        dupes = sorted({c for c in header if header.count(c) > 1})
        for col in dupes:
            problems.append(Problem(str(path), 1, f"column '{col}' appears more than once"))
        if problems:
            raise InputError(problems)
        records: list[list[str]] = []
        lines: list[int] = []
        start = reader.line_num + 1
        for row in reader:
            if not any(cell.strip() for cell in row):
                start = reader.line_num + 1
                continue
            if len(row) != len(header):
                problems.append(Problem(str(path), start, f"expected {len(header)} fields, found {len(row)}"))
            else:
                records.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(str(path), reader.line_num, f"malformed CSV: {exc}"))
    if problems:
        raise InputError(problems)
    frame = pd.DataFrame(records, columns=header, dtype=object)
    for col in optional:
        if col not in frame.columns:
            frame[col] = ""
    frame = frame.apply(lambda s: s.str.strip() if s.dtype == object else s)
    frame[LINE] = lines
    return frame


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file so that readers see the old or the new content, never a partial one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file ordinary permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: A temporary file of :func:`write_atomic` older than this (seconds) is an interrupted save's leftover.
STALE_TEMPORARY_SECONDS = 3600


def remove_stale_temporaries(folder: Path, older_than: float = STALE_TEMPORARY_SECONDS) -> list[Path]:
    """Delete the ``.<name>.*.tmp`` leftovers of interrupted atomic writes in ``folder``; returns them."""
    now, removed = time.time(), []
    for tmp in Path(folder).glob(".*.tmp"):
        try:
            if tmp.is_file() and not tmp.is_symlink() and now - tmp.stat().st_mtime > older_than:
                tmp.unlink()
                removed.append(tmp)
        except OSError:  # another writer renamed or removed it meanwhile
            continue
    return removed


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (through a ``.<name>.lock`` file beside it) for a read-merge-write.

    Two saves of one file at once (two tabs, two students on a shared folder) then run one after
    the other, so the second merges into what the first wrote instead of overwriting it. The lock
    is :class:`filelock.FileLock` (``flock`` on Linux and macOS, ``msvcrt`` on Windows), a new one
    per call, so two threads of one process wait for each other as two processes do.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(path.with_name(f".{path.name}.lock")):
        yield


def write_csv_atomic(path: Path, frame: pd.DataFrame) -> None:
    """Write a DataFrame as UTF-8 CSV (no index) atomically.

    Cells holding a bare carriage return are not quoted by the minimal quoting of a ``\n``-ended
    CSV and would split the record on reading, so such a frame is written with every cell quoted.
    """
    has_cr = any(frame[col].astype(str).str.contains("\r", regex=False).any() for col in frame.columns)
    quoting = csv.QUOTE_ALL if has_cr else csv.QUOTE_MINIMAL
    write_atomic(path, frame.to_csv(index=False, lineterminator="\n", quoting=quoting))
