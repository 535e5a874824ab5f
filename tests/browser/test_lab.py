"""Every notebook opened in JupyterLab in headless Chromium: run all, no errors, widgets render and respond.

Each notebook is opened and run once per session (the ``run_notebook`` fixture); the tests that use
one notebook run back to back (``notebook`` marker, grouped in conftest) on that one page, in file
order: the per-notebook checks first, then the widget interactions, then the README captures.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from helpers import config

from .conftest import SCREENSHOTS

NOTEBOOKS = sorted((config.REPO_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
#: Console messages that come from JupyterLab itself being offline, not from the package.
BENIGN_CONSOLE = re.compile(r"Failed to load resource|net::ERR_|favicon|lab/api/(news|extensions)|pypi", re.I)
#: The output area (one cell output) that holds an element.
OUTPUT_AREA = "xpath=ancestor::div[contains(@class,'jp-OutputArea-output')][1]"


def has_widgets(path: Path) -> bool:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return any(
        "application/vnd.jupyter.widget-view+json" in out.get("data", {})
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for out in cell["outputs"]
    )


class NotebookRun(NamedTuple):
    """A notebook's page after run-all, and the console errors seen on it (the list keeps growing)."""

    page: object
    console: list[str]


def open_and_run(browser: object, lab: dict, name: str) -> NotebookRun:
    """Open a notebook, run all cells once its kernel is ready, and wait until every cell has run."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        return _run_all(page, lab, name)
    except BaseException:
        page.close()
        raise


def _run_all(page: object, lab: dict, name: str) -> NotebookRun:
    """Run-all on a fresh page; see ``open_and_run``."""
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: console.append(f"pageerror: {exc}"))
    # a workspace of its own per notebook, reset, so no tab from an earlier notebook is current
    workspace = name.removesuffix(".ipynb")
    page.goto(f"{lab['base']}/lab/workspaces/{workspace}/tree/notebooks/{name}?reset&token={lab['token']}")
    page.wait_for_function(
        """name => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            return w && w.context && w.context.path.endsWith(name) && w.sessionContext
                && w.sessionContext.session; }""",
        arg=name,
        timeout=60_000,
    )
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.ready")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    # count the cells of the served copy: the one JupyterLab runs, fixed for the session
    nb = json.loads((Path(lab["served"]) / "notebooks" / name).read_text(encoding="utf-8"))
    n_code = sum(c["cell_type"] == "code" for c in nb["cells"])
    script = """n => {
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
        return prompts.length === n && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
    }"""
    try:
        page.wait_for_function(script, arg=n_code, timeout=180_000)
    except Exception:
        prompts = page.evaluate(
            "[...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent)"
        )
        page.screenshot(path=str(SCREENSHOTS.parent / f"failed-{name}.png"))
        pytest.fail(f"{name}: cells did not all run; prompts: {prompts} (expected {n_code} code cells)")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    return NotebookRun(page, console)


def close_run(run: NotebookRun) -> None:
    """Shut the notebook's kernel down and close its page."""
    with contextlib.suppress(Exception):  # a kernel that will not stop must not fail the next notebook's test
        run.page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    run.page.close()


@pytest.fixture(scope="session")
def run_notebook(browser: object, lab: dict) -> Iterator[Callable[[str], NotebookRun]]:
    """``run_notebook(name)``: the notebook's page after run-all, opened and run at most once per session.

    Only the current notebook's page stays open: tests are grouped by notebook, so asking for another
    closes it. A run that failed is reported again to each later test without being retried.
    """
    open_runs: dict[str, NotebookRun] = {}
    failures: dict[str, str] = {}
    done: set[str] = set()

    def run_once(name: str) -> NotebookRun:
        if name in failures:
            pytest.fail(failures[name])
        if name in open_runs:
            return open_runs[name]
        assert name not in done, f"{name} asked for after its page was closed: mark the test @pytest.mark.notebook"
        while open_runs:
            close_run(open_runs.popitem()[1])
        done.add(name)
        try:
            open_runs[name] = open_and_run(browser, lab, name)
        except (Exception, pytest.fail.Exception) as exc:
            failures[name] = str(exc) if name in str(exc) else f"{name}: {exc}"
            raise
        return open_runs[name]

    try:
        yield run_once
    finally:
        while open_runs:
            close_run(open_runs.popitem()[1])


def change_and_capture(
    page: object, anchor: object, action: Callable[[object], None], shot_name: str, expect: str | None = None
) -> tuple[object, str, str]:
    """Act on a widget and screenshot its output area once the text there changed (and shows ``expect``).

    Returns the output area's locator and its text before and after the action.
    """
    anchor.scroll_into_view_if_needed()
    output = anchor.locator(OUTPUT_AREA)
    before = output.inner_text()
    action(output)
    page.wait_for_function(
        "([el, b, want]) => el.innerText !== b && (!want || el.innerText.includes(want))",
        arg=[output.element_handle(), before, expect],
        timeout=10_000,
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    output.screenshot(path=str(SCREENSHOTS / shot_name))
    return output, before, output.inner_text()


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name, marks=pytest.mark.notebook(p.name)) for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(run_notebook: Callable[[str], NotebookRun], path: Path) -> None:
    page, console = run_notebook(path.name)
    stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    errors = [t for t in stderr.all_inner_texts() if re.search(r"Traceback|Error", t)]
    assert errors == [], f"{path.name}: error output in the browser: {errors[:1]}"
    body = page.locator(".jp-Notebook").inner_text()
    assert "Error displaying widget" not in body
    if has_widgets(path):
        page.wait_for_selector(".jupyter-widgets", timeout=30_000)
        assert page.locator(".jupyter-widgets").count() > 0, f"{path.name}: no widget rendered"
    own = [m for m in console if not BENIGN_CONSOLE.search(m)]
    assert own == [], f"{path.name}: browser console errors: {own[:3]}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{path.stem}.png"))


