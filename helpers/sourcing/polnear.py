"""Reading PolNeAR (brat standoff) for the sourcing benchmark and the cue tagger's training.

PolNeAR lives outside the repository (``DATA_DIR/polnear/{train,dev}``); nothing from it is
copied here. Articles with several annotators' files use the **first annotator** (the
alphabetically first ``NAME_ANNOTATOR.ann``), so each attribution is counted once.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: PolNeAR's publisher codes and the names the outlets use for themselves.
OUTLETS = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "Western Journalism",
}

BRAT_COLUMNS = ["tid", "label", "start", "end", "text"]
#: One attribution of an ``.ann`` file: its cue, source and content spans (-1, -1 without one).
LINK_COLUMNS = ["cue_start", "cue_end", "source_start", "source_end", "content_start", "content_end"]


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


def _annotation_files(split_dir: Path) -> dict[str, list[Path]]:
    """Each article's annotation files, annotators in alphabetical order."""
    groups: dict[str, list[Path]] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        groups.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    return groups


def load_split(split_dir: Path) -> list[tuple[str, str, pd.DataFrame]]:
    """``(name, text, cue spans)`` for each article of one split, first annotator's file only."""
    files = {name: paths[0] for name, paths in _annotation_files(split_dir).items()}
    out = []
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        name = text_path.stem
        text = text_path.read_text(encoding="utf-8")
        spans = read_brat(files[name]) if name in files else pd.DataFrame(columns=BRAT_COLUMNS)
        cues = spans[spans["label"] == "Cue"].reset_index(drop=True)
        out.append((name, text, cues))
    return out


def read_links(path: Path) -> pd.DataFrame:
    """Each attribution of one ``.ann`` file (its ``E`` line): cue, source and content spans (-1 without one)."""
    spans = read_brat(path).set_index("tid")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("E"):
            continue
        roles = dict(part.split(":", 1) for part in line.split("\t", 1)[-1].split() if ":" in part)
        cue = roles.get("Cue")
        if cue not in spans.index:
            continue
        row = {"cue_start": int(spans.at[cue, "start"]), "cue_end": int(spans.at[cue, "end"])}
        for role in ("Source", "Content"):
            tid = roles.get(role)
            found = tid in spans.index
            row[f"{role.lower()}_start"] = int(spans.at[tid, "start"]) if found else -1
            row[f"{role.lower()}_end"] = int(spans.at[tid, "end"]) if found else -1
        rows.append(row)
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def load_links(split_dir: Path) -> list[tuple[str, str, pd.DataFrame]]:
    """``(name, text, attributions)`` for each article of one split, first annotator's file (as :func:`load_split`)."""
    files = _annotation_files(split_dir)
    return [
        (name, text, read_links(files[name][0]) if name in files else pd.DataFrame(columns=LINK_COLUMNS))
        for name, text, _ in load_split(split_dir)
    ]


def annotator_pairs(split_dir: Path) -> list[tuple[str, pd.DataFrame, pd.DataFrame]]:
    """``(name, first annotator's cues, second annotator's cues)`` for the articles annotated twice."""
    out = []
    for name, files in _annotation_files(split_dir).items():
        if len(files) > 1:
            first, second = (read_brat(f) for f in files[:2])
            out.append((name, first[first["label"] == "Cue"], second[second["label"] == "Cue"]))
    return out
