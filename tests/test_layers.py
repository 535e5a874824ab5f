"""The package imports only downward: each subpackage from the layers below it, and no modules import each other.

Every ``import`` and ``from ... import`` of every module under ``helpers/`` is read with :mod:`ast`
(imports inside functions and ``importlib.import_module("helpers...")`` too: a lazy import is still a
dependency). The layer order is ``docs/design.md``'s "Layers" section.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from helpers import config

PACKAGE = config.REPO_ROOT / "helpers"

#: The layers, lowest first. A module may import its own subpackage and anything in a lower layer;
#: never a higher layer, and never another subpackage of its own layer. ``helpers`` is the package's
#: face (``helpers/__init__.py``), which only notebooks and tests import.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("config",),
    ("core",),
    ("display",),
    ("corpus",),
    ("temporal", "reuse"),
    ("sourcing",),
    ("claims",),
    ("timeline",),
    ("classroom",),
    ("cli",),
    ("report", "__main__"),
    ("helpers",),
)

def module_name(path: Path) -> str:
    """``helpers/claims/coding.py`` → ``helpers.claims.coding``; a package's ``__init__.py`` → the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def exists(name: str) -> bool:
    """Whether ``name`` (dotted, under ``helpers``) is a module or a package of the source tree."""
    base = PACKAGE.parent.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imported(tree: ast.AST, here: str) -> set[str]:
    """The ``helpers`` modules a module imports, each resolved to the deepest module or package named."""
    found: set[str] = set()
    package = here if (PACKAGE.parent.joinpath(*here.split(".")) / "__init__.py").is_file() else here.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "helpers")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import: resolve against this module's package
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "helpers":
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if exists(full) else base)  # a submodule, or a name from the module
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module":
            arg = node.args[0] if node.args else None  # importlib.import_module("helpers.x"): an import all the same
            if isinstance(arg, ast.Constant) and str(arg.value).split(".")[0] == "helpers":
                found.add(str(arg.value))
    return found


def import_graph() -> dict[str, set[str]]:
    """Every module under ``helpers/`` and the ``helpers`` modules it imports."""
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        graph[name] = imported(ast.parse(path.read_text(encoding="utf-8"), str(path)), name) - {name}
    return graph


def subpackage(module: str) -> str:
    """The layer name of a module: its subpackage (``claims``), a top module (``cli``), or ``helpers``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "helpers"


def layer(module: str) -> int:
    """The index in :data:`LAYERS` of a module's subpackage."""
    sub = subpackage(module)
    for i, names in enumerate(LAYERS):
        if sub in names:
            return i
    raise AssertionError(f"{module}: subpackage '{sub}' is in no layer; add it to LAYERS and docs/design.md")


def upward(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(importer, imported) pairs where a module imports another subpackage of its own layer or above."""
    return [
        (module, target)
        for module in sorted(graph)
        for target in sorted(graph[module])
        if subpackage(target) != subpackage(module) and layer(target) >= layer(module)
    ]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly (a pair) or round a longer loop."""
    net = nx.DiGraph((a, b) for a, targets in graph.items() for b in targets)
    return sorted(sorted(group) for group in nx.strongly_connected_components(net) if len(group) > 1)


GRAPH = import_graph()


def test_the_graph_is_read() -> None:
    """The parser sees the package: the CLI imports several subpackages; an import inside a function counts."""
    assert {"helpers.cli", "helpers.claims.coding", "helpers.core.files"} <= set(GRAPH)
    assert {"helpers.corpus.load", "helpers.config"} <= GRAPH["helpers.cli"]
    assert "helpers.claims.suggest" in GRAPH["helpers.cli"]  # imported inside run_suggest
    hidden = ast.parse("from importlib import import_module\nimport_module('helpers.claims.suggest')\n")
    assert imported(hidden, "helpers.claims") == {"helpers.claims.suggest"}


def test_imports_run_downward() -> None:
    """A module imports only its own subpackage and lower layers."""
    found = [f"{a} (layer {LAYERS[layer(a)]}) imports {b}" for a, b in upward(GRAPH)]
    assert not found, "imports running up or sideways:\n" + "\n".join(found)


def test_no_modules_import_each_other() -> None:
    """No two modules import each other, directly or round a loop (a package's ``__init__`` counts)."""
    assert not cycles(GRAPH), f"modules importing each other: {cycles(GRAPH)}"


def test_the_layers_name_every_subpackage_once() -> None:
    """Every subpackage and top module has one layer, and the layers name nothing that is gone."""
    names = [n for names in LAYERS for n in names]
    assert len(names) == len(set(names))
    present = {subpackage(m) for m in GRAPH}
    assert present == set(names), f"LAYERS and helpers/ differ: {present ^ set(names)}"


def test_a_violation_is_caught() -> None:
    """An upward import, a sideways one and a pair importing each other are each reported."""
    tree = ast.parse("from helpers.timeline.dated import events\nfrom helpers import config\nimport helpers.reuse\n")
    assert imported(tree, "helpers.temporal.grammar") == {"helpers.timeline.dated", "helpers.config", "helpers.reuse"}
    graph = {
        "helpers.temporal.grammar": {"helpers.timeline.dated", "helpers.config", "helpers.reuse"},
        "helpers.timeline.dated": {"helpers.temporal.grammar"},
    }
    assert upward(graph) == [
        ("helpers.temporal.grammar", "helpers.reuse"),
        ("helpers.temporal.grammar", "helpers.timeline.dated"),
    ]
    assert cycles(graph) == [["helpers.temporal.grammar", "helpers.timeline.dated"]]
    loop = {
        "helpers.core.a": {"helpers.core.b"},
        "helpers.core.b": {"helpers.core.c"},
        "helpers.core.c": {"helpers.core.a"},
    }
    assert cycles(loop) == [["helpers.core.a", "helpers.core.b", "helpers.core.c"]]
    assert upward(loop) == []  # inside one subpackage: only the loop check sees it


def test_the_design_document_shows_the_same_order() -> None:
    """``docs/design.md``'s "Layers" line names the layers of :data:`LAYERS`, in order."""
    text = (config.REPO_ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("config →"))
    shown = tuple(tuple(n.split(" (")[0].strip() for n in step.split("·")) for step in line.split("→"))
    assert shown == LAYERS
