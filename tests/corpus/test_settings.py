"""Tests of a corpus's own settings (event.toml): defaults from the articles, one-line problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import cli, config
from helpers.core.errors import InputError
from helpers.corpus.load import load_corpus
from helpers.corpus.settings import DEFAULT_QUESTION, read_settings


def write(root: Path, text: str) -> Path:
    path = root / config.EVENT_SETTINGS_NAME
    path.write_text(text, encoding="utf-8")
    return path


def problems(root: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        read_settings(root, [pd.Timestamp("2030-05-10")])
    return [str(p) for p in info.value.problems]


def test_the_shipped_corpus_carries_its_settings() -> None:
    corpus = load_corpus()
    s = corpus.settings
    assert s.window[0] <= s.window[1] and s.focus[0] < s.focus[1]
    assert s.topics and "publication" in s.outside_kinds
    assert {"window.start", "focus.label", "topics"} <= s.given


def test_without_a_file_everything_comes_from_the_articles(corpus_copy: Path) -> None:
    corpus = load_corpus(corpus_copy)
    s = corpus.settings
    first, last = corpus["published"].min(), corpus["published"].max()
    assert s.window == (str((first - pd.Timedelta(days=7)).date()), str(last.date()))
    assert s.focus == (f"{first.date()}T00:00", f"{(first + pd.Timedelta(days=1)).date()}T00:00")
    assert s.question == DEFAULT_QUESTION and s.timezone == "UTC"
    assert s.topics == () and s.classroom == {} and s.given == frozenset()
    assert "Assad" not in s.title and "Syria" not in s.title


def test_the_default_title_is_the_corpus_readme_heading(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Intro\n# Floods in the valley\n", encoding="utf-8")
    assert read_settings(tmp_path).title == "Floods in the valley"
    (tmp_path / "README.md").unlink()
    assert tmp_path.name in read_settings(tmp_path).title


def test_a_full_file_is_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        'title = "Floods"\nquestion = "Who said the dam failed?"\ntimezone = "Europe/Rome"\n'
        'topics = ["cause", "toll"]\noutlets = ["Radio Valle"]\n'
        "[window]\nstart = 2030-05-01\nend = 2030-05-09\n"
        '[focus]\nstart = 2030-05-03T20:00:00\nend = 2030-05-04T08:00:00\nlabel = "the night of the flood"\n'
        '[classroom]\nwhose_word = "dam"\ndropped_caveat = ""\n',
    )
    s = read_settings(tmp_path)
    assert (s.title, s.timezone, s.topics, s.outlets) == ("Floods", "Europe/Rome", ("cause", "toll"), ("Radio Valle",))
    assert s.window == ("2030-05-01", "2030-05-09")
    assert s.focus == ("2030-05-03T20:00", "2030-05-04T08:00") and s.focus_label == "the night of the flood"
    assert s.classroom == {"whose_word": "dam"}  # an empty word leaves its exercise out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[window]\nstart = 2030-02-30\nend = 2030-03-01\n", "window.start: not a date"),
        ('[window]\nstart = "soon"\nend = 2030-03-01\n', "window.start: not a date"),
        ("[window]\nstart = 2030-03-01\n", "window.end: missing (a window needs both start and end)"),
        ("[window]\nstart = 2030-03-05\nend = 2030-03-01\n", "window.end: 2030-03-01 is before window.start"),
        ("[focus]\nstart = 2030-03-01T10:00:00\nend = 2030-03-01T10:00:00\n", "focus.end: 2030-03-01T10:00 is not"),
        ("[focus]\nstart = 2030-03-01T10:00:00+02:00\nend = 2030-03-01T12:00:00\n", "must be a local time"),
        ('timezone = "Europe/Lodnon"\n', "timezone: unknown time zone 'Europe/Lodnon' (did you mean 'Europe/London'?)"),
        ('titel = "x"\n', "titel: unknown key (did you mean 'title'?)"),
        ('[window]\nbegin = 2030-03-01\n', "window.begin: unknown key"),
        ('topics = ["Cause of death"]\n', "topics: 'Cause of death' must be lowercase words joined by hyphens"),
        ('topics = "cause"\n', "topics: must be a list of texts"),
        ('title = ""\n', "title: must be a non-empty text in quotes"),
        ("[classroom]\nwhose_word = 3\n", "classroom.whose_word: must be a search word in quotes"),
        ("window = 3\n", "window: must be a table"),
        ('attributions = "wdie"\n', "attributions: must be one of \"speech\", \"wide\" (did you mean 'wide'?)"),
        ("attributions = 1\n", "attributions: must be a non-empty text in quotes"),
        ('title = "unclosed\n', "not valid TOML"),
    ],
)
def test_bad_settings_are_one_line_each(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    found = problems(tmp_path)
    assert len(found) == 1 and found[0].startswith(f"{path}") and message in found[0], found
    assert all("\n" not in p for p in found)


def test_validate_reports_bad_settings_in_one_line_and_fails(corpus_copy: Path, capsys: pytest.CaptureFixture) -> None:
    write(corpus_copy, "[window]\nstart = 2024-13-01\nend = 2024-12-08\n")
    assert cli.main(["validate", str(corpus_copy)]) == 1
    out = capsys.readouterr().out
    assert "event.toml:2: window.start: not a date" in out and "Traceback" not in out


def test_settings_must_be_a_regular_file(corpus_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('title = "x"\n', encoding="utf-8")
    (corpus_copy / config.EVENT_SETTINGS_NAME).symlink_to(outside)
    with pytest.raises(InputError, match="regular file"):
        load_corpus(corpus_copy)


def test_the_settings_steer_topics_and_the_window(corpus_copy: Path) -> None:
    shutil.copy(config.DEFAULT_CORPUS_DIR / config.EVENT_SETTINGS_NAME, corpus_copy)
    shipped = load_corpus(corpus_copy).settings
    assert shipped == load_corpus().settings


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_file_gives_settings_or_one_line_problems(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    root = tmp_path_factory.mktemp("s")
    write(root, text)
    try:
        read_settings(root, [pd.Timestamp("2030-05-10")])
    except InputError as exc:
        assert exc.problems and all("\n" not in str(p) for p in exc.problems)


def test_the_attribution_convention_is_the_published_one_unless_the_corpus_says_speech(tmp_path: Path) -> None:
    assert read_settings(tmp_path).attributions == "wide"  # the published convention by default
    write(tmp_path, 'attributions = "speech"\n')
    assert read_settings(tmp_path).attributions == "speech"
