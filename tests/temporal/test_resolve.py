"""Tests of the temporal-expression finder and resolver, the gold file and the evaluation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.errors import InputError
from helpers.temporal import gold as G
from helpers.temporal import resolve as T
from helpers.temporal import values as V

PUB = dt.date(2024, 12, 13)  # a Friday


def resolve(text: str, published: dt.date | None = PUB, genre: str = "news") -> list[T.Mention]:
    """Resolve and check the offsets of every mention as a side effect."""
    mentions = T.resolve_text(text, published, genre=genre)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return mentions


def one(text: str, needle: str, published: dt.date | None = PUB, genre: str = "news") -> T.Mention:
    """The mention whose text contains ``needle``."""
    hits = [m for m in resolve(text, published, genre) if needle in m.text]
    assert len(hits) == 1, [m.text for m in resolve(text, published, genre)]
    return hits[0]


# --- explicit dates ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "anchor"),
    [
        ("Damascus fell on December 8, marking the end.", "2024-12-08", "publication"),
        ("It happened on Dec. 8, 2024 in Damascus.", "2024-12-08", "absolute"),
        ("A tweet dated December 12, 2024 was embedded.", "2024-12-12", "absolute"),
        ("He left on 8 December 2024.", "2024-12-08", "absolute"),
        ("On Sunday, December 8, Assad departed.", "2024-12-08", "publication"),
    ],
)
def test_explicit_dates(text: str, value: str, anchor: str) -> None:
    m = resolve(text)[0]
    assert (m.type, m.value, m.granularity, m.anchor) == ("date", value, "day", anchor)


def test_yearless_date_takes_the_year_nearest_publication() -> None:
    assert one("It began on December 30.", "December", dt.date(2025, 1, 3)).value == "2024-12-30"


def test_weekday_contradicting_the_date_is_left_unresolved() -> None:
    m = one("On Monday, December 8, 2024, he spoke.", "December")
    assert m.value == ""


def test_may_the_verb_is_not_a_month() -> None:
    assert resolve("They may leave. Officials march on.") == []


# --- weekdays ----------------------------------------------------------------------------------
def test_weekday_resolves_near_the_narrative_date_not_the_publication_week() -> None:
    text = "The city fell on December 8.\n\nHis brother warned his people on Saturday afternoon to flee."
    m = one(text, "Saturday", dt.date(2024, 12, 20))
    assert (m.value, m.value_end, m.anchor, m.anchor_value) == (
        "2024-12-07T12:00",
        "2024-12-07T18:00",
        "narrative",
        "2024-12-08",
    )


def test_weekday_without_narrative_date_is_the_last_one_before_publication() -> None:
    m = one("On Saturday, he told his office manager he was going home.", "Saturday")
    assert (m.value, m.anchor, m.anchor_value) == ("2024-12-07", "publication", "2024-12-13")


def test_weekday_of_a_reported_statement_is_anchored_to_publication() -> None:
    text = "He travelled on November 28. The Kremlin spokesman informed reporters on Wednesday that Ukraine came first."
    m = one(text, "Wednesday")
    assert (m.type, m.value, m.anchor) == ("deictic", "2024-12-11", "publication")


def test_reported_statement_does_not_move_the_narrative() -> None:
    text = "He travelled on November 28. A spokesman said on Wednesday it was over. Two days later, he flew back."
    assert one(text, "Two days later").value == "2024-11-30"


def test_weekday_halfway_between_two_weeks_is_left_unresolved() -> None:
    # narrative mode: 4 Dec 2024 is a Wednesday, Saturday is 3 days ahead or 4 days back
    text = "Talks were held on December 4. On Saturday he left."
    assert one(text, "Saturday", genre="narrative").value == ""
    # news mode: the Saturday before publication (Friday 13 December)
    assert one(text, "Saturday").value == "2024-12-07"


def test_weekday_without_any_anchor_is_left_unresolved() -> None:
    assert one("On Saturday he left.", "Saturday", None).value == ""


def test_weekday_after_publication_is_not_chosen() -> None:
    # narrative 12 Dec (Thursday); nearest Saturday would be 14 Dec, after publication on 13 Dec
    m = one("Envoys met on December 12. On Saturday he had already left.", "Saturday")
    assert m.value == "2024-12-07"


@given(st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)), st.integers(-2, 2))
def test_weekday_near_the_narrative_date_is_never_in_the_wrong_week(day: dt.date, offset: int) -> None:
    target = day + dt.timedelta(days=offset)
    name = target.strftime("%A")
    text = f"It began on {day.strftime('%B')} {day.day}, {day.year}. On {name} the talks failed."
    m = one(text, name, None)
    assert m.value == target.isoformat()


@given(st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)), st.integers(0, 6), st.dates())
def test_nearest_weekday_properties(anchor: dt.date, weekday: int, not_after: dt.date) -> None:
    got = V.nearest_weekday(anchor, weekday, not_after=not_after)
    if got is not None:
        assert got.weekday() == weekday
        assert abs((got - anchor).days) <= 6
        assert got <= not_after
    if not_after >= anchor + dt.timedelta(days=6) and got is not None:
        assert abs((got - anchor).days) <= 2


def test_weekday_on_or_before() -> None:
    assert V.weekday_on_or_before(PUB, 5) == dt.date(2024, 12, 7)
    assert V.weekday_on_or_before(PUB, 4) == PUB


# --- clock times and parts of the day ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "needle", "value"),
    [
        ("A call on Saturday night at 10:30 PM ended it.", "10:30", "2024-12-07T22:30"),
        ("He phoned at 10.30pm on December 7.", "10.30pm", "2024-12-07T22:30"),
        ("They waited until 4am on December 8.", "4am", "2024-12-08T04:00"),
        ("At around 11pm on December 7, the posts were empty.", "11pm", "2024-12-07T23:00"),
        ("At 11 p.m. on December 7 the guards left.", "p.m.", "2024-12-07T23:00"),
        ("Talks resumed at 14:30 on December 5.", "14:30", "2024-12-05T14:30"),
        ("He left on Saturday night at 1am.", "1am", "2024-12-08T01:00"),
    ],
)
def test_clock_times(text: str, needle: str, value: str) -> None:
    m = one(text, needle)
    assert (m.type, m.value, m.granularity) == ("time", value, "minute")


def test_midnight_after_an_evening_time_is_the_next_day() -> None:
    text = "At 11pm on December 7 the house was empty. By midnight, he was on the road."
    m = one(text, "midnight")
    assert (m.value, m.anchor) == ("2024-12-08T00:00", "narrative")


def test_bare_clock_time_without_narrative_is_unresolved() -> None:
    assert one("By midnight, he was gone.", "midnight").value == ""


@pytest.mark.parametrize(
    ("text", "needle", "start", "end"),
    [
        (
            "On December 8 he fled. He told a manager on Saturday evening.",
            "evening",
            "2024-12-07T18:00",
            "2024-12-07T22:00",
        ),
        ("He left in the early hours of Sunday.", "Sunday", "2024-12-08T00:00", "2024-12-08T06:00"),
        ("He tried again at dawn on Sunday.", "dawn", "2024-12-08T04:30", "2024-12-08T06:30"),
        ("On December 7 the city held. In the night the army folded.", "night", "2024-12-07T20:00", "2024-12-08T06:00"),
    ],
)
def test_parts_of_day_are_ranges(text: str, needle: str, start: str, end: str) -> None:
    m = one(text, needle)
    assert (m.type, m.value, m.value_end, m.granularity) == ("part_of_day", start, end, "part-of-day")


def test_dawn_after_a_late_call_is_the_next_morning() -> None:
    text = "They spoke at 10.30pm on December 7. His calls at dawn went unanswered."
    assert one(text, "dawn").value == "2024-12-08T04:30"


def test_night_time_adjective_is_not_a_mention() -> None:
    assert resolve("They traded tales of their night-time escape.") == []


# --- relative expressions ----------------------------------------------------------------------
def test_chain_of_relative_expressions() -> None:
    text = "Envoys met on December 2. Four days later, the city fell. The next day, talks collapsed."
    assert one(text, "Four days later").value == "2024-12-06"
    assert one(text, "next day").value == "2024-12-07"


def test_relative_range() -> None:
    text = "He met them on December 1. Three or four days later he flew out."
    m = one(text, "days later")
    assert (m.value, m.value_end) == ("2024-12-04", "2024-12-05")


def test_relative_hours_from_a_clock_time() -> None:
    text = "At 10pm on December 7 he dined. Two hours later he was gone."
    assert one(text, "hours later").value == "2024-12-08T00:00"


def test_relative_in_apposition_takes_the_explicit_date() -> None:
    text = "Assad travelled to Moscow on November 28, just a day after rebels launched an offensive."
    m = one(text, "a day after")
    assert (m.value, m.anchor) == ("2024-11-28", "narrative")


def test_relative_followed_by_apposition() -> None:
    text = (
        "He flew on November 28. A spokesman said on Wednesday it was over.\n"
        "Four days following that trip, on December 2, envoys met."
    )
    assert one(text, "following that trip").value == "2024-12-02"


def test_relative_to_an_undated_event_is_unresolved() -> None:
    text = "Damascus fell on December 8. Three or four days before leaving Damascus, he sent a message."
    assert one(text, "days before").value == ""


def test_relative_whose_anchor_is_paragraphs_away_is_unresolved() -> None:
    text = (
        "He fled on December 8.\n\nLong before that, rebels marched.\n\nHe went to Moscow.\n\n"
        "Four days later, envoys came."
    )
    assert one(text, "Four days later").value == ""


@pytest.mark.parametrize("phrase", ["Hours before", "only hours later", "Not long after", "the days preceding"])
def test_vague_relatives_are_found_but_unresolved(phrase: str) -> None:
    m = one(f"On December 7 it went quiet. {phrase} his exit, nobody knew.", phrase)
    assert (m.type, m.value) == ("relative", "")


# --- deictic expressions -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "value", "value_end", "granularity"),
    [
        ("last week", "2024-12-09", "2024-12-15", "week"),
        ("this week", "2024-12-16", "2024-12-22", "week"),
        ("earlier this month", "2024-12", "", "month"),
        ("over the weekend", "2024-12-14", "2024-12-15", "day"),
        ("yesterday", "2024-12-19", "", "day"),
        ("three days ago", "2024-12-17", "", "day"),
        ("last year", "2023", "", "year"),
    ],
)
def test_deictic_expressions_use_publication(phrase: str, value: str, value_end: str, granularity: str) -> None:
    m = one(f"He said {phrase} that it was over.", phrase.split()[-1], dt.date(2024, 12, 20))
    assert (m.value, m.value_end, m.granularity, m.anchor) == (value, value_end, granularity, "publication")


def test_deictic_without_publication_is_unresolved() -> None:
    assert one("He said last week that it was over.", "week", None).value == ""


def test_tomorrow_in_quoted_speech_is_the_day_after_the_narrative() -> None:
    text = "They spoke on Saturday night at 10:30 PM. Assad replied: “Tomorrow, we will see.”"
    m = one(text, "Tomorrow")
    assert (m.value, m.anchor) == ("2024-12-08", "narrative")


def test_tomorrow_outside_quotes_is_the_day_after_publication() -> None:
    assert one("The council meets tomorrow.", "tomorrow").value == "2024-12-14"


# --- years, months, durations ------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value"), [("Russia intervened in 2015.", "2015"), ("rule since 1971.", "1971")])
def test_years(text: str, value: str) -> None:
    m = resolve(text)[0]
    assert (m.type, m.value, m.granularity, m.anchor) == ("year", value, "year", "absolute")


def test_digits_in_a_link_are_not_a_year() -> None:
    assert resolve("See https://t.co/R6Ck2015x and t.co/2019") == []


def test_months() -> None:
    m = one("He tried, most recently in July.", "July", dt.date(2024, 12, 20))
    assert (m.value, m.granularity, m.anchor) == ("2024-07", "month", "publication")
    m = one("Meetings in late November and early December.", "late")
    assert (m.value, m.value_end) == ("2024-11-21", "2024-11-30")
    assert one("Meetings in late November and early December.", "early").value == "2024-12-01"
    assert one("It was signed in March 2011.", "March").value == "2011-03"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the end of his 24-year rule", "P24Y"),
        ("the 13-year civil war", "P13Y"),
        ("the 13-year-civil war", "P13Y"),
        ("his family's half-century grip", "P50Y"),
        ("the family's five-decade rule", "P50Y"),
        ("it took just 10 days", "P10D"),
        ("there for several weeks", "PXW"),
        ("after decades of rule", "PXDE"),
        ("for nearly a decade", "P10Y"),
        ("his 23-year-old son", "P23Y"),
        ("a 48-hour truce", "PT48H"),
    ],
)
def test_durations_are_kept_as_durations(text: str, value: str) -> None:
    ms = resolve(text)
    assert [(m.type, m.value, m.granularity) for m in ms] == [("duration", value, "duration")]


def test_a_second_bout_is_not_a_duration() -> None:
    assert resolve("treatment for a second bout of cancer") == []


# --- properties: offsets, round trips ----------------------------------------------------------
@settings(max_examples=150)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.integers(0, 100))
def test_any_month_day_resolves_to_itself(day: dt.date, days_after: int) -> None:
    text = f"It happened on {day.strftime('%B')} {day.day}, they said."
    m = one(text, day.strftime("%B"), day + dt.timedelta(days=days_after))
    assert m.value == day.isoformat()


@given(st.dates(dt.date(1800, 1, 1), dt.date(2099, 12, 31)))
def test_any_full_date_resolves_to_itself(day: dt.date) -> None:
    text = f"Dated {day.strftime('%B')} {day.day}, {day.year}."
    m = one(text, str(day.year), None)
    assert (m.value, m.anchor) == (day.isoformat(), "absolute")


_WORDS = st.sampled_from(
    ["on", "Saturday", "night", "at", "10:30", "PM", "December", "8,", "2024", "four", "days", "later", "the",
     "early", "hours", "of", "Sunday", "“Tomorrow,", "”", "last", "week", "24-year", "rule", "in", "2015", "\n",
     "dawn", "midnight", "a", "day", "after", "several", "weeks", "ago", "May", "may", ".", "half-century"]
)  # fmt: skip


@settings(max_examples=200)
@given(st.lists(_WORDS, max_size=40), st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1))))
def test_offsets_always_slice_to_the_mention(words: list[str], published: dt.date | None) -> None:
    text = " ".join(words)
    mentions = T.resolve_text(text, published)
    ends = -1
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.start >= ends  # sorted, non-overlapping
        ends = m.end
        assert m.granularity in G.GRANULARITIES and m.anchor in G.ANCHORS and m.type in G.TYPES
        if m.value_end:
            assert m.value_end >= m.value


# --- corpus, gold, evaluation ------------------------------------------------------------------
def test_temporal_mentions_table(corpus: pd.DataFrame) -> None:
    table = T.temporal_mentions(corpus)
    assert list(table.columns) == list(T.MENTION_COLUMNS)
    assert set(table["source_id"]) <= set(corpus.index)
    for row in table.itertuples():
        assert corpus.loc[row.source_id, "text"][row.start : row.end] == row.text


@pytest.fixture(scope="module")
def gold(corpus: pd.DataFrame) -> pd.DataFrame:
    return G.read_gold(G.gold_path(corpus), corpus)


def test_gold_offsets_match_the_text(corpus: pd.DataFrame, gold: pd.DataFrame) -> None:
    assert len(gold) > 0
    for row in gold.itertuples():
        assert corpus.loc[row.source_id, "text"][row.start : row.end] == row.text


def test_resolver_meets_the_target_on_the_gold(corpus: pd.DataFrame, gold: pd.DataFrame) -> None:
    scores = G.evaluate(T.temporal_mentions(corpus), gold)
    assert scores.loc["all", "recall"] >= 0.9
    assert scores.loc["all", "weekday_wrong_week"] == 0
    assert scores.loc["all", "wrong"] == 0


def test_evaluate_counts_wrong_week_and_spurious() -> None:
    gold = pd.DataFrame(
        [{"source_id": "a", "start": 3, "end": 11, "text": "Saturday", "value": "2024-12-07", "value_end": "",
          "granularity": "day", "anchor": "narrative", "note": ""}]
    )  # fmt: skip
    system = pd.DataFrame(
        [{"source_id": "a", "start": 3, "end": 11, "text": "Saturday", "type": "weekday", "value": "2024-12-14",
          "value_end": "", "granularity": "day", "anchor": "publication", "anchor_value": ""},
         {"source_id": "a", "start": 20, "end": 24, "text": "2015", "type": "year", "value": "2015",
          "value_end": "", "granularity": "year", "anchor": "absolute", "anchor_value": ""}]
    )  # fmt: skip
    row = G.evaluate(system, gold).loc["a"]
    assert (row["correct"], row["wrong"], row["spurious"], row["weekday_wrong_week"]) == (0, 1, 1, 1)
    assert row["precision"] == 0 and row["recall"] == 0


def test_bad_gold_file_names_the_line(tmp_path: Path, corpus: pd.DataFrame) -> None:
    path = tmp_path / "temporal.csv"
    path.write_text(
        "source_id,start,end,text,type,value,value_end,granularity,anchor,note\n"
        "ft,0,5,Hello,date,2024-12-07,,day,absolute,\n"
        "fts,0,5,Hello,date,,,,,\n"
        "ft,0,2,On,dates,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        G.read_gold(path, corpus)
    msg = str(err.value)
    assert "temporal.csv:2: text 'Hello' does not match" in msg
    assert "temporal.csv:3: unknown source_id 'fts' (did you mean 'ft'?)" in msg
    assert "temporal.csv:4: type 'dates'" in msg and "did you mean 'date'" in msg


# --- coverage rules measured on outside news (quarters, spelled years, periods ended) -------------
EARNINGS = dt.date(1989, 11, 2)


def test_year_ago_comparisons_do_not_become_the_reports_quarter() -> None:
    text = (
        "Net rose 12% in the third quarter from a year earlier. Sales were flat a year earlier. "
        "In the latest quarter, costs fell."
    )
    values = {m.text: m.timex_value for m in resolve(text, EARNINGS)}
    assert values["the third quarter"] == "1989-Q3"
    assert values["a year earlier"] == "1988-Q3"  # both comparisons: the same year-ago quarter
    assert values["the latest quarter"] == "1989-Q3"


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("It earned $3 million in the 1988 quarter.", "the 1988 quarter", "1988-Q3"),
        ("It could start as early as next year's first quarter.", "next year's first quarter", "1990-Q1"),
        ("Sales for last year's quarter were $3 million.", "last year's quarter", "1988-Q3"),
        ("Income fell from the corresponding period last year.", "the corresponding period last year", "1988-Q3"),
        ("In the comparable year-ago quarter it lost money.", "the comparable year-ago quarter", "1988-Q3"),
    ],
)
def test_named_quarters(text: str, phrase: str, value: str) -> None:
    m = one(text, phrase.split()[-1], EARNINGS)
    assert (m.text, m.timex_value) == (phrase, value)


def test_a_yearless_date_closing_a_period_lies_before_publication() -> None:
    assert one("Revenue was $76 million for the year ended March 31.", "March", EARNINGS).value == "1989-03-31"
    assert one("The offer expires March 31.", "March", EARNINGS).value == "1990-03-31"  # nearest, as before


@pytest.mark.parametrize(
    ("text", "year"),
    [("In nineteen ninety-one he was convicted.", "1991"), ("by the year two thousand", "2000")],
)
def test_years_in_words(text: str, year: str) -> None:
    m = resolve(text)[0]
    assert (m.type, m.value, m.anchor) == ("year", year, "absolute")


def test_noon_is_not_read_inside_afternoon() -> None:
    assert not [m for m in resolve("By mid-afternoon, shares were up.") if "noon" in m.text.lower()]


def test_abbreviations_do_not_end_the_sentence_that_points_forward() -> None:
    """'will' before 'U.S.' still governs a weekday after it: the full stops of 'U.S.' end no sentence."""
    assert one("Talks will resume with U.S. envoys on Monday.", "Monday").value == "2024-12-16"
    assert one("Talks resumed. U.S. envoys met on Monday.", "Monday").value == "2024-12-09"
