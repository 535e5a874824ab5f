"""Lateral reading and Stop: tasks that send students out of the corpus, answered in their own words.

SIFT's first moves (Mike Caulfield) and Civic Online Reasoning's lateral reading: *Stop* (check your
own reaction and what you know of the source before reading on), *who runs this outlet*, *what do
other outlets say about this claim*, *where did this quote first appear*. These have no computed right
answer: the student records an answer, a sentence and the address they used; after submitting they
see what the package computed from the corpus (chains, credits, inferred upstreams, the outside
reference), presented as one more source beside theirs, not as ground truth. The debrief
(:func:`class_findings`) sets the class's answers beside those findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from helpers.claims.coding import Codings
from helpers.classroom.exercise import MOVES, _supporting, find_claims, join_words
from helpers.corpus.load import is_known_outlet
from helpers.corpus.provenance import KIND_ORIGINAL, source_kinds

#: Lateral-reading tasks in lesson order (the keys of :func:`build_lateral`).
LATERAL_KEYS = ("stop", "who_runs", "claim_elsewhere", "quote_origin")
#: What a reader can say on leaving the page, for the "what do other outlets say" task.
ELSEWHERE_CHOICES = (
    "another outlet confirms it with sources of its own",
    "other outlets only repeat the same report",
    "another outlet contradicts it",
    "I found nothing on it",
)
#: What kind of owner a search can find, for the "who runs this outlet" task.
OWNER_CHOICES = (
    "a news organisation with reporters of its own",
    "a site that mostly republishes other outlets' stories",
    "an organisation with a stake in the story (government, party, company, campaign)",
    "I could not find out",
)
#: The Stop move: a first reaction, noted before reading on.
REACTION_CHOICES = ("I believe it", "I doubt it", "I am not sure")
#: The Stop move: what the reader already knows of the source.
KNOW_CHOICES = ("I know who runs it", "I have heard of it", "I have never heard of it")


@dataclass(frozen=True, eq=False)
class Task:
    """An open task: question, choices (may be empty), the prompts, and the package's findings shown after."""

    key: str
    move: str
    question: str
    choices: tuple[str, ...]
    reason_prompt: str
    address_prompt: str  # empty: no address asked
    findings: str  # plain text, paragraphs separated by blank lines: what the package computed (after submitting)
    evidence: pd.DataFrame = field(default_factory=pd.DataFrame)
    extra_choices: tuple[str, ...] = ()  # a second question's choices (Stop: what do you know of the source)


def _lede(text: str, headline: str = "", limit: int = 320) -> str:
    """The first paragraph a reader meets after the headline, cut at a sentence end near ``limit``."""
    paras = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if len(p.strip()) > 60 and p.strip() != headline]
    first = paras[0] if paras else text.strip()
    if len(first) <= limit:
        return first
    cut = first[:limit]
    end = max(cut.rfind(". "), cut.rfind("” "))
    return cut[: end + 1] if end > 80 else cut.rstrip() + " …"


def _opening_article(corpus: pd.DataFrame) -> str | None:
    """The article the lesson opens on: the first (corpus order) with a headline and a known outlet, else the first."""
    for sid in corpus.index:
        if str(corpus.at[sid, "headline"]).strip() and is_known_outlet(corpus.at[sid, "outlet"]):
            return str(sid)
    return str(corpus.index[0]) if len(corpus) else None


def stop(corpus: pd.DataFrame) -> Task | None:
    """Stop: one headline and its first lines; the student notes a reaction and what they know of the outlet."""
    sid = _opening_article(corpus)
    if sid is None:
        return None
    art = corpus.loc[sid]
    outlet = art["outlet"] if is_known_outlet(art["outlet"]) else "this website"
    headline = str(art["headline"]).strip()
    shown = (f"“{headline}”\n\n" if headline else "") + _lede(str(art["text"]), headline)
    findings = (
        "Stop is about you, not the article: a strong reaction (it confirms what you thought, it makes you "
        "angry) is the moment to slow down. If you do not know who runs the source, do not judge the story "
        "by how it looks: the next tasks send you out of the page to find out.\n\n"
        f"What the package can say of {outlet}: only what its text shows (see the next tasks)."
    )
    return Task(
        key="stop",
        move=MOVES[0],
        question=f"{outlet} published this. Before reading on: what is your first reaction?\n\n{shown}",
        choices=REACTION_CHOICES,
        extra_choices=KNOW_CHOICES,
        reason_prompt=f"In one sentence: what made you react that way, and what do you know about {outlet}?",
        address_prompt="",
        findings=findings,
    )


