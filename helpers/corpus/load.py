"""Load and validate a corpus directory: ``sources.csv`` (the manifest) plus ``articles/``.

Validation collects every problem as a one-line :class:`~helpers.core.errors.Problem` naming the
file and line, so a researcher adding an article sees what to fix without a traceback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import stat
import unicodedata
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.core.errors import InputError, Problem, problems_of
from helpers.core.files import LINE, decode_bytes, read_table, suggest
from helpers.corpus.settings import Settings, read_settings

_SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: Unicode categories a reader does not see: control, format (zero-width), unassigned, surrogates.
_INVISIBLE = {"Cc", "Cf", "Cn", "Cs"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: ``HH:MM`` then an offset (``+03:00``, ``-0500``, ``Z``) or a zone (``UTC``, ``GMT``, ``Europe/London``).
#: A manifest ``url``: one absolute web address.
_URL = re.compile(r"^https?://[^\s/]+\S*$")
_PUBLISHED_TIME = re.compile(
    r"^(?:[01]\d|2[0-3]):[0-5]\d\s*(?:[+-](?:[01]\d|2[0-3]):?[0-5]\d|Z|UTC|GMT|[A-Z]{3,5}|[A-Za-z_]+/[A-Za-z_/+-]+)$"
)


def _is_iso_date(value: str) -> bool:
    """Whether ``value`` is a real calendar date written YYYY-MM-DD."""
    try:
        return bool(_ISO_DATE.match(value)) and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def manifest_path(corpus_dir: Path) -> Path:
    """Where a corpus keeps its manifest."""
    return corpus_dir / config.MANIFEST_NAME


def articles_dir(corpus_dir: Path) -> Path:
    """Where a corpus keeps its article text files."""
    return corpus_dir / config.ARTICLES_DIRNAME


def untrusted_file_problem(path: Path, inside: Path) -> str | None:
    """Why ``path`` may not be read as corpus input (a link, a device, outside ``inside``), or None.

    Corpus files are untrusted: a symbolic link could make any local file an "article" whose lines
    are then echoed in error messages, and a device or pipe could block a read forever.
    """
    if path.is_symlink():
        return "is a symbolic link: corpus files must be regular files inside the corpus directory"
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(mode):
        return "is not a regular file"
    if not path.resolve().is_relative_to(inside.resolve()):
        return "lies outside the corpus directory"
    return None


def has_visible_text(text: str) -> bool:
    """Whether a text has any character a reader can see (not only spaces, zero-width or control characters)."""
    return any(not ch.isspace() and unicodedata.category(ch) not in _INVISIBLE for ch in text)


def _layout_warnings(text: str, path: Path) -> list[Problem]:
    """Warnings for a byte-order mark or CR line ends: offsets count them, some readers strip them."""
    out = []
    if text.startswith("\ufeff"):
        message = "starts with a byte-order mark (U+FEFF): offsets count it as character 0"
        out.append(Problem(str(path), None, message, True))
    if "\r" in text:
        out.append(Problem(str(path), None, "has CR or CRLF line ends: offsets count each CR as a character", True))
    return out


def split_list(cell: str) -> tuple[str, ...]:
    """Split a ``;``-separated manifest cell into its non-empty, stripped items."""
    return tuple(item.strip() for item in str(cell).split(config.LIST_SEP) if item.strip())


def _check_rows(manifest: pd.DataFrame, mpath: Path, adir: Path) -> tuple[list[Problem], dict[str, str]]:
    """Row-level checks of the manifest; returns problems (warnings last) and the decoded text per source_id."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    texts: dict[str, str] = {}
    seen: dict[str, int] = {}
    on_disk = (
        sorted(p.name for p in adir.iterdir() if (p.is_file() or p.is_symlink()) and not p.name.startswith("."))
        if adir.is_dir()
        else []
    )
    files_seen: dict[str, int] = {}
    limit = config.max_article_bytes()
    for row in manifest.to_dict("records"):
        line = row[LINE]

        def bad(message: str, line: int = line) -> None:
            problems.append(Problem(str(mpath), line, message))

        sid = row["source_id"]
        if not sid:
            bad("empty source_id")
        elif not _SOURCE_ID.match(sid):
            bad(f"source_id '{sid}' must be lowercase letters, digits and hyphens")
        elif sid in seen:
            bad(f"duplicate source_id '{sid}' (first on line {seen[sid]})")
        else:
            seen[sid] = line
        if not _is_iso_date(row["published"]):
            bad(f"unparseable date '{row['published']}' in 'published' (expected YYYY-MM-DD)")
        genre = row.get("genre", "").strip()
        if genre and genre not in config.GENRES:
            bad(f"genre '{genre}' must be one of {', '.join(config.GENRES)} or empty{suggest(genre, config.GENRES)}")
        ptime = row.get("published_time", "").strip()
        if ptime and not _PUBLISHED_TIME.match(ptime):
            bad(f"published_time '{ptime}' must be HH:MM with an offset or zone (e.g. 14:30+03:00 or 09:05 UTC)")
        url = row.get("url", "").strip()
        if url and not _URL.match(url):
            bad(f"url '{url}' must be one http:// or https:// address with no spaces")
        basis = row["published_basis"]
        if not (basis == "stated" or (basis.startswith("inferred:") and basis[len("inferred:") :].strip())):
            bad(f"published_basis '{basis}' must be 'stated' or 'inferred: <reasoning>'")
        if not row["outlet"]:
            bad("empty outlet (write 'unknown' when the text does not identify it)")
        fname = row["file"]
        fpath = adir / fname
        if not fname or Path(fname).name != fname:
            bad(f"file '{fname}' must be a plain file name inside {config.ARTICLES_DIRNAME}/")
            continue
        if fname in files_seen:
            bad(f"file '{fname}' is already the article of line {files_seen[fname]} (one row per article)")
            continue
        files_seen[fname] = line
        if not fpath.exists() and not fpath.is_symlink():
            bad(f"unknown file '{fname}'{suggest(fname, on_disk)}")
            continue
        unsafe = untrusted_file_problem(fpath, adir)
        if unsafe:
            bad(f"file '{fname}' {unsafe}")
            continue
        if fpath.stat().st_size > limit:
            bad(
                f"file '{fname}' is {fpath.stat().st_size:,} bytes, over the limit of {limit:,} bytes for an "
                f"article (set {config.MAX_ARTICLE_ENV} to raise it)"
            )
            continue
        data = fpath.read_bytes()  # read once: decoded and hashed from the same bytes
        try:
            text = decode_bytes(data, fpath)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if not has_visible_text(text):
            problems.append(Problem(str(fpath), None, "article is empty (no visible characters)"))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if row["sha256"] != digest:
            bad(
                f"sha256 of '{fname}' does not match the file (file has {digest}): "
                "the article was edited or the manifest is stale"
            )
        texts[sid] = text
        warnings.extend(_layout_warnings(text, fpath))
    listed = set(manifest["file"])
    for name in on_disk:
        if name not in listed:
            problems.append(
                Problem(
                    str(adir / name),
                    None,
                    f"article file not in the manifest (add a row for it to {config.MANIFEST_NAME})",
                )
            )
    return problems + warnings, texts


