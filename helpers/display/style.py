"""One small chart style shared by every notebook, and a stable colour per source."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

#: The Okabe-Ito colours (colour-blind-safe), by name: charts refer to these, never to hex codes.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
PURPLE = "#CC79A7"
SKY_BLUE = "#56B4E9"
VERMILION = "#D55E00"
YELLOW = "#F0E442"
BLACK = "#000000"
#: The palette, assigned to sources in corpus order.
PALETTE = (BLUE, ORANGE, GREEN, PURPLE, SKY_BLUE, VERMILION, YELLOW, BLACK)
#: Grey for material from outside the corpus (reference lanes, uncredited upstreams).
OUTSIDE_COLOR = "#8C8C8C"
#: Neutral greys: a dark one for totals and reference lines, a pale one for empty or uncoded cells.
DARK_GREY = "#555555"
PALE_GREY = "#BBBBBB"


def new_figure(
    width: float = 9, height: float = 4, ncols: int = 1, sharey: bool = False
) -> tuple[Figure, Axes | np.ndarray]:
    """A figure of the house size with one axes (or ``ncols`` side by side); no pyplot state is kept."""
    fig, ax = plt.subplots(1, ncols, figsize=(width, height), sharey=sharey)
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
