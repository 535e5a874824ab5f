"""A second corpus about another event: every notebook runs on it, and nothing of the first case leaks.

``tests/fixtures/second_corpus`` is a fictional fire in an invented town (an agency story, a rewrite
crediting it, an outlet's own reporting, an unsigned blog post), with claims and evidence but no
slots, gold or outside reference. Each notebook is executed on a fresh kernel against a copy of it in
a temporary folder (``CORPUS_DIR``, ``notebooks/`` as the working directory); then on copies with a
part removed (no ``event.toml``, no claims, no notes on the shipped corpus). The outputs must hold no
error, and neither outputs nor markdown may name the first case.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers import config
from helpers.cli import run_validate
from helpers.display.notebook import NOTEBOOKS_DIR
from tests.notebooks_run import execute_on

pytestmark = pytest.mark.slow

SECOND = Path(__file__).parent / "fixtures" / "second_corpus"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
#: Words of the first (shipped) case that must not appear when the notebooks run on another corpus.
FIRST_CASE = re.compile(
    r"Assad|Syria|Syrian|Damascus|Reuters|Financial Times|\bFT\b|transponder|Araghchi|2024", re.IGNORECASE
)

#: An embedded image in the report's HTML (its base64 text is not prose).
DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")


def run(path: Path, corpus_dir: Path, students: Path) -> nbformat.NotebookNode:
    """Execute one notebook on a fresh kernel against ``corpus_dir``; fail with the cell and error."""
    return execute_on(path, corpus_dir, students, f"on {corpus_dir.name}")


def texts(nb: nbformat.NotebookNode) -> list[str]:
    """Every rendered markdown cell and every text, HTML, markdown or plain output, HTML-unescaped."""
    out = ["".join(c.source) for c in nb.cells if c.cell_type == "markdown"]
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o["output_type"] != "error", f"error output: {o.get('ename')}: {o.get('evalue')}"
            assert o.get("name") != "stderr", f"stderr output: {''.join(o.get('text', ''))[:200]}"
            if "text" in o:
                out.append("".join(o["text"]))
            for mime in ("text/html", "text/plain", "text/markdown"):
                if mime in o.get("data", {}):
                    out.append(html.unescape("".join(o["data"][mime])))
    return out


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("second") / "halden"
    shutil.copytree(SECOND, dest)
    return dest


def test_the_second_corpus_is_valid_and_says_what_it_lacks(second: Path) -> None:
    problems, summary = run_validate(second)
    assert problems == []
    assert summary[0] == "ok: 4 articles"
    assert any("no slots.csv" in line for line in summary)
    assert any(line.startswith("note: 05") and "gold" in line for line in summary)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_on_the_second_corpus_and_names_nothing_of_the_first(
    path: Path, second: Path, tmp_path: Path
) -> None:
    nb = run(path, second, tmp_path / "students")
    leaks = [m.group(0) for t in texts(nb) for m in FIRST_CASE.finditer(t)]
    assert leaks == [], f"{path.name} names the first case on another corpus: {sorted(set(leaks))}"
    title = "The Halden paint works fire"
    assert any(title in t for t in texts(nb)), f"{path.name}: the corpus title from event.toml is not printed"


def _without(src: Path, dest: Path, remove: tuple[str, ...]) -> Path:
    shutil.copytree(src, dest)
    for name in remove:
        target = dest / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return dest


MATRIX = {
    "no-event-toml": (SECOND, ("event.toml",)),
    "no-claims": (SECOND, ("claims.csv", "evidence.csv", "aliases.csv")),
    "no-notes": (config.DEFAULT_CORPUS_DIR, ("notes",)),
}
MATRIX_NOTEBOOKS = (
    "01-corpus.ipynb",
    "02-claims-by-source.ipynb",
    "05-sourcing-and-hedging.ipynb",
    "06-classroom.ipynb",
)


@pytest.mark.parametrize("name", MATRIX_NOTEBOOKS)
@pytest.mark.parametrize("case", list(MATRIX))
def test_a_missing_part_gives_missing_lines_not_tracebacks(case: str, name: str, tmp_path: Path) -> None:
    src, remove = MATRIX[case]
    corpus_dir = _without(src, tmp_path / case, remove)
    nb = run(NOTEBOOKS_DIR / name, corpus_dir, tmp_path / "students")
    shown = "\n".join(texts(nb))
    assert "Traceback" not in shown
    if case == "no-claims" and name in ("02-claims-by-source.ipynb", "06-classroom.ipynb"):
        assert "Not in this corpus:" in shown, f"{name}: no missing-part line for an uncoded corpus"


def test_the_command_line_on_the_second_corpus_names_nothing_of_the_first(second: Path, tmp_path: Path) -> None:
    from helpers import cli

    out = tmp_path / "tables"
    assert cli.main(["tables", str(second), "--out", str(out)]) == 0
    written = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    assert {"claims_by_source.csv", "temporal_mentions.csv", "chains.csv", "attributions.csv"} <= set(written)
    sid = sorted(p.stem for p in (second / "articles").glob("*.txt"))[0]
    assert cli.main(["suggest", str(second), sid, "--out", str(tmp_path / "s.csv")]) == 0
    assert cli.main(["timeml", str(second), sid, "--out", str(tmp_path / "a.tml")]) == 0
    texts = [*written.values(), (tmp_path / "s.csv").read_text(encoding="utf-8"), (tmp_path / "a.tml").read_text()]
    leaks = sorted({m.group(0) for t in texts for m in FIRST_CASE.finditer(t)})
    assert leaks == []


def test_the_report_on_the_second_corpus_carries_its_title_and_nothing_of_the_first(
    second: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers.corpus.load import load_corpus
    from helpers.report import build_report

    monkeypatch.setenv(config.CORPUS_ENV, str(second))
    monkeypatch.setenv(config.STUDENT_ENV, str(tmp_path / "students"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(config.REPO_ROOT), os.environ.get("PYTHONPATH", "")]))
    pages = build_report(tmp_path / "report", settings=load_corpus(second).settings)
    index = pages[0].read_text(encoding="utf-8")
    assert "The Halden paint works fire" in index
    # embedded charts are base64 ("…+Ft/…" would read as a word): only the text is searched
    texts = [DATA_URI.sub("", html.unescape(p.read_text("utf-8"))) for p in pages]
    leaks = sorted({m.group(0) for t in texts for m in FIRST_CASE.finditer(t)})
    assert leaks == [], f"the report names the first case: {leaks}"
