"""Tests of the TimelineJS export of the dated events."""

from __future__ import annotations

import json

from helpers.timeline.timelinejs import to_timelinejs
from tests.timeline.samples import toy_events


def test_timelinejs_export_has_the_required_fields() -> None:
    _, ev = toy_events()
    doc = to_timelinejs(ev, "Toy <events>")
    json.dumps(doc)  # serialisable
    assert doc["events"], "no events exported"
    for item in doc["events"]:
        assert isinstance(item["start_date"]["year"], int)
        assert item["text"]["headline"] and item["text"]["text"]
        assert item["group"] in {"a", "b"}
        if "end_date" in item:
            assert item["end_date"]["year"] >= item["start_date"]["year"]
    assert {item["group"] for item in doc["events"]} == {"a", "b"}
    assert any("&lt;all&gt;" in item["text"]["text"] for item in doc["events"])  # escaped
    assert doc["title"]["text"]["headline"] == "Toy &lt;events&gt;"  # the caller's title, escaped
    minute = next(i for i in doc["events"] if i["text"]["headline"].endswith("10:30 PM"))
    assert (minute["start_date"]["hour"], minute["start_date"]["minute"]) == (22, 30)
