"""Which private names of the frameworks (Textual, Rich, asyncio, aiohttp, textual-serve, asyncssh,
CPython and its standard library) a module of tui/ touches, read from its source.

A private name is one with a leading underscore (not a dunder). It is a framework's, not ours,
when it is touched

- as a module or a name imported from outside the package: `from textual._compositor import
  ...`, `from x import _y`; or ctypes, which reaches below every name;
- on `self`, `cls` or `super()` in a class: when a framework class it inherits from (any class
  not in the package, looked up at run time) has it, as a method, a class attribute or a
  `self._x` it assigns; for a class made inside a function (its base known only when called),
  when a framework class the package uses has it, or the class does not define it itself;
- on anything else (`app._driver`, `getattr(loop, "_selector")`): when no class or module of
  the package defines it (outside the fence modules), or a framework class the package uses
  has it. So our own `admission._release(...)` is ours, while `app._size` is Textual's even
  though one of our classes has a `_size` of its own.

"A framework class the package uses" is every non-package class in the MRO of a package class,
and every class imported by name from outside the package.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE, SOURCE = "hustings", "tui"
# Underscore names that are public, documented API.
PUBLIC = {
    "_exit": "os._exit: documented; how a forked child ends without the parent's clean-up",
}
FENCES = (
    "tui/app/textual_private.py",
    "tui/app/rich_private.py",
    "tui/serve/fork/asyncio_private.py",
    "tui/serve/fork/cpython_private.py",
)
REFLECTION = {"getattr", "setattr", "hasattr", "delattr"}


@dataclass(frozen=True)
class Touch:
    path: str  # relative to the checkout
    line: int
    name: str  # the private identifier: "_driver", "textual._compositor", "ctypes"
    how: str  # the expression, for a reader

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.name} ({self.how})"


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root / SOURCE).with_suffix("").parts
    return ".".join((PACKAGE, *(parts[:-1] if parts[-1] == "__init__" else parts)))


def ours(cls: type, modules: frozenset[str] = frozenset()) -> bool:
    """Whether `cls` is the package's (or in one of `modules`, read as if they were)."""
    name = cls.__module__
    return name == PACKAGE or name.startswith(PACKAGE + ".") or name in modules


@functools.cache
def class_names(cls: type) -> frozenset[str]:
    """The private names `cls` itself has: in its namespace, slots, and `self._x` it assigns."""
    names = {name for name in vars(cls) if private(name)}
    slots = vars(cls).get("__slots__", ())
    names.update(name for name in ([slots] if isinstance(slots, str) else slots) if private(name))
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return frozenset(names)
    for node in ast.walk(tree):
        if _self_attribute(node) and private(node.attr):  # type: ignore[attr-defined]
            names.add(node.attr)  # type: ignore[attr-defined]
    return frozenset(names)


def foreign_names(cls: type, modules: frozenset[str] = frozenset()) -> dict[str, str]:
    """The private names `cls` inherits from framework classes: name -> the class's name."""
    found: dict[str, str] = {}
    for base in cls.__mro__:
        if not ours(base, modules):
            for name in class_names(base):
                found.setdefault(name, f"{base.__module__}.{base.__qualname__}")
    return found


