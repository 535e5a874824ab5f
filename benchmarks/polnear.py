"""Reading PolNeAR (brat standoff) for the sourcing benchmark and the cue tagger's training.

PolNeAR lives outside the repository (``DATA_DIR/polnear/{train,dev}``); nothing from it is
copied here. Articles with several annotators' files use the **first annotator** (the
alphabetically first ``NAME_ANNOTATOR.ann``), so each attribution is counted once.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

BRAT_COLUMNS = ["tid", "label", "start", "end", "text"]


def read_brat(path: Path) -> pd.DataFrame:
    """The ``T`` spans of one brat ``.ann`` file (discontinuous spans: first start to last end)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        pieces = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";") if piece.strip()]
        rows.append(
            {
                "tid": parts[0],
                "label": label,
                "start": min(p[0] for p in pieces),
                "end": max(p[1] for p in pieces),
                "text": parts[2] if len(parts) > 2 else "",
            }
        )
    return pd.DataFrame(rows, columns=BRAT_COLUMNS)


def load_split(split_dir: Path) -> list[tuple[str, str, pd.DataFrame]]:
    """``(name, text, cue spans)`` for each article of one split, first annotator's file only."""
    files: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        files.setdefault(name, ann)
    out = []
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        name = text_path.stem
        text = text_path.read_text(encoding="utf-8")
        spans = read_brat(files[name]) if name in files else pd.DataFrame(columns=BRAT_COLUMNS)
        cues = spans[spans["label"] == "Cue"].reset_index(drop=True)
        out.append((name, text, cues))
    return out
