"""The kinds of source an attribution points at, and how a source span's words decide its kind.

``named`` (a person or body named), ``anonymous`` (unnamed people, however senior), ``outlet`` (another
news organisation or "the report") and ``document`` (records, videos, polls); ``none`` is the claim
coding's "no attribution". The claim coding (:mod:`helpers.claims.coding`) takes its kinds from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from helpers.corpus.load import is_known_outlet
from helpers.sourcing.lexicon.outlets import DEFAULT_OUTLETS, NEWSPAPER_NAME, OUTLET_WORDS
from helpers.sourcing.lexicon.source_words import (
    DOCUMENT_HEADS,
    HEAD_ENDS,
    INDEFINITE,
    INSTITUTION_HEADS,
    INTERVIEW_HEADS,
    NAMED_BODY_HEADS,
    NOT_NAMES,
    OF_TITLES,
    OFFICE_TAILS,
    PERSON_AFTER_OUTLET_WORD,
    PERSON_PRONOUNS,
    PRONOUNS,
    REPORT_HEADS,
)

#: Attribution kinds of the claim coding: who a claim is attributed to ("none": not attributed).
ATTRIBUTION_KINDS = ("named", "anonymous", "outlet", "document", "none")

#: Source kinds of an attribution: the claim coding's kinds except "none".
KINDS = tuple(k for k in ATTRIBUTION_KINDS if k != "none")

#: Kinds a person's pronoun may take from an earlier source.
PERSON_KINDS = {"named", "anonymous"}

#: News organisations recognised by name (generic world list; the corpus's own outlets and credits are added).
OUTLETS = DEFAULT_OUTLETS


def outlet_regex(outlets: Iterable[str]) -> re.Pattern[str]:
    """A case-sensitive whole-word pattern for outlet names, longest first (built once per outlet list)."""
    return _outlet_pattern(tuple(outlets))


@lru_cache(maxsize=64)
def _outlet_pattern(outlets: tuple[str, ...]) -> re.Pattern[str]:
    names = sorted({o for o in outlets if is_known_outlet(o)}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def head_length(lows: Sequence[str]) -> int:
    """How many first words of a source form its head noun phrase (up to a preposition or participle)."""
    return next((n for n, low in enumerate(lows) if n and low in HEAD_ENDS), len(lows))


def classify_source(source_text: str, outlets: Iterable[str] = OUTLETS) -> str:
    """The kind of a source span: ``document``, ``outlet``, ``anonymous`` or ``named`` (pronouns: ``anonymous``)."""
    words = [w.strip("'‘’") for w in re.findall(r"(?:[A-Z]\.){2,}|\w+(?:[’'\-]\w+)*|'\w+'", source_text)]
    words = [w for w in words if w]
    if not words:
        return "anonymous"
    lows = [w.lower() for w in words]
    n_head = head_length(lows)
    office: set[int] = set()  # the office of a title ("Secretary of State"): no name
    if n_head < len(lows) and lows[n_head] == "of" and lows[n_head - 1] in OF_TITLES:
        k = n_head + 1 + (n_head + 1 < len(lows) and lows[n_head + 1] == "the")
        office = {k, k + 1} if k + 1 < len(lows) and lows[k + 1] in OFFICE_TAILS else {k}
        n_head += 1 + head_length(lows[n_head + 1 :])  # the name may follow the office
    head = words[:n_head]
    head_lows = {w.lower() for w in head}
    outlet_re = outlet_regex(outlets)
    last = head[-1] if head else ""
    body = last[:1].isupper() and (last.lower() in NAMED_BODY_HEADS or (len(last) > 1 and last.isupper()))
    if body and not outlet_re.search(" ".join(head)):
        return "named"  # "the Census Bureau", "the FBI": a body named by its capitalised head
    modifiers = {lows[n] for n in range(min(n_head, len(lows) - 1)) if lows[n + 1] in PERSON_AFTER_OUTLET_WORD}
    head_lows = head_lows - modifiers  # "his media adviser" is a person, not the media
    if head_lows & DOCUMENT_HEADS:
        return "document"
    named_head = " ".join(head)
    if (
        head_lows & REPORT_HEADS
        or outlet_re.search(named_head)
        or head_lows & OUTLET_WORDS
        or NEWSPAPER_NAME.match(named_head)
    ):
        return "outlet"
    if head_lows & INTERVIEW_HEADS and outlet_re.search(source_text):
        return "outlet"
    first = lows[0]
    if first in INDEFINITE or first.isdigit() or (first in {"over", "more", "at"} and len(lows) > 1):
        return "anonymous"
    for idx, w in enumerate(head):
        low = w.lower()
        if (
            idx in office
            or not w[0].isupper()
            or low in NOT_NAMES
            or low in INDEFINITE
            or low in DOCUMENT_HEADS
            or low in INTERVIEW_HEADS
        ):
            continue
        if low.endswith(("’s", "'s")) or re.search(r"(?:ian|ians|ese|ish)$", low):
            continue  # possessives and demonyms modify a head, they are not the source
        if idx == 0 and low.endswith("s") and low[:-1] in NOT_NAMES:
            continue
        return "named"
    if first == "the" and head_lows & INSTITUTION_HEADS:
        return "named"
    return "anonymous"


#: Characters after an attribution within which a pronoun source ("he said") takes that attribution's kind.
PRONOUN_REACH = 800


def resolve_pronouns(rows: list[dict]) -> None:
    """Give a pronoun source ("he", "they") the kind of the previous non-pronoun attribution nearby.

    A person's pronoun ("he", "she") only takes a person's kind: "records show ... He said" is no document.
    """
    last: dict | None = None
    last_person: dict | None = None
    for row in rows:
        src = row["source_text"].lower()
        if src in PRONOUNS:
            before = last_person if src in PERSON_PRONOUNS else last
            if before is not None and row["cue_start"] - before["cue_end"] < PRONOUN_REACH:
                row["kind"] = before["kind"]
            else:
                row["kind"] = "named" if src in PERSON_PRONOUNS else "anonymous"
        elif row["source_text"]:
            last = row
            if row["kind"] in PERSON_KINDS:
                last_person = row
