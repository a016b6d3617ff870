"""The import graph of usm_docgen has no cycle, and the command line is its top.

Every way one module reaches another counts: ``import`` and ``from … import`` at the top, in
a function, under ``if TYPE_CHECKING``, and a module named in a string (``importlib.
import_module("usm_docgen.reference")``, ``app.setup_extension("usm_docgen.sphinx_svg")``).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "usm_docgen"


def imports(package: Path) -> dict[str, set[str]]:
    """Module → the package's modules it reaches, by every way listed above."""
    name = package.name
    modules = {p.stem for p in package.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in sorted(package.glob("*.py")):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            named: list[str] = []
            if isinstance(node, ast.Import):
                named = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module is not None:
                if node.level == 0 and node.module == name:
                    named = [f"{name}.{a.name}" for a in node.names]
                elif node.level == 0:
                    named = [node.module]
                else:  # relative: from . import x, from .x import y
                    named = [f"{name}.{node.module}"]
            elif isinstance(node, ast.ImportFrom):
                named = [f"{name}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                named = [node.value]
            for dotted in named:
                parts = dotted.split(".")
                if parts[0] == name and len(parts) > 1 and parts[1] in modules:
                    found.add(parts[1])
        found.discard(path.stem)
        graph[path.stem] = found
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_package_has_no_import_cycle() -> None:
    graph = imports(PACKAGE)
    assert {"cli", "build", "render", "reference", "scaffold", "sphinx_ext"} <= set(graph)
    found = cycles(graph)
    detail = [{m: sorted(graph[m] & set(group)) for m in group} for group in found]
    assert found == [], detail


def test_nothing_imports_the_command_line() -> None:
    """cli is the top: only the ``python -m usm_docgen`` entry point reaches it."""
    importers = sorted(m for m, deps in imports(PACKAGE).items() if "cli" in deps)
    assert importers == ["__main__"]


def test_the_reference_reads_the_same_description_as_the_command_line() -> None:
    graph = imports(PACKAGE)
    assert "commands" in graph["cli"] and "commands" in graph["reference"]


def test_every_kind_of_import_is_counted(tmp_path: Path) -> None:
    """The check finds a cycle made by each way of importing, so it can fail."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", "utf-8")
    ways = {
        "top": "from pkg import a\n",
        "function": "def f():\n    from pkg.a import x\n",
        "typing": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.a\n",
        "importlib": "import importlib\nm = importlib.import_module('pkg.a')\n",
        "relative": "from .a import x\n",
    }
    (package / "a.py").write_text(f"from pkg import {', '.join(ways)}\nx = 1\n", "utf-8")
    for way, text in ways.items():
        (package / f"{way}.py").write_text(text, "utf-8")
    graph = imports(package)
    for way in ways:
        assert "a" in graph[way], way
    assert cycles(graph) == [sorted(["a", *ways])]
    (package / "a.py").write_text("x = 1\n", "utf-8")
    assert cycles(imports(package)) == []