@pytest.mark.notebook("02-claims-by-source.ipynb")
def test_claim_explorer_shows_the_quotes_of_the_selected_claim(run_notebook: Callable[[str], NotebookRun]) -> None:
    page, _ = run_notebook("02-claims-by-source.ipynb")
    select = page.locator(".widget-dropdown select").first
    claim_id = select.evaluate("s => s.options[3].value").split()[0]
    explorer, before, after = change_and_capture(
        page, select, lambda _: select.select_option(index=3), "claim-explorer.png", expect=claim_id + " ("
    )
    assert after != before
    assert explorer.locator("mark").count() >= 1, "the selected claim's quotes are highlighted"


@pytest.mark.notebook("03-day-by-day.ipynb")
def test_timeline_filter_changes_the_table(run_notebook: Callable[[str], NotebookRun]) -> None:
    page, _ = run_notebook("03-day-by-day.ipynb")
    dropdown = page.locator(".widget-dropdown", has=page.locator("label", has_text="article")).first
    _, before, after = change_and_capture(
        page, dropdown, lambda _: dropdown.locator("select").select_option(index=1), "timeline-filter.png"
    )
    assert after != before


@pytest.mark.notebook("06-classroom.ipynb")
def test_classroom_exercise_gives_feedback(run_notebook: Callable[[str], NotebookRun]) -> None:
    page, _ = run_notebook("06-classroom.ipynb")
    button = page.locator("button.widget-button", has_text=re.compile("check", re.I)).first

    def answer_and_check(output: object) -> None:
        choice = output.locator("input[type=radio], input[type=checkbox]").first
        if choice.count():
            choice.check()
        button.click()

    _, before, after = change_and_capture(page, button, answer_and_check, "classroom-exercise.png")
    assert len(after) > len(before), "clicking check shows feedback"


@pytest.mark.notebook("07-coding-workbench.ipynb")
def test_workbench_accepts_a_suggestion_and_saves_a_valid_coding(
    run_notebook: Callable[[str], NotebookRun], lab: dict
) -> None:
    from helpers.cli import run_validate

    page, _ = run_notebook("07-coding-workbench.ipynb")
    corpus_dir = Path(lab["served"]) / "corpus"
    before = (corpus_dir / "evidence.csv").read_text(encoding="utf-8")
    accept = page.locator(".widget-toggle-buttons button", has_text="accept").first
    accept.scroll_into_view_if_needed()
    accept.click()
    save = page.locator("button.widget-button", has_text="Save accepted").first
    save.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-html')].some(e => /Saved|Not saved/.test(e.innerText))",
        timeout=15_000,
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    save.locator(OUTPUT_AREA).screenshot(path=str(SCREENSHOTS / "coding-workbench.png"))
    after = (corpus_dir / "evidence.csv").read_text(encoding="utf-8")
    assert after.startswith(before) and after.count("\n") == before.count("\n") + 1, "one row appended"
    problems, _ = run_validate(corpus_dir)
    assert [p for p in problems if not p.warning] == []


#: Views shown in the README: (notebook, text in the producing cell's input, element inside its output, file name).
README_VIEWS = [
    ("02-claims-by-source.ipynb", "matrix_styler(", "table", "claim-matrix.png"),
    ("03-day-by-day.ipynb", "collapse_chart(", "img", "day-by-day.png"),
    ("04-who-copied-whom.ipynb", "graph_figure(", "img", "derivation-graph.png"),
]


@pytest.mark.parametrize(
    ("name", "cell_text", "element", "filename"),
    [pytest.param(*view, id=view[3], marks=pytest.mark.notebook(view[0])) for view in README_VIEWS],
)
def test_readme_views_render(
    run_notebook: Callable[[str], NotebookRun], name: str, cell_text: str, element: str, filename: str
) -> None:
    """The views the README shows are rendered in JupyterLab; each is captured to build/screenshots/."""
    page, _ = run_notebook(name)
    capture_output(page, cell_text, element, SCREENSHOTS / filename)


def capture_output(page: object, cell_text: str, element: str, path: Path) -> dict[str, float]:
    """Screenshot the ``element`` in the output of the code cell whose input shows ``cell_text``; its box."""
    cell = page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea", has_text=cell_text)).first
    target = cell.locator(f".jp-OutputArea-output {element}").last
    target.scroll_into_view_if_needed()
    page.evaluate("el => el.scrollIntoView({block: 'start'})", target.element_handle())
    box = target.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 150, f"{element} not rendered"
    if element == "img":
        assert target.evaluate("img => img.complete && img.naturalWidth > 0"), "chart image broken"
    viewport = page.viewport_size
    clip = {
        "x": box["x"],
        "y": max(box["y"], 0),
        "width": min(box["width"], viewport["width"] - box["x"]),
        "height": min(box["height"], viewport["height"] - max(box["y"], 0)),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), clip=clip)
    return box


def test_headline_chart_renders_on_the_second_corpus(browser: object, lab_second: dict) -> None:
    """The day-by-day headline, as a person sees it, on another event's corpus (its own title, its own days)."""
    run = open_and_run(browser, lab_second, "03-day-by-day.ipynb")
    try:
        page = run.page
        capture_output(page, "collapse_chart(", "img", SCREENSHOTS / "day-by-day-second-corpus.png")
        body = page.locator(".jp-Notebook").inner_text()
        assert "The Halden paint works fire" in body and "Assad" not in body
    finally:
        close_run(run)
