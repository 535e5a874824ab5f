"""The day-by-day headline: its tidy table (one row per mark) and the chart drawn from it, on three corpora."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.corpus.load import load_corpus
from helpers.timeline import collapse_chart, collapse_table, events, read_outside
from helpers.timeline import lanes as TC
from helpers.timeline.dated import OUTSIDE_LABEL, PUBLICATION_KIND
from tests.conftest import make_corpus
from tests.timeline.samples import many_events

SECOND = {
    "harbour": (
        "The ferry strike began on Monday, March 3, 2031, when crews walked off at dawn.\n"
        "Talks failed in early March 2031. On March 9, 2031, the union accepted the offer at 10:15 PM."
    ),
    "island": "The port reopened on March 10, 2031, a day after the vote. Queues stretched for hours.",
}
SECOND_OUTSIDE = (
    "date,time_local,event,kind,cited_outlet,title,address,confidence\n"
    "2031-03-03,dawn,Ferry crews walk out at the main harbour,labour,Gazette,,,high\n"
    "2031-03-06,,Minister appoints a mediator (after two days of pressure from the chamber of commerce),"
    "politics,Wire,,,high\n"
    "2031-03-09,22:15,Union accepts the offer,labour,Wire,,,high\n"
    "2031-03-12,,Gazette publishes its account,publication,Gazette,,,high\n"
)


def drawn_texts(fig: object) -> str:
    """Every text written on a figure (axes texts, tick labels, titles), joined for searching."""
    parts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        parts += [t.get_text() for t in ax.texts]
        parts += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        parts.append(ax.get_title(loc="left"))
        legend = ax.get_legend()
        if legend is not None:
            parts += [t.get_text() for t in legend.get_texts()] + [legend.get_title().get_text()]
    return "\n".join(parts)


def check_table(table: pd.DataFrame, ev: pd.DataFrame, outside: pd.DataFrame, start: str, end: str) -> None:
    """What every headline table must hold, whatever the corpus."""
    assert list(table.columns) == TC.COLLAPSE_COLUMNS
    lo, hi = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    inside = outside[(outside["kind"] != PUBLICATION_KIND) & (outside["start"] < hi) & (outside["end"] > lo)]
    marks = table[table["kind"] == "outside"]
    assert sorted(marks["text"]) == sorted(inside["event"])  # every outside event of the window, none other
    assert marks["label_shown"].all() and (marks["label"].str.len() > 0).all()
    assert (marks["lane"] == OUTSIDE_LABEL).all()
    art = table[table["kind"] == "article"]
    assert art["label"].str.len().gt(0).all()
    # a range is a date spanning several days, and every range is labelled on the chart
    multi = {(r.source_id, r.date, r.date_end) for r in ev.itertuples() if r.date != r.date_end}
    ranges = art[art["range"]]
    assert ranges["label_shown"].all()
    assert {(r.lane, str(r.start.date())) for r in ranges.itertuples()} <= {(s, d) for s, d, _ in multi}
    assert not art[~art["range"]]["label_shown"].any()  # single days are counted, not written out
    assert ((table["day"] >= start) & (table["day"] <= end)).all()


def test_shipped_corpus_headline_draws_every_outside_event_and_the_ranges(corpus: pd.DataFrame) -> None:
    settings = corpus.settings
    ev, outside = events(corpus), read_outside(corpus)
    table = collapse_table(ev, outside, *settings.window, sources=list(corpus.index))
    check_table(table, ev, outside, *settings.window)
    assert table["range"].any(), "the shipped articles give ranges ('late November')"
    fig = collapse_chart(table, title=settings.title)
    text = drawn_texts(fig)
    for label in table.loc[table["label_shown"], "label"]:
        assert label in text
    for sid in corpus.index:
        assert sid in text
    counts = table[(table["kind"] == "article") & ~table["range"]].groupby(["lane", "day"]).size()
    assert str(counts.max()) in text  # the busiest day of an article is written as a count


def test_a_second_corpus_gets_its_own_events(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "strike", SECOND)
    (root / "reference").mkdir()
    (root / "reference" / "outside_timeline.csv").write_text(SECOND_OUTSIDE, encoding="utf-8")
    (root / "event.toml").write_text(
        'title = "The ferry strike"\n[window]\nstart = 2031-03-01\nend = 2031-03-11\n', encoding="utf-8"
    )
    corpus = load_corpus(root)
    ev, outside = events(corpus), read_outside(corpus)
    table = collapse_table(ev, outside, *corpus.settings.window, sources=list(corpus.index))
    check_table(table, ev, outside, *corpus.settings.window)
    assert "Gazette publishes its account" not in set(table["text"])  # publications date stories, not events
    assert set(table.loc[table["kind"] == "outside", "category"]) == {"labour", "politics"}
    assert table.loc[table["range"], "label"].tolist() == ["early March 2031"]
    assert "22:15: Union accepts the offer" in set(table["label"])
    mediator = table.loc[table["text"].str.startswith("Minister"), "label"].item()
    assert mediator == "Minister appoints a mediator"  # the aside in brackets is left to the table
    text = drawn_texts(collapse_chart(table, title=corpus.settings.title))
    assert "The ferry strike" in text and "labour" in text and "harbour" in text


def test_without_an_outside_record_the_articles_are_still_drawn() -> None:
    ev, _ = many_events(3)
    table = collapse_table(ev, None, "2031-03-01", "2031-03-12")
    assert (table["kind"] == "article").all() and len(table)
    assert "no reference record" in drawn_texts(collapse_chart(table))


@pytest.mark.parametrize("n", [5, 24])
def test_many_articles_each_get_a_column(n: int) -> None:
    ev, outside = many_events(n)
    table = collapse_table(ev, outside, "2031-03-01", "2031-03-12")
    check_table(table, ev, outside, "2031-03-01", "2031-03-12")
    fig = collapse_chart(table)
    columns = [t.get_text() for t in fig.axes[1].get_xticklabels()]
    assert columns == list(dict.fromkeys(ev["source_id"]))
    assert (table.loc[table["range"], "start"] < pd.Timestamp("2031-03-01")).any()  # clipped, drawn with an arrow
    assert fig.get_figwidth() < 20 and fig.get_figheight() < 15


@given(st.text(min_size=1, max_size=300).filter(str.strip))
def test_short_labels_fit(text: str) -> None:
    label = TC.short_label(text)
    assert 0 < len(label) <= TC.SHORT_LABEL
    if len(" ".join(text.split())) <= TC.SHORT_LABEL:
        assert label == " ".join(text.split())
