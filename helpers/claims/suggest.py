"""Suggested claim codings for an article: which sentence tells which codebook claim, with stance and source.

Coding an article by hand means reading it against the whole codebook. This module proposes, for
every claim in ``claims.csv``, the article's sentence that tells it (if any), found by matching
the claim's statement and every quote already coded for it in *other* articles (never the
article's own codings, so a coded article is suggested exactly as an uncoded one would be):

* **words**: BM25 over content words (function words dropped, spelling normalised as in
  :mod:`helpers.reuse.shingles`, every alias of ``aliases.csv`` replaced by its entity, so
  "Qaddafi" and "Gaddafi" are one word);
* **character n-grams**: BM25 over the character trigrams of those words, which catches
  transliterations and inflections ("Ehab"/"Ihab", "fled"/"flight" do not, "armoured"/"armored" do);
* **fuzzy alignment**: the best :func:`rapidfuzz.fuzz.partial_ratio` of an already-coded quote
  against the sentence (rewrites of one wire story say the same thing in nearly the same words).

The score is a fixed weighted sum of the three (each on 0-1; a statement, in the codebook's own
words, is scored on words and characters alone), maximised over the claim's statement and quotes,
and damped when the sentence lacks the query's names and numbers (a sentence about another person
or another number does not tell the claim, however alike; a sentence with a pronoun also carries
the names of the sentence before it). A claim gets at most one suggestion per article (coding
rule R5); of rival claims in one slot told by the same sentence only the best is kept (R13); and
only scores reaching :data:`THRESHOLD` are kept: the lowest threshold at which leave-one-article-out
precision on the shipped corpus reaches :data:`PRECISION_FLOOR` (``make bench-suggest`` prints the
sweep, the per-article table and the threshold re-derived out of sample). :data:`WEIGHTS` and
:data:`KEY_FLOOR` were picked among a handful of settings on that same leave-one-out, so its
numbers are in-sample for them.

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

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from helpers import config
from helpers.claims.aliases import _pattern as _alias_pattern
from helpers.claims.aliases import load_aliases
from helpers.claims.coding import has_codings, read_codings
from helpers.core.errors import InputError, Problem
from helpers.core.text import FUNCTION_WORDS, quote_occurrences, sentence_spans
from helpers.corpus.load import Corpus, check_source_id
from helpers.reuse.shingles import words
from helpers.sourcing.detect import OUTLETS, corpus_outlets, find_attributions, find_hedges

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
#: Weights of word BM25, character-trigram BM25 and fuzzy alignment in the score (they sum to 1).
WEIGHTS = (0.70, 0.10, 0.20)
#: Least score for a claim suggestion: the lowest at which leave-one-article-out precision on the shipped corpus
#: reaches :data:`PRECISION_FLOOR` (``make bench-suggest`` prints the sweep and re-derives it out of sample).
THRESHOLD = 0.28
#: What "reasonably sure" means: at least this share of the suggestions kept are right.
PRECISION_FLOOR = 0.70
#: BM25 parameters (the usual defaults).
BM25_K1, BM25_B = 1.2, 0.75
#: Sentences per claim re-scored with fuzzy alignment (the best by words and characters).
RERANK = 3
#: Character n-gram length, and the share of sentences above which an n-gram is too common to index.
NGRAM, NGRAM_MAX_DF = 3, 0.2
#: A denial word: the article reports someone denying (stance ``denies``).
DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|dismiss(?:ed|es|ing)?\b[^.]{0,80}\bas\b|refut(?:e|es|ed|ing))\b", re.I
)
#: New-claim proposals need this many of the four signals (number, date, name, attribution) and this many words.
NEW_MIN_SIGNALS, NEW_MIN_WORDS = 2, 8
#: New-claim proposals are left out when their sentence matches some claim this well before alignment (the
#: suggestion threshold: the sentence probably tells a claim the codebook has).
NEW_MAX_CLAIM_SCORE = THRESHOLD


class NoCodebookError(InputError):
    """The corpus has no ``claims.csv``: there is nothing to suggest from."""


@dataclass(frozen=True)
class Codebook:
    """What suggestions are matched against: claims, coded quotes (with their article) and aliases."""

    claims: pd.DataFrame  # indexed by claim_id, with statement
    evidence: pd.DataFrame  # claim_id, source_id, quote (any other columns ignored)
    aliases: pd.DataFrame  # alias, entity

    def without(self, source_id: str) -> Codebook:
        """The codebook with one article's codings left out (its quotes must not suggest themselves)."""
        return Codebook(self.claims, self.evidence[self.evidence["source_id"] != source_id], self.aliases)


