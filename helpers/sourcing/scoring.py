"""Scoring attribution detection against PolNeAR-style spans: cue overlap counts, recall, precision, F1.

A gold cue counts as found when a detected cue overlaps it by a character; a detected cue counts
as right when it overlaps some gold cue (each one-sided, not a one-to-one matching), as PolNeAR's
authors score. Used by ``make accuracy`` (``benchmarks/accuracy_sourcing.py``) and the tagger's
training (:mod:`helpers.sourcing.training`).
"""

from __future__ import annotations

from collections import Counter

from helpers.sourcing import detect as sourcing
from helpers.sourcing.accuracy import spans_overlap


def score_split(articles: list, tagger: bool = True) -> dict:
    """Cue recall, precision and F1 over a split, with the missed and false-positive cue texts."""
    n_gold = found = n_det = right = 0
    missed: Counter[str] = Counter()
    false_pos: Counter[str] = Counter()
    for _, text, cues in articles:
        det = sourcing.find_attributions(text, tagger=tagger)
        d_spans = list(zip(det["cue_start"], det["cue_end"], strict=True))
        g_spans = list(zip(cues["start"], cues["end"], strict=True))
        for gs, ge in g_spans:
            if any(spans_overlap(ds, de, gs, ge) for ds, de in d_spans):
                found += 1
            else:
                missed[text[gs:ge].lower()] += 1
        for ds, de in d_spans:
            if any(spans_overlap(ds, de, gs, ge) for gs, ge in g_spans):
                right += 1
            else:
                false_pos[text[ds:de].lower()] += 1
        n_gold += len(g_spans)
        n_det += len(d_spans)
    return {
        "n_articles": len(articles),
        "n_gold_cues": n_gold,
        "n_detected_cues": n_det,
        **prf(n_gold, found, n_det, right),
        "missed": missed,
        "false_positives": false_pos,
    }


def match_counts(gold: list[tuple[int, int]], detected: list[tuple[int, int]]) -> tuple[int, int]:
    """(gold spans some detected span overlaps, detected spans overlapping some gold span)."""
    found = sum(any(spans_overlap(d0, d1, g0, g1) for d0, d1 in detected) for g0, g1 in gold)
    right = sum(any(spans_overlap(d0, d1, g0, g1) for g0, g1 in gold) for d0, d1 in detected)
    return found, right


def prf(n_gold: int, found: int, n_det: int, right: int) -> dict:
    """Recall, precision and F1 (rounded) from the overlap counts."""
    recall = found / n_gold if n_gold else 0.0
    precision = right / n_det if n_det else 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return {"recall": round(recall, 4), "precision": round(precision, 4), "f1": round(f1, 4)}


def source_scores(linked: list, tagger: bool = True) -> dict:
    """Of the gold attributions with a source whose cue is found, how many got a source span overlapping it."""
    with_source = found = right = 0
    for _, text, links in linked:
        det = sourcing.find_attributions(text, tagger=tagger)
        rows = list(zip(det["cue_start"], det["cue_end"], det["source_start"], det["source_end"], strict=True))
        for c0, c1, s0, s1 in zip(
            links["cue_start"], links["cue_end"], links["source_start"], links["source_end"], strict=True
        ):
            if s0 < 0:
                continue
            with_source += 1
            hits = [r for r in rows if spans_overlap(r[0], r[1], c0, c1)]
            if hits:
                found += 1
                right += any(spans_overlap(r[2], r[3], s0, s1) for r in hits)
    return {
        "gold_with_source": with_source,
        "cue_found": found,
        "source_overlaps": right,
        "source_accuracy": round(right / found, 4) if found else 0.0,
    }


def agreement_scores(pairs: list) -> dict:
    """Cue recall, precision and F1 of PolNeAR's second annotator against its first (the same overlap match)."""
    n_gold = found = n_det = right = 0
    for _, first, second in pairs:
        g = list(zip(first["start"], first["end"], strict=True))
        d = list(zip(second["start"], second["end"], strict=True))
        f, r = match_counts(g, d)
        found, right, n_gold, n_det = found + f, right + r, n_gold + len(g), n_det + len(d)
    return {"n_articles": len(pairs), "n_gold_cues": n_gold, **prf(n_gold, found, n_det, right)}


