"""A toy corpus, its events, an outside table and a claim coding for the dated-events tests (not a test module)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers.claims.coding import Codings
from helpers.timeline.dated import OUTSIDE_COLUMNS, events, outside_span

TEXTS = {
    "a": (
        "Assad travelled to Moscow on November 28, just a day after rebels launched an offensive in Aleppo.\n"
        "Four days following that trip, on December 2, Iranian Foreign Minister Abbas Araqchi met Assad in Damascus.\n"
        "Rebels took Daraa on December 6. Jalali called him on Saturday night at 10:30 PM. "
        "Assad replied: “Tomorrow, we will see.”\n"
        "On Sunday, December 8, Assad departed from Damascus by plane to the Hmeimim airbase."
    ),
    "b": (
        "Assad climbed into an armoured vehicle and drove away from Damascus.\n"
        "By midnight on December 7, Assad was on his way to the Hmeimim airbase by road.\n"
        "He told reporters at 11pm on December 7 that <all> was fine."
    ),
}


def make_corpus(texts: dict[str, str], published: str = "2024-12-13", credits: tuple[str, ...] = ()) -> pd.DataFrame:
    """A corpus frame shaped like :func:`helpers.corpus.load.load_corpus` for the given texts."""
    rows = [
        {"source_id": sid, "text": text, "published": pd.Timestamp(published), "outlet": f"Outlet {sid}",
         "credits": credits, "upstream_inferred": ""}
        for sid, text in texts.items()
    ]  # fmt: skip
    return pd.DataFrame(rows).set_index("source_id")


def make_outside(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """An outside table (date, time_local, event, outlet) with parsed spans, as ``read_outside`` gives."""
    table = pd.DataFrame(
        [{"date": d, "time_local": t, "event": e, "kind": "diplomacy", "cited_outlet": o, "title": "", "address": "",
          "confidence": "high"} for d, t, e, o in rows],
        columns=list(OUTSIDE_COLUMNS),
    )  # fmt: skip
    spans = [outside_span(d, t) for d, t in zip(table["date"], table["time_local"], strict=True)]
    table["start"] = [s for s, _ in spans]
    table["end"] = [e for _, e in spans]
    return table


@cache
def toy_events() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The toy corpus (crediting Reuters) and its events, built once (callers must not modify them)."""
    corpus = make_corpus(TEXTS, credits=("Reuters",))
    return corpus, events(corpus)


def toy_codings(corpus: pd.DataFrame) -> Codings:
    """A claim coding with one ``when`` slot: 'a' backs Sunday (C1), 'b' backs Saturday (C2)."""
    spans = {}
    for sid, quote in (("a", "On Sunday, December 8, Assad departed"), ("b", "By midnight on December 7, Assad was")):
        start = corpus.loc[sid, "text"].index(quote)
        spans[sid] = (start, start + len(quote), quote)
    return Codings(
        claims=pd.DataFrame(
            {"topic": ["departure"] * 2, "statement": ["Sunday", "Saturday"], "when": ["2024-12-08", "2024-12-07"],
             "slot": ["t", "t"]}, index=["C1", "C2"]),
        evidence=pd.DataFrame(
            [{"claim_id": c, "source_id": s, "start": spans[s][0], "end": spans[s][1], "quote": spans[s][2],
              "stance": "asserts"} for c, s in (("C1", "a"), ("C2", "b"))]),
        slots=pd.DataFrame({"question": ["When?"], "kind": ["when"], "reasoning": [""]}, index=["t"]),
        coded_sources=("a", "b"),
    )  # fmt: skip


def departure_claim(corpus: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Evidence and claims for one coded claim (C1, topic 'departure') quoting article 'a' on Sunday, December 8."""
    text = corpus.loc["a", "text"]
    quote = "On Sunday, December 8, Assad departed from Damascus"
    start = text.index(quote)
    evidence = pd.DataFrame([{"claim_id": "C1", "source_id": "a", "start": start, "end": start + len(quote)}])
    claims = pd.DataFrame(
        {"topic": ["departure"], "statement": ["left on 8 Dec"], "when": ["2024-12-08"]}, index=["C1"]
    )
    return evidence, claims


def many_events(n_articles: int, start: str = "2031-03-01", days: int = 12) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A fictional events table of ``n_articles`` articles over ``days`` days, and an outside table for it.

    Each article dates a few single days (some several events on one day), a clock time, and every
    third one a multi-day range that runs past the window's start: the shapes the charts must draw.
    """
    first = pd.Timestamp(start)
    rows = []
    for i in range(n_articles):
        sid = f"outlet-{i + 1:02d}"
        for k in range(3 + i % 3):
            day = (first + pd.Timedelta(days=(i * 5 + k * 3) % days)).date().isoformat()
            rows.append(
                {
                    "source_id": sid,
                    "date": day,
                    "date_end": day,
                    "value": day,
                    "value_end": "",
                    "granularity": "day",
                    "mention": f"day {k}",
                    "bound": "",
                    "clause": f"{sid} event {k}",
                }
            )
        last = (first + pd.Timedelta(days=days - 1)).date().isoformat()
        rows += [
            {
                "source_id": sid,
                "date": last,
                "date_end": last,
                "value": f"{last}T{(i % 12) + 6:02d}:30",
                "value_end": "",
                "granularity": "minute",
                "mention": "at half past",
                "bound": "",
                "clause": "late",
            }
        ]
        if i % 3 == 0:
            lo = (first - pd.Timedelta(days=4)).date().isoformat()
            hi = (first + pd.Timedelta(days=2 + i % 4)).date().isoformat()
            rows.append(
                {
                    "source_id": sid,
                    "date": lo,
                    "date_end": hi,
                    "value": lo,
                    "value_end": hi,
                    "granularity": "day",
                    "mention": "early in the month",
                    "bound": "",
                    "clause": "a range",
                }
            )
    outside = make_outside([
        ((first + pd.Timedelta(days=d)).date().isoformat(), t, f"Reference event {d}-{j}: the town of Example {d} "
         "is taken after a long siege, officials say", "Wire") for d in range(0, days, 2) for j, t in
        enumerate(("", "dawn", "12:15")[: 1 + d % 3])
    ])  # fmt: skip
    outside.loc[outside.index % 2 == 1, "kind"] = "front"
    return pd.DataFrame(rows), outside
