"""The attribution and hedge gold files: the repository's are valid, broken ones are reported clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import config
from helpers.core.errors import InputError
from helpers.corpus.load import load_corpus
from helpers.sourcing import detect as sourcing
from helpers.sourcing import gold as sourcing_gold


@pytest.fixture
def gold_copy(corpus_copy: Path) -> Path:
    """A writable corpus copy with the gold files."""
    shutil.copytree(config.DEFAULT_CORPUS_DIR / config.GOLD_DIRNAME, corpus_copy / config.GOLD_DIRNAME)
    return corpus_copy


def test_repository_gold_is_valid(corpus: pd.DataFrame) -> None:
    gold_a = sourcing_gold.read_gold_attributions(corpus)
    gold_h = sourcing_gold.read_gold_hedges(corpus)
    assert set(gold_a["source_id"]) == set(corpus.index)
    assert set(gold_a["kind"]) <= set(sourcing.KINDS)
    assert len(gold_h) > 0
    assert sourcing_gold.validate_gold(corpus) == []


def test_gold_offset_errors_name_file_line_and_fix(gold_copy: Path, corpus: pd.DataFrame) -> None:
    path = gold_copy / config.GOLD_DIRNAME / config.ATTRIBUTIONS_GOLD_NAME
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].split(",")
    fields[1] = str(int(fields[1]) + 1)  # cue_start off by one
    lines[1] = ",".join(fields)
    lines[2] = (
        lines[2].replace(",anonymous,", ",anonymus,", 1)
        if ",anonymous," in lines[2]
        else lines[2].replace(",outlet,", ",outlett,", 1)
    )
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as err:
        sourcing_gold.read_gold_attributions(load_corpus(gold_copy))
    messages = [str(p) for p in err.value.problems]
    assert any(":2: cue_start..cue_end slices" in m and "is at" in m for m in messages)
    assert any(":3: unknown kind" in m and "did you mean" in m for m in messages)
    problems = sourcing_gold.validate_gold(load_corpus(gold_copy))
    assert len(problems) == 2


def test_gold_unknown_source_id_is_suggested(gold_copy: Path, corpus: pd.DataFrame) -> None:
    path = gold_copy / config.GOLD_DIRNAME / config.HEDGES_GOLD_NAME
    text = path.read_text(encoding="utf-8").replace("north-press,", "nort-press,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown source_id 'nort-press' \(did you mean 'north-press'\?\)"):
        sourcing_gold.read_gold_hedges(load_corpus(gold_copy))


def test_a_repeated_gold_row_is_reported_not_counted_twice(gold_copy: Path, corpus: pd.DataFrame) -> None:
    path = gold_copy / config.GOLD_DIRNAME / config.HEDGES_GOLD_NAME
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    problems = sourcing_gold.validate_gold(load_corpus(gold_copy))
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:{len(lines) + 1}: duplicate of line 2 (source_id ")


@pytest.mark.parametrize("bad", ["²", "1.5", "-3", "x"])
def test_offsets_must_be_ascii_whole_numbers(gold_copy: Path, corpus: pd.DataFrame, bad: str) -> None:
    path = gold_copy / config.GOLD_DIRNAME / config.HEDGES_GOLD_NAME
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].split(",")
    fields[1] = bad
    lines[1] = ",".join(fields)
    path.write_text("".join(lines), encoding="utf-8")
    problems = sourcing_gold.validate_gold(load_corpus(gold_copy))
    assert [p.line for p in problems] == [2]
    assert "start/end must be whole numbers" in problems[0].message
