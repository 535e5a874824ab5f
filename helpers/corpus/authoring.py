"""A corpus from scratch: lay out a new corpus directory, and add articles to it from text files or saved web pages.

:func:`new_corpus` writes an empty manifest, an ``articles/`` folder, a commented ``event.toml``
and a README skeleton. :func:`add_article` stores one article's text in ``articles/<id>.txt``,
hashes it and appends its manifest row under a file lock, so that two adds at once both land.
Reading the file (a ``.txt``, or a saved web page through trafilatura) is :mod:`helpers.corpus.inputs`;
the row's ``notes`` say which fields came from the page.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from helpers import config
from helpers.core.errors import InputError, display_path
from helpers.core.files import BOM, decode_bytes, locked, read_table, write_atomic
from helpers.corpus.credits import read_credits
from helpers.corpus.inputs import (
    TEXT_SUFFIXES,
    AuthoringError,
    _one_line,
    field_notes,
    normalised_text,
    read_article,
    slug,
)
from helpers.corpus.load import (
    _PUBLISHED_TIME,
    _SOURCE_ID,
    _is_iso_date,
    articles_dir,
    manifest_path,
    untrusted_file_problem,
)

#: The settings file a new corpus gets (read by :mod:`helpers.corpus.settings`), and its README.
EVENT_NAME = config.EVENT_SETTINGS_NAME
README_NAME = "README.md"
#: Where the files a new corpus starts from live: a commented ``event.toml`` and a README skeleton.
SKELETON = resources.files("helpers.corpus") / "skeleton"
#: A generated id is outlet, date and headline: it may be this long so that the headline shows.
MAX_GENERATED_ID_CHARS = 60
#: Manifest fields ``add`` takes from the command line, with what each means and defaults to.
FIELD_HELP = {
    "outlet": "the outlet (default: the page's site name, else 'unknown')",
    "headline": "the headline as printed (default: the page's title, else empty)",
    "byline": "the byline (default: the page's author, else empty)",
    "published": "publication date YYYY-MM-DD (default: the page's date; needed when there is none)",
    "published_basis": "'stated' (the default) or 'inferred: <reasoning>'",
    "credits": "upstream outlets the text itself credits, ';'-separated",
    "upstream_inferred": "an upstream the text does not credit but you infer (say why in --notes)",
    "notes": "your notes, put before the ones add writes (where the text and each field came from)",
    "genre": "news (the default) or narrative",
    "published_time": "time of publication, HH:MM with an offset or zone (14:30+03:00)",
    "url": "the page's canonical address, http(s):// (default: the saved page's canonical link)",
}
FIELDS = tuple(FIELD_HELP)


def new_corpus(directory: Path | str) -> list[Path]:
    """Lay out a new corpus in ``directory`` (absent or empty); returns the paths written.

    Refuses a directory that already holds anything: ``new`` never overwrites a corpus.
    """
    cdir = Path(directory)
    if cdir.is_symlink():
        raise AuthoringError(f"{display_path(cdir)}: is a symbolic link (give the directory itself)")
    if cdir.exists() and not cdir.is_dir():
        raise AuthoringError(f"{display_path(cdir)}: exists and is not a directory")
    if cdir.is_dir() and any(cdir.iterdir()):
        raise AuthoringError(f"{display_path(cdir)}: directory is not empty (new lays out an empty or new directory)")
    adir = articles_dir(cdir)
    adir.mkdir(parents=True, exist_ok=True)
    written = [adir]
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(config.MANIFEST_COLUMNS)
    title = cdir.resolve().name or "A new corpus"
    files = {
        config.MANIFEST_NAME: header.getvalue(),
        EVENT_NAME: (SKELETON / EVENT_NAME).read_text(encoding="utf-8"),
        README_NAME: (SKELETON / README_NAME)
        .read_text(encoding="utf-8")
        .format(title=title, dir=_shell_word(display_path(cdir))),
    }
    for name, content in files.items():
        write_atomic(cdir / name, content)
        written.append(cdir / name)
    return written


def _shell_word(text: str) -> str:
    """``text`` as one shell word for the README's example commands (quoted only when it needs it)."""
    return text if re.fullmatch(r"[\w./-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def _check_fields(row: dict[str, str], name: str) -> None:
    """Refuse field values that ``validate`` would reject, before anything is written."""
    sid = row["source_id"]
    if not _SOURCE_ID.match(sid):
        raise AuthoringError(f"{name}: id '{sid}' must be lowercase letters, digits and hyphens (give --id)")
    if not row["published"]:
        raise AuthoringError(
            f"{name}: no publication date found; give --published YYYY-MM-DD "
            "(with --published-basis 'inferred: <reasoning>' when it is inferred)"
        )
    if not _is_iso_date(row["published"]):
        raise AuthoringError(f"{name}: unparseable date '{row['published']}' (expected YYYY-MM-DD)")
    basis = row["published_basis"]
    if not (basis == "stated" or (basis.startswith("inferred:") and basis[len("inferred:") :].strip())):
        raise AuthoringError(f"{name}: published_basis '{basis}' must be 'stated' or 'inferred: <reasoning>'")
    genre = row.get("genre", "")
    if genre and genre not in config.GENRES:
        raise AuthoringError(f"{name}: genre '{genre}' must be one of {', '.join(config.GENRES)}")
    ptime = row.get("published_time", "")
    if ptime and not _PUBLISHED_TIME.match(ptime):
        raise AuthoringError(f"{name}: published_time '{ptime}' must be HH:MM with an offset or zone (14:30+03:00)")
    url = row.get("url", "")
    if url and not re.match(r"^https?://[^\s/]+\S*$", url):
        raise AuthoringError(f"{name}: url '{url}' must be one http:// or https:// address with no spaces")


def manifest_rows(mpath: Path) -> tuple[str, list[str], list[dict[str, str]]]:
    """The manifest's text, header and rows (cells as written), after checking it reads as a manifest."""
    try:
        table = read_table(mpath, config.MANIFEST_COLUMNS, config.MANIFEST_OPTIONAL_COLUMNS)
    except InputError as exc:
        more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        raise AuthoringError(f"{exc.problems[0]}{more}: fix the manifest first") from None
    text = decode_bytes(mpath.read_bytes(), mpath)
    header = [h.strip() for h in next(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))]
    rows = [{col: str(row[col]) for col in header} | {"_line": str(row["_line"])} for _, row in table.iterrows()]
    return text, header, rows


