"""The pinned environment is one environment: requirements.txt, constraints.txt and environment.yml agree."""

from __future__ import annotations

import re

from helpers import config

ROOT = config.REPO_ROOT
#: conda-forge names that differ from PyPI names.
#: Where conda-forge spells a package differently from PyPI (requirements.txt).
CONDA_NAMES = {"pytest": "pytest", "lxml_html_clean": "lxml-html-clean"}


def pins(lines: list[str], pattern: str) -> dict[str, str]:
    found = {}
    for line in lines:
        m = re.match(pattern, line)
        if m:
            found[m.group(1).lower()] = m.group(2)
    return found


def requirements() -> dict[str, str]:
    return pins((ROOT / "requirements.txt").read_text().splitlines(), r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)")


def test_every_requirement_is_pinned_exactly() -> None:
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert re.match(r"^[A-Za-z0-9_.\-\[\]]+==[^\s]+$", line), f"requirements.txt: not an exact pin: {line}"


def test_environment_yml_lists_the_same_packages_at_the_same_versions() -> None:
    conda = pins((ROOT / "environment.yml").read_text().splitlines(), r"^\s+-\s+([A-Za-z0-9_.\-]+)=([^\s=#]+)\s*$")
    conda.pop("python", None)
    expected = {CONDA_NAMES.get(k, k): v for k, v in requirements().items()}
    assert conda == expected


def test_environment_yml_installs_the_package_and_python_311() -> None:
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+-\s+python=3\.11\s*$", text, re.M)
    assert re.search(r"^\s+-\s+-e \.\s*$", text, re.M)
    assert "conda-forge" in text


def test_constraints_pin_every_requirement_at_the_same_version() -> None:
    lock = pins((ROOT / "constraints.txt").read_text().splitlines(), r"^([A-Za-z0-9_.\-]+)==(\S+)")
    norm = {k.replace("_", "-"): v for k, v in lock.items()}
    for name, version in requirements().items():
        assert norm.get(name.replace("_", "-")) == version, f"constraints.txt pins {name} at {norm.get(name)}"


def test_constraints_are_all_exact_pins() -> None:
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            assert re.match(r"^[A-Za-z0-9_.\-]+==\S+$", line), line
