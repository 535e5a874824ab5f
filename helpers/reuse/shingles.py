"""Word tokens, light normalisation and hashed word n-gram shingles, plus the inverted index over them.

Normalisation only removes differences that say nothing about who copied whom: case, curly vs
straight quotes and apostrophes, possessive ``'s``, punctuation, and cheap British/American
spelling pairs (armoured/armored, defence/defense, -ise/-ize, neighbour/neighbor). It is applied
to both sides, so the canonical form need not be a real word; it only has to be the same for
both spellings. Transliterations of names (Buthaina/Bouthaina, Ehab/Ihab) are left apart on
purpose: which spelling an outlet uses is evidence of whose copy it used.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain

import numpy as np

#: A word: letters with optional inner apostrophes ("didn't", "minister’s"), or a run of digits.
#: Digits and letters are split ("4th" -> "4", "th"; "10.30pm" -> "10", "30", "pm") so that
#: "10:30 PM" and "10.30pm" give the same tokens.
TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’‘ʼ`][^\W\d_]+)*|\d+")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "′": "'"})

#: Whole-word British -> American (or variant -> one form) spellings not covered by the rules below.
SPELLING_WORDS: dict[str, str] = {
    "towards": "toward",
    "whilst": "while",
    "amongst": "among",
    "grey": "gray",
    "programme": "program",
    "programmes": "programs",
    "jewellery": "jewelry",
    "aluminium": "aluminum",
    "tyre": "tire",
    "tyres": "tires",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "judgement": "judgment",
    "judgements": "judgments",
    "ageing": "aging",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "instalment": "installment",
    "practise": "practice",
    "practised": "practiced",
    "storey": "story",
    "plough": "plow",
    "mould": "mold",
    "learnt": "learned",
    "spelt": "spelled",
    "burnt": "burned",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "pyjamas": "pajamas",
    "kerb": "curb",
    "longtime": "long time",
}

#: (pattern, replacement) rules applied in order to a lower-cased word.
SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # defence/defense, offence, licence, pretence
    (re.compile(r"^(defen|offen|licen|preten)ce(s|less)?$"), r"\1se\2"),
    # centre/center, theatre, metre, litre, fibre, calibre, sombre, spectre, lustre, meagre, sabre
    (
        re.compile(r"^(cent|theat|met|kilomet|centimet|millimet|lit|fib|calib|somb|spect|lust|meag|sab)re(s|d)?$"),
        r"\1er\2",
    ),
    # armour/armor, neighbour, favour(ite), honour(able), behaviour, labour(er)...; stems of one
    # letter (four, your, hour, pour, tour) and fl-/sc- (flour, scour) are different words.
    (
        re.compile(r"^(?!(?:fl|sc)our)([a-z]{2,})our(s|ed|ing|ite|ites|able|ably|er|ers|hood|hoods|less|ful|ism)?$"),
        r"\1or\2",
    ),
    # -ise/-ize and -isation/-ization (organise, prioritised); stems shorter than three letters
    # (rise, wise, raise) are left alone. Over-applying (promise -> promize) is harmless: both sides map alike.
    (re.compile(r"^([a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    # analyse/analyze, paralyse
    (re.compile(r"^([a-z]{2,})ys(e|es|ed|ing)$"), r"\1yz\2"),
    # travelled/traveled, cancelled, labelled, modelling, fuelled, signalled...
    (
        re.compile(
            r"^(travel|cancel|label|model|fuel|signal|channel|counsel|level|marshal|total|dial|equal|tunnel"
            r"|quarrel|rival|shovel|jewel|duel|panel|spiral|funnel|grovel|snorkel|libel)l(ed|ing|er|ers)$"
        ),
        r"\1\2",
    ),
    # catalogue/catalog, dialogue, analogue
    (re.compile(r"^(catalog|dialog|analog|monolog|prolog|epilog)ue(s|d)?$"), r"\1\2"),
)


def normalize_word(raw: str) -> str:
    """One canonical form per word: NFKC, lower case, straight apostrophes, no possessive, one spelling.

    Not cached itself: :func:`_parts` memoises it per raw token, its only caller.
    """
    word = unicodedata.normalize("NFKC", raw).translate(_APOSTROPHES).casefold()
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    word = SPELLING_WORDS.get(word, word)
    for pattern, repl in SPELLING_RULES:
        if pattern.match(word):
            return pattern.sub(repl, word)
    return word


#: Raw word -> its normalised words (usually one; "longtime" gives two). Grows with the vocabulary.
_NORMAL_PARTS: dict[str, tuple[str, ...]] = {}


def _split_normal(raw: str) -> tuple[str, ...]:
    """The normalised word(s) of one raw token (usually one; none for a token that normalises away)."""
    norm = normalize_word(raw)
    return tuple(norm.split()) if " " in norm else ((norm,) if norm else ())


def _parts(raw: str) -> tuple[str, ...]:
    """The normalised word(s) of one raw token, memoised."""
    parts = _NORMAL_PARTS.get(raw)
    if parts is None:
        parts = _NORMAL_PARTS[raw] = _split_normal(raw)
    return parts


def _normal_parts(raws: list[str]) -> list[tuple[str, ...]]:
    """The normalised parts of each raw token (memoised per distinct raw token)."""
    missing = set(raws).difference(_NORMAL_PARTS)
    for raw in missing:
        _parts(raw)
    return list(map(_NORMAL_PARTS.__getitem__, raws))


def words(text: str) -> list[str]:
    """The normalised words of a text, in order (multi-word replacements are split)."""
    return list(chain.from_iterable(_normal_parts(TOKEN_RE.findall(text))))


@dataclass(frozen=True)
class Tokens:
    """A text's normalised words, their stable hashes and their character spans in the unmodified text.

    ``ids`` numbers each word in this process's vocabulary (:func:`vocabulary_word`), so that
    per-word tables (stop words, hashes) are looked up as arrays instead of word by word; the
    words themselves are read off the ids when first asked for (most texts never need them).
    """

    hashes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    ids: np.ndarray

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The normalised words, in text order (ids are this process's: see :func:`vocabulary_word`)."""
        return tuple(map(_VOCAB.__getitem__, self.ids.tolist()))

    def __len__(self) -> int:
        return len(self.starts)


