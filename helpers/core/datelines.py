"""Datelines: where and on whose reporting a wire story says it was filed, and which outlet names are one outlet.

A dateline opens the body of a news story: ``NAIROBI, Kenya (AP) --``, ``DAR ES SALAAM, Tanzania
(AP) _``, ``Nairobi, August 7 (Xinhua) --``, ``LONDON (Reuters) -`` or a staff dateline without a
credit, ``NAIROBI, Kenya, Aug. 7 —``. The name in parentheses is the outlet whose reporting the story
is: the article's own outlet (its own reporting) or another agency (the upstream it carries).
:func:`find_dateline` reads it from the first lines of a text; :func:`outlet_key` and
:func:`same_outlet` say when two names (``AP``, ``The Associated Press``) are one outlet, from the
agency list in :mod:`helpers.core.agencies`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from helpers.core.agencies import WIRE_AGENCIES

#: A dateline is looked for in the first lines of a text (headline, byline, then the dateline) only.
LEAD_LINES = 8
LEAD_CHARS = 1500

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = re.compile(rf"^(?:{_MONTH}\.?\s+\d{{1,2}}(?:\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}\.?(?:\s+\d{{4}})?|\d{{4}})$")
_DASH = r"(?:--|—|–|-|_|:)"
#: ``PLACE[, REGION][, DATE] (CREDIT) --``: the place starts with a capital; the credit is one to 60 characters.
_CREDITED = re.compile(
    rf"^[ \t]*(?P<head>[A-Z][\w .,'’\-]{{0,80}}?)?[ \t]*\((?P<credit>[^()\n]{{1,60}})\)[ \t]*(?P<dash>{_DASH})"
)
#: ``PLACE IN CAPITALS[, Region][, Date] --`` and then a sentence: a staff dateline naming no agency.
_PLAIN = re.compile(
    r"^[ \t]*(?P<head>[A-Z][A-Z.'’\-]+(?:[ \t]+[A-Z][A-Z.'’\-]*){0,3}(?:,[ \t]*[\w .'’\-]{1,40}?){0,2})"
    r"[ \t]*(?P<dash>--|—|–|_)[ \t]*(?=[^\n]*[a-z])"
)
#: One credited name: capitalised words (``Valley Post``) or a known agency written in any case (``dpa``).
_NAME = re.compile(r"^[A-Z][\w.&'’\-]*(?:[ \t]+[\w.&'’\-]+){0,5}$")
_SPLIT = re.compile(r"\s*(?:/|,|&|;|\band\b)\s*")


class Dateline(NamedTuple):
    """A dateline found in a text: its span, its parts, and the outlets it credits (as written)."""

    start: int
    end: int
    text: str
    place: str
    date: str
    credits: tuple[str, ...]


def _agency_index(agencies: Sequence[Sequence[str]]) -> dict[str, str]:
    """Every agency name, case-folded, to the agency's short name."""
    return {name.casefold(): names[0] for names in agencies for name in names}


_AGENCIES = _agency_index(WIRE_AGENCIES)


def _squash(name: str) -> str:
    """A name with whitespace collapsed and a leading "The" dropped."""
    name = " ".join(str(name).split())
    return name[4:] if name.casefold().startswith("the ") else name


def agency_name(name: str, agencies: Sequence[Sequence[str]] | None = None) -> str:
    """The short name of a known news agency (``The Associated Press`` → ``AP``), else ``name`` tidied."""
    index = _AGENCIES if agencies is None else _agency_index(agencies)
    tidy = " ".join(str(name).split())
    return index.get(tidy.casefold()) or index.get(_squash(tidy).casefold()) or tidy


def outlet_key(name: object, agencies: Sequence[Sequence[str]] | None = None) -> str:
    """A case-folded key that is equal for two names of one outlet (``AP``, ``Associated Press``, ``ap``)."""
    return _squash(agency_name(str(name or ""), agencies)).casefold()


def _initials(name: str) -> str:
    """Initials of a multi-word name (``New York Times`` → ``NYT``), empty for one word."""
    words = _squash(name).split()
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def same_outlet(a: object, b: object) -> bool:
    """Whether two outlet names name one outlet: equal keys, or one is the other's initials (``FT``)."""
    ka, kb = outlet_key(a), outlet_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    sa, sb = _squash(str(a)), _squash(str(b))
    return bool((_initials(sa) and _initials(sa) == sb) or (_initials(sb) and _initials(sb) == sa))


def _credits(inside: str) -> tuple[str, ...]:
    """The outlet names inside a dateline's parentheses, or () when they do not look like names."""
    parts = [p.strip() for p in _SPLIT.split(inside) if p.strip()]
    parts = [q for p in parts for q in _hyphenated(p)]
    ok = parts and all(p.casefold() in _AGENCIES or _NAME.match(p) for p in parts)
    return tuple(parts) if ok else ()


def _hyphenated(part: str) -> list[str]:
    """``AP-Reuters`` as two agencies when each half is one (``ITAR-TASS`` stays whole)."""
    halves = part.split("-")
    if part.casefold() not in _AGENCIES and len(halves) > 1 and all(h.casefold() in _AGENCIES for h in halves):
        return halves
    return [part]


def _parts(head: str) -> tuple[str, str]:
    """Place and date of a dateline's head (``Nairobi, August 7`` → ``Nairobi``, ``August 7``)."""
    pieces = [p.strip(" .,") for p in head.split(",") if p.strip(" .,")]
    dates = [p for p in pieces if _DATE.match(p.replace(".", ". ").replace("  ", " ").strip())]
    place = ", ".join(p for p in pieces if p not in dates)
    return place, ", ".join(dates)


