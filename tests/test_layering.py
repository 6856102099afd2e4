"""Arrows only point down, package by package. Read from the source (every import, lazy ones
included), so a new import that breaks the layering fails here before it ships.

The data layer (policy, proof, compare, races, output) never imports Textual: it is usable as a
library, and `check`, `table` and the exports pay nothing for the app. ARCHITECTURE.md draws the
same picture in words.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "tui"
DATA_LAYER = ("policy", "proof", "compare", "races", "output")
# What each package may import of ours, besides itself. `cli` is a module, not a package.
MAY_IMPORT: dict[str, set[str]] = {
    "policy": set(),  # the format, problems and safe text: the bottom
    "proof": {"policy"},
    "compare": {"policy"},
    "races": {"policy", "proof", "compare"},
    "output": {"policy", "compare"},  # the views of a Comparison: never the loader
    "app": set(DATA_LAYER),
    "serve": {*DATA_LAYER, "app"},
    "cli": {*DATA_LAYER, "app", "serve"},
}
# Imports of ours that may only be made inside a function, where a command needs them: the
# command line imports each command's modules when it runs (start-up is a feature), and a demo
# server builds the app only in its session template or a session.
ONLY_LAZILY: dict[str, set[str]] = {"cli": set(MAY_IMPORT) - {"cli"}, "serve": {"app"}}
# How a fenced framework name is described (app/private_names.py): plain data that imports no
# framework and nothing of ours, so the session machinery's own fences may import it at once.
AT_ONCE = {"tui.app", "tui.app.private_names"}
# One module's own reason to reach further: the format guide's reference tables document the
# words each proof uses and which figure table each topic takes (proof's definitions); it draws
# no comparison, and nothing of ours imports it (tests and `python -m` run it).
EXCEPTIONS: dict[str, set[str]] = {"tui.output.readme_tables": {"proof"}}
# Within serve: the shared rules and the session machinery sit under both demos, which never
# reach into each other.
APART = (("tui.serve.ssh", "tui.serve.web"), ("tui.serve.web", "tui.serve.ssh"))


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> dict[str, bool]:
    """Every module `path` imports anywhere in it, relative imports made absolute, each with
    whether it is imported only inside a function (lazily)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: dict[str, bool] = {}

    def note(target: str, lazy: bool) -> None:
        found[target] = found.get(target, True) and lazy

    def visit(node: ast.AST, lazy: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                note(alias.name, lazy)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            note(base, lazy)
            for alias in node.names:
                note(f"{base}.{alias.name}", lazy)
        inside = lazy or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        for child in ast.iter_child_nodes(node):
            visit(child, inside)

    visit(ast.parse(path.read_text("utf-8")), False)
    return found


GRAPH = {module_name(path): imports_of(path) for path in PACKAGE.rglob("*.py")}


def _at_once(target: str) -> bool:
    """An import of AT_ONCE's: the module itself, or a name from it."""
    return target in AT_ONCE or target.rpartition(".")[0] == "tui.app.private_names"


def layer(module: str) -> str | None:
    """The package of ours a module name is in ("proof" for tui.proof.load), or None."""
    parts = module.split(".")
    if parts[0] != "tui" or len(parts) < 2 or parts[1] == "__version__":
        return None
    return parts[1]


def test_every_package_is_named() -> None:
    """A new package (or top-level module) of tui/ is given its place here before it ships."""
    named = {layer(module) for module in GRAPH} - {None}
    assert named == set(MAY_IMPORT)


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if layer(m)))
def test_each_module_imports_only_the_packages_below_its_own(module: str) -> None:
    own = layer(module)
    assert own is not None
    allowed = MAY_IMPORT[own] | EXCEPTIONS.get(module, set())
    bad = {target for target in GRAPH[module] if layer(target) not in {None, own, *allowed}}
    assert not bad, f"{module} ({own}) imports {sorted(bad)}"
    eager = {
        target
        for target, lazy in GRAPH[module].items()
        if not lazy and layer(target) in ONLY_LAZILY.get(own, set()) and not _at_once(target)
    }
    assert not eager, f"{module} imports {sorted(eager)} outside a function"


@pytest.mark.parametrize(("one", "other"), APART)
def test_the_two_demos_never_import_each_other(one: str, other: str) -> None:
    for module in GRAPH:
        if module == one or module.startswith(one + "."):
            bad = sorted(t for t in GRAPH[module] if t == other or t.startswith(other + "."))
            assert not bad, f"{module} imports {bad}"


def reachable(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        current = todo.pop()
        for target in GRAPH.get(current, ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def data_layer() -> list[str]:
    return sorted(module for module in GRAPH if layer(module) in DATA_LAYER)


@pytest.mark.parametrize("module", data_layer())
def test_the_data_layer_never_imports_textual(module: str) -> None:
    bad = sorted(m for m in reachable(module) if m.split(".")[0] == "textual")
    assert not bad, f"{module} reaches {bad}"


def test_at_run_time_too() -> None:
    """Importing every module of the data layer loads no Textual at all."""
    modules = [module.replace("tui", "hustings", 1) for module in data_layer()]
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


def test_what_serve_may_import_at_once_imports_nothing_itself() -> None:
    """app/private_names.py and app/__init__.py: importing them loads no framework."""
    for module in AT_ONCE:
        path = PACKAGE.joinpath(*module.split(".")[1:])
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        tree = ast.parse(path.read_text("utf-8"))
        imported = {
            alias.name if isinstance(node, ast.Import) else (node.module or "")
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        assert imported <= {"__future__", "dis", "importlib", "inspect", "collections.abc",
                             "dataclasses", "textwrap"}, (module, imported)  # fmt: skip
