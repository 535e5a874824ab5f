"""Which sentence tells which claim: BM25 over words and character n-grams, then fuzzy alignment of coded quotes.

Every claim is searched by its statement and every quote already coded for it in other articles
(:func:`helpers.claims.codebook.claim_queries`), three ways:

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
the names of the sentence before it). :data:`WEIGHTS` and :data:`KEY_FLOOR`
were picked among a handful of settings on the shipped corpus's leave-one-article-out
(:mod:`helpers.claims.held_out`), so its numbers are in-sample for them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from helpers.claims.aliases import _pattern as _alias_pattern
from helpers.core.text import FUNCTION_WORDS
from helpers.reuse.shingles import words
from helpers.sourcing.detect import OUTLETS

#: Weights of word BM25, character-trigram BM25 and fuzzy alignment in the score (they sum to 1).
WEIGHTS = (0.70, 0.10, 0.20)
#: BM25 parameters (the usual defaults).
BM25_K1, BM25_B = 1.2, 0.75
#: Sentences per claim re-scored with fuzzy alignment (the best by words and characters).
RERANK = 3
#: Character n-gram length, and the share of sentences above which an n-gram is too common to index.
NGRAM, NGRAM_MAX_DF = 3, 0.2
#: Score factor for a sentence holding none of the query's names and numbers (1 when it holds all).
KEY_FLOOR = 0.7


# --------------------------------------------------------------------------------------------
# Text to terms
# --------------------------------------------------------------------------------------------


def _entity_token(entity: str) -> str:
    return "ent" + re.sub(r"\W+", "", entity.casefold())


class Terms:
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


_PRONOUN = re.compile(r"\b(?:he|she|they|his|her|their|him|them)\b", re.IGNORECASE)


def _with_antecedents(sentences: Sequence[str], terms: Terms) -> list[list[str]]:
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
    terms = Terms(aliases)
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


def lexical_scores(
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
    damp, lexical, known = lexical_scores(queries, scores, (w_word, w_char, w_fuzzy))
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
