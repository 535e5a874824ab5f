"""Reporting chains: which articles rest on one piece of reporting, from text reuse, credits and inferred upstreams.

Two articles share a chain only when one rests on the other or both rest on a common upstream,
shown by passage-level reuse (pairs of :mod:`helpers.reuse.derivation` whose ``relation`` is
``rewrite``, or ``update`` for one outlet's story continued: formulaic and weak links join
nothing), by a dateline credit of one agency on two articles of one story, or by an upstream
inferred in the manifest. Chains are not the connected components of reuse links: each article
rests on its *strongest* upstream only (the pair covering most of it), so an article blending two
wire stories joins one family and names the other in its evidence, never merging the two. Crediting
one agency on different stories is two pieces of reporting (two chains). A newsroom's different
stories are separate reporting: the newsroom is the ``outlet`` column, a weaker grouping shown
beside the chain. Counting chains instead of articles or outlets is the point: three outlets
repeating one wire story are one source, not three.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx
import pandas as pd

from helpers.core.datelines import credits_in_text, outlet_key
from helpers.corpus.load import corpus_column, is_known_outlet
from helpers.reuse.boilerplate import house_text
from helpers.reuse.derivation import find_reuse
from helpers.reuse.labels import REWRITE, UPDATE, rewritten_articles
from helpers.reuse.lookups import related
from helpers.reuse.outlets import corpus_credits, own_reporting

CHAIN_COLUMNS = ["source_id", "chain", "basis", "evidence", "relation", "story_id", "outlet"]
#: Values of the chains' ``relation`` column: what an article is to its chain.
OWN = "own"  # the chain's own reporting: the story its chain starts from, or an article alone
CHAIN_UPDATE = "update"  # a later story of the same outlet continuing it (shared distinctive passages)
CHAIN_REWRITE = "rewrite"  # an article resting on another outlet's reporting
#: Where a credit read from the text says the whole story is the agency's (not one fact it supplied).
STORY_CREDITS = ("dateline", "sign-off", "byline")


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
    """The pairs that join chains: ``rewrite`` and ``update`` (every derived pair for a table without ``relation``)."""
    rel = related(pairs_df)
    return rel[rel["relation"].isin([REWRITE, UPDATE])] if "relation" in rel.columns else rel


def own_stories(corpus: pd.DataFrame, pairs_df: pd.DataFrame) -> dict[str, str]:
    """Per article: its outlet's key when it is the outlet's own story, else ''.

    Own reporting by the manifest and the dateline (:func:`helpers.reuse.outlets.own_reporting`),
    less the articles the text shows to rewrite another outlet's story (the derived side of a
    ``rewrite`` pair): an uncredited rewrite is not its outlet's own reporting.
    """
    rewritten = rewritten_articles(pairs_df)
    return {sid: "" if sid in rewritten else key for sid, key in own_reporting(corpus).items()}


def upstreams(ids: list[str], pairs_df: pd.DataFrame, published: Mapping[str, object]) -> dict[str, list[tuple]]:
    """Per article: the articles it rests on, strongest first, as ``(coverage, upstream, relation, label, siblings)``.

    The derived side of a pair rests on the other; siblings of a common upstream (no derived side)
    are read as the later one (by date, then corpus order) resting on the earlier one.
    """
    position = {sid: i for i, sid in enumerate(ids)}

    def when(sid: str) -> tuple:
        value = published.get(sid)
        return (pd.Timestamp(value) if pd.notna(value) else pd.Timestamp.max, position.get(sid, 0))

    rel = _chain_links(pairs_df)
    relation = rel["relation"] if "relation" in rel.columns else pd.Series(REWRITE, index=rel.index)
    out: dict[str, list[tuple]] = defaultdict(list)
    for a, b, derived, cov_a, cov_b, how, label in zip(
        rel["source_a"], rel["source_b"], rel["derived"], rel["coverage_a"], rel["coverage_b"], relation, rel["label"],
        strict=True,
    ):  # fmt: skip
        if a not in position or b not in position:
            continue
        siblings = derived not in (a, b)
        if siblings:
            derived = b if when(a) <= when(b) else a
        child, parent = (a, b) if derived == a else (b, a)
        out[child].append((float(cov_a if child == a else cov_b), parent, how, label, siblings))
    for links in out.values():
        links.sort(key=lambda x: (-x[0], position[x[1]]))
    return dict(out)


def _forest(ids: list[str], resting: Mapping[str, list[tuple]]) -> dict[str, tuple]:
    """Per article: the one upstream it rests on (its strongest link), cycles broken at their weakest link."""
    chosen = {child: links[0] for child, links in resting.items()}
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((child, link[1]) for child, link in chosen.items())
    while True:
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            return chosen
        child = min((edge[0] for edge in cycle), key=lambda c: (chosen[c][0], c))
        graph.remove_edge(child, chosen.pop(child)[1])


def story_credits(corpus: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Per article: the agencies whose whole story it says it is (dateline, sign-off or byline credit)."""
    texts = corpus_column(corpus, "text", "")
    outlets = corpus_column(corpus, "outlet", "")
    return {
        sid: tuple(n for n, how in credits_in_text(str(texts[sid]), outlets[sid]) if how.startswith(STORY_CREDITS))
        for sid in texts
    }


