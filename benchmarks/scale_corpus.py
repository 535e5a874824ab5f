"""A corpus of real news at scale for ``make bench-scale``: PolNeAR's training and development texts.

PolNeAR (2016 US election coverage, seven outlets, 840 + 84 articles) lives outside the repository
(``DATA_DIR/polnear``); nothing of it is copied here. :func:`stage` puts a chosen number of its
texts in a folder with a ``--manifest`` CSV of ``sources.csv``'s columns (outlet, headline,
byline and date from PolNeAR's ``metadata.tsv``; the wire it names as a credit), and
:func:`build` lays out a corpus with ``python -m helpers new`` and fills it with ``add`` (the
command a researcher runs), so the benchmark times that too.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import time
from pathlib import Path

from helpers import config
from helpers.sourcing.polnear import OUTLETS

#: PolNeAR's ``wire`` values and the agency each names (``None``/``NA``: no wire).
WIRES = {"AP": "AP", "UPI": "UPI", "reuters": "Reuters", "AFP": "AFP"}
SPLITS = ("train", "dev")


def polnear_dir(data_dir: Path | str) -> Path | None:
    """PolNeAR's folder under ``data_dir``, or None when the outside data is absent."""
    path = Path(data_dir) / "polnear"
    return path if (path / "metadata.tsv").is_file() else None


def metadata(pdir: Path) -> dict[str, dict[str, str]]:
    """PolNeAR's ``metadata.tsv`` rows of the training and development splits, by file name."""
    with (pdir / "metadata.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {row["filename"]: row for row in rows if row["compartment"] in SPLITS}


def texts(pdir: Path) -> list[Path]:
    """Every training and development text, in file-name order (outlet, then date)."""
    return sorted(path for split in SPLITS for path in (pdir / split / "text").glob("*.txt"))


def pick(paths: list[Path], n: int) -> list[Path]:
    """``n`` texts spread evenly over the sorted list (every outlet and month represented)."""
    if n >= len(paths):
        return list(paths)
    step = len(paths) / n
    return [paths[int(i * step)] for i in range(n)]


def manifest_row(path: Path, meta: dict[str, str]) -> dict[str, str]:
    """The ``--manifest`` row of one PolNeAR text: outlet, headline, byline, date and its basis, credits."""
    wire = WIRES.get(meta.get("wire", ""), "")
    return {
        "file": path.name,
        "outlet": OUTLETS.get(meta["publisher"], meta["publisher"]),
        "headline": meta["title"],
        "byline": meta["author"] if meta["author"] not in ("None", "NA") else "",
        "published": meta["publication_date"],
        "published_basis": "inferred: PolNeAR metadata.tsv publication_date (the crawl's date of the page)",
        "credits": wire,
        "notes": f"PolNeAR 1.0 {meta['compartment']} article {meta['filename']} (Newell et al., LREC 2018).",
    }


def stage(data_dir: Path | str, n: int, dest: Path) -> tuple[Path, Path] | None:
    """A folder of ``n`` PolNeAR texts and its manifest CSV under ``dest``; None without the data."""
    pdir = polnear_dir(data_dir)
    if pdir is None:
        return None
    meta = metadata(pdir)
    folder = dest / "texts"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for path in pick([p for p in texts(pdir) if p.stem in meta], n):
        shutil.copyfile(path, folder / path.name)
        rows.append(manifest_row(path, meta[path.stem]))
    manifest = dest / "manifest.csv"
    columns = ["file", *(c for c in config.MANIFEST_COLUMNS if c not in ("file", "source_id", "sha256"))]
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(rows)
    return folder, manifest


def helpers_command(*args: str) -> subprocess.CompletedProcess:
    """``python -m helpers ARGS`` as a researcher runs it (its own process, output captured)."""
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True, check=False)


def build(folder: Path, manifest: Path, cdir: Path) -> tuple[float, int]:
    """Lay out ``cdir`` with ``new`` and ``add`` the staged folder in one command; seconds and exit status."""
    made = helpers_command("new", str(cdir))
    if made.returncode:
        raise SystemExit(f"new failed: {made.stdout}{made.stderr}")
    t0 = time.perf_counter()
    added = helpers_command("add", str(cdir), str(folder), "--manifest", str(manifest))
    return time.perf_counter() - t0, added.returncode


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.scale_corpus DATA_DIR N DEST``: a corpus of N PolNeAR articles in DEST/corpus."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print("usage: python -m benchmarks.scale_corpus DATA_DIR N DEST", file=sys.stderr)
        return 2
    dest = Path(args[2])
    staged = stage(args[0], int(args[1]), dest / "staging")
    if staged is None:
        print(f"skipped: no PolNeAR under {args[0]}")
        return 0
    secs, status = build(*staged, dest / "corpus")
    print(f"built {dest / 'corpus'} in {secs:.1f} s (add exit status {status})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
