"""Linking dated events to the outside reference rows, and the dating conflicts this reveals.

Linking a corpus passage to an outside row (or to another article's passage) uses the words they
share, weighted by rarity, with fuzzy matching so spelling variants of a name
("Qaddafi"/"Gaddafi") still meet; every link is shown with its score, so a reader can judge it.
A conflict is a link whose two datings differ: article vs outside, article vs article, or two
articles backing different claims of a coded ``when`` slot.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import pandas as pd
from rapidfuzz import fuzz

from helpers.claims.coding import Codings
from helpers.corpus.load import is_known_outlet
from helpers.temporal.resolve import resolve_text
from helpers.timeline.claim_datings import slot_datings
from helpers.timeline.dated import OUTSIDE_LABEL, content_words, event_label, event_span, how_dated

#: Minimum link score (rarity-weighted cosine of shared words, 0–1) to pair two passages.
LINK_MIN_SCORE = 0.15
#: Minimum score for a link to count as the same event in :func:`dating_conflicts`.
CONFLICT_MIN_SCORE = 0.2
#: Minimum score for two articles' events to count as the same event (article texts share more words).
ARTICLE_MIN_SCORE = 0.3
#: Outside rows are compared with corpus events at most this many days apart.
LINK_MAX_DAYS = 3
#: Minimum rapidfuzz ratio for two words to count as the same (spelling variants of names).
WORD_MATCH = 80


def _same(a: str, b: str) -> bool:
    """Two words are the same: equal stems, or two names spelt alike (rapidfuzz ratio ≥ WORD_MATCH)."""
    if a.lstrip("@") == b.lstrip("@"):
        return True
    both_names = a.startswith("@") and b.startswith("@") and min(len(a), len(b)) > 5
    return both_names and fuzz.ratio(a, b) >= WORD_MATCH


def _idf(docs: list[list[str]]) -> dict[str, float]:
    """Inverse document frequency of every word (names and plain words counted together)."""
    df = Counter(w.lstrip("@") for doc in docs for w in set(doc))
    n = len(docs)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def link_score(a: list[str], b: list[str], idf: dict[str, float]) -> tuple[float, list[str]]:
    """Cosine of the rarity-weighted word sets of two passages (0–1), and the words they share.

    Words match when their stems are equal; leftover names match when spelt alike (:func:`_same`).
    """

    def weight(w: str) -> float:
        return idf.get(w.lstrip("@"), 0.0)

    plain_b = {u.lstrip("@") for u in b}
    exact = [w for w in a if w.lstrip("@") in plain_b]
    names_b = [u for u in b if u.startswith("@") and u.lstrip("@") not in {w.lstrip("@") for w in exact}]
    shared = [w.lstrip("@") for w in exact]
    num = sum(weight(w) ** 2 for w in exact)
    for w in a:
        if w in exact or not w.startswith("@") or not names_b:
            continue
        match = next((u for u in names_b if _same(w, u)), None)
        if match is not None:
            names_b.remove(match)
            shared.append(f"{w.lstrip('@')}~{match.lstrip('@')}")
            num += weight(w) * weight(match)
    den = math.sqrt(sum(weight(w) ** 2 for w in a) * sum(weight(u) ** 2 for u in b))
    return (round(num / den, 3) if den else 0.0), shared


def _event_words(events_table: pd.DataFrame) -> list[list[str]]:
    """Words of the text each event's date governs (its clause up to the next dated clause)."""
    return [content_words(str(x)) for x in events_table["context"]]


def _named_dates(outside: pd.DataFrame) -> list[set[str]]:
    """Days each outside row's own text names (e.g. '(Reuters dates his Moscow trip to 28 Nov)')."""
    out = []
    for text, date in zip(outside["event"], outside["date"], strict=True):
        found = resolve_text(text, pd.Timestamp(date))
        out.append({m.value[:10] for m in found if m.granularity == "day" and not m.value_end})
    return out


