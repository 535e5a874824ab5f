"""A synthetic corpus with known derivations, for measuring reuse detection at scale.

Most articles are *unrelated*: generated text over a large pseudo-vocabulary with English
function words, per-article topics (so unrelated articles on one topic share many words but no
sentences) and stock phrases ("did not respond to a request for comment") sprinkled across the
corpus, as news text has. A quarter of them quote a few sentences of another article: genuine
shared text, usually too little to be derivation (the hard negatives). A minority are
*derived*: copies of a root article (one of the real articles, or a generated "wire story") or
of another derivative of it, transformed by sentence dropping, reordering, synonym swaps and
insertion of unrelated generated sentences. Every sentence carries its provenance (the article
where it first appeared and its number there; inserted text originates in the derivative, so
a copy of that derivative shares it), so the truth is exact:

* Two articles sharing any sentence are **related** when the words of the sentences they share
  are at least :data:`TRUTH_MIN_OVERLAP` of the derived article's words (the later one; on the
  same date, the larger of the two shares), the rule the detector labels by; else
  **unrelated**. Pairs sharing nothing are unrelated and not listed.
* Across the families of real articles that are themselves related (the Reuters rewrites,
  which credit one upstream), pairs are **ambiguous**: how much two copies of sibling rewrites
  share depends on rewording the provenance cannot see, so they are left out of precision and
  recall. The root pairs themselves are related.

Everything is drawn from one seeded ``numpy`` generator: the same ``(n, seed)`` gives the same corpus.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers.core.text import sentence_spans
from helpers.corpus.load import load_corpus

#: Share of the corpus that is derived from another article.
DERIVED_SHARE = 0.15
#: Derivatives per family (uniform between these), so family sizes, and the number of related
#: pairs per article, stay bounded as the corpus grows, as they do in real news.
FAMILY_SIZE = (1, 12)
#: Probability that a derivative copies the root rather than an earlier derivative (chains).
COPY_ROOT_P = 0.6
#: Transformations, each drawn per derivative from these ranges.
DROP_P = (0.05, 0.4)  # each sentence dropped with this probability
SWAP_P = (0.1, 0.5)  # each word with a synonym replaced with this probability
INSERT_SHARE = (0.0, 0.6)  # generated unrelated words inserted, as a share of the kept words
REORDER_SWAPS = (0, 4)  # adjacent sentence swaps
#: Share of unrelated originals that quote a few sentences of another article (hard negatives:
#: genuine shared text, usually too little to count as derivation), and how many sentences.
QUOTE_SHARE = 0.25
QUOTE_SENTENCES = (1, 5)
#: A same-family pair is related when the derived side shares at least this share of its words.
TRUTH_MIN_OVERLAP = 0.2

#: Unrelated text: vocabulary size, number of topics, words per topic, article lengths.
VOCAB_SIZE = 40_000
N_TOPICS = 400
TOPIC_WORDS = 250
ARTICLE_WORDS = (300, 1300)
SENTENCE_WORDS = (8, 34)
FUNCTION_WORD_P = 0.42
TOPIC_WORD_P = 0.35
STOCK_PHRASE_P = 0.06

_FUNCTION_WORDS_TEXT = (
    "the of and to in a that for on with as was by at from he his it is said be an has have had were "
    "which who not but after its their they this also been are or would more than about over two into one "
    "last when will new before while there against under them what during since other up out all some"
)
FUNCTION_WORDS = tuple(_FUNCTION_WORDS_TEXT.split())

STOCK_PHRASES = (
    "did not respond to a request for comment",
    "according to people familiar with the matter",
    "said in a statement on",
    "spoke on condition of anonymity because they were not authorized",
    "could not be reached for comment",
    "declined to comment on the matter",
    "the ministry said in a statement",
    "told reporters on",
    "according to a senior official",
    "in an interview with",
    "it was not immediately clear",
    "officials said on condition of anonymity",
    "the report could not be independently verified",
    "a spokesperson for the",
    "in a televised address",
    "sign up for our newsletter to get the latest news",
    "subscribe to get the latest posts sent to your email",
    "additional reporting by",
    "editing by",
    "all rights reserved",
)

#: Synonym swaps for the real articles' English (both directions are used).
SYNONYMS = {
    "said": "stated",
    "fled": "escaped",
    "left": "departed",
    "leader": "chief",
    "forces": "troops",
    "officials": "authorities",
    "rebels": "insurgents",
    "president": "head of state",
    "reported": "said",
    "meeting": "gathering",
    "aides": "assistants",
    "family": "relatives",
    "country": "nation",
    "government": "administration",
    "sources": "informants",
    "took": "seized",
    "attempted": "tried",
    "killed": "slain",
    "wounded": "injured",
    "plane": "aircraft",
    "airport": "airfield",
    "help": "assistance",
    "support": "backing",
    "asked": "requested",
    "told": "informed",
    "home": "residence",
    "last": "final",
    "escape": "flight",
    "arrived": "landed",
    "videos": "footage",
    "war": "conflict",
    "rule": "reign",
    "secret": "covert",
    "began": "started",
    "many": "numerous",
    "however": "yet",
    "after": "following",
    "about": "regarding",
    "key": "crucial",
    "main": "principal",
    "senior": "high-ranking",
    "former": "ex-",
    "fell": "collapsed",
    "offensive": "assault",
    "visited": "toured",
    "warned": "cautioned",
    "decided": "chose",
    "revealed": "disclosed",
    "reportedly": "allegedly",
    "refused": "declined",
    "city": "town",
    "capital": "seat of power",
    "military": "armed forces",
    "diplomats": "envoys",
    "regime": "government",
    "allies": "partners",
    "abandoned": "deserted",
    "hours": "hrs",
    "days": "days'",
    "officer": "official",
    "brother": "sibling",
    "cousins": "relatives",
    "region": "area",
    "exit": "departure",
    "flight": "escape",
    "sought": "looked for",
    "requested": "asked for",
    "conversation": "call",
    "ambushed": "attacked",
    "immediately": "promptly",
    "sanctions": "penalties",
}
_SYN = {**{v: k for k, v in SYNONYMS.items() if " " not in v}, **SYNONYMS}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")

_ONSETS_TEXT = "b c d f g h j k l m n p r s t v w z br cr dr fr gr kr pr tr bl cl fl gl pl sl st sp sk ch sh th"
_ONSETS = tuple(_ONSETS_TEXT.split())
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "ia")
_CODAS = ["", "", "", "n", "r", "s", "l", "m", "t", "nd", "rt", "st", "x"]


def pseudo_vocabulary(size: int, rng: np.random.Generator) -> list[str]:
    """``size`` distinct pronounceable pseudo-words of two to four syllables."""
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < size:
        n = int(rng.integers(2, 5))
        word = "".join(
            _ONSETS[rng.integers(len(_ONSETS))]
            + _VOWELS[rng.integers(len(_VOWELS))]
            + _CODAS[rng.integers(len(_CODAS))]
            for _ in range(n)
        )
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


@dataclass
class Article:
    """One synthetic article: each sentence with its provenance ``(article where it first appeared, number)``."""

    source_id: str
    root: str
    parent: str
    sentences: list[str]
    provenance: list[tuple[str, int]]
    published: pd.Timestamp
    credits: tuple[str, ...] = ()
    outlet: str = "unknown"  # no outlet: successive stories of one named outlet would form one chain

    @property
    def text(self) -> str:
        """Sentences joined into paragraphs of three or four sentences."""
        paras = [" ".join(self.sentences[i : i + 4]) for i in range(0, len(self.sentences), 4)]
        return "\n".join(paras)


@dataclass
class Synthetic:
    """The generated corpus (shaped like ``load_corpus``), the truth and the generator's settings."""

    corpus: pd.DataFrame
    truth: pd.DataFrame  # source_a, source_b, overlap, status (related / unrelated / ambiguous)
    articles: dict[str, Article] = field(repr=False)


