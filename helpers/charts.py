"""One small chart style shared by every notebook, and a stable colour per source."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

#: Colour-blind-safe palette (Okabe-Ito), assigned to sources in corpus order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Grey for material from outside the corpus (reference lanes, uncredited upstreams).
OUTSIDE_COLOR = "#8C8C8C"


def new_figure(width: float = 9, height: float = 4) -> tuple[Figure, Axes]:
    """A figure and axes of the house size; close-safe (no pyplot state is kept)."""
    fig, ax = plt.subplots(figsize=(width, height))
    plt.close(fig)  # the notebook displays the returned figure; pyplot must not show it twice
    return fig, ax


def style_axes(ax: Axes, title: str | None = None, xlabel: str | None = None, ylabel: str | None = None) -> Axes:
    """The house style: left-aligned title, light grid behind the data, no top/right spines."""
    if title:
        ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    ax.grid(True, color="#E5E5E5", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def source_colors(source_ids: Iterable[str]) -> dict[str, str]:
    """A stable colour per source id, in the given order (cycling past the palette's length)."""
    return {sid: PALETTE[i % len(PALETTE)] for i, sid in enumerate(source_ids)}
