"""Accuracy of :mod:`helpers.temporal` on outside TimeML data (TimeBank news, WikiWars history).

Run: ``python -m benchmarks.accuracy_temporal [DATA_DIR]`` (default ``../shared/data`` from the
repository root). Without ``DATA_DIR/timeml`` it prints one skip line and exits 0, so a fresh
clone without the data passes.

Metric (the data README's): a gold TIMEX3 of type DATE or TIME is *scorable* when its value is
concrete: it starts with a digit and contains no ``X`` (so ``PRESENT_REF``/``PAST_REF``/
``FUTURE_REF`` and ``XXXX-...`` values are aside; week values such as ``1998-W32`` are kept).
A scorable gold is right when a detected mention overlaps its span and the detected ISO-TimeML
value (``timex_value``) starts with the gold value. Recall = right gold / scorable gold.

Precision: the detected mentions with a concrete ``timex_value`` of type DATE or TIME are the
denominator; one is right when it overlaps a scorable gold whose value its value starts with.
Detected mentions that overlap only unscorable gold (a ``PRESENT_REF``, an ``XXXX`` value, or a
gold DURATION/SET) are left out of both counts: the metric makes no claim about them, and
counting them as wrong would punish finding an expression the annotators also marked. A
detected mention overlapping no gold at all counts as wrong.
"""

from __future__ import annotations

import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "temporal_accuracy.json"
#: Datasets: (name, folder under ``timeml/``, resolver genre).
DATASETS = (("TimeBank", "timebank", "news"), ("WikiWars train", "wikiwars-train", "narrative"))


@dataclass(frozen=True)
class Gold:
    """One gold TIMEX3: span in the plain text, type and value."""

    start: int
    end: int
    type: str
    value: str
    text: str


def concrete(value: str) -> bool:
    """Whether a TimeML value is concrete enough to score (digit first, no ``X``)."""
    return bool(value) and value[0].isdigit() and "X" not in value


def read_tml(path: Path) -> tuple[str, str, list[Gold]]:
    """Plain text of the TEXT element, the DCT value and the TIMEX3s with offsets in that text."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    dct = dct_el.get("value", "") if dct_el is not None else ""
    text_el = root.find("TEXT")
    parts: list[str] = []
    golds: list[Gold] = []

    def walk(el: ET.Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                end = sum(map(len, parts))
                golds.append(Gold(start, end, child.get("type", ""), child.get("value", ""), "".join(parts)[start:end]))
            if child.tail:
                parts.append(child.tail)

    if text_el is not None:
        walk(text_el)
    return "".join(parts), dct, golds


def score_document(text: str, dct: str, golds: list[Gold], genre: str) -> tuple[Counter, Counter, list[str]]:
    """Counts (gold, right, detected, detected_right) and failure kinds of one document."""
    from helpers.temporal import resolve_text

    published = pd.Timestamp(dct[:10]) if re.match(r"\d{4}-\d\d-\d\d", dct) else None
    mentions = resolve_text(text, published, genre=genre)
    scorable = [g for g in golds if g.type in ("DATE", "TIME") and concrete(g.value)]
    unscorable = [g for g in golds if g not in scorable]
    counts: Counter = Counter()
    fails: list[str] = []
    for g in scorable:
        over = [m for m in mentions if m.start < g.end and m.end > g.start]
        counts["gold"] += 1
        if any(m.timex_value.startswith(g.value) for m in over):
            counts["right"] += 1
        elif not over:
            fails.append(f"missed {g.type} {_shape(g.value)}")
        elif not any(m.timex_value for m in over):
            fails.append(f"unresolved {g.type} {_shape(g.value)}")
        else:
            fails.append(f"wrong value {g.type} {_shape(g.value)}")
    for m in mentions:
        if m.timex_type not in ("DATE", "TIME") or not concrete(m.timex_value):
            continue
        hits = [g for g in scorable if m.start < g.end and m.end > g.start]
        if not hits and any(m.start < g.end and m.end > g.start for g in unscorable):
            continue
        counts["detected"] += 1
        if any(m.timex_value.startswith(g.value) for g in hits):
            counts["detected_right"] += 1
        elif not hits:
            fails.append(f"spurious {m.type}")
    return counts, Counter(fails), []


def _shape(value: str) -> str:
    """A gold value's pattern: digits as 9 ('1998-08' → '9999-99')."""
    return re.sub(r"\d", "9", value)


def run_dataset(folder: Path, genre: str) -> dict:
    """Score every ``.tml`` file of a folder; totals, failure kinds and timing."""
    files = sorted(folder.glob("*.tml"))
    total: Counter = Counter()
    fails: Counter = Counter()
    docs = [read_tml(p) for p in files]
    began = time.perf_counter()
    for text, dct, golds in docs:
        counts, kinds, _ = score_document(text, dct, golds, genre)
        total += counts
        fails += kinds
    seconds = time.perf_counter() - began
    recall = total["right"] / total["gold"] if total["gold"] else 0.0
    precision = total["detected_right"] / total["detected"] if total["detected"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "documents": len(files),
        "gold": total["gold"],
        "recall": round(recall, 3),
        "precision": round(precision, 3),
        "f1": round(f1, 3),
        "seconds": round(seconds, 3),
        "docs_per_second": round(len(files) / seconds, 1) if seconds else 0.0,
        "failures": dict(fails.most_common(12)),
    }


def main(data_dir: Path | None = None) -> int:
    """Score each dataset found under ``data_dir/timeml``, print tables, write the JSON summary."""
    data_dir = Path(data_dir) if data_dir is not None else ROOT.parent / "shared" / "data"
    timeml = data_dir / "timeml"
    if not timeml.is_dir():
        print(f"skip: no TimeML data at {timeml} (pass the data folder as the first argument)")
        return 0
    summary = {}
    for name, sub, genre in DATASETS:
        folder = timeml / sub
        if not folder.is_dir():
            print(f"skip {name}: no folder {folder}")
            continue
        res = run_dataset(folder, genre)
        summary[name] = {"genre": genre, **res}
        print(f"\n### {name} ({genre} mode, {res['documents']} documents)\n")
        print("| n gold | recall | precision | F1 |\n|---:|---:|---:|---:|")
        print(f"| {res['gold']} | {res['recall']:.3f} | {res['precision']:.3f} | {res['f1']:.3f} |")
        print("\nMost common failures:\n")
        for kind, n in res["failures"].items():
            print(f"- {kind}: {n}")
        print(f"\nTime: {res['seconds']:.2f} s ({res['docs_per_second']} documents/s)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