def read_codebook(corpus: Corpus) -> Codebook:
    """The corpus's codebook; raises :class:`NoCodebookError` (one line) when it has no ``claims.csv``."""
    if not has_codings(corpus):
        where = corpus.path(config.CLAIMS_NAME)
        raise NoCodebookError(
            [Problem(str(where), None, "no codebook yet: write claims.csv, then ask for suggestions")]
        )
    codings = read_codings(corpus)
    return Codebook(codings.claims, codings.evidence, load_aliases(corpus))


# --------------------------------------------------------------------------------------------
# Text to terms
# --------------------------------------------------------------------------------------------


def _entity_token(entity: str) -> str:
    return "ent" + re.sub(r"\W+", "", entity.casefold())


class _Terms:
    """Content words and character n-grams of texts, with aliases replaced by one token per entity."""

    def __init__(self, aliases: pd.DataFrame) -> None:
        self.lookup = dict(zip(aliases["alias"], aliases["entity"], strict=False)) if len(aliases) else {}
        self.pattern = _alias_pattern(tuple(self.lookup)) if self.lookup else None
        outlets = {o.casefold() for o in OUTLETS}
        #: Entity tokens of news organisations: a quote's credit line, not what the claim is about.
        self.outlet_tokens = {_entity_token(e) for e in self.lookup.values() if e.casefold() in outlets}

    def keys(self, ws: Sequence[str]) -> set[str]:
        """The words a sentence must share to tell the same claim: entities (not outlets) and numbers."""
        return {w for w in ws if (w.startswith("ent") and w not in self.outlet_tokens) or w.isdigit()}

    def words(self, text: str) -> list[str]:
        """Normalised content words (entity mentions as one token each)."""
        if self.pattern is not None:
            text = self.pattern.sub(lambda m: f" {_entity_token(self.lookup[m.group(0)])} ", text)
        return [w for w in words(text) if w not in FUNCTION_WORDS and (len(w) > 1 or w.isdigit())]

    @staticmethod
    def ngrams(ws: Sequence[str]) -> list[str]:
        """Character n-grams of the words, each word padded with boundary marks ("<eh", "eha", ...)."""
        return list(chain.from_iterable(map(_word_ngrams, ws)))


@lru_cache(maxsize=200_000)
def _word_ngrams(w: str) -> tuple[str, ...]:
    """One word's character n-grams (none for entities and numbers, matched as whole words only)."""
    if w.startswith("ent") or w.isdigit():
        return ()
    padded = f"<{w}>"
    return tuple(padded[i : i + NGRAM] for i in range(len(padded) - NGRAM + 1))


