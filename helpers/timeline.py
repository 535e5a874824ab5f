"""Dated events from the resolved temporal mentions: tables, day-by-day charts, conflicts, TimelineJS.

An *event* here is a sentence of an article together with a date it resolves (see
:mod:`helpers.temporal`): the unit the notebooks compare across articles and against the outside
reference timeline (``reference/outside_timeline.csv``, never part of the corpus). Dates inside
quoted speech ("Tomorrow, we will see") are not events. Linking a corpus sentence to an outside
row uses the words they share, weighted by rarity, with fuzzy matching so spelling variants of a
name ("Araqchi"/"Araghchi") still meet; every link is shown with its score, so a reader can judge it.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections import Counter
from pathlib import Path

import ipywidgets as widgets
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from rapidfuzz import fuzz

from helpers import charts, config
from helpers.anchors import sentence_bounds
from helpers.claims import Codings
from helpers.corpus import load_corpus
from helpers.files import read_table
from helpers.temporal import PART_RANGES, quoted, relative_parts, resolve_text, temporal_mentions

#: Lane label of the outside reference material, shown on every chart that uses it.
OUTSIDE_LABEL = "outside the corpus"
OUTSIDE_COLUMNS = ("date", "time_local", "event", "kind", "cited_outlet", "title", "address", "confidence")
EVENT_COLUMNS = (
    "event_id",
    "source_id",
    "date",
    "date_end",
    "value",
    "value_end",
    "granularity",
    "type",
    "anchor",
    "mention",
    "start",
    "end",
    "sentence",
    "sent_start",
    "sent_end",
    "clause",
    "implied",
    "bound",
    "context",
    "counted_from",
)
#: Granularities that place an event on a day (years, months and durations are not events).
EVENT_GRANULARITIES = ("week", "day", "part-of-day", "minute")
#: The last night, as local times: from Saturday 7 Dec evening to Sunday 8 Dec morning.
NIGHT_START = "2024-12-07T18:00"
NIGHT_END = "2024-12-08T06:00"
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
_STOP_WORDS = """about after again against also although among another around because been before being between both
    could didn't does doing down during each even every from further have having here into itself just last
    more most much once only other over same should since some such than that their theirs them then there
    these they this those through under until very were what when where which while will with would your
    said says according told reported reports report later earlier december november january july saturday
    sunday monday tuesday wednesday thursday friday week weeks days hours year years dawn night evening
    morning afternoon midnight tomorrow"""
_STOP = frozenset(_STOP_WORDS.split())


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------
def read_outside(corpus_dir: Path | str | None = None) -> pd.DataFrame:
    """The outside reference timeline with parsed ``start``/``end`` timestamps (local time)."""
    path = config.corpus_dir(corpus_dir) / config.REFERENCE_DIRNAME / config.OUTSIDE_TIMELINE_NAME
    table = read_table(path, OUTSIDE_COLUMNS).drop(columns=["_line"])
    spans = [outside_span(d, t) for d, t in zip(table["date"], table["time_local"], strict=True)]
    table["start"] = [s for s, _ in spans]
    table["end"] = [e for _, e in spans]
    table["exact"] = table["time_local"].str.contains(r"\d{1,2}:\d{2}", regex=True)
    return table


def outside_span(date: str, time_local: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Start and end of an outside row: a clock time (HH:MM), a part of the day, or the whole day."""
    day = pd.Timestamp(date)
    clock = re.search(r"(\d{1,2}):(\d{2})", time_local)
    if clock:
        at = day + pd.Timedelta(hours=int(clock.group(1)), minutes=int(clock.group(2)))
        return at, at
    low = time_local.lower()
    for part in sorted(PART_RANGES, key=len, reverse=True):
        if part in low or (part == "early hours" and "early" in low and "hours" in low):
            start, end, next_day = PART_RANGES[part]
            end_day = day + pd.Timedelta(days=1) if next_day else day
            return pd.Timestamp(f"{day.date()}T{start}"), pd.Timestamp(f"{end_day.date()}T{end}")
    if "daytime" in low:
        return day + pd.Timedelta(hours=6), day + pd.Timedelta(hours=18)
    return day, day + pd.Timedelta(days=1)


