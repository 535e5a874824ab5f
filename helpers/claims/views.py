"""Everything a person looks at about claims: the coloured matrix, disagreements side by side, the explorer.

Interactive views for JupyterLab are each built on a function returning escaped HTML; the HTML
functions serve the static report and the tests, and the widgets only choose what to show.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd
from pandas.io.formats.style import Styler

from helpers.claims.coding import ATTRIBUTION_KINDS, STANCES, Codings
from helpers.claims.matrix import LEGEND, NOT_CODED, SYMBOLS
from helpers.core.errors import InputError
from helpers.core.text import mark_spans, paragraph_bounds, quote_occurrences, sentence_bounds, sentence_spans
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


# ---------------------------------------------------------------------------------------------
# The coding workbench: suggestions reviewed, accepted, edited and saved
# ---------------------------------------------------------------------------------------------

#: Columns of a suggestions table (the ``python -m helpers suggest`` contract); ``claim_id`` empty = a new claim.
SUGGESTION_COLUMNS = ("claim_id", "source_id", "quote", "start", "end", "stance", "attribution_kind", "score")
_WORD = re.compile(r"\S+")
_SUGGESTED = "background:#CDE6F7;padding:0 2px"


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words of the sentence(s) around ``text[start:end]``: the units a coder widens or narrows a quote by."""
    left, right = sentence_bounds(text, start, end)
    return [(left + m.start(), left + m.end()) for m in _WORD.finditer(text[left:right])]


def occurrence_of(text: str, quote: str, start: int) -> str:
    """The ``occurrence`` a quote needs when it is found more than once: which one starts at ``start``."""
    spans = quote_occurrences(quote, text)
    if len(spans) < 2:
        return ""
    return next((str(k) for k, (s, _) in enumerate(spans, 1) if s == start), "")


class _Proposal:
    """One suggestion's controls: decision, quote boundaries by words, stance, kind, who (and a new claim's words)."""

    def __init__(self, row: dict, text: str, codings: Codings, topics: tuple[str, ...]):
        self.text, self.claim_id = text, str(row.get("claim_id") or "")
        self.words = word_spans(text, int(row["start"]), int(row["end"]))
        inside = [i for i, (s, e) in enumerate(self.words) if s < int(row["end"]) and e > int(row["start"])]
        first, last = (inside[0], inside[-1]) if inside else (0, len(self.words) - 1)
        labels = [f"{i + 1}:{text[s:e][:24]}" for i, (s, e) in enumerate(self.words)]
        self.bounds = widgets.SelectionRangeSlider(
            options=[(label, i) for i, label in enumerate(labels)],
            index=(first, last),
            description="Quote",
            layout=widgets.Layout(width="95%"),
        )
        self.decision = widgets.ToggleButtons(
            options=["undecided", "accept", "reject"], value="undecided", style={"button_width": "84px"}
        )
        stance = str(row.get("stance") or "asserts")
        self.stance = widgets.Dropdown(options=STANCES, value=stance if stance in STANCES else "asserts")
        kind = str(row.get("attribution_kind") or "none")
        self.kind = widgets.Dropdown(options=ATTRIBUTION_KINDS, value=kind if kind in ATTRIBUTION_KINDS else "none")
        self.who = widgets.Text(
            value=str(row.get("attributed_to") or ""), placeholder="attributed to (article's words)"
        )
        self.preview = widgets.HTML()
        self.statement = widgets.Text(value=str(row.get("statement") or ""), placeholder="the new claim, in a line")
        self.topic = widgets.Combobox(options=list(topics), value=topics[0] if topics else "", placeholder="topic")
        if self.claim_id:
            head = f"<b>{html.escape(self.claim_id)}</b> · {html.escape(_statement(codings, self.claim_id))}"
        else:
            head = "<b>new claim</b>"
        score = row.get("score")
        head += f" <small>(score {float(score):.2f})</small>" if score not in (None, "") else ""
        self.head = widgets.HTML(value=head)
        self.bounds.observe(lambda _: self._show(), names="index")
        self._show()
        extra = [] if self.claim_id else [widgets.HBox([self.statement, self.topic])]
        self.box = widgets.VBox(
            [
                self.head,
                self.preview,
                self.bounds,
                *extra,
                widgets.HBox([self.decision, self.stance, self.kind, self.who]),
            ],
            layout=widgets.Layout(border="1px solid #ddd", padding="4px", margin="4px 0"),
        )

    def span(self) -> tuple[int, int]:
        first, last = self.bounds.index
        return self.words[first][0], self.words[last][1]

    def quote(self) -> str:
        s, e = self.span()
        return self.text[s:e]

    def _show(self) -> None:
        s, e = self.span()
        left, right = sentence_bounds(self.text, s, e)
        self.preview.value = f"<p>{mark_spans(self.text[left:right], [(s - left, e - left)], style=_MARK)}</p>"

    def evidence_row(self, source_id: str, claim_ref: str) -> dict[str, str]:
        s, _ = self.span()
        quote = self.quote()
        return {
            "claim_id": claim_ref,
            "source_id": source_id,
            "quote": quote,
            "stance": self.stance.value,
            "attributed_to": self.who.value.strip() if self.kind.value != "none" else "",
            "attribution_kind": self.kind.value,
            "occurrence": occurrence_of(self.text, quote, s),
        }


