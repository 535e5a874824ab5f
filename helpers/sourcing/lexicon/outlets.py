"""News organisations: names, masthead words and the nouns that make a phrase an outlet.

Where the lists come from: the world agencies, broadcasters and papers most cited in international
wire copy and in PolNeAR's seven US publishers, listed by hand; a corpus adds its own outlets in
``event.toml`` (``outlets``), never here.
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

#: A newspaper named by its masthead word after "the" ("the Yorkshire Post"; "Emily Post" is a person).
NEWSPAPER_NAME = re.compile(
    r"(?<![\w-])[Tt]he\s+(?:[A-Z][\w’'.-]*\s+){1,3}(?:Post|Times|Herald|Journal|Gazette|Tribune|Telegraph|Chronicle|Courier|"
    r"Mail|Observer|Guardian|Independent|Express|Mirror|Examiner|Inquirer|Register|Bulletin|Dispatch|Sentinel|"
    r"Enquirer|Argus|Advertiser|Echo|Globe|Star|News)(?![\w-])"
)

#: Plural outlet words ("national newspapers reported").
OUTLET_PLURALS = {"newspapers", "broadcasters", "agencies", "dailies", "channels", "magazines", "outlets", "media"}

#: Words that make a phrase an outlet even without a name ("Saudi-owned television").
OUTLET_WORDS = {
    "television", "newspaper", "broadcaster", "agency", "daily", "channel", "tv", "radio", "magazine", *OUTLET_PLURALS,
}  # fmt: skip

OUTLET_OBJECT = r"(?:reporters|journalists|the\s+press|a\s+news\s+conference|a\s+press\s+conference)"
