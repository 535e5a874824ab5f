"""Command line: ``python -m helpers validate [CORPUS_DIR]`` and ``python -m helpers tables [CORPUS_DIR] --out DIR``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.claims import coding, disagreements
from helpers.core.errors import InputError, Problem, display_path
from helpers.core.files import write_atomic, write_csv_atomic
from helpers.corpus.load import Corpus, load_corpus
from helpers.display.notebook import notebook_gaps
from helpers.reuse import chaining
from helpers.sourcing import detect
from helpers.sourcing import gold as sourcing_gold
from helpers.temporal import gold as temporal_gold
from helpers.timeline import dated

#: A table builder's value: a DataFrame (written as CSV) or JSON-ready lists and dicts (written as JSON).
Table = pd.DataFrame | list | dict


@dataclass(frozen=True)
class Check:
    """One part of a corpus that ``validate`` checks: its problems, and a summary line when it is valid."""

    validate: Callable[[Corpus], list[Problem]]
    summary: Callable[[Corpus], str]  # "" when the corpus does not have this part


#: What ``validate`` checks after the articles themselves, in output order.
CHECKS: tuple[Check, ...] = (
    Check(coding.validate_codings, coding.codings_summary),
    Check(temporal_gold.validate_gold, temporal_gold.gold_summary),
    Check(sourcing_gold.validate_gold, sourcing_gold.gold_summary),
    Check(dated.validate_outside, dated.outside_summary),
)

#: What ``tables`` writes, in output order: each builder returns ``{file name: Table}``.
TABLE_BUILDERS: tuple[Callable[[Corpus], dict[str, Table]], ...] = (
    disagreements.claim_tables,  # claims_by_source.csv, disagreements.csv
    coding.annotation_tables,  # annotations.jsonld
    dated.timeline_tables,  # temporal_mentions.csv, events.csv
    chaining.reuse_tables,  # reuse_pairs.csv, chains.csv
    detect.sourcing_tables,  # attributions.csv, hedges.csv
)


def validated(corpus_dir: Path | str | None) -> tuple[Corpus | None, list[Problem], list[str]]:
    """The corpus read and hashed once, every problem of it and its codings, and the summary lines.

    The corpus is None when its manifest or articles have problems (the checks then do not run).
    """
    try:
        corpus = load_corpus(corpus_dir)
    except InputError as exc:
        return None, exc.problems, []
    problems: list[Problem] = []
    summary = [f"ok: {len(corpus)} articles", *(str(w) for w in corpus.warnings)]
    for check in CHECKS:
        more = check.validate(corpus)
        problems.extend(more)
        if not more and (line := check.summary(corpus)):
            summary.append(f"ok: {line}")
    summary += notebook_gaps(corpus.dir)  # info lines: what each notebook will show as missing
    return corpus, problems, summary


def run_validate(corpus_dir: Path | str | None) -> tuple[list[Problem], list[str]]:
    """All problems of a corpus and its codings, and the summary lines for a valid one."""
    _, problems, summary = validated(corpus_dir)
    return problems, summary


def build_tables(corpus: Corpus) -> dict[str, Table]:
    """Every exported table, by output file name."""
    tables: dict[str, Table] = {}
    for builder in TABLE_BUILDERS:
        tables.update(builder(corpus))
    return tables


#: Characters that make a spreadsheet read a cell as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as spreadsheet formulas: a leading ``= + - @`` gets a ``'`` before it.

    Only for ``tables --spreadsheet-safe``: the default export keeps every cell verbatim, because
    quotes are evidence and a changed character would no longer match its article.
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v)
    return out


def write_table(path: Path, table: Table, safe: bool = False) -> str:
    """Write one exported table atomically (DataFrame as CSV, lists and dicts as JSON); says what was written."""
    if isinstance(table, pd.DataFrame):
        write_csv_atomic(path, spreadsheet_safe(table) if safe else table)
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
    tab.add_argument(
        "--spreadsheet-safe",
        action="store_true",
        help="prefix cells starting with = + - @ with ' so spreadsheets never run them (cells are verbatim otherwise)",
    )
    args = parser.parse_args(argv)
    cdir = config.corpus_dir(args.corpus_dir)
    try:
        corpus, problems, summary = validated(cdir)
        for problem in problems:
            print(problem)
        if problems or corpus is None:
            return 1
        if args.command == "validate":
            print("\n".join(summary))
            return 0
        out = Path(args.out)
        tables = build_tables(corpus)
        for name, table in tables.items():
            print(f"wrote {display_path(out / name)} ({write_table(out / name, table, args.spreadsheet_safe)})")
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
