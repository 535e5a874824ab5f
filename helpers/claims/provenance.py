"""Each coded quote's provenance by passage: taken from an earlier article of its chain, added by a rewrite, or own.

A claim's chain is not simply its article's chain. A quote inside a passage the article shares with
an earlier article of its chain (an aligned passage of :mod:`helpers.reuse.derivation`) is that
upstream's telling (``upstream``). A quote of a rewrite outside every such passage, in a claim the
rewrite's upstream does not tell, is what the rewrite added (``added``): it counts as the rewriting
outlet's own (unsourced unless the coding says otherwise), never as its upstream's. A quote of an
article with no earlier article of its chain in the corpus is that chain's own reporting (``own``).
A quote that is a link to another story ("Read: ...", "Related: ...") is ``link``: page furniture,
never a telling. Where a rewrite's quote lies outside every aligned passage but its upstream tells
the same claim, the quote is ``upstream`` by inference (the ``basis`` column says so).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from helpers.claims.coding import Codings, has_codings, read_codings
from helpers.corpus.load import Corpus, corpus_column, is_known_outlet
from helpers.reuse.chaining import chains
from helpers.reuse.derivation import find_reuse
from helpers.reuse.labels import REWRITE, UPDATE

PROVENANCE_COLUMNS = [
    "claim_id",
    "source_id",
    "chain",
    "provenance",
    "upstream_source_id",
    "passage_start",
    "passage_end",
    "counts_as",
    "basis",
]
UPSTREAM, ADDED, OWN, LINK = "upstream", "added", "own", "link"
#: Link furniture: a line that opens with one of these labels points to another story.
LINK_LABELS = ("Read", "Read more", "Related", "Also read", "See also", "Watch", "More", "Recommended", "Listen")
_LINK = re.compile(rf"^[ \t]*(?:{'|'.join(re.escape(x) for x in LINK_LABELS)})[ \t]*:", re.IGNORECASE | re.MULTILINE)
#: Share of a quote's characters inside an aligned passage for the quote to lie in that passage.
IN_PASSAGE_SHARE = 0.5


def is_link(text: str, start: int, end: int) -> bool:
    """Whether the quote at ``[start, end)`` sits on a line of link furniture ("Read: ...")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return bool(_LINK.match(text[line_start : line_end if line_end >= 0 else len(text)]))


def stand_ins(pairs_df: pd.DataFrame, chain: dict[str, str]) -> dict[str, str]:
    """Per chain with links in the corpus: the member standing for its reporting (the upstream original, or the
    sibling whose text covers most of the others': the closest rewrite of an upstream outside the corpus)."""
    links = pairs_df[pairs_df["relation"].isin([REWRITE, UPDATE])] if "relation" in pairs_df else pairs_df.iloc[0:0]
    explains: dict[str, float] = defaultdict(float)
    for a, b, derived, cov_a, cov_b in zip(
        links["source_a"], links["source_b"], links["derived"], links["coverage_a"], links["coverage_b"], strict=True
    ):
        if chain.get(a) != chain.get(b):
            continue
        if derived in (b, ""):
            explains[a] += float(cov_b)
        if derived in (a, ""):
            explains[b] += float(cov_a)
        explains.setdefault(a, 0.0)
        explains.setdefault(b, 0.0)
    best: dict[str, str] = {}
    for sid, _score in sorted(explains.items(), key=lambda kv: (-kv[1], kv[0])):
        best.setdefault(chain[sid], sid)
    return best


def _upstream_passages(pairs_df: pd.DataFrame, passages: pd.DataFrame, chain: dict[str, str]) -> dict:
    """Per article: its aligned passages with earlier or sibling articles of its own chain, as (start, end, other)."""
    links = pairs_df[pairs_df["relation"].isin([REWRITE, UPDATE])] if "relation" in pairs_df else pairs_df.iloc[0:0]
    upstream_of = defaultdict(set)  # article -> articles of its chain it rests on or shares an upstream with
    for a, b, derived in zip(links["source_a"], links["source_b"], links["derived"], strict=True):
        if chain.get(a) == chain.get(b):
            if derived in (a, ""):
                upstream_of[a].add(b)
            if derived in (b, ""):
                upstream_of[b].add(a)
    out = defaultdict(list)
    for a, b, a0, a1, b0, b1 in zip(*(passages[c] for c in ("source_a", "source_b", "a_start", "a_end", "b_start",
                                                          "b_end")), strict=True):  # fmt: skip
        if b in upstream_of.get(a, ()):
            out[a].append((int(a0), int(a1), b))
        if a in upstream_of.get(b, ()):
            out[b].append((int(b0), int(b1), a))
    return out