def outlet_credits(corpus: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Per article, the outlets it is or relies on: its own outlet, those it credits, its inferred upstream."""
    out = {}
    for sid, row in corpus.iterrows():
        names = [row["outlet"], *row["credits"], row["upstream_inferred"]]
        out[str(sid)] = tuple(n for n in dict.fromkeys(names) if is_known_outlet(n))
    return out


def _credited(text: str, outlets: tuple[str, ...]) -> bool:
    """Whether ``text`` names one of ``outlets`` as a word."""
    return any(re.search(rf"\b{re.escape(o)}", text) for o in outlets)


def link_outside(
    events_table: pd.DataFrame,
    outside: pd.DataFrame,
    credits: dict[str, tuple[str, ...]] | None = None,
    min_score: float = LINK_MIN_SCORE,
    max_days: int = LINK_MAX_DAYS,
) -> pd.DataFrame:
    """Each corpus event with its best-matching outside row within ``max_days``.

    ``score`` is the rarity-weighted cosine of the words the event's date governs and the row's
    words; ``names_this_date`` is true when the outside row names the outlet the article relies
    on (``credits``: source_id → outlet names, e.g. from the manifest) together with the corpus
    event's day: the reference discussing that very dating. Kept when score ≥ ``min_score`` or
    when the row names the date and shares a word.
    """
    ev_words = _event_words(events_table)
    out_words = [content_words(t) for t in outside["event"]]
    idf = _idf(ev_words + out_words)
    named = _named_dates(outside)
    credits = {} if credits is None else credits
    rows = []
    for i, ev in enumerate(events_table.to_dict("records")):
        best = None
        for j, out in enumerate(outside.to_dict("records")):
            days = (pd.Timestamp(str(ev["date"])) - pd.Timestamp(out["date"])).days
            if abs(days) > max_days or out["kind"] == "publication":
                continue
            score, shared = link_score(ev_words[i], out_words[j], idf)
            names = (
                ev["date"] in named[j] and bool(shared) and _credited(out["event"], credits.get(ev["source_id"], ()))
            )
            if (score >= min_score or names) and (
                best is None or (names, score) > (best["names_this_date"], best["score"])
            ):
                best = {
                    "event_id": ev["event_id"],
                    "source_id": ev["source_id"],
                    "corpus_date": ev["date"],
                    "mention": ev["mention"],
                    "clause": ev["clause"],
                    "outside_date": out["date"],
                    "outside_event": out["event"],
                    "outside_outlet": out["cited_outlet"],
                    "days_apart": days,
                    "score": score,
                    "names_this_date": names,
                    "shared_words": ", ".join(shared),
                }
        if best is not None:
            rows.append(best)
    cols = [
        "event_id",
        "source_id",
        "corpus_date",
        "mention",
        "clause",
        "outside_date",
        "outside_event",
        "outside_outlet",
        "days_apart",
        "score",
        "names_this_date",
        "shared_words",
    ]
    return pd.DataFrame(rows, columns=cols)


def dating_conflicts(
    events_table: pd.DataFrame,
    outside: pd.DataFrame,
    credits: dict[str, tuple[str, ...]] | None = None,
    codings: Codings | None = None,
    min_score: float = CONFLICT_MIN_SCORE,
) -> pd.DataFrame:
    """Where an article and the outside timeline date the same thing differently, or two articles do.

    Corpus vs outside: links (see :func:`link_outside`) whose days differ, kept when the score is
    at least ``min_score`` or the outside row names the corpus's date. Article vs article: events
    of different articles whose words link (score ≥ ``ARTICLE_MIN_SCORE``) and whose times do not
    overlap. Coded slot: with a claim coding, articles backing different claims of a ``when`` slot,
    with the dates the resolver finds in their quotes. ``reasoning`` spells out how each date was reached.
    """
    rows = []
    by_id = events_table.set_index("event_id")
    for link in link_outside(events_table, outside, credits).to_dict("records"):
        if link["days_apart"] == 0 or not (link["score"] >= min_score or link["names_this_date"]):
            continue
        ev = by_id.loc[link["event_id"]]
        named = "; the outside row itself names this dating" if link["names_this_date"] else ""
        rows.append(
            {
                "kind": "corpus vs outside",
                "a_source": link["source_id"],
                "a_dates": event_label(ev.to_dict()),
                "a_clause": link["clause"],
                "b_source": f"{OUTSIDE_LABEL}: {link['outside_outlet']}",
                "b_dates": link["outside_date"],
                "b_clause": link["outside_event"],
                "days_apart": link["days_apart"],
                "score": link["score"],
                "shared_words": link["shared_words"],
                "reasoning": f"{link['source_id']}: {how_dated(ev)}; "
                f"outside ({link['outside_outlet']}): {link['outside_date']}{named}",
            }
        )
    rows.extend(_article_conflicts(events_table, ARTICLE_MIN_SCORE))
    if codings is not None:
        rows.extend(_coded_conflicts(events_table, codings))
    cols = [
        "kind",
        "a_source",
        "a_dates",
        "a_clause",
        "b_source",
        "b_dates",
        "b_clause",
        "days_apart",
        "score",
        "shared_words",
        "reasoning",
    ]
    table = pd.DataFrame(rows, columns=cols).astype({"days_apart": "Int64", "score": "Float64"})
    return table.sort_values(["kind", "score"], ascending=[False, False], kind="stable").reset_index(drop=True)


def _coded_conflicts(events_table: pd.DataFrame, codings: Codings) -> list[dict[str, object]]:
    """Pairs of articles backing different claims of the same ``when`` slot."""
    table = slot_datings(events_table, codings)
    rows = []
    for slot, group in table.groupby("slot", sort=True):
        recs = group.to_dict("records")
        for i, a in enumerate(recs):
            for b in recs[i + 1 :]:
                if a["claim_id"] == b["claim_id"] or a["source_id"] == b["source_id"]:
                    continue
                rows.append(
                    {
                        "kind": "coded slot",
                        "a_source": a["source_id"],
                        "a_dates": a["dates"] or (f"{a['when']} (claim coding)" if a["when"] else ""),
                        "a_clause": a["quote"],
                        "b_source": b["source_id"],
                        "b_dates": b["dates"] or (f"{b['when']} (claim coding)" if b["when"] else ""),
                        "b_clause": b["quote"],
                        "days_apart": None,
                        "score": None,
                        "shared_words": "",
                        "reasoning": f"slot {slot} ({a['question']}): {a['source_id']} backs {a['claim_id']} "
                        f"({a['how'] or 'no resolved date in the quote'}); {b['source_id']} backs {b['claim_id']} "
                        f"({b['how'] or 'no resolved date in the quote'})",
                    }
                )
    return rows


def _candidate_pairs(words: list[list[str]]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of passages sharing a word that is not everywhere: the only ones worth scoring.

    Words found in more than a fifth of the passages (and more than two) carry little weight in
    :func:`link_score` and would pair nearly everything, so they do not propose pairs.
    """
    postings: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        for w in {w.lstrip("@") for w in ws}:
            postings.setdefault(w, []).append(i)
    common = max(2, len(words) // 5)
    pairs = {(i, j) for ids in postings.values() if len(ids) <= common for k, i in enumerate(ids) for j in ids[k + 1 :]}
    return sorted(pairs)


def _article_conflicts(events_table: pd.DataFrame, min_score: float) -> list[dict[str, object]]:
    """Pairs of events from different articles whose clauses link and whose times do not overlap."""
    recs = events_table.to_dict("records")
    words = _event_words(events_table)
    idf = _idf(words)
    rows = []
    days_of = [pd.Timestamp(str(r["date"])) for r in recs]
    for i, j in _candidate_pairs(words):
        a, b = recs[i], recs[j]
        days = (days_of[i] - days_of[j]).days
        if a["source_id"] == b["source_id"] or abs(days) > LINK_MAX_DAYS:
            continue
        score, shared = link_score(words[i], words[j], idf)
        (a0, a1), (b0, b1) = event_span(a), event_span(b)
        if score < min_score or (a0 < b1 and b0 < a1):
            continue  # not the same thing, or the two datings overlap
        rows.append(
            {
                "kind": "article vs article",
                "a_source": a["source_id"],
                "a_dates": event_label(a),
                "a_clause": a["clause"],
                "b_source": b["source_id"],
                "b_dates": event_label(b),
                "b_clause": b["clause"],
                "days_apart": days,
                "score": score,
                "shared_words": ", ".join(shared),
                "reasoning": f"{a['source_id']}: {how_dated(a)}; {b['source_id']}: {how_dated(b)}",
            }
        )
    return rows
