"""A corpus's own settings (``event.toml``): title, question, time zone, topics, windows, classroom words,
and what counts as an attribution.

Every key is optional; what is missing comes from the articles themselves (the window from their
publication dates), so a folder of articles with a manifest is a complete corpus. Problems are
reported one line each (``event.toml: window.start: not a date``), never as a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.core.errors import InputError, Problem
from helpers.core.files import read_text_limited, suggest

#: The classroom exercises that locate their claims by a search word (``[classroom]`` keys).
CLASSROOM_KEYS = ("whose_word", "better_sourced", "outside_date", "dropped_caveat")
#: Top-level keys and their tables; anything else is reported (a typo would otherwise be ignored).
_TOP_KEYS = (
    "title", "question", "timezone", "topics", "outlets", "outside_kinds", "attributions", "window", "focus",
    "classroom", "reuse_pairs",
)  # fmt: skip
#: What the sourcing detector counts as an attribution (``attributions``): ``wide`` is the published
#: convention of PolNeAR and PARC (speech, writing, evidence, beliefs and plans attributed to someone;
#: the rules plus the learned cue tagger; the default); ``speech`` is the narrower option (speech,
#: writing and evidence only, the rules alone).
ATTRIBUTION_CONVENTIONS = ("speech", "wide")
#: The convention in effect when ``event.toml`` names none: the published one.
DEFAULT_ATTRIBUTIONS = "wide"
_TABLE_KEYS = {"window": ("start", "end"), "focus": ("start", "end", "label"), "classroom": CLASSROOM_KEYS}
_WORD = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

DEFAULT_QUESTION = "Who claims what, on whose word, which articles are independent, and where do the accounts conflict?"
#: Without a ``[window]``: from this many days before the first article to the day of the last.
DEFAULT_WINDOW_LEAD_DAYS = 7
DEFAULT_FOCUS_LABEL = "the first day of coverage"


@dataclass(frozen=True)
class Settings:
    """What a corpus says about itself; ``given`` names the keys its ``event.toml`` set (the rest are defaults)."""

    title: str
    question: str
    timezone: str = "UTC"
    #: The ``claims.csv`` topic vocabulary in display order; empty means any lowercase-hyphen topic.
    topics: tuple[str, ...] = ()
    #: Outlets the corpus adds to the package's generic outlet lexicon (for the sourcing detector).
    outlets: tuple[str, ...] = ()
    #: The kinds of outside-reference rows; empty means any lowercase-hyphen kind.
    outside_kinds: tuple[str, ...] = ()
    #: What the sourcing detector counts as an attribution (:data:`ATTRIBUTION_CONVENTIONS`).
    attributions: str = DEFAULT_ATTRIBUTIONS
    #: First and last day of the day-by-day view (ISO dates).
    window: tuple[str, str] = ("", "")
    #: The hour-by-hour view: start and end as local ISO date-times, and what to call the stretch.
    focus: tuple[str, str] = ("", "")
    focus_label: str = DEFAULT_FOCUS_LABEL
    #: Search words per classroom exercise (:data:`CLASSROOM_KEYS`); an empty one leaves it out.
    classroom: dict[str, str] = field(default_factory=dict)
    given: frozenset[str] = frozenset()
    #: A folder of precomputed reuse pairs (``python -m helpers reuse ... --out DIR``), relative to the
    #: corpus folder; '' scans the corpus itself (see :mod:`helpers.reuse.precomputed`).
    reuse_pairs: str = ""


def settings_path(corpus_dir: Path) -> Path:
    """Where a corpus keeps its settings."""
    return Path(corpus_dir) / config.EVENT_SETTINGS_NAME


def _default_title(corpus_dir: Path) -> str:
    """The corpus README's first heading, else the folder's name: better than a title about another event."""
    readme = Path(corpus_dir) / "README.md"
    if readme.is_file() and not readme.is_symlink():
        for line in read_text_limited(readme, config.MAX_NOTE_BYTES).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return f"The articles in '{Path(corpus_dir).resolve().name}'"


def default_window(published: Iterable[pd.Timestamp]) -> tuple[str, str]:
    """A week before the first article to the day of the last: where the events told usually lie."""
    days = sorted(pd.Timestamp(p).normalize() for p in published if not pd.isna(p))
    if not days:
        return ("", "")
    start = days[0] - pd.Timedelta(days=DEFAULT_WINDOW_LEAD_DAYS)
    return (start.date().isoformat(), days[-1].date().isoformat())


def default_focus(published: Iterable[pd.Timestamp]) -> tuple[str, str]:
    """The first day of coverage, midnight to midnight (local time)."""
    days = sorted(pd.Timestamp(p).normalize() for p in published if not pd.isna(p))
    if not days:
        return ("", "")
    return (days[0].isoformat(timespec="minutes"), (days[0] + pd.Timedelta(days=1)).isoformat(timespec="minutes"))


class _Reader:
    """Collects the problems of one settings file while reading its values."""

    def __init__(self, path: Path, raw: dict[str, object]):
        self.path, self.raw, self.problems = path, raw, []

    def bad(self, key: str, message: str) -> None:
        self.problems.append(Problem(str(self.path), None, f"{key}: {message}"))

    def text(self, key: str, value: object) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.bad(key, "must be a non-empty text in quotes")
            return None
        return value.strip()

    def words(self, key: str, value: object, pattern: re.Pattern[str] | None = _WORD) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.bad(key, 'must be a list of texts, e.g. ["a", "b"]')
            return ()
        items = tuple(v.strip() for v in value)
        for item in items:
            if pattern is not None and not pattern.match(item):
                self.bad(key, f"'{item}' must be lowercase words joined by hyphens")
        if len(set(items)) < len(items):
            self.bad(key, "lists a value twice")
        return items

    def date(self, key: str, value: object) -> str | None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        self.bad(key, "not a date (write it as 2024-11-27, without quotes)")
        return None

    def moment(self, key: str, value: object) -> str | None:
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                self.bad(key, "must be a local time without an offset (the zone is the `timezone` key)")
                return None
            return value.isoformat(timespec="minutes")
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time()).isoformat(timespec="minutes")
        self.bad(key, "not a date and time (write it as 2024-12-07T18:00:00, without quotes)")
        return None

    def span(
        self,
        name: str,
        table: dict[str, object],
        read: Callable[[str, object], str | None],
        default: tuple[str, str],
        strict: bool,
    ) -> tuple[str, str]:
        """A ``start``/``end`` pair of one table (both or neither), ``default`` when the table gives none."""
        if not {"start", "end"} & set(table):
            return default
        got = []
        for key in ("start", "end"):
            if key not in table:
                self.bad(f"{name}.{key}", f"missing (a {name} needs both start and end)")
            got.append(read(f"{name}.{key}", table[key]) if key in table else None)
        if not all(got):
            return default
        start, end = str(got[0]), str(got[1])
        if end < start or (strict and end == start):
            self.bad(f"{name}.end", f"{end} is {'not after' if strict else 'before'} {name}.start {start}")
        return (start, end)


def _zone_problem(name: str) -> str | None:
    """Why ``name`` is not an IANA time zone this machine knows, or None."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        near = suggest(name, sorted(zoneinfo.available_timezones()))
        return f"unknown time zone '{name}'{near} (an IANA name such as Europe/London)"
    return None


