"""Relays apart from sources: "Reuters reported" credits an outlet, not the people it spoke to.

An attribution whose source is an outlet ("Reuters reported", "according to AFP", "the report
added", "cited by Reuters") is a *relay*: the source behind it is whatever the relayed report cited.
When the corpus holds an article of that outlet, the relayed report's own sources can be read there
(``behind`` names those articles); otherwise they are ``not visible`` from the corpus. The sourcing
profile counts relays and described sources (``named``, ``anonymous``, ``document``) apart.
"""

from __future__ import annotations

import re

import pandas as pd

#: The kind of source that makes an attribution a relay.
RELAY_KIND = "outlet"
#: ``behind`` of a relay whose outlet has no article in the corpus.
NOT_VISIBLE = "not visible"
#: Source kinds that describe who the information comes from.
DESCRIBED_KINDS = ("named", "anonymous", "document")


def _outlet_articles(corpus: pd.DataFrame) -> dict[str, list[str]]:
    """Each outlet named in the manifest (``outlet``) with its articles, longest name first."""
    if "outlet" not in corpus.columns:
        return {}
    found: dict[str, list[str]] = {}
    for sid, outlet in corpus["outlet"].items():
        name = str(outlet or "").strip()
        if name and name.lower() != "unknown":
            found.setdefault(name, []).append(str(sid))
    return dict(sorted(found.items(), key=lambda kv: -len(kv[0])))


def relay_columns(corpus: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """``relay`` (bool) and ``behind`` (the corpus articles of the relayed outlet, or ``not visible``) per row."""
    outlets = _outlet_articles(corpus)
    relay = frame["kind"] == RELAY_KIND
    behind = []
    for sid, is_relay, source in zip(frame["source_id"], relay, frame["source_text"], strict=True):
        if not is_relay:
            behind.append("")
            continue
        held = next(
            (
                [a for a in arts if a != sid]
                for name, arts in outlets.items()
                if re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", str(source))
            ),
            [],
        )
        behind.append("in corpus: " + ", ".join(held) if held else NOT_VISIBLE)
    return pd.DataFrame({"relay": relay.astype(bool), "behind": behind}, index=frame.index)
