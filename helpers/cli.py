"""Command line: ``python -m helpers validate|tables|suggest|timeml ...`` (see each subcommand's --help).

``validate [CORPUS_DIR]``, ``tables [CORPUS_DIR] --out DIR``, ``suggest [CORPUS_DIR] SOURCE_ID --out FILE.csv``,
``timeml [CORPUS_DIR] SOURCE_ID [--out FILE]``, ``discover [CORPUS_DIR] --out DIR``; ``new DIR``, ``add DIR FILE``;
``reuse SOURCE --out DIR [--scheduler ADDRESS]`` and ``export parquet CORPUS_DIR OUT`` for archives.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.claims import coding, disagreements, provenance
from helpers.claims.coding import Codings, read_codings
from helpers.core.errors import InputError, Problem, display_path
from helpers.core.files import write_atomic, write_csv_atomic
from helpers.core.progress import progress
from helpers.corpus import authoring, batch, credits
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
    Check(credits.credit_warnings, credits.credits_summary),  # the text credits an outlet the manifest does not
)

#: A table builder: the corpus and its codings (each read once, by :func:`build_tables`) → ``{file name: Table}``.
Builder = Callable[[Corpus, Codings], dict[str, Table]]


def corpus_only(builder: Callable[[Corpus], dict[str, Table]]) -> Builder:
    """A builder that needs the corpus alone, given the common ``(corpus, codings)`` signature."""

    def build(corpus: Corpus, codings: Codings) -> dict[str, Table]:
        return builder(corpus)

    build.__name__ = build.__qualname__ = getattr(builder, "__name__", "build")
    return build


#: What ``tables`` writes, in output order.
TABLE_BUILDERS: tuple[Builder, ...] = (
    disagreements.claim_tables,  # claims_by_source.csv, disagreements.csv
    coding.annotation_tables,  # annotations.jsonld
    dated.timeline_tables,  # temporal_mentions.csv, events.csv (claims joined)
    corpus_only(chaining.reuse_tables),  # reuse_pairs.csv, chains.csv, stories.csv, boilerplate.csv
    provenance.provenance_tables,  # claim_provenance.csv
    corpus_only(detect.sourcing_tables),  # attributions.csv, hedges.csv
)


def validated(corpus_dir: Path | str | None, summaries: bool = True) -> tuple[Corpus | None, list[Problem], list[str]]:
    """The corpus read and hashed once, every problem of it and its codings, and the summary lines.

    The corpus is None when its manifest or articles have problems (the checks then do not run).
    With ``summaries=False`` (``tables``, which prints none) only the problems are gathered.
    """
    try:
        corpus = load_corpus(corpus_dir)
    except InputError as exc:
        return None, exc.problems, []
    problems: list[Problem] = []
    summary = [f"ok: {len(corpus)} articles", *(str(w) for w in corpus.warnings)]
    for check in CHECKS:
        found = check.validate(corpus)
        more = [p for p in found if not p.warning]
        problems.extend(more)
        if summaries and not more and (line := check.summary(corpus)):
            summary.append(f"ok: {line}")
        summary.extend(str(p) for p in found if p.warning)
    if summaries:
        summary += notebook_gaps(corpus.dir)  # info lines: what each notebook will show as missing
    return corpus, problems, summary


def run_validate(corpus_dir: Path | str | None) -> tuple[list[Problem], list[str]]:
    """All problems of a corpus and its codings, and the summary lines for a valid one."""
    _, problems, summary = validated(corpus_dir)
    return problems, summary


def build_tables(corpus: Corpus, codings: Codings | None = None) -> dict[str, Table]:
    """Every exported table, by output file name: the codings are read once and handed to every builder."""
    codings = read_codings(corpus) if codings is None else codings
    tables: dict[str, Table] = {}
    for builder in progress(TABLE_BUILDERS, desc="tables"):
        tables.update(builder(corpus, codings))
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


def input_problems(exc: InputError) -> int:
    """Print every problem of the input, one line each (file, row, what is wrong); exit status 1."""
    for problem in exc.problems:
        print(problem)
    return 1


def os_error(exc: OSError, filename: str = "") -> int:
    """Say a failed read or write in one line on standard error (``error: Permission denied: FILE``); exit status 2."""
    print(f"error: {exc.strerror or exc}: {exc.filename or filename}".rstrip(": "), file=sys.stderr)
    return 2


# --- new and add: a corpus from scratch (helpers.corpus.authoring) ---
#: Subcommands that write a corpus instead of reading one (run before any validation).
AUTHORING_COMMANDS = ("new", "add")


def add_authoring_parsers(sub: argparse._SubParsersAction) -> None:
    """The ``new DIR`` and ``add DIR FILE [--field VALUE ...]`` subcommands."""
    new = sub.add_parser("new", help="lay out a new corpus directory (articles/, sources.csv, event.toml, README.md)")
    new.add_argument("corpus_dir", help="directory to create (absent or empty)")
    add = sub.add_parser("add", help="add an article from a .txt file or a saved web page (.html, .htm)")
    add.add_argument("corpus_dir", help="corpus directory (laid out by new)")
    add.add_argument(
        "file", nargs="+", help="the articles: UTF-8 .txt files or web pages saved as .html or .htm, or folders of them"
    )
    add.add_argument("--id", dest="source_id", help="source id of the one file added (default: outlet, date, headline)")
    add.add_argument(
        "--manifest", help="CSV of per-file fields: a 'file' column (the file's name) and columns of sources.csv"
    )
    for name in authoring.FIELDS:
        add.add_argument(f"--{name.replace('_', '-')}", dest=name, help=authoring.FIELD_HELP[name])


def run_authoring(args: argparse.Namespace) -> int:
    """Run ``new`` or ``add``; one line per outcome, exit status 2 on any refusal or I/O error."""
    try:
        if args.command == "new":
            authoring.new_corpus(args.corpus_dir)
            print(f"created {display_path(args.corpus_dir)}: articles/, {config.MANIFEST_NAME}, event.toml, README.md")
            print(f"next: python -m helpers add {display_path(args.corpus_dir)} FILE")
            return 0
        fields = {name: getattr(args, name) for name in authoring.FIELDS}
        if len(args.file) == 1 and not args.manifest and not Path(args.file[0]).is_dir():
            row = authoring.add_article(args.corpus_dir, args.file[0], source_id=args.source_id, **fields)
            print(_added_line(args.corpus_dir, row))
            return 0
        if args.source_id:
            raise authoring.AuthoringError("--id names one file's id: give it with one file, or ids in --manifest")
        return run_add_many(args.corpus_dir, args.file, args.manifest, fields)
    except authoring.AuthoringError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except OSError as exc:
        return os_error(exc)
    return 2


def _added_line(corpus_dir: str, row: dict[str, str]) -> str:
    """The line ``add`` prints for an article added."""
    where = display_path(Path(corpus_dir) / config.ARTICLES_DIRNAME / row["file"])
    return f"added '{row['source_id']}' as {where} (outlet {row['outlet']}, published {row['published']})"


def run_add_many(corpus_dir: str, files: list[str], manifest: str | None, fields: dict) -> int:
    """``add DIR FILE... | FOLDER``: one line per file added or refused, then a summary; status 2 if any was refused."""

    def report(outcome: batch.Outcome) -> None:
        line = _added_line(corpus_dir, outcome.row) if outcome.row else f"refused {outcome.problem}"
        print(line, file=sys.stdout if outcome.row else sys.stderr, flush=True)

    outcomes = batch.add_many(corpus_dir, [Path(f) for f in files], manifest, report=report, **fields)
    added = sum(1 for o in outcomes if o.row)
    refused = len(outcomes) - added
    print(f"{added} added, {refused} refused" + (" (each refusal is on its line above)" if refused else ""))
    return 2 if refused else 0


# --- end of new and add ---
# --- suggest: suggested claim codings of one article (helpers.claims.suggest) ----------------


def add_suggest_parser(sub: argparse._SubParsersAction) -> None:
    """``suggest [CORPUS_DIR] SOURCE_ID --out FILE.csv``."""
    sug = sub.add_parser("suggest", help="suggest claim codings (quote, stance, attribution) for one article")
    sug.add_argument("corpus_dir", nargs="?", help="corpus directory (default as for validate)")
    sug.add_argument("source_id", help="the article to suggest codings for")
    sug.add_argument("--out", required=True, help="CSV file to write (one row per suggestion, best first)")


def run_suggest(corpus_dir: Path, source_id: str, out: Path) -> int:
    """Write the suggestions for one article; 0 ok, 1 corpus or codebook problems, 2 unknown article."""
    from helpers.claims import suggest as suggest_mod  # imported here: the block stands on its own
    from helpers.corpus.load import UnknownSourceError

    try:
        corpus = load_corpus(corpus_dir)
        table = suggest_mod.suggest(corpus, source_id)
    except UnknownSourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except InputError as exc:
        return input_problems(exc)
    write_csv_atomic(out, table)
    claims = int((table["claim_id"] != "").sum())
    print(f"wrote {display_path(out)} ({claims} codebook claims, {len(table) - claims} new claims suggested)")
    return 0


# --- discover: candidate claims across the corpus (helpers.claims.discovery) ------------------


def add_discover_parser(sub: argparse._SubParsersAction) -> None:
    """``discover [CORPUS_DIR] --out DIR``."""
    dis = sub.add_parser("discover", help="find candidate claims told in several articles (a draft codebook to review)")
    dis.add_argument("corpus_dir", nargs="?", help="corpus directory (default as for validate)")
    dis.add_argument("--out", required=True, help="output directory for claims.csv, evidence.csv, slots.csv")


def run_discover(corpus_dir: Path, out: Path) -> int:
    """Write the discovered candidates (less those a coder already wrote); 0 ok, 1 corpus problems, 2 bad --out."""
    from helpers.claims import discovery as discover_mod  # imported here: the block stands on its own
    from helpers.claims.aliases import load_aliases

    if out.resolve() == Path(corpus_dir).resolve():
        print(f"error: --out {display_path(out)} is the corpus itself: pick another directory", file=sys.stderr)
        return 2
    try:
        corpus = load_corpus(corpus_dir)
        found = discover_mod.discover(corpus, load_aliases(corpus))
        if coding.has_codings(corpus):
            found = discover_mod.without_reviewed(found, coding.read_codings(corpus).evidence)
    except InputError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    for name, table in (
        (config.CLAIMS_NAME, found.claims),
        (config.EVIDENCE_NAME, found.evidence),
        (config.SLOTS_NAME, found.slots),
    ):
        write_csv_atomic(out / name, table)
        print(f"wrote {display_path(out / name)} ({len(table)} rows)")
    print(found.summary())
    return 0


def export_timeml(corpus_dir: Path | str | None, source_id: str, out: str | None) -> int:
    """``timeml``: one article as TimeML, to ``out`` (written atomically) or stdout; the exit status."""
    from helpers.core.files import suggest
    from helpers.temporal import temporal_mentions, to_timeml

    try:
        corpus = load_corpus(corpus_dir)
    except InputError as exc:
        return input_problems(exc)
    if source_id not in corpus.index:
        print(f"error: unknown source_id '{source_id}'{suggest(source_id, corpus.index)}", file=sys.stderr)
        return 2
    row = corpus.loc[[source_id]]
    xml = to_timeml(row["text"].iloc[0], temporal_mentions(row), row["published"].iloc[0].strftime("%Y-%m-%d"))
    if out is None:
        sys.stdout.write(xml)
        return 0
    try:
        write_atomic(Path(out), xml)
    except OSError as exc:
        return os_error(exc, out)
    print(f"wrote {display_path(out)}")
    return 0


#: Subcommands for archives past one machine (issue 28): the reuse scan, and a corpus as a Parquet dataset.
ARCHIVE_COMMANDS = ("reuse", "export")


def add_archive_parsers(sub: argparse._SubParsersAction) -> None:
    """The ``reuse`` and ``export parquet`` subcommands."""
    reu = sub.add_parser("reuse", help="who copied whom in a corpus folder or a Parquet dataset, here or on Dask")
    reu.add_argument("source", help="a corpus folder or a Parquet dataset (source_id, outlet, published, text)")
    reu.add_argument("--out", required=True, help="output folder for reuse_pairs and chains (replaced when complete)")
    reu.add_argument("--scheduler", help="address of a Dask scheduler (tcp://HOST:8786); default: this process")
    exp = sub.add_parser("export", help="write a corpus in another form: parquet (one row an article)")
    exp.add_argument("format", choices=["parquet"], help="the form to write")
    exp.add_argument("corpus_dir", help="corpus directory")
    exp.add_argument("out", help="output folder of Parquet files (replaced when complete)")


def run_archive(args: argparse.Namespace) -> int:
    """Run ``reuse`` or ``export``; one line per problem."""
    from helpers.corpus.parquet import export_parquet
    from helpers.reuse import archive

    if args.command == "reuse":
        return archive.run(args.source, args.out, args.scheduler)
    try:
        files = export_parquet(args.corpus_dir, args.out)
    except InputError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    print(f"wrote {len(files)} Parquet file(s) to {display_path(args.out)}")
    return 0


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
    add_authoring_parsers(sub)
    add_suggest_parser(sub)
    add_discover_parser(sub)
    tml = sub.add_parser("timeml", help="export one article with its temporal expressions as TimeML (TIMEX3)")
    tml.add_argument("corpus_dir", nargs="?", help="corpus directory (default as for validate)")
    tml.add_argument("source_id", help="the article's source_id in the manifest")
    tml.add_argument("--out", help="output file (written atomically; default: standard output)")
    add_archive_parsers(sub)
    args = parser.parse_args(argv)
    if args.command in ARCHIVE_COMMANDS:
        return run_archive(args)
    if args.command in AUTHORING_COMMANDS:
        return run_authoring(args)
    cdir = config.corpus_dir(args.corpus_dir)
    if args.command == "suggest":
        try:
            return run_suggest(cdir, args.source_id, Path(args.out))
        except OSError as exc:
            return os_error(exc)
    if args.command == "discover":
        try:
            return run_discover(cdir, Path(args.out))
        except OSError as exc:
            return os_error(exc)
    if args.command == "timeml":
        return export_timeml(cdir, args.source_id, args.out)
    try:
        corpus, problems, summary = validated(cdir, summaries=args.command == "validate")
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
        return input_problems(exc)
    except OSError as exc:
        return os_error(exc)
