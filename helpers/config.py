"""Paths and constants shared by every module: the one place to change them."""

from __future__ import annotations

import os
from pathlib import Path

#: Repository root (the folder holding ``corpus/``, ``notebooks/``, ``helpers/``).
REPO_ROOT = Path(__file__).resolve().parent.parent

#: The corpus shipped with the repository; ``CORPUS_DIR`` overrides it.
DEFAULT_CORPUS_DIR = REPO_ROOT / "corpus"

#: Environment variable that points notebooks and the CLI at another corpus.
CORPUS_ENV = "CORPUS_DIR"

#: Inside a corpus directory.
ARTICLES_DIRNAME = "articles"
MANIFEST_NAME = "sources.csv"
REFERENCE_DIRNAME = "reference"

#: Manifest columns, in order. Extra columns are an error (they would be silently ignored).
MANIFEST_COLUMNS = (
    "source_id",
    "file",
    "outlet",
    "headline",
    "byline",
    "published",
    "published_basis",
    "credits",
    "upstream_inferred",
    "sha256",
    "notes",
)
#: Optional manifest columns (absent or empty means the default): ``genre`` (``news`` or
#: ``narrative``, how :mod:`helpers.temporal` anchors relative dates) and ``published_time``
#: (``HH:MM`` with an offset or zone, e.g. ``14:30+03:00``, refining same-day expressions); ``url``
#: (the page's canonical ``http(s)://`` address, which ``add`` records from a saved page: lateral reading starts there).
MANIFEST_OPTIONAL_COLUMNS = ("genre", "published_time", "url")
#: Values of the manifest's ``genre`` column (the first is the default).
GENRES = ("news", "narrative")

#: Separator inside list-valued manifest cells (``credits``).
LIST_SEP = ";"

#: A corpus's own settings (title, question, time zone, topics, windows): see :mod:`helpers.corpus.settings`.
EVENT_SETTINGS_NAME = "event.toml"
#: The project's JupyterLab defaults (news and update checks off): ``make lab`` and the browser tests
#: pass it as ``--LabApp.app_settings_dir``, whose ``overrides.json`` JupyterLab reads.
LAB_SETTINGS_DIR = REPO_ROOT / ".jupyter" / "lab" / "settings"
#: A corpus's own narrative, shown by the notebooks where they call for it (``notes/02.md``).
NOTES_DIRNAME = "notes"
#: Largest settings or note file read (they are a few kilobytes; a huge one is a mistake).
MAX_NOTE_BYTES = 200_000


def corpus_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the corpus directory: explicit argument, else ``$CORPUS_DIR``, else the repo's."""
    if path is not None:
        return Path(path)
    env = os.environ.get(CORPUS_ENV)
    return Path(env) if env else DEFAULT_CORPUS_DIR


def pin_corpus_env() -> None:
    """Make ``$CORPUS_DIR`` absolute (against the current folder) before notebook kernels start elsewhere."""
    env = os.environ.get(CORPUS_ENV)
    if env:
        os.environ[CORPUS_ENV] = str(Path(env).resolve())


#: Hand-coded gold files inside a corpus directory (``gold/temporal.csv``: temporal expressions).
GOLD_DIRNAME = "gold"
TEMPORAL_GOLD_NAME = "temporal.csv"
#: The outside reference timeline inside ``reference/`` (not part of the corpus).
OUTSIDE_TIMELINE_NAME = "outside_timeline.csv"
#: Hand-coded attribution cues and hedges (``gold/``), used to measure :mod:`helpers.sourcing.detect`.
ATTRIBUTIONS_GOLD_NAME = "attributions.csv"
HEDGES_GOLD_NAME = "hedges.csv"
#: The hand claim coding inside a corpus directory: codebook, evidence, competing-claim slots, aliases.
CLAIMS_NAME = "claims.csv"
EVIDENCE_NAME = "evidence.csv"
SLOTS_NAME = "slots.csv"
ALIASES_NAME = "aliases.csv"
#: Largest article file read (bytes); ``$MAX_ARTICLE_BYTES`` overrides it. Larger files are refused with a
#: message: an accidental 50 MB dump would otherwise take minutes and gigabytes in every table.
MAX_ARTICLE_BYTES = 2_000_000
MAX_ARTICLE_ENV = "MAX_ARTICLE_BYTES"


def max_article_bytes() -> int:
    """The article size limit in force: ``$MAX_ARTICLE_BYTES`` when set to a whole number, else the default."""
    value = os.environ.get(MAX_ARTICLE_ENV, "")
    return int(value) if value.isdigit() else MAX_ARTICLE_BYTES


#: Summaries the outside-data benchmarks write (``make accuracy``) and the repository keeps, for the notebooks.
ACCURACY_RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"
SOURCING_ACCURACY_NAME = "sourcing_accuracy.json"

#: Where students' claim codings are saved (``<safe-name>.csv`` each); ``$STUDENT_DIR`` overrides it.
#: Never inside a corpus directory, and git-ignored: they are class work, not reference data.
STUDENT_ENV = "STUDENT_DIR"
DEFAULT_STUDENT_DIR = REPO_ROOT / "student_codings"
#: Largest student answers file read (a class's file is a few kilobytes; a huge one is a mistake).
MAX_STUDENT_FILE_BYTES = 1_000_000

#: The manifest's ``outlet`` when the text does not identify its outlet (compared case-insensitively).
UNKNOWN_OUTLET = "unknown"
