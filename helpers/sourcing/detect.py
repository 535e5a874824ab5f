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

Plain, unit-tested patterns rather than a parser (why: ``docs/design.md``); an optional learned
tagger (:mod:`helpers.sourcing.tagger`) adds the cue words the rules miss. The tagger stays opt-in
(:data:`TAGGER_DEFAULT`): it follows PolNeAR's wider convention, where narrated speech acts
("urged", "requested", "warned") are attributions, which the hand coding of the shipped corpus
does not count (with it the in-repo gold’s cue precision falls from 1.00 to 0.77). Length: about 900
lines, because the cue, the source span and the kind decide each other; the word lists are in
:mod:`helpers.sourcing.lexicon` and the tagger in its own module.

Decisions (also unit-tested):

* a speech verb inside a quotation is the quoted speaker's, not the article's: skipped;
* "the aforesaid", "all told", "told X to do" (an order), passive "was denied by" / "is said to"
  and the noun readings ("the claims", "—claims that") are not attribution cues; "is said to"
  is a hedge instead;
* "claims that the minister has dismissed as falsehoods" is a reported denial: the noun "claims" is
  not a cue, "dismissed ... as" is (source: the minister);
* an outlet that is only the channel ("told Al Arabiya", "to Reuters", "who spoke to Reuters")
  goes into ``via``; the kind describes the source itself ("a senior Iranian diplomat");
* a pronoun source ("he", "they") takes the kind of the article's previous attribution;
* a byline credit ("Additional reporting by ...") is not an attribution;
* a speech act narrated as an event ("the minister informed her aide that ...", "acknowledged",
  "expressed concern") is not an attribution: only reporting to the press or the reader counts;
* a negated or modal cue ("could not confirm", "would say") attributes nothing;
* typographic cues: a dash after a quotation signs it ("…” ― Ann Lee"), a colon after a speaker's
  name before a quotation or in a transcript ("Lee: “…”", "HOST: ...") is the cue; a capitalised
  topic ("Harbour Crisis: ...") and an editor's label ("UPDATE:") are not speakers.

