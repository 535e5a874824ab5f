"""Reporting chains: which articles rest on one piece of reporting, from credits, text reuse and inferred upstreams.

Built on the pairs of :mod:`helpers.reuse.derivation`: articles joined by passage-level reuse (pairs
whose ``relation`` is ``rewrite``: formulaic and weak links join nothing) and the successive stories
of one outlet's own reporting (its updates, :mod:`helpers.reuse.outlets`) form a group, named after
the outlet its members credit most (an outlet's own story counts as crediting it), else the
upstream inferred in the manifest, else the outlet of its earliest member. Counting chains instead
of articles or outlets is the point: three outlets repeating one wire story are one source, not three.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx
import pandas as pd

from helpers.core.datelines import outlet_key
from helpers.corpus.load import corpus_column, is_known_outlet
from helpers.reuse.derivation import find_reuse
from helpers.reuse.labels import REWRITE, rewritten_articles
from helpers.reuse.lookups import related
from helpers.reuse.outlets import corpus_credits, own_reporting

CHAIN_COLUMNS = ["source_id", "chain", "basis", "evidence", "relation"]
#: Values of the chains' ``relation`` column: what an article is to its chain.
OWN = "own"  # the chain's own reporting: its outlet's first story in the corpus, or an article alone
CHAIN_UPDATE = "update"  # a later story of the outlet whose chain it is: an update, not a rewrite
CHAIN_REWRITE = "rewrite"  # another outlet's article resting on the chain's reporting


def _components(ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Connected components (networkx): a representative per id, the first in ``ids`` order of its component."""
    order = {sid: i for i, sid in enumerate(ids)}
    graph = nx.Graph()
    graph.add_nodes_from(order)
    graph.add_edges_from(edges)
    root = {}
    for component in nx.connected_components(graph):
        first = min(component, key=order.__getitem__)
        root.update(dict.fromkeys(component, first))
    return {sid: root[sid] for sid in order}


def _own_name(outlet: object, sid: str) -> str:
    """An article's own chain name: its outlet when known, else its source id."""
    return str(outlet).strip() if is_known_outlet(outlet) else sid


def _chain_links(pairs_df: pd.DataFrame) -> pd.DataFrame:
    """The pairs that join chains: ``rewrite`` relations (all derived pairs for a table without ``relation``)."""
    rel = related(pairs_df)
    return rel[rel["relation"] == REWRITE] if "relation" in rel.columns else rel


def own_stories(corpus: pd.DataFrame, pairs_df: pd.DataFrame) -> dict[str, str]:
    """Per article: its outlet's key when it is the outlet's own story, else ''.

    Own reporting by the manifest and the dateline (:func:`helpers.reuse.outlets.own_reporting`),
    less the articles the text shows to rewrite another outlet's story (the derived side of a
    ``rewrite`` pair): an uncredited rewrite is not its outlet's own reporting.
    """
    rewritten = rewritten_articles(pairs_df)
    return {sid: "" if sid in rewritten else key for sid, key in own_reporting(corpus).items()}


def _updates(ids: list[str], own: dict[str, str], published: dict[str, object]) -> dict[str, str]:
    """Per own-reporting story: the same outlet's previous story (by date, then corpus order), '' for the first."""
    position = {sid: i for i, sid in enumerate(ids)}
    stories: dict[str, list[str]] = defaultdict(list)
    for sid in ids:
        if own[sid]:
            stories[own[sid]].append(sid)
    previous = dict.fromkeys(ids, "")
    for group in stories.values():
        group.sort(
            key=lambda s: (pd.Timestamp(published[s]) if pd.notna(published[s]) else pd.Timestamp.max, position[s])
        )
        previous.update({later: earlier for earlier, later in itertools.pairwise(group)})
    return previous


