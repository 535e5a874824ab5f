"""Data for the attribution detector (:mod:`helpers.sourcing`): outlet names and word lists.

Kept apart from the code so a corpus can extend them (``find_attributions(text, outlets=...)``
takes any outlet list; :data:`DEFAULT_OUTLETS` is the generic default).
"""

from __future__ import annotations

import re

#: Middle Eastern, Turkish and Russian outlets widely cited in international coverage. A corpus adds its
#: own local outlets in its settings (``outlets`` in ``event.toml``), never here.
REGIONAL_OUTLETS = (
    "Al Arabiya", "Al Jazeera", "Asharq Al-Awsat", "The New Arab", "TASS", "RIA Novosti", "Interfax", "SANA",
    "Anadolu",
)  # fmt: skip
#: World news agencies, broadcasters and papers, recognised by name on any news text.
WORLD_OUTLETS = (
    "Reuters", "AFP", "Agence France-Presse", "Agence France Presse", "Associated Press", "AP", "UPI",
    "United Press International", "Xinhua", "Kyodo", "Yonhap", "dpa", "Deutsche Presse-Agentur", "ANSA", "EFE",
    "PTI", "Press Trust of India", "Bernama", "Antara", "IRNA", "Tasnim", "Fars", "MENA", "Itar-Tass",
    "BBC", "CNN", "NPR", "PBS", "ABC News", "CBS News", "NBC News", "Fox News", "MSNBC", "CNBC", "Sky News",
    "Deutsche Welle", "DW", "France 24", "RFI", "Euronews", "NHK", "CCTV", "RT", "Voice of America", "VOA",
    "Radio Free Europe", "New York Times", "Washington Post", "Wall Street Journal", "USA Today", "Los Angeles Times",
    "Chicago Tribune", "Boston Globe", "Politico", "Axios", "The Hill", "Bloomberg", "Financial Times", "FT",
    "The Economist", "The Guardian", "The Times", "The Telegraph", "The Independent", "Daily Mail", "Le Monde",
    "Le Figaro", "Der Spiegel", "Spiegel", "El País", "Corriere della Sera", "Haaretz", "Times of India",
    "South China Morning Post", "Asahi Shimbun", "Yomiuri Shimbun", "Daily Nation", "The Standard",
    "Huffington Post", "HuffPost", "Breitbart", "BuzzFeed News", "Vox", "Time", "Newsweek",
)  # fmt: skip
#: The default outlet list of the detector: regional and world outlets, without repeats.
DEFAULT_OUTLETS = tuple(dict.fromkeys([*WORLD_OUTLETS, *REGIONAL_OUTLETS]))

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
#: A newspaper named by its masthead word after "the" ("the Yorkshire Post"; "Emily Post" is a person).
NEWSPAPER_NAME = re.compile(
    r"(?<![\w-])[Tt]he\s+(?:[A-Z][\w’'.-]*\s+){1,3}(?:Post|Times|Herald|Journal|Gazette|Tribune|Telegraph|Chronicle|Courier|"
    r"Mail|Observer|Guardian|Independent|Express|Mirror|Examiner|Inquirer|Register|Bulletin|Dispatch|Sentinel|"
    r"Enquirer|Argus|Advertiser|Echo|Globe|Star|News)(?![\w-])"
)
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
#: Words before "claimed" that negate it ("No one has claimed responsibility"): not an attribution.
CLAIM_NEGATORS = {"no", "nobody", "none", "not", "n't", "never", "yet"}
#: Time words a reporting verb may be followed by before its complement ("reported Saturday that").
TIME_WORDS = {
    "on", "today", "yesterday", "tonight", "earlier", "later", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "last", "this", "week", "month", "year", "night", "morning", "evening",
}  # fmt: skip
#: Plural outlet words ("national newspapers reported").
OUTLET_PLURALS = {"newspapers", "broadcasters", "agencies", "dailies", "channels", "magazines", "outlets", "media"}

#: A word (with inner apostrophes or hyphens) or one punctuation mark: the tokens rules and tagger share.
TOKEN = re.compile(r"\w+(?:[’'\-]\w+)*|[^\w\s]")
