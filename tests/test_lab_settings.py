"""The project's JupyterLab settings: no news or update prompt when make lab opens the hub."""

from __future__ import annotations

import json

from helpers import config


def test_overrides_turn_news_and_update_checks_off() -> None:
    overrides = json.loads((config.LAB_SETTINGS_DIR / "overrides.json").read_text(encoding="utf-8"))
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}


def test_make_lab_and_the_browser_tests_use_them() -> None:
    makefile = (config.REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    lab_flags = next(line for line in makefile.splitlines() if line.startswith("LAB_FLAGS"))
    assert "--LabApp.app_settings_dir=$(CURDIR)/.jupyter/lab/settings" in lab_flags
    assert any("$(LAB_FLAGS)" in line and "jupyter lab" in line for line in makefile.splitlines())
    conftest = (config.REPO_ROOT / "tests" / "browser" / "conftest.py").read_text(encoding="utf-8")
    assert "--LabApp.app_settings_dir={config.LAB_SETTINGS_DIR}" in conftest