def _prf_pair(n_gold: int, found: int, n_det: int, right: int) -> dict:
    """``recall``, ``precision``, ``f1`` rounded, from one-sided match counts."""
    return prf(n_gold, found, n_det, right)


def span_scores(linked: list, tagger: bool = True) -> dict:
    """Cue (overlap and exact), source-span and content-span figures over PolNeAR-style linked attributions.

    ``linked`` holds ``(name, text, links)`` with the columns of
    :data:`helpers.sourcing.polnear.LINK_COLUMNS`. A gold cue is found (overlap) when a detected cue
    shares a character with it, (exact) when a detected cue has its very span. A gold source (or
    content) is found when an attribution whose cue overlaps the gold cue has a source (content)
    overlapping the gold one; a detected source (content) is right when some gold attribution with an
    overlapping cue has an overlapping source (content). ``sourced_found`` is the share of gold
    attributions with a source found with both cue and source overlapping. ``reach_*``: gold contents
    that start in an earlier sentence of the paragraph, and detected contents that reach back.
    """
    from helpers.core.text import sentence_spans

    counts = {k: [0, 0, 0, 0] for k in ("cue", "exact", "source", "content")}
    reach_gold = reach_found = reach_det = reach_right = 0
    for _, text, links in linked:
        det = sourcing.find_attributions(text, tagger=tagger)
        d = list(
            zip(
                det["cue_start"], det["cue_end"], det["source_start"], det["source_end"],
                det["content_start"], det["content_end"], det["reach"], strict=True,
            )
        )  # fmt: skip
        g = list(
            zip(
                links["cue_start"], links["cue_end"], links["source_start"], links["source_end"],
                links["content_start"], links["content_end"], strict=True,
            )
        )  # fmt: skip
        starts = [a for a, _ in sentence_spans(text)]

        def sentence_start(pos: int, starts: list[int] = starts) -> int:
            return max((s for s in starts if s <= pos), default=0)

        def back(c0: int, s0: int, text: str = text) -> bool:
            start = sentence_start(c0)
            return 0 <= s0 < start and "\n" not in text[s0:start]

        for key, gi, di in (("cue", (0, 1), (0, 1)), ("source", (2, 3), (2, 3)), ("content", (4, 5), (4, 5))):
            n = counts[key]
            gold = [r for r in g if r[gi[0]] >= 0]
            found = [r for r in d if r[di[1]] > r[di[0]]]
            n[0] += len(gold)
            n[2] += len(found)
            for r in gold:
                n[1] += any(
                    spans_overlap(x[0], x[1], r[0], r[1]) and spans_overlap(x[di[0]], x[di[1]], r[gi[0]], r[gi[1]])
                    for x in found
                )
            for x in found:
                n[3] += any(
                    spans_overlap(x[0], x[1], r[0], r[1]) and spans_overlap(x[di[0]], x[di[1]], r[gi[0]], r[gi[1]])
                    for r in gold
                )
        exact = counts["exact"]
        gold_cues = {(r[0], r[1]) for r in g}
        det_cues = {(x[0], x[1]) for x in d}
        exact[0] += len(g)
        exact[1] += sum((r[0], r[1]) in det_cues for r in g)
        exact[2] += len(d)
        exact[3] += sum((x[0], x[1]) in gold_cues for x in d)
        for r in g:
            if r[4] >= 0 and back(r[0], r[4]):
                reach_gold += 1
                reach_found += any(x[6] == "previous sentence" and spans_overlap(x[0], x[1], r[0], r[1]) for x in d)
        for x in d:
            if x[6] == "previous sentence":
                reach_det += 1
                reach_right += any(r[4] >= 0 and back(r[0], r[4]) and spans_overlap(x[0], x[1], r[0], r[1]) for r in g)
    out: dict = {"n_articles": len(linked), "n_gold_cues": counts["cue"][0]}
    for key, n in counts.items():
        out[key] = _prf_pair(*n)
    sourced = counts["source"]
    out["sourced_found"] = round(sourced[1] / sourced[0], 4) if sourced[0] else 0.0
    out["n_gold_sourced"] = sourced[0]
    out["reach"] = {
        "gold_back": reach_gold,
        "found": reach_found,
        "detected_back": reach_det,
        "right": reach_right,
    }
    return out
