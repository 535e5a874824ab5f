"""The learned cue tagger: its features, its shipped weights and its training (on invented text only)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers.sourcing import tagger, training
from helpers.sourcing.lexicon import TOKEN


def _article(name: str, text: str, cue_words: list[str]) -> tuple[str, str, pd.DataFrame]:
    """An invented article with its gold cue spans (every occurrence of each cue word)."""
    rows = []
    for word in cue_words:
        start = text.find(word)
        while start >= 0:
            rows.append({"tid": "T", "label": "Cue", "start": start, "end": start + len(word), "text": word})
            start = text.find(word, start + 1)
    return name, text, pd.DataFrame(rows, columns=["tid", "label", "start", "end", "text"])


def _articles() -> list[tuple[str, str, pd.DataFrame]]:
    base = [
        ("The mayor said the bridge was safe. The river rose.", ["said"]),
        ("Engineers believe the dam will hold. Rain fell all week.", ["believe"]),
        ("The council said on Monday that fares would rise. Buses ran late.", ["said"]),
        ("Residents believe the plan is unfair. The vote is in May.", ["believe"]),
    ]
    return [_article(f"a{k}", text, words) for k, (text, words) in enumerate(base * 3)]


def test_features_see_quotes_headlines_and_rule_cues() -> None:
    text = "Mayor: “We will rebuild.”\nShe said the bridge would reopen."
    toks = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    said = next(n for n, t in enumerate(toks) if t[0] == "said")
    flags = tagger.token_flags(text, [(s, e) for _, s, e in toks], [(toks[said][1], toks[said][2])])
    colon, rebuild = 1, 4
    assert flags[colon] == (False, True, False)  # headline, no quote, no rule cue in that sentence
    assert flags[rebuild][0] and flags[said][2]
    feats = tagger.cue_features([t[0] for t in toks], [colon], flags)[0]
    assert "w=:" in feats and "hl=1|:" in feats
    assert any(f.startswith("oq=1") for f in feats)  # a quotation opens right after the colon


def test_dashes_are_folded_for_the_features() -> None:
    (one,) = tagger.cue_features(["”", "―", "Ann"], [1])
    (two,) = tagger.cue_features(["”", "—", "Ann"], [1])
    assert one == two


def test_training_is_reproducible_and_learns_the_cue_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(training, "MIN_COUNT", 1)
    weights_a, vocab_a = training.train_model(_articles())
    weights_b, vocab_b = training.train_model(_articles())
    assert weights_a == weights_b and vocab_a == vocab_b
    assert {"said", "believe"} <= set(vocab_a)
    model = (weights_a, 0.5, frozenset(vocab_a))
    spans = tagger.model_cue_spans("Farmers believe the harvest will be late.", model)
    assert [s[:2] for s in spans] == [(8, 15)]


def test_the_shipped_model_is_small_and_complete() -> None:
    assert tagger.CUE_MODEL_PATH.stat().st_size < 2_000_000
    data = json.loads(tagger.CUE_MODEL_PATH.read_text(encoding="utf-8"))
    assert set(data) >= {"about", "threshold", "vocab", "weights"}
    assert 0.0 < data["threshold"] < 1.0
    assert set(data["vocab"]) >= tagger.CUE_PUNCTUATION
