"""Shared fixtures: the repository corpus, and throw-away copies of it to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import config
from helpers.corpus.load import load_corpus

#: A second corpus: eight fictional wire stories (two agencies, one newspaper); see its README.
WIRE_CORPUS_DIR = Path(__file__).parent / "fixtures" / "wire_corpus"


@pytest.fixture(scope="session")
def wire_corpus() -> pd.DataFrame:
    """The fictional wire corpus of ``tests/fixtures/wire_corpus``, loaded once."""
    return load_corpus(WIRE_CORPUS_DIR)


@pytest.fixture(scope="session")
def corpus() -> pd.DataFrame:
    """The repository's corpus, loaded once."""
    return load_corpus(config.DEFAULT_CORPUS_DIR)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the repository's corpus directory (articles and manifest only)."""
    dest = tmp_path / "corpus"
    dest.mkdir()
    shutil.copytree(config.DEFAULT_CORPUS_DIR / config.ARTICLES_DIRNAME, dest / config.ARTICLES_DIRNAME)
    shutil.copy(config.DEFAULT_CORPUS_DIR / config.MANIFEST_NAME, dest / config.MANIFEST_NAME)
    return dest


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    """Write rows as a UTF-8 CSV (test helper)."""
    frame = pd.DataFrame(rows, columns=columns, dtype=object).fillna("")
    path.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")


def make_corpus(root: Path, articles: dict[str, str], credits: dict[str, str] | None = None) -> Path:
    """A small valid corpus directory: one article file and manifest row per entry."""
    import hashlib

    root.mkdir(parents=True, exist_ok=True)
    (root / "articles").mkdir(exist_ok=True)
    rows = []
    for sid, text in articles.items():
        (root / "articles" / f"{sid}.txt").write_text(text, encoding="utf-8")
        rows.append(
            {
                "source_id": sid,
                "file": f"{sid}.txt",
                "outlet": sid.upper(),
                "headline": "",
                "byline": "",
                "published": "2024-12-13",
                "published_basis": "stated",
                "credits": (credits or {}).get(sid, ""),
                "upstream_inferred": "",
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "notes": "",
            }
        )
    write_csv(root / "sources.csv", rows, list(config.MANIFEST_COLUMNS))
    return root


def mini_corpus(texts: dict[str, str], credits: dict[str, tuple[str, ...]] | None = None) -> pd.DataFrame:
    """A corpus frame built in memory (text, n_words, credits, upstream_inferred), indexed by source id."""
    frame = pd.DataFrame({"text": pd.Series(texts)})
    frame.index.name = "source_id"
    frame["n_words"] = frame["text"].str.split().str.len()
    frame["credits"] = [(credits or {}).get(sid, ()) for sid in frame.index]
    frame["upstream_inferred"] = ""
    return frame
