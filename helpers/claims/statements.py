"""Checkable statements of an article: the sentences that say who did what, when, where or how many.

Discovery (:mod:`helpers.claims.grouping`) groups statements across articles into candidate
claims, so it first needs the sentences worth checking. A sentence is kept when it

* ends like a sentence (a headline, a caption, a question or a link to another story does not);
* holds a finite verb (an auxiliary, a past-tense form or a common irregular past);
* holds something concrete: a number, a date, or a name (a capitalised word not opening it);
* is not page furniture (newsletter boxes, share buttons, copyright lines: :data:`BOILERPLATE`);
* is not an opinion quote alone: a sentence mostly inside quotation marks with no number or date
  in it ("'This is a disgrace,' he said." is someone's view, not a checkable claim);
* has between :data:`MIN_WORDS` and :data:`MAX_WORDS` words.

Articles in a language the English rules cannot read (:func:`helpers.core.language.is_analysed`)
give no statements; :func:`checkable_statements` says which were skipped. Plain rules, each with
its reason in the ``signals`` column, so a reviewer sees why a sentence was put forward.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.core.language import is_analysed
from helpers.core.text import FUNCTION_WORDS, quote_spans, sentence_spans

#: A statement has at least this many words and at most this many (longer: a run-on list or a table).
MIN_WORDS, MAX_WORDS = 6, 90
#: Share of a sentence's characters inside quotation marks above which it is a quote (an opinion unless concrete).
QUOTE_SHARE = 0.6
#: Share of capitalised longer words from which a line reads as a headline, not a sentence.
TITLE_SHARE = 0.75
#: A number: digits or a number word.
NUMBER = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"dozens?|hundreds?|thousands?|millions?|billions?)\b",
    re.I,
)
#: A number word (the keys discovery groups on; digits are taken whole).
NUMBER_WORD = re.compile(NUMBER.pattern.removeprefix(r"\d|"), re.I)
#: A date: a month or weekday name, a relative day, or a year.
DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today|tonight|tomorrow)\b|\b(?:19|20)\d{2}\b"
)
#: A name: a capitalised word that does not open the sentence or a quotation.
NAME = re.compile(r"(?<![.!?“\"‘(]\s)(?<![“\"‘(])(?<!^)\b[A-Z][\w’'-]+")
#: The opening word when capitalised: a name unless it is a function word ("The", "He", "But").
OPENING_WORD = re.compile(r"^[“\"‘(]?([A-Z][a-z’'-]+)\b(?!\s*[,:])")
#: A finite verb: an auxiliary or modal, a past-tense form in -ed, or a common irregular past.
FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|did|does|do|can|could|may|might|must|shall|should|"
    r"said|says|told|tells|fled|left|took|went|came|flew|made|gave|got|saw|found|held|met|ran|sent|spoke|"
    r"wrote|kept|began|became|fell|drove|brought|thought|knew|paid|put|set|won|lost|led|rose|struck|"
    r"shot|hit|sold|bought|built|stood|heard|felt|meant|broke|chose|spent|fought|caught|taught|sought|swept|"
    r"dealt|lit|fed|forgot|froze|grew|hid|hung|laid|lay|lent|rode|rang|sank|shook|shut|slid|stole|stuck|swore|"
    r"threw|tore|understood|woke|wore|withdrew|spread|cut|quit|beat|burst|cost|hurt|let|read|burnt|[a-z]{2,}ed)\b",
    re.I,
)
#: Page furniture: a sentence matching this is not part of the story.
BOILERPLATE = re.compile(
    r"\b(?:subscribe|newsletter|sign up|click here|cookies?|all rights reserved|copyright|follow us|"
    r"share this|read more|comments?\b(?=\s*$)|advertisement|terms of (?:use|service)|privacy policy|"
    r"this (?:article|story) (?:was|has been) (?:updated|amended|corrected)|editor[’']s note|video is restricted|"
    r"embedded (?:below|above)|listen to (?:the|our|\w+[’']s) (?:interview|podcast)|podcast)\b|©|@\w",
    re.I,
)
#: A sentence opening like a link to another story ("Read: ...", "Related: ...", "WATCH: ...").
OTHER_STORY = re.compile(r"^\s*(?:read|read more|also read|related|watch|see also|listen|more)\s*[:|-]", re.I)
#: What a statement may end with (after closing quotes or brackets).
ENDING = re.compile(r"[.!][\s”\"’')\]]*$")

STATEMENT_COLUMNS = ["source_id", "start", "end", "statement", "signals"]


def concrete_signals(sentence: str) -> list[str]:
    """Which of number, date and name a sentence holds (a checkable claim names at least one)."""
    out = []
    if NUMBER.search(sentence):
        out.append("number")
    if DATE.search(sentence):
        out.append("date")
    text = sentence.strip()
    first = OPENING_WORD.match(text)
    if NAME.search(text) or (first and first.group(1).casefold() not in FUNCTION_WORDS):
        out.append("name")
    return out


def _quoted_share(sentence: str) -> float:
    """Share of the sentence's characters inside quotation marks."""
    inside = sum(e - s for s, e in quote_spans(sentence))
    return inside / max(len(sentence.strip()), 1)


def _title_case(text: str) -> bool:
    """Whether most longer words are capitalised: a headline ("NY Post: Megyn Kelly Is No Different ...")."""
    longer = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) > 3]
    return len(longer) >= 4 and sum(w[0].isupper() for w in longer) >= TITLE_SHARE * len(longer)


def why_not_checkable(sentence: str) -> str:
    """Why a sentence is not a checkable statement ("" when it is): the rule it fails, in a few words."""
    text = sentence.strip()
    n_words = len(text.split())
    if n_words < MIN_WORDS:
        return "too short"
    if n_words > MAX_WORDS:
        return "too long"
    if "?" in text[-3:] or not ENDING.search(text):
        return "a question or no sentence ending (headline, caption)"
    if OTHER_STORY.search(text) or _title_case(text):
        return "a link to another story"
    if BOILERPLATE.search(text):
        return "page furniture"
    if not FINITE.search(text):
        return "no finite verb"
    signals = concrete_signals(text)
    if not signals:
        return "nothing concrete (no number, date or name)"
    if _quoted_share(text) > QUOTE_SHARE and not {"number", "date"} & set(signals):
        return "an opinion quote"
    return ""


def article_statements(text: str, source_id: str) -> pd.DataFrame:
    """The checkable statements of one article, anchored (:data:`STATEMENT_COLUMNS`)."""
    rows = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if why_not_checkable(sentence):
            continue
        rows.append((source_id, start, end, sentence, ", ".join(concrete_signals(sentence))))
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)


def checkable_statements(corpus: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Every article's checkable statements (:data:`STATEMENT_COLUMNS`), and the articles not analysed (language)."""
    frames, skipped = [], []
    for sid, text in corpus["text"].items():
        if not is_analysed(text):
            skipped.append(str(sid))
            continue
        frames.append(article_statements(text, str(sid)))
    if not frames:
        return pd.DataFrame(columns=STATEMENT_COLUMNS), skipped
    out = pd.concat(frames, ignore_index=True)
    return out.astype({"start": int, "end": int}), skipped
