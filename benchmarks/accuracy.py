"""``make accuracy``: the detectors measured on outside annotated data (not part of the product).

``python -m benchmarks.accuracy [DATA_DIR]`` runs the sourcing benchmark (PolNeAR dev) and the
temporal benchmarks (TimeBank, WikiWars training articles, many outlets' reports of one happening
from PolNeAR dev) on ``DATA_DIR`` (default
``../shared/data`` beside the repository). Each skips with one line when its data is absent, so a
fresh clone without the data passes. The summaries they write to ``benchmarks/results/`` are kept
in the repository so that the notebooks can show the outside figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks import accuracy_multi_outlet, accuracy_sourcing, accuracy_temporal

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def main(argv: list[str] | None = None) -> int:
    """Run every accuracy benchmark on the data folder given (or the default one); 0 unless one failed."""
    args = sys.argv[1:] if argv is None else argv
    data = Path(args[0]) if args else DEFAULT_DATA
    status = 0
    for bench in (accuracy_sourcing, accuracy_temporal, accuracy_multi_outlet):
        print(f"\n## {bench.__name__.rsplit('.', 1)[-1]}\n")
        status = max(status, bench.main(data))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
