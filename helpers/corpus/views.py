"""What a reader sees of the corpus itself: when each article appeared against the events it tells."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, DateFormatter, DayLocator
from matplotlib.figure import Figure

from helpers.corpus.groups import GROUP_NAME, article_groups, per_article, timing_by_group
from helpers.corpus.provenance import timing_table
from helpers.display.style import BLUE, DARK_GREY, OUTSIDE_COLOR, new_figure, source_colors, style_axes


def timing_chart(corpus: pd.DataFrame, start: str | None = None, end: str | None = None) -> Figure:
    """Publication date of each article against the event window; hollow markers are inferred dates.

    The window is the corpus settings' (``event.toml`` ``[window]``, else a week before the first article).
    Past a handful of articles, one row per outlet instead (:func:`timing_summary_chart`).
    """
    settings = getattr(corpus, "settings", None)
    start = start or (settings.window[0] if settings is not None else None) or str(corpus["published"].min().date())
    end = end or (settings.window[1] if settings is not None else None) or str(corpus["published"].min().date())
    table = timing_table(corpus, end)
    if not per_article(corpus):
        return timing_summary_chart(timing_by_group(table, article_groups(corpus)), start, end)
    colors = source_colors(corpus.index)
    fig, ax = new_figure(9, 0.6 * len(table) + 1.6)
    ax.axvspan(
        pd.Timestamp(start),
        pd.Timestamp(end) + pd.Timedelta(days=1),
        color=OUTSIDE_COLOR,
        alpha=0.15,
        label=f"events studied ({start} to {end})",
    )
    for y, (sid, row) in enumerate(table.iterrows()):
        ax.plot([pd.Timestamp(end), row["published"]], [y, y], color=colors[sid], linewidth=1, alpha=0.6)
        ax.scatter(
            [row["published"]],
            [y],
            s=70,
            zorder=3,
            color=colors[sid],
            facecolors="white" if row["inferred"] else colors[sid],
            linewidths=2,
        )
    if table["inferred"].any():
        ax.scatter([], [], s=70, color="black", facecolors="white", linewidths=2, label="publication date (inferred)")
    if not table["inferred"].all():
        ax.scatter([], [], s=70, color="black", label="publication date (stated)")
    ax.set_yticks(range(len(table)), list(table.index))
    ax.invert_yaxis()
    _date_axis(ax, start, end, table["published"].min(), table["published"].max())
    style_axes(ax, title="When each article appeared, against the events it tells")
    return fig


def _date_axis(ax: Axes, start: str, end: str, lo: pd.Timestamp, hi: pd.Timestamp) -> None:
    """Date ticks for the span of the window and the publications, the years as the axis label, and the legend."""
    first, last = min(pd.Timestamp(start), lo), max(pd.Timestamp(end), hi)
    if (last - first).days <= 60:
        ax.xaxis.set_major_locator(DayLocator(interval=max(1, round((last - first).days / 6))))
        ax.xaxis.set_major_formatter(DateFormatter("%d %b"))
    else:  # a long span (a corpus gathered over years): let matplotlib choose months or years
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    years = sorted({first.year, last.year})
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=3, frameon=False, fontsize=9)
    ax.set_xlabel(str(years[0]) if len(years) == 1 else f"{years[0]} to {years[-1]}")


def timing_summary_chart(summary: pd.DataFrame, start: str, end: str) -> Figure:
    """One row per outlet (with n): first to last publication as a line, the middle half as a bar, the median as a dot.

    ``summary`` is :func:`helpers.corpus.groups.timing_by_group`'s table; the height is bounded by its rows.
    """
    fig, ax = new_figure(9, 0.45 * len(summary) + 1.8)
    ax.axvspan(
        pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1), color=OUTSIDE_COLOR, alpha=0.15,
        label=f"events studied ({start} to {end})",
    )  # fmt: skip
    for y, (_, row) in enumerate(summary.iterrows()):
        ax.plot([row["first"], row["last"]], [y, y], color=DARK_GREY, linewidth=1)
        ax.plot([row["q1"], row["q3"]], [y, y], color=BLUE, linewidth=7, solid_capstyle="butt")
        ax.scatter([row["median"]], [y], s=40, color="white", edgecolors=BLUE, zorder=3)
    ax.plot([], [], color=DARK_GREY, linewidth=1, label="first to last article")
    ax.plot([], [], color=BLUE, linewidth=7, label="middle half of the articles")
    ax.scatter([], [], s=40, color="white", edgecolors=BLUE, label="median")
    inferred = [f", {k:,} inferred" if k else "" for k in summary["inferred"]]
    labels = [f"{g} (n={k:,}{more})" for g, k, more in zip(summary.index, summary["articles"], inferred, strict=True)]
    ax.set_yticks(range(len(summary)), labels)
    ax.invert_yaxis()
    _date_axis(ax, start, end, summary["first"].min(), summary["last"].max())
    style_axes(ax, title=f"When the articles appeared, per {GROUP_NAME}, against the events they tell")
    return fig
