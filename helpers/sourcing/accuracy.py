"""How well the attribution and hedge detector of :mod:`helpers.sourcing.detect` does, measured two ways.

Against the hand-coded gold (:mod:`helpers.sourcing.gold`): detected and gold spans are matched
one to one by overlap, giving cue and hedge precision and recall and the accuracy of the source
kind (:func:`evaluate`, :func:`evaluation_details`, :func:`kind_confusion`). Against the hand
claim coding (``evidence.csv``): whether each quote coded ``attributes`` or ``hedges`` holds a
detection of that sort (:func:`evidence_coverage`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.sourcing.detect import KINDS

# --------------------------------------------------------------------------------------------
# Measurement against the gold
# --------------------------------------------------------------------------------------------


def spans_overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether two ``[start, end)`` spans share at least one character."""
    return a0 < b1 and b0 < a1


def match_spans(
    gold: Sequence[tuple[int, int]], detected: Sequence[tuple[int, int]]
) -> list[tuple[int | None, int | None]]:
    """One-to-one matching of overlapping spans: pairs ``(gold_index, detected_index)``, ``None`` where unmatched."""
    used: set[int] = set()
    pairs: list[tuple[int | None, int | None]] = []
    for gi, (g0, g1) in enumerate(gold):
        best, best_overlap = None, 0
        for di, (d0, d1) in enumerate(detected):
            overlap = min(g1, d1) - max(g0, d0)
            if di not in used and spans_overlap(g0, g1, d0, d1) and overlap > best_overlap:
                best, best_overlap = di, overlap
        if best is not None:
            used.add(best)
        pairs.append((gi, best))
    pairs.extend((None, di) for di in range(len(detected)) if di not in used)
    return pairs


DETAIL_COLUMNS = [
    "source_id",
    "what",
    "status",
    "start",
    "cue_gold",
    "cue_detected",
    "kind_gold",
    "kind_detected",
    "source_gold",
    "source_detected",
    "source_overlap",
]


#: What is matched for each sort of detection: gold/detected columns of its span, and whether it has a source.
_MATCHED = (("attribution", "cue_start", "cue_end", True), ("hedge", "start", "end", False))


def evaluation_details(
    detected_attributions: pd.DataFrame,
    detected_hedges: pd.DataFrame,
    gold_attributions: pd.DataFrame,
    gold_hedges: pd.DataFrame,
) -> pd.DataFrame:
    """Every gold and detected cue and hedge of the coded articles: ``match``, ``missed`` or ``extra``.

    Articles come in the order of the gold files (attributions first), detections in text order.
    """
    coded = list(dict.fromkeys([*gold_attributions["source_id"], *gold_hedges["source_id"]]))
    frames = {"attribution": (gold_attributions, detected_attributions), "hedge": (gold_hedges, detected_hedges)}
    rows = []
    for sid in coded:
        for what, start, end, has_source in _MATCHED:
            gold, found = (f[f["source_id"] == sid].reset_index(drop=True) for f in frames[what])
            for gi, di in match_spans(
                list(zip(gold[start], gold[end], strict=True)), list(zip(found[start], found[end], strict=True))
            ):
                g = gold.loc[gi] if gi is not None else None
                d = found.loc[di] if di is not None else None
                both = g is not None and d is not None
                row = {
                    "source_id": sid,
                    "what": what,
                    "status": "match" if both else ("missed" if d is None else "extra"),
                    "start": int((g if g is not None else d)[start]),
                    "cue_gold": g["cue"] if g is not None else "",
                    "cue_detected": d["cue"] if d is not None else "",
                    "kind_gold": "",
                    "kind_detected": "",
                    "source_gold": "",
                    "source_detected": "",
                    "source_overlap": False,
                }
                if has_source:
                    row.update(
                        kind_gold=g["kind"] if g is not None else "",
                        kind_detected=d["kind"] if d is not None else "",
                        source_gold=g["source_text"] if g is not None else "",
                        source_detected=d["source_text"] if d is not None else "",
                        source_overlap=bool(
                            both
                            and spans_overlap(g["source_start"], g["source_end"], d["source_start"], d["source_end"])
                        ),
                    )
                rows.append(row)
    return pd.DataFrame(rows, columns=DETAIL_COLUMNS)