class _BM25:
    """An inverted index over documents' terms; scores queries normalised to 0-1 (1: every query term present)."""

    def __init__(self, docs: Sequence[Sequence[str]], max_df: float = 1.0) -> None:
        self.n = len(docs)
        lengths = np.fromiter(map(len, docs), dtype=np.float64, count=self.n)
        self.norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths / max(lengths.mean() if self.n else 1.0, 1e-9))
        codes, uniques = pd.factorize(pd.Series(list(chain.from_iterable(docs)), dtype=object))
        vocab = {t: i for i, t in enumerate(uniques)}
        doc_of = np.repeat(np.arange(self.n, dtype=np.int64), lengths.astype(np.int64))
        term_of = codes.astype(np.int64)
        pair, tf = np.unique(term_of * max(self.n, 1) + doc_of, return_counts=True)
        terms, self.post_doc = pair // max(self.n, 1), pair % max(self.n, 1)
        self.post_tf = tf.astype(np.float64)
        df = np.bincount(terms, minlength=len(vocab))
        self.bounds = np.concatenate([[0], np.cumsum(df)])
        self.idf = np.log(1 + (self.n - df + 0.5) / (df + 0.5))
        self.idf[df > max_df * self.n] = 0.0  # too common to tell sentences apart
        self.vocab = vocab

    def score(self, query: Sequence[str]) -> np.ndarray:
        """Normalised BM25 of one query against every document (0 when no term is shared)."""
        out = np.zeros(self.n)
        ids = [self.vocab[t] for t in set(query) if t in self.vocab]
        ideal = sum(math.log(1 + (self.n + 0.5) / 0.5) if t not in self.vocab else 0.0 for t in set(query))
        ideal += float(self.idf[ids].sum()) if ids else 0.0
        if not ids or ideal <= 0:
            return out
        for t in ids:
            lo, hi = self.bounds[t], self.bounds[t + 1]
            tf = self.post_tf[lo:hi]
            docs = self.post_doc[lo:hi]
            out[docs] += self.idf[t] * tf * (BM25_K1 + 1) / (tf + self.norm[docs])
        return np.minimum(out / ideal, 1.0)

    def coverage(self, keys: set[str]) -> np.ndarray:
        """Share of the key terms, weighted by idf, that each document holds (1 when there are none)."""
        if not keys:
            return np.ones(self.n)
        out = np.zeros(self.n)
        unseen = math.log(1 + (self.n + 0.5) / 0.5)
        total = sum(float(self.idf[self.vocab[t]]) if t in self.vocab else unseen for t in keys)
        for t in keys:
            if t in self.vocab:
                lo, hi = self.bounds[self.vocab[t]], self.bounds[self.vocab[t] + 1]
                out[self.post_doc[lo:hi]] += self.idf[self.vocab[t]]
        return out / total if total > 0 else np.ones(self.n)


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


def claim_queries(codebook: Codebook) -> pd.DataFrame:
    """Every text a claim is searched by: its statement, then each quote coded for it (claim_id, origin, text)."""
    rows = [(cid, "statement", str(st)) for cid, st in codebook.claims["statement"].items()]
    known = set(codebook.claims.index)
    rows += [
        (r.claim_id, f"quote from {r.source_id}", str(r.quote))
        for r in codebook.evidence.itertuples()
        if r.claim_id in known and str(r.quote)
    ]
    return pd.DataFrame(rows, columns=["claim_id", "origin", "text"])


_PRONOUN = re.compile(r"\b(?:he|she|they|his|her|their|him|them)\b", re.IGNORECASE)


def _with_antecedents(sentences: Sequence[str], terms: _Terms) -> list[list[str]]:
    """Each sentence's terms; one holding a personal pronoun also gets the names of the sentence before it.

    "He did not even bother warning relatives" tells a claim about the person the previous
    sentence names: a crude stand-in for resolving the pronoun, so the name is not missed.
    """
    out: list[list[str]] = []
    for i, sentence in enumerate(sentences):
        ws = terms.words(sentence)
        if i and _PRONOUN.search(sentence):
            ws = ws + sorted({w for w in out[i - 1] if w.startswith("ent")} - set(ws))
        out.append(ws)
    return out


def match_scores(
    sentences: Sequence[str], queries: pd.DataFrame, aliases: pd.DataFrame, background: Sequence[str] = ()
) -> dict[str, np.ndarray]:
    """Word and character BM25 of every query (rows) against every sentence (columns), 0-1 each.

    Also ``key``: the idf-weighted share of the query's names and numbers the sentence holds (a
    sentence about another person or another number does not tell the claim, however alike).

    ``background`` sentences (other articles) only sharpen the term weights: they are indexed
    with the sentences so that a word common in the corpus counts little, and are not scored.
    """
    terms = _Terms(aliases)
    all_words = _with_antecedents([*sentences, *background], terms)
    word_index = _BM25(all_words)
    char_index = _BM25([terms.ngrams(w) for w in all_words], max_df=NGRAM_MAX_DF)
    n = len(sentences)
    word, char, key = (np.zeros((len(queries), n)) for _ in range(3))
    for i, text in enumerate(queries["text"]):
        qw = terms.words(text)
        word[i] = word_index.score(qw)[:n]
        char[i] = char_index.score(terms.ngrams(qw))[:n]
        key[i] = word_index.coverage(terms.keys(qw))[:n]
    return {"word": word, "char": char, "key": key}


