"""Name variants: one canonical entity for every spelling (Qaddafi/Gaddafi, Tchaikovsky/Chaikovsky, ...).

Used wherever entities are counted or searched, so that a spelling difference is reported as a
spelling difference and never splits one person into two.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from helpers import config
from helpers.core.errors import InputError, Problem
from helpers.core.files import LINE, read_table
from helpers.corpus.load import Corpus

#: Minimum rapidfuzz ratio (0-100) for two name tokens to count as spellings of one word.
SPELLING_SIMILARITY = 70
_TOKEN = re.compile(r"[\w]+")
ENTITY_TYPES = ("person", "place", "organisation", "unit", "outlet", "event")


def load_aliases(corpus: Corpus) -> pd.DataFrame:
    """``aliases.csv`` as a DataFrame (alias, entity, entity_type, _line); empty if the file is absent."""
    path = corpus.path(config.ALIASES_NAME)
    if not path.exists():
        return pd.DataFrame(columns=["alias", "entity", "entity_type", LINE])
    frame = read_table(path, ["alias", "entity", "entity_type"])
    problems = validate_aliases(frame, path)
    if problems:
        raise InputError(problems)
    return frame


def validate_aliases(frame: pd.DataFrame, path: Path) -> list[Problem]:
    """An alias must name one entity only, entities are canonical names (no chains or cycles), types known."""
    problems = []
    seen: dict[str, tuple[str, int]] = {}
    for row in frame.to_dict("records"):
        line = row[LINE]
        if not row["alias"] or not row["entity"]:
            problems.append(Problem(str(path), line, "empty alias or entity"))
            continue
        if row["entity_type"] not in ENTITY_TYPES:
            problems.append(
                Problem(
                    str(path), line, f"unknown entity_type '{row['entity_type']}' (one of {', '.join(ENTITY_TYPES)})"
                )
            )
        if row["alias"] in seen and seen[row["alias"]][0] != row["entity"]:
            first_entity, first_line = seen[row["alias"]]
            problems.append(
                Problem(
                    str(path), line, f"alias '{row['alias']}' already maps to '{first_entity}' on line {first_line}"
                )
            )
        seen.setdefault(row["alias"], (row["entity"], line))
    for row in frame.to_dict("records"):  # one level only: an entity is a canonical name, never another alias
        entity = row["entity"]
        if entity in seen and seen[entity][0] != entity and entity != row["alias"]:
            target, target_line = seen[entity]
            loop = " (a cycle)" if target == row["alias"] else ""
            problems.append(
                Problem(
                    str(path),
                    row[LINE],
                    f"entity '{entity}' is itself an alias of '{target}' on line {target_line}{loop}: "
                    f"map '{row['alias']}' to the canonical name directly",
                )
            )
    return problems


@lru_cache(maxsize=32)
def _pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for all aliases, longest first so 'Maria van der Berg' wins over 'Berg'."""
    alts = "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])")


def find_entities(text: str, aliases: pd.DataFrame) -> pd.DataFrame:
    """Every mention of a known alias in ``text``: start, end, text, entity, entity_type."""
    columns = ["start", "end", "text", "entity", "entity_type"]
    if aliases.empty:
        return pd.DataFrame(columns=columns)
    lookup = aliases.drop_duplicates("alias").set_index("alias")
    rows = [
        (m.start(), m.end(), m.group(0), lookup.at[m.group(0), "entity"], lookup.at[m.group(0), "entity_type"])
        for m in _pattern(tuple(aliases["alias"])).finditer(text)
    ]
    return pd.DataFrame(rows, columns=columns)


def entity_mentions(corpus: pd.DataFrame, aliases: pd.DataFrame) -> pd.DataFrame:
    """Mentions of every known entity in every article (source_id plus :func:`find_entities` columns)."""
    frames = [find_entities(text, aliases).assign(source_id=sid) for sid, text in corpus["text"].items()]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=["source_id", "start", "end", "text", "entity", "entity_type"])
    return pd.concat(frames, ignore_index=True)[["source_id", "start", "end", "text", "entity", "entity_type"]]


def _similar_unequal(a: str, b: str) -> bool:
    """Two tokens that are spellings of one word (Ehab/Ihab, Armored/Armoured), not different words."""
    a, b = a.lower(), b.lower()
    return a != b and fuzz.ratio(a, b) >= SPELLING_SIMILARITY


def entity_spelling_variants(corpus: pd.DataFrame, aliases: pd.DataFrame) -> pd.DataFrame:
    """Entities spelled differently across articles: entity, source_id, spelling, mentions.

    A variant is a pair of similar but unequal name tokens used for one entity in different
    articles (Qaddafi/Gaddafi); short forms and abbreviations (Maria, UAE) are not.
    """
    columns = ["entity", "source_id", "spelling", "mentions"]
    mentions = entity_mentions(corpus, aliases)
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    counts = (
        mentions.groupby(["entity", "source_id", "text"])
        .size()
        .rename("mentions")
        .reset_index()
        .rename(columns={"text": "spelling"})
    )
    keep = []
    for entity, group in counts.groupby("entity"):
        tokens = group.groupby("source_id")["spelling"].apply(lambda s: {t for x in s for t in _TOKEN.findall(x)})
        pairs = [(a, b) for a in tokens.index for b in tokens.index if a < b]
        if any(
            _similar_unequal(x, y) and x not in tokens[b] and y not in tokens[a]
            for a, b in pairs
            for x in tokens[a]
            for y in tokens[b]
        ):
            keep.append(entity)
    return counts[counts["entity"].isin(keep)][columns].reset_index(drop=True)
