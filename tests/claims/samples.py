"""A small coded corpus shared by the claim tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.claims.coding import CLAIM_COLUMNS, CLAIM_OPTIONAL, EVIDENCE_COLUMNS, EVIDENCE_OPTIONAL, SLOT_COLUMNS
from tests.conftest import make_corpus, write_csv

ARTICLES = {
    "wire-a": "Assad left by plane, two diplomats said.\nHis brother reportedly fled to Iraq.",
    "wire-b": "Assad left  by\nplane. His brother fled to Iraq.",
    "paper": "Assad left by road in an armoured car, a commander said. An HTS commander denied any deal.",
    "new": "A sixth article nobody has coded.",
}
CLAIMS = [
    {"claim_id": "C001", "topic": "departure", "statement": "Assad left Damascus by plane", "slot": "how-left"},
    {"claim_id": "C002", "topic": "departure", "statement": "Assad left Damascus by road", "slot": "how-left"},
    {"claim_id": "C003", "topic": "family", "statement": "Maher fled to Iraq"},
    {"claim_id": "C004", "topic": "allies", "statement": "HTS made a deal for Assad's exit"},
]
EVIDENCE = [
    {
        "claim_id": "C001",
        "source_id": "wire-a",
        "quote": "Assad left by plane, two diplomats said.",
        "stance": "attributes",
        "attributed_to": "two diplomats",
        "attribution_kind": "anonymous",
    },
    {
        "claim_id": "C001",
        "source_id": "wire-b",
        "quote": "Assad left by plane.",
        "stance": "asserts",
        "attributed_to": "",
        "attribution_kind": "none",
    },
    {
        "claim_id": "C002",
        "source_id": "paper",
        "quote": "Assad left by road in an armoured car, a commander said.",
        "stance": "attributes",
        "attributed_to": "a commander",
        "attribution_kind": "anonymous",
    },
    {
        "claim_id": "C001",
        "source_id": "paper",
        "quote": "Assad left by road in an armoured car",
        "stance": "contradicts",
        "attributed_to": "a commander",
        "attribution_kind": "anonymous",
    },
    {
        "claim_id": "C003",
        "source_id": "wire-a",
        "quote": "His brother reportedly fled to Iraq.",
        "stance": "hedges",
        "attributed_to": "",
        "attribution_kind": "none",
        "hedge": "reportedly",
    },
    {
        "claim_id": "C003",
        "source_id": "wire-b",
        "quote": "His brother fled to Iraq.",
        "stance": "asserts",
        "attributed_to": "",
        "attribution_kind": "none",
    },
    {
        "claim_id": "C004",
        "source_id": "wire-a",
        "quote": "two diplomats said",
        "stance": "attributes",
        "attributed_to": "two diplomats",
        "attribution_kind": "anonymous",
    },
    {
        "claim_id": "C004",
        "source_id": "paper",
        "quote": "An HTS commander denied any deal.",
        "stance": "denies",
        "attributed_to": "An HTS commander",
        "attribution_kind": "anonymous",
    },
]
SLOTS = [{"slot": "how-left", "question": "How did Assad leave Damascus?", "kind": "how", "reasoning": "Because."}]
CHAINS = pd.Series({"wire-a": "Wire", "wire-b": "Wire", "paper": "Paper", "new": "New"})


def build(tmp_path: Path, evidence: list[dict] | None = None, claims: list[dict] | None = None) -> Path:
    root = make_corpus(tmp_path / "c", ARTICLES)
    write_csv(root / "claims.csv", claims or CLAIMS, list(CLAIM_COLUMNS + CLAIM_OPTIONAL))
    write_csv(root / "evidence.csv", evidence or EVIDENCE, list(EVIDENCE_COLUMNS + EVIDENCE_OPTIONAL))
    write_csv(root / "slots.csv", SLOTS, list(SLOT_COLUMNS))
    return root
