"""CSV reading with line numbers, and atomic writes that never leave a partial file."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.errors import InputError, Problem
from helpers.core.files import LINE, decode_utf8, locked, read_table, suggest, write_atomic, write_csv_atomic


def test_read_table_numbers_lines_even_with_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,"two\nlines"\n\n3,4\n', encoding="utf-8")
    frame = read_table(path, ["a", "b"])
    assert frame[LINE].tolist() == [2, 5]
    assert frame["b"].tolist() == ["two\nlines", "4"]


def test_read_table_adds_missing_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a\n1\n", encoding="utf-8")
    assert read_table(path, ["a"], ["note"])["note"].tolist() == [""]


def test_read_table_collects_structural_problems(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,c,c\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path, ["a", "b"])
    text = [str(p) for p in info.value.problems]
    assert any("missing column 'b'" in t for t in text)
    assert any("unknown column 'c'" in t for t in text)


def test_read_table_missing_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "none.csv", ["a"])
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"a\n\xe9\n")
    with pytest.raises(InputError, match=r"bad byte 0xe9 at byte offset 2"):
        read_table(bad, ["a"])


def test_problem_format() -> None:
    assert str(Problem("/x/y.csv", 4, "bad")) == "/x/y.csv:4: bad"
    assert str(Problem("/x/y.csv", None, "bad")) == "/x/y.csv: bad"


def test_suggest() -> None:
    assert suggest("defence-talk", ["defence-talks", "ft"]) == " (did you mean 'defence-talks'?)"
    assert suggest("zzz", ["ft"]) == ""


def test_write_atomic_replaces_whole_file_with_normal_permissions(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "out.txt"
    write_atomic(path, "old")
    write_atomic(path, "new")
    assert path.read_text() == "new"
    assert [p.name for p in path.parent.iterdir()] == ["out.txt"]
    assert stat.S_IMODE(path.stat().st_mode) & 0o044  # readable by others, not 0600


def test_write_atomic_leaves_old_content_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.txt"
    write_atomic(path, "precious")

    def boom(*_a: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "half")
    assert path.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@settings(deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30), min_size=1, max_size=8))
def test_csv_round_trip(tmp_path_factory: pytest.TempPathFactory, cells: list[str]) -> None:
    path = tmp_path_factory.mktemp("rt") / "t.csv"
    frame = pd.DataFrame({"value": [c.strip() for c in cells]})
    write_csv_atomic(path, frame)
    back = read_table(path, ["value"])
    kept = [c for c in frame["value"] if c.strip()]  # blank records are skipped by design
    assert back["value"].tolist() == kept


def test_read_table_drops_a_leading_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("source_id,note\r\nft,\ufeffkept\r\n".encode("utf-8-sig"))
    frame = read_table(path, ["source_id"], ["note"])
    assert list(frame.columns) == ["source_id", "note", LINE]
    assert frame["source_id"].tolist() == ["ft"]
    assert frame["note"].tolist() == ["\ufeffkept"]  # only the file's leading mark is dropped


def test_articles_keep_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes("\ufeffText".encode())
    assert decode_utf8(path) == "\ufeffText"


def test_locked_makes_a_second_writer_wait(tmp_path: Path) -> None:
    """While one holder has the lock, another (here a thread) waits; it enters once the first lets go."""
    target = tmp_path / "answers.csv"
    entered = threading.Event()

    def second() -> None:
        with locked(target):
            entered.set()

    with locked(target):
        thread = threading.Thread(target=second)
        thread.start()
        assert not entered.wait(0.3)  # still held: the second writer is waiting
    assert entered.wait(10)
    thread.join()
    assert (tmp_path / ".answers.csv.lock").exists() and not target.exists()  # the lock file holds no data
