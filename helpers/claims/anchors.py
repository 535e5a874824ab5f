"""A second grouping pass: statements left alone joined to a candidate by the anchors they share.

The first pass (:mod:`helpers.claims.grouping`) links statements worded alike. An outlet with
its own reporting tells the same thing in other words, so its sentence is often left alone even
though it names the same people, numbers, days and rare things. This pass gives every statement
*anchors* beside its content-word stems:

* numbers normalised (``two`` and ``2`` are ``#2``; ``24-year`` is ``#24``);
* dates normalised (``December 8``, ``8 December`` and ``Dec. 8`` are ``@12-08``; weekdays ``@sunday``);
* names by their consonant skeleton (``~khld`` for "Khaled" and "Khalid"; ``~mhmd`` for "Mohammed" and
  "Muhammad"), so transliterations meet.

Each statement left alone (its article in no candidate of two or more articles) is scored against
statements of other articles that share at least :data:`MIN_ANCHORS` rare anchors or stems (an
inverted index, as in the first pass: no all-pairs comparison): the idf-weighted cosine of the
extended word sets. Best pair first, it then

* **joins** the candidate of its match when that candidate has no telling of its article yet
  (one telling per article and candidate, rule R5) and it resembles the candidate's tellings on
  average at least :data:`JOIN_MEAN`, and the candidate holds fewer than :data:`MAX_TELLINGS`;
* or **pairs** with its match in a new candidate when the match's candidate already has a telling
  of its article: one sentence often tells two claims ("he flew to the air base, where his wife
  waited"), and each claim is a candidate of its own;
* or starts a new candidate with a match that is alone too.

Both statements must come from articles of one story (:func:`helpers.reuse.corpus_stories`): the
story boundary and :data:`MAX_TELLINGS` keep the pass from chaining a corpus together.

A statement is placed once in this pass. Numbers or dates that differ do not split a candidate:
:func:`helpers.claims.grouping.competing` makes them rival accounts (a proposed slot). The
thresholds were chosen on the shipped corpus with its codebook removed (in-sample); the tests'
second corpus and the PolNeAR run of ``make bench-discover`` are the checks out of sample.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.claims.grouping import Form, rare_pairs, stem
from helpers.claims.statements import NAME
from helpers.reuse.shingles import words

#: Least cosine (extended words, idf-weighted) for a statement left alone to join or pair with another.
ATTACH = 0.20
#: Least mean cosine of a joining statement to the tellings of the candidate it joins.
JOIN_MEAN = 0.10
#: Pairs must share this many rare stems or anchors to be scored, and at least one anchor or name among them.
MIN_ANCHORS = 2
#: A new candidate of two statements needs this cosine (a sentence telling a second claim, or two left alone).
PAIR = 0.20
#: Shared anchors (numbers, dates, name skeletons) a pair needs: one is too often a coincidence.
MIN_SHARED_ANCHORS = 0
#: Consonants a name skeleton keeps at least (shorter ones collide: "Omar" and "Amir" are both "mr").
MIN_SKELETON = 3
#: A candidate grows by this pass only while it holds fewer tellings than this (no snowballing).
MAX_TELLINGS = 12
#: Number words and their value.
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
#: Month names and their number.
MONTHS = {
    m: i
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
         "sep sept september", "oct october", "nov november", "dec december"),
        start=1,
    )
    for m in names.split()
}  # fmt: skip
_MONTH = (
    r"(?P<m{0}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = re.compile(rf"\b{_MONTH.format(1)}\s+(?P<d1>\d{{1,2}})\b|\b(?P<d2>\d{{1,2}})\s+{_MONTH.format(2)}\b")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.I)
_POSSESSIVE = re.compile(r"[’']s?$")
_VOWELS = re.compile(r"[aeiouy’'-]")


@lru_cache(maxsize=100_000)
def skeleton(name: str) -> str:
    """A name's consonant skeleton, doubled letters kept once ("Khaled"/"Khalid" -> "khld"): transliterations meet."""
    s = _VOWELS.sub("", name.casefold())
    return re.sub(r"(.)\1+", r"\1", s)


