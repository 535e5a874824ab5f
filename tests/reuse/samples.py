"""Small corpora and a pair lookup shared by the text-reuse tests (not a test module)."""

from __future__ import annotations

import pandas as pd

REUTERS_TRIO = ("north-press", "defence-talks", "syrian-crisis")

FILLER = (
    "Officials in the northern province met on Tuesday to discuss water supplies for farms. "
    "Engineers warned that the old canal needs repairs before the spring floods arrive. "
    "A local council member said funding for the project would be voted on next month. "
    "Residents asked for better roads to the market and a new clinic near the school. "
)
OTHER = (
    "The football club announced a new coach after a disappointing season at home. "
    "Fans gathered outside the stadium to welcome him with songs and flags on Sunday. "
    "The chairman promised investment in the youth academy over the next three years. "
)


def frame(texts: dict[str, str], dates: dict[str, str] | None = None, credits: dict[str, tuple] | None = None):
    """A corpus-shaped DataFrame built from texts (dates and credits optional)."""
    ids = list(texts)
    data = {"text": [texts[s] for s in ids], "outlet": ["unknown"] * len(ids)}
    data["published"] = [pd.Timestamp((dates or {}).get(s, "2024-12-13")) for s in ids]
    data["credits"] = [(credits or {}).get(s, ()) for s in ids]
    data["upstream_inferred"] = [""] * len(ids)
    return pd.DataFrame(data, index=pd.Index(ids, name="source_id"))


def pair_row(pairs: pd.DataFrame, a: str, b: str) -> pd.Series:
    """The row of an unordered pair."""
    sel = pairs[((pairs.source_a == a) & (pairs.source_b == b)) | ((pairs.source_a == b) & (pairs.source_b == a))]
    assert len(sel) == 1, f"pair {a}/{b} not reported"
    return sel.iloc[0]


def story_text(seed: int, names: tuple[str, ...], sentences: int = 8, words: int = 14) -> str:
    """A deterministic made-up story: sentences of pseudo-words unique to ``seed``, each naming one of ``names``.

    Two stories of different seeds share no five-word run and no name, so any reuse or story
    found between them is the code's doing; one story's sentences can be copied into another.
    """
    import random

    rng = random.Random(seed)
    syllables = ["ba", "do", "ke", "lu", "mi", "no", "pa", "ri", "so", "ta", "ve", "zu", "gor", "lin", "mar"]
    out = []
    for i in range(sentences):
        body = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))) for _ in range(words)]
        body.insert(rng.randint(2, words - 2), names[i % len(names)])
        out.append("The " + " ".join(body) + ".")
    return " ".join(out)
