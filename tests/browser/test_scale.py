"""Every notebook in JupyterLab on 300 real articles (PolNeAR, outside the repository): runs, and its summaries fit.

Runs only when the outside data is present (``DATA`` or ``../shared/data``); the corpus is built
with ``new`` and one ``add FOLDER --manifest`` by the benchmark's builder, run as a command.
Each summary view is captured to ``build/screenshots/scale-*.png``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import config
from tests.browser.conftest import SCREENSHOTS, _serve
from tests.browser.test_lab import capture_output, close_run, open_and_run

DATA = Path(os.environ.get("DATA", config.REPO_ROOT.parent / "shared" / "data"))
ARTICLES = 300
NOTEBOOKS = sorted((config.REPO_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
#: The summary views captured: (notebook, text in the producing cell, element in its output, file name).
SUMMARY_VIEWS = {
    "01-corpus.ipynb": [("timing_chart(", "img", "scale-timing-per-outlet.png")],
    "03-day-by-day.ipynb": [("collapse_chart(", "img", "scale-day-by-day.png")],
    "04-who-copied-whom.ipynb": [("heatmap_figure(", "img", "scale-reuse-per-outlet.png")],
    "05-sourcing-and-hedging.ipynb": [("profile_chart(", "img", "scale-sourcing-per-outlet.png")],
}
#: Bounds of any chart at scale (issue 26), in image pixels.
MAX_WIDTH, MAX_HEIGHT = 2000, 3000

pytestmark = pytest.mark.skipif(not (DATA / "polnear").is_dir(), reason=f"no PolNeAR under {DATA} (set DATA)")


@pytest.fixture(scope="module")
def lab_scale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """JupyterLab on a corpus of 300 PolNeAR articles built with ``new`` and ``add``."""
    dest = tmp_path_factory.mktemp("polnear")
    built = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale_corpus", str(DATA), str(ARTICLES), str(dest)],
        cwd=config.REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    yield from _serve(tmp_path_factory, dest / "corpus")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_300_articles_with_bounded_views(browser: object, lab_scale: dict, path: Path) -> None:
    run = open_and_run(browser, lab_scale, path.name)
    try:
        page = run.page
        stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert not [t for t in stderr.all_inner_texts() if "Traceback" in t or "Error" in t]
        sizes = page.evaluate(
            "[...document.querySelectorAll('.jp-OutputArea-output img')].map(i => [i.naturalWidth, i.naturalHeight])"
        )
        assert all(w <= MAX_WIDTH and h <= MAX_HEIGHT for w, h in sizes), f"{path.name}: charts {sizes}"
        rows = page.evaluate(
            "Math.max(0, ...[...document.querySelectorAll('.jp-OutputArea-output table')].map(t => t.rows.length))"
        )
        assert rows <= 60, f"{path.name}: a table of {rows} rows"
        for cell_text, element, filename in SUMMARY_VIEWS.get(path.name, []):
            capture_output(page, cell_text, element, SCREENSHOTS / filename)
    finally:
        close_run(run)
