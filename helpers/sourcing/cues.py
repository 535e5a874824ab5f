"""Attribution cues: every candidate in a text, and the decision whether a cue word is a cue here.

Decisions (unit-tested in ``tests/sourcing``): a negated or modal cue attributes nothing; passives
("was denied by") and noun readings ("the claims") are no cues; "told X that" and "asked whether"
narrate events; a label verb counts only with its quoted label; the learned tagger's finds obey the
same firm conventions (:func:`model_rejects`).
"""

from __future__ import annotations

import re
from collections import Counter

from helpers.sourcing.kinds import head_length
from helpers.sourcing.lexicon.cue_patterns import (
    BELIEF_CUES,
    CHANNEL_CUES,
    EDITORIAL_LABELS,
    EMBED_SIGNATURE,
    FORWARD_CUES,
    INLINE_SIGNATURE,
    QUOTE_DASH,
    REQUEST_AFTER,
    SPEAKER_COLON,
    WORD_CUES,
)
from helpers.sourcing.lexicon.cue_words import (
    ASK_VERBS,
    BE_VERBS,
    CHANNEL_PREPOSITIONS,
    CLAIM_NEGATORS,
    COORDINATORS,
    DETERMINERS,
    DOCUMENT_VERBS,
    INVERTING_VERBS,
    LABEL_VERBS,
    MODEL_VETO,
    NEEDS_COMPLEMENT,
    NEGATORS,
    NOT_COMPLEMENTS,
    NOUN_CUES,
    NOUN_DETERMINERS,
    NOUNLIKE_CUES,
    PARTICIPLES,
    PLURAL_NOUN_CUES,
    SPEECH_VERBS,
    VERB_PARTICLES,
)
from helpers.sourcing.lexicon.outlets import OUTLET_OBJECT
from helpers.sourcing.lexicon.punctuation import CLAUSE_PUNCT
from helpers.sourcing.lexicon.source_words import (
    DOCUMENT_HEADS,
    INDEFINITE,
    INTERVIEW_HEADS,
    OPENING_PREPOSITIONS,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
)
from helpers.sourcing.spans import back_source, clause_subject, outlet_object, participle_subject
from helpers.sourcing.tokens import Tok, abbreviation_dot, tokens

#: Most words of whom "asked" asks before the quoted question ("asked the minister: “...”").
MAX_OBJECT_WORDS = 5

#: Most tokens between a label verb and the opening of its quoted label.
LABEL_REACH = 8

#: Most words of such a channel phrase ("in a Facebook post to supporters" is six).
MAX_CHANNEL_WORDS = 6


def noun_reading(toks: list[Tok], i: int) -> bool:
    """Whether the cue word at token ``i`` reads as a noun ("the claims", "—claims that", "a noted author")."""
    if i == 0:
        return toks[i].low in NOUN_CUES
    prev = toks[i - 1]
    if not prev.is_word:
        return prev.text not in {",", "”", '"', "’"}
    return prev.low in DETERMINERS or prev.low.endswith(("’s", "'s"))  # "Trump’s remarks"


def complement_ok(toks: list[Tok], i: int, *, strict: bool = False) -> bool:
    """Whether a verb that needs a complement has one: "that", a clause end, or a quotation.

    ``strict`` (plural nouns that may be verbs: "states", "remarks") accepts no clause end.
    """
    verb = i
    while i + 2 < len(toks) and toks[i + 1].low in TIME_WORDS and toks[i + 1].low != "this":
        i += 1  # "reported Saturday that", "said on Monday:"
    if not strict and (channel_phrase(toks, verb) or channel_phrase(toks, i)):
        return True  # "on" is a time word too: "wrote on Twitter that", "said Monday in a statement that"
    if i + 1 >= len(toks):
        return not strict
    nxt = toks[i + 1]
    return (
        nxt.low == "that"
        or nxt.text in ({":", "“", '"'} if strict else {",", ".", ";", ":", "“", '"', "”"})
        or (nxt.low == "to" and i + 3 < len(toks) and "that" in {t.low for t in toks[i + 2 : i + 5]})
    )


def quoted_question(toks: list[Tok], i: int) -> bool:
    """Whether a question is quoted after "asked" at ``i``, perhaps past whom it asks ("asked the minister: “…”").

    A comma counts only with a quotation after it ("asked, “Why?”"); a "to" first makes a request.
    """
    for n in range(i + 1, min(len(toks), i + 2 + MAX_OBJECT_WORDS)):
        t = toks[n]
        if t.text == ",":
            return n + 1 < len(toks) and toks[n + 1].text in {"“", '"'}
        if t.text in {":", "“", '"'}:
            return True
        if t.low == "to" or not t.is_word:
            return False
    return False


