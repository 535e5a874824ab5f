"""What kind of source each article is, from its own text and manifest: original reporting or rewrite.

The evidence is what a careful reader would look for: which outlet's reporting voice speaks in
the text ("the FT could not confirm", "spoke to Reuters"), which outlets it credits, whose
dateline it carries ("NAIROBI, Kenya (AP) --": the article's own outlet, or the agency it
carries; :mod:`helpers.core.datelines`), and how far after the events it appeared.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.core.agencies import WIRE_AGENCIES
from helpers.core.datelines import find_dateline, outlet_key, same_outlet
from helpers.corpus.load import is_inferred, is_known_outlet

#: Verbs and phrases by which an outlet describes its own reporting.
REPORTING_VERBS = (
    r"pieced together|has not been able|have not been able|could not|was unable|is unable|interviewed|"
    r"spoke to|spoke with|reviewed|obtained|verified|confirmed|reported|cited by|conducted by|"
    r"request for comment|asked|told"
)
#: How many words may stand between the outlet's name and the reporting verb.
VOICE_WINDOW_WORDS = 4

KIND_ORIGINAL = "original reporting"
KIND_CREDITED = "credited rewrite"
KIND_UNCREDITED = "uncredited rewrite (inferred)"
KIND_UNCLEAR = "unclear"


def outlet_names(outlet: str) -> tuple[str, ...]:
    """Forms under which an outlet names itself: the name, its initials for multi-word names, its agency names.

    A news agency's other names come from :data:`helpers.core.agencies.WIRE_AGENCIES`
    (``Associated Press`` also signs ``AP``; ``Xinhua News Agency`` also ``Xinhua``).
    """
    if not is_known_outlet(outlet):
        return ()
    words = outlet.split()
    names = [outlet, "".join(w[0] for w in words).upper()] if len(words) > 1 else [outlet]
    key = outlet_key(outlet)
    names.extend(n for agency in WIRE_AGENCIES if outlet_key(agency[0]) == key for n in agency)
    return tuple(dict.fromkeys(names))


def dateline_evidence(text: str, outlet: object) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """A story's dateline as written, and the outlets it names: (dateline, its own outlet's names, others).

    A staff dateline (a place and no credit, ``NAIROBI, Kenya, Aug. 7 --``) names no outlet: it
    counts as the article's own only when the manifest names the outlet (see :func:`source_kinds`).
    """
    found = find_dateline(text)
    if found is None:
        return "", (), ()
    own = tuple(c for c in found.credits if is_known_outlet(outlet) and same_outlet(c, outlet))
    return found.text, own, tuple(c for c in found.credits if c not in own)


def reporting_voice(text: str, names: tuple[str, ...]) -> list[str]:
    """Passages where one of ``names`` speaks as a reporter (name near a reporting verb, either order)."""
    if not names:
        return []
    name = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    gap = rf"(?:\W+\w+){{0,{VOICE_WINDOW_WORDS}}}?\W+"
    pattern = re.compile(rf"\b(?:{name})\b{gap}(?:{REPORTING_VERBS})\b|\b(?:{REPORTING_VERBS})\b{gap}(?:{name})\b")
    return [m.group(0) for m in pattern.finditer(text)]


def source_kinds(corpus: pd.DataFrame) -> pd.DataFrame:
    """Per article: whose reporting voice the text carries, and the resulting kind of source, with reasons.

    A dateline naming another outlet (``NAIROBI, Kenya (AP) --`` in a newspaper) credits it like a
    manifest credit; a dateline naming the article's own outlet, or a staff dateline with no credit
    in an article whose outlet is known, marks its own reporting like its reporting voice does.
    """
    rows = []
    for sid, art in corpus.iterrows():
        own = reporting_voice(art["text"], outlet_names(art["outlet"]))
        line, own_line, other_line = dateline_evidence(art["text"], art["outlet"])
        credits = tuple(art["credits"])
        credited = [p for outlet in credits for p in reporting_voice(art["text"], outlet_names(outlet))]
        mentions = {o: len(re.findall(rf"\b{re.escape(o)}\b", art["text"])) for o in credits}
        if credits or other_line:
            kind = KIND_CREDITED
            parts = (
                [", ".join(f"{o} ({n} mention{'s' if n != 1 else ''})" for o, n in mentions.items())] if credits else []
            )
            if other_line:
                parts.append(f"its dateline '{line}' names {', '.join(other_line)}")
            why = "credits " + "; ".join(parts)
            if credited:
                why += f"; carries {'/'.join(credits)}'s reporting voice: " + "; ".join(f"'{p}'" for p in credited[:3])
        elif own or own_line or (line and is_known_outlet(art["outlet"])):
            kind = KIND_ORIGINAL
            parts = []
            if own_line:
                parts.append(f"its dateline '{line}' names its own outlet")
            elif line and not own:
                parts.append(f"its dateline '{line}' credits no other outlet (a staff dateline)")
            if own:
                parts.append(f"{art['outlet']} describes its own reporting: " + "; ".join(f"'{p}'" for p in own[:3]))
            why = "; ".join(parts)
        elif art["upstream_inferred"]:
            kind = KIND_UNCREDITED
            why = f"credits no outlet; the manifest infers {art['upstream_inferred']} as upstream (see notes)"
        else:
            kind = KIND_UNCLEAR
            why = "credits no outlet and shows no reporting voice of its own"
        rows.append(
            {
                "source_id": sid,
                "outlet": art["outlet"],
                "kind": kind,
                "own_voice": len(own),
                "credited_voice": len(credited),
                "evidence": why,
            }
        )
    return pd.DataFrame(rows).set_index("source_id")


def _window_end(corpus: pd.DataFrame, event_end: str | None) -> pd.Timestamp:
    """The last day of the events studied: as given, else the corpus settings' window, else the first article's day."""
    if event_end:
        return pd.Timestamp(event_end)
    settings = getattr(corpus, "settings", None)
    if settings is not None and settings.window[1]:
        return pd.Timestamp(settings.window[1])
    return corpus["published"].min()


def overview(corpus: pd.DataFrame, event_end: str | None = None) -> pd.DataFrame:
    """The corpus at a glance: outlet, date and its basis, length, credits, days after the events studied."""
    frame = pd.DataFrame(
        {
            "outlet": corpus["outlet"],
            "published": corpus["published"].dt.strftime("%Y-%m-%d"),
            "date basis": corpus["published_basis"].map(lambda b: "inferred" if is_inferred(b) else "stated"),
            "days after events": (corpus["published"] - _window_end(corpus, event_end)).dt.days,
            "words": corpus["n_words"],
            "credits": corpus["credits"].map(lambda c: ", ".join(c) if c else "none"),
            "upstream (inferred)": corpus["upstream_inferred"].replace("", "none"),
        }
    )
    frame.index.name = "source_id"
    return frame


def timing_table(corpus: pd.DataFrame, event_end: str | None = None) -> pd.DataFrame:
    """The data behind :func:`timing_chart`: one row per article, in publication order."""
    frame = pd.DataFrame(
        {
            "published": corpus["published"],
            "inferred": corpus["published_basis"].map(is_inferred),
            "days_after": (corpus["published"] - _window_end(corpus, event_end)).dt.days,
        }
    ).sort_values(["published"], kind="stable")
    frame.index.name = "source_id"
    return frame
