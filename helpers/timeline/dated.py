"""Dated events from the resolved temporal mentions, joined with the claim coding; the outside reference.

An *event* here is a sentence of an article together with a date it resolves (see
:mod:`helpers.temporal.resolve`): the unit the notebooks compare across articles and against the outside
reference timeline (``reference/outside_timeline.csv``, never part of the corpus). Dates inside
quoted speech ("Tomorrow, we will see") are not events. Charts of the events are in
:mod:`helpers.timeline.views`, links to the outside rows and dating conflicts in
:mod:`helpers.timeline.conflicts`, datings per coded claim in :mod:`helpers.timeline.claim_datings`, the
filter widget in :mod:`helpers.timeline.views` and the TimelineJS export in :mod:`helpers.timeline.timelinejs`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.claims.coding import Codings, read_codings
from helpers.core.errors import InputError, Problem, problems_of
from helpers.core.files import LINE, read_table, suggest
from helpers.core.text import FUNCTION_WORDS, sentence_bounds
from helpers.corpus.load import Corpus
from helpers.temporal.grammar import relative_parts
from helpers.temporal.lexicon import PART_RANGES
from helpers.temporal.mention import NOT_ANALYSED
from helpers.temporal.resolve import quoted, temporal_mentions

#: Lane label of the outside reference material, shown on every chart that uses it.
OUTSIDE_LABEL = "outside the corpus"
OUTSIDE_COLUMNS = ("date", "time_local", "event", "kind", "cited_outlet", "title", "address", "confidence")
#: The outside-row kind that dates an upstream story, not an event of the story; always allowed.
PUBLICATION_KIND = "publication"
_KIND = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Words a ``time_local`` cell may use instead of a clock time: the parts of the day, and 'daytime'.
OUTSIDE_PARTS = (*PART_RANGES, "daytime")
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
#: Words left out of :func:`content_words` beyond the shared function words: more function words,
#: reporting verbs and time words (calendar and part-of-day words are added below).
_NOT_CONTENT = """again against although among another around because between both didn't doing during each every
    further itself last more most much once other same since some such through until
    told reported reports report later earlier week weeks days hours year years midnight tomorrow"""
_CALENDAR_WORDS = {
    *(name.lower() for name in calendar.month_name if name),
    *(name.lower() for name in calendar.month_abbr if name),
    *(name.lower() for name in calendar.day_name),
    *(word for part in PART_RANGES for word in part.split()),
    "daytime",
}
_STOP = FUNCTION_WORDS | frozenset(_NOT_CONTENT.split()) | _CALENDAR_WORDS


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------
def outside_path(corpus: Corpus) -> Path:
    """Where a corpus keeps its outside reference timeline."""
    return corpus.path(config.REFERENCE_DIRNAME, config.OUTSIDE_TIMELINE_NAME)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)")


def _part_of_day(time_local: str) -> str | None:
    """The part of the day (a :data:`OUTSIDE_PARTS` key) a ``time_local`` cell names, longest first."""
    low = time_local.lower()
    for part in sorted(OUTSIDE_PARTS, key=len, reverse=True):
        if part in low or (part == "early hours" and "early" in low and "hours" in low):
            return part
    return None


def _check_outside(table: pd.DataFrame, path: Path, kinds: tuple[str, ...] = ()) -> list[Problem]:
    """Problems with the outside rows: dates that do not parse, unreadable times, unknown kinds."""
    problems: list[Problem] = []
    for row in table.to_dict("records"):

        def bad(message: str, line: int = row[LINE]) -> None:
            problems.append(Problem(str(path), line, message))

        date, time_local, kind = row["date"], row["time_local"], row["kind"]
        try:
            ok = bool(_DATE.fullmatch(date)) and bool(dt.date.fromisoformat(date))
        except ValueError:
            ok = False
        if not ok:
            bad(f"date '{date}' is not a calendar date written YYYY-MM-DD")
        clock = _CLOCK.search(time_local)
        if clock and (int(clock.group(1)) > 23 or int(clock.group(2)) > 59):
            bad(f"time_local '{time_local}': {clock.group(0)} is not a clock time (00:00 to 23:59)")
        elif time_local and not clock and _part_of_day(time_local) is None:
            words = ", ".join(OUTSIDE_PARTS)
            bad(
                f"time_local '{time_local}' is neither HH:MM nor a part of the day"
                f"{suggest(time_local.lower(), OUTSIDE_PARTS)} (one of {words}; or leave it empty for the whole day)"
            )
        allowed = tuple(dict.fromkeys((*kinds, PUBLICATION_KIND)))
        if kinds and kind not in allowed:
            bad(
                f"unknown kind '{kind}'{suggest(kind, allowed)} (one of {', '.join(allowed)}: "
                f"the settings' outside_kinds, {config.EVENT_SETTINGS_NAME})"
            )
        elif not _KIND.match(kind):
            bad(f"kind '{kind}' must be lowercase words joined by hyphens (e.g. {PUBLICATION_KIND})")
    return problems


def _read_outside_checked(path: Path, kinds: tuple[str, ...] = ()) -> pd.DataFrame:
    """The outside table as read, with ``_line``; raises :class:`InputError` listing every problem."""
    table = read_table(path, OUTSIDE_COLUMNS)
    problems = _check_outside(table, path, kinds)
    if problems:
        raise InputError(problems)
    return table


def _kinds(corpus: Corpus) -> tuple[str, ...]:
    """The outside kinds the corpus's settings allow (empty: any lowercase-hyphen kind)."""
    settings = getattr(corpus, "settings", None)
    return settings.outside_kinds if settings is not None else ()


