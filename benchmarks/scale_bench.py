"""``make bench-scale``: every notebook, ``tables`` and ``validate`` at 1,000 real articles, and ``add`` of the folder.

The corpus is PolNeAR's training and development texts (:mod:`benchmarks.scale_corpus`; 924
articles from seven outlets, the nearest to 1,000 real ones there are), laid out with ``new`` and
filled with one ``add DIR FOLDER --manifest``. Each notebook is executed with ``nbconvert`` on it
into a temporary folder (the repository's notebooks are left alone) and measured: wall time,
peak memory of the executing process and its kernel (``wait4``'s ``ru_maxrss``, which covers
reaped descendants), size of the executed file and the largest image in it (pixels and bytes).
A notebook over the time cap is stopped and reported as "over N s".

Usage: ``python -m benchmarks.scale_bench [--data DIR] [--sizes 300,1000] [--timeout S] [--notebooks 01,04]``.
Skipped (exit 0, one line) when the outside data is absent. Targets (issue 26): each notebook
under 120 s and 1.5 GB; ``tables`` and ``validate`` under 60 s; ``add`` of 1,000 files under 60 s.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import scale_corpus
from helpers import config

NOTEBOOKS = sorted((config.REPO_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
DEFAULT_DATA = config.REPO_ROOT.parent / "shared" / "data"
#: Each notebook's address-space cap (bytes), so a runaway chart cannot take a shared machine down.
MEMORY_CAP = 8 * 1024**3


def timed(argv: list[str], timeout: float, env: dict[str, str] | None = None) -> tuple[float, int, float | None]:
    """Run ``argv`` in its own process group: seconds, peak memory in MB (it and its kernels), exit status.

    The exit status is None when the run was stopped at ``timeout``.
    """

    def cap() -> None:
        import resource

        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=cap)
    stopped = threading.Event()

    def stop() -> None:
        stopped.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, stop)
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    secs = time.perf_counter() - t0
    return secs, usage.ru_maxrss / 1024, None if stopped.is_set() else proc.returncode


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG from its header."""
    return struct.unpack(">II", data[16:24]) if data[:8] == b"\x89PNG\r\n\x1a\n" else (0, 0)


def largest_image(path: Path) -> tuple[int, int, int]:
    """The largest PNG output of an executed notebook: width, height (pixels) and bytes."""
    best = (0, 0, 0)
    for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
        for out in cell.get("outputs", []):
            data = out.get("data", {}).get("image/png")
            if data:
                raw = base64.b64decode("".join(data) if isinstance(data, list) else data)
                w, h = png_size(raw)
                if w * h > best[0] * best[1]:
                    best = (w, h, len(raw))
    return best


def run_notebook(nb: Path, cdir: Path, out_dir: Path, timeout: float) -> dict:
    """Execute one notebook on ``cdir`` into ``out_dir`` and measure it."""
    env = os.environ | {config.CORPUS_ENV: str(cdir.resolve())}
    argv = [
        str(Path(sys.executable).with_name("jupyter")),
        "nbconvert", "--to", "notebook", "--execute", f"--output-dir={out_dir}",
        "--ExecutePreprocessor.record_timing=False", "--ExecutePreprocessor.store_widget_state=False",
        f"--ExecutePreprocessor.timeout={int(timeout)}", str(nb),
    ]  # fmt: skip
    secs, mb, status = timed(argv, timeout, env)
    out = out_dir / nb.name
    row = {"what": nb.stem, "secs": secs, "mb": mb, "status": status}
    if status == 0 and out.is_file():
        row["file_mb"] = out.stat().st_size / 1e6
        row["image"] = largest_image(out)
    return row


def run_command(name: str, args: list[str], timeout: float) -> dict:
    """Time ``python -m helpers ARGS`` in its own process."""
    secs, mb, status = timed([sys.executable, "-m", "helpers", *args], timeout)
    return {"what": name, "secs": secs, "mb": mb, "status": status}


def cell(row: dict, timeout: float) -> list[str]:
    """The table cells of one measurement."""
    if row["status"] is None:
        return [f"over {timeout:.0f}", "", "", "", "stopped at the cap"]
    w, h, size = row.get("image", (0, 0, 0))
    image = f"{w:,}×{h:,} ({size / 1e6:.2f} MB)" if w else ""
    file_mb = f"{row['file_mb']:.2f}" if "file_mb" in row else ""
    note = "" if row["status"] == 0 else f"exit status {row['status']}"
    return [f"{row['secs']:.1f}", f"{row['mb']:,.0f}", file_mb, image, note]


def main(argv: list[str] | None = None) -> int:
    """Stage, build and measure each corpus size; print one table per size."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale_bench")
    parser.add_argument("--data", default=os.environ.get("DATA", str(DEFAULT_DATA)))
    parser.add_argument("--sizes", default="1000", help="corpus sizes, comma-separated (capped at 924 articles)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a notebook is stopped")
    parser.add_argument("--notebooks", default="", help="notebook numbers to run, comma-separated (default all)")
    parser.add_argument("--keep", help="build the corpora under this folder and keep them")
    parser.add_argument("--corpus", help="measure this corpus as it is (no staging or add)")
    args = parser.parse_args(argv)
    if not args.corpus and scale_corpus.polnear_dir(args.data) is None:
        print(f"skipped: no PolNeAR under {args.data} (give --data DIR or DATA=DIR)")
        return 0
    wanted = [n.strip() for n in args.notebooks.split(",") if n.strip()]
    notebooks = [nb for nb in NOTEBOOKS if not wanted or nb.name[:2] in wanted]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep or tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            work = root / f"polnear-{size}"
            rows = []
            if args.corpus:
                cdir = Path(args.corpus)
            else:
                staged = scale_corpus.stage(args.data, size, work / "staging")
                assert staged is not None
                folder, manifest = staged
                cdir = work / "corpus"
                add_secs, add_status = scale_corpus.build(folder, manifest, cdir)
                files = len(list(folder.iterdir()))
                rows.append(
                    {"what": f"add (folder of {files:,} files)", "secs": add_secs, "mb": 0.0, "status": add_status}
                )
            work.mkdir(parents=True, exist_ok=True)
            n = sum(1 for _ in (cdir / config.ARTICLES_DIRNAME).glob("*.txt"))
            rows += [
                run_command("validate", ["validate", str(cdir)], args.timeout),
                run_command("tables", ["tables", str(cdir), "--out", str(work / "tables")], args.timeout),
            ]
            out_dir = work / "executed"
            out_dir.mkdir(exist_ok=True)
            for nb in notebooks:
                rows.append(run_notebook(nb, cdir, out_dir, args.timeout))
                print(f"  {nb.stem}: {rows[-1]['secs']:.0f} s", file=sys.stderr, flush=True)
            print(f"\n### PolNeAR train+dev, {n:,} articles (corpus {cdir})\n")
            print("| step | wall (s) | peak memory (MB) | file (MB) | largest image (px, bytes) | note |")
            print("|---|---:|---:|---:|---|---|")
            for row in rows:
                cells = cell(row, args.timeout)
                if row["what"].startswith("add"):
                    cells[1] = ""
                    cells[4] = "some files refused" if row["status"] == 2 else cells[4]
                print("| " + " | ".join([row["what"], *cells]) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
