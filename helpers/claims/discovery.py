"""Claims discovered across the corpus: a draft codebook and claim x article matrix, ready to review.

:func:`discover` splits every article into checkable statements (:mod:`helpers.claims.statements`),
groups those telling the same thing across articles (:mod:`helpers.claims.grouping`) and writes
each group as candidate claims in the contract of ``claims.csv`` / ``evidence.csv`` plus
``candidate``, ``score`` and ``grouped_by``, so accepting a candidate is copying rows. Each
candidate has a computed statement (its most central telling, shortened), topic words, the
articles and anchored quotes (``start``/``end``), a proposed stance and attribution per telling
(the detectors of :mod:`helpers.sourcing`, as :func:`helpers.claims.suggest.propose_stance`),
and a proposed ``slot`` when its tellings differ in a date, number, negation, place or person
(each variant becomes a claim of that slot, as rival accounts are coded, rule R13).

Candidates are ranked by how many reporting chains tell them, then whether they disagree: a
claim told by five chains with two dates comes first. Nothing here is reviewed: every note says
"discovered, not reviewed", and claims a coder already wrote replace the candidates they cover
(:func:`without_reviewed`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from helpers.claims import anchors, grouping
from helpers.claims.coding import CLAIM_COLUMNS, CLAIM_OPTIONAL, EVIDENCE_COLUMNS, EVIDENCE_OPTIONAL, SLOT_COLUMNS
from helpers.claims.statements import checkable_statements
from helpers.claims.suggest import propose_stance
from helpers.core.text import quote_occurrences
from helpers.sourcing.detect import corpus_outlets, find_attributions, find_hedges

#: Columns added to the claims.csv / evidence.csv contract.
DISCOVERY_COLUMNS = ("candidate", "score", "grouped_by")
CLAIMS_OUT = (*CLAIM_COLUMNS, *CLAIM_OPTIONAL, *DISCOVERY_COLUMNS, "articles", "chains")
EVIDENCE_OUT = (*EVIDENCE_COLUMNS, *EVIDENCE_OPTIONAL, "start", "end", *DISCOVERY_COLUMNS)
#: Weight of a disagreement in the ranking: half a chain, so chains rank first and a dispute breaks their ties.
DISPUTE_WEIGHT = 0.5
UNREVIEWED = "discovered, not reviewed"


@dataclass
class Discovery:
    """What :func:`discover` found: candidate claims, their tellings, proposed slots, and what was read."""

    claims: pd.DataFrame
    evidence: pd.DataFrame
    slots: pd.DataFrame
    statements: int = 0
    articles: int = 0
    not_analysed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: what was read and what came out."""
        skipped = f"; not analysed (language): {', '.join(self.not_analysed)}" if self.not_analysed else ""
        n_cand = self.claims["candidate"].nunique() if len(self.claims) else 0
        return (
            f"{self.statements} checkable statements in {self.articles} articles; "
            f"{n_cand} candidate claims told in 2 or more articles, {len(self.slots)} with competing accounts{skipped}"
        )


def reporting(corpus: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame]:
    """source_id -> reporting chain, and the aligned passages: the one place discovery reads reuse and chains."""
    from helpers.reuse import chain_of, chains, find_reuse

    found = find_reuse(corpus)
    return chain_of(chains(corpus, found.pairs)), found.passages


def article_chains(corpus: pd.DataFrame) -> pd.Series:
    """source_id -> reporting chain (see :func:`reporting`)."""
    return reporting(corpus)[0]


def _topic(words: list[str], text: str, vocabulary: tuple[str, ...]) -> str:
    """A ``topic`` cell: the settings' topic the tellings' words name most (the first when none), else topic words."""
    if vocabulary:
        lowered = text.casefold()
        hits = [sum(lowered.count(part) for part in t.split("-")) for t in vocabulary]
        return vocabulary[max(range(len(vocabulary)), key=lambda i: (hits[i], -i))]
    parts = [re.sub(r"[^a-z0-9]+", "", w.removeprefix("ent")) for w in words[:2]]
    return "-".join(p for p in parts if p) or "discovered"