def claim_provenance(
    codings: Codings, corpus: pd.DataFrame, chains_df: pd.DataFrame, pairs_df: pd.DataFrame, passages: pd.DataFrame
) -> pd.DataFrame:
    """One row per coded quote: its chain, provenance, the upstream article and passage, and the chain it counts as."""
    chain = dict(zip(chains_df["source_id"], chains_df["chain"], strict=True))
    outlets = corpus_column(corpus, "outlet", "")
    texts = corpus_column(corpus, "text", "")
    shared = _upstream_passages(pairs_df, passages, chain)
    stand_in = stand_ins(pairs_df, chain)
    members = defaultdict(list)
    for sid, name in chain.items():
        members[name].append(sid)
    tellers = codings.evidence.groupby("claim_id")["source_id"].agg(set).to_dict()
    rows = []
    for rec in codings.evidence.itertuples(index=False):
        sid, cid = str(rec.source_id), str(rec.claim_id)
        mine = chain.get(sid, sid)
        start, end = int(rec.start), int(rec.end)
        text = str(texts.get(sid, ""))
        own_name = str(outlets.get(sid, "")).strip() if is_known_outlet(outlets.get(sid, "")) else sid
        if is_link(text, start, end):
            why = "a link to another story: page furniture, no telling"
            rows.append((cid, sid, mine, LINK, "", None, None, "", why))
            continue
        best = None
        for p0, p1, other in shared.get(sid, []):
            inside = max(0, min(end, p1) - max(start, p0))
            if inside >= IN_PASSAGE_SHARE * max(end - start, 1) and (best is None or inside > best[0]):
                best = (inside, p0, p1, other)
        if best is not None:
            _, p0, p1, other = best
            why = f"inside a passage aligned with {other}, an earlier or sibling article of its chain"
            rows.append((cid, sid, mine, UPSTREAM, other, p0, p1, mine, why))
            continue
        if stand_in.get(mine, sid) == sid:
            why = "stands for its chain's reporting in the corpus (no earlier article of its chain carries more of it)"
            rows.append((cid, sid, mine, OWN, "", None, None, mine, why))
            continue
        others = [s for s in members[mine] if s != sid]
        told = [s for s in others if s in tellers.get(cid, set())]
        if told:
            why = f"inferred: outside its aligned passages, but {told[0]}, of its chain, tells the same claim"
            rows.append((cid, sid, mine, UPSTREAM, told[0], None, None, mine, why))
            continue
        why = (f"outside every passage it shares with {', '.join(others)}, and no other article of its chain tells "
               f"it: added by {sid}, counted as {own_name}'s own")  # fmt: skip
        rows.append((cid, sid, mine, ADDED, "", None, None, own_name, why))
    frame = pd.DataFrame(rows, columns=PROVENANCE_COLUMNS)
    for col in ("passage_start", "passage_end"):
        frame[col] = frame[col].astype("Int64")
    return frame


def corpus_provenance(corpus: Corpus, codings: Codings | None = None) -> pd.DataFrame:
    """:func:`claim_provenance` of a corpus: its codings, reuse and chains computed here."""
    codings = read_codings(corpus) if codings is None else codings
    found = find_reuse(corpus)
    return claim_provenance(codings, corpus, chains(corpus, found.pairs), found.pairs, found.passages)


def provenance_tables(corpus: Corpus, codings: Codings | None = None) -> dict[str, pd.DataFrame]:
    """For ``python -m helpers tables``: claim_provenance.csv (none if the corpus is not coded)."""
    return {"claim_provenance.csv": corpus_provenance(corpus, codings)} if has_codings(corpus) else {}
