"""Any laptop: every module of ``helpers`` imports where the POSIX-only modules are missing (as on Windows).

``os.name`` itself is not faked: set to ``"nt"`` on Linux, pathlib and filelock would pick their Windows
implementations, which need the ``nt`` and ``msvcrt`` modules only Windows has. What can be checked here is
that nothing of ours reaches for a POSIX-only module or function.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from helpers import config

#: Standard modules that exist on Linux and macOS only; a Windows Python has none of them.
POSIX_ONLY = ("fcntl", "pwd", "grp", "termios", "resource", "posix")

#: Functions of :mod:`os` that a Windows Python lacks.
POSIX_ONLY_OS = ("uname", "fork", "getuid", "geteuid", "chown", "killpg", "setsid", "getpgid")

#: Run in a fresh interpreter: hide the POSIX-only modules, then import every module. (``os.uname``, also
#: missing on Windows, stays: numpy calls it on Linux; :func:`test_no_module_uses_posix_only_names` covers it.)
SCRIPT = textwrap.dedent(
    f"""
    import sys
    for name in {POSIX_ONLY!r}:
        if name != "posix":  # os itself is built on posix; hide only what a module would import by name
            sys.modules[name] = None  # 'import fcntl' now raises ImportError, as on Windows
    import importlib, pkgutil
    import helpers
    walked = pkgutil.walk_packages(helpers.__path__, "helpers.")
    names = sorted(m.name for m in walked if not m.name.endswith("__main__"))  # __main__ would run the CLI
    for name in names:
        importlib.import_module(name)
    from helpers import config
    from helpers.cli import run_validate
    from helpers.core.files import locked, write_atomic  # without fcntl, filelock falls back to a soft lock
    from pathlib import Path
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "answers.csv"
        with locked(target):
            write_atomic(target, "a,b\\n")
        problems, _ = run_validate(config.DEFAULT_CORPUS_DIR)  # a whole command runs too
        print(len(names), target.read_text(encoding="utf-8").strip(), len(problems))
    """
)


def test_every_module_imports_without_posix_only_modules() -> None:
    """Every module imports with fcntl and friends missing; a locked save and ``validate`` still work."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=config.REPO_ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    count, content, problems = done.stdout.split()
    assert int(count) > 50  # every module was reached, not only the package
    assert content == "a,b"
    assert problems == "0"


def test_the_check_catches_a_posix_only_import() -> None:
    """The same hiding makes a plain ``import fcntl`` fail, so the test above would catch one."""
    hide = "import sys; sys.modules['fcntl'] = None\ntry:\n    import fcntl\nexcept ImportError:\n    print('hidden')"
    done = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "hidden"


def test_no_module_uses_posix_only_names() -> None:
    """No source file of ``helpers`` imports a POSIX-only module (even lazily) or calls ``os.uname``."""
    import ast

    for path in sorted((config.REPO_ROOT / "helpers").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not {n.split(".")[0] for n in names} & set(POSIX_ONLY), f"{path}: imports {names}"
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
                assert node.attr not in POSIX_ONLY_OS, f"{path}:{node.lineno}: os.{node.attr} is not on Windows"