def chains(corpus: pd.DataFrame, pairs_df: pd.DataFrame, stories_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """One reporting chain per article: basis, evidence as a readable string, relation, story and outlet.

    Each article rests on its strongest upstream in the corpus (:func:`upstreams`); the articles
    resting on one another form a chain. Articles of one story (``stories_df``, computed when
    omitted: :mod:`helpers.reuse.stories`) whose datelines credit one agency are joined too (both
    rest on that agency's story), and so are the articles of one story for which the manifest
    infers one upstream. A chain is named after the outlet its members credit most (an outlet's own
    story counts as crediting it), else the upstream inferred for it, else the outlet of its
    earliest member; a name two chains would share gets the chain's first article in brackets.
    ``basis`` is ``own``, ``credit``, ``inferred``, ``text reuse``, ``credit + text reuse``,
    ``same outlet + text reuse`` (an update) or ``text reuse + inferred``; ``relation`` is
    ``own``, ``update`` or ``rewrite``.
    """
    ids = [str(s) for s in corpus.index]
    position = {sid: i for i, sid in enumerate(ids)}
    outlets = corpus_column(corpus, "outlet", "")
    credits, inferred = corpus_credits(corpus)
    published = corpus_column(corpus, "published", pd.NaT)
    own = own_stories(corpus, pairs_df)
    stories_df = house_text(corpus).stories if stories_df is None else stories_df
    story_of = dict(zip(stories_df["source_id"], stories_df["story_id"], strict=True))
    resting = upstreams(ids, pairs_df, published)
    chosen = _forest(ids, resting)
    edges = [(child, link[1]) for child, link in chosen.items()]
    comp = _components(ids, edges)
    # One story, one agency's dateline (or one inferred upstream): a common upstream, joined.
    datelined = story_credits(corpus)
    joined_by: dict[str, str] = {}
    for kind, marks in (("credit", datelined), ("inferred", {s: (inferred[s],) if inferred[s] else () for s in ids})):
        first: dict[tuple[str, str], str] = {}
        for sid in ids:
            for name in marks[sid][:1]:
                key = (story_of.get(sid, sid), outlet_key(name))
                if key in first and comp[first[key]] != comp[sid]:
                    edges.append((first[key], sid))
                    joined_by[sid] = f"{kind}:{name}:{first[key]}"
                first.setdefault(key, sid)
        comp = _components(ids, edges)
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

    names = {root: group_name(group) for root, group in members.items()}
    for root, group in members.items():
        if len(group) == 1:
            sid = group[0]
            mine = credits[sid]
            names[root] = (mine[0], "credit") if mine else (inferred[sid], "inferred") if inferred[sid] else (
                _own_name(outlets[sid], sid), "own")  # fmt: skip
    taken = Counter(name for name, _ in names.values())
    shown = {root: f"{name} ({root})" if taken[name] > 1 else name for root, (name, _) in names.items()}
    children: dict[str, list[str]] = defaultdict(list)
    for child, link in chosen.items():
        children[link[1]].append(child)
    rows = []
    for sid in ids:
        root = comp[sid]
        group = members[root]
        name, how = names[root]
        chain = shown[root]
        mine = credits[sid]
        story, outlet = story_of.get(sid, ""), str(outlets[sid]).strip() if is_known_outlet(outlets[sid]) else ""
        if len(group) == 1:
            if how == "credit":
                extra = f" (also credits {', '.join(mine[1:])})" if len(mine) > 1 else ""
                why = f"its text credits {mine[0]}{extra}; no passage-level reuse in the corpus"
                rows.append((sid, chain, "credit", why, CHAIN_REWRITE, story, outlet))
            elif how == "inferred":
                why = f"inferred: the manifest says it follows {name}, which its text does not name"
                rows.append((sid, chain, "inferred", why, CHAIN_REWRITE, story, outlet))
            else:
                why = "no credit, no reuse of another article, no inferred upstream: its own chain"
                if outlet and sum(1 for s in ids if str(outlets[s]).strip() == outlet) > 1:
                    why += f" (same newsroom as other {outlet} stories, separate reporting)"
                rows.append((sid, chain, "own", why, OWN, story, outlet))
            continue
        own_story = bool(own[sid]) and own[sid] == outlet_key(name)
        parts = [f"its text credits {name}"] if name in mine else []
        if mine and name not in mine:
            parts.append(f"its text credits {', '.join(mine)}, but its chain credits {name} more often")
        link = chosen.get(sid)
        if link is not None:
            cov, parent, relation, label, siblings = link
            verb = "continues" if relation == UPDATE else "shares with its sibling" if siblings else "rests on"
            parts.append(f"{verb} {parent}: {label} text shared ({cov:.0%} of its words in aligned passages)")
        for cov, other, _, label, _ in resting.get(sid, [])[1:]:
            where = "" if comp[other] == root else f", of the chain {shown[comp[other]]}: it blends the two"
            parts.append(f"also shares {label} text with {other} ({cov:.0%} of its words){where}")
        later = children.get(sid, [])
        if later:
            shared_with = [f"{c} ({chosen[c][0]:.0%} of {c}'s words)" for c in later]
            parts.append(f"resting on it or sharing its upstream: {', '.join(shared_with)}")
        if sid in joined_by:
            kind, agency, other = joined_by[sid].split(":", 2)
            parts.append(
                f"same story as {other} ({story}), both datelined {agency}: a common upstream"
                if kind == "credit"
                else f"same story as {other} ({story}), both inferred to follow {agency}"
            )
        if how == "inferred" and name not in mine:
            parts.append(f"{name} is the upstream inferred in the manifest, not named in the texts")
        elif how == "origin" and link is None and not later:
            parts.append(f"{name} is the outlet of the chain's earliest article")
        is_update = link is not None and link[2] == UPDATE
        if own_story or is_update:
            basis = "same outlet + text reuse" if (link is not None or later) else "same outlet"
        elif name in mine:
            basis = "credit + text reuse" if (link is not None or later) else "credit"
        elif how == "inferred":
            basis = "text reuse + inferred" if (link is not None or later) else "inferred"
        else:
            basis = "text reuse"
        if is_update:
            relation_out = CHAIN_UPDATE
        elif own_story and link is None:
            relation_out = OWN
        else:
            relation_out = CHAIN_REWRITE
        rows.append((sid, chain, basis, "; ".join(parts), relation_out, story, outlet))
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
    """``reuse_pairs.csv``, ``chains.csv``, ``stories.csv`` and ``boilerplate.csv`` for ``python -m helpers tables``."""
    found = find_reuse(corpus)
    house = house_text(corpus)
    out = found.pairs.copy()
    for col in ("similarity", "containment_a_in_b", "containment_b_in_a", "coverage_a", "coverage_b"):
        out[col] = out[col].round(4)
    return {
        "reuse_pairs.csv": out,
        "chains.csv": chains(corpus, found.pairs, house.stories),
        "stories.csv": house.stories,
        "boilerplate.csv": house.boilerplate,
    }
