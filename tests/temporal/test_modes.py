"""Anchoring modes, wider coverage, ISO-TimeML values, TimeML export and the manifest's genre columns.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from helpers import config
from helpers.core.text import sentence_spans
from helpers.corpus import load_corpus, validate_corpus
from helpers.temporal import resolve as T
from helpers.temporal.timeml import to_timeml
from tests.conftest import make_corpus

FRIDAY = dt.date(2024, 12, 13)
ROOT = Path(__file__).resolve().parents[2]


def values(text: str, published: dt.date | None = FRIDAY, genre: str = "news") -> dict[str, str]:
    """Mention text → ISO-TimeML value."""
    return {m.text: m.timex_value for m in T.resolve_text(text, published, genre=genre)}


# --- narrative mode --------------------------------------------------------------------------
def test_narrative_month_takes_the_story_year() -> None:
    text = "The siege began on March 3, 1812. By early May the walls had fallen."
    assert values(text, genre="narrative")["early May"].startswith("1812-05")
    assert values(text, genre="news")["early May"].startswith("2024-05")


def test_narrative_day_month_and_month_of_year() -> None:
    text = "The fleet sailed in 1655. It anchored on 12 June and left in February of 1656."
    got = values(text, genre="narrative")
    assert got["12 June"] == "1655-06-12"
    assert got["February of 1656"] == "1656-02"


def test_narrative_counted_relatives() -> None:
    text = "The treaty was signed on 4 April 1721. Twelve days later the envoys left; fifteen months later war resumed."
    got = values(text, genre="narrative")
    assert got["Twelve days later"] == "1721-04-16"
    assert got["fifteen months later"] == "1722-07"


def test_anaphora() -> None:
    text = "The canal opened on 9 October 1867. That same day a storm broke; the following year it closed."
    got = values(text, genre="narrative")
    assert got["That same day"] == "1867-10-09"
    assert got["the following year"] == "1868"


# --- coverage --------------------------------------------------------------------------------
def test_years_outside_1800_2099() -> None:
    got = values("The abbey was founded in 1134 and burned in March 1491.", genre="narrative")
    assert got["1134"] == "1134"
    assert got["March 1491"] == "1491-03"


@pytest.mark.parametrize(
    "text",
    [
        "The garrison had 1500 troops.",
        "They paid $1850 for the horse.",
        "Some 1,500 men crossed the river.",
        "The index closed at 1720.5 points.",
        "See page 1200 of the ledger.",
        "The ferry leaves at 1430 GMT.",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert not [m for m in T.resolve_text(text, FRIDAY) if m.type == "year"]


def test_both_halves_of_year_ranges() -> None:
    got = values("The drought of 1715-17 and the famine of 1803–1805 emptied the valley.")
    assert got["1715"] == "1715" and got["17"] == "1717"
    assert got["1803"] == "1803" and got["1805"] == "1805"


def test_decades_centuries_seasons() -> None:
    got = values("Looms spread in the 1780s, in the 18th century, and mills closed in summer 1931.")
    assert got["the 1780s"] == "178"
    assert got["the 18th century"] == "17"
    assert got["summer 1931"] == "1931-SU"


def test_fall_of_a_city_is_not_autumn() -> None:
    assert "the fall" not in " ".join(values("After the fall of the fortress, the army rested."))


def test_fixed_date_holidays() -> None:
    got = values("The truce began on Christmas Eve 1914 and ended on New Year's Day 1915.", genre="narrative")
    assert got["Christmas Eve 1914"] == "1914-12-24"
    assert got["New Year's Day 1915"] == "1915-01-01"


# --- news mode -------------------------------------------------------------------------------
def test_news_weekday_is_publication_week_and_same_day() -> None:
    text = "The committee met on 2 November. The mayor told a radio station on Thursday that it would reopen."
    assert values(text)["Thursday"] == "2024-12-12"
    assert values("Officials confirmed on Friday that the bridge is shut.")["Friday"] == "2024-12-13"


def test_news_future_wording() -> None:
    assert values("The vote was postponed until 15:00 GMT Saturday.")["Saturday"].startswith("2024-12-14")
    assert values("The report is due to be published in May.")["May"] == "2025-05"
    assert values("Prices fell in May.")["May"] == "2024-05"


def test_timex_values_and_types() -> None:
    ms = {m.text: m for m in T.resolve_text("Last week the clinic opened for three days on Friday morning.", FRIDAY)}
    assert (ms["Last week"].timex_value, ms["Last week"].timex_type) == ("2024-W49", "DATE")
    assert (ms["three days"].timex_value, ms["three days"].timex_type) == ("P3D", "DURATION")
    assert ms["Friday morning"].timex_value == "2024-12-13TMO"


def test_mention_columns_end_with_timex() -> None:
    assert T.MENTION_COLUMNS[-2:] == ("timex_value", "timex_type")


def test_unknown_genre_is_an_error() -> None:
    with pytest.raises(ValueError, match="genre"):
        T.resolve_text("On Monday.", FRIDAY, genre="poetry")


def test_no_sentence_break_after_am_pm_and_titles() -> None:
    text = "The ferry docked at 6:15 a.m. Gen. Ortiz and U.S. envoys boarded. It left at 9 p.m. Nobody waved."
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert sentences == [
        "The ferry docked at 6:15 a.m. Gen. Ortiz and U.S. envoys boarded.",
        "It left at 9 p.m. Nobody waved.",
    ]
    assert values("The ferry docked at 10:35 a.m. on 3 December.")["10:35 a.m. on 3 December"] == "2024-12-03T10:35"


# --- TimeML export ---------------------------------------------------------------------------
def test_to_timeml_round_trips() -> None:
    text = 'The board met on 3 December & "agreed" <again> on Friday.'
    ms = T.mentions_frame("x", T.resolve_text(text, FRIDAY))
    doc = to_timeml(text, ms, "2024-12-13")
    root = ET.fromstring(doc)
    body = root.find("TEXT")
    assert body is not None and "".join(body.itertext()) == text
    tags = body.findall("TIMEX3")
    assert [t.text for t in tags] == list(ms["text"])
    assert all(t.get("tid") and t.get("type") and t.get("value") for t in tags)


# --- benchmark -------------------------------------------------------------------------------
def test_benchmark_skips_without_data(tmp_path: Path) -> None:
    """Run as the Makefile does (a separate process: tests do not import ``benchmarks/``)."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.accuracy_temporal", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("skip")


