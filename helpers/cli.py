"""Command line: ``python -m helpers validate [CORPUS_DIR]`` and ``python -m helpers tables [CORPUS_DIR] --out DIR``."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.core.errors import InputError, Problem, display_path
from helpers.core.files import write_atomic, write_csv_atomic
from helpers.corpus.load import load_corpus, validate_corpus

#: A table builder's value: a DataFrame (written as CSV) or JSON-ready lists and dicts (written as JSON).
Table = pd.DataFrame | list | dict

#: ``module:function`` specs whose ``function(corpus_dir) -> {file name: Table}`` feed
#: ``python -m helpers tables``, in output order: a DataFrame is written as CSV, a list or dict
#: as JSON (the file name says which).
TABLE_BUILDERS: tuple[str, ...] = (
    "helpers.claims.disagreements:claim_tables",
    "helpers.claims.coding:tables",
    "helpers.timeline.dated:tables",
    "helpers.reuse.chaining:tables",
    "helpers.sourcing.detect:tables",
)

#: Extra validators run by ``validate`` after the corpus itself is valid: ``module:function``
#: returning ``(problems, summary_line)``.
VALIDATORS: tuple[str, ...] = (
    "helpers.claims.coding:validate_codings",
    "helpers.temporal.resolve:validate_gold",
    "helpers.sourcing.gold:validate",
    "helpers.timeline.dated:validate_outside",
)


def _resolve(spec: str) -> Callable[..., object]:
    """Import ``module:function`` lazily, so one broken module does not stop the others' help."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def run_validate(corpus_dir: Path) -> tuple[list[Problem], list[str]]:
    """All problems of a corpus and its codings, and the summary lines for a valid one."""
    problems = validate_corpus(corpus_dir)
    if problems:
        return problems, []
    summary = [f"ok: {len(load_corpus(corpus_dir))} articles"]
    for spec in VALIDATORS:
        more, line = _resolve(spec)(corpus_dir)  # type: ignore[misc]
        problems.extend(more)
        if line and not more:
            summary.append(f"ok: {line}")
    return problems, summary


def build_tables(corpus_dir: Path) -> dict[str, Table]:
    """Every exported table, by output file name."""
    tables: dict[str, Table] = {}
    for spec in TABLE_BUILDERS:
        tables.update(_resolve(spec)(corpus_dir))  # type: ignore[arg-type]
    return tables


def write_table(path: Path, table: Table) -> str:
    """Write one exported table atomically (DataFrame as CSV, lists and dicts as JSON); says what was written."""
    if isinstance(table, pd.DataFrame):
        write_csv_atomic(path, table)
        return f"{len(table)} rows"
    write_atomic(path, json.dumps(table, indent=1, ensure_ascii=False) + "\n")
    return f"{len(table)} {'items' if isinstance(table, list) else 'keys'}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 problems in the input, 2 usage or I/O error)."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check the manifest, articles and codings; one line per problem")
    val.add_argument(
        "corpus_dir", nargs="?", help=f"corpus directory (default: ${config.CORPUS_ENV} or the repository's)"
    )
    tab = sub.add_parser("tables", help="write the analysis tables as CSV files (and the annotations as JSON)")
    tab.add_argument("corpus_dir", nargs="?", help="corpus directory (default as for validate)")
    tab.add_argument("--out", required=True, help="output directory (created if missing)")
    args = parser.parse_args(argv)
    cdir = config.corpus_dir(args.corpus_dir)
    try:
        problems, summary = run_validate(cdir)
        for problem in problems:
            print(problem)
        if problems:
            return 1
        if args.command == "validate":
            print("\n".join(summary))
            return 0
        out = Path(args.out)
        tables = build_tables(cdir)
        for name, table in tables.items():
            print(f"wrote {display_path(out / name)} ({write_table(out / name, table)})")
        if not tables:
            print("no tables to write: this corpus has no codings yet")
        return 0
    except InputError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