class Register:
    """The manifest's articles as ``add`` checks a new one against them: texts (for duplicates) and ids taken.

    The normalised texts of the stored articles are read once, on the first text whose hash is
    new, so adding many files reads each stored article at most once.
    """

    def __init__(self, rows: list[dict[str, str]], adir: Path) -> None:
        """Index ``rows`` (the manifest's) of the corpus whose ``articles/`` is ``adir``."""
        self.rows, self.adir = rows, adir
        self.by_digest = {row["sha256"]: row for row in rows if row["sha256"]}
        self.by_text: dict[str, dict[str, str]] | None = None
        self.taken = {row["source_id"]: row for row in rows}

    def _texts(self) -> dict[str, dict[str, str]]:
        """Each stored article's normalised text with its row (read on first use)."""
        if self.by_text is None:
            self.by_text = {}
            for row in self.rows:
                path = self.adir / row["file"]
                if not row["file"] or Path(row["file"]).name != row["file"] or untrusted_file_problem(path, self.adir):
                    continue
                data = path.read_bytes()
                self.by_digest.setdefault(hashlib.sha256(data).hexdigest(), row)
                self.by_text.setdefault(normalised_text(data.decode("utf-8", "replace")), row)
        return self.by_text

    def duplicate(self, text: str, digest: str) -> dict[str, str] | None:
        """The row whose article has this text already (same sha256, or the same normalised text)."""
        return self.by_digest.get(digest) or self._texts().get(normalised_text(text))

    def enter(self, row: dict[str, str], text: str) -> None:
        """Count ``row`` (just added, with its ``text``) as the manifest's from now on."""
        self.by_digest[row["sha256"]] = row
        self._texts()[normalised_text(text)] = row
        self.taken[row["source_id"]] = row