def _read_manifest(corpus_dir: Path) -> tuple[pd.DataFrame, dict[str, str], list[Problem]]:
    """Read and check the manifest and articles; raise :class:`InputError` with every problem.

    Returns the manifest, the text per source_id, and the warnings (which do not make it invalid).
    """
    mpath = manifest_path(corpus_dir)
    if not corpus_dir.is_dir():
        raise InputError([Problem(str(corpus_dir), None, "corpus directory not found")])
    if not mpath.is_file():
        raise InputError([Problem(str(mpath), None, "missing manifest (every corpus needs sources.csv)")])
    manifest = read_table(mpath, config.MANIFEST_COLUMNS, config.MANIFEST_OPTIONAL_COLUMNS)
    adir = articles_dir(corpus_dir)
    if not adir.is_dir():
        raise InputError([Problem(str(adir), None, "missing articles directory")])
    found, texts = _check_rows(manifest, mpath, adir)
    problems = [p for p in found if not p.warning]
    if manifest.empty:
        problems.append(Problem(str(mpath), None, "manifest lists no articles"))
    if problems:
        raise InputError(problems)
    return manifest, texts, [p for p in found if p.warning]


class Corpus(pd.DataFrame):
    """One row per article, indexed by ``source_id``, that knows the directory it was read from.

    It is a DataFrame so every table operation works on it as before; ``dir`` travels with it, so
    the codings, gold files and outside reference are found from the corpus itself, never reloaded.
    """

    _metadata = ["dir", "warnings", "settings"]  # noqa: RUF012 (pandas' subclassing protocol)
    dir: Path
    #: The corpus's own settings (``event.toml``, else defaults from the articles' dates).
    settings: Settings
    #: Things worth knowing that do not make the corpus invalid (a byte-order mark, CRLF line ends).
    warnings: list[Problem]

    @property
    def _constructor(self) -> type[Corpus]:
        return Corpus

    def path(self, *parts: str) -> Path:
        """A path inside the corpus directory (``corpus.path("gold", "temporal.csv")``)."""
        return Path(self.dir).joinpath(*parts)


