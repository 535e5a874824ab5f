"""Static HTML report: every notebook executed afresh and rendered to HTML that opens offline.

Usage: ``python -m helpers.report OUT_DIR [--no-execute]``; the corpus (``$CORPUS_DIR`` or the
repository's) is validated first and nothing is written when it has problems. Widgets are dropped from the pages
(each notebook displays a static rendering beside every widget) and every script is removed,
so nothing is fetched from the network and nothing in an article can run in the reader's browser.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from helpers import config
from helpers.cli import validated
from helpers.core.files import write_atomic
from helpers.corpus.settings import Settings
from helpers.display.notebook import NOTEBOOKS_DIR, notebook_index

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)
_NB_LINK = re.compile(r'href="(\d\d-[a-z0-9-]+)\.ipynb(#[^"]*)?"')
_REMOTE = re.compile(r'<(?:link|img|iframe|script)\b[^>]*(?:src|href)="(?:https?:)?//', re.I)
_STYLE = """
<style>
.report-nav{font-family:system-ui,sans-serif;background:#f4f4f4;border-bottom:1px solid #ddd;
 padding:.6em 1.2em;display:flex;gap:1.5em;font-size:14px}
.report-nav a{color:#0072B2;text-decoration:none}
</style>
"""


def execute(nb: nbformat.NotebookNode, workdir: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run a notebook top to bottom on a fresh kernel in ``workdir`` (``CORPUS_DIR`` is inherited).

    Widget state stored with the notebook (another corpus's) is dropped first, and none is stored.
    """
    nb.metadata.pop("widgets", None)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        store_widget_state=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()
    return nb


def drop_widgets(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove live-widget outputs and widget state; the static rendering beside each widget stays."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if WIDGET_MIME not in o.get("data", {})]
    nb.metadata.pop("widgets", None)
    return nb


def nav_html(names: Sequence[str], current: int) -> str:
    """Previous / index / next links for page ``current`` among ``names`` (stems)."""
    links = ['<a href="index.html">Index</a>']
    if current > 0:
        links.insert(0, f'<a href="{names[current - 1]}.html">&larr; {html.escape(names[current - 1])}</a>')
    if current < len(names) - 1:
        links.append(f'<a href="{names[current + 1]}.html">{html.escape(names[current + 1])} &rarr;</a>')
    return f'<nav class="report-nav">{"".join(links)}</nav>'


def render_page(nb: nbformat.NotebookNode, nav: str) -> str:
    """One notebook as a self-contained HTML page with no scripts and links rewritten to pages."""
    body, _ = HTMLExporter(
        template_name="lab", exclude_input_prompt=True, exclude_output_prompt=True
    ).from_notebook_node(nb)
    body = _SCRIPT.sub("", body)
    body = _NB_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
    body = body.replace("</head>", _STYLE + "</head>", 1)
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav, body, count=1)


def index_html(index_rows: list[dict[str, str]], title: str, question: str) -> str:
    """The report's front page: title, research question, and the notebooks with their questions."""
    items = "".join(
        f'<li><a href="{html.escape(Path(r["notebook"]).stem)}.html">{html.escape(r["title"])}</a>'
        f"<br><span>{html.escape(r['question'])}</span></li>"
        for r in index_rows
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>{_STYLE}"
        "<style>body{font-family:system-ui,sans-serif;max-width:52em;margin:2em auto;line-height:1.5}"
        "li{margin:.8em 0}span{color:#555}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p><strong>Research question:</strong> {html.escape(question)}</p>"
        f"<h2>Notebooks</h2><ol start='0'>{items}</ol>"
        "<p>Static report: every notebook was executed afresh; widgets appear as their static renderings.</p>"
        "</body></html>"
    )


def remote_references(page: str) -> list[str]:
    """Tags in a page that would fetch something from the network (should be none)."""
    return [m.group(0) for m in _REMOTE.finditer(page)]


def build_report(
    out_dir: Path, notebooks_dir: Path = NOTEBOOKS_DIR, *, run: bool = True, settings: Settings | None = None
) -> list[Path]:
    """Write ``index.html`` and one page per notebook into ``out_dir``; returns the pages written.

    The front page carries the corpus's title and question (``settings``, from its ``event.toml``).
    """
    index = notebook_index(notebooks_dir)
    names = [Path(n).stem for n in index["notebook"]]
    written = []
    for i, name in enumerate(names):
        nb = nbformat.read(notebooks_dir / f"{name}.ipynb", as_version=4)
        if run:
            execute(nb, notebooks_dir)
        page = render_page(drop_widgets(nb), nav_html(names, i))
        write_atomic(out_dir / f"{name}.html", page)
        written.append(out_dir / f"{name}.html")
    hub = index.iloc[0] if len(index) else None
    if settings is not None:
        title, question = settings.title, settings.question
    else:
        title = hub["title"].split("·", 1)[-1].strip() if hub is not None else "Report"
        question = hub["question"] if hub is not None else ""
    write_atomic(out_dir / "index.html", index_html(index.to_dict("records"), title, question))
    return [out_dir / "index.html", *written]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m helpers.report", description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default=str(config.REPO_ROOT / "build" / "report"))
    parser.add_argument("--no-execute", action="store_true", help="render the stored outputs without running")
    args = parser.parse_args(argv)
    config.pin_corpus_env()  # kernels run in notebooks/: a relative CORPUS_DIR must not change meaning there
    corpus, problems, _ = validated(config.corpus_dir())
    if problems or corpus is None:
        for problem in problems:
            print(problem)
        print(f"no report written: fix the {len(problems)} problem(s) above first", file=sys.stderr)
        return 1
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    pages = build_report(Path(args.out_dir), run=not args.no_execute, settings=corpus.settings)
    print(f"wrote {len(pages)} pages; open {pages[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