def _statement(codings: Codings, claim_id: str) -> str:
    claims = codings.claims
    return str(claims.at[claim_id, "statement"])[:120] if claim_id in claims.index else "(not in the codebook)"


def article_suggestions_html(text: str, suggestions: pd.DataFrame) -> str:
    """The article, escaped, with every suggested quote marked (what the coder reviews at a glance)."""
    spans = [(int(s), int(e)) for s, e in zip(suggestions["start"], suggestions["end"], strict=True)]
    body = mark_spans(text, spans, style=_SUGGESTED).replace("\n", "<br>")
    return f"<div style='max-height:22em;overflow:auto;border:1px solid #ddd;padding:6px'>{body}</div>"


def coding_workbench(
    corpus: pd.DataFrame,
    codings: Codings,
    suggest: Callable[[str], pd.DataFrame],
    source_id: str | None = None,
    limit: int = 25,
    show_coded: bool = False,
) -> widgets.VBox:
    """Pick an article, review its suggested codings (accept, edit, reject), add claims from sentences, save.

    ``suggest(source_id)`` returns a table with :data:`SUGGESTION_COLUMNS`; rows it marks
    ``already_coded`` (the reference has that claim for that article) are left out unless
    ``show_coded``, so the coder sees only what is new. Saving goes through
    :func:`helpers.claims.authoring.save_codings` (checked, locked, atomic; a second coder's name saves
    beside the reference instead of into it); problems are shown one line each and nothing is written.
    """
    from helpers.claims.authoring import save_codings  # the workbench writes; the other views only read

    topics = corpus.settings.topics if getattr(corpus, "settings", None) is not None else ()
    picker = widgets.Dropdown(
        options=[(f"{sid} · {outlet}", sid) for sid, outlet in corpus["outlet"].items()],
        value=source_id if source_id in corpus.index else corpus.index[0],
        description="Article",
        layout=widgets.Layout(width="95%"),
    )
    article = widgets.HTML()
    proposals_box = widgets.VBox()
    sentences = widgets.Dropdown(description="Sentence", layout=widgets.Layout(width="80%"))
    add = widgets.Button(description="Add as a new claim")
    coder = widgets.Text(description="Coder", placeholder="empty: the reference coding; a name: saved beside it")
    save = widgets.Button(description="Save accepted", button_style="primary")
    status = widgets.HTML()
    state: dict[str, list[_Proposal]] = {"proposals": []}

    def load(sid: str) -> None:
        text = str(corpus.at[sid, "text"])
        table = suggest(sid)
        if not show_coded and "already_coded" in table:
            table = table[~table["already_coded"].astype(bool)]
        table = table.head(limit)
        article.value = article_suggestions_html(text, table)
        state["proposals"] = [_Proposal(r, text, codings, topics) for r in table.to_dict("records")]
        proposals_box.children = [p.box for p in state["proposals"]] or [
            widgets.HTML(value="<p><i>No suggestions for this article.</i></p>")
        ]
        sentences.options = [(f"{text[s:e][:100]}", (s, e)) for s, e in sentence_spans(text)]
        status.value = ""

    def add_claim(_: object) -> None:
        if sentences.value is None:
            return
        s, e = sentences.value
        text = str(corpus.at[picker.value, "text"])
        proposal = _Proposal({"claim_id": "", "start": s, "end": e}, text, codings, topics)
        proposal.decision.value = "accept"
        state["proposals"].append(proposal)
        proposals_box.children = [p.box for p in state["proposals"]]

    def do_save(_: object) -> None:
        sid = picker.value
        chosen = [p for p in state["proposals"] if p.decision.value == "accept"]
        if not chosen:
            status.value = "<p>Nothing accepted yet: accept a suggestion first.</p>"
            return
        new_claims = [p for p in chosen if not p.claim_id]
        claims = pd.DataFrame(
            [
                {"claim_id": "", "topic": p.topic.value.strip(), "statement": p.statement.value.strip()}
                for p in new_claims
            ]
        )
        refs = {id(p): f"new:{k}" for k, p in enumerate(new_claims, 1)}
        rows = pd.DataFrame([p.evidence_row(sid, p.claim_id or refs[id(p)]) for p in chosen])
        try:
            saved = save_codings(corpus, rows, claims if len(claims) else None, coder=coder.value.strip() or None)
        except InputError as exc:
            lines = "".join(f"<li>{html.escape(str(p))}</li>" for p in exc.problems)
            status.value = f"<p><b>Not saved</b> (nothing was written):</p><ul>{lines}</ul>"
            return
        for p in chosen:
            p.decision.value, p.decision.disabled = "accept", True
        names = ", ".join(html.escape(f.name) for f in saved.files)
        status.value = f"<p>Saved {len(saved.evidence)} coding(s) to {names}.</p>"

    picker.observe(lambda change: load(change["new"]), names="value")
    add.on_click(add_claim)
    save.on_click(do_save)
    load(picker.value)
    return widgets.VBox(
        [picker, article, proposals_box, widgets.HBox([sentences, add]), widgets.HBox([coder, save]), status]
    )