def validate_corpus(corpus_dir: Path | str | None = None) -> list[Problem]:
    """Every problem of a corpus directory's manifest and articles (empty list when valid)."""
    try:
        load_corpus(corpus_dir)
    except InputError as exc:
        return exc.problems
    return []


def load_corpus(corpus_dir: Path | str | None = None) -> Corpus:
    """Read, check and hash the corpus once: a :class:`Corpus` of manifest columns plus the text.

    ``published`` becomes a Timestamp, ``credits`` a tuple of outlets, ``genre`` defaults to
    ``news`` and ``published_time`` to empty, and ``n_words`` / ``n_chars`` are added. Raises
    :class:`InputError` listing every problem when invalid.
    """
    cdir = config.corpus_dir(corpus_dir)
    try:
        manifest, texts, warned = _read_manifest(cdir)
    except InputError as exc:
        settings_problems = problems_of(lambda: read_settings(cdir)) if cdir.is_dir() else []
        raise InputError(exc.problems + settings_problems) from None
    frame = Corpus(manifest.drop(columns=[LINE]).set_index("source_id"))
    frame["published"] = pd.to_datetime(frame["published"], format="%Y-%m-%d")
    settings = read_settings(cdir, frame["published"])
    frame["credits"] = frame["credits"].map(split_list)
    frame["genre"] = frame["genre"].str.strip().replace("", config.GENRES[0])
    frame["published_time"] = frame["published_time"].str.strip()
    frame["url"] = frame["url"].str.strip()
    frame["text"] = [texts[sid] for sid in frame.index]
    frame["n_chars"] = frame["text"].str.len()
    frame["n_words"] = frame["text"].str.split().str.len()
    frame.dir = cdir
    frame.warnings = warned
    frame.settings = settings
    return frame


class UnknownSourceError(KeyError):
    """A source id that is not in the corpus; the message suggests the closest one."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


def check_source_id(corpus: pd.DataFrame, source_id: str) -> str:
    """Return ``source_id`` if the corpus has it, else raise :class:`UnknownSourceError`."""
    if source_id not in corpus.index:
        known = ", ".join(corpus.index)
        raise UnknownSourceError(f"unknown source id '{source_id}'{suggest(source_id, corpus.index)}; known: {known}")
    return source_id


def is_known_outlet(outlet: object) -> bool:
    """Whether a manifest outlet names an outlet: neither empty nor ``config.UNKNOWN_OUTLET`` (any case)."""
    name = str(outlet or "").strip()
    return bool(name) and name.casefold() != config.UNKNOWN_OUTLET


def corpus_column(corpus: pd.DataFrame, name: str, default: object) -> dict[str, object]:
    """One corpus column as a dict by source id (``default`` when the column is missing)."""
    if name in corpus:
        return {str(sid): value for sid, value in corpus[name].items()}
    return {str(sid): default for sid in corpus.index}


def is_inferred(basis: str) -> bool:
    """Whether a ``published_basis`` value marks the date as inferred rather than stated."""
    return str(basis).startswith("inferred:")
