"""The claim codebook as suggestions and discovery read it: claims, coded quotes (with their article) and aliases.

:func:`read_codebook` reads ``claims.csv`` / ``evidence.csv`` / ``aliases.csv`` once; :func:`claim_queries`
lists every text a claim is searched by (its statement, then each quote coded for it), which
:mod:`helpers.claims.retrieval` scores against an article's sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers import config
from helpers.claims.aliases import load_aliases
from helpers.claims.coding import has_codings, read_codings
from helpers.core.errors import InputError, Problem
from helpers.corpus.load import Corpus


class NoCodebookError(InputError):
    """The corpus has no ``claims.csv``: there is nothing to suggest from."""


@dataclass(frozen=True)
class Codebook:
    """What suggestions are matched against: claims, coded quotes (with their article) and aliases."""

    claims: pd.DataFrame  # indexed by claim_id, with statement
    evidence: pd.DataFrame  # claim_id, source_id, quote (any other columns ignored)
    aliases: pd.DataFrame  # alias, entity

    def without(self, source_id: str) -> Codebook:
        """The codebook with one article's codings left out (its quotes must not suggest themselves)."""
        return Codebook(self.claims, self.evidence[self.evidence["source_id"] != source_id], self.aliases)


def read_codebook(corpus: Corpus) -> Codebook:
    """The corpus's codebook; raises :class:`NoCodebookError` (one line) when it has no ``claims.csv``."""
    if not has_codings(corpus):
        where = corpus.path(config.CLAIMS_NAME)
        raise NoCodebookError(
            [Problem(str(where), None, "no codebook yet: write claims.csv, then ask for suggestions")]
        )
    codings = read_codings(corpus)
    return Codebook(codings.claims, codings.evidence, load_aliases(corpus))


def claim_queries(codebook: Codebook) -> pd.DataFrame:
    """Every text a claim is searched by: its statement, then each quote coded for it (claim_id, origin, text)."""
    rows = [(cid, "statement", str(st)) for cid, st in codebook.claims["statement"].items()]
    known = set(codebook.claims.index)
    rows += [
        (r.claim_id, f"quote from {r.source_id}", str(r.quote))
        for r in codebook.evidence.itertuples()
        if r.claim_id in known and str(r.quote)
    ]
    return pd.DataFrame(rows, columns=["claim_id", "origin", "text"])
