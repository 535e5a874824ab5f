"""Student coding files: names, where the files live, saving and reading them.

A student picks an article and codes, for each claim the reference coding found in it, the
*stance* and the *attribution kind* (the vocabulary of the coding rules in ``corpus/README.md``). Answers are
saved to ``<student dir>/<safe-name>.csv`` (``$STUDENT_DIR``, default ``student_codings/``),
atomically, and never inside a corpus directory: the reference coding is read, never written.
Agreement with the reference is :mod:`helpers.classroom.agreement`; what students see, :mod:`helpers.classroom.views`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.claims.coding import ATTRIBUTION_KINDS, STANCES, Codings
from helpers.core.errors import InputError, Problem, display_path
from helpers.core.files import LINE, locked, read_table, remove_stale_temporaries, suggest, write_csv_atomic
from helpers.corpus.load import check_source_id

#: Columns of a student coding file, in order.
STUDENT_COLUMNS = ("student", "source_id", "claim_id", "stance", "attribution_kind")
#: The coded fields compared with the reference.
FIELDS = ("stance", "attribution_kind")
#: Longest student name accepted (it becomes a file name).
NAME_MAX = 60
#: What each attribution kind means, in plain words (the coding rules in corpus/README.md, section 5):
#: the students' legend (:mod:`helpers.classroom.views`), and the answer options of :mod:`helpers.classroom.exercises`.
KIND_LEGEND = {
    "named": "a named person or body",
    "anonymous": "unnamed sources",
    "outlet": "another news outlet, with no source described behind it",
    "document": "a document or record",
    "none": "nobody: it is stated as plain fact",
}
#: An example of each kind from the coding rules, shown beside the legend.
KIND_EXAMPLES = {
    "named": "Lebanese Interior Minister Bassam Mawlawi",
    "anonymous": "two regional diplomats",
    "outlet": "AP reported",
    "document": "university records show",
}
_NAME_CHARS = re.compile(r"^[\w .'’-]+$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
#: An unanswered field (blank in the file and the widget).
UNANSWERED = ""


class StudentError(ValueError):
    """A one-line, student-facing problem (bad name, refused folder, unknown answer)."""


# ---------------------------------------------------------------------------------------------
# Names, folders, files
# ---------------------------------------------------------------------------------------------
def safe_name(name: str) -> str:
    """The file stem for a student's name: casefolded words joined by hyphens; raise on a bad name."""
    text = unicodedata.normalize("NFC", str(name or "")).strip()
    if not text:
        raise StudentError("Enter your name first: it names the file your answers are saved in.")
    if len(text) > NAME_MAX:
        raise StudentError(f"That name is {len(text)} characters long; use at most {NAME_MAX}.")
    if not _NAME_CHARS.match(text):
        bad = sorted({ch for ch in text if not _NAME_CHARS.match(ch)})
        shown = " ".join(f"'{ch}'" if ch.isprintable() else repr(ch) for ch in bad)
        raise StudentError(f"A name may use letters, digits, spaces, hyphens, apostrophes and full stops, not {shown}.")
    stem = re.sub(r"[\W_]+", "-", text.casefold()).strip("-")
    if not stem:
        raise StudentError("A name needs at least one letter or digit.")
    if stem in _RESERVED:
        raise StudentError(f"'{text}' cannot name a file on every system; add your surname or initial.")
    return stem


def student_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The folder of student files: explicit argument, else ``$STUDENT_DIR``, else ``student_codings/``."""
    if path is not None:
        return Path(path)
    env = os.environ.get(config.STUDENT_ENV)
    return Path(env) if env else config.DEFAULT_STUDENT_DIR


def check_outside_corpus(path: Path, corpus_dir: Path | str | None = None) -> Path:
    """Return ``path`` if it lies outside every corpus directory in use; raise :class:`StudentError` if not."""
    target = Path(path).resolve()
    for cdir in {config.DEFAULT_CORPUS_DIR.resolve(), config.corpus_dir(corpus_dir).resolve()}:
        if target == cdir or cdir in target.parents:
            raise StudentError(
                f"Refusing to write student answers inside the corpus directory ({shown_path(cdir)}): "
                f"the reference coding is never overwritten; set {config.STUDENT_ENV} to a folder outside it."
            )
    return Path(path)


def shown_path(path: Path) -> str:
    """A path as shown to people: relative to the repository when inside it (no machine paths in notebooks)."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(config.REPO_ROOT).as_posix()
    except ValueError:
        return display_path(path)