def chains(corpus: pd.DataFrame, pairs_df: pd.DataFrame) -> pd.DataFrame:
    """One reporting chain per article, with the basis, the evidence as a readable string, and its relation.

    Evidence is ranked: a credit in the article's own text (``credit``: the manifest's credits or
    a dateline naming another outlet) and passage-level reuse of another article (``text reuse``)
    are stated or measured; the manifest's ``upstream_inferred`` is ``inferred`` (weaker) and used
    only when neither applies. Successive stories of one outlet's own reporting are one chain
    (``same outlet``), each later one an ``update``. A group of articles joined by reuse takes the
    outlet its members credit most, else the upstream inferred for them (basis ``text reuse +
    inferred``), else the outlet of its earliest member (the presumed origin). Articles with none
    of these are their own chain (``own``): their outlet, or their source id when the outlet is
    unknown. ``relation`` is ``own``, ``update`` or ``rewrite`` (see :data:`CHAIN_REWRITE`).
    """
    ids = [str(s) for s in corpus.index]
    position = {sid: i for i, sid in enumerate(ids)}
    outlets = corpus_column(corpus, "outlet", "")
    credits, inferred = corpus_credits(corpus)
    published = corpus_column(corpus, "published", pd.NaT)
    own = own_stories(corpus, pairs_df)
    previous = _updates(ids, own, published)
    rel = _chain_links(pairs_df)
    links: dict[str, list[str]] = defaultdict(list)
    for a, b, label, cov_a, cov_b in zip(
        rel["source_a"], rel["source_b"], rel["label"], rel["coverage_a"], rel["coverage_b"], strict=True
    ):
        links[a].append(f"{label} text shared with {b} ({cov_a:.0%} of its words in aligned passages)")
        links[b].append(f"{label} text shared with {a} ({cov_b:.0%} of its words in aligned passages)")
    successions = [(earlier, later) for later, earlier in previous.items() if earlier]
    comp = _components(ids, [*zip(rel["source_a"], rel["source_b"], strict=True), *successions])
    members: dict[str, list[str]] = defaultdict(list)
    for sid in ids:
        members[comp[sid]].append(sid)

    def group_name(group: list[str]) -> tuple[str, str]:
        credited = Counter(c for sid in group for c in credits[sid])
        voted = credited + Counter(str(outlets[sid]).strip() for sid in group if own[sid] and not credits[sid])
        if voted:
            name = min(voted, key=lambda c: (-voted[c], c))
            return name, "credit" if credited[name] else "outlet"
        guessed = Counter(inferred[sid] for sid in group if inferred[sid])
        if guessed:
            return min(guessed, key=lambda c: (-guessed[c], c)), "inferred"
        dated = [s for s in group if pd.notna(published[s])]
        first = min(dated, key=lambda s: (published[s], position[s])) if dated else group[0]
        return _own_name(outlets[first], first), "origin"

    names = {root: group_name(group) for root, group in members.items() if len(group) > 1}
    rows = []
    for sid in ids:
        group = members[comp[sid]]
        mine = credits[sid]
        if len(group) > 1:
            name, how = names[comp[sid]]
            own_story = bool(own[sid]) and own[sid] == outlet_key(name)
            parts = [f"its text credits {name}"] if name in mine else []
            if mine and name not in mine:
                parts.append(f"its text credits {', '.join(mine)}, but its group credits {name} more often")
            if own_story and previous[sid]:
                parts.append(f"a later story of {name}'s own reporting: it updates {previous[sid]}, not a rewrite")
            elif own_story:
                later = [s for s, p in previous.items() if p == sid]
                parts.append(f"{name}'s own reporting; its later story {', '.join(later)} updates it" if later
                             else f"{name}'s own reporting")  # fmt: skip
            parts.extend(links[sid])
            stories = [s for s in group if own[s] and own[s] == outlet_key(name) and s != sid]
            if not own_story and name not in mine and stories and sid not in stories:
                shown = ", ".join(stories[:5]) + (f" and {len(stories) - 5} more" if len(stories) > 5 else "")
                parts.append(f"joined to {name}'s own stories ({shown}) by text reuse")
            elif how == "credit" and name not in mine and not own_story:
                backers = [s for s in group if name in credits[s]]
                shown = ", ".join(backers[:5]) + (f" and {len(backers) - 5} more" if len(backers) > 5 else "")
                parts.append(f"joined to {name} through {shown}, which credit {name}")
            elif how == "inferred":
                parts.append(f"{name} is the upstream inferred in the manifest, not named in the texts")
            elif how == "origin":
                parts.append(f"{name} is the outlet of the group's earliest article")
            if own_story:
                basis = "same outlet + text reuse" if links[sid] else "same outlet"
            elif name in mine:
                basis = "credit + text reuse"
            else:
                basis = "text reuse + inferred" if how == "inferred" else "text reuse"
            relation = (CHAIN_UPDATE if previous[sid] else OWN) if own_story else CHAIN_REWRITE
            rows.append((sid, name, basis, "; ".join(parts), relation))
        elif mine:
            extra = f" (also credits {', '.join(mine[1:])})" if len(mine) > 1 else ""
            why = f"its text credits {mine[0]}{extra}; no passage-level reuse in the corpus"
            rows.append((sid, mine[0], "credit", why, CHAIN_REWRITE))
        elif inferred[sid]:
            name = inferred[sid]
            why = f"inferred: the manifest says it follows {name}, which its text does not name"
            rows.append((sid, name, "inferred", why, CHAIN_REWRITE))
        else:
            name = _own_name(outlets[sid], sid)
            why = "no credit, no reuse of another article, no inferred upstream: its own chain"
            rows.append((sid, name, "own", why, OWN))
    return pd.DataFrame(rows, columns=CHAIN_COLUMNS)


