"""The cue error analysis's categories: cue spans and gold sources sorted by why they were missed."""

from __future__ import annotations

import pandas as pd

from helpers.core.text import quote_spans
from helpers.sourcing.errors import category, lead_words, source_errors

TEXT = "Mayor: bridge safe\nThe mayor said the bridge was safe. According to engineers, it will hold. The plan went on."
VOCAB = frozenset({"said", "according", "to"})


def _cat(word: str) -> str:
    start = TEXT.index(word)
    return category(TEXT, start, start + len(word), quote_spans(TEXT), VOCAB)


def test_categories_of_cue_spans() -> None:
    assert _cat(":") == "punctuation (colon/dash)"
    assert _cat("bridge safe") == "headline"
    assert _cat("According to") == "according to"
    assert _cat("said") == "single word in vocabulary"
    assert _cat("plan") == "noun (statement/report/poll...)"
    assert _cat("went on") == "multi-word (some word out of vocabulary)"
    assert _cat("hold") == "single word out of tagger vocabulary"


def test_a_cue_inside_a_quotation() -> None:
    text = 'Title\nShe wrote: "They believe it." Then left.'
    start = text.index("believe")
    assert category(text, start, start + 7, quote_spans(text), VOCAB) == "inside a quotation"


def test_lead_words() -> None:
    assert lead_words("Went on to say") == "went on"
    assert lead_words("said", 3) == "said"


def _det(rows: list[tuple[int, int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["cue_start", "cue_end", "source_start", "source_end"])


def test_source_outcomes() -> None:
    text = "The mayor said it. Aides agreed. Staff believe so."
    said, mayor = text.index("said"), text.index("The mayor")
    agreed, aides = text.index("agreed"), text.index("Aides")
    believe, staff = text.index("believe"), text.index("Staff")
    gold = pd.DataFrame(
        [
            (said, said + 4, mayor, mayor + 9),
            (agreed, agreed + 6, aides, aides + 5),
            (believe, believe + 7, staff, staff + 5),
            (said, said + 4, -1, -1),
        ],
        columns=["cue_start", "cue_end", "source_start", "source_end"],
    )
    det = _det([(said, said + 4, mayor + 4, mayor + 9), (agreed, agreed + 6, 0, 0)])
    assert source_errors(text, det, gold) == ["found (cue and source)", "cue found, no source detected", "cue missed"]
    staff_said = _det([(believe, believe + 7, mayor, mayor + 3)])
    assert source_errors(text, staff_said, gold.iloc[[2]]) == [
        "cue found, gold source before the cue (same sentence), other span detected"
    ]
    back = gold.iloc[[2]].assign(source_start=aides, source_end=aides + 5)
    own = _det([(believe, believe + 7, staff, staff + 5)])
    assert source_errors(text, own, back) == ["cue found, gold source in another sentence"]
