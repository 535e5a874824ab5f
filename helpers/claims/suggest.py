"""Suggested claim codings for an article: which sentence tells which codebook claim, with stance and source.

Coding an article by hand means reading it against the whole codebook. This module proposes, for
every claim in ``claims.csv``, the article's sentence that tells it (if any), found by matching
the claim's statement and every quote already coded for it in *other* articles (never the
article's own codings, so a coded article is suggested exactly as an uncoded one would be) with
:mod:`helpers.claims.retrieval` (word and character BM25, fuzzy alignment of coded quotes).

A claim gets at most one suggestion per article (coding
rule R5); of rival claims in one slot told by the same sentence only the best is kept (R13); and
only scores reaching :data:`THRESHOLD` are kept, and on one sentence only claims within
:data:`SENTENCE_GAP` of its best (``make bench-suggest`` prints the sweep, the per-article tables
and the threshold re-derived out of sample; the measure itself is :mod:`helpers.claims.held_out`).

The stance and attribution kind are proposed from the detectors: a denial word gives ``denies``,
a hedge of :func:`helpers.sourcing.find_hedges` in the sentence ``hedges``, an attribution of
:func:`helpers.sourcing.find_attributions` ``attributes`` with its kind and source, else
``asserts`` / ``none`` (precedence as rule R7; ``contradicts`` needs a reading of two accounts and
is never proposed).

Sentences that match no claim but look checkable are proposed as new claims (empty ``claim_id``),
see :func:`new_claim_signals`. Everything is pure: :func:`suggest` returns a DataFrame, so a
workbench calls ``coding_workbench(corpus, codings, lambda sid: suggest(corpus, sid))`` and turns
an accepted row into an ``evidence.csv`` row with :func:`evidence_row`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.claims.codebook import Codebook, NoCodebookError, claim_queries, read_codebook
from helpers.claims.retrieval import best_sentences, lexical_scores, match_scores
from helpers.core.text import quote_occurrences, sentence_spans
from helpers.corpus.load import Corpus, check_source_id
from helpers.sourcing.detect import corpus_outlets, find_attributions, find_hedges

__all__ = [
    "COLUMNS",
    "PRECISION_FLOOR",
    "THRESHOLD",
    "Codebook",
    "NoCodebookError",
    "evidence_row",
    "new_claim_signals",
    "propose_stance",
    "read_codebook",
    "suggest",
    "suggest_text",
]

#: Output columns of :func:`suggest`, in order.
COLUMNS = (
    "claim_id",
    "source_id",
    "quote",
    "start",
    "end",
    "stance",
    "attribution_kind",
    "score",
    "suggestion",
    "already_coded",
    "matched_by",
    "cue",
    "attributed_to",
    "statement",
)
#: Least score for a claim suggestion: with SENTENCE_GAP, the setting whose recall on the unseen-codebook
#: leave-one-article-out (:func:`helpers.claims.held_out.unseen_book`) stays at 0.8 with the most precision; in-sample
#: for that measure (``make bench-suggest`` prints the sweep and re-derives it out of sample).
THRESHOLD = 0.26
#: A claim suggested on a sentence is dropped when another claim scores this much more on that sentence (a
#: sentence tells one or two claims; far weaker matches on it are mostly words the claims share). Chosen with
#: THRESHOLD on the unseen-codebook leave-one-out (``make bench-suggest``), so in-sample for that measure.
SENTENCE_GAP = 0.45
#: What "reasonably sure" means: at least this share of the suggestions kept are right.
PRECISION_FLOOR = 0.70
#: A denial word: the article reports someone denying (stance ``denies``).
DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|dismiss(?:ed|es|ing)?\b[^.]{0,80}\bas\b|refut(?:e|es|ed|ing))\b", re.I
)
#: New-claim proposals need this many of the four signals (number, date, name, attribution) and this many words.
NEW_MIN_SIGNALS, NEW_MIN_WORDS = 2, 8
#: New-claim proposals are left out when their sentence matches some claim this well before alignment (the
#: suggestion threshold: the sentence probably tells a claim the codebook has).
NEW_MAX_CLAIM_SCORE = THRESHOLD


# --------------------------------------------------------------------------------------------
# Stance and attribution
# --------------------------------------------------------------------------------------------


def propose_stance(
    start: int, end: int, text: str, found_attributions: pd.DataFrame, found_hedges: pd.DataFrame
) -> tuple[str, str, str, str]:
    """Stance, attribution kind, the cue that decided them and the source's words, for ``text[start:end]`` (R7)."""
    inside_a = found_attributions[(found_attributions["cue_start"] >= start) & (found_attributions["cue_end"] <= end)]
    inside_h = found_hedges[(found_hedges["start"] >= start) & (found_hedges["end"] <= end)]
    kind = str(inside_a["kind"].iat[0]) if len(inside_a) else "none"
    source = str(inside_a["source_text"].iat[0]) if len(inside_a) else ""
    denial = DENIAL.search(text, start, end)
    if denial:
        return "denies", kind if kind != "none" else "named", denial.group(0), source
    if len(inside_h):
        return "hedges", kind, str(inside_h["cue"].iat[0]), source
    if len(inside_a):
        return "attributes", kind, str(inside_a["cue"].iat[0]), source
    return "asserts", "none", "", ""


