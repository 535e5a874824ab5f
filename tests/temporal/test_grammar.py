"""Tests of the finder's speed devices: they must never change a match (folding, needles, leads, overlaps)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.temporal import grammar as G

#: Words and separators the patterns react to, odd casing and the characters IGNORECASE folds specially.
_WORDS = re.findall(
    r"\S+",
    "Monday monday MONDAY Sunday May may March Jan. Sept Sep. December the The of on at in by until around "
    "early late mid end start 1 5 12 21 31 1st 4th 1999 2024 2199 '99 ’05 1917-18 from to and a an one two "
    "three several few couple half ten twenty fifty last this next that same following previous later earlier "
    "ago year years month week weeks day days hour hours minutes decade decades century weekend today tonight "
    "yesterday morning evening night overnight dawn dusk noon midnight 5pm 5 pm p.m. a.m. 10:30 GMT spring "
    "fall winter 1990s '90s 19th twentieth Christmas Eve eve New Year's Year’s D-Day quarter third fourth "
    "fiscal current latest period year-end just only about exactly nearly more than under people miles No. "
    "page http://x.org/ 2001/ , . ; - – / : İ ı ſ \u212a K Kelvin ſunday İn eıght long shortly soon moments "
    "not leading up final closing -old -long 24-year",
)
_SEPS = (" ", " ", "  ", "\n", ", ", "-", "", ".\n", "\t")
words = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), max_size=20).map(
    lambda parts: "".join(w + s for w, s in parts)
)


def _same_as_ignorecase(index: int, text: str) -> None:
    """Pattern ``index``, behind its lead on the folded text, finds the spans plain IGNORECASE finds in the
    text, and every match holds one of its needles (so skipping texts without any loses nothing)."""
    kind, pattern, needles, _ = G.PATTERNS[index]
    folded = text.translate(G.FOLD)
    assert len(folded) == len(text)
    plain = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    assert [m.span() for m in G.COMPILED[index][1].finditer(folded)] == plain, (kind, pattern[:60])
    if needles is not None:
        assert all(any(n in folded[a:b] for n in needles) for a, b in plain), (kind, pattern[:60])


def _pattern_in_context(index: int, data: st.DataObject) -> None:
    """A string pattern ``index`` matches (written by hypothesis) at the start, after other words or in one."""
    hit = data.draw(st.from_regex(G.PATTERNS[index][1]))
    text = data.draw(st.sampled_from(("", "x", " ", "the ", "In "))) + hit + data.draw(words)
    _same_as_ignorecase(index, text)


@pytest.mark.parametrize("index", range(len(G.PATTERNS)))
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_each_pattern_behind_its_lead_and_needles_finds_what_it_finds_alone(index: int, data: st.DataObject) -> None:
    _pattern_in_context(index, data)


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(G.PATTERNS)))
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_each_pattern_behind_its_lead_and_needles_thoroughly(index: int, data: st.DataObject) -> None:
    _pattern_in_context(index, data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(words, st.text(max_size=60)))
def test_folding_matches_what_ignorecase_would_on_any_text(text: str) -> None:
    for index in range(len(G.PATTERNS)):
        _same_as_ignorecase(index, text)


def _naive_disjoint(found: list[G.Found]) -> list[G.Found]:
    """The definition: longest first, then leftmost, each kept unless it overlaps one kept already."""
    kept: list[G.Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(spans)
def test_overlaps_are_resolved_as_defined(raw: list[tuple[int, int]]) -> None:
    found = [G.Found(a, a + n, str(i), {}) for i, (a, n) in enumerate(raw)]
    assert G.keep_disjoint(found) == _naive_disjoint(found)


def test_capitals_are_checked_on_the_text_not_the_folded_copy() -> None:
    """Folding is for matching only: 'may' stays a verb, a capitalised 'May 3' a date, offsets unchanged."""
    text = "They may 3 times. On May 3 they met; İn \u212aelvin on Sunday."
    spans = {text[f.start : f.end]: f.groups for f in G.find_spans(text)}
    assert "May 3" in spans and spans["May 3"]["mon"] == "May"
    assert "may 3" not in spans and "Sunday" in spans
