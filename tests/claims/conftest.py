"""Fixtures shared by the claims tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.claims.coding import Codings, read_codings
from helpers.corpus.load import Corpus, load_corpus
from tests.claims.samples import build


@pytest.fixture
def coded(tmp_path: Path) -> tuple[Codings, Corpus]:
    """The small sample corpus with its codings read."""
    root = build(tmp_path)
    return read_codings(load_corpus(root)), load_corpus(root)
