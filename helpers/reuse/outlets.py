"""Whose reporting each article is: its outlet, the outlets it credits, and whether it is its outlet's own.

Successive stories of one outlet (an agency's bulletin and its later updates) are one reporting
chain: each is an *update* of the outlet's own reporting, not a rewrite of the other. An article
counts as its outlet's own when the manifest names the outlet (``unknown`` does not) and neither
the manifest nor its dateline credits another outlet, and no upstream is inferred for it.
"""

from __future__ import annotations

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
