"""Hedges ("reportedly", "believed to") and verification disclaimers ("could not independently verify").

Each pattern is ``(family, regex)``: ``hedge`` (distancing), ``disclaimer`` (verification),
``unclaimed`` ("no one has claimed") and ``unconfirmed`` ("has not been confirmed"). Where they come
from: written by hand from the wire conventions of the shipped corpus (Reuters and AFP disclaimers,
"could not independently verify") and the usual epistemic adverbs of news English.
"""

from __future__ import annotations

_VERIFY = r"(?:independently\s+)?(?:verify|confirm|corroborate)"

HEDGE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("hedge", r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|seemingly)\b"),
    ("hedge", r"\balleged\b|\ballegations?\b"),
    ("hedge", r"\b(?:(?:is|are|was|were)\s+(?:widely\s+|also\s+)?)?believed\s+to\b"),
    ("hedge", r"\b(?:is|are|was|were)\s+(?:said|thought|understood|rumou?red)\s+to\b"),
    ("hedge", r"\bit\s+(?:is|was|has\s+been)\s+(?:reported|understood|thought|believed|said)\s+that\b"),
    ("hedge", r"\b(?:appears?|appeared)\s+to\b|\bit\s+(?:appears|appeared|seems|seemed)\b"),
    ("hedge", r"\bsuggest(?:s|ed)?\b"),
    ("hedge", r"\bclaim(?:s|ed)?\s+that\b"),
    ("hedge", r"\b(?:un)?likely\b|\bpossibly\b|\bprobably\b|\bperhaps\b"),
    (
        "hedge",
        r"\bit\s+(?:is|was|remains|remained)\s+(?:unclear|not\s+clear|uncertain)"
        r"(?:\s+(?:whether|if|how|why|when|who|what))?\b",
    ),
    ("disclaimer", r"\b(?:unconfirmed|unverified)\b"),
    ("disclaimer", rf"\b(?:could|can|would|did)\s+not\s+(?:immediately\s+)?{_VERIFY}\b"),
    ("disclaimer", rf"\b(?:has|have|had)\s+not\s+(?:yet\s+)?been\s+able\s+to\s+{_VERIFY}\b"),
    (
        "disclaimer",
        r"\b(?:was|were|is|are|has\s+been|have\s+been)\s+(?:unable|not\s+able)\s+to\s+(?:independently\s+)?"
        r"(?:verify|confirm|corroborate|obtain|reach|contact)(?:\s+comments?\b)?",
    ),
    ("disclaimer", r"\bno\s+(?:official\s+|independent\s+)?confirmation\b"),
    (
        "disclaimer",
        r"\bdid\s+not\s+(?:immediately\s+|promptly\s+)?(?:respond|reply)(?:\s+(?:immediately|promptly))?\s+to\s+"
        r"(?:(?:a|an|the)\s+)?(?:requests?\s+for\s+comments?|inquiries|enquiries|questions|queries)\b",
    ),
    (
        "disclaimer",
        r"\b(?:efforts|attempts)\s+to\s+(?:reach|contact)\b[^.\n]{0,80}?"
        r"\b(?:were|was|have\s+been|had\s+been)\s+unsuccessful\b",
    ),
    ("disclaimer", r"\bdeclined\s+to\s+comment\b|\bcould\s+not\s+be\s+reached(?:\s+for\s+comment)?\b"),
    ("disclaimer", rf"\bcannot\s+(?:immediately\s+)?{_VERIFY}\b"),
    # wire and legal hedges: a charge or suspicion, not an established fact
    ("hedge", r"\bsuspected\b|\baccused\s+of\b|\b(?:may|might)\s+have\b"),
    # negated or pending claims of responsibility
    (
        "unclaimed",
        r"\b(?:no\s+one|nobody|no\s+group|no\s+organi[sz]ation)\s+(?:has|had|have)\s+(?:yet\s+|so\s+far\s+)?claimed\b"
        r"|\b(?:has|have|had)\s+(?:not|yet\s+to)\s+(?:yet\s+)?claim(?:ed)?\b"
        r"|\bno\s+(?:immediate\s+)?claims?\s+of\s+responsibility\b",
    ),
    # a claim that nobody has confirmed yet
    (
        "unconfirmed",
        r"\b(?:has|have|had)\s+not\s+(?:yet\s+)?been\s+(?:officially\s+|independently\s+)?(?:confirmed|verified)\b"
        r"|\b(?:could|can)\s*not\s+be\s+(?:immediately\s+|independently\s+)?(?:confirmed|verified)\b"
        r"|\b(?:is|was|are|were)\s+not\s+(?:immediately\s+|independently\s+)?(?:confirmed|verified)\b"
        r"|\b(?:is|are|was|were|remains?)\s+yet\s+to\s+be\s+(?:confirmed|verified)\b",
    ),
)  # fmt: skip