_TABLE_HEAD = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _key_at(text: str, line_no: int) -> str | None:
    """The dotted key (``window.start``) assigned on a 1-based line, from the table heading above it."""
    lines = text.splitlines()
    if not 0 < line_no <= len(lines) or not (key := _KEY_LINE.match(lines[line_no - 1])):
        return None
    table = next((m.group(1) for ln in reversed(lines[: line_no - 1]) if (m := _TABLE_HEAD.match(ln))), None)
    return f"{table}.{key.group(1)}" if table else key.group(1)


def _parse(path: Path) -> dict[str, object]:
    """The file's TOML, or an :class:`InputError` naming the line and, where it can tell, the key."""
    text = read_text_limited(path, config.MAX_NOTE_BYTES)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        key = _key_at(text, line) if line else None
        value = text.splitlines()[line - 1].split("=", 1)[-1] if key and line else ""
        if key and ("date" in str(exc).lower() or re.match(r"\s*\d{4}-\d", value)):
            message = f"{key}: not a date (write it as 2024-11-27, or 2024-12-07T18:00:00 with a time)"
        elif key:
            message = f"{key}: not valid TOML ({exc}); texts go in double quotes"
        else:
            message = f"not valid TOML: {exc}"
        raise InputError([Problem(str(path), line, message)]) from None


