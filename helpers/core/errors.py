"""Problems found in input files, reported as one line each (file, row, message)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def display_path(path: str | os.PathLike[str]) -> str:
    """Path relative to the working directory when it is below it, else as given."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


@dataclass(frozen=True)
class Problem:
    """One problem in one input file; ``line`` is the 1-based line (header = line 1)."""

    file: str
    line: int | None
    message: str
    #: A warning is worth reading but does not make the input invalid (``validate`` still exits 0).
    warning: bool = False

    def __str__(self) -> str:
        """``file:line: message`` on one line: line breaks inside a message (from a CSV cell) are shown escaped."""
        where = display_path(self.file).replace("\n", "\\n").replace("\r", "\\r")
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        message = f"warning: {message}" if self.warning else message
        return f"{where}:{self.line}: {message}" if self.line else f"{where}: {message}"


def problems_of(read: Callable[[], object]) -> list[Problem]:
    """The problems ``read()`` raises as :class:`InputError`, or none when it succeeds (for validators)."""
    try:
        read()
    except InputError as exc:
        return exc.problems
    return []


class InputError(Exception):
    """Raised when input files have problems; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
