"""Which language an article is written in, so that English-only detectors never read silence as a finding.

The attribution, hedge and date detectors read English. An article in French or Arabic gives them
nothing to find, and an empty result would read as "no sources" or "no dates". This module names the
language (by script, then by the share of each language's commonest function words) so that callers
report such an article as *not analysed*, with its language, instead.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

#: Language the detectors read (ISO 639-1).
ANALYSED_LANGUAGES = frozenset({"en"})
#: Returned when the text is too short or too mixed to tell.
UNDETERMINED = "und"


#: Commonest function words per language (ISO 639-1), from the top of each language's frequency lists.
#: Words shared across languages ("a", "de", "en", "la") count for every language that lists them.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words("the of and to in is was that for on with as by it from at his he said are were has have"),
    "fr": _words("le la les des du et est une dans pour que qui sur par au aux pas sont ont été avec"),
    "es": _words("el la los las del y en que por con una para es se al lo su como más fue"),
    "de": _words("der die das und den des ist nicht ein eine mit sich auf für von dem im zu wurde"),
    "it": _words("il di che la le per un una del della sono con non è gli dei nel alla"),
    "pt": _words("o os as do da dos das em um uma que não para com por foi são ao"),
    "nl": _words("de het een van en in is dat op te zijn voor met niet aan door"),
}
#: Scripts that name a language on their own (Unicode ranges), checked before the word counts;
#: Persian and Urdu share the Arabic script and read as "ar" (not analysed either way).
SCRIPTS: dict[str, str] = {
    "ar": "\u0600-\u06ff\u0750-\u077f",
    "ru": "\u0400-\u04ff",
    "he": "\u0590-\u05ff",
    "el": "\u0370-\u03ff",
    "zh": "\u4e00-\u9fff",
    "ja": "\u3040-\u30ff",
    "ko": "\uac00-\ud7af",
}
#: Fewer letters than this, or fewer function words than MIN_HITS: undetermined.
MIN_LETTERS = 40
MIN_HITS = 3
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPT_PATTERNS = {code: re.compile(f"[{ranges}]") for code, ranges in SCRIPTS.items()}


@lru_cache(maxsize=4096)
def language_of(text: str) -> str:
    """The text's language as an ISO 639-1 code, or ``"und"`` when it cannot be told.

    A script other than Latin decides when it holds most of the letters; otherwise the language
    whose function words are commonest among the first 2,000 words wins.

    >>> language_of("The minister said on Tuesday that the talks would resume in Geneva.")
    'en'
    >>> language_of("Le ministre a déclaré mardi que les négociations reprendraient à Genève.")
    'fr'
    """
    sample = text[:20_000]
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return UNDETERMINED
    for code, pattern in _SCRIPT_PATTERNS.items():
        if len(pattern.findall(sample)) > letters / 2:
            return code
    words = [w.lower() for w in _WORD.findall(sample)][:2000]
    hits: Counter[str] = Counter()
    for word in words:
        for code, vocab in FUNCTION_WORDS.items():
            if word in vocab:
                hits[code] += 1
    if not hits:
        return UNDETERMINED
    ranked = [*hits.most_common(2), ("", 0)]
    (best, n), (_, runner_up) = ranked[0], ranked[1]
    if n < MIN_HITS or n == runner_up:
        return UNDETERMINED
    return best


def is_analysed(text: str) -> bool:
    """True when the English detectors can read the text (English, or too short to tell)."""
    return language_of(text) in ANALYSED_LANGUAGES | {UNDETERMINED}
