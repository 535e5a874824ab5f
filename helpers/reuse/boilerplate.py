"""Boilerplate: passages that recur across one outlet's different stories, or across many articles, set aside.

An editor's note on every story of a newsroom, a sign-off, an author's bio or a newsletter box says
nothing about who copied whom: left in, it makes a newsroom's unrelated stories look derived from
each other. A passage counts as boilerplate when its words recur (as five-word shingles) in at
least :data:`~helpers.reuse.settings.OUTLET_STOCK_MIN_DOCS` articles of one outlet that report
*different stories*, or in that many articles of several outlets and stories, over at least
:data:`~helpers.reuse.settings.BOILERPLATE_MIN_WORDS` words. Passages an outlet repeats within one
story (its updates) are kept: they are the evidence of an update. :func:`house_text` returns the
stories, the boilerplate table a reader can check, and the texts with the boilerplate blanked
(same length, so every character offset still points into the article as stored).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers.reuse import shingles
from helpers.reuse.candidates import common_limit
from helpers.reuse.outlets import outlet_keys
from helpers.reuse.settings import BOILERPLATE_MIN_WORDS, OUTLET_STOCK_MIN_DOCS, REUSE
from helpers.reuse.stories import story_table

BOILERPLATE_COLUMNS = ["source_id", "outlet", "start", "end", "words", "articles", "stories", "text"]
#: Fewer words than this left once an outlet's repeated passages are out: the story profile uses the whole text.
PROFILE_MIN_WORDS = 20


class HouseText(NamedTuple):
    """A corpus read once for reuse: its stories, its boilerplate passages, and its texts with those blanked."""

    stories: pd.DataFrame
    boilerplate: pd.DataFrame
    texts: dict[str, str]


class _Read(NamedTuple):
    """What boilerplate needs of one text: shingle hashes by start position, and its words' character spans."""

    hashes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    def __len__(self) -> int:
        return len(self.starts)


def _read(text: str, n: int, keep: list[shingles.Tokens] | None = None) -> _Read:
    """One text tokenised for :func:`_house_text` (its tokens appended to ``keep`` when given)."""
    tok = shingles.tokenize(text)
    if keep is not None:
        keep.append(tok)
    return _Read(shingles.shingle_hashes(tok.hashes, n), tok.starts, tok.ends)


def _recurring(sets: Mapping[str, np.ndarray], groups: Mapping[str, list[str]], min_docs: int) -> dict[str, set]:
    """Per group key: the shingles in at least ``min_docs`` of its articles (``sets``: each one's distinct shingles)."""
    out = {}
    for key, sids in groups.items():
        if len(sids) < min_docs:
            continue
        uniq, counts = np.unique(np.concatenate([sets[s] for s in sids]), return_counts=True)
        found = uniq[counts >= min_docs]
        if found.size:
            out[key] = set(found.tolist())
    return out


def _runs(flags: np.ndarray, n: int, n_tokens: int) -> list[tuple[int, int]]:
    """Token ranges covered by runs of flagged shingles (a shingle at i covers tokens i .. i+n-1)."""
    covered = np.zeros(n_tokens, dtype=bool)
    for i in np.flatnonzero(flags):
        covered[i : i + n] = True
    edges = np.flatnonzero(np.diff(np.r_[0, covered.astype(np.int8), 0]))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _member(values: np.ndarray, sorted_set: np.ndarray | None) -> np.ndarray:
    """Per value: whether it is in ``sorted_set`` (a sorted array; None is empty), by binary search."""
    if sorted_set is None or sorted_set.size == 0:
        return np.zeros(values.size, dtype=bool)
    at = np.minimum(np.searchsorted(sorted_set, values), sorted_set.size - 1)
    return sorted_set[at] == values


