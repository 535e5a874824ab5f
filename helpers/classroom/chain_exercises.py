"""Exercises on reporting chains and kinds of article.

How many chains stand behind the articles, which article is original reporting, which rewrite is
uncredited, which articles are independent of a given one.
"""

from __future__ import annotations

import pandas as pd

from helpers.classroom.exercise import (
    MOVES,
    NONE_OPTION,
    Exercise,
    _label,
    _ordered,
    _plural,
    join_words,
)
from helpers.corpus.load import check_source_id
from helpers.corpus.provenance import KIND_ORIGINAL, KIND_UNCREDITED, source_kinds
from helpers.reuse.chaining import chain_of


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
