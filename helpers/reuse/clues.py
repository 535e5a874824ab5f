"""Reading aids: the clues to copying a reader could notice without software.

Credit lines, quotes printed by two articles, variant spellings that travel with copied text,
and per pair the clues together with the label measured by :mod:`helpers.reuse.derivation`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from helpers.core.text import quote_spans, sentence_spans
from helpers.corpus.load import corpus_column
from helpers.reuse import shingles
from helpers.reuse.alignment import STOP_WORDS, VERBATIM
from helpers.reuse.boilerplate import house_text
from helpers.reuse.labels import NOT_DERIVED
from helpers.reuse.lexicon import COMMON_FIRST_NAMES
from helpers.reuse.settings import QUOTE_MIN_CHARS, QUOTE_MIN_SCORE


def credit_lines(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every sentence that names an outlet the article credits (what a reader sees first)."""
    rows = []
    for sid, text in corpus["text"].items():
        credited = corpus.at[sid, "credits"] if "credits" in corpus else ()
        for outlet in credited:
            pattern = re.compile(rf"\b{re.escape(outlet)}\b")
            for start, end in sentence_spans(text):
                if pattern.search(text, start, end):
                    rows.append((str(sid), outlet, text[start:end]))
    return pd.DataFrame(rows, columns=["source_id", "credits", "sentence"])


def quotes(text: str) -> list[tuple[int, int]]:
    """Spans of the double-quoted passages of a text, quote marks excluded (:func:`helpers.core.text.quote_spans`)."""
    return [(s + 1, e - 1) for s, e in quote_spans(text) if e - s - 2 >= QUOTE_MIN_CHARS]


def shared_quotes(corpus: pd.DataFrame) -> pd.DataFrame:
    """Quotes that appear in two articles, identical or altered, found through shared content words.

    Each quote is indexed by its content words; only quotes of different articles sharing at
    least two content words are compared, so the cost follows the shared vocabulary.
    """
    items = []
    for sid, text in corpus["text"].items():
        for start, end in quotes(text):
            norm = shingles.words(text[start:end])
            if len(norm) >= 3:
                items.append((str(sid), text[start:end], " ".join(norm), {w for w in norm if w not in STOP_WORDS}))
    by_word: dict[str, list[int]] = defaultdict(list)
    for k, item in enumerate(items):
        for w in item[3]:
            by_word[w].append(k)
    rows = []
    seen: set[tuple[int, int]] = set()
    for k, (sid, raw, norm, content) in enumerate(items):
        counts = Counter(j for w in content for j in by_word[w] if j > k and items[j][0] != sid)
        for j, shared in sorted(counts.items()):
            if shared < 2 or (k, j) in seen:
                continue
            seen.add((k, j))
            short, long_ = sorted((norm, items[j][2]), key=len)
            score = fuzz.partial_ratio(short, long_)
            if score >= QUOTE_MIN_SCORE:
                kind = "identical" if score == 100 else "altered"
                rows.append((sid, raw, items[j][0], items[j][1], round(score, 1), kind))
    return pd.DataFrame(rows, columns=["source_a", "quote_a", "source_b", "quote_b", "score", "kind"])


_NAME = re.compile(r"\b[A-Z][a-z]+(?:[’'][a-z]+)?\b")
_LOWER = re.compile(r"\b[a-z][a-z]+\b")


def _deletions(word: str, depth: int) -> set[str]:
    """The word with up to ``depth`` characters deleted (the keys of a deletion-neighbourhood index)."""
    keys = {word}
    for _ in range(depth):
        keys |= {k[:i] + k[i + 1 :] for k in keys for i in range(len(k))}
    return keys