def _unique_id(base: str, taken: set[str], adir: Path) -> str:
    """``base``, or ``base-2``, ``base-3``... : the first id neither in the manifest nor a file in ``articles/``."""
    candidate, n = base, 1
    while candidate in taken or (adir / f"{candidate}.txt").exists() or (adir / f"{candidate}.txt").is_symlink():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _csv_line(cells: list[str], end: str) -> str:
    """One CSV record (minimal quoting) ending in ``end``."""
    out = io.StringIO()
    csv.writer(out, lineterminator=end).writerow(cells)
    return out.getvalue()


def with_rows(text: str, header: list[str], new: list[dict[str, str]]) -> str:
    """The manifest text with the ``new`` rows appended; existing rows keep their bytes, unless a column is added."""
    end = "\r\n" if "\r\n" in text else "\n"
    extra = [col for col in config.MANIFEST_OPTIONAL_COLUMNS if any(row.get(col) for row in new) and col not in header]
    if not extra:
        body = text if text.endswith("\n") or not text else text + end
        return body + "".join(_csv_line([row.get(col, "") for col in header], end) for row in new)
    bom = BOM if text.startswith(BOM) else ""
    records = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))
    columns = [*records[0], *extra]
    out = [_csv_line(columns, end)]
    for record in records[1:]:
        if any(cell.strip() for cell in record):
            out.append(_csv_line(record + [""] * len(extra), end))
    out.extend(_csv_line([row.get(col.strip(), "") for col in columns], end) for row in new)
    return bom + "".join(out)


def corpus_paths(cdir: Path) -> tuple[Path, Path]:
    """The manifest and ``articles/`` of a corpus directory, refusing a directory that is not one."""
    mpath, adir = manifest_path(cdir), articles_dir(cdir)
    if not mpath.is_file() or not adir.is_dir():
        raise AuthoringError(
            f"{display_path(cdir)}: not a corpus directory (no {config.MANIFEST_NAME} or {config.ARTICLES_DIRNAME}/); "
            "lay one out with: python -m helpers new DIR"
        )
    return mpath, adir


@dataclass
class Draft:
    """One file's article as ``add`` will store it: its manifest row (id still open), text and where it came from."""

    row: dict[str, str]
    text: str
    src: Path
    name: str
    source_id: str | None
    in_place: bool


def draft_article(
    cdir: Path,
    src: Path,
    source_id: str | None,
    fields: dict[str, str | None],
    listed: tuple[str, set[str]] = ("", set()),
) -> Draft:
    """Read one file and make its manifest row (everything but the id), refusing what ``validate`` would.

    ``listed`` names the ``--manifest`` row (file and line) and the fields taken from it, for the notes.
    """
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise TypeError(f"add_article() got unknown fields: {', '.join(unknown)}")
    adir = articles_dir(cdir)
    name = display_path(src)
    found = read_article(src, name)
    # A text saved straight into articles/ is registered where it is, under its own name.
    in_place = src.parent.resolve() == adir.resolve()
    if in_place:
        if src.suffix.lower() not in TEXT_SUFFIXES or (source_id or src.stem) != src.stem:
            raise AuthoringError(
                f"{name}: already inside {config.ARTICLES_DIRNAME}/: add a .txt there under its own name "
                "(its id), or add the file from elsewhere"
            )
        source_id = src.stem
    given = {key: _one_line(value) for key, value in fields.items() if value is not None and _one_line(value)}
    row = {col: "" for col in config.MANIFEST_COLUMNS} | dict(found.fields) | given
    row["outlet"] = row["outlet"] or config.UNKNOWN_OUTLET
    read, read_note = ("", "") if row["credits"] else read_credits(found.text, row["outlet"])
    row["credits"] = row["credits"] or read
    if row["published"] and not row["published_basis"]:
        row["published_basis"] = "stated"
    row["sha256"] = hashlib.sha256(found.text.encode("utf-8")).hexdigest()
    today = dt.datetime.now(dt.UTC).date().isoformat()
    notes = [
        *([given["notes"]] if "notes" in given else []),
        f"Added with 'python -m helpers add' from '{src.name}' on {today}.",
        *found.notes,
        *field_notes(found, given, listed),
        *([read_note] if read_note else []),
    ]
    row["notes"] = " ".join(notes)
    draft_id = source_id if source_id is not None else "a"
    _check_fields(row | {"source_id": draft_id}, name)
    return Draft(row, found.text, src, name, source_id, in_place)


