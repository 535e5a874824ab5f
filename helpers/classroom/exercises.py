"""Classroom exercises in source criticism, built from the corpus and its coding, never typed in.

Each exercise follows one of the four SIFT moves (Stop; Investigate the source; Find better
coverage; Trace claims to the original context). A function takes the data (corpus, codings,
reporting chains, outside reference) and search words that locate the claim in question, and
returns an :class:`Exercise`: the question, the options, the right answer *computed* from the
data, and an explanation assembled from the same rows. ``None`` means the corpus holds nothing
the exercise can be built on (another event's articles may not). Rendering (static HTML with the
answer collapsed, the widget with a check button) is in :mod:`helpers.classroom.views`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from helpers import config
from helpers.claims.coding import ATTRIBUTION_KINDS, SUPPORTING, Codings
from helpers.claims.corroboration import chain_names
from helpers.claims.disagreements import rewrite_changes
from helpers.classroom.students import KIND_LEGEND
from helpers.corpus.load import Corpus, check_source_id, is_known_outlet
from helpers.corpus.provenance import KIND_ORIGINAL, KIND_UNCREDITED, source_kinds
from helpers.reuse.chaining import chain_of

#: The four moves of SIFT (Mike Caulfield), in teaching order.
MOVES = ("Stop", "Investigate the source", "Find better coverage", "Trace claims to the original context")
#: Option meaning "no option is right" in multiple-answer questions.
NONE_OPTION = "none of them"
#: Kinds that put a claim on the record (someone who can be held to it, or a document).
ON_RECORD = ("named", "document")
#: An outside row dates the same event only if it lies this many days or fewer from a corpus date.
OUTSIDE_MAX_DAYS = 3


@dataclass(frozen=True, eq=False)
class Exercise:
    """One exercise: question, options, the computed right option(s), and the explanation from the data."""

    key: str
    move: str
    question: str
    options: tuple[str, ...]
    answer: tuple[str, ...]  # the right options, in option order
    explanation: str  # plain text, paragraphs separated by blank lines
    evidence: pd.DataFrame = field(default_factory=pd.DataFrame)  # the rows the explanation rests on
    multiple: bool = False  # several options may be right: check boxes instead of radio buttons
    asks_why: bool = False  # a "why" question: the answer takes a sentence beside the choice


# ---------------------------------------------------------------------------------------------
# Finding things by words, not ids
# ---------------------------------------------------------------------------------------------
def _words(query: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’-]+", query.casefold()) if w]


def _matches(text: str, query: str) -> bool:
    low = str(text).casefold()
    return all(w in low for w in _words(query))


def find_claims(codings: Codings, query: str) -> pd.DataFrame:
    """Claims whose statement contains every word of ``query`` (case-insensitive), in codebook order."""
    mask = codings.claims["statement"].map(lambda s: _matches(s, query)).astype(bool)
    return codings.claims.loc[mask]  # .loc: an empty (uncoded) mask must select rows, not columns


def _supporting(codings: Codings, claim_id: str) -> pd.DataFrame:
    ev = codings.evidence
    return ev[(ev["claim_id"] == claim_id) & ev["stance"].isin(SUPPORTING)]


def _label(corpus: pd.DataFrame, sid: str) -> str:
    """An article as an option: its id, with the outlet when the text identifies it."""
    outlet = corpus.at[sid, "outlet"] if sid in corpus.index else ""
    return f"{sid} ({outlet})" if is_known_outlet(outlet) else sid


def _ordered(options: Sequence[str], right: Iterable[str]) -> tuple[str, ...]:
    right = set(right)
    return tuple(o for o in options if o in right)


def join_words(items: Iterable[str]) -> str:
    """Items as English prose: 'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sentence(text: str) -> str:
    """End a sentence with a full stop unless it already ends with one (possibly inside a closing quote)."""
    return text if re.search(r"[.!?][”’\"')]*$", text) else text + "."


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------------------------------------
# Find better coverage: count the chains (Stop itself is a reader's pause: helpers.classroom.lateral)
# ---------------------------------------------------------------------------------------------
def count_chains(corpus: pd.DataFrame, chain_table: pd.DataFrame) -> Exercise:
    """Find better coverage: how many independent reporting chains stand behind the articles (not how many outlets)."""
    n = len(corpus)
    table = chain_table.set_index("source_id").reindex(corpus.index)
    k = table["chain"].nunique()
    groups = [
        f"{chain}: {join_words(members.index)} ({members['basis'].iloc[0]})"
        for chain, members in table.groupby("chain", sort=False)
    ]
    explanation = (
        f"The {_plural(n, 'article')} rest on {_plural(k, 'reporting chain')}: " + "; ".join(groups) + ".\n\n"
        "A chain is one piece of reporting and everything that rewrites it. Articles in one chain "
        "repeat the same sources, so they count once when you ask how many independent sources support a claim. "
        "An outlet is not a chain: one newsroom's different stories are separate pieces of reporting, and two "
        "stories crediting one agency are two chains unless they share passages or report one story."
    )
    evidence = table.reset_index()[["source_id", "chain", "basis", "evidence"]]
    return Exercise(
        key="count-chains",
        move=MOVES[2],
        question=(
            f"The corpus holds {_plural(n, 'article')} from different websites. Before counting them as "
            "separate confirmations: how many independent reporting chains stand behind them?"
        ),
        options=tuple(str(i) for i in range(1, n + 1)),
        answer=(str(k),),
        explanation=explanation,
        evidence=evidence,
    )