#: The process's vocabulary of normalised words: id -> word, word -> id, id -> stable hash.
_VOCAB: list[str] = []
_VOCAB_ID: dict[str, int] = {}
_VOCAB_HASH = np.empty(1024, dtype=np.uint64)
#: Held while the vocabulary grows, so that threads of one process (a Dask worker's) number words alike.
_VOCAB_LOCK = threading.RLock()


def _word_id(word: str) -> int:
    """The vocabulary id of a normalised word, added on first sight."""
    global _VOCAB_HASH
    wid = _VOCAB_ID.get(word)
    if wid is not None:
        return wid
    with _VOCAB_LOCK:
        wid = _VOCAB_ID.get(word)
        if wid is not None:
            return wid
        wid = len(_VOCAB)
        if wid >= _VOCAB_HASH.size:
            _VOCAB_HASH = np.concatenate([_VOCAB_HASH, np.empty(_VOCAB_HASH.size, dtype=np.uint64)])
        _VOCAB_HASH[wid] = _stable_hash(word)  # kept here once: not in word_hash's memo as well
        _VOCAB.append(word)
        _VOCAB_ID[word] = wid  # published last: a reader that finds the id finds its word and hash
    return wid


def vocabulary_word(wid: int) -> str:
    """The normalised word of a vocabulary id (see :attr:`Tokens.ids`)."""
    return _VOCAB[wid]


def vocabulary_table(predicate: Callable[[str], bool], start: int = 0) -> np.ndarray:
    """``predicate`` of the vocabulary words from id ``start`` on, as a boolean array (extends a table)."""
    return np.fromiter(map(predicate, _VOCAB[start:]), dtype=bool, count=max(len(_VOCAB) - start, 0))


# Tokenising without a Python step per word: each character's class (letter, digit, apostrophe)
# from a table, word boundaries from where the class changes, and each raw word identified by a
# 64-bit hash of its characters computed for all words at once. Only a raw word not seen before
# is cut out of the text as a string, normalised and numbered.

_LETTER, _DIGIT, _APOSTROPHE = 1, 2, 3
_CLASS_RES = ((_LETTER, re.compile(r"[^\W\d_]")), (_DIGIT, re.compile(r"\d")), (_APOSTROPHE, re.compile(r"['’‘ʼ`]")))


def _char_class(char: str) -> int:
    """A character's class as :data:`TOKEN_RE` sees it (a letter first: ``ʼ`` is a letter and an apostrophe)."""
    return next((cls for cls, pattern in _CLASS_RES if pattern.fullmatch(char)), 0)


