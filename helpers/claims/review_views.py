"""The candidate review: one discovered candidate at a time, merged, split, its statement edited, accepted and saved.

The widget only draws: every change is a pure function of :mod:`helpers.claims.review` applied to
the latest :class:`~helpers.claims.discovery.Discovery`, and saving goes through
:func:`helpers.claims.authoring.save_codings` (checked, locked, atomic). :func:`candidate_html`
is the static view (escaped text) the widget shows and the report keeps.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from helpers.claims import review
from helpers.claims.discovery import Discovery
from helpers.core.errors import InputError


def candidate_html(found: Discovery, candidate: str) -> str:
    """A candidate's claims and tellings as escaped HTML: statement, why grouped, each article's quote and stance."""
    claims = found.claims[found.claims["candidate"] == candidate]
    if claims.empty:
        return f"<p><i>No candidate {html.escape(candidate)}.</i></p>"
    parts = [f"<p><b>{html.escape(candidate)}</b> · grouped by: {html.escape(str(claims['grouped_by'].iloc[0]))}</p>"]
    for claim in claims.itertuples():
        ev = found.evidence[found.evidence["claim_id"] == claim.claim_id]
        rows = "".join(
            f"<tr><td>{html.escape(str(r.source_id))}</td><td>{html.escape(str(r.quote))}</td>"
            f"<td>{html.escape(str(r.stance))}</td></tr>"
            for r in ev.itertuples()
        )
        parts.append(
            f"<p>{html.escape(str(claim.claim_id))}: {html.escape(str(claim.statement))}</p>"
            f"<table><tr><th>article</th><th>quote</th><th>stance</th></tr>{rows}</table>"
        )
    return "".join(parts)


def _label(found: Discovery, candidate: str) -> str:
    claims = found.claims[found.claims["candidate"] == candidate]
    return f"{candidate} ({int(claims['articles'].max())} articles): {str(claims['statement'].iloc[0])[:70]}"


def candidate_review(corpus: pd.DataFrame, found: Discovery, coder: str = "") -> widgets.VBox:
    """Review discovered candidates: merge, split, edit the statement, accept and save (see the module docstring)."""
    from helpers.claims.authoring import save_codings  # the review writes; the other views only read

    state = {"found": found}
    picker = widgets.Dropdown(description="Candidate", layout=widgets.Layout(width="95%"))
    shown = widgets.HTML()
    statement = widgets.Text(description="Statement", layout=widgets.Layout(width="80%"))
    set_statement = widgets.Button(description="Edit statement")
    merge_with = widgets.Dropdown(description="Merge with", layout=widgets.Layout(width="70%"))
    merge = widgets.Button(description="Merge")
    tellings = widgets.SelectMultiple(description="Split off", layout=widgets.Layout(width="70%"))
    split = widgets.Button(description="Split")
    who = widgets.Text(value=coder, description="Coder", placeholder="empty: the reference coding")
    accept = widgets.Button(description="Accept and save", button_style="primary")
    status = widgets.HTML()

    def refresh(select: str | None = None) -> None:
        f = state["found"]
        cands = list(dict.fromkeys(f.claims["candidate"]))
        options = [(_label(f, c), c) for c in cands]
        picker.options = options
        if not cands:
            shown.value = "<p><i>No discovered candidates left to review.</i></p>"
            return
        picker.value = select if select in cands else cands[0]
        show(picker.value)

    def show(cand: str | None) -> None:
        f = state["found"]
        if cand is None:
            return
        shown.value = candidate_html(f, cand)
        first = f.claims[f.claims["candidate"] == cand].iloc[0]
        statement.value = str(first["statement"])
        merge_with.options = [(_label(f, c), c) for c in dict.fromkeys(f.claims["candidate"]) if c != cand]
        tellings.options = list(dict.fromkeys(f.evidence.loc[f.evidence["candidate"] == cand, "source_id"]))

    def act(change: object) -> None:
        cand = picker.value
        try:
            if change is set_statement:
                cid = str(state["found"].claims.loc[state["found"].claims["candidate"] == cand, "claim_id"].iloc[0])
                state["found"] = review.edit_statement(state["found"], cid, statement.value)
                status.value = f"<p>Statement of {html.escape(cid)} edited (not saved yet).</p>"
            elif change is merge:
                state["found"] = review.merge_candidates(state["found"], cand, merge_with.value)
                status.value = f"<p>{html.escape(str(merge_with.value))} merged into {html.escape(cand)}.</p>"
            elif change is split:
                state["found"] = review.split_candidate(state["found"], cand, list(tellings.value))
                status.value = f"<p>{len(tellings.value)} telling(s) split off {html.escape(cand)}.</p>"
            elif change is accept:
                claims, evidence = review.accepted_rows(state["found"], cand)
                saved = save_codings(corpus, evidence, claims, coder=who.value.strip() or None)
                state["found"] = review.without_candidate(state["found"], cand)
                names = ", ".join(html.escape(p.name) for p in saved.files)
                status.value = f"<p>Saved {len(saved.evidence)} coding(s) of {html.escape(cand)} to {names}.</p>"
                cand = None
        except InputError as exc:
            lines = "".join(f"<li>{html.escape(str(p))}</li>" for p in exc.problems)
            status.value = f"<p><b>Not done</b> (nothing was written):</p><ul>{lines}</ul>"
            return
        refresh(cand)

    picker.observe(lambda change: show(change["new"]), names="value")
    for button in (set_statement, merge, split, accept):
        button.on_click(act)
    refresh()
    return widgets.VBox(
        [
            picker,
            shown,
            widgets.HBox([statement, set_statement]),
            widgets.HBox([merge_with, merge]),
            widgets.HBox([tellings, split]),
            widgets.HBox([who, accept]),
            status,
        ]
    )
