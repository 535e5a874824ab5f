"""Reading aids: the clues to copying a reader could notice without software.

Credit lines, quotes printed by two articles, variant spellings that travel with copied text,
and per pair the clues together with the label measured by :mod:`helpers.reuse`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from helpers import shingles
from helpers.reuse import NOT_DERIVED, STOP_WORDS, VERBATIM, corpus_column, pair_row_of, sentence_spans


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


_QUOTE = re.compile(r"[“\"]([^“”\"]{3,400})[”\"]")


def quotes(text: str) -> list[tuple[int, int]]:
    """Spans of the double-quoted passages of a text (straight or curly quotes)."""
    return [m.span(1) for m in _QUOTE.finditer(text)]


#: Two quotes are the same quote when the shorter one's normalised words match inside the
#: longer one at this rapidfuzz ``partial_ratio`` or more ("Tomorrow, we will see" inside
#: "He replied: 'Tomorrow, we will see'"); below 100 the wording was altered.
QUOTE_MIN_SCORE = 70.0


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
    (Syria / Syrian), no article uses both (Iran / Iraq are two words, not two spellings), and
    each is capitalised inside a sentence somewhere (a name, not "Most" / "Post" opening a line).
    """
    uses: dict[str, set[str]] = defaultdict(set)
    inside: set[str] = set()
    for sid, text in corpus["text"].items():
        for m in _NAME.finditer(text):
            word = re.sub(r"[’']s$", "", m.group())
            if len(word) >= 4:
                uses[word].add(str(sid))
                before = text[max(0, m.start() - 12) : m.start()].rstrip(" \t“\"‘'(")
                if before and before[-1] not in ".!?:\n":
                    inside.add(word)
    uses = {w: ids for w, ids in uses.items() if w in inside}
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
                if uses[a] & uses[b]:
                    continue
                rows.append((a, ", ".join(sorted(uses[a])), b, ", ".join(sorted(uses[b]))))
    return pd.DataFrame(rows, columns=["spelling_a", "used_by_a", "spelling_b", "used_by_b"]).sort_values(
        ["spelling_a", "spelling_b"], ignore_index=True
    )


def dependency_clues(corpus: pd.DataFrame, pairs_df: pd.DataFrame, passages_df: pd.DataFrame) -> pd.DataFrame:
    """Per pair, the clues a reader could see without software: a shared credit, the longest verbatim
    run, a quote both print, and the variant spellings both use. Pairs with no clue are left out.
    """
    credits = {sid: set(c) for sid, c in corpus_column(corpus, "credits", ()).items()}
    quotes_df = shared_quotes(corpus)
    variants = spelling_variants(corpus)
    spelled: dict[str, set[str]] = defaultdict(set)
    for r in variants.itertuples(index=False):
        for word, users in ((r.spelling_a, r.used_by_a), (r.spelling_b, r.used_by_b)):
            for sid in users.split(", "):
                spelled[sid].add(word)
    ids = [str(s) for s in corpus.index]
    rows = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            cred = ", ".join(sorted(credits[a] & credits[b]))
            sel = passages_df[
                (passages_df["kind"] == VERBATIM)
                & (
                    ((passages_df["source_a"] == a) & (passages_df["source_b"] == b))
                    | ((passages_df["source_a"] == b) & (passages_df["source_b"] == a))
                )
            ]
            run = sel.loc[sel["a_text"].str.len().idxmax(), "a_text"] if len(sel) else ""
            q = quotes_df[
                ((quotes_df["source_a"] == a) & (quotes_df["source_b"] == b))
                | ((quotes_df["source_a"] == b) & (quotes_df["source_b"] == a))
            ]
            quote = f"{q.iloc[0]['quote_a']} ({q.iloc[0]['kind']})" if len(q) else ""
            spell = ", ".join(sorted(spelled[a] & spelled[b]))
            if not (cred or run or quote or spell):
                continue
            try:
                label = pair_row_of(pairs_df, a, b)["label"]
            except KeyError:
                label = NOT_DERIVED
            rows.append((a, b, label, cred, run, quote, spell))
    columns = [
        "source_a",
        "source_b",
        "label",
        "both credit",
        "longest verbatim run",
        "quote in both",
        "same spellings",
    ]
    return pd.DataFrame(rows, columns=columns)