def _occurrence(article: str, quote: str, start: int) -> str:
    """Which occurrence of the quote starts at ``start`` when the article has it more than once ("" otherwise)."""
    spans = quote_occurrences(quote, article)
    return next((str(k) for k, (s, _) in enumerate(spans, 1) if s == start), "") if len(spans) > 1 else ""


def _reason(keys: set[str], sims: list[float], n_forms: int, copies: int) -> str:
    """Why the tellings were grouped: shared names and numbers, and how alike their wording is."""
    names = sorted(k.removeprefix("ent") for k in keys if not k.isdigit())[:5]
    numbers = sorted(k for k in keys if k.isdigit())[:3]
    parts = []
    if names:
        parts.append("names/dates: " + ", ".join(names))
    if numbers:
        parts.append("numbers: " + ", ".join(numbers))
    if sims:
        parts.append(f"wording {min(sims):.2f}-{max(sims):.2f}")
    if copies > n_forms:
        parts.append("identical sentences")
    return "; ".join(parts)


def discover(
    corpus: pd.DataFrame,
    aliases: pd.DataFrame | None = None,
    chains: pd.Series | None = None,
    min_articles: int = 2,
    passages: pd.DataFrame | None = None,
    second_pass: bool = True,
) -> Discovery:
    """Candidate claims told in ``min_articles`` or more articles, ranked (see the module docstring).

    ``chains`` (source_id -> chain) and ``passages`` (the reuse alignment) are computed when not
    given; pass ``passages`` empty to group on wording alone. ``second_pass`` joins statements left
    alone by the anchors they share (:mod:`helpers.claims.anchors`).
    """
    aliases = aliases if aliases is not None else pd.DataFrame(columns=["alias", "entity"])
    statements, skipped = checkable_statements(corpus)
    empty = Discovery(
        pd.DataFrame(columns=list(CLAIMS_OUT)),
        pd.DataFrame(columns=list(EVIDENCE_OUT)),
        pd.DataFrame(columns=list(SLOT_COLUMNS)),
        len(statements),
        len(corpus),
        skipped,
    )
    if statements.empty:
        return empty
    if chains is None or passages is None:
        found_chains, found_passages = reporting(corpus)
        chains = found_chains if chains is None else chains
        passages = found_passages if passages is None else passages
    forms, idf = grouping.build_forms(statements, aliases)
    links = grouping.scored_links(forms, idf, grouping.aligned_pairs(statements, forms, passages))
    groups = grouping.group_forms(forms, links)
    if second_pass:
        texts = [str(statements.at[f.rows[0], "statement"]) for f in forms]
        from helpers.reuse import corpus_stories  # computed with the chains above (remembered), so cheap

        stories = corpus_stories(corpus)
        story_of = dict(zip(stories["source_id"].astype(str), stories["story_id"].astype(str), strict=True))
        groups, anchored = anchors.attach_alone(forms, texts, groups, corpus_outlets(corpus), story_of)
        links = pd.concat([links, anchored], ignore_index=True) if len(anchored) else links
    groups = [g for g in groups if len({s for i in g for s in forms[i].sources}) >= 2]
    groups = [g for g in groups if len({s for i in g for s in forms[i].sources}) >= min_articles]
    if not groups:
        return empty
    chain_of = chains
    outlets = corpus_outlets(corpus)
    settings = getattr(corpus, "settings", None)
    vocabulary = tuple(settings.topics) if settings is not None else ()
    link_keys = {(int(a), int(b)): (k, s) for a, b, s, k in links.itertuples(index=False)}
    drafts = []
    for ids in groups:
        first: dict[str, int] = {}  # one telling per article (R5): a sentence repeated in it counts once
        for r in sorted(r for i in ids for r in forms[i].rows):
            first.setdefault(str(statements.at[r, "source_id"]), r)
        rows = sorted(first.values())
        tellings = statements.iloc[rows]
        sources = list(dict.fromkeys(tellings["source_id"]))
        n_chains = len({chain_of.get(s, s) for s in sources})
        inner = [link_keys[(x, y)] for x in ids for y in ids if (x, y) in link_keys]
        keys = set().union(*(k for k, _ in inner)) if inner else set()
        sims = [s for _, s in inner]
        form_of_row = [next(i for i in ids if r in forms[i].rows) for r in rows]

        def alike(x: int, y: int, of: list[int] = form_of_row) -> float:
            return 1.0 if of[x] == of[y] else grouping.similarity(forms[of[x]], forms[of[y]], idf)

        kind, labels = grouping.competing(list(tellings["statement"]), alike)
        cohesion = sum(sims) / len(sims) if sims else 1.0
        score = n_chains + (DISPUTE_WEIGHT if kind else 0) + cohesion / 10
        reason = _reason(keys, sims, len(ids), len(rows))
        drafts.append((score, ids, rows, tellings, sources, n_chains, kind, labels, reason))
    drafts.sort(key=lambda d: (-d[0], -len(d[4]), d[2][0]))
    claims, evidence, slots = [], [], []
    detected: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}
    next_id = 1
    for k, (score, ids, rows, tellings, _sources, n_chains, kind, labels, reason) in enumerate(drafts, start=1):
        cand = f"K{k:03d}"
        words = grouping.topic_words(ids, forms, idf)
        slot = f"{cand.lower()}-{kind}" if kind else ""
        variants = list(dict.fromkeys(labels)) if kind else [""]
        if kind:
            slots.append(
                {
                    "slot": slot,
                    "question": f"Tellings of {cand} differ in {kind}: " + " / ".join(variants),
                    "kind": kind,
                    "reasoning": f"{UNREVIEWED}: proposed because the tellings name different {kind} values",
                }
            )
        for variant in variants:
            mine = [j for j in range(len(rows)) if not kind or labels[j] == variant]
            mine_forms = [i for i in ids if any(r in forms[i].rows for r in (rows[j] for j in mine))]
            center = grouping.central(mine_forms, forms, idf)
            claim_id = f"C{next_id:03d}"
            next_id += 1
            statement = grouping.shorten(str(statements.at[forms[center].rows[0], "statement"]))
            arts = list(dict.fromkeys(tellings["source_id"].iloc[mine]))
            claims.append(
                {
                    "claim_id": claim_id,
                    "topic": _topic(words, " ".join(tellings["statement"]), vocabulary),
                    "statement": statement,
                    "when": "",
                    "where": "",
                    "slot": slot,
                    "notes": f"{UNREVIEWED}; topic words: {', '.join(w.removeprefix('ent') for w in words)}"
                    + (f"; variant: {variant}" if kind else ""),
                    "candidate": cand,
                    "score": round(score, 3),
                    "grouped_by": reason,
                    "articles": len(arts),
                    "chains": n_chains,
                }
            )
            for j in mine:
                t = tellings.iloc[j]
                sid, start, end, text = str(t["source_id"]), int(t["start"]), int(t["end"]), str(t["statement"])
                if text not in detected:
                    detected[text] = (find_attributions(text, outlets), find_hedges(text))
                stance, akind, cue, source = propose_stance(0, len(text), text, *detected[text])
                form = next(i for i in ids if rows[j] in forms[i].rows)
                sim = 1.0 if form == center else grouping.similarity(forms[form], forms[center], idf)
                evidence.append(
                    {
                        "claim_id": claim_id,
                        "source_id": sid,
                        "quote": text,
                        "stance": stance,
                        "attributed_to": source if akind != "none" else "",
                        "attribution_kind": akind,
                        "hedge": cue if stance == "hedges" else "",
                        "note": f"{UNREVIEWED} (proposed stance and attribution)",
                        "occurrence": _occurrence(str(corpus.at[sid, "text"]), text, start),
                        "start": start,
                        "end": end,
                        "candidate": cand,
                        "score": round(sim, 3),
                        "grouped_by": reason,
                    }
                )
    return Discovery(
        pd.DataFrame(claims, columns=list(CLAIMS_OUT)),
        pd.DataFrame(evidence, columns=list(EVIDENCE_OUT)),
        pd.DataFrame(slots, columns=list(SLOT_COLUMNS)),
        len(statements),
        len(corpus),
        skipped,
    )


