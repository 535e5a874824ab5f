"""How a view summarises many articles: per article up to a handful, past that per group (outlet, later story).

A chart with one row per article is readable for a dozen articles and unreadable for a thousand.
Every view asks :func:`per_article` whether to draw articles, and otherwise draws the groups
:func:`article_groups` names, the largest :data:`TOP_GROUPS` first with the rest pooled.
"""

from __future__ import annotations

import pandas as pd

from helpers import config

#: Up to this many articles a view draws one row (or column) per article; past it, one per group.
PER_ARTICLE_MAX = 12
#: A summary view draws at most this many groups, largest first; the rest are pooled in one row.
TOP_GROUPS = 15
#: What a summary view's groups are called (one word, for titles and labels).
GROUP_NAME = "outlet"


def article_groups(corpus: pd.DataFrame) -> pd.Series:
    """The group each article is summarised under (index: source id): its outlet.

    The one place that picks the grouping: once the independence engineer's ``stories.csv``
    lands, this returns each article's story instead (and :data:`GROUP_NAME` becomes "story").
    """
    outlets = corpus["outlet"].fillna(config.UNKNOWN_OUTLET).astype(str)
    return outlets.rename(GROUP_NAME)


def per_article(corpus_or_ids: pd.DataFrame | pd.Index | list) -> bool:
    """Whether a view should draw one row per article (a handful) rather than one per group."""
    return len(corpus_or_ids) <= PER_ARTICLE_MAX


def top_groups(groups: pd.Series, top: int = TOP_GROUPS) -> pd.Series:
    """``groups`` with all but the ``top`` largest groups pooled as "other (N outlets)"; order: largest first."""
    sizes = groups.value_counts(sort=False)
    order = sorted(sizes.index, key=lambda g: (-sizes[g], str(g)))
    if len(order) <= top:
        return groups
    rest = set(order[top - 1 :])
    other = f"other ({len(rest)} {GROUP_NAME}s)"
    return groups.where(~groups.isin(rest), other)


def group_order(groups: pd.Series) -> list[str]:
    """The groups largest first (ties by name), a pooled "other" group last."""
    sizes = groups.value_counts(sort=False)
    return sorted(sizes.index, key=lambda g: (str(g).startswith("other ("), -sizes[g], str(g)))


def with_n(groups: pd.Series) -> dict[str, str]:
    """Each group's label with its number of articles, as "Outlet (n=12)"."""
    sizes = groups.value_counts()
    return {g: f"{g} (n={sizes[g]:,})" for g in sizes.index}


def timing_by_group(timing: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Per group: articles, inferred dates, first, quartiles, median and last publication date (from ``timing_table``).

    Rows largest group first; the data behind the timing chart past a handful of articles.
    """
    pooled = top_groups(groups.reindex(timing.index))
    rows = []
    for group in group_order(pooled):
        dates = timing.loc[pooled == group, "published"]
        rows.append(
            {
                GROUP_NAME: group,
                "articles": len(dates),
                "inferred": int(timing.loc[pooled == group, "inferred"].sum()),
                "first": dates.min(),
                "q1": dates.quantile(0.25),
                "median": dates.quantile(0.5),
                "q3": dates.quantile(0.75),
                "last": dates.max(),
            }
        )
    return pd.DataFrame(rows).set_index(GROUP_NAME)
