"""Cues that are phrases or typography: "according to", "told Reuters", a signing dash, a speaker's colon.

Where the lists come from: written by hand for these rules, each word added for a case seen in the
shipped corpus or in PolNeAR's training split (the git history of ``helpers/sourcing/detect.py`` records
each addition); none is copied from another tool's resource files.
"""

from __future__ import annotations

import re

from helpers.sourcing.lexicon.cue_words import (
    AS_BY_VERBS,
    ASK_VERBS,
    DOCUMENT_VERBS,
    LABEL_VERBS,
    PARTICIPLES,
    SPEECH_VERBS,
)

#: Cues whose source follows them ("according to X", "as reported by X", "citing X").
FORWARD_CUES = re.compile(
    r"\baccording\s+to\b"
    rf"|\bas\s+(?:{'|'.join(AS_BY_VERBS)})\s+by\b"
    r"|\b(?:cited|quoted)\s+by\b"
    r"|\bquoted\s+(?:[\w’'-]+\s+){1,6}?by\b"
    r"|\b(?:citing|quoting)\b"
    r"|\bin\s+the\s+words\s+of\b",
    re.IGNORECASE,
)

#: Cues naming a channel: "told Reuters", "informed reporters", "spoke to Reuters" (source before).
CHANNEL_CUES = re.compile(
    r"\b(?:told|informed|spoke\s+to|speaking\s+to|talked\s+to|said\s+to)\b",
    re.IGNORECASE,
)

#: Belief attributions: "insiders are convinced that".
BELIEF_CUES = re.compile(r"\b(?:is|are|was|were)\s+convinced\b(?=\s+that\b)", re.IGNORECASE)

#: An embedded social-media post's signature line: "— The New Arab (@The_NewArab) December 12, 2024".
EMBED_SIGNATURE = re.compile(r"^[—–-]\s*(?P<name>[^\n(]+?)\s*(?P<handle>\(@\w+\))", re.MULTILINE)

#: A quotation signed with a dash after its closing mark: "… our greatest shame.” ― Ann Smith" (cue: the dash).
_NAME = r"[A-Z][\w.’'-]*(?:[ \t\xa0]+(?:[A-Z][\w.’'-]*|de|van|von|al|bin))*"

QUOTE_DASH = re.compile(
    r"(?<=[”\"’.!?…])[ \t\xa0]*(?P<dash>[―—–])[ \t\xa0]*(?P<name>" + _NAME + r")"
    r"(?=[ \t\xa0]*(?:$|\n|,|\(@))",
    re.MULTILINE,
)

#: An inline post signature: "… above the law. pic.twitter.com/x — Ann Smith (@asmith) July 5" (cue: the dash).
INLINE_SIGNATURE = re.compile(
    r"(?<=\S)[ \t\xa0]+(?P<dash>[―—–])[ \t\xa0]+(?P<name>" + _NAME + r")(?=[ \t\xa0]*\(@\w+\))"
)

#: A speaker before a colon at the start of a line: a transcript label ("TAPPER: Well, ...") or a name
#: before a quotation ("Clinton: “Our goal ...”", "Rep. Ann Lee (D-Vt.):"); the cue is the colon.
SPEAKER_COLON = re.compile(
    r"(?:^|(?<=[ \t][-–—][ \t])|(?<=[.!?][”\"][ \t]))(?P<name>[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,4}"
    r"(?:[ \t]*\([^()\n]{1,25}\))?)[ \t]*(?P<colon>:)(?=[ \t\xa0]*(?P<quote>[“\"])|[ \t\xa0]+\S)",
    re.MULTILINE,
)

#: Capitalised labels before a colon that are an editor's, not a speaker's.
EDITORIAL_LABELS = {
    "update", "updated", "correction", "email", "e-mail", "byline", "exclusive", "note", "editor’s note",
    "editor's note", "watch", "read more", "related", "photo", "video", "source", "sources", "breaking",
    "opinion", "analysis", "live", "q", "a",
}  # fmt: skip

#: What follows "asked" in a request ("asked not to be named", "asked to", "asked for").
REQUEST_AFTER = re.compile(r"\s+(?:not|to|for|about)\b")

_WORD_CUE_WORDS = sorted(
    {*SPEECH_VERBS, *PARTICIPLES, *DOCUMENT_VERBS, *LABEL_VERBS, *ASK_VERBS}, key=len, reverse=True
)

#: Whole words only: no cue inside a hyphenated compound ("so-called", "self-reported").
WORD_CUES = re.compile(r"(?<![\w-])(?:" + "|".join(_WORD_CUE_WORDS) + r")(?![\w-])")
