"""A corpus of PolNeAR's development stories, built with ``new`` and ``add`` only, as a researcher would.

``python -m benchmarks.polnear_stories [DATA_DIR] --out DIR`` lays out ``DIR`` with
:func:`helpers.corpus.authoring.new_corpus` and adds each article of ``DATA_DIR/polnear/dev``
(84 stories of 2016 from seven US outlets) with :func:`helpers.corpus.authoring.add_article`,
giving only what its metadata row states (outlet, headline, byline, date): credits are what
``add`` reads from the text. Nothing from PolNeAR is copied into the repository; without the
data it prints one skip line and exits 0. :mod:`benchmarks.independence` checks the chains and
stories on the result.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from benchmarks.accuracy import DEFAULT_DATA
from helpers.corpus.authoring import AuthoringError, add_article, new_corpus
from helpers.sourcing.polnear import OUTLETS


def polnear_dev(data: Path, split_name: str = "dev") -> Path | None:
    """The texts of a PolNeAR split (``dev`` or ``train``) under ``data``, or None when it is absent."""
    split = Path(data) / "polnear" / split_name / "text"
    return split if split.is_dir() and (Path(data) / "polnear" / "metadata.tsv").is_file() else None


def build(data: Path, out: Path, split_name: str = "dev") -> int:
    """Lay out ``out`` and add every story of one split (development by default); returns how many were added."""
    split = polnear_dev(data, split_name)
    if split is None:
        return 0
    with (Path(data) / "polnear" / "metadata.tsv").open(encoding="utf-8") as fh:
        meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t") if r["compartment"] == split_name}
    new_corpus(out)
    counts: dict[str, int] = {}
    added = 0
    for path in sorted(split.glob("*.txt")):
        row = meta.get(path.stem)
        if row is None:
            continue
        code = row["publisher"]
        counts[code] = counts.get(code, 0) + 1
        author = row["author"] if row["author"] not in ("", "None") else None
        try:
            add_article(
                out,
                path,
                source_id=f"{code}-{counts[code]}",
                outlet=OUTLETS.get(code, code),
                headline=row["title"],
                byline=author,
                published=row["publication_date"],
            )
        except AuthoringError as exc:  # the split holds a few texts twice: add refuses the copy, and says so
            print(f"skipped {path.name}: {exc}")
            continue
        added += 1
    return added


def main(argv: list[str] | None = None) -> int:
    """Build the corpus into ``--out``; one skip line (exit 0) when the data is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if polnear_dev(args.data) is None:
        print(f"skip: no PolNeAR development split under {args.data}")
        return 0
    if args.out.exists() and any(args.out.iterdir()):
        print(f"{args.out}: exists and is not empty: give a new folder")
        return 1
    print(f"added {build(args.data, args.out)} stories to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