def anchors(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """Numbers (``#n``), dates (``@mm-dd``, ``@weekday``) and name skeletons (``~...``) a statement holds.

    Names in ``ignore`` (casefolded words of outlet names: a credit line, not what is claimed) are left out.
    """
    out = set()
    masked = text
    for m in _DATE.finditer(text):
        month = MONTHS[(m.group("m1") or m.group("m2")).casefold().rstrip(".")]
        day = int(m.group("d1") or m.group("d2"))
        if 1 <= day <= 31:
            out.add(f"@{month:02d}-{day:02d}")
            masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    out |= {f"@{d.casefold()}" for d in _WEEKDAY.findall(text)}
    for m in _NUMBER.finditer(masked):
        token = m.group(0).casefold()
        value = NUMBER_WORDS.get(token)
        if value is None:
            value = token.replace(",", "")
        out.add(f"#{value}")
    for name in NAME.findall(text):
        name = _POSSESSIVE.sub("", name)
        sk = skeleton(name)
        if len(sk) >= MIN_SKELETON and name.casefold() not in ignore:
            out.add(f"~{sk}")
    return frozenset(out)


def extended(
    forms: Sequence[Form], texts: Sequence[str], ignore: frozenset[str] = frozenset()
) -> tuple[list[frozenset[str]], dict[str, float], np.ndarray]:
    """Each form's stems plus anchors (a name's stem replaced by its skeleton), the idf of each item, each norm."""
    ext = []
    for f, t in zip(forms, texts, strict=True):
        named = {stem(w) for m in NAME.findall(t) for w in words(_POSSESSIVE.sub("", m))}
        ext.append((f.words - named) | anchors(t, ignore))
    df = Counter(w for e in ext for w in e)
    n = max(len(ext), 1)
    idf = {w: math.log(1 + n / d) for w, d in df.items()}
    norms = np.array([math.sqrt(sum(idf[w] ** 2 for w in e)) or 1.0 for e in ext])
    return ext, idf, norms


def _same_story(a: Form, b: Form, story_of: Mapping[str, str] | None) -> bool:
    """Whether two statements come from articles of one story (always, when stories are not known)."""
    if not story_of:
        return True
    return bool({story_of.get(s, s) for s in a.sources} & {story_of.get(s, s) for s in b.sources})


def attach_alone(
    forms: Sequence[Form],
    texts: Sequence[str],
    groups: list[list[int]],
    outlets: Sequence[str] = (),
    story_of: Mapping[str, str] | None = None,
) -> tuple[list[list[int]], pd.DataFrame]:
    """The groups after the second pass (a form may now sit in two), and its links: a, b, similarity, keys.

    ``outlets`` are news organisations' names: their words are no anchor (a credit line is no shared fact).
    ``story_of`` (source_id -> story, :func:`helpers.reuse.corpus_stories`) keeps every pair inside one
    story: the same figure in reports of two different happenings is a coincidence, not a claim.
    """
    ignore = frozenset(w.casefold() for o in outlets for w in re.findall(r"[^\W\d_]+", o))
    ext, idf, norms = extended(forms, texts, ignore)

    def cos(i: int, j: int) -> float:
        shared = ext[i] & ext[j]
        return sum(idf[w] ** 2 for w in shared) / (norms[i] * norms[j]) if shared else 0.0

    groups = [list(g) for g in groups]
    home: dict[int, int] = {}
    sources: list[set[str]] = []
    for k, g in enumerate(groups):
        srcs = set().union(*(forms[i].sources for i in g))
        sources.append(srcs)
        if len(srcs) >= 2:
            for i in g:
                home[i] = k
    alone = {i for i in range(len(forms)) if i not in home}
    scored = []
    for a, b in rare_pairs(ext, MIN_ANCHORS, alone):
        a, b = int(a), int(b)
        if forms[a].sources & forms[b].sources or not _same_story(forms[a], forms[b], story_of):
            continue
        keys = frozenset(w for w in ext[a] & ext[b] if w[0] in "#@~")
        if len(keys) < MIN_SHARED_ANCHORS:
            continue  # wording alone is the first pass's business
        sim = cos(a, b)
        if sim >= ATTACH:
            scored.append((sim, a, b, keys))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    placed: set[int] = set()
    links = []
    for sim, a, b, keys in scored:
        if a in placed:
            continue
        k = home.get(b)
        if k is not None and len(groups[k]) < MAX_TELLINGS and not (forms[a].sources & sources[k]):
            if sum(cos(a, m) for m in groups[k]) / len(groups[k]) < JOIN_MEAN:
                continue
            groups[k].append(a)
            sources[k] |= forms[a].sources
        elif sim >= PAIR and (k is None or forms[a].sources & sources[k]):
            new, srcs = [a, b], forms[a].sources | forms[b].sources
            for m in groups[k] if k is not None else ():  # the match's fellows that tell a's claim too
                if m != b and not (forms[m].sources & srcs) and cos(a, m) >= ATTACH:
                    new.append(m)
                    srcs = srcs | forms[m].sources
                    links.append((min(a, m), max(a, m), cos(a, m), set()))
            groups.append(sorted(new))
            sources.append(srcs)
            k = len(groups) - 1
            if b in alone and b not in placed:
                home[b] = k
                placed.add(b)
        else:
            continue
        home[a] = k
        placed.add(a)
        links.append((min(a, b), max(a, b), sim, set(keys)))
    return [sorted(g) for g in groups], pd.DataFrame(links, columns=["a", "b", "similarity", "keys"])
