"""Notebook files carry nothing of a corpus but their outputs: no stored widget state (issue 26)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_stores_no_widget_state(path: Path) -> None:
    # stored widget state survives re-execution on a corpus whose run makes no widgets, carrying
    # another corpus's claims and quotes; `make notebooks` and the report execute without storing it
    assert "widgets" not in json.loads(path.read_text(encoding="utf-8"))["metadata"], f"{path.name}: widget state"
