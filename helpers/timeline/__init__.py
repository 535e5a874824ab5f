"""How the event unfolded day by day: dated events from the articles, the outside record, conflicts, exports."""

from helpers.timeline.claim_datings import events_by_claim, slot_datings, when_agreement
from helpers.timeline.conflicts import dating_conflicts, link_outside, outlet_credits
from helpers.timeline.dated import (
    events,
    filter_events,
    join_claims,
    not_analysed,
    not_analysed_lines,
    outside_or_empty,
    read_outside,
)
from helpers.timeline.lanes import (
    collapse_table,
    day_counts,
    day_lanes,
    night_events,
    night_lanes,
    view_focus,
    view_focus_label,
    view_window,
)
from helpers.timeline.timelinejs import to_timelinejs
from helpers.timeline.views import collapse_chart, day_chart, event_filter, events_html, night_chart

__all__ = [
    "collapse_chart",
    "collapse_table",
    "dating_conflicts",
    "day_chart",
    "day_counts",
    "day_lanes",
    "event_filter",
    "events",
    "events_by_claim",
    "events_html",
    "filter_events",
    "join_claims",
    "link_outside",
    "night_chart",
    "night_events",
    "night_lanes",
    "not_analysed",
    "not_analysed_lines",
    "outlet_credits",
    "outside_or_empty",
    "read_outside",
    "slot_datings",
    "to_timelinejs",
    "view_focus",
    "view_focus_label",
    "view_window",
    "when_agreement",
]