def after_quotation(toks: list[Tok], i: int) -> bool:
    """Whether the cue at ``i`` follows a closing quotation and its speaker ("“Really,” she added when ...")."""
    j = i - 1
    while j >= 0 and toks[j].is_word and i - j <= 4:
        j -= 1
    return 0 <= j < i - 1 and toks[j].text in {"”", '"'}


def channel_phrase(toks: list[Tok], i: int) -> bool:
    """Whether a short channel phrase and then a complement follow token ``i`` ("in a statement that", "on X:")."""
    if i + 1 >= len(toks) or toks[i + 1].low not in CHANNEL_PREPOSITIONS:
        return False
    ahead = toks[i + 2 : i + 2 + MAX_CHANNEL_WORDS + 1]
    end = next((n for n, t in enumerate(ahead) if t.low == "that" or t.text in {":", "“", '"', ","}), None)
    return bool(end) and all(t.is_word for t in ahead[:end])


def inverted(toks: list[Tok], i: int) -> bool:
    """Whether a speech verb is inverted: after a quotation or comma, before its subject ("” said X")."""
    if i == 0 or i + 1 >= len(toks):
        return False
    prev, nxt = toks[i - 1], toks[i + 1]
    if prev.text not in {",", "”", '"', "’"}:
        return False
    if prev.text == "," and (toks[i].low not in INVERTING_VERBS or appositive_subject(toks, i)):
        return False
    return (
        (nxt.text[0].isupper() and nxt.low not in SUBJECT_PRONOUNS)
        or nxt.low in INDEFINITE
        or nxt.low in {"the", "his", "her"}
        or nxt.text[0].isdigit()
    )


def appositive_subject(toks: list[Tok], i: int) -> bool:
    """Whether the clause before a cue at ``i`` is "Name, appositive," ("Ann Lee, the former mayor, said the ...")."""
    commas = [n for n in range(i) if toks[n].text == ","]
    if len(commas) != 2 or commas[1] != i - 1:
        return False
    kept = [n for n in range(commas[1]) if not abbreviation_dot(toks, n)]  # "U.S." is one word here
    first = [toks[n] for n in kept if n < commas[0]]
    second = [toks[n] for n in kept if commas[0] < n]
    return (
        0 < len(first) <= 6
        and 0 < len(second) <= 12
        and first[0].text[0].isupper()
        and first[0].low not in OPENING_PREPOSITIONS
        and not any(t.text in CLAUSE_PUNCT for t in first + second)
    )


def find_cues(text: str, outlet_re: re.Pattern[str]) -> list[dict]:
    """Raw cue matches: span, cue text and how to find the source (``forward``/``back``/...)."""
    cues: list[dict] = []

    def add(start: int, end: int, mode: str, **extra: object) -> None:
        cues.append({"cue_start": start, "cue_end": end, "mode": mode, **extra})

    for m in FORWARD_CUES.finditer(text):
        add(m.start(), m.end(), "forward")
    for m in CHANNEL_CUES.finditer(text):
        after = text[m.end() : m.end() + 80]
        after_toks = tokens(text, m.end(), min(len(text), m.end() + 80))
        if re.match(r"\s+to\b", after) or text[max(0, m.start() - 4) : m.start()].lower() == "all ":
            continue  # "told X to ..." is checked below; "all told" is an idiom
        via = outlet_object(after_toks, outlet_re, text)
        if via:
            cue_end = m.end()
            press = re.match(r"\s*" + OUTLET_OBJECT, after, re.IGNORECASE)
            if m.group().lower() in {"informed", "told"} and press:
                cue_end, via = m.end() + press.end(), ""  # "informed reporters" is the cue; no outlet named
            add(m.start(), cue_end, "back", via=via)
    for m in BELIEF_CUES.finditer(text):
        add(m.start(), m.end(), "back")
    for m in (*QUOTE_DASH.finditer(text), *INLINE_SIGNATURE.finditer(text)):
        if len(m.group("name").split()) <= 5:
            add(m.start("dash"), m.end("dash"), "embed", source=(m.start("name"), m.end("name")))
    speakers = list(SPEAKER_COLON.finditer(text))
    labels = Counter(m.group("name") for m in speakers)
    for m in speakers:
        name = m.group("name")
        if "’s" in name or "'s" in name or name.lower() in EDITORIAL_LABELS:
            continue  # "The Mayor’s Plan: ..." is a topic, "UPDATE:" an editor's label
        label = re.sub(r"\([^)]*\)", "", name)
        transcript = labels[name] > 1 and sum(c.isalpha() for c in label) > 1 and label.upper() == label
        if m.group("quote") or transcript:
            add(m.start("colon"), m.end("colon"), "embed", source=(m.start("name"), m.end("name")))
    for m in EMBED_SIGNATURE.finditer(text):
        add(m.start("handle"), m.end("handle"), "embed", source=(m.start("name"), m.end("name")))
    for m in WORD_CUES.finditer(text):
        if m.group() in ASK_VERBS and REQUEST_AFTER.match(text, m.end()):
            continue  # "who asked not to be named", "asked for": a request, and no stop for a source span
        add(m.start(), m.end(), "word", word=m.group().lower())
    return cues


