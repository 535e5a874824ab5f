"""Many articles in one ``add``: a folder or a list of files, per-file fields from a ``--manifest`` CSV.

Each file is read and checked on its own (:func:`helpers.corpus.authoring.draft_article`, the
per-file function ``add`` of one file uses too); the good ones are written under one lock and
the manifest is replaced once, so nothing is half-written, and every file gets one
:class:`Outcome` line: added, or refused and why.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from helpers import config
from helpers.core.errors import InputError, display_path
from helpers.core.files import BOM, decode_bytes, locked, write_atomic
from helpers.core.progress import progress
from helpers.corpus.authoring import (
    FIELDS,
    AuthoringError,
    Draft,
    Register,
    corpus_paths,
    draft_article,
    manifest_rows,
    place_article,
    with_rows,
)
from helpers.corpus.inputs import read_input

#: Manifest columns a ``--manifest`` CSV may give per file, besides ``file`` (which names the file added).
MANIFEST_FIELDS = ("source_id", *FIELDS)


@dataclass(frozen=True)
class Outcome:
    """What ``add`` did with one file: its name, the row added (None when refused) and why it was refused."""

    name: str
    row: dict[str, str] | None = None
    problem: str = ""


def files_to_add(paths: list[Path]) -> tuple[list[Path], list[Outcome]]:
    """The files named, a folder standing for the files in it (sorted, hidden ones skipped); missing paths refused."""
    files, refused = [], []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            files.extend(sorted(p for p in path.iterdir() if not p.name.startswith(".") and not p.is_dir()))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            refused.append(Outcome(display_path(path), problem=f"{display_path(path)}: file not found"))
    return files, refused


def read_add_manifest(path: Path) -> tuple[dict[str, dict[str, str]], list[Outcome]]:
    """Per-file fields from a ``--manifest`` CSV (``file`` plus columns of ``sources.csv``), and its bad rows."""
    name = display_path(path)
    try:
        text = decode_bytes(read_input(path, config.max_article_bytes()), path)
    except InputError as exc:
        raise AuthoringError(str(exc.problems[0])) from None
    records = list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline="")))
    header = [h.strip() for h in (records[0].keys() if records else [])]
    if "file" not in header:
        raise AuthoringError(f"{name}: no 'file' column (the manifest names each file to add in a 'file' column)")
    ignored = [h for h in header if h not in ("file", "sha256", *MANIFEST_FIELDS)]
    if ignored:
        raise AuthoringError(f"{name}: unknown column(s) {', '.join(ignored)} (use the columns of sources.csv)")
    by_file: dict[str, dict[str, str]] = {}
    bad = []
    for line, record in enumerate(records, start=2):
        cells = {k.strip(): (v or "").strip() for k, v in record.items() if k is not None}
        if None in record:
            bad.append(Outcome(f"{name}:{line}", problem=f"{name}:{line}: more cells than columns: row skipped"))
            continue
        file = cells.pop("file")
        cells.pop("sha256", None)
        if not file:
            bad.append(Outcome(f"{name}:{line}", problem=f"{name}:{line}: empty 'file' cell: row skipped"))
        elif file in by_file:
            bad.append(Outcome(f"{name}:{line}", problem=f"{name}:{line}: '{file}' is listed twice: row skipped"))
        else:
            by_file[file] = {k: v for k, v in cells.items() if v} | {"_line": str(line)}
    return by_file, bad


def add_many(
    corpus_dir: Path | str,
    paths: list[Path | str],
    manifest: Path | str | None = None,
    report: object = None,
    **fields: str | None,
) -> list[Outcome]:
    """Add many files (folders stand for the files in them): one :class:`Outcome` per file, in order.

    Each file is read and checked on its own (a refused file does not stop the others); its fields
    are ``fields`` (for every file) overridden by its ``--manifest`` row. The good ones are written
    under one lock and the manifest is replaced once at the end; if that fails, the article files
    written are removed, so nothing is half-written. ``report`` (a callable) gets each outcome as it
    is decided.
    """
    cdir = Path(corpus_dir)
    mpath, adir = corpus_paths(cdir)
    files, outcomes = files_to_add([Path(p) for p in paths])
    per_file, bad_rows = read_add_manifest(Path(manifest)) if manifest else ({}, [])
    outcomes += bad_rows
    say = report if callable(report) else (lambda outcome: None)
    for outcome in outcomes:
        say(outcome)
    drafts: list[tuple[Draft, str]] = []
    for src in progress(files, total=len(files), desc="reading"):
        given = dict(per_file.get(src.name, {}))
        line = given.pop("_line", "")
        source_id = given.pop("source_id", None)
        try:
            listed = (f"{Path(manifest).name}:{line}" if manifest else "", set(given))
            drafts.append((draft_article(cdir, src, source_id, fields | given, listed), line))
        except AuthoringError as exc:
            where = f" ({display_path(Path(manifest))}:{line})" if line else ""
            outcomes.append(Outcome(display_path(src), problem=f"{exc}{where}"))
            say(outcomes[-1])
        except OSError as exc:
            outcomes.append(Outcome(display_path(src), problem=f"{display_path(src)}: {exc.strerror or exc}"))
            say(outcomes[-1])
    if manifest:
        named = {src.name for src in files}
        for file, cells in per_file.items():
            if file not in named:
                problem = f"{display_path(Path(manifest))}:{cells['_line']}: '{file}' is not among the files given"
                outcomes.append(Outcome(file, problem=problem))
                say(outcomes[-1])
    with locked(mpath):
        text, header, rows = manifest_rows(mpath)
        register = Register(rows, adir)
        mname = display_path(mpath)
        added: list[dict[str, str]] = []
        try:
            for draft, _ in drafts:
                try:
                    row = place_article(draft, register, mname)
                except AuthoringError as exc:
                    outcomes.append(Outcome(draft.name, problem=str(exc)))
                else:
                    added.append(row)
                    outcomes.append(Outcome(draft.name, row=row))
                say(outcomes[-1])
            if added:
                write_atomic(mpath, with_rows(text, header, added))
        except BaseException:
            for row in added:
                if not any(d.in_place and d.row is row for d, _ in drafts):
                    (adir / row["file"]).unlink(missing_ok=True)
            raise
    return outcomes
