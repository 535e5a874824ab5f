"""``make bench-independence``: chains, stories and boilerplate on the 84 PolNeAR development stories.

``python -m benchmarks.independence [DATA_DIR] [--train]`` builds the corpus with ``new`` and ``add`` only
(:mod:`benchmarks.polnear_stories`, in a temporary folder), then checks what issue 24 asks of it:
no chain joins two articles that no reuse pair, dateline credit of one story or inferred upstream
connects (boilerplate, such as the editor's note, is blanked before reuse, so it joins nothing); and
prints the chains and stories (the ten largest with their labels) for a reader to judge. Without the data it prints one
skip line and exits 0. Out of sample: nothing here was tuned on these articles except the story
threshold, whose choice :mod:`helpers.reuse.settings` records; ``--train`` runs the same on the 840
training stories, which nothing was chosen on.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd

from benchmarks.accuracy import DEFAULT_DATA
from benchmarks.polnear_stories import build, polnear_dev
from helpers.corpus.load import load_corpus
from helpers.reuse import chaining
from helpers.reuse.boilerplate import house_text
from helpers.reuse.derivation import find_reuse
from helpers.reuse.labels import REWRITE, UPDATE


def unconnected_members(corpus: pd.DataFrame, pairs: pd.DataFrame, chains: pd.DataFrame) -> list[str]:
    """Chains whose members are not all connected by reuse pairs, one story's dateline credit or inferred upstream."""
    story = dict(zip(chains["source_id"], chains["story_id"], strict=True))
    credited = chaining.story_credits(corpus)
    inferred = {str(s): str(v or "") for s, v in corpus["upstream_inferred"].items()}
    graph = nx.Graph()
    graph.add_nodes_from(chains["source_id"])
    links = pairs[pairs["relation"].isin([REWRITE, UPDATE])]
    graph.add_edges_from(zip(links["source_a"], links["source_b"], strict=True))
    ids = list(chains["source_id"])
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            same_story = story[a] == story[b]
            if same_story and (set(credited[a]) & set(credited[b]) or (inferred[a] and inferred[a] == inferred[b])):
                graph.add_edge(a, b)
    bad = []
    for name, group in chains.groupby("chain"):
        if len(group) > 1 and not nx.is_connected(graph.subgraph(group["source_id"])):
            bad.append(str(name))
    return bad


def main(argv: list[str] | None = None) -> int:
    """Build, check and print; 1 when a check fails, 0 otherwise (and when the data is absent)."""
    args = sys.argv[1:] if argv is None else argv
    split = "train" if "--train" in args else "dev"
    args = [a for a in args if a != "--train"]
    data = Path(args[0]) if args else DEFAULT_DATA
    if polnear_dev(data, split) is None:
        print(f"skip: no PolNeAR development split under {data}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"polnear-{split}"
        added = build(data, out, split)
        corpus = load_corpus(out)
        found = find_reuse(corpus)
        house = house_text(corpus)
        chains = chaining.chains(corpus, found.pairs, house.stories)
    outlets = corpus["outlet"].nunique()
    print(f"{added} articles, {outlets} outlets, {chains['chain'].nunique()} chains, "
          f"{house.stories['story_id'].nunique()} stories, {len(house.boilerplate)} boilerplate passages")  # fmt: skip
    print("\nrelation of the reuse pairs:")
    print(found.pairs["relation"].replace("", "(not derived)").value_counts().to_string())
    print("\nchain basis:")
    print(chains["basis"].value_counts().to_string())
    print("\nboilerplate set aside (first words):")
    for rec in house.boilerplate.itertuples(index=False):
        print(f"  {rec.source_id}: {rec.words} words, in {rec.articles} articles of {rec.stories} stories: "
              f"{' '.join(rec.text.split()[:8])} ...")  # fmt: skip
    sizes = house.stories.groupby(["story_id", "label"], sort=False)["source_id"].agg(["size", ", ".join])
    print("\nthe ten largest stories:")
    print(sizes.sort_values("size", ascending=False, kind="stable").head(10).to_string())
    bad = unconnected_members(corpus, found.pairs, chains)
    noted = set(house.boilerplate["source_id"])
    joined = chains[chains["source_id"].isin(noted)].groupby("chain").size()
    print(f"\nchains joining articles nothing connects: {len(bad)} {bad if bad else ''}")
    both = chains[chains["chain"].isin(joined[joined > 1].index) & chains["source_id"].isin(noted)]
    print(f"chains holding two or more articles with boilerplate: {int((joined > 1).sum())} (each joined by "
          "passages outside the boilerplate, which reuse never sees; their basis and evidence:)")  # fmt: skip
    for rec in both.itertuples(index=False):
        print(f"  {rec.chain}: {rec.source_id} ({rec.basis}): {rec.evidence[:160]}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
