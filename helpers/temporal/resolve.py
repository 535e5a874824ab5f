"""Resolution of temporal expressions: each found span gets an ISO value and its anchor.

The walk over an article is here; the resolvers of each kind of span are in :mod:`.points`,
:mod:`.deictic`, :mod:`.relative` and :mod:`.periods`, sharing :mod:`.context`.

Conventions. Values are ISO 8601 in the story's local time, without an offset suffix: ``2024``
(year), ``2024-12`` (month), ``2024-12-09``/``2024-12-15`` (week, as a Monday–Sunday range),
``2024-12-07`` (day), ``2024-12-07T18:00``/``2024-12-07T22:00`` (part of day, as a range),
``2024-12-07T22:30`` (minute), ``P24Y``/``PXW`` (duration; ``X`` is an unstated quantity).
``anchor`` says what a value was resolved against: ``absolute`` (the text names the year),
``publication`` (the article's ``published`` date), ``narrative`` (the last resolved date before
the mention). Expressions whose anchor cannot be found safely are left unresolved, not guessed.

Modes (``genre``). ``news``: weekdays and deictic phrases anchor on publication, forward when the
wording says so ("will", "next", "until"). ``narrative`` (histories): year-less dates, months and
counted phrases take the story's last mentioned year and month. ``timex_value``/``timex_type``
give the ISO-TimeML reading (:mod:`helpers.temporal.values`); the other value columns keep the
concrete ranges, which the timeline uses.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace

import pandas as pd

from helpers.core.language import is_analysed, language_of
from helpers.temporal.context import Article, State, is_future
from helpers.temporal.deictic import resolve_deictic
from helpers.temporal.grammar import Found, find_spans
from helpers.temporal.lexicon import WEEKDAYS
from helpers.temporal.mention import GENRES, MENTION_COLUMNS, NOT_ANALYSED, Mention, mentions_frame
from helpers.temporal.periods import resolve_period
from helpers.temporal.points import resolve_month, resolve_point
from helpers.temporal.relative import apposed, resolve_duration, resolve_relative
from helpers.temporal.reposts import own_date
from helpers.temporal.values import (
    clock_text,
    timex,
)


def _with_timex(m: Mention) -> Mention:
    """``m`` with its ISO-TimeML value and type filled in (kept when the resolver set them)."""
    if m.timex_value:
        return m
    value, typ = timex(m)
    return replace(m, timex_value=value, timex_type=typ)


def resolve_text(
    text: str,
    published: dt.date | pd.Timestamp | None = None,
    genre: str = "news",
    published_time: str | None = None,
) -> list[Mention]:
    """Find and resolve every temporal expression of one article, in text order.

    ``genre`` picks the anchoring (:data:`GENRES`): ``news`` anchors weekdays and relative
    phrases on publication, ``narrative`` on the story's last mentioned time.
    """
    if genre not in GENRES:
        raise ValueError(f"genre {genre!r} is not one of {', '.join(GENRES)}")
    pub = pd.Timestamp(published).date() if published is not None and not pd.isna(published) else None
    own = own_date(text, pub)
    if own is not None:  # a repost or a dated dispatch: its weekdays and 'yesterday' are the text's own
        pub, published_time = own[0], None
    article = Article(text)
    founds = find_spans(text)
    state = State(published=pub, genre=genre, published_time=clock_text(published_time))
    mentions = [Mention(f.start, f.end, text[f.start : f.end], f.kind) for f in founds]
    state.future_weekdays = frozenset(
        WEEKDAYS.index(f.groups["wd_"].capitalize())
        for f in founds
        if f.kind == "point" and f.groups.get("wd_") and is_future(article, f.start)
    )
    # explicit dates first: relative phrases may stand in apposition to the next one
    for i, f in enumerate(founds):
        if f.kind == "point" and (f.groups.get("mon") or f.groups.get("mon2")):
            mentions[i] = resolve_point(f, mentions[i], state, article)
    for i, f in enumerate(founds):
        m = mentions[i]
        if f.kind == "point":
            m = resolve_point(f, m, state, article)
        elif f.kind == "month":
            m = resolve_month(f, m, state, article)
        elif f.kind == "year":
            m = replace(m, type="year", value=f"{int(f.groups['year']):04d}", granularity="year", anchor="absolute")
            state.story_year, state.story_month = int(f.groups["year"]), None
        elif f.kind == "deictic":
            m = resolve_deictic(f, m, state, article)
        elif f.kind == "relative":
            m = resolve_relative(f, m, state, article, apposed(i, mentions, founds, text))
        elif f.kind == "duration":
            m = resolve_duration(f, m)
        else:
            m = resolve_period(f, m, state, article)
        mentions[i] = m
        # comparisons ('a year earlier', 'the 1988 period') are not the report's own quarter
        comparison = any(f.groups.get(k) for k in ("ya", "qlast", "qago", "qyear")) or "year-" in m.text.lower()
        if re.fullmatch(r"\d{4}-Q[1-4]", m.timex_value) and not comparison:
            state.quarter = (int(m.timex_value[:4]), int(m.timex_value[-1]))
        _advance(state, m, article, f)
    return [_with_timex(m) for m in mentions]


def _advance(state: State, m: Mention, article: Article, f: Found) -> None:
    """Move the narrative date to a resolved point mention (not reporting days, not quoted speech)."""
    one_year = not m.value_end or m.value_end[:4] == m.value[:4]
    story = m.anchor == "absolute" or (state.genre == "narrative" and m.anchor == "narrative")
    if m.value and m.type != "duration" and m.value[:4].isdigit() and one_year and story:
        state.story_year = int(m.value[:4])
        state.story_month = int(m.value[5:7]) if len(m.value) >= 7 and m.value[5:7].isdigit() else None
    if not m.value or m.granularity not in ("day", "part-of-day", "minute"):
        return
    if m.anchor == "publication" and m.type == "deictic" and "weekend" not in m.text.lower():
        return
    if m.type == "deictic" and article.in_quotes(f.start):
        return
    start = dt.date.fromisoformat(m.value[:10])
    if m.value_end and m.granularity == "day" and (dt.date.fromisoformat(m.value_end[:10]) - start).days > 1:
        return
    time = dt.time.fromisoformat(m.value[11:16]) if len(m.value) > 10 else None
    state.narrative = (start, time, article.para(f.start))


def temporal_mentions(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every temporal expression of every article, resolved against its ``published`` date.

    The manifest's optional ``genre`` and ``published_time`` columns pick the anchoring mode and
    refine same-day expressions (absent: news, no time). An article in a language the finder does
    not read gets one row of type ``not_analysed`` whose ``text`` is its language code, so that
    "no dates" is never read as a finding.
    """
    frames = [
        mentions_frame(
            str(sid),
            resolve_text(
                row.text,
                row.published,
                genre=str(getattr(row, "genre", "") or "news"),
                published_time=str(getattr(row, "published_time", "") or "") or None,
            )
            if is_analysed(row.text)
            else [not_analysed(row.text)],
        )
        for sid, row in corpus.iterrows()
    ]
    if not frames:
        return pd.DataFrame(columns=list(MENTION_COLUMNS))
    out = pd.concat(frames, ignore_index=True)
    return out.astype({"start": int, "end": int})


