"""Saving new codings: evidence rows and new claims appended to the corpus's files, checked before they land.

Every save keeps each existing row and its order (new rows are appended to the file's own text), is
checked with the same rules as ``validate`` (quotes anchored once, whole words, known stances and
kinds), holds a lock for the read-merge-write and writes atomically: an interrupted save leaves the
old file or the new one, never a mix. ``claims.csv`` is written before ``evidence.csv``, so a save
stopped between the two leaves at most a claim no article codes yet (a warning, not an error).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.claims import coding
from helpers.core.errors import InputError, Problem
from helpers.core.files import LINE, locked, read_table, write_atomic
from helpers.corpus.load import Corpus

_SAFE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Saved:
    """What a save wrote: the files, the new evidence rows, and the ids given to new claims."""

    files: tuple[Path, ...]
    evidence: pd.DataFrame
    claim_ids: tuple[str, ...]


def coder_slug(coder: str) -> str:
    """A second coder's name as a file-name part ('Ana Lee' -> 'ana-lee'); refuses a name with no letters."""
    slug = _SAFE.sub("-", coder.casefold()).strip("-")
    if not slug:
        raise InputError([Problem(coder or "(coder)", None, "a coder's name needs at least one letter or digit")])
    return slug


def coding_paths(corpus: Corpus, coder: str | None = None) -> tuple[Path, Path]:
    """Where a save goes: the reference ``claims.csv``/``evidence.csv``, or a second coder's pair beside them."""
    if coder is None:
        return corpus.path(config.CLAIMS_NAME), corpus.path(config.EVIDENCE_NAME)
    slug = coder_slug(coder)
    return corpus.path(f"claims.{slug}.csv"), corpus.path(f"evidence.{slug}.csv")


def next_claim_ids(existing: pd.Series, n: int) -> list[str]:
    """``n`` fresh claim ids after the highest existing one (C001 style, at least three digits)."""
    numbers = [int(c[1:]) for c in existing if re.fullmatch(r"C\d{3,}", str(c))]
    top = max(numbers, default=0)
    return [f"C{top + i:03d}" for i in range(1, n + 1)]


def _read(path: Path, required: tuple[str, ...], optional: tuple[str, ...]) -> tuple[pd.DataFrame, str]:
    """A coding file as read (with ``_line``) and its text; empty (header only) when the file does not exist."""
    if not path.exists():
        header = io.StringIO()
        csv.writer(header, lineterminator="\n").writerow([*required, *optional])
        return pd.DataFrame(columns=[*required, *optional, LINE], dtype=object), header.getvalue()
    return read_table(path, required, optional), path.read_text(encoding="utf-8")


def _append(text: str, frame: pd.DataFrame, new: pd.DataFrame) -> str:
    """The file's text with ``new`` rows appended in its own column order (a new column rewrites the file)."""
    header = next(csv.reader(io.StringIO(text)), [])
    missing = [c for c in new.columns if c not in header and new[c].astype(str).str.len().any()]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if missing:  # a column the file lacks (occurrence, say): write every row again under the wider header
        columns = [*header, *missing]
        writer.writerow(columns)
        for row in frame.drop(columns=[LINE]).to_dict("records"):
            writer.writerow([row.get(c, "") for c in columns])
    else:
        columns = header
        out.write(text if text.endswith("\n") else text + "\n")
    for row in new.to_dict("records"):
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def _with_lines(new: pd.DataFrame, frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """New rows with every coding column (empty where not given) and the file lines they will have."""
    rows = new.reindex(columns=list(columns)).astype(object).where(lambda f: f.notna(), "")
    rows = rows.astype(str).apply(lambda s: s.str.strip())
    last = int(frame[LINE].max()) if len(frame) else 1
    rows[LINE] = range(last + 1, last + 1 + len(rows))
    return rows


def save_codings(
    corpus: Corpus,
    evidence: pd.DataFrame,
    claims: pd.DataFrame | None = None,
    coder: str | None = None,
) -> Saved:
    """Append evidence rows (and new claims) to the corpus's coding, or to a second coder's files.

    ``claims`` rows without a ``claim_id`` get the next free ids, and evidence rows may refer to them
    by their position as ``new:1``, ``new:2``. Raises :class:`InputError` listing every problem of the
    merged coding (quote not found or found twice without ``occurrence``, mid-word boundaries,
    unknown stance, a duplicate coding) and writes nothing then.
    """
    claims_path, evidence_path = coding_paths(corpus, coder)
    ref_claims_path = corpus.path(config.CLAIMS_NAME)
    with locked(evidence_path), locked(claims_path):
        claim_frame, claim_text = _read(claims_path, coding.CLAIM_COLUMNS, coding.CLAIM_OPTIONAL)
        ev_frame, ev_text = _read(evidence_path, coding.EVIDENCE_COLUMNS, coding.EVIDENCE_OPTIONAL)
        known = claim_frame
        if coder is not None and ref_claims_path.exists():
            known = pd.concat([read_table(ref_claims_path, coding.CLAIM_COLUMNS, coding.CLAIM_OPTIONAL), known])
        new_claims = pd.DataFrame(columns=list(coding.CLAIM_COLUMNS)) if claims is None else claims.copy()
        if "claim_id" not in new_claims:
            new_claims["claim_id"] = ""
        blank = new_claims["claim_id"].fillna("").astype(str).str.strip() == ""
        fresh = next_claim_ids(known["claim_id"], int(blank.sum()))
        new_claims.loc[blank, "claim_id"] = fresh
        ids = list(new_claims["claim_id"])
        new_ev = evidence.copy()
        new_ev["claim_id"] = [
            ids[int(c[4:]) - 1] if re.fullmatch(r"new:\d+", str(c)) and 0 < int(c[4:]) <= len(ids) else c
            for c in new_ev["claim_id"]
        ]
        claim_rows = _with_lines(new_claims, claim_frame, (*coding.CLAIM_COLUMNS, *coding.CLAIM_OPTIONAL))
        ev_rows = _with_lines(new_ev, ev_frame, (*coding.EVIDENCE_COLUMNS, *coding.EVIDENCE_OPTIONAL))
        all_claims = pd.concat([known, claim_rows], ignore_index=True)
        topics = corpus.settings.topics if getattr(corpus, "settings", None) is not None else ()
        problems = coding.check_claims(pd.concat([claim_frame, claim_rows], ignore_index=True), claims_path, topics)
        more, anchored = coding.check_and_anchor(
            pd.concat([ev_frame, ev_rows], ignore_index=True), all_claims, corpus, evidence_path
        )
        problems += more
        if problems:
            raise InputError(problems)
        written = []
        if len(claim_rows):
            write_atomic(claims_path, _append(claim_text, claim_frame, claim_rows.drop(columns=[LINE])))
            written.append(claims_path)
        if len(ev_rows):
            write_atomic(evidence_path, _append(ev_text, ev_frame, ev_rows.drop(columns=[LINE])))
            written.append(evidence_path)
    return Saved(
        files=tuple(written),
        evidence=anchored.tail(len(ev_rows)).drop(columns=[LINE]).reset_index(drop=True),
        claim_ids=tuple(fresh),
    )