_CLAUSE_BREAK = re.compile(r",\s+|;\s+|:\s+|\s+[—–]\s+|\s+\(|\)\s*|\s+(?=that\s)")
#: A clause shorter than this many content words borrows the next one ('On Sunday, December 8, Assad left').
_CLAUSE_MIN_WORDS = 3


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the clause around ``text[start:end]``: the sentence cut at commas, dashes, colons."""
    s, e = sentence_bounds(text, start, end)
    cuts = [s] + [s + m.end() for m in _CLAUSE_BREAK.finditer(text[s:e])] + [e]
    left = max(c for c in cuts if c <= start)
    right = min((c for c in cuts if c >= end), default=e)
    while len(_words(text[left:right])) < _CLAUSE_MIN_WORDS and right < e:
        right = min((c for c in cuts if c > right), default=e)
    return left, right


def _event_row(
    m: dict[str, object], text: str, value: str, value_end: str, clause: tuple[int, int]
) -> dict[str, object]:
    """One events-table row for mention ``m`` with the given value and clause span."""
    s, e = sentence_bounds(text, int(m["start"]), int(m["end"]))  # type: ignore[arg-type]
    return {
        "event_id": f"{m['source_id']}:{m['start']}",
        "source_id": m["source_id"],
        "date": value[:10],
        "date_end": (value_end or value)[:10],
        "value": value,
        "value_end": value_end,
        "granularity": m["granularity"],
        "type": m["type"],
        "anchor": m["anchor"],
        "mention": m["text"],
        "start": m["start"],
        "end": m["end"],
        "sentence": text[s:e].strip(),
        "sent_start": s,
        "sent_end": e,
        "clause": text[clause[0] : clause[1]].strip(" ,;:—–"),
        "implied": False,
        "bound": _bound(text, int(m["start"])),
        "context": "",
        "counted_from": "",
        "_cstart": clause[0],  # type: ignore[arg-type]
    }


def _bound(text: str, start: int) -> str:
    """'by' when the mention is an upper bound ('By midnight', 'before 4am'), else ''."""
    return (
        "by" if re.search(r"(?i)\b(?:by|before)\s+(?:around\s+|about\s+)?$", text[max(0, start - 20) : start]) else ""
    )


def _implied(m: dict[str, object], text: str) -> dict[str, object] | None:
    """The event a resolved 'N days after <event>' phrase dates by implication (N days earlier)."""
    parts = relative_parts(str(m["text"]))
    if parts is None or m["granularity"] != "day" or parts[1] not in ("day", "week") or len(parts[0]) != 1:
        return None
    nums, unit, rel = parts
    if rel not in ("after", "before", "following", "prior to"):
        return None
    end = int(m["end"])  # type: ignore[arg-type]
    tail = text[end:]
    anaphoric = r"\b(?:that|this|these|those|then|it)\b"
    if re.search(anaphoric, str(m["text"]), re.IGNORECASE) or re.match(rf"\s*{anaphoric}", tail, re.IGNORECASE):
        return None
    stop = _CLAUSE_BREAK.search(tail)
    sent_end = sentence_bounds(text, int(m["start"]), end)[1]  # type: ignore[arg-type]
    right = min(end + stop.start() if stop else sent_end, sent_end)
    shift = dt.timedelta(days=nums[0] * (7 if unit == "week" else 1))
    day = dt.date.fromisoformat(str(m["value"])[:10])
    day = day - shift if rel in ("after", "following") else day + shift
    row = _event_row(m, text, day.isoformat(), "", (end, right))
    row.update(event_id=f"{m['source_id']}:{m['start']}:implied", implied=True, bound="")
    return row


def events(corpus: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (clause, resolved date), plus the events that relative phrases date by implication.

    ``clause`` is the part of the sentence the date belongs to; ``implied`` marks an event dated
    through a relative phrase ('a day after rebels launched an offensive' dates the offensive).
    Dates inside quoted speech are left out.
    """
    mentions = temporal_mentions(corpus) if mentions is None else mentions
    rows = []
    for m in mentions.to_dict("records"):
        if m["granularity"] not in EVENT_GRANULARITIES or not m["value"]:
            continue
        text = corpus.loc[m["source_id"], "text"]
        if quoted(text, m["start"]):
            continue
        rows.append(_event_row(m, text, m["value"], m["value_end"], clause_bounds(text, m["start"], m["end"])))
        implied = _implied(m, text)
        if implied is not None:
            rows.append(implied)
    table = pd.DataFrame(rows, columns=[*EVENT_COLUMNS, "_cstart"])
    if table.empty:
        return table.drop(columns="_cstart")
    rank = table["granularity"].map({g: i for i, g in enumerate(EVENT_GRANULARITIES)})
    table = table.assign(_rank=rank, _rel=table["type"] == "relative", _len=table["clause"].str.len()).sort_values(
        ["source_id", "sent_start", "date", "_rank", "_rel", "_len"], ascending=[True, True, True, False, True, False]
    )
    table = table.drop_duplicates(["source_id", "sent_start", "date", "implied"]).drop(
        columns=["_rank", "_rel", "_len"]
    )
    order = {sid: i for i, sid in enumerate(corpus.index)}
    table = table.assign(_o=table["source_id"].map(order)).sort_values(["_o", "start", "implied"]).drop(columns="_o")
    table["counted_from"] = _counted_from(table, mentions)
    table["context"] = _contexts(table, corpus)
    return table.drop(columns="_cstart").reset_index(drop=True)