class _TextMaker:
    """Unrelated generated sentences over a Zipf-distributed pseudo-vocabulary with topics."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.vocab = np.asarray(pseudo_vocabulary(VOCAB_SIZE, rng), dtype=object)
        ranks = np.arange(1, VOCAB_SIZE + 1, dtype=float)
        weights = 1.0 / ranks**1.05
        self.cdf = np.cumsum(weights / weights.sum())
        self.topics = rng.integers(0, VOCAB_SIZE, size=(N_TOPICS, TOPIC_WORDS))
        self.function = np.asarray(FUNCTION_WORDS, dtype=object)

    def sentences(self, n_words: int, topic: int) -> list[str]:
        """Sentences totalling about ``n_words`` words on one topic."""
        rng = self.rng
        out: list[str] = []
        total = 0
        while total < n_words:
            length = int(rng.integers(*SENTENCE_WORDS))
            kind = rng.random(length)
            glob = self.vocab[np.searchsorted(self.cdf, rng.random(length))]
            topical = self.vocab[self.topics[topic, rng.integers(0, TOPIC_WORDS, length)]]
            func = self.function[rng.integers(0, len(self.function), length)]
            words = np.where(
                kind < FUNCTION_WORD_P, func, np.where(kind < FUNCTION_WORD_P + TOPIC_WORD_P, topical, glob)
            )
            words = list(words)
            if rng.random() < STOCK_PHRASE_P * 3:
                at = int(rng.integers(0, length))
                words[at:at] = STOCK_PHRASES[int(rng.integers(len(STOCK_PHRASES)))].split()
            words[0] = words[0].capitalize()
            out.append(" ".join(words) + ".")
            total += len(words)
        return out


def _swap_words(
    sentence: str, p: float, rng: np.random.Generator, vocab_index: dict[str, int], vocab: np.ndarray
) -> str:
    """Replace words by a synonym (English) or a neighbouring pseudo-word with probability ``p``."""

    def repl(m: re.Match[str]) -> str:
        word = m.group()
        low = word.lower()
        if low in _SYN:
            if rng.random() >= p:
                return word
            new = _SYN[low]
        elif low in vocab_index:
            if rng.random() >= p * 0.25:
                return word
            new = str(vocab[vocab_index[low] ^ 1])
        else:
            return word
        return new.capitalize() if word[0].isupper() else new

    return _WORD.sub(repl, sentence)


def _derive(
    parent: Article, sid: str, rng: np.random.Generator, maker: _TextMaker, vocab_index: dict[str, int]
) -> Article:
    """A derivative of ``parent``: sentences dropped, reordered, words swapped, unrelated text inserted."""
    drop = rng.uniform(*DROP_P)
    keep = [i for i in range(len(parent.sentences)) if rng.random() >= drop]
    if len(keep) < 3:
        keep = list(range(min(3, len(parent.sentences))))
    sents = [parent.sentences[i] for i in keep]
    prov = [parent.provenance[i] for i in keep]
    for _ in range(int(rng.integers(REORDER_SWAPS[0], REORDER_SWAPS[1] + 1))):
        if len(sents) > 1:
            i = int(rng.integers(0, len(sents) - 1))
            sents[i], sents[i + 1] = sents[i + 1], sents[i]
            prov[i], prov[i + 1] = prov[i + 1], prov[i]
    swap = rng.uniform(*SWAP_P)
    sents = [_swap_words(s, swap, rng, vocab_index, maker.vocab) for s in sents]
    kept_words = sum(len(s.split()) for s in sents)
    n_insert = int(rng.uniform(*INSERT_SHARE) * kept_words)
    if n_insert:
        extra = maker.sentences(n_insert, int(rng.integers(N_TOPICS)))
        for k, s in enumerate(extra):
            at = int(rng.integers(0, len(sents) + 1))
            sents.insert(at, s)
            prov.insert(at, (sid, k))  # new text originates here; later copies of this article share it
    published = parent.published + pd.Timedelta(days=int(rng.integers(0, 4)))
    credits = parent.credits if rng.random() < 0.5 else ()
    return Article(sid, parent.root, parent.source_id, sents, prov, published, credits)


def _real_articles() -> list[Article]:
    """The repository's articles as roots, split into sentences with their own provenance."""
    corpus = load_corpus()
    out = []
    for sid, row in corpus.iterrows():
        sents = [row["text"][a:b] for a, b in sentence_spans(row["text"])]
        out.append(
            Article(
                str(sid),
                str(sid),
                "",
                sents,
                [(str(sid), i) for i in range(len(sents))],
                row["published"],
                tuple(row["credits"]),
                str(row["outlet"]),
            )
        )
    return out


