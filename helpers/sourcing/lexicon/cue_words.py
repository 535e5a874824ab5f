"""The words that make an attribution cue, and the words around one that cancel or qualify it.

Where the lists come from: written by hand for these rules, each word added for a case seen in the
shipped corpus or in PolNeAR's training split (the git history of ``helpers/sourcing/detect.py`` records
each addition); none is copied from another tool's resource files.
"""

from __future__ import annotations

#: Speech verbs whose source is their subject (or follows them when inverted: "said X").
SPEECH_VERBS = (
    "said", "says", "say", "told", "reported", "revealed", "reveals", "recounted", "recounts", "remarked",
    "remarks", "noted", "notes", "note", "confirmed", "confirms", "confirm", "denied", "denies", "deny",
    "denying", "claims", "claimed", "claim", "indicated", "indicates", "mentioned", "mentions", "stated",
    "states", "added", "adds", "insisted", "insists", "explained", "explains", "recalled", "recalls", "quoted",
    "replied", "replies", "announced", "announces", "argued", "argues", "wrote", "writes", "tweeted",
    "dismissed",
)  # fmt: skip

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

#: Evidence verbs whose subject must be a document ("records show", "videos ... reveal").
DOCUMENT_VERBS = (
    "show", "shows", "showed", "shown", "reveal", "reveals", "revealed", "suggest", "suggests", "suggested",
    "depict", "depicts", "depicted", "indicate", "indicates", "indicated", "expose", "exposes", "exposed",
    "prove", "proves", "proved",
)  # fmt: skip

#: Participles that, after a comma, take the sentence's subject as their source.
PARTICIPLES = (
    "saying", "noting", "adding", "claiming", "insisting", "stating", "explaining", "arguing", "recalling",
)  # fmt: skip

#: Verbs of asking: a cue only with the question quoted ("asked, “Why?”", "asked the minister: “...”").
ASK_VERBS = ("asked", "asks")

#: Verbs that put a label on something, a cue only with the quoted label ("called the bombings “inhuman”").
LABEL_VERBS = ("called", "calls", "dubbed", "dubs", "branded", "brands", "labelled", "labeled")

#: Words after a label verb that make it another verb ("called for", "called on", "called off").
VERB_PARTICLES = {"for", "on", "off", "up", "in", "out", "back", "upon"}

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

#: Words before "claimed" that negate it ("No one has claimed responsibility"): not an attribution.
CLAIM_NEGATORS = {"no", "nobody", "none", "not", "n't", "never", "yet"}

#: Coordinators before a second verb of the same subject ("praised the plan and said").
COORDINATORS = {"and", "but"}

#: Words after "said" that are no reported content ("said nothing", "said goodbye").
NOT_COMPLEMENTS = {"nothing", "little", "goodbye", "hello", "grace", "yes", "no", "so", ""}

#: Auxiliaries that end a clause's subject ("The mayor has ...").
AUXILIARIES = {"has", "have", "had", "is", "are", "was", "were", "will", "would", "did", "does", "could", "can"}

#: Prepositions of a channel phrase between a reporting verb and its complement ("wrote in a statement that").
CHANNEL_PREPOSITIONS = {"in", "on", "via", "through"}

#: Words the learned tagger may not open a cue with: a meeting is no speech act. (Narrated speech, "told",
#: "acknowledged", counts in the tagger's PolNeAR convention: vetoing it cost cross-validated F1 on train.)
MODEL_VETO = {"met"}

#: Words that cannot make a tagged cue on their own ("has", "about", "to"): auxiliaries and prepositions.
FUNCTION_WORDS = {
    "a", "an", "the", "to", "of", "in", "on", "at", "for", "about", "with", "by", "from", "as", "and", "or", "but",
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would", "could", "can",
    "should", "may", "might", "must", "do", "does", "did", "not", "also", "that", "this", "it", "he", "she",
    "they", "his", "her", "their", "its", "made", "make", "makes", ",", ".", "’s", "'s", "-", "—",
}  # fmt: skip

#: Determiners after which a tagged word is a noun, not a cue ("his remarks", "the claims").
NOUN_DETERMINERS = DETERMINERS - {"that", "of", "and", "or", "new", "false", "unverified"}

AS_BY_VERBS = (
    "reported", "stated", "noted", "recounted", "revealed", "confirmed", "indicated", "mentioned", "told",
    "described", "cited", "quoted", "claimed", "said", "explained",
)  # fmt: skip