Beyond the columns the brief asked for, attributions carry ``via`` (the channel outlet) and
hedges ``family`` (``hedge``, ``disclaimer``, ``unclaimed`` for "no one has claimed" and
``unconfirmed`` for "has not been confirmed"; these are hedges, never attributions). The hand-coded gold
(``corpus/gold/attributions.csv``, ``corpus/gold/hedges.csv``) is read by
:mod:`helpers.sourcing.gold`; measurement against it and agreement with the hand claim coding
are in :mod:`helpers.sourcing.accuracy`; each article's profile is :mod:`helpers.sourcing.profile`;
the rewrites' hedges are followed by :mod:`helpers.sourcing.rewrites`. The work is linear in the
length of the text (tokens are walked only within a cue's sentence).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.claims.coding import ATTRIBUTION_KINDS
from helpers.core.text import ABBREVIATIONS, quote_spans, sentence_spans
from helpers.corpus.load import is_known_outlet
from helpers.sourcing.lexicon import (
    CLAIM_NEGATORS,
    COMMON_SOURCE_ADJECTIVES,
    DEFAULT_OUTLETS,
    GROUP_NOUNS,
    NEWSPAPER_NAME,
    OUTLET_PLURALS,
    TIME_WORDS,
)
from helpers.sourcing.lexicon import TOKEN as _TOKEN
from helpers.sourcing.tagger import model_cue_spans

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

#: Source kinds of an attribution: the claim coding's kinds except "none".
KINDS = tuple(k for k in ATTRIBUTION_KINDS if k != "none")

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

#: News organisations recognised by name (generic world list; the corpus's own outlets and credits are added).
OUTLETS = DEFAULT_OUTLETS
#: Words that make a phrase an outlet even without a name ("Saudi-owned television").
OUTLET_WORDS = {
    "television", "newspaper", "broadcaster", "agency", "daily", "channel", "tv", "radio", "magazine", *OUTLET_PLURALS,
}  # fmt: skip
#: Head nouns of document sources.
DOCUMENT_HEADS = {
    "video", "videos", "footage", "image", "images", "photo", "photos", "photograph", "photographs",
    "picture", "pictures", "record", "records", "document", "documents", "file", "files", "data",
    "statement", "statements", "letter", "letters", "email", "emails", "log", "logs", "cable", "cables",
    "transcript", "transcripts", "recording", "recordings", "filing", "filings", "papers", "imagery",
    "leaks", "minutes", "message", "messages", "poll", "polls", "survey", "surveys", "study", "studies",
    "figures", "statistics", "census", "audit", "audits",
}  # fmt: skip
#: Head nouns that make a source an outlet ("the report added", "media reports").
REPORT_HEADS = {"report", "reports", "reporting", "coverage", "media"}
#: Head nouns of interviews: outlet when an outlet conducted them, else their unnamed people.
INTERVIEW_HEADS = {"interview", "interviews", "conversation", "conversations"}
#: Institutions: "the foreign ministry said" names a body.
INSTITUTION_HEADS = {
    "ministry", "government", "army", "military", "presidency", "embassy", "court", "police", "kremlin",
    "cabinet", "parliament", "office", "command", "council", "department", "pentagon", "senate", "congress",
    "commission", "house",
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
    "diplomats", "aides", "both", "most", "several", "some", "many", "members", "mayor", "governor", "head",
    "chairman", "chairwoman", *COMMON_SOURCE_ADJECTIVES, *GROUP_NOUNS,
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
#: Words the learned tagger may not open a cue with: a meeting is no speech act. (Narrated speech, "told",
#: "acknowledged", counts in the tagger's PolNeAR convention: vetoing it cost cross-validated F1 on train.)
MODEL_VETO = {"met"}
#: Whether :func:`find_attributions` adds the learned tagger's cues by default (the tables and notebooks use it).
TAGGER_DEFAULT = False
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
#: Pronouns that can be the subject of a cue; a source that is one takes the kind of the previous source.
SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
PRONOUNS = SUBJECT_PRONOUNS | {"his", "her", "their"}
#: Pronouns of one person: without an earlier source nearby they stand for a named person.
PERSON_PRONOUNS = {"he", "she", "his", "her", "i"}
#: Characters after an attribution within which a pronoun source ("he said") takes that attribution's kind.
PRONOUN_REACH = 800
#: Kinds a person's pronoun may take from an earlier source.
PERSON_KINDS = {"named", "anonymous"}

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
#: Verbs of asking: a cue only with the question quoted ("asked, “Why?”", "asked the minister: “...”").
ASK_VERBS = ("asked", "asks")
#: What follows "asked" in a request ("asked not to be named", "asked to", "asked for").
_REQUEST_AFTER = re.compile(r"\s+(?:not|to|for|about)\b")
#: Most words of whom "asked" asks before the quoted question ("asked the minister: “...”").
MAX_OBJECT_WORDS = 5
#: Coordinators before a second verb of the same subject ("praised the plan and said").
COORDINATORS = {"and", "but"}
#: Words after "said" that are no reported content ("said nothing", "said goodbye").
NOT_COMPLEMENTS = {"nothing", "little", "goodbye", "hello", "grace", "yes", "no", "so", ""}
#: Auxiliaries that end a clause's subject ("The mayor has ...").
_AUXILIARIES = {"has", "have", "had", "is", "are", "was", "were", "will", "would", "did", "does", "could", "can"}
#: Verbs that put a label on something, a cue only with the quoted label ("called the bombings “inhuman”").
LABEL_VERBS = ("called", "calls", "dubbed", "dubs", "branded", "brands", "labelled", "labeled")
#: Words after a label verb that make it another verb ("called for", "called on", "called off").
VERB_PARTICLES = {"for", "on", "off", "up", "in", "out", "back", "upon"}
#: Most tokens between a label verb and the opening of its quoted label.
LABEL_REACH = 8
#: Verbs that need a complement before they count: "that", end of clause, or an inverted source.
NEEDS_COMPLEMENT = {
    "revealed", "reveals", "added", "adds", "noted", "notes", "note", "stated", "states", "mentioned",
    "mentions", "reported", "claims", "claim", "announced", "announces", "argued", "argues", "wrote", "writes",
    "explained", "explains",
}  # fmt: skip
#: Cue words that are nouns when they open a sentence ("Claims that ...").
NOUN_CUES = {"claims", "reports", "notes", "states", "claim", "note", "remarks"}
#: Plural nouns that are verbs only before "that", a colon or a quotation ("the 30 states.", "his crude remarks").
PLURAL_NOUN_CUES = {"claims", "notes", "states", "remarks"}
#: Cue words that can be nouns or adjectives ("the claims", "a noted author", "the said document").
NOUNLIKE_CUES = NOUN_CUES | {"noted", "said", "reported", "denies"}
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
#: Prepositions of a channel phrase between a reporting verb and its complement ("wrote in a statement that").
CHANNEL_PREPOSITIONS = {"in", "on", "via", "through"}
#: Most words of such a channel phrase ("in a Facebook post to supporters" is six).
MAX_CHANNEL_WORDS = 6
#: Titles that continue with "of" before the name they belong to ("Secretary of State Madeleine Albright").
OF_TITLES = {"secretary", "minister", "head", "chief", "director", "chairman", "chairwoman", "governor", "mayor"}
#: Second words of an office after "of" ("Minister of Foreign Affairs", "Secretary of Homeland Security").
OFFICE_TAILS = {"affairs", "security", "development", "services", "relations", "trade", "defence", "defense"}
#: Temporal words trimmed from a participle's subject ("the minister this week").
TEMPORAL = {"this", "last", "next", "week", "month", "year", "today", "yesterday", "earlier", "later", "on"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
#: Clause-level punctuation: never inside a source span.
CLAUSE_PUNCT = set(';:()[]“”"—–.!?')

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
    ("disclaimer", rf"\bcannot\s+(?:immediately\s+)?{_VERIFY}\b"),
    # wire and legal hedges: a charge or suspicion, not an established fact
    ("hedge", r"\bsuspected\b|\baccused\s+of\b|\b(?:may|might)\s+have\b"),
    # negated or pending claims of responsibility
    (
        "unclaimed",
        r"\b(?:no\s+one|nobody|no\s+group|no\s+organi[sz]ation)\s+(?:has|had|have)\s+(?:yet\s+|so\s+far\s+)?claimed\b"
        r"|\b(?:has|have|had)\s+(?:not|yet\s+to)\s+(?:yet\s+)?claim(?:ed)?\b"
        r"|\bno\s+(?:immediate\s+)?claims?\s+of\s+responsibility\b",
    ),
    # a claim that nobody has confirmed yet
    (
        "unconfirmed",
        r"\b(?:has|have|had)\s+not\s+(?:yet\s+)?been\s+(?:officially\s+|independently\s+)?(?:confirmed|verified)\b"
        r"|\b(?:could|can)\s*not\s+be\s+(?:immediately\s+|independently\s+)?(?:confirmed|verified)\b"
        r"|\b(?:is|was|are|were)\s+not\s+(?:immediately\s+|independently\s+)?(?:confirmed|verified)\b"
        r"|\b(?:is|are|was|were|remains?)\s+yet\s+to\s+be\s+(?:confirmed|verified)\b",
    ),
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
    r"|\bquoted\s+(?:[\w’'-]+\s+){1,6}?by\b"
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
_WORD_CUE_WORDS = sorted(
    {*SPEECH_VERBS, *PARTICIPLES, *DOCUMENT_VERBS, *LABEL_VERBS, *ASK_VERBS}, key=len, reverse=True
)
#: Whole words only: no cue inside a hyphenated compound ("so-called", "self-reported").
_WORD_CUES = re.compile(r"(?<![\w-])(?:" + "|".join(_WORD_CUE_WORDS) + r")(?![\w-])")


# --------------------------------------------------------------------------------------------
# Text structure: tokens and span lookup (sentences and quotations: helpers.core.text)
# --------------------------------------------------------------------------------------------


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
    """A case-sensitive whole-word pattern for outlet names, longest first (built once per outlet list)."""
    return _outlet_pattern(tuple(outlets))


@lru_cache(maxsize=64)
def _outlet_pattern(outlets: tuple[str, ...]) -> re.Pattern[str]:
    names = sorted({o for o in outlets if is_known_outlet(o)}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _is_outlet_object(toks: Sequence[_Tok], outlet_re: re.Pattern[str], text: str) -> str | None:
    """The outlet named by the first words of ``toks`` ("Saudi-owned Al Arabiya television", "reporters")."""
    if not toks:
        return None
    window = text[toks[0].start : toks[min(len(toks), 6) - 1].end]
    window = re.split(r"\s+(?:that|on|last|about|in)\b|[,;.:]", window)[0]
    m = outlet_re.search(window) or NEWSPAPER_NAME.match(window)
    if m:
        return m.group()
    if re.match(_OUTLET_OBJECT, window, re.IGNORECASE):
        return window.strip()
    words = window.split()
    k = next((n for n, w in enumerate(words) if w.lower() in OUTLET_WORDS), None)
    if k is None:
        return None
    while k + 1 < len(words) and words[k + 1].lower() in OUTLET_WORDS:
        k += 1  # "state television channel"
    return " ".join(words[: k + 1])  # the outlet's noun phrase ends with its outlet word ("told state radio the ...")


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
        if _in_spans(t.start, stops) or t.text == "," or t.low in BACK_STOPS:
            break
        if t.text in CLAUSE_PUNCT and not _abbreviation_dot(toks, j):
            break
        out.append(t)
        j -= 1
    return list(reversed(out))


def _abbreviation_dot(toks: list[_Tok], j: int) -> bool:
    """Whether token ``j`` is the full stop of an initial or title ("U.S.", "Gen."), not a clause end."""
    if toks[j].text != "." or j == 0 or toks[j - 1].end != toks[j].start:
        return False
    word = toks[j - 1].text
    return (len(word) == 1 and word.isupper()) or word in ABBREVIATIONS


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


#: Words that open an introductory phrase ("In his first comments, the minister ..."): the subject follows its comma.
OPENING_PREPOSITIONS = {
    "in", "on", "at", "after", "before", "during", "despite", "following", "since", "with", "as", "while", "when",
    "although", "by", "for", "from", "amid", "over", "under",
}  # fmt: skip
#: Finite verbs that end a participle's subject ("An insider described ...").
_FINITE = {
    "was", "were", "is", "are", "has", "had", "have", "gave", "gives", "did", "does", "made", "took", "left",
    "went", "came", "told", "said", "says", "spoke", "met", "got", "saw", "sent", "held", "wrote",
}  # fmt: skip


def _head_length(lows: Sequence[str]) -> int:
    """How many first words of a source form its head noun phrase (up to a preposition or participle)."""
    return next((n for n, low in enumerate(lows) if n and low in HEAD_ENDS), len(lows))


def classify_source(source_text: str, outlets: Iterable[str] = OUTLETS) -> str:
    """The kind of a source span: ``document``, ``outlet``, ``anonymous`` or ``named`` (pronouns: ``anonymous``)."""
    words = [w.strip("'‘’") for w in re.findall(r"(?:[A-Z]\.){2,}|\w+(?:[’'\-]\w+)*|'\w+'", source_text)]
    words = [w for w in words if w]
    if not words:
        return "anonymous"
    lows = [w.lower() for w in words]
    n_head = _head_length(lows)
    office: set[int] = set()  # the office of a title ("Secretary of State"): no name
    if n_head < len(lows) and lows[n_head] == "of" and lows[n_head - 1] in OF_TITLES:
        k = n_head + 1 + (n_head + 1 < len(lows) and lows[n_head + 1] == "the")
        office = {k, k + 1} if k + 1 < len(lows) and lows[k + 1] in OFFICE_TAILS else {k}
        n_head += 1 + _head_length(lows[n_head + 1 :])  # the name may follow the office
    head = words[:n_head]
    head_lows = {w.lower() for w in head}
    outlet_re = _outlet_regex(outlets)
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


# --------------------------------------------------------------------------------------------
# Detection in one text
# --------------------------------------------------------------------------------------------


def _noun_reading(toks: list[_Tok], i: int) -> bool:
    """Whether the cue word at token ``i`` reads as a noun ("the claims", "—claims that", "a noted author")."""
    if i == 0:
        return toks[i].low in NOUN_CUES
    prev = toks[i - 1]
    if not prev.is_word:
        return prev.text not in {",", "”", '"', "’"}
    return prev.low in DETERMINERS or prev.low.endswith(("’s", "'s"))  # "Trump’s remarks"


def _complement_ok(toks: list[_Tok], i: int, *, strict: bool = False) -> bool:
    """Whether a verb that needs a complement has one: "that", a clause end, or a quotation.

    ``strict`` (plural nouns that may be verbs: "states", "remarks") accepts no clause end.
    """
    verb = i
    while i + 2 < len(toks) and toks[i + 1].low in TIME_WORDS and toks[i + 1].low != "this":
        i += 1  # "reported Saturday that", "said on Monday:"
    if not strict and (_channel_phrase(toks, verb) or _channel_phrase(toks, i)):
        return True  # "on" is a time word too: "wrote on Twitter that", "said Monday in a statement that"
    if i + 1 >= len(toks):
        return not strict
    nxt = toks[i + 1]
    return (
        nxt.low == "that"
        or nxt.text in ({":", "“", '"'} if strict else {",", ".", ";", ":", "“", '"', "”"})
        or (nxt.low == "to" and i + 3 < len(toks) and "that" in {t.low for t in toks[i + 2 : i + 5]})
    )


def _quoted_question(toks: list[_Tok], i: int) -> bool:
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


def _clause_subject(toks: list[_Tok], i: int) -> list[_Tok]:
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
            if t.low in _AUXILIARIES or t.low.endswith("ed") or t.low in {"of", "in", "for", "from", "at"}:
                break
            out.append(t)
        else:
            break
    return out if capitalised or len(out) > 1 else []


def _after_quotation(toks: list[_Tok], i: int) -> bool:
    """Whether the cue at ``i`` follows a closing quotation and its speaker ("“Really,” she added when ...")."""
    j = i - 1
    while j >= 0 and toks[j].is_word and i - j <= 4:
        j -= 1
    return 0 <= j < i - 1 and toks[j].text in {"”", '"'}


def _channel_phrase(toks: list[_Tok], i: int) -> bool:
    """Whether a short channel phrase and then a complement follow token ``i`` ("in a statement that", "on X:")."""
    if i + 1 >= len(toks) or toks[i + 1].low not in CHANNEL_PREPOSITIONS:
        return False
    ahead = toks[i + 2 : i + 2 + MAX_CHANNEL_WORDS + 1]
    end = next((n for n, t in enumerate(ahead) if t.low == "that" or t.text in {":", "“", '"', ","}), None)
    return bool(end) and all(t.is_word for t in ahead[:end])


def _inverted(toks: list[_Tok], i: int) -> bool:
    """Whether a speech verb is inverted: after a quotation or comma, before its subject ("” said X")."""
    if i == 0 or i + 1 >= len(toks):
        return False
    prev, nxt = toks[i - 1], toks[i + 1]
    if prev.text not in {",", "”", '"', "’"}:
        return False
    if prev.text == "," and (toks[i].low not in INVERTING_VERBS or _appositive_subject(toks, i)):
        return False
    return (
        (nxt.text[0].isupper() and nxt.low not in SUBJECT_PRONOUNS)
        or nxt.low in INDEFINITE
        or nxt.low in {"the", "his", "her"}
        or nxt.text[0].isdigit()
    )


def _appositive_subject(toks: list[_Tok], i: int) -> bool:
    """Whether the clause before a cue at ``i`` is "Name, appositive," ("Ann Lee, the former mayor, said the ...")."""
    commas = [n for n in range(i) if toks[n].text == ","]
    if len(commas) != 2 or commas[1] != i - 1:
        return False
    kept = [n for n in range(commas[1]) if not _abbreviation_dot(toks, n)]  # "U.S." is one word here
    first = [toks[n] for n in kept if n < commas[0]]
    second = [toks[n] for n in kept if commas[0] < n]
    return (
        0 < len(first) <= 6
        and 0 < len(second) <= 12
        and first[0].text[0].isupper()
        and first[0].low not in OPENING_PREPOSITIONS
        and not any(t.text in CLAUSE_PUNCT for t in first + second)
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
    for m in _WORD_CUES.finditer(text):
        if m.group() in ASK_VERBS and _REQUEST_AFTER.match(text, m.end()):
            continue  # "who asked not to be named", "asked for": a request, and no stop for a source span
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
    if word.startswith("claim") and {t.low for t in toks[max(0, i - 3) : i]} & CLAIM_NEGATORS:
        return None  # "No one has claimed responsibility": nothing is claimed (a hedge instead)
    if word in DOCUMENT_VERBS:
        subject = _back_source(toks, i, stops)
        heads = {t.low.strip("'’") for t in subject[: _head_length([t.low for t in subject])]}
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
    if word in ASK_VERBS:  # requests ("asked for", "asked not to be named") never become candidates
        if _inverted(toks, i):
            return ("inverted", [])
        if _quoted_question(toks, i):
            return ("back", _back_source(toks, i, stops))  # the question quoted: "asked, “Why?”"
        return None  # "asked whether ...", like "told X that ...", narrates an event
    if word in LABEL_VERBS:
        if i + 1 < len(toks) and toks[i + 1].low in VERB_PARTICLES:
            return None  # "called for", "called on"
        ahead = toks[i + 1 : i + 2 + LABEL_REACH]
        opening = next((n for n, t in enumerate(ahead) if t.text in {"“", '"'}), None)
        if opening is None or opening == 0 or any(t.text in CLAUSE_PUNCT | {","} for t in ahead[:opening]):
            return None  # "called for talks", "called on him to": no quoted words
        return ("back", _back_source(toks, i, stops))
    if word == "dismissed":
        window = {t.low for t in toks[i + 1 : i + 5]}
        if "as" not in window and not window & {"claims", "reports", "allegations", "accusations", "rumours", "rumors"}:
            return None
    if word == "denying" and prev_low == ",":
        return ("participle", _participle_subject(toks, i))
    if word in {"say", "said"} and prev_low in {"to", "so", "aforesaid"}:
        return None
    if prev_low in COORDINATORS and word in SPEECH_VERBS and word not in NOUN_CUES:
        subject = _clause_subject(toks, i - 1)
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        complement = _complement_ok(toks, i) if word in NEEDS_COMPLEMENT else nxt not in NOT_COMPLEMENTS
        return ("back", subject) if subject and complement else None  # "praised the plan and said ..."
    if word in NOUNLIKE_CUES and _noun_reading(toks, i):
        return None
    if _inverted(toks, i):
        return ("inverted", [])
    if word in NEEDS_COMPLEMENT and not _complement_ok(toks, i) and not _after_quotation(toks, i):
        return None
    if word in PLURAL_NOUN_CUES and not _complement_ok(toks, i, strict=True):
        return None
    if word in {"revealed", "reveals"} and i + 1 < len(toks) and toks[i + 1].low not in {"that", ",", ".", "to"}:
        return None
    return ("back", _back_source(toks, i, stops))


#: Words that cannot make a tagged cue on their own ("has", "about", "to"): auxiliaries and prepositions.
FUNCTION_WORDS = {
    "a", "an", "the", "to", "of", "in", "on", "at", "for", "about", "with", "by", "from", "as", "and", "or", "but",
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would", "could", "can",
    "should", "may", "might", "must", "do", "does", "did", "not", "also", "that", "this", "it", "he", "she",
    "they", "his", "her", "their", "its", "made", "make", "makes", ",", ".", "’s", "'s", "-", "—",
}  # fmt: skip
#: Determiners after which a tagged word is a noun, not a cue ("his remarks", "the claims").
_NOUN_DETERMINERS = DETERMINERS - {"that", "of", "and", "or", "new", "false", "unverified"}


def _model_rejects(toks: list[_Tok], i: int) -> bool:
    """Whether a cue the tagger found at token ``i`` breaks one of the rules' firm conventions."""
    low = toks[i].low
    prev = toks[i - 1].low if i > 0 else ""
    if low in MODEL_VETO or prev in NEGATORS - {"to"} or prev in _NOUN_DETERMINERS:
        return True
    if low in SPEECH_VERBS and prev in BE_VERBS:
        return True  # passive: "was denied by", "is said to"
    if low in {"told", "tell"} and (prev == "all" or "to" in {t.low for t in toks[i + 1 : i + 5]}):
        return True  # "all told"; "told X to do" is an order
    return _negated_claim(toks, i)


def _negated_claim(toks: list[_Tok], i: int) -> bool:
    """Whether token ``i`` is a negated "claim" ("No one has claimed", "has not claimed")."""
    return toks[i].low.startswith("claim") and bool({t.low for t in toks[max(0, i - 3) : i]} & CLAIM_NEGATORS)


def _plain_quotes(text: str) -> str:
    """Wire copy's ASCII quotation marks (``` ``like this'' ```) as straight double quotes, same length.

    Two apostrophes or backticks are a quotation mark in 1990s wire copy; read as two
    apostrophes they would join a source span ("'' he said"). The offsets do not change.
    """
    return text.replace("''", '""').replace("``", '""')


def find_attributions(
    text: str, outlets: Iterable[str] = OUTLETS, *, tagger: bool = TAGGER_DEFAULT, cue_model: tuple | None = None
) -> pd.DataFrame:
    """Attributions in one text (columns as :data:`ATTRIBUTION_COLUMNS` minus ``source_id``).

    ``tagger=True`` adds the learned cue tagger's finds (PolNeAR's wider convention: narrated speech
    acts such as "asked", "described", "defended" count); the default keeps the rules' convention.
    ``cue_model`` replaces the shipped tagger (weights, threshold, vocabulary), for training.
    """
    original = text
    text = _plain_quotes(text)
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
    if tagger:
        rows.extend(_model_rows(text, raw, rows, sentences, outlets, cue_model))
    rows.sort(key=lambda r: r["cue_start"])
    if original != text:  # the same offsets: show the article's own characters
        for row in rows:
            s_start, s_end = sentences.at(row["cue_start"]) or (0, len(text))
            row["cue"] = original[row["cue_start"] : row["cue_end"]]
            row["source_text"] = original[row["source_start"] : row["source_end"]]
            row["sentence"] = original[s_start:s_end]
    _resolve_pronouns(rows)
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS[1:])


def _model_rows(
    text: str,
    raw: list[dict],
    rule_rows: list[dict],
    sentences: _Spans,
    outlets: Iterable[str],
    cue_model: tuple | None = None,
) -> list[dict]:
    """Attributions the learned tagger adds where the rules found none.

    The rules' firm conventions still hold for what the tagger finds (:func:`_model_rejects`):
    negated or modal cues, passives, noun readings ("the claims", "his remarks"), "all told",
    orders ("told X to"), and narrated speech events (:data:`MODEL_VETO`). ``raw`` (the rules'
    own candidates) is accepted for symmetry with the rule pass and not used further.
    """
    del raw
    taken = sorted((r["cue_start"], r["cue_end"]) for r in rule_rows)
    starts = [a for a, _ in taken]
    rows = []
    for c_start, c_end, _prob in model_cue_spans(text, cue_model, taken):
        k = bisect.bisect_left(starts, c_end)
        if any(a < c_end and c_start < b for a, b in taken[max(0, k - 8) : k]):
            continue
        s_start, s_end = sentences.at(c_start) or (0, len(text))
        toks = _tokens(text, s_start, s_end)
        i = next((n for n, t in enumerate(toks) if t.start >= c_start), len(toks))
        i_after = next((n for n, t in enumerate(toks) if t.start >= c_end), len(toks))
        if i >= len(toks) or _model_rejects(toks, i):
            continue
        if any(_negated_claim(toks, k) for k in range(i, i_after)):
            continue  # "No one has claimed": the whole run goes
        if any(t.low in NEGATORS for t in toks[i:i_after]) or all(t.low in FUNCTION_WORDS for t in toks[i:i_after]):
            continue  # a cue has a content word (or is a colon before a quotation)
        src = _trim(_back_source(toks, i, set()))
        via = ""
        if not src:
            src, via = _forward_source(
                toks, i_after, set(), to_end=False, lead=False, outlet_re=_outlet_regex(outlets), text=text
            )
            src = _trim(src)
        src_start, src_end = (src[0].start, src[-1].end) if src else (c_start, c_start)
        source_text = text[src_start:src_end]
        rows.append(
            {
                "start": min(c_start, src_start),
                "end": max(c_end, src_end),
                "cue": text[c_start:c_end],
                "cue_start": c_start,
                "cue_end": c_end,
                "source_text": source_text,
                "source_start": src_start,
                "source_end": src_end,
                "kind": classify_source(source_text, outlets),
                "via": via,
                "sentence": text[s_start:s_end],
            }
        )
    return rows


def _resolve_pronouns(rows: list[dict]) -> None:
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
    """Known outlet names plus the corpus's own, credited and settings-listed (``outlets``) outlets."""
    extra: list[str] = []
    for col in ("outlet", "upstream_inferred"):
        if col in corpus.columns:
            extra.extend(str(v) for v in corpus[col] if is_known_outlet(v))
    if "credits" in corpus.columns:
        for credits in corpus["credits"]:
            extra.extend(credits)
    settings = getattr(corpus, "settings", None)
    extra.extend(settings.outlets if settings is not None else ())
    return tuple(dict.fromkeys([*OUTLETS, *extra]))


def attributions(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every attribution in every article, with offsets into the unmodified texts.

    Under the corpus's ``attributions = "wide"`` setting the learned tagger's finds are added.
    """
    outlets = corpus_outlets(corpus)
    settings = getattr(corpus, "settings", None)
    tagger = TAGGER_DEFAULT if settings is None else settings.attributions == "wide"
    frames = []
    for sid, text in corpus["text"].items():
        frame = find_attributions(text, outlets, tagger=tagger)
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


def sourcing_tables(corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``attributions.csv`` and ``hedges.csv`` for the CLI."""
    attrs = attributions(corpus)[["source_id", "start", "end", "cue", "source_text", "kind"]]
    hdg = hedges(corpus)[["source_id", "start", "end", "cue"]]
    return {"attributions.csv": attrs.reset_index(drop=True), "hedges.csv": hdg.reset_index(drop=True)}