def find_dateline(text: str) -> Dateline | None:
    """The dateline of a story: the first of its first lines that opens with one, else None.

    Looks at the first :data:`LEAD_LINES` non-empty lines within :data:`LEAD_CHARS` characters.
    A credited dateline (``PLACE (AP) --``) names the outlets in parentheses; a staff dateline
    (``NAIROBI, Kenya, Aug. 7 —`` then a sentence) credits none.
    """
    lead = str(text)[:LEAD_CHARS]
    offset = 0
    seen = 0
    for line in lead.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        if not line.strip():
            continue
        seen += 1
        if seen > LEAD_LINES:
            break
        m = _CREDITED.match(line)
        if m and (names := _credits(m.group("credit"))):
            head = m.group("head") or ""
            place, date = _parts(head)
            return Dateline(start + m.start(), start + m.end(), line[m.start() : m.end()].strip(), place, date, names)
        m = _PLAIN.match(line)
        if m:
            place, date = _parts(m.group("head"))
            return Dateline(start + m.start(), start + m.end(), line[m.start() : m.end()].strip(), place, date, ())
    return None


#: A sign-off or byline credit on a line of its own or closing a paragraph: ``— AFP``, ``-- Reuters``,
#: ``By Jane Doe, Associated Press``, ``(Reporting by ...; Reuters)`` is not read (a reporter's name).
_SIGN_OFF_LINE = r"[ \t]*(?:—|–|--|-)[ \t]*(?P<name>[A-Z][\w.&'’\- ]{0,40}?)[ \t]*(?:\n|$)"
_BYLINE_LINE = r"[ \t]*By [^\n,]{1,60},[ \t]*(?P<name>[A-Z][\w.&'’\- ]{0,40}?)[ \t]*(?:\n|$)"


class LinePattern:
    """A pattern matched at the start of the text or after a line break: ``(?:^|\\n)BODY``, found faster.

    The plain pattern is tried at every position; here ``BODY`` is tried at the start, then
    ``\\nBODY`` (which opens with a literal, so the engine jumps from one line break to the next).
    The matches are the plain pattern's (a match's text may differ by its leading line break).
    """

    def __init__(self, body: str) -> None:
        self.plain = re.compile(rf"(?:^|\n){body}")
        self._first, self._after_break = re.compile(body), re.compile(rf"\n{body}")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of ``(?:^|\\n)BODY`` in ``text``, in order."""
        first = self._first.match(text)
        if first is not None:
            yield first
        yield from self._after_break.finditer(text, first.end() if first is not None else 0)


_SIGN_OFF = LinePattern(_SIGN_OFF_LINE)
_BYLINE = LinePattern(_BYLINE_LINE)
#: An agency named as the teller: ``Reuters reported``, ``according to the Associated Press``, ``told AFP``.
_TELLING = r"reported|reports|said|says|wrote|writes|quoted|cited"


def _teller_pattern(names: Sequence[str], lookahead: bool = True) -> re.Pattern[str]:
    """``NAME reported`` / ``according to NAME`` / ``told NAME`` for the given agency names (case-sensitive).

    Every match opens with a name's first letter, ``The`` or a teller's phrase: the ``lookahead``
    skips other word starts at once (the same matches, several times faster on long texts).
    """
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    first = re.escape("".join(sorted({n[0] for n in names} | {"T"})))
    lead = rf"(?=[{first}]|according to |told |spoke to |spoke with |cited by )" if lookahead else ""
    return re.compile(
        rf"\b{lead}(?:(?:The )?(?P<a>{alt})\s+(?:{_TELLING})\b|according to (?:the )?(?P<b>{alt})\b|"
        rf"(?:told|spoke to|spoke with|cited by) (?:the )?(?P<c>{alt})\b)"
    )


#: The agency names a teller may name (short ones only in capitals).
_TELLER_NAMES = [n for names in WIRE_AGENCIES for n in names if len(n) > 2 or n.isupper()]
_TELLERS = _teller_pattern(_TELLER_NAMES)
#: Any of those names: a text without one has no teller, and its scan is skipped (the names open with few letters).
_ANY_TELLER_NAME = re.compile("|".join(re.escape(n) for n in sorted(_TELLER_NAMES, key=len, reverse=True)))


def credits_in_text(text: str, outlet: object = "") -> list[tuple[str, str]]:
    """The agencies a story's own text credits, each with where it was read: ``(AP, "dateline (AP)")``.

    Read from the dateline (``WASHINGTON (AP) —``), a sign-off or byline line (``— AFP``,
    ``By Jane Doe, Associated Press``) and the agency named as the teller (``Reuters reported``,
    ``according to AFP``, ``told Reuters``). Sign-offs, bylines and tellers count only for the known
    agencies of :data:`helpers.core.agencies.WIRE_AGENCIES`; a name equal to ``outlet`` (the article's
    own outlet) is not a credit. Names are given as the agency's short name, in order of first reading.
    """
    found: dict[str, str] = {}

    def note(name: str, how: str) -> None:
        short = agency_name(name)
        if short and not same_outlet(short, outlet) and short not in found:
            found[short] = how

    text = str(text)
    dateline = find_dateline(text)
    if dateline is not None:
        for name in dateline.credits:
            note(name, f"dateline ({name})")
    for pattern, how in ((_SIGN_OFF, "sign-off"), (_BYLINE, "byline")):
        if pattern is _BYLINE and "By " not in text:  # a byline needs the literal "By ": skip the scan
            continue
        for m in pattern.finditer(text):
            name = m.group("name").strip()
            if name.casefold() in _AGENCIES:
                note(name, f"{how} '{m.group(0).strip()}'")
    for m in _TELLERS.finditer(text) if _ANY_TELLER_NAME.search(text) else ():
        name = m.group("a") or m.group("b") or m.group("c")
        note(name, f"text '{m.group(0)}'")
    return list(found.items())