def _counted_from(table: pd.DataFrame, mentions: pd.DataFrame) -> list[str]:
    """For each event, the relative phrase in its sentence that counts its date from another one, if any."""
    rel = mentions[(mentions["type"] == "relative") & (mentions["anchor_value"] != "") & (mentions["value"] != "")]
    out = []
    for ev in table.to_dict("records"):
        hits = rel[
            (rel["source_id"] == ev["source_id"])
            & (rel["start"] >= ev["sent_start"])
            & (rel["end"] <= ev["sent_end"])
            & (rel["value"] == ev["value"])
            & (rel["anchor_value"] != ev["value"])
        ]
        out.append(
            "; ".join(f"'{t}' counted from {a}" for t, a in zip(hits["text"], hits["anchor_value"], strict=True))
        )
    return out


def _contexts(table: pd.DataFrame, corpus: pd.DataFrame) -> list[str]:
    """The text each date governs: from its clause to the next dated clause of the paragraph, or its end."""
    out = []
    recs = table.to_dict("records")
    for i, ev in enumerate(recs):
        text = corpus.loc[ev["source_id"], "text"]
        para_end = text.find("\n", int(ev["end"]))
        para_end = len(text) if para_end < 0 else para_end
        stop = para_end
        for nxt in recs[i + 1 :]:
            if nxt["source_id"] != ev["source_id"] or nxt["_cstart"] >= para_end:
                break
            if nxt["_cstart"] > ev["_cstart"] and not nxt["implied"]:
                stop = min(stop, int(nxt["_cstart"]))
                break
        start = ev["_cstart"] if not ev["implied"] else ev["end"]
        out.append(text[start:stop].strip())
    return out


