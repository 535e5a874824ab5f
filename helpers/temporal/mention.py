"""One temporal expression and its resolution, and the table of an article's mentions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

# Resolution modes (``news`` anchors on publication, ``narrative`` on the story's last time): one home, config.
from helpers.config import GENRES as GENRES

#: Columns of :func:`helpers.temporal.resolve.temporal_mentions`.
MENTION_COLUMNS = (
    "source_id",
    "start",
    "end",
    "text",
    "type",
    "value",
    "value_end",
    "granularity",
    "anchor",
    "anchor_value",
    "timex_value",
    "timex_type",
)
#: ``type`` of the one row an article in another language gets (its ``text`` is the language code).
NOT_ANALYSED = "not_analysed"


@dataclass(frozen=True)
class Mention:
    """One temporal expression: its span in the unmodified text and its resolution."""

    start: int
    end: int
    text: str
    type: str
    value: str = ""
    value_end: str = ""
    granularity: str = ""
    anchor: str = ""
    anchor_value: str = ""
    timex_value: str = ""
    timex_type: str = ""


def mentions_frame(source_id: str, mentions: Iterable[Mention]) -> pd.DataFrame:
    """Mentions of one article as a table with :data:`MENTION_COLUMNS`."""
    rows = [{"source_id": source_id, **m.__dict__} for m in mentions]
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))