def ratio(num: int, den: int) -> float:
    """``num / den``, NaN when there is nothing to divide."""
    return num / den if den else float("nan")


def evaluate(
    detected_attributions: pd.DataFrame,
    detected_hedges: pd.DataFrame,
    gold_attributions: pd.DataFrame,
    gold_hedges: pd.DataFrame,
) -> pd.DataFrame:
    """Per coded article (and ``all``): cue precision/recall, kind accuracy on matched cues, hedge precision/recall."""
    details = evaluation_details(detected_attributions, detected_hedges, gold_attributions, gold_hedges)
    groups = [(sid, details[details["source_id"] == sid]) for sid in dict.fromkeys(details["source_id"])]
    rows = []
    for sid, d in [*groups, ("all", details)]:
        a = d[d["what"] == "attribution"]
        h = d[d["what"] == "hedge"]
        a_match = a[a["status"] == "match"]
        h_match = h[h["status"] == "match"]
        rows.append(
            {
                "source_id": sid,
                "cues_gold": int((a["status"] != "extra").sum()),
                "cues_detected": int((a["status"] != "missed").sum()),
                "cues_matched": len(a_match),
                "cue_precision": ratio(len(a_match), int((a["status"] != "missed").sum())),
                "cue_recall": ratio(len(a_match), int((a["status"] != "extra").sum())),
                "kind_accuracy": ratio(int((a_match["kind_gold"] == a_match["kind_detected"]).sum()), len(a_match)),
                "source_overlap": ratio(int(a_match["source_overlap"].sum()), len(a_match)),
                "hedges_gold": int((h["status"] != "extra").sum()),
                "hedges_detected": int((h["status"] != "missed").sum()),
                "hedges_matched": len(h_match),
                "hedge_precision": ratio(len(h_match), int((h["status"] != "missed").sum())),
                "hedge_recall": ratio(len(h_match), int((h["status"] != "extra").sum())),
            }
        )
    return pd.DataFrame(rows).set_index("source_id")


def kind_confusion(details: pd.DataFrame) -> pd.DataFrame:
    """Gold kind (rows) by detected kind (columns) over matched cues."""
    matched = details[(details["what"] == "attribution") & (details["status"] == "match")]
    table = pd.crosstab(matched["kind_gold"], matched["kind_detected"])
    return table.reindex(index=list(KINDS), columns=list(KINDS), fill_value=0).rename_axis(
        index="gold", columns="detected"
    )


# --------------------------------------------------------------------------------------------
# Agreement with the hand claim coding (evidence.csv)
# --------------------------------------------------------------------------------------------

#: Which detector each coded stance is checked against.
STANCE_CHECKS = {"attributes": "attribution", "hedges": "hedge"}


