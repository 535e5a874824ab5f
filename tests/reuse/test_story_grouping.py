"""Story grouping: the heap-driven average linkage merges exactly as a scan of every pair would."""

from collections import defaultdict
from collections.abc import Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.reuse.stories import group_stories


def scan_groups(ids: Sequence[str], sims: Mapping[tuple[str, str], float], threshold: float) -> dict[str, int]:
    """The reference: every merge scans every pair of groups (quadratic, obviously right)."""
    order = {sid: i for i, sid in enumerate(ids)}
    members: dict[int, list[str]] = {order[s]: [s] for s in ids}
    group = {s: order[s] for s in ids}
    between: dict[int, dict[int, float]] = defaultdict(dict)  # summed similarity between two groups
    for (a, b), s in sims.items():
        ga, gb = group[a], group[b]
        between[ga][gb] = between[ga].get(gb, 0.0) + s
        between[gb][ga] = between[gb].get(ga, 0.0) + s
    while True:
        best, pair = threshold, None
        for ga, others in between.items():
            for gb, total in others.items():
                if ga < gb:
                    avg = total / (len(members[ga]) * len(members[gb]))
                    if avg > best or (avg == best and (pair is None or (ga, gb) < pair)):
                        best, pair = avg, (ga, gb)
        if pair is None:
            break
        keep, drop = pair
        members[keep].extend(members.pop(drop))
        for s in members[keep]:
            group[s] = keep
        for other, total in between.pop(drop).items():
            between[other].pop(drop, None)
            if other != keep:
                between[keep][other] = between[keep].get(other, 0.0) + total
                between[other][keep] = between[keep][other]
        between[keep].pop(keep, None)
    firsts = sorted(members, key=lambda g: min(order[s] for s in members[g]))
    number = {g: i for i, g in enumerate(firsts)}
    return {s: number[g] for s, g in group.items()}


@st.composite
def similarity_graphs(draw: st.DrawFn) -> tuple[list[str], dict[tuple[str, str], float]]:
    n = draw(st.integers(1, 14))
    ids = [f"a{i}" for i in range(n)]
    pairs = [(ids[i], ids[j]) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    weights = st.sampled_from([0.05, 0.1, 0.2, 0.25, 0.3, 0.5, 0.75, 1.0])  # repeated values: ties happen
    return ids, {p: draw(weights) for p in chosen}


@settings(max_examples=300, deadline=None)
@given(similarity_graphs(), st.sampled_from([0.1, 0.2, 0.3]))
def test_heap_merges_as_the_scan_does(graph, threshold):
    ids, sims = graph
    assert group_stories(ids, sims, threshold) == scan_groups(ids, sims, threshold)