# --- manifest columns ------------------------------------------------------------------------
def _with_columns(root: Path, genre: str, ptime: str) -> Path:
    make_corpus(root, {"alpha": "On Friday the archive opened. It had closed in 1789."})
    path = root / config.MANIFEST_NAME
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["genre"], frame["published_time"] = genre, ptime
    path.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    return root


def test_manifest_without_optional_columns_defaults_to_news(tmp_path: Path) -> None:
    corpus = load_corpus(make_corpus(tmp_path / "c", {"alpha": "On Friday the archive opened."}))
    assert corpus.loc["alpha", "genre"] == "news" and corpus.loc["alpha", "published_time"] == ""


@pytest.mark.parametrize("genre,ptime", [("", ""), ("narrative", "14:30+03:00"), ("news", "09:05 UTC")])
def test_manifest_accepts_valid_columns(tmp_path: Path, genre: str, ptime: str) -> None:
    corpus = load_corpus(_with_columns(tmp_path / "c", genre, ptime))
    assert corpus.loc["alpha", "genre"] == (genre or "news")
    assert not T.temporal_mentions(corpus).empty


@pytest.mark.parametrize(
    "genre,ptime,message",
    [("story", "", "genre 'story'"), ("news", "2pm", "published_time '2pm'"), ("", "14:30", "published_time")],
)
def test_manifest_rejects_bad_columns(tmp_path: Path, genre: str, ptime: str, message: str) -> None:
    problems = validate_corpus(_with_columns(tmp_path / "c", genre, ptime))
    assert len(problems) == 1 and message in problems[0].message and problems[0].line == 2
    assert str(problems[0]).count("\n") == 0
