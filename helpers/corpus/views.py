"""What a reader sees of the corpus itself: when each article appeared against the events it tells."""

from __future__ import annotations

import pandas as pd
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, DateFormatter, DayLocator
from matplotlib.figure import Figure

from helpers.corpus.provenance import timing_table
from helpers.display.style import OUTSIDE_COLOR, new_figure, source_colors, style_axes


def timing_chart(corpus: pd.DataFrame, start: str | None = None, end: str | None = None) -> Figure:
    """Publication date of each article against the event window; hollow markers are inferred dates.

    The window is the corpus settings' (``event.toml`` ``[window]``, else a week before the first article).
    """
    settings = getattr(corpus, "settings", None)
    start = start or (settings.window[0] if settings is not None else None) or str(corpus["published"].min().date())
    end = end or (settings.window[1] if settings is not None else None) or str(corpus["published"].min().date())
    table = timing_table(corpus, end)
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
    ax.scatter([], [], s=70, color="black", facecolors="white", linewidths=2, label="publication date (inferred)")
    ax.scatter([], [], s=70, color="black", label="publication date (stated)")
    ax.set_yticks(range(len(table)), list(table.index))
    ax.invert_yaxis()
    first, last = min(pd.Timestamp(start), table["published"].min()), max(pd.Timestamp(end), table["published"].max())
    if (last - first).days <= 60:
        ax.xaxis.set_major_locator(DayLocator(interval=max(1, round((last - first).days / 6))))
        ax.xaxis.set_major_formatter(DateFormatter("%d %b"))
    else:  # a long span (a corpus gathered over years): let matplotlib choose months or years
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    years = sorted({first.year, last.year})
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=3, frameon=False, fontsize=9)
    xlabel = str(years[0]) if len(years) == 1 else f"{years[0]} to {years[-1]}"
    style_axes(ax, title="When each article appeared, against the events it tells", xlabel=xlabel)
    return fig
