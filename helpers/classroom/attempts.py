"""Every attempt a student submits, kept: the first is what the teacher grades, later ones sit beside it.

An attempt is one submitted answer to one exercise (the choice, the student's sentence, the address
they used outside the corpus). Attempts go to ``<class folder>/attempts/<safe-name>.csv``, appended
under the lock of :func:`helpers.core.files.locked` and written atomically, so thirty saves in one
second or a browser closed mid-save never lose or half-write an answer. The same look-alike-name rule
as the coding files applies (:func:`helpers.classroom.students.safe_name`). A coding article is
*locked* once its student asks to compare it with the reference: the lock is an attempt row too.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from helpers.claims.coding import Codings
from helpers.classroom.students import (
    StudentError,
    check_outside_corpus,
    safe_name,
    save_coding,
    student_dir,
)
from helpers.core.errors import InputError, Problem
from helpers.core.files import LINE, locked, read_table, remove_stale_temporaries, write_csv_atomic

#: Sub-folder of the class folder holding the attempt files.
ATTEMPTS_DIRNAME = "attempts"
#: Columns of an attempt file, in order.
ATTEMPT_COLUMNS = ("student", "exercise", "attempt", "choice", "reason", "address", "correct", "saved")
#: The exercise key of a coding lock: ``coding:<source_id>``.
CODING_LOCK = "coding:"
#: Values of the ``correct`` column: graded right, graded wrong, or open (no computed answer: lateral reading).
CORRECT_VALUES = ("yes", "no", "open")
#: Longest text kept in one cell (a sentence, an address): longer input is refused, not cut.
TEXT_MAX = 2000


def attempts_path(name: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """Where a student's attempts live: ``<folder>/attempts/<safe-name>.csv``."""
    return student_dir(folder) / ATTEMPTS_DIRNAME / f"{safe_name(name)}.csv"


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=list(ATTEMPT_COLUMNS))


def read_attempt_file(path: Path) -> pd.DataFrame:
    """One student's attempts, validated; raise :class:`InputError` naming file and line of every problem."""
    table = read_table(Path(path), ATTEMPT_COLUMNS)
    problems = []
    for row in table.to_dict("records"):
        if not row["exercise"]:
            problems.append(Problem(str(path), row[LINE], "empty exercise"))
        if not str(row["attempt"]).isdigit() or int(row["attempt"]) < 1:
            problems.append(Problem(str(path), row[LINE], f"attempt '{row['attempt']}' is not a number from 1 up"))
        if row["correct"] not in CORRECT_VALUES:
            problems.append(
                Problem(str(path), row[LINE], f"correct '{row['correct']}' is not one of {', '.join(CORRECT_VALUES)}")
            )
    if problems:
        raise InputError(problems)
    table = table.drop(columns=[LINE]).reset_index(drop=True)
    table["attempt"] = table["attempt"].astype(int)
    return table


def _clean(text: object, what: str) -> str:
    value = " ".join(str(text or "").split())
    if len(value) > TEXT_MAX:
        raise StudentError(f"Your {what} is {len(value)} characters long; keep it under {TEXT_MAX}.")
    return value


def record_attempt(
    name: str,
    exercise: str,
    choice: str,
    correct: str,
    reason: str = "",
    address: str = "",
    folder: str | os.PathLike[str] | None = None,
    corpus_dir: Path | str | None = None,
) -> int:
    """Append one attempt to the student's file (never replacing earlier ones); returns its number (1 = first)."""
    if correct not in CORRECT_VALUES:
        raise ValueError(f"correct must be one of {CORRECT_VALUES}, not {correct!r}")
    path = check_outside_corpus(attempts_path(name, folder), corpus_dir)
    display = unicodedata.normalize("NFC", str(name)).strip()
    row = {
        "student": display,
        "exercise": exercise,
        "choice": _clean(choice, "answer"),
        "reason": _clean(reason, "sentence"),
        "address": _clean(address, "address"),
        "correct": correct,
        "saved": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path.parent)
    with locked(path):  # read, append and write as one step: concurrent saves queue, none is lost
        old = read_attempt_file(path) if path.exists() else _empty()
        others = sorted(set(old["student"]) - {display})
        if others:
            raise StudentError(
                f"'{display}' and '{others[0]}' would share one answers file ({path.name}): names that differ "
                f"only in case, spacing or punctuation are the same student here. Add an initial or a number "
                f"to tell them apart (e.g. '{display} 2')."
            )
        number = int((old["exercise"] == exercise).sum()) + 1
        new = pd.DataFrame([{**row, "attempt": number}], columns=list(ATTEMPT_COLUMNS))
        write_csv_atomic(path, pd.concat([old, new], ignore_index=True)[list(ATTEMPT_COLUMNS)])
    return number


