"""Bring your own article: every notebook runs on a copy of the corpus with a sixth, uncoded article.

The copy (articles, manifest, codings, aliases, gold/ and reference/) lives in a temporary folder
with one added article that credits Reuters and carries dates ("On December 9, 2024", "on
Saturday"). Every notebook is executed from a fresh kernel against it through ``CORPUS_DIR``, in
memory (nothing is written back), with ``notebooks/`` as the working directory. The new article
must appear in the corpus notebooks' output, and the claim notebook must show it as not coded.
"""

from __future__ import annotations

import csv
import hashlib
import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers import config
from helpers.corpus.load import load_corpus
from helpers.display.notebook import NOTEBOOKS_DIR
from tests.notebooks_run import execute_on

pytestmark = pytest.mark.slow

NEW_ID = "test-wire"
NEW_TEXT = """Assad's last night: what the wire says
By Test Desk

DAMASCUS (Test Wire) - Bashar al-Assad left Damascus in the early hours of Sunday as rebels closed in \
on the capital, Reuters reported, citing two regional diplomats.

On December 9, 2024, the Kremlin said he had been granted asylum in Moscow. According to the same report, \
on Saturday Assad told his office manager that he was going home, but went to the airport instead.

His aides were not told of the plan, Reuters reported. Test Wire could not independently verify the account.
"""
#: Notebooks whose output must name the new article (the corpus overview and the claim matrix).
MUST_NAME_IT = ("00-overview.ipynb", "01-corpus.ipynb", "02-claims-by-source.ipynb")
CLAIMS_NOTEBOOK = "02-claims-by-source.ipynb"
#: What a corpus directory consists of: copied into the temporary corpus when present.
CORPUS_PARTS = (
    config.ARTICLES_DIRNAME,
    config.MANIFEST_NAME,
    "claims.csv",
    "evidence.csv",
    "slots.csv",
    "aliases.csv",
    config.GOLD_DIRNAME,
    config.REFERENCE_DIRNAME,
)
NOTEBOOKS = sorted(p for p in NOTEBOOKS_DIR.glob("*.ipynb") if re.match(r"^\d\d-", p.name))


def build_corpus(dest: Path) -> Path:
    """A copy of the repository's corpus with the sixth article added to ``articles/`` and the manifest."""
    src = config.DEFAULT_CORPUS_DIR
    dest.mkdir(parents=True)
    for part in CORPUS_PARTS:
        if (src / part).is_dir():
            shutil.copytree(src / part, dest / part)
        elif (src / part).is_file():
            shutil.copy2(src / part, dest / part)
    article = dest / config.ARTICLES_DIRNAME / f"{NEW_ID}.txt"
    article.write_text(NEW_TEXT, encoding="utf-8")
    row = {
        "source_id": NEW_ID,
        "file": article.name,
        "outlet": "Test Wire",
        "headline": "Assad's last night: what the wire says",
        "byline": "Test Desk",
        "published": "2024-12-14",
        "published_basis": "stated",
        "credits": "Reuters",
        "upstream_inferred": "",
        "sha256": hashlib.sha256(article.read_bytes()).hexdigest(),
        "notes": "Synthetic article added by tests/test_sixth_article.py.",
    }
    manifest = dest / config.MANIFEST_NAME
    text = manifest.read_text(encoding="utf-8")
    with manifest.open("a", encoding="utf-8", newline="") as fh:
        if not text.endswith("\n"):
            fh.write("\n")
        csv.DictWriter(fh, fieldnames=list(config.MANIFEST_COLUMNS), lineterminator="\n").writerow(row)
    return dest


def snapshot(notebook: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of what a notebook run could overwrite: the reference corpus and the notebook.

    (Only these, so colleagues editing other files while the test runs do not make it fail.)
    """
    paths = [notebook, *(p for p in config.DEFAULT_CORPUS_DIR.rglob("*") if p.is_file())]
    out = {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in paths}
    out["student_codings/ exists"] = (int(config.DEFAULT_STUDENT_DIR.exists()), 0)
    return out


def output_text(nb: nbformat.NotebookNode) -> str:
    """Every text, HTML and plain output of a notebook, HTML-unescaped, joined."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append(out["text"])
            for mime in ("text/html", "text/plain", "text/markdown"):
                if mime in out.get("data", {}):
                    parts.append(html.unescape(out["data"][mime]))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def sixth_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus_dir = build_corpus(tmp_path_factory.mktemp("byo") / "corpus")
    from helpers.corpus.load import load_corpus

    assert NEW_ID in load_corpus(corpus_dir).index  # the copy is a valid corpus
    return corpus_dir


def test_the_copy_is_valid_and_the_new_article_is_not_coded(sixth_corpus: Path) -> None:
    from helpers.claims.coding import read_codings
    from helpers.corpus.load import validate_corpus

    assert validate_corpus(sixth_corpus) == []
    codings = read_codings(load_corpus(sixth_corpus))
    assert NEW_ID not in codings.coded_sources


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_with_a_sixth_article(path: Path, sixth_corpus: Path, tmp_path: Path) -> None:
    before = snapshot(path)
    nb = execute_on(path, sixth_corpus, tmp_path / "students", f"on a corpus with a sixth, uncoded article ({NEW_ID})")
    assert snapshot(path) == before, f"{path.name} modified files in the repository"
    text = output_text(nb)
    if path.name in MUST_NAME_IT:
        assert NEW_ID in text, f"{path.name}: the new article {NEW_ID} does not appear in the output"
    if path.name == CLAIMS_NOTEBOOK:
        # the stance matrix has a column for the new article, every cell 'n/c' (not coded), never blank
        tables = [t for t in re.findall(r"<table.*?</table>", text, re.S) if f">{NEW_ID}<" in t and "n/c" in t]
        assert tables, f"{path.name}: no table shows {NEW_ID} as not coded ('n/c')"
