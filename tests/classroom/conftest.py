"""Fixtures of the classroom tests: the reference coding of the shipped corpus, a class folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.claims.coding import Codings, read_codings


@pytest.fixture(scope="module")
def codings(corpus: pd.DataFrame) -> Codings:
    return read_codings(corpus)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "class"