def _truth(articles: dict[str, Article], related_roots: set[frozenset[str]]) -> pd.DataFrame:
    """Every pair sharing any root sentence, with its overlap and status; pairs not listed are unrelated."""
    words_of: dict[str, int] = {sid: sum(len(s.split()) for s in a.sentences) for sid, a in articles.items()}
    root_words: dict[tuple[str, int], int] = {}
    holders: dict[tuple[str, int], set[str]] = defaultdict(set)
    for sid, a in articles.items():
        for s, p in zip(a.sentences, a.provenance, strict=True):
            if p is not None:
                holders[p].add(sid)
                if p[0] == sid:
                    root_words[p] = len(s.split())
    pairs: set[tuple[str, str]] = set()
    for group in holders.values():
        pairs.update(itertools.combinations(sorted(group), 2))
    family_of = {sid: a.root for sid, a in articles.items()}
    rows = []
    for x, y in sorted(pairs):
        ax, ay = articles[x], articles[y]
        shared = {p for p in ax.provenance if p} & {p for p in ay.provenance if p}
        shared_words = sum(root_words[p] for p in shared)
        share_x, share_y = shared_words / max(words_of[x], 1), shared_words / max(words_of[y], 1)
        if ax.published == ay.published:
            overlap = max(share_x, share_y)
        else:
            overlap = share_x if ax.published > ay.published else share_y
        status = "related" if overlap >= TRUTH_MIN_OVERLAP else "unrelated"
        if frozenset((family_of[x], family_of[y])) in related_roots and {x, y} != {family_of[x], family_of[y]}:
            status = "ambiguous"
        rows.append((x, y, round(overlap, 4), status))
    listed = set(pairs)
    families: dict[str, list[str]] = defaultdict(list)
    for sid, root in family_of.items():
        families[root].append(sid)
    for pair in sorted(related_roots, key=sorted):
        r1, r2 = sorted(pair)
        for x in families[r1]:
            for y in families[r2]:
                a, b = sorted((x, y))
                if (a, b) not in listed:
                    rows.append((a, b, float("nan"), "related" if {a, b} == {r1, r2} else "ambiguous"))
    frame = pd.DataFrame(rows, columns=["source_a", "source_b", "overlap", "status"])
    frame.loc[frame.apply(lambda r: frozenset((r.source_a, r.source_b)) in related_roots, axis=1), "status"] = "related"
    return frame