def chain_of(chains_df: pd.DataFrame) -> pd.Series:
    """source_id → chain name, from :func:`chains`: the lookup corroboration and the rewrite checks use."""
    return chains_df.set_index("source_id")["chain"]


def chain_summary(corpus: pd.DataFrame, chains_df: pd.DataFrame) -> pd.DataFrame:
    """One row per reporting chain: its articles, their outlets, and the basis of membership.

    Counting corroboration by rows of this table instead of by articles or outlets is the point:
    three outlets repeating one wire story are one source, not three.
    """
    outlets = corpus_column(corpus, "outlet", "")
    rows = []
    for chain, grp in chains_df.groupby("chain", sort=False):
        ids = list(grp["source_id"])
        rows.append(
            {
                "chain": chain,
                "articles": len(ids),
                "source_ids": ", ".join(ids),
                "outlets": ", ".join(dict.fromkeys(_own_name(outlets[s], s) for s in ids)),
                "basis": ", ".join(dict.fromkeys(grp["basis"])),
            }
        )
    return pd.DataFrame(rows).sort_values(["articles", "chain"], ascending=[False, True], ignore_index=True)


def chain_counts(corpus: pd.DataFrame, chains_df: pd.DataFrame) -> pd.Series:
    """How many articles, distinct outlets and reporting chains the corpus has."""
    outlets = corpus_column(corpus, "outlet", "")
    return pd.Series(
        {
            "articles": len(corpus),
            "outlets": len({_own_name(outlets[s], s) for s in outlets}),
            "chains": chains_df["chain"].nunique(),
            "chains not resting on inference": chains_df.loc[chains_df["basis"] != "inferred", "chain"].nunique(),
        },
        name="count",
    )


def reuse_tables(corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``reuse_pairs.csv`` and ``chains.csv`` for ``python -m helpers tables``."""
    found = find_reuse(corpus)
    out = found.pairs.copy()
    for col in ("similarity", "containment_a_in_b", "containment_b_in_a", "coverage_a", "coverage_b"):
        out[col] = out[col].round(4)
    return {"reuse_pairs.csv": out, "chains.csv": chains(corpus, found.pairs)}