def resolve_word_cue(cue: dict, toks: list[Tok], i: int, stops: set[tuple[int, int]]) -> tuple[str, list[Tok]] | None:
    """Decide what a single-word cue is: ``(mode, source tokens)``, or None when it is not a cue here."""
    word = cue["word"]
    prev_low = toks[i - 1].low if i > 0 else ""
    if prev_low in NEGATORS:
        return None  # "could not confirm", "to say": nothing is attributed
    if prev_low in BE_VERBS or (i > 1 and prev_low.endswith("ly") and toks[i - 2].low in BE_VERBS):
        return None  # passive: "was denied by", "is said to", "was reportedly"
    if word.startswith("claim") and {t.low for t in toks[max(0, i - 3) : i]} & CLAIM_NEGATORS:
        return None  # "No one has claimed responsibility": nothing is claimed (a hedge instead)
    if word in DOCUMENT_VERBS:
        subject = back_source(toks, i, stops)
        heads = {t.low.strip("'’") for t in subject[: head_length([t.low for t in subject])]}
        if heads & (DOCUMENT_HEADS | INTERVIEW_HEADS):
            return ("back", subject)
        if word not in SPEECH_VERBS:
            return None
    if word in PARTICIPLES:
        if prev_low == ",":
            return ("participle", participle_subject(toks, i))
        return None
    if word == "told":
        if inverted(toks, i):
            return ("inverted", [])
        return None  # "told Reuters" is a channel cue; "told X that/to" narrates an event
    if word in ASK_VERBS:  # requests ("asked for", "asked not to be named") never become candidates
        if inverted(toks, i):
            return ("inverted", [])
        if quoted_question(toks, i):
            return ("back", back_source(toks, i, stops))  # the question quoted: "asked, “Why?”"
        return None  # "asked whether ...", like "told X that ...", narrates an event
    if word in LABEL_VERBS:
        if i + 1 < len(toks) and toks[i + 1].low in VERB_PARTICLES:
            return None  # "called for", "called on"
        ahead = toks[i + 1 : i + 2 + LABEL_REACH]
        opening = next((n for n, t in enumerate(ahead) if t.text in {"“", '"'}), None)
        if opening is None or opening == 0 or any(t.text in CLAUSE_PUNCT | {","} for t in ahead[:opening]):
            return None  # "called for talks", "called on him to": no quoted words
        return ("back", back_source(toks, i, stops))
    if word == "dismissed":
        window = {t.low for t in toks[i + 1 : i + 5]}
        if "as" not in window and not window & {"claims", "reports", "allegations", "accusations", "rumours", "rumors"}:
            return None
    if word == "denying" and prev_low == ",":
        return ("participle", participle_subject(toks, i))
    if word in {"say", "said"} and prev_low in {"to", "so", "aforesaid"}:
        return None
    if prev_low in COORDINATORS and word in SPEECH_VERBS and word not in NOUN_CUES:
        subject = clause_subject(toks, i - 1)
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        complement = complement_ok(toks, i) if word in NEEDS_COMPLEMENT else nxt not in NOT_COMPLEMENTS
        return ("back", subject) if subject and complement else None  # "praised the plan and said ..."
    if word in NOUNLIKE_CUES and noun_reading(toks, i):
        return None
    if inverted(toks, i):
        return ("inverted", [])
    if word in NEEDS_COMPLEMENT and not complement_ok(toks, i) and not after_quotation(toks, i):
        return None
    if word in PLURAL_NOUN_CUES and not complement_ok(toks, i, strict=True):
        return None
    if word in {"revealed", "reveals"} and i + 1 < len(toks) and toks[i + 1].low not in {"that", ",", ".", "to"}:
        return None
    return ("back", back_source(toks, i, stops))


def model_rejects(toks: list[Tok], i: int) -> bool:
    """Whether a cue the tagger found at token ``i`` breaks one of the rules' firm conventions."""
    low = toks[i].low
    prev = toks[i - 1].low if i > 0 else ""
    if low in MODEL_VETO or prev in NEGATORS - {"to"} or prev in NOUN_DETERMINERS:
        return True
    if low in SPEECH_VERBS and prev in BE_VERBS:
        return True  # passive: "was denied by", "is said to"
    if low in {"told", "tell"} and (prev == "all" or "to" in {t.low for t in toks[i + 1 : i + 5]}):
        return True  # "all told"; "told X to do" is an order
    return negated_claim(toks, i)


def negated_claim(toks: list[Tok], i: int) -> bool:
    """Whether token ``i`` is a negated "claim" ("No one has claimed", "has not claimed")."""
    return toks[i].low.startswith("claim") and bool({t.low for t in toks[max(0, i - 3) : i]} & CLAIM_NEGATORS)