def evidence_row(suggestion: pd.Series | dict, text: str) -> dict[str, str]:
    """A suggestion as an ``evidence.csv`` row to check and save (a workbench's "accept" button).

    The quote gets ``occurrence`` when its words occur more than once in the article, the hedge
    cue goes into ``hedge``, the detected source into ``attributed_to`` (the coder resolves
    pronouns, rule R10), and ``note`` says the row was suggested, with its score.
    """
    row = dict(suggestion)
    quote, start = str(row["quote"]), int(row["start"])
    spans = quote_occurrences(quote, text)
    occurrence = str([s for s, _ in spans].index(start) + 1) if len(spans) > 1 else ""
    kind = str(row["attribution_kind"])
    return {
        "claim_id": str(row["claim_id"]),
        "source_id": str(row["source_id"]),
        "quote": quote,
        "stance": str(row["stance"]),
        "attributed_to": str(row.get("attributed_to", "")) if kind != "none" else "",
        "attribution_kind": kind,
        "hedge": str(row.get("cue", "")) if row["stance"] == "hedges" else "",
        "note": f"suggested (score {float(row['score']):.2f}); check against the coding rules",
        "occurrence": occurrence,
    }


# --------------------------------------------------------------------------------------------
# New claims
# --------------------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?)\b", re.I
)
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight)\b|\b\d{4}\b"
)
_CAPITAL = re.compile(r"(?<![.!?“\"‘]\s)(?<!^)\b[A-Z][\w’'-]+")


def new_claim_signals(sentence: str, has_attribution: bool) -> list[str]:
    """Why a sentence looks checkable: a number, a date, a name (a capitalised word not opening it), a source cue.

    A checkable claim says who, when or how many, or on whose word: a sentence with two of these
    signals (and :data:`NEW_MIN_WORDS` words, ending like a sentence, not a verification caveat,
    and told by no codebook claim) is proposed as a new claim. A plain heuristic, explained in the
    ``matched_by`` column, so a coder sees why a sentence was put forward.
    """
    signals = []
    if _NUMBER.search(sentence):
        signals.append("number")
    if _DATE.search(sentence):
        signals.append("date")
    if _CAPITAL.search(sentence.strip()):
        signals.append("name")
    if has_attribution:
        signals.append("attribution")
    return signals


# --------------------------------------------------------------------------------------------
# The suggestions of one article
# --------------------------------------------------------------------------------------------


