"""The manifest's optional ``url``: checked when present, recorded by ``add`` from a saved page's canonical link."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import config
from helpers.core.errors import InputError
from helpers.core.files import read_table
from helpers.corpus import AuthoringError, add_article, load_corpus, new_corpus

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "saved-news-page.html"


def test_add_records_the_canonical_address_of_a_saved_page(tmp_path: Path) -> None:
    new_corpus(tmp_path / "event")
    row = add_article(tmp_path / "event", PAGE)
    assert row["url"] == "https://valley-courier.example/news/2023/03/17/bridge-closed-marrowby"
    table = read_table(
        tmp_path / "event" / config.MANIFEST_NAME, config.MANIFEST_COLUMNS, config.MANIFEST_OPTIONAL_COLUMNS
    )
    assert list(table["url"]) == [row["url"]]
    assert load_corpus(tmp_path / "event").at[row["source_id"], "url"] == row["url"]


def test_add_refuses_an_address_that_is_not_one(tmp_path: Path) -> None:
    new_corpus(tmp_path / "event")
    with pytest.raises(AuthoringError, match="url 'valley courier' must be one http"):
        add_article(tmp_path / "event", PAGE, url="valley courier")


def test_a_bad_url_in_the_manifest_is_one_line_with_its_row(tmp_path: Path) -> None:
    new_corpus(tmp_path / "event")
    add_article(tmp_path / "event", PAGE)
    mpath = tmp_path / "event" / config.MANIFEST_NAME
    mpath.write_text(mpath.read_text(encoding="utf-8").replace("https://valley", "ftp:/valley"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_corpus(tmp_path / "event")
    assert [p.line for p in caught.value.problems] == [2]
    assert "url 'ftp:/valley-courier.example" in str(caught.value.problems[0])


def test_a_corpus_without_the_column_reads_empty_addresses() -> None:
    corpus = load_corpus()
    assert "url" in corpus.columns and (corpus["url"] == "").all()  # the shipped manifest has no url column