# ---------------------------------------------------------------------------------------------
# Investigate the source
# ---------------------------------------------------------------------------------------------
#: Per source kind asked about: the exercise key, the question, and the closing advice of its explanation.
KIND_QUESTIONS = {
    KIND_ORIGINAL: (
        "original-reporting",
        "Which articles are original reporting: the outlet describes its own reporting "
        "(interviews, what it could or could not verify) rather than rewriting another outlet's story?",
        "Look for the reporter's first person: 'pieced together ... from interviews', 'has not been able to "
        "verify'. When that voice belongs to another outlet ('spoke to AP'), the article is a rewrite.",
    ),
    KIND_UNCREDITED: (
        "uncredited-rewrite",
        "Which articles credit no outlet in their text, yet follow another outlet's report (an upstream "
        "that only outside coverage reveals)?",
        "An article that names no source for its story is not therefore original: compare it with outside "
        "coverage of the same days. The upstream named here is an inference recorded in the manifest, with "
        "its reasoning, not something the article admits.",
    ),
}


def _kind_exercise(corpus: pd.DataFrame, kind: str) -> Exercise | None:
    """Investigate: which articles are of source ``kind`` (the texts of :data:`KIND_QUESTIONS`)."""
    key, question, closing = KIND_QUESTIONS[kind]
    kinds = source_kinds(corpus)
    options = tuple(_label(corpus, sid) for sid in corpus.index)
    right = [_label(corpus, sid) for sid in kinds.index[kinds["kind"] == kind]]
    if not right:
        return None
    lines = [f"{sid}: {row['kind']}: {row['evidence']}." for sid, row in kinds.iterrows()]
    return Exercise(
        key=key,
        move=MOVES[1],
        question=question,
        options=options,
        answer=_ordered(options, right),
        explanation="\n\n".join([*lines, closing]),
        evidence=kinds.reset_index()[["source_id", "outlet", "kind", "evidence"]],
        multiple=True,
    )


def original_reporting(corpus: pd.DataFrame) -> Exercise | None:
    """Investigate: which articles report for themselves, in their own outlet's voice."""
    return _kind_exercise(corpus, KIND_ORIGINAL)


def uncredited_rewrite(corpus: pd.DataFrame) -> Exercise | None:
    """Investigate: which articles credit no outlet although they follow one (an inferred upstream)."""
    return _kind_exercise(corpus, KIND_UNCREDITED)


