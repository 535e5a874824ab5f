"""Notebook hygiene: executed in order, no errors, no absolute paths, the house shape, working links."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import config
from helpers.display.notebook import NOTEBOOKS_DIR, notebook_index

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
IDS = [p.name for p in NOTEBOOKS]


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_there_are_notebooks_and_only_numbered_ones() -> None:
    assert len(NOTEBOOKS) >= 2
    for path in NOTEBOOKS:
        assert re.match(r"^\d\d-[a-z0-9-]+\.ipynb$", path.name), f"stray notebook {path.name}"
    numbers = [p.name[:2] for p in NOTEBOOKS]
    assert numbers == [f"{i:02d}" for i in range(len(numbers))], "notebooks must be numbered 00, 01, ... without gaps"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_executed_in_order_from_a_fresh_kernel(path: Path) -> None:
    counts = [c["execution_count"] for c in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: re-run top to bottom on a fresh kernel"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_error_outputs(path: Path) -> None:
    for cell in code_cells(load(path)):
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"{path.name}: {out.get('ename')}: {out.get('evalue')}"
            if out.get("name") == "stderr":
                pytest.fail(f"{path.name}: stderr output committed: {''.join(out['text'])[:200]}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_absolute_paths_or_machine_traces(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    for marker in (str(config.REPO_ROOT), "/tmp/", "/root/", "/home/", "C:\\\\"):
        assert marker not in raw, f"{path.name} holds {marker!r}"
    assert not re.search(r"0x[0-9a-f]{8,}", raw), f"{path.name} holds a memory address"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_network_and_no_path_hacks(path: Path) -> None:
    source = "\n".join("".join(c["source"]) for c in code_cells(load(path)))
    for banned in ("sys.path", "requests", "urllib", "http://", "https://", "!pip", "%pip"):
        assert banned not in source, f"{path.name} code uses {banned!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_house_shape(path: Path) -> None:
    cells = load(path)["cells"]
    first = "".join(cells[0]["source"])
    assert cells[0]["cell_type"] == "markdown"
    assert re.match(rf"^# {path.name[:2]} · \S", first), f"{path.name}: title '# NN · …' first"
    assert "**Question:**" in first and "**Data:**" in first, f"{path.name}: question and data up front"
    code = "".join(code_cells(load(path))[0]["source"])
    assert "setup()" in code, f"{path.name}: first code cell must call helpers.display.notebook.setup()"
    last = "".join(cells[-1]["source"])
    assert cells[-1]["cell_type"] == "markdown" and "## Summary" in last and "**Next:**" in last
    headings = [c for c in cells if c["cell_type"] == "markdown" and "## Finding" in "".join(c["source"])]
    assert headings or path.name.startswith("00"), f"{path.name}: findings as '## Finding: …' headings"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_links_to_notebooks_resolve(path: Path) -> None:
    text = "\n".join("".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    for target in re.findall(r"\]\(([^)#]+\.ipynb)", text):
        assert (NOTEBOOKS_DIR / target).is_file(), f"{path.name} links to missing {target}"


def test_index_lists_every_notebook_with_a_question() -> None:
    index = notebook_index()
    assert list(index["notebook"]) == IDS
    assert index["question"].str.len().gt(10).all()


def test_readme_names_every_notebook_and_only_existing_ones() -> None:
    readme = (config.REPO_ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"notebooks/(\d\d-[a-z0-9-]+\.ipynb)", readme))
    assert named == set(IDS)


#: Every notebook is in the story-first shape (issue 17).
STORY_FIRST = list(NOTEBOOKS)


@pytest.mark.parametrize("path", STORY_FIRST, ids=[p.name for p in STORY_FIRST])
def test_story_first_shape(path: Path) -> None:
    """Title, question, data, prerequisites and time up front; trust closes the analysis; short markdown."""
    cells = load(path)["cells"]
    first = "".join(cells[0]["source"])
    assert re.search(r"^\*\*Prerequisites:\*\* .+ · \*\*Time:\*\* about \d+ minutes", first, re.M), path.name
    markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    headings = [ln for text in markdown for ln in text.splitlines() if ln.startswith("## ")]
    if not path.name.startswith("00"):
        assert headings[-2:] == ["## How far to trust this", "## Summary"], f"{path.name}: {headings[-3:]}"
    words = sum(len(re.findall(r"[A-Za-z0-9][\w'’-]*", text)) for text in markdown)
    assert words < 600, f"{path.name}: {words} words of markdown (aim for fewer than 600)"
    code = "".join(code_cells(load(path))[0]["source"])
    assert len([ln for ln in code.splitlines() if ln.startswith(("from helpers", "import helpers"))]) == 1
    assert "settings.title" in code and "settings.question" in code, f"{path.name}: print the corpus title"