def student_path(name: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """Where a student's answers live: ``<folder>/<safe-name>.csv``."""
    return student_dir(folder) / f"{safe_name(name)}.csv"


def answers_frame(answers: Mapping[str, tuple[str, str]] | pd.DataFrame) -> pd.DataFrame:
    """Answers as a frame of claim_id, stance, attribution_kind (strings, blank when unanswered)."""
    if isinstance(answers, pd.DataFrame):
        frame = answers.reindex(columns=["claim_id", *FIELDS]).fillna(UNANSWERED).astype(str)
    else:
        frame = pd.DataFrame(
            [(cid, *pair) for cid, pair in answers.items()], columns=["claim_id", *FIELDS], dtype=object
        ).fillna(UNANSWERED)
    frame = frame.apply(lambda s: s.str.strip())
    return frame[(frame["stance"] != UNANSWERED) | (frame["attribution_kind"] != UNANSWERED)]


def _value_problem(field: str, value: str) -> str | None:
    """Why ``value`` is not a valid answer for ``field`` (None when it is, or when unanswered)."""
    allowed = STANCES if field == "stance" else ATTRIBUTION_KINDS
    if value == UNANSWERED or value in allowed:
        return None
    return f"unknown {field} '{value}'{suggest(value, allowed)} (one of {', '.join(allowed)})"


def save_coding(
    name: str,
    source_id: str,
    answers: Mapping[str, tuple[str, str]] | pd.DataFrame,
    folder: str | os.PathLike[str] | None = None,
    corpus_dir: Path | str | None = None,
) -> Path:
    """Save one article's answers in the student's file (other articles' answers kept), atomically.

    ``answers`` maps claim_id to (stance, attribution_kind), or is a frame with those columns;
    blank answers are left out. Returns the file written.
    """
    path = check_outside_corpus(student_path(name, folder), corpus_dir)
    frame = answers_frame(answers)
    bad = [
        f"{cid}: {msg}"
        for cid, st, kind in frame[["claim_id", *FIELDS]].itertuples(index=False)
        for field, value in (("stance", st), ("attribution_kind", kind))
        if (msg := _value_problem(field, value))
    ]
    if bad:
        raise StudentError("; ".join(bad))
    display = unicodedata.normalize("NFC", str(name)).strip()
    new = frame.assign(student=display, source_id=source_id)[list(STUDENT_COLUMNS)]
    remove_stale_temporaries(path.parent)
    with locked(path):  # read, merge and write as one step: concurrent saves never lose answers
        old = read_student_file(path) if path.exists() else pd.DataFrame(columns=list(STUDENT_COLUMNS))
        others = sorted(set(old["student"]) - {display})
        if others:
            raise StudentError(
                f"'{display}' and '{others[0]}' would share one answers file ({path.name}): names that differ "
                "only in case, spacing or punctuation are the same student here. Add an initial or a number "
                f"to tell them apart (e.g. '{display} 2')."
            )
        kept = old[old["source_id"] != source_id]
        merged = pd.concat([kept, new], ignore_index=True).sort_values(["source_id", "claim_id"], kind="stable")
        write_csv_atomic(path, merged[list(STUDENT_COLUMNS)])
    return path


def read_student_file(path: Path, codings: Codings | None = None) -> pd.DataFrame:
    """One student's answers, validated; raise :class:`InputError` naming file and line of every problem.

    With ``codings``, an article or claim the reference coding does not know is a problem too.
    """
    if Path(path).is_file() and Path(path).stat().st_size > config.MAX_STUDENT_FILE_BYTES:
        size = Path(path).stat().st_size
        limit = config.MAX_STUDENT_FILE_BYTES
        raise InputError([Problem(str(path), None, f"{size:,} bytes, over the {limit:,}-byte limit for student files")])
    table = read_table(Path(path), STUDENT_COLUMNS)
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    known_claims = set(codings.claims.index) if codings is not None else None
    known_sources = codings.coded_sources if codings is not None else None
    for row in table.to_dict("records"):
        line = row[LINE]
        for field in FIELDS:
            if msg := _value_problem(field, row[field]):
                problems.append(Problem(str(path), line, msg))
        if not row["claim_id"] or not row["source_id"]:
            problems.append(Problem(str(path), line, "empty claim_id or source_id"))
        else:
            if known_sources is not None and row["source_id"] not in known_sources:
                hint = suggest(row["source_id"], known_sources)
                problems.append(Problem(str(path), line, f"unknown source_id '{row['source_id']}'{hint}"))
            if known_claims is not None and row["claim_id"] not in known_claims:
                hint = suggest(row["claim_id"], known_claims)
                problems.append(Problem(str(path), line, f"unknown claim_id '{row['claim_id']}'{hint}"))
        key = (row["source_id"], row["claim_id"])
        if key in seen:
            msg = f"{key[1]} in {key[0]} answered twice (first on line {seen[key]})"
            problems.append(Problem(str(path), line, msg))
        seen.setdefault(key, line)
    if problems:
        raise InputError(problems)
    return table.drop(columns=[LINE]).reset_index(drop=True)


def student_files(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """The student files of a folder, sorted (hidden and temporary files of interrupted writes skipped)."""
    root = student_dir(folder)
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("*.csv") if p.is_file() and not p.name.startswith("."))


# ---------------------------------------------------------------------------------------------
# The coding task
# ---------------------------------------------------------------------------------------------
def coding_task(codings: Codings, corpus: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """The claims the reference codes in one article, with their quotes (and nothing of the answer).

    An id the corpus does not hold raises :class:`helpers.corpus.load.UnknownSourceError` (with a suggestion).
    """
    check_source_id(corpus, source_id)
    ev = codings.evidence[codings.evidence["source_id"] == source_id]
    task = ev[["claim_id", "quote"]].copy()
    task.insert(1, "statement", [codings.claims.at[c, "statement"] for c in task["claim_id"]])
    return task.sort_values("claim_id", kind="stable").reset_index(drop=True)


#: The lesson's coding excerpt: at most this many claims of one article (and, by default, an article with at least
#: :data:`EXCERPT_LEAST`), so a pair codes it in about ten minutes.
EXCERPT_MOST = 8
EXCERPT_LEAST = 6


def excerpt_article(codings: Codings, corpus: pd.DataFrame, source_id: str | None = None) -> str | None:
    """The article the class codes: ``source_id`` (checked), else the shortest coded one with enough claims."""
    if source_id:
        check_source_id(corpus, source_id)
        return source_id
    coded = [sid for sid in corpus.index if sid in set(codings.coded_sources)]
    if not coded:
        return None
    claims = codings.evidence["source_id"].value_counts()
    enough = [sid for sid in coded if claims.get(sid, 0) >= EXCERPT_LEAST]
    if not enough:
        return max(coded, key=lambda sid: (claims.get(sid, 0), -coded.index(sid)))
    return min(enough, key=lambda sid: (len(str(corpus.at[sid, "text"])), coded.index(sid)))


def coding_excerpt(codings: Codings, corpus: pd.DataFrame, source_id: str, most: int = EXCERPT_MOST) -> pd.DataFrame:
    """The first ``most`` claims of an article in reading order (where their quote stands in the text)."""
    task = coding_task(codings, corpus, source_id)
    text = str(corpus.at[source_id, "text"])
    position = [text.find(q) if text.find(q) >= 0 else len(text) for q in task["quote"]]
    task = task.assign(_at=position).sort_values(["_at", "claim_id"], kind="stable")
    return task.drop(columns=["_at"]).head(most).reset_index(drop=True)