#: Class of every character of the Basic Multilingual Plane (the others are classed one by one).
_BMP_CLASS = np.fromiter((_char_class(chr(c)) for c in range(0x10000)), dtype=np.int8, count=0x10000)
#: Bits of a character's code point in a raw word's hash key (its offset in the word above them).
_CODE_BITS = np.uint64(21)
#: Raw-word hash -> vocabulary id of its one normalised word, or -1 when it normalises to several
#: words or none (their ids in :data:`_RAW_PARTS`): a sorted array pair searched for every word
#: at once, plus a dict of the words learnt since it was last rebuilt.
_RAW_TABLE: tuple[np.ndarray, np.ndarray] = (np.empty(0, np.uint64), np.empty(0, np.int64))
_RAW_NEW: dict[int, int] = {}
_RAW_PARTS: dict[int, tuple[int, ...]] = {}
#: The dict of new raw words is merged into the sorted arrays once it holds this many (or an eighth of them).
_RAW_MERGE_MIN = 4096


def _code_points(text: str) -> np.ndarray:
    """The code points of ``text``, one per string index (a lone surrogate included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _classes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Code points of ``text`` (index = string index) and their classes, inner apostrophes counted as letters."""
    cps = _code_points(text)
    astral = cps > 0xFFFF
    if astral.any():
        cls = np.zeros(cps.size, dtype=np.int8)
        cls[~astral] = _BMP_CLASS[cps[~astral]]
        cls[astral] = [_char_class(chr(c)) for c in cps[astral].tolist()]
    else:
        cls = _BMP_CLASS[cps]
    apostrophes = np.flatnonzero(cls == _APOSTROPHE)
    if apostrophes.size:
        padded = _padded(cls)
        inner = (padded[apostrophes] == _LETTER) & (padded[apostrophes + 2] == _LETTER)
        cls[apostrophes] = np.where(inner, _LETTER, 0)
    return cps, cls


def _padded(cls: np.ndarray) -> np.ndarray:
    """``cls`` with a class-0 character before and after it."""
    padded = np.zeros(cls.size + 2, dtype=np.int8)
    padded[1:-1] = cls
    return padded


