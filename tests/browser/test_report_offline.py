"""The static report opened offline in headless Chromium: charts and tables there, nothing failed to load."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.report import build_report

from .conftest import SCREENSHOTS


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    build_report(out, run=False)  # the stored outputs; `make report` executes afresh
    return out


def open_offline(browser: object, url: str):
    """A page that may load only file:// URLs; returns it with the lists of blocked and failed requests."""
    context = browser.new_context(offline=True)
    page = context.new_page()
    blocked: list[str] = []
    failed: list[str] = []

    def route(r: object) -> None:
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda req: failed.append(req.url))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, blocked, failed


def test_index_lists_every_notebook(browser: object, report: Path) -> None:
    page, blocked, failed = open_offline(browser, (report / "index.html").as_uri())
    try:
        links = page.locator("ol a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert links and all((report / href).is_file() for href in links)
        assert "Research question" in page.inner_text("body")
        assert blocked == [] and failed == []
    finally:
        page.context.close()


@pytest.mark.parametrize("name", ["02-claims-by-source", "03-day-by-day"])
def test_notebook_page_shows_charts_and_tables_offline(browser: object, report: Path, name: str) -> None:
    page, blocked, failed = open_offline(browser, (report / f"{name}.html").as_uri())
    try:
        assert blocked == [], f"{name}.html tried to fetch {blocked[:3]}"
        assert failed == []
        assert page.locator("table").count() >= 2
        images = page.locator("img")
        if name == "03-day-by-day":
            assert images.count() >= 1
        broken = images.evaluate_all("imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).length")
        assert broken == 0
        assert page.locator("nav.report-nav a[href='index.html']").count() == 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"report-{name}.png"))
    finally:
        page.context.close()