def join_claims(events_table: pd.DataFrame, evidence: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Add ``claim_ids`` and ``topics``: the coded claims whose quote contains the event's dating words.

    ``evidence`` needs claim_id, source_id, start, end (as anchored by :mod:`helpers.claims`);
    ``claims`` is indexed by claim_id with a ``topic`` column.
    """
    ids, topics = [], []
    for ev in events_table.to_dict("records"):
        rows = evidence[
            (evidence["source_id"] == ev["source_id"])
            & (evidence["start"] < ev["end"])
            & (evidence["end"] > ev["start"])
        ]
        found = sorted(set(rows["claim_id"]))
        ids.append(";".join(found))
        topics.append(";".join(sorted({str(claims.loc[c, "topic"]) for c in found if c in claims.index})))
    return events_table.assign(claim_ids=ids, topics=topics)


def with_codings(events_table: pd.DataFrame, corpus_dir: Path | str | None = None) -> pd.DataFrame:
    """The events with claim ids and topics when the corpus has a claim coding, else empty columns."""
    from helpers.claims import has_codings, read_codings

    if not has_codings(corpus_dir):
        return events_table.assign(claim_ids="", topics="")
    codings = read_codings(corpus_dir)
    return join_claims(events_table, codings.evidence, codings.claims)


def wording_by_date(events_table: pd.DataFrame) -> pd.DataFrame:
    """Per date, which articles date something to it and with which words (``mention`` texts)."""
    day_level = events_table[events_table["date"] == events_table["date_end"]]
    grouped = day_level.groupby(["date", "source_id"], sort=True)["mention"].agg(lambda s: " | ".join(dict.fromkeys(s)))
    table = grouped.unstack("source_id").fillna("")
    ordered = [sid for sid in dict.fromkeys(events_table["source_id"]) if sid in table.columns]
    return table[ordered]


# ---------------------------------------------------------------------------------------------
# Linking to the outside timeline, and conflicts
# ---------------------------------------------------------------------------------------------
def _stem(word: str) -> str:
    """A crude stem: plural and tense endings cut when four letters remain ('meetings' → 'meeting' → 'meet')."""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _words(text: str) -> list[str]:
    """Content words of a passage, stemmed; names (capitalised) keep a leading '@' for fuzzy matching."""
    out = []
    for m in re.finditer(r"[A-Za-z’']+", text):
        word = re.sub(r"[’']s$", "", m.group()).strip("’'")
        low = word.lower()
        if len(low) < 4 or low in _STOP:
            continue
        out.append(("@" if word[0].isupper() else "") + _stem(low))
    return list(dict.fromkeys(out))


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
    return [_words(str(x)) for x in events_table["context"]]


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
        out[str(sid)] = tuple(n for n in dict.fromkeys(names) if n and n != "unknown")
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
    out_words = [_words(t) for t in outside["event"]]
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
                "a_dates": _label(ev.to_dict()),
                "a_clause": link["clause"],
                "b_source": f"{OUTSIDE_LABEL}: {link['outside_outlet']}",
                "b_dates": link["outside_date"],
                "b_clause": link["outside_event"],
                "days_apart": link["days_apart"],
                "score": link["score"],
                "shared_words": link["shared_words"],
                "reasoning": f"{link['source_id']}: {_how(ev)}; "
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


def _how(ev: pd.Series | dict[str, object]) -> str:
    """How an event's date was reached, in words ('Saturday' → 2024-12-07, nearest to the narrative date)."""
    anchor = {
        "absolute": "as written",
        "publication": "against the publication date",
        "narrative": "against the story's preceding date",
    }.get(str(ev["anchor"]), "")
    value = f"{ev['value']} – {ev['value_end']}" if ev["value_end"] else str(ev["value"])
    implied = " (the event a relative phrase dates by implication)" if ev.get("implied") else ""
    counted = f"; stated as {ev['counted_from']}" if ev.get("counted_from") else ""
    return f"'{ev['mention']}' → {value}, {anchor}{implied}{counted}"


def slot_datings(events_table: pd.DataFrame, codings: Codings) -> pd.DataFrame:
    """For every claim of a ``when`` slot, each supporting article's quote and the dates resolved inside it."""
    from helpers.claims import SUPPORTING

    when_slots = codings.slots.index[codings.slots["kind"] == "when"] if "kind" in codings.slots else []
    rows = []
    for slot in when_slots:
        for cid, claim in codings.claims[codings.claims.get("slot", pd.Series(dtype=str)) == slot].iterrows():
            ev = codings.evidence[(codings.evidence["claim_id"] == cid) & codings.evidence["stance"].isin(SUPPORTING)]
            for e in ev.to_dict("records"):
                inside = events_table[
                    (events_table["source_id"] == e["source_id"])
                    & (events_table["start"] < e["end"])
                    & (events_table["end"] > e["start"])
                    & ~events_table["implied"].astype(bool)
                ]
                rows.append(
                    {
                        "slot": slot,
                        "question": codings.slots.loc[slot, "question"],
                        "claim_id": cid,
                        "statement": claim["statement"],
                        "when": claim.get("when", ""),
                        "source_id": e["source_id"],
                        "stance": e["stance"],
                        "quote": e["quote"],
                        "dates": "; ".join(_label(r) for r in inside.to_dict("records")),
                        "how": "; ".join(_how(r) for r in inside.to_dict("records")),
                    }
                )
    cols = ["slot", "question", "claim_id", "statement", "when", "source_id", "stance", "quote", "dates", "how"]
    return pd.DataFrame(rows, columns=cols)


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


def _span(ev: pd.Series | dict[str, object]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Half-open [start, end) of an event: a day covers its day, a clock time one minute, 'by T' the day before T."""
    start = pd.Timestamp(str(ev["value"]))
    end = pd.Timestamp(str(ev["value_end"] or ev["value"]))
    if ev["granularity"] in ("day", "week"):
        return start, end + pd.Timedelta(days=1)
    if ev["granularity"] == "minute" and ev.get("bound") == "by":
        return start - pd.Timedelta(days=1), start
    return start, end + pd.Timedelta(minutes=1) if ev["granularity"] == "minute" else end


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
        (a0, a1), (b0, b1) = _span(a), _span(b)
        if score < min_score or (a0 < b1 and b0 < a1):
            continue  # not the same thing, or the two datings overlap
        rows.append(
            {
                "kind": "article vs article",
                "a_source": a["source_id"],
                "a_dates": _label(a),
                "a_clause": a["clause"],
                "b_source": b["source_id"],
                "b_dates": _label(b),
                "b_clause": b["clause"],
                "days_apart": days,
                "score": score,
                "shared_words": ", ".join(shared),
                "reasoning": f"{a['source_id']}: {_how(a)}; {b['source_id']}: {_how(b)}",
            }
        )
    return rows


def _label(ev: pd.Series | dict[str, object]) -> str:
    """An event's value as one string (``start – end`` for ranges, ``by T`` for upper bounds)."""
    value = f"{ev['value']} – {ev['value_end']}" if ev["value_end"] else str(ev["value"])
    return f"by {value}" if ev.get("bound") == "by" else value


# ---------------------------------------------------------------------------------------------
# Charts (data tables first: those are what the tests check)
# ---------------------------------------------------------------------------------------------
def day_lanes(
    events_table: pd.DataFrame,
    outside: pd.DataFrame,
    start: str = config.EVENT_START,
    end: str = config.EVENT_END,
    sources: list[str] | None = None,
) -> pd.DataFrame:
    """Marks for the day-by-day chart: one lane per article (in order) and one for the outside rows."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    sources = list(dict.fromkeys(events_table["source_id"])) if sources is None else sources
    rows = []
    for ev in events_table.to_dict("records"):
        if ev["source_id"] not in sources or ev["granularity"] == "week":
            continue
        s, e = _span(ev)
        if e <= lo or s >= hi:
            continue
        rows.append(
            {
                "lane": ev["source_id"],
                "start": s,
                "end": e,
                "label": ev["mention"],
                "outside": False,
                "range": ev["date"] != ev["date_end"],
            }
        )
    for out in outside.to_dict("records"):
        s, e = out["start"], out["end"]
        if e <= lo or s >= hi or out["kind"] == "publication":
            continue
        rows.append(
            {
                "lane": OUTSIDE_LABEL,
                "start": s,
                "end": max(e, s + pd.Timedelta(hours=1)),
                "label": out["event"],
                "outside": True,
                "range": (e - s) > pd.Timedelta(days=1),
            }
        )
    table = pd.DataFrame(rows, columns=["lane", "start", "end", "label", "outside", "range"])
    lanes = [*sources, OUTSIDE_LABEL]
    table["lane_no"] = table["lane"].map({lane: i for i, lane in enumerate(lanes)})
    return table.sort_values(["lane_no", "start"], kind="stable").reset_index(drop=True)


def _lane_chart(
    table: pd.DataFrame, lanes: list[str], title: str, xlim: tuple[pd.Timestamp, pd.Timestamp], hourly: bool
) -> Figure:
    """Shared drawing of lane charts: points for exact marks, bars for ranges, outside lane in grey."""
    fig, ax = charts.new_figure(11, (0.9 if hourly else 0.6) * len(lanes) + 1.6)
    colors = charts.source_colors([lane for lane in lanes if lane != OUTSIDE_LABEL])
    labelled: dict[int, int] = {}
    for row in table.to_dict("records"):
        y = lanes.index(row["lane"])
        color = charts.OUTSIDE_COLOR if row["outside"] else colors[row["lane"]]
        s, e = mdates.date2num(row["start"]), mdates.date2num(row["end"])
        hatch = "//" if row["outside"] else None
        if row["range"]:
            ax.barh(y, e - s, left=s, height=0.36, color=color, alpha=0.35, edgecolor=color, hatch=hatch)
        else:
            ax.plot([(s + e) / 2], [y], "o", color=color, markersize=7, alpha=0.9)
        if hourly:
            label = str(row["label"])
            label = label if len(label) <= 38 else label[:37] + "…"
            ax.annotate(
                label,
                ((s + e) / 2, y),
                xytext=(0, 9 if labelled.get(y, 0) % 2 == 0 else -13),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color="#333333",
            )
            labelled[y] = labelled.get(y, 0) + 1
    ax.set_yticks(
        range(len(lanes)), [f"reference\n({OUTSIDE_LABEL})" if lane == OUTSIDE_LABEL else lane for lane in lanes]
    )
    ax.set_ylim(len(lanes) - 0.4, -0.6)
    ax.set_xlim(mdates.date2num(xlim[0]), mdates.date2num(xlim[1]))
    if hourly:
        ax.xaxis.set_major_locator(mdates.HourLocator(interval=2))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%H:%M"))
    else:
        ax.xaxis.set_major_locator(mdates.DayLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d\n%b"))
    ax.get_yticklabels()[-1].set_color(charts.OUTSIDE_COLOR)
    charts.style_axes(ax, title=title)
    return fig


def _lanes(lanes_table: pd.DataFrame, sources: list[str] | None) -> list[str]:
    """Lane order: the given sources (or those in the table), then the outside lane."""
    found = list(dict.fromkeys(lanes_table.sort_values("lane_no")["lane"]))
    lanes = [s for s in found if s != OUTSIDE_LABEL] if sources is None else list(sources)
    return [*lanes, OUTSIDE_LABEL]


def day_chart(
    lanes_table: pd.DataFrame,
    sources: list[str] | None = None,
    start: str = config.EVENT_START,
    end: str = config.EVENT_END,
) -> Figure:
    """Day-by-day chart: what each article dates to each day, with the outside lane labelled as such."""
    lanes = _lanes(lanes_table, sources)
    xlim = (pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1))
    return _lane_chart(lanes_table, lanes, "What each article dates to each day", xlim, hourly=False)


def night_lanes(
    events_table: pd.DataFrame,
    outside: pd.DataFrame,
    start: str = NIGHT_START,
    end: str = NIGHT_END,
    sources: list[str] | None = None,
) -> pd.DataFrame:
    """Marks for the last night: clock times as points, parts of the day as ranges (uncertain times)."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    sources = list(dict.fromkeys(events_table["source_id"])) if sources is None else sources
    rows = []
    for ev in events_table.to_dict("records"):
        if ev["source_id"] not in sources or ev["granularity"] not in ("minute", "part-of-day"):
            continue
        s, e = _span(ev)
        if e <= lo or s >= hi:
            continue
        rows.append(
            {
                "lane": ev["source_id"],
                "start": max(s, lo),
                "end": min(e, hi),
                "label": ("by " if ev["bound"] == "by" else "") + str(ev["mention"]),
                "outside": False,
                "range": ev["granularity"] == "part-of-day" or ev["bound"] == "by",
            }
        )
    for out in outside.to_dict("records"):
        s, e = out["start"], out["end"]
        if e - s >= pd.Timedelta(days=1) or e <= lo or s >= hi:
            continue
        rows.append(
            {
                "lane": OUTSIDE_LABEL,
                "start": max(s, lo),
                "end": min(e, hi),
                "label": out["event"],
                "outside": True,
                "range": s != e,
            }
        )
    table = pd.DataFrame(rows, columns=["lane", "start", "end", "label", "outside", "range"])
    lanes = [*sources, OUTSIDE_LABEL]
    table["lane_no"] = table["lane"].map({lane: i for i, lane in enumerate(lanes)})
    return table.sort_values(["lane_no", "start"], kind="stable").reset_index(drop=True)


def night_chart(
    lanes_table: pd.DataFrame, sources: list[str] | None = None, start: str = NIGHT_START, end: str = NIGHT_END
) -> Figure:
    """The last night hour by hour; bars are ranges (a part of the day, 'by midnight'), dots stated clock times."""
    lanes = _lanes(lanes_table, sources)
    title = "The last night, hour by hour (local time; bars = uncertain ranges)"
    return _lane_chart(lanes_table, lanes, title, (pd.Timestamp(start), pd.Timestamp(end)), hourly=True)


# ---------------------------------------------------------------------------------------------
# Export and filtering
# ---------------------------------------------------------------------------------------------
def _tl_date(value: str) -> dict[str, int]:
    """A TimelineJS date object from an ISO value (year, month, day, hour, minute as present)."""
    stamp = dt.datetime.fromisoformat(value if len(value) > 7 else f"{value}-01")
    out = {"year": stamp.year, "month": stamp.month, "day": stamp.day}
    if len(value) > 10:
        out.update(hour=stamp.hour, minute=stamp.minute)
    return out


def to_timelinejs(
    events_table: pd.DataFrame, title: str = "Assad's flight as the articles date it"
) -> dict[str, object]:
    """Knight Lab TimelineJS JSON: one event per dated sentence, one group per article (text escaped)."""
    items = []
    for ev in events_table.to_dict("records"):
        item: dict[str, object] = {
            "start_date": _tl_date(str(ev["value"])),
            "text": {
                "headline": html.escape(f"{ev['source_id']}: {ev['mention']}"),
                "text": html.escape(str(ev["sentence"])),
            },
            "group": str(ev["source_id"]),
            "unique_id": re.sub(r"[^a-z0-9-]", "-", str(ev["event_id"]).lower()),
        }
        if ev["value_end"]:
            item["end_date"] = _tl_date(str(ev["value_end"]))
        items.append(item)
    return {"title": {"text": {"headline": html.escape(title), "text": ""}}, "events": items}


def filter_events(
    events_table: pd.DataFrame,
    source_id: str | None = None,
    topic: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> pd.DataFrame:
    """The events of one article / topic / date range (None means any)."""
    keep = pd.Series(True, index=events_table.index)
    if source_id:
        keep &= events_table["source_id"] == source_id
    if topic and "topics" in events_table:
        keep &= events_table["topics"].str.split(";").apply(lambda ts: topic in ts)
    if date_from:
        keep &= events_table["date_end"] >= date_from
    if date_to:
        keep &= events_table["date"] <= date_to
    return events_table[keep]


def events_html(events_table: pd.DataFrame) -> str:
    """An escaped HTML table of events: date, article, the dating words marked in their sentence."""
    esc = html.escape
    head = "<tr><th>date</th><th>article</th><th>sentence (dating words marked)</th><th>topics</th></tr>"
    body = []
    for ev in events_table.to_dict("records"):
        sentence, rel = str(ev["sentence"]), str(ev["mention"])
        at = int(ev["start"]) - int(ev["sent_start"])
        if sentence[at : at + len(rel)] != rel:
            at = sentence.find(rel)
        marked = (
            f"{esc(sentence[:at])}<mark>{esc(rel)}</mark>{esc(sentence[at + len(rel) :])}" if at >= 0 else esc(sentence)
        )
        body.append(
            f"<tr><td style='white-space:nowrap'>{esc(_label(ev))}</td><td>{esc(str(ev['source_id']))}</td>"
            f"<td style='text-align:left'>{marked}</td><td>{esc(str(ev.get('topics', '')))}</td></tr>"
        )
    if not body:
        return "<p>No dated events match.</p>"
    return f"<table>{head}{''.join(body)}</table>"


def event_filter(events_table: pd.DataFrame) -> widgets.VBox:
    """Dropdowns for article and topic and a date-range slider over :func:`events_html` (no printing)."""
    topics = sorted({t for ts in events_table.get("topics", pd.Series(dtype=str)) for t in str(ts).split(";") if t})
    dates = sorted(set(events_table["date"]) | set(events_table["date_end"]))
    article = widgets.Dropdown(options=[("all", ""), *[(s, s) for s in dict.fromkeys(events_table["source_id"])]])
    topic = widgets.Dropdown(options=[("all", ""), *[(t, t) for t in topics]], description="topic")
    span = (
        widgets.SelectionRangeSlider(options=dates, index=(0, len(dates) - 1), description="dates") if dates else None
    )
    out = widgets.HTML()

    def update(_: object = None) -> None:
        lo, hi = span.value if span is not None else (None, None)
        out.value = events_html(filter_events(events_table, article.value, topic.value, lo, hi))

    for w in (article, topic, span):
        if w is not None:
            w.observe(update, names="value")
    update()
    article.description = "article"
    controls = [w for w in (article, topic, span) if w is not None]
    return widgets.VBox([widgets.HBox(controls), out])


def tables(corpus_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """CSV exports: every resolved temporal mention, and the dated events (with claims when coded)."""
    corpus = load_corpus(corpus_dir)
    mentions = temporal_mentions(corpus)
    cols = ["source_id", "start", "end", "text", "type", "value", "value_end", "granularity", "anchor", "anchor_value"]
    ev = with_codings(events(corpus, mentions), corpus_dir)
    return {"temporal_mentions.csv": mentions[cols], "events.csv": ev}


def events_by_claim(events_table: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Per coded claim, how each article dates it: ``mention → value`` cells, one column per article.

    Needs the ``claim_ids`` column of :func:`join_claims`; ``claims`` is indexed by claim_id.
    """
    rows = []
    for ev in events_table.to_dict("records"):
        for cid in filter(None, str(ev.get("claim_ids", "")).split(";")):
            rows.append({"claim_id": cid, "source_id": ev["source_id"], "cell": f"{ev['mention']} → {_label(ev)}"})
    if not rows:
        return pd.DataFrame(columns=["claim_id", "statement", "when"])
    table = pd.DataFrame(rows).groupby(["claim_id", "source_id"], sort=True)["cell"].agg("; ".join).unstack("source_id")
    ordered = [sid for sid in dict.fromkeys(events_table["source_id"]) if sid in table.columns]
    table = table[ordered].fillna("")
    info = claims.reindex(table.index)[["statement", "when"]].fillna("")
    return pd.concat([info, table], axis=1).rename_axis("claim_id").reset_index()


def when_agreement(events_table: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Per (claim, article): the claim coding's ``when`` beside the dates resolved in the quote, and whether they meet.

    ``agrees`` is true when the resolved span (a 'by T' bound counts as the day before T) holds a
    day the coder wrote (``when`` may list days separated by '/'). ``reporting`` marks dates of
    the reporting rather than of the event ('told Al Arabiya last week'), which need not agree.
    Events implied by relative phrases date another event and are left out. An independent check
    of the resolver against a human coding made for another purpose.
    """
    rows = []
    for ev in events_table.to_dict("records"):
        if ev["implied"]:
            continue
        for cid in filter(None, str(ev.get("claim_ids", "")).split(";")):
            when = str(claims.loc[cid, "when"]) if cid in claims.index else ""
            if not when:
                continue
            days = {w[:10] for w in when.split("/") if w}
            start, end = _span(ev)
            lo, hi = str(start.date()), str((end - pd.Timedelta(minutes=1)).date())
            reporting = ev["type"] == "deictic" and ev["anchor"] == "publication" and "weekend" not in ev["mention"]
            rows.append(
                {
                    "claim_id": cid,
                    "source_id": ev["source_id"],
                    "when": when,
                    "mention": ev["mention"],
                    "resolved": _label(ev),
                    "reporting": reporting,
                    "agrees": any(lo <= d <= hi for d in days),
                }
            )
    return pd.DataFrame(rows, columns=["claim_id", "source_id", "when", "mention", "resolved", "reporting", "agrees"])