class Package:
    """The package's sources, its classes as imported, and the names it defines itself."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.trees = {
            path: ast.parse(path.read_text("utf-8"))
            for path in sorted((root / SOURCE).rglob("*.py"))
        }
        self.fences = {root / fence for fence in FENCES}
        self.modules: frozenset[str] = frozenset()  # read as the package's too (see touches_in)
        self.classes: dict[ast.ClassDef, type | None] = {}
        used: set[type] = set()
        for path, tree in self.trees.items():
            module = importlib.import_module(module_name(root, path))
            for node, qualname in _class_defs(tree):
                cls = _lookup(module, qualname) if qualname else None
                self.classes[node] = cls
                if cls is not None:
                    used.update(base for base in cls.__mro__ if not ours(base))
            used.update(_imported_classes(tree))
        self.framework = {name for cls in used for name in class_names(cls)}
        defined = set()
        for path, tree in self.trees.items():
            if path not in self.fences:
                defined |= _defined_names(tree)
        self.own = defined - self.framework

    def touches(self, path: Path) -> list[Touch]:
        relative = str(path.relative_to(self.root))
        found: list[Touch] = []
        for line, name, how in _Scanner(self).scan(self.trees[path]):
            if name not in PUBLIC:
                found.append(Touch(relative, line, name, how))
        return found

    def everywhere(self) -> Iterator[tuple[Path, list[Touch]]]:
        for path in self.trees:
            yield path, self.touches(path)

    def touches_in(self, tree: ast.Module, module: object) -> list[tuple[int, str, str]]:
        """As `touches`, for a module outside the package (its classes looked up in `module`)."""
        for node, qualname in _class_defs(tree):
            self.classes[node] = _lookup(module, qualname) if qualname else None
        own, modules = self.own, self.modules
        self.own = own | (_defined_names(tree) - self.framework)
        self.modules = frozenset({getattr(module, "__name__", "")})
        try:
            return [found for found in _Scanner(self).scan(tree) if found[1] not in PUBLIC]
        finally:
            self.own, self.modules = own, modules


class _Scanner(ast.NodeVisitor):
    def __init__(self, package: Package) -> None:
        self.package = package
        self.found: list[tuple[int, str, str]] = []
        self.classes: list[ast.ClassDef] = []  # the enclosing classes, innermost last

    def scan(self, tree: ast.Module) -> list[tuple[int, str, str]]:
        self.visit(tree)
        return self.found

    def note(self, node: ast.AST, name: str, how: str) -> None:
        self.found.append((getattr(node, "lineno", 0), name, how))

    # -- imports -------------------------------------------------------------------------

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._module(node, alias.name, f"import {alias.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module:
            return  # relative: the package's own
        if not self._module(node, node.module, f"from {node.module} import ..."):
            for alias in node.names:
                if private(alias.name):
                    self.note(node, alias.name, f"from {node.module} import {alias.name}")

    def _module(self, node: ast.AST, dotted: str, how: str) -> bool:
        parts = dotted.split(".")
        if parts[0] == PACKAGE:
            return False
        if parts[0] == "ctypes":
            self.note(node, "ctypes", how)
            return True
        for index, part in enumerate(parts):
            if private(part):
                self.note(node, ".".join(parts[: index + 1]), how)
                return True
        return False

    # -- classes, and names defined in them ------------------------------------------------

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for statement in node.body:
            for name in _statement_names(statement):
                if private(name) and self._framework_on_class(node, name, defining=True):
                    self.note(statement, name, f"{node.name} defines {name}")
        self.classes.append(node)
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        # A function's own classes are visited with it; `self` in it is its class's.
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    # -- attributes ------------------------------------------------------------------------

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if private(node.attr):
            self._attribute(node, node.value, node.attr, ast.unparse(node))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if (
            isinstance(node.func, ast.Name) and node.func.id in REFLECTION and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
            and private(node.args[1].value)
        ):  # fmt: skip
            self._attribute(node, node.args[0], node.args[1].value, ast.unparse(node))
        self.generic_visit(node)

    def _attribute(self, node: ast.AST, receiver: ast.expr, name: str, how: str) -> None:
        on_self = (isinstance(receiver, ast.Name) and receiver.id in ("self", "cls")) or (
            isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name)
            and receiver.func.id == "super"
        )  # fmt: skip
        if on_self and self.classes:
            if self._framework_on_class(self.classes[-1], name, defining=False):
                self.note(node, name, how)
        elif name not in self.package.own or name in self.package.framework:
            self.note(node, name, how)

    def _framework_on_class(self, node: ast.ClassDef, name: str, defining: bool) -> bool:
        cls = self.package.classes.get(node)
        if cls is not None:
            return name in foreign_names(cls, self.package.modules)
        # Made inside a function: its bases are known only when it is called.
        if name in self.package.framework:
            return True
        return not defining and name not in _defined_names(node)


def _class_defs(tree: ast.Module) -> Iterator[tuple[ast.ClassDef, str | None]]:
    """Every class statement, with its qualified name (None: made inside a function)."""

    def walk(node: ast.AST, prefix: str | None) -> Iterator[tuple[ast.ClassDef, str | None]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                qualname = None if prefix is None else f"{prefix}{child.name}"
                yield child, qualname
                yield from walk(child, None if qualname is None else qualname + ".")
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                yield from walk(child, None)
            else:
                yield from walk(child, prefix)

    yield from walk(tree, "")


def _lookup(module: object, qualname: str) -> type | None:
    found: object = module
    for part in qualname.split("."):
        found = getattr(found, part, None)
    return found if isinstance(found, type) else None


def _imported_classes(tree: ast.Module) -> set[type]:
    """Classes imported by name from outside the package (`from textual.app import App`)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] == PACKAGE:
                continue
            try:
                module = importlib.import_module(node.module)
            except ImportError:
                continue
            for alias in node.names:
                value = getattr(module, alias.name, None)
                if isinstance(value, type):
                    found.add(value)
    return found


def _defined_names(tree: ast.AST) -> set[str]:
    """The private names a piece of source defines: functions, classes, assignments, and
    attributes it assigns on `self`."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif _self_attribute(node) and isinstance(node.ctx, ast.Store):  # type: ignore[attr-defined]
            names.add(node.attr)  # type: ignore[attr-defined]
    return {name for name in names if private(name)}


def _statement_names(statement: ast.stmt) -> list[str]:
    """The names a statement in a class body binds there."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [statement.name]
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
        targets = [statement.target]
    return [target.id for target in targets if isinstance(target, ast.Name)]


def _self_attribute(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )
