"""Whose reporting each article is: its outlet, the outlets it credits, and whether it is its outlet's own.

Successive stories of one outlet that continue one story (an agency's bulletin and its later
updates, sharing distinctive passages) are one reporting chain: each is an *update* of the outlet's
own reporting, not a rewrite of the other. One outlet's different stories are separate reporting:
the outlet is a weaker grouping shown beside the chain, never a chain (:mod:`helpers.reuse.chaining`). An article
counts as its outlet's own when the manifest names the outlet (``unknown`` does not) and neither
the manifest nor its dateline credits another outlet, and no upstream is inferred for it.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.core.datelines import agency_name, outlet_key, same_outlet
from helpers.corpus.load import corpus_column, is_known_outlet
from helpers.corpus.provenance import dateline_evidence


def outlet_keys(corpus: pd.DataFrame) -> dict[str, str]:
    """Per article: a key equal for two names of one outlet (``AP``, ``Associated Press``), '' when unknown."""
    return {sid: outlet_key(o) if is_known_outlet(o) else "" for sid, o in corpus_column(corpus, "outlet", "").items()}


def text_credits(corpus: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Per article: the outlets it credits, from the manifest and from its dateline (``(AP)`` in a newspaper)."""
    outlets = corpus_column(corpus, "outlet", "")
    manifest = corpus_column(corpus, "credits", ())
    texts = corpus_column(corpus, "text", "")
    out = {}
    for sid, cred in manifest.items():
        names = list(cred) if isinstance(cred, tuple | list) else []
        _, _, others = dateline_evidence(str(texts[sid]), outlets[sid])
        names.extend(agency_name(o) for o in others if not any(same_outlet(o, n) for n in names))
        out[sid] = tuple(names)
    return out


def spelling(names: Iterable[str], corpus: pd.DataFrame) -> dict[str, str]:
    """Each outlet name as the corpus spells that outlet (``AP`` → ``Associated Press`` when an article is its)."""
    outlets = corpus_column(corpus, "outlet", "")
    known = [str(o).strip() for o in dict.fromkeys(outlets.values()) if is_known_outlet(o)]
    return {name: next((o for o in known if same_outlet(name, o)), name) for name in names}


def corpus_credits(corpus: pd.DataFrame) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Per article: the outlets its text credits and the upstream inferred for it, spelled as the corpus does."""
    found = text_credits(corpus)
    inferred = {sid: str(v or "").strip() for sid, v in corpus_column(corpus, "upstream_inferred", "").items()}
    spelled = spelling({c for cs in found.values() for c in cs} | {v for v in inferred.values() if v}, corpus)
    credits = {sid: tuple(dict.fromkeys(spelled[c] for c in cs)) for sid, cs in found.items()}
    return credits, {sid: spelled[v] if v else "" for sid, v in inferred.items()}


def own_reporting(corpus: pd.DataFrame) -> dict[str, str]:
    """Per article: its outlet's key when it is the outlet's own reporting (see the module), else ''."""
    keys = outlet_keys(corpus)
    outlets = corpus_column(corpus, "outlet", "")
    credits = text_credits(corpus)
    inferred = corpus_column(corpus, "upstream_inferred", "")
    return {
        sid: key
        if key and not str(inferred[sid] or "").strip() and all(same_outlet(c, outlets[sid]) for c in credits[sid])
        else ""
        for sid, key in keys.items()
    }