def _verdicts(sets: Sequence[np.ndarray], keys: Sequence[str], story_ids: Sequence[str], ndocs: int) -> tuple:
    """Per distinct shingle of each article (``sets`` concatenated): articles and stories it is boilerplate in, else 0.

    A shingle is boilerplate in an article when at least :data:`OUTLET_STOCK_MIN_DOCS` articles of
    its outlet hold it and they report more than one story; failing that, when so many articles of
    several outlets hold it (:func:`~helpers.reuse.candidates.common_limit`) and they report more
    than one story. The counts are those articles and their stories.
    """
    every = np.concatenate([np.empty(0, np.uint64), *sets])
    owner = np.repeat(np.arange(len(sets)), [s.size for s in sets])
    order = np.argsort(every)  # the (SIMD) quicksort: several times faster than np.unique with return_inverse
    ordered = every[order]
    run = np.zeros(every.size, dtype=np.int64)  # a number per distinct shingle, in sorted order
    np.cumsum(ordered[1:] != ordered[:-1], out=run[1:])
    del ordered
    where = np.empty_like(run)
    where[order] = run  # ... and in the articles' order
    held = np.flatnonzero(np.bincount(where)[where] >= OUTLET_STOCK_MIN_DOCS) if every.size else where  # enough
    outlet_code = pd.factorize(pd.Series(keys, dtype=object))[0]
    story_code = pd.factorize(pd.Series(story_ids, dtype=object))[0]
    occ = pd.DataFrame({"h": where[held], "o": outlet_code[owner[held]], "s": story_code[owner[held]]})
    by_outlet, by_shingle = occ.groupby(["h", "o"])["s"], occ.groupby("h")
    in_outlet, outlet_stories = by_outlet.transform("size").to_numpy(), by_outlet.transform("nunique").to_numpy()
    in_all, all_stories = by_shingle["s"].transform("size").to_numpy(), by_shingle["s"].transform("nunique").to_numpy()
    outlets = by_shingle["o"].transform("nunique").to_numpy()
    known = np.asarray([bool(k) for k in keys], dtype=bool)[owner[held]]
    own = known & (in_outlet >= OUTLET_STOCK_MIN_DOCS) & (outlet_stories > 1)
    wide = (in_all >= max(OUTLET_STOCK_MIN_DOCS, common_limit(ndocs))) & (outlets > 1) & (all_stories > 1)
    articles = np.zeros(every.size, dtype=np.int64)
    stories = np.zeros(every.size, dtype=np.int64)
    articles[held] = np.where(own, in_outlet, np.where(wide, in_all, 0))
    stories[held] = np.where(own, outlet_stories, np.where(wide, all_stories, 0))
    return articles, stories


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each character span replaced by spaces (line breaks kept), so offsets stay valid."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [c if c == "\n" else " " for c in chars[start:end]]
    return "".join(chars)


#: The last corpus read (its key and result): reuse, chains and clues of one corpus read it once.
_LAST: dict[tuple, HouseText] = {}
#: ... and the stored texts' tokens of the last in-process read, kept until :func:`take_tokens` hands them over once.
_LAST_TOKENS: dict[tuple, dict[str, shingles.Tokens]] = {}
#: ... and their distinct shingles (sorted), handed over with the tokens.
_LAST_SETS: dict[tuple, dict[str, np.ndarray]] = {}


def _key(corpus: pd.DataFrame, n: int) -> tuple:
    """The key under which a corpus's reading is remembered: shingle size, ids, outlets and texts."""
    texts = {str(sid): str(text) for sid, text in corpus["text"].items()}
    outlets = tuple(str(o) for o in corpus["outlet"]) if "outlet" in corpus else ()
    return (n, tuple(texts), outlets, hash(tuple(texts.values())))


def take_tokens(corpus: pd.DataFrame, n: int = REUSE.n) -> dict[str, shingles.Tokens]:
    """The stored texts' tokens of the last :func:`house_text` run on ``corpus`` in this process, once (else empty).

    The scan tokenises the blanked texts; a text with nothing blanked is its stored text, whose tokens
    the boilerplate pass already made (same process, so the same vocabulary ids): handed over, not redone.
    """
    return _LAST_TOKENS.pop(_key(corpus, n), {})


def take_sets(corpus: pd.DataFrame, n: int = REUSE.n) -> dict[str, np.ndarray]:
    """The stored texts' distinct shingles of the last ``keep_tokens`` read of ``corpus``, once (else empty)."""
    return _LAST_SETS.pop(_key(corpus, n), {})


