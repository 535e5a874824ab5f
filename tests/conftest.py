"""Shared fixtures: the repository corpus, and throw-away copies of it to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import config
from helpers.corpus import load_corpus


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
