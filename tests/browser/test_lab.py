"""Every notebook opened in JupyterLab in headless Chromium: run all, no errors, widgets render and respond."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import config

from .conftest import SCREENSHOTS

NOTEBOOKS = sorted((config.REPO_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
#: Console messages that come from JupyterLab itself being offline, not from the package.
BENIGN_CONSOLE = re.compile(r"Failed to load resource|net::ERR_|favicon|lab/api/(news|extensions)|pypi", re.I)


def has_widgets(path: Path) -> bool:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return any(
        "application/vnd.jupyter.widget-view+json" in out.get("data", {})
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for out in cell["outputs"]
    )


def open_and_run(browser: object, lab: dict, name: str):
    """Open a notebook, run all cells once its kernel is ready, and wait until every cell has run."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: console.append(f"pageerror: {exc}"))
    # a workspace of its own per notebook, reset, so no tab from an earlier test is current
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
    nb = json.loads((config.REPO_ROOT / "notebooks" / name).read_text(encoding="utf-8"))
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
    return page, console


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(browser: object, lab: dict, path: Path) -> None:
    page, console = open_and_run(browser, lab, path.name)
    try:
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
    finally:
        page.close()


def test_claim_explorer_shows_the_quotes_of_the_selected_claim(browser: object, lab: dict) -> None:
    page, _ = open_and_run(browser, lab, "02-claims-by-source.ipynb")
    try:
        select = page.locator(".widget-dropdown select").first
        select.scroll_into_view_if_needed()
        explorer = select.locator("xpath=ancestor::div[contains(@class,'jp-OutputArea-output')][1]")
        before = explorer.inner_text()
        claim_id = select.evaluate("s => s.options[3].value").split()[0]
        select.select_option(index=3)
        page.wait_for_function(
            "([el, id]) => el.innerText.includes(id + ' (')", arg=[explorer.element_handle(), claim_id], timeout=10_000
        )
        after = explorer.inner_text()
        assert after != before
        assert explorer.locator("mark").count() >= 1, "the selected claim's quotes are highlighted"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        explorer.screenshot(path=str(SCREENSHOTS / "claim-explorer.png"))
    finally:
        page.close()


def test_timeline_filter_changes_the_table(browser: object, lab: dict) -> None:
    page, _ = open_and_run(browser, lab, "03-day-by-day.ipynb")
    try:
        dropdown = page.locator(".widget-dropdown", has=page.locator("label", has_text="article")).first
        dropdown.scroll_into_view_if_needed()
        output = dropdown.locator("xpath=ancestor::div[contains(@class,'jp-OutputArea-output')][1]")
        before = output.inner_text()
        dropdown.locator("select").select_option(index=1)
        page.wait_for_function("([el, b]) => el.innerText !== b", arg=[output.element_handle(), before], timeout=10_000)
        assert output.inner_text() != before
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        output.screenshot(path=str(SCREENSHOTS / "timeline-filter.png"))
    finally:
        page.close()


def test_classroom_exercise_gives_feedback(browser: object, lab: dict) -> None:
    page, _ = open_and_run(browser, lab, "06-classroom.ipynb")
    try:
        button = page.locator("button.widget-button", has_text=re.compile("check", re.I)).first
        button.scroll_into_view_if_needed()
        output = button.locator("xpath=ancestor::div[contains(@class,'jp-OutputArea-output')][1]")
        before = output.inner_text()
        choice = output.locator("input[type=radio], input[type=checkbox]").first
        if choice.count():
            choice.check()
        button.click()
        page.wait_for_function("([el, b]) => el.innerText !== b", arg=[output.element_handle(), before], timeout=10_000)
        assert len(output.inner_text()) > len(before), "clicking check shows feedback"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        output.screenshot(path=str(SCREENSHOTS / "classroom-exercise.png"))
    finally:
        page.close()


#: Views shown in the README: (notebook, text in the producing cell's input, element inside its output, file name).
README_VIEWS = [
    ("02-claims-by-source.ipynb", "show(matrix_styler(", "table", "claim-matrix.png"),
    ("03-day-by-day.ipynb", "day_chart(", "img", "day-by-day.png"),
    ("04-who-copied-whom.ipynb", "graph_figure(", "img", "derivation-graph.png"),
]


@pytest.mark.parametrize(("name", "cell_text", "element", "filename"), README_VIEWS, ids=[v[3] for v in README_VIEWS])
def test_readme_views_render(
    browser: object, lab: dict, name: str, cell_text: str, element: str, filename: str
) -> None:
    """The views the README shows are rendered in JupyterLab; each is captured to build/screenshots/."""
    page, _ = open_and_run(browser, lab, name)
    try:
        cell = page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea", has_text=cell_text)).first
        target = cell.locator(f".jp-OutputArea-output {element}").last
        target.scroll_into_view_if_needed()
        page.evaluate("el => el.scrollIntoView({block: 'start'})", target.element_handle())
        box = target.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 150, f"{name}: {element} not rendered"
        if element == "img":
            assert target.evaluate("img => img.complete && img.naturalWidth > 0"), f"{name}: chart image broken"
        viewport = page.viewport_size
        clip = {
            "x": box["x"],
            "y": max(box["y"], 0),
            "width": min(box["width"], viewport["width"] - box["x"]),
            "height": min(box["height"], viewport["height"] - max(box["y"], 0)),
        }
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / filename), clip=clip)
    finally:
        page.close()