def without_reviewed(found: Discovery, coded: pd.DataFrame) -> Discovery:
    """The discovery less the candidates a coder already wrote: every telling overlaps a coded quote (start/end)."""
    if found.evidence.empty or coded is None or coded.empty:
        return found
    spans = coded.groupby("source_id")[["start", "end"]].apply(lambda g: list(zip(g["start"], g["end"], strict=True)))
    covered = [
        any(s < e2 and s2 < e for s2, e2 in spans.get(sid, []))
        for sid, s, e in zip(found.evidence["source_id"], found.evidence["start"], found.evidence["end"], strict=True)
    ]
    done = found.evidence.assign(_c=covered).groupby("candidate")["_c"].all()
    done = set(done[done].index)
    keep = ~found.claims["candidate"].isin(done)
    slots = found.slots[found.slots["slot"].isin(found.claims.loc[keep, "slot"])]
    return Discovery(
        found.claims[keep].reset_index(drop=True),
        found.evidence[~found.evidence["candidate"].isin(done)].reset_index(drop=True),
        slots.reset_index(drop=True),
        found.statements,
        found.articles,
        found.not_analysed,
    )


#: Candidates and columns a discovered matrix shows at most (the rest are in the CSV files).
MATRIX_ROWS, MATRIX_COLUMNS = 25, 20


