"""What a source span is made of: head nouns of each kind, words that are not names, span stops.

Where the lists come from: written by hand for these rules, each word added for a case seen in the
shipped corpus or in PolNeAR's training split (the git history of ``helpers/sourcing/detect.py`` records
each addition); none is copied from another tool's resource files.
"""

from __future__ import annotations

#: Capitalised common words that open a source without naming it ("Local sources", "Security officials").
COMMON_SOURCE_ADJECTIVES = {
    "local", "security", "government", "police", "military", "hospital", "intelligence", "diplomatic",
    "informed", "unnamed", "anonymous", "knowledgeable", "independent", "official", "opposition", "rebel",
    "party", "campaign", "administration", "health", "medical", "rescue", "aid", "western", "eastern",
    "northern", "southern", "top", "high-ranking", "ranking", "us", "u.s.", "un", "u.n.", "eu", "e.u.", "uk", "u.k.",
    "palestinian", "kenyan", "tanzanian", "african", "afghan", "pakistani", "indian", "german", "italian",
    "japanese", "korean", "spanish", "mexican", "canadian", "australian", "israeli", "yemeni", "sudanese",
    "ethiopian", "somali", "nigerian", "libyan", "tunisian", "moroccan", "algerian", "belgian", "dutch", "swiss",
    "white", "house", "state", "department", "defense", "justice", "fbi", "pentagon", "congressional",
    "republican", "democratic", "republicans", "democrats", "witnesses", "relatives", "neighbours", "neighbors",
}  # fmt: skip

#: Plural nouns of unnamed groups that open a sentence capitalised ("Critics said", "Investigators believe").
GROUP_NOUNS = {
    "critics", "supporters", "opponents", "activists", "protesters", "demonstrators", "lawmakers", "legislators",
    "investigators", "prosecutors", "doctors", "nurses", "scientists", "researchers", "voters", "campaigners",
    "authorities", "rescuers", "workers", "students", "parents", "locals", "villagers", "survivors", "victims",
    "families", "organisers", "organizers", "economists", "lawyers", "judges", "soldiers", "troops", "rebels",
    "militants", "fighters", "negotiators", "mediators", "reporters", "journalists", "commentators", "pollsters",
    "firefighters", "detectives", "officers", "paramedics", "engineers", "inspectors", "experts", "teachers",
    "farmers", "traders", "shoppers", "passengers", "drivers", "fans", "staff", "employees", "members",
}  # fmt: skip

#: Time words a reporting verb may be followed by before its complement ("reported Saturday that").
TIME_WORDS = {
    "on", "today", "yesterday", "tonight", "earlier", "later", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "last", "this", "week", "month", "year", "night", "morning", "evening",
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

#: Pronouns that can be the subject of a cue; a source that is one takes the kind of the previous source.
SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i"}

PRONOUNS = SUBJECT_PRONOUNS | {"his", "her", "their"}

#: Pronouns of one person: without an earlier source nearby they stand for a named person.
PERSON_PRONOUNS = {"he", "she", "his", "her", "i"}

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

#: Titles that continue with "of" before the name they belong to ("Secretary of State Madeleine Albright").
OF_TITLES = {"secretary", "minister", "head", "chief", "director", "chairman", "chairwoman", "governor", "mayor"}

#: Second words of an office after "of" ("Minister of Foreign Affairs", "Secretary of Homeland Security").
OFFICE_TAILS = {"affairs", "security", "development", "services", "relations", "trade", "defence", "defense"}

#: Temporal words trimmed from a participle's subject ("the minister this week").
TEMPORAL = {"this", "last", "next", "week", "month", "year", "today", "yesterday", "earlier", "later", "on"}

WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

#: Words that open an introductory phrase ("In his first comments, the minister ..."): the subject follows its comma.
OPENING_PREPOSITIONS = {
    "in", "on", "at", "after", "before", "during", "despite", "following", "since", "with", "as", "while", "when",
    "although", "by", "for", "from", "amid", "over", "under",
}  # fmt: skip

#: Finite verbs that end a participle's subject ("An insider described ...").
FINITE_VERBS = {
    "was", "were", "is", "are", "has", "had", "have", "gave", "gives", "did", "does", "made", "took", "left",
    "went", "came", "told", "said", "says", "spoke", "met", "got", "saw", "sent", "held", "wrote",
}  # fmt: skip

#: Words ending in "-ly" that are nouns, not adverbs, before a cue ("the influential US daily wrote").
LY_NOUNS = {
    "daily", "weekly", "monthly", "quarterly", "family", "ally", "assembly", "rally", "bully", "supply", "italy",
    "monopoly", "reply", "anomaly", "homily",
}  # fmt: skip
#: Capitalised last words that make a source a named institution ("the Census Bureau", "the Senate Committee").
NAMED_BODY_HEADS = {
    "bureau", "institute", "committee", "board", "authority", "foundation", "center", "centre", "administration",
    "service", "commission", "council", "department", "ministry", "office", "agency", "court", "party",
}  # fmt: skip
#: Person nouns after which an outlet word is only a modifier ("his media adviser", "a press secretary").
PERSON_AFTER_OUTLET_WORD = {
    "adviser", "advisor", "advisers", "advisors", "aide", "aides", "director", "secretary", "officer", "chief",
    "spokesman", "spokeswoman", "spokesperson", "consultant", "consultants", "strategist", "executive", "manager",
}  # fmt: skip