def spelling_variants(corpus: pd.DataFrame) -> pd.DataFrame:
    """Capitalised words spelled two ways across the corpus, each article keeping to one spelling.

    Transliterations (Buthaina / Bouthaina) and house styles (Armoured / Armored) travel with
    copied text, so which articles share a spelling is a clue to who copied whom. Candidates
    come from a deletion-neighbourhood index (linear in the vocabulary); a pair is kept when the
    edit distance is 1 (2 for words of seven letters or more), neither is a prefix of the other
    (Kenya / Kenyan), no article uses both (Iran / Iraq are two words, not two spellings), and
    each is capitalised inside a sentence somewhere (a name, not "Most" / "Post" opening a line).
    Only rarer names count: not a word the corpus also writes in lower case (a dictionary word:
    "Back" / "Black", "Armoured"), not a common given name (:data:`helpers.reuse.lexicon.COMMON_FIRST_NAMES`),
    and the two spellings must be used in one story (:mod:`helpers.reuse.stories`): "Atlanta" and
    "Atlantic" in two different stories are two names, not one name spelled two ways. Boilerplate
    passages (:mod:`helpers.reuse.boilerplate`) are read as blank.
    """
    house = house_text(corpus)
    story_of = dict(zip(house.stories["source_id"], house.stories["story_id"], strict=True))
    lower: set[str] = set()
    for text in house.texts.values():
        lower.update(_LOWER.findall(text))
    uses: dict[str, set[str]] = defaultdict(set)
    inside: set[str] = set()
    for sid, text in house.texts.items():
        for m in _NAME.finditer(text):
            word = re.sub(r"[’']s$", "", m.group())
            if len(word) >= 4:
                uses[word].add(str(sid))
                before = text[max(0, m.start() - 12) : m.start()].rstrip(" \t“\"‘'(")
                if before and before[-1] not in ".!?:\n":
                    inside.add(word)
    rare = {w for w in uses if w in inside and w.lower() not in lower and w.lower() not in COMMON_FIRST_NAMES}
    uses = {w: ids for w, ids in uses.items() if w in rare}
    index: dict[str, set[str]] = defaultdict(set)
    for word in uses:
        for key in _deletions(word, 2 if len(word) >= 7 else 1):
            index[key].add(word)
    rows = []
    seen: set[tuple[str, str]] = set()
    for group in index.values():
        for a in group:
            for b in group:
                if a >= b or (a, b) in seen:
                    continue
                seen.add((a, b))
                limit = 2 if min(len(a), len(b)) >= 7 else 1
                if a.startswith(b) or b.startswith(a) or Levenshtein.distance(a, b) > limit:
                    continue
                if uses[a] & uses[b] or not {story_of.get(s) for s in uses[a]} & {story_of.get(s) for s in uses[b]}:
                    continue
                rows.append((a, ", ".join(sorted(uses[a])), b, ", ".join(sorted(uses[b]))))
    return pd.DataFrame(rows, columns=["spelling_a", "used_by_a", "spelling_b", "used_by_b"]).sort_values(
        ["spelling_a", "spelling_b"], ignore_index=True
    )


DEPENDENCY_COLUMNS = [
    "source_a",
    "source_b",
    "label",
    "both credit",
    "longest verbatim run",
    "quote in both",
    "same spellings",
]

_Key = tuple[str, str]


def _pair_keys(position: dict[str, int], a: object, b: object) -> _Key | None:
    """The unordered pair ``a`` / ``b`` in corpus order, or None when either is not in the corpus."""
    a, b = str(a), str(b)
    if a == b or a not in position or b not in position:
        return None
    return (a, b) if position[a] < position[b] else (b, a)


def _pairs_sharing(members: dict[str, list[str]], position: dict[str, int]) -> dict[_Key, list[str]]:
    """For a ``thing -> articles`` index, the things each unordered pair of articles shares."""
    shared: dict[_Key, list[str]] = defaultdict(list)
    for thing, ids in members.items():
        ordered = sorted(set(ids), key=position.__getitem__)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared[(a, b)].append(thing)
    return shared


