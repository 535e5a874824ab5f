"""The source reader: an article with its detections highlighted, escaped."""

from __future__ import annotations

import re

import pandas as pd

from helpers.sourcing.detect import find_attributions, find_hedges
from helpers.sourcing.views import article_spans, legend_html, reader_html


def test_reader_escapes_article_text() -> None:
    text = "Before <script>alert('x')</script> and <img src=x onerror=alert(1)> after & more"
    page = reader_html(text, [(0, 6, "hedge", "label <b>")])
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&amp; more" in page
    assert "title='hedge: label &lt;b&gt;'" in page


def test_reader_marks_overlapping_spans_and_legend() -> None:
    text = "according to two diplomats, on Sunday"
    spans = pd.DataFrame(
        [
            {"start": 0, "end": 12, "category": "attribution cue", "label": "anonymous"},
            {"start": 13, "end": 26, "category": "source: anonymous", "label": ""},
            {"start": 17, "end": 26, "category": "entity", "label": "diplomats"},
            {"start": 31, "end": 37, "category": "date", "label": "2024-12-08"},
            {"start": 30, "end": 99, "category": "made-up", "label": ""},
        ]
    )
    page = reader_html(text, spans)
    plain = re.sub(r"<[^>]+>", "", page.split("</div>", 1)[1])
    assert plain == text
    assert "background:#FFE0B2;border-bottom:2px dotted #1565C0" in page
    legend = page.split("</div>", 1)[0]
    assert legend.index("attribution cue") < legend.index("source: anonymous") < legend.index("date")
    assert "made-up" in legend and "hedge" not in legend
    assert "hedge" in legend_html()


def test_article_spans_from_detections() -> None:
    text = "He fled on Sunday, two diplomats said, and reportedly reached Moscow."
    found_a, found_h = find_attributions(text, tagger=False), find_hedges(text)
    dates = pd.DataFrame([{"start": 11, "end": 17, "text": "Sunday", "value": "2024-12-08"}])
    ents = pd.DataFrame([{"start": 62, "end": 68, "entity": "Moscow", "entity_type": "place"}])
    spans = article_spans(found_a, found_h, dates, ents)
    assert list(spans["category"]) == ["date", "source: anonymous", "attribution cue", "hedge", "entity"]
    assert [text[s:e] for s, e in zip(spans["start"], spans["end"], strict=True)] == [
        "Sunday",
        "two diplomats",
        "said",
        "reportedly",
        "Moscow",
    ]
