"""The finder of temporal expressions: :func:`find_spans` runs the patterns of :mod:`helpers.temporal.patterns`.

Why hand-written patterns: explicit dates are a small regular grammar, and the finder must return
character offsets (see docs/design.md). Month and weekday names must be capitalised, which the
finder checks, so the verb "may" is not a month. Speed (the finder is most of ``tables``' time):
the patterns are matched case-sensitively on a lower-cased copy of the text, each behind a cheap
guard and skipped on texts lacking its key words (see ``PATTERNS``); none of this changes a match.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from helpers.temporal.lexicon import NUMBERS, TENS
from helpers.temporal.patterns import (
    ABBREV_DOT,
    FLAGS,
    MONTH_CONTEXT,
    OF_AFTER,
    PATTERNS,
    RELATIVE_COUNTED,
    URL_BEFORE,
)

#: The patterns compiled once, case-sensitive (see :data:`FOLD`), each behind its lead.
COMPILED: tuple[tuple[str, re.Pattern[str], tuple[str, ...] | None], ...] = tuple(
    (kind, re.compile(f"(?={lead})(?:{pattern})" if lead else pattern), needles)
    for kind, pattern, needles, lead in PATTERNS
)
_NEEDLES = frozenset(n for _, _, needles, _ in PATTERNS for n in needles or ())
#: Lower case of every character that IGNORECASE matches to an ASCII letter: A-Z and the four
#: others Python's re folds ('İ', 'ı', 'ſ', Kelvin sign). One character each, so offsets are kept.
FOLD = str.maketrans(
    {**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, "İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"}
)


def mask_abbreviations(text: str) -> str:
    """``text`` with the full stops of abbreviations as ``_`` (same length), so they do not end a sentence."""
    return ABBREV_DOT.sub(lambda m: m.group().replace(".", "_"), text)


@dataclass(frozen=True)
class Found:
    """A span matched by one pattern, before resolution."""

    start: int
    end: int
    kind: str
    groups: dict[str, str]


def _names_capitalised(text: str, groups: dict[str, str]) -> bool:
    """Month and weekday names must start with a capital (filters the verb 'may', 'march')."""
    for key, val in groups.items():
        if val and (key.endswith(("mon", "mon2", "wd", "wd_"))) and not val[0].isupper():
            return False
    return True


def _plausible(kind: str, groups: dict[str, str], text: str, start: int, end: int) -> bool:
    """Filters the patterns cannot say: a season needs a determiner or year ('the fall of Paris' is not
    autumn), a holiday a capital ('may day')."""
    if kind == "season":
        if text[start].isupper() and not (groups.get("srel") or groups.get("year")) and _title_case(text, start):
            return False  # 'Climbers Killed In Fall': a headline's capital, not the season
        after_in = text[max(0, start - 3) : start].lower() == "in "
        if not (groups.get("srel") or groups.get("sthe") or groups.get("year") or after_in):
            return False
        fall = groups["season"].lower() == "fall" and not groups.get("year")
        return not (fall and ((not after_in and not groups.get("srel")) or OF_AFTER.match(text, end)))
    if kind == "deictic" and (groups.get("day") or groups.get("dpart")) and text[start].isupper():
        return _sentence_start(text, start)  # 'USA Today', 'CBS This Morning': names, not dates
    part = groups.get("part") or ""
    if kind == "point" and part[:1].isupper() and not _sentence_start(text, start):
        return False  # 'CBS This Morning on Monday': a programme's name; the weekday is found alone
    if kind == "holiday":
        return text[start].isupper() or text[start:end].lower().startswith("the ")
    return True


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a sentence, a line or a quotation (so a capital there says nothing)."""
    before = text[max(0, pos - 4) : pos].rstrip(" \t")
    return not before or before[-1] in ".!?:;\n\"“”‘’'(—–-"