def discovered_matrix(found: Discovery, chains: pd.Series | None = None, top: int = MATRIX_ROWS) -> pd.DataFrame:
    """The top candidates x articles (stance proposed per telling), or x chains when there are many articles.

    Rows are the ``top`` candidate claims in rank order, labelled with their statement; a cell is
    the proposed stance (blank: the article does not tell it). With more than
    :data:`MATRIX_COLUMNS` articles, columns are reporting chains and a cell counts the chain's
    articles telling it. Nothing here is reviewed: it is material for the workbench.
    """
    if found.claims.empty:
        return pd.DataFrame()
    keep = list(dict.fromkeys(found.claims["candidate"]))[:top]
    claims = found.claims[found.claims["candidate"].isin(keep)]
    ev = found.evidence[found.evidence["claim_id"].isin(claims["claim_id"])]
    label = pd.Series(
        (claims["candidate"] + " " + claims["claim_id"] + ": " + claims["statement"]).to_numpy(),
        index=claims["claim_id"],
    )
    order = list(label[claims["claim_id"]])
    if ev["source_id"].nunique() <= MATRIX_COLUMNS or chains is None:
        table = ev.assign(row=ev["claim_id"].map(label)).pivot_table(
            index="row", columns="source_id", values="stance", aggfunc="first", fill_value=""
        )
    else:
        table = ev.assign(row=ev["claim_id"].map(label), chain=ev["source_id"].map(chains).fillna(ev["source_id"]))
        table = table.pivot_table(index="row", columns="chain", values="source_id", aggfunc="nunique", fill_value=0)
        table = table[table.sum().sort_values(ascending=False).index[:MATRIX_COLUMNS]]
    table = table.reindex(order)
    table.index.name = "candidate claim (discovered, not reviewed)"
    table.columns.name = None
    return table


def candidate_suggestions(found: Discovery) -> Callable[[str], pd.DataFrame]:
    """The discovered tellings of an article as workbench suggestions: new claims with the candidate's statement.

    For :func:`helpers.claims.views.coding_workbench` on an uncoded corpus: the coder accepts a
    telling, edits the proposed statement and saves through the checked, locked saves.
    """
    statements = found.claims.set_index("claim_id")["statement"]

    def suggest(source_id: str) -> pd.DataFrame:
        mine = found.evidence[found.evidence["source_id"] == source_id]
        return pd.DataFrame(
            {
                "claim_id": "",
                "source_id": mine["source_id"],
                "quote": mine["quote"],
                "start": mine["start"].astype(int),
                "end": mine["end"].astype(int),
                "stance": mine["stance"],
                "attribution_kind": mine["attribution_kind"],
                "attributed_to": mine["attributed_to"],
                "score": mine["score"].astype(float),
                "suggestion": "candidate " + mine["candidate"] + " (" + UNREVIEWED + ")",
                "already_coded": False,
                "statement": mine["claim_id"].map(statements),
            }
        ).reset_index(drop=True)

    return suggest