def evidence_coverage(
    evidence: pd.DataFrame, corpus: pd.DataFrame, detected_attributions: pd.DataFrame, detected_hedges: pd.DataFrame
) -> pd.DataFrame:
    """Each evidence row coded ``attributes`` or ``hedges``: does its anchored quote contain a detection?

    ``evidence`` is :attr:`helpers.claims.coding.Codings.evidence`, whose quotes are already anchored
    (``start``/``end``) by the claim validator; a row with ``start < 0`` counts as not located.
    """
    rows = []
    for row in evidence.to_dict("records"):
        check = STANCE_CHECKS.get(row["stance"])
        if check is None or row["source_id"] not in corpus.index:
            continue
        span = (int(row["start"]), int(row["end"])) if int(row.get("start", -1)) >= 0 else None
        found = detected_attributions if check == "attribution" else detected_hedges
        start_col, end_col = ("cue_start", "cue_end") if check == "attribution" else ("start", "end")
        inside = found.iloc[0:0]
        if span is not None:
            mine = found[found["source_id"] == row["source_id"]]
            inside = mine[(mine[start_col] >= span[0]) & (mine[end_col] <= span[1])]
        coded_kind = row.get("attribution_kind", "")
        rows.append(
            {
                "claim_id": row["claim_id"],
                "source_id": row["source_id"],
                "stance": row["stance"],
                "located": span is not None,
                "covered": len(inside) > 0,
                "detected": "; ".join(inside["cue"]),
                "coded_kind": coded_kind,
                "detected_kinds": "; ".join(inside["kind"]) if check == "attribution" else "",
                "kind_agrees": bool(check == "attribution" and coded_kind in set(inside.get("kind", []))),
                "quote": row["quote"],
            }
        )
    columns = [
        "claim_id",
        "source_id",
        "stance",
        "located",
        "covered",
        "detected",
        "coded_kind",
        "detected_kinds",
        "kind_agrees",
        "quote",
    ]
    return pd.DataFrame(rows, columns=columns)


def coverage_summary(coverage: pd.DataFrame) -> pd.DataFrame:
    """Per coded stance: rows, quotes located, share of located quotes holding a detection, kind agreement."""
    rows = []
    for stance in STANCE_CHECKS:
        part = coverage[coverage["stance"] == stance]
        located = part[part["located"]]
        covered = located[located["covered"]]
        with_kind = covered[covered["coded_kind"].isin(KINDS)]
        rows.append(
            {
                "stance": stance,
                "rows": len(part),
                "located": len(located),
                "covered": len(covered),
                "share_covered": ratio(len(covered), len(located)),
                "kind_agreement": ratio(int(with_kind["kind_agrees"].sum()), len(with_kind))
                if stance == "attributes"
                else float("nan"),
            }
        )
    return pd.DataFrame(rows).set_index("stance")


def coverage_disagreements(coverage: pd.DataFrame) -> pd.DataFrame:
    """Located evidence rows the detector does not back: no detection in the quote, or another source kind."""
    attributes = coverage["stance"] == "attributes"
    odd = coverage["located"] & (~coverage["covered"] | (attributes & coverage["covered"] & ~coverage["kind_agrees"]))
    columns = ["claim_id", "source_id", "stance", "detected", "coded_kind", "detected_kinds", "quote"]
    return coverage.loc[odd, columns].reset_index(drop=True)


#: The detector settings of the summary, named by the convention each follows.
_DETECTORS = {
    "rules + tagger": "published convention (rules + tagger; the default)",
    "rules only": "speech convention (rules only)",
}


def outside_accuracy(path: Path | None = None) -> tuple[pd.DataFrame, str] | None:
    """The detector measured on outside annotated news (``make accuracy``'s summary), and its citation.

    One row per measurement: the data and split, the detector setting, articles, gold cues, recall,
    precision and F1 (cue spans matched by overlap), and the dataset's second annotator scored against
    its first the same way, for the ceiling. None when no summary has been written.
    """
    path = path or config.ACCURACY_RESULTS_DIR / config.SOURCING_ACCURACY_NAME
    if not path.is_file():
        return None
    summary = json.loads(path.read_text(encoding="utf-8"))
    labels = {
        "dev": "dev (out of sample)",
        "dev_rules_only": "dev (out of sample)",
        "train_in_sample": "train (in sample: the tagger learnt from it)",
        "human_agreement": "train, articles annotated twice (the ceiling: people agreeing)",
    }
    rows = [
        {
            "data": f"{summary['dataset']} {labels[key]}",
            "detector": _DETECTORS.get(detector := summary[key].get("detector", "rules + tagger"), detector),
            "articles": summary[key]["n_articles"],
            "gold cues": summary[key]["n_gold_cues"],
            "recall": summary[key]["recall"],
            "precision": summary[key]["precision"],
            "F1": summary[key]["f1"],
        }
        for key in labels
        if key in summary
    ]
    return pd.DataFrame(rows), summary["citation"]
