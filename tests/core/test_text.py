"""The shared text structure: sentences, sentence bounds of a quote, quoted speech, marked spans in HTML."""

from __future__ import annotations

import itertools

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from helpers.core.text import mark_spans, quote_spans, sentence_bounds, sentence_spans


def test_sentence_spans_keep_initials_and_lines() -> None:
    text = "Sanctions by the U.S. and the U.N. bite. Next one!\nA heading\n\nLast “quoted.” Done"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Sanctions by the U.S. and the U.N. bite.",
        "Next one!",
        "A heading",
        "Last “quoted.”",
        "Done",
    ]


def test_abbreviations_do_not_split_a_sentence() -> None:
    text = "The U.S. envoy met Gen. Smith in Damascus. He left."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["The U.S. envoy met Gen. Smith in Damascus.", "He left."]


def test_a_sentence_may_open_with_a_quote_mark() -> None:
    text = "He left. ’Tomorrow, we will see.’ Then “nothing.” (Aside.) And so."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "He left.",
        "’Tomorrow, we will see.’",
        "Then “nothing.”",
        "(Aside.)",
        "And so.",
    ]


def test_quote_ending_with_its_own_full_stop_gets_only_its_sentence() -> None:
    text = "Assad said: “We will not leave.” Then he left by plane. Nobody knew."
    start = text.index("We will")
    end = text.index("leave.") + len("leave.")
    assert text[slice(*sentence_bounds(text, start, end))] == "Assad said: “We will not leave.”"
    end_with_mark = end + 1
    assert text[slice(*sentence_bounds(text, start, end_with_mark))] == "Assad said: “We will not leave.”"


def test_sentence_bounds_join_the_sentences_a_span_crosses() -> None:
    text = "One here. Two there. Three everywhere."
    start, end = text.index("here"), text.index("there")
    assert text[slice(*sentence_bounds(text, start, end))] == "One here. Two there."
    at = text.index("Three")
    assert text[slice(*sentence_bounds(text, at, at))] == "Three everywhere."


@given(st.text(alphabet='ab .“”"!?U.S\n', max_size=80), st.integers(0, 80), st.integers(0, 20))
def test_sentence_bounds_cover_the_span_with_whole_sentences(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(start + length, len(text))
    left, right = sentence_bounds(text, start, end)
    assert left <= start and end <= right
    spans = sentence_spans(text)
    starts = {s for s, _ in spans} | {start}
    ends = {e for _, e in spans} | {end}
    assert left in starts and right in ends


def test_quote_spans_pair_within_lines() -> None:
    text = 'He said “one” and "two".\n“unclosed\nnext'
    assert [text[s:e] for s, e in quote_spans(text)] == ["“one”", '"two"']


@given(st.lists(st.text(alphabet='ab "“”', max_size=15), min_size=1, max_size=5))
def test_a_quote_never_pairs_across_a_newline(lines: list[str]) -> None:
    text = "\n".join(lines)
    for s, e in quote_spans(text):
        assert "\n" not in text[s:e]
        assert text[s] in '“"' and text[e - 1] in '”"'


def test_mark_spans_escapes_everything_and_marks_each_span() -> None:
    text = "a <b> & c"
    assert mark_spans(text, [(2, 5), (8, 9)]) == "a <mark>&lt;b&gt;</mark> &amp; <mark>c</mark>"
    assert mark_spans(text, []) == "a &lt;b&gt; &amp; c"
    assert mark_spans("abcdef", [(3, 5), (1, 4), (9, 12)], style="x:'y'") == (
        "a<mark style='x:&#x27;y&#x27;'>bcd</mark><mark style='x:&#x27;y&#x27;'>e</mark>f"
    )


def test_corpus_sentences_are_trimmed_and_in_order(corpus: pd.DataFrame) -> None:
    for text in corpus["text"]:
        spans = sentence_spans(text)
        assert all(a < b <= c for (a, b), (c, _) in itertools.pairwise(spans))
        assert all(text[s:e] == text[s:e].strip() for s, e in spans)
