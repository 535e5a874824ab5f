"""Tests of the TimeML export (``python -m helpers timeml``) and of the publication time's use."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from helpers import cli, config
from helpers.temporal import resolve as T
from tests.conftest import make_corpus

TEXT = 'Shares of A&B <Corp> rose on December 12, 2024 & fell "sharply" on Friday.\nBy 2025 it was > 5%.'


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "c", {"alpha": TEXT, "beta": "Nothing dated here."})


def _parse(xml: str) -> ET.Element:
    return ET.fromstring(xml.encode("utf-8"))


def test_timeml_to_stdout_is_well_formed_and_round_trips_the_text(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["timeml", str(corpus_dir), "alpha"]) == 0
    root = _parse(capsys.readouterr().out)
    text_el = root.find("TEXT")
    assert text_el is not None and "".join(text_el.itertext()) == TEXT  # '<', '&', '>' and quotes escaped
    timex = {el.text: el.get("value") for el in text_el.iter("TIMEX3")}
    assert timex["December 12, 2024"] == "2024-12-12"
    assert timex["Friday"] == "2024-12-13" and timex["2025"] == "2025"
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("value") == "2024-12-13" and dct.get("functionInDocument") == "CREATION_TIME"
    tids = [el.get("tid") for el in root.iter("TIMEX3")]
    assert len(tids) == len(set(tids))


def test_timeml_without_corpus_dir_uses_the_default_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    from helpers.corpus.load import load_corpus

    sid = str(load_corpus(config.DEFAULT_CORPUS_DIR).index[0])
    assert cli.main(["timeml", sid]) == 0
    assert _parse(capsys.readouterr().out).find("TEXT") is not None


def test_timeml_out_writes_the_file_and_says_so(corpus_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "deep" / "alpha.tml"
    assert cli.main(["timeml", str(corpus_dir), "alpha", "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert _parse(out.read_text(encoding="utf-8")).find("TEXT") is not None
    assert [p.name for p in out.parent.iterdir()] == ["alpha.tml"]  # no temporary file left behind


def test_timeml_unknown_source_id_is_one_line_with_a_suggestion(corpus_dir: Path, capsys) -> None:
    assert cli.main(["timeml", str(corpus_dir), "alpah"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "alpah" in lines[0] and "did you mean 'alpha'" in lines[0]


def test_timeml_of_an_article_without_dates_has_only_the_creation_time(corpus_dir: Path, capsys) -> None:
    assert cli.main(["timeml", str(corpus_dir), "beta"]) == 0
    root = _parse(capsys.readouterr().out)
    assert len(list(root.iter("TIMEX3"))) == 1


# --- the manifest's published_time ---------------------------------------------------------------
PUB = dt.date(2024, 12, 13)


def _one(text: str, needle: str, ptime: str | None) -> T.Mention:
    hits = [m for m in T.resolve_text(text, PUB, published_time=ptime) if needle in m.text]
    assert len(hits) == 1
    return hits[0]


@pytest.mark.parametrize(
    ("ptime", "value"), [("14:30+03:00", "2024-12-13T11:30"), ("01:15 UTC", "2024-12-12T22:15"), (None, "")]
)
def test_hours_ago_counts_back_from_the_publication_time(ptime: str | None, value: str) -> None:
    m = _one("Three hours ago the convoy left.", "hours ago", ptime)
    assert (m.value, m.anchor) == (value, "publication")
    assert m.granularity == ("minute" if value else "")


def test_minutes_ago_with_an_approximation_is_one_mention() -> None:
    m = _one("Some 90 minutes ago, the bridge fell.", "ago", "10:00")
    assert (m.text, m.value) == ("Some 90 minutes ago", "2024-12-13T08:30")


@pytest.mark.parametrize(
    ("phrase", "ptime", "value", "end"),
    [
        ("earlier today", "14:30", "2024-12-13T00:00", "2024-12-13T14:30"),
        ("later today", "14:30", "2024-12-13T14:30", "2024-12-13T23:59"),
        ("earlier today", None, "2024-12-13", ""),
    ],
)
def test_earlier_and_later_today_split_the_day_at_the_publication_time(
    phrase: str, ptime: str | None, value: str, end: str
) -> None:
    m = _one(f"The minister spoke {phrase}.", "today", ptime)
    assert (m.value, m.value_end, m.timex_value) == (value, end, "2024-12-13")


@pytest.mark.parametrize(("ptime", "night"), [("01:30", "2024-12-12"), ("18:00", "2024-12-13"), (None, "2024-12-13")])
def test_tonight_in_the_small_hours_is_the_night_under_way(ptime: str | None, night: str) -> None:
    m = _one("Tonight the city is dark.", "Tonight", ptime)
    assert m.value == f"{night}T20:00" and m.granularity == "part-of-day"


def test_published_time_from_the_manifest_reaches_the_resolver(tmp_path: Path) -> None:
    from helpers.corpus.load import load_corpus

    root = make_corpus(tmp_path / "c", {"alpha": "Two hours ago the talks ended."})
    path = root / config.MANIFEST_NAME
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["published_time"] = "09:00+02:00"
    path.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    mentions = T.temporal_mentions(load_corpus(root))
    assert mentions.loc[mentions["text"] == "Two hours ago", "value"].tolist() == ["2024-12-13T07:00"]
