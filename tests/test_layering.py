"""Arrows only point down: the data layer never imports Textual, and compare and the writers
never import the loader. Read from the source (every import, lazy ones included), so a new
import that breaks the layering fails here before it ships.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "tui"
DATA_LAYER = (
    "tui.policy.model", "tui.policy.policy_set", "tui.policy.problems", "tui.policy.sanitize",
    "tui.policy.files", "tui.proof.load", "tui.policy.validate", "tui.proof.checks",
    "tui.proof.relations", "tui.proof.provenance", "tui.proof.figures", "tui.proof.figure_proofs",
    "tui.compare.eras", "tui.compare.flags", "tui.compare.comparison", "tui.policy.formatting",
)  # fmt: skip
LOADER = {
    "tui.proof.load",
    "tui.proof.checks",
    "tui.policy.files",
    "tui.proof.relations",
    "tui.policy.validate",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports anywhere in it, relative imports made absolute."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


GRAPH = {module_name(path): imports_of(path) for path in PACKAGE.rglob("*.py")}


def reachable(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        current = todo.pop()
        for target in GRAPH.get(current, ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def writers() -> list[str]:
    """The views of a Comparison. (readme_tables writes the format guide's reference tables
    from the checks' own definitions; it draws no comparison.)"""
    return sorted(
        name
        for name in GRAPH
        if name.startswith("tui.output.") and name != "tui.output.readme_tables"
    )


@pytest.mark.parametrize("module", [*DATA_LAYER, *writers()])
def test_the_data_layer_never_imports_textual(module: str) -> None:
    assert module in GRAPH, f"{module} is not in the package"
    bad = sorted(m for m in reachable(module) if m.split(".")[0] == "textual")
    assert not bad, f"{module} reaches {bad}"


@pytest.mark.parametrize(
    "module", ["tui.compare.comparison", "tui.compare.flags", "tui.compare.eras", *writers()]
)
def test_compare_and_the_writers_never_import_the_loader(module: str) -> None:
    bad = sorted(reachable(module) & LOADER)
    assert not bad, f"{module} reaches the loader through {bad}"


def test_at_run_time_too() -> None:
    """Importing every data-layer module and writer loads no Textual at all."""
    modules = [*DATA_LAYER, *writers()]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
