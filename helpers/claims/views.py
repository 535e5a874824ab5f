"""Everything a person looks at about claims: the coloured matrix, disagreements side by side, the explorer.

Interactive views for JupyterLab are each built on a function returning escaped HTML; the HTML
functions serve the static report and the tests, and the widgets only choose what to show.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
from pandas.io.formats.style import Styler

from helpers.claims.coding import Codings
from helpers.claims.matrix import LEGEND, NOT_CODED, SYMBOLS
from helpers.core.text import mark_spans, paragraph_bounds, sentence_bounds
from helpers.display import style as charts
from helpers.display.html import legend, legend_entry

_MARK = "background:#FFE08A;padding:0 2px"
_COLORS = {
    "asserts": charts.BLUE,
    "attributes": charts.SKY_BLUE,
    "hedges": charts.ORANGE,
    "contradicts": charts.VERMILION,
    "denies": charts.PURPLE,
    NOT_CODED: charts.PALE_GREY,
}


def quote_in_context(text: str, start: int, end: int, context: str = "paragraph") -> str:
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
            body = quote_in_context(corpus.at[sid, "text"], int(row["start"]), int(row["end"]), context)
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
    return legend((legend_entry(k, v, mark=SYMBOLS[k] or "(blank)") for k, v in LEGEND.items()), sep=" · ")


def all_claims_html(codings: Codings, corpus: pd.DataFrame) -> str:
    """Static rendering of the claim explorer: every claim in a collapsed section, quotes in sentences."""
    sections = [
        f"<details><summary>{html.escape(cid)}: {html.escape(codings.claims.at[cid, 'statement'])}</summary>"
        f"{claim_html(cid, codings, corpus, context='sentence')}</details>"
        for cid in codings.claims.index
    ]
    return f"<div><p>{legend_html()}</p>{''.join(sections)}</div>"


def matrix_styler(matrix: pd.DataFrame, statements: pd.Series) -> Styler:
    """The matrix as symbols with colours and the claim's statement beside it."""
    shown = matrix.apply(lambda col: col.map(SYMBOLS))
    shown.insert(0, "statement", [statements[cid] for cid in matrix.index.get_level_values("claim_id")])

    def color(col: pd.Series) -> list[str]:
        if col.name == "statement":
            return ["text-align:left; font-size:90%"] * len(col)
        return [
            f"color:{_COLORS.get(v, charts.BLACK)}; text-align:center; font-size:120%"
            for v in matrix[col.name].tolist()
        ]

    return shown.style.apply(color).set_table_styles([{"selector": "th", "props": "font-size:90%"}])


def legend_table() -> pd.DataFrame:
    """The legend of :func:`matrix_styler`: symbol and meaning per stance."""
    return pd.DataFrame({"symbol": [SYMBOLS[k] for k in LEGEND], "meaning": list(LEGEND.values())}, index=list(LEGEND))


def disagreement_html(table: pd.DataFrame, key: str) -> str:
    """One disagreement side by side: a column per competing claim, its quotes, then the reasoning."""
    sub = table[table["disagreement"] == key]
    if sub.empty:
        return ""
    esc = html.escape
    cols = []
    for cid, group in sub.groupby("claim_id", sort=False):
        head = esc(group["statement"].iloc[0]) if cid else "spellings used"
        items = "".join(
            f"<li><b>{esc(r['source_id'])}</b> <i>({esc(r['stance'] or 'spelling')}"
            f"{'; ' + esc(r['attributed_to']) if r['attributed_to'] else ''})</i><br>“{esc(r['quote'])}”</li>"
            for r in group.to_dict("records")
        )
        cols.append(
            f"<td style='vertical-align:top;text-align:left;padding:6px;border:1px solid #ddd'>"
            f"<div style='font-weight:bold'>{esc(cid)} {head}</div><ul style='padding-left:1.2em'>{items}</ul></td>"
        )
    reasoning = sub["reasoning"].iloc[0]
    return (
        f"<div style='margin:1em 0'><h4 style='margin:.2em 0'>{esc(sub['question'].iloc[0])} "
        f"<small>({esc(sub['kind'].iloc[0])})</small></h4>"
        f"<table style='border-collapse:collapse;width:100%'><tr>{''.join(cols)}</tr></table>"
        f"<p style='text-align:left'><b>Which account is better sourced:</b> "
        f"{esc(reasoning) or '<i>no reasoning coded</i>'}</p>"
        "</div>"
    )


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