def _raw_spans(cls: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``[start, end)`` of every raw word: a maximal run of letters, or of digits (what :data:`TOKEN_RE` matches)."""
    padded = _padded(cls)
    change = np.flatnonzero(padded[1:] != padded[:-1])
    return change[padded[change + 1] != 0], change[padded[change] != 0]


def _raw_hashes(cps: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each raw word: the sum of one mixed key per (code point, offset in the word)."""
    lengths = ends - starts
    before = np.cumsum(lengths) - lengths  # where each word's characters begin among all words' characters
    inside = np.repeat(starts - before, lengths) + np.arange(int(lengths.sum()))
    offset = inside - np.repeat(starts, lengths)
    keys = cps[inside].astype(np.uint64) | (offset.astype(np.uint64) << _CODE_BITS)
    with np.errstate(over="ignore"):
        mixed = _mix(keys * _MUL)
    return np.add.reduceat(mixed, before) if lengths.size else mixed[:0]


def _lookup(hashes: np.ndarray) -> np.ndarray:
    """Vocabulary ids of raw-word hashes (-2 where the raw word is not known yet, -1 several words)."""
    keys, values = _RAW_TABLE
    distinct, back = np.unique(hashes, return_inverse=True)  # sorted queries: the search stays in cache
    ids = np.full(distinct.size, -2, dtype=np.int64)
    if keys.size:
        at = np.minimum(np.searchsorted(keys, distinct), keys.size - 1)
        hit = keys[at] == distinct
        ids[hit] = values[at[hit]]
    missing = np.flatnonzero(ids == -2)
    if missing.size and _RAW_NEW:
        ids[missing] = [_RAW_NEW.get(h, -2) for h in distinct[missing].tolist()]
    return ids[back]


def _learn(text: str, hashes: np.ndarray, starts: np.ndarray, ends: np.ndarray, ids: np.ndarray) -> None:
    """Number the raw words of ``text`` not seen before (``ids`` of -2), filling ``ids`` in place."""
    global _RAW_TABLE
    unknown = np.flatnonzero(ids == -2)
    with _VOCAB_LOCK:
        for i in np.unique(hashes[unknown], return_index=True)[1].tolist():
            at = int(unknown[i])
            h = int(hashes[at])
            if h in _RAW_NEW:
                continue
            parts = _split_normal(text[int(starts[at]) : int(ends[at])])  # not memoised: the table keeps the result
            if len(parts) == 1:
                _RAW_NEW[h] = _word_id(parts[0])
            else:
                _RAW_PARTS[h] = tuple(map(_word_id, parts))
                _RAW_NEW[h] = -1
        ids[unknown] = [_RAW_NEW[h] for h in hashes[unknown].tolist()]
        keys, values = _RAW_TABLE
        if len(_RAW_NEW) >= max(_RAW_MERGE_MIN, keys.size // 8):
            new_keys = np.fromiter(_RAW_NEW, dtype=np.uint64, count=len(_RAW_NEW))
            new_values = np.fromiter(_RAW_NEW.values(), dtype=np.int64, count=len(_RAW_NEW))
            keys, values = np.concatenate([keys, new_keys]), np.concatenate([values, new_values])
            order = np.argsort(keys, kind="stable")
            _RAW_TABLE = (keys[order], values[order])  # one assignment: readers see the old pair or the new
            _RAW_NEW.clear()


def _expand(hashes: np.ndarray, starts: np.ndarray, ends: np.ndarray, ids: np.ndarray) -> tuple:
    """Starts, ends and ids with each raw word that normalises to several words (or none) replaced by its parts."""
    several = np.flatnonzero(ids == -1)
    parts = [_RAW_PARTS[h] for h in hashes[several].tolist()]
    counts = np.ones(ids.size, dtype=np.int64)
    counts[several] = [len(p) for p in parts]
    out = np.repeat(ids, counts)
    first = np.r_[0, np.cumsum(counts)[:-1]]
    for at, words in zip(first[several].tolist(), parts, strict=True):
        out[at : at + len(words)] = words
    return np.repeat(starts, counts), np.repeat(ends, counts), out


def tokenize(text: str) -> Tokens:
    """Normalised words with ``[start, end)`` offsets into ``text`` (a split word shares its span).

    The words are those of :data:`TOKEN_RE`, found without a Python step per word (see above): a
    long corpus is tokenised several times faster than by a regular expression and a dict look-up
    per word. Two different raw words share a 64-bit hash only by a chance the shingles (64-bit
    hashes of words) already take.
    """
    cps, cls = _classes(text)
    starts, ends = _raw_spans(cls)
    hashes = _raw_hashes(cps, starts, ends)
    ids = _lookup(hashes)
    if (ids == -2).any():
        _learn(text, hashes, starts, ends, ids)
    if (ids == -1).any():
        starts, ends, ids = _expand(hashes, starts, ends, ids)
    return Tokens(_VOCAB_HASH[ids], starts.astype(np.int64, copy=False), ends.astype(np.int64, copy=False), ids)


def blanked_tokens(tokens: Tokens, stored: str, blanked: str) -> Tokens:
    """The tokens of ``blanked`` (``stored`` with some words turned to spaces) from the ``tokens`` of ``stored``.

    Blanking a word's characters only removes that word (a space never joins or makes a word), so
    the blanked text's tokens are the stored ones less every token with a changed character.
    """
    changed = _code_points(stored) != _code_points(blanked)
    before = np.zeros(changed.size + 1, dtype=np.int64)
    np.cumsum(changed, out=before[1:])
    keep = before[tokens.ends] == before[tokens.starts]
    return Tokens(tokens.hashes[keep], tokens.starts[keep], tokens.ends[keep], tokens.ids[keep])


#: Normalised word -> stable 64-bit hash, memoised.
_HASHES: dict[str, int] = {}


def _stable_hash(word: str) -> int:
    """A stable 64-bit hash of a normalised word (same in every process, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def word_hash(word: str) -> int:
    """:func:`_stable_hash`, memoised."""
    h = _HASHES.get(word)
    if h is None:
        h = _HASHES[word] = _stable_hash(word)
    return h


def word_hashes(ws: Sequence[str]) -> np.ndarray:
    """Stable 64-bit hashes of a sequence of normalised words."""
    for word in set(ws).difference(_HASHES):
        word_hash(word)
    return np.fromiter(map(_HASHES.__getitem__, ws), dtype=np.uint64, count=len(ws))


_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_MUL = np.uint64(0x9E3779B97F4A7C15)


def _mix(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser, vectorised: spreads every input bit over the output."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


def shingle_hashes(hashes: np.ndarray, n: int) -> np.ndarray:
    """Hash of every window of ``n`` consecutive word hashes, in text order (one per position).

    A text shorter than ``n`` words gives one shingle of all its words, so that short texts can
    still be compared; an empty text gives none.
    """
    if n < 1:
        raise ValueError(f"shingle size must be at least 1, got {n}")
    size = len(hashes)
    if size == 0:
        return np.empty(0, dtype=np.uint64)
    n = min(n, size)
    count = size - n + 1
    out = hashes[:count].copy()
    with np.errstate(over="ignore"):
        for k in range(1, n):
            out = _mix(out * _MUL + hashes[k : k + count])
    return out


def shared_counts(
    sets: Sequence[np.ndarray], max_df: int | None = None, common_df: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For every pair of documents sharing shingles: ``(a, b, shared, distinctive)`` with ``a < b``.

    ``sets`` holds each document's sorted unique shingle hashes. Postings are built by one
    stable sort of all hashes; each posting list of ``k`` documents adds its ``k*(k-1)/2`` pairs,
    so the cost is the number of co-occurrences, not the square of the number of documents.
    Shingles in more than ``max_df`` documents are skipped altogether; ``distinctive`` counts
    only the shared shingles in at most ``common_df`` documents (all of them when ``None``).
    """
    ndocs = len(sets)
    empty = np.empty(0, dtype=np.int64)
    if ndocs < 2:
        return empty, empty, empty, empty
    lens = np.fromiter((len(s) for s in sets), dtype=np.int64, count=ndocs)
    hashes = np.concatenate([np.asarray(s, dtype=np.uint64) for s in sets])
    docs = np.repeat(np.arange(ndocs, dtype=np.int64), lens)
    keys, counts, distinctive = posting_pairs(hashes, docs, ndocs, max_df, common_df)
    return keys // ndocs, keys % ndocs, counts, distinctive


def posting_pairs(
    hashes: np.ndarray, docs: np.ndarray, ndocs: int, max_df: int | None = None, common_df: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of documents sharing shingles, from ``(hash, doc)`` postings: ``(a * ndocs + b, shared, distinctive)``.

    The work of :func:`shared_counts` on postings given as two arrays (each document's hashes
    unique, documents numbered ``0 .. ndocs-1`` with ``a < b`` in each key), so that a shuffle can
    hand any slice of the hash space to it: a posting list is whole in one slice, and the counts
    of one pair over slices add up. Keys come out sorted.
    """
    empty = np.empty(0, dtype=np.int64)
    if hashes.size == 0:
        return empty, empty, empty
    order = np.argsort(hashes)  # not stable (the SIMD sort, several times faster): each pair is ordered below
    hashes = hashes[order]
    docs = docs[order]
    del order
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    sizes = np.diff(np.r_[starts, hashes.size])
    limit = ndocs if max_df is None else max_df
    per_elem = np.repeat(sizes, sizes)
    keep = (per_elem >= 2) & (per_elem <= limit)
    hashes = hashes[keep]
    docs = docs[keep]
    rare = per_elem[keep] <= (ndocs if common_df is None else common_df)
    del per_elem, keep
    keys: list[np.ndarray] = []
    flags: list[np.ndarray] = []
    idx = np.arange(hashes.size - 1, dtype=np.int64)
    offset = 1
    while idx.size:
        idx = idx[hashes[idx + offset] == hashes[idx]]
        if idx.size:
            first, second = docs[idx], docs[idx + offset]
            keys.append(np.minimum(first, second) * ndocs + np.maximum(first, second))
            flags.append(rare[idx])
        offset += 1
        idx = idx[idx + offset < hashes.size]
    if not keys:
        return empty, empty, empty
    allkeys = np.concatenate(keys)
    allflags = np.concatenate(flags)
    del keys, flags
    order = np.argsort(allkeys)  # a sort and run bounds: np.unique with return_inverse is several times slower
    allkeys, allflags = allkeys[order], allflags[order]
    del order
    starts = np.flatnonzero(np.r_[True, allkeys[1:] != allkeys[:-1]])
    counts = np.diff(np.r_[starts, allkeys.size])
    distinctive = np.add.reduceat(allflags.astype(np.int64), starts)
    return allkeys[starts], counts.astype(np.int64), distinctive