def _first_by_pair(frame: pd.DataFrame, position: dict[str, int], value: pd.Series) -> dict[_Key, object]:
    """Per unordered pair of ``frame``'s ``source_a`` / ``source_b``, ``value`` of its first row."""
    out: dict[_Key, object] = {}
    for a, b, v in zip(frame["source_a"], frame["source_b"], value, strict=True):
        key = _pair_keys(position, a, b)
        if key is not None and key not in out:
            out[key] = v
    return out


def _longest_runs(passages_df: pd.DataFrame, position: dict[str, int]) -> dict[_Key, str]:
    """Per unordered pair, the longest verbatim passage's ``a_text`` (the first of the longest)."""
    verb = passages_df[passages_df["kind"] == VERBATIM]
    if verb.empty:
        return {}
    keys = [_pair_keys(position, a, b) for a, b in zip(verb["source_a"], verb["source_b"], strict=True)]
    frame = pd.DataFrame(
        {
            "k0": [k[0] if k else "" for k in keys],
            "k1": [k[1] if k else "" for k in keys],
            "n": verb["a_text"].str.len().to_numpy(),
            "text": verb["a_text"].to_numpy(),
        }
    )
    frame = frame[[k is not None for k in keys]].reset_index(drop=True)
    best = frame.groupby(["k0", "k1"], sort=False)["n"].idxmax()
    return {key: frame.at[row, "text"] for key, row in best.items()}


def dependency_clues(corpus: pd.DataFrame, pairs_df: pd.DataFrame, passages_df: pd.DataFrame) -> pd.DataFrame:
    """Per pair, the clues a reader could see without software: a shared credit, the longest verbatim
    run, a quote both print, and the variant spellings of rarer names both use (:func:`spelling_variants`).
    A shared credit or spelling counts only between articles of one story. Pairs with no clue are left out.

    Each clue is indexed by the unordered pair once (credits and spellings through an
    ``outlet / spelling -> articles`` index), so the cost follows the clues found, not the
    number of possible pairs. Rows are in corpus order of ``source_a``, then ``source_b``.
    """
    ids = [str(s) for s in corpus.index]
    position = {sid: i for i, sid in enumerate(ids)}
    credited: dict[str, list[str]] = defaultdict(list)
    for sid, credits in corpus_column(corpus, "credits", ()).items():
        for outlet in set(credits):
            credited[outlet].append(sid)
    stories = house_text(corpus).stories
    story_of = dict(zip(stories["source_id"], stories["story_id"], strict=True))
    # one agency credited on two different stories is two pieces of reporting: no clue
    credit = {k: v for k, v in _pairs_sharing(credited, position).items() if story_of.get(k[0]) == story_of.get(k[1])}
    runs = _longest_runs(passages_df, position)
    quotes_df = shared_quotes(corpus)
    quote = _first_by_pair(quotes_df, position, quotes_df["quote_a"] + " (" + quotes_df["kind"] + ")")
    variants = spelling_variants(corpus)
    spellers: dict[str, list[str]] = defaultdict(list)
    for r in variants.itertuples(index=False):
        for word, users in ((r.spelling_a, r.used_by_a), (r.spelling_b, r.used_by_b)):
            spellers[word].extend(sid for sid in users.split(", ") if sid in position)
    # a name is a clue between articles of one story only ("Bush" in two stories is two uses of a common name)
    spelling = {k: v for k, v in _pairs_sharing(spellers, position).items() if story_of.get(k[0]) == story_of.get(k[1])}
    labels = _first_by_pair(pairs_df, position, pairs_df["label"])
    rows = []
    for a, b in sorted({*credit, *runs, *quote, *spelling}, key=lambda k: (position[k[0]], position[k[1]])):
        cred = ", ".join(sorted(set(credit.get((a, b), ()))))
        run = runs.get((a, b), "")
        quoted = quote.get((a, b), "")
        spell = ", ".join(sorted(set(spelling.get((a, b), ()))))
        if cred or run or quoted or spell:
            rows.append((a, b, labels.get((a, b), NOT_DERIVED), cred, run, quoted, spell))
    return pd.DataFrame(rows, columns=DEPENDENCY_COLUMNS)
