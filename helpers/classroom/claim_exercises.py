"""Exercises on one claim, found by search words.

Which telling is better sourced, whether an outside date supports it, on whose word it rests,
which rewrite dropped a caveat.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers import config
from helpers.claims.coding import ATTRIBUTION_KINDS, Codings
from helpers.claims.corroboration import chain_names
from helpers.claims.disagreements import rewrite_changes
from helpers.classroom.exercise import (
    MOVES,
    NONE_OPTION,
    ON_RECORD,
    Exercise,
    _label,
    _matches,
    _ordered,
    _plural,
    _possessive,
    _sentence,
    _supporting,
    find_claims,
    join_words,
)
from helpers.classroom.students import KIND_LEGEND

#: An outside row dates the same event only if it lies this many days or fewer from a corpus date.
OUTSIDE_MAX_DAYS = 3


def sourcing_table(codings: Codings, chain_of: pd.Series, claim_ids: Sequence[str]) -> pd.DataFrame:
    """Per claim: supporting articles, independent chains, attributions by kind, and the sources' words."""
    rows = []
    for cid in claim_ids:
        sup = _supporting(codings, cid)
        chains = sorted({chain_of.get(s, s) for s in sup["source_id"]})
        kinds = sup["attribution_kind"].value_counts()
        rows.append(
            {
                "claim_id": cid,
                "statement": codings.claims.at[cid, "statement"],
                "articles": len(sup),
                "chains": len(chains),
                "chain names": ", ".join(chains),
                **{kind: int(kinds.get(kind, 0)) for kind in ATTRIBUTION_KINDS},
                "on whose word": "; ".join(
                    f"{s}: {w or 'nobody'}" for s, w in zip(sup["source_id"], sup["attributed_to"], strict=True)
                ),
            }
        )
    return pd.DataFrame(rows)


#: The graded choice when the codings' evidence does not separate the accounts.
UNDECIDED = "The counts do not decide it: it depends on who the sources are and how close they were to the events"


def better_sourced(codings: Codings, chain_of: pd.Series, query: str) -> Exercise | None:
    """Find better coverage: which competing account (the slot of the claim ``query`` finds) is better sourced.

    The graded choice comes from the codings' evidence only: an account is the answer when it rests on
    more independent chains *and* on at least as many on-the-record sources (named, document) as every
    other, or on as many chains and more on-the-record sources; otherwise the evidence does not decide,
    and the graded choice says so. Weighing *who* the unnamed sources are is the coder's reasoning
    (``slots.csv``), the model answer shown first: the graded choice never claims more than the counts,
    so it cannot contradict that reasoning. The student also writes why.
    """
    found = find_claims(codings, query)
    slots = [s for s in found["slot"] if s]
    if not slots:
        return None
    slot = slots[0]
    members = codings.claims.index[codings.claims["slot"] == slot]
    competing = [cid for cid in members if len(_supporting(codings, cid))]
    if len(competing) < 2:
        return None
    table = sourcing_table(codings, chain_of, competing)
    table["on record"] = table[list(ON_RECORD)].sum(axis=1)
    score = list(zip(table["chains"], table["on record"], strict=True))

    def beats(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] >= b[0] and a[1] >= b[1] and a != b

    statements = list(table["statement"])
    winners = [
        st
        for i, (st, sc) in enumerate(zip(statements, score, strict=True))
        if all(beats(sc, o) for j, o in enumerate(score) if j != i)
    ]
    options = (*table["statement"], UNDECIDED)
    right = winners if len(winners) == 1 else [UNDECIDED]
    info = codings.slots.loc[slot] if slot in codings.slots.index else None
    lines = []
    if info is not None and info["reasoning"]:
        lines.append(f"The coder's reasoning (the model answer): {info['reasoning']}")
    lines.extend(
        f"{r['claim_id']} ({r['statement']}): {_plural(r['articles'], 'article')}, "
        f"{_plural(r['chains'], 'independent chain')} ({r['chain names']}); on whose word: {r['on whose word']}."
        for r in table.to_dict("records")
    )
    lines.append(
        "Counted by independent chains and by sources on the record, "
        + (
            f"one account stands out: {right[0]}."
            if len(winners) == 1
            else "no account stands out, so the choice turns on who the sources are: read the reasoning above."
        )
        + " More outlets repeating a story does not make it better sourced."
    )
    question = info["question"] if info is not None else f"Which account of '{slot}' holds?"
    return Exercise(
        key=f"better-sourced-{slot}",
        move=MOVES[2],
        question=f"{question} The articles give competing accounts. Which is better sourced, and why?",
        options=options,
        answer=_ordered(options, right),
        explanation="\n\n".join(lines),
        evidence=table.drop(columns=["on record"]),
        asks_why=True,
    )


def _long_date(value: object) -> str:
    """A date (or timestamp string) as '4 December 2024', how an option reads to a student."""
    stamp = pd.Timestamp(str(value)[:10])
    return f"{stamp.day} {stamp.strftime('%B %Y')}"