@lru_cache(maxsize=100_000)
def _fold(text: str) -> str:
    """A text as aligned: case folded, whitespace runs collapsed."""
    return " ".join(text.casefold().split())


def _fuzzy(a: str, b: str) -> float:
    """How well a coded quote aligns inside a sentence (0-1, both folded); the shorter one slides along the longer.

    Short strings align anywhere, so the ratio is scaled down below 40 characters.
    """
    if min(len(a), len(b)) < 12:
        return 0.0
    return fuzz.partial_ratio(a, b) / 100 * min(1.0, min(len(a), len(b)) / 40)


def _lexical(
    queries: pd.DataFrame, scores: dict[str, np.ndarray], weights: Sequence[float] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The key-term damping, the weighted word and character score, and the score before alignment (see below)."""
    w_word, w_char, _ = weights or WEIGHTS
    damp = KEY_FLOOR + (1 - KEY_FLOOR) * scores["key"]
    lexical = (w_word * scores["word"] + w_char * scores["char"]) * damp
    is_quote = np.char.startswith(queries["origin"].astype(str).to_numpy().astype(str), "quote")
    return damp, lexical, np.where(is_quote[:, None], lexical, lexical / (w_word + w_char))


def best_sentences(
    sentences: Sequence[str],
    queries: pd.DataFrame,
    scores: dict[str, np.ndarray],
    weights: Sequence[float] | None = None,
    floor: float = 0.0,
) -> pd.DataFrame:
    """For every claim, its best sentence: claim_id, sentence (index), score, word, char, fuzzy, matched_by.

    A quote's score is ``(w_word * word + w_char * char + w_fuzzy * fuzzy) * damp``, a statement's
    (in our words, no alignment expected) ``(w_word * word + w_char * char) / (w_word + w_char) * damp``,
    where ``damp`` is :data:`KEY_FLOOR` for a sentence holding none of the query's names and numbers
    and 1 for one holding all. The alignment is computed only for the :data:`RERANK` best sentences
    of a claim and only where it could lift the score above both ``floor`` and the best so far
    (so an article is scored against a large codebook in milliseconds). Claims whose best score is
    below ``floor`` may be left out.
    """
    columns = ["claim_id", "sentence", "score", "word", "char", "fuzzy", "matched_by"]
    if queries.empty or not len(sentences):
        return pd.DataFrame(columns=columns)
    w_word, w_char, w_fuzzy = weights or WEIGHTS
    damp, lexical, known = _lexical(queries, scores, (w_word, w_char, w_fuzzy))
    origins = queries["origin"].astype(str).to_numpy()
    texts = [_fold(t) for t in queries["text"].astype(str)]
    folded = [_fold(t) for t in sentences]
    is_quote = np.char.startswith(origins.astype(str), "quote")
    bound = np.where(is_quote[:, None], lexical + w_fuzzy * damp, known)  # the most a query can still reach
    order = np.argsort(queries["claim_id"].to_numpy(), kind="stable")
    cids = queries["claim_id"].to_numpy()[order]
    starts = np.flatnonzero(np.r_[True, cids[1:] != cids[:-1]])
    claim_of_row = np.empty(len(order), dtype=np.int64)
    claim_of_row[order] = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(order)]))
    per_claim = np.maximum.reduceat(known[order], starts, axis=0)  # claims x sentences
    k = min(RERANK, len(sentences))
    top = (
        np.argpartition(-per_claim, k - 1, axis=1)[:, :k]
        if len(sentences) > k
        else np.tile(np.arange(k), (len(starts), 1))
    )
    best_q = np.empty(len(starts), dtype=np.int64)
    best_s = np.argmax(per_claim, axis=1)
    best_v = per_claim[np.arange(len(starts)), best_s]
    best_f = np.zeros(len(starts))
    claim_bound = np.maximum.reduceat(np.where(is_quote[:, None], bound, -np.inf)[order], starts, axis=0)
    hopeful = np.take_along_axis(claim_bound, top, axis=1).max(axis=1) > np.maximum(floor, best_v)
    ends = np.r_[starts[1:], len(order)]
    for c in range(len(starts)):
        rows = order[starts[c] : ends[c]]
        best_q[c] = rows[np.argmax(known[rows, best_s[c]])]
        if not hopeful[c]:
            continue
        quote_rows = rows[is_quote[rows]]
        for s in top[c]:
            for qi in quote_rows:
                if bound[qi, s] <= max(floor, best_v[c]):
                    continue
                fz = _fuzzy(texts[qi], folded[s])
                total = lexical[qi, s] + w_fuzzy * fz * damp[qi, s]
                if total > best_v[c]:
                    best_v[c], best_s[c], best_q[c], best_f[c] = total, s, qi, fz
    keep = best_v >= floor
    return pd.DataFrame(
        {
            "claim_id": cids[starts][keep],
            "sentence": best_s[keep],
            "score": best_v[keep],
            "word": scores["word"][best_q, best_s][keep],
            "char": scores["char"][best_q, best_s][keep],
            "fuzzy": best_f[keep],
            "matched_by": origins[best_q][keep],
        },
        columns=columns,
    )


#: Score factor for a sentence holding none of the query's names and numbers (1 when it holds all).
KEY_FLOOR = 0.7


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
        best_any = _lexical(queries, scores)[2].max(axis=0) if len(queries) else np.zeros(len(spans))
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


# ---------------------------------------------------------------------------------------------
# Measured against the reference coding, one article held out at a time
# ---------------------------------------------------------------------------------------------


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether ``[a0, a1)`` and ``[b0, b1)`` share a character (a suggestion matches a coded quote)."""
    return a0 < b1 and b0 < a1


def held_out_candidates(corpus: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """Each article held out in turn: every claim's best sentence in it (any score), and whether the reference has it.

    The measure of :func:`suggest` without outside data: its own quotes never suggest themselves.
    """
    frames = []
    for sid in corpus.index:
        got = suggest(corpus, sid, codebook=book, threshold=0.0, new_claims=False)
        ref = book.evidence[book.evidence["source_id"] == sid]
        spans = {r.claim_id: (int(r.start), int(r.end)) for r in ref.itertuples()}
        ref_stance = dict(zip(ref["claim_id"], ref["stance"], strict=True))
        ref_kind = dict(zip(ref["claim_id"], ref["attribution_kind"], strict=True))
        got["hit"] = [
            cid in spans and overlaps(s, e, *spans[cid])
            for cid, s, e in zip(got["claim_id"], got["start"], got["end"], strict=True)
        ]
        got["ref_stance"] = got["claim_id"].map(ref_stance)
        got["ref_kind"] = got["claim_id"].map(ref_kind)
        got["n_ref"] = len(ref)
        frames.append(got)
    return pd.concat(frames, ignore_index=True)


def held_out_table(cands: pd.DataFrame, threshold: float | dict[str, float]) -> pd.DataFrame:
    """Per article and overall: reference codings, suggestions, recall, precision, stance and kind agreement."""
    rows = []
    sids = list(dict.fromkeys(cands["source_id"]))
    for sid in [*sids, "all"]:
        part = cands if sid == "all" else cands[cands["source_id"] == sid]
        th = part["source_id"].map(threshold) if isinstance(threshold, dict) else threshold
        kept = part[part["score"] >= th]
        hits = kept[kept["hit"]]
        n_ref = int(part.groupby("source_id")["n_ref"].first().sum())
        rows.append(
            {
                "article": sid,
                "reference": n_ref,
                "suggested": len(kept),
                "matched": len(hits),
                "recall": round(len(hits) / n_ref, 3) if n_ref else float("nan"),
                "precision": round(len(hits) / len(kept), 3) if len(kept) else float("nan"),
                "stance_agree": round(float((hits["stance"] == hits["ref_stance"]).mean()), 3)
                if len(hits)
                else float("nan"),
                "kind_agree": round(float((hits["attribution_kind"] == hits["ref_kind"]).mean()), 3)
                if len(hits)
                else float("nan"),
            }
        )
    return pd.DataFrame(rows).set_index("article")
