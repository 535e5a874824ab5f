"""Dates on many outlets' reports of one happening: a check built from PolNeAR development articles.

Run: ``python -m benchmarks.accuracy_multi_outlet [DATA_DIR]`` (default ``../shared/data``).
Without ``DATA_DIR/polnear/dev`` it prints one skip line and exits 0.

The texts are PolNeAR *dev* articles (real 2016 news from five publishers). Development split: two
happenings, Hillary Clinton's illness at the 11 September 2016 memorial and the first presidential
debate of 26 September 2016. Held-out split: the police shootings in Tulsa and Charlotte of
September 2016 (three outlets), annotated after the rules were written and never tuned on. The
dates in ``benchmarks/data/multi_outlet_dates.csv`` were annotated by hand for issue 31, by
reading each whole article, never from the detector's output; only the
expression, its occurrence number and its value are kept (the article text stays in the data
folder). ``X`` marks an expression whose value is not concrete (a recurring time, a vague
relative) and an empty value marks a trap that is no date at all ('CBS This Morning').

Metric: the one of :mod:`benchmarks.accuracy_temporal` (overlap and value prefix on ISO-TimeML
values; a detected mention overlapping only an ``X`` row is left out, one overlapping a trap or
nothing is wrong), reported overall and per annotated class.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "data" / "multi_outlet_dates.csv"
RESULTS = ROOT / "benchmarks" / "results" / "temporal_multi_outlet.json"
#: ``development``: the articles the issue-31 rules were written against (in sample once used);
#: ``held out``: a third happening annotated after those rules were written and scored once, never tuned on.
SPLITS = ("development", "held out")


def _span(text: str, expr: str, occurrence: int) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th (1-based) appearance of ``expr`` in ``text``."""
    pos = -1
    for _ in range(occurrence):
        pos = text.find(expr, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(expr)


def run(data_dir: Path, split: str) -> dict | None:
    """Score the annotated articles of one split; None when the PolNeAR data is absent."""
    from helpers.temporal import resolve_text

    polnear = data_dir / "polnear"
    if not (polnear / "dev" / "text").is_dir():
        return None
    meta = pd.read_csv(polnear / "metadata.tsv", sep="\t", dtype=str).set_index("filename")
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False).rename(columns={"class": "cls"})
    gold = gold[gold["split"] == split]
    counts: Counter = Counter()
    by_class: dict[str, Counter] = defaultdict(Counter)
    errors: dict[str, list[str]] = defaultdict(list)
    outlets = set()
    for name, rows in gold.groupby("file", sort=True):
        text = (polnear / "dev" / "text" / f"{name}.txt").read_text(encoding="utf-8")
        published = pd.Timestamp(meta.loc[name, "publication_date"])
        outlets.add(meta.loc[name, "publisher"])
        mentions = resolve_text(text, published, genre="news")
        spans = []
        for row in rows.itertuples():
            span = _span(text, row.text, int(row.occurrence))
            if span is None:
                raise SystemExit(f"{GOLD.name}: {name}: {row.text!r} occurrence {row.occurrence} not in the text")
            spans.append((span, row))
        for (start, end), row in spans:
            if row.value in ("", "X"):
                continue
            over = [m for m in mentions if m.start < end and m.end > start]
            counts["gold"] += 1
            cls = row.cls
            by_class[cls]["gold"] += 1
            if any(m.timex_value.startswith(row.value) for m in over):
                counts["right"] += 1
                by_class[cls]["right"] += 1
            else:
                got = ", ".join(f"{m.text!r}→{m.timex_value or '?'}" for m in over) or "missed"
                where = f"{name.split('_')[0]}: {row.text!r} ({row.note or row.value})"
                errors[cls].append(f"{where} gold {row.value}, got {got}")
        for m in mentions:
            if m.timex_type not in ("DATE", "TIME") or not (m.timex_value[:1].isdigit() and "X" not in m.timex_value):
                continue
            hits = [row for (s, e), row in spans if m.start < e and m.end > s]
            if hits and all(r.value == "X" for r in hits):
                continue
            counts["detected"] += 1
            good = [r for r in hits if r.value not in ("", "X") and m.timex_value.startswith(r.value)]
            if good:
                counts["detected_right"] += 1
            elif not any(r.value not in ("", "X") for r in hits):
                cls = hits[0].cls if hits else "spurious"
                by_class[cls]["spurious"] += 1
                errors[cls].append(f"{name.split('_')[0]}: {m.text!r} read as {m.timex_value} (no date there)")
    recall = counts["right"] / counts["gold"] if counts["gold"] else 0.0
    precision = counts["detected_right"] / counts["detected"] if counts["detected"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "documents": int(gold["file"].nunique()),
        "outlets": len(outlets),
        "happenings": int(gold["happening"].nunique()),
        "gold": counts["gold"],
        "recall": round(recall, 3),
        "precision": round(precision, 3),
        "f1": round(f1, 3),
        "classes": {k: dict(v) for k, v in sorted(by_class.items())},
        "errors": {k: v for k, v in sorted(errors.items())},
    }


def main(data_dir: Path | None = None) -> int:
    """Print the multi-outlet tables and per-class errors of each split, write the JSON summary."""
    data_dir = Path(data_dir) if data_dir is not None else ROOT.parent / "shared" / "data"
    summary = {}
    for split in SPLITS:
        res = run(data_dir, split)
        if res is None:
            print(f"skip: no PolNeAR dev data at {data_dir / 'polnear'} (pass the data folder as the first argument)")
            return 0
        summary[split] = res
        print(
            f"\n### Many outlets, one happening: {split} (PolNeAR dev, {res['documents']} articles, "
            f"{res['outlets']} outlets, {res['happenings']} happenings; dates annotated by hand)\n"
        )
        print("| n gold | recall | precision | F1 |\n|---:|---:|---:|---:|")
        print(f"| {res['gold']} | {res['recall']:.3f} | {res['precision']:.3f} | {res['f1']:.3f} |")
        print("\n| class | gold | right | spurious |\n|---|---:|---:|---:|")
        for cls, c in res["classes"].items():
            print(f"| {cls} | {c.get('gold', 0)} | {c.get('right', 0)} | {c.get('spurious', 0)} |")
        print("\nErrors by class:\n")
        for cls, items in res["errors"].items():
            for item in items:
                print(f"- {cls}: {item}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
