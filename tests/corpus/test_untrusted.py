"""A corpus is untrusted input: links, devices, huge files, duplicate rows and invisible text are refused."""

from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path

import pytest

from helpers import config
from helpers.core.errors import Problem
from helpers.corpus.load import has_visible_text, validate_corpus


def rows(cdir: Path) -> list[dict[str, str]]:
    with (cdir / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_rows(cdir: Path, table: list[dict[str, str]]) -> None:
    with (cdir / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def replace_article(cdir: Path, data: bytes | None = None, link_to: Path | None = None) -> Path:
    """Replace the first article with ``data`` or a link to ``link_to``; the manifest hash follows."""
    table = rows(cdir)
    path = cdir / "articles" / table[0]["file"]
    path.unlink()
    if link_to is not None:
        path.symlink_to(link_to)
        data = link_to.read_bytes()
    else:
        path.write_bytes(data or b"")
    table[0]["sha256"] = hashlib.sha256(data or b"").hexdigest()
    write_rows(cdir, table)
    return path


def messages(cdir: Path) -> list[str]:
    return [str(p) for p in validate_corpus(cdir)]


def test_a_symbolic_link_out_of_the_corpus_is_refused_and_never_read(corpus_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE LINE one\nPRIVATE LINE two\n", encoding="utf-8")
    replace_article(corpus_copy, link_to=secret)
    msgs = messages(corpus_copy)
    assert any("is a symbolic link" in m for m in msgs)
    assert not any("PRIVATE" in m for m in msgs)


def test_a_fifo_is_not_read(corpus_copy: Path) -> None:
    table = rows(corpus_copy)
    path = corpus_copy / "articles" / table[0]["file"]
    path.unlink()
    os.mkfifo(path)
    assert any("is not a regular file" in m for m in messages(corpus_copy))


def test_an_article_over_the_size_limit_is_refused_with_the_setting_named(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace_article(corpus_copy, b"word " * (config.MAX_ARTICLE_BYTES // 5 + 1))
    (msg,) = messages(corpus_copy)
    assert f"over the limit of {config.MAX_ARTICLE_BYTES:,} bytes" in msg
    assert config.MAX_ARTICLE_ENV in msg
    monkeypatch.setenv(config.MAX_ARTICLE_ENV, str(config.MAX_ARTICLE_BYTES * 2))
    assert messages(corpus_copy) == []


def test_two_rows_for_one_file_count_the_article_once(corpus_copy: Path) -> None:
    table = rows(corpus_copy)
    twin = dict(table[0], source_id="twin")
    write_rows(corpus_copy, [*table, twin])
    msgs = messages(corpus_copy)
    assert len(msgs) == 1
    assert f"file '{table[0]['file']}' is already the article of line 2" in msgs[0]


@pytest.mark.parametrize("text", ["\u200b\u200b\u200c", "\x00\x01\x02", " \u2060\ufeff\n\t"])
def test_an_article_of_invisible_characters_is_empty(corpus_copy: Path, text: str) -> None:
    path = replace_article(corpus_copy, text.encode("utf-8"))
    assert f"{path}: article is empty (no visible characters)" in messages(corpus_copy)


def test_visible_text() -> None:
    assert has_visible_text("\u200bA")
    assert not has_visible_text("\u200b \x07")


def test_a_line_break_in_a_value_cannot_forge_a_second_problem_line() -> None:
    text = str(Problem("sources.csv", 3, "unknown file 'x\nsources.csv:9: all good'"))
    assert "\n" not in text
    assert text == "sources.csv:3: unknown file 'x\\nsources.csv:9: all good'"


def test_crlf_and_a_byte_order_mark_are_warned_about_not_refused(corpus_copy: Path) -> None:
    from helpers.cli import run_validate

    path = replace_article(corpus_copy, "\ufeffHeadline\r\nBody text.\r\n".encode())
    problems, summary = run_validate(corpus_copy)
    assert problems == []
    assert f"{path}: warning: starts with a byte-order mark (U+FEFF): offsets count it as character 0" in summary
    assert f"{path}: warning: has CR or CRLF line ends: offsets count each CR as a character" in summary
