"""Source spans: the noun phrase a cue points at, before it ("X, Y, said"), after it ("according to X")
or at the head of the sentence (", saying"), and the channel outlet ("told Reuters") apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from helpers.sourcing.lexicon.cue_words import AUXILIARIES, DETERMINERS
from helpers.sourcing.lexicon.outlets import NEWSPAPER_NAME, OUTLET_OBJECT, OUTLET_WORDS
from helpers.sourcing.lexicon.punctuation import CLAUSE_PUNCT
from helpers.sourcing.lexicon.source_words import (
    BACK_STOPS,
    FINITE_VERBS,
    FORWARD_STOPS,
    INDEFINITE,
    LY_NOUNS,
    OPENING_PREPOSITIONS,
    SUBJECT_PRONOUNS,
    TEMPORAL,
    WEEKDAYS,
)
from helpers.sourcing.tokens import Tok, abbreviation_dot, in_spans, trim

#: Most comma-separated appositives walked back over before a cue ("X, title, institution, said").
MAX_APPOSITIVES = 3


def outlet_object(toks: Sequence[Tok], outlet_re: re.Pattern[str], text: str) -> str | None:
    """The outlet named by the first words of ``toks`` ("Saudi-owned Al Arabiya television", "reporters")."""
    if not toks:
        return None
    window = text[toks[0].start : toks[min(len(toks), 6) - 1].end]
    window = re.split(r"\s+(?:that|on|last|about|in)\b|[,;.:]", window)[0]
    m = outlet_re.search(window) or NEWSPAPER_NAME.match(window)
    if m:
        return m.group()
    if re.match(OUTLET_OBJECT, window, re.IGNORECASE):
        return window.strip()
    words = window.split()
    k = next((n for n, w in enumerate(words) if w.lower() in OUTLET_WORDS), None)
    if k is None:
        return None
    while k + 1 < len(words) and words[k + 1].lower() in OUTLET_WORDS:
        k += 1  # "state television channel"
    return " ".join(words[: k + 1])  # the outlet's noun phrase ends with its outlet word ("told state radio the ...")


def _walk_back(toks: list[Tok], i: int, stops: set[tuple[int, int]]) -> list[Tok]:
    """Tokens of the noun phrase ending just before token ``i`` (up to a clause boundary)."""
    out: list[Tok] = []
    j = i - 1
    while j >= 0 and len(out) < 25:
        t = toks[j]
        if in_spans(t.start, stops) or t.text == "," or t.low in BACK_STOPS:
            break
        if t.text in CLAUSE_PUNCT and not abbreviation_dot(toks, j):
            break
        out.append(t)
        j -= 1
    return list(reversed(out))


def back_source(toks: list[Tok], i: int, stops: set[tuple[int, int]]) -> list[Tok]:
    """The subject before a cue at token ``i``, with "X, Y, said" appositives and "who" relatives."""
    j = i
    while j > 0 and (
        (toks[j - 1].low.endswith("ly") and toks[j - 1].low not in {"only"} | LY_NOUNS)
        or toks[j - 1].low in {"also", "then", "later", "previously"}
    ):
        j -= 1  # adverbs: "has consistently dismissed", "officially denying"
    while j > 0 and toks[j - 1].low in {"has", "have", "had", "did", "does", "do", "would", "will"}:
        j -= 1
    if j > 0 and toks[j - 1].low in {"who", "which"}:
        j -= 1  # "individuals ... who spoke to Reuters"
    if j > 0 and toks[j - 1].text == ",":
        # "X, Y, said" or "X, Y, Z, said": appositives of a name that opens the clause.
        nearest = _walk_back(toks, j - 1, stops)
        segments = [nearest]
        k = j - 1 - len(nearest)
        while segments[-1] and k > 0 and toks[k - 1].text == "," and len(segments) < MAX_APPOSITIVES:
            seg = _walk_back(toks, k - 1, stops)
            if not seg or len(seg) > 10:
                break
            segments.append(seg)
            k = k - 1 - len(seg)
            if seg[0].text[0].isupper() and (k == 0 or toks[k - 1].text != ","):
                return toks[k : j - 1]
        return nearest
    return _walk_back(toks, j, stops)


def forward_source(
    toks: list[Tok],
    i: int,
    stops: set[tuple[int, int]],
    *,
    to_end: bool,
    lead: bool,
    outlet_re: re.Pattern[str],
    text: str,
) -> tuple[list[Tok], str]:
    """The source after a cue ending before token ``i``, and the channel outlet ("to Reuters") if any."""
    out: list[Tok] = []
    via = ""
    j = i
    while j < len(toks) and len(out) < 30:
        t = toks[j]
        if in_spans(t.start, stops) or t.text in CLAUSE_PUNCT or (t.low in FORWARD_STOPS and not to_end):
            break
        if t.low == "to" and out:
            found = outlet_object(toks[j + 1 :], outlet_re, text)
            if found:
                via = found
                break
        if t.text == ",":
            if lead:
                break
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if not to_end and (nxt is None or not (nxt.low in INDEFINITE or nxt.text[0].isdigit())):
                break  # a list of sources goes on ("a commander, an ex-officer and ..."); a clause does not
        out.append(t)
        j += 1
    return trim(out), via


def participle_subject(toks: list[Tok], i: int) -> list[Tok]:
    """The subject of a participle clause (", saying ..."): the sentence's first noun phrase."""
    k = 0
    if toks and toks[0].low in OPENING_PREPOSITIONS:
        comma = next((n for n in range(i) if toks[n].text == ","), None)
        k = comma + 1 if comma is not None else 0
    out: list[Tok] = []
    for t in toks[k:i]:
        low = t.low
        if (
            t.text in CLAUSE_PUNCT
            or t.text == ","
            or (out and not t.text[0].isupper() and (low.endswith("ed") or low in FINITE_VERBS))
        ):
            break
        out.append(t)
    while out and (out[-1].low in TEMPORAL or out[-1].low in WEEKDAYS):
        out = out[:-1]
    return out


def clause_subject(toks: list[Tok], i: int) -> list[Tok]:
    """The subject opening the clause that ends before token ``i``, when it is plain: a pronoun, a run of
    capitalised words ("Ann Lee", "Secretary of State Ann Lee"), or a determiner and up to four nouns.

    For a second verb of one subject ("Ann Lee praised the plan and said ..."), where walking back from
    the cue would take the first verb's object for the source. Empty when the subject is not plain.
    """
    start = i
    while start > 0 and toks[start - 1].text not in CLAUSE_PUNCT and toks[start - 1].low not in BACK_STOPS:
        start -= 1
    clause = toks[start:i]
    if not clause or not clause[0].is_word:
        return []
    if clause[0].low in SUBJECT_PRONOUNS:
        return clause[:1]
    out = [clause[0]]
    capitalised = clause[0].text[0].isupper() and clause[0].low not in DETERMINERS
    for t in clause[1:]:
        if capitalised and (t.text[0].isupper() or (t.low in {"of", "the"} and len(out) < 4)):
            out.append(t)
        elif not capitalised and t.is_word and not t.text[0].isupper() and len(out) < 5:
            if t.low in AUXILIARIES or t.low.endswith("ed") or t.low in {"of", "in", "for", "from", "at"}:
                break
            out.append(t)
        else:
            break
    return out if capitalised or len(out) > 1 else []