def validate_outside(corpus: Corpus) -> list[Problem]:
    """For ``python -m helpers validate``: problems in the outside reference (none when it is absent)."""
    path = outside_path(corpus)
    return problems_of(lambda: _read_outside_checked(path, _kinds(corpus))) if path.exists() else []


def outside_summary(corpus: Corpus) -> str:
    """One line on a valid outside reference for ``validate``; empty when the corpus has none."""
    path = outside_path(corpus)
    return f"{len(_read_outside_checked(path, _kinds(corpus)))} outside reference rows" if path.exists() else ""


def read_outside(corpus: Corpus) -> pd.DataFrame:
    """The outside reference timeline with parsed ``start``/``end`` timestamps (local time)."""
    table = _read_outside_checked(outside_path(corpus), _kinds(corpus)).drop(columns=[LINE])
    spans = [outside_span(d, t) for d, t in zip(table["date"], table["time_local"], strict=True)]
    table["start"] = [s for s, _ in spans]
    table["end"] = [e for _, e in spans]
    table["exact"] = [bool(_CLOCK.search(t)) for t in table["time_local"]]
    return table


def outside_or_empty(corpus: Corpus) -> pd.DataFrame:
    """:func:`read_outside` where the corpus has an outside reference, else an empty table of the same columns."""
    if outside_path(corpus).exists():
        return read_outside(corpus)
    return pd.DataFrame(columns=[*OUTSIDE_COLUMNS, "start", "end", "exact"]).astype(
        {"start": "datetime64[ns]", "end": "datetime64[ns]", "exact": bool}
    )


