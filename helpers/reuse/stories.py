"""Stories: the articles of a corpus grouped by the happening they report, each with a short computed label.

An article's profile is the names it uses (people, places, organisations: capitalised words
inside a sentence), tf-idf weighted against the corpus padded with
:data:`~helpers.reuse.settings.STORY_BACKGROUND_DOCS` background articles; groups are merged by
average linkage while their articles' profiles are alike on average
(:data:`~helpers.reuse.settings.STORY_MIN_SIMILARITY`). Passages an outlet repeats across its
articles (an editor's note) are left out of the profiles (:func:`helpers.reuse.boilerplate.house_text`),
so a newsroom's standing text does not make its stories one. A story is not a chain: two
newsrooms reporting one happening separately are one story and two chains.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import pandas as pd

from helpers.core.text import FUNCTION_WORDS
from helpers.reuse.settings import STORY_BACKGROUND_DOCS, STORY_MIN_SIMILARITY

STORY_COLUMNS = ["story_id", "label", "source_id"]
#: Words in a story's label.
LABEL_TERMS = 3


#: A name: a capitalised word of three letters or more after a lower-case word or a comma inside a
#: sentence (sentence-initial words are left out: "The", "But"); a possessive "'s" is dropped. The
#: look-behind comes after the capital, so the engine skips straight from one capital to the next.
NAME = re.compile(r"[A-Z](?<=[a-z0-9,;:’'\")] [A-Z])[a-z]{2,}(?=[’']s\b|\b)")


def names(text: str) -> list[str]:
    """The names of a text, lower-cased, in order (function words such as a mid-sentence "The" dropped)."""
    return [w for w in (m.group(0).lower() for m in NAME.finditer(text)) if w not in FUNCTION_WORDS]


def profiles(texts: Mapping[str, str], background: int = STORY_BACKGROUND_DOCS) -> dict[str, dict[str, float]]:
    """Per article: tf-idf weights of its names against the corpus plus ``background`` articles, unit length."""
    counts = {sid: Counter(names(t)) for sid, t in texts.items()}
    df = Counter(w for c in counts.values() for w in c)
    n = len(counts) + background
    out = {}
    for sid, c in counts.items():
        weights = {w: (1 + math.log(k)) * math.log(n / (1 + df[w])) for w, k in c.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        out[sid] = {w: v / norm for w, v in weights.items() if v > 0}
    return out


def _similarities(prof: Mapping[str, Mapping[str, float]]) -> dict[tuple[str, str], float]:
    """Cosine similarity of every pair of profiles sharing a word (through an index of the words)."""
    index: dict[str, list[str]] = defaultdict(list)
    for sid, p in prof.items():
        for w in p:
            index[w].append(sid)
    sims: dict[tuple[str, str], float] = defaultdict(float)
    for w, sids in index.items():
        for i, a in enumerate(sids):
            for b in sids[i + 1 :]:
                sims[(a, b)] += prof[a][w] * prof[b][w]
    return dict(sims)


def group_stories(ids: Sequence[str], sims: Mapping[tuple[str, str], float], threshold: float) -> dict[str, int]:
    """Average-linkage groups: per id, the index of its group (groups numbered in order of their first id).

    The closest two groups (highest average similarity, ties to the lower group numbers) merge while
    that average reaches ``threshold``; a heap with lazy deletion finds them, so a merge costs the
    new group's neighbours, not a scan of every pair.
    """
    order = {sid: i for i, sid in enumerate(ids)}
    members: dict[int, list[str]] = {order[s]: [s] for s in ids}
    group = {s: order[s] for s in ids}
    between: dict[int, dict[int, float]] = defaultdict(dict)  # summed similarity between two groups
    for (a, b), s in sims.items():
        ga, gb = group[a], group[b]
        between[ga][gb] = between[ga].get(gb, 0.0) + s
        between[gb][ga] = between[gb].get(ga, 0.0) + s
    version = dict.fromkeys(members, 0)
    heap: list[tuple[float, int, int, int, int]] = []

    def push(ga: int, gb: int) -> None:
        lo, hi = min(ga, gb), max(ga, gb)
        avg = between[lo][hi] / (len(members[lo]) * len(members[hi]))
        if avg >= threshold:
            heapq.heappush(heap, (-avg, lo, hi, version[lo], version[hi]))

    for ga, others in between.items():
        for gb in others:
            if ga < gb:
                push(ga, gb)
    while heap:
        _, keep, drop, v_keep, v_drop = heapq.heappop(heap)
        if keep not in members or drop not in members or version[keep] != v_keep or version[drop] != v_drop:
            continue  # a group merged since: its pairs were pushed again
        members[keep].extend(members.pop(drop))
        for s in members[keep]:
            group[s] = keep
        for other, total in between.pop(drop).items():
            between[other].pop(drop, None)
            if other != keep:
                between[keep][other] = between[keep].get(other, 0.0) + total
                between[other][keep] = between[keep][other]
        between[keep].pop(keep, None)
        version[keep] += 1
        for other in between[keep]:
            push(keep, other)
    firsts = sorted(members, key=lambda g: min(order[s] for s in members[g]))
    number = {g: i for i, g in enumerate(firsts)}
    return {s: number[g] for s, g in group.items()}


def story_table(texts: Mapping[str, str], threshold: float = STORY_MIN_SIMILARITY) -> pd.DataFrame:
    """``story_id, label, source_id`` for articles given as texts by source id (in corpus order)."""
    ids = list(texts)
    prof = profiles(texts)
    number = group_stories(ids, _similarities(prof), threshold)
    width = len(str(max(number.values(), default=0) + 1))
    by_story: dict[int, list[str]] = defaultdict(list)
    for sid in ids:
        by_story[number[sid]].append(sid)
    labels = {}
    for k, sids in by_story.items():
        summed: Counter[str] = Counter()
        for sid in sids:
            summed.update(prof[sid])
        top = sorted(summed.items(), key=lambda kv: (-kv[1], kv[0]))[:LABEL_TERMS]
        labels[k] = " · ".join(w for w, _ in top)
    rows = [(f"S{number[sid] + 1:0{width}d}", labels[number[sid]], sid) for sid in ids]
    return pd.DataFrame(rows, columns=STORY_COLUMNS)