def outside_date(
    codings: Codings, outside: pd.DataFrame | None, query: str, outside_query: str | None = None
) -> Exercise | None:
    """Find better coverage: which of the corpus's dates for an event outside coverage supports.

    The claims ``query`` finds lead to a ``when`` slot; its claims give the corpus's dates (the
    ``when`` column). Outside rows (``reference/outside_timeline.csv``) containing every word of
    ``outside_query`` (default ``query``) and dated within :data:`OUTSIDE_MAX_DAYS` of a corpus date
    are the outside coverage; their dates are the answer, cited with outlet, title and address.
    """
    if outside is None or outside.empty:
        return None
    found = find_claims(codings, query)
    slot = next((s for s in found["slot"] if s and codings.slots.at[s, "kind"] == "when"), None)
    if slot is None:
        return None
    members = codings.claims[codings.claims["slot"] == slot]
    dated = members[members["when"].str.match(r"^\d{4}-\d{2}-\d{2}")]
    if dated.empty:
        return None
    corpus_days = sorted({w[:10] for w in dated["when"]})
    near = [
        r
        for r in outside.to_dict("records")
        if _matches(r["event"], outside_query or query)
        and min(abs((pd.Timestamp(r["date"]) - pd.Timestamp(d)).days) for d in corpus_days) <= OUTSIDE_MAX_DAYS
    ]
    if not near:
        return None
    outside_days = sorted({r["date"] for r in near})
    days = sorted(set(corpus_days) | set(outside_days))
    if len(days) < 2:  # everyone agrees: offer the neighbouring days as well
        d = pd.Timestamp(days[0])
        days = [str((d + pd.Timedelta(days=k)).date()) for k in (-1, 0, 1)]
    options = tuple(_long_date(d) for d in days)
    right = [_long_date(d) for d in outside_days]
    lines = []
    for cid, claim in members.iterrows():
        for rec in _supporting(codings, cid).to_dict("records"):
            dated_here = claim["when"][:10] in corpus_days
            when = f"gives {_long_date(claim['when'])}" if dated_here else "gives no calendar date"
            lines.append(_sentence(f"In the corpus, {rec['source_id']} {when}: “{rec['quote']}”"))
    for r in near:
        where = f", {r['address']}" if r["address"] else ""
        time = f" ({r['time_local']})" if r["time_local"] else ""
        lines.append(
            _sentence(
                f"Outside coverage: {r['cited_outlet']}, “{r['title']}”{where}: {_long_date(r['date'])}{time}, "
                f"confidence {r['confidence']}: {r['event']}"
            )
        )
    lines.append(
        "Outside coverage is a claim with a source too, not ground truth: prefer the source closest to the "
        "event (the actors' own agencies, same-day reports) and say which you cite."
    )
    if slot in codings.slots.index and codings.slots.at[slot, "reasoning"]:
        lines.append(f"The coder's reasoning: {codings.slots.at[slot, 'reasoning']}")
    evidence = pd.DataFrame(near)[["date", "time_local", "event", "cited_outlet", "title", "address", "confidence"]]
    return Exercise(
        key=f"outside-date-{slot}",
        move=MOVES[2],
        question=f"{codings.slots.at[slot, 'question']} The articles disagree. Which date does outside coverage "
        f"({config.REFERENCE_DIRNAME}/{config.OUTSIDE_TIMELINE_NAME}) support?",
        options=options,
        answer=_ordered(options, right),
        explanation="\n\n".join(lines),
        evidence=evidence,
        multiple=len(right) > 1,
    )


