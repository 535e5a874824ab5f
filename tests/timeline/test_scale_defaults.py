"""Views at scale: outlet lanes past a handful of articles, the busiest stretch, window and focus defaults."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from helpers.corpus.groups import PER_ARTICLE_MAX, TOP_GROUPS, article_groups, top_groups
from helpers.timeline import lanes as TL


def _event(sid: str, value: str, granularity: str = "day", bound: str = "") -> dict:
    return {
        "source_id": sid, "date": value[:10], "date_end": value[:10], "value": value, "value_end": "",
        "granularity": granularity, "bound": bound, "mention": "then", "clause": "it happened then",
    }  # fmt: skip


def test_lanes_are_articles_for_a_handful_and_outlets_past_it() -> None:
    few = [f"a{i}" for i in range(PER_ARTICLE_MAX)]
    groups = pd.Series({s: "Gazette" for s in few})
    assert TL.grouped_lanes(few, groups) == ({s: s for s in few}, few)
    many = [f"a{i}" for i in range(PER_ARTICLE_MAX + 1)]
    lane_of, lanes = TL.grouped_lanes(many, pd.Series({s: "Gazette" if i % 3 else "Post" for i, s in enumerate(many)}))
    assert lanes == ["Gazette", "Post"] and set(lane_of.values()) == {"Gazette", "Post"}


def test_past_the_top_groups_the_rest_are_pooled_and_nothing_is_lost() -> None:
    groups = pd.Series({f"a{i}": f"outlet {i % (TOP_GROUPS + 5)}" for i in range(200)})
    pooled = top_groups(groups)
    assert pooled.nunique() == TOP_GROUPS and len(pooled) == len(groups)
    kept = [g for g in pooled.unique() if not g.startswith("other (")]
    assert len(kept) == TOP_GROUPS - 1 and all((pooled == g).sum() == (groups == g).sum() for g in kept)
    assert groups[pooled.str.startswith("other (")].nunique() == groups.nunique() - len(kept)


def test_article_groups_are_outlets_with_unknown_filled() -> None:
    corpus = pd.DataFrame({"outlet": ["Post", None]}, index=["a", "b"])
    assert list(article_groups(corpus)) == ["Post", "unknown"]


def test_headline_chart_days_are_the_busiest_stretch_past_a_month() -> None:
    days = [str(d.date()) for d in pd.date_range("2024-01-01", "2024-04-30")]
    marks = pd.DataFrame({"day": days + ["2024-03-10"] * 20})
    start, end = TL.busiest_stretch(marks, "2024-01-01", "2024-04-30", days=31)
    assert len(pd.date_range(start, end)) == 31 and start <= "2024-03-10" <= end
    assert TL.busiest_stretch(marks, "2024-01-01", "2024-01-20") == ("2024-01-01", "2024-01-20")


def test_window_and_focus_come_from_event_toml_when_given_else_from_the_events() -> None:
    events = pd.DataFrame(
        [_event("a", "2024-11-08")] * 5
        + [_event("a", "2001-09-11")] * 5  # named often, but years before the coverage
        + [_event("a", f"2024-10-20T{h:02d}:00", "minute") for h in (1, 2, 3)]
        + [_event("b", "2024-10-02T09:00", "minute")]
    )
    published = pd.Series(pd.to_datetime(["2024-10-01", "2024-10-25"]))
    free = SimpleNamespace(given=frozenset(), window=("2024-09-24", "2024-10-25"), focus=("2024-10-01T00:00", ""))
    # the election day after the last article is kept; the anniversary is not the event followed
    assert TL.view_window(events, free, published) == ("2024-09-24", "2024-11-08")
    assert TL.view_focus(events, free) == ("2024-10-20T01:00", "2024-10-21T01:00")
    fixed = SimpleNamespace(
        given=frozenset({"window.start", "window.end", "focus.start", "focus.end"}),
        window=("2024-10-01", "2024-10-02"), focus=("2024-10-01T18:00", "2024-10-02T06:00"),
    )  # fmt: skip
    assert TL.view_window(events, fixed, published) == fixed.window
    assert TL.view_focus(events, fixed) == fixed.focus


def test_the_focus_is_named_as_event_toml_says_or_as_the_busiest_stretch() -> None:
    given = SimpleNamespace(given=frozenset({"focus.start", "focus.end"}), focus_label="the last night")
    assert TL.view_focus_label(given) == "the last night"
    assert TL.view_focus_label(SimpleNamespace(given=frozenset(), focus_label="the first day")) == TL.BUSIEST_LABEL
