"""Reading one article to add: a text file or a saved web page, checked, normalised, with the fields it gives.

A ``.txt`` is decoded as it is (its first line may be its headline); a saved web page's main text
and its title, date, site name and author are extracted with trafilatura. Nothing here writes:
:mod:`helpers.corpus.authoring` places what is read into a corpus.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from helpers import config
from helpers.core.errors import InputError, display_path
from helpers.core.files import BOM, decode_bytes
from helpers.corpus.load import (
    _is_iso_date,
    has_visible_text,
)

#: The settings file a new corpus gets (read by :mod:`helpers.corpus.settings`), and its README.

#: File types ``add`` reads: plain text as it is, saved web pages through trafilatura.
TEXT_SUFFIXES = (".txt",)
PAGE_SUFFIXES = (".html", ".htm")
#: A saved page may be this many times the article limit: its scripts and styles surround the text.
PAGE_SIZE_FACTOR = 10
#: Longest generated source id (a readable id, not the whole headline).
MAX_ID_CHARS = 40
#: A ``.txt``'s first line is taken as its headline when it is at most this long, set off by a blank line.
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 30


class AuthoringError(ValueError):
    """Why a corpus could not be created or an article not added: one line, naming the file and the problem."""


@dataclass(frozen=True)
class Extracted:
    """An article's text as it will be stored, the manifest fields found with it, and how it was obtained."""

    text: str
    fields: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: Whether the text was extracted from a saved web page (and ``fields`` found in its markup).
    page: bool = False


#: trafilatura's metadata names for the manifest fields a page can give, with how the notes name them.
PAGE_FIELDS = {
    "headline": ("title", "title"),
    "byline": ("author", "author"),
    "outlet": ("sitename", "site name"),
    "published": ("date", "date in the page markup"),
}


def extract_page(data: bytes, name: str = "page") -> Extracted:
    """The main text and metadata of a saved web page (trafilatura), without navigation, footer or comments.

    The date is taken from the page's markup only (meta tags, ``<time>`` and date elements, the
    address), never guessed from the running text, and is the original publication date rather
    than the last update.
    """
    import trafilatura  # imported here: a second of start-up that only ``add`` needs

    version = metadata.version("trafilatura")
    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (doc.text or "") if doc is not None else ""
    if not has_visible_text(text):
        raise AuthoringError(f"{name}: no article text found in the page (trafilatura {version})")
    found = {key: _one_line(getattr(doc, attr, None) or "") for key, (attr, _) in PAGE_FIELDS.items()}
    found = {key: value for key, value in found.items() if value}
    if "published" in found and not _is_iso_date(found["published"]):
        del found["published"]
    notes = [
        f"Text extracted from the saved page '{name}' (sha256 {hashlib.sha256(data).hexdigest()}) "
        f"by trafilatura {version}, main text only."
    ]
    if url := _one_line(getattr(doc, "url", None) or ""):
        notes.append(f"Page address: {url}.")
        if re.match(r"^https?://\S+$", url):
            found["url"] = url  # the canonical address (link rel=canonical, og:url): where lateral reading starts
    return Extracted(text, found, notes, page=True)


def field_notes(found: Extracted, given: dict[str, str], listed: tuple[str, set[str]] = ("", set())) -> list[str]:
    """Sentences for ``notes``: which fields came from the page, which from the command line, which from neither."""
    notes = []
    if found.page:
        used = [f"{key} ({PAGE_FIELDS[key][1]})" for key in PAGE_FIELDS if key in found.fields and key not in given]
        notes.append(f"From the page: {', '.join(used)}." if used else "No field taken from the page.")
        if missing := [key for key in PAGE_FIELDS if key not in found.fields]:
            notes.append(f"Not in the page: {', '.join(missing)}.")
    elif "headline" in found.fields and "headline" not in given:
        notes.append("Headline from the first line of the file.")
    where, from_manifest = listed
    from_line = [key for key in given if key not in ("notes", "published_basis")]
    if on_line := [key for key in from_line if key not in from_manifest]:
        notes.append(f"Given on the command line: {', '.join(on_line)}.")
    if in_manifest := [key for key in from_line if key in from_manifest]:
        notes.append(f"Given in the manifest {where}: {', '.join(in_manifest)}.")
    overridden = [f"{key} '{found.fields[key]}'" for key in from_line if key in found.fields]
    if overridden:
        notes.append(f"The page said {', '.join(overridden)}.")
    if "outlet" not in given and "outlet" not in found.fields:
        notes.append("Outlet unknown: not given and not found.")
    return notes


