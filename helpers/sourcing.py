"""Attributions ("according to two regional diplomats") and hedges ("reportedly") in any article.

Who does an article say its information comes from, and how sure does it say it is? This module
finds, with character offsets into the unmodified text:

* **attributions**: a cue ("according to", "said", "as reported by", "records show", ...), the
  source span it points at (before the cue, after it, or around it: "said X", "X said",
  "as reported by X", "X, Y, stated that", "..., saying") and the source's kind: ``named``
  (a person or body named), ``anonymous`` (unnamed people, however senior), ``outlet`` (another
  news organisation or "the report") or ``document`` (records, videos, documents);
* **hedges**: distancing words ("reportedly", "allegedly", "believed to", "appear to") and
  verification disclaimers ("could not independently verify", "did not respond to a request
  for comment"), with their sentence.

Why plain patterns and not spaCy: a ``Matcher`` over tokens is only better than regular
expressions when it can use part-of-speech tags and a dependency parse, and those need a
statistical model that would have to be downloaded (not allowed at run time) or pinned as a
large wheel. Attribution cues form a small closed class of verbs and phrases, and the
decisions that matter (is "claims" a noun here? is "told" reporting or ordering?) turn on one
or two neighbouring words, which a few explicit, unit-tested rules decide as well as a parser
and visibly. The patterns are grouped by family below; each rule says what it excludes.

Decisions (also unit-tested):

* a speech verb inside a quotation is the quoted speaker's, not the article's: skipped;
* "the aforesaid", "all told", "told X to do" (an order), passive "was denied by" / "is said to"
  and the noun readings ("the claims", "—claims that") are not attribution cues; "is said to"
  is a hedge instead;
* "claims that Assad has dismissed as falsehoods" is a reported denial: the noun "claims" is
  not a cue, "dismissed ... as" is (source: Assad);
* an outlet that is only the channel ("told Al Arabiya", "to Reuters", "who spoke to Reuters")
  goes into ``via``; the kind describes the source itself ("a senior Iranian diplomat");
* a pronoun source ("he", "they") takes the kind of the article's previous attribution;
* a byline credit ("Additional reporting by ...") is not an attribution;
* a speech act narrated as an event ("Assad informed his office manager that ...", "acknowledged",
  "expressed concern") is not an attribution: only reporting to the press or the reader counts;
* a negated or modal cue ("could not confirm", "would say") attributes nothing.

Beyond the columns the brief asked for, attributions carry ``via`` (the channel outlet) and
hedges ``family`` (``hedge`` or ``disclaimer``). Measurement against the hand-coded gold
(``corpus/gold/attributions.csv``, ``corpus/gold/hedges.csv``) is :func:`evaluate`; agreement
with the hand claim coding is :func:`evidence_coverage`; the rewrites' hedges are followed by
:func:`hedge_fates`. The work is linear in the length of the text (tokens are walked only
within a cue's sentence).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import Transform, offset_copy

from helpers import charts, config
from helpers.corpus import load_corpus
from helpers.errors import InputError, Problem
from helpers.files import LINE, read_table, suggest

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

KINDS = ("named", "anonymous", "outlet", "document")

ATTRIBUTION_COLUMNS = [
    "source_id",
    "start",
    "end",
    "cue",
    "cue_start",
    "cue_end",
    "source_text",
    "source_start",
    "source_end",
    "kind",
    "via",
    "sentence",
]
HEDGE_COLUMNS = ["source_id", "start", "end", "cue", "family", "sentence"]

#: News organisations recognised by name (the corpus's own outlets and credits are added).
OUTLETS = (
    "Reuters",
    "AFP",
    "Agence France-Presse",
    "Associated Press",
    "AP",
    "BBC",
    "CNN",
    "Al Arabiya",
    "Al Jazeera",
    "Asharq Al-Awsat",
    "The New Arab",
    "Financial Times",
    "FT",
    "New York Times",
    "Washington Post",
    "Wall Street Journal",
    "Bloomberg",
    "The Guardian",
    "TASS",
    "RIA Novosti",
    "Interfax",
    "SANA",
    "Anadolu",
    "Al-Watan",
    "North Press",
    "Syrian Observatory for Human Rights",
)
#: Words that make a phrase an outlet even without a name ("Saudi-owned television").
OUTLET_WORDS = {"television", "newspaper", "broadcaster", "agency", "daily", "channel", "tv", "radio", "magazine"}
#: Head nouns of document sources.
DOCUMENT_HEADS = {
    "video", "videos", "footage", "image", "images", "photo", "photos", "photograph", "photographs",
    "picture", "pictures", "record", "records", "document", "documents", "file", "files", "data",
    "statement", "statements", "letter", "letters", "email", "emails", "log", "logs", "cable", "cables",
    "transcript", "transcripts", "recording", "recordings", "filing", "filings", "papers", "imagery",
    "leaks", "minutes", "message", "messages",
}  # fmt: skip
#: Head nouns that make a source an outlet ("the report added", "media reports").
REPORT_HEADS = {"report", "reports", "reporting", "coverage", "media"}
#: Head nouns of interviews: outlet when an outlet conducted them, else their unnamed people.
INTERVIEW_HEADS = {"interview", "interviews", "conversation", "conversations"}
#: Institutions: "the foreign ministry said" names a body.
INSTITUTION_HEADS = {
    "ministry", "government", "army", "military", "presidency", "embassy", "court", "police", "kremlin",
    "cabinet", "parliament", "office", "command", "council",
}  # fmt: skip
#: First words that make a source indefinite, hence anonymous ("a commander", "three aides").
INDEFINITE = {
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "dozen", "dozens", "several", "some", "many", "most", "numerous", "multiple", "various",
    "few", "other", "others", "another", "certain", "over", "more", "at", "hundreds", "scores",
}  # fmt: skip
#: Capitalised words that are not names: demonyms, titles, and sentence-initial common words.
NOT_NAMES = {
    "syrian", "syrians", "iranian", "iranians", "lebanese", "russian", "russians", "turkish", "western",
    "emirati", "emiratis", "qatari", "iraqi", "israeli", "american", "european", "french", "british",
    "arab", "kurdish", "saudi", "egyptian", "jordanian", "ukrainian", "chinese", "alawite", "islamist",
    "sunni", "shia", "regional", "senior", "former", "then", "then-prime", "the", "a", "an", "one",
    "minister", "president", "prime", "foreign", "interior", "defence", "defense", "spokesman",
    "spokeswoman", "spokesperson", "general", "director", "executive", "leader", "commander", "chief",
    "secretary", "ambassador", "envoy", "officials", "official", "sources", "source", "witnesses",
    "witness", "observers", "observer", "analysts", "people", "residents", "experts", "insiders",
    "diplomats", "aides", "both", "most", "several", "some", "many", "members",
}  # fmt: skip
#: Verbs that invert after a plain comma ("..., said Peskov"); after a quotation any speech verb may.
INVERTING_VERBS = {
    "said",
    "says",
    "told",
    "added",
    "adds",
    "remarked",
    "noted",
    "stated",
    "wrote",
    "explained",
    "insisted",
    "replied",
}
#: Most comma-separated appositives walked back over before a cue ("X, title, institution, said").
MAX_APPOSITIVES = 3
#: Words before a cue that cancel it: negation, modals, infinitive "to".
NEGATORS = {
    "not",
    "never",
    "n’t",
    "n't",
    "to",
    "could",
    "can",
    "would",
    "will",
    "may",
    "might",
    "should",
    "must",
    "cannot",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "his", "her", "their"}

#: Evidence verbs whose subject must be a document ("records show", "videos ... reveal").
DOCUMENT_VERBS = (
    "show", "shows", "showed", "shown", "reveal", "reveals", "revealed", "suggest", "suggests", "suggested",
    "depict", "depicts", "depicted", "indicate", "indicates", "indicated", "expose", "exposes", "exposed",
    "prove", "proves", "proved",
)  # fmt: skip
#: Speech verbs whose source is their subject (or follows them when inverted: "said X").
SPEECH_VERBS = (
    "said", "says", "say", "told", "reported", "revealed", "reveals", "recounted", "recounts", "remarked",
    "remarks", "noted", "notes", "note", "confirmed", "confirms", "confirm", "denied", "denies", "deny",
    "denying", "claims", "claimed", "claim", "indicated", "indicates", "mentioned", "mentions", "stated",
    "states", "added", "adds", "insisted", "insists", "explained", "explains", "recalled", "recalls", "quoted",
    "replied", "replies", "announced", "announces", "argued", "argues", "wrote", "writes", "tweeted",
    "dismissed",
)  # fmt: skip
#: Participles that, after a comma, take the sentence's subject as their source.
PARTICIPLES = (
    "saying", "noting", "adding", "claiming", "insisting", "stating", "explaining", "arguing", "recalling",
)  # fmt: skip
#: Verbs that need a complement before they count: "that", end of clause, or an inverted source.
NEEDS_COMPLEMENT = {
    "revealed", "reveals", "added", "adds", "noted", "notes", "note", "stated", "states", "mentioned",
    "mentions", "reported", "claims", "claim", "announced", "announces", "argued", "argues", "wrote", "writes",
    "explained", "explains",
}  # fmt: skip
#: Cue words that can be nouns or adjectives ("the claims", "a noted author", "the said document").
NOUNLIKE_CUES = {"claims", "reports", "notes", "states", "claim", "note", "noted", "said", "reported", "denies"}
#: Plural-looking cue words that are nouns after determiners ("the claims", "the reports").
DETERMINERS = {
    "the", "a", "an", "these", "those", "such", "his", "her", "their", "its", "our", "my", "your", "this",
    "that", "of", "and", "or", "new", "false", "unverified", "any", "no", "all",
}  # fmt: skip
BE_VERBS = {"is", "are", "was", "were", "be", "been", "being", "'s"}
#: Words that end a source span when walking back from a cue.
BACK_STOPS = {
    "that", "as", "despite", "while", "although", "though", "because", "if", "when", "whereas", "but",
    "however", "since", "after", "before", "than", "where", "whom",
}  # fmt: skip
#: Words that end a source span when walking forward from a cue.
FORWARD_STOPS = {"who", "which", "that", "where", "when", "while", "whereas", "but", "resulting", "because"}
#: Words after which a source head region ends (for the kind decision).
HEAD_ENDS = {
    "of", "from", "with", "by", "in", "at", "on", "who", "which", "that", "familiar", "close", "taken",
    "captured", "circulating", "conducted", "within", "to", "for", "about", "into", "following", "present",
}  # fmt: skip
#: Temporal words trimmed from a participle's subject ("Assad this week").
TEMPORAL = {"this", "last", "next", "week", "month", "year", "today", "yesterday", "earlier", "later", "on"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
#: Clause-level punctuation: never inside a source span.
CLAUSE_PUNCT = set(';:()[]“”"—–.!?')
OPEN_QUOTES = '“"'
CLOSE_QUOTES = '”"'

# --------------------------------------------------------------------------------------------
# Hedge patterns: (family, regex). Families: "hedge" (distancing), "disclaimer" (verification).
# --------------------------------------------------------------------------------------------

_VERIFY = r"(?:independently\s+)?(?:verify|confirm|corroborate)"
HEDGE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("hedge", r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|seemingly)\b"),
    ("hedge", r"\balleged\b|\ballegations?\b"),
    ("hedge", r"\b(?:(?:is|are|was|were)\s+(?:widely\s+|also\s+)?)?believed\s+to\b"),
    ("hedge", r"\b(?:is|are|was|were)\s+(?:said|thought|understood|rumou?red)\s+to\b"),
    ("hedge", r"\bit\s+(?:is|was|has\s+been)\s+(?:reported|understood|thought|believed|said)\s+that\b"),
    ("hedge", r"\b(?:appears?|appeared)\s+to\b|\bit\s+(?:appears|appeared|seems|seemed)\b"),
    ("hedge", r"\bsuggest(?:s|ed)?\b"),
    ("hedge", r"\bclaim(?:s|ed)?\s+that\b"),
    ("hedge", r"\b(?:un)?likely\b|\bpossibly\b|\bprobably\b|\bperhaps\b"),
    (
        "hedge",
        r"\bit\s+(?:is|was|remains|remained)\s+(?:unclear|not\s+clear|uncertain)"
        r"(?:\s+(?:whether|if|how|why|when|who|what))?\b",
    ),
    ("disclaimer", r"\b(?:unconfirmed|unverified)\b"),
    ("disclaimer", rf"\b(?:could|can|would|did)\s+not\s+(?:immediately\s+)?{_VERIFY}\b"),
    ("disclaimer", rf"\b(?:has|have|had)\s+not\s+(?:yet\s+)?been\s+able\s+to\s+{_VERIFY}\b"),
    (
        "disclaimer",
        r"\b(?:was|were|is|are|has\s+been|have\s+been)\s+(?:unable|not\s+able)\s+to\s+(?:independently\s+)?"
        r"(?:verify|confirm|corroborate|obtain|reach|contact)(?:\s+comments?\b)?",
    ),
    ("disclaimer", r"\bno\s+(?:official\s+|independent\s+)?confirmation\b"),
    (
        "disclaimer",
        r"\bdid\s+not\s+(?:immediately\s+|promptly\s+)?(?:respond|reply)(?:\s+(?:immediately|promptly))?\s+to\s+"
        r"(?:(?:a|an|the)\s+)?(?:requests?\s+for\s+comments?|inquiries|enquiries|questions|queries)\b",
    ),
    (
        "disclaimer",
        r"\b(?:efforts|attempts)\s+to\s+(?:reach|contact)\b[^.\n]{0,80}?"
        r"\b(?:were|was|have\s+been|had\s+been)\s+unsuccessful\b",
    ),
    ("disclaimer", r"\bdeclined\s+to\s+comment\b|\bcould\s+not\s+be\s+reached(?:\s+for\s+comment)?\b"),
)  # fmt: skip
_HEDGE_RES = tuple((family, re.compile(pattern, re.IGNORECASE)) for family, pattern in HEDGE_PATTERNS)

# --------------------------------------------------------------------------------------------
# Attribution cue patterns
# --------------------------------------------------------------------------------------------

_AS_BY = (
    "reported", "stated", "noted", "recounted", "revealed", "confirmed", "indicated", "mentioned", "told",
    "described", "cited", "quoted", "claimed", "said", "explained",
)  # fmt: skip
#: Cues whose source follows them ("according to X", "as reported by X", "citing X").
FORWARD_CUES = re.compile(
    r"\baccording\s+to\b"
    rf"|\bas\s+(?:{'|'.join(_AS_BY)})\s+by\b"
    r"|\b(?:cited|quoted)\s+by\b"
    r"|\b(?:citing|quoting)\b"
    r"|\bin\s+the\s+words\s+of\b",
    re.IGNORECASE,
)
_OUTLET_OBJECT = r"(?:reporters|journalists|the\s+press|a\s+news\s+conference|a\s+press\s+conference)"
#: Cues naming a channel: "told Reuters", "informed reporters", "spoke to Reuters" (source before).
CHANNEL_CUES = re.compile(
    r"\b(?:told|informed|spoke\s+to|speaking\s+to|talked\s+to|said\s+to)\b",
    re.IGNORECASE,
)
#: Belief attributions: "insiders are convinced that".
BELIEF_CUES = re.compile(r"\b(?:is|are|was|were)\s+convinced\b(?=\s+that\b)", re.IGNORECASE)
#: An embedded social-media post's signature line: "— The New Arab (@The_NewArab) December 12, 2024".
EMBED_SIGNATURE = re.compile(r"^[—–-]\s*(?P<name>[^\n(]+?)\s*(?P<handle>\(@\w+\))", re.MULTILINE)
_WORD_CUES = re.compile(
    r"\b(?:" + "|".join(sorted({*SPEECH_VERBS, *PARTICIPLES, *DOCUMENT_VERBS}, key=len, reverse=True)) + r")\b"
)

_TOKEN = re.compile(r"\w+(?:[’'\-]\w+)*|[^\w\s]")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Rev|Jr|Sr|No|vs|etc|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec)\.)$"
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?P<close>[”\"’)\]]*)\s+(?=[“\"‘(]?[A-Z0-9])")


# --------------------------------------------------------------------------------------------
# Text structure: sentences, quotations, tokens
# --------------------------------------------------------------------------------------------


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence (lines are hard breaks; initials like "U.S." do not end one)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        for m in _SENTENCE_BREAK.finditer(line):
            if _ABBREV.search(line[: m.start()]):
                continue
            spans.append((start, pos + m.start() + len(m.group("close"))))
            start = pos + m.end()
        spans.append((start, pos + len(line)))
        pos += len(line) + 1
    out = []
    for s, e in spans:
        seg = text[s:e]
        lead, trail = len(seg) - len(seg.lstrip()), len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of double-quoted passages (curly or straight), paired within each line."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        opened: int | None = None
        for i, ch in enumerate(line):
            if ch == "“" or (ch == '"' and opened is None):
                opened = i if opened is None else opened
            elif ch in '”"' and opened is not None:
                spans.append((pos + opened, pos + i + 1))
                opened = None
        pos += len(line) + 1
    return spans


@dataclass(frozen=True)
class _Tok:
    """One token: its text and ``[start, end)`` in the article."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    """Tokens of ``text[start:end]`` with absolute offsets."""
    return [_Tok(m.group(), start + m.start(), start + m.end()) for m in _TOKEN.finditer(text[start:end])]


class _Spans:
    """Sorted ``[start, end)`` spans with logarithmic lookup of the one at a position."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def at(self, pos: int) -> tuple[int, int] | None:
        """The last span starting at or before ``pos`` (None when there is none)."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.spans[k] if k >= 0 else None

    def strictly_inside(self, pos: int) -> bool:
        """Whether ``pos`` lies strictly inside a span (for non-overlapping spans)."""
        k = bisect.bisect_left(self.starts, pos) - 1
        return k >= 0 and pos < self.spans[k][1]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans starting in ``[start, end)``."""
        return self.spans[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]


