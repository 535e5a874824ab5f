"""Shared HTML building blocks for the views: legend entries and the one legend builder.

Every legend in the notebooks (the stance strip, the students' coding legend, the source
reader's colour key) is built here from its own items and styles, all text HTML-escaped.
Marking spans inside article text is :func:`helpers.core.text.mark_spans`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable


def legend_entry(key: str, meaning: str, mark: str | None = None, note: str | None = None) -> str:
    """One legend entry, escaped: ``<b>mark</b> key: meaning`` (``<b>key</b>: meaning`` without a mark), then a note."""
    esc = html.escape
    head = f"<b>{esc(mark)}</b> {esc(key)}" if mark is not None else f"<b>{esc(key)}</b>"
    return f"{head}: {esc(meaning)}" + (f" ('{esc(note)}')" if note else "")


def swatch(label: str, style: str) -> str:
    """A legend swatch: the label, escaped, in a span styled as the thing it stands for."""
    return f"<span style='{style};padding:0 4px;margin-right:8px'>{html.escape(label)}</span>"


def legend(entries: Iterable[str], sep: str = "", title: str | None = None, box_style: str | None = None) -> str:
    """A legend from entries already in HTML: joined by ``sep``, or with ``title`` a titled bulleted list;
    with ``box_style`` inside a ``<div>`` of that style (several titled lists side by side, say)."""
    items = list(entries)
    if title is not None:
        body = f"<div><b>{html.escape(title)}</b><ul>{''.join(f'<li>{e}</li>' for e in items)}</ul></div>"
    else:
        body = sep.join(items)
    return body if box_style is None else f"<div style='{box_style}'>{body}</div>"