@functools.lru_cache(maxsize=4)
def _article(text: str) -> Article:
    """The paragraph and quotation look-ups of a text, kept for the next calls on the same text."""
    return Article(text)


def not_analysed(text: str) -> Mention:
    """The row standing for an article not analysed: type ``not_analysed``, its language code as ``text``."""
    return Mention(0, 0, language_of(text), NOT_ANALYSED)


def quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside quoted speech within its paragraph (dates there belong to the speech)."""
    return _article(text).in_quotes(pos)


def publication_dependence(mentions: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Per article: its publication date and basis, and which resolved mentions lean on that date.

    Deictic phrases ('last week', 'on Wednesday' of a statement) and year-less dates move with
    the publication date, so an inferred date makes them inferred too. ``anchored instead on``
    names the text's own date and why, for a repost or a dated dispatch (:mod:`.reposts`);
    ``language`` says which articles were read at all (only English is).
    """
    from helpers.corpus.load import is_inferred

    rows = []
    for sid, row in corpus.iterrows():
        mine = mentions[
            (mentions["source_id"] == sid) & (mentions["anchor"] == "publication") & (mentions["value"] != "")
        ]
        deictic = mine[mine["type"].isin(["deictic", "weekday"])]
        own = own_date(row["text"], row["published"].date()) if is_analysed(row["text"]) else None
        rows.append(
            {
                "source_id": sid,
                "published": row["published"].strftime("%Y-%m-%d"),
                "date basis": "inferred" if is_inferred(row["published_basis"]) else "stated",
                "resolved against publication": len(mine),
                "of which weekdays and deictic phrases": ", ".join(
                    f"'{t}' → {v}" for t, v in zip(deictic["text"], deictic["value"], strict=True)
                ),
                "anchored instead on": f"{own[0].isoformat()} ({own[1]})" if own else "",
                "language": language_of(row["text"]),
            }
        )
    return pd.DataFrame(rows).set_index("source_id")
