"""Running a repository notebook on another corpus, for the tests (not a test module)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers import config
from helpers.display.notebook import NOTEBOOKS_DIR


def execute_on(path: Path, corpus_dir: Path, students: Path, context: str) -> nbformat.NotebookNode:
    """Execute one notebook on a fresh kernel against ``corpus_dir``; fail naming the cell and the error.

    ``context`` says what the corpus is ("on a corpus with a sixth, uncoded article") in the failure.
    """
    env = dict(os.environ)
    env.update(
        {
            config.CORPUS_ENV: str(corpus_dir),
            config.STUDENT_ENV: str(students),
            "MPLBACKEND": "agg",
            "PYTHONPATH": os.pathsep.join([str(config.REPO_ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        }
    )
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    failure = ""
    try:
        client.execute(env=env)
    except CellExecutionError as exc:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))
        cell = plain.split("------------------")[1].strip() if "------------------" in plain else ""
        tail = [ln for ln in plain.strip().splitlines() if ln.strip()][-8:]
        failure = (
            f"{path.name} fails {context}: {exc.ename}: {exc.evalue}\n"
            f"failing cell:\n{cell}\ntraceback tail:\n" + "\n".join(tail)
        )
    if failure:  # outside the except block, so pytest shows this message and not the chained traceback
        pytest.fail(failure, pytrace=False)
    return nb
