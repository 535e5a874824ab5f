"""JupyterLab on loopback for the browser tests: temp HOME, token, a copy of the notebooks, stopped by PID.

The notebooks are served from a temporary copy so that JupyterLab's autosave can never rewrite
the committed ones; the package and the corpus come from the installed ``helpers``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from helpers import config

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = config.REPO_ROOT / "build" / "screenshots"


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker naming the notebook whose page a browser test works on."""
    config.addinivalue_line("markers", "notebook(name): the test uses the session's run of this notebook")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark everything here as a browser test, skipped with a reason when Chromium is absent."""
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if CHROMIUM is None:
                item.add_marker(pytest.mark.skip(reason="Chromium not installed (apt-get install chromium)"))
    _group_by_notebook(items)


def _group_by_notebook(items: list[pytest.Item]) -> None:
    """Run the tests of one notebook back to back (stable, in the slots they held), so each runs once."""
    slots = [i for i, item in enumerate(items) if item.get_closest_marker("notebook")]
    marked = [items[i] for i in slots]
    rank: dict[str, int] = {}
    for item in marked:
        rank.setdefault(item.get_closest_marker("notebook").args[0], len(rank))
    marked.sort(key=lambda item: rank[item.get_closest_marker("notebook").args[0]])
    for slot, item in zip(slots, marked, strict=True):
        items[slot] = item


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(proc: subprocess.Popen, url: str, log: Path, what: str, seconds: float = 60) -> None:
    """Wait until ``url`` answers 200; fail with the server's log when it dies or the time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"{what} did not start; log:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)


def stop_server(proc: subprocess.Popen, log: IO[str]) -> None:
    """Stop a server started in its own session (its kernels too), then close its log."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    log.close()


def _quiet_settings(settings: Path) -> None:
    """Turn off cell windowing (news and update checks are off in the project's own overrides.json)."""
    # render every cell (no windowing), so widgets far down the notebook exist in the page
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))


#: The tests' second corpus (another, fictional event): the headline chart is also captured on it.
SECOND_CORPUS = config.REPO_ROOT / "tests" / "fixtures" / "second_corpus"


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """A running JupyterLab server on the shipped corpus: its base URL, token, served folder and PID."""
    yield from _serve(tmp_path_factory, config.DEFAULT_CORPUS_DIR)


@pytest.fixture(scope="session")
def lab_second(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """A second JupyterLab server whose notebooks read the tests' second corpus."""
    yield from _serve(tmp_path_factory, SECOND_CORPUS)


def _serve(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Iterator[dict[str, object]]:
    """Start JupyterLab on a copy of the notebooks and of ``corpus``; stop it when the session ends."""
    home = tmp_path_factory.mktemp("home")
    served = tmp_path_factory.mktemp("served")
    shutil.copytree(config.REPO_ROOT / "notebooks", served / "notebooks")
    # The notebooks read (and the coding workbench writes) a copy of the corpus, never the repository's.
    shutil.copytree(corpus, served / "corpus")
    _quiet_settings(home / "lab-settings")
    token = secrets.token_hex(16)
    port = _free_port()
    env = dict(
        os.environ,
        HOME=str(home),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "lab-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        STUDENT_DIR=str(home / "students"),
        CORPUS_DIR=str(served / "corpus"),
    )
    cmd = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        "--ip",
        "127.0.0.1",
        "--port",
        str(port),
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={served}",
        "--ServerApp.open_browser=False",
        "--LabApp.expose_app_in_browser=True",
        # the project's settings, as make lab uses them: no news or update prompts over the page
        f"--LabApp.app_settings_dir={config.LAB_SETTINGS_DIR}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = (home / "lab.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(proc, f"{base}/api/status?token={token}", home / "lab.log", "JupyterLab")
    try:
        yield {"base": base, "token": token, "served": served, "pid": proc.pid}
    finally:
        stop_server(proc, log)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless system Chromium driven by Playwright (never Playwright's own browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