def who_runs(corpus: pd.DataFrame) -> Task | None:
    """Investigate: who runs an outlet of the corpus (the first known outlet that passes on others' reporting)."""
    kinds = source_kinds(corpus)
    known = [sid for sid in corpus.index if is_known_outlet(corpus.at[sid, "outlet"])]
    if not known:
        return None
    sid = next((s for s in known if kinds.at[s, "kind"] != KIND_ORIGINAL), known[0])
    outlet = str(corpus.at[sid, "outlet"])
    mine = [s for s in known if corpus.at[s, "outlet"] == outlet]
    lines = [f"{s}: {kinds.at[s, 'kind']}: {kinds.at[s, 'evidence']}." for s in mine]
    urls = [str(corpus.at[s, "url"]) for s in mine if "url" in corpus.columns and str(corpus.at[s, "url"]).strip()]
    if urls:
        lines.append("The saved page's address: " + join_words(urls) + ".")
    lines.append(
        "That is all the package knows: it reads the text, not who owns the site. Your search is the only "
        "source here for who runs it: compare what you found with what the article's own text shows."
    )
    return Task(
        key="who_runs",
        move=MOVES[1],
        question=(
            f"Who runs {outlet}? Leave these articles: search the name elsewhere (not only the site's own "
            "'About' page) and find out who is behind it."
        ),
        choices=OWNER_CHOICES,
        reason_prompt=f"In one sentence: who is behind {outlet}, and does that matter for this story?",
        address_prompt="The address (URL) of the page that told you",
        findings="\n\n".join(lines),
        evidence=kinds.loc[mine].reset_index()[["source_id", "outlet", "kind", "evidence"]],
    )


def _outside_rows(outside: pd.DataFrame | None, words: list[str]) -> pd.DataFrame:
    """Outside reference rows whose event or title mentions any of ``words`` (case-insensitive)."""
    if outside is None or outside.empty or not words:
        return pd.DataFrame()
    text = (outside["event"].astype(str) + " " + outside["title"].astype(str)).str.casefold()
    mask = text.map(lambda t: any(w in t for w in words)).astype(bool)
    return outside.loc[mask]


def _content_words(text: str) -> list[str]:
    """The longer words of a statement (search words for the outside reference)."""
    return [w for w in re.findall(r"[\w'’-]+", text.casefold()) if len(w) >= 7]


def claim_elsewhere(
    codings: Codings, corpus: pd.DataFrame, chain_of: pd.Series, outside: pd.DataFrame | None, query: str
) -> Task | None:
    """Find better coverage: what other outlets, outside the corpus, say about a claim (found by ``query``)."""
    found = find_claims(codings, query)
    cid = next((c for c in found.index if len(_supporting(codings, c))), None)
    if cid is None:
        return None
    statement = str(codings.claims.at[cid, "statement"])
    sup = _supporting(codings, cid)
    chains = sorted({chain_of.get(s, s) for s in sup["source_id"]})
    words = [w.casefold() for w in re.findall(r"[\w'’-]+", query)]
    near = _outside_rows(outside, words)
    lines = [
        f"In the corpus, {len(sup)} article(s) carry it ({join_words(list(sup['source_id']))}), from "
        f"{len(chains)} reporting chain(s) ({join_words(chains)}), on the word of: "
        + "; ".join(f"{s}: {w or 'nobody named'}" for s, w in zip(sup["source_id"], sup["attributed_to"], strict=True))
        + "."
    ]
    if near.empty:
        lines.append("The package's outside reference has no row on it: your search is the only outside source here.")
    for r in near.to_dict("records"):
        lines.append(f"The outside reference lists: {r['date']}: {r['event']} ({r['cited_outlet']}, {r['address']}).")
    lines.append(
        "Set what you found beside this: an outlet that only repeats the same report adds no confirmation; "
        "one with its own sources does."
    )
    return Task(
        key="claim_elsewhere",
        move=MOVES[2],
        question=f"What do other outlets say about this claim: “{statement}”? Search for it outside these articles.",
        choices=ELSEWHERE_CHOICES,
        reason_prompt="In one sentence: which outlet said what, and on whose word?",
        address_prompt="The address (URL) of the best page you found",
        findings="\n\n".join(lines),
        evidence=sup[["source_id", "stance", "attributed_to", "attribution_kind", "quote"]].reset_index(drop=True),
    )


