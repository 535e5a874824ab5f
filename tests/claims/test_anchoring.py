"""A coded quote anchors to exactly one place, on word boundaries, or validate says why not."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from helpers.claims.coding import CLAIM_COLUMNS, CLAIM_OPTIONAL, EVIDENCE_COLUMNS, EVIDENCE_OPTIONAL, read_codings
from helpers.claims.coding import validate_codings as validate
from helpers.corpus.load import load_corpus
from tests.conftest import make_corpus, write_csv

TEXT = "The café owner said a commander left. Later the commander came back, the café owner said."
CLAIM = {"claim_id": "C001", "topic": "departure", "statement": "A commander left", "slot": ""}


def coded(tmp_path: Path, quote: str, occurrence: str = "", text: str = TEXT) -> list[str]:
    root = make_corpus(tmp_path / "c", {"wire": text})
    write_csv(root / "claims.csv", [CLAIM], list(CLAIM_COLUMNS + CLAIM_OPTIONAL))
    row = {
        "claim_id": "C001",
        "source_id": "wire",
        "quote": quote,
        "stance": "asserts",
        "attributed_to": "",
        "attribution_kind": "none",
        "occurrence": occurrence,
    }
    write_csv(root / "evidence.csv", [row], list(EVIDENCE_COLUMNS + EVIDENCE_OPTIONAL))
    write_csv(root / "slots.csv", [], ["slot", "question", "kind", "reasoning"])
    return [str(p) for p in validate(load_corpus(root))]


def test_a_quote_found_twice_is_refused_with_its_places(tmp_path: Path) -> None:
    (msg,) = coded(tmp_path, "café owner said")
    assert "quote occurs 2 times (at characters" in msg and "set occurrence to 1-2" in msg


def test_an_occurrence_picks_one_of_the_places(tmp_path: Path) -> None:
    assert coded(tmp_path, "café owner said", occurrence="2") == []
    codings = read_codings(load_corpus(tmp_path / "c"))
    start = int(codings.evidence.at[0, "start"])
    assert start == TEXT.rfind("café owner said")
    assert "occurrence '3' does not exist" in coded(tmp_path, "café owner said", occurrence="3")[0]


def test_a_quote_starting_or_ending_mid_word_is_refused(tmp_path: Path) -> None:
    assert "starts inside the word 'commander'" in coded(tmp_path, "ommander left")[0]
    assert "ends inside the word 'came'" in coded(tmp_path, "Later the commander ca")[0]


def test_a_quote_differing_only_in_unicode_normalisation_says_so(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "The café owner said a commander left.")
    (msg,) = coded(tmp_path, nfd)
    assert "only in Unicode normalisation (NFC vs NFD)" in msg


def test_a_quote_longer_than_its_article_is_not_called_alike(tmp_path: Path) -> None:
    (msg,) = coded(tmp_path, TEXT + " And then much more text that the article never had.", text="Short.")
    assert "longer than the article" in msg and "% alike" not in msg


def test_a_near_miss_shows_the_first_difference_even_far_into_a_long_quote(tmp_path: Path) -> None:
    long_text = "word " * 40 + "the commander left at dawn."
    quote = "word " * 40 + "the commander left at dusk."
    (msg,) = coded(tmp_path, quote, text=long_text)
    assert "quote has '" in msg and "dusk" in msg and "dawn" in msg
