"""Credits read from an article's own text: what ``add`` records and what ``validate`` checks against the manifest.

A dateline (``WASHINGTON (AP) —``), a sign-off (``— AFP``) or the agency named as the teller
(``Reuters reported``) credits an outlet as plainly as a manifest entry does
(:func:`helpers.core.datelines.credits_in_text`). ``add`` records such credits when none are given,
with a note saying they were read from the text; ``validate`` warns where the text credits an
outlet the manifest does not.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.datelines import credits_in_text, same_outlet
from helpers.core.errors import Problem
from helpers.corpus.load import corpus_column, manifest_path


def read_credits(text: str, outlet: object = "") -> tuple[str, str]:
    """``credits`` for a manifest row (``;``-separated) and a note on where each was read; ('', '') for none."""
    found = credits_in_text(text, outlet)
    if not found:
        return "", ""
    how = "; ".join(f"{name} from the {where}" for name, where in found)
    return ";".join(name for name, _ in found), f"Credits read from the text: {how}."


def credit_warnings(corpus: pd.DataFrame) -> list[Problem]:
    """One warning per article whose text credits an outlet its manifest row neither credits nor infers."""
    manifest = getattr(corpus, "dir", None)
    where = str(manifest_path(manifest)) if manifest is not None else "sources.csv"
    outlets = corpus_column(corpus, "outlet", "")
    credits = corpus_column(corpus, "credits", ())
    inferred = corpus_column(corpus, "upstream_inferred", "")
    texts = corpus_column(corpus, "text", "")
    out = []
    for line, sid in enumerate(corpus.index, start=2):
        given = [*(credits[sid] if isinstance(credits[sid], tuple | list) else ()), str(inferred[sid] or "")]
        for name, how in credits_in_text(str(texts[sid]), outlets[sid]):
            if not any(same_outlet(name, g) for g in given if g):
                out.append(
                    Problem(
                        where,
                        line,
                        f"article '{sid}': its text credits {name} ({how}) but its credits do not name it: "
                        f"add '{name}' to credits",
                        warning=True,
                    )
                )
    return out


def credits_summary(corpus: pd.DataFrame) -> str:
    """No summary line of its own: the warnings say it all (``validate`` prints none when empty)."""
    return ""
