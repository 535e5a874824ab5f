"""The reuse scan's fast paths give what the simple versions give: the tokeniser, reused tokens, the teller scan."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core import datelines
from helpers.core import text as core_text
from helpers.reuse import boilerplate, derivation, shingles, stories
from helpers.reuse.candidates import corpus_texts
from helpers.reuse.labels import Formulaic
from helpers.reuse.settings import REUSE
from helpers.reuse.synthetic import generate

#: Pieces a text is drawn from: agency names, the words around a teller, and filler.
_PIECES = ["Reuters", "AFP", "AP", "The ", "the ", "according to ", "told ", "spoke with ", "spoke to ", "cited by ",
           "said", " reported", " says", "Associated Press", "Agence France-Presse", "Tass", "x", " ", "\n", ".", ",",
           "Thereuters", "told the ", "ap"]  # fmt: skip


def _plain_tellers() -> re.Pattern[str]:
    """The teller pattern without its first-letter lookahead (the simple version)."""
    return datelines._teller_pattern(datelines._TELLER_NAMES, lookahead=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_the_teller_scan_finds_what_the_plain_pattern_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    plain = _plain_tellers()
    assert "(?=" not in plain.pattern
    assert [m.group(0) for m in datelines._TELLERS.finditer(text)] == [m.group(0) for m in plain.finditer(text)]
    if not datelines._ANY_TELLER_NAME.search(text):  # the scan credits_in_text skips
        assert not list(plain.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, "By Jane Doe, Reuters", "by ", "By", "B", "y", "-- AFP"]), max_size=30))
def test_a_byline_needs_the_literal_by_so_credits_may_skip_its_scan(pieces: list[str]) -> None:
    text = "".join(pieces)
    if "By " not in text:
        assert not list(datelines._BYLINE.plain.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, "By Jane Doe, Reuters", "By ", "-- AFP", "— ", "- ", "\n\n"]), max_size=30))
def test_line_patterns_find_what_their_plain_patterns_find(pieces: list[str]) -> None:
    text = "".join(pieces)
    for pattern in (datelines._SIGN_OFF, datelines._BYLINE):
        fast = [(m.group("name"), m.group(0).strip(), m.end()) for m in pattern.finditer(text)]
        plain = [(m.group("name"), m.group(0).strip(), m.end()) for m in pattern.plain.finditer(text)]
        assert fast == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Smith", "Jo", "Ann", "said ", "The ", ", ", " ", "’s", "'s", '"', ") ", "4"])))
def test_story_names_are_those_of_the_plain_look_behind(pieces: list[str]) -> None:
    text = "".join(pieces)
    plain = re.compile(r"(?<=[a-z0-9,;:’'\")] )[A-Z][a-z]{2,}(?=[’']s\b|\b)")
    assert [m.span() for m in stories.NAME.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Gen.", "U.S.", "a.m.", ".", "!", "?", " ", "\n", '"', "’", ")", "The", "we", "4"])))
def test_sentence_breaks_are_those_of_the_plain_look_behind(pieces: list[str]) -> None:
    line = "".join(pieces)
    plain = re.compile(r"(?<=[.!?])(?P<close>[”\"’')\]]*)\s+(?=[“\"‘’'(\[]*[A-Z0-9À-ÖØ-Þ])")
    fast = [(m.start() + 1, m.end(), m.group("close")) for m in core_text._SENTENCE_BREAK.finditer(line)]
    assert fast == [(m.start(), m.end(), m.group("close")) for m in plain.finditer(line)]


def test_reused_tokens_are_the_tokens_of_the_blanked_texts() -> None:
    corpus = generate(120, seed=3).corpus
    boilerplate._LAST.clear()
    texts = boilerplate.house_text(corpus, keep_tokens=True).texts
    read = boilerplate.take_tokens(corpus)
    assert read, "the in-process read keeps its tokens"
    assert boilerplate.take_tokens(corpus) == {}, "handed over once"
    tokens = derivation._tokens(texts, corpus_texts(corpus), read)
    for sid, text in texts.items():
        fresh = shingles.tokenize(text)
        assert tokens[sid].words == fresh.words
        for field in ("hashes", "starts", "ends", "ids"):
            assert (getattr(tokens[sid], field) == getattr(fresh, field)).all()


def test_formulaic_shingles_from_the_scans_sets_are_those_it_would_make() -> None:
    corpus = generate(150, seed=5).corpus
    ids = [str(s) for s in corpus.index]
    tokens = {sid: shingles.tokenize(str(text)) for sid, text in zip(ids, corpus["text"], strict=True)}
    outlet = {sid: str(o) for sid, o in zip(ids, corpus["outlet"], strict=True)}
    sets = [np.unique(shingles.shingle_hashes(tokens[sid].hashes, REUSE.n)) for sid in ids]
    given, made = Formulaic(ids, tokens, outlet, sets), Formulaic(ids, tokens, outlet)
    assert made.hashes.size and (given.hashes == made.hashes).all()
    assert (given.common == made.common).all()


#: Characters the tokeniser must class as the regular expression does: letters of several scripts, digits of
#: several systems, every apostrophe (ʼ is a letter too), the underscore, marks, numerals that are not digits,
#: characters past the Basic Multilingual Plane, a lone surrogate, and the spelling rules' words.
_CHARS = [*"aZéß'’‘ʼ`′_-. \n0٣½²ＦΩж中\u0301", "𝐀", "😀", "\udcff", "longtime", "armoured", "defence", "'s"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CHARS), max_size=60))
def test_the_tokeniser_finds_the_words_the_regular_expression_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    toks = shingles.tokenize(text)
    spans, words = [], []
    for match in shingles.TOKEN_RE.finditer(text):
        parts = shingles._parts(match.group(0))
        spans += [(match.start(), match.end())] * len(parts)
        words += parts
    assert list(zip(toks.starts.tolist(), toks.ends.tolist(), strict=True)) == spans
    assert toks.words == tuple(words)
    assert toks.hashes.tolist() == [shingles.word_hash(w) for w in words]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CHARS), max_size=60), st.lists(st.tuples(st.integers(0, 80), st.integers(1, 5))))
def test_blanked_tokens_are_the_tokens_of_the_blanked_text(pieces: list[str], runs: list[tuple[int, int]]) -> None:
    text = "".join(pieces)
    toks = shingles.tokenize(text)
    chars = list(text)
    for first, count in runs:  # blank runs of whole tokens, as the boilerplate pass does
        if first < len(toks):
            last = min(first + count, len(toks)) - 1
            start, end = int(toks.starts[first]), int(toks.ends[last])
            chars[start:end] = [c if c == "\n" else " " for c in chars[start:end]]
    blanked = "".join(chars)
    got, fresh = shingles.blanked_tokens(toks, text, blanked), shingles.tokenize(blanked)
    for field in ("hashes", "starts", "ends", "ids"):
        assert getattr(got, field).tolist() == getattr(fresh, field).tolist()