def _title_case(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is a title-case headline (most of its longer words capitalised)."""
    lo = text.rfind("\n", max(0, pos - 200), pos) + 1
    hi = text.find("\n", pos, pos + 200)
    words = [w for w in re.findall(r"[A-Za-z]{4,}", text[lo : hi if hi >= 0 else pos + 200])]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _groups(m: re.Match[str], text: str) -> dict[str, str]:
    """The named groups of a match on the folded text that took part, as written in ``text``."""
    regs = m.regs
    return {name: text[regs[i][0] : regs[i][1]] for name, i in m.re.groupindex.items() if regs[i][0] >= 0}


def keep_disjoint(found: list[Found]) -> list[Found]:
    """The spans that overlap no span taken before them, longest first, then leftmost, in text order."""
    found = sorted(found, key=lambda f: (-(f.end - f.start), f.start))
    starts: list[int] = []  # the taken spans are disjoint, so sorted by start they are sorted by end too
    ends: list[int] = []
    kept: list[Found] = []
    for f in found:
        i = bisect.bisect_left(starts, f.end)  # taken spans before i start before f ends
        if i and ends[i - 1] > f.start:
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def find_spans(text: str) -> list[Found]:
    """Every candidate span, overlaps resolved (longest first, then leftmost), in text order."""
    folded = text.translate(FOLD)
    present = {n for n in _NEEDLES if n in folded}
    found: list[Found] = []
    for kind, pattern, needles in COMPILED:
        if needles is not None and present.isdisjoint(needles):
            continue
        for m in pattern.finditer(folded):
            groups = _groups(m, text)
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            if start == end or not _names_capitalised(text, groups):
                continue
            bare_month = kind == "month" and not (groups.get("mod") or groups.get("year") or groups.get("myrel"))
            if bare_month and not MONTH_CONTEXT.search(text[max(0, start - 20) : start]):
                continue
            if kind in ("year", "yearrange") and URL_BEFORE.search(text[max(0, start - 60) : start]):
                continue
            if not _plausible(kind, groups, text, start, end):
                continue
            if kind == "yearrange":
                a, b = groups["year"], groups["year_b"]
                b_start = m.start("year_b")
                second = a[:2] + b if len(b) == 2 else b
                if int(second) <= int(a) or int(second) - int(a) > 100:
                    continue
                found.append(Found(m.start("year"), m.end("year"), "year", {"year": a}))
                found.append(Found(b_start, m.end("year_b"), "year", {"year": second}))
                continue
            if kind == "dayrange":  # the first day is found by the date pattern; the second stands alone
                if (
                    not groups["day"].isdigit()
                    or int(groups["day_b"]) <= int(groups["day"])
                    or int(groups["day_b"]) > 31
                ):
                    continue
                second = {
                    "mon": groups["mon"],
                    "day": groups["day_b"],
                    **({"year": groups["year"]} if "year" in groups else {}),
                }
                found.append(Found(m.start("day_b"), m.end("day_b"), "point", second))
                if "year" in groups:  # 'March 3-5, 2021': the first day takes the year too
                    first = Found(
                        m.start("mon"),
                        m.end("day"),
                        "point",
                        {"mon": groups["mon"], "day": groups["day"], "year": groups["year"]},
                    )
                    found = [x for x in found if (x.start, x.end) != (first.start, first.end)] + [first]
                continue
            if kind == "spelledyear":
                found.append(Found(start, end, "year", {"year": str(spelled_year(groups))}))
                continue
            if kind == "shortyear":
                found.append(Found(m.start("short"), m.end("short"), kind, groups))
                continue
            found.append(Found(start, end, kind, groups))
    return keep_disjoint(found)


def spelled_year(groups: dict[str, str]) -> int:
    """The year of a the spelled-year pattern match ('nineteen ninety-six' → 1996)."""
    if not groups.get("sycent"):
        return 2000 + (NUMBERS[groups["sy2k"].lower()] if groups.get("sy2k") else 0)
    century = 100 * (19 if groups["sycent"].lower() == "nineteen" else 18)
    words = re.split(r"[\s-]+", groups["syrest"].lower())
    if words[0] == "hundred":
        return century
    rest = sum(TENS.get(w) or int(NUMBERS.get(w, 0)) for w in words if w != "oh")
    return century + rest


def number(word: str) -> float | None:
    """A number word or digits as a number; None for vague quantities ('several')."""
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w.isdigit():
        return int(w)
    return NUMBERS.get(w)


_RELATIVE_PARTS = re.compile(RELATIVE_COUNTED, FLAGS)


def relative_parts(text: str) -> tuple[list[int], str, str] | None:
    """Numbers, unit and relation word of a counted relative phrase ('three or four days before')."""
    m = _RELATIVE_PARTS.fullmatch(text.strip())
    if m is None:
        return None
    nums = [number(m.group("num"))] + ([number(m.group("num2"))] if m.group("num2") else [])
    if any(n is None or n != int(n) for n in nums):
        return None
    return [int(n) for n in nums if n is not None], m.group("unit").lower().rstrip("s"), m.group("rel").lower()