def outside_span(date: str, time_local: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Start and end of an outside row: a clock time (HH:MM), a part of the day, or the whole day."""
    day = pd.Timestamp(date)
    clock = _CLOCK.search(time_local)
    if clock:
        at = day + pd.Timedelta(hours=int(clock.group(1)), minutes=int(clock.group(2)))
        return at, at
    part = _part_of_day(time_local)
    if part == "daytime":
        return day + pd.Timedelta(hours=6), day + pd.Timedelta(hours=18)
    if part is not None:
        start, end, next_day = PART_RANGES[part]
        end_day = day + pd.Timedelta(days=1) if next_day else day
        return pd.Timestamp(f"{day.date()}T{start}"), pd.Timestamp(f"{end_day.date()}T{end}")
    return day, day + pd.Timedelta(days=1)


_CLAUSE_BREAK = re.compile(r",\s+|;\s+|:\s+|\s+[—–]\s+|\s+\(|\)\s*|\s+(?=that\s)")
#: A clause shorter than this many content words borrows the next one ('On Sunday, March 8, the minister left').
_CLAUSE_MIN_WORDS = 3


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the clause around ``text[start:end]``: the sentence cut at commas, dashes, colons."""
    s, e = sentence_bounds(text, start, end)
    cuts = [s] + [s + m.end() for m in _CLAUSE_BREAK.finditer(text[s:e])] + [e]
    left = max(c for c in cuts if c <= start)
    right = min((c for c in cuts if c >= end), default=e)
    while len(content_words(text[left:right])) < _CLAUSE_MIN_WORDS and right < e:
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

    ``evidence`` needs claim_id, source_id, start, end (as anchored by :mod:`helpers.claims.coding`);
    ``claims`` is indexed by claim_id with a ``topic`` column.
    """
    if evidence.empty:  # an uncoded corpus: nothing to look up for each event
        return events_table.assign(claim_ids="", topics="")
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


def with_codings(events_table: pd.DataFrame, corpus: Corpus, codings: Codings | None = None) -> pd.DataFrame:
    """The events with claim ids and topics from the claim coding (empty columns when the corpus is uncoded).

    ``codings`` are the corpus's, read once by the caller; read here when not given.
    """
    codings = read_codings(corpus) if codings is None else codings
    return join_claims(events_table, codings.evidence, codings.claims)


#: Columns of :func:`not_analysed`: the articles whose dates were not read (another language), and their language.
NOT_ANALYSED_COLUMNS = ["source_id", "language"]


def not_analysed(mentions: pd.DataFrame) -> pd.DataFrame:
    """The articles the date finder did not read (another language), with their language (ISO 639-1).

    Read from the ``not_analysed`` rows of :func:`helpers.temporal.resolve.temporal_mentions`. Such an
    article has no dated events because nobody looked, not because it dates nothing: its counts are
    missing, never 0.
    """
    rows = mentions[mentions["type"] == NOT_ANALYSED]
    return pd.DataFrame(
        {"source_id": rows["source_id"].astype(str), "language": rows["text"].astype(str)}, columns=NOT_ANALYSED_COLUMNS
    ).reset_index(drop=True)


def not_analysed_lines(skipped: pd.DataFrame) -> list[str]:
    """One line per article not analysed, for printing beside the counts of dated events."""
    return [
        f"not analysed: {sid} is in {lang}; its dates are missing, not absent"
        for sid, lang in zip(skipped["source_id"], skipped["language"], strict=True)
    ]


def not_analysed_rows(skipped: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """events.csv rows standing for the articles not analysed, shaped as their ``temporal_mentions.csv`` row.

    ``type`` is ``not_analysed``, ``mention`` the language code (as ``text`` there), offsets 0, dates
    empty, and ``context`` says so in words.
    """
    blank = {c: "" for c in columns} | {"start": 0, "end": 0, "sent_start": 0, "sent_end": 0, "implied": False}
    rows = [
        blank
        | {
            "event_id": f"{sid}:{NOT_ANALYSED}",
            "source_id": sid,
            "type": NOT_ANALYSED,
            "mention": lang,
            "context": f"not analysed (language: {lang}): its dates are missing, not absent",
        }
        for sid, lang in zip(skipped["source_id"], skipped["language"], strict=True)
    ]
    return pd.DataFrame(rows, columns=columns)


def timeline_tables(corpus: Corpus, codings: Codings | None = None) -> dict[str, pd.DataFrame]:
    """CSV exports: every resolved temporal mention, and the dated events (with claims when coded).

    An article in another language gets one events.csv row of type ``not_analysed`` (its language as
    ``mention``), as in temporal_mentions.csv, so that its missing dates never read as "no dates".
    """
    mentions = temporal_mentions(corpus)
    ev = with_codings(events(corpus, mentions), corpus, codings)
    skipped = not_analysed(mentions)
    if len(skipped):
        extra = not_analysed_rows(skipped, list(ev.columns))
        ev = pd.concat([ev, extra], ignore_index=True) if len(ev) else extra
        order = {sid: i for i, sid in enumerate(corpus.index)}
        ev = ev.iloc[ev["source_id"].map(order).argsort(kind="stable")].reset_index(drop=True)
    return {"temporal_mentions.csv": mentions, "events.csv": ev}


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


# ---------------------------------------------------------------------------------------------
# Describing an event: its words, its time span, its date as text, how it was dated
# ---------------------------------------------------------------------------------------------
def _stem(word: str) -> str:
    """A crude stem: plural and tense endings cut when four letters remain ('meetings' → 'meeting' → 'meet')."""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> list[str]:
    """Content words of a passage, stemmed; names (capitalised) keep a leading '@' for fuzzy matching."""
    out = []
    for m in re.finditer(r"[A-Za-z’']+", text):
        word = re.sub(r"[’']s$", "", m.group()).strip("’'")
        low = word.lower()
        if len(low) < 4 or low in _STOP:
            continue
        out.append(("@" if word[0].isupper() else "") + _stem(low))
    return list(dict.fromkeys(out))


def event_span(ev: pd.Series | dict[str, object]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Half-open [start, end) of an event: a day covers its day, a clock time one minute, 'by T' the day before T."""
    start = pd.Timestamp(str(ev["value"]))
    end = pd.Timestamp(str(ev["value_end"] or ev["value"]))
    if ev["granularity"] in ("day", "week"):
        return start, end + pd.Timedelta(days=1)
    if ev["granularity"] == "minute" and ev.get("bound") == "by":
        return start - pd.Timedelta(days=1), start
    return start, end + pd.Timedelta(minutes=1) if ev["granularity"] == "minute" else end


def event_label(ev: pd.Series | dict[str, object]) -> str:
    """An event's value as one string (``start – end`` for ranges, ``by T`` for upper bounds)."""
    value = f"{ev['value']} – {ev['value_end']}" if ev["value_end"] else str(ev["value"])
    return f"by {value}" if ev.get("bound") == "by" else value


def how_dated(ev: pd.Series | dict[str, object]) -> str:
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