def generate(n_articles: int, seed: int = 0) -> Synthetic:
    """A corpus of ``n_articles`` (at least the real ones) with the truth of which pairs are derived."""
    rng = np.random.default_rng(seed)
    maker = _TextMaker(rng)
    vocab_index = {w: i for i, w in enumerate(maker.vocab)}
    real = _real_articles()
    n_articles = max(n_articles, len(real))
    n_derived = round(DERIVED_SHARE * n_articles)
    n_original = n_articles - n_derived - len(real)
    if n_original < 0:
        n_derived, n_original = n_articles - len(real), 0
    base = pd.Timestamp("2024-12-01")
    articles: dict[str, Article] = {a.source_id: a for a in real}
    originals = []
    for k in range(n_original):
        sid = f"orig-{k:05d}"
        sents = maker.sentences(int(rng.integers(*ARTICLE_WORDS)), int(rng.integers(N_TOPICS)))
        art = Article(
            sid,
            sid,
            "",
            sents,
            [(sid, i) for i in range(len(sents))],
            base + pd.Timedelta(days=int(rng.integers(0, 30))),
        )
        if rng.random() < QUOTE_SHARE and len(articles) > 1:
            donor = articles[list(articles)[int(rng.integers(0, len(articles) - 1))]]
            for _ in range(int(rng.integers(*QUOTE_SENTENCES))):
                i = int(rng.integers(len(donor.sentences)))
                at = int(rng.integers(0, len(art.sentences) + 1))
                art.sentences.insert(at, donor.sentences[i])
                art.provenance.insert(at, donor.provenance[i])
            art.published = max(art.published, donor.published)
        articles[sid] = art
        originals.append(sid)
    roots = [a.source_id for a in real]
    shuffled = list(rng.permutation(originals)) if originals else []
    families: dict[str, list[str]] = {}
    made = 0
    while made < n_derived:
        if roots:
            root = roots.pop(0)
        elif shuffled:
            root = str(shuffled.pop())
        else:
            root = real[int(rng.integers(len(real)))].source_id
        families.setdefault(root, [root])
        size = min(int(rng.integers(FAMILY_SIZE[0], FAMILY_SIZE[1] + 1)), n_derived - made)
        for _ in range(size):
            members = families[root]
            parent = (
                root
                if len(members) == 1 or rng.random() < COPY_ROOT_P
                else str(members[int(rng.integers(1, len(members)))])
            )
            sid = f"copy-{made:05d}"
            articles[sid] = _derive(articles[parent], sid, rng, maker, vocab_index)
            members.append(sid)
            made += 1
    related_roots = set()
    for x, y in itertools.combinations(real, 2):
        if set(x.credits) & set(y.credits):
            related_roots.add(frozenset((x.source_id, y.source_id)))
    corpus = pd.DataFrame(
        {
            "outlet": [a.outlet for a in articles.values()],
            "published": [a.published for a in articles.values()],
            "credits": [a.credits for a in articles.values()],
            "upstream_inferred": ["" for _ in articles],
            "text": [a.text for a in articles.values()],
        },
        index=pd.Index(list(articles), name="source_id"),
    )
    return Synthetic(corpus, _truth(articles, related_roots), articles)


def score(detected: set[tuple[str, str]], truth: pd.DataFrame) -> dict[str, float]:
    """Recall and precision of detected pairs (``a < b``) against the truth; ambiguous pairs left out."""
    related = {
        (a, b) for a, b, s in truth[["source_a", "source_b", "status"]].itertuples(index=False) if s == "related"
    }
    ambiguous = {
        (a, b) for a, b, s in truth[["source_a", "source_b", "status"]].itertuples(index=False) if s == "ambiguous"
    }
    judged = {p for p in detected if p not in ambiguous}
    hits = len(judged & related)
    return {
        "truth_pairs": len(related),
        "detected": len(judged),
        "recall": hits / len(related) if related else float("nan"),
        "precision": hits / len(judged) if judged else float("nan"),
    }