# ---------------------------------------------------------------------------------------------
# Find better coverage
# ---------------------------------------------------------------------------------------------
def independent_of(corpus: pd.DataFrame, chain_table: pd.DataFrame, source_id: str | None = None) -> Exercise | None:
    """Find better coverage: which articles are independent of a given one (another reporting chain).

    Without ``source_id``, the first article (corpus order) of the largest chain is used; an id the
    corpus does not hold raises :class:`helpers.corpus.load.UnknownSourceError` (with a suggestion).
    """
    chains = chain_of(chain_table)
    if source_id is None:
        sizes = chains.value_counts()
        biggest = sizes.index[0] if len(sizes) else None
        source_id = next((sid for sid in corpus.index if chains.get(sid) == biggest), None)
    else:
        check_source_id(corpus, source_id)
    if source_id is None or len(corpus) < 2:
        return None
    others = [sid for sid in corpus.index if sid != source_id]
    options = (*[_label(corpus, sid) for sid in others], NONE_OPTION)
    mine = chains.get(source_id, source_id)
    right = [_label(corpus, sid) for sid in others if chains.get(sid, sid) != mine] or [NONE_OPTION]
    same = [sid for sid in others if chains.get(sid, sid) == mine]
    lines = [f"{source_id} belongs to the {mine} chain."]
    if same:
        lines.append(f"Same chain, so not independent: {join_words(same)}. They repeat one piece of reporting.")
    for sid in others:
        if chains.get(sid, sid) != mine:
            lines.append(f"{sid}: chain {chains.get(sid, sid)}, so independent of {source_id}.")
    lines.append(
        "Independent chains can still share unnamed sources; independence here means no shared reporting "
        "that the texts or their reuse reveal."
    )
    evidence = chain_table.set_index("source_id").reindex(corpus.index).reset_index()
    return Exercise(
        key="independent-of",
        move=MOVES[2],
        question=f"You have read {_label(corpus, source_id)}. Which other articles are independent of it "
        "(from a different reporting chain), and so worth reading for better coverage?",
        options=options,
        answer=_ordered(options, right),
        explanation="\n\n".join(lines),
        evidence=evidence[["source_id", "chain", "basis", "evidence"]],
        multiple=True,
    )


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


def answer_key(exercises: Iterable[Exercise | None]) -> pd.DataFrame:
    """The teacher's key: move, question and computed answer of every exercise built."""
    rows = [
        {"move": ex.move, "exercise": ex.key, "question": ex.question, "answer": join_words(ex.answer)}
        for ex in exercises
        if ex is not None
    ]
    return pd.DataFrame(rows, columns=["move", "exercise", "question", "answer"])


def read_outside_reference(corpus: Corpus) -> pd.DataFrame | None:
    """The outside reference timeline of a corpus, or None when the corpus has none."""
    from helpers.timeline.dated import outside_path, read_outside

    if not outside_path(corpus).is_file():
        return None

    return read_outside(corpus)


#: The lesson's exercises in order: those that need no search word, then those the settings' ``[classroom]`` locate.
LESSON_KEYS = (
    "count_chains",
    "original_reporting",
    "uncredited_rewrite",
    "independent_of",
    "better_sourced",
    "outside_date",
    "whose_word",
    "dropped_caveat",
)


def build_lesson(
    corpus: Corpus, codings: Codings, chain_table: pd.DataFrame, outside: pd.DataFrame | None
) -> dict[str, Exercise | None]:
    """Every exercise the corpus supports, keyed as :data:`LESSON_KEYS`; None where the data cannot carry it.

    The four claim exercises find their claims by the corpus settings' ``[classroom]`` search words, so a
    new corpus chooses its own; a missing or empty word leaves that exercise out (see :func:`lesson_gaps`).
    """
    words = corpus.settings.classroom if getattr(corpus, "settings", None) is not None else {}
    chain = chain_of(chain_table)
    built: dict[str, Exercise | None] = {
        "count_chains": count_chains(corpus, chain_table),
        "original_reporting": original_reporting(corpus),
        "uncredited_rewrite": uncredited_rewrite(corpus),
        "independent_of": independent_of(corpus, chain_table),
    }
    claim_exercises = {
        "better_sourced": lambda w: better_sourced(codings, chain, w),
        "outside_date": lambda w: outside_date(codings, outside, w),
        "whose_word": lambda w: whose_word(codings, corpus, chain, w),
        "dropped_caveat": lambda w: dropped_caveat(codings, corpus, chain, w),
    }
    for key, make in claim_exercises.items():
        built[key] = make(words[key]) if words.get(key) else None
    return built


def lesson_gaps(corpus: Corpus, lesson: dict[str, Exercise | None]) -> list[str]:
    """One line per exercise left out, saying why and how to bring it in."""
    words = corpus.settings.classroom if getattr(corpus, "settings", None) is not None else {}
    lines = []
    for key in LESSON_KEYS:
        if lesson.get(key) is not None:
            continue
        if key in ("better_sourced", "outside_date", "whose_word", "dropped_caveat") and not words.get(key):
            lines.append(
                f"{key.replace('_', ' ')}: left out; set [classroom] {key} in {config.EVENT_SETTINGS_NAME} "
                "to a word of the claim it should use"
            )
        else:
            lines.append(f"{key.replace('_', ' ')}: left out; this corpus's data cannot carry it")
    return lines
