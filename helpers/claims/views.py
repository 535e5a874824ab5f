"""Interactive views for JupyterLab, each built on a function returning escaped HTML.

The HTML functions serve the static report and the tests; the widgets only choose what to show.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from helpers.claims.coding import Codings
from helpers.claims.matrix import LEGEND, NOT_CODED, SYMBOLS
from helpers.core.text import mark_spans, paragraph_bounds, sentence_bounds

_MARK = "background:#FFE08A;padding:0 2px"


def highlight(text: str, start: int, end: int, context: str = "paragraph") -> str:
    """The paragraph (or sentence) around ``text[start:end]``, escaped, with the span marked."""
    bounds = paragraph_bounds if context == "paragraph" else sentence_bounds
    left, right = bounds(text, start, end)
    return mark_spans(text[left:right], [(start - left, end - left)], style=_MARK)


def claim_html(claim_id: str, codings: Codings, corpus: pd.DataFrame, context: str = "paragraph") -> str:
    """Every article's word on one claim: stance, attribution, and the quote marked in its paragraph."""
    if claim_id not in codings.claims.index:
        return f"<p>Unknown claim {html.escape(claim_id)}.</p>"
    claim = codings.claims.loc[claim_id]
    ev = codings.evidence[codings.evidence["claim_id"] == claim_id].set_index("source_id")
    esc = html.escape
    parts = [
        f"<div><p><b>{esc(claim_id)}</b> ({esc(claim['topic'])}): {esc(claim['statement'])}</p>",
        "<table style='border-collapse:collapse;width:100%'>",
    ]
    for sid in corpus.index:
        if sid in ev.index:
            row = ev.loc[sid]
            who = f"{row['attributed_to']} ({row['attribution_kind']})" if row["attributed_to"] else "no attribution"
            hedge = f"; hedge: “{row['hedge']}”" if row.get("hedge") else ""
            body = highlight(corpus.at[sid, "text"], int(row["start"]), int(row["end"]), context)
            label = f"{SYMBOLS[row['stance']]} {row['stance']}"
            detail = f"{esc(who)}{esc(hedge)}"
        elif sid in codings.coded_sources:
            label, detail, body = "silent", "", "<i>does not speak to this claim</i>"
        else:
            label, detail, body = NOT_CODED, "", "<i>this article has not been coded</i>"
        parts.append(
            "<tr style='border-top:1px solid #ddd'>"
            f"<td style='vertical-align:top;text-align:left;padding:4px;width:11em'><b>{esc(sid)}</b><br>"
            f"{esc(label)}<br><small>{detail}</small></td>"
            f"<td style='vertical-align:top;text-align:left;padding:4px'>{body}</td></tr>"
        )
    parts.append("</table></div>")
    return "".join(parts)


def legend_html() -> str:
    """The stance legend as a one-line HTML strip."""
    return " · ".join(
        f"<b>{html.escape(SYMBOLS[k] or '(blank)')}</b> {html.escape(k)}: {html.escape(v)}" for k, v in LEGEND.items()
    )


def all_claims_html(codings: Codings, corpus: pd.DataFrame) -> str:
    """Static rendering of the claim explorer: every claim in a collapsed section, quotes in sentences."""
    sections = [
        f"<details><summary>{html.escape(cid)}: {html.escape(codings.claims.at[cid, 'statement'])}</summary>"
        f"{claim_html(cid, codings, corpus, context='sentence')}</details>"
        for cid in codings.claims.index
    ]
    return f"<div><p>{legend_html()}</p>{''.join(sections)}</div>"


def claim_explorer(codings: Codings, corpus: pd.DataFrame, start: str | None = None) -> widgets.VBox:
    """Pick a claim, see each article's quote highlighted in its paragraph with stance and attribution."""
    options = [(f"{cid} · {st[:90]}", cid) for cid, st in codings.claims["statement"].items()]
    if not options:  # a corpus nobody has coded yet
        return widgets.VBox([widgets.HTML(value="<p><i>No claims are coded for this corpus yet.</i></p>")])
    known = {cid for _, cid in options}
    picker = widgets.Dropdown(
        options=options,
        value=start if start in known else options[0][1],
        description="Claim",
        layout=widgets.Layout(width="95%"),
    )
    view = widgets.HTML(value=claim_html(picker.value, codings, corpus))
    picker.observe(lambda change: setattr(view, "value", claim_html(change["new"], codings, corpus)), names="value")
    return widgets.VBox([picker, widgets.HTML(value=f"<small>{legend_html()}</small>"), view])