def _one_per_slot(best: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Of competing claims (one slot, coding rule R13) told by the same sentence, only the best-scoring one.

    A sentence gives one account of a disputed point; its words match the rival accounts too
    (they share every word but the disputed one), so the weaker matches are dropped.
    """
    if "slot" not in claims.columns or best.empty:
        return best
    slot = best["claim_id"].map(claims["slot"]).fillna("")
    ranked = best.assign(_slot=slot).sort_values("score", ascending=False, kind="stable")
    rival = (ranked["_slot"] != "") & ranked.duplicated(["sentence", "_slot"])
    return ranked[~rival].drop(columns="_slot").sort_index()


def suggest_text(
    text: str,
    source_id: str,
    codebook: Codebook,
    *,
    background: Sequence[str] = (),
    outlets: Sequence[str] | None = None,
    threshold: float = THRESHOLD,
    new_claims: bool = True,
) -> pd.DataFrame:
    """Suggested codings of one text against a codebook (its own quotes already left out): :data:`COLUMNS`."""
    spans = sentence_spans(text)
    sentences = [text[s:e] for s, e in spans]
    queries = claim_queries(codebook)
    scores = match_scores(sentences, queries, codebook.aliases, background)
    best = best_sentences(sentences, queries, scores, floor=max(threshold, 0.0))
    attrs = find_attributions(text, outlets) if outlets is not None else find_attributions(text)
    hdgs = find_hedges(text)
    statements = codebook.claims["statement"].to_dict()
    rows = []
    told = set()
    best = _one_per_slot(best[best["score"] >= threshold], codebook.claims)
    best = best[best["score"] >= best.groupby("sentence")["score"].transform("max") - SENTENCE_GAP]
    for r in best.itertuples():
        start, end = spans[r.sentence]
        stance, kind, cue, source = propose_stance(start, end, text, attrs, hdgs)
        told.add(r.sentence)
        rows.append(
            {
                "claim_id": r.claim_id,
                "source_id": source_id,
                "quote": text[start:end],
                "start": start,
                "end": end,
                "stance": stance,
                "attribution_kind": kind,
                "score": round(float(r.score), 3),
                "suggestion": "codebook claim",
                "matched_by": f"{r.matched_by} (words {r.word:.2f}, characters {r.char:.2f}, alignment {r.fuzzy:.2f})",
                "cue": cue,
                "attributed_to": source,
                "statement": statements.get(r.claim_id, ""),
            }
        )
    rows.sort(key=lambda row: (-row["score"], row["start"], row["claim_id"]))
    if new_claims:
        best_any = lexical_scores(queries, scores)[2].max(axis=0) if len(queries) else np.zeros(len(spans))
        rows += _new_claims(text, source_id, spans, told, best_any, attrs, hdgs)
    out = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "already_coded"])
    out.insert(COLUMNS.index("already_coded"), "already_coded", False)
    return out.astype({"start": int, "end": int, "score": float})


def _new_claims(
    text: str,
    source_id: str,
    spans: Sequence[tuple[int, int]],
    told: set[int],
    best_any: np.ndarray,
    attrs: pd.DataFrame,
    hdgs: pd.DataFrame,
) -> list[dict]:
    """Sentences matching no claim that carry a checkable claim (see :func:`new_claim_signals`), best first."""
    rows = []
    disclaimers = hdgs[hdgs["family"] == "disclaimer"] if "family" in hdgs else hdgs.iloc[0:0]
    for k, (s, e) in enumerate(spans):
        sentence = text[s:e]
        if k in told or best_any[k] >= NEW_MAX_CLAIM_SCORE or len(sentence.split()) < NEW_MIN_WORDS:
            continue
        if sentence.rstrip()[-1:] not in ".”\"’'" or ((disclaimers["start"] >= s) & (disclaimers["end"] <= e)).any():
            continue  # a headline, a question or a verification caveat (a hedge, never a claim: rule R2)
        has_attr = bool(((attrs["cue_start"] >= s) & (attrs["cue_end"] <= e)).any())
        signals = new_claim_signals(sentence, has_attr)
        if len(signals) < NEW_MIN_SIGNALS:
            continue
        stance, kind, cue, source = propose_stance(s, e, text, attrs, hdgs)
        rows.append(
            {
                "claim_id": "",
                "source_id": source_id,
                "quote": sentence,
                "start": s,
                "end": e,
                "stance": stance,
                "attribution_kind": kind,
                "score": round(len(signals) / 4, 3),
                "suggestion": "new claim",
                "matched_by": "signals: " + ", ".join(signals),
                "cue": cue,
                "attributed_to": source,
                "statement": "",
            }
        )
    rows.sort(key=lambda row: (-row["score"], row["start"]))
    return rows


def suggest(
    corpus: Corpus,
    source_id: str,
    *,
    codebook: Codebook | None = None,
    threshold: float = THRESHOLD,
    new_claims: bool = True,
) -> pd.DataFrame:
    """Suggested codings of one article of the corpus (:data:`COLUMNS`), codebook claims best first, then new claims.

    The article's own codings never suggest themselves; ``already_coded`` says which suggested
    (claim, article) pairs ``evidence.csv`` already has. Raises :class:`NoCodebookError` without
    ``claims.csv`` and :class:`helpers.corpus.load.UnknownSourceError` for an unknown source id.
    """
    check_source_id(corpus, source_id)
    full = codebook if codebook is not None else read_codebook(corpus)
    book = full.without(source_id)
    background = [
        corpus.at[sid, "text"][s:e]
        for sid in corpus.index
        if sid != source_id
        for s, e in sentence_spans(corpus.at[sid, "text"])
    ]
    out = suggest_text(
        corpus.at[source_id, "text"],
        source_id,
        book,
        background=background,
        outlets=corpus_outlets(corpus),
        threshold=threshold,
        new_claims=new_claims,
    )
    coded = set(full.evidence.loc[full.evidence["source_id"] == source_id, "claim_id"])
    out["already_coded"] = out["claim_id"].isin(coded)
    return out