def quote_origin(
    codings: Codings, corpus: pd.DataFrame, chain_of: pd.Series, outside: pd.DataFrame | None, query: str
) -> Task | None:
    """Trace: where a sentence that several articles carry first appeared (the earliest telling is shown)."""
    found = find_claims(codings, query)
    cid = next((c for c in found.index if len(_supporting(codings, c)) >= 2), None)
    if cid is None:
        return None
    sup = _supporting(codings, cid).copy()
    sup["published"] = [str(corpus.at[s, "published"]) if s in corpus.index else "" for s in sup["source_id"]]
    shown = sup.sort_values(["published", "source_id"], kind="stable").iloc[0]
    credits = sorted({c for s in sup["source_id"] if s in corpus.index for c in corpus.at[s, "credits"]})
    upstream = sorted({str(corpus.at[s, "upstream_inferred"]) for s in sup["source_id"] if s in corpus.index} - {""})
    choices = tuple(dict.fromkeys([*credits, *upstream, *(str(corpus.at[s, "outlet"]) for s in sup["source_id"])]))
    choices = (*tuple(c for c in choices if is_known_outlet(c)), "somewhere else (give the address)")
    lines = [
        f"{len(sup)} articles carry it: "
        + "; ".join(
            f"{r['source_id']} ({chain_of.get(r['source_id'], r['source_id'])} chain): “{r['quote']}”"
            for r in sup.to_dict("records")
        )
        + "."
    ]
    if credits:
        lines.append(f"In their text the articles credit {join_words(credits)}.")
    if upstream:
        lines.append(f"Inferred (not in the text, reasoning in the manifest): an upstream {join_words(upstream)}.")
    named = [c.casefold() for c in [*credits, *upstream]]
    pubs = pd.DataFrame() if outside is None or outside.empty else outside[outside["kind"] == "publication"]
    pubs = (
        pubs[pubs["event"].str.casefold().map(lambda t: any(n in t for n in named)).astype(bool)] if len(pubs) else pubs
    )
    for r in pubs.to_dict("records"):
        lines.append(f"The outside reference: {r['date']}: {r['event']} ({r['cited_outlet']}, {r['address']}).")
    lines.append("The package finds relays and credits; the first appearance is what your search can show.")
    return Task(
        key="quote_origin",
        move=MOVES[3],
        question=(
            f"{shown['source_id']} writes: “{shown['quote']}” Where did this first appear? Search a distinctive "
            "phrase of it, in quotation marks, outside these articles."
        ),
        choices=choices,
        reason_prompt="In one sentence: where and when did it first appear, and who is its source there?",
        address_prompt="The address (URL) of the earliest page you found",
        findings="\n\n".join(lines),
        evidence=sup[["source_id", "published", "attributed_to", "quote"]].reset_index(drop=True),
    )


def build_lateral(
    corpus: pd.DataFrame,
    codings: Codings,
    chain_of: pd.Series,
    outside: pd.DataFrame | None,
    words: dict[str, str],
) -> dict[str, Task | None]:
    """Every lateral-reading task the corpus supports, keyed as :data:`LATERAL_KEYS`; None where it cannot."""
    claim_word = words.get("whose_word", "")
    return {
        "stop": stop(corpus),
        "who_runs": who_runs(corpus),
        "claim_elsewhere": claim_elsewhere(codings, corpus, chain_of, outside, claim_word) if claim_word else None,
        "quote_origin": quote_origin(codings, corpus, chain_of, outside, claim_word) if claim_word else None,
    }


def class_findings(tasks: dict[str, Task | None], first: pd.DataFrame) -> pd.DataFrame:
    """The debrief: per task, how the class answered (first attempts) beside the package's computed findings."""
    columns = ["task", "question", "class answers", "addresses used", "the package's findings"]
    rows = []
    for key, task in tasks.items():
        if task is None:
            continue
        mine = first[first["exercise"] == key] if not first.empty else first
        counts = mine["choice"].value_counts() if len(mine) else pd.Series(dtype=int)
        answers = "; ".join(f"{c} ×{n}" for c, n in counts.items()) or "no answer yet"
        addresses = sorted({a for a in mine["address"] if a}) if len(mine) else []
        rows.append(
            {
                "task": key,
                "question": task.question.split("\n\n")[0],
                "class answers": answers,
                "addresses used": "; ".join(addresses) or "none",
                "the package's findings": task.findings.split("\n\n")[0],
            }
        )
    return pd.DataFrame(rows, columns=columns)


def lateral_gaps(tasks: dict[str, Task | None]) -> list[str]:
    """One line per lateral-reading task left out, saying why."""
    why = {
        "stop": "the corpus has no article",
        "who_runs": "no article names a known outlet to look up",
        "claim_elsewhere": "no claim is found by [classroom] whose_word with at least one supporting article",
        "quote_origin": "no claim found by [classroom] whose_word is carried by two articles or more",
    }
    return [f"{key.replace('_', ' ')}: left out; {why[key]}" for key in LATERAL_KEYS if tasks.get(key) is None]