# --------------------------------------------------------------------------------------------
# Source spans and kinds
# --------------------------------------------------------------------------------------------


def _outlet_regex(outlets: Iterable[str]) -> re.Pattern[str]:
    """A case-sensitive whole-word pattern for outlet names, longest first."""
    names = sorted({o for o in outlets if o and o.lower() != "unknown"}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _is_outlet_object(toks: Sequence[_Tok], outlet_re: re.Pattern[str], text: str) -> str | None:
    """The outlet named by the first words of ``toks`` ("Saudi-owned Al Arabiya television", "reporters")."""
    if not toks:
        return None
    window = text[toks[0].start : toks[min(len(toks), 6) - 1].end]
    window = re.split(r"\s+(?:that|on|last|about|in)\b|[,;.:]", window)[0]
    m = outlet_re.search(window)
    if m:
        return m.group()
    if re.match(_OUTLET_OBJECT, window, re.IGNORECASE) or any(w.lower() in OUTLET_WORDS for w in window.split()):
        return window.strip()
    return None


def _trim(toks: list[_Tok]) -> list[_Tok]:
    """Drop punctuation and joining words from both ends of a span."""
    junk = {"who", "which", "that", "and", "or", "the", ",", "'", "‘", "’", "to", "as", "also"}
    while toks and (toks[-1].low in junk or (not toks[-1].is_word and toks[-1].text not in "'’")):
        toks = toks[:-1]
    while toks and (toks[0].low in {",", "and", "or"} or (not toks[0].is_word and toks[0].text not in "'‘")):
        toks = toks[1:]
    return toks


def _in_spans(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of the ``[start, end)`` spans."""
    return any(s <= pos < e for s, e in spans)


def _walk_back(toks: list[_Tok], i: int, stops: set[tuple[int, int]]) -> list[_Tok]:
    """Tokens of the noun phrase ending just before token ``i`` (up to a clause boundary)."""
    out: list[_Tok] = []
    j = i - 1
    while j >= 0 and len(out) < 25:
        t = toks[j]
        if _in_spans(t.start, stops) or t.text in CLAUSE_PUNCT or t.text == "," or t.low in BACK_STOPS:
            break
        out.append(t)
        j -= 1
    return list(reversed(out))


def _back_source(toks: list[_Tok], i: int, stops: set[tuple[int, int]]) -> list[_Tok]:
    """The subject before a cue at token ``i``, with "X, Y, said" appositives and "who" relatives."""
    j = i
    while j > 0 and (
        (toks[j - 1].low.endswith("ly") and toks[j - 1].low not in {"only"})
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


def _forward_source(
    toks: list[_Tok],
    i: int,
    stops: set[tuple[int, int]],
    *,
    to_end: bool,
    lead: bool,
    outlet_re: re.Pattern[str],
    text: str,
) -> tuple[list[_Tok], str]:
    """The source after a cue ending before token ``i``, and the channel outlet ("to Reuters") if any."""
    out: list[_Tok] = []
    via = ""
    j = i
    while j < len(toks) and len(out) < 30:
        t = toks[j]
        if _in_spans(t.start, stops) or t.text in CLAUSE_PUNCT or (t.low in FORWARD_STOPS and not to_end):
            break
        if t.low == "to" and out:
            found = _is_outlet_object(toks[j + 1 :], outlet_re, text)
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
    return _trim(out), via


def _participle_subject(toks: list[_Tok], i: int) -> list[_Tok]:
    """The subject of a participle clause (", saying ..."): the sentence's first noun phrase."""
    k = 0
    if toks and toks[0].low in OPENING_PREPOSITIONS:
        comma = next((n for n in range(i) if toks[n].text == ","), None)
        k = comma + 1 if comma is not None else 0
    out: list[_Tok] = []
    for t in toks[k:i]:
        low = t.low
        if (
            t.text in CLAUSE_PUNCT
            or t.text == ","
            or (out and not t.text[0].isupper() and (low.endswith("ed") or low in _FINITE))
        ):
            break
        out.append(t)
    while out and (out[-1].low in TEMPORAL or out[-1].low in WEEKDAYS):
        out = out[:-1]
    return out


#: Words that open an introductory phrase ("In his first comments, Assad ..."): the subject follows its comma.
OPENING_PREPOSITIONS = {
    "in", "on", "at", "after", "before", "during", "despite", "following", "since", "with", "as", "while", "when",
    "although", "by", "for", "from", "amid", "over", "under",
}  # fmt: skip
#: Finite verbs that end a participle's subject ("An insider described ...").
_FINITE = {
    "was", "were", "is", "are", "has", "had", "have", "gave", "gives", "did", "does", "made", "took", "left",
    "went", "came", "told", "said", "says", "spoke", "met", "got", "saw", "sent", "held", "wrote",
}  # fmt: skip


def _head_region(words: list[str]) -> list[str]:
    """The first words of a source up to its first preposition or participle (its head noun phrase)."""
    out = []
    for w in words:
        if w.lower() in HEAD_ENDS and out:
            break
        out.append(w)
    return out


def classify_source(source_text: str, outlets: Iterable[str] = OUTLETS) -> str:
    """The kind of a source span: ``document``, ``outlet``, ``anonymous`` or ``named`` (pronouns: ``anonymous``)."""
    words = [w.strip("'‘’") for w in re.findall(r"\w+(?:[’'\-]\w+)*|'\w+'", source_text)]
    words = [w for w in words if w]
    if not words:
        return "anonymous"
    lows = [w.lower() for w in words]
    head = _head_region(words)
    head_lows = {w.lower() for w in head}
    outlet_re = _outlet_regex(outlets)
    if head_lows & DOCUMENT_HEADS:
        return "document"
    if head_lows & REPORT_HEADS or outlet_re.search(" ".join(head)) or head_lows & OUTLET_WORDS:
        return "outlet"
    if head_lows & INTERVIEW_HEADS and outlet_re.search(source_text):
        return "outlet"
    first = lows[0]
    if first in INDEFINITE or first.isdigit() or (first in {"over", "more", "at"} and len(lows) > 1):
        return "anonymous"
    for idx, w in enumerate(head):
        low = w.lower()
        if (
            not w[0].isupper()
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


# --------------------------------------------------------------------------------------------
# Detection in one text
# --------------------------------------------------------------------------------------------


def _noun_reading(toks: list[_Tok], i: int) -> bool:
    """Whether the cue word at token ``i`` reads as a noun ("the claims", "—claims that", "a noted author")."""
    if i == 0:
        return toks[i].low in {"claims", "reports", "notes", "states", "claim", "note"}
    prev = toks[i - 1]
    if not prev.is_word:
        return prev.text not in {",", "”", '"', "’"}
    return prev.low in DETERMINERS


def _complement_ok(toks: list[_Tok], i: int) -> bool:
    """Whether a verb that needs a complement has one: "that", a clause end, or a quotation."""
    if i + 1 >= len(toks):
        return True
    nxt = toks[i + 1]
    return (
        nxt.low == "that"
        or nxt.text in {",", ".", ";", ":", "“", '"', "”"}
        or (nxt.low == "to" and i + 3 < len(toks) and "that" in {t.low for t in toks[i + 2 : i + 5]})
    )


def _inverted(toks: list[_Tok], i: int) -> bool:
    """Whether a speech verb is inverted: after a quotation or comma, before its subject ("” said X")."""
    if i == 0 or i + 1 >= len(toks):
        return False
    prev, nxt = toks[i - 1], toks[i + 1]
    if prev.text not in {",", "”", '"', "’"}:
        return False
    if prev.text == "," and toks[i].low not in INVERTING_VERBS:
        return False
    return (
        (nxt.text[0].isupper() and nxt.low not in {"i", "he", "she", "they", "we", "it"})
        or nxt.low in INDEFINITE
        or nxt.low in {"the", "his", "her"}
        or nxt.text[0].isdigit()
    )


def _find_cues(text: str, outlet_re: re.Pattern[str]) -> list[dict]:
    """Raw cue matches: span, cue text and how to find the source (``forward``/``back``/...)."""
    cues: list[dict] = []

    def add(start: int, end: int, mode: str, **extra: object) -> None:
        cues.append({"cue_start": start, "cue_end": end, "mode": mode, **extra})

    for m in FORWARD_CUES.finditer(text):
        add(m.start(), m.end(), "forward")
    for m in CHANNEL_CUES.finditer(text):
        after = text[m.end() : m.end() + 80]
        after_toks = _tokens(text, m.end(), min(len(text), m.end() + 80))
        if re.match(r"\s+to\b", after) or text[max(0, m.start() - 4) : m.start()].lower() == "all ":
            continue  # "told X to ..." is checked below; "all told" is an idiom
        via = _is_outlet_object(after_toks, outlet_re, text)
        if via:
            cue_end = m.end()
            press = re.match(r"\s*" + _OUTLET_OBJECT, after, re.IGNORECASE)
            if m.group().lower() in {"informed", "told"} and press:
                cue_end, via = m.end() + press.end(), ""  # "informed reporters" is the cue; no outlet named
            add(m.start(), cue_end, "back", via=via)
    for m in BELIEF_CUES.finditer(text):
        add(m.start(), m.end(), "back")
    for m in EMBED_SIGNATURE.finditer(text):
        add(m.start("handle"), m.end("handle"), "embed", source=(m.start("name"), m.end("name")))
    for m in _WORD_CUES.finditer(text):
        add(m.start(), m.end(), "word", word=m.group().lower())
    return cues


def _resolve_word_cue(
    cue: dict, toks: list[_Tok], i: int, stops: set[tuple[int, int]]
) -> tuple[str, list[_Tok]] | None:
    """Decide what a single-word cue is: ``(mode, source tokens)``, or None when it is not a cue here."""
    word = cue["word"]
    prev_low = toks[i - 1].low if i > 0 else ""
    if prev_low in NEGATORS:
        return None  # "could not confirm", "to say": nothing is attributed
    if prev_low in BE_VERBS or (i > 1 and prev_low.endswith("ly") and toks[i - 2].low in BE_VERBS):
        return None  # passive: "was denied by", "is said to", "was reportedly"
    if word in DOCUMENT_VERBS:
        subject = _back_source(toks, i, stops)
        heads = {t.low.strip("'’") for t in _head_tokens(subject)}
        if heads & (DOCUMENT_HEADS | INTERVIEW_HEADS):
            return ("back", subject)
        if word not in SPEECH_VERBS:
            return None
    if word in PARTICIPLES:
        if prev_low == ",":
            return ("participle", _participle_subject(toks, i))
        return None
    if word == "told":
        if _inverted(toks, i):
            return ("inverted", [])
        return None  # "told Reuters" is a channel cue; "told X that/to" narrates an event
    if word == "dismissed":
        window = {t.low for t in toks[i + 1 : i + 5]}
        if "as" not in window and not window & {"claims", "reports", "allegations", "accusations", "rumours", "rumors"}:
            return None
    if word == "denying" and prev_low == ",":
        return ("participle", _participle_subject(toks, i))
    if word in {"say", "said"} and prev_low in {"to", "so", "aforesaid"}:
        return None
    if word in NOUNLIKE_CUES and _noun_reading(toks, i):
        return None
    if _inverted(toks, i):
        return ("inverted", [])
    if word in NEEDS_COMPLEMENT and not _complement_ok(toks, i):
        return None
    if word in {"revealed", "reveals"} and i + 1 < len(toks) and toks[i + 1].low not in {"that", ",", ".", "to"}:
        return None
    return ("back", _back_source(toks, i, stops))


def _head_tokens(toks: list[_Tok]) -> list[_Tok]:
    """The head-region tokens of a source span."""
    out = []
    for t in toks:
        if t.low in HEAD_ENDS and out:
            break
        out.append(t)
    return out


def find_attributions(text: str, outlets: Iterable[str] = OUTLETS) -> pd.DataFrame:
    """Attributions in one text (columns as :data:`ATTRIBUTION_COLUMNS` minus ``source_id``)."""
    outlet_re = _outlet_regex(outlets)
    sentences = _Spans(sentence_spans(text))
    quotes = _Spans(quote_spans(text))
    raw = [c for c in _find_cues(text, outlet_re) if not quotes.strictly_inside(c["cue_start"])]
    # Longest cue wins where cues overlap ("as noted by" over "noted").
    raw.sort(key=lambda c: (c["cue_start"], -(c["cue_end"] - c["cue_start"])))
    chosen: list[dict] = []
    for c in raw:
        if chosen and c["cue_start"] < chosen[-1]["cue_end"]:
            continue
        chosen.append(c)
    cue_spans = _Spans([(c["cue_start"], c["cue_end"]) for c in chosen])
    rows = []
    for c in chosen:
        s_start, s_end = sentences.at(c["cue_start"]) or (0, len(text))
        toks = _tokens(text, s_start, s_end)
        i = next((n for n, t in enumerate(toks) if t.start >= c["cue_start"]), len(toks))
        i_after = next((n for n, t in enumerate(toks) if t.start >= c["cue_end"]), len(toks))
        stops = set(cue_spans.within(s_start, s_end)) - {(c["cue_start"], c["cue_end"])}
        via = str(c.get("via", ""))
        mode = c["mode"]
        if mode == "word":
            resolved = _resolve_word_cue(c, toks, i, stops)
            if resolved is None:
                continue
            mode, src = resolved
            if mode == "inverted":
                src, via = _forward_source(
                    toks, i_after, stops, to_end=True, lead=False, outlet_re=outlet_re, text=text
                )
        elif mode == "forward":
            lead = all(not t.is_word or t.low in {"and", "but"} for t in toks[:i])
            src, via = _forward_source(toks, i_after, stops, to_end=False, lead=lead, outlet_re=outlet_re, text=text)
        elif mode == "embed":
            src = _tokens(text, *c["source"])
        else:
            src = _back_source(toks, i, stops)
        src = _trim(src)
        if src:
            src_start, src_end = src[0].start, src[-1].end
        else:
            src_start = src_end = c["cue_start"]
        source_text = text[src_start:src_end]
        rows.append(
            {
                "start": min(c["cue_start"], src_start),
                "end": max(c["cue_end"], src_end),
                "cue": text[c["cue_start"] : c["cue_end"]],
                "cue_start": c["cue_start"],
                "cue_end": c["cue_end"],
                "source_text": source_text,
                "source_start": src_start,
                "source_end": src_end,
                "kind": classify_source(source_text, outlets),
                "via": via,
                "sentence": text[s_start:s_end],
            }
        )
    _resolve_pronouns(rows)
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS[1:])


def _resolve_pronouns(rows: list[dict]) -> None:
    """Give a pronoun source ("he", "they") the kind of the previous non-pronoun attribution nearby."""
    last: dict | None = None
    for row in rows:
        src = row["source_text"].lower()
        if src in PRONOUNS:
            if last is not None and row["cue_start"] - last["cue_end"] < 800:
                row["kind"] = last["kind"]
            else:
                row["kind"] = "named" if src in {"he", "she", "his", "her", "i"} else "anonymous"
        elif row["source_text"]:
            last = row


def find_hedges(text: str) -> pd.DataFrame:
    """Hedges and verification disclaimers in one text: ``start, end, cue, family, sentence``."""
    sentences = _Spans(sentence_spans(text))
    toks = _tokens(text, 0, len(text))
    tok_at = {t.start: n for n, t in enumerate(toks)}
    found: list[tuple[int, int, str]] = []
    for family, rx in _HEDGE_RES:
        for m in rx.finditer(text):
            if m.group().lower().startswith("claim"):
                n = tok_at.get(m.start())
                if n is not None and _noun_reading(toks, n):
                    continue
            found.append((m.start(), m.end(), family))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    rows = []
    last_end = -1
    for start, end, family in found:
        if start < last_end:
            continue
        last_end = end
        s, e = sentences.at(start) or (0, len(text))
        rows.append({"start": start, "end": end, "cue": text[start:end], "family": family, "sentence": text[s:e]})
    return pd.DataFrame(rows, columns=HEDGE_COLUMNS[1:])


# --------------------------------------------------------------------------------------------
# Corpus level
# --------------------------------------------------------------------------------------------


def corpus_outlets(corpus: pd.DataFrame) -> tuple[str, ...]:
    """Known outlet names plus the corpus's own outlets and credited outlets."""
    extra: list[str] = []
    for col in ("outlet", "upstream_inferred"):
        if col in corpus.columns:
            extra.extend(str(v) for v in corpus[col] if str(v) and str(v) != "unknown")
    if "credits" in corpus.columns:
        for credits in corpus["credits"]:
            extra.extend(credits)
    return tuple(dict.fromkeys([*OUTLETS, *extra]))


def attributions(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every attribution in every article, with offsets into the unmodified texts."""
    outlets = corpus_outlets(corpus)
    frames = []
    for sid, text in corpus["text"].items():
        frame = find_attributions(text, outlets)
        frame.insert(0, "source_id", sid)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ATTRIBUTION_COLUMNS)
    return out[ATTRIBUTION_COLUMNS]


def hedges(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every hedge and verification disclaimer in every article, with offsets."""
    frames = []
    for sid, text in corpus["text"].items():
        frame = find_hedges(text)
        frame.insert(0, "source_id", sid)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=HEDGE_COLUMNS)
    return out[HEDGE_COLUMNS]


def tables(corpus_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """``attributions.csv`` and ``hedges.csv`` for the CLI."""
    corpus = load_corpus(corpus_dir)
    attrs = attributions(corpus)[["source_id", "start", "end", "cue", "source_text", "kind"]]
    hdg = hedges(corpus)[["source_id", "start", "end", "cue"]]
    return {"attributions.csv": attrs.reset_index(drop=True), "hedges.csv": hdg.reset_index(drop=True)}


# --------------------------------------------------------------------------------------------
# Gold: hand-coded cues and hedges, checked against the texts
# --------------------------------------------------------------------------------------------

GOLD_ATTRIBUTION_REQUIRED = (
    "source_id",
    "cue_start",
    "cue_end",
    "cue",
    "source_start",
    "source_end",
    "source_text",
    "kind",
)
GOLD_ATTRIBUTION_OPTIONAL = ("via", "note")
GOLD_HEDGE_REQUIRED = ("source_id", "start", "end", "cue")
GOLD_HEDGE_OPTIONAL = ("family", "note")
HEDGE_FAMILIES = ("hedge", "disclaimer")


def gold_path(name: str, corpus_dir: Path | str | None = None) -> Path:
    """Where a corpus keeps a gold file (``gold/<name>``)."""
    return config.corpus_dir(corpus_dir) / config.GOLD_DIRNAME / name


def has_gold(corpus_dir: Path | str | None = None) -> bool:
    """Whether the corpus has hand-coded attribution and hedge gold to measure the detector against."""
    return all(
        gold_path(name, corpus_dir).is_file() for name in (config.ATTRIBUTIONS_GOLD_NAME, config.HEDGES_GOLD_NAME)
    )


def _check_span(row: dict, path: Path, text: str, start_col: str, end_col: str, text_col: str) -> list[Problem]:
    """Problems with one ``[start, end)`` span of a gold row: not integers, out of range, wrong text."""
    line = row[LINE]
    raw_start, raw_end, want = row[start_col], row[end_col], row[text_col]
    if not (raw_start.isdigit() and raw_end.isdigit()):
        return [
            Problem(str(path), line, f"{start_col}/{end_col} must be whole numbers, found '{raw_start}'/'{raw_end}'")
        ]
    start, end = int(raw_start), int(raw_end)
    if not 0 <= start <= end <= len(text):
        return [
            Problem(str(path), line, f"{start_col}..{end_col} = {start}..{end} is outside the article (0..{len(text)})")
        ]
    if text[start:end] != want:
        hint = ""
        if want and want in text:
            nearest = min((m.start() for m in re.finditer(re.escape(want), text)), key=lambda p: abs(p - start))
            hint = f" ('{want}' is at {nearest}..{nearest + len(want)})"
        got = text[start:end]
        return [Problem(str(path), line, f"{start_col}..{end_col} slices '{got}', not {text_col} '{want}'{hint}")]
    return []


def _read_gold(
    path: Path,
    corpus: pd.DataFrame,
    required: Sequence[str],
    optional: Sequence[str],
    spans: Sequence[tuple[str, str, str]],
) -> pd.DataFrame:
    """Read a gold CSV and check every row's source id and spans; raise :class:`InputError` listing all problems."""
    frame = read_table(path, required, optional)
    problems: list[Problem] = []
    for row in frame.to_dict("records"):
        sid, line = row["source_id"], row[LINE]
        if sid not in corpus.index:
            problems.append(Problem(str(path), line, f"unknown source_id '{sid}'{suggest(sid, corpus.index)}"))
            continue
        for start_col, end_col, text_col in spans:
            problems.extend(_check_span(row, path, corpus.at[sid, "text"], start_col, end_col, text_col))
        if "kind" in frame.columns and row["kind"] not in KINDS:
            problems.append(
                Problem(
                    str(path),
                    line,
                    f"unknown kind '{row['kind']}'{suggest(row['kind'], KINDS)}; use one of {', '.join(KINDS)}",
                )
            )
        family = row.get("family", "")
        if "family" in frame.columns and family and family not in HEDGE_FAMILIES:
            problems.append(Problem(str(path), line, f"unknown family '{family}'{suggest(family, HEDGE_FAMILIES)}"))
    if problems:
        raise InputError(problems)
    for col in {c for span in spans for c in span[:2]}:
        frame[col] = frame[col].astype(int)
    return frame


def read_gold_attributions(corpus: pd.DataFrame, corpus_dir: Path | str | None = None) -> pd.DataFrame:
    """The hand-coded attribution cues, each span checked against its article."""
    spans = (("cue_start", "cue_end", "cue"), ("source_start", "source_end", "source_text"))
    path = gold_path(config.ATTRIBUTIONS_GOLD_NAME, corpus_dir)
    return _read_gold(path, corpus, GOLD_ATTRIBUTION_REQUIRED, GOLD_ATTRIBUTION_OPTIONAL, spans)


def read_gold_hedges(corpus: pd.DataFrame, corpus_dir: Path | str | None = None) -> pd.DataFrame:
    """The hand-coded hedges and disclaimers, each span checked against its article."""
    path = gold_path(config.HEDGES_GOLD_NAME, corpus_dir)
    return _read_gold(path, corpus, GOLD_HEDGE_REQUIRED, GOLD_HEDGE_OPTIONAL, (("start", "end", "cue"),))


def validate(corpus_dir: Path | str | None = None) -> tuple[list[Problem], str]:
    """Problems in the attribution and hedge gold files, and a summary line (for ``python -m helpers validate``)."""
    corpus = load_corpus(corpus_dir)
    problems: list[Problem] = []
    counts = []
    for name, reader in (
        (config.ATTRIBUTIONS_GOLD_NAME, read_gold_attributions),
        (config.HEDGES_GOLD_NAME, read_gold_hedges),
    ):
        if not gold_path(name, corpus_dir).is_file():
            continue
        try:
            counts.append(f"{len(reader(corpus, corpus_dir))} gold {name.removesuffix('.csv')}")
        except InputError as exc:
            problems.extend(exc.problems)
    return problems, ", ".join(counts)


# --------------------------------------------------------------------------------------------
# Measurement against the gold
# --------------------------------------------------------------------------------------------


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether two ``[start, end)`` spans share at least one character."""
    return a0 < b1 and b0 < a1


def match_spans(
    gold: Sequence[tuple[int, int]], detected: Sequence[tuple[int, int]]
) -> list[tuple[int | None, int | None]]:
    """One-to-one matching of overlapping spans: pairs ``(gold_index, detected_index)``, ``None`` where unmatched."""
    used: set[int] = set()
    pairs: list[tuple[int | None, int | None]] = []
    for gi, (g0, g1) in enumerate(gold):
        best, best_overlap = None, 0
        for di, (d0, d1) in enumerate(detected):
            overlap = min(g1, d1) - max(g0, d0)
            if di not in used and _overlaps(g0, g1, d0, d1) and overlap > best_overlap:
                best, best_overlap = di, overlap
        if best is not None:
            used.add(best)
        pairs.append((gi, best))
    pairs.extend((None, di) for di in range(len(detected)) if di not in used)
    return pairs


DETAIL_COLUMNS = [
    "source_id",
    "what",
    "status",
    "start",
    "cue_gold",
    "cue_detected",
    "kind_gold",
    "kind_detected",
    "source_gold",
    "source_detected",
    "source_overlap",
]


def evaluation_details(
    detected_attributions: pd.DataFrame,
    detected_hedges: pd.DataFrame,
    gold_attributions: pd.DataFrame,
    gold_hedges: pd.DataFrame,
) -> pd.DataFrame:
    """Every gold and detected cue and hedge of the coded articles: ``match``, ``missed`` or ``extra``."""
    coded = sorted(set(gold_attributions["source_id"]) | set(gold_hedges["source_id"]))
    rows = []
    for sid in coded:
        ga = gold_attributions[gold_attributions["source_id"] == sid].reset_index(drop=True)
        da = detected_attributions[detected_attributions["source_id"] == sid].reset_index(drop=True)
        for gi, di in match_spans(
            list(zip(ga["cue_start"], ga["cue_end"], strict=True)),
            list(zip(da["cue_start"], da["cue_end"], strict=True)),
        ):
            g = ga.loc[gi] if gi is not None else None
            d = da.loc[di] if di is not None else None
            rows.append(
                {
                    "source_id": sid,
                    "what": "attribution",
                    "status": "match" if g is not None and d is not None else ("missed" if d is None else "extra"),
                    "start": int((g if g is not None else d)["cue_start"]),
                    "cue_gold": g["cue"] if g is not None else "",
                    "cue_detected": d["cue"] if d is not None else "",
                    "kind_gold": g["kind"] if g is not None else "",
                    "kind_detected": d["kind"] if d is not None else "",
                    "source_gold": g["source_text"] if g is not None else "",
                    "source_detected": d["source_text"] if d is not None else "",
                    "source_overlap": bool(
                        g is not None
                        and d is not None
                        and _overlaps(g["source_start"], g["source_end"], d["source_start"], d["source_end"])
                    ),
                }
            )
        gh = gold_hedges[gold_hedges["source_id"] == sid].reset_index(drop=True)
        dh = detected_hedges[detected_hedges["source_id"] == sid].reset_index(drop=True)
        for gi, di in match_spans(
            list(zip(gh["start"], gh["end"], strict=True)), list(zip(dh["start"], dh["end"], strict=True))
        ):
            g = gh.loc[gi] if gi is not None else None
            d = dh.loc[di] if di is not None else None
            rows.append(
                {
                    "source_id": sid,
                    "what": "hedge",
                    "status": "match" if g is not None and d is not None else ("missed" if d is None else "extra"),
                    "start": int((g if g is not None else d)["start"]),
                    "cue_gold": g["cue"] if g is not None else "",
                    "cue_detected": d["cue"] if d is not None else "",
                    "kind_gold": "",
                    "kind_detected": "",
                    "source_gold": "",
                    "source_detected": "",
                    "source_overlap": False,
                }
            )
    return pd.DataFrame(rows, columns=DETAIL_COLUMNS)


def _ratio(num: int, den: int) -> float:
    """``num / den``, NaN when there is nothing to divide."""
    return num / den if den else float("nan")


def evaluate(
    detected_attributions: pd.DataFrame,
    detected_hedges: pd.DataFrame,
    gold_attributions: pd.DataFrame,
    gold_hedges: pd.DataFrame,
) -> pd.DataFrame:
    """Per coded article (and ``all``): cue precision/recall, kind accuracy on matched cues, hedge precision/recall."""
    details = evaluation_details(detected_attributions, detected_hedges, gold_attributions, gold_hedges)
    groups = [(sid, details[details["source_id"] == sid]) for sid in dict.fromkeys(details["source_id"])]
    rows = []
    for sid, d in [*groups, ("all", details)]:
        a = d[d["what"] == "attribution"]
        h = d[d["what"] == "hedge"]
        a_match = a[a["status"] == "match"]
        h_match = h[h["status"] == "match"]
        rows.append(
            {
                "source_id": sid,
                "cues_gold": int((a["status"] != "extra").sum()),
                "cues_detected": int((a["status"] != "missed").sum()),
                "cues_matched": len(a_match),
                "cue_precision": _ratio(len(a_match), int((a["status"] != "missed").sum())),
                "cue_recall": _ratio(len(a_match), int((a["status"] != "extra").sum())),
                "kind_accuracy": _ratio(int((a_match["kind_gold"] == a_match["kind_detected"]).sum()), len(a_match)),
                "source_overlap": _ratio(int(a_match["source_overlap"].sum()), len(a_match)),
                "hedges_gold": int((h["status"] != "extra").sum()),
                "hedges_detected": int((h["status"] != "missed").sum()),
                "hedges_matched": len(h_match),
                "hedge_precision": _ratio(len(h_match), int((h["status"] != "missed").sum())),
                "hedge_recall": _ratio(len(h_match), int((h["status"] != "extra").sum())),
            }
        )
    return pd.DataFrame(rows).set_index("source_id")


def kind_confusion(details: pd.DataFrame) -> pd.DataFrame:
    """Gold kind (rows) by detected kind (columns) over matched cues."""
    matched = details[(details["what"] == "attribution") & (details["status"] == "match")]
    table = pd.crosstab(matched["kind_gold"], matched["kind_detected"])
    return table.reindex(index=list(KINDS), columns=list(KINDS), fill_value=0).rename_axis(
        index="gold", columns="detected"
    )


# --------------------------------------------------------------------------------------------
# Agreement with the hand claim coding (evidence.csv)
# --------------------------------------------------------------------------------------------

#: Which detector each coded stance is checked against.
STANCE_CHECKS = {"attributes": "attribution", "hedges": "hedge"}


def evidence_coverage(
    evidence: pd.DataFrame, corpus: pd.DataFrame, detected_attributions: pd.DataFrame, detected_hedges: pd.DataFrame
) -> pd.DataFrame:
    """Each evidence row coded ``attributes`` or ``hedges``: does its anchored quote contain a detection?

    ``evidence`` is :attr:`helpers.claims.Codings.evidence`, whose quotes are already anchored
    (``start``/``end``) by the claim validator; a row with ``start < 0`` counts as not located.
    """
    rows = []
    for row in evidence.to_dict("records"):
        check = STANCE_CHECKS.get(row["stance"])
        if check is None or row["source_id"] not in corpus.index:
            continue
        span = (int(row["start"]), int(row["end"])) if int(row.get("start", -1)) >= 0 else None
        found = detected_attributions if check == "attribution" else detected_hedges
        start_col, end_col = ("cue_start", "cue_end") if check == "attribution" else ("start", "end")
        inside = found.iloc[0:0]
        if span is not None:
            mine = found[found["source_id"] == row["source_id"]]
            inside = mine[(mine[start_col] >= span[0]) & (mine[end_col] <= span[1])]
        coded_kind = row.get("attribution_kind", "")
        rows.append(
            {
                "claim_id": row["claim_id"],
                "source_id": row["source_id"],
                "stance": row["stance"],
                "located": span is not None,
                "covered": len(inside) > 0,
                "detected": "; ".join(inside["cue"]),
                "coded_kind": coded_kind,
                "detected_kinds": "; ".join(inside["kind"]) if check == "attribution" else "",
                "kind_agrees": bool(check == "attribution" and coded_kind in set(inside.get("kind", []))),
                "quote": row["quote"],
            }
        )
    columns = [
        "claim_id",
        "source_id",
        "stance",
        "located",
        "covered",
        "detected",
        "coded_kind",
        "detected_kinds",
        "kind_agrees",
        "quote",
    ]
    return pd.DataFrame(rows, columns=columns)


def coverage_summary(coverage: pd.DataFrame) -> pd.DataFrame:
    """Per coded stance: rows, quotes located, share of located quotes holding a detection, kind agreement."""
    rows = []
    for stance in STANCE_CHECKS:
        part = coverage[coverage["stance"] == stance]
        located = part[part["located"]]
        covered = located[located["covered"]]
        with_kind = covered[covered["coded_kind"].isin(KINDS)]
        rows.append(
            {
                "stance": stance,
                "rows": len(part),
                "located": len(located),
                "covered": len(covered),
                "share_covered": _ratio(len(covered), len(located)),
                "kind_agreement": _ratio(int(with_kind["kind_agrees"].sum()), len(with_kind))
                if stance == "attributes"
                else float("nan"),
            }
        )
    return pd.DataFrame(rows).set_index("stance")


def coverage_disagreements(coverage: pd.DataFrame) -> pd.DataFrame:
    """Located evidence rows the detector does not back: no detection in the quote, or another source kind."""
    attributes = coverage["stance"] == "attributes"
    odd = coverage["located"] & (~coverage["covered"] | (attributes & coverage["covered"] & ~coverage["kind_agrees"]))
    columns = ["claim_id", "source_id", "stance", "detected", "coded_kind", "detected_kinds", "quote"]
    return coverage.loc[odd, columns].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Sourcing profile per article
# --------------------------------------------------------------------------------------------

PROFILE_COLUMNS = [
    "words",
    "attributions",
    *(f"share_{k}" for k in KINDS),
    "attributions_per_1k",
    "hedges_per_1k",
    "disclaimers_per_1k",
]


def sourcing_profile(
    corpus: pd.DataFrame, detected_attributions: pd.DataFrame, detected_hedges: pd.DataFrame
) -> pd.DataFrame:
    """Per article: attributions by kind (shares), attributions, hedges and disclaimers per 1,000 words."""
    rows = []
    for sid in corpus.index:
        words = int(corpus.at[sid, "n_words"]) if "n_words" in corpus.columns else len(corpus.at[sid, "text"].split())
        a = detected_attributions[detected_attributions["source_id"] == sid]
        h = detected_hedges[detected_hedges["source_id"] == sid]
        per_k = 1000 / words if words else float("nan")
        row: dict[str, object] = {"source_id": sid, "words": words, "attributions": len(a)}
        for kind in KINDS:
            row[f"share_{kind}"] = _ratio(int((a["kind"] == kind).sum()), len(a))
        row["attributions_per_1k"] = len(a) * per_k
        row["hedges_per_1k"] = int((h["family"] == "hedge").sum()) * per_k
        row["disclaimers_per_1k"] = int((h["family"] == "disclaimer").sum()) * per_k
        rows.append(row)
    return pd.DataFrame(rows, columns=["source_id", *PROFILE_COLUMNS]).set_index("source_id")


#: One colour per source kind (Okabe-Ito, as :mod:`helpers.charts`).
KIND_COLORS = {"named": "#0072B2", "anonymous": "#E69F00", "outlet": "#009E73", "document": "#CC79A7"}


def _below(ax: Axes) -> Transform:
    """A transform half an inch below an axes' bottom edge (for a legend under the x label)."""
    return offset_copy(ax.transAxes, fig=ax.figure, y=-0.5, units="inches")


def profile_chart(profile: pd.DataFrame) -> Figure:
    """Two panels: the mix of source kinds per article, and attributions, hedges and disclaimers per 1,000 words."""
    fig, (left, right) = charts.plt.subplots(1, 2, figsize=(11, 0.6 * len(profile) + 1.8), sharey=True)
    charts.plt.close(fig)
    ids = list(profile.index)[::-1]
    ys = range(len(ids))
    base = [0.0] * len(ids)
    for kind in KINDS:
        vals = [
            float(profile.at[sid, f"share_{kind}"]) if pd.notna(profile.at[sid, f"share_{kind}"]) else 0.0
            for sid in ids
        ]
        left.barh(list(ys), vals, left=base, color=KIND_COLORS[kind], label=kind)
        base = [b + v for b, v in zip(base, vals, strict=True)]
    left.set_yticks(list(ys), ids)
    left.set_xlim(0, 1)
    left.legend(
        loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=_below(left), ncol=len(KINDS), frameon=False
    )
    charts.style_axes(left, title="Who the article says it relies on", xlabel="share of attributions")
    height = 0.27
    series = (
        ("attributions_per_1k", "attributions", "#555555"),
        ("hedges_per_1k", "hedges", "#D55E00"),
        ("disclaimers_per_1k", "disclaimers", "#56B4E9"),
    )
    for n, (col, label, color) in enumerate(series):
        right.barh(
            [y + (1 - n) * height for y in ys],
            [float(profile.at[sid, col]) for sid in ids],
            height=height,
            color=color,
            label=label,
        )
    right.legend(loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=_below(right), ncol=3, frameon=False)
    charts.style_axes(right, title="How densely it sources and hedges", xlabel="per 1,000 words")
    return fig


# --------------------------------------------------------------------------------------------
# What the rewrites dropped: hedges in one sibling rewrite and their fate in another
# --------------------------------------------------------------------------------------------

FATE_COLUMNS = [
    "group",
    "source_a",
    "source_b",
    "family",
    "cue",
    "status",
    "anchor",
    "sentence_a",
    "passage_b",
    "b_cues",
    "a_start",
    "a_end",
    "b_start",
    "b_end",
]
#: Fates of a hedge, from best kept to lost.
FATES = ("kept", "hedged differently", "attributed, not hedged", "stated flatly", "no aligned passage")


def sibling_groups(corpus: pd.DataFrame) -> dict[str, list[str]]:
    """Articles that credit (or are inferred to follow) the same upstream outlet, for groups of two or more."""
    groups: dict[str, list[str]] = {}
    for sid in corpus.index:
        upstreams = list(corpus.at[sid, "credits"]) if "credits" in corpus.columns else []
        inferred = str(corpus.at[sid, "upstream_inferred"]) if "upstream_inferred" in corpus.columns else ""
        if inferred:
            upstreams.append(inferred)
        for outlet in dict.fromkeys(upstreams):
            groups.setdefault(outlet, []).append(str(sid))
    return {outlet: ids for outlet, ids in groups.items() if len(ids) >= 2}


def _window(sentences: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The span of the whole sentences touched by ``[start, end)``."""
    touched = [(s, e) for s, e in sentences if s < end and start < e] or [(start, end)]
    return touched[0][0], touched[-1][1]


def hedge_fates(
    corpus: pd.DataFrame,
    detected_attributions: pd.DataFrame,
    detected_hedges: pd.DataFrame,
    groups: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """For every hedge in one sibling rewrite, what another rewrite made of the same passage.

    Passages are aligned with :func:`helpers.reuse.align` (verbatim runs and paraphrased
    sentences). A hedge's passage is the aligned text in its own sentence. A disclaimer in a
    sentence with no counterpart ("Reuters could not independently verify the details") follows
    the claim it qualifies instead: the previous sentence, whose counterpart is read together
    with the sentence after it. The other rewrite there keeps a qualifier of the same family
    (``kept``), of the other family (``hedged differently``), only credits a source
    (``attributed, not hedged``), states it flatly (``stated flatly``), or has no aligned
    passage (``no aligned passage``: left out, or paraphrased beyond what the aligner links).
    """
    from helpers import reuse  # imported here: only this analysis needs the aligner

    groups = sibling_groups(corpus) if groups is None else groups
    rows = []
    for outlet, ids in groups.items():
        for a in ids:
            text_a = corpus.at[a, "text"]
            sents_a = sentence_spans(text_a)
            for b in ids:
                if a == b:
                    continue
                text_b = corpus.at[b, "text"]
                sents_b = sentence_spans(text_b)
                passages = reuse.align(text_a, text_b).passages
                hb = detected_hedges[detected_hedges["source_id"] == b]
                ab = detected_attributions[detected_attributions["source_id"] == b]
                for h in detected_hedges[detected_hedges["source_id"] == a].to_dict("records"):
                    rows.append(_fate(outlet, a, b, h, sents_a, sents_b, text_b, passages, hb, ab))
    return pd.DataFrame(rows, columns=FATE_COLUMNS)


def _fate(
    outlet: str,
    a: str,
    b: str,
    h: dict,
    sents_a: Sequence[tuple[int, int]],
    sents_b: Sequence[tuple[int, int]],
    text_b: str,
    passages: pd.DataFrame,
    hb: pd.DataFrame,
    ab: pd.DataFrame,
) -> dict:
    """The fate of one hedge of article ``a`` in article ``b`` (one row of :func:`hedge_fates`)."""
    row = {
        "group": outlet,
        "source_a": a,
        "source_b": b,
        "family": h["family"],
        "cue": h["cue"],
        "status": "no aligned passage",
        "anchor": "",
        "sentence_a": h["sentence"],
        "passage_b": "",
        "b_cues": "",
        "a_start": h["start"],
        "a_end": h["end"],
        "b_start": -1,
        "b_end": -1,
    }
    idx = next((n for n, (s, e) in enumerate(sents_a) if s <= h["start"] < e), None)
    if idx is None:
        return row
    tries = [(idx, "same sentence")] + ([(idx - 1, "previous sentence")] if h["family"] == "disclaimer" and idx else [])
    hits = [
        (label, passages[(passages["a_start"] < sents_a[k][1]) & (passages["a_end"] > sents_a[k][0])])
        for k, label in tries
    ]
    hits = [(label, found) for label, found in hits if len(found)]
    if not hits:
        return row
    anchor, found = hits[0]
    b0, b1 = _window(sents_b, int(found["b_start"].min()), int(found["b_end"].max()))
    if anchor == "previous sentence":
        b1 = next((e for s, e in sents_b if s >= b1), b1)  # the qualifier may follow the claim there too
    kept = hb[(hb["start"] >= b0) & (hb["end"] <= b1)]
    cited = ab[(ab["cue_start"] >= b0) & (ab["cue_end"] <= b1)]
    same = kept[kept["family"] == h["family"]]
    row.update(anchor=anchor, passage_b=text_b[b0:b1], b_start=b0, b_end=b1)
    if len(same):
        row.update(status="kept", b_cues="; ".join(same["cue"]))
    elif len(kept):
        row.update(status="hedged differently", b_cues="; ".join(kept["cue"]))
    elif len(cited):
        row.update(status="attributed, not hedged", b_cues="; ".join(cited["cue"]))
    else:
        row["status"] = "stated flatly"
    return row


def fate_counts(fates: pd.DataFrame) -> pd.DataFrame:
    """Hedges of each rewrite (rows) by their fate in each other rewrite (columns per fate)."""
    table = pd.crosstab([fates["source_a"], fates["source_b"]], fates["status"])
    return table.reindex(columns=list(FATES), fill_value=0)


def _marked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` HTML-escaped with ``<mark>`` around the given ``[start, end)`` spans (relative to ``text``)."""
    out, pos = [], 0
    for s, e in sorted(spans):
        if s < pos or e > len(text):
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def fates_html(fates: pd.DataFrame, detected_hedges: pd.DataFrame, detected_attributions: pd.DataFrame) -> str:
    """Hedges and their fate side by side: the hedged sentence and the other rewrite's passage, cues marked."""
    head = "<tr><th>fate</th><th>rewrite A</th><th>A's sentence</th><th>rewrite B</th><th>B's passage</th></tr>"
    body = []
    for r in fates.to_dict("records"):
        sent_start = r["a_start"] - r["sentence_a"].find(r["cue"]) if r["cue"] in r["sentence_a"] else None
        a_html = _marked(
            r["sentence_a"], [(r["a_start"] - sent_start, r["a_end"] - sent_start)] if sent_start is not None else []
        )
        b_spans: list[tuple[int, int]] = []
        if r["b_start"] >= 0:
            sid_b = r["source_b"]
            for frame, s_col, e_col in (
                (detected_hedges, "start", "end"),
                (detected_attributions, "cue_start", "cue_end"),
            ):
                mine = frame[
                    (frame["source_id"] == sid_b) & (frame[s_col] >= r["b_start"]) & (frame[e_col] <= r["b_end"])
                ]
                b_spans.extend(
                    (int(s) - r["b_start"], int(e) - r["b_start"])
                    for s, e in zip(mine[s_col], mine[e_col], strict=True)
                )
        b_html = _marked(r["passage_b"], b_spans) if r["passage_b"] else "<em>(no aligned passage)</em>"
        body.append(
            f"<tr><td>{html.escape(r['status'])}</td><td>{html.escape(r['source_a'])}</td>"
            f"<td style='text-align:left'>{a_html}</td><td>{html.escape(r['source_b'])}</td>"
            f"<td style='text-align:left'>{b_html}</td></tr>"
        )
    return f"<table>{head}{''.join(body)}</table>"