def generated_id(row: dict[str, str], src: Path) -> str:
    """A stable id from the outlet, date and headline (the file's name when none is known)."""
    known = row["outlet"] if row["outlet"] != config.UNKNOWN_OUTLET else ""
    words = " ".join(part for part in (known, row["published"], row["headline"]) if part)
    return slug(words, MAX_GENERATED_ID_CHARS) if known or row["headline"] else slug(src.stem) or "article"


def place_article(draft: Draft, register: Register, mname: str) -> dict[str, str]:
    """Give the draft its id and write its text into ``articles/``, refusing a duplicate text or a taken id."""
    adir, row, source_id = register.adir, draft.row, draft.source_id
    same = register.duplicate(draft.text, row["sha256"])
    if same is not None:
        where = f"{mname}:{same['_line']}" if same.get("_line") else draft.name
        raise AuthoringError(
            f"{where}: the same text is already article '{same['source_id']}' "
            f"({config.ARTICLES_DIRNAME}/{same['file']}): not added"
        )
    taken = register.taken
    if source_id is not None:
        if source_id in taken:
            raise AuthoringError(
                f"{mname}:{taken[source_id].get('_line', '')}: id '{source_id}' is already taken "
                f"({config.ARTICLES_DIRNAME}/{taken[source_id]['file']}): give another --id"
            )
        target = adir / f"{source_id}.txt"
        if not draft.in_place and (target.exists() or target.is_symlink()):
            raise AuthoringError(
                f"{display_path(target)}: already exists but is not in the manifest: give another --id"
            )
    else:
        source_id = _unique_id(generated_id(row, draft.src), set(taken), adir)
    row["source_id"], row["file"] = source_id, f"{source_id}.txt"
    write_atomic(adir / row["file"], draft.text.encode("utf-8"))
    register.enter(row, draft.text)
    return row


def add_article(corpus_dir: Path | str, file: Path | str, source_id: str | None = None, **fields: str | None) -> dict:
    """Add one article (``.txt`` or saved ``.html``) to a corpus: its text file and its manifest row; returns the row.

    ``fields`` are manifest columns (``outlet``, ``headline``, ``byline``, ``published``,
    ``published_basis``, ``credits``, ``upstream_inferred``, ``notes``, ``genre``,
    ``published_time``); a value given wins over one found in the page. The text is stored as
    read or extracted, with only its line ends made LF and a byte-order mark dropped (noted with the
    original hash). Refuses a text or an id the manifest has already. The manifest is read, extended
    and replaced atomically under a lock, so concurrent adds each keep their row.
    """
    cdir, src = Path(corpus_dir), Path(file)
    if unknown := sorted(set(fields) - set(FIELDS)):
        raise TypeError(f"add_article() got unknown fields: {', '.join(unknown)}")
    mpath, adir = corpus_paths(cdir)
    draft = draft_article(cdir, src, source_id, fields)
    with locked(mpath):
        text, header, rows = manifest_rows(mpath)
        target = adir / f"{draft.source_id}.txt"
        before = target.read_bytes() if draft.in_place else None
        row = place_article(draft, Register(rows, adir), display_path(mpath))
        target = adir / row["file"]
        try:
            write_atomic(mpath, with_rows(text, header, [row]))
        except BaseException:
            if before is None:
                target.unlink(missing_ok=True)
            else:
                write_atomic(target, before)
            raise
    return row