def student_attempts(name: str, folder: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """A student's own attempts (empty when none yet)."""
    path = attempts_path(name, folder)
    return read_attempt_file(path) if path.exists() else _empty()


def is_locked(name: str, source_id: str, folder: str | os.PathLike[str] | None = None) -> bool:
    """Whether the student has compared this article with the reference, which locks its coding."""
    return bool((student_attempts(name, folder)["exercise"] == CODING_LOCK + source_id).any())


def save_article(
    name: str,
    source_id: str,
    answers: Mapping[str, tuple[str, str]] | pd.DataFrame,
    folder: str | os.PathLike[str] | None = None,
    corpus_dir: Path | str | None = None,
) -> Path:
    """Save a coding like :func:`helpers.classroom.students.save_coding`, refused once the article is locked."""
    if is_locked(name, source_id, folder):
        raise StudentError(
            f"Your coding of {source_id} is locked: you compared it with the reference, so the answers you "
            "had then are the ones that count."
        )
    return save_coding(name, source_id, answers, folder, corpus_dir)


def lock_article(
    name: str,
    source_id: str,
    answers: Mapping[str, tuple[str, str]] | pd.DataFrame,
    folder: str | os.PathLike[str] | None = None,
    corpus_dir: Path | str | None = None,
) -> Path:
    """Save the coding as it stands, then lock it (the student asked to compare); returns the coding file."""
    path = save_article(name, source_id, answers, folder, corpus_dir)
    record_attempt(name, CODING_LOCK + source_id, "compared", "open", folder=folder, corpus_dir=corpus_dir)
    return path


# ---------------------------------------------------------------------------------------------
# The teacher's side
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClassAttempts:
    """Every attempt of a class folder, the first attempt per (student, exercise), and unreadable files."""

    attempts: pd.DataFrame
    first: pd.DataFrame
    problems: list[Problem]


def read_attempts(folder: str | os.PathLike[str] | None = None) -> ClassAttempts:
    """Read every attempt file of the class folder; a bad file is one problem line, the others still count."""
    root = student_dir(folder) / ATTEMPTS_DIRNAME
    frames, problems = [], []
    paths = sorted(p for p in root.glob("*.csv") if p.is_file() and not p.name.startswith(".")) if root.is_dir() else []
    for path in paths:
        try:
            frames.append(read_attempt_file(path))
        except InputError as exc:
            problems.extend(exc.problems)
    table = pd.concat(frames, ignore_index=True) if frames else _empty()
    table = table[~table["exercise"].str.startswith(CODING_LOCK)].reset_index(drop=True)
    first = first_attempts(table)
    return ClassAttempts(table, first, problems)


def first_attempts(attempts: pd.DataFrame) -> pd.DataFrame:
    """One row per (student, exercise): the first attempt, what is graded, with the later ones beside it."""
    columns = ["student", "exercise", "choice", "reason", "address", "correct", "attempts", "later choices"]
    if attempts.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (student, exercise), group in attempts.sort_values("attempt").groupby(["student", "exercise"], sort=True):
        first = group.iloc[0]
        later = [f"{r.choice} ({r.correct})" for r in group.iloc[1:].itertuples()]
        rows.append(
            {
                "student": student,
                "exercise": exercise,
                "choice": first["choice"],
                "reason": first["reason"],
                "address": first["address"],
                "correct": first["correct"],
                "attempts": len(group),
                "later choices": "; ".join(later),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def grade_table(first: pd.DataFrame) -> pd.DataFrame:
    """Per student: exercises answered, right at the first attempt, open answers given (lateral reading)."""
    columns = ["student", "answered", "right first time", "open answers", "with an address"]
    if first.empty:
        return pd.DataFrame(columns=columns)
    rows = [
        {
            "student": student,
            "answered": len(group),
            "right first time": int((group["correct"] == "yes").sum()),
            "open answers": int((group["correct"] == "open").sum()),
            "with an address": int((group["address"] != "").sum()),
        }
        for student, group in first.groupby("student", sort=True)
    ]
    return pd.DataFrame(rows, columns=columns)


def coding_of_locked(codings: Codings, folder: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The (student, article) codings that are locked (compared), from the attempt files: what counts for grading."""
    root = student_dir(folder) / ATTEMPTS_DIRNAME
    rows = []
    for path in sorted(root.glob("*.csv")) if root.is_dir() else []:
        try:
            table = read_attempt_file(path)
        except InputError:
            continue
        for rec in table[table["exercise"].str.startswith(CODING_LOCK)].to_dict("records"):
            sid = rec["exercise"][len(CODING_LOCK) :]
            if sid in codings.coded_sources:
                rows.append({"student": rec["student"], "source_id": sid, "locked": rec["saved"]})
    return pd.DataFrame(rows, columns=["student", "source_id", "locked"]).drop_duplicates(["student", "source_id"])
