"""Each article's sourcing profile: whom it says it relies on, and how densely it attributes and hedges.

Built from the detections of :mod:`helpers.sourcing.detect`: the shares of source kinds among an
article's attributions, and attributions, hedges and disclaimers per 1,000 words, as a table
(:func:`sourcing_profile`) and a two-panel chart (:func:`profile_chart`).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import Transform, offset_copy

from helpers.corpus.groups import GROUP_NAME, group_order, per_article, top_groups
from helpers.display import style as charts
from helpers.sourcing.accuracy import ratio
from helpers.sourcing.detect import KINDS, not_analysed
from helpers.sourcing.relays import DESCRIBED_KINDS, NOT_VISIBLE, RELAY_KIND

# --------------------------------------------------------------------------------------------
# Sourcing profile per article
# --------------------------------------------------------------------------------------------

PROFILE_COLUMNS = [
    "words",
    "attributions",
    *(f"share_{k}" for k in KINDS),
    "attributions_per_1k",
    "hedges_per_1k",
    "disclaimers_per_1k",
    "described_sources",
    "relays",
    "relays_not_visible",
    "language",
    "analysed",
]


def sourcing_profile(
    corpus: pd.DataFrame, detected_attributions: pd.DataFrame, detected_hedges: pd.DataFrame
) -> pd.DataFrame:
    """Per article: attributions by kind (shares), attributions, hedges and disclaimers per 1,000 words.

    Relays (an outlet credited: "Reuters reported") and described sources (named, anonymous,
    document) are counted apart, with the relays whose outlet's own report is not in the corpus
    (``relays_not_visible``). An article in another language is ``analysed`` False with its
    ``language``, and its counts are missing (NaN), never 0 ("no sources").
    """
    skipped = dict(zip(*(not_analysed(corpus)[c] for c in ("source_id", "language")), strict=True))
    rows = []
    for sid in corpus.index:
        words = int(corpus.at[sid, "n_words"]) if "n_words" in corpus.columns else len(corpus.at[sid, "text"].split())
        a = detected_attributions[detected_attributions["source_id"] == sid]
        h = detected_hedges[detected_hedges["source_id"] == sid]
        per_k = 1000 / words if words else float("nan")
        row: dict[str, object] = {"source_id": sid, "words": words, "attributions": len(a)}
        for kind in KINDS:
            row[f"share_{kind}"] = ratio(int((a["kind"] == kind).sum()), len(a))
        row["attributions_per_1k"] = len(a) * per_k
        row["hedges_per_1k"] = int((h["family"] == "hedge").sum()) * per_k
        row["disclaimers_per_1k"] = int((h["family"] == "disclaimer").sum()) * per_k
        row["described_sources"] = int(a["kind"].isin(DESCRIBED_KINDS).sum())
        relays = a[a["kind"] == RELAY_KIND]
        row["relays"] = len(relays)
        behind = relays["behind"] if "behind" in relays.columns else pd.Series([NOT_VISIBLE] * len(relays))
        row["relays_not_visible"] = int((behind == NOT_VISIBLE).sum())
        row["language"] = skipped.get(sid, "en")
        row["analysed"] = sid not in skipped
        if sid in skipped:
            row.update({c: float("nan") for c in PROFILE_COLUMNS if c not in ("words", "language", "analysed")})
        rows.append(row)
    return pd.DataFrame(rows, columns=["source_id", *PROFILE_COLUMNS]).set_index("source_id")


def profile_by_group(profile: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """The profile pooled per group (outlet) with its ``articles`` (n): shares of its attributions, rates per its words.

    Groups past :data:`helpers.corpus.groups.TOP_GROUPS` are pooled as "other"; rows largest first.
    """
    pooled = top_groups(groups.reindex(profile.index).fillna("?"))
    frame = profile.assign(group=pooled)
    rows = []
    for group in group_order(pooled):
        part = frame[frame["group"] == group]
        words, found = int(part["words"].sum()), int(part["attributions"].sum())
        row: dict[str, object] = {GROUP_NAME: group, "articles": len(part), "words": words, "attributions": found}
        for kind in KINDS:
            of_kind = (part[f"share_{kind}"].fillna(0) * part["attributions"]).sum()
            row[f"share_{kind}"] = ratio(round(float(of_kind)), found)
        for col in ("attributions_per_1k", "hedges_per_1k", "disclaimers_per_1k"):
            count = (part[col] * part["words"] / 1000).sum()
            row[col] = count * 1000 / words if words else float("nan")
        rows.append(row)
    return pd.DataFrame(rows, columns=[GROUP_NAME, "articles", *PROFILE_COLUMNS]).set_index(GROUP_NAME)


#: One colour per source kind (from :mod:`helpers.display.style`).
KIND_COLORS = {"named": charts.BLUE, "anonymous": charts.ORANGE, "outlet": charts.GREEN, "document": charts.PURPLE}


def _below(ax: Axes) -> Transform:
    """A transform half an inch below an axes' bottom edge (for a legend under the x label)."""
    return offset_copy(ax.transAxes, fig=ax.figure, y=-0.5, units="inches")


def profile_chart(profile: pd.DataFrame, groups: pd.Series | None = None) -> Figure:
    """Two panels: the mix of source kinds per article, and attributions, hedges and disclaimers per 1,000 words.

    Given ``groups`` (each article's outlet) and more than a handful of articles, one bar per
    outlet with its number of articles (:func:`profile_by_group`), so the chart stays bounded.
    """
    names: dict[str, str] = {}
    if groups is not None and not per_article(profile.index):
        profile = profile_by_group(profile, groups)
        names = {g: f"{g} (n={k:,})" for g, k in profile["articles"].items()}
    fig, (left, right) = charts.new_figure(11, 0.6 * len(profile) + 1.8, ncols=2, sharey=True)
    ids = list(profile.index)[::-1]
    ys = range(len(ids))
    base = [0.0] * len(ids)
    for kind in KINDS:
        vals = [
            float(profile.at[sid, f"share_{kind}"]) if pd.notna(profile.at[sid, f"share_{kind}"]) else 0.0
            for sid in ids
        ]
        left.barh(list(ys), vals, left=base, color=KIND_COLORS[kind], label=kind)
        base = [b + v for b, v in zip(base, vals, strict=True)]
    left.set_yticks(list(ys), [names.get(i, i) for i in ids])
    left.set_xlim(0, 1)
    left.legend(
        loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=_below(left), ncol=len(KINDS), frameon=False
    )
    who = f"each {GROUP_NAME}'s articles say they rely on" if names else "the article says it relies on"
    charts.style_axes(left, title=f"Who {who}", xlabel="share of attributions")
    height = 0.27
    series = (
        ("attributions_per_1k", "attributions", charts.DARK_GREY),
        ("hedges_per_1k", "hedges", charts.VERMILION),
        ("disclaimers_per_1k", "disclaimers", charts.SKY_BLUE),
    )
    for n, (col, label, color) in enumerate(series):
        right.barh(
            [y + (1 - n) * height for y in ys],
            [float(profile.at[sid, col]) for sid in ids],
            height=height,
            color=color,
            label=label,
        )
    right.legend(loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=_below(right), ncol=3, frameon=False)
    charts.style_axes(right, title="How densely it sources and hedges", xlabel="per 1,000 words")
    return fig