# ---------------------------------------------------------------------------------------------
# Trace claims to the original context
# ---------------------------------------------------------------------------------------------
def whose_word(codings: Codings, corpus: pd.DataFrame, chain_of: pd.Series, query: str) -> Exercise | None:
    """Trace: on whose word a detail rests, through every article that carries it, back to its sources.

    An outlet credit ("Reuters reported") only names the relay; when another telling describes the
    sources behind it, those are the answer. The most frequent such kind wins (codebook order on ties).
    """
    found = find_claims(codings, query)
    cid = next((c for c in found.index if len(_supporting(codings, c))), None)
    if cid is None:
        return None
    sup = _supporting(codings, cid)
    kinds = sup["attribution_kind"].value_counts()
    for pool in (("named", "anonymous", "document"), ("outlet",), ("none",)):
        present = [k for k in pool if kinds.get(k, 0)]
        if present:
            answer_kind = max(present, key=lambda k: (kinds[k], -ATTRIBUTION_KINDS.index(k)))
            break
    chains = sorted({chain_of.get(s, s) for s in sup["source_id"]})
    options = tuple(KIND_LEGEND[k] for k in ATTRIBUTION_KINDS)
    lines = [
        f"{rec['source_id']} ({rec['stance']}): "
        + (f"“{rec['attributed_to']}” ({rec['attribution_kind']})" if rec["attributed_to"] else "no attribution")
        + f": “{rec['quote']}”"
        for rec in sup.to_dict("records")
    ]
    behind = sorted({w for w, k in zip(sup["attributed_to"], sup["attribution_kind"], strict=True) if k == answer_kind})
    lines.append(
        f"{_plural(len(sup), 'article')} carry it, "
        f"from {_plural(len(chains), 'reporting chain')} ({join_words(chains)}). "
        + (
            "An outlet credit only says who relayed the detail; the tellings that describe the sources behind it "
            f"name {join_words(f'“{w}”' for w in behind)}."
            if answer_kind not in ("outlet", "none") and kinds.get("outlet", 0)
            else ""
        )
    )
    lines.append(
        f"So the detail rests on {KIND_LEGEND[answer_kind]}"
        + (f" ({join_words(f'“{w}”' for w in behind)})" if behind else "")
        + f", however many outlets repeat it: {_plural(len(chains), 'independent chain')}."
    )
    evidence = sup[["source_id", "stance", "attributed_to", "attribution_kind", "quote"]].assign(
        chain=chain_names(sup["source_id"], chain_of)
    )
    return Exercise(
        key=f"whose-word-{cid}",
        move=MOVES[3],
        question=f"On whose word does this detail rest: “{codings.claims.at[cid, 'statement']}”?",
        options=options,
        answer=(KIND_LEGEND[answer_kind],),
        explanation="\n\n".join(line for line in lines if line),
        evidence=evidence.reset_index(drop=True),
    )


def dropped_caveat(codings: Codings, corpus: pd.DataFrame, chain_of: pd.Series, phrase: str) -> Exercise | None:
    """Trace: one article keeps a caveat (``phrase``); which articles of the same chain tell the claim without it.

    Articles of other chains are options too: they never had that upstream's caveat to drop.
    """
    ev = codings.evidence
    hit = ev[ev["hedge"].map(lambda h: _matches(h, phrase)) | ev["quote"].map(lambda q: _matches(q, phrase))]
    if hit.empty:
        return None
    keep = hit.sort_values(["claim_id", "source_id"], kind="stable").iloc[0]
    cid, keeper = keep["claim_id"], keep["source_id"]
    mine = chain_of.get(keeper, keeper)
    sup = _supporting(codings, cid)
    others = [sid for sid in corpus.index if sid != keeper and sid in set(sup["source_id"])]
    if not others:
        return None
    options = (*[_label(corpus, sid) for sid in others], NONE_OPTION)
    telling = sup.set_index("source_id")
    droppers = [
        sid
        for sid in others
        if chain_of.get(sid, sid) == mine
        and not (_matches(telling.at[sid, "hedge"], phrase) or _matches(telling.at[sid, "quote"], phrase))
    ]
    right = [_label(corpus, sid) for sid in droppers] or [NONE_OPTION]
    changes = rewrite_changes(codings, chain_of)
    changes = changes[(changes["claim_id"] == cid) & (changes["kept_by"] == keeper)]
    lines = [_sentence(f"{keeper} ({mine} chain) keeps the caveat: “{keep['quote']}”")]
    for sid in others:
        rec = telling.loc[sid]
        how = rec["stance"] + (f", attributed to “{rec['attributed_to']}”" if rec["attributed_to"] else "")
        how += f", hedge “{rec['hedge']}”" if rec["hedge"] else ""
        if sid in droppers:
            what = "; ".join(changes.loc[changes["changed_by"] == sid, "change"]) or "drops it"
            lines.append(_sentence(f"{sid} (same chain) {what}: {how}: “{rec['quote']}”"))
        elif chain_of.get(sid, sid) == mine:
            lines.append(_sentence(f"{sid} (same chain) keeps it: “{rec['quote']}”"))
        else:
            lines.append(
                f"{sid} belongs to another chain ({chain_of.get(sid, sid)}): it never had "
                f"{_possessive(mine)} caveat to drop; it tells the claim as {how}."
            )
    lines.append(
        "A rewrite that drops a caveat turns a hedged claim into a firmer one than its own source made. "
        "Trace the claim back to the upstream's wording before repeating it."
    )
    evidence = sup[["source_id", "stance", "attributed_to", "hedge", "quote"]].assign(
        chain=chain_names(sup["source_id"], chain_of)
    )
    return Exercise(
        key=f"dropped-caveat-{cid}",
        move=MOVES[3],
        question=f"{_label(corpus, keeper)} reports “{codings.claims.at[cid, 'statement']}” with the caveat "
        f"“{phrase}”. Which articles drop that caveat: they rewrite the same upstream story but tell the claim "
        "without it?",
        options=options,
        answer=_ordered(options, right),
        explanation="\n\n".join(lines),
        evidence=evidence.reset_index(drop=True),
        multiple=True,
    )
