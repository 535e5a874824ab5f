"""The static report: an index, one page per notebook, offline (no scripts, no remote fetches)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import config
from helpers import report as report_cli
from helpers.display.notebook import NOTEBOOKS_DIR
from helpers.report import build_report, nav_html, remote_references


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    build_report(out, run=False)
    return out


def test_one_page_per_notebook_plus_index(report: Path) -> None:
    expected = {p.stem + ".html" for p in NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")} | {"index.html"}
    assert {p.name for p in report.iterdir()} == expected


def test_pages_are_offline_and_script_free(report: Path) -> None:
    for page in report.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower(), page.name
        assert remote_references(text) == [], page.name


def test_links_between_notebooks_point_at_pages(report: Path) -> None:
    hub = (report / "00-overview.html").read_text(encoding="utf-8")
    assert 'href="01-corpus.html"' in hub
    assert '.ipynb"' not in hub
    index = (report / "index.html").read_text(encoding="utf-8")
    assert 'href="00-overview.html"' in index and "Research question" in index


def test_charts_are_embedded(report: Path) -> None:
    assert "data:image/png;base64," in (report / "01-corpus.html").read_text(encoding="utf-8")


def test_nav_links() -> None:
    nav = nav_html(["00-a", "01-b", "02-c"], 1)
    assert 'href="00-a.html"' in nav and 'href="02-c.html"' in nav and 'href="index.html"' in nav
    assert "02-c" not in nav_html(["00-a", "01-b", "02-c"], 2).split("index.html")[1]


def test_main_validates_the_corpus_before_running_anything(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus_copy / config.ARTICLES_DIRNAME / "ft.txt").write_text("changed", encoding="utf-8")
    monkeypatch.setenv(config.CORPUS_ENV, str(corpus_copy))

    def must_not_run(*_a: object, **_k: object) -> list[Path]:
        raise AssertionError("build_report ran on an invalid corpus")

    monkeypatch.setattr(report_cli, "build_report", must_not_run)
    assert report_cli.main([str(tmp_path / "out")]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines and all(line.startswith(f"{corpus_copy}") for line in lines)
    assert any("sha256" in line for line in lines)
    assert "Traceback" not in out + err and not (tmp_path / "out").exists()


def test_a_relative_corpus_dir_is_pinned_before_kernels_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(config.CORPUS_ENV, "my-corpus")
    config.pin_corpus_env()
    assert os.environ[config.CORPUS_ENV] == str(tmp_path / "my-corpus")