def house_text(
    corpus: pd.DataFrame,
    n: int = REUSE.n,
    keep_tokens: bool = False,
) -> HouseText:
    """Stories, boilerplate passages and blanked texts of a corpus (see the module); the last one is remembered.

    With ``keep_tokens`` the stored texts' tokens and distinct shingles are kept too, for the scan
    (:func:`take_tokens` and :func:`take_sets`).
    """
    texts = {str(sid): str(text) for sid, text in corpus["text"].items()}
    outlets = tuple(str(o) for o in corpus["outlet"]) if "outlet" in corpus else ()
    key = (n, tuple(texts), outlets, hash(tuple(texts.values())))
    if key not in _LAST:
        _LAST.clear()
        _LAST_TOKENS.clear()
        _LAST_SETS.clear()
        tokens = _LAST_TOKENS.setdefault(key, {}) if keep_tokens else None
        sets = _LAST_SETS.setdefault(key, {}) if keep_tokens else None
        _LAST[key] = _house_text(corpus, texts, n, tokens, sets)
    found = _LAST[key]
    return HouseText(found.stories.copy(), found.boilerplate.copy(), dict(found.texts))


def _house_text(
    corpus: pd.DataFrame,
    texts: dict[str, str],
    n: int,
    keep_tokens: dict[str, shingles.Tokens] | None = None,
    keep_sets: dict[str, np.ndarray] | None = None,
) -> HouseText:
    """:func:`house_text` computed (the stored texts' tokens and distinct shingles into the ``keep_`` dicts)."""
    ids = list(texts)
    made: list[shingles.Tokens] = []
    tokens = {sid: _read(texts[sid], n, made if keep_tokens is not None else None) for sid in ids}
    if keep_tokens is not None:
        keep_tokens.update(zip(ids, made, strict=True))
    del made
    hashes = {sid: r.hashes for sid, r in tokens.items()}
    # each article's distinct shingles, and where each of its shingles is among them
    found_unique = [np.unique(hashes[sid], return_inverse=True) for sid in ids]
    per, back = [u for u, _ in found_unique], [b for _, b in found_unique]
    del found_unique
    if keep_sets is not None:
        keep_sets.update(zip(ids, per, strict=True))
    keys = outlet_keys(corpus)
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for sid in texts:
        if keys.get(sid):
            by_outlet[keys[sid]].append(sid)
    stock = _recurring(dict(zip(ids, per, strict=True)), by_outlet, OUTLET_STOCK_MIN_DOCS)
    profiled = {}
    stock_arrays = {key: np.sort(np.fromiter(found, dtype=np.uint64, count=len(found))) for key, found in stock.items()}
    for sid, tok in tokens.items():
        own = stock_arrays.get(keys.get(sid, ""))
        flags = _member(hashes[sid], own)
        runs = _runs(flags, n, len(tok))
        if len(tok) - sum(b - a for a, b in runs) < PROFILE_MIN_WORDS:
            runs = []
        profiled[sid] = _blank(texts[sid], [(int(tok.starts[a]), int(tok.ends[b - 1])) for a, b in runs])
    stories = story_table(profiled)
    bounds = np.r_[0, np.cumsum([p.size for p in per], dtype=np.int64)]
    articles, story_count = _verdicts(per, [keys.get(sid, "") for sid in ids], stories["story_id"].tolist(), len(ids))
    rows = []
    masked = dict(texts)
    for i, (sid, tok) in enumerate(tokens.items()):
        mine = articles[bounds[i] : bounds[i + 1]]
        if not mine.any():
            continue
        at_articles, at_stories = mine[back[i]], story_count[bounds[i] : bounds[i + 1]][back[i]]  # per position
        spans = []
        for a, b in _runs(at_articles > 0, n, len(tok)):
            if b - a < BOILERPLATE_MIN_WORDS:
                continue
            start, end = int(tok.starts[a]), int(tok.ends[b - 1])
            inside = slice(a, max(a + 1, b - n + 1))  # the shingles that start inside the passage
            most = int(at_articles[inside].max()), int(at_stories[inside].max())
            outlet = str(corpus.at[sid, "outlet"]) if "outlet" in corpus else ""
            rows.append((sid, outlet, start, end, b - a, *most, texts[sid][start:end]))
            spans.append((start, end))
        masked[sid] = _blank(texts[sid], spans)
    return HouseText(stories, pd.DataFrame(rows, columns=BOILERPLATE_COLUMNS), masked)


def boilerplate_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """The boilerplate passages of a corpus, one row per passage and article (see :func:`house_text`)."""
    return house_text(corpus).boilerplate


def corpus_stories(corpus: pd.DataFrame) -> pd.DataFrame:
    """``story_id, label, source_id``: articles grouped by the happening they report (:mod:`helpers.reuse.stories`)."""
    return house_text(corpus).stories
