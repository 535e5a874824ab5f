"""Issue 31: dates a careful reader gets right in everyday news.

Every sentence here is invented for the test; each case names the error class it guards.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.temporal import resolve as T
from helpers.temporal.context import Article, sentence_tense
from helpers.temporal.reposts import own_date

JULY = dt.date(2024, 7, 15)  # a Monday
FRIDAY = dt.date(2016, 9, 23)


def values(text: str, published: dt.date = JULY) -> dict[str, str]:
    """Mention text → ISO-TimeML value."""
    return {m.text: m.timex_value for m in T.resolve_text(text, published)}


# --- compound and anchored phrases -------------------------------------------------------------
def test_month_with_a_relative_year_is_one_mention() -> None:
    got = values("He left in April last year and returns in March of next year; June this year was dry.")
    assert got == {"April last year": "2023-04", "March of next year": "2025-03", "June this year": "2024-06"}


def test_a_holiday_takes_the_year_of_what_happened_on_it() -> None:
    got = values("The Boxing Day earthquake and tsunami in 2004 was recalled. Christmas Day 2010 was cold.")
    assert got["Boxing Day"] == "2004-12-26" and got["Christmas Day 2010"] == "2010-12-25"


def test_a_holiday_without_a_year_keeps_the_nearest_one() -> None:
    assert values("Shops closed on Boxing Day.", dt.date(2024, 12, 30))["Boxing Day"] == "2024-12-26"


# --- not dates -----------------------------------------------------------------------------------
def test_title_case_fall_in_a_headline_is_no_season() -> None:
    assert values("Two Climbers Killed In Fall On Mountain\nThe pair died on Sunday.") == {"Sunday": "2024-07-14"}


def test_a_season_in_a_sentence_is_still_a_season() -> None:
    assert values("The talks resume in the fall.")["the fall"] == "2024-FA"


def test_numbers_with_units_are_no_years() -> None:
    text = "The plane flew at 2000ft, then 2000 m lower; 1,500 metres away stood 4,000 troops and 2010 votes."
    assert values(text) == {}


def test_names_with_today_or_this_morning_are_no_dates() -> None:
    got = values("A reporter for USA Today said so. He told CBS This Morning on Monday.\nToday we vote.")
    assert got == {"Monday": "2024-07-15", "Today": "2024-07-15"}


# --- tense and reporting frame ------------------------------------------------------------------
def test_sentence_tense() -> None:
    cases = {
        "He rear-ended a truck on June 8.": "past",
        "The two meet Monday at Hofstra.": "present",
        "Trump has complimented the moderator of Monday night's debate.": "present",
        "The board will vote on Monday.": "future",
        "Bush says Monday that it is fine.": "reporting",
    }
    for text, tense in cases.items():
        assert sentence_tense(Article(text), text.index(re.findall(r"June|Monday", text)[0])) == tense, text


def test_a_weekday_the_story_tells_as_coming_is_coming_in_present_sentences() -> None:
    text = (
        "Trump has praised the moderator of Monday night's first debate.\n"
        "The two meet Monday at Hofstra.\nTrump will use Monday's encounter to make news."
    )
    got = [(m.text, m.timex_value) for m in T.resolve_text(text, FRIDAY)]
    assert got == [("Monday night", "2016-09-26TNI"), ("Monday", "2016-09-26"), ("Monday", "2016-09-26")]


def test_a_weekday_in_a_past_sentence_stays_past_in_a_coming_frame() -> None:
    text = "They will meet on Monday.\nStocks fell Monday after the report."
    assert [m.timex_value for m in T.resolve_text(text, FRIDAY)] == ["2016-09-26", "2016-09-19"]


def test_a_weekday_without_a_coming_frame_is_the_last_one() -> None:
    assert values("The firm's shares rose before Friday's purchases.", dt.date(2016, 9, 26)) == {"Friday": "2016-09-23"}


def test_a_past_sentence_moves_a_far_year_less_date_back() -> None:
    # published in January: 'June 8' nearest is next June, but the sentence is told in the past
    got = values("A driver rear-ended a truck on June 8 near the bridge.", dt.date(2025, 1, 10))
    assert got == {"June 8": "2024-06-08"}


def test_a_coming_payment_in_a_past_sentence_keeps_the_nearest_year() -> None:
    got = values("The company declared a dividend, payable Jan. 2 to holders.", dt.date(1989, 11, 2))
    assert got == {"Jan. 2": "1990-01-02"}


# --- event-anchored relatives -------------------------------------------------------------------
def test_event_anchored_phrases_count_from_the_last_resolved_date() -> None:
    text = (
        "The quake struck on June 8.\nA day after the quake, rescuers arrived.\n"
        "Two months before the quake, experts warned."
    )
    got = [(m.text, m.value, m.anchor, m.anchor_value) for m in T.resolve_text(text, JULY)]
    assert got == [
        ("June 8", "2024-06-08", "publication", "2024-07-15"),
        ("A day after", "2024-06-09", "narrative", "2024-06-08"),
        ("Two months before", "2024-04", "narrative", "2024-06"),
    ]


def test_on_the_day_and_earlier_in_the_day_are_the_story_day() -> None:
    text = "Polls opened on 4 July 2024. On the day, queues formed. Earlier in the day, it rained."
    got = values(text)
    assert got["On the day"] == "2024-07-04" and got["Earlier in the day"] == "2024-07-04"


def test_on_the_day_of_an_event_is_not_the_story_day() -> None:
    assert "on the day" not in {k.lower() for k in values("Polls opened on 4 July 2024. He voted on the day of it.")}


def test_an_event_anchored_phrase_with_nothing_before_stays_unresolved() -> None:
    (m,) = T.resolve_text("A day after the vote, he left.", JULY)
    assert m.value == "" and m.anchor == "narrative"


# --- reposts and datelines ----------------------------------------------------------------------
def test_a_repost_anchors_on_the_text_own_date() -> None:
    text = "Council story\nOriginally published on March 3, 2021.\nThe council met on Tuesday."
    got = {m.text: m.value for m in T.resolve_text(text, dt.date(2024, 5, 1))}
    assert got["Tuesday"] == "2021-03-02"


def test_a_dateline_earlier_than_publication_anchors_the_story() -> None:
    text = "Headline\n\nHEMPSTEAD, N.Y., Sept. 20 (UPI) — She left on Monday afternoon."
    assert own_date(text, dt.date(2016, 9, 26)) == (dt.date(2016, 9, 20), "dateline: HEMPSTEAD, N.Y., Sept. 20 (UPI) —")
    assert values(text, dt.date(2016, 9, 26))["Monday afternoon"] == "2016-09-19TAF"


def test_a_dateline_on_the_publication_day_changes_nothing() -> None:
    assert own_date("HEMPSTEAD, N.Y., Sept. 26 (UPI) — text", dt.date(2016, 9, 26)) is None


def test_publication_dependence_names_the_own_date_and_the_language() -> None:
    corpus = pd.DataFrame(
        {
            "text": [
                "Originally published on March 3, 2021.\nThe council met on Tuesday and voted.",
                "Le conseil s'est réuni mardi et a voté contre le projet de loi présenté par le gouvernement.",
            ],
            "published": pd.to_datetime(["2024-05-01", "2024-05-01"]),
            "published_basis": ["stated", "stated"],
        },
        index=pd.Index(["en", "fr"], name="source_id"),
    )
    mentions = T.temporal_mentions(corpus)
    dep = T.publication_dependence(mentions, corpus)
    assert dep.loc["en", "anchored instead on"].startswith("2021-03-03 (text says: Originally published")
    assert list(dep["language"]) == ["en", "fr"]
    fr = mentions[mentions["source_id"] == "fr"]
    assert list(fr["type"]) == ["not_analysed"] and list(fr["text"]) == ["fr"]


# --- bad input ----------------------------------------------------------------------------------
def test_malformed_and_far_future_dates_give_no_value_and_no_traceback() -> None:
    got = values("It was 31 February. In the year 20000 on 99/99/9999 and 2024-13-45 nothing.")
    assert got == {"31 February": "", "2024": "2024"}  # the malformed ISO date keeps only its year


def test_five_thousand_numbers() -> None:
    rng = random.Random(1)
    text = " ".join(str(rng.randint(1, 30000)) for _ in range(5000))
    for m in T.resolve_text(text, JULY):
        assert m.text == text[m.start : m.end]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet='ab "“”\n', max_size=60), st.integers(min_value=0, max_value=60))
def test_quotation_look_up_agrees_with_a_scan(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    article = Article(text)
    seg = text[article.para_starts[article.para(pos)] : pos]
    assert article.in_quotes(pos) == (seg.count('"') % 2 == 1 or seg.rfind("“") > seg.rfind("”"))


def test_the_second_day_of_a_range_is_its_own_mention() -> None:
    got = [(m.text, m.timex_value) for m in T.resolve_text("Polled Sept. 19 to 22; talks ran March 3-5, 2021.", FRIDAY)]
    assert got == [("Sept. 19", "2016-09-19"), ("22", "2016-09-22"), ("March 3", "2021-03-03"), ("5", "2021-03-05"),
                   ("2021", "2021")]  # fmt: skip


def test_a_range_into_a_clock_time_or_a_percentage_is_no_range() -> None:
    assert [m.text for m in T.resolve_text("On March 3 to 4 pm he spoke; from June 1 to 2 percent.", FRIDAY)] == [
        "March 3",
        "4 pm",
        "June 1",
    ]