def read_settings(corpus_dir: Path | str, published: Iterable[pd.Timestamp] = ()) -> Settings:
    """The corpus's settings: its ``event.toml`` where present, defaults from the articles' dates elsewhere.

    Raises :class:`InputError` with every problem of the file (unknown keys, wrong types, bad dates,
    a window that ends before it starts, an unknown time zone).
    """
    cdir = Path(corpus_dir)
    published = list(published)
    path = settings_path(cdir)
    raw: dict[str, object] = {}
    if path.exists():
        if path.is_symlink() or not path.is_file():
            raise InputError([Problem(str(path), None, "must be a regular file inside the corpus directory")])
        raw = _parse(path)
    r = _Reader(path, raw)
    for key in raw:
        if key not in _TOP_KEYS:
            r.bad(key, f"unknown key{suggest(key, _TOP_KEYS)} (known: {', '.join(_TOP_KEYS)})")
    tables: dict[str, dict[str, object]] = {}
    for name, keys in _TABLE_KEYS.items():
        table = raw.get(name, {})
        if not isinstance(table, dict):
            r.bad(name, f"must be a table ([{name}] on its own line, then its keys)")
            table = {}
        for key in table:
            if key not in keys:
                r.bad(f"{name}.{key}", f"unknown key{suggest(key, keys)} (known: {', '.join(keys)})")
        tables[name] = table
    values: dict[str, object] = {}
    for key in ("title", "question", "timezone", "reuse_pairs"):
        if key in raw and (value := r.text(key, raw[key])) is not None:
            values[key] = value
    if "timezone" in values and (message := _zone_problem(str(values["timezone"]))):
        r.bad("timezone", message)
    if "topics" in raw:
        values["topics"] = r.words("topics", raw["topics"])
    if "outside_kinds" in raw:
        values["outside_kinds"] = r.words("outside_kinds", raw["outside_kinds"])
    if "outlets" in raw:
        values["outlets"] = r.words("outlets", raw["outlets"], pattern=None)
    if "attributions" in raw and (value := r.text("attributions", raw["attributions"])) is not None:
        if value in ATTRIBUTION_CONVENTIONS:
            values["attributions"] = value
        else:
            known = ", ".join(f'"{c}"' for c in ATTRIBUTION_CONVENTIONS)
            r.bad("attributions", f"must be one of {known}{suggest(value, ATTRIBUTION_CONVENTIONS)}")
    window = r.span("window", tables["window"], r.date, default_window(published), strict=False)
    focus = r.span("focus", tables["focus"], r.moment, default_focus(published), strict=True)
    label = DEFAULT_FOCUS_LABEL
    if "label" in tables["focus"] and (text := r.text("focus.label", tables["focus"]["label"])):
        label = text
    classroom: dict[str, str] = {}
    for key, value in tables["classroom"].items():
        if key in CLASSROOM_KEYS:
            if not isinstance(value, str):
                r.bad(f"classroom.{key}", 'must be a search word in quotes ("" leaves the exercise out)')
            elif value.strip():
                classroom[key] = value.strip()
    if r.problems:
        raise InputError(r.problems)
    given = {k for k in raw if k not in _TABLE_KEYS} | {f"{n}.{k}" for n, t in tables.items() for k in t}
    return Settings(
        title=str(values.get("title") or _default_title(cdir)),
        question=str(values.get("question") or DEFAULT_QUESTION),
        timezone=str(values.get("timezone", "UTC")),
        topics=tuple(values.get("topics", ())),  # type: ignore[arg-type]
        outlets=tuple(values.get("outlets", ())),  # type: ignore[arg-type]
        outside_kinds=tuple(values.get("outside_kinds", ())),  # type: ignore[arg-type]
        attributions=str(values.get("attributions", DEFAULT_ATTRIBUTIONS)),
        window=window,
        focus=focus,
        focus_label=label,
        classroom=classroom,
        given=frozenset(given),
        reuse_pairs=str(values.get("reuse_pairs", "")),
    )
