"""A progress bar for long commands, on standard error and only in a terminal.

One function, :func:`progress`, wraps an iterable the way :func:`tqdm.tqdm` does and yields the same
items::

    from helpers.core.progress import progress

    for builder in progress(TABLE_BUILDERS, desc="tables"):
        ...

The bar goes to standard error, never to standard output (whose lines tests and scripts parse, and
whose CSV a command may be writing), and only when standard error is a terminal: in a notebook, a
test, a pipe or CI nothing is drawn, so outputs stay byte-identical. It appears after half a second
only, so quick runs print nothing either. ``$HELPERS_PROGRESS`` overrides the choice: ``0`` never
draws, ``1`` always draws (still on standard error).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")

#: Environment variable forcing the bar off (``0``) or on (``1``) whatever standard error is.
PROGRESS_ENV = "HELPERS_PROGRESS"
#: Seconds before a bar first appears: commands that finish sooner draw nothing.
DELAY_SECONDS = 0.5


def enabled() -> bool:
    """Whether a bar is drawn: ``$HELPERS_PROGRESS`` when set to 0 or 1, else whether standard error is a terminal."""
    value = os.environ.get(PROGRESS_ENV, "").strip()
    if value in ("0", "1"):
        return value == "1"
    stream = sys.stderr
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


def progress(iterable: Iterable[T], total: int | None = None, desc: str = "") -> Iterator[T]:
    """The items of ``iterable``, drawing a progress bar on standard error when :func:`enabled`."""
    if not enabled():
        yield from iterable
        return
    bar = tqdm(iterable, total=total, desc=desc or None, file=sys.stderr, leave=False, delay=DELAY_SECONDS)
    try:
        yield from bar
    finally:
        bar.close()
