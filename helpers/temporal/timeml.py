"""TimeML export: an article's text with its temporal expressions as TIMEX3 tags.

Why: outside tools (TempEval scorers, annotation viewers) read TimeML, so the resolver's output can
be compared or corrected there. Values are the ISO-TimeML ones (``timex_value``), not the concrete
ranges the timeline uses.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import pandas as pd


def to_timeml(text: str, mentions: pd.DataFrame, dct: str) -> str:
    """A TimeML document: DCT as ``t0`` and one TIMEX3 (tid, type, value) per mention, text XML-escaped.

    ``mentions`` needs ``start``, ``end``, ``timex_type`` and ``timex_value`` (the columns of
    :func:`helpers.temporal.temporal_mentions` for one article); overlapping mentions after the
    first are left out, since XML elements cannot cross.
    """
    out = ['<?xml version="1.0" ?>\n<TimeML>\n']
    out.append(
        f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(dct)} functionInDocument="CREATION_TIME">'
        f"{escape(dct)}</TIMEX3></DCT>\n<TEXT>"
    )
    pos = 0
    tid = 0
    rows = mentions.sort_values("start") if len(mentions) else mentions
    for row in rows.itertuples(index=False):
        start, end = int(row.start), int(row.end)
        if start < pos or end <= start:
            continue
        tid += 1
        typ = str(row.timex_type or "DATE")
        attrs = f'tid="t{tid}" type={quoteattr(typ)} value={quoteattr(str(row.timex_value or ""))}'
        out.append(escape(text[pos:start]))
        out.append(f"<TIMEX3 {attrs}>{escape(text[start:end])}</TIMEX3>")
        pos = end
    out.append(escape(text[pos:]))
    out.append("</TEXT>\n</TimeML>\n")
    return "".join(out)