def _one_line(value: str) -> str:
    """A metadata value on one line: runs of whitespace (line breaks, tabs) become one space."""
    return " ".join(str(value).split())


def normalise_layout(text: str) -> tuple[str, bool]:
    """``text`` with leading byte-order marks dropped and CRLF or CR line ends made LF; whether it changed.

    Offsets count characters as stored, and readers that strip a BOM or CRs would land off by one
    per character; storing LF text without a BOM removes the ambiguity at the door.
    """
    out = text.lstrip(BOM).replace("\r\n", "\n").replace("\r", "\n")
    return out, out != text


def normalised_text(text: str) -> str:
    """A text reduced for duplicate detection: NFC, no BOM, whitespace runs as one space, case folded."""
    return " ".join(unicodedata.normalize("NFC", text.removeprefix(BOM)).split()).casefold()


def slug(text: str, limit: int = MAX_ID_CHARS) -> str:
    """A source id from free text: ASCII lowercase words joined by hyphens, cut at a word within ``limit``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or (words[0][:limit] if words else "")


def first_line_headline(text: str) -> str:
    """A ``.txt``'s first line when it looks like a headline: short, set off by a blank line, not a sentence's start."""
    lines = text.lstrip(BOM).lstrip("\n\r").splitlines()
    if len(lines) < 3 or lines[1].strip():
        return ""
    first = _one_line(lines[0])
    words = first.split()
    if not words or len(first) > HEADLINE_MAX_CHARS or len(words) > HEADLINE_MAX_WORDS:
        return ""
    if first[-1] in ",;:" or not (first[0].isupper() or first[0].isdigit() or first[0] in "\"'“‘"):
        return ""
    return first


def read_input(path: Path, limit: int) -> bytes:
    """The bytes of the file to add: a regular file (no link, device or pipe) of at most ``limit`` bytes."""
    name = display_path(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise AuthoringError(f"{name}: file not found") from None
    if stat.S_ISLNK(mode):
        raise AuthoringError(f"{name}: is a symbolic link (give the file it points to)")
    if not stat.S_ISREG(mode):
        raise AuthoringError(f"{name}: is not a regular file")
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise AuthoringError(f"{name}: over the limit of {limit:,} bytes (set {config.MAX_ARTICLE_ENV} to raise it)")
    return data


def read_article(path: Path, name: str | None = None) -> Extracted:
    """The text to store for a ``.txt`` file or a saved web page, with the fields and notes found on the way."""
    name = name or display_path(path)
    suffix = path.suffix.lower()
    limit = config.max_article_bytes()
    if suffix in TEXT_SUFFIXES:
        data = read_input(path, limit)
        try:
            text = decode_bytes(data, path)
        except InputError as exc:
            raise AuthoringError(str(exc.problems[0])) from None
        headline = first_line_headline(text)
        found = Extracted(text, {"headline": headline} if headline else {}, [], page=False)
    elif suffix in PAGE_SUFFIXES:
        data = read_input(path, limit * PAGE_SIZE_FACTOR)
        found = extract_page(data, path.name)
    else:
        kinds = ", ".join(TEXT_SUFFIXES + PAGE_SUFFIXES)
        raise AuthoringError(f"{name}: cannot add a '{suffix or 'no suffix'}' file (give one of {kinds})")
    text, changed = normalise_layout(found.text)
    notes = list(found.notes)
    if changed:
        was = hashlib.sha256(found.text.encode("utf-8") if suffix in PAGE_SUFFIXES else data).hexdigest()
        what = "extracted text" if suffix in PAGE_SUFFIXES else "original file"
        notes.append(f"Line ends made LF and any byte-order mark dropped on adding; the {what}'s sha256 was {was}.")
    if not has_visible_text(text):
        raise AuthoringError(f"{name}: article is empty (no visible characters)")
    if len(text.encode("utf-8")) > limit:
        raise AuthoringError(f"{name}: the article text is over the limit of {limit:,} bytes")
    return Extracted(text, found.fields, notes, found.page)
